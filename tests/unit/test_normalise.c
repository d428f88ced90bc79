/*
 * Tests for normalise: full-width digits, letters, punctuation and U+3000 fold
 * to ASCII in keys; zero-width characters, bidi marks, overrides, isolates and
 * a BOM inside text are removed in both kinds; spaces collapse, go at the ends
 * and between CJK characters in keys; free text keeps its full-width
 * punctuation and inner spaces; malformed UTF-8 is left alone; the result is
 * never longer and a second pass changes nothing; reg_nos compare without case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/normalise.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define ZWSP "\xE2\x80\x8B" /* U+200B */
#define ZWJ  "\xE2\x80\x8D" /* U+200D */
#define RLM  "\xE2\x80\x8F" /* U+200F */
#define RLO  "\xE2\x80\xAE" /* U+202E */
#define WJ   "\xE2\x81\xA0" /* U+2060 */
#define LRI  "\xE2\x81\xA6" /* U+2066 */
#define PDI  "\xE2\x81\xA9" /* U+2069 */
#define BOM  "\xEF\xBB\xBF" /* U+FEFF */
#define IDSP "\xE3\x80\x80" /* U+3000 */

struct norm_case {
	const char *name;
	enum normalise_kind kind;
	const char *in;
	const char *want;
};

/* clang-format off */
static const struct norm_case cases[] = {
	{"ascii_unchanged", NORMALISE_KEY, "WH2026-0006", "WH2026-0006"},
	{"fullwidth_phone_to_ascii", NORMALISE_KEY, "１３８００１３８００１", "13800138001"},
	{"fullwidth_letters_and_hyphen", NORMALISE_KEY, "ｗｈ２０２６－０００６", "wh2026-0006"},
	{"fullwidth_punctuation", NORMALISE_KEY, "１，５００．００", "1,500.00"},
	{"fullwidth_date", NORMALISE_KEY, "２０２６／５／２５", "2026/5/25"},
	{"fullwidth_tilde_and_bang_ends_of_range", NORMALISE_KEY, "！～", "!~"},
	{"ticket_grouped_with_u3000", NORMALISE_KEY, "2605" IDSP "0000" IDSP "0134", "2605 0000 0134"},
	{"spaces_collapse", NORMALISE_KEY, "2605 " IDSP " 0000", "2605 0000"},
	{"spaces_trimmed", NORMALISE_KEY, IDSP " 张三 " IDSP, "张三"},
	{"space_between_cjk_goes", NORMALISE_KEY, "张" IDSP "三", "张三"},
	{"spaces_between_cjk_go", NORMALISE_KEY, "欧阳 " IDSP " 娜娜", "欧阳娜娜"},
	{"space_between_cjk_ext_b_goes", NORMALISE_KEY, "𠮷 祥", "𠮷祥"},
	{"space_between_latin_kept", NORMALISE_KEY, "Mary" IDSP "Smith", "Mary Smith"},
	{"space_between_cjk_and_latin_kept", NORMALISE_KEY, "张 A", "张 A"},
	{"header_fullwidth_space", NORMALISE_KEY, "姓名" IDSP, "姓名"},
	{"header_bom", NORMALISE_KEY, BOM "报名编号", "报名编号"},
	{"header_fullwidth_alias", NORMALISE_KEY, "报名编号［ｒｅｇ＿ｎｏ］", "报名编号[reg_no]"},
	{"zero_width_in_name", NORMALISE_KEY, "张" ZWSP "三", "张三"},
	{"zero_width_joiner_and_marks", NORMALISE_KEY, ZWJ "李" RLM "四" WJ, "李四"},
	{"bidi_override_removed", NORMALISE_KEY, RLO "abc" LRI "d" PDI, "abcd"},
	{"bom_inside_reg_no", NORMALISE_KEY, BOM "WH2026-0006", "WH2026-0006"},
	{"zero_width_between_spaces", NORMALISE_KEY, "a " ZWSP " b", "a b"},
	{"zero_width_splits_no_cjk_pair", NORMALISE_KEY, "张 " ZWSP "三", "张三"},
	{"only_invisible_and_spaces", NORMALISE_KEY, ZWSP " " IDSP BOM, ""},
	{"empty", NORMALISE_KEY, "", ""},
	{"yen_sign_not_in_range", NORMALISE_KEY, "￥1500", "￥1500"},
	{"cjk_punctuation_not_in_range", NORMALISE_KEY, "张、李", "张、李"},
	{"tab_is_not_a_space", NORMALISE_KEY, "a\t b", "a\t b"},
	{"text_keeps_fullwidth_punctuation", NORMALISE_TEXT, "武汉大学（图书馆），１号", "武汉大学（图书馆），１号"},
	{"text_keeps_inner_spaces", NORMALISE_TEXT, "武汉  大学" IDSP "图书馆", "武汉  大学" IDSP "图书馆"},
	{"text_trims_ends", NORMALISE_TEXT, " " IDSP " 备注 " IDSP, "备注"},
	{"text_removes_invisible", NORMALISE_TEXT, BOM "武" ZWSP "汉" RLO, "武汉"},
	{"text_keeps_newlines", NORMALISE_TEXT, "第一行\n第二行", "第一行\n第二行"},
	{"text_trim_after_removal", NORMALISE_TEXT, "a " ZWSP, "a"},
	{"ascii_double_space_collapses", NORMALISE_KEY, "Mary  Smith", "Mary Smith"},
	{"ascii_edge_spaces_trimmed", NORMALISE_KEY, " 138 0013 8001 ", "138 0013 8001"},
	{"ascii_lone_space", NORMALISE_KEY, " ", ""},
	{"ascii_text_trims_ends", NORMALISE_TEXT, "  note ", "note"},
	{"ascii_text_keeps_double_space", NORMALISE_TEXT, "a  b", "a  b"},
	{"ascii_delete_is_kept", NORMALISE_KEY, "a\x7f" "b", "a\x7f" "b"},
	{"malformed_left_alone", NORMALISE_KEY, "\xEF" ZWSP "\xBC\x91", "\xEF" ZWSP "\xBC\x91"},
	{"malformed_text_left_alone", NORMALISE_TEXT, " \xC0\x80 ", " \xC0\x80 "},
};
/* clang-format on */

static void run_case(void **state)
{
	const struct norm_case *c = *state;
	char *once = normalise(c->in, c->kind);
	char *twice = normalise(once, c->kind);
	char *buf = strdup(c->in);

	assert_string_equal(once, c->want);
	assert_string_equal(twice, once);
	assert_true(strlen(once) <= strlen(c->in));
	assert_int_equal(normalise_in_place(buf, c->kind), strlen(c->want));
	assert_string_equal(buf, c->want);
	free(once);
	free(twice);
	free(buf);
}

static void test_fold_char(void **state)
{
	(void)state;
	assert_int_equal(normalise_fold_char(0xFF10), '0');
	assert_int_equal(normalise_fold_char(0xFF19), '9');
	assert_int_equal(normalise_fold_char(0xFF21), 'A');
	assert_int_equal(normalise_fold_char(0xFF5A), 'z');
	assert_int_equal(normalise_fold_char(0xFF0D), '-');
	assert_int_equal(normalise_fold_char(0x3000), ' ');
	assert_int_equal(normalise_fold_char(0xFF00), 0xFF00);
	assert_int_equal(normalise_fold_char(0xFF5F), 0xFF5F);
	assert_int_equal(normalise_fold_char('a'), 'a');
	assert_int_equal(normalise_fold_char(0x5F20), 0x5F20);
}

static void test_classes(void **state)
{
	(void)state;
	static const uint32_t invisible[] = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A,
	                                     0x202E, 0x2060, 0x2064, 0x2066, 0x2069, 0xFEFF};
	static const uint32_t visible[] = {0x200A, 0x2010, 0x2029, 0x202F, 0x2065,
	                                   0x206A, 0xFEFE, 0x3000, ' ',    0x5F20};

	for (size_t i = 0; i < ARRAY_LEN(invisible); i++) {
		assert_true(normalise_is_invisible(invisible[i]));
	}
	for (size_t i = 0; i < ARRAY_LEN(visible); i++) {
		assert_false(normalise_is_invisible(visible[i]));
	}
	assert_true(normalise_is_cjk(0x5F20));  /* 张 */
	assert_true(normalise_is_cjk(0x4DAE));  /* 䶮, extension A */
	assert_true(normalise_is_cjk(0x20BB7)); /* 𠮷, extension B */
	assert_true(normalise_is_cjk(0x3007));  /* 〇 */
	assert_false(normalise_is_cjk('A'));
	assert_false(normalise_is_cjk(0x3001)); /* 、 */
	assert_false(normalise_is_cjk(0xFF10));
}

static void test_reg_no_compare(void **state)
{
	(void)state;
	assert_int_equal(normalise_reg_no_compare("wh2026-0006", "WH2026-0006"), 0);
	assert_int_equal(normalise_reg_no_compare("Wh2026-0006", "wH2026-0006"), 0);
	assert_true(normalise_reg_no_compare("WH2026-0006", "WH2026-0007") < 0);
	assert_true(normalise_reg_no_compare("WH2026-0006", "WH2026-000") > 0);
	assert_true(normalise_reg_no_compare("", "a") < 0);
	/* only ASCII letters fold: 张 and its bytes are compared as they are */
	assert_true(normalise_reg_no_compare("张", "张") == 0);
	assert_true(normalise_reg_no_compare("\xC3\xA9", "\xC3\x89") != 0);
}

/* Any run of bytes: never longer, a second pass changes nothing, both kinds. */
static void test_bounded_and_idempotent_on_mixtures(void **state)
{
	(void)state;
	static const char *const pieces[] = {"a",  "Z",  " ",  IDSP, ZWSP, RLO,    BOM,  "张",
	                                     "三", "１", "Ａ", "－", "\t", "\xC0", "𠮷", "，"};
	unsigned seed = 12345;

	for (int round = 0; round < 5000; round++) {
		char in[128] = "";
		size_t len = 0;
		int n = (int)(seed % 12);
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % ARRAY_LEN(pieces)];
			memcpy(in + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		seed = seed * 1103515245u + 12345u;
		for (int k = 0; k < 2; k++) {
			enum normalise_kind kind = k ? NORMALISE_TEXT : NORMALISE_KEY;
			char *once = normalise(in, kind);
			char *twice = normalise(once, kind);
			assert_true(strlen(once) <= len);
			assert_string_equal(once, twice);
			free(once);
			free(twice);
		}
	}
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(test_fold_char),
    cmocka_unit_test(test_classes),
    cmocka_unit_test(test_reg_no_compare),
    cmocka_unit_test(test_bounded_and_idempotent_on_mixtures),
};

static struct CMUnitTest tests[ARRAY_LEN(cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = cases[i].name,
		    .test_func = run_case,
		    .initial_state = (void *)&cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
