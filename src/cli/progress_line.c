/*
 * progress_line: the command line's progress sink (progress.h): one line on
 * stderr, redrawn in place when its percentage moves or every tenth of a
 * second, when stderr is a
 * terminal; nothing at all when it is not (a script or a log keeps only the
 * result). The line is written with write(2) because it needs a carriage
 * return and an erase-to-end-of-line, which cli_eprintf's sanitiser would
 * take out; its text is our own numbers and a said msgid, sanitised all the
 * same.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/progress.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

enum { REDRAW_MS = 100 };

struct progress_line {
	const char *what; /* the work being shown, or NULL between jobs */
	long start_ms;
	long drawn_ms;
	long drawn_percent;
	bool drawn; /* a line is on the screen */
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put(const char *text)
{
	size_t len = strlen(text);

	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, text, len);
		if (n <= 0) {
			return;
		}
		text += n;
		len -= (size_t)n;
	}
}

static void erase(struct progress_line *p)
{
	if (p->drawn) {
		put("\r\033[K");
		p->drawn = false;
	}
}

static void draw(void *ctx, const char *what, long done, long total)
{
	struct progress_line *p = ctx;
	long now = now_ms();

	if (done < 0) {
		erase(p);
		p->what = NULL;
		return;
	}
	if (p->what != what) {
		p->what = what;
		p->start_ms = now;
		p->drawn_ms = 0;
	}
	long percent = total > 0 ? done * 100 / total : -1;
	if (p->drawn && now - p->drawn_ms < REDRAW_MS && percent == p->drawn_percent) {
		return;
	}
	p->drawn_percent = percent;
	char *what_said = say_text(what);
	char *left_said = say_text("还剩");
	char *line = progress_format(what_said, left_said, done, total, now - p->start_ms);
	char *safe = text_sanitize(line);
	char *out = xasprintf("\r%s\033[K", safe);
	put(out);
	p->drawn = true;
	p->drawn_ms = now;
	free(out);
	free(safe);
	free(line);
	free(left_said);
	free(what_said);
}

void cli_progress_start(void)
{
	static struct progress_line line;

	if (isatty(STDERR_FILENO)) {
		progress_set(draw, &line);
	}
}
