/*
 * Tests for the gender conflict rule (issue 14, item 3): a gender corrected by a
 * re-import after the beds were given. The stored stays are loaded as they are
 * (lodging_load_stay), the room is closed to everyone new (allocate, place_at,
 * settle) until an undo ends the conflict, lodging_check takes it as a stored
 * fact, and lodging_genders_clash / lodging_stay_conflict say who must be checked.
 * A random test flips genders in allocated events and checks that no room ever
 * gets a new mixed pair.
 */
#include <stdio.h>

#include "lodging_fixture.h"

#define U GENDER_UNKNOWN

/* Loads a stored stay that add_stay would refuse, and checks the state stays valid. */
static void load(struct lodging_state *st, long id, size_t room, int bed, uint64_t nights,
                 enum gender g, enum lodging_use use)
{
	struct lodging_stay s = {id, room, bed, nights, g, use};

	assert_true(lodging_load_stay(st, &s));
	assert_valid(st);
}

/* Room 0: man 1 in bed 1 on nights 0-4, now-woman 2 in bed 2 on nights 0-1. */
static struct lodging_state *corrected(const char *layout)
{
	struct lodging_state *st = hotel(layout);
	struct lodging_stay woman = {2, 0, 2, span(0, 1), F, USE_SHARED};

	add(st, 1, 0, 1, span(0, 4), M, USE_SHARED);
	assert_false(lodging_add_stay(st, &woman)); /* a new stay is still held to the rule */
	load(st, 2, 0, 2, span(0, 1), F, USE_SHARED);
	return st;
}

static size_t in_room(const struct lodging_state *st, size_t room)
{
	size_t n, count = 0;
	struct lodging_stay *s = all_stays(st, &n);

	for (size_t i = 0; i < n; i++) {
		count += s[i].room == room;
	}
	free(s);
	return count;
}

static void stored_mixed_pair_is_loaded_and_closes_the_room(void **state)
{
	struct lodging_state *st = corrected("T0 T0");

	(void)state;
	assert_int_equal(lodging_stays(st, NULL, 0), 2);
	assert_int_equal(lodging_room_gender_conflict(st, 0), span(0, 1));
	assert_int_equal(lodging_room_gender_conflict(st, 1), 0);
	assert_int_equal(lodging_room_gender_conflict(st, 7), 0); /* no such room */
	/* both have company on nights 0-1: nobody pays a supplement for the clash */
	assert_int_equal(lodging_alone_nights(st, 2), 0);
	lodging_free(st);
}

/* Bed 2 of room 0 is free on nights 2-4 beside a lone man, yet nobody new goes there. */
static void closed_room_takes_nobody_new(void **state)
{
	struct lodging_state *st = corrected("T0 T0 T0 T1");
	struct lodging_result r;

	(void)state;
	r = put(st, sharer(3, M, span(2, 4)));
	assert_placed(&r, 1, 1);
	r = put(st, sharer(4, F, span(2, 4)));
	assert_placed(&r, 2, 1);
	r = put(st, mutual(5, M, span(2, 4), 1, span(0, 4))); /* asked for man 1 */
	assert_placed(&r, 1, 2);
	assert_false(r.joined_roommate);
	/* room 0 is empty on night 6, but never the empty room while it is closed */
	r = put(st, whole(6, ROOM_TWIN_SINGLE, span(6, 6)));
	assert_placed(&r, 1, 1);
	r = put(st, whole(7, ROOM_TWIN_SINGLE, span(6, 6)));
	assert_placed(&r, 2, 1);
	r = put(st, whole(8, ROOM_KING, span(6, 6)));
	assert_placed(&r, 3, 1);
	assert_true(r.overflow && r.swapped);
	assert_int_equal(in_room(st, 0), 2);
	lodging_free(st);
}

/* A hold for someone else cannot be made in it either: the roommate opens elsewhere. */
static void closed_room_holds_no_bed(void **state)
{
	struct lodging_state *st = corrected("T0 T0");
	struct lodging_result r;
	struct lodging_stay held;

	(void)state;
	r = put(st, mutual(3, M, span(2, 4), 4, span(2, 4)));
	assert_placed(&r, 1, 1);
	assert_true(stay_of(st, 4, USE_HELD, &held));
	assert_int_equal(held.room, 1);
	lodging_free(st);
}

static void place_at_refuses_a_closed_room(void **state)
{
	struct lodging_state *st = corrected("T0 T0");
	struct lodging_guest g = sharer(3, M, span(2, 4));
	struct lodging_result r;

	(void)state;
	assert_false(lodging_place_at(st, &g, 0, 2, &r));
	assert_int_equal(lodging_stays(st, NULL, 0), 2);
	assert_true(lodging_place_at(st, &g, 1, 2, &r));
	assert_valid(st);
	lodging_free(st);
}

/* Settle would move man 3 into room 0 (3 nights paired): the room is left as it is. */
static void settle_leaves_a_closed_room_alone(void **state)
{
	struct lodging_state *st = corrected("T0 T0");
	struct lodging_move moves[8];
	struct lodging_stay s;

	(void)state;
	add(st, 3, 1, 1, span(2, 4), M, USE_SHARED);
	assert_int_equal(lodging_settle(st, moves, 8), 0);
	assert_valid(st);
	assert_true(stay_of(st, 1, USE_SHARED, &s) && s.room == 0 && s.bed == 1);
	assert_true(stay_of(st, 3, USE_SHARED, &s) && s.room == 1 && s.bed == 1);
	assert_int_equal(lodging_room_gender_conflict(st, 0), span(0, 1));
	lodging_free(st);
}

/* Settle drops a hold in a closed room like any other; a conflict made by the hold ends. */
static void settle_drops_a_hold_that_clashes(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_move moves[8];

	(void)state;
	add(st, 1, 0, 1, span(0, 4), M, USE_SHARED);
	load(st, 2, 0, 2, span(0, 4), F, USE_HELD); /* held for a roommate now a woman */
	assert_int_equal(lodging_room_gender_conflict(st, 0), span(0, 4));
	assert_int_equal(lodging_settle(st, moves, 8), 0);
	assert_valid(st);
	assert_int_equal(count_use(st, USE_HELD), 0);
	assert_int_equal(lodging_room_gender_conflict(st, 0), 0);
	lodging_free(st);
}

/* The held-for roommate arrives with the other gender: not beside the man, elsewhere. */
static void roommate_of_the_other_gender_does_not_take_the_held_bed(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 1, 0, 1, span(0, 4), M, USE_SHARED);
	load(st, 2, 0, 2, span(0, 4), F, USE_HELD);
	r = put(st, sharer(2, F, span(0, 4)));
	assert_placed(&r, 1, 1);
	assert_int_equal(count_use(st, USE_HELD), 0); /* their hold was consumed */
	assert_int_equal(lodging_room_gender_conflict(st, 0), 0);
	lodging_free(st);
}

/* Undo of either person ends the conflict and the room opens again. */
static void undo_reopens_the_room(void **state)
{
	struct lodging_state *st = corrected("T0 T0");
	struct lodging_result r;

	(void)state;
	lodging_remove(st, 2);
	assert_valid(st);
	assert_int_equal(lodging_room_gender_conflict(st, 0), 0);
	r = put(st, sharer(3, M, span(0, 4)));
	assert_placed(&r, 0, 2);
	lodging_free(st);
}

/* A stored sharer whose gender was blanked can be neither's roommate. */
static void sharer_without_gender_closes_the_room(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_result r;

	(void)state;
	load(st, 1, 0, 1, span(0, 1), U, USE_SHARED);
	assert_int_equal(lodging_room_gender_conflict(st, 0), span(0, 1));
	r = put(st, sharer(2, F, span(0, 1)));
	assert_placed(&r, 1, 1);
	r = put(st, sharer(3, M, span(0, 1)));
	assert_placed(&r, 2, 1);
	assert_int_equal(lodging_supplement_lower_bound(st), 4); /* counted for nobody */
	lodging_free(st);
}

/* Loading is lenient about gender only: every other invariant still refuses. */
static void load_still_refuses_every_other_conflict(void **state)
{
	struct lodging_state *st = hotel("K0 T0 T0");
	static const struct lodging_stay bad[] = {
	    {2, 0, 1, 0x1, F, USE_WHOLE},  /* bed taken */
	    {2, 0, 1, 0x2, F, USE_SHARED}, /* no sharers in a king room */
	    {2, 1, 2, 0x3, M, USE_SHARED}, /* bed taken on night 0 */
	    {2, 1, 1, 0x2, F, USE_WHOLE},  /* whole room beside a sharer */
	    {2, 2, 2, 0x4, F, USE_SHARED}, /* sharer beside a whole-room guest */
	    {2, 2, 2, 0x4, U, USE_SHARED}, /* nor without a gender */
	    {2, 1, 3, 0x8, F, USE_SHARED}, /* no bed 3 */
	    {2, 3, 1, 0x8, F, USE_SHARED}, /* no room 3 */
	};

	(void)state;
	add(st, 1, 0, 1, 0x1, M, USE_WHOLE);
	add(st, 1, 1, 2, 0x3, F, USE_SHARED);
	add(st, 1, 2, 1, 0x4, M, USE_WHOLE);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (lodging_load_stay(st, &bad[i])) {
			fail_msg("bad stay %zu accepted", i);
		}
		assert_int_equal(lodging_stays(st, NULL, 0), 3);
	}
	load(st, 2, 1, 1, 0x2, M, USE_SHARED); /* the other gender: taken as stored */
	lodging_free(st);
}

static void genders_clash_on_a_shared_night_only(void **state)
{
	static const struct lodging_stay man = {1, 0, 1, 0x3, M, USE_SHARED};
	static const struct lodging_stay stays[] = {
	    {2, 0, 2, 0x3, M, USE_SHARED}, /* 0: same gender */
	    {3, 0, 2, 0x6, F, USE_SHARED}, /* 1: other gender on night 1 */
	    {4, 0, 2, 0xc, F, USE_SHARED}, /* 2: other gender, no common night */
	    {5, 0, 2, 0x1, U, USE_SHARED}, /* 3: no gender */
	    {6, 0, 2, 0x3, F, USE_HELD},   /* 4: a hold has a gender too */
	    {7, 0, 1, 0x3, F, USE_WHOLE},  /* 5: whole-room guests are not paired */
	};

	(void)state;
	assert_false(lodging_genders_clash(&man, &stays[0]));
	assert_true(lodging_genders_clash(&man, &stays[1]));
	assert_true(lodging_genders_clash(&stays[1], &man));
	assert_false(lodging_genders_clash(&man, &stays[2]));
	assert_true(lodging_genders_clash(&man, &stays[3]));
	assert_true(lodging_genders_clash(&man, &stays[4]));
	assert_false(lodging_genders_clash(&man, &stays[5]));

	assert_int_equal(lodging_stay_conflict(&man, stays, 6), 0x3);
	assert_int_equal(lodging_stay_conflict(&stays[0], stays, 1), 0);
	assert_int_equal(lodging_stay_conflict(&stays[1], stays, 6), 0x2); /* with stays[0] */
	assert_int_equal(lodging_stay_conflict(&stays[2], stays, 6), 0);
	assert_int_equal(lodging_stay_conflict(&stays[3], stays, 4), 0x1); /* itself */
	assert_int_equal(lodging_stay_conflict(&stays[5], stays, 6), 0);
}

/* ---- random events with genders corrected after the beds were given ---- */

struct rng {
	uint64_t s;
};

static int below(struct rng *r, int n)
{
	r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((r->s >> 33) % (uint64_t)n);
}

static uint64_t random_nights(struct rng *r)
{
	int first = below(r, 5);
	int last = first + below(r, 5 - first);

	return span(first, last);
}

static struct lodging_guest random_guest(struct rng *r, long id)
{
	int kind = below(r, 10);
	struct lodging_guest g = sharer(id, below(r, 2) ? F : M, random_nights(r));

	if (kind == 0) {
		g = whole(id, ROOM_KING, random_nights(r));
	} else if (kind == 1) {
		g = whole(id, ROOM_TWIN_SINGLE, random_nights(r));
	}
	return g;
}

/* The state reloaded as the store would after a re-import flipped some genders. */
static struct lodging_state *reload_flipped(struct rng *r, const struct lodging_state *st,
                                            const struct lodging_room *rooms, size_t n_rooms)
{
	size_t n;
	struct lodging_stay *s = all_stays(st, &n);
	struct lodging_state *out = lodging_new(rooms, n_rooms);

	for (size_t i = 0; i < n; i++) {
		if (s[i].use != USE_WHOLE && below(r, 4) == 0) {
			s[i].gender = s[i].gender == F ? M : F;
		}
	}
	for (size_t i = 0; i < n; i++) {
		assert_true(lodging_load_stay(out, &s[i]));
	}
	assert_valid(out);
	free(s);
	return out;
}

/* Whether stay x is in before (same person, room, bed and nights). */
static bool was_there(const struct lodging_stay *before, size_t n, const struct lodging_stay *x)
{
	for (size_t i = 0; i < n; i++) {
		if (before[i].attendee_id == x->attendee_id && before[i].room == x->room &&
		    before[i].bed == x->bed && before[i].nights == x->nights) {
			return true;
		}
	}
	return false;
}

/* Every clash in the state is between stays that were loaded; a closed room took nobody. */
static void assert_no_new_clash(const struct lodging_state *st, const struct lodging_stay *before,
                                size_t n_before, const uint64_t *closed)
{
	size_t n;
	struct lodging_stay *s = all_stays(st, &n);

	for (size_t i = 0; i < n; i++) {
		if (closed[s[i].room] != 0 && !was_there(before, n_before, &s[i])) {
			fail_msg("attendee %ld placed in closed room %zu", s[i].attendee_id,
			         s[i].room);
		}
		for (size_t k = i + 1; k < n; k++) {
			if (s[i].room == s[k].room && lodging_genders_clash(&s[i], &s[k]) &&
			    (!was_there(before, n_before, &s[i]) ||
			     !was_there(before, n_before, &s[k]))) {
				fail_msg("new clash in room %zu: %ld and %ld", s[i].room,
				         s[i].attendee_id, s[k].attendee_id);
			}
		}
	}
	free(s);
}

static long run_flipped_event(uint64_t seed)
{
	struct rng r = {seed};
	struct lodging_room rooms[16];
	uint64_t closed[16];
	size_t n_rooms = 4 + (size_t)below(&r, 12), n_before;
	long id = 1, n_closed = 0;
	struct lodging_move moves[64];

	for (size_t i = 0; i < n_rooms; i++) {
		rooms[i] = (struct lodging_room){(long)(100 + i), below(&r, 3) == 0,
		                                 below(&r, 4) == 0 ? ROOMKIND_KING : ROOMKIND_TWIN};
	}
	struct lodging_state *st = lodging_new(rooms, n_rooms);
	for (int i = below(&r, 24); i >= 0; i--) {
		put(st, random_guest(&r, id++));
	}
	struct lodging_state *re = reload_flipped(&r, st, rooms, n_rooms);
	struct lodging_stay *before = all_stays(re, &n_before);
	for (size_t i = 0; i < n_rooms; i++) {
		closed[i] = lodging_room_gender_conflict(re, i);
		n_closed += closed[i] != 0;
	}
	for (int i = below(&r, 24); i >= 0; i--) {
		put(re, random_guest(&r, id++));
		assert_no_new_clash(re, before, n_before, closed);
	}
	lodging_settle(re, moves, 64);
	assert_valid(re);
	assert_no_new_clash(re, before, n_before, closed);
	for (size_t i = 0; i < n_rooms; i++) {
		assert_true(closed[i] == 0 || lodging_room_gender_conflict(re, i) == closed[i]);
	}
	free(before);
	lodging_free(st);
	lodging_free(re);
	return n_closed;
}

static void random_corrections_never_make_a_new_mixed_pair(void **state)
{
	long closed = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 2000; seed++) {
		closed += run_flipped_event(seed * 104729);
	}
	printf("lodging gender: 2000 events with genders corrected, %ld rooms closed\n", closed);
	assert_true(closed > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(stored_mixed_pair_is_loaded_and_closes_the_room),
	    cmocka_unit_test(closed_room_takes_nobody_new),
	    cmocka_unit_test(closed_room_holds_no_bed),
	    cmocka_unit_test(place_at_refuses_a_closed_room),
	    cmocka_unit_test(settle_leaves_a_closed_room_alone),
	    cmocka_unit_test(settle_drops_a_hold_that_clashes),
	    cmocka_unit_test(roommate_of_the_other_gender_does_not_take_the_held_bed),
	    cmocka_unit_test(undo_reopens_the_room),
	    cmocka_unit_test(sharer_without_gender_closes_the_room),
	    cmocka_unit_test(load_still_refuses_every_other_conflict),
	    cmocka_unit_test(genders_clash_on_a_shared_night_only),
	    cmocka_unit_test(random_corrections_never_make_a_new_mixed_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
