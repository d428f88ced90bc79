/*
 * screen_payments is F3: the on-site card payments (for the e-invoices) and
 * the refunds, from the same actions as `report payments|refunds`.
 */
#include <curses.h>

#include "i18n.h"
#include "screen_lines.h"
#include "ui.h"
#include "frontdesk/actions/report.h"

static void build(struct desk *desk, void *model)
{
	action_report_money(desk, model);
}

static void release(void *model)
{
	action_money_release(model);
}

static void draw(const struct screen_frame *f, const void *model)
{
	const struct money_report *m = model;
	const struct payment_report *p = &m->payments;
	const struct refund_report *r = &m->refunds;
	int y = 4;

	attron(A_BOLD);
	screen_line(f, &y, _("现场刷卡 %zu 笔，合计 %d 元；仍待收取 %d 元"), p->n, p->total,
	            p->to_collect);
	attroff(A_BOLD);
	for (size_t i = 0; i < p->n && y < 12; i++) {
		screen_line(f, &y, _("  %s  %-12s %s  %d 元  POS %s"), p->lines[i].at,
		            p->lines[i].reg_no, p->lines[i].name, p->lines[i].amount,
		            p->lines[i].reference);
	}
	y++;
	attron(A_BOLD);
	screen_line(f, &y, _("应退款 %zu 笔，合计 %d 元"), r->n, r->total);
	attroff(A_BOLD);
	for (size_t i = 0; i < r->n; i++) {
		const struct refund_line *l = &r->lines[i];
		screen_line(f, &y, _("  %-16s %s  %d 元  %s"), l->reg_no ? l->reg_no : l->reference,
		            l->name ? l->name : "", l->amount,
		            _(rules_refund_reason_text(l->reason)));
	}
	frame_keys(f, _("Esc 返回"));
}

const struct screen screen_payments_page = {
    .model_size = sizeof(struct money_report),
    .build = build,
    .release = release,
    .draw = draw,
};
