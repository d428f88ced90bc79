/*
 * progress: the sink of long work's reports and the line a front end shows
 * (progress.h). The rate is the average since the start, not the last
 * interval's: the units of one job cost about the same, and an average does
 * not make the time left jump about.
 */
#include "frontdesk/progress.h"

#include <stddef.h>

#include "frontdesk/strbuf.h"

static progress_fn sink;
static void *sink_ctx;

void progress_set(progress_fn fn, void *ctx)
{
	sink = fn;
	sink_ctx = ctx;
}

void progress_report(const char *what, long done, long total)
{
	if (sink != NULL) {
		sink(sink_ctx, what, done, total);
	}
}

void progress_tick(const char *what, long done, long total, long every)
{
	if (sink != NULL && (every <= 1 || done % every == 0 || done == total)) {
		sink(sink_ctx, what, done, total);
	}
}

void progress_end(const char *what)
{
	if (sink != NULL) {
		sink(sink_ctx, what, -1, -1);
	}
}

char *progress_format(const char *what_said, const char *left_said, long done, long total,
                      long elapsed_ms)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_printf(&line, "%s %ld", what_said, done);
	if (total > 0) {
		strbuf_printf(&line, "/%ld %ld%%", total, done * 100 / total);
	}
	if (elapsed_ms > 0 && done > 0) {
		long rate = (long)((double)done * 1000.0 / (double)elapsed_ms);
		strbuf_printf(&line, " · %ld/s", rate);
		if (total > done) {
			long left = (long)((double)(total - done) * (double)elapsed_ms /
			                       (double)done / 1000.0 +
			                   0.5);
			strbuf_printf(&line, " · %s %ld:%02ld", left_said, left / 60, left % 60);
		}
	}
	return strbuf_detach(&line);
}
