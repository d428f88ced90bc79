/*
 * Tests for diag: a problem keeps its line, a copy of its column (or NULL)
 * and its formatted bilingual message; the list grows past its first
 * allocation in order; clear frees everything and leaves a reusable list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "frontdesk/diag.h"

static void add_keeps_line_column_and_formatted_message(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	diag_add(&list, 7, "姓名", "第 %d 行“%s”列：%s / line %d, column \"%s\": %s", 7, "姓名",
	         "姓名为空", 7, "姓名", "the name is empty");
	assert_int_equal(list.n, 1);
	assert_int_equal(list.items[0].line, 7);
	assert_string_equal(list.items[0].column, "姓名");
	assert_string_equal(
	    list.items[0].message,
	    "第 7 行“姓名”列：姓名为空 / line 7, column \"姓名\": the name is empty");
	diag_list_clear(&list);
}

static void null_column_stays_null_for_whole_file_problems(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	diag_add(&list, 0, NULL, "文件没有内容 / the file has no rows");
	assert_int_equal(list.n, 1);
	assert_int_equal(list.items[0].line, 0);
	assert_null(list.items[0].column);
	assert_string_equal(list.items[0].message, "文件没有内容 / the file has no rows");
	diag_list_clear(&list);
}

static void column_is_copied_not_borrowed(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char column[16];

	snprintf(column, sizeof(column), "%s", "房型");
	diag_add(&list, 3, column, "x");
	snprintf(column, sizeof(column), "%s", "changed");
	assert_string_equal(list.items[0].column, "房型");
	assert_ptr_not_equal(list.items[0].column, column);
	diag_list_clear(&list);
}

static void percent_in_an_argument_is_not_reinterpreted(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	diag_add(&list, 2, "备注", "值“%s”", "100%s%d");
	assert_string_equal(list.items[0].message, "值“100%s%d”");
	diag_list_clear(&list);
}

static void list_grows_in_order(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char want[32];

	for (int i = 1; i <= 100; i++) {
		diag_add(&list, i, i % 2 ? "a" : NULL, "problem %d", i);
	}
	assert_int_equal(list.n, 100);
	assert_true(list.cap >= 100);
	for (int i = 1; i <= 100; i++) {
		snprintf(want, sizeof(want), "problem %d", i);
		assert_int_equal(list.items[i - 1].line, i);
		assert_string_equal(list.items[i - 1].message, want);
		if (i % 2) {
			assert_string_equal(list.items[i - 1].column, "a");
		} else {
			assert_null(list.items[i - 1].column);
		}
	}
	diag_list_clear(&list);
}

static void clear_empties_and_list_is_reusable(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	diag_add(&list, 1, "c", "one");
	diag_add(&list, 2, NULL, "two");
	diag_list_clear(&list);
	assert_int_equal(list.n, 0);
	assert_int_equal(list.cap, 0);
	assert_null(list.items);
	diag_add(&list, 9, NULL, "again");
	assert_int_equal(list.n, 1);
	assert_int_equal(list.items[0].line, 9);
	assert_string_equal(list.items[0].message, "again");
	diag_list_clear(&list);
	/* Clearing an empty list is harmless. */
	diag_list_clear(&list);
	assert_int_equal(list.n, 0);
}

static void move_appends_in_order_and_empties_the_source(void **state)
{
	struct diag_list to = DIAG_LIST_INIT, from = DIAG_LIST_INIT;

	diag_add(&to, 1, "a", "first");
	for (int i = 2; i <= 40; i++) {
		diag_add(&from, i, i % 2 ? NULL : "b", "row %d", i);
	}
	diag_list_move(&to, &from);
	assert_int_equal(to.n, 40);
	assert_int_equal(from.n, 0);
	assert_null(from.items);
	assert_string_equal(to.items[0].message, "first");
	assert_int_equal(to.items[39].line, 40);
	assert_string_equal(to.items[39].message, "row 40");
	assert_string_equal(to.items[39].column, "b");
	assert_null(to.items[38].column);
	/* Moving an empty list changes nothing; the source can be filled again. */
	diag_list_move(&to, &from);
	assert_int_equal(to.n, 40);
	diag_add(&from, 41, NULL, "again");
	diag_list_move(&to, &from);
	assert_int_equal(to.n, 41);
	diag_list_clear(&from);
	diag_list_clear(&to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(add_keeps_line_column_and_formatted_message),
	    cmocka_unit_test(null_column_stays_null_for_whole_file_problems),
	    cmocka_unit_test(column_is_copied_not_borrowed),
	    cmocka_unit_test(percent_in_an_argument_is_not_reinterpreted),
	    cmocka_unit_test(list_grows_in_order),
	    cmocka_unit_test(clear_empties_and_list_is_reusable),
	    cmocka_unit_test(move_appends_in_order_and_empties_the_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
