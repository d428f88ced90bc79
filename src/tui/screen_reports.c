/*
 * screen_reports shows the supervisor's figures: on-site payments and refunds
 * (F3), the day's summary (F4) and the conflicts of the last merge (F7), from
 * the same actions as the CLI reports, so staff can come back to a conflict
 * long after the merge that found it.
 */
#include <curses.h>
#include <stdio.h>
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
	struct conflict_report c;
	action_report_conflicts(ui->desk, &c);
	text_line(ui, &y, _("合并冲突：%zu 个（F7 查看）"), c.n);
	action_conflicts_release(&c);
	draw_keys(ui, _("F7 合并冲突  Esc 返回"));
}

/* The "more" line under a list cut short by the screen. */
static void more_line(struct ui *ui, int y, size_t left)
{
	char *text = NULL;

	if (asprintf(&text, _("…… 还有 %zu 个冲突，↑↓ 翻看"), left) >= 0) {
		attron(A_DIM);
		put_text(y, 2, ui->cols - 4, text);
		attroff(A_DIM);
		free(text);
	}
}

/*
 * Each conflict is shown whole, wrapped over as many rows as it needs: the
 * rule applied and what to do are in its text, and a cut one would hide
 * them. So the list scrolls by conflict, not by row.
 */
void draw_conflicts(struct ui *ui, int y, int end, const struct conflict_report *r)
{
	/* the number in a gutter of its own, so each conflict's lines hang under its text */
	int gutter = 4, width = ui->cols - 4 - gutter;

	if (r->n == 0) {
		put_text(y, 2, ui->cols - 4, _("没有冲突"));
		return;
	}
	/* clamped here, where the count is known; the keys only step it */
	if ((size_t)ui->scroll >= r->n) {
		ui->scroll = (int)r->n - 1;
	}
	size_t i = (size_t)ui->scroll;
	for (; i < r->n && y < end; i++) {
		int rows = wrapped_rows(width, r->text[i]);
		bool last = i + 1 == r->n;
		if (y + rows > end - (last ? 0 : 1) && i > (size_t)ui->scroll) {
			break;
		}
		char number[24];
		snprintf(number, sizeof(number), "%zu.", i + 1);
		put_text(y, 2, gutter, number);
		y = put_wrapped(y, last ? end : end - 1, 2 + gutter, width, r->text[i]);
	}
	if (i < r->n) {
		more_line(ui, end - 1 < y ? end - 1 : y, r->n - i);
	}
}

void screen_conflicts(struct ui *ui)
{
	struct conflict_report r;

	action_report_conflicts(ui->desk, &r);
	attron(A_BOLD);
	put_text(4, 2, ui->cols - 4, _("合并冲突（最近一次带来新记录的合并时找到的）"));
	attroff(A_BOLD);
	draw_conflicts(ui, 6, ui->rows - 3, &r);
	action_conflicts_release(&r);
	draw_keys(ui, _("↑↓ 翻看  Esc 返回"));
}
