/*
 * progress_view: the desk screen's progress sink (progress.h) for the work it
 * runs in its own loop, export (F5) and merge (F6): the screen would
 * otherwise freeze on "正在导出……" until the work ends. The line replaces the
 * message line's last row, redrawn when its percentage moves or every tenth
 * of a second, in the
 * screen's language; the key bar and the status line stay.
 */
#include <curses.h>
#include <stdlib.h>
#include <time.h>

#include "frontdesk/progress.h"
#include "i18n.h"
#include "ui.h"

enum { REDRAW_MS = 100 };

struct progress_view {
	const struct ui *ui;
	const char *what;
	long start_ms;
	long drawn_ms;
	long drawn_percent;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void draw(void *ctx, const char *what, long done, long total)
{
	struct progress_view *v = ctx;
	long now = now_ms();

	if (done < 0) {
		v->what = NULL;
		return;
	}
	long percent = total > 0 ? done * 100 / total : -1;
	if (v->what != what) {
		v->what = what;
		v->start_ms = now;
		v->drawn_ms = 0;
	} else if (now - v->drawn_ms < REDRAW_MS && percent == v->drawn_percent) {
		return;
	}
	v->drawn_percent = percent;
	char *line = progress_format(_(what), _("还剩"), done, total, now - v->start_ms);
	int y = v->ui->rows - 2;
	move(y, 0);
	clrtoeol();
	attron(A_BOLD);
	put_text(y, 2, v->ui->cols - 4, line);
	attroff(A_BOLD);
	refresh();
	v->drawn_ms = now;
	free(line);
}

static struct progress_view view;

void progress_view_begin(const struct ui *ui)
{
	view = (struct progress_view){ui, NULL, 0, 0, -1};
	progress_set(draw, &view);
}

void progress_view_end(void)
{
	progress_set(NULL, NULL);
}
