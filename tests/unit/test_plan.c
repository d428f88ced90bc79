/*
 * Tests for `rooms plan` (src/actions/plan.c, plan_guests.c) on the demo
 * event: the pairing, walked one room at a time as the CLI prints it, holds
 * every placed booking exactly once with its own reg_no, name, gender,
 * request and nights, rooms in hotel order; mutual roommates (as the store's
 * query_mutual_roommate decides them) share a room; the block the hotels hold
 * counts exactly the rooms walked, per hotel, type and night; and walking
 * again, or planning again, gives the same rooms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/actions/plan.h"
#include "frontdesk/query.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"
#include "demo_fixture.h"
#include "store_fixture.h"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;
	struct db *db; /* a second connection, for the store's own answers */
	struct booking *bookings;
	size_t n_bookings;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;

	f->dir = fixture_make_dir("plan");
	assert_non_null(f->dir);
	f->path = xasprintf("%s/desk.db", f->dir);
	f->desk = demo_desk_open(f->path, true);
	f->db = db_open(f->path, &cause);
	assert_non_null(f->db);
	f->n_bookings = query_bookings(f->db, &f->bookings);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	query_bookings_free(f->bookings, f->n_bookings);
	db_close(f->db);
	desk_close(f->desk);
	assert_int_equal(fixture_remove_dir(f->dir), 0);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* One occupant as the walk saw it, with its room. */
struct seen {
	char *hotel;
	char *room;
	enum room_kind kind;
	char *reg_no;
	char *name;
	enum gender gender;
	enum room_request request;
	enum lodging_use use;
	uint64_t nights;
};

struct walk {
	struct seen *at;
	size_t n;
	size_t n_rooms;
	int last_rank;
	bool in_hotel_order;
	struct strbuf text; /* every room and occupant, to compare two walks */
};

static void saw_room(const struct room_view *r, void *ctx)
{
	struct walk *w = ctx;

	assert_true(r->n_guests > 0);
	w->in_hotel_order &= r->hotel_rank >= w->last_rank;
	w->last_rank = r->hotel_rank;
	w->n_rooms++;
	strbuf_printf(&w->text, "%s %s %d:", r->hotel, r->room, (int)r->kind);
	for (size_t k = 0; k < r->n_guests; k++) {
		const struct guest_view *g = &r->guests[k];
		w->at = xreallocarray(w->at, w->n + 1, sizeof(*w->at));
		w->at[w->n++] = (struct seen){xstrdup(r->hotel),  xstrdup(r->room), r->kind,
		                              xstrdup(g->reg_no), xstrdup(g->name), g->gender,
		                              g->request,         g->use,           g->nights};
		strbuf_printf(&w->text, " %s/%s/%d/%d/%llx/%llx/%d/%d", g->reg_no, g->name, g->bed,
		              (int)g->use, (unsigned long long)g->nights,
		              (unsigned long long)g->alone_nights, g->charge, g->swapped);
	}
	strbuf_putc(&w->text, '\n');
}

static void walk(const struct rooms_plan *p, struct walk *w)
{
	memset(w, 0, sizeof(*w));
	w->in_hotel_order = true;
	action_rooms_plan_each_room(p, saw_room, w);
}

static void walk_release(struct walk *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->at[i].hotel);
		free(w->at[i].room);
		free(w->at[i].reg_no);
		free(w->at[i].name);
	}
	free(w->at);
	strbuf_release(&w->text);
}

static void plan(struct fixture *f, struct rooms_plan *p)
{
	char *cause = NULL;

	assert_int_equal(action_rooms_plan(f->desk, p, &cause), ACTION_OK);
	assert_null(cause);
}

static const struct booking *booking_of(const struct fixture *f, const char *reg_no)
{
	for (size_t i = 0; i < f->n_bookings; i++) {
		if (strcmp(f->bookings[i].reg_no, reg_no) == 0) {
			return &f->bookings[i];
		}
	}
	return NULL;
}

/* The occupant (not a held bed) with reg_no, or NULL; fails when there are two. */
static const struct seen *sleeper(const struct walk *w, const char *reg_no)
{
	const struct seen *found = NULL;

	for (size_t i = 0; i < w->n; i++) {
		if (w->at[i].use != USE_HELD && strcmp(w->at[i].reg_no, reg_no) == 0) {
			assert_null(found);
			found = &w->at[i];
		}
	}
	return found;
}

static void every_placed_booking_sleeps_once_as_booked(void **state)
{
	struct fixture *f = *state;
	long first = desk_config(f->desk)->first_night;
	struct rooms_plan p;
	struct walk w;
	int sleepers = 0;

	plan(f, &p);
	walk(&p, &w);
	assert_int_equal(p.first_night, first);
	assert_true(p.placed > 0);
	assert_int_equal(p.n_unplaced, 0);
	assert_true(w.in_hotel_order);
	for (size_t i = 0; i < w.n; i++) {
		const struct seen *s = &w.at[i];
		const struct booking *b = booking_of(f, s->reg_no);
		assert_non_null(b);
		sleepers += s->use != USE_HELD;
		if (s->use == USE_HELD) {
			continue;
		}
		assert_ptr_equal(sleeper(&w, s->reg_no), s);
		assert_string_equal(s->name, b->name);
		assert_int_equal(s->gender, b->gender);
		assert_int_equal(s->request, b->room);
		assert_int_equal(s->nights, lodging_nights_mask(first, b->arrive, b->depart));
	}
	assert_int_equal(sleepers, p.placed);
	walk_release(&w);
	action_rooms_plan_release(&p);
}

static void mutual_roommates_share_a_room(void **state)
{
	struct fixture *f = *state;
	const struct fee_schedule *fees = &desk_config(f->desk)->fees;
	struct rooms_plan p;
	struct walk w;
	int pairs = 0;

	plan(f, &p);
	walk(&p, &w);
	for (size_t i = 0; i < f->n_bookings; i++) {
		struct attendee *a = query_attendee(f->db, f->bookings[i].id, fees);
		struct attendee *mate = NULL;
		if (query_mutual_roommate(f->db, a, fees, &mate) >= 0) {
			const struct seen *x = sleeper(&w, a->reg_no),
			                  *y = sleeper(&w, mate->reg_no);
			assert_non_null(x);
			assert_non_null(y);
			assert_string_equal(x->hotel, y->hotel);
			assert_string_equal(x->room, y->room);
			pairs++;
		}
		query_attendee_free(mate);
		query_attendee_free(a);
	}
	assert_int_equal(pairs, 8); /* the demo's four pairs, seen from both sides */
	walk_release(&w);
	action_rooms_plan_release(&p);
}

/* The rooms walked in hotel and kind that someone sleeps in (or holds) on night. */
static int rooms_used(const struct walk *w, const char *hotel, enum room_kind kind, int bit)
{
	int n = 0;

	for (size_t i = 0; i < w->n; i++) {
		const struct seen *s = &w->at[i];
		bool first_of_room = i == 0 || strcmp(w->at[i - 1].hotel, s->hotel) != 0 ||
		                     strcmp(w->at[i - 1].room, s->room) != 0;
		if (!first_of_room || strcmp(s->hotel, hotel) != 0 || s->kind != kind) {
			continue;
		}
		uint64_t nights = 0;
		for (size_t k = i; k < w->n && strcmp(w->at[k].hotel, s->hotel) == 0 &&
		                   strcmp(w->at[k].room, s->room) == 0;
		     k++) {
			nights |= w->at[k].nights;
		}
		n += (nights >> bit) & 1;
	}
	return n;
}

static void the_block_counts_the_rooms_walked(void **state)
{
	struct fixture *f = *state;
	struct rooms_plan p;
	struct walk w;
	int rooms = 0, nights_walked = 0;

	plan(f, &p);
	walk(&p, &w);
	assert_true(p.n_blocks > 0);
	for (size_t i = 0; i < p.n_blocks; i++) {
		const struct rooms_plan_block *b = &p.blocks[i];
		int bit = (int)(b->night - p.first_night);
		assert_int_equal(b->rooms, rooms_used(&w, b->hotel, b->kind, bit));
		rooms += b->rooms;
	}
	/* and no room-night walked is missing from the block */
	for (size_t i = 0; i < w.n; i++) {
		bool first_of_room = i == 0 || strcmp(w.at[i - 1].hotel, w.at[i].hotel) != 0 ||
		                     strcmp(w.at[i - 1].room, w.at[i].room) != 0;
		uint64_t nights = 0;
		for (size_t k = i;
		     first_of_room && k < w.n && strcmp(w.at[k].hotel, w.at[i].hotel) == 0 &&
		     strcmp(w.at[k].room, w.at[i].room) == 0;
		     k++) {
			nights |= w.at[k].nights;
		}
		nights_walked += lodging_count_nights(nights);
	}
	assert_int_equal(rooms, nights_walked);
	walk_release(&w);
	action_rooms_plan_release(&p);
}

static void walking_or_planning_again_gives_the_same_rooms(void **state)
{
	struct fixture *f = *state;
	struct rooms_plan p, q;
	struct walk a, b, c;

	plan(f, &p);
	walk(&p, &a);
	walk(&p, &b);
	plan(f, &q);
	walk(&q, &c);
	assert_true(a.n_rooms > 0);
	assert_string_equal(strbuf_str(&a.text), strbuf_str(&b.text));
	assert_string_equal(strbuf_str(&a.text), strbuf_str(&c.text));
	walk_release(&a);
	walk_release(&b);
	walk_release(&c);
	action_rooms_plan_release(&p);
	action_rooms_plan_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_placed_booking_sleeps_once_as_booked),
	    cmocka_unit_test(mutual_roommates_share_a_room),
	    cmocka_unit_test(the_block_counts_the_rooms_walked),
	    cmocka_unit_test(walking_or_planning_again_gives_the_same_rooms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
