/*
 * Tests for text: which characters count as controls (C0, DEL, C1 such as
 * U+0085, bidi overrides and isolates, malformed UTF-8) and which do not (CJK,
 * characters outside the BMP such as 𠮷, the middle dot of foreign names);
 * text_sanitize replaces each flagged character, and each whole escape
 * sequence (CSI, OSC, DCS, C1 forms), with U+FFFD, text_sanitize_lines the
 * same but keeping newlines, text_repair_utf8 only repairs bad bytes; text_is_digits and
 * text_ascii_lower. Display widths: ASCII, CJK, 𠮷, "·", combining marks, fullwidth forms, bad
 * bytes; text_cut never splits a wide character at any column budget, text_pad always gives exactly
 * the columns asked; the width table agrees with glibc's C.UTF-8 wcwidth where the desk's names
 * live.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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
	{"escape_is_control", "\x1b[31m张三", true, FFFD "张三", "\x1b[31m张三"},
	{"tab_is_control", "a\tb", true, "a" FFFD "b", "a\tb"},
	{"newline_is_control", "a\nb", true, "a" FFFD "b", "a\nb"},
	{"carriage_return_is_control", "a\rb", true, "a" FFFD "b", "a\rb"},
	{"unit_separator_is_control", "a\x1f", true, "a" FFFD, "a\x1f"},
	{"del_is_control", "a\x7f" "b", true, "a" FFFD "b", "a\x7f" "b"},
	{"c1_next_line_u0085_is_control", "a\xC2\x85" "b", true, "a" FFFD "b", "a\xC2\x85" "b"},
	{"c1_csi_u009b_is_control", "\xC2\x9B" "2J", true, FFFD, "\xC2\x9B" "2J"},
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

struct sequence_case {
	const char *text;
	const char *sanitized; /* text_sanitize */
	const char *lines;     /* text_sanitize_lines */
};

/*
 * Escape sequences as a terminal reads them (ECMA-48) become one U+FFFD each,
 * so nothing of them is left to act or to confuse a reader: CSI (colours,
 * clearing the screen, moving the cursor), OSC (window title, hyperlinks,
 * clipboard) ended by BEL or ST, DCS, character set and reset sequences, and
 * their C1 forms. Newlines survive only in text_sanitize_lines.
 */
/* clang-format off */
static const struct sequence_case sequence_cases[] = {
	{"\x1b[31mRED\x1b[0m", FFFD "RED" FFFD, FFFD "RED" FFFD},
	{"\x1b[2J\x1b[H张三", FFFD FFFD "张三", FFFD FFFD "张三"},
	{"a\x1b[?1049hb", "a" FFFD "b", "a" FFFD "b"},
	{"\x1b]0;pwned\x07" "x", FFFD "x", FFFD "x"},
	{"\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", FFFD "link" FFFD, FFFD "link" FFFD},
	{"\x1b]52;c;ZXZpbA==\x07" "x", FFFD "x", FFFD "x"},
	{"\x1bP+q544e\x1b\\x", FFFD "x", FFFD "x"},
	{"\x1b(0lqk\x1b(B", FFFD "lqk" FFFD, FFFD "lqk" FFFD},
	{"\x1b" "c张", FFFD "张", FFFD "张"},
	{"\xC2\x9B" "31m" "x", FFFD "x", FFFD "x"},
	{"\xC2\x9D" "0;t\xC2\x9C" "x", FFFD "x", FFFD "x"},
	{"\x1b]0;no end\nnext", FFFD FFFD "next", FFFD "\nnext"},
	{"\x1b", FFFD, FFFD},
	{"\x1b[", FFFD, FFFD},
	{"line1\nline2", "line1" FFFD "line2", "line1\nline2"},
	{"a\r\nb", "a" FFFD FFFD "b", "a" FFFD "\nb"},
	{"a\tb\x7f", "a" FFFD "b" FFFD, "a" FFFD "b" FFFD},
	{"\xE2\x80\xAE" "exe.txt", FFFD "exe.txt", FFFD "exe.txt"},
	{"\xE2\x81\xA7" "x\xE2\x81\xA9", FFFD "x" FFFD, FFFD "x" FFFD},
};
/* clang-format on */

static void sanitize_removes_whole_escape_sequences(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(sequence_cases); i++) {
		const struct sequence_case *c = &sequence_cases[i];
		char *one = text_sanitize(c->text);
		char *lines = text_sanitize_lines(c->text);

		assert_string_equal(one, c->sanitized);
		assert_string_equal(lines, c->lines);
		assert_false(text_has_control(one));
		assert_false(text_has_control_except(lines, "\n"));
		/* what the terminal shows is exactly as wide as text_width says */
		assert_int_equal(text_width(c->text), text_width(one));
		free(one);
		free(lines);
	}
}

/* Whatever bytes come in, neither sanitiser lets ESC, CSI or another control out. */
static void sanitize_never_lets_a_control_out(void **state)
{
	unsigned char text[8];
	unsigned int seed = 12345;

	for (int round = 0; round < 20000; round++) {
		for (size_t i = 0; i + 1 < sizeof(text); i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned char pick = (unsigned char)(seed >> 16);
			/* mostly controls, escape introducers and UTF-8 lead bytes */
			static const unsigned char bytes[] = {
			    0x1b, '[', ']', '\\', 0x07, 0xC2, 0x9B, 0x9C, 0x9D,    '\n',
			    '\r', 'a', '1', ';',  0xE2, 0x80, 0xAE, 0x7f, 0x00 + 9};
			text[i] = bytes[pick % sizeof(bytes)];
		}
		text[sizeof(text) - 1] = '\0';
		char *one = text_sanitize((const char *)text);
		char *lines = text_sanitize_lines((const char *)text);
		assert_false(text_has_control(one));
		assert_false(text_has_control_except(lines, "\n"));
		assert_null(strchr(one, 0x1b));
		assert_null(strchr(lines, 0x1b));
		free(one);
		free(lines);
	}
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

#define ELLIPSIS "\xE2\x80\xA6"

struct width_case {
	const char *name;
	const char *text;
	int width;
};

/* clang-format off */
static const struct width_case width_cases[] = {
	{"width_ascii", "Zhang San", 9},
	{"width_empty", "", 0},
	{"width_cjk", "张三", 4},
	{"width_outside_bmp", "𠮷野家", 6},
	{"width_middle_dot_is_narrow", "阿依古丽·买买提", 15},
	{"width_combining_acute_is_zero", "e\xCC\x81", 1},
	{"width_precomposed_latin", "Ä", 1},
	{"width_fullwidth_forms", "（备注）ＡＢ", 12},
	{"width_halfwidth_katakana", "\xEF\xBD\xB6", 1},
	{"width_ideographic_space", "\xE3\x80\x80", 2},
	{"width_hangul", "한국", 4},
	{"width_hangul_jamo_vowel_is_zero", "\xE1\x84\x80\xE1\x85\xA1", 2},
	{"width_emoji", "😀", 2},
	{"width_zero_width_space", "a\xE2\x80\x8B" "b", 2},
	{"width_ellipsis_is_narrow", ELLIPSIS, 1},
	{"width_control_counts_one", "a\x1f" "b", 3},
	{"width_escape_sequence_counts_one", "\x1b[1;31m张", 3},
	{"width_escape_and_its_final_byte_count_one", "a\x1b" "b", 2},
	{"width_bidi_override_counts_one", "\xE2\x80\xAE", 1},
	{"width_bad_bytes_count_one_each", "\xff\xfe", 2},
	{"width_truncated_sequence", "张\xE4\xB8", 4},
};
/* clang-format on */

static void run_width_case(void **state)
{
	const struct width_case *c = *state;

	assert_int_equal(text_width(c->text), c->width);
}

struct cut_case {
	const char *text;
	int columns;
	const char *cut;
	const char *padded;
};

/* clang-format off */
static const struct cut_case cut_cases[] = {
	{"张三李四", 9, "张三李四", "张三李四 "},
	{"张三李四", 8, "张三李四", "张三李四"},
	{"张三李四", 7, "张三李" ELLIPSIS, "张三李" ELLIPSIS},
	{"张三李四", 6, "张三" ELLIPSIS, "张三" ELLIPSIS " "},
	{"张三李四", 5, "张三" ELLIPSIS, "张三" ELLIPSIS},
	{"张三李四", 4, "张" ELLIPSIS, "张" ELLIPSIS " "},
	{"张三李四", 3, "张" ELLIPSIS, "张" ELLIPSIS},
	{"张三李四", 2, ELLIPSIS, ELLIPSIS " "},
	{"张三李四", 1, ELLIPSIS, ELLIPSIS},
	{"张三李四", 0, "", ""},
	{"张三李四", -3, "", ""},
	{"a张三", 3, "a" ELLIPSIS, "a" ELLIPSIS " "},
	{"Zhang San", 5, "Zhan" ELLIPSIS, "Zhan" ELLIPSIS},
	{"ab", 5, "ab", "ab   "},
	{"", 3, "", "   "},
	{"𠮷野家", 5, "𠮷野" ELLIPSIS, "𠮷野" ELLIPSIS},
	{"𠮷野家", 4, "𠮷" ELLIPSIS, "𠮷" ELLIPSIS " "},
	{"e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 3, "e\xCC\x81" "e\xCC\x81" "e\xCC\x81",
	 "e\xCC\x81" "e\xCC\x81" "e\xCC\x81"},
	{"e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81" ELLIPSIS, "e\xCC\x81" ELLIPSIS},
	{"ab\xff" "cd", 10, "ab" FFFD "cd", "ab" FFFD "cd     "},
	{"ab\xff" "cd", 4, "ab" FFFD ELLIPSIS, "ab" FFFD ELLIPSIS},
	{"\x1b[31m张", 7, FFFD "张", FFFD "张    "},
	{"\x1b[31m张", 3, FFFD "张", FFFD "张"},
	{"\x1b[31m张", 2, FFFD ELLIPSIS, FFFD ELLIPSIS},
	{"张\xE4\xB8", 3, "张" ELLIPSIS, "张" ELLIPSIS},
};
/* clang-format on */

static void cut_and_pad_cases(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(cut_cases); i++) {
		const struct cut_case *c = &cut_cases[i];
		char *cut = text_cut(c->text, c->columns);
		char *padded = text_pad(c->text, c->columns);

		assert_string_equal(cut, c->cut);
		assert_string_equal(padded, c->padded);
		free(cut);
		free(padded);
	}
}

/*
 * At every budget: the cut fits, is clean UTF-8, keeps a prefix of the text
 * whole (so no wide character or sequence was split), and the pad is exact.
 */
static void cut_never_splits_at_any_budget(void **state)
{
	static const char *const texts[] = {
	    "张三李四王五",  "a张b三c",          "𠮷野家𠮷",
	    "阿不都·热合曼", "（备注）😀x",       "e\xCC\x81张\xCC\x81",
	    "ab\xff\xfe张",  "plain ascii text",
	};

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		int width = text_width(texts[i]);

		for (int columns = 0; columns <= width + 2; columns++) {
			char *cut = text_cut(texts[i], columns);
			char *padded = text_pad(texts[i], columns);
			char *clean = text_sanitize(texts[i]);
			size_t kept = strlen(cut);

			assert_true(text_width(cut) <= columns);
			assert_false(text_has_control(cut));
			assert_int_equal(text_width(padded), columns);
			if (columns >= width) {
				assert_string_equal(cut, clean);
			} else if (columns == 0) {
				assert_string_equal(cut, "");
			} else {
				/* Cut: a whole prefix of the clean text, then the ellipsis. */
				assert_true(kept >= 3);
				assert_string_equal(cut + kept - 3, ELLIPSIS);
				assert_memory_equal(cut, clean, kept - 3);
				/* One column is used by the ellipsis; at most one more by a wide
				 * char. */
				assert_true(text_width(cut) >= columns - 1);
			}
			free(cut);
			free(padded);
			free(clean);
		}
	}
}

static void char_width_and_decode(void **state)
{
	uint32_t cp;

	assert_int_equal(text_char_width('A'), 1);
	assert_int_equal(text_char_width(0x4E00), 2);
	assert_int_equal(text_char_width(0x9FFF), 2);
	assert_int_equal(text_char_width(0x3400), 2);
	assert_int_equal(text_char_width(0x20BB7), 2);
	assert_int_equal(text_char_width(0x30000), 2);
	assert_int_equal(text_char_width(0xAC00), 2);
	assert_int_equal(text_char_width(0xFF01), 2);
	assert_int_equal(text_char_width(0xFF61), 1);
	assert_int_equal(text_char_width(0x1F600), 2);
	assert_int_equal(text_char_width(0x0301), 0);
	assert_int_equal(text_char_width(0x200D), 0);
	assert_int_equal(text_char_width(0xFE0F), 0);
	assert_int_equal(text_char_width(0xB7), 1);
	assert_int_equal(text_char_width(0x2026), 1);
	assert_int_equal(text_char_width(0), 1);
	assert_int_equal(text_char_width(0x9B), 1);
	assert_int_equal(text_char_width(0x202E), 1);
	assert_int_equal(text_char_width(0x10FFFF), 1);
	assert_int_equal(text_decode("张", &cp), 3);
	assert_int_equal(cp, 0x5F20);
	assert_int_equal(text_decode("𠮷", &cp), 4);
	assert_int_equal(cp, 0x20BB7);
	assert_int_equal(text_decode("\xff", &cp), 0);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_decode("\xE4\xB8", &cp), 0);
}

/*
 * The table mirrors glibc's C.UTF-8 wcwidth, which ncursesw draws with. Where
 * names live (CJK, kana, Hangul, fullwidth forms, combining marks, Latin)
 * they must agree; elsewhere a newer glibc may know newer characters, so
 * differences are only counted and printed.
 */
static bool differs_from_glibc(uint32_t cp)
{
	int want = wcwidth((wchar_t)cp);
	bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);

	/* glibc says -1 for controls and unassigned code points; bidi controls show as U+FFFD. */
	return want >= 0 && !bidi && text_char_width(cp) != want;
}

static void width_agrees_with_glibc(void **state)
{
	static const uint32_t checked[][2] = {
	    {0x20, 0x7E},     {0xA0, 0x36F},    {0x2000, 0x2027},
	    {0x3000, 0x30FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
	    {0xAC00, 0xD7A3}, {0xFF00, 0xFFEF}, {0x20000, 0x2A6DF},
	};
	size_t elsewhere = 0;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		skip();
	}
	for (size_t i = 0; i < ARRAY_LEN(checked); i++) {
		for (uint32_t cp = checked[i][0]; cp <= checked[i][1]; cp++) {
			if (differs_from_glibc(cp)) {
				fail_msg("U+%04X: text_char_width %d, wcwidth %d", (unsigned)cp,
				         text_char_width(cp), wcwidth((wchar_t)cp));
			}
		}
	}
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
		elsewhere += differs_from_glibc(cp);
	}
	setlocale(LC_CTYPE, "C");
	print_message("text: %zu code points where glibc's wcwidth differs\n", elsewhere);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(sanitize_removes_whole_escape_sequences),
    cmocka_unit_test(sanitize_never_lets_a_control_out),
    cmocka_unit_test(sanitize_returns_a_new_copy),
    cmocka_unit_test(is_digits_accepts_only_ascii_digits),
    cmocka_unit_test(ascii_lower_lowers_ascii_only),
    cmocka_unit_test(cut_and_pad_cases),
    cmocka_unit_test(cut_never_splits_at_any_budget),
    cmocka_unit_test(char_width_and_decode),
    cmocka_unit_test(width_agrees_with_glibc),
};

static struct CMUnitTest
    tests[ARRAY_LEN(control_cases) + ARRAY_LEN(width_cases) + ARRAY_LEN(plain_tests)];

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
	for (size_t i = 0; i < ARRAY_LEN(width_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = width_cases[i].name,
		    .test_func = run_width_case,
		    .initial_state = (void *)&width_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
