/*
 * Tests for clockcheck: the doctor's verdict on the desk's clock against the
 * event's days and the last journal entry.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "frontdesk/clockcheck.h"
#include "frontdesk/date.h"

static long day(const char *iso)
{
	long d = 0;

	assert_true(date_parse(iso, &d));
	return d;
}

static void the_clock_is_judged_against_the_event_and_the_journal(void **state)
{
	long first = day("2026-05-25");
	long last = day("2026-05-30");

	(void)state;
	assert_int_equal(clock_judge("2026-05-25 08:00:00", NULL, first, last), CLOCK_OK);
	assert_int_equal(clock_judge("2026-05-30 23:59:59", "2026-05-30 23:00:00", first, last),
	                 CLOCK_OK);
	assert_int_equal(clock_judge("2026-05-25 08:00:00", "2026-05-25 09:00:00", first, last),
	                 CLOCK_BEHIND_JOURNAL);
	assert_int_equal(clock_judge("2026-05-24 23:59:59", NULL, first, last), CLOCK_BEFORE_EVENT);
	assert_int_equal(clock_judge("2026-05-31 00:00:00", NULL, first, last), CLOCK_AFTER_EVENT);
	/* a laptop whose battery lost the date: behind everything */
	assert_int_equal(clock_judge("2000-01-01 00:00:00", "2026-05-25 09:00:00", first, last),
	                 CLOCK_BEHIND_JOURNAL);
	assert_int_equal(clock_judge("garbage", NULL, first, last), CLOCK_UNREADABLE);
	assert_int_equal(clock_judge(NULL, NULL, first, last), CLOCK_UNREADABLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_clock_is_judged_against_the_event_and_the_journal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
