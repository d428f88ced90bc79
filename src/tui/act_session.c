/*
 * act_session is the desk screen at a hall door on a training day (F11, or
 * `frontdesk --session`): every scan, from the USB scanner or the camera, is
 * an attendance record (action_attend, the same act as `frontdesk attend`),
 * answered big on the screen and with the terminal bell, so a laptop at the
 * door can run hands-free while people walk past showing their badges.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/attend.h"
#include "frontdesk/actions/sessions.h"
#include "frontdesk/programme.h"
#include "frontdesk/xmalloc.h"
#include "i18n.h"
#include "ui.h"

void act_door_open(struct ui *ui)
{
	programme_free(ui->door.programme);
	ui->door.programme = action_sessions(ui->desk);
	ui->door.chosen = -1;
	ui->input[0] = '\0';
	act_close_card(ui);
	ui->view = VIEW_SESSION;
	if (ui->door.programme->n == 0) {
		ui_say(ui, TONE_WARN,
		       _("还没有课程表：请用 frontdesk import --sessions sessions.csv 导入"));
	} else {
		ui_say(ui, TONE_INFO, NULL);
	}
}

void act_door_close(struct ui *ui)
{
	if (ui->door.has_last) {
		action_attend_release(&ui->door.last);
		ui->door.has_last = false;
	}
	programme_free(ui->door.programme);
	ui->door.programme = NULL;
	if (ui->view == VIEW_SESSION) {
		ui->view = VIEW_MAIN;
	}
}

static enum ui_tone tone_of(const struct attend_result *r, enum action_status status)
{
	if (status == ACTION_BAD_INPUT || status == ACTION_FAILED || !r->found) {
		return TONE_BAD;
	}
	switch (r->decision.colour) {
	case ATTEND_GREEN:
		return TONE_GOOD;
	case ATTEND_AMBER:
		return TONE_WARN;
	case ATTEND_RED:
		break;
	}
	return TONE_BAD;
}

/* Records order and shows its answer big, with the bell. */
static void attend(struct ui *ui, const struct attend_order *order)
{
	struct ui_door *d = &ui->door;

	if (d->has_last) {
		action_attend_release(&d->last);
	}
	enum action_status status = action_attend(ui->desk, order, &d->last);
	d->has_last = true;
	ui_say(ui, tone_of(&d->last, status), d->last.message);
	ui->input[0] = '\0';
	/* hands-free: the person at the door hears that the badge was read */
	beep();
}

void act_door_scan(struct ui *ui, const char *code)
{
	const struct programme *p = ui->door.programme;
	long chosen = ui->door.chosen;
	struct attend_order order = {
	    .query = code,
	    .session_id =
	        chosen >= 0 && p != NULL && (size_t)chosen < p->n ? p->sessions[chosen].id : NULL,
	    .sign_out = ui->door.sign_out,
	};

	attend(ui, &order);
}

void act_door_excuse(struct ui *ui, const char *who, const char *reason, const char *pin)
{
	const struct ui_door *d = &ui->door;
	const char *session = NULL;
	char *message = NULL;

	if (d->chosen >= 0 && d->programme != NULL && (size_t)d->chosen < d->programme->n) {
		session = d->programme->sessions[d->chosen].id;
	} else if (d->has_last && d->last.has_session) {
		session = d->last.session.id;
	}
	if (session == NULL) {
		ui_say(ui, TONE_WARN, _("请先用 F3 选择请假的课程"));
		return;
	}
	char *id = xstrdup(session);
	enum action_status status = action_excuse(ui->desk, who, id, reason, pin, &message);
	ui_say(ui, status == ACTION_OK ? TONE_GOOD : TONE_BAD, message);
	free(message);
	free(id);
}

void act_door_override(struct ui *ui, const char *reason, const char *pin)
{
	const struct attend_result *last = &ui->door.last;

	if (!ui->door.has_last || !last->decision.overridable || !last->has_session) {
		return;
	}
	/* the order's strings are copied: attend releases the answer they come from */
	char *reg_no = xstrdup(last->reg_no);
	char *session = xstrdup(last->session.id);
	struct attend_order order = {reg_no, session, false, NULL, pin, reason};
	attend(ui, &order);
	free(reg_no);
	free(session);
}

bool act_door_key(struct ui *ui, unsigned int ch)
{
	struct ui_door *d = &ui->door;
	long n = d->programme ? (long)d->programme->n : 0;

	if (ch == KEY_F(2)) {
		d->sign_out = !d->sign_out;
	} else if (ch == KEY_F(3)) {
		d->chosen = d->chosen + 1 < n ? d->chosen + 1 : -1;
	} else if (ch == KEY_F(8)) {
		act_open_dialog(ui, DIALOG_DOOR_EXCUSE);
		return true;
	} else if (ch == KEY_F(4)) {
		if (d->has_last && d->last.decision.overridable) {
			act_open_dialog(ui, DIALOG_DOOR_OVERRIDE);
		}
		return true;
	} else {
		return false;
	}
	if (d->has_last) {
		action_attend_release(&d->last);
		d->has_last = false;
	}
	ui_say(ui, TONE_INFO, NULL);
	return true;
}
