/*
 * screen_summary is F4, the day's figures, from the same action as `report
 * summary` (so the two always agree), built again only when the data changed.
 */
#include <curses.h>

#include "i18n.h"
#include "screen_lines.h"
#include "ui.h"
#include "frontdesk/actions/report.h"

static void build(struct desk *desk, void *model)
{
	action_report_summary(desk, model);
}

static void draw(const struct screen_frame *f, const void *model)
{
	const struct summary *s = model;
	int y = 4;

	attron(A_BOLD);
	screen_line(f, &y, _("今日汇总"));
	attroff(A_BOLD);
	screen_line(f, &y, _("应到（已通过）：%d 人"), s->expected);
	screen_line(f, &y, _("已签到：%d 人，未到：%d 人"), s->checked_in,
	            s->expected - s->checked_in);
	screen_line(f, &y, _("待现场收费：%d 元"), s->to_collect);
	screen_line(f, &y, _("应退款：%d 元"), s->refunds_total);
	screen_line(f, &y, _("单住补差晚数：%d"), s->supplement_nights);
	screen_line(f, &y, _("结论：绿 %d · 黄 %d · 红 %d"), s->green, s->amber, s->red);
	screen_line(f, &y, _("合并冲突：%d 个（F7 查看）"), s->conflicts);
	frame_keys(f, _("F7 合并冲突  Esc 返回"));
}

const struct screen screen_summary_page = {
    .model_size = sizeof(struct summary),
    .build = build,
    .draw = draw,
};
