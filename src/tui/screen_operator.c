/*
 * screen_operator asks who is at the desk: at start (the name this desk
 * remembers is filled in, so Enter keeps it) and whenever F9 is pressed.
 * Every journal entry and export row carries the name, so the question comes
 * before the first scan. Typing here never searches and never fires a
 * command; Enter records the name through action_set_operator.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/xmalloc.h"
#include "i18n.h"
#include "input_text.h"
#include "ui.h"

struct operator_model {
	char *remembered; /* the name this desk remembers, or NULL */
};

static void build(struct desk *desk, void *model)
{
	struct operator_model *m = model;

	m->remembered = action_operator_remembered(desk);
}

static void release(void *model)
{
	struct operator_model *m = model;

	free(m->remembered);
}

static void draw(const struct screen_frame *f, const void *model)
{
	const struct operator_model *m = model;
	int y = 5;

	attron(A_BOLD);
	y = put_wrapped(y, f->rows - 3, 2, f->cols - 4, _("请在上方输入您的姓名，按回车开始值班"));
	attroff(A_BOLD);
	y = put_wrapped(y + 1, f->rows - 3, 2, f->cols - 4,
	                _("签到、收费、拒绝等每一条记录都会记在值班人名下；换人时按 F9。"));
	if (m->remembered != NULL) {
		char *text = NULL;
		if (asprintf(&text, _("上次值班：%s（直接按回车即可沿用）"), m->remembered) >= 0) {
			put_text(y + 1, 2, f->cols - 4, text);
			free(text);
		}
	}
	if (f->message != NULL) {
		attron(frame_tone_attr(f, f->tone));
		put_wrapped(f->rows - 5, f->rows - 3, 2, f->cols - 4, f->message);
		attroff(frame_tone_attr(f, f->tone));
	}
	frame_keys(f, _("回车 确认  Esc 返回（已有值班人时）  F10 退出"));
}

/* Records the typed name; the main screen follows when it was taken. */
static void confirm(struct ui *ui)
{
	char *message = NULL;
	enum action_status status = action_set_operator(ui->desk, ui->input, &message);

	ui_say(ui, status == ACTION_OK ? TONE_GOOD : TONE_BAD, message);
	if (status == ACTION_OK) {
		ui->input[0] = '\0';
		ui->operator_confirmed = true;
		ui->view = VIEW_MAIN;
		if (ui->door.at_start) {
			ui->door.at_start = false;
			act_door_open(ui);
		}
	}
	free(message);
}

static bool key(struct ui *ui, int is_key, unsigned int ch)
{
	if (is_key && (ch == KEY_RESIZE || ch == KEY_F(10))) {
		return false;
	}
	if (input_is_enter(is_key, ch)) {
		confirm(ui);
	} else if (!is_key && ch == 27) {
		if (ui->operator_confirmed) {
			ui->input[0] = '\0';
			ui->view = VIEW_MAIN;
		}
	} else if (input_is_backspace(is_key, ch)) {
		input_backspace(ui->input);
	} else if (!is_key && ch >= 32) {
		input_append(ui->input, sizeof(ui->input), ch);
	}
	return true;
}

const struct screen screen_operator_page = {
    .model_size = sizeof(struct operator_model),
    .build = build,
    .release = release,
    .draw = draw,
    .key = key,
    .prompt = N_("值班人姓名："),
    .draws_message = true,
};
