/*
 * pinyin owns the toneless readings of Han characters and the matcher that
 * finds a name from typed pinyin; include/frontdesk/pinyin.h states the rule
 * and the key format. The readings live in pinyin_table.h, generated from
 * Unihan at build time by scripts/gen-pinyin, so none is typed by hand.
 *
 * The desk searches every attendee on each keystroke (p99 10 ms for 100,000),
 * so the table is consulted once per name, by pinyin_key, and matching only
 * walks that short ASCII key. The matcher tracks the set of query positions
 * reachable at each character as a 64-bit mask instead of backtracking, so
 * it is linear in the key whatever the polyphones.
 */
#include "frontdesk/pinyin.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"
#include "pinyin_table.h"

_Static_assert(PINYIN_TABLE_LONGEST <= PINYIN_MAX_READINGS, "raise PINYIN_MAX_READINGS");
_Static_assert(PINYIN_MAX_QUERY <= 64, "query positions must fit a uint64_t");

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* How a name character takes part in matching. */
enum unit_kind {
	UNIT_SKIP, /* separator: leaves no unit */
	UNIT_SELF, /* Latin letter or digit: matches itself */
	UNIT_HAN,  /* character with readings */
	UNIT_STOP, /* anything else: ends a run */
};

/* Returns cp's reading set in pinyin_sets (a count, then syllable indices), or NULL. */
static const uint16_t *reading_set(uint32_t cp)
{
	size_t lo = 0;
	size_t hi = ARRAY_LEN(pinyin_run_start);

	/* Find the last run starting at or before cp. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pinyin_run_start[mid] <= cp) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	if (lo == 0) {
		return NULL;
	}
	lo--;
	if (cp - pinyin_run_start[lo] >=
	    (uint32_t)(pinyin_run_first[lo + 1] - pinyin_run_first[lo])) {
		return NULL;
	}
	return &pinyin_sets[pinyin_cp_set[pinyin_run_first[lo] + (cp - pinyin_run_start[lo])]];
}

size_t pinyin_readings(uint32_t cp, const char **out, size_t max)
{
	const uint16_t *set = reading_set(cp);
	size_t n = set ? set[0] : 0;

	if (n > max) {
		n = max;
	}
	for (size_t i = 0; i < n; i++) {
		out[i] = pinyin_syllables[set[1 + i]];
	}
	return n;
}

/* Separators inside names: "·" in transcribed names, dashes, wide spaces. */
static bool is_separator(uint32_t cp)
{
	return (cp >= 0x20 && cp < 0x7F) || cp == 0xA0 || cp == 0xB7 ||
	       (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2022 || cp == 0x2027 || cp == 0x2E31 ||
	       cp == 0x3000 || cp == 0x30FB || cp == 0xFF0D || cp == 0xFF0E || cp == 0xFF65;
}

/*
 * Classifies the character at s (not at the NUL): stores its byte length in
 * *len, its lowered ASCII form in *self for UNIT_SELF, its reading set in *set
 * for UNIT_HAN. Fullwidth letters and digits count as their ASCII forms.
 */
static enum unit_kind classify(const char *s, size_t *len, char *self, const uint16_t **set)
{
	uint32_t cp;
	size_t n = text_decode(s, &cp);

	*len = n ? n : 1;
	if (n == 0) {
		return UNIT_STOP;
	}
	if (cp >= 0xFF10 && cp <= 0xFF5A) {
		cp -=
		    0xFF00 - 0x20; /* fullwidth ASCII; punctuation among them is not alnum below */
	}
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')) {
		*self = (char)cp;
		return UNIT_SELF;
	}
	if (cp >= 'A' && cp <= 'Z') {
		*self = (char)(cp - 'A' + 'a');
		return UNIT_SELF;
	}
	if (is_separator(cp)) {
		return UNIT_SKIP;
	}
	*set = reading_set(cp);
	return *set ? UNIT_HAN : UNIT_STOP;
}

char *pinyin_key(const char *name)
{
	struct strbuf key = STRBUF_INIT;
	bool stopped = true; /* drops stops at the start and repeated ones */

	while (*name) {
		size_t len;
		char self = 0;
		const uint16_t *set = NULL;
		enum unit_kind kind = classify(name, &len, &self, &set);

		name += len;
		if (kind == UNIT_SKIP || (kind == UNIT_STOP && stopped)) {
			continue;
		}
		if (key.len > 0) {
			strbuf_putc(&key, ' ');
		}
		stopped = kind == UNIT_STOP;
		if (kind == UNIT_STOP) {
			strbuf_putc(&key, '-');
		} else if (kind == UNIT_SELF) {
			strbuf_putc(&key, self);
		} else {
			for (uint16_t i = 0; i < set[0]; i++) {
				if (i > 0) {
					strbuf_putc(&key, ',');
				}
				strbuf_puts(&key, pinyin_syllables[set[1 + i]]);
			}
		}
	}
	if (stopped && key.len > 0) {
		assert(key.len >= 3); /* a stop follows a unit, so the key ends in "x -" */
		key.len -= 2;
		key.data[key.len] = '\0';
	}
	/* the key's own size, not the buffer's (64 bytes or more): the search index keeps one
	 * per registration */
	char *exact = xstrndup(key.data ? key.data : "", key.len);
	strbuf_release(&key);
	return exact;
}

char *pinyin_initials(const char *name)
{
	struct strbuf out = STRBUF_INIT;

	while (*name) {
		size_t len;
		char self = 0;
		const uint16_t *set = NULL;
		enum unit_kind kind = classify(name, &len, &self, &set);

		name += len;
		if (kind == UNIT_SELF) {
			strbuf_putc(&out, self);
		} else if (kind == UNIT_HAN) {
			strbuf_putc(&out, pinyin_syllables[set[1]][0]);
		}
	}
	return strbuf_detach(&out);
}

bool pinyin_query_init(struct pinyin_query *pq, const char *query)
{
	pq->len = 0;
	for (; *query; query++) {
		char c = *query;

		if (c == ' ' || c == '\'') {
			continue;
		}
		if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			pq->len = 0;
			return false;
		}
		if (pq->len == PINYIN_MAX_QUERY) {
			pq->len = 0;
			return false;
		}
		pq->text[pq->len++] = c;
	}
	return pq->len > 0;
}

/*
 * One syllable r (len bytes) met at query position pos, rest bytes of query
 * q left there: returns true when the rest is a prefix of r (the run may end
 * on it), else adds to *after the positions r can carry the match to: past
 * the whole syllable, past its initial letter, past a zh/ch/sh initial.
 */
static bool step(const char *r, size_t len, const char *q, size_t rest, size_t pos, uint64_t *after)
{
	size_t same = 0;

	while (same < len && same < rest && r[same] == q[same]) {
		same++;
	}
	if (same == 0) {
		return false;
	}
	if (same == rest) {
		return true;
	}
	/* Here same < rest, so every position below is < qlen <= 64. */
	if (same == len) {
		*after |= UINT64_C(1) << (pos + len);
	}
	*after |= UINT64_C(1) << (pos + 1);
	if (same >= 2 && r[1] == 'h' && (r[0] == 'z' || r[0] == 'c' || r[0] == 's')) {
		*after |= UINT64_C(1) << (pos + 2);
	}
	return false;
}

/*
 * Runs the position sets from the reading at p, which starts a unit's
 * readings that could begin a run, until they die at a unit boundary.
 * Returns true on a match; otherwise stores in *resume where to look for the
 * next run's start (NULL at the end of the key).
 */
static bool follow(const char *p, const char *q, size_t qlen, const char **resume)
{
	uint64_t before = 1; /* positions reachable where this unit starts: 0 always is */
	uint64_t after = 0;  /* positions reachable past this unit */

	*resume = NULL;
	while (*p) {
		const char *r = p;

		while (*p != ',' && *p != ' ' && *p != '\0') {
			p++;
		}
		for (uint64_t set = before; set; set &= set - 1) {
			size_t pos = (size_t)__builtin_ctzll(set);

			if (step(r, (size_t)(p - r), q + pos, qlen - pos, pos, &after)) {
				return true;
			}
		}
		if (*p == ' ') {
			if (after == 0) {
				*resume = p + 1; /* nothing carries over: back to scanning */
				return false;
			}
			before = after | 1;
			after = 0;
		}
		if (*p) {
			p++;
		}
	}
	return false;
}

/*
 * Matches the folded query q (qlen > 0 bytes) against a key. A run can only
 * begin at a syllable starting with q[0], so strchr (vectorised in libc)
 * skips to those and most keys are rejected without walking them.
 */
static bool match_folded(const char *key, const char *q, size_t qlen)
{
	const char *p = key;

	while (p && (p = strchr(p, q[0])) != NULL) {
		if (p != key && p[-1] != ' ' && p[-1] != ',') {
			p++; /* inside a syllable */
			continue;
		}
		if (follow(p, q, qlen, &p)) {
			return true;
		}
	}
	return false;
}

bool pinyin_query_matches(const struct pinyin_query *pq, const char *key)
{
	return pq->len > 0 && match_folded(key, pq->text, pq->len);
}

bool pinyin_key_matches(const char *key, const char *query)
{
	struct pinyin_query pq;

	return pinyin_query_init(&pq, query) && pinyin_query_matches(&pq, key);
}

bool pinyin_matches(const char *name, const char *query)
{
	char *key = pinyin_key(name);
	bool match = pinyin_key_matches(key, query);

	free(key);
	return match;
}
