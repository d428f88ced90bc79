/*
 * Tests for room_share (the share-out of rooms among desks and what a desk may
 * do in rooms it does not own) and for the allocator obeying it (lodging.c,
 * enum lodging_access): balance by type and floor, natural order, the
 * borrowing rule's thresholds, and desks that never meet giving no bed twice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/room_share.h"
#include "lodging_fixture.h"

/* ---- natural order ---- */

static void room_numbers_sort_by_value(void **state)
{
	(void)state;
	assert_true(room_share_natural_cmp("9", "10") < 0);
	assert_true(room_share_natural_cmp("B2", "B10") < 0);
	assert_true(room_share_natural_cmp("B10", "C1") < 0);
	assert_true(room_share_natural_cmp("1208", "1301") < 0);
	assert_true(room_share_natural_cmp("09", "9") == 0);
	assert_true(room_share_natural_cmp("12A", "12") > 0);
	assert_true(room_share_natural_cmp(NULL, "1") < 0);
	assert_true(room_share_natural_cmp(NULL, NULL) == 0);
}

/* ---- the share-out ---- */

#define MAX_DEAL 400

struct layout {
	struct share_room rooms[MAX_DEAL];
	char floor[MAX_DEAL][16];
	char number[MAX_DEAL][32];
	size_t n;
};

/* Random hotels, types and floors, listed in a shuffled order. */
static void random_layout(struct layout *l, unsigned *seed)
{
	l->n = 20 + (size_t)(rand_r(seed) % 300);
	for (size_t i = 0; i < l->n; i++) {
		int floor = 1 + rand_r(seed) % 12;
		snprintf(l->floor[i], sizeof(l->floor[i]), "%d", floor);
		snprintf(l->number[i], sizeof(l->number[i]), "%d%02d", floor, (int)i);
		l->rooms[i] = (struct share_room){rand_r(seed) % 3,
		                                  rand_r(seed) % 3 ? ROOMKIND_TWIN : ROOMKIND_KING,
		                                  l->floor[i], l->number[i]};
	}
}

/* The spread of counts over desks of the rooms matching (rank, kind, floor; -1/NULL: any). */
static int spread(const struct layout *l, const int *desk_of, size_t n_desks, int rank, int kind,
                  const char *floor)
{
	int count[MAX_DEAL] = {0};
	int lo = MAX_DEAL, hi = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct share_room *r = &l->rooms[i];
		if ((rank < 0 || r->hotel_rank == rank) && (kind < 0 || (int)r->kind == kind) &&
		    (floor == NULL || strcmp(r->floor, floor) == 0)) {
			count[desk_of[i]]++;
		}
	}
	for (size_t d = 0; d < n_desks; d++) {
		lo = count[d] < lo ? count[d] : lo;
		hi = count[d] > hi ? count[d] : hi;
	}
	return hi - lo;
}

static void every_desk_gets_each_type_and_floor_within_one(void **state)
{
	unsigned seed = 15;
	static struct layout l;
	int desk_of[MAX_DEAL];

	(void)state;
	for (int round = 0; round < 100; round++) {
		size_t n_desks = 1 + (size_t)(rand_r(&seed) % 5);
		random_layout(&l, &seed);
		room_share_deal(l.rooms, l.n, n_desks, desk_of);
		assert_true(spread(&l, desk_of, n_desks, -1, -1, NULL) <= 1);
		for (int rank = 0; rank < 3; rank++) {
			for (int kind = 0; kind < 2; kind++) {
				assert_true(spread(&l, desk_of, n_desks, rank, kind, NULL) <= 1);
				for (size_t i = 0; i < l.n; i++) {
					assert_true(spread(&l, desk_of, n_desks, rank, kind,
					                   l.floor[i]) <= 1);
				}
			}
		}
		for (size_t i = 0; i < l.n; i++) {
			assert_in_range(desk_of[i], 0, (int)n_desks - 1);
		}
	}
}

static void the_deal_follows_type_floor_and_number_not_the_file_order(void **state)
{
	/* a hotel listed 10, 9, 2 on floor 1 and twins before kings in the file */
	struct share_room rooms[] = {
	    {0, ROOMKIND_TWIN, "1", "110"}, {0, ROOMKIND_TWIN, "1", "109"},
	    {0, ROOMKIND_TWIN, "1", "102"}, {0, ROOMKIND_KING, "2", "201"},
	    {0, ROOMKIND_KING, "1", "101"}, {1, ROOMKIND_TWIN, NULL, "A1"},
	};
	int desk_of[6];

	(void)state;
	room_share_deal(rooms, 6, 2, desk_of);
	/* kings first: 101 (desk 0), 201 (1); twins: 102 (0), 109 (1), 110 (0); next hotel: 1 */
	assert_int_equal(desk_of[4], 0);
	assert_int_equal(desk_of[3], 1);
	assert_int_equal(desk_of[2], 0);
	assert_int_equal(desk_of[1], 1);
	assert_int_equal(desk_of[0], 0);
	assert_int_equal(desk_of[5], 1);
}

/* ---- the borrowing rule ---- */

static void borrowing_needs_a_fresh_owner_a_reserve_and_at_most_half(void **state)
{
	struct share_seen s = {20, 0, 60};

	(void)state;
	assert_true(room_share_may_borrow(&s));
	s.age = -1; /* never heard of */
	assert_false(room_share_may_borrow(&s));
	s.age = ROOM_SHARE_FRESH_SECONDS;
	assert_true(room_share_may_borrow(&s));
	s.age = ROOM_SHARE_FRESH_SECONDS + 1;
	assert_false(room_share_may_borrow(&s));
	s.age = 0;
	s.unopened = ROOM_SHARE_RESERVE + 1; /* one to take, the reserve left */
	assert_true(room_share_may_borrow(&s));
	s.unopened = ROOM_SHARE_RESERVE; /* nearly used up */
	assert_false(room_share_may_borrow(&s));
	s.unopened = 0;
	assert_false(room_share_may_borrow(&s));
	/* half: with 10 unopened and 10 taken already, no more; with 11 and 9, one more */
	s = (struct share_seen){10, 10, 0};
	assert_false(room_share_may_borrow(&s));
	s = (struct share_seen){11, 9, 0};
	assert_true(room_share_may_borrow(&s));
}

/* Rooms of one hotel and kind; share[i] owner position, with nothing in them. */
static void views(struct share_view *v, size_t n, const int *share)
{
	for (size_t i = 0; i < n; i++) {
		v[i] = (struct share_view){share[i], 0, ROOMKIND_TWIN, false, false, true};
	}
}

static void a_desk_opens_its_share_and_borrows_only_the_far_end(void **state)
{
	enum { N = 20 };
	int share[N];
	struct share_view v[N];
	enum lodging_access acc[N];
	long age[3] = {0, 30, 30};

	(void)state;
	for (int i = 0; i < N; i++) {
		share[i] = 1 + i % 2; /* desk 1 and desk 2 alternate */
	}
	views(v, N, share);
	room_share_access(v, N, 1, age, 2, acc);
	for (int i = 0; i < N; i++) {
		enum lodging_access want = share[i] == 1 ? LODGING_ACCESS_FREE
		                           : i == N - 1  ? LODGING_ACCESS_BORROW
		                                         : LODGING_ACCESS_CLOSED;
		assert_int_equal(acc[i], want);
	}
	/* desk 2 not heard from for too long: nothing is lent */
	age[2] = ROOM_SHARE_FRESH_SECONDS + 60;
	room_share_access(v, N, 1, age, 2, acc);
	assert_int_equal(acc[N - 1], LODGING_ACCESS_CLOSED);
	/* a desk that is not one of the named ones owns nothing */
	room_share_access(v, N, 0, age, 2, acc);
	assert_int_equal(acc[0], LODGING_ACCESS_CLOSED);
	assert_int_equal(acc[1], LODGING_ACCESS_CLOSED);
}

static void rooms_with_another_desks_guest_are_closed_and_borrowed_ones_stay_ours(void **state)
{
	int share[4] = {1, 2, 2, 0};
	struct share_view v[4];
	enum lodging_access acc[4];
	long age[3] = {0, 0, 0};

	(void)state;
	views(v, 4, share);
	v[0].theirs = true, v[0].empty = false; /* a settle moved desk 2's guest into our room */
	v[1].ours = true, v[1].empty = false;   /* we borrowed it earlier */
	room_share_access(v, 4, 1, age, 2, acc);
	assert_int_equal(acc[0], LODGING_ACCESS_CLOSED);
	assert_int_equal(acc[1], LODGING_ACCESS_FREE);
	assert_int_equal(acc[2], LODGING_ACCESS_CLOSED); /* too few unopened to lend */
	assert_int_equal(acc[3], LODGING_ACCESS_FREE);   /* no share: every desk */
}

/* ---- the allocator obeying it ---- */

static void closed_rooms_are_neither_opened_nor_joined(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T0");
	struct lodging_result r;

	(void)state;
	add(st, 1, 0, 1, span(0, 1), F, USE_SHARED); /* another desk's lone sharer */
	lodging_set_access(st, 0, LODGING_ACCESS_CLOSED);
	lodging_set_access(st, 1, LODGING_ACCESS_CLOSED);
	r = put(st, sharer(2, F, span(0, 1)));
	assert_placed(&r, 2, 1);
	r = put(st, sharer(3, F, span(0, 1)));
	assert_placed(&r, 2, 2);
	r = put(st, sharer(4, F, span(0, 1)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	assert_true(r.elsewhere); /* room 1 is empty, but another desk's */
	lodging_set_access(st, 1, LODGING_ACCESS_FREE);
	r = put(st, sharer(4, F, span(0, 1)));
	assert_placed(&r, 1, 1);
	r = put(st, sharer(5, F, span(0, 1)));
	assert_placed(&r, 1, 2);
	r = put(st, sharer(6, M, span(0, 1)));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	assert_false(r.elsewhere); /* room 0 holds a woman: nowhere at all */
	lodging_free(st);
}

static void a_lent_room_comes_after_the_free_ones_of_its_hotel(void **state)
{
	struct lodging_state *st = hotel("T0 T0 T1");
	struct lodging_result r;

	(void)state;
	lodging_set_access(st, 0, LODGING_ACCESS_BORROW);
	r = put(st, sharer(1, F, span(0, 1)));
	assert_placed(&r, 1, 1); /* its own room first */
	r = put(st, sharer(2, M, span(0, 1)));
	assert_placed(&r, 0, 1); /* then the lent one, before an overflow hotel */
	assert_false(r.overflow);
	lodging_free(st);
}

static void a_whole_room_guest_borrows_their_type_before_a_swap(void **state)
{
	struct lodging_state *st = hotel("T0 K0");
	struct lodging_result r;

	(void)state;
	lodging_set_access(st, 1, LODGING_ACCESS_BORROW);
	r = put(st, whole(1, ROOM_KING, span(0, 1)));
	assert_placed(&r, 1, 1);
	assert_false(r.swapped);
	r = put(st, whole(2, ROOM_KING, span(0, 1)));
	assert_placed(&r, 0, 1);
	assert_true(r.swapped);
	lodging_free(st);
}

static void a_held_bed_is_taken_in_any_room_and_settle_ignores_shares(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct lodging_result r;
	struct lodging_move moves[4];

	(void)state;
	add(st, 1, 0, 1, span(0, 1), F, USE_SHARED);
	add(st, 2, 0, 2, span(0, 1), F, USE_HELD);
	add(st, 3, 1, 1, span(0, 1), M, USE_SHARED);
	lodging_set_access(st, 0, LODGING_ACCESS_CLOSED);
	r = put(st, mutual(2, F, span(0, 1), 1, span(0, 1)));
	assert_placed(&r, 0, 2);
	assert_true(r.joined_roommate);
	/* two lone men in two desks' rooms: settle pairs them across the shares */
	lodging_remove(st, 1);
	lodging_remove(st, 2);
	add(st, 4, 0, 1, span(0, 1), M, USE_SHARED);
	assert_int_equal(lodging_count_supplement_nights(st), 4);
	assert_int_equal(lodging_settle(st, moves, 4), 1);
	assert_int_equal(lodging_count_supplement_nights(st), 0);
	assert_int_equal(lodging_get_access(st, 0), LODGING_ACCESS_FREE);
	lodging_free(st);
}

/* ---- desks that never meet ---- */

#define DESKS_ROOMS 60

/* Each desk's own picture of one hotel of twins shared round-robin, with its access set. */
static struct lodging_state *desk_picture(int desk, int n_desks)
{
	struct lodging_room rooms[DESKS_ROOMS];
	struct lodging_state *st;

	for (size_t i = 0; i < DESKS_ROOMS; i++) {
		rooms[i] = (struct lodging_room){(long)i, 0, ROOMKIND_TWIN};
	}
	st = lodging_new(rooms, DESKS_ROOMS);
	for (size_t i = 0; i < DESKS_ROOMS; i++) {
		bool own = (int)(i % (size_t)n_desks) == desk;
		lodging_set_access(st, i, own ? LODGING_ACCESS_FREE : LODGING_ACCESS_CLOSED);
	}
	return st;
}

/*
 * n_desks desks, no network: sharers of both genders with the same nights come
 * to the desks in turn. Putting every desk's stays into one picture (a merge)
 * must succeed (no bed twice), each desk has at most one lone sharer per gender
 * and night, and settle must bring the supplement down to the lower bound.
 */
static void desks_apart_never_give_a_bed_twice(void **state)
{
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 200; round++) {
		int n_desks = 2 + rand_r(&seed) % 3, nights = 1 + rand_r(&seed) % 4;
		int guests = 10 + rand_r(&seed) % 50;
		struct lodging_state *desk[4], *all = desk_picture(0, 1);
		for (int d = 0; d < n_desks; d++) {
			desk[d] = desk_picture(d, n_desks);
		}
		for (int g = 0; g < guests; g++) {
			struct lodging_guest guest =
			    sharer(g + 1, rand_r(&seed) % 2 ? F : M, span(0, nights - 1));
			struct lodging_result r;
			lodging_allocate(desk[g % n_desks], &guest, &r);
			assert_int_equal(r.outcome, LODGING_PLACED);
		}
		int alone = 0;
		for (int d = 0; d < n_desks; d++) {
			size_t n;
			/* one lone sharer per desk and gender, on each of the nights */
			assert_true(lodging_count_supplement_nights(desk[d]) <= 2 * nights);
			alone += lodging_count_supplement_nights(desk[d]);
			struct lodging_stay *s = all_stays(desk[d], &n);
			for (size_t i = 0; i < n; i++) {
				assert_true(lodging_add_stay(all, &s[i]));
			}
			free(s);
			lodging_free(desk[d]);
		}
		assert_valid(all);
		/* the desks' rooms are apart, so the merged supplement is their sum: at most one
		 * lone sharer per desk, gender and night (the lower bound plus desks - 1 when the
		 * bound is 1 there; plus desks when it is 0 and desks is even) */
		int low = lodging_supplement_lower_bound(all);
		assert_int_equal(lodging_count_supplement_nights(all), alone);
		assert_true(alone <= 2 * nights * n_desks);
		assert_true(alone >= low);
		lodging_settle(all, NULL, 0);
		assert_int_equal(lodging_count_supplement_nights(all), low);
		lodging_free(all);
	}
}

/*
 * Who sleeps where, as the access rule reads it: a room with any stay (a
 * held bed too) is not empty; it is ours or theirs by where its guests were
 * checked in, and a guest beyond the marks counts as not checked in.
 */
static void sleepers_follow_the_stays_and_where_each_was_checked_in(void **state)
{
	(void)state;
	struct lodging_state *st = hotel("K0 T0 T0 T0 K0");
	struct share_view rooms[5];
	/* ids 1..4: 1 ours, 2 theirs, 3 not checked in (held), 4 ours */
	unsigned char checked_in[5] = {SHARE_CHECKIN_NONE, SHARE_CHECKIN_OURS, SHARE_CHECKIN_THEIRS,
	                               SHARE_CHECKIN_NONE, SHARE_CHECKIN_OURS};
	struct lodging_stay stays[] = {
	    {1, 0, 1, span(0, 1), GENDER_UNKNOWN, USE_WHOLE},
	    {2, 1, 1, span(0, 0), GENDER_FEMALE, USE_SHARED},
	    {4, 1, 2, span(2, 3), GENDER_FEMALE, USE_SHARED},
	    {3, 2, 1, span(0, 3), GENDER_MALE, USE_HELD},
	    {9, 4, 1, span(0, 3), GENDER_UNKNOWN, USE_WHOLE},
	};

	for (size_t i = 0; i < sizeof(stays) / sizeof(stays[0]); i++) {
		assert_true(lodging_add_stay(st, &stays[i]));
	}
	memset(rooms, 0xff, sizeof(rooms)); /* whatever was there before is not kept */
	room_share_sleepers(st, 5, checked_in, 4, rooms);
	assert_true(rooms[0].ours && !rooms[0].theirs && !rooms[0].empty);
	assert_true(rooms[1].ours && rooms[1].theirs && !rooms[1].empty);
	assert_true(!rooms[2].ours && !rooms[2].theirs && !rooms[2].empty);
	assert_true(!rooms[3].ours && !rooms[3].theirs && rooms[3].empty);
	assert_true(!rooms[4].ours && !rooms[4].theirs && !rooms[4].empty);
	lodging_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(room_numbers_sort_by_value),
	    cmocka_unit_test(every_desk_gets_each_type_and_floor_within_one),
	    cmocka_unit_test(the_deal_follows_type_floor_and_number_not_the_file_order),
	    cmocka_unit_test(borrowing_needs_a_fresh_owner_a_reserve_and_at_most_half),
	    cmocka_unit_test(a_desk_opens_its_share_and_borrows_only_the_far_end),
	    cmocka_unit_test(rooms_with_another_desks_guest_are_closed_and_borrowed_ones_stay_ours),
	    cmocka_unit_test(closed_rooms_are_neither_opened_nor_joined),
	    cmocka_unit_test(a_lent_room_comes_after_the_free_ones_of_its_hotel),
	    cmocka_unit_test(sleepers_follow_the_stays_and_where_each_was_checked_in),
	    cmocka_unit_test(a_whole_room_guest_borrows_their_type_before_a_swap),
	    cmocka_unit_test(a_held_bed_is_taken_in_any_room_and_settle_ignores_shares),
	    cmocka_unit_test(desks_apart_never_give_a_bed_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
