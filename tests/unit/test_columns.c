/*
 * Tests for columns: a header names a column by its Chinese name or its
 * English alias (any case), in any order, optionally as "中文 [alias]" or with
 * a "（说明）" suffix and surrounding spaces; a column named twice and a
 * missing required column are reported on the header line; unknown columns
 * are kept by index; columns_field and columns_header_name for present and
 * absent columns; blank records; columns_read_table refuses empty, binary and
 * badly quoted files and reports a header-less file. Headers are normalised
 * (full-width space or alias, a BOM or zero-width character in the cell);
 * problems with one byte or one quote carry their line; a repeated header row
 * is recognised.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "frontdesk/columns.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum { S_REG_NO, S_NAME, S_NOTE, S_COUNT };

static const struct column_spec specs[S_COUNT] = {
    [S_REG_NO] = {"报名编号", "reg_no", true},
    [S_NAME] = {"姓名", "name", true},
    [S_NOTE] = {"备注", "note", false},
};

/* Parses a UTF-8 CSV text that must be readable. */
static struct csv_table *table_of(const char *text)
{
	struct diag_list errs = DIAG_LIST_INIT;
	enum text_encoding enc;
	struct csv_table *t = columns_read_table(text, strlen(text), &enc, &errs);

	assert_non_null(t);
	assert_int_equal(errs.n, 0);
	diag_list_clear(&errs);
	return t;
}

struct header_case {
	const char *name;
	const char *csv;
	int field_of[S_COUNT];
};

/* clang-format off */
static const struct header_case header_cases[] = {
	{"chinese_headers_match", "报名编号,姓名,备注\n", {0, 1, 2}},
	{"english_aliases_match", "reg_no,name,note\n", {0, 1, 2}},
	{"aliases_match_in_any_case", "REG_NO,Name,NoTe\n", {0, 1, 2}},
	{"order_is_free", "备注,姓名,报名编号\n", {2, 1, 0}},
	{"mixed_languages", "name,报名编号\n", {1, 0, -1}},
	{"bracket_form_matches", "报名编号 [reg_no],姓名 [name],备注 [note]\n", {0, 1, 2}},
	{"bracket_alias_alone_matches", "编号 [REG_NO],全名 [name]\n", {0, 1, -1}},
	{"surrounding_spaces_ignored", "\" 报名编号 \",\"\t姓名\"\n", {0, 1, -1}},
	{"fullwidth_paren_note_ignored", "报名编号（必填）,姓名(name)\n", {0, 1, -1}},
	{"optional_column_may_be_absent", "姓名,报名编号\n", {1, 0, -1}},
	{"fullwidth_space_after_header", "报名编号,姓名\xE3\x80\x80,\xE3\x80\x80备注\n", {0, 1, 2}},
	{"bom_before_header_cell", "报名编号,\xEF\xBB\xBF姓名\n", {0, 1, -1}},
	{"zero_width_in_header", "报\xE2\x80\x8B名编号,姓名\n", {0, 1, -1}},
	{"fullwidth_alias", "ｒｅｇ＿ｎｏ,ＮＡＭＥ,ｎｏｔｅ\n", {0, 1, 2}},
	{"fullwidth_bracket_alias", "编号［ｒｅｇ＿ｎｏ］,姓名\n", {0, 1, -1}},
};
/* clang-format on */

static void run_header_case(void **state)
{
	const struct header_case *c = *state;
	struct csv_table *t = table_of(c->csv);
	struct diag_list errs = DIAG_LIST_INIT;
	struct column_map map;

	assert_true(columns_map(specs, S_COUNT, &t->records[0], &map, &errs));
	assert_int_equal(errs.n, 0);
	assert_int_equal(map.n_specs, S_COUNT);
	for (size_t i = 0; i < S_COUNT; i++) {
		assert_int_equal(map.field_of[i], c->field_of[i]);
	}
	assert_int_equal(map.n_unknown, 0);
	columns_map_free(&map);
	csvtable_free(t);
}

static void duplicate_column_is_reported_on_header_line(void **state)
{
	struct csv_table *t = table_of("\n报名编号,姓名,reg_no\n");
	struct diag_list errs = DIAG_LIST_INIT;
	struct column_map map;

	assert_false(columns_map(specs, S_COUNT, &t->records[0], &map, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, 2);
	assert_string_equal(errs.items[0].column, "reg_no");
	assert_non_null(strstr(errs.items[0].message, "column \"reg_no\" appears twice"));
	/* The first occurrence wins. */
	assert_int_equal(map.field_of[S_REG_NO], 0);
	diag_list_clear(&errs);
	columns_map_free(&map);
	csvtable_free(t);
}

static void missing_required_columns_are_each_reported(void **state)
{
	struct csv_table *t = table_of("备注,电话\n");
	struct diag_list errs = DIAG_LIST_INIT;
	struct column_map map;

	assert_false(columns_map(specs, S_COUNT, &t->records[0], &map, &errs));
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.items[0].line, 1);
	assert_string_equal(errs.items[0].column, "报名编号");
	assert_non_null(strstr(errs.items[0].message, "required column \"报名编号\" (or reg_no)"));
	assert_int_equal(errs.items[1].line, 1);
	assert_string_equal(errs.items[1].column, "姓名");
	assert_non_null(strstr(errs.items[1].message, "required column \"姓名\" (or name)"));
	assert_int_equal(map.field_of[S_REG_NO], -1);
	assert_int_equal(map.field_of[S_NAME], -1);
	assert_int_equal(map.field_of[S_NOTE], 0);
	diag_list_clear(&errs);
	columns_map_free(&map);
	csvtable_free(t);
}

static void unknown_columns_are_kept_by_index(void **state)
{
	struct csv_table *t = table_of("报名编号,饮食,姓名,,Shirt Size\n");
	struct diag_list errs = DIAG_LIST_INIT;
	struct column_map map;

	assert_true(columns_map(specs, S_COUNT, &t->records[0], &map, &errs));
	assert_int_equal(errs.n, 0);
	/* A nameless column is kept too (named 第N列), so its data is not lost. */
	assert_int_equal(map.n_unknown, 3);
	assert_int_equal(map.unknown[0], 1);
	assert_int_equal(map.unknown[1], 3);
	assert_int_equal(map.unknown[2], 4);
	char *nameless = columns_unknown_name(&map, 1);
	assert_string_equal(nameless, "第4列");
	free(nameless);
	assert_int_equal(map.field_of[S_REG_NO], 0);
	assert_int_equal(map.field_of[S_NAME], 2);
	columns_map_free(&map);
	assert_null(map.field_of);
	assert_null(map.unknown);
	csvtable_free(t);
}

static void field_and_header_name_for_present_and_absent_columns(void **state)
{
	struct csv_table *t = table_of("姓名 [name],报名编号\n张三,0001\n李四\n");
	struct diag_list errs = DIAG_LIST_INIT;
	struct column_map map;

	assert_true(columns_map(specs, S_COUNT, &t->records[0], &map, &errs));
	assert_string_equal(columns_field(&map, &t->records[1], S_NAME), "张三");
	assert_string_equal(columns_field(&map, &t->records[1], S_REG_NO), "0001");
	/* Absent column and a record shorter than the header both read as "". */
	assert_string_equal(columns_field(&map, &t->records[1], S_NOTE), "");
	assert_string_equal(columns_field(&map, &t->records[2], S_REG_NO), "");
	/* Header names as written, or the Chinese name of an absent column. */
	assert_string_equal(columns_header_name(&map, specs, S_NAME), "姓名 [name]");
	assert_string_equal(columns_header_name(&map, specs, S_REG_NO), "报名编号");
	assert_string_equal(columns_header_name(&map, specs, S_NOTE), "备注");
	columns_map_free(&map);
	csvtable_free(t);
}

static void blank_records_are_recognised(void **state)
{
	struct csv_table *t = table_of("a,b,c\n,,\n\"\",\"\",\"\"\n , ,\n,x,\n1\n");

	assert_int_equal(t->n_records, 6);
	assert_false(columns_record_is_blank(&t->records[0]));
	assert_true(columns_record_is_blank(&t->records[1]));
	assert_true(columns_record_is_blank(&t->records[2]));
	assert_true(columns_record_is_blank(&t->records[3]));
	assert_false(columns_record_is_blank(&t->records[4]));
	assert_false(columns_record_is_blank(&t->records[5]));
	csvtable_free(t);
}

/* Reads raw bytes that must be refused with one problem at line (0: the whole file) naming needle.
 */
static void assert_unreadable_at(const char *raw, size_t len, int line, const char *needle)
{
	struct diag_list errs = DIAG_LIST_INIT;
	enum text_encoding enc;

	assert_null(columns_read_table(raw, len, &enc, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, line);
	assert_null(errs.items[0].column);
	if (strstr(errs.items[0].message, needle) == NULL) {
		fail_msg("\"%s\" not in \"%s\"", needle, errs.items[0].message);
	}
	diag_list_clear(&errs);
}

static void assert_unreadable(const char *raw, size_t len, const char *needle)
{
	assert_unreadable_at(raw, len, 0, needle);
}

static void read_table_refuses_empty_file(void **state)
{
	assert_unreadable("", 0, "the file is empty");
}

static void read_table_refuses_binary_file(void **state)
{
	static const char nul[] = "报名编号,姓名\n0001,\0\0\0\n";
	static const char xlsx[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0";

	assert_unreadable(nul, sizeof(nul) - 1, "binary data");
	assert_unreadable(xlsx, sizeof(xlsx) - 1, "Excel workbook");
}

static void read_table_reports_file_without_rows(void **state)
{
	assert_unreadable("\n\r\n  \n", 6, "no rows");
}

static void read_table_reports_broken_quoting_with_its_line(void **state)
{
	const char *text = "报名编号,姓名\n0001,\"张三\n0002,李四\n";

	assert_unreadable_at(text, strlen(text), 2, "line 2");
	text = "报名编号,姓名\n0001,张\"三\"\n";
	assert_unreadable_at(text, strlen(text), 2, "misplaced quote");
}

static void read_table_reports_undecodable_byte_with_its_line(void **state)
{
	/* 报名编号,姓名 / 0001,张三 in GBK, then a byte GBK has not on line 3 */
	static const char gb[] = "\xb1\xa8\xc3\xfb\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb\r\n"
	                         "0001,\xd5\xc5\xc8\xfd\r\n0002,\xff\r\n";
	/* UTF-8 with a stray byte on line 3: not read as GB18030 mojibake */
	static const char utf8[] = "报名编号,姓名\n0001,张三\n0002,李\xC0四\n";

	assert_unreadable_at(gb, sizeof(gb) - 1, 3, "line 3, byte 6 of the line: 0xFF");
	assert_unreadable_at(utf8, sizeof(utf8) - 1, 3, "line 3, byte 9 of the line: 0xC0");
}

static void repeated_header_is_recognised(void **state)
{
	struct csv_table *t = table_of("报名编号,姓名,备注\n0001,张三,\n"
	                               "\xEF\xBB\xBF报名编号,姓名,备注\n"
	                               "reg_no,name,x\n"
	                               "报名编号,张三,\n");
	struct diag_list errs = DIAG_LIST_INIT;
	struct column_map map;

	assert_true(columns_map(specs, S_COUNT, &t->records[0], &map, &errs));
	assert_false(columns_record_is_header(&map, specs, &t->records[1]));
	assert_true(columns_record_is_header(&map, specs, &t->records[2]));
	/* the aliases name the columns too */
	assert_true(columns_record_is_header(&map, specs, &t->records[3]));
	/* one header word in a cell is not a header row */
	assert_false(columns_record_is_header(&map, specs, &t->records[4]));
	columns_map_free(&map);
	csvtable_free(t);
}

static void read_table_detects_encodings(void **state)
{
	struct diag_list errs = DIAG_LIST_INIT;
	enum text_encoding enc;
	struct csv_table *t;
	/* 报名编号,姓名\r\n0001,张三\r\n in GB18030 */
	static const char gb[] = "\xb1\xa8\xc3\xfb\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb\r\n"
	                         "0001,\xd5\xc5\xc8\xfd\r\n";
	static const char bom[] = "\xEF\xBB\xBF报名编号,姓名\n0001,张三\n";

	t = columns_read_table(gb, sizeof(gb) - 1, &enc, &errs);
	assert_non_null(t);
	assert_int_equal(enc, ENCODING_GB18030);
	assert_string_equal(t->records[0].fields[0], "报名编号");
	assert_string_equal(t->records[1].fields[1], "张三");
	csvtable_free(t);
	t = columns_read_table(bom, sizeof(bom) - 1, &enc, &errs);
	assert_non_null(t);
	assert_int_equal(enc, ENCODING_UTF8_BOM);
	assert_string_equal(t->records[0].fields[0], "报名编号");
	csvtable_free(t);
	t = columns_read_table(bom + 3, sizeof(bom) - 4, &enc, &errs);
	assert_non_null(t);
	assert_int_equal(enc, ENCODING_UTF8);
	csvtable_free(t);
	assert_int_equal(errs.n, 0);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(duplicate_column_is_reported_on_header_line),
    cmocka_unit_test(missing_required_columns_are_each_reported),
    cmocka_unit_test(unknown_columns_are_kept_by_index),
    cmocka_unit_test(field_and_header_name_for_present_and_absent_columns),
    cmocka_unit_test(blank_records_are_recognised),
    cmocka_unit_test(read_table_refuses_empty_file),
    cmocka_unit_test(read_table_refuses_binary_file),
    cmocka_unit_test(read_table_reports_file_without_rows),
    cmocka_unit_test(read_table_reports_undecodable_byte_with_its_line),
    cmocka_unit_test(repeated_header_is_recognised),
    cmocka_unit_test(read_table_reports_broken_quoting_with_its_line),
    cmocka_unit_test(read_table_detects_encodings),
};

static struct CMUnitTest tests[ARRAY_LEN(header_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(header_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = header_cases[i].name,
		    .test_func = run_header_case,
		    .initial_state = (void *)&header_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
