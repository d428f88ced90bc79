/*
 * Tests for csvtable: RFC 4180 quoting, line numbers of records (also after
 * fields that span lines), CRLF, blank lines, trimming, and the errors staff
 * see (unterminated and misplaced quotes, with their lines, also as a number);
 * a field of megabytes, on one line or many, costs linear time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/csvtable.h"
#include "frontdesk/strbuf.h"

static struct csv_table *parse_ok(const char *text)
{
	char *cause = NULL;
	struct csv_table *t = csvtable_parse(text, strlen(text), NULL, &cause);

	assert_non_null(t);
	assert_null(cause);
	return t;
}

/* Parses text, expects a refusal and returns its message (the caller frees it). */
static char *parse_fail(const char *text, size_t len)
{
	char *cause = NULL;
	struct csv_table *t = csvtable_parse(text, len, NULL, &cause);

	assert_null(t);
	assert_non_null(cause);
	return cause;
}

/* Parses text, expects a refusal on line want; returns its message (the caller frees it). */
static char *parse_fail_at(const char *text, int want)
{
	char *cause = NULL;
	int line = -1;

	assert_null(csvtable_parse(text, strlen(text), &line, &cause));
	assert_non_null(cause);
	assert_int_equal(line, want);
	return cause;
}

static void assert_record(const struct csv_table *t, size_t i, int line, size_t n, ...)
{
	va_list ap;

	assert_true(i < t->n_records);
	assert_int_equal(t->records[i].line, line);
	assert_int_equal(t->records[i].n_fields, n);
	va_start(ap, n);
	for (size_t k = 0; k < n; k++) {
		assert_string_equal(t->records[i].fields[k], va_arg(ap, const char *));
	}
	va_end(ap);
}

static void test_simple(void **state)
{
	struct csv_table *t = parse_ok("reg_no,name\n0001,Li Lei\n0002,Han Meimei\n");

	assert_int_equal(t->n_records, 3);
	assert_record(t, 0, 1, 2, "reg_no", "name");
	assert_record(t, 1, 2, 2, "0001", "Li Lei");
	assert_record(t, 2, 3, 2, "0002", "Han Meimei");
	csvtable_free(t);
}

static void test_quoted_commas_and_doubled_quotes(void **state)
{
	struct csv_table *t = parse_ok("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\n\"\"\"\",x\n");

	assert_int_equal(t->n_records, 2);
	assert_record(t, 0, 1, 4, "a", "b,c", "say \"hi\"", "");
	assert_record(t, 1, 2, 2, "\"", "x");
	csvtable_free(t);
}

static void test_embedded_newline_and_following_lines(void **state)
{
	struct csv_table *t = parse_ok("h1,h2\n"
	                               "1,\"line one\nline two\n\nline four\"\n"
	                               "2,after\n"
	                               "\"x\ny\",\"z\nw\"\n"
	                               "3,end\n");

	assert_int_equal(t->n_records, 5);
	assert_record(t, 0, 1, 2, "h1", "h2");
	assert_record(t, 1, 2, 2, "1", "line one\nline two\n\nline four");
	assert_record(t, 2, 6, 2, "2", "after");
	assert_record(t, 3, 7, 2, "x\ny", "z\nw");
	assert_record(t, 4, 10, 2, "3", "end");
	csvtable_free(t);
}

static void test_crlf(void **state)
{
	struct csv_table *t = parse_ok("a,b\r\n1,\"x\r\ny\"\r\n\r\n2,\r\n3,z");

	assert_int_equal(t->n_records, 4);
	assert_record(t, 0, 1, 2, "a", "b");
	/* A quoted field keeps its line break exactly. */
	assert_record(t, 1, 2, 2, "1", "x\r\ny");
	assert_record(t, 2, 5, 2, "2", "");
	assert_record(t, 3, 6, 2, "3", "z");
	csvtable_free(t);
}

static void test_blank_lines_skipped(void **state)
{
	struct csv_table *t = parse_ok("\n\r\nh\n\n  \t \n1\n\n\n2\n\n");

	assert_int_equal(t->n_records, 3);
	assert_record(t, 0, 3, 1, "h");
	assert_record(t, 1, 6, 1, "1");
	assert_record(t, 2, 9, 1, "2");
	csvtable_free(t);
}

static void test_trailing_newline_or_not(void **state)
{
	struct csv_table *with = parse_ok("a,b\n1,2\n");
	struct csv_table *without = parse_ok("a,b\n1,2");
	struct csv_table *quoted_end = parse_ok("a,b\n1,\"2\"");

	assert_int_equal(with->n_records, 2);
	assert_int_equal(without->n_records, 2);
	assert_int_equal(quoted_end->n_records, 2);
	assert_record(with, 1, 2, 2, "1", "2");
	assert_record(without, 1, 2, 2, "1", "2");
	assert_record(quoted_end, 1, 2, 2, "1", "2");
	csvtable_free(with);
	csvtable_free(without);
	csvtable_free(quoted_end);
}

static void test_trim_unquoted_keep_quoted(void **state)
{
	struct csv_table *t = parse_ok("  a  ,\tb c\t, \" q \" ,\" \n x \"\n");

	assert_int_equal(t->n_records, 1);
	assert_record(t, 0, 1, 4, "a", "b c", " q ", " \n x ");
	csvtable_free(t);
}

static void test_ragged_records(void **state)
{
	struct csv_table *t = parse_ok("a,b,c\n1\n1,2,3,4\n,,\n");

	assert_int_equal(t->n_records, 4);
	assert_record(t, 0, 1, 3, "a", "b", "c");
	assert_record(t, 1, 2, 1, "1");
	assert_record(t, 2, 3, 4, "1", "2", "3", "4");
	assert_record(t, 3, 4, 3, "", "", "");
	csvtable_free(t);
}

static void test_unterminated_quote(void **state)
{
	const char *a = "h1,h2\n1,2\n3,\"open\n4,5\n6,7\n";
	const char *b = "h\n\"a\nb\",c,\"d\ne\n";
	const char *c = "\"never closed";
	char *cause;

	cause = parse_fail(a, strlen(a));
	assert_non_null(strstr(cause, "第 3 行"));
	assert_non_null(strstr(cause, "line 3: unterminated quote"));
	free(cause);
	/* The first quoted field closes on line 3; the open one begins there too. */
	cause = parse_fail(b, strlen(b));
	assert_non_null(strstr(cause, "line 3: unterminated quote"));
	free(cause);
	cause = parse_fail(c, strlen(c));
	assert_non_null(strstr(cause, "line 1: unterminated quote"));
	free(cause);
	/* A NULL cause is allowed. */
	assert_null(csvtable_parse(c, strlen(c), NULL, NULL));
	/* the line is handed over as a number too, for the import report's line column */
	free(parse_fail_at(a, 3));
	free(parse_fail_at(c, 1));
	free(parse_fail_at("h\nok\n5\"3,x\n", 3));
}

/*
 * A field of 4 MiB in one line and one of 64k short lines are parsed in well
 * under a second. libcsv grew its buffer 128 bytes at a time, copying it each
 * time: quadratic, 81 s for 1 MB under ASan (a glibc realloc that extends in
 * place hid it in a release build).
 */
static void test_long_fields_are_linear(void **state)
{
	size_t n = 4 << 20;
	struct strbuf sb = STRBUF_INIT;
	struct timespec t0, t1;

	strbuf_puts(&sb, "h,x\n\"");
	for (size_t i = 0; i < n; i++) {
		strbuf_putc(&sb, 'a');
	}
	strbuf_puts(&sb, "\",1\n\"");
	for (size_t i = 0; i < 65536; i++) {
		strbuf_puts(&sb, "b\n");
	}
	strbuf_puts(&sb, "\",2\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct csv_table *t = parse_ok(strbuf_str(&sb));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(t->n_records, 3);
	assert_int_equal(strlen(t->records[1].fields[0]), n);
	assert_int_equal(strlen(t->records[2].fields[0]), 2 * 65536);
	assert_int_equal(t->records[2].line, 3);
	double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (seconds > 3.0) {
		fail_msg("parsing took %.1f s", seconds);
	}
	csvtable_free(t);
	strbuf_release(&sb);
}

static void test_misplaced_quote_is_strict(void **state)
{
	const char *stray = "h\nok\n5\"3,x\n";
	const char *after_close = "h\n\"a\nb\"c,d\n";
	char *cause;

	cause = parse_fail(stray, strlen(stray));
	assert_non_null(strstr(cause, "第 3 行"));
	assert_non_null(strstr(cause, "line 3: misplaced quote"));
	free(cause);
	cause = parse_fail(after_close, strlen(after_close));
	assert_non_null(strstr(cause, "line 3: misplaced quote"));
	free(cause);
}

static void test_large_field(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv_table *t;
	char *big = malloc(5 * 1024 + 1);

	for (size_t i = 0; i < 5 * 1024; i++) {
		big[i] = (char)('a' + i % 26);
	}
	big[5 * 1024] = '\0';
	strbuf_puts(&sb, "id,note\n1,\"");
	strbuf_puts(&sb, big);
	strbuf_puts(&sb, "\"\n2,");
	strbuf_puts(&sb, big);
	strbuf_puts(&sb, "\n");
	t = parse_ok(strbuf_str(&sb));
	assert_int_equal(t->n_records, 3);
	assert_record(t, 1, 2, 2, "1", big);
	assert_record(t, 2, 3, 2, "2", big);
	csvtable_free(t);
	strbuf_release(&sb);
	free(big);
}

static void test_chinese(void **state)
{
	struct csv_table *t = parse_ok("报名编号,姓名,单位,备注\r\n"
	                               "0001,张三,北京大学,\"素食，不吃辣\"\r\n"
	                               "0002, 李四 ,𠮷野家,\"“引号”\"\r\n");

	assert_int_equal(t->n_records, 3);
	assert_record(t, 0, 1, 4, "报名编号", "姓名", "单位", "备注");
	assert_record(t, 1, 2, 4, "0001", "张三", "北京大学", "素食，不吃辣");
	assert_record(t, 2, 3, 4, "0002", "李四", "𠮷野家", "“引号”");
	csvtable_free(t);
}

static void test_empty_and_bom(void **state)
{
	struct csv_table *t = parse_ok("");

	assert_int_equal(t->n_records, 0);
	csvtable_free(t);
	t = parse_ok("\n\r\n  \n");
	assert_int_equal(t->n_records, 0);
	csvtable_free(t);
	t = parse_ok("\xEF\xBB\xBF"
	             "姓名\n张三\n");
	assert_int_equal(t->n_records, 2);
	assert_record(t, 0, 1, 1, "姓名");
	assert_record(t, 1, 2, 1, "张三");
	csvtable_free(t);
	csvtable_free(NULL);
}

static void test_nul_refused(void **state)
{
	char *cause = parse_fail("a,b\n\0,c\n", 8);

	assert_non_null(strstr(cause, "NUL"));
	free(cause);
}

static void test_lone_cr_ends_record(void **state)
{
	struct csv_table *t = parse_ok("a\rb\nc\n");

	assert_int_equal(t->n_records, 3);
	assert_record(t, 0, 1, 1, "a");
	assert_record(t, 1, 1, 1, "b");
	assert_record(t, 2, 2, 1, "c");
	csvtable_free(t);
}

static void test_many_rows(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv_table *t;

	for (int i = 1; i <= 2000; i++) {
		strbuf_printf(&sb, i % 100 == 0 ? "%d,\"multi\nline\"\n" : "%d,x\n", i);
	}
	t = parse_ok(strbuf_str(&sb));
	assert_int_equal(t->n_records, 2000);
	int line = 1;
	for (size_t i = 0; i < t->n_records; i++) {
		assert_int_equal(t->records[i].line, line);
		assert_int_equal(strtol(t->records[i].fields[0], NULL, 10), (long)i + 1);
		line += (i + 1) % 100 == 0 ? 2 : 1;
	}
	csvtable_free(t);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_simple),
	    cmocka_unit_test(test_quoted_commas_and_doubled_quotes),
	    cmocka_unit_test(test_embedded_newline_and_following_lines),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_blank_lines_skipped),
	    cmocka_unit_test(test_trailing_newline_or_not),
	    cmocka_unit_test(test_trim_unquoted_keep_quoted),
	    cmocka_unit_test(test_ragged_records),
	    cmocka_unit_test(test_unterminated_quote),
	    cmocka_unit_test(test_misplaced_quote_is_strict),
	    cmocka_unit_test(test_large_field),
	    cmocka_unit_test(test_chinese),
	    cmocka_unit_test(test_empty_and_bom),
	    cmocka_unit_test(test_nul_refused),
	    cmocka_unit_test(test_lone_cr_ends_record),
	    cmocka_unit_test(test_many_rows),
	    cmocka_unit_test(test_long_fields_are_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
