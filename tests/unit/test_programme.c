/*
 * Tests for programme: sessions.csv in Chinese and English headers, ids made
 * from date and start (stable when rows move or a title changes; parallel
 * sessions take -2 in venue order; an id column wins), and one named case per
 * refusal of issue 18: overlapping times at one venue, an end before the
 * start, an unknown kind, hours that are not a number; plus bad yes/no cells
 * and a repeated id, each with its line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "frontdesk/programme.h"

#define HEAD "日期,开始,结束,地点,名称,类型,学时,必修,签退\n"

static struct programme *parse_clean(const char *text)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct programme *p = programme_parse(text, strlen(text), &errs);

	for (size_t i = 0; i < errs.n; i++) {
		print_message("  got: line %d %s\n", errs.items[i].line, errs.items[i].message);
	}
	assert_int_equal(errs.n, 0);
	assert_non_null(p);
	return p;
}

/* Parses text expecting exactly one problem, on line; returns its message's copy. */
static void expect_one_problem(const char *text, int line, const char *needle)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct programme *p = programme_parse(text, strlen(text), &errs);

	for (size_t i = 0; i < errs.n; i++) {
		print_message("  got: line %d %s\n", errs.items[i].line, errs.items[i].message);
	}
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, line);
	assert_non_null(strstr(errs.items[0].message, needle));
	diag_list_clear(&errs);
	programme_free(p);
}

static void parses_a_day_in_time_order(void **state)
{
	(void)state;
	struct programme *p =
	    parse_clean(HEAD "2026-05-26,14:00,17:00,湖北省图书馆,下午,讲座,3,是,否\n"
	                     "2026/5/26,8:30,11:30,湖北省图书馆,上午,研讨,1.5,否,是\n");

	assert_int_equal(p->n, 2);
	assert_string_equal(p->sessions[0].id, "0526-0830");
	assert_string_equal(p->sessions[0].title, "上午");
	assert_int_equal(p->sessions[0].kind, SESSION_DISCUSSION);
	assert_int_equal(p->sessions[0].hours_tenths, 15);
	assert_false(p->sessions[0].required);
	assert_true(p->sessions[0].sign_out);
	assert_int_equal(p->sessions[0].line, 3);
	assert_string_equal(p->sessions[1].id, "0526-1400");
	assert_true(p->sessions[1].required);
	programme_free(p);
}

static void english_headers_and_defaults(void **state)
{
	(void)state;
	struct programme *p = parse_clean("title,date,start,end,venue,kind,hours\n"
	                                  "Visit,2026-05-28,0830,1130,Library,visit,3\n");

	assert_int_equal(p->sessions[0].kind, SESSION_VISIT);
	assert_true(p->sessions[0].required); /* required unless said otherwise */
	assert_false(p->sessions[0].sign_out);
	assert_int_equal(p->sessions[0].start, 8 * 60 + 30);
	programme_free(p);
}

static void parallel_sessions_and_given_ids(void **state)
{
	(void)state;
	struct programme *p = parse_clean(HEAD "2026-05-27,08:30,11:30,B馆,乙,讲座,3,是,否\n"
	                                       "2026-05-27,08:30,11:30,A馆,甲,讲座,3,是,否\n");

	assert_string_equal(p->sessions[0].venue, "A馆");
	assert_string_equal(p->sessions[0].id, "0527-0830");
	assert_string_equal(p->sessions[1].id, "0527-0830-2");
	programme_free(p);
	p = parse_clean("编号,日期,开始,结束,地点,名称,类型,学时\n"
	                "D1AM,2026-05-27,08:30,11:30,A馆,甲,讲座,3\n");
	assert_string_equal(p->sessions[0].id, "D1AM");
	programme_free(p);
}

static void overlap_at_one_venue_is_refused(void **state)
{
	(void)state;
	expect_one_problem(HEAD "2026-05-26,08:30,11:30,湖北省图书馆,甲,讲座,3,是,否\n"
	                        "2026-05-26,11:00,12:00,湖北省图书馆,乙,讲座,1,是,否\n"
	                        "2026-05-26,11:00,12:00,另一处,丙,讲座,1,是,否\n",
	                   3, "重叠");
}

static void end_before_start_is_refused(void **state)
{
	(void)state;
	expect_one_problem(HEAD "2026-05-26,11:30,08:30,湖北省图书馆,甲,讲座,3,是,否\n", 2,
	                   "结束时间不晚于开始时间");
}

static void unknown_kind_is_refused(void **state)
{
	(void)state;
	expect_one_problem(HEAD "2026-05-26,08:30,11:30,湖北省图书馆,甲,参观,3,是,否\n", 2, "类型");
}

static void hours_not_a_number_is_refused(void **state)
{
	(void)state;
	expect_one_problem(HEAD "2026-05-26,08:30,11:30,湖北省图书馆,甲,讲座,三,是,否\n", 2,
	                   "学时");
	expect_one_problem(HEAD "2026-05-26,08:30,11:30,湖北省图书馆,甲,讲座,1.25,是,否\n", 2,
	                   "学时");
	expect_one_problem(HEAD "2026-05-26,08:30,11:30,湖北省图书馆,甲,讲座,0,是,否\n", 2, "学时");
}

static void bad_cells_are_refused_with_their_line(void **state)
{
	(void)state;
	expect_one_problem(HEAD "2026-05-26,08:30,11:30,湖北省图书馆,甲,讲座,3,也许,否\n", 2,
	                   "必修");
	expect_one_problem(HEAD "2026-05-26,8点半,11:30,湖北省图书馆,甲,讲座,3,是,否\n", 2, "开始");
	expect_one_problem(HEAD "2026-05-32,08:30,11:30,湖北省图书馆,甲,讲座,3,是,否\n", 2, "日期");
	expect_one_problem("编号,日期,开始,结束,地点,名称,类型,学时\n"
	                   "X,2026-05-27,08:30,11:30,A馆,甲,讲座,3\n"
	                   "X,2026-05-28,08:30,11:30,A馆,乙,讲座,3\n",
	                   3, "重复");
}

static void times_and_hours_read_and_write(void **state)
{
	(void)state;
	int m, t;
	char out[16];

	assert_true(programme_parse_time("08:30", &m));
	assert_int_equal(m, 510);
	assert_false(programme_parse_time("24:00", &m));
	assert_false(programme_parse_time("8:3", &m));
	assert_true(programme_parse_hours("3.5", &t));
	assert_int_equal(t, 35);
	assert_false(programme_parse_hours("25", &t));
	programme_format_hours(35, out);
	assert_string_equal(out, "3.5");
	programme_format_hours(30, out);
	assert_string_equal(out, "3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parses_a_day_in_time_order),
	    cmocka_unit_test(english_headers_and_defaults),
	    cmocka_unit_test(parallel_sessions_and_given_ids),
	    cmocka_unit_test(overlap_at_one_venue_is_refused),
	    cmocka_unit_test(end_before_start_is_refused),
	    cmocka_unit_test(unknown_kind_is_refused),
	    cmocka_unit_test(hours_not_a_number_is_refused),
	    cmocka_unit_test(bad_cells_are_refused_with_their_line),
	    cmocka_unit_test(times_and_hours_read_and_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
