/*
 * pinyin: finding a Chinese name from what the desk types on an ASCII keyboard.
 *
 * Staff without a code type toneless pinyin, in full or by initials: "zhs",
 * "zhangsan" or "zs" finds 张三 (DESIGN section 1, "Search"). Every reading of
 * a character counts, because a surname is often not the character's common
 * reading (单 is dān in a dictionary, shàn as a surname). The readings come
 * from a table generated at build time from Unihan by scripts/gen-pinyin.
 *
 * Matching rule: after folding the query (ASCII letters and digits, case
 * ignored, spaces and apostrophes dropped), it matches a name when it is the
 * concatenation of what a run of consecutive name characters contributes,
 * the run starting at any character: each character gives one of its
 * syllables in full, or its initial letter, or its two-letter initial zh, ch
 * or sh; the last character of the run may give any prefix of a syllable.
 * Latin letters and digits in a name stand for themselves; spaces, ASCII
 * punctuation and middle dots ("阿不都·热合曼") are skipped; anything else
 * (a Han character without a reading, another script, a bad byte) ends a run.
 * An empty query, or one holding anything but ASCII letters, digits, spaces
 * and apostrophes, matches nothing.
 *
 * Key format (what pinyin_key returns and the matchers read): ASCII,
 * one unit per name character that takes part, units separated by one space,
 * each unit listing that character's toneless syllables separated by commas,
 * most common reading first; ü is written v and also u. Characters that end
 * runs become the unit "-" (one for several in a row, none at either end);
 * skipped characters leave no unit. Examples:
 *   张三          -> "zhang san"
 *   单雪梅        -> "dan,chan,shan xue mei"
 *   女 Li         -> "nv,nu,ru l i"
 * Keys depend on the generated table: recompute them, never persist them
 * across builds.
 */
#ifndef FRONTDESK_PINYIN_H
#define FRONTDESK_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No character has more readings than this (pinyin.c asserts it of the generated table). */
#define PINYIN_MAX_READINGS 16
/* Queries longer than this (after folding) match nothing. */
#define PINYIN_MAX_QUERY 64

/*
 * Stores in out up to max toneless readings of code point cp ("shan",
 * "nv"), most common first, and returns how many it stored: 0 when cp has no
 * reading (not a Han character, or one Unihan gives no Mandarin for). The
 * strings are static.
 */
size_t pinyin_readings(uint32_t cp, const char **out, size_t max);

/*
 * Returns the precomputed search key of name (format above; the caller frees
 * it). name is UTF-8; malformed bytes end runs. Compute once per name.
 */
char *pinyin_key(const char *name);

/*
 * Returns the initial letter of each character's most common reading, Latin
 * letters and digits lowered as themselves ("张三" -> "zs", "单雪梅" -> "dxm",
 * "Li 娜" -> "lin"); characters that end runs give nothing. The caller frees
 * it. For display and sorting: it knows one reading per character, so search
 * with pinyin_key_matches, which knows them all.
 */
char *pinyin_initials(const char *name);

/* Returns true when query matches the name whose pinyin_key is key (rule above). */
bool pinyin_key_matches(const char *key, const char *query);

/*
 * A query folded once (letters lowered, spaces and apostrophes dropped) for
 * matching many keys: per keystroke, fold it, then run pinyin_query_matches
 * over every key; this saves refolding it 100,000 times.
 */
struct pinyin_query {
	char text[PINYIN_MAX_QUERY]; /* folded, not NUL-terminated */
	size_t len;                  /* 0: matches nothing */
};

/* Folds query into *pq; returns false when it can match nothing (empty, too long, not pinyin). */
bool pinyin_query_init(struct pinyin_query *pq, const char *query);

/* Returns true when the folded query matches the name whose pinyin_key is key. */
bool pinyin_query_matches(const struct pinyin_query *pq, const char *key);

/*
 * Returns true when query matches name: pinyin_key_matches(pinyin_key(name),
 * query). Convenient for one name; for many, precompute the keys.
 */
bool pinyin_matches(const char *name, const char *query);

#endif
