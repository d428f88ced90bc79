/*
 * Tests for pinyin: the table generated from Unihan has every reading of a
 * polyphonic character (单 shan/dan/chan, 曾 zeng/ceng, 乐 le/yue), ü as v and
 * u, characters outside the BMP (𠮷 borrows 吉's ji); the key format; and the
 * matching rule of pinyin.h, one table row per case, each run through
 * pinyin_matches, a precomputed key and a query folded once. A last test prints (does not
 * assert) how long matching 100,000 precomputed keys takes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/pinyin.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct match_case {
	const char *test;
	const char *name;
	const char *query;
	bool match;
};

/* clang-format off */
static const struct match_case match_cases[] = {
	/* DESIGN section 1: zhs or zhangsan finds 张三. */
	{"zhangsan_initials_with_zh", "张三", "zhs", true},
	{"zhangsan_initials", "张三", "zs", true},
	{"zhangsan_full", "张三", "zhangsan", true},
	{"zhangsan_full_then_prefix", "张三", "zhangs", true},
	{"zhangsan_full_then_longer_prefix", "张三", "zhangsa", true},
	{"zhangsan_first_syllable", "张三", "zhang", true},
	{"zhangsan_prefix_of_first", "张三", "zha", true},
	{"zhangsan_one_letter", "张三", "z", true},
	{"zhangsan_second_character_alone", "张三", "san", true},
	{"zhangsan_initial_then_full", "张三", "zsan", true},
	{"zhangsan_upper_case", "张三", "ZHS", true},
	{"zhangsan_mixed_case", "张三", "ZhangSan", true},
	{"zhangsan_spaces_ignored", "张三", " zhang  san ", true},
	{"zhangsan_wrong_second_initial", "张三", "zhx", false},
	{"zhangsan_order_matters", "张三", "xs", false},
	{"zhangsan_reversed", "张三", "sz", false},
	{"zhangsan_partial_syllable_is_not_an_initial", "张三", "zhans", false},
	{"zhangsan_query_longer_than_name", "张三", "zhangsanx", false},
	{"zhangsan_empty_query", "张三", "", false},
	{"zhangsan_only_spaces", "张三", "   ", false},
	{"zhangsan_punctuation_in_query", "张三", "zh-s", false},
	{"zhangsan_han_query_is_not_pinyin", "张三", "张", false},
	{"zhangsan_tone_mark_in_query", "张三", "zhāng", false},
	/* Polyphones: every reading counts (单 is dān, shàn as a surname, chán). */
	{"shanxuemei_surname_initials", "单雪梅", "sxm", true},
	{"shanxuemei_surname_full", "单雪梅", "shanxuemei", true},
	{"shanxuemei_common_reading_initials", "单雪梅", "dxm", true},
	{"shanxuemei_common_reading_full", "单雪梅", "danxuemei", true},
	{"shanxuemei_third_reading", "单雪梅", "chanxm", true},
	{"shanxuemei_given_name", "单雪梅", "xuemei", true},
	{"shanxuemei_given_initials", "单雪梅", "xm", true},
	{"shanxuemei_sh_initial", "单雪梅", "shxm", true},
	{"shanxuemei_mixed_readings_across_chars", "单雪梅", "dxuem", true},
	{"shanxuemei_wrong_order", "单雪梅", "mxs", false},
	{"shanxuemei_not_a_reading", "单雪梅", "bxm", false},
	{"zengyueping_initials", "曾乐平", "zlp", true},
	{"zengyueping_other_initials", "曾乐平", "cyp", true},
	{"zengyueping_full", "曾乐平", "zengyueping", true},
	{"zengyueping_common_readings", "曾乐平", "cengleping", true},
	{"zengyueping_mixed", "曾乐平", "zengleping", true},
	{"zengyueping_yue_prefix", "曾乐平", "zyu", true},
	{"zengyueping_wrong", "曾乐平", "zlq", false},
	/* ü: typed v or u. */
	{"nv_typed_v", "女", "nv", true},
	{"nv_typed_u", "女", "nu", true},
	{"lv_typed_v", "吕布", "lvbu", true},
	{"lv_typed_u", "吕布", "lubu", true},
	{"lve_typed_v", "张略", "zhanglve", true},
	/* Outside the BMP, separators, Latin letters. */
	{"yoshida_outside_bmp", "𠮷田", "jitian", true},
	{"yoshida_outside_bmp_initials", "𠮷田", "jt", true},
	{"uyghur_name_dot_skipped", "阿不都·热合曼", "abudureheman", true},
	{"uyghur_name_initials_across_dot", "阿不都·热合曼", "abdrhm", true},
	{"uyghur_name_run_across_dot", "阿不都·热合曼", "durehe", true},
	{"uyghur_name_second_part", "阿不都·热合曼", "reheman", true},
	{"katakana_middle_dot_skipped", "阿不都・热合曼", "dr", true},
	{"latin_letters_match_themselves", "Anna 王", "annawang", true},
	{"latin_then_han_initial", "Anna 王", "annaw", true},
	{"latin_run_from_the_middle", "Anna 王", "naw", true},
	{"latin_word_has_no_initial", "John 王", "jw", false},
	{"fullwidth_latin", "ＬＩ娜", "lina", true},
	{"digits_match_themselves", "张三2", "zs2", true},
	{"apostrophe_ignored", "西安", "xi'an", true},
	/* Things that end a run. */
	{"control_character_ends_a_run", "张\x1b三", "zs", false},
	{"control_character_leaves_both_sides", "张\x1b三", "san", true},
	{"bad_byte_ends_a_run", "张\xff三", "zhangsan", false},
	{"emoji_ends_a_run", "张😀三", "zs", false},
	{"unreadable_at_end_is_harmless", "张三😀", "zhangsan", true},
	{"empty_name", "", "a", false},
	{"query_too_long",
	 "张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三",
	 "zhangsanzhangsanzhangsanzhangsanzhangsanzhangsanzhangsanzhangsanz", false},
	{"query_at_the_length_limit",
	 "张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三",
	 "zhangsanzhangsanzhangsanzhangsanzhangsanzhangsanzhangsanzhangsan", true},
};
/* clang-format on */

/* The same answer from pinyin_matches, a precomputed key and a folded query. */
static void run_match_case(void **state)
{
	const struct match_case *c = *state;
	char *key = pinyin_key(c->name);
	struct pinyin_query pq;

	assert_int_equal(pinyin_matches(c->name, c->query), c->match);
	assert_int_equal(pinyin_key_matches(key, c->query), c->match);
	pinyin_query_init(&pq, c->query);
	assert_int_equal(pinyin_query_matches(&pq, key), c->match);
	free(key);
}

static void assert_readings(uint32_t cp, const char *const *want, size_t n_want)
{
	const char *got[PINYIN_MAX_READINGS];
	size_t n = pinyin_readings(cp, got, ARRAY_LEN(got));

	for (size_t i = 0; i < n_want; i++) {
		bool found = false;

		for (size_t j = 0; j < n; j++) {
			found = found || strcmp(got[j], want[i]) == 0;
		}
		if (!found) {
			fail_msg("U+%04X lacks reading %s", (unsigned)cp, want[i]);
		}
	}
}

#define ASSERT_READINGS(cp, ...)                                  \
	assert_readings((cp), (const char *const[]){__VA_ARGS__}, \
	                ARRAY_LEN(((const char *const[]){__VA_ARGS__})))

static void table_has_every_reading(void **state)
{
	const char *first[1];

	ASSERT_READINGS(0x5355, "dan", "shan", "chan"); /* 单 */
	ASSERT_READINGS(0x66FE, "zeng", "ceng");        /* 曾 */
	ASSERT_READINGS(0x4E50, "le", "yue");           /* 乐 */
	ASSERT_READINGS(0x5973, "nv", "nu");            /* 女 */
	ASSERT_READINGS(0x7565, "lve", "lue");          /* 略 */
	ASSERT_READINGS(0x5409, "ji");                  /* 吉 */
	ASSERT_READINGS(0x20BB7, "ji");                 /* 𠮷, outside the BMP */
	ASSERT_READINGS(0x5F20, "zhang");               /* 张 */
	ASSERT_READINGS(0x963F, "a", "e");              /* 阿 */
	/* The most common reading (kMandarin) comes first. */
	assert_int_equal(pinyin_readings(0x5355, first, 1), 1);
	assert_string_equal(first[0], "dan");
	assert_int_equal(pinyin_readings(0x5F20, first, 1), 1);
	assert_string_equal(first[0], "zhang");
	/* Not Han, or beyond the table. */
	assert_int_equal(pinyin_readings('a', first, 1), 0);
	assert_int_equal(pinyin_readings(0xB7, first, 1), 0);
	assert_int_equal(pinyin_readings(0x1F600, first, 1), 0);
	assert_int_equal(pinyin_readings(0x10FFFF, first, 1), 0);
	assert_int_equal(pinyin_readings(0x5355, first, 0), 0);
}

/* Every reading is lower-case ASCII, toneless; nearly all of the main CJK block has one. */
static void table_readings_are_toneless_ascii(void **state)
{
	size_t with_readings = 0;

	for (uint32_t cp = 0x4E00; cp <= 0x9FFF; cp++) {
		const char *r[PINYIN_MAX_READINGS];
		size_t n = pinyin_readings(cp, r, ARRAY_LEN(r));

		with_readings += n > 0;
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(r[i]);

			assert_in_range(len, 1, 6);
			assert_int_equal(strspn(r[i], "abcdefghijklmnopqrstuvwxyz"), len);
		}
	}
	assert_true(with_readings > 20000);
}

struct key_case {
	const char *name;
	const char *key;
	const char *initials;
};

/* clang-format off */
static const struct key_case key_cases[] = {
	{"张三", "zhang san", "zs"},
	{"单雪梅", "dan,chan,shan xue mei", "dxm"},
	{"曾乐平", "ceng,zeng le,yue ping,pian,bing,beng", "clp"},
	{"女 Li", "nv,nu,ru l i", "nli"},
	{"Ｌｉ", "l i", "li"},
	{"阿不都·热合曼", NULL, "abdrhm"},
	{"张\x1b三", "zhang - san", "zs"},
	{"张😀😀三", "zhang - san", "zs"},
	{"\xff张三\xfe\xfe", "zhang san", "zs"},
	{"😀", "", ""},
	{"", "", ""},
	{"· -", "", ""},
};
/* clang-format on */

static void key_format_and_initials(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(key_cases); i++) {
		const struct key_case *c = &key_cases[i];
		char *key = pinyin_key(c->name);
		char *initials = pinyin_initials(c->name);

		if (c->key) {
			assert_string_equal(key, c->key);
		}
		assert_string_equal(initials, c->initials);
		assert_null(strchr(key, '\xc2')); /* the middle dot left no trace */
		free(key);
		free(initials);
	}
}

/* A key is plain data: keys copied around still match the same way. */
static void key_round_trip(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(match_cases); i++) {
		char *key = pinyin_key(match_cases[i].name);
		char *copy = strdup(key);
		char *again = pinyin_key(match_cases[i].name);

		assert_string_equal(key, again);
		assert_int_equal(pinyin_key_matches(copy, match_cases[i].query),
		                 match_cases[i].match);
		free(key);
		free(copy);
		free(again);
	}
}

/* A folded query says up front whether it can match anything. */
static void query_init_folds_once(void **state)
{
	struct pinyin_query pq;

	assert_true(pinyin_query_init(&pq, " Zhang S"));
	assert_int_equal(pq.len, 6);
	assert_memory_equal(pq.text, "zhangs", 6);
	assert_true(pinyin_query_init(&pq, "xi'an"));
	assert_int_equal(pq.len, 4);
	assert_false(pinyin_query_init(&pq, ""));
	assert_false(pinyin_query_init(&pq, " '"));
	assert_false(pinyin_query_init(&pq, "zh-s"));
	assert_false(pinyin_query_init(&pq, "\xe5\xbc\xa0"));
	assert_int_equal(pq.len, 0);
	assert_false(pinyin_query_matches(&pq, "zhang san"));
}

static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The desk matches every attendee per keystroke; print what 100,000 keys cost. */
static void timing_of_100k_keys(void **state)
{
	static const char *const surnames[] = {"张", "王", "李", "赵", "刘",   "陈",
	                                       "杨", "黄", "单", "曾", "欧阳", "阿不都·"};
	static const char *const given[] = {"三", "雪", "梅", "乐", "平", "伟", "芳", "娜",
	                                    "敏", "静", "丽", "强", "磊", "军", "洋", "勇"};
	static const char *const queries[] = {"z",          "zhs", "zhangsan", "wxm",
	                                      "shanxuemei", "xm",  "q"};
	enum { N = 100000 };
	char **keys = calloc(N, sizeof(*keys));
	uint32_t seed = 42;
	double start;

	assert_non_null(keys);
	start = now_ms();
	for (size_t i = 0; i < N; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s%s%s", surnames[next_random(&seed) % 12],
		         given[next_random(&seed) % 16],
		         next_random(&seed) % 2 ? given[next_random(&seed) % 16] : "");
		keys[i] = pinyin_key(name);
	}
	print_message("pinyin: %d keys computed in %.1f ms\n", N, now_ms() - start);
	for (size_t q = 0; q < ARRAY_LEN(queries); q++) {
		size_t hits = 0;
		size_t folded_hits = 0;
		double plain_ms;
		struct pinyin_query pq;

		start = now_ms();
		for (size_t i = 0; i < N; i++) {
			hits += pinyin_key_matches(keys[i], queries[q]);
		}
		plain_ms = now_ms() - start;
		start = now_ms();
		pinyin_query_init(&pq, queries[q]);
		for (size_t i = 0; i < N; i++) {
			folded_hits += pinyin_query_matches(&pq, keys[i]);
		}
		print_message(
		    "pinyin: \"%s\" over %d keys: %.2f ms (%.2f ms folded once), %zu matches\n",
		    queries[q], N, plain_ms, now_ms() - start, hits);
		assert_int_equal(hits, folded_hits);
	}
	for (size_t i = 0; i < N; i++) {
		free(keys[i]);
	}
	free(keys);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(table_has_every_reading), cmocka_unit_test(table_readings_are_toneless_ascii),
    cmocka_unit_test(key_format_and_initials), cmocka_unit_test(key_round_trip),
    cmocka_unit_test(query_init_folds_once),   cmocka_unit_test(timing_of_100k_keys),
};

static struct CMUnitTest tests[ARRAY_LEN(match_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(match_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = match_cases[i].test,
		    .test_func = run_match_case,
		    .initial_state = (void *)&match_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
