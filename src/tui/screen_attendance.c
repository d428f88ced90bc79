/*
 * screen_attendance is F12 off a card: the training days at a glance, from
 * the same report as `report attendance` and the export (so they agree):
 * per session how many attended, came late, left early, were excused or are
 * missing, and how many qualify for the certificates. Built again only when
 * the data changed (a scan at this door, a merge).
 */
#include <curses.h>
#include <stdio.h>

#include "frontdesk/actions/certificates.h"
#include "frontdesk/text.h"
#include "i18n.h"
#include "screen_lines.h"
#include "ui.h"

static void build(struct desk *desk, void *model)
{
	action_attendance_report(desk, model);
}

static void release(void *model)
{
	action_attendance_report_release(model);
}

static void draw_row(const struct screen_frame *f, int y, const struct session *s,
                     const struct session_tally *t)
{
	char counts[96], start[6];

	programme_format_time(s->start, start);
	snprintf(counts, sizeof(counts), "%5d %5d %5d %5d %5d", t->attended, t->late, t->left_early,
	         t->excused, t->missed);
	put_text(y, 1, 11, s->id);
	put_text(y, 12, f->cols - 12 - 32, s->title);
	put_text(y, f->cols - 31, 30, counts);
}

static void draw(const struct screen_frame *f, const void *model)
{
	const struct attendance_report *r = model;
	const struct programme *p = r->programme;
	int y = 4;

	attron(A_BOLD);
	screen_line(f, &y, _("课程出勤（合格 %d 人，共 %zu 人）"), r->eligible, r->n);
	put_text(y, 1, 11, _("编号"));
	put_text(y, 12, f->cols - 12 - 32, _("课程"));
	put_text(y++, f->cols - 31, 30, _(" 出席  迟到  早退  请假  未到"));
	attroff(A_BOLD);
	for (size_t i = (size_t)f->scroll; i < p->n && y < f->rows - 3; i++) {
		draw_row(f, y++, &p->sessions[i], &r->tallies[i]);
	}
	if (p->n == 0) {
		screen_line(f, &y,
		            _("还没有课程表：请用 frontdesk import --sessions sessions.csv 导入"));
	}
	frame_keys(f, _("↑↓ 翻看  名单与证书：frontdesk report certificates 或导出  Esc 返回"));
}

static int max_scroll(const struct screen_frame *f, const void *model)
{
	const struct attendance_report *r = model;
	int shown = f->rows - 3 - 6;

	return (int)r->programme->n - (shown > 0 ? shown : 1);
}

const struct screen screen_attendance_page = {
    .model_size = sizeof(struct attendance_report),
    .build = build,
    .release = release,
    .draw = draw,
    .max_scroll = max_scroll,
};
