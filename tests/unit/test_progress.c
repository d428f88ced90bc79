/*
 * Tests for progress: the line (count, percentage, rate, time left) and the
 * sink: reports reach it, ticks only every n-th unit and the last, the end
 * arrives as -1, and nothing happens without a sink.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "frontdesk/progress.h"

static void line_is(char *line, const char *expected)
{
	assert_string_equal(line, expected);
	free(line);
}

static void the_line_shows_count_rate_and_time_left(void **state)
{
	(void)state;
	line_is(progress_format("import", "left", 0, 100000, 0), "import 0/100000 0%");
	line_is(progress_format("import", "left", 25000, 100000, 1000),
	        "import 25000/100000 25% · 25000/s · left 0:03");
	line_is(progress_format("import", "left", 100, 100000, 1000),
	        "import 100/100000 0% · 100/s · left 16:39");
	/* at the end there is no time left to show */
	line_is(progress_format("export", "left", 9, 9, 500), "export 9/9 100% · 18/s");
	/* an unknown total: the count and the rate only */
	line_is(progress_format("merge", "left", 50, 0, 1000), "merge 50 · 50/s");
}

static long seen[16];
static size_t n_seen;

static void record(void *ctx, const char *what, long done, long total)
{
	(void)ctx;
	(void)what;
	(void)total;
	if (n_seen < 16) {
		seen[n_seen++] = done;
	}
}

static void the_sink_gets_every_nth_tick_the_last_and_the_end(void **state)
{
	(void)state;
	n_seen = 0;
	progress_set(record, NULL);
	for (long i = 1; i <= 10; i++) {
		progress_tick("w", i, 10, 4);
	}
	progress_end("w");
	progress_set(NULL, NULL);
	progress_report("w", 1, 2); /* no sink: nothing */
	assert_int_equal(n_seen, 4);
	assert_int_equal(seen[0], 4);
	assert_int_equal(seen[1], 8);
	assert_int_equal(seen[2], 10);
	assert_int_equal(seen[3], -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_line_shows_count_rate_and_time_left),
	    cmocka_unit_test(the_sink_gets_every_nth_tick_the_last_and_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
