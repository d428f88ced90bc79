/*
 * Tests for json: commas between members and elements at every nesting level
 * (also around empty containers and after a nested value), string escaping
 * (quote, backslash, newline), controls, escape sequences and bidi overrides
 * replaced by U+FFFD (the output sanitiser, so `jq -r` cannot hand them to a
 * terminal), bad UTF-8 replaced by U+FFFD, a NULL string written as null,
 * and release making the writer reusable. A streaming writer (json_stream_to)
 * sends the very bytes the in-memory one keeps, escapes included, over many
 * flushes, and never holds much more than one flush's worth.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
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
	{"escapes_between_runs", "\"张\\三\n\x1b[1m李\"", "\"\\\"张\\\\三\\n" FFFD "李\\\"\""},
	{"escapes_at_both_ends", "\\ab\"", "\"\\\\ab\\\"\""},
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

/* A document of many rooms as `rooms plan` writes them, with text that needs escaping. */
static void write_rooms(struct json *j, size_t n_rooms, size_t *most_held)
{
	static const char *names[] = {"张三",        "say \"hi\"",    "C:\\dir", "a\nb",
	                              "\x1b[31mred", "bad \xFF byte", "",        "𠮷"};

	json_object_begin(j);
	json_key(j, "rooms");
	json_array_begin(j);
	for (size_t i = 0; i < n_rooms; i++) {
		json_object_begin(j);
		json_kv_int(j, "room", (long)i);
		json_kv_string(j, "name", names[i % (sizeof(names) / sizeof(names[0]))]);
		json_kv_string(j, "floor", i % 3 ? "3楼" : NULL);
		json_kv_bool(j, "held", i % 2);
		json_key(j, "nights");
		json_array_begin(j);
		json_tenths(j, (long)i % 25);
		json_array_end(j);
		json_object_end(j);
		*most_held = j->out.len > *most_held ? j->out.len : *most_held;
	}
	json_array_end(j);
	json_kv_int(j, "placed", (long)n_rooms);
	json_object_end(j);
}

/* Returns what f holds from its start (the caller frees it). */
static char *read_back(FILE *f, size_t *len)
{
	long size;

	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	char *text = calloc((size_t)size + 1, 1);
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	*len = (size_t)size;
	return text;
}

static void streaming_sends_the_same_bytes(void **state)
{
	struct json kept = JSON_INIT, sent = JSON_INIT;
	size_t most_kept = 0, most_sent = 0, len;
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	write_rooms(&kept, 20000, &most_kept);
	json_stream_to(&sent, f);
	write_rooms(&sent, 20000, &most_sent);
	/* many flushes, each at the end of a value */
	assert_true(strlen(json_text(&kept)) > 10 * JSON_FLUSH_BYTES);
	assert_true(most_sent < JSON_FLUSH_BYTES + 256);
	fputs(json_text(&sent), f); /* the last part, as cli_print_json prints it */
	char *text = read_back(f, &len);
	assert_int_equal(len, strlen(json_text(&kept)));
	assert_memory_equal(text, json_text(&kept), len);
	assert_non_null(strstr(text, "\"say \\\"hi\\\"\""));
	assert_non_null(strstr(text, "\"bad " FFFD " byte\""));
	free(text);
	fclose(f);
	json_release(&kept);
	json_release(&sent);
}

static void flush_sends_what_is_held(void **state)
{
	struct json j = JSON_INIT;
	FILE *f = tmpfile();
	size_t len;

	(void)state;
	assert_non_null(f);
	json_stream_to(&j, f);
	json_array_begin(&j);
	json_string(&j, "a\"b");
	assert_string_equal(json_text(&j), "[\"a\\\"b\"");
	json_flush(&j);
	assert_string_equal(json_text(&j), "");
	json_int(&j, 2); /* the comma owed is kept across the flush */
	json_array_end(&j);
	json_flush(&j);
	char *text = read_back(f, &len);
	assert_string_equal(text, "[\"a\\\"b\",2]");
	free(text);
	/* release forgets the sink: the writer keeps its text again */
	json_release(&j);
	json_array_begin(&j);
	json_array_end(&j);
	assert_string_equal(json_text(&j), "[]");
	json_release(&j);
	fclose(f);
}

static void flush_without_a_sink_keeps_the_text(void **state)
{
	struct json j = JSON_INIT;

	(void)state;
	json_array_begin(&j);
	json_int(&j, 1);
	json_flush(&j);
	json_array_end(&j);
	assert_string_equal(json_text(&j), "[1]");
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
    cmocka_unit_test(streaming_sends_the_same_bytes),
    cmocka_unit_test(flush_sends_what_is_held),
    cmocka_unit_test(flush_without_a_sink_keeps_the_text),
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
