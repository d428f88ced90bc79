/*
 * screen_session draws the hall door (session mode): which session the door
 * scans for and whether it signs in or out, then the last answer as a block
 * of colour that reads from across the doorway: green recorded, amber late or
 * already recorded or leaving early, red refused, with the name and the one
 * line that says what happened and what to do.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/date.h"
#include "frontdesk/programme.h"
#include "frontdesk/text.h"
#include "i18n.h"
#include "ui.h"

/* The session line: the one chosen, the one of the last answer, or "by the clock". */
static void draw_session_line(struct ui *ui, int y)
{
	const struct ui_door *d = &ui->door;
	const struct session *s = NULL;
	char line[512], start[6], end[6];

	if (d->chosen >= 0 && d->programme != NULL && (size_t)d->chosen < d->programme->n) {
		s = &d->programme->sessions[d->chosen];
	} else if (d->has_last && d->last.has_session) {
		s = &d->last.session;
	}
	const char *mode = d->sign_out ? _("签退") : _("签到");
	if (s == NULL) {
		snprintf(line, sizeof(line), _("课程%s · 按时间自动选择课程"), mode);
	} else {
		char day[DATE_ISO_LEN + 1];
		date_format(s->date, day);
		programme_format_time(s->start, start);
		programme_format_time(s->end, end);
		snprintf(line, sizeof(line), _("课程%s%s · %s %s %s-%s · %s"), mode,
		         d->chosen >= 0 ? _("（已选定）") : "", s->title, day + 5, start, end,
		         s->venue);
	}
	attron(A_BOLD);
	put_text(y, 1, ui->cols - 2, line);
	attroff(A_BOLD);
}

/* The answer as a block of colour: the name large in the middle, the message below. */
static void draw_answer(struct ui *ui, int top, int bottom)
{
	const struct attend_result *r = &ui->door.last;
	int attr = ui_tone_attr(ui, ui->tone) | A_BOLD;
	char *blank = text_pad("", ui->cols - 2);

	attron(attr);
	for (int y = top; y < bottom; y++) {
		mvaddstr(y, 1, blank);
	}
	int mid = top + (bottom - top) / 2 - 2;
	const char *mark = ui->tone == TONE_GOOD ? "✓" : ui->tone == TONE_WARN ? "!" : "✗";
	char head[256];
	snprintf(head, sizeof(head), "%s  %s", mark, r->name ? r->name : "");
	int w = text_width(head);
	put_text(mid, 1 + (ui->cols - 2 - w) / 2, w, head);
	if (ui->message != NULL) {
		put_wrapped(mid + 2, bottom, 3, ui->cols - 6, ui->message);
	}
	attroff(attr);
	free(blank);
}

void screen_session(struct ui *ui)
{
	draw_session_line(ui, 4);
	if (ui->door.has_last) {
		draw_answer(ui, 6, ui->rows - 3);
	} else {
		put_text(8, 3, ui->cols - 6,
		         _("请出示胸牌二维码（扫码枪或摄像头），或输入报名编号后按回车"));
		if (ui->message != NULL) {
			attron(ui_tone_attr(ui, ui->tone));
			put_wrapped(10, ui->rows - 3, 3, ui->cols - 6, ui->message);
			attroff(ui_tone_attr(ui, ui->tone));
		}
	}
	if (ui->door.has_last && ui->door.last.decision.overridable) {
		draw_keys(
		    ui,
		    _("F4 主管代为记录（需原因和密码）   F2 签到/签退   F3 选择课程   Esc 退出"));
	} else {
		draw_keys(ui,
		          _("F2 签到/签退  F3 选课程  F8 请假  F12 出勤汇总  Esc 退出  F1 帮助"));
	}
}
