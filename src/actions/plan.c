/*
 * plan runs the check-in allocator over every booking before the event, on
 * empty hotels and in reg_no order, to tell the hotels how many rooms of each
 * type to hold each night. Bookings are read in one query into a compact
 * table (plan_guests.c) and roommates resolved on sorted arrays: a
 * 100k-person event must plan in under 2 s. Its peak memory must stay under
 * 64 MiB, so the pairing is never held whole: the placed picture is kept and
 * walked one room at a time by whoever prints it (21 MB of JSON at 100k).
 */
#include "frontdesk/actions/plan.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/stays.h"
#include "frontdesk/rooming.h"
#include "frontdesk/xmalloc.h"
#include "plan_guests.h"
#include "rooms_private.h"

/* What the plan keeps to make its pairing room by room (action_rooms_plan_each_room). */
struct rooms_plan_pairing {
	struct hotel_picture pic;  /* everyone placed */
	struct plan_guests guests; /* in id order */
	struct lodging_rates rates;
};

static void add_unplaced(struct rooms_plan *out, const char *reg_no)
{
	out->unplaced = xreallocarray(out->unplaced, out->n_unplaced + 1, sizeof(char *));
	out->unplaced[out->n_unplaced++] = xstrdup(reg_no);
}

/* Plan order: people with the same nights next to each other, then reg_no order. */
struct plan_order {
	uint64_t nights;
	size_t index;
};

static int compare_order(const void *a, const void *b)
{
	const struct plan_order *x = a, *y = b;

	if (x->nights != y->nights) {
		return x->nights < y->nights ? -1 : 1;
	}
	return (x->index > y->index) - (x->index < y->index);
}

/* The allocator's guest for booking i (reg_no order, mates resolved). */
static struct lodging_guest guest_of(const struct plan_guests *g, size_t i)
{
	const struct plan_guest *x = &g->at[i];
	int32_t k = x->mate;

	return (struct lodging_guest){
	    x->id,
	    x->room,
	    x->gender,
	    x->nights,
	    k >= 0 ? g->at[k].id : -1,
	    k >= 0 ? g->at[k].nights : 0,
	};
}

/*
 * Places bookings grouped by their nights: pairing in plain reg_no order let
 * short stays break up pairs (thousands of supplement nights above the bound
 * on the bench event; grouped, a handful).
 */
static void place_everyone(struct hotel_picture *pic, const struct plan_guests *g,
                           struct rooms_plan *out)
{
	struct plan_order *order = xcalloc(g->n ? g->n : 1, sizeof(*order));
	size_t most_stays = 0;

	for (size_t i = 0; i < g->n; i++) {
		order[i] = (struct plan_order){g->at[i].nights, i};
		/* a stay each, and at most a bed held for a mutual roommate each */
		most_stays += g->at[i].eligible && g->at[i].room != ROOM_NONE;
		most_stays += g->at[i].mate >= 0;
	}
	lodging_reserve(pic->state, most_stays);
	qsort(order, g->n, sizeof(*order), compare_order);
	for (size_t o = 0; o < g->n; o++) {
		size_t i = order[o].index;
		if (!g->at[i].eligible || g->at[i].room == ROOM_NONE) {
			continue;
		}
		struct lodging_guest guest = guest_of(g, i);
		struct lodging_result res;
		lodging_allocate(pic->state, &guest, &res);
		if (res.outcome == LODGING_PLACED) {
			out->placed++;
		} else {
			add_unplaced(out, plan_guest_reg_no(g, i));
		}
	}
	free(order);
}

/* A buffer for one room's stays at a time, grown when a room holds more. */
struct room_buffer {
	struct lodging_stay *at;
	size_t cap;
};

/* Returns how many stays room has, copied into buf in lodging_stays order. */
static size_t stays_of_room(const struct lodging_state *state, size_t room, struct room_buffer *buf)
{
	size_t n = lodging_room_stays(state, room, buf->at, buf->cap);

	if (n > buf->cap) {
		buf->cap = n;
		buf->at = xreallocarray(buf->at, buf->cap, sizeof(*buf->at));
		lodging_room_stays(state, room, buf->at, buf->cap);
	}
	return n;
}

/* Adds room r to the hotel/type/night blocks of the nights anyone sleeps there. */
static void add_room_nights(const struct hotel_picture *pic, size_t r, uint64_t used,
                            struct rooms_plan *out)
{
	const struct room_info *room = &pic->rooms[r];

	for (int bit = 0; bit < LODGING_MAX_NIGHTS; bit++) {
		if (!(used & (UINT64_C(1) << bit))) {
			continue;
		}
		long night = pic->first_night + bit;
		size_t k = 0;
		while (k < out->n_blocks &&
		       !(strcmp(out->blocks[k].hotel, room->hotel) == 0 &&
		         out->blocks[k].kind == room->kind && out->blocks[k].night == night)) {
			k++;
		}
		if (k == out->n_blocks) {
			out->blocks = xreallocarray(out->blocks, k + 1, sizeof(*out->blocks));
			out->blocks[k] =
			    (struct rooms_plan_block){xstrdup(room->hotel), room->kind, night, 0};
			out->n_blocks++;
		}
		out->blocks[k].rooms++;
	}
}

/* Counts, per room, the nights anyone sleeps there, then adds them to hotel/type/night blocks. */
static void count_blocks(const struct hotel_picture *pic, struct rooms_plan *out)
{
	struct room_buffer buf = {xcalloc(8, sizeof(struct lodging_stay)), 8};

	for (size_t r = 0; r < pic->n_rooms; r++) {
		size_t n = stays_of_room(pic->state, r, &buf);
		uint64_t used = 0;
		for (size_t i = 0; i < n; i++) {
			used |= buf.at[i].nights;
		}
		add_room_nights(pic, r, used, out);
	}
	free(buf.at);
}

/*
 * The occupant of stay s, guest's booking: the strings are borrowed from the
 * plan's table (rooms_view_fill_room copies them), hence the casts.
 */
static struct occupant occupant_of(const struct rooms_plan_pairing *pp,
                                   const struct lodging_stay *s, size_t guest)
{
	const struct plan_guest *x = &pp->guests.at[guest];

	return (struct occupant){
	    .attendee_id = s->attendee_id,
	    .reg_no = (char *)plan_guest_reg_no(&pp->guests, guest),
	    .name = (char *)plan_guest_name(&pp->guests, guest),
	    .gender = x->gender,
	    .request = x->room,
	    .use = s->use,
	    .bed = s->bed,
	    .nights = s->nights,
	    .alone_nights =
	        s->use == USE_SHARED ? lodging_alone_nights(pp->pic.state, s->attendee_id) : 0,
	};
}

/* Makes the view of the room of stays[0..n) (all in one room) and hands it to fn. */
static void walk_room(const struct rooms_plan_pairing *pp, const struct lodging_stay *stays,
                      size_t n, rooms_plan_room_fn fn, void *ctx)
{
	const struct room_info *info = &pp->pic.rooms[stays[0].room];
	struct rooming_room r = {
	    .id = info->id,
	    .hotel = info->hotel,
	    .room = info->room,
	    .floor = info->floor,
	    .kind = info->kind,
	    .hotel_rank = info->hotel_rank,
	    .occupants = xcalloc(n, sizeof(struct occupant)),
	};

	for (size_t i = 0; i < n; i++) {
		long guest = plan_guests_find(&pp->guests, stays[i].attendee_id);
		if (guest >= 0) {
			r.occupants[r.n_occupants++] = occupant_of(pp, &stays[i], (size_t)guest);
		}
	}
	if (r.n_occupants > 0) {
		struct room_view view;
		rooms_view_fill_room(&pp->rates, &r, &view);
		fn(&view, ctx);
		rooms_view_release_room(&view);
	}
	free(r.occupants);
}

void action_rooms_plan_each_room(const struct rooms_plan *p, rooms_plan_room_fn fn, void *ctx)
{
	const struct rooms_plan_pairing *pp = p->pairing;
	struct room_buffer buf = {xcalloc(8, sizeof(struct lodging_stay)), 8};

	for (size_t r = 0; r < pp->pic.n_rooms; r++) {
		size_t n = stays_of_room(pp->pic.state, r, &buf);
		if (n > 0) {
			walk_room(pp, buf.at, n, fn, ctx);
		}
	}
	free(buf.at);
}

/* Keeps the placed picture and the guests, by id, for the pairing. */
static struct rooms_plan_pairing *keep_pairing(const struct desk *desk, struct hotel_picture *pic,
                                               struct plan_guests *guests)
{
	struct rooms_plan_pairing *pp = xcalloc(1, sizeof(*pp));

	pp->pic = *pic;
	pp->guests = *guests;
	plan_guests_sort_by_id(&pp->guests);
	pp->rates = (struct lodging_rates){desk->cfg->room_night, desk->cfg->bed_night};
	return pp;
}

enum action_status action_rooms_plan(struct desk *desk, struct rooms_plan *out, char **cause)
{
	struct hotel_picture pic;
	struct plan_guests guests;

	memset(out, 0, sizeof(*out));
	if (!stays_load(desk->db, desk->cfg->first_night, true, &pic, cause)) {
		return ACTION_FAILED;
	}
	plan_guests_load(desk->db, desk->cfg->first_night, &guests);
	place_everyone(&pic, &guests, out);
	out->first_night = pic.first_night;
	out->supplement_nights = lodging_count_supplement_nights(pic.state);
	out->lower_bound = lodging_supplement_lower_bound(pic.state);
	count_blocks(&pic, out);
	out->pairing = keep_pairing(desk, &pic, &guests);
	return ACTION_OK;
}

void action_rooms_plan_release(struct rooms_plan *out)
{
	for (size_t i = 0; i < out->n_blocks; i++) {
		free(out->blocks[i].hotel);
	}
	free(out->blocks);
	for (size_t i = 0; i < out->n_unplaced; i++) {
		free(out->unplaced[i]);
	}
	free(out->unplaced);
	if (out->pairing != NULL) {
		plan_guests_release(&out->pairing->guests);
		stays_release(&out->pairing->pic);
		free(out->pairing);
	}
	memset(out, 0, sizeof(*out));
}
