/*
 * Tests for date: the spellings Excel and staff write (2026-05-25, 2026/5/25,
 * 2026.5.25, 2026年5月25日) all give the same day number; days that do not
 * exist, two-digit years, mixed separators and trailing text are refused; leap
 * years follow the Gregorian rules; date_format and date_parse round-trip over
 * two centuries of days.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>

#include "frontdesk/date.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* 2026-05-25 as days since 1970-01-01. */
#define DAY_2026_05_25 20598L

struct parse_case {
	const char *name;
	const char *text;
	bool ok;
	const char *iso; /* the day it means, when ok */
};

/* clang-format off */
static const struct parse_case parse_cases[] = {
	{"iso_date", "2026-05-25", true, "2026-05-25"},
	{"iso_without_leading_zeros", "2026-5-5", true, "2026-05-05"},
	{"slashes_as_excel_writes", "2026/5/25", true, "2026-05-25"},
	{"slashes_with_zeros", "2026/05/25", true, "2026-05-25"},
	{"dots", "2026.5.25", true, "2026-05-25"},
	{"chinese_year_month_day", "2026年5月25日", true, "2026-05-25"},
	{"chinese_with_zeros", "2026年05月05日", true, "2026-05-05"},
	{"epoch", "1970-01-01", true, "1970-01-01"},
	{"end_of_year", "2026-12-31", true, "2026-12-31"},
	{"leap_day_2028", "2028-02-29", true, "2028-02-29"},
	{"leap_day_2000_divisible_by_400", "2000-02-29", true, "2000-02-29"},
	{"february_30_does_not_exist", "2026-02-30", false, NULL},
	{"leap_day_of_common_year_does_not_exist", "2026-02-29", false, NULL},
	{"leap_day_2100_century_is_not_leap", "2100-02-29", false, NULL},
	{"april_31_does_not_exist", "2026-04-31", false, NULL},
	{"month_13_does_not_exist", "2026-13-01", false, NULL},
	{"month_0_does_not_exist", "2026-00-10", false, NULL},
	{"day_0_does_not_exist", "2026-05-00", false, NULL},
	{"day_32_does_not_exist", "2026-01-32", false, NULL},
	{"two_digit_year_refused", "26-05-25", false, NULL},
	{"five_digit_year_refused", "20260-05-25", false, NULL},
	{"three_digit_month_refused", "2026-005-25", false, NULL},
	{"trailing_garbage_refused", "2026-05-25x", false, NULL},
	{"trailing_space_refused", "2026-05-25 ", false, NULL},
	{"time_of_day_refused", "2026-05-25 13:00", false, NULL},
	{"leading_space_refused", " 2026-05-25", false, NULL},
	{"mixed_separators_refused", "2026-05/25", false, NULL},
	{"chinese_without_day_sign_refused", "2026年5月25", false, NULL},
	{"month_day_only_refused", "5月25日", false, NULL},
	{"day_first_refused", "25/05/2026", false, NULL},
	{"missing_day_refused", "2026-05", false, NULL},
	{"missing_day_after_separator_refused", "2026-05-", false, NULL},
	{"empty_refused", "", false, NULL},
	{"words_refused", "tomorrow", false, NULL},
	{"excel_serial_number_refused", "46167", false, NULL},
};
/* clang-format on */

static void run_parse_case(void **state)
{
	const struct parse_case *c = *state;
	long days = -999999;
	char iso[DATE_ISO_LEN + 1];

	assert_int_equal(date_parse(c->text, &days), c->ok);
	if (c->ok) {
		date_format(days, iso);
		assert_string_equal(iso, c->iso);
	}
}

static void known_day_numbers(void **state)
{
	long days;

	assert_true(date_parse("1970-01-01", &days));
	assert_int_equal(days, 0);
	assert_true(date_parse("1970-01-02", &days));
	assert_int_equal(days, 1);
	assert_true(date_parse("1969-12-31", &days));
	assert_int_equal(days, -1);
	assert_true(date_parse("2026-05-25", &days));
	assert_int_equal(days, DAY_2026_05_25);
	assert_true(date_parse("2026年5月30日", &days));
	assert_int_equal(days, DAY_2026_05_25 + 5);
}

static void spellings_agree_on_the_day(void **state)
{
	const char *spellings[] = {"2026-05-25", "2026-5-25",  "2026/5/25",     "2026/05/25",
	                           "2026.5.25",  "2026.05.25", "2026年5月25日", "2026年05月25日"};

	for (size_t i = 0; i < ARRAY_LEN(spellings); i++) {
		long days = 0;

		assert_true(date_parse(spellings[i], &days));
		assert_int_equal(days, DAY_2026_05_25);
	}
}

static void nights_are_plain_subtraction(void **state)
{
	long first, last, leap_start, leap_end;

	assert_true(date_parse("2026-05-25", &first));
	assert_true(date_parse("2026-05-29", &last));
	assert_int_equal(last - first + 1, 5);
	/* Across a leap day and a year end. */
	assert_true(date_parse("2028-02-28", &leap_start));
	assert_true(date_parse("2028-03-01", &leap_end));
	assert_int_equal(leap_end - leap_start, 2);
	assert_true(date_parse("2026-12-31", &first));
	assert_true(date_parse("2027-01-01", &last));
	assert_int_equal(last - first, 1);
}

static void format_writes_padded_iso(void **state)
{
	char iso[DATE_ISO_LEN + 1];

	date_format(0, iso);
	assert_string_equal(iso, "1970-01-01");
	date_format(DAY_2026_05_25, iso);
	assert_string_equal(iso, "2026-05-25");
	date_format(-1, iso);
	assert_string_equal(iso, "1969-12-31");
}

static void format_parse_round_trip_over_two_centuries(void **state)
{
	/* 1900-01-01 .. 2100-12-31 */
	const long from = -25567, to = 47846;
	char iso[DATE_ISO_LEN + 1];
	long prev_month = -1, months = 0;

	for (long d = from; d <= to; d++) {
		long back = 0;

		date_format(d, iso);
		assert_int_equal(iso[4], '-');
		assert_int_equal(iso[7], '-');
		assert_true(date_parse(iso, &back));
		assert_int_equal(back, d);
		long month = (iso[5] - '0') * 10 + (iso[6] - '0');
		if (month != prev_month) {
			months++;
			prev_month = month;
		}
	}
	/* 201 years of 12 months each: the calendar never skips or repeats a month. */
	assert_int_equal(months, 201 * 12);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(known_day_numbers),
    cmocka_unit_test(spellings_agree_on_the_day),
    cmocka_unit_test(nights_are_plain_subtraction),
    cmocka_unit_test(format_writes_padded_iso),
    cmocka_unit_test(format_parse_round_trip_over_two_centuries),
};

static struct CMUnitTest tests[ARRAY_LEN(parse_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(parse_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = parse_cases[i].name,
		    .test_func = run_parse_case,
		    .initial_state = (void *)&parse_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
