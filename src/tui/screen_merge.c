/*
 * screen_merge draws the F6 flow (act_merge.c): the other desks' export
 * folders to choose from, the dry run's preview (what would change, before
 * anything does), and the result. Conflict texts come bilingual from the
 * action and are shown whole: the rule applied and what to do are in them.
 */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "frontdesk/actions/merge.h"

/* "2026-05-25 21:05" from a folder's "20260525-2105[-n]". */
static char *stamp_time(const char *stamp)
{
	char *text = NULL;

	if (asprintf(&text, "%.4s-%.2s-%.2s %.2s:%.2s", stamp, stamp + 4, stamp + 6, stamp + 9,
	             stamp + 11) < 0) {
		return NULL;
	}
	return text;
}

static void folder_row(struct ui *ui, int y, size_t i)
{
	const struct export_folder *f = &ui->merge.folders.items[i];
	char *when = stamp_time(f->stamp);
	char *line = NULL;

	if (asprintf(&line, _("%s 台  %s  %s  %s"), f->desk, when ? when : "", f->name, f->drive) >=
	    0) {
		if (i == ui->merge.selected) {
			attron(A_REVERSE);
		}
		put_text(y, 2, ui->cols - 4, line);
		if (i == ui->merge.selected) {
			attroff(A_REVERSE);
		}
	}
	free(line);
	free(when);
}

static void draw_pick(struct ui *ui)
{
	const struct ui_merge *m = &ui->merge;
	int first_row = 6, last_row = ui->rows - 4;
	size_t visible = (size_t)(last_row - first_row);
	size_t start = m->selected >= visible ? m->selected - visible + 1 : 0;

	attron(A_BOLD);
	put_text(4, 2, ui->cols - 4, _("合并其他签到台的导出：请选择文件夹（最新的在最上面）"));
	attroff(A_BOLD);
	for (size_t i = start; i < m->folders.n && (size_t)(i - start) < visible; i++) {
		folder_row(ui, first_row + (int)(i - start), i);
	}
	draw_keys(ui, _("回车 预览所选（不会改动）  ↑↓ 选择  Esc 取消"));
}

/* The figures of a dry run or a merge on row y. */
static void draw_figures(struct ui *ui, int y)
{
	const struct merge_result *r = &ui->merge.result;
	char *text = NULL;

	if (asprintf(&text, _("新记录 %ld 条（同步包共 %ld 条）  签到 %d → %d 人  冲突 %zu 个"),
	             r->new_entries, r->entries, r->checked_in_before, r->checked_in_after,
	             r->conflicts.n) >= 0) {
		put_text(y, 2, ui->cols - 4, text);
		free(text);
	}
}

static void draw_preview(struct ui *ui)
{
	const struct export_folder *f = &ui->merge.folders.items[ui->merge.selected];
	int end = ui->rows - 4;
	char *title = NULL;

	if (asprintf(&title, _("试合并 %s 台的导出，还没有做任何改动："), f->desk) >= 0) {
		attron(A_BOLD);
		put_text(4, 2, ui->cols - 4, title);
		attroff(A_BOLD);
		free(title);
	}
	attron(A_DIM);
	put_text(5, 2, ui->cols - 4, f->path);
	attroff(A_DIM);
	draw_figures(ui, 6);
	struct screen_frame frame = screen_frame_of(ui);
	draw_conflicts(&frame, 8, end, &ui->merge.result.conflicts);
	attron(ui_tone_attr(ui, TONE_WARN));
	put_text(end, 2, ui->cols - 4, _("按回车或 Y 合并；按 Esc 取消，什么都不改"));
	attroff(ui_tone_attr(ui, TONE_WARN));
	draw_keys(ui, _("回车/Y 合并  ↑↓ 翻看冲突  Esc 取消"));
}

/* The problems a damaged bundle has, one line each, from row y; returns the next row. */
static int draw_errors(struct ui *ui, int y, int end, const struct diag_list *errors)
{
	for (size_t i = 0; i < errors->n && y < end; i++) {
		const struct diag *d = &errors->items[i];
		const char *one = d->message;
		char *text = NULL;
		if (d->line == 0) {
			put_text(y++, 4, ui->cols - 6, one); /* about the whole file */
		} else if (asprintf(&text, _("第 %d 行：%s"), d->line, one) >= 0) {
			put_text(y++, 4, ui->cols - 6, text);
			free(text);
		}
	}
	return y;
}

static void draw_result(struct ui *ui)
{
	const struct ui_merge *m = &ui->merge;
	const struct merge_result *r = &m->result;
	enum ui_tone tone = m->status != ACTION_OK ? TONE_BAD
	                    : r->conflicts.n > 0   ? TONE_WARN
	                    : r->new_entries > 0   ? TONE_GOOD
	                                           : TONE_INFO;
	const char *message = r->message ? r->message : _("合并失败");
	int end = ui->rows - 3;

	attron(ui_tone_attr(ui, tone));
	int y = put_wrapped(4, 7, 2, ui->cols - 4, message);
	attroff(ui_tone_attr(ui, tone));
	if (m->status != ACTION_OK) {
		draw_errors(ui, y + 1, end, &r->errors);
		draw_keys(ui, _("Esc 返回"));
		return;
	}
	draw_figures(ui, y);
	struct screen_frame frame = screen_frame_of(ui);
	draw_conflicts(&frame, y + 2, end, &r->conflicts);
	draw_keys(ui, _("↑↓ 翻看冲突  F7 冲突清单  Esc 返回"));
}

void screen_merge(struct ui *ui)
{
	switch (ui->merge.stage) {
	case MERGE_PICK:
		draw_pick(ui);
		break;
	case MERGE_PREVIEW:
		draw_preview(ui);
		break;
	default:
		draw_result(ui);
	}
}
