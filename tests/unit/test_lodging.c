/*
 * Tests for lodging: one cmocka test per rule of DESIGN section 3 ("Lodging")
 * as decided for issue 4, named after the rule; then a seeded property test
 * that checks every allocation against a plain night-by-night model of the
 * rules (no masks, no index), the invariants after every step, the lower bound
 * on supplement nights, settle and undo, and each room's stays as the whole
 * listing gives them; then `rooms plan` at bench size, timed.
 *
 * Layouts name rooms left to right as kind and hotel rank: "K0 T0 T1" is a
 * king and a twin in the programme hotel and a twin in the first overflow
 * hotel. Nights are written as spans of bit numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lodging_fixture.h"

static void king_guest_gets_king(void **state)
{
	struct lodging_state *st = hotel("T0 K0");
	struct lodging_result r = put(st, whole(1, ROOM_KING, span(0, 2)));
	struct lodging_stay s;

	(void)state;
	assert_placed(&r, 1, 1);
	assert_false(r.swapped);
	assert_false(r.overflow);
	assert_false(r.joined_roommate);
	assert_false(r.held_for_roommate);
	assert_int_equal(r.shares_with, -1);
	assert_int_equal(r.alone_nights, 0);
	assert_true(stay_of(st, 1, USE_WHOLE, &s));
	assert_int_equal(s.nights, span(0, 2));
	lodging_free(st);
}

static void twin_single_guest_gets_twin(void **state)
{
	struct lodging_state *st = hotel("K0 T0");
	struct lodging_result r = put(st, whole(1, ROOM_TWIN_SINGLE, span(0, 2)));

	(void)state;
	assert_placed(&r, 1, 1);
	assert_false(r.swapped);
	lodging_free(st);
}

static void king_guest_swapped_to_twin_when_no_king(void **state)
{
	struct lodging_state *st = hotel("K0 T0 K1");
	struct lodging_result r;

	(void)state;
	put(st, whole(1, ROOM_KING, span(0, 2)));
	r = put(st, whole(2, ROOM_KING, span(1, 3)));
	/* The other type in the programme hotel comes before an overflow king. */
	assert_placed(&r, 1, 1);
	assert_true(r.swapped);
	assert_false(r.overflow);
	lodging_free(st);
}

static void twin_single_guest_swapped_to_king(void **state)
{
	struct lodging_state *st = hotel("T0 K0");
	struct lodging_result r;

	(void)state;
	put(st, whole(1, ROOM_TWIN_SINGLE, span(0, 0)));
	r = put(st, whole(2, ROOM_TWIN_SINGLE, span(0, 0)));
	assert_placed(&r, 1, 1);
	assert_true(r.swapped);
	lodging_free(st);
}

static void whole_room_guest_overflows_to_second_hotel(void **state)
{
	struct lodging_state *st = hotel("K0 T1 K1 K2");
	struct lodging_result r;

	(void)state;
	put(st, whole(1, ROOM_KING, span(0, 1)));
	r = put(st, whole(2, ROOM_KING, span(0, 1)));
	assert_placed(&r, 2, 1); /* their type first in the overflow hotel */
	assert_true(r.overflow);
	assert_false(r.swapped);
	r = put(st, whole(3, ROOM_KING, span(0, 1)));
	assert_placed(&r, 1, 1); /* then the other type there, before the next hotel */
	assert_true(r.overflow);
	assert_true(r.swapped);
	r = put(st, whole(4, ROOM_KING, span(0, 1)));
	assert_placed(&r, 3, 1);
	assert_true(r.overflow);
	r = put(st, whole(5, ROOM_KING, span(0, 1)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	lodging_free(st);
}

static void whole_room_guest_needs_room_free_all_nights(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 9, 0, 2, span(2, 2), F, USE_SHARED);
	r = put(st, whole(1, ROOM_TWIN_SINGLE, span(0, 2)));
	assert_placed(&r, 1, 1);
	/* Nobody in room 0 on nights 0-1: a whole-room guest may use it then. */
	r = put(st, whole(2, ROOM_TWIN_SINGLE, span(0, 1)));
	assert_placed(&r, 0, 1);
	lodging_free(st);
}

static void sharer_never_beside_whole_room_guest(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, whole(1, ROOM_TWIN_SINGLE, span(0, 3)));
	r = put(st, sharer(2, F, span(3, 4)));
	assert_placed(&r, 1, 1);
	r = put(st, whole(3, ROOM_KING, span(3, 3)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM); /* room 1 has a free bed on night 3 */
	lodging_free(st);
}

static void whole_room_guest_consumes_own_hold(void **state)
{
	struct lodging_state *st = hotel("T0 K0");
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, F, span(0, 1), 2, span(0, 1)));
	assert_int_equal(count_use(st, USE_HELD), 1);
	r = put(st, whole(2, ROOM_KING, span(0, 1)));
	assert_placed(&r, 1, 1);
	assert_int_equal(count_use(st, USE_HELD), 0);
	lodging_free(st);
}

/* ---- requests that get nothing ---- */

static void sharer_without_gender_refused(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	add(st, 2, 0, 2, span(0, 1), F, USE_HELD);
	r = put(st, sharer(2, GENDER_UNKNOWN, span(0, 1)));
	assert_int_equal(r.outcome, LODGING_GENDER_MISSING);
	/* Nothing changes, not even the bed held for them. */
	assert_int_equal(lodging_stays(st, NULL, 0), 1);
	assert_int_equal(count_use(st, USE_HELD), 1);
	lodging_free(st);
}

static void no_room_requested_is_not_requested(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r = put(st, whole(1, ROOM_NONE, span(0, 1)));

	(void)state;
	assert_int_equal(r.outcome, LODGING_NOT_REQUESTED);
	assert_int_equal(r.shares_with, -1);
	r = put(st, sharer(2, F, 0));
	assert_int_equal(r.outcome, LODGING_NOT_REQUESTED); /* no nights: nothing to book */
	assert_int_equal(lodging_stays(st, NULL, 0), 0);
	lodging_free(st);
}

/* A room whose occupant has other nights is empty on the arrival's nights. */
static void sharer_opens_room_empty_on_their_nights(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(1, F, span(0, 1)));
	r = put(st, sharer(2, M, span(2, 4)));
	assert_placed(&r, 0, 1);
	assert_int_equal(r.alone_nights, span(2, 4));
	lodging_free(st);
}

static void no_room_left(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(1, F, span(0, 1)));
	put(st, sharer(2, F, span(0, 1)));
	r = put(st, sharer(3, F, span(1, 2)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	assert_int_equal(r.shares_with, -1);
	r = put(st, whole(4, ROOM_KING, span(1, 1)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	assert_int_equal(lodging_stays(st, NULL, 0), 2);
	lodging_free(st);
}

static void no_room_keeps_the_hold(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_stay *before;
	struct lodging_stay *after;
	size_t n_before;
	size_t n_after;
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, F, span(0, 1), 2, span(0, 1)));
	add(st, 7, 0, 2, span(3, 3), F, USE_SHARED);
	before = all_stays(st, &n_before);
	/* Their nights changed to 0-3: the held bed is taken on night 3, nothing else fits. */
	r = put(st, mutual(2, F, span(0, 3), 1, span(0, 1)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	after = all_stays(st, &n_after);
	assert_int_equal(n_after, n_before);
	assert_memory_equal(after, before, n_before * sizeof(*before));
	free(before);
	free(after);
	lodging_free(st);
}

/* ---- sharers ---- */

static void second_sharer_joins_first(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r = put(st, sharer(1, F, span(0, 2)));

	(void)state;
	assert_placed(&r, 0, 1);
	assert_int_equal(r.alone_nights, span(0, 2));
	assert_int_equal(r.shares_with, -1);
	assert_false(r.joined_roommate);
	r = put(st, sharer(2, F, span(0, 2)));
	assert_placed(&r, 0, 2);
	assert_int_equal(r.alone_nights, 0);
	assert_int_equal(r.shares_with, 1);
	assert_false(r.joined_roommate); /* joining a stranger is not a roommate request */
	assert_int_equal(lodging_alone_nights(st, 1), 0);
	assert_int_equal(lodging_count_supplement_nights(st), 0);
	lodging_free(st);
}

static void sharers_never_mixed_genders(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(1, F, span(0, 2)));
	r = put(st, sharer(2, M, span(0, 2)));
	assert_placed(&r, 1, 1);
	r = put(st, sharer(3, M, span(1, 1)));
	assert_placed(&r, 1, 2);
	r = put(st, sharer(4, M, span(0, 0)));
	assert_placed(&r, 1, 2); /* beside the man, not in the woman's free bed */
	r = put(st, sharer(5, F, span(2, 2)));
	assert_placed(&r, 0, 2);
	lodging_free(st);
}

static void sharer_never_in_king_room(void **state)
{
	struct lodging_state *st = hotel("K0 K0 T1");
	struct lodging_result r = put(st, sharer(1, M, span(0, 0)));

	(void)state;
	assert_placed(&r, 2, 1);
	assert_true(r.overflow);
	put(st, sharer(2, M, span(0, 0)));
	r = put(st, sharer(3, M, span(0, 0)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	lodging_free(st);
}

static void sharer_joins_roommate_with_most_overlap(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 10, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 11, 1, 1, span(2, 4), F, USE_SHARED);
	r = put(st, sharer(3, F, span(1, 4)));
	assert_placed(&r, 1, 2); /* 3 nights with 11 beat 1 night with 10 */
	assert_int_equal(r.shares_with, 11);
	assert_int_equal(r.alone_nights, span(1, 1));
	assert_int_equal(lodging_alone_nights(st, 11), 0);
	r = put(st, sharer(4, F, span(0, 1)));
	assert_placed(&r, 0, 2); /* 2 nights with 10 beat 1 night in room 1, bed 1 */
	lodging_free(st);
}

static void sharer_join_ties_go_to_lower_rank_then_index(void **state)
{
	struct lodging_state *st = hotel("T1 T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 10, 0, 1, span(0, 3), M, USE_SHARED);
	add(st, 11, 1, 1, span(0, 3), M, USE_SHARED);
	add(st, 12, 2, 2, span(0, 3), M, USE_SHARED);
	r = put(st, sharer(1, M, span(0, 3)));
	assert_placed(&r, 1, 2);
	r = put(st, sharer(2, M, span(0, 3)));
	assert_placed(&r, 2, 1);
	r = put(st, sharer(3, M, span(0, 3)));
	assert_placed(&r, 0, 2);
	assert_true(r.overflow);
	lodging_free(st);
}

static void sharer_needs_bed_free_all_nights(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 10, 0, 1, span(0, 3), F, USE_SHARED);
	add(st, 11, 0, 2, span(2, 3), F, USE_SHARED);
	r = put(st, sharer(1, F, span(0, 2)));
	assert_placed(&r, 1, 1); /* bed 2 of room 0 is taken on night 2 */
	r = put(st, sharer(2, F, span(0, 1)));
	assert_placed(&r, 0, 2);
	assert_int_equal(r.shares_with, 10);
	lodging_free(st);
}

static void shortage_sharer_goes_to_overflow_twin(void **state)
{
	struct lodging_state *st = hotel("T0 K0 T1");
	struct lodging_result r;

	(void)state;
	put(st, sharer(1, F, span(0, 1)));
	r = put(st, sharer(2, M, span(0, 1)));
	assert_placed(&r, 2, 1);
	assert_true(r.overflow);
	assert_false(r.swapped);
	lodging_free(st);
}

static void alone_nights_when_nights_differ(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(1, M, span(0, 3)));
	r = put(st, sharer(2, M, span(1, 2)));
	assert_placed(&r, 0, 2);
	assert_int_equal(r.alone_nights, 0);
	assert_int_equal(lodging_alone_nights(st, 1), span(0, 0) | span(3, 3));
	assert_int_equal(lodging_count_supplement_nights(st), 2);
	assert_int_equal(lodging_supplement_lower_bound(st), 2);
	assert_int_equal(lodging_alone_nights(st, 99), 0);
	lodging_free(st);
}

static void shares_with_most_nights(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	add(st, 20, 0, 2, span(0, 0), M, USE_SHARED);
	add(st, 21, 0, 2, span(1, 3), M, USE_SHARED);
	r = put(st, sharer(1, M, span(0, 4)));
	assert_placed(&r, 0, 1);
	assert_int_equal(r.shares_with, 21);
	assert_int_equal(r.alone_nights, span(4, 4));
	lodging_free(st);
}

/* ---- mutual roommate requests ---- */

static void mutual_request_holds_bed(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r = put(st, mutual(1, F, span(0, 1), 2, span(0, 3)));
	struct lodging_stay held;

	(void)state;
	assert_placed(&r, 0, 1);
	assert_true(r.held_for_roommate);
	assert_false(r.joined_roommate);
	assert_int_equal(r.alone_nights, span(0, 1)); /* a held bed is nobody */
	assert_true(stay_of(st, 2, USE_HELD, &held));
	assert_int_equal(held.room, 0);
	assert_int_equal(held.bed, 2);
	assert_int_equal(held.nights, span(0, 3)); /* the roommate's nights */
	assert_int_equal(held.gender, F);
	assert_int_equal(lodging_count_supplement_nights(st), 2);
	assert_int_equal(
	    lodging_charge(&(struct lodging_rates){350, 175}, USE_HELD, held.nights, 0), 0);
	lodging_free(st);
}

static void held_bed_taken_by_roommate(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, M, span(0, 2), 2, span(0, 2)));
	r = put(st, mutual(2, M, span(0, 2), 1, span(0, 2)));
	assert_placed(&r, 0, 2);
	assert_true(r.joined_roommate);
	assert_false(r.held_for_roommate);
	assert_int_equal(r.shares_with, 1);
	assert_int_equal(r.alone_nights, 0);
	assert_int_equal(count_use(st, USE_HELD), 0);
	assert_int_equal(lodging_count_supplement_nights(st), 0);
	lodging_free(st);
}

static void held_bed_not_joined_by_others(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, F, span(0, 2), 2, span(0, 2)));
	r = put(st, sharer(3, F, span(0, 2)));
	assert_placed(&r, 1, 1);
	r = put(st, whole(4, ROOM_TWIN_SINGLE, span(0, 0)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	lodging_free(st);
}

static void sharer_not_joined_where_a_hold_falls_on_their_nights(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 1, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 2, 0, 1, span(2, 3), F, USE_HELD); /* bed 1 again, later nights */
	r = put(st, sharer(3, F, span(0, 3)));
	assert_placed(&r, 1, 1);
	r = put(st, sharer(4, F, span(0, 1)));
	assert_placed(&r, 0, 2); /* the hold is not on nights 0-1 */
	lodging_free(st);
}

static void hold_goes_to_the_bed_that_fits(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;
	struct lodging_stay held;

	(void)state;
	add(st, 9, 0, 2, span(3, 3), F, USE_SHARED);
	r = put(st, mutual(1, F, span(0, 1), 2, span(0, 3)));
	assert_placed(&r, 0, 2);
	assert_true(r.held_for_roommate);
	assert_true(stay_of(st, 2, USE_HELD, &held));
	assert_int_equal(held.bed, 1);
	lodging_free(st);
}

static void no_hold_when_roommate_already_placed(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(2, F, span(0, 1)));
	put(st, sharer(3, F, span(0, 1)));
	r = put(st, mutual(1, F, span(0, 1), 2, span(0, 1)));
	assert_placed(&r, 1, 1); /* 2's room is full */
	assert_false(r.joined_roommate);
	assert_false(r.held_for_roommate);
	lodging_free(st);
}

static void roommate_preferred_over_other_lone_sharer(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 5, 0, 1, span(0, 2), F, USE_SHARED);
	add(st, 2, 1, 1, span(1, 2), F, USE_SHARED);
	r = put(st, mutual(1, F, span(0, 2), 2, span(1, 2)));
	assert_placed(&r, 1, 2);
	assert_true(r.joined_roommate);
	assert_int_equal(r.shares_with, 2);
	assert_int_equal(r.alone_nights, span(0, 0));
	lodging_free(st);
}

/* "a mutual roommate request first of all": the pair is kept, the stranger waits */
static void mutual_request_holds_before_joining_lone_sharer(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(5, F, span(0, 2)));
	r = put(st, mutual(1, F, span(0, 2), 2, span(0, 2)));
	assert_placed(&r, 1, 1);
	assert_true(r.held_for_roommate);
	assert_int_equal(count_use(st, USE_HELD), 1);
	r = put(st, mutual(2, F, span(0, 2), 1, span(0, 2)));
	assert_placed(&r, 1, 2);
	assert_true(r.joined_roommate);
	assert_valid(st);
	lodging_free(st);
}

/* with no room left to hold a bed in, a mutual request joins a lone sharer as usual */
static void mutual_request_joins_lone_sharer_when_nothing_can_be_held(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(5, F, span(0, 2)));
	r = put(st, mutual(1, F, span(0, 2), 2, span(0, 2)));
	assert_placed(&r, 0, 2);
	assert_false(r.held_for_roommate);
	assert_int_equal(count_use(st, USE_HELD), 0);
	lodging_free(st);
}

/* ---- what the rooming list reports ---- */

static void swap_is_only_for_whole_room_guests_in_the_other_type(void **state)
{
	(void)state;
	assert_true(lodging_is_swapped(ROOM_KING, USE_WHOLE, ROOMKIND_TWIN));
	assert_true(lodging_is_swapped(ROOM_TWIN_SINGLE, USE_WHOLE, ROOMKIND_KING));
	assert_false(lodging_is_swapped(ROOM_KING, USE_WHOLE, ROOMKIND_KING));
	assert_false(lodging_is_swapped(ROOM_TWIN_SINGLE, USE_WHOLE, ROOMKIND_TWIN));
	assert_false(lodging_is_swapped(ROOM_BED, USE_SHARED, ROOMKIND_TWIN));
	assert_false(lodging_is_swapped(ROOM_KING, USE_HELD, ROOMKIND_TWIN));
}

static void stay_span_is_first_night_to_morning_after_last(void **state)
{
	long arrive, depart;

	(void)state;
	lodging_stay_span(100, span(1, 3), &arrive, &depart);
	assert_int_equal(arrive, 101);
	assert_int_equal(depart, 104);
	lodging_stay_span(100, span(0, 4), &arrive, &depart);
	assert_int_equal(arrive, 100);
	assert_int_equal(depart, 105);
	lodging_stay_span(100, 0, &arrive, &depart);
	assert_int_equal(arrive, 100);
	assert_int_equal(depart, 100);
}

/* ---- settle ---- */

static void settle_releases_holds(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_move moves[4];
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, F, span(0, 2), 2, span(0, 2)));
	assert_int_equal(lodging_settle(st, moves, 4), 0);
	assert_valid(st);
	assert_int_equal(count_use(st, USE_HELD), 0);
	assert_int_equal(lodging_alone_nights(st, 1), span(0, 2));
	/* The bed is free now: a stranger may join. */
	r = put(st, sharer(3, F, span(0, 2)));
	assert_placed(&r, 0, 2);
	lodging_free(st);
}

static void settle_repairs_two_solos(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_move moves[4];

	(void)state;
	put(st, mutual(3, M, span(0, 2), 4, span(0, 2)));
	put(st, mutual(1, M, span(0, 2), 2, span(0, 2)));
	assert_int_equal(lodging_count_supplement_nights(st), 6);
	assert_int_equal(lodging_settle(st, moves, 4), 1);
	assert_valid(st);
	/* The lower attendee id moves, into the other solo's free bed. */
	assert_int_equal(moves[0].attendee_id, 1);
	assert_int_equal(moves[0].from_room, 1);
	assert_int_equal(moves[0].from_bed, 1);
	assert_int_equal(moves[0].to_room, 0);
	assert_int_equal(moves[0].to_bed, 2);
	assert_int_equal(lodging_count_supplement_nights(st), 0);
	assert_int_equal(lodging_supplement_lower_bound(st), 0);
	lodging_free(st);
}

static void settle_prefers_biggest_reduction(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_move moves[4];

	(void)state;
	add(st, 30, 0, 1, span(0, 3), F, USE_SHARED);
	add(st, 10, 1, 1, span(0, 1), F, USE_SHARED);
	add(st, 20, 2, 1, span(0, 3), F, USE_SHARED);
	assert_int_equal(lodging_settle(st, moves, 4), 1);
	/* 10 would save 2 nights; 20 and 30 save 4, and 20 is the lower id. */
	assert_int_equal(moves[0].attendee_id, 20);
	assert_int_equal(moves[0].to_room, 0);
	assert_int_equal(moves[0].to_bed, 2);
	assert_int_equal(lodging_count_supplement_nights(st), 2);
	assert_int_equal(lodging_supplement_lower_bound(st), 2);
	lodging_free(st);
}

static void settle_moves_only_when_it_helps(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0 T0");
	struct lodging_move moves[4];

	(void)state;
	add(st, 1, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 2, 1, 1, span(2, 3), F, USE_SHARED); /* no night in common */
	add(st, 3, 2, 1, span(0, 3), M, USE_SHARED); /* other gender */
	add(st, 4, 3, 1, span(0, 3), F, USE_SHARED);
	add(st, 5, 3, 2, span(0, 2), F, USE_SHARED); /* paired 3 nights, would gain 2 */
	assert_int_equal(lodging_settle(st, moves, 4), 0);
	assert_int_equal(lodging_count_supplement_nights(st), 2 + 2 + 4 + 1);
	lodging_free(st);
}

static void settle_man_leaving_unblocks_woman(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_move moves[4];

	(void)state;
	add(st, 1, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 2, 0, 2, span(2, 3), M, USE_SHARED); /* keeps 4 out of room 0 */
	add(st, 3, 1, 1, span(2, 3), M, USE_SHARED);
	add(st, 4, 2, 1, span(0, 3), F, USE_SHARED);
	add(st, 5, 2, 2, span(1, 1), F, USE_SHARED); /* keeps 1 out of room 2 */
	assert_int_equal(lodging_settle(st, moves, 4), 2);
	assert_int_equal(moves[0].attendee_id, 2);
	assert_int_equal(moves[0].to_room, 1);
	assert_int_equal(moves[1].attendee_id, 4);
	assert_int_equal(moves[1].to_room, 0);
	assert_int_equal(moves[1].to_bed, 2);
	assert_int_equal(lodging_count_supplement_nights(st), 3);
	assert_int_equal(lodging_supplement_lower_bound(st), 3);
	lodging_free(st);
}

static void settle_counts_moves_beyond_max(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0 T0");

	(void)state;
	add(st, 1, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 2, 1, 1, span(0, 1), F, USE_SHARED);
	add(st, 3, 2, 1, span(0, 1), M, USE_SHARED);
	add(st, 4, 3, 1, span(0, 1), M, USE_SHARED);
	assert_int_equal(lodging_settle(st, NULL, 0), 2);
	assert_int_equal(lodging_count_supplement_nights(st), 0);
	lodging_free(st);
}

/* ---- supplements and charges ---- */

static void odd_sharer_pays_supplement(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_rates rates = {350, 175};

	(void)state;
	put(st, sharer(1, F, span(0, 3)));
	put(st, sharer(2, F, span(0, 3)));
	put(st, sharer(3, F, span(0, 3)));
	assert_int_equal(lodging_alone_nights(st, 1), 0);
	assert_int_equal(lodging_alone_nights(st, 2), 0);
	assert_int_equal(lodging_alone_nights(st, 3), span(0, 3));
	assert_int_equal(lodging_count_supplement_nights(st), 4);
	assert_int_equal(lodging_supplement_lower_bound(st), 4);
	assert_int_equal(lodging_charge(&rates, USE_SHARED, span(0, 3), span(0, 3)), 1400);
	assert_int_equal(lodging_charge(&rates, USE_SHARED, span(0, 3), 0), 700);
	lodging_free(st);
}

static void lower_bound_is_parity_per_night_and_gender(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0 T0 K0");

	(void)state;
	add(st, 1, 0, 1, span(0, 2), F, USE_SHARED);
	add(st, 2, 1, 1, span(1, 3), F, USE_SHARED);
	add(st, 3, 2, 1, span(0, 0), M, USE_SHARED);
	add(st, 4, 3, 1, span(0, 5), M, USE_HELD);  /* a hold is nobody */
	add(st, 5, 4, 1, span(0, 5), F, USE_WHOLE); /* a whole room is not a sharer */
	/* F: nights 0 and 3 odd; M: night 0 odd. */
	assert_int_equal(lodging_supplement_lower_bound(st), 3);
	assert_int_equal(lodging_count_supplement_nights(st), 3 + 3 + 1);
	lodging_free(st);
}

static void charge_whole_room(void **state)
{
	struct lodging_rates rates = {350, 175};

	(void)state;
	assert_int_equal(lodging_charge(&rates, USE_WHOLE, span(0, 2), 0), 1050);
	assert_int_equal(lodging_charge(&rates, USE_WHOLE, span(0, 2), span(0, 2)), 1050);
	assert_int_equal(lodging_charge(&rates, USE_WHOLE, 0, 0), 0);
}

static void charge_bed_with_alone_nights(void **state)
{
	struct lodging_rates rates = {350, 175};

	(void)state;
	assert_int_equal(lodging_charge(&rates, USE_SHARED, span(0, 3), span(0, 0)), 875);
	/* Alone nights outside the stay cost nothing. */
	assert_int_equal(lodging_charge(&rates, USE_SHARED, span(0, 3), span(3, 9)), 875);
	assert_int_equal(lodging_charge(&rates, USE_HELD, span(0, 3), span(0, 3)), 0);
}

/* ---- undo and loading ---- */

static void remove_frees_bed_for_next(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, sharer(1, F, span(0, 1)));
	put(st, sharer(2, F, span(0, 1)));
	lodging_remove(st, 1);
	assert_valid(st);
	assert_int_equal(lodging_alone_nights(st, 2), span(0, 1));
	r = put(st, sharer(3, F, span(0, 1)));
	assert_placed(&r, 0, 1);
	assert_int_equal(r.shares_with, 2);
	lodging_remove(st, 42); /* nobody: nothing happens */
	assert_int_equal(lodging_stays(st, NULL, 0), 2);
	lodging_free(st);
}

static void remove_drops_orphan_hold(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, F, span(0, 1), 2, span(0, 1)));
	lodging_remove(st, 1);
	assert_valid(st);
	assert_int_equal(lodging_stays(st, NULL, 0), 0);
	r = put(st, sharer(3, F, span(0, 1)));
	assert_placed(&r, 0, 1);
	lodging_free(st);
}

static void remove_takes_hold_for_them(void **state)
{
	struct lodging_state *st = hotel("T0");

	(void)state;
	put(st, mutual(1, M, span(0, 1), 2, span(0, 1)));
	lodging_remove(st, 2);
	assert_valid(st);
	assert_int_equal(lodging_stays(st, NULL, 0), 1);
	assert_int_equal(count_use(st, USE_HELD), 0);
	lodging_free(st);
}

static void remove_keeps_hold_beside_someone_else(void **state)
{
	struct lodging_state *st = hotel("T0");

	(void)state;
	add(st, 1, 0, 1, span(0, 0), F, USE_SHARED);
	add(st, 3, 0, 1, span(1, 1), F, USE_SHARED);
	add(st, 2, 0, 2, span(1, 1), F, USE_HELD);
	lodging_remove(st, 1);
	assert_int_equal(count_use(st, USE_HELD), 1);
	lodging_free(st);
}

static void add_stay_rejects_conflicts(void **state)
{
	struct lodging_state *st = hotel("K0 T0 T0");
	static const struct lodging_stay bad[] = {
	    {2, 0, 1, 0x1, F, USE_WHOLE},  /* bed taken */
	    {2, 0, 2, 0x1, F, USE_WHOLE},  /* king rooms have one bed */
	    {2, 0, 1, 0x2, F, USE_SHARED}, /* no sharers in a king room */
	    {2, 0, 1, 0x2, F, USE_HELD},   /* nor holds */
	    {2, 1, 2, 0x3, M, USE_SHARED}, /* bed taken on night 0 */
	    {2, 1, 1, 0x2, M, USE_SHARED}, /* mixed genders on night 1 */
	    {2, 1, 1, 0x2, M, USE_HELD},   /* a hold has a gender too */
	    {2, 1, 1, 0x2, F, USE_WHOLE},  /* whole room beside a sharer */
	    {2, 2, 2, 0x4, F, USE_SHARED}, /* sharer beside a whole-room guest */
	    {2, 2, 2, 0x8, F, USE_WHOLE},  /* whole-room guests take bed 1 */
	    {2, 1, 3, 0x8, F, USE_SHARED}, /* no bed 3 */
	    {2, 1, 0, 0x8, F, USE_SHARED}, /* nor bed 0 */
	    {2, 3, 1, 0x8, F, USE_SHARED}, /* no room 3 */
	    {2, 1, 2, 0x8, GENDER_UNKNOWN, USE_SHARED},
	    {2, 1, 2, 0x8, F, (enum lodging_use)7},
	};

	(void)state;
	add(st, 1, 0, 1, 0x1, M, USE_WHOLE);
	add(st, 1, 1, 2, 0x3, F, USE_SHARED);
	add(st, 1, 2, 1, 0x4, M, USE_WHOLE);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (lodging_add_stay(st, &bad[i])) {
			fail_msg("bad stay %zu accepted", i);
		}
		assert_int_equal(lodging_stays(st, NULL, 0), 3);
		assert_valid(st);
	}
	/* The same bed on other nights, and a same-gender neighbour, are fine. */
	add(st, 3, 0, 1, 0x2, M, USE_WHOLE);
	add(st, 4, 1, 1, 0x2, F, USE_HELD);
	add(st, 5, 2, 1, 0x8, M, USE_SHARED);
	lodging_free(st);
}

static void stays_listed_in_room_order(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_stay out[8];

	(void)state;
	add(st, 7, 1, 2, span(0, 1), F, USE_SHARED);
	add(st, 6, 1, 1, span(2, 2), F, USE_SHARED);
	add(st, 5, 1, 1, span(0, 1), F, USE_SHARED);
	add(st, 4, 0, 2, span(0, 1), M, USE_SHARED);
	assert_int_equal(lodging_stays(st, NULL, 0), 4);
	assert_int_equal(lodging_stays(st, out, 2), 4);
	assert_int_equal(out[0].attendee_id, 4);
	assert_int_equal(out[1].attendee_id, 5);
	assert_int_equal(lodging_stays(st, out, 8), 4);
	assert_int_equal(out[2].attendee_id, 6);
	assert_int_equal(out[3].attendee_id, 7);
	assert_int_equal(out[3].nights, span(0, 1));
	lodging_free(st);
}

static void room_stays_listed_one_room_at_a_time(void **state)
{
	struct lodging_state *st = hotel("T0 T0 K0");
	struct lodging_stay out[8];

	(void)state;
	add(st, 7, 1, 2, span(0, 1), F, USE_SHARED);
	add(st, 6, 1, 1, span(2, 2), F, USE_SHARED);
	add(st, 5, 1, 1, span(0, 1), F, USE_SHARED);
	add(st, 4, 0, 2, span(0, 1), M, USE_SHARED);
	assert_int_equal(lodging_room_stays(st, 2, out, 8), 0);
	assert_int_equal(lodging_room_stays(st, 0, out, 8), 1);
	assert_int_equal(out[0].attendee_id, 4);
	/* too small a buffer: the count only, nothing written past it */
	out[1].attendee_id = 99;
	assert_int_equal(lodging_room_stays(st, 1, out, 1), 3);
	assert_int_equal(out[1].attendee_id, 99);
	assert_int_equal(lodging_room_stays(st, 1, out, 8), 3);
	assert_int_equal(out[0].attendee_id, 5);
	assert_int_equal(out[1].attendee_id, 6);
	assert_int_equal(out[2].attendee_id, 7);
	lodging_free(st);
}

static void empty_hotel_is_valid(void **state)
{
	struct lodging_state *st = lodging_new(NULL, 0);
	struct lodging_result r;

	(void)state;
	assert_valid(st);
	r = put(st, sharer(1, F, span(0, 0)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	assert_int_equal(lodging_count_supplement_nights(st), 0);
	assert_int_equal(lodging_supplement_lower_bound(st), 0);
	assert_true(lodging_check(st, NULL));
	lodging_free(st);
	lodging_free(NULL);
}

/* ---- placing at a given bed (a merge replaying a desk's check-in) ---- */

/* ---- night masks ---- */

static void nights_mask(void **state)
{
	(void)state;
	assert_int_equal(lodging_nights_mask(100, 100, 103), 0x7);
	assert_int_equal(lodging_nights_mask(100, 101, 103), 0x6);
	assert_int_equal(lodging_nights_mask(100, 98, 102), 0x3); /* before first_night dropped */
	assert_int_equal(lodging_nights_mask(100, 103, 103), 0);
	assert_int_equal(lodging_nights_mask(100, 104, 103), 0);
	assert_int_equal(lodging_nights_mask(100, 90, 100), 0);
	assert_int_equal(lodging_nights_mask(100, 163, 170), 1ULL << 63); /* beyond 64 dropped */
	assert_int_equal(lodging_nights_mask(100, 164, 170), 0);
	assert_int_equal(lodging_nights_mask(100, 100, 164), ~0ULL);
	assert_int_equal(lodging_nights_mask(100, 50, 500), ~0ULL);
	assert_int_equal(lodging_nights_mask(-5, -5, -3), 0x3);
	assert_int_equal(lodging_nights_mask(LONG_MIN, LONG_MAX - 1, LONG_MAX), 0);
	assert_int_equal(lodging_nights_mask(LONG_MAX - 2, LONG_MIN, LONG_MAX), 0x3);
	assert_int_equal(lodging_nights_mask(0, LONG_MIN, 1), 0x1);
	assert_int_equal(lodging_count_nights(0), 0);
	assert_int_equal(lodging_count_nights(0x7), 3);
	assert_int_equal(lodging_count_nights(~0ULL), 64);
}

/* ---- property test: a night-by-night model of the rules ---- */

#define P_NIGHTS 8

struct rng {
	uint64_t s;
};

static uint64_t next_u64(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int below(struct rng *r, int n)
{
	return n <= 0 ? 0 : (int)(next_u64(r) % (uint64_t)n);
}

static bool chance(struct rng *r, int percent)
{
	return below(r, 100) < percent;
}

/* The stays before an allocation, as occupants per room, bed and night. */
struct model {
	const struct lodging_room *rooms;
	size_t n_rooms;
	struct lodging_stay *stays;
	size_t n;
	int (*occ)[2][P_NIGHTS]; /* stay index, or -1 */
};

static bool has(uint64_t nights, int n)
{
	return (nights >> n) & 1;
}

/* Loads the state, leaving out the HELD stays of `without` (an arrival consumes them). */
static void model_load(struct model *m, const struct lodging_state *st, long without)
{
	size_t n_all;
	struct lodging_stay *all = all_stays(st, &n_all);

	m->stays = calloc(n_all + 1, sizeof(*m->stays));
	m->n = 0;
	for (size_t i = 0; i < n_all; i++) {
		if (all[i].attendee_id != without || all[i].use != USE_HELD) {
			m->stays[m->n++] = all[i];
		}
	}
	free(all);
	m->occ = calloc(m->n_rooms + 1, sizeof(*m->occ));
	memset(m->occ, 0xff, (m->n_rooms + 1) * sizeof(*m->occ));
	for (size_t i = 0; i < m->n; i++) {
		for (int n = 0; n < P_NIGHTS; n++) {
			if (has(m->stays[i].nights, n)) {
				m->occ[m->stays[i].room][m->stays[i].bed - 1][n] = (int)i;
			}
		}
	}
}

static void model_release(struct model *m)
{
	free(m->stays);
	free(m->occ);
}

static const struct lodging_stay *occupant(const struct model *m, size_t room, int b, int n)
{
	int i = m->occ[room][b][n];

	return i < 0 ? NULL : &m->stays[i];
}

static bool model_empty(const struct model *m, size_t room, uint64_t nights)
{
	for (int n = 0; n < P_NIGHTS; n++) {
		if (has(nights, n) && (occupant(m, room, 0, n) || occupant(m, room, 1, n))) {
			return false;
		}
	}
	return true;
}

/* Whether a sharer or hold of gender g fits bed b (0 or 1) of the room on all nights. */
static bool model_bed_fits(const struct model *m, size_t room, int b, uint64_t nights,
                           enum gender g)
{
	if (m->rooms[room].kind != ROOMKIND_TWIN) {
		return false;
	}
	for (int n = 0; n < P_NIGHTS; n++) {
		const struct lodging_stay *o = occupant(m, room, 1 - b, n);

		if (!has(nights, n)) {
			continue;
		}
		if (occupant(m, room, b, n) || (o && (o->use == USE_WHOLE || o->gender != g))) {
			return false;
		}
	}
	return true;
}

static bool earlier(const struct model *m, size_t a, size_t b)
{
	if (m->rooms[a].hotel_rank != m->rooms[b].hotel_rank) {
		return m->rooms[a].hotel_rank < m->rooms[b].hotel_rank;
	}
	return a < b;
}

static void expect_whole(const struct model *m, const struct lodging_guest *g,
                         struct lodging_result *want)
{
	enum room_kind own = g->request == ROOM_KING ? ROOMKIND_KING : ROOMKIND_TWIN;
	size_t best = SIZE_MAX;

	for (size_t r = 0; r < m->n_rooms; r++) {
		bool better;

		if (!model_empty(m, r, g->nights)) {
			continue;
		}
		better = best == SIZE_MAX || m->rooms[r].hotel_rank < m->rooms[best].hotel_rank ||
		         (m->rooms[r].hotel_rank == m->rooms[best].hotel_rank &&
		          (m->rooms[r].kind == own) > (m->rooms[best].kind == own));
		if (better) {
			best = r;
		}
	}
	if (best != SIZE_MAX) {
		want->outcome = LODGING_PLACED;
		want->room = best;
		want->bed = 1;
		want->swapped = m->rooms[best].kind != own;
	}
}

/* Nights a sharer in bed b would share with a same-gender sharer; -1 when not joinable. */
static int model_join_overlap(const struct model *m, size_t room, int b,
                              const struct lodging_guest *g)
{
	int overlap = 0;

	if (!model_bed_fits(m, room, b, g->nights, g->gender)) {
		return -1;
	}
	for (int n = 0; n < P_NIGHTS; n++) {
		const struct lodging_stay *o = occupant(m, room, 1 - b, n);

		if (!has(g->nights, n)) {
			continue;
		}
		if (o && o->use == USE_HELD) {
			return -1;
		}
		overlap += o != NULL;
	}
	return overlap;
}

static bool expect_held_or_roommate(const struct model *m, const struct lodging_guest *g,
                                    const struct lodging_stay *held, size_t n_held,
                                    struct lodging_result *want)
{
	size_t best = SIZE_MAX;

	for (size_t i = 0; i < n_held; i++) {
		if (model_bed_fits(m, held[i].room, held[i].bed - 1, g->nights, g->gender) &&
		    (best == SIZE_MAX || earlier(m, held[i].room, held[best].room))) {
			best = i;
		}
	}
	if (best != SIZE_MAX) {
		*want = (struct lodging_result){.outcome = LODGING_PLACED,
		                                .room = held[best].room,
		                                .bed = held[best].bed,
		                                .joined_roommate = true};
		return true;
	}
	for (size_t i = 0; i < m->n && g->roommate_id >= 0; i++) {
		const struct lodging_stay *s = &m->stays[i];

		if (s->attendee_id != g->roommate_id || s->use != USE_SHARED) {
			continue;
		}
		for (int k = 0; k < 2; k++) {
			int b = k == 0 ? 2 - s->bed : s->bed - 1;

			if (model_bed_fits(m, s->room, b, g->nights, g->gender)) {
				*want = (struct lodging_result){.outcome = LODGING_PLACED,
				                                .room = s->room,
				                                .bed = b + 1,
				                                .joined_roommate = true};
				return true;
			}
		}
	}
	return false;
}

static bool model_has_stay(const struct model *m, long id)
{
	for (size_t i = 0; i < m->n; i++) {
		if (m->stays[i].attendee_id == id) {
			return true;
		}
	}
	return false;
}

static void expect_new_twin(const struct model *m, const struct lodging_guest *g,
                            struct lodging_result *want, int *hold_bed)
{
	size_t best = SIZE_MAX;

	for (size_t r = 0; r < m->n_rooms; r++) {
		if (m->rooms[r].kind == ROOMKIND_TWIN && model_empty(m, r, g->nights) &&
		    (best == SIZE_MAX || earlier(m, r, best))) {
			best = r;
		}
	}
	if (best == SIZE_MAX) {
		return;
	}
	*want = (struct lodging_result){.outcome = LODGING_PLACED, .room = best, .bed = 1};
	if (g->roommate_id >= 0 && g->roommate_id != g->attendee_id && g->roommate_nights != 0 &&
	    !model_has_stay(m, g->roommate_id)) {
		for (int b = 1; b >= 0 && *hold_bed == 0; b--) {
			if (model_bed_fits(m, best, b, g->roommate_nights, g->gender)) {
				*hold_bed = b + 1;
				want->bed = 2 - b;
				want->held_for_roommate = true;
			}
		}
	}
}

static void expect_sharer(const struct model *m, const struct lodging_guest *g,
                          const struct lodging_stay *held, size_t n_held,
                          struct lodging_result *want, int *hold_bed)
{
	int most = 0;

	if (expect_held_or_roommate(m, g, held, n_held, want)) {
		return;
	}
	/* a pending mutual roommate comes first: a new room with the bed held, if one fits */
	if (g->roommate_id >= 0 && g->roommate_id != g->attendee_id && g->roommate_nights != 0 &&
	    !model_has_stay(m, g->roommate_id)) {
		struct lodging_result tentative = *want;
		int hb = 0;
		expect_new_twin(m, g, &tentative, &hb);
		if (tentative.held_for_roommate) {
			*want = tentative;
			*hold_bed = hb;
			return;
		}
	}
	for (size_t r = 0; r < m->n_rooms; r++) {
		for (int b = 0; b < 2; b++) {
			int overlap = model_join_overlap(m, r, b, g);

			if (overlap > most ||
			    (overlap == most && overlap > 0 && earlier(m, r, want->room))) {
				most = overlap;
				*want = (struct lodging_result){
				    .outcome = LODGING_PLACED, .room = r, .bed = b + 1};
			}
		}
	}
	if (most == 0) {
		expect_new_twin(m, g, want, hold_bed);
	}
}

/* Alone nights and the main roommate of a placed sharer, from the stays after placing. */
static void expect_company(const struct model *after, const struct lodging_guest *g,
                           struct lodging_result *want)
{
	int most = 0;

	want->alone_nights = 0;
	for (int n = 0; n < P_NIGHTS; n++) {
		const struct lodging_stay *o = occupant(after, want->room, 2 - want->bed, n);

		if (has(g->nights, n) && (o == NULL || o->use != USE_SHARED)) {
			want->alone_nights |= 1ULL << n;
		}
	}
	for (size_t i = 0; i < after->n; i++) {
		const struct lodging_stay *o = &after->stays[i];
		int k = lodging_count_nights(o->nights & g->nights);

		if (o->room == want->room && o->bed != want->bed && o->use == USE_SHARED && k > 0 &&
		    (k > most || (k == most && o->attendee_id < want->shares_with))) {
			most = k;
			want->shares_with = o->attendee_id;
		}
	}
}

/* Collects the HELD stays kept for the guest. */
static size_t held_for(const struct lodging_state *st, long id, struct lodging_stay *out,
                       size_t max)
{
	size_t n_all;
	size_t n = 0;
	struct lodging_stay *all = all_stays(st, &n_all);

	for (size_t i = 0; i < n_all && n < max; i++) {
		if (all[i].attendee_id == id && all[i].use == USE_HELD) {
			out[n++] = all[i];
		}
	}
	free(all);
	return n;
}

static void expect(const struct lodging_state *st, const struct lodging_room *rooms, size_t n_rooms,
                   const struct lodging_guest *g, struct lodging_result *want, int *hold_bed)
{
	struct model m = {rooms, n_rooms, NULL, 0, NULL};
	struct lodging_stay held[4];
	size_t n_held = held_for(st, g->attendee_id, held, 4);
	bool is_whole = g->request == ROOM_KING || g->request == ROOM_TWIN_SINGLE;

	*want = (struct lodging_result){.outcome = LODGING_NO_ROOM, .shares_with = -1};
	*hold_bed = 0;
	if ((!is_whole && g->request != ROOM_BED) || g->nights == 0) {
		want->outcome = LODGING_NOT_REQUESTED;
		return;
	}
	if (!is_whole && g->gender != F && g->gender != M) {
		want->outcome = LODGING_GENDER_MISSING;
		return;
	}
	model_load(&m, st, g->attendee_id);
	if (is_whole) {
		expect_whole(&m, g, want);
	} else {
		expect_sharer(&m, g, held, n_held, want, hold_bed);
	}
	if (want->outcome == LODGING_PLACED) {
		want->overflow = rooms[want->room].hotel_rank > 0;
	}
	want->shares_with = -1;
	want->alone_nights = 0;
	model_release(&m);
}

static void assert_same_result(long id, const struct lodging_result *w,
                               const struct lodging_result *g)
{
	if (w->outcome != g->outcome || w->room != g->room || w->bed != g->bed ||
	    w->swapped != g->swapped || w->overflow != g->overflow ||
	    w->joined_roommate != g->joined_roommate || w->shares_with != g->shares_with ||
	    w->held_for_roommate != g->held_for_roommate || w->alone_nights != g->alone_nights) {
		fail_msg("guest %ld: want %d room %zu bed %d flags %d%d%d%d with %ld alone %#llx; "
		         "got %d room %zu bed %d flags %d%d%d%d with %ld alone %#llx",
		         id, w->outcome, w->room, w->bed, w->swapped, w->overflow,
		         w->joined_roommate, w->held_for_roommate, w->shares_with,
		         (unsigned long long)w->alone_nights, g->outcome, g->room, g->bed,
		         g->swapped, g->overflow, g->joined_roommate, g->held_for_roommate,
		         g->shares_with, (unsigned long long)g->alone_nights);
	}
}

/* Allocates one guest and checks the result against the model. */
static void allocate_checked(struct lodging_state *st, const struct lodging_room *rooms,
                             size_t n_rooms, const struct lodging_guest *g)
{
	struct lodging_result want;
	struct lodging_result got;
	struct lodging_stay s;
	int hold_bed;

	expect(st, rooms, n_rooms, g, &want, &hold_bed);
	got = put(st, *g);
	if (want.outcome == LODGING_PLACED && g->request == ROOM_BED) {
		struct model after = {rooms, n_rooms, NULL, 0, NULL};

		model_load(&after, st, -1);
		expect_company(&after, g, &want);
		model_release(&after);
	}
	assert_same_result(g->attendee_id, &want, &got);
	if (want.outcome == LODGING_PLACED && stay_of(st, g->attendee_id, USE_HELD, &s)) {
		fail_msg("guest %ld placed but still held for", g->attendee_id);
	}
	if (hold_bed != 0) {
		assert_true(stay_of(st, g->roommate_id, USE_HELD, &s));
		assert_int_equal(s.room, want.room);
		assert_int_equal(s.bed, hold_bed);
		assert_int_equal(s.nights, g->roommate_nights);
	}
}

struct event {
	struct lodging_room rooms[MAX_ROOMS];
	size_t n_rooms;
	struct lodging_guest guests[64];
	size_t n_guests;
	bool same_nights;
	bool mutual;
};

static uint64_t random_nights(struct rng *r, int n_nights)
{
	int a = below(r, n_nights);
	int b = a + below(r, n_nights - a);

	if (chance(r, 10)) {
		return next_u64(r) & span(0, n_nights - 1); /* not contiguous; may be empty */
	}
	return span(a, b);
}

static void make_rooms(struct rng *r, struct event *e)
{
	int hotels = 1 + below(r, 3);
	int twin_percent = 20 + below(r, 80);
	int per_hotel = chance(r, 30) ? 1 + below(r, 4) : 2 + below(r, 14);

	e->n_rooms = 0;
	for (int h = 0; h < hotels; h++) {
		int n = below(r, per_hotel + 1);

		for (int i = 0; i < n && e->n_rooms < MAX_ROOMS; i++) {
			e->rooms[e->n_rooms] = (struct lodging_room){
			    (long)e->n_rooms, h,
			    chance(r, twin_percent) ? ROOMKIND_TWIN : ROOMKIND_KING};
			e->n_rooms++;
		}
	}
}

static enum room_request random_request(struct rng *r, int bed_percent)
{
	int x = below(r, 100);

	if (x < bed_percent) {
		return ROOM_BED;
	}
	x = below(r, 10);
	return x < 1 ? ROOM_NONE : x < 6 ? ROOM_KING : ROOM_TWIN_SINGLE;
}

static void pair_roommates(struct rng *r, struct event *e)
{
	for (size_t i = 0; i < e->n_guests; i++) {
		struct lodging_guest *a = &e->guests[i];

		for (size_t k = i + 1; k < e->n_guests && a->request == ROOM_BED; k++) {
			struct lodging_guest *b = &e->guests[k];

			if (a->roommate_id < 0 && b->roommate_id < 0 && b->request == ROOM_BED &&
			    b->gender == a->gender && a->gender != GENDER_UNKNOWN &&
			    chance(r, 25)) {
				a->roommate_id = b->attendee_id;
				b->roommate_id = a->attendee_id;
				a->roommate_nights = b->nights;
				b->roommate_nights = a->nights;
			}
		}
	}
}

static void make_event(struct rng *r, struct event *e, bool same_nights, bool mutual_requests)
{
	int n_nights = 1 + below(r, P_NIGHTS);
	uint64_t all = chance(r, 50) ? span(0, n_nights - 1) : random_nights(r, n_nights) | 1;
	int bed_percent = below(r, 101);
	int unknown_percent = chance(r, 30) ? 10 : 0;

	make_rooms(r, e);
	e->n_guests = (size_t)below(r, 64);
	e->same_nights = same_nights;
	e->mutual = mutual_requests;
	for (size_t i = 0; i < e->n_guests; i++) {
		struct lodging_guest *g = &e->guests[i];

		g->attendee_id = (long)(1000 + i);
		g->request = random_request(r, bed_percent);
		g->gender = chance(r, unknown_percent) ? GENDER_UNKNOWN : chance(r, 50) ? F : M;
		g->nights =
		    same_nights && g->request == ROOM_BED ? all : random_nights(r, n_nights);
		g->roommate_id = -1;
		g->roommate_nights = 0;
	}
	if (mutual_requests) {
		pair_roommates(r, e);
	}
}

static void shuffle(struct rng *r, size_t *order, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
	}
	for (size_t i = n; i > 1; i--) {
		size_t k = (size_t)below(r, (int)i);
		size_t t = order[i - 1];

		order[i - 1] = order[k];
		order[k] = t;
	}
}

struct tally {
	long events;
	long guests;
	long varied_events;
	long excess_before; /* supplement nights above the bound, varied nights, before settle */
	long excess_after;
	long moves;
	long undone;
};

/* Asserts the bound is reached when every sharer has the same nights and nothing is held. */
static void check_bound(const struct lodging_state *st, const struct event *e)
{
	if (e->same_nights && count_use(st, USE_HELD) == 0) {
		assert_int_equal(lodging_count_supplement_nights(st),
		                 lodging_supplement_lower_bound(st));
	}
	assert_true(lodging_count_supplement_nights(st) >= lodging_supplement_lower_bound(st));
}

static void settle_checked(struct lodging_state *st, const struct event *e, struct tally *t)
{
	struct lodging_move moves[64];
	int excess = lodging_count_supplement_nights(st) - lodging_supplement_lower_bound(st);
	size_t n = lodging_settle(st, moves, 64);

	assert_valid(st);
	assert_int_equal(count_use(st, USE_HELD), 0);
	for (size_t i = 0; i < n && i < 64; i++) {
		assert_true(moves[i].from_room != moves[i].to_room);
		assert_int_equal(e->rooms[moves[i].to_room].kind, ROOMKIND_TWIN);
	}
	check_bound(st, e);
	assert_true(lodging_count_supplement_nights(st) - lodging_supplement_lower_bound(st) <=
	            excess);
	if (!e->same_nights) {
		t->varied_events++;
		t->excess_before += excess;
		t->excess_after +=
		    lodging_count_supplement_nights(st) - lodging_supplement_lower_bound(st);
	}
	t->moves += (long)n;
	assert_int_equal(lodging_settle(st, moves, 64), 0); /* nothing left to improve */
}

/* Undoes a random part of the check-ins, then checks them in again. */
static void undo_and_redo(struct rng *r, struct lodging_state *st, const struct event *e,
                          struct tally *t)
{
	size_t order[64];
	size_t undone[64];
	size_t n = 0;

	shuffle(r, order, e->n_guests);
	for (size_t i = 0; i < e->n_guests; i++) {
		if (chance(r, 30)) {
			lodging_remove(st, e->guests[order[i]].attendee_id);
			assert_valid(st);
			undone[n++] = order[i];
		}
	}
	for (size_t i = 0; i < n; i++) {
		allocate_checked(st, e->rooms, e->n_rooms, &e->guests[undone[i]]);
	}
	check_bound(st, e);
	t->undone += (long)n;
}

static bool same_stay(const struct lodging_stay *a, const struct lodging_stay *b)
{
	return a->attendee_id == b->attendee_id && a->room == b->room && a->bed == b->bed &&
	       a->nights == b->nights && a->gender == b->gender && a->use == b->use;
}

/* Room by room, lodging_room_stays gives lodging_stays' list, in its order. */
static void check_room_stays(const struct lodging_state *st, size_t n_rooms)
{
	size_t n = lodging_stays(st, NULL, 0), at = 0;
	struct lodging_stay *all = calloc(n ? n : 1, sizeof(*all));
	struct lodging_stay one[128]; /* an event has at most 64 guests, each with a hold */

	lodging_stays(st, all, n);
	for (size_t room = 0; room < n_rooms; room++) {
		size_t k = lodging_room_stays(st, room, one, 128);
		assert_true(k <= 128 && at + k <= n);
		for (size_t i = 0; i < k; i++) {
			assert_true(same_stay(&one[i], &all[at++]));
		}
	}
	assert_int_equal(at, n);
	free(all);
}

/* Places the same guests in "T0 T0 K0 K1" after reserving room for n_stays (0: none). */
static struct lodging_stay *placed_after_reserving(size_t n_stays, size_t *n)
{
	const struct lodging_guest g[] = {
	    mutual(1, F, span(0, 2), 2, span(0, 2)), sharer(3, F, span(0, 1)),
	    whole(4, ROOM_KING, span(0, 3)),         sharer(5, M, span(1, 2)),
	    mutual(2, F, span(0, 2), 1, span(0, 2)), whole(6, ROOM_KING, span(0, 3)),
	    whole(7, ROOM_TWIN_SINGLE, span(2, 3)),
	};
	struct lodging_state *st = hotel("T0 T0 K0 K1");

	if (n_stays > 0) {
		lodging_reserve(st, n_stays);
	}
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		put(st, g[i]);
	}
	struct lodging_stay *stays = all_stays(st, n);
	lodging_free(st);
	return stays;
}

static void reserving_room_changes_no_placement(void **state)
{
	size_t n, k;
	struct lodging_stay *want = placed_after_reserving(0, &n);

	(void)state;
	assert_true(n >= 6);
	/* fewer than needed (the room grows as before), then more than needed */
	for (size_t reserve = 1; reserve <= 100; reserve += 3 * reserve) {
		struct lodging_stay *got = placed_after_reserving(reserve, &k);
		assert_int_equal(k, n);
		for (size_t i = 0; i < n; i++) {
			assert_true(same_stay(&got[i], &want[i]));
		}
		free(got);
	}
	free(want);
}

static void run_event(uint64_t seed, struct tally *t)
{
	struct rng r = {seed};
	struct event e;
	size_t order[64];
	struct lodging_state *st;

	make_event(&r, &e, chance(&r, 50), chance(&r, 50));
	st = lodging_new(e.rooms, e.n_rooms);
	shuffle(&r, order, e.n_guests);
	for (size_t i = 0; i < e.n_guests; i++) {
		allocate_checked(st, e.rooms, e.n_rooms, &e.guests[order[i]]);
		check_bound(st, &e);
	}
	check_room_stays(st, e.n_rooms);
	if (chance(&r, 50)) {
		undo_and_redo(&r, st, &e, t);
	}
	settle_checked(st, &e, t);
	check_room_stays(st, e.n_rooms);
	undo_and_redo(&r, st, &e, t);
	t->events++;
	t->guests += (long)e.n_guests;
	lodging_free(st);
}

static void random_events_keep_every_rule(void **state)
{
	struct tally t = {0, 0, 0, 0, 0, 0, 0};

	(void)state;
	for (uint64_t seed = 1; seed <= 4000; seed++) {
		run_event(seed * 7919, &t);
	}
	printf(
	    "lodging property: %ld events, %ld guests, %ld undone and redone, %ld settle moves\n",
	    t.events, t.guests, t.undone, t.moves);
	printf("lodging property: varied nights, %ld events: supplement nights above the bound "
	       "%ld before settle, %ld after\n",
	       t.varied_events, t.excess_before, t.excess_after);
}

/* ---- `rooms plan` at bench size (scripts/gen-bench-roster), timed ---- */

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void bench_guest(struct rng *r, struct lodging_guest *g, long id)
{
	static const uint64_t stays[] = {0x1e, 0x0f, 0x07, 0x0e, 0x1c};
	int x = below(r, 100);
	int y = below(r, 100);

	g->attendee_id = id;
	g->request = x < 40 ? ROOM_BED : x < 67 ? ROOM_KING : x < 79 ? ROOM_TWIN_SINGLE : ROOM_NONE;
	g->gender = chance(r, 55) ? F : M;
	g->nights = y < 10 ? stays[y % 5] : 0x1f;
	g->roommate_id = -1;
	g->roommate_nights = 0;
}

/* Mutual requests for one sharer in a hundred, same gender and nights, as the generator. */
static void bench_pairs(struct lodging_guest *g, size_t n)
{
	long last[2] = {-1, -1};
	size_t pairs = 0;

	for (size_t i = 0; i < n && pairs < n / 250; i++) {
		int sx = g[i].gender == F ? 0 : 1;

		if (g[i].request != ROOM_BED || i % 50 != 0) {
			continue;
		}
		if (last[sx] < 0) {
			last[sx] = (long)i;
			continue;
		}
		g[i].roommate_id = g[last[sx]].attendee_id;
		g[i].nights = g[last[sx]].nights;
		g[i].roommate_nights = g[i].nights;
		g[last[sx]].roommate_id = g[i].attendee_id;
		g[last[sx]].roommate_nights = g[i].nights;
		last[sx] = -1;
		pairs++;
	}
}

static size_t bench_rooms(const struct lodging_guest *g, size_t n, struct lodging_room **out)
{
	size_t whole = 0;
	size_t bed[2] = {0, 0};
	size_t kings;
	size_t twins;

	for (size_t i = 0; i < n; i++) {
		whole += g[i].request == ROOM_KING || g[i].request == ROOM_TWIN_SINGLE;
		bed[g[i].gender == F ? 0 : 1] += g[i].request == ROOM_BED;
	}
	kings = whole + whole / 50 + 5;
	twins = (bed[0] + 1) / 2 + (bed[1] + 1) / 2;
	twins += twins / 50 + 5;
	*out = calloc(kings + twins, sizeof(**out));
	for (size_t i = 0; i < kings + twins; i++) {
		(*out)[i] =
		    (struct lodging_room){(long)i, 0, i < kings ? ROOMKIND_KING : ROOMKIND_TWIN};
	}
	return kings + twins;
}

static void plan_100k_guests_60k_rooms(void **state)
{
	const size_t n = 100000;
	struct rng r = {20260525};
	struct lodging_guest *g = calloc(n, sizeof(*g));
	struct lodging_room *rooms;
	size_t n_rooms;
	size_t placed = 0;
	size_t sharers = 0;
	struct lodging_state *st;
	struct timespec t0;
	double plan;
	size_t moves;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		bench_guest(&r, &g[i], (long)(i + 1));
		sharers += g[i].request == ROOM_BED;
	}
	bench_pairs(g, n);
	n_rooms = bench_rooms(g, n, &rooms);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = lodging_new(rooms, n_rooms);
	for (size_t i = 0; i < n; i++) {
		struct lodging_result res;

		lodging_allocate(st, &g[i], &res);
		placed += res.outcome == LODGING_PLACED;
	}
	plan = seconds_since(&t0);
	printf("lodging plan: %zu guests (%zu sharers) over %zu rooms: %zu placed in %.3f s; "
	       "supplement nights %d, bound %d\n",
	       n, sharers, n_rooms, placed, plan, lodging_count_supplement_nights(st),
	       lodging_supplement_lower_bound(st));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	moves = lodging_settle(st, NULL, 0);
	plan = seconds_since(&t0);
	printf("lodging plan: settle made %zu moves in %.3f s; supplement nights %d, bound %d\n",
	       moves, plan, lodging_count_supplement_nights(st),
	       lodging_supplement_lower_bound(st));
	assert_valid(st);
	lodging_free(st);
	free(rooms);
	free(g);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(king_guest_gets_king),
    cmocka_unit_test(twin_single_guest_gets_twin),
    cmocka_unit_test(king_guest_swapped_to_twin_when_no_king),
    cmocka_unit_test(twin_single_guest_swapped_to_king),
    cmocka_unit_test(whole_room_guest_overflows_to_second_hotel),
    cmocka_unit_test(whole_room_guest_needs_room_free_all_nights),
    cmocka_unit_test(sharer_never_beside_whole_room_guest),
    cmocka_unit_test(whole_room_guest_consumes_own_hold),
    cmocka_unit_test(sharer_without_gender_refused),
    cmocka_unit_test(no_room_requested_is_not_requested),
    cmocka_unit_test(sharer_opens_room_empty_on_their_nights),
    cmocka_unit_test(no_room_left),
    cmocka_unit_test(no_room_keeps_the_hold),
    cmocka_unit_test(second_sharer_joins_first),
    cmocka_unit_test(sharers_never_mixed_genders),
    cmocka_unit_test(sharer_never_in_king_room),
    cmocka_unit_test(sharer_joins_roommate_with_most_overlap),
    cmocka_unit_test(sharer_join_ties_go_to_lower_rank_then_index),
    cmocka_unit_test(sharer_needs_bed_free_all_nights),
    cmocka_unit_test(shortage_sharer_goes_to_overflow_twin),
    cmocka_unit_test(alone_nights_when_nights_differ),
    cmocka_unit_test(shares_with_most_nights),
    cmocka_unit_test(mutual_request_holds_bed),
    cmocka_unit_test(held_bed_taken_by_roommate),
    cmocka_unit_test(held_bed_not_joined_by_others),
    cmocka_unit_test(sharer_not_joined_where_a_hold_falls_on_their_nights),
    cmocka_unit_test(hold_goes_to_the_bed_that_fits),
    cmocka_unit_test(no_hold_when_roommate_already_placed),
    cmocka_unit_test(roommate_preferred_over_other_lone_sharer),
    cmocka_unit_test(mutual_request_holds_before_joining_lone_sharer),
    cmocka_unit_test(mutual_request_joins_lone_sharer_when_nothing_can_be_held),
    cmocka_unit_test(swap_is_only_for_whole_room_guests_in_the_other_type),
    cmocka_unit_test(stay_span_is_first_night_to_morning_after_last),
    cmocka_unit_test(settle_releases_holds),
    cmocka_unit_test(settle_repairs_two_solos),
    cmocka_unit_test(settle_prefers_biggest_reduction),
    cmocka_unit_test(settle_moves_only_when_it_helps),
    cmocka_unit_test(settle_man_leaving_unblocks_woman),
    cmocka_unit_test(settle_counts_moves_beyond_max),
    cmocka_unit_test(odd_sharer_pays_supplement),
    cmocka_unit_test(lower_bound_is_parity_per_night_and_gender),
    cmocka_unit_test(charge_whole_room),
    cmocka_unit_test(charge_bed_with_alone_nights),
    cmocka_unit_test(remove_frees_bed_for_next),
    cmocka_unit_test(remove_drops_orphan_hold),
    cmocka_unit_test(remove_takes_hold_for_them),
    cmocka_unit_test(remove_keeps_hold_beside_someone_else),
    cmocka_unit_test(add_stay_rejects_conflicts),
    cmocka_unit_test(stays_listed_in_room_order),
    cmocka_unit_test(room_stays_listed_one_room_at_a_time),
    cmocka_unit_test(reserving_room_changes_no_placement),
    cmocka_unit_test(empty_hotel_is_valid),
    cmocka_unit_test(nights_mask),
    cmocka_unit_test(random_events_keep_every_rule),
    cmocka_unit_test(plan_100k_guests_60k_rooms),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
