/*
 * Tests for the walk-in rule (frontdesk/lodging_walkin.h): what is free per
 * hotel and night, how the waiting bookings are laid onto it, which
 * placements of a walk-in the rule accepts (tried as the action tries them:
 * lodging_walkin_tries in order, each placed by the allocator and judged),
 * and a seeded property test: when everyone has the same nights and the
 * waiting guests come group after group (women sharers, men sharers, king,
 * twin_single, in any order), a walk-in the rule lets in never leaves a
 * waiting booking without a room, nor sends one more of them into the other
 * room type or an overflow hotel. (With arrivals interleaved at random, the
 * same test over 300,000 events left no booking without a room, but about 1
 * allowed walk-in in 900 sent one waiting booking to an overflow hotel or the
 * other room type: the bound that docs/decisions.md states.)
 *
 * Layouts as in test_lodging.c: "K0 T0 T1" is a king and a twin in the
 * programme hotel and a twin in the first overflow hotel.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/lodging_walkin.h"
#include "lodging_fixture.h"

#define NIGHTS    3
#define ALL       span(0, NIGHTS - 1)
#define MAX_RANKS 3

/* The waiting bookings of a test, per night. */
struct waiting {
	struct lodging_need need[NIGHTS];
};

static void wait_for(struct waiting *w, struct lodging_guest g)
{
	lodging_need_add(w->need, NIGHTS, &g);
}

static struct lodging_guest walkin(long id, enum room_request request, enum gender g,
                                   uint64_t nights)
{
	return (struct lodging_guest){id, request, g, nights, -1, 0};
}

/*
 * Tries a walk-in as the action does. Returns the index of the try the rule
 * accepted (the walk-in stays placed, *res says where) or -1 (state unchanged).
 */
static int try_walkin(struct lodging_state *st, int n_ranks, const struct waiting *w,
                      struct lodging_guest g, struct lodging_result *res)
{
	struct lodging_free before[MAX_RANKS * NIGHTS], after[MAX_RANKS * NIGHTS];
	struct walkin_counts b = {n_ranks, NIGHTS, before, w->need};
	struct walkin_counts a = {n_ranks, NIGHTS, after, w->need};
	struct walkin_try tries[WALKIN_MAX_TRIES(MAX_RANKS)];
	size_t n = lodging_walkin_tries(g.request, n_ranks, tries);
	size_t stays = lodging_stays(st, NULL, 0);

	lodging_count_free(st, n_ranks, NIGHTS, before);
	for (size_t i = 0; i < n; i++) {
		g.request = tries[i].request;
		if (!lodging_allocate_from_rank(st, &g, tries[i].min_rank, res)) {
			assert_int_equal(lodging_stays(st, NULL, 0), stays);
			continue;
		}
		assert_valid(st);
		lodging_count_free(st, n_ranks, NIGHTS, after);
		if (lodging_walkin_allowed(&b, &a, g.nights)) {
			return (int)i;
		}
		lodging_remove(st, g.attendee_id);
		assert_int_equal(lodging_stays(st, NULL, 0), stays);
	}
	return -1;
}

static void assert_free(const struct lodging_free *f, int king, int twin, int lone_f, int lone_m)
{
	assert_int_equal(f->king, king);
	assert_int_equal(f->twin, twin);
	assert_int_equal(f->lone[0], lone_f);
	assert_int_equal(f->lone[1], lone_m);
}

/* ---- counting ---- */

static void free_rooms_and_lone_beds_are_counted_per_hotel_and_night(void **state)
{
	struct lodging_state *st = hotel("K0 T0 T0 T0 T1");
	struct lodging_free f[2 * NIGHTS];

	(void)state;
	add(st, 1, 0, 1, span(0, 0), GENDER_UNKNOWN, USE_WHOLE);
	add(st, 2, 1, 1, span(0, 1), F, USE_SHARED); /* alone: a bed for a woman */
	add(st, 3, 2, 1, span(0, 0), M, USE_SHARED); /* beside a held bed: nobody else's */
	add(st, 4, 2, 2, span(0, 0), M, USE_HELD);
	add(st, 5, 3, 1, span(0, 0), F, USE_SHARED); /* a pair: full */
	add(st, 6, 3, 2, span(0, 0), F, USE_SHARED);
	add(st, 7, 4, 1, span(1, 1), GENDER_UNKNOWN, USE_WHOLE);
	lodging_count_free(st, 2, NIGHTS, f);
	assert_free(&f[0], 0, 0, 1, 0);
	assert_free(&f[1], 1, 2, 1, 0);
	assert_free(&f[2], 1, 3, 0, 0);
	assert_free(&f[NIGHTS + 0], 0, 1, 0, 0);
	assert_free(&f[NIGHTS + 1], 0, 0, 0, 0);
	assert_free(&f[NIGHTS + 2], 0, 1, 0, 0);
	/* only the programme hotel asked for: the overflow hotel is left out */
	lodging_count_free(st, 1, NIGHTS, f);
	assert_free(&f[2], 1, 3, 0, 0);
	lodging_free(st);
}

static void waiting_requests_count_on_each_of_their_nights(void **state)
{
	struct waiting w = {0};

	(void)state;
	wait_for(&w, whole(1, ROOM_KING, span(0, 1)));
	wait_for(&w, whole(2, ROOM_TWIN_SINGLE, span(2, 2)));
	wait_for(&w, sharer(3, F, ALL));
	wait_for(&w, sharer(4, M, span(1, 2)));
	wait_for(&w, sharer(5, GENDER_UNKNOWN, ALL)); /* cannot be placed: refused at check-in */
	wait_for(&w, whole(6, ROOM_NONE, ALL));
	assert_int_equal(w.need[0].king, 1);
	assert_int_equal(w.need[2].king, 0);
	assert_int_equal(w.need[2].twin_single, 1);
	assert_int_equal(w.need[0].bed[0], 1);
	assert_int_equal(w.need[0].bed[1], 0);
	assert_int_equal(w.need[1].bed[1], 1);
}

static const enum cover_group sharers_first[COVER_GROUPS] = {COVER_WOMEN, COVER_MEN, COVER_KING,
                                                             COVER_TWIN_SINGLE};

static void sharers_take_lone_beds_then_twin_rooms_in_pairs(void **state)
{
	struct lodging_free f[2] = {{.king = 1, .twin = 2, .lone = {1, 0}},
	                            {.twin = 1, .lone = {0, 1}}};
	struct lodging_need n = {.bed = {2, 1}};
	struct lodging_cover c;
	int at[2];

	(void)state;
	lodging_cover_of(f, 2, &n, sharers_first, at, &c);
	/* a woman beside the lone one and one in a new room; the man beside the lone man in the
	 * overflow hotel, before any new room in the programme hotel */
	assert_int_equal(c.short_guests, 0);
	assert_int_equal(at[0], 2);
	assert_int_equal(at[1], 1);
	n = (struct lodging_need){.bed = {6, 0}};
	lodging_cover_of(f, 2, &n, sharers_first, at, &c);
	assert_int_equal(at[0], 5); /* 1 + two rooms; never in a king room */
	assert_int_equal(at[1], 1);
	assert_int_equal(c.short_guests, 0);
	n.bed[0] = 8;
	lodging_cover_of(f, 2, &n, sharers_first, at, &c);
	assert_int_equal(c.short_guests, 1);
	assert_int_equal(c.swapped, 0);
}

static void whole_rooms_go_to_their_type_then_the_other_hotel_by_hotel(void **state)
{
	struct lodging_free f[2] = {{.king = 1, .twin = 1}, {.king = 1}};
	struct lodging_need n = {.king = 2};
	struct lodging_cover c;
	int at[2];

	(void)state;
	/* the programme hotel's twin room, swapped, before the overflow hotel's king */
	lodging_cover_of(f, 2, &n, sharers_first, at, &c);
	assert_int_equal(c.swapped, 1);
	assert_int_equal(at[0], 2);
	assert_int_equal(at[1], 0);
	n.twin_single = 2;
	lodging_cover_of(f, 2, &n, sharers_first, at, &c);
	assert_int_equal(c.swapped, 2);
	assert_int_equal(c.short_guests, 1);
	/* who comes first takes the last rooms */
	static const enum cover_group twins_first[COVER_GROUPS] = {COVER_TWIN_SINGLE, COVER_KING,
	                                                           COVER_WOMEN, COVER_MEN};
	n = (struct lodging_need){.king = 1, .twin_single = 1};
	lodging_cover_of(f, 2, &n, twins_first, at, &c);
	assert_int_equal(c.swapped, 0);
	assert_int_equal(at[1], 0);
}

/* ---- the rule ---- */

static void walkin_is_refused_when_the_bookings_need_every_room(void **state)
{
	struct lodging_state *st = hotel("K0 T0");
	struct waiting w = {0};
	struct lodging_result r;

	(void)state;
	wait_for(&w, whole(1, ROOM_KING, ALL));
	wait_for(&w, whole(2, ROOM_TWIN_SINGLE, ALL));
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_KING, F, ALL), &r), -1);
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_TWIN_SINGLE, F, ALL), &r), -1);
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_BED, F, ALL), &r), -1);
	assert_int_equal(lodging_stays(st, NULL, 0), 0);
	lodging_free(st);
}

static void walkin_gets_what_is_left(void **state)
{
	struct lodging_state *st = hotel("K0 K0 T0");
	struct waiting w = {0};
	struct lodging_result r;

	(void)state;
	wait_for(&w, whole(1, ROOM_KING, ALL));
	wait_for(&w, whole(2, ROOM_TWIN_SINGLE, ALL));
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_KING, M, ALL), &r), 0);
	assert_int_equal(r.outcome, LODGING_PLACED);
	assert_false(r.swapped);
	/* and that was the last one */
	assert_int_equal(try_walkin(st, 1, &w, walkin(10, ROOM_KING, M, ALL), &r), -1);
	lodging_free(st);
}

static void walkin_takes_the_other_type_rather_than_swap_a_booking(void **state)
{
	struct lodging_state *st = hotel("K0 T0 T0");
	struct waiting w = {0};
	struct lodging_result r;

	(void)state;
	wait_for(&w, whole(1, ROOM_KING, ALL));
	/* the king is the booked guest's: the walk-in asking for one gets a twin room */
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_KING, F, ALL), &r), 1);
	assert_int_equal(layout_rooms[r.room].kind, ROOMKIND_TWIN);
	lodging_free(st);
}

static void a_bed_beside_the_odd_booked_sharer_is_for_that_gender_only(void **state)
{
	struct lodging_state *st = hotel("T0 T0");
	struct waiting w = {0};
	struct lodging_result r;

	(void)state;
	wait_for(&w, sharer(1, F, ALL));
	wait_for(&w, sharer(2, F, ALL));
	wait_for(&w, sharer(3, M, ALL));
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_BED, F, ALL), &r), -1);
	assert_int_equal(try_walkin(st, 1, &w, walkin(10, ROOM_BED, M, ALL), &r), 0);
	/* the booked man joins the walk-in when he comes: no room was taken from anyone */
	struct lodging_result joined = put(st, sharer(3, M, ALL));
	assert_int_equal(joined.room, r.room);
	assert_int_equal(try_walkin(st, 1, &w, walkin(11, ROOM_BED, M, ALL), &r), -1);
	lodging_free(st);
}

static void walkin_never_pushes_a_booking_out_of_the_programme_hotel(void **state)
{
	struct lodging_state *st = hotel("K0 K1 K1");
	struct waiting w = {0};
	struct lodging_result r;

	(void)state;
	wait_for(&w, whole(1, ROOM_KING, ALL));
	/* the programme hotel's king is the booking's; the walk-in goes to the overflow hotel */
	assert_int_equal(try_walkin(st, 2, &w, walkin(9, ROOM_KING, F, ALL), &r), 2);
	assert_true(r.overflow);
	assert_int_equal(layout_rooms[r.room].hotel_rank, 1);
	assert_int_equal(put(st, whole(1, ROOM_KING, ALL)).room, 0);
	lodging_free(st);
}

static void only_the_walkins_own_nights_count(void **state)
{
	struct lodging_state *st = hotel("K0");
	struct waiting w = {0};
	struct lodging_result r;

	(void)state;
	wait_for(&w, whole(1, ROOM_KING, span(0, 0)));
	wait_for(&w, whole(2, ROOM_KING, span(0, 0))); /* short that night whatever happens */
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_KING, F, span(0, 1)), &r), -1);
	assert_int_equal(try_walkin(st, 1, &w, walkin(9, ROOM_KING, F, span(1, 2)), &r), 0);
	lodging_free(st);
}

static void walkin_tries_go_hotel_by_hotel_the_asked_type_first(void **state)
{
	struct walkin_try t[WALKIN_MAX_TRIES(2)];

	(void)state;
	assert_int_equal(lodging_walkin_tries(ROOM_KING, 2, t), 4);
	assert_int_equal(t[0].request, ROOM_KING);
	assert_int_equal(t[0].min_rank, 0);
	assert_int_equal(t[1].request, ROOM_TWIN_SINGLE);
	assert_int_equal(t[1].min_rank, 0);
	assert_int_equal(t[2].request, ROOM_KING);
	assert_int_equal(t[2].min_rank, 1);
	assert_int_equal(lodging_walkin_tries(ROOM_TWIN_SINGLE, 1, t), 2);
	assert_int_equal(t[1].request, ROOM_KING);
	assert_int_equal(lodging_walkin_tries(ROOM_BED, 2, t), 2);
	assert_int_equal(t[1].request, ROOM_BED);
	assert_int_equal(t[1].min_rank, 1);
	assert_int_equal(lodging_walkin_tries(ROOM_NONE, 2, t), 0);
}

static void allocate_from_rank_leaves_the_hotels_before_it_out(void **state)
{
	struct lodging_state *st = hotel("T0 T1");
	struct lodging_result r;

	(void)state;
	add(st, 1, 0, 1, ALL, F, USE_SHARED);
	struct lodging_guest g = sharer(2, F, ALL);
	assert_true(lodging_allocate_from_rank(st, &g, 1, &r));
	assert_placed(&r, 1, 1);
	assert_true(r.overflow);
	assert_valid(st);
	lodging_remove(st, 2);
	assert_true(lodging_allocate_from_rank(st, &g, 0, &r));
	assert_placed(&r, 0, 2); /* from every hotel: beside the lone woman */
	struct lodging_guest h = sharer(3, M, ALL);
	assert_true(lodging_allocate_from_rank(st, &h, 1, &r));
	struct lodging_guest k = whole(4, ROOM_KING, ALL);
	assert_false(lodging_allocate_from_rank(st, &k, 1, &r));
	assert_int_equal(r.outcome, LODGING_NO_ROOM);
	assert_int_equal(lodging_stays(st, NULL, 0), 3);
	lodging_free(st);
}

/* ---- property: same nights for everyone ---- */

struct tally {
	int no_room, swapped, home; /* home: in the programme hotel */
};

static unsigned long rng_state;

static unsigned next_rand(void)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng_state >> 33);
}

struct scenario {
	char layout[2 * MAX_ROOMS];
	int n_ranks;
	struct lodging_guest arrived[16], waiting[16];
	size_t n_arrived, n_waiting;
};

static struct lodging_guest random_guest(long id)
{
	static const enum room_request kinds[] = {ROOM_KING, ROOM_TWIN_SINGLE, ROOM_BED, ROOM_BED};
	enum room_request k = kinds[next_rand() % 4];

	return k == ROOM_BED ? sharer(id, next_rand() % 2 ? F : M, ALL) : whole(id, k, ALL);
}

static void random_scenario(struct scenario *s)
{
	size_t n_rooms = 2 + next_rand() % 8, len = 0;

	memset(s, 0, sizeof(*s));
	s->n_ranks = 1 + (int)(next_rand() % 2);
	for (size_t i = 0; i < n_rooms; i++) {
		len += (size_t)snprintf(s->layout + len, sizeof(s->layout) - len, "%c%d ",
		                        next_rand() % 3 ? 'T' : 'K',
		                        (int)(next_rand() % 2) % s->n_ranks);
	}
	s->n_arrived = next_rand() % 6;
	s->n_waiting = next_rand() % 12;
	for (size_t i = 0; i < s->n_arrived; i++) {
		s->arrived[i] = random_guest((long)(1 + i));
	}
	for (size_t i = 0; i < s->n_waiting; i++) {
		s->waiting[i] = random_guest((long)(100 + i));
	}
}

static enum cover_group group_of(const struct lodging_guest *g)
{
	return g->request == ROOM_KING          ? COVER_KING
	       : g->request == ROOM_TWIN_SINGLE ? COVER_TWIN_SINGLE
	       : g->gender == F                 ? COVER_WOMEN
	                                        : COVER_MEN;
}

/* The waiting guests arrive group after group in order; what they got. */
static struct tally place_waiting(struct lodging_state *st, const struct scenario *s,
                                  const enum cover_group *order)
{
	struct tally t = {0, 0, 0};

	for (int k = 0; k < COVER_GROUPS; k++) {
		for (size_t i = 0; i < s->n_waiting; i++) {
			if (group_of(&s->waiting[i]) != order[k]) {
				continue;
			}
			struct lodging_result r = put(st, s->waiting[i]);
			t.no_room += r.outcome == LODGING_NO_ROOM;
			t.swapped += r.outcome == LODGING_PLACED && r.swapped;
			t.home += r.outcome == LODGING_PLACED && !r.overflow;
		}
	}
	return t;
}

static void random_order(enum cover_group *order)
{
	for (int i = 0; i < COVER_GROUPS; i++) {
		order[i] = (enum cover_group)i;
	}
	for (int i = COVER_GROUPS - 1; i > 0; i--) {
		int j = (int)(next_rand() % (unsigned)(i + 1));
		enum cover_group t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

static struct lodging_state *arrived_state(const struct scenario *s)
{
	struct lodging_state *st = hotel(s->layout);

	for (size_t i = 0; i < s->n_arrived; i++) {
		put(st, s->arrived[i]);
	}
	return st;
}

static void an_allowed_walkin_costs_no_waiting_booking_anything(void **state)
{
	int allowed = 0, refused = 0;

	(void)state;
	rng_state = 20260525;
	for (int round = 0; round < 20000; round++) {
		struct scenario s;
		random_scenario(&s);
		struct waiting w = {0};
		for (size_t i = 0; i < s.n_waiting; i++) {
			wait_for(&w, s.waiting[i]);
		}
		enum cover_group order[COVER_GROUPS];
		random_order(order);
		struct lodging_state *base = arrived_state(&s);
		struct tally without = place_waiting(base, &s, order);
		lodging_free(base);

		struct lodging_state *st = arrived_state(&s);
		struct lodging_result r;
		struct lodging_guest g = random_guest(999);
		if (try_walkin(st, s.n_ranks, &w, g, &r) < 0) {
			refused++;
			lodging_free(st);
			continue;
		}
		allowed++;
		struct tally with = place_waiting(st, &s, order);
		if (with.no_room > 0 || with.swapped > without.swapped ||
		    with.home < without.home) {
			fail_msg("round %d, hotel %s: a walk-in cost a booking its place "
			         "(no room %d, swapped %d->%d, in the programme hotel %d->%d)",
			         round, s.layout, with.no_room, without.swapped, with.swapped,
			         without.home, with.home);
		}
		lodging_free(st);
	}
	/* both answers were exercised */
	assert_true(allowed > 200);
	assert_true(refused > 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(free_rooms_and_lone_beds_are_counted_per_hotel_and_night),
	    cmocka_unit_test(waiting_requests_count_on_each_of_their_nights),
	    cmocka_unit_test(sharers_take_lone_beds_then_twin_rooms_in_pairs),
	    cmocka_unit_test(whole_rooms_go_to_their_type_then_the_other_hotel_by_hotel),
	    cmocka_unit_test(walkin_is_refused_when_the_bookings_need_every_room),
	    cmocka_unit_test(walkin_gets_what_is_left),
	    cmocka_unit_test(walkin_takes_the_other_type_rather_than_swap_a_booking),
	    cmocka_unit_test(a_bed_beside_the_odd_booked_sharer_is_for_that_gender_only),
	    cmocka_unit_test(walkin_never_pushes_a_booking_out_of_the_programme_hotel),
	    cmocka_unit_test(only_the_walkins_own_nights_count),
	    cmocka_unit_test(walkin_tries_go_hotel_by_hotel_the_asked_type_first),
	    cmocka_unit_test(allocate_from_rank_leaves_the_hotels_before_it_out),
	    cmocka_unit_test(an_allowed_walkin_costs_no_waiting_booking_anything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
