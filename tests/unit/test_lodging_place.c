/*
 * Tests for lodging_place_at and lodging_occupant (lodging.h): a merge puts a
 * replayed check-in back into the very bed its desk gave, or learns who has it.
 * Layouts and helpers as in test_lodging.c (lodging_fixture.h).
 */
#include "lodging_fixture.h"

/* lodging_place_at, with the invariants checked after it whatever it answered. */
static bool put_at(struct lodging_state *st, struct lodging_guest g, size_t room, int bed,
                   struct lodging_result *r)
{
	bool placed;

	memset(r, 0x5a, sizeof(*r));
	placed = lodging_place_at(st, &g, room, bed, r);
	assert_valid(st);
	return placed;
}

/* Field by field: the padding of a copied struct is not part of it. */
static void assert_same_stays(const struct lodging_stay *a, size_t na, const struct lodging_stay *b,
                              size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].attendee_id, b[i].attendee_id);
		assert_int_equal(a[i].room, b[i].room);
		assert_int_equal(a[i].bed, b[i].bed);
		assert_int_equal(a[i].nights, b[i].nights);
		assert_int_equal(a[i].gender, b[i].gender);
		assert_int_equal(a[i].use, b[i].use);
	}
}

/* A refused placement leaves every stay as it was: holds it dropped or took are put back. */
static void assert_refused(struct lodging_state *st, struct lodging_guest g, size_t room, int bed)
{
	size_t n_before, n_after;
	struct lodging_stay *before = all_stays(st, &n_before);
	struct lodging_stay *after;
	struct lodging_result r;

	if (put_at(st, g, room, bed, &r)) {
		fail_msg("attendee %ld placed in room %zu bed %d", g.attendee_id, room, bed);
	}
	after = all_stays(st, &n_after);
	assert_same_stays(before, n_before, after, n_after);
	free(before);
	free(after);
}

static void place_at_puts_sharer_in_named_bed(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T1");
	struct lodging_result r;
	struct lodging_stay s;

	(void)state;
	assert_true(put_at(st, sharer(1, F, span(0, 2)), 1, 2, &r));
	assert_placed(&r, 1, 2);
	assert_false(r.overflow);
	assert_false(r.swapped);
	assert_false(r.joined_roommate);
	assert_false(r.held_for_roommate);
	assert_int_equal(r.shares_with, -1);
	assert_int_equal(r.alone_nights, span(0, 2));
	assert_true(stay_of(st, 1, USE_SHARED, &s));
	assert_int_equal(s.room, 1);
	assert_int_equal(s.bed, 2);
	assert_int_equal(s.nights, span(0, 2));
	assert_int_equal(s.gender, F);
	/* the other bed, by a woman sharing some of those nights */
	assert_true(put_at(st, sharer(2, F, span(1, 3)), 1, 1, &r));
	assert_placed(&r, 1, 1);
	assert_int_equal(r.shares_with, 1);
	assert_int_equal(r.alone_nights, span(3, 3));
	assert_int_equal(lodging_alone_nights(st, 1), span(0, 0));
	/* the bed the desk gave, though lodging_allocate would have opened room 0 */
	assert_true(put_at(st, sharer(3, M, span(0, 0)), 2, 1, &r));
	assert_placed(&r, 2, 1);
	assert_true(r.overflow);
	assert_int_equal(lodging_stays(st, NULL, 0), 3);
	lodging_free(st);
}

static void place_at_refused_when_bed_taken_on_a_night(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	add(st, 10, 0, 1, span(2, 3), F, USE_SHARED);
	assert_refused(st, sharer(1, F, span(0, 2)), 0, 1);
	assert_refused(st, sharer(1, F, span(3, 5)), 0, 1);
	/* the same bed on the other nights is free */
	assert_true(put_at(st, sharer(1, F, span(0, 1)), 0, 1, &r));
	assert_placed(&r, 0, 1);
	assert_true(put_at(st, sharer(2, F, span(4, 5)), 0, 1, &r));
	assert_int_equal(lodging_stays(st, NULL, 0), 3);
	lodging_free(st);
}

static void place_at_refuses_sharer_in_king_room(void **state)
{
	struct lodging_state *st = hotel("K0 T0");

	(void)state;
	add(st, 10, 1, 1, span(0, 1), M, USE_SHARED);
	assert_refused(st, sharer(1, M, span(0, 1)), 0, 1);
	assert_refused(st, sharer(1, M, span(0, 1)), 0, 2);
	lodging_free(st);
}

static void place_at_refuses_other_gender_beside(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	add(st, 10, 0, 1, span(0, 2), M, USE_SHARED);
	assert_refused(st, sharer(1, F, span(2, 4)), 0, 2);
	/* on nights the man is not there the bed is hers */
	assert_true(put_at(st, sharer(1, F, span(3, 4)), 0, 2, &r));
	assert_placed(&r, 0, 2);
	lodging_free(st);
}

static void place_at_refuses_sharer_without_gender(void **state)
{
	struct lodging_state *st = hotel("T0");

	(void)state;
	add(st, 10, 0, 1, span(0, 2), F, USE_SHARED);
	assert_refused(st, sharer(1, GENDER_UNKNOWN, span(0, 2)), 0, 2);
	assert_refused(st, sharer(1, GENDER_UNKNOWN, span(3, 3)), 0, 1);
	lodging_free(st);
}

static void place_at_refuses_room_or_bed_that_does_not_exist(void **state)
{
	struct lodging_state *st = hotel("T0 K0");

	(void)state;
	add(st, 10, 0, 1, span(0, 1), F, USE_SHARED);
	assert_refused(st, sharer(1, F, span(0, 1)), 2, 2);
	assert_refused(st, sharer(1, F, span(0, 1)), (size_t)-1, 1);
	assert_refused(st, whole(2, ROOM_KING, span(0, 1)), 2, 1);
	assert_refused(st, sharer(1, F, span(0, 1)), 0, 0);
	assert_refused(st, sharer(1, F, span(0, 1)), 0, 3);
	/* nothing to book: no room asked for, or no nights */
	assert_refused(st, whole(3, ROOM_NONE, span(0, 1)), 1, 1);
	assert_refused(st, whole(3, ROOM_KING, 0), 1, 1);
	lodging_free(st);
}

static void place_at_whole_room_guest_in_either_type(void **state)
{
	struct lodging_state *st = hotel("K0 T0 K1 T1");
	struct lodging_result r;
	struct lodging_stay s;

	(void)state;
	assert_true(put_at(st, whole(1, ROOM_KING, span(0, 2)), 0, 1, &r));
	assert_placed(&r, 0, 1);
	assert_false(r.swapped);
	assert_false(r.overflow);
	assert_int_equal(r.shares_with, -1);
	assert_int_equal(r.alone_nights, 0);
	assert_true(put_at(st, whole(2, ROOM_KING, span(0, 2)), 1, 1, &r));
	assert_placed(&r, 1, 1);
	assert_true(r.swapped);
	assert_true(stay_of(st, 2, USE_WHOLE, &s));
	assert_int_equal(s.room, 1);
	assert_int_equal(s.bed, 1);
	assert_int_equal(s.nights, span(0, 2));
	assert_true(put_at(st, whole(3, ROOM_TWIN_SINGLE, span(0, 2)), 2, 1, &r));
	assert_placed(&r, 2, 1);
	assert_true(r.swapped);
	assert_true(r.overflow);
	assert_true(put_at(st, whole(4, ROOM_TWIN_SINGLE, span(0, 2)), 3, 1, &r));
	assert_placed(&r, 3, 1);
	assert_false(r.swapped);
	assert_true(r.overflow);
	assert_int_equal(count_use(st, USE_WHOLE), 4);
	lodging_free(st);
}

static void place_at_whole_room_refused_when_anyone_sleeps_there(void **state)
{
	struct lodging_state *st = hotel("T0 K0");
	struct lodging_result r;

	(void)state;
	add(st, 10, 0, 2, span(2, 2), F, USE_SHARED);
	add(st, 11, 1, 1, span(0, 0), M, USE_WHOLE);
	assert_refused(st, whole(1, ROOM_TWIN_SINGLE, span(0, 2)), 0, 1);
	assert_refused(st, whole(1, ROOM_KING, span(0, 1)), 1, 1);
	/* on the nights the room is empty it is theirs */
	assert_true(put_at(st, whole(1, ROOM_TWIN_SINGLE, span(0, 1)), 0, 1, &r));
	assert_placed(&r, 0, 1);
	assert_true(put_at(st, whole(2, ROOM_KING, span(1, 3)), 1, 1, &r));
	assert_placed(&r, 1, 1);
	/* and then nobody joins them */
	assert_refused(st, sharer(3, F, span(1, 1)), 0, 2);
	lodging_free(st);
}

static void place_at_takes_held_bed_nobody_sleeps_in(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;
	struct lodging_stay s;

	(void)state;
	r = put(st, mutual(1, F, span(0, 2), 2, span(0, 2)));
	assert_placed(&r, 0, 1);
	assert_true(stay_of(st, 2, USE_HELD, &s));
	assert_int_equal(s.bed, 2);
	/* another desk gave that bed to 3 before 2 came: the hold gives way */
	assert_true(put_at(st, sharer(3, F, span(1, 2)), 0, 2, &r));
	assert_placed(&r, 0, 2);
	assert_false(r.joined_roommate);
	assert_int_equal(r.shares_with, 1);
	assert_int_equal(r.alone_nights, 0);
	assert_int_equal(count_use(st, USE_HELD), 0);
	/* 2 is placed afresh on arrival */
	r = put(st, mutual(2, F, span(0, 2), 1, span(0, 2)));
	assert_placed(&r, 1, 1);
	/* a hold for a man nobody sleeps beside gives way to a woman in the other bed */
	lodging_remove(st, 2);
	add(st, 20, 1, 2, span(2, 3), M, USE_HELD);
	assert_true(put_at(st, sharer(4, F, span(3, 4)), 1, 1, &r));
	assert_placed(&r, 1, 1);
	assert_int_equal(count_use(st, USE_HELD), 0);
	lodging_free(st);
}

static void place_at_whole_room_guest_takes_room_of_a_hold(void **state)
{
	struct lodging_state *st = hotel("T0");
	struct lodging_result r;

	(void)state;
	add(st, 2, 0, 2, span(0, 1), M, USE_HELD);
	assert_true(put_at(st, whole(1, ROOM_TWIN_SINGLE, span(1, 2)), 0, 1, &r));
	assert_placed(&r, 0, 1);
	assert_int_equal(count_use(st, USE_HELD), 0);
	assert_int_equal(lodging_stays(st, NULL, 0), 1);
	lodging_free(st);
}

static void place_at_sleeper_does_not_give_way(void **state)
{
	struct lodging_state *st = hotel("T0");

	(void)state;
	put(st, mutual(1, F, span(0, 2), 2, span(0, 2)));
	assert_int_equal(count_use(st, USE_HELD), 1);
	/* 1 sleeps in bed 1: nobody else gets it */
	assert_refused(st, sharer(3, F, span(0, 0)), 0, 1);
	/* a man in the held bed would be beside her: refused, and the hold stays */
	assert_refused(st, sharer(4, M, span(0, 2)), 0, 2);
	/* nor does she give way to a whole-room guest */
	assert_refused(st, whole(5, ROOM_TWIN_SINGLE, span(2, 3)), 0, 1);
	assert_int_equal(count_use(st, USE_HELD), 1);
	lodging_free(st);
}

static void place_at_held_bed_joins_roommate(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, M, span(0, 2), 2, span(0, 3)));
	assert_true(put_at(st, mutual(2, M, span(0, 3), 1, span(0, 2)), 0, 2, &r));
	assert_placed(&r, 0, 2);
	assert_true(r.joined_roommate);
	assert_false(r.held_for_roommate);
	assert_int_equal(r.shares_with, 1);
	assert_int_equal(r.alone_nights, span(3, 3));
	assert_int_equal(count_use(st, USE_HELD), 0);
	assert_int_equal(lodging_alone_nights(st, 1), 0);
	lodging_free(st);
}

static void place_at_elsewhere_consumes_own_hold(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_result r;

	(void)state;
	put(st, mutual(1, M, span(0, 2), 2, span(0, 2)));
	add(st, 10, 2, 1, span(0, 2), F, USE_SHARED);
	/* refused: their hold is kept */
	assert_refused(st, mutual(2, M, span(0, 2), 1, span(0, 2)), 2, 2);
	assert_int_equal(count_use(st, USE_HELD), 1);
	/* a desk gave 2 a bed in another room: the hold for 2 goes, 1 is alone */
	assert_true(put_at(st, mutual(2, M, span(0, 2), 1, span(0, 2)), 1, 1, &r));
	assert_placed(&r, 1, 1);
	assert_false(r.joined_roommate);
	assert_false(r.held_for_roommate);
	assert_int_equal(count_use(st, USE_HELD), 0);
	assert_int_equal(lodging_alone_nights(st, 1), span(0, 2));
	lodging_free(st);
}

static void place_at_first_of_pair_holds_other_bed(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;
	struct lodging_stay held;

	(void)state;
	assert_true(put_at(st, mutual(1, M, span(0, 2), 2, span(1, 3)), 1, 2, &r));
	assert_placed(&r, 1, 2);
	assert_true(r.held_for_roommate);
	assert_false(r.joined_roommate);
	assert_int_equal(r.alone_nights, span(0, 2)); /* a held bed is nobody */
	assert_true(stay_of(st, 2, USE_HELD, &held));
	assert_int_equal(held.room, 1);
	assert_int_equal(held.bed, 1);
	assert_int_equal(held.nights, span(1, 3));
	assert_int_equal(held.gender, M);
	/* the roommate then takes it */
	r = put(st, mutual(2, M, span(1, 3), 1, span(0, 2)));
	assert_placed(&r, 1, 1);
	assert_true(r.joined_roommate);
	assert_int_equal(count_use(st, USE_HELD), 0);
	lodging_free(st);
}

static void place_at_holds_only_a_free_bed(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_result r;

	(void)state;
	/* the other bed is taken on one of the roommate's nights */
	add(st, 10, 0, 1, span(3, 3), M, USE_SHARED);
	assert_true(put_at(st, mutual(1, M, span(0, 2), 2, span(1, 3)), 0, 2, &r));
	assert_placed(&r, 0, 2);
	assert_false(r.held_for_roommate);
	assert_int_equal(count_use(st, USE_HELD), 0);
	/* the roommate already has a bed: nothing to hold */
	put(st, sharer(4, F, span(0, 1)));
	assert_true(put_at(st, mutual(3, F, span(0, 1), 4, span(0, 1)), 2, 1, &r));
	assert_false(r.held_for_roommate);
	/* a roommate with no nights needs no bed */
	assert_true(put_at(st, mutual(5, F, span(0, 1), 6, 0), 2, 2, &r));
	assert_false(r.held_for_roommate);
	assert_int_equal(count_use(st, USE_HELD), 0);
	lodging_free(st);
}

static void occupant_is_who_sleeps_in_the_bed(void **state)
{
	struct lodging_state *st = hotel("T0 T0 K0");

	(void)state;
	add(st, 10, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 11, 0, 2, span(1, 2), F, USE_SHARED);
	add(st, 12, 2, 1, span(0, 2), M, USE_WHOLE);
	/* the sleeper in that bed, before anyone else in the room */
	assert_int_equal(lodging_occupant(st, 0, 1, span(1, 1)), 10);
	assert_int_equal(lodging_occupant(st, 0, 2, span(1, 1)), 11);
	assert_int_equal(lodging_occupant(st, 0, 2, span(0, 3)), 11);
	assert_int_equal(lodging_occupant(st, 2, 1, span(2, 4)), 12);
	/* nobody in that bed then: whoever sleeps in the room */
	assert_int_equal(lodging_occupant(st, 0, 1, span(2, 3)), 11);
	assert_int_equal(lodging_occupant(st, 0, 2, span(0, 0)), 10);
	/* nobody in the room on those nights, in an empty room, or in a room that does not exist */
	assert_int_equal(lodging_occupant(st, 0, 1, span(3, 5)), -1);
	assert_int_equal(lodging_occupant(st, 1, 1, span(0, 5)), -1);
	assert_int_equal(lodging_occupant(st, 3, 1, span(0, 5)), -1);
	lodging_free(st);
}

static void occupant_ignores_holds(void **state)
{
	struct lodging_state *st = hotel("T0");

	(void)state;
	add(st, 20, 0, 1, span(0, 3), M, USE_HELD);
	assert_int_equal(lodging_occupant(st, 0, 1, span(0, 3)), -1);
	assert_int_equal(lodging_occupant(st, 0, 2, span(0, 3)), -1);
	add(st, 12, 0, 2, span(3, 3), M, USE_SHARED);
	assert_int_equal(lodging_occupant(st, 0, 1, span(0, 3)), 12);
	assert_int_equal(lodging_occupant(st, 0, 1, span(0, 2)), -1);
	lodging_free(st);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(place_at_puts_sharer_in_named_bed),
    cmocka_unit_test(place_at_refused_when_bed_taken_on_a_night),
    cmocka_unit_test(place_at_refuses_sharer_in_king_room),
    cmocka_unit_test(place_at_refuses_other_gender_beside),
    cmocka_unit_test(place_at_refuses_sharer_without_gender),
    cmocka_unit_test(place_at_refuses_room_or_bed_that_does_not_exist),
    cmocka_unit_test(place_at_whole_room_guest_in_either_type),
    cmocka_unit_test(place_at_whole_room_refused_when_anyone_sleeps_there),
    cmocka_unit_test(place_at_takes_held_bed_nobody_sleeps_in),
    cmocka_unit_test(place_at_whole_room_guest_takes_room_of_a_hold),
    cmocka_unit_test(place_at_sleeper_does_not_give_way),
    cmocka_unit_test(place_at_held_bed_joins_roommate),
    cmocka_unit_test(place_at_elsewhere_consumes_own_hold),
    cmocka_unit_test(place_at_first_of_pair_holds_other_bed),
    cmocka_unit_test(place_at_holds_only_a_free_bed),
    cmocka_unit_test(occupant_is_who_sleeps_in_the_bed),
    cmocka_unit_test(occupant_ignores_holds),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
