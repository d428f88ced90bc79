/*
 * screen_conflicts is F7: the conflicts of the merges (report conflicts), so
 * staff can come back to one long after the merge that found it. Its list
 * widget is shared with the F6 merge page.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "frontdesk/actions/merge.h"

/* The "more" line under a list cut short by the screen. */
static void more_line(const struct screen_frame *f, int y, size_t left)
{
	char *text = NULL;

	if (asprintf(&text, _("…… 还有 %zu 个冲突，↑↓ 翻看"), left) >= 0) {
		attron(A_DIM);
		put_text(y, 2, f->cols - 4, text);
		attroff(A_DIM);
		free(text);
	}
}

/*
 * Each conflict is shown whole, wrapped over as many rows as it needs: the
 * rule applied and what to do are in its text, and a cut one would hide
 * them. So the list scrolls by conflict, not by row.
 */
void draw_conflicts(const struct screen_frame *f, int y, int end, const struct conflict_report *r)
{
	/* the number in a gutter of its own, so each conflict's lines hang under its text */
	int gutter = 4, width = f->cols - 4 - gutter;

	if (r->n == 0) {
		put_text(y, 2, f->cols - 4, _("没有冲突"));
		return;
	}
	size_t first = f->scroll < 0 ? 0 : (size_t)f->scroll;
	first = first >= r->n ? r->n - 1 : first;
	size_t i = first;
	for (; i < r->n && y < end; i++) {
		int rows = wrapped_rows(width, r->text[i]);
		bool last = i + 1 == r->n;
		if (y + rows > end - (last ? 0 : 1) && i > first) {
			break;
		}
		char number[24];
		snprintf(number, sizeof(number), "%zu.", i + 1);
		put_text(y, 2, gutter, number);
		y = put_wrapped(y, last ? end : end - 1, 2 + gutter, width, r->text[i]);
	}
	if (i < r->n) {
		more_line(f, end - 1 < y ? end - 1 : y, r->n - i);
	}
}

static void build(struct desk *desk, void *model)
{
	action_report_conflicts(desk, model);
}

static void release(void *model)
{
	action_conflicts_release(model);
}

static int max_scroll(const struct screen_frame *f, const void *model)
{
	const struct conflict_report *r = model;

	(void)f;
	return r->n > 0 ? (int)r->n - 1 : 0;
}

static void draw(const struct screen_frame *f, const void *model)
{
	attron(A_BOLD);
	put_text(4, 2, f->cols - 4, _("合并冲突（最近一次带来新记录的合并时找到的）"));
	attroff(A_BOLD);
	draw_conflicts(f, 6, f->rows - 3, model);
	frame_keys(f, _("↑↓ 翻看  Esc 返回"));
}

const struct screen screen_conflicts_page = {
    .model_size = sizeof(struct conflict_report),
    .build = build,
    .release = release,
    .draw = draw,
    .max_scroll = max_scroll,
};
