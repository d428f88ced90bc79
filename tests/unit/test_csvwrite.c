/*
 * test_csvwrite: CSV fields for Excel: quoting, doubled quotes, CRLF, and
 * formula cells (= + - @) neutralised.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "frontdesk/csvwrite.h"

static void check(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	csvwrite_field(&sb, in, 1);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_release(&sb);
}

static void plain_text_is_written_as_is(void **state)
{
	check("张三", "张三");
	check(NULL, "");
}

static void comma_quote_and_newline_are_quoted(void **state)
{
	check("湖北,武汉", "\"湖北,武汉\"");
	check("say \"hi\"", "\"say \"\"hi\"\"\"");
	check("a\nb", "\"a\nb\"");
	check("\"", "\"\"\"\"");
	check("\"\"张三\",\"", "\"\"\"\"\"张三\"\",\"\"\"");
}

static void formula_cells_are_neutralised(void **state)
{
	check("=SUM(A1)", "\"'=SUM(A1)\"");
	check("+86 138", "\"'+86 138\"");
	check("-1", "\"'-1\"");
	check("@cmd", "\"'@cmd\"");
}

static void fields_are_separated_and_records_end_with_crlf(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	csvwrite_field(&sb, "a", 1);
	csvwrite_int(&sb, 1500, 0);
	csvwrite_field(&sb, "b", 0);
	csvwrite_end(&sb);
	assert_string_equal(strbuf_str(&sb), "a,1500,b\r\n");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plain_text_is_written_as_is),
	    cmocka_unit_test(comma_quote_and_newline_are_quoted),
	    cmocka_unit_test(formula_cells_are_neutralised),
	    cmocka_unit_test(fields_are_separated_and_records_end_with_crlf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
