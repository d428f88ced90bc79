/*
 * screen_reports shows the supervisor's figures: on-site payments and refunds
 * (F3), and the day's summary (F4), from the same actions as the CLI reports.
 */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"

static void text_line(struct ui *ui, int *y, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void text_line(struct ui *ui, int *y, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	if (*y >= ui->rows - 3) {
		return;
	}
	va_start(ap, fmt);
	int rc = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (rc >= 0) {
		put_text((*y)++, 2, ui->cols - 4, text);
		free(text);
	}
}

void screen_payments(struct ui *ui)
{
	struct payment_report p;
	struct refund_report r;
	int y = 4;

	action_report_payments(ui->desk, &p);
	action_report_refunds(ui->desk, &r);
	attron(A_BOLD);
	text_line(ui, &y, _("现场刷卡 %zu 笔，合计 %d 元；仍待收取 %d 元"), p.n, p.total,
	          p.to_collect);
	attroff(A_BOLD);
	for (size_t i = 0; i < p.n && y < 12; i++) {
		text_line(ui, &y, _("  %s  %-12s %s  %d 元  POS %s"), p.lines[i].at,
		          p.lines[i].reg_no, p.lines[i].name, p.lines[i].amount,
		          p.lines[i].reference);
	}
	y++;
	attron(A_BOLD);
	text_line(ui, &y, _("应退款 %zu 笔，合计 %d 元"), r.n, r.total);
	attroff(A_BOLD);
	for (size_t i = 0; i < r.n; i++) {
		const struct refund_line *l = &r.lines[i];
		text_line(ui, &y, _("  %-16s %s  %d 元  %s"), l->reg_no ? l->reg_no : l->reference,
		          l->name ? l->name : "", l->amount,
		          _(rules_refund_reason_text(l->reason)));
	}
	action_payments_release(&p);
	action_refunds_release(&r);
	draw_keys(ui, _("Esc 返回"));
}

void screen_summary(struct ui *ui)
{
	struct summary s;
	int y = 4;

	action_report_summary(ui->desk, &s);
	attron(A_BOLD);
	text_line(ui, &y, _("今日汇总"));
	attroff(A_BOLD);
	text_line(ui, &y, _("应到（已通过）：%d 人"), s.expected);
	text_line(ui, &y, _("已签到：%d 人，未到：%d 人"), s.checked_in, s.expected - s.checked_in);
	text_line(ui, &y, _("待现场收费：%d 元"), s.to_collect);
	text_line(ui, &y, _("应退款：%d 元"), s.refunds_total);
	text_line(ui, &y, _("单住补差晚数：%d"), s.supplement_nights);
	text_line(ui, &y, _("结论：绿 %d · 黄 %d · 红 %d"), s.green, s.amber, s.red);
	draw_keys(ui, _("Esc 返回"));
}
