/*
 * Tests for collective: collective.csv rows with their members split on every
 * separator organisers use (; ； 、 , ， and spaces) in listed order, amounts
 * in Excel spellings, the payment state (已到账/待核实 and English), and one
 * named case per problem: bad or zero amount, unknown or empty state, empty or
 * repeated reference, empty member list, control characters, missing columns.
 * Blank records are skipped; unreadable files give NULL.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "frontdesk/collective.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_WANT     4

#define HEAD "单位,金额,凭证号,交费状态,名单\n"

static void dump_diags(const struct diag_list *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		print_message("  got: line %d [%s] %s\n", errs->items[i].line,
		              errs->items[i].column ? errs->items[i].column : "(none)",
		              errs->items[i].message);
	}
}

static struct collective_list *parse_clean(const char *text)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct collective_list *list = collective_parse(text, strlen(text), &errs);

	if (errs.n != 0) {
		dump_diags(&errs);
		fail_msg("%zu unexpected problem(s)", errs.n);
	}
	assert_non_null(list);
	return list;
}

static void assert_members(const struct collective_row *row, size_t n, ...)
{
	va_list ap;

	assert_int_equal(row->n_members, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(row->members[i], va_arg(ap, const char *));
	}
	va_end(ap);
}

static void row_fields_are_read(void **state)
{
	struct collective_list *list = parse_clean(HEAD "湖北省图书馆学会,4500,HB-2026-001,已到账,"
	                                                "0001;0002;0003\n"
	                                                "武汉大学图书馆,1500,WHU-9,待核实,0010\n");
	const struct collective_row *a = &list->rows[0], *b = &list->rows[1];

	assert_int_equal(list->n_rows, 2);
	assert_int_equal(a->line, 2);
	assert_string_equal(a->organisation, "湖北省图书馆学会");
	assert_int_equal(a->amount, 4500);
	assert_string_equal(a->reference, "HB-2026-001");
	assert_true(a->confirmed);
	assert_members(a, 3, "0001", "0002", "0003");
	assert_int_equal(b->line, 3);
	assert_false(b->confirmed);
	assert_int_equal(b->amount, 1500);
	assert_members(b, 1, "0010");
	collective_free(list);
	collective_free(NULL);
}

struct split_case {
	const char *name;
	const char *cell; /* the 名单 cell, CSV-quoted as needed */
	size_t n;
	const char *members[6];
};

/* clang-format off */
static const struct split_case split_cases[] = {
	{"members_split_on_semicolon", "0001;0002", 2, {"0001", "0002"}},
	{"members_split_on_fullwidth_semicolon", "0001；0002", 2, {"0001", "0002"}},
	{"members_split_on_enumeration_comma", "0001、0002、0003", 3, {"0001", "0002", "0003"}},
	{"members_split_on_comma_in_quotes", "\"0001,0002\"", 2, {"0001", "0002"}},
	{"members_split_on_fullwidth_comma", "0001，0002", 2, {"0001", "0002"}},
	{"members_split_on_spaces", "0001 0002", 2, {"0001", "0002"}},
	{"members_split_on_mixed_separators", "\"0001; 0002、0003，0004 ；0005,0006\"", 6,
	 {"0001", "0002", "0003", "0004", "0005", "0006"}},
	{"repeated_separators_make_no_empty_member", "0001;;、 ；0002", 2, {"0001", "0002"}},
	{"leading_and_trailing_separators_ignored", "\"、0001;0002；\"", 2, {"0001", "0002"}},
	{"single_member", "0001", 1, {"0001"}},
	{"members_keep_listed_order", "0009;0001;0005", 3, {"0009", "0001", "0005"}},
	{"chinese_text_next_to_separator_kept_whole", "张三、李四", 2, {"张三", "李四"}},
};
/* clang-format on */

static void run_split_case(void **state)
{
	const struct split_case *c = *state;
	char text[256];
	struct collective_list *list;

	snprintf(text, sizeof(text), HEAD "学会,3000,R1,已到账,%s\n", c->cell);
	list = parse_clean(text);
	assert_int_equal(list->n_rows, 1);
	assert_int_equal(list->rows[0].n_members, c->n);
	for (size_t i = 0; i < c->n; i++) {
		assert_string_equal(list->rows[0].members[i], c->members[i]);
	}
	collective_free(list);
}

static void amounts_in_excel_spellings(void **state)
{
	struct collective_list *list = parse_clean(HEAD "a,\"3,000\",R1,已到账,0001\n"
	                                                "b,¥1500.00,R2,已到账,0002\n"
	                                                "c,￥1700,R3,已到账,0003\n");

	assert_int_equal(list->rows[0].amount, 3000);
	assert_int_equal(list->rows[1].amount, 1500);
	assert_int_equal(list->rows[2].amount, 1700);
	collective_free(list);
}

static void state_values_in_chinese_and_english(void **state)
{
	struct collective_list *list = parse_clean(HEAD "a,1500,R1,已到账,0001\n"
	                                                "b,1500,R2,待核实,0002\n"
	                                                "c,1500,R3,confirmed,0003\n"
	                                                "d,1500,R4,PENDING,0004\n"
	                                                "e,1500,R5,Confirmed,0005\n");

	assert_int_equal(list->n_rows, 5);
	assert_true(list->rows[0].confirmed);
	assert_false(list->rows[1].confirmed);
	assert_true(list->rows[2].confirmed);
	assert_false(list->rows[3].confirmed);
	assert_true(list->rows[4].confirmed);
	collective_free(list);
}

static void english_headers_in_any_order(void **state)
{
	struct collective_list *list =
	    parse_clean("members,reference,amount,organisation,pay_state\n"
	                "0001、0002,R-7,3000,湖北省图书馆学会,pending\n");

	assert_int_equal(list->n_rows, 1);
	assert_string_equal(list->rows[0].organisation, "湖北省图书馆学会");
	assert_string_equal(list->rows[0].reference, "R-7");
	assert_int_equal(list->rows[0].amount, 3000);
	assert_false(list->rows[0].confirmed);
	assert_members(&list->rows[0], 2, "0001", "0002");
	collective_free(list);
}

static void blank_records_are_skipped(void **state)
{
	struct collective_list *list =
	    parse_clean(HEAD "a,1500,R1,已到账,0001\n,,,,\n\"\",,\"\",,\nb,1500,R2,已到账,0002\n");

	assert_int_equal(list->n_rows, 2);
	assert_int_equal(list->rows[0].line, 2);
	assert_int_equal(list->rows[1].line, 5);
	collective_free(list);
}

static void unreadable_files_give_null(void **state)
{
	static const char nul[] = "单位,金额\n\0\0\n";
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(collective_parse("", 0, &errs));
	assert_int_equal(errs.n, 1);
	diag_list_clear(&errs);
	assert_null(collective_parse(nul, sizeof(nul) - 1, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, 0);
	diag_list_clear(&errs);
}

struct want {
	int line;
	const char *column;
	const char *needle;
};

struct error_case {
	const char *name;
	const char *csv;
	struct want want[MAX_WANT];
	size_t n_want;
};

#define WANT(...) .want = {__VA_ARGS__}, .n_want = ARRAY_LEN(((struct want[]){__VA_ARGS__}))

/* clang-format off */
static const struct error_case error_cases[] = {
	{"missing_column_reported", "单位,金额,凭证号,名单\na,1500,R1,0001\n",
	 WANT({1, "交费状态", "required column \"交费状态\" (or pay_state)"})},
	{"amount_in_words_refused", HEAD "a,一千五,R1,已到账,0001\n",
	 WANT({2, "金额", "expected a positive whole amount"})},
	{"amount_zero_refused", HEAD "a,0,R1,已到账,0001\n",
	 WANT({2, "金额", "expected a positive whole amount"})},
	{"amount_empty_refused", HEAD "a,,R1,已到账,0001\n",
	 WANT({2, "金额", "expected a positive whole amount"})},
	{"amount_with_fraction_refused", HEAD "a,1500.5,R1,已到账,0001\n",
	 WANT({2, "金额", "expected a positive whole amount"})},
	{"unknown_state_refused", HEAD "a,1500,R1,已付,0001\n",
	 WANT({2, "交费状态", "expected 已到账 (confirmed) or 待核实 (pending)"})},
	{"empty_state_refused", HEAD "a,1500,R1,,0001\n",
	 WANT({2, "交费状态", "expected 已到账 (confirmed) or 待核实 (pending)"})},
	{"empty_reference_refused", HEAD "a,1500,,已到账,0001\n",
	 WANT({2, "凭证号", "the transfer reference is empty"})},
	{"duplicate_reference_reported_on_later_line",
	 HEAD "a,1500,R1,已到账,0001\nb,1500,R2,已到账,0002\nc,1500,R1,待核实,0003\n",
	 WANT({4, "凭证号", "the same reference appears on an earlier line"})},
	{"empty_member_list_refused", HEAD "a,1500,R1,已到账,\n",
	 WANT({2, "名单", "the member list is empty"})},
	{"member_list_of_separators_only_refused", HEAD "a,1500,R1,已到账,；、 ;\n",
	 WANT({2, "名单", "the member list is empty"})},
	{"control_character_refused", HEAD "a\x1b[2J,1500,R1,已到账,0001\n",
	 WANT({2, "单位", "holds control characters"})},
	{"control_character_names_its_own_column", HEAD "a,1500,R1,已到账,00\x07" "01\n",
	 WANT({2, "名单", "holds control characters"})},
	{"member_listed_twice_in_another_case_refused", HEAD "a,3000,R1,已到账,WH-1;wh-1\n",
	 WANT({2, "名单", "a registration number is listed twice"})},
	{"second_header_pasted_in_the_middle_refused",
	 HEAD "a,1500,R1,已到账,0001\n\xEF\xBB\xBF" HEAD "b,1500,R2,已到账,0002\n",
	 WANT({3, NULL, "line 3 repeats the header row"})},
	{"error_names_column_as_written_in_english_header",
	 "organisation,amount,reference,pay_state,members\na,abc,R1,confirmed,0001\n",
	 WANT({2, "amount", "expected a positive whole amount"})},
	{"several_problems_all_reported",
	 HEAD "a,abc,R1,已到账,0001\nb,1500,R2,已到账,0002\nc,1500,,maybe,\n",
	 WANT({2, "金额", "positive whole amount"}, {4, "凭证号", "reference is empty"},
	      {4, "交费状态", "expected 已到账"}, {4, "名单", "member list is empty"})},
};
/* clang-format on */

static void run_error_case(void **state)
{
	const struct error_case *c = *state;
	struct diag_list errs = DIAG_LIST_INIT;
	struct collective_list *list = collective_parse(c->csv, strlen(c->csv), &errs);
	bool used[16] = {false};

	assert_non_null(list);
	for (size_t w = 0; w < c->n_want; w++) {
		bool found = false;

		for (size_t i = 0; i < errs.n && i < ARRAY_LEN(used) && !found; i++) {
			const struct diag *d = &errs.items[i];

			bool same_column =
			    c->want[w].column == NULL
			        ? d->column == NULL
			        : d->column != NULL && strcmp(d->column, c->want[w].column) == 0;
			if (!used[i] && d->line == c->want[w].line && same_column &&
			    strstr(d->message, c->want[w].needle) != NULL) {
				used[i] = found = true;
			}
		}
		if (!found) {
			dump_diags(&errs);
			fail_msg("missing: line %d [%s] \"%s\"", c->want[w].line,
			         c->want[w].column ? c->want[w].column : "(none)",
			         c->want[w].needle);
		}
	}
	if (errs.n != c->n_want) {
		dump_diags(&errs);
		fail_msg("%zu problem(s) reported, %zu expected", errs.n, c->n_want);
	}
	diag_list_clear(&errs);
	collective_free(list);
}

/* Full-width amounts, references and reg_nos read as ASCII; invisible characters go. */
static void fullwidth_and_invisible_are_normalised(void **state)
{
	struct collective_list *list = parse_clean(
	    HEAD "\xE2\x80\x8B湖北省图书馆（学会）,４，５００,ＨＢ－００１,已到账\xE3\x80\x80,"
	         "ｗｈ－０００１；\xEF\xBB\xBFWH-0002\n");
	const struct collective_row *a = &list->rows[0];

	assert_string_equal(a->organisation, "湖北省图书馆（学会）");
	assert_int_equal(a->amount, 4500);
	assert_string_equal(a->reference, "HB-001");
	assert_true(a->confirmed);
	assert_members(a, 2, "wh-0001", "WH-0002");
	collective_free(list);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(row_fields_are_read),
    cmocka_unit_test(fullwidth_and_invisible_are_normalised),
    cmocka_unit_test(amounts_in_excel_spellings),
    cmocka_unit_test(state_values_in_chinese_and_english),
    cmocka_unit_test(english_headers_in_any_order),
    cmocka_unit_test(blank_records_are_skipped),
    cmocka_unit_test(unreadable_files_give_null),
};

static struct CMUnitTest
    tests[ARRAY_LEN(plain_tests) + ARRAY_LEN(split_cases) + ARRAY_LEN(error_cases)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	for (size_t i = 0; i < ARRAY_LEN(split_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = split_cases[i].name,
		    .test_func = run_split_case,
		    .initial_state = (void *)&split_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(error_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = error_cases[i].name,
		    .test_func = run_error_case,
		    .initial_state = (void *)&error_cases[i],
		};
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
