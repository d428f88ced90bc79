/*
 * lodging_fixture: what the lodging tests share: hotels written as layouts
 * ("K0 T0 T1"), guests of each kind, placing with the invariants checked, and
 * reading the stays back. Static inline, so each test file takes what it uses.
 */
#ifndef FRONTDESK_TEST_LODGING_FIXTURE_H
#define FRONTDESK_TEST_LODGING_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/lodging.h"

#define F GENDER_FEMALE
#define M GENDER_MALE

#define MAX_ROOMS 64

static struct lodging_room layout_rooms[MAX_ROOMS];

/* Nights first..last inclusive. */
static inline uint64_t span(int first, int last)
{
	uint64_t high = last == 63 ? ~0ULL : (1ULL << (last + 1)) - 1;

	return high & ~((1ULL << first) - 1);
}

static inline size_t parse_layout(const char *layout, struct lodging_room *rooms)
{
	size_t n = 0;

	for (const char *p = layout; *p != '\0'; p++) {
		if (*p == 'K' || *p == 'T') {
			assert_true(n < MAX_ROOMS);
			rooms[n] = (struct lodging_room){(long)(100 + n), p[1] - '0',
			                                 *p == 'K' ? ROOMKIND_KING : ROOMKIND_TWIN};
			n++;
			p++;
		}
	}
	return n;
}

static inline struct lodging_state *hotel(const char *layout)
{
	size_t n = parse_layout(layout, layout_rooms);

	return lodging_new(layout_rooms, n);
}

static inline struct lodging_guest whole(long id, enum room_request req, uint64_t nights)
{
	return (struct lodging_guest){id, req, GENDER_UNKNOWN, nights, -1, 0};
}

static inline struct lodging_guest sharer(long id, enum gender g, uint64_t nights)
{
	return (struct lodging_guest){id, ROOM_BED, g, nights, -1, 0};
}

static inline struct lodging_guest mutual(long id, enum gender g, uint64_t nights, long mate,
                                          uint64_t mate_nights)
{
	return (struct lodging_guest){id, ROOM_BED, g, nights, mate, mate_nights};
}

static inline void assert_valid(const struct lodging_state *st)
{
	char *problem = (char *)"unset";

	if (!lodging_check(st, &problem)) {
		fail_msg("invariant broken: %s", problem);
	}
	assert_null(problem);
}

static inline struct lodging_result put(struct lodging_state *st, struct lodging_guest g)
{
	struct lodging_result r;

	memset(&r, 0x5a, sizeof(r));
	lodging_allocate(st, &g, &r);
	assert_valid(st);
	return r;
}

static inline void assert_placed(const struct lodging_result *r, size_t room, int bed)
{
	assert_int_equal(r->outcome, LODGING_PLACED);
	assert_int_equal(r->room, room);
	assert_int_equal(r->bed, bed);
}

static inline void add(struct lodging_state *st, long id, size_t room, int bed, uint64_t nights,
                       enum gender g, enum lodging_use use)
{
	struct lodging_stay s = {id, room, bed, nights, g, use};

	assert_true(lodging_add_stay(st, &s));
	assert_valid(st);
}

/* Copies the stays out (sorted); the caller frees them. */
static inline struct lodging_stay *all_stays(const struct lodging_state *st, size_t *n)
{
	struct lodging_stay *out;

	*n = lodging_stays(st, NULL, 0);
	out = calloc(*n + 1, sizeof(*out));
	assert_int_equal(lodging_stays(st, out, *n), *n);
	return out;
}

/* Finds the attendee's stay of the given use; false when there is none. */
static inline bool stay_of(const struct lodging_state *st, long id, enum lodging_use use,
                           struct lodging_stay *out)
{
	size_t n;
	struct lodging_stay *s = all_stays(st, &n);
	bool found = false;

	memset(out, 0, sizeof(*out)); /* defined even when not found */
	for (size_t i = 0; i < n && !found; i++) {
		if (s[i].attendee_id == id && s[i].use == use) {
			*out = s[i];
			found = true;
		}
	}
	free(s);
	return found;
}

static inline size_t count_use(const struct lodging_state *st, enum lodging_use use)
{
	size_t n;
	size_t count = 0;
	struct lodging_stay *s = all_stays(st, &n);

	for (size_t i = 0; i < n; i++) {
		count += s[i].use == use;
	}
	free(s);
	return count;
}

/* ---- whole-room guests ---- */

#endif
