/*
 * Tests for json: commas between members and elements at every nesting level
 * (also around empty containers and after a nested value), string escaping
 * (quote, backslash, newline), controls, escape sequences and bidi overrides
 * replaced by U+FFFD (the output sanitiser, so `jq -r` cannot hand them to a
 * terminal), bad UTF-8 replaced by U+FFFD, a NULL string written as null,
 * and release making the writer reusable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "frontdesk/json.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD         "\xEF\xBF\xBD"

struct escape_case {
	const char *name;
	const char *in;
	const char *out;
};

/* clang-format off */
static const struct escape_case escape_cases[] = {
	{"plain_text_is_quoted", "abc", "\"abc\""},
	{"empty_string_is_two_quotes", "", "\"\""},
	{"quote_is_escaped", "say \"hi\"", "\"say \\\"hi\\\"\""},
	{"backslash_is_escaped", "C:\\dir\\", "\"C:\\\\dir\\\\\""},
	{"newline_is_escaped", "a\nb", "\"a\\nb\""},
	{"tab_becomes_fffd", "a\tb", "\"a" FFFD "b\""},
	{"carriage_return_becomes_fffd", "a\rb", "\"a" FFFD "b\""},
	{"escape_sequence_becomes_one_fffd", "\x1b[31mred\x1b[0m", "\"" FFFD "red" FFFD "\""},
	{"osc_title_becomes_one_fffd", "a\x1b]0;pwned\x07" "b", "\"a" FFFD "b\""},
	{"unit_separator_becomes_fffd", "\x1f", "\"" FFFD "\""},
	{"c1_csi_becomes_fffd", "\xC2\x9B" "2J", "\"" FFFD "\""},
	{"bidi_override_becomes_fffd", "abc\xE2\x80\xAE" "fdp", "\"abc" FFFD "fdp\""},
	{"utf8_passes_through", "张三·𠮷", "\"张三·𠮷\""},
	{"slash_is_not_escaped", "a/b", "\"a/b\""},
	{"invalid_utf8_becomes_fffd", "a\xFF" "b", "\"a\xEF\xBF\xBD" "b\""},
	{"gbk_bytes_become_fffd", "\xD5\xC5", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
};
/* clang-format on */

static void run_escape_case(void **state)
{
	const struct escape_case *c = *state;
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "x");
	json_escape(&sb, c->in);
	assert_string_equal(sb.data + 1, c->out);
	assert_int_equal(sb.data[0], 'x');
	strbuf_release(&sb);
}

static void empty_object_and_array(void **state)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_object_end(&j);
	assert_string_equal(json_text(&j), "{}");
	json_release(&j);
	json_array_begin(&j);
	json_array_end(&j);
	assert_string_equal(json_text(&j), "[]");
	json_release(&j);
}

static void members_are_separated_by_commas(void **state)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "reg_no", "0001");
	json_kv_int(&j, "paid", 1500);
	json_kv_bool(&j, "member", true);
	json_kv_bool(&j, "withdrawn", false);
	json_key(&j, "note");
	json_null(&j);
	json_kv_string(&j, "roommate", NULL);
	json_kv_int(&j, "refund", -200);
	json_object_end(&j);
	assert_string_equal(json_text(&j), "{\"reg_no\":\"0001\",\"paid\":1500,\"member\":true,"
	                                   "\"withdrawn\":false,\"note\":null,\"roommate\":null,"
	                                   "\"refund\":-200}");
	json_release(&j);
}

static void array_elements_are_separated_by_commas(void **state)
{
	struct json j = JSON_INIT;

	json_array_begin(&j);
	json_int(&j, 1);
	json_string(&j, "x");
	json_bool(&j, true);
	json_null(&j);
	json_string(&j, NULL);
	json_int(&j, -2147483647L - 1);
	json_array_end(&j);
	assert_string_equal(json_text(&j), "[1,\"x\",true,null,null,-2147483648]");
	json_release(&j);
}

static void nesting_puts_commas_at_the_right_level(void **state)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "a", "1");
	json_key(&j, "rows");
	json_array_begin(&j);
	json_object_begin(&j);
	json_kv_int(&j, "n", 1);
	json_key(&j, "empty");
	json_object_begin(&j);
	json_object_end(&j);
	json_key(&j, "list");
	json_array_begin(&j);
	json_array_end(&j);
	json_object_end(&j);
	json_object_begin(&j);
	json_kv_int(&j, "n", 2);
	json_object_end(&j);
	json_array_begin(&j);
	json_array_begin(&j);
	json_int(&j, 3);
	json_array_end(&j);
	json_int(&j, 4);
	json_array_end(&j);
	json_array_end(&j);
	json_kv_bool(&j, "after", false);
	json_object_end(&j);
	assert_string_equal(json_text(&j),
	                    "{\"a\":\"1\",\"rows\":[{\"n\":1,\"empty\":{},\"list\":[]},"
	                    "{\"n\":2},[[3],4]],\"after\":false}");
	assert_int_equal(j.depth, 0);
	json_release(&j);
}

static void deep_nesting_up_to_the_limit(void **state)
{
	struct json j = JSON_INIT;
	const int levels = JSON_MAX_DEPTH - 1;
	struct strbuf want = STRBUF_INIT;

	for (int i = 0; i < levels; i++) {
		json_array_begin(&j);
		json_int(&j, i);
		strbuf_printf(&want, "[%d,", i);
	}
	want.len--; /* the innermost array has no comma after its element */
	want.data[want.len] = '\0';
	for (int i = 0; i < levels; i++) {
		json_array_end(&j);
		strbuf_putc(&want, ']');
	}
	assert_int_equal(j.depth, 0);
	assert_string_equal(json_text(&j), strbuf_str(&want));
	assert_non_null(strstr(json_text(&j), "[13,[14]]"));
	strbuf_release(&want);
	json_release(&j);
}

/* Class hours come in halves: 3 is written 3, 1.5 is 1.5, never 1.50 or "1.5". */
static void tenths_are_plain_numbers(void **state)
{
	(void)state;
	struct json j = JSON_INIT;

	json_array_begin(&j);
	json_tenths(&j, 30);
	json_tenths(&j, 15);
	json_tenths(&j, 0);
	json_tenths(&j, -5);
	json_array_end(&j);
	assert_string_equal(json_text(&j), "[3,1.5,0,-0.5]");
	json_release(&j);
}

static void keys_are_escaped(void **state)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "Shirt \"Size\"", "L\n");
	json_kv_string(&j, "饮食", "素食");
	json_object_end(&j);
	assert_string_equal(json_text(&j), "{\"Shirt \\\"Size\\\"\":\"L\\n\",\"饮食\":\"素食\"}");
	json_release(&j);
}

static void release_makes_the_writer_reusable(void **state)
{
	struct json j = JSON_INIT;

	json_array_begin(&j);
	json_int(&j, 1);
	json_array_end(&j);
	json_release(&j);
	assert_string_equal(json_text(&j), "");
	/* No comma is carried over from the earlier document. */
	json_object_begin(&j);
	json_kv_int(&j, "x", 2);
	json_object_end(&j);
	assert_string_equal(json_text(&j), "{\"x\":2}");
	json_release(&j);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(empty_object_and_array),
    cmocka_unit_test(members_are_separated_by_commas),
    cmocka_unit_test(array_elements_are_separated_by_commas),
    cmocka_unit_test(nesting_puts_commas_at_the_right_level),
    cmocka_unit_test(deep_nesting_up_to_the_limit),
    cmocka_unit_test(keys_are_escaped),
    cmocka_unit_test(tenths_are_plain_numbers),
    cmocka_unit_test(release_makes_the_writer_reusable),
};

static struct CMUnitTest tests[ARRAY_LEN(escape_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(escape_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = escape_cases[i].name,
		    .test_func = run_escape_case,
		    .initial_state = (void *)&escape_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
