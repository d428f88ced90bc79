/*
 * plan runs the check-in allocator over every booking before the event, on
 * empty hotels and in reg_no order, to tell the hotels how many rooms of each
 * type to hold each night. Bookings are read in one query and roommates
 * resolved on sorted arrays: a 100k-person event must plan in under 2 s.
 */
#include "frontdesk/actions/plan.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/query.h"
#include "frontdesk/stays.h"
#include "frontdesk/rooming.h"
#include "frontdesk/xmalloc.h"
#include "rooms_private.h"

struct keyed {
	const char *key;
	size_t index;
};

static int compare_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* Sorted views of the bookings by reg_no and by name, to resolve roommate texts. */
struct book_index {
	struct keyed *by_reg_no;
	struct keyed *by_name;
	size_t n;
};

static void index_bookings(const struct booking *b, size_t n, struct book_index *ix)
{
	ix->n = n;
	ix->by_reg_no = xcalloc(n ? n : 1, sizeof(struct keyed));
	ix->by_name = xcalloc(n ? n : 1, sizeof(struct keyed));
	for (size_t i = 0; i < n; i++) {
		ix->by_reg_no[i] = (struct keyed){b[i].reg_no, i};
		ix->by_name[i] = (struct keyed){b[i].name, i};
	}
	qsort(ix->by_reg_no, n, sizeof(struct keyed), compare_keyed);
	qsort(ix->by_name, n, sizeof(struct keyed), compare_keyed);
}

/* Same rule as query_roommate_id: a reg_no, else a name held by exactly one person. */
static long resolve(const struct booking *b, const struct book_index *ix, const char *text)
{
	struct keyed key = {text, 0};
	struct keyed *hit = bsearch(&key, ix->by_reg_no, ix->n, sizeof(key), compare_keyed);

	if (hit != NULL) {
		return (long)hit->index;
	}
	hit = bsearch(&key, ix->by_name, ix->n, sizeof(key), compare_keyed);
	if (hit == NULL) {
		return -1;
	}
	bool unique = (hit == ix->by_name || strcmp(hit[-1].key, text) != 0) &&
	              (hit + 1 == ix->by_name + ix->n || strcmp(hit[1].key, text) != 0);
	return unique && b[hit->index].eligible ? (long)hit->index : -1;
}

static bool sharer(const struct booking *b)
{
	return b->eligible && b->room == ROOM_BED && b->gender != GENDER_UNKNOWN &&
	       b->roommate != NULL;
}

/* Returns the index of b[i]'s mutual roommate, or -1 (same rule as query_mutual_roommate). */
static long mutual(const struct booking *b, const struct book_index *ix, size_t i)
{
	if (!sharer(&b[i])) {
		return -1;
	}
	long k = resolve(b, ix, b[i].roommate);
	if (k < 0 || (size_t)k == i || !sharer(&b[k]) || b[k].gender != b[i].gender ||
	    resolve(b, ix, b[k].roommate) != (long)i) {
		return -1;
	}
	return k;
}

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

/*
 * Places bookings grouped by their nights: pairing in plain reg_no order let
 * short stays break up pairs (thousands of supplement nights above the bound
 * on the bench event; grouped, a handful).
 */
static void place_everyone(struct hotel_picture *pic, const struct booking *b, size_t n,
                           struct rooms_plan *out)
{
	struct book_index ix;
	struct plan_order *order = xcalloc(n ? n : 1, sizeof(*order));

	index_bookings(b, n, &ix);
	for (size_t i = 0; i < n; i++) {
		order[i] = (struct plan_order){
		    lodging_nights_mask(pic->first_night, b[i].arrive, b[i].depart), i};
	}
	qsort(order, n, sizeof(*order), compare_order);
	for (size_t o = 0; o < n; o++) {
		size_t i = order[o].index;
		if (!b[i].eligible || b[i].room == ROOM_NONE) {
			continue;
		}
		long k = mutual(b, &ix, i);
		struct lodging_guest g = {
		    b[i].id,
		    b[i].room,
		    b[i].gender,
		    lodging_nights_mask(pic->first_night, b[i].arrive, b[i].depart),
		    k >= 0 ? b[k].id : -1,
		    k >= 0 ? lodging_nights_mask(pic->first_night, b[k].arrive, b[k].depart) : 0,
		};
		struct lodging_result res;
		lodging_allocate(pic->state, &g, &res);
		if (res.outcome == LODGING_PLACED) {
			out->placed++;
		} else {
			add_unplaced(out, b[i].reg_no);
		}
	}
	free(order);
	free(ix.by_reg_no);
	free(ix.by_name);
}

/* Counts, per room, the nights anyone sleeps there, then adds them to hotel/type/night blocks. */
static void count_blocks(const struct hotel_picture *pic, const struct lodging_stay *stays,
                         size_t n_stays, struct rooms_plan *out)
{
	uint64_t *used = xcalloc(pic->n_rooms ? pic->n_rooms : 1, sizeof(uint64_t));

	for (size_t i = 0; i < n_stays; i++) {
		used[stays[i].room] |= stays[i].nights;
	}
	for (size_t r = 0; r < pic->n_rooms; r++) {
		for (int bit = 0; bit < LODGING_MAX_NIGHTS; bit++) {
			if (!(used[r] & (UINT64_C(1) << bit))) {
				continue;
			}
			const struct room_info *room = &pic->rooms[r];
			long night = pic->first_night + bit;
			size_t k = 0;
			while (k < out->n_blocks &&
			       !(strcmp(out->blocks[k].hotel, room->hotel) == 0 &&
			         out->blocks[k].kind == room->kind &&
			         out->blocks[k].night == night)) {
				k++;
			}
			if (k == out->n_blocks) {
				out->blocks =
				    xreallocarray(out->blocks, k + 1, sizeof(*out->blocks));
				out->blocks[k] = (struct rooms_plan_block){xstrdup(room->hotel),
				                                           room->kind, night, 0};
				out->n_blocks++;
			}
			out->blocks[k].rooms++;
		}
	}
	free(used);
}

struct id_slot {
	long id;
	size_t index;
};

static int compare_slots(const void *a, const void *b)
{
	long x = ((const struct id_slot *)a)->id, y = ((const struct id_slot *)b)->id;

	return (x > y) - (x < y);
}

static struct occupant make_occupant(const struct lodging_state *state,
                                     const struct lodging_stay *s, const struct booking *b)
{
	struct occupant o = {
	    .attendee_id = s->attendee_id,
	    .reg_no = xstrdup(b->reg_no),
	    .name = xstrdup(b->name),
	    .gender = b->gender,
	    .request = b->room,
	    .use = s->use,
	    .bed = s->bed,
	    .nights = s->nights,
	    .alone_nights = s->use == USE_SHARED ? lodging_alone_nights(state, s->attendee_id) : 0,
	};
	return o;
}

/* Turns the allocator's stays into a rooming list, room by room in hotel order. */
static void build_pairing(const struct hotel_picture *pic, const struct lodging_stay *stays,
                          size_t n_stays, const struct booking *b, size_t n_b,
                          struct rooming_list *out)
{
	struct id_slot *slots = xcalloc(n_b ? n_b : 1, sizeof(*slots));
	struct rooming_room *by_room = xcalloc(pic->n_rooms ? pic->n_rooms : 1, sizeof(*by_room));

	for (size_t i = 0; i < n_b; i++) {
		slots[i] = (struct id_slot){b[i].id, i};
	}
	qsort(slots, n_b, sizeof(*slots), compare_slots);
	for (size_t i = 0; i < n_stays; i++) {
		struct id_slot key = {stays[i].attendee_id, 0};
		struct id_slot *hit = bsearch(&key, slots, n_b, sizeof(key), compare_slots);
		struct rooming_room *r = &by_room[stays[i].room];
		if (hit == NULL) {
			continue;
		}
		r->occupants =
		    xreallocarray(r->occupants, r->n_occupants + 1, sizeof(struct occupant));
		r->occupants[r->n_occupants++] =
		    make_occupant(pic->state, &stays[i], &b[hit->index]);
	}
	memset(out, 0, sizeof(*out));
	out->first_night = pic->first_night;
	out->rooms = xcalloc(pic->n_rooms ? pic->n_rooms : 1, sizeof(*out->rooms));
	for (size_t r = 0; r < pic->n_rooms; r++) {
		if (by_room[r].n_occupants == 0) {
			continue;
		}
		struct rooming_room *dst = &out->rooms[out->n_rooms++];
		*dst = by_room[r];
		dst->id = pic->rooms[r].id;
		dst->hotel = xstrdup(pic->rooms[r].hotel);
		dst->room = xstrdup(pic->rooms[r].room);
		dst->floor = pic->rooms[r].floor ? xstrdup(pic->rooms[r].floor) : NULL;
		dst->kind = pic->rooms[r].kind;
		dst->hotel_rank = pic->rooms[r].hotel_rank;
	}
	free(by_room);
	free(slots);
}

enum action_status action_rooms_plan(struct desk *desk, struct rooms_plan *out, char **cause)
{
	struct hotel_picture pic;
	struct booking *b;

	memset(out, 0, sizeof(*out));
	if (!stays_load(desk->db, desk->cfg->first_night, true, &pic, cause)) {
		return ACTION_FAILED;
	}
	size_t n_b = query_bookings(desk->db, &b);
	place_everyone(&pic, b, n_b, out);
	size_t n_stays = lodging_stays(pic.state, NULL, 0);
	struct lodging_stay *stays = xcalloc(n_stays ? n_stays : 1, sizeof(*stays));
	lodging_stays(pic.state, stays, n_stays);
	count_blocks(&pic, stays, n_stays, out);
	struct rooming_list pairing;
	build_pairing(&pic, stays, n_stays, b, n_b, &pairing);
	rooms_view_fill(desk, &pairing, &out->pairing);
	rooming_free(&pairing);
	out->supplement_nights = lodging_count_supplement_nights(pic.state);
	out->lower_bound = lodging_supplement_lower_bound(pic.state);
	free(stays);
	query_bookings_free(b, n_b);
	stays_release(&pic);
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
	action_rooms_view_release(&out->pairing);
	memset(out, 0, sizeof(*out));
}
