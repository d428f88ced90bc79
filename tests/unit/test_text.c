/*
 * Tests for text: which characters count as controls (C0, DEL, C1 such as
 * U+0085, bidi overrides and isolates, malformed UTF-8) and which do not (CJK,
 * characters outside the BMP such as 𠮷, the middle dot of foreign names);
 * text_sanitize replaces each flagged character with U+FFFD, text_repair_utf8
 * only repairs bad bytes; text_is_digits and text_ascii_lower.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/text.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD         "\xEF\xBF\xBD"

struct control_case {
	const char *name;
	const char *text;
	bool control;
	const char *sanitized; /* what text_sanitize returns */
	const char *repaired;  /* what text_repair_utf8 returns */
};

/* clang-format off */
static const struct control_case control_cases[] = {
	{"plain_ascii_is_clean", "Zhang San", false, "Zhang San", "Zhang San"},
	{"empty_is_clean", "", false, "", ""},
	{"cjk_is_clean", "张三 武汉大学图书馆", false, "张三 武汉大学图书馆", "张三 武汉大学图书馆"},
	{"outside_bmp_is_clean", "𠮷野家", false, "𠮷野家", "𠮷野家"},
	{"middle_dot_is_clean", "阿依古丽·买买提", false, "阿依古丽·买买提", "阿依古丽·买买提"},
	{"fullwidth_and_emoji_are_clean", "（备注）😀", false, "（备注）😀", "（备注）😀"},
	{"escape_is_control", "\x1b[31m张三", true, FFFD "[31m张三", "\x1b[31m张三"},
	{"tab_is_control", "a\tb", true, "a" FFFD "b", "a\tb"},
	{"newline_is_control", "a\nb", true, "a" FFFD "b", "a\nb"},
	{"carriage_return_is_control", "a\rb", true, "a" FFFD "b", "a\rb"},
	{"unit_separator_is_control", "a\x1f", true, "a" FFFD, "a\x1f"},
	{"del_is_control", "a\x7f" "b", true, "a" FFFD "b", "a\x7f" "b"},
	{"c1_next_line_u0085_is_control", "a\xC2\x85" "b", true, "a" FFFD "b", "a\xC2\x85" "b"},
	{"c1_csi_u009b_is_control", "\xC2\x9B" "2J", true, FFFD "2J", "\xC2\x9B" "2J"},
	{"u00a0_after_c1_is_clean", "a\xC2\xA0" "b", false, "a\xC2\xA0" "b", "a\xC2\xA0" "b"},
	{"bidi_override_u202e_is_control", "abc\xE2\x80\xAE" "fdp.exe", true, "abc" FFFD "fdp.exe",
	 "abc\xE2\x80\xAE" "fdp.exe"},
	{"bidi_embedding_u202a_is_control", "\xE2\x80\xAA" "x", true, FFFD "x", "\xE2\x80\xAA" "x"},
	{"bidi_isolate_u2066_is_control", "\xE2\x81\xA6" "x", true, FFFD "x", "\xE2\x81\xA6" "x"},
	{"bidi_isolate_end_u2069_is_control", "x\xE2\x81\xA9", true, "x" FFFD, "x\xE2\x81\xA9"},
	{"u2029_range_neighbours_are_clean", "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xAA", false,
	 "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xAA", "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xAA"},
	{"lone_continuation_byte_is_bad", "a\x80" "b", true, "a" FFFD "b", "a" FFFD "b"},
	{"gbk_bytes_are_bad", "\xD5\xC5\xC8\xFD", true, FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD},
	{"truncated_sequence_at_end_is_bad", "张\xE4\xB8", true, "张" FFFD FFFD, "张" FFFD FFFD},
	{"overlong_slash_is_bad", "\xC0\xAF", true, FFFD FFFD, FFFD FFFD},
	{"surrogate_is_bad", "\xED\xA0\x80", true, FFFD FFFD FFFD, FFFD FFFD FFFD},
	{"above_u10ffff_is_bad", "\xF4\x90\x80\x80", true, FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD},
	{"ff_byte_is_bad", "x\xFF", true, "x" FFFD, "x" FFFD},
	{"bad_byte_and_control_together", "\x1b\xFF张", true, FFFD FFFD "张", "\x1b" FFFD "张"},
};
/* clang-format on */

static void run_control_case(void **state)
{
	const struct control_case *c = *state;
	char *sanitized = text_sanitize(c->text);
	char *repaired = text_repair_utf8(c->text);

	assert_int_equal(text_has_control(c->text), c->control);
	assert_string_equal(sanitized, c->sanitized);
	assert_string_equal(repaired, c->repaired);
	/* Whatever came in, the sanitized text is clean. */
	assert_false(text_has_control(sanitized));
	free(sanitized);
	free(repaired);
}

static void sanitize_returns_a_new_copy(void **state)
{
	const char *in = "张三";
	char *out = text_sanitize(in);

	assert_ptr_not_equal(out, in);
	assert_string_equal(out, in);
	free(out);
}

static void is_digits_accepts_only_ascii_digits(void **state)
{
	assert_true(text_is_digits(""));
	assert_true(text_is_digits("0"));
	assert_true(text_is_digits("0123456789"));
	assert_false(text_is_digits("12a4"));
	assert_false(text_is_digits(" 1234"));
	assert_false(text_is_digits("1234 "));
	assert_false(text_is_digits("-12"));
	assert_false(text_is_digits("1.5"));
	/* Fullwidth digits are not ASCII digits. */
	assert_false(text_is_digits("１２３４"));
	assert_false(text_is_digits("١٢"));
}

static void ascii_lower_lowers_ascii_only(void **state)
{
	char *a = text_ascii_lower("REG_No [Name] AZaz09");
	char *b = text_ascii_lower("ÄÖ张三ＡＢ King");
	char *c = text_ascii_lower("");

	assert_string_equal(a, "reg_no [name] azaz09");
	assert_string_equal(b, "ÄÖ张三ＡＢ king");
	assert_string_equal(c, "");
	free(a);
	free(b);
	free(c);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(sanitize_returns_a_new_copy),
    cmocka_unit_test(is_digits_accepts_only_ascii_digits),
    cmocka_unit_test(ascii_lower_lowers_ascii_only),
};

static struct CMUnitTest tests[ARRAY_LEN(control_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(control_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = control_cases[i].name,
		    .test_func = run_control_case,
		    .initial_state = (void *)&control_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
