/*
 * Tests for burst: a scanner's code and Enter at scanner speed is a scan,
 * with LF, CR, KEY_ENTER or CR+LF; the same keys at a person's speed, a name
 * typed fast, a short PIN, or a code interrupted by another key are typing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "burst.h"

static const char ticket[] = "2605000079123456789012";

/* Feeds text one character every step ms from *now; returns the last event. */
static enum burst_event type(struct burst *b, const char *text, long step, long *now)
{
	enum burst_event e = BURST_KEY;

	for (const char *p = text; *p; p++) {
		e = burst_feed(b, false, (unsigned char)*p, *now);
		*now += step;
	}
	return e;
}

static void scanner_code_and_cr_is_a_scan(void **state)
{
	(void)state;
	struct burst b;
	long now = 1000;

	burst_init(&b);
	assert_int_equal(type(&b, ticket, 2, &now), BURST_KEY);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_SCAN);
	assert_string_equal(b.code, ticket);
}

static void cr_lf_is_one_enter(void **state)
{
	(void)state;
	struct burst b;
	long now = 1000;

	burst_init(&b);
	type(&b, ticket, 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_SCAN);
	assert_int_equal(burst_feed(&b, false, '\n', now + 1), BURST_SWALLOW);
	/* a person's CR+LF (a terminal sending both) is one Enter too */
	now += 1000;
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
	assert_int_equal(burst_feed(&b, false, '\n', now + 2), BURST_SWALLOW);
	/* a LF long after the CR is an Enter of its own */
	assert_int_equal(burst_feed(&b, false, '\r', now + 1000), BURST_ENTER);
	assert_int_equal(burst_feed(&b, false, '\n', now + 2000), BURST_ENTER);
}

static void lf_and_key_enter_end_a_scan_too(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;

	burst_init(&b);
	type(&b, ticket, 3, &now);
	assert_int_equal(burst_feed(&b, false, '\n', now), BURST_SCAN);
	type(&b, "EXT-00012345", 3, &now);
	assert_int_equal(burst_feed(&b, true, KEY_ENTER, now), BURST_SCAN);
	assert_string_equal(b.code, "EXT-00012345");
}

static void the_same_digits_at_a_persons_speed_are_typing(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;

	burst_init(&b);
	type(&b, ticket, 120, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
}

static void a_slow_enter_after_a_fast_burst_is_a_persons(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;

	burst_init(&b);
	type(&b, ticket, 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now + 400), BURST_ENTER);
}

static void a_name_or_a_pin_typed_fast_is_not_a_scan(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;

	burst_init(&b);
	type(&b, "zhangsanfeng", 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
	type(&b, "2468", 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
	type(&b, "POS123", 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
}

static void another_key_inside_the_burst_makes_it_typing(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;

	burst_init(&b);
	type(&b, "26050000", 1, &now);
	assert_int_equal(burst_feed(&b, false, ' ', now++), BURST_KEY);
	type(&b, "791234", 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
	/* a function key too */
	type(&b, "26050000", 1, &now);
	assert_int_equal(burst_feed(&b, true, KEY_F(5), now++), BURST_KEY);
	type(&b, "79123456", 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_SCAN);
	assert_string_equal(b.code, "79123456");
}

static void a_pause_starts_a_new_burst(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;

	burst_init(&b);
	type(&b, "1380", 150, &now);
	now += 500;
	type(&b, ticket, 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_SCAN);
	assert_string_equal(b.code, ticket);
}

static void more_than_a_code_holds_is_not_a_scan(void **state)
{
	(void)state;
	struct burst b;
	long now = 0;
	char longer[BURST_MAX + 20];

	burst_init(&b);
	memset(longer, '7', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	type(&b, longer, 1, &now);
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_ENTER);
}

/* A scanner behind a Chinese input method in full-width mode types ０-９: still a scan, in ASCII.
 */
static void fullwidth_digits_scan_as_ascii(void **state)
{
	(void)state;
	struct burst b;
	long now = 1000;

	burst_init(&b);
	for (const char *p = ticket; *p; p++) {
		assert_int_equal(burst_feed(&b, false, 0xFF10u + (unsigned)(*p - '0'), now),
		                 BURST_KEY);
		now += 2;
	}
	assert_int_equal(burst_feed(&b, false, '\r', now), BURST_SCAN);
	assert_string_equal(b.code, ticket);
	/* full-width letters and hyphen too (a platform's external code) */
	burst_init(&b);
	const unsigned int ext[] = {0xFF37, 0xFF28, 0xFF0D, '2', '0', '2',
	                            '6',    0xFF0D, '0',    '0', '0', '6'};
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		burst_feed(&b, false, ext[i], now++);
	}
	assert_int_equal(burst_feed(&b, false, '\n', now), BURST_SCAN);
	assert_string_equal(b.code, "WH-2026-0006");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(scanner_code_and_cr_is_a_scan),
	    cmocka_unit_test(cr_lf_is_one_enter),
	    cmocka_unit_test(lf_and_key_enter_end_a_scan_too),
	    cmocka_unit_test(the_same_digits_at_a_persons_speed_are_typing),
	    cmocka_unit_test(a_slow_enter_after_a_fast_burst_is_a_persons),
	    cmocka_unit_test(a_name_or_a_pin_typed_fast_is_not_a_scan),
	    cmocka_unit_test(another_key_inside_the_burst_makes_it_typing),
	    cmocka_unit_test(a_pause_starts_a_new_burst),
	    cmocka_unit_test(more_than_a_code_holds_is_not_a_scan),
	    cmocka_unit_test(fullwidth_digits_scan_as_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
