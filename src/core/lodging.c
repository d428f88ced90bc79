/*
 * lodging owns who sleeps where (DESIGN section 3, "Lodging"): the state of
 * rooms and stays, and the allocator run at each check-in and by `rooms plan`.
 * It is pure: the store loads rooms and stays into a lodging_state and writes
 * the stays back. Around it, in their own files: the room index that answers
 * "which room fits" (lodging_index.c), the end-of-day `rooms settle`
 * (lodging_settle.c), the invariant check (lodging_check.c) and the charges
 * (lodging_charge.c); lodging_private.h is what they share of the state.
 *
 * The rules, as decided for issue 4:
 *   - Nights are bits (bit i = first_night + i), so "free on all my nights" is
 *     one AND per bed. Each room keeps masks: per bed, per bed USE_SHARED, per
 *     gender (sharers and holds), whole-room guest, HELD. Every check is O(1)
 *     per room and the masks are rebuilt from the room's own stays on change.
 *   - Whole-room guests (king, twin_single) need a room with nobody in any bed
 *     on all their nights: their type at rank 0, the other type at rank 0
 *     (swapped), then overflow ranks ascending, their type first. They take
 *     bed 1. One room for the whole stay, never split.
 *   - Sharers, in order: the bed HELD for them; the room of their mutual
 *     roommate when a bed there is free on all their nights; the twin room
 *     where a same-gender sharer is alone on the most of their nights (one
 *     bed free on all their nights, no opposite gender, whole-room guest or
 *     hold on them; ties to lower rank, then lower room index); a twin room
 *     empty on all their nights (rank 0 first). A sharer whose mutual
 *     roommate is not placed yet opens a room holding the other bed for the
 *     roommate's nights before joining anyone else (a mutual request comes
 *     first of all); when no room can take the hold, the usual order applies.
 *     That greedy order is what makes the odd one out the only one alone when
 *     everyone has the same nights: an arrival always fills a lone sharer's
 *     room before opening one.
 *   - A HELD bed is a bed nobody sleeps in: it blocks the room for others, but
 *     its neighbour is alone (and pays the supplement) on those nights.
 *   - A failed allocation leaves the state unchanged. An arriving guest's own
 *     holds are consumed when they are placed (they are here now), whatever
 *     room type they finally asked for. A guest with no nights inside the
 *     event is NOT_REQUESTED: there is nothing to book.
 *   - Sharers and holds must have a gender (lodging_add_stay refuses them
 *     otherwise): "never mixed genders" cannot be checked without one.
 *   - Beds already given are facts (issue 14): a gender corrected by a
 *     re-import can leave a man and a woman, or a sharer without a gender, in
 *     one room. The store loads them as they are (lodging_load_stay) and the
 *     room is closed while that lasts: its masks then hold both genders on
 *     those nights (room_conflict), so it is neither empty nor joinable,
 *     can_place refuses it, and settle moves nobody in or out. An undo of
 *     either person clears the masks and opens the room again.
 *   - Undo (lodging_remove) also drops a hold that stood beside the removed
 *     sharer and has nobody left beside it: it was held by them, and leaving it
 *     would keep the freed bed from the next arrival until settle.
 *   - Settle (lodging_settle.c) drops every hold, then re-pairs solo sharers
 *     while that strictly lowers the total supplement nights.
 *
 * Speed (`rooms plan`: 100,000 guests over 60,000 rooms): rooms are never
 * scanned one by one; every change to a room moves it to its buckets in the
 * room index (lodging_index.h), and a query looks at one room per bucket.
 */
#include "frontdesk/lodging.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"
#include "lodging_private.h"

static int kind_slot(enum room_kind kind)
{
	return kind == ROOMKIND_TWIN ? 1 : 0;
}

/* ---- rooms ---- */

static void masks_add(struct room_masks *m, const struct lodging_stay *s)
{
	int b = s->bed - 1;
	int sx = sex_slot(s->gender);

	m->bed[b] |= s->nights;
	if (s->use == USE_WHOLE) {
		m->whole |= s->nights;
		return;
	}
	if (s->use == USE_HELD) {
		m->held |= s->nights;
	} else {
		m->shared_bed[b] |= s->nights;
		if (sx >= 0) {
			m->shared_sex[sx] |= s->nights;
		}
	}
	/* a stored sharer without a gender could be either: the room is closed to both */
	for (int g = 0; g < 2; g++) {
		m->sex[g] |= sx < 0 || sx == g ? s->nights : 0;
	}
}

void lodging_room_masks(const struct lodging_state *st, size_t room, struct room_masks *m)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = st->info[room].first; i != LODGING_NONE; i = st->slots[i].room_next) {
		masks_add(m, &st->slots[i].stay);
	}
}

/* Nights on which a sharer of gender sx cannot take bed b. */
static uint64_t bed_blocked(const struct room_masks *m, int b, int sx)
{
	return m->bed[b] | m->sex[1 - sx] | m->whole | m->held;
}

/* Rebuilds the room's masks from its stays and moves it to its buckets. */
static void room_update(struct lodging_state *st, size_t room)
{
	struct room_masks *m = &st->info[room].m;
	uint64_t key[3] = {0, 0, 0};

	lodging_room_masks(st, room, m);
	/* a room with a gender conflict is never empty and never has a lone sharer to join */
	bool closed = room_conflict(m) != 0;
	enum lodging_access access = st->info[room].access;
	int k = kind_slot(st->rooms[room].kind);
	/* another desk's room is never empty here; a lent one is, in an index of its own,
	 * so a FREE room of the same hotel is always found before it */
	key[0] = m->bed[0] | m->bed[1];
	lodging_index_set(&st->lent[k], room, !closed && access == LODGING_ACCESS_BORROW, key);
	key[0] = closed || access != LODGING_ACCESS_FREE ? ~UINT64_C(0) : key[0];
	lodging_index_set(&st->occ[k], room, true, key);
	if (!is_twin(st, room)) {
		return;
	}
	for (int sx = 0; sx < 2; sx++) {
		key[0] = (m->bed[0] ^ m->bed[1]) & m->shared_sex[sx];
		key[1] = bed_blocked(m, 0, sx);
		key[2] = bed_blocked(m, 1, sx);
		lodging_index_set(&st->lone[sx], room,
		                  key[0] != 0 && !closed && access == LODGING_ACCESS_FREE, key);
	}
}

/* ---- stays: slots chained per room and per attendee ---- */

static size_t att_find(const struct lodging_state *st, long id)
{
	size_t mask = st->cap_att - 1;
	size_t s = (size_t)lodging_mix64((uint64_t)id) & mask;

	while (st->att[s].used) {
		if (st->att[s].id == id) {
			return s;
		}
		s = (s + 1) & mask;
	}
	return s;
}

/* Moves the attendee table to cap places (a power of two, more than twice its entries). */
static void att_resize(struct lodging_state *st, size_t cap)
{
	struct att_entry *old = st->att;
	size_t old_cap = st->cap_att;

	st->cap_att = cap;
	st->att = xcalloc(st->cap_att, sizeof(*st->att));
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].used) {
			st->att[att_find(st, old[i].id)] = old[i];
		}
	}
	free(old);
}

static void att_grow(struct lodging_state *st)
{
	att_resize(st, 2 * st->cap_att);
}

/* Returns the first slot of the attendee's stays, or LODGING_NONE. */
static size_t att_head(const struct lodging_state *st, long id)
{
	size_t s = att_find(st, id);

	return st->att[s].used ? st->att[s].head : LODGING_NONE;
}

/* Returns the attendee's entry, making it if new. */
static struct att_entry *att_entry_of(struct lodging_state *st, long id)
{
	size_t s;

	if (2 * (st->n_att + 1) > st->cap_att) {
		att_grow(st);
	}
	s = att_find(st, id);
	if (!st->att[s].used) {
		st->att[s] = (struct att_entry){id, LODGING_NONE, true, false};
		st->n_att++;
	}
	return &st->att[s];
}

/* Returns where the attendee's chain head lives, making the entry if new. */
static size_t *att_head_ref(struct lodging_state *st, long id)
{
	return &att_entry_of(st, id)->head;
}

/*
 * Lists the attendee as changed. Every change to a stay passes here, so a save
 * writes exactly the people whose stays moved, whoever moved them (a hold that
 * gave way, a settle, a roommate's held bed), not only those the caller named.
 */
static void note_change(struct lodging_state *st, long id)
{
	struct att_entry *e = att_entry_of(st, id);

	if (e->changed) {
		return;
	}
	e->changed = true;
	if (st->n_changed == st->cap_changed) {
		st->cap_changed = st->cap_changed ? 2 * st->cap_changed : 16;
		st->changed = xreallocarray(st->changed, st->cap_changed, sizeof(*st->changed));
	}
	st->changed[st->n_changed++] = id;
}

size_t lodging_changed(const struct lodging_state *state, const long **ids)
{
	*ids = state->changed;
	return state->n_changed;
}

void lodging_changed_clear(struct lodging_state *state)
{
	for (size_t i = 0; i < state->n_changed; i++) {
		state->att[att_find(state, state->changed[i])].changed = false;
	}
	state->n_changed = 0;
}

size_t lodging_stays_of(const struct lodging_state *state, long attendee_id,
                        struct lodging_stay *out, size_t max)
{
	size_t n = 0;

	for (size_t i = att_head(state, attendee_id); i != LODGING_NONE;
	     i = state->slots[i].att_next) {
		if (n < max) {
			out[n] = state->slots[i].stay;
		}
		n++;
	}
	return n;
}

static void room_link(struct lodging_state *st, size_t i)
{
	struct slot *sl = &st->slots[i];
	size_t *first = &st->info[sl->stay.room].first;

	sl->room_prev = LODGING_NONE;
	sl->room_next = *first;
	if (*first != LODGING_NONE) {
		st->slots[*first].room_prev = i;
	}
	*first = i;
}

static void room_unlink(struct lodging_state *st, size_t i)
{
	struct slot *sl = &st->slots[i];

	if (sl->room_prev != LODGING_NONE) {
		st->slots[sl->room_prev].room_next = sl->room_next;
	} else {
		st->info[sl->stay.room].first = sl->room_next;
	}
	if (sl->room_next != LODGING_NONE) {
		st->slots[sl->room_next].room_prev = sl->room_prev;
	}
}

/* Records a stay already known to keep every invariant; returns its slot. */
static size_t stay_insert(struct lodging_state *st, const struct lodging_stay *stay)
{
	size_t i = st->free_slot;
	size_t *head;

	if (i != LODGING_NONE) {
		st->free_slot = st->slots[i].room_next;
	} else {
		if (st->n_slots == st->cap_slots) {
			st->cap_slots = st->cap_slots ? 2 * st->cap_slots : 64;
			st->slots = xreallocarray(st->slots, st->cap_slots, sizeof(*st->slots));
		}
		i = st->n_slots++;
	}
	st->slots[i].stay = *stay;
	st->slots[i].live = true;
	note_change(st, stay->attendee_id);
	room_link(st, i);
	head = att_head_ref(st, stay->attendee_id);
	st->slots[i].att_next = *head;
	*head = i;
	st->n_live++;
	room_update(st, stay->room);
	return i;
}

void lodging_stay_delete(struct lodging_state *st, size_t i)
{
	struct slot *sl = &st->slots[i];

	note_change(st, sl->stay.attendee_id);
	size_t *p = att_head_ref(st, sl->stay.attendee_id);
	while (*p != i) {
		p = &st->slots[*p].att_next;
	}
	*p = sl->att_next;
	room_unlink(st, i);
	sl->live = false;
	sl->room_next = st->free_slot;
	st->free_slot = i;
	st->n_live--;
	room_update(st, sl->stay.room);
}

void lodging_stay_move(struct lodging_state *st, size_t i, size_t room, int bed)
{
	size_t from = st->slots[i].stay.room;

	note_change(st, st->slots[i].stay.attendee_id);
	room_unlink(st, i);
	st->slots[i].stay.room = room;
	st->slots[i].stay.bed = bed;
	room_link(st, i);
	room_update(st, from);
	room_update(st, room);
}

/*
 * Whether the stay could be added now without breaking an invariant. A stored
 * one (lodging_load_stay) is not held to "never mixed genders" and may join a
 * closed room; a new one never enters a room with a gender conflict.
 */
static bool can_place_as(const struct lodging_state *st, const struct lodging_stay *s, bool stored)
{
	const struct room_masks *m;
	int sx = sex_slot(s->gender);

	if (s->room >= st->n_rooms || s->bed < 1 || s->bed > 2) {
		return false;
	}
	if (s->use != USE_WHOLE && s->use != USE_SHARED && s->use != USE_HELD) {
		return false;
	}
	if ((!is_twin(st, s->room) || s->use == USE_WHOLE) &&
	    (s->bed != 1 || s->use != USE_WHOLE)) {
		return false;
	}
	m = &st->info[s->room].m;
	if ((m->bed[s->bed - 1] & s->nights) || (!stored && room_conflict(m) != 0)) {
		return false;
	}
	if (s->use == USE_WHOLE) {
		return ((m->bed[0] | m->bed[1]) & s->nights) == 0;
	}
	if (stored) {
		return (m->whole & s->nights) == 0;
	}
	return sx >= 0 && ((m->whole | m->sex[1 - sx]) & s->nights) == 0;
}

static bool can_place(const struct lodging_state *st, const struct lodging_stay *s)
{
	return can_place_as(st, s, false);
}

/* ---- life cycle and the plain accessors ---- */

static int order_cmp(const void *a, const void *b)
{
	const long *x = a;
	const long *y = b;

	/* x[0] rank, x[1] room index: no two rooms compare equal. */
	if (x[0] != y[0]) {
		return x[0] < y[0] ? -1 : 1;
	}
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

struct lodging_state *lodging_new(const struct lodging_room *rooms, size_t n_rooms)
{
	struct lodging_state *st = xcalloc(1, sizeof(*st));
	long(*keys)[2] = xcalloc(n_rooms, sizeof(*keys));

	st->n_rooms = n_rooms;
	st->rooms = xcalloc(n_rooms, sizeof(*st->rooms));
	if (n_rooms > 0) {
		memcpy(st->rooms, rooms, n_rooms * sizeof(*rooms));
	}
	st->info = xcalloc(n_rooms, sizeof(*st->info));
	st->ord = xcalloc(n_rooms, sizeof(*st->ord));
	st->ord_room = xcalloc(n_rooms, sizeof(*st->ord_room));
	for (size_t r = 0; r < n_rooms; r++) {
		keys[r][0] = rooms[r].hotel_rank;
		keys[r][1] = (long)r;
	}
	qsort(keys, n_rooms, sizeof(*keys), order_cmp);
	for (size_t k = 0; k < n_rooms; k++) {
		st->ord_room[k] = (size_t)keys[k][1];
		st->ord[keys[k][1]] = k;
	}
	free(keys);
	st->free_slot = LODGING_NONE;
	st->cap_att = 64;
	st->att = xcalloc(st->cap_att, sizeof(*st->att));
	for (int i = 0; i < 2; i++) {
		lodging_index_init(&st->occ[i], n_rooms, st->ord, st->ord_room);
		lodging_index_init(&st->lone[i], n_rooms, st->ord, st->ord_room);
		lodging_index_init(&st->lent[i], n_rooms, st->ord, st->ord_room);
	}
	for (size_t r = 0; r < n_rooms; r++) {
		st->info[r].first = LODGING_NONE;
		room_update(st, r);
	}
	return st;
}

void lodging_reserve(struct lodging_state *state, size_t n_stays)
{
	size_t cap_att = state->cap_att;

	if (n_stays > state->cap_slots) {
		state->cap_slots = n_stays;
		state->slots = xreallocarray(state->slots, state->cap_slots, sizeof(*state->slots));
	}
	/* as many attendees as stays at most: the table's last doubling, old and new
	 * side by side, was the peak of a 100k plan */
	while (2 * (n_stays + 1) > cap_att) {
		cap_att *= 2;
	}
	if (cap_att > state->cap_att) {
		att_resize(state, cap_att);
	}
}

void lodging_free(struct lodging_state *state)
{
	if (state == NULL) {
		return;
	}
	for (int i = 0; i < 2; i++) {
		lodging_index_release(&state->occ[i]);
		lodging_index_release(&state->lone[i]);
		lodging_index_release(&state->lent[i]);
	}
	free(state->rooms);
	free(state->info);
	free(state->ord);
	free(state->ord_room);
	free(state->slots);
	free(state->att);
	free(state->changed);
	free(state);
}

void lodging_set_access(struct lodging_state *state, size_t room, enum lodging_access access)
{
	if (room >= state->n_rooms || state->info[room].access == access) {
		return;
	}
	struct room_occupancy *info = &state->info[room];

	state->n_restricted += access != LODGING_ACCESS_FREE ? 1 : 0;
	state->n_restricted -= info->access != LODGING_ACCESS_FREE ? 1 : 0;
	info->access = access;
	room_update(state, room);
}

enum lodging_access lodging_get_access(const struct lodging_state *state, size_t room)
{
	return room < state->n_rooms ? state->info[room].access : LODGING_ACCESS_FREE;
}

void lodging_clear_access(struct lodging_state *state)
{
	for (size_t r = 0; state->n_restricted > 0 && r < state->n_rooms; r++) {
		lodging_set_access(state, r, LODGING_ACCESS_FREE);
	}
}

bool lodging_add_stay(struct lodging_state *state, const struct lodging_stay *stay)
{
	if (!can_place(state, stay)) {
		return false;
	}
	stay_insert(state, stay);
	return true;
}

bool lodging_load_stay(struct lodging_state *state, const struct lodging_stay *stay)
{
	if (!can_place_as(state, stay, true)) {
		return false;
	}
	stay_insert(state, stay);
	struct room_occupancy *info = &state->info[stay->room];
	info->loaded_conflict |= room_conflict(&info->m) != 0;
	return true;
}

uint64_t lodging_room_gender_conflict(const struct lodging_state *state, size_t room)
{
	return room < state->n_rooms ? room_conflict(&state->info[room].m) : 0;
}

/*
 * After a sharer left room/bed, drops the holds in the other bed that nobody in
 * that bed overlaps any more: they were held by the one who left.
 */
static void drop_orphan_holds(struct lodging_state *st, size_t room, int bed)
{
	size_t i = st->info[room].first;

	while (i != LODGING_NONE) {
		const struct lodging_stay *s = &st->slots[i].stay;
		size_t next = st->slots[i].room_next;

		if (s->use == USE_HELD && s->bed != bed &&
		    (s->nights & st->info[room].m.shared_bed[bed - 1]) == 0) {
			lodging_stay_delete(st, i);
		}
		i = next;
	}
}

void lodging_remove(struct lodging_state *state, long attendee_id)
{
	size_t i;

	while ((i = att_head(state, attendee_id)) != LODGING_NONE) {
		struct lodging_stay gone = state->slots[i].stay;

		lodging_stay_delete(state, i);
		if (gone.use == USE_SHARED) {
			drop_orphan_holds(state, gone.room, gone.bed);
		}
	}
}

static int stay_cmp(const void *a, const void *b)
{
	const struct lodging_stay *x = a;
	const struct lodging_stay *y = b;
	int fx = x->nights ? __builtin_ctzll(x->nights) : LODGING_MAX_NIGHTS;
	int fy = y->nights ? __builtin_ctzll(y->nights) : LODGING_MAX_NIGHTS;

	if (x->room != y->room) {
		return x->room < y->room ? -1 : 1;
	}
	if (x->bed != y->bed) {
		return x->bed < y->bed ? -1 : 1;
	}
	if (fx != fy) {
		return fx < fy ? -1 : 1;
	}
	if (x->attendee_id != y->attendee_id) {
		return x->attendee_id < y->attendee_id ? -1 : 1;
	}
	return (int)x->use - (int)y->use;
}

/* Copies every live stay into out (room for n_live) in stay_cmp order; returns how many. */
static size_t sorted_stays(const struct lodging_state *state, struct lodging_stay *out)
{
	size_t n = 0;

	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live) {
			out[n++] = state->slots[i].stay;
		}
	}
	qsort(out, n, sizeof(*out), stay_cmp);
	return n;
}

size_t lodging_stays(const struct lodging_state *state, struct lodging_stay *out, size_t max)
{
	if (max == 0) {
		return state->n_live;
	}
	/* sorted where the caller wants them when they fit: a 100k plan's stays are 4 MiB */
	if (max >= state->n_live) {
		return sorted_stays(state, out);
	}
	struct lodging_stay *all = xcalloc(state->n_live, sizeof(*all));
	size_t n = sorted_stays(state, all);
	memcpy(out, all, max * sizeof(*all));
	free(all);
	return n;
}

size_t lodging_room_stays(const struct lodging_state *state, size_t room, struct lodging_stay *out,
                          size_t max)
{
	size_t n = 0;

	for (size_t i = state->info[room].first; i != LODGING_NONE; i = state->slots[i].room_next) {
		if (n < max) {
			out[n] = state->slots[i].stay;
		}
		n++;
	}
	if (n > 1 && n <= max) {
		qsort(out, n, sizeof(*out), stay_cmp);
	}
	return n;
}

void lodging_each_stay(const struct lodging_state *state,
                       void (*take)(const struct lodging_stay *stay, void *arg), void *arg)
{
	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live) {
			take(&state->slots[i].stay, arg);
		}
	}
}

uint64_t lodging_alone_nights(const struct lodging_state *state, long attendee_id)
{
	uint64_t alone = 0;

	for (size_t i = att_head(state, attendee_id); i != LODGING_NONE;
	     i = state->slots[i].att_next) {
		alone |= stay_alone(state, &state->slots[i].stay);
	}
	return alone;
}

/* ---- allocation ---- */

/* Removes the guest's own holds, keeping copies to put back if they get nothing. */
static size_t take_holds(struct lodging_state *st, long id, struct lodging_stay **held)
{
	size_t n = 0;
	size_t i = att_head(st, id);

	*held = NULL;
	while (i != LODGING_NONE) {
		size_t next = st->slots[i].att_next;

		if (st->slots[i].stay.use == USE_HELD) {
			*held = xreallocarray(*held, n + 1, sizeof(**held));
			(*held)[n++] = st->slots[i].stay;
			lodging_stay_delete(st, i);
		}
		i = next;
	}
	return n;
}

static void restore_holds(struct lodging_state *st, const struct lodging_stay *held, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		stay_insert(st, &held[i]);
	}
}

static void place(struct lodging_state *st, const struct lodging_guest *g, size_t room, int bed,
                  enum lodging_use use, struct lodging_result *out)
{
	struct lodging_stay s = {g->attendee_id, room, bed, g->nights, g->gender, use};

	stay_insert(st, &s);
	out->outcome = LODGING_PLACED;
	out->room = room;
	out->bed = bed;
	out->overflow = st->rooms[room].hotel_rank > 0;
}

/* Whether room a (or LODGING_NONE) comes before b (LODGING_NONE: never) by hotel rank alone. */
static bool lower_rank(const struct lodging_state *st, size_t a, size_t b)
{
	return a != LODGING_NONE &&
	       (b == LODGING_NONE || st->rooms[a].hotel_rank < st->rooms[b].hotel_rank);
}

static bool allocate_whole(struct lodging_state *st, const struct lodging_guest *g,
                           struct lodging_result *out)
{
	int own = g->request == ROOM_KING ? 0 : 1;
	/* in order of preference at one rank: their type, their type lent by another desk, the
	 * other type, the other type lent (a lent room keeps the guest's type: a swap would not) */
	size_t found[4] = {lodging_index_find_empty(&st->occ[own], g->nights),
	                   lodging_index_find_empty(&st->lent[own], g->nights),
	                   lodging_index_find_empty(&st->occ[1 - own], g->nights),
	                   lodging_index_find_empty(&st->lent[1 - own], g->nights)};
	size_t room = LODGING_NONE;

	for (int i = 0; i < 4; i++) {
		if (lower_rank(st, found[i], room)) {
			room = found[i];
		}
	}
	if (room == LODGING_NONE) {
		return false;
	}
	place(st, g, room, 1, USE_WHOLE, out);
	out->swapped = kind_slot(st->rooms[room].kind) != own;
	return true;
}

/* Whether the sharer could take room/bed on all of their nights. */
static bool sharer_fits(const struct lodging_state *st, const struct lodging_guest *g, size_t room,
                        int bed)
{
	struct lodging_stay s = {g->attendee_id, room, bed, g->nights, g->gender, USE_SHARED};

	return can_place(st, &s);
}

/* Step 1: the bed held for them (their holds are already taken out of the state). */
static bool join_held_bed(struct lodging_state *st, const struct lodging_guest *g,
                          const struct lodging_stay *held, size_t n_held,
                          struct lodging_result *out)
{
	size_t best = LODGING_NONE;

	for (size_t i = 0; i < n_held; i++) {
		if (sharer_fits(st, g, held[i].room, held[i].bed) &&
		    (best == LODGING_NONE || st->ord[held[i].room] < st->ord[held[best].room])) {
			best = i;
		}
	}
	if (best == LODGING_NONE) {
		return false;
	}
	place(st, g, held[best].room, held[best].bed, USE_SHARED, out);
	out->joined_roommate = true;
	return true;
}

/* Step 2: the mutual roommate's room, the other bed first. */
static bool join_roommate(struct lodging_state *st, const struct lodging_guest *g,
                          struct lodging_result *out)
{
	size_t i;

	if (g->roommate_id < 0 || g->roommate_id == g->attendee_id) {
		return false;
	}
	for (i = att_head(st, g->roommate_id); i != LODGING_NONE; i = st->slots[i].att_next) {
		const struct lodging_stay *s = &st->slots[i].stay;

		/* a free bed beside them, not held: another desk may be pairing a stranger there */
		if (s->use != USE_SHARED || st->info[s->room].access != LODGING_ACCESS_FREE) {
			continue;
		}
		for (int k = 0; k < 2; k++) {
			int bed = k == 0 ? 3 - s->bed : s->bed;

			if (sharer_fits(st, g, s->room, bed)) {
				place(st, g, s->room, bed, USE_SHARED, out);
				out->joined_roommate = true;
				return true;
			}
		}
	}
	return false;
}

static bool roommate_pending(const struct lodging_state *st, const struct lodging_guest *g)
{
	return g->roommate_id >= 0 && g->roommate_id != g->attendee_id && g->roommate_nights != 0 &&
	       att_head(st, g->roommate_id) == LODGING_NONE;
}

/*
 * Step 4: a twin room empty on all their nights; hold the other bed for a
 * pending roommate. With must_hold, only a room where the hold fits will do
 * (nothing is placed otherwise).
 */
static bool open_twin(struct lodging_state *st, const struct lodging_guest *g, bool must_hold,
                      struct lodging_result *out)
{
	size_t room = lodging_index_find_empty(&st->occ[1], g->nights);
	size_t lent = lodging_index_find_empty(&st->lent[1], g->nights);
	room = lower_rank(st, lent, room) ? lent : room;
	struct lodging_stay hold = {g->roommate_id,     room,      2,
	                            g->roommate_nights, g->gender, USE_HELD};
	bool holding = false;

	if (room == LODGING_NONE) {
		return false;
	}
	if (roommate_pending(st, g)) {
		/* The roommate in bed 2 if they fit there, else in bed 1 and the guest in bed 2. */
		holding = can_place(st, &hold);
		if (!holding) {
			hold.bed = 1;
			holding = can_place(st, &hold);
		}
	}
	if (must_hold && !holding) {
		return false;
	}
	place(st, g, room, holding ? 3 - hold.bed : 1, USE_SHARED, out);
	if (holding) {
		stay_insert(st, &hold);
		out->held_for_roommate = true;
	}
	return true;
}

static bool allocate_sharer(struct lodging_state *st, const struct lodging_guest *g,
                            const struct lodging_stay *held, size_t n_held,
                            struct lodging_result *out)
{
	struct lodging_join j;

	if (join_held_bed(st, g, held, n_held, out) || join_roommate(st, g, out)) {
		return true;
	}
	/* "a mutual roommate request first of all" (DESIGN): the first of the pair to arrive
	 * opens a room and holds the other bed rather than pairing with a stranger */
	if (roommate_pending(st, g) && open_twin(st, g, true, out)) {
		return true;
	}
	j = lodging_index_find_lone(&st->lone[sex_slot(g->gender)], g->nights, LODGING_NONE);
	if (j.room != LODGING_NONE) {
		place(st, g, j.room, j.bed, USE_SHARED, out);
		return true;
	}
	return open_twin(st, g, false, out);
}

/* The attendee in the other bed on most of the stay's nights (lower id on a tie), or -1. */
static long sharing_with(const struct lodging_state *st, const struct lodging_stay *s)
{
	long best = -1;
	int most = 0;

	for (size_t i = st->info[s->room].first; i != LODGING_NONE; i = st->slots[i].room_next) {
		const struct lodging_stay *o = &st->slots[i].stay;
		int n = popcount(o->nights & s->nights);

		if (o->use != USE_SHARED || o->bed == s->bed || n == 0) {
			continue;
		}
		if (n > most || (n == most && o->attendee_id < best)) {
			best = o->attendee_id;
			most = n;
		}
	}
	return best;
}

static void describe_sharer(const struct lodging_state *st, long id, struct lodging_result *out)
{
	for (size_t i = att_head(st, id); i != LODGING_NONE; i = st->slots[i].att_next) {
		const struct lodging_stay *s = &st->slots[i].stay;

		if (s->use == USE_SHARED && s->room == out->room && s->bed == out->bed) {
			out->alone_nights = stay_alone(st, s);
			out->shares_with = sharing_with(st, s);
			return;
		}
	}
}

/*
 * After LODGING_NO_ROOM: whether a room this desk may not choose would take the
 * guest (any type, either bed). Only then, so a pass over the rooms is cheap.
 */
static bool fits_where_closed(const struct lodging_state *st, const struct lodging_guest *g,
                              bool whole)
{
	for (size_t r = 0; st->n_restricted > 0 && r < st->n_rooms; r++) {
		struct lodging_stay s = {g->attendee_id, r,         1,
		                         g->nights,      g->gender, whole ? USE_WHOLE : USE_SHARED};
		if (st->info[r].access == LODGING_ACCESS_FREE) {
			continue;
		}
		if (can_place(st, &s)) {
			return true;
		}
		s.bed = 2;
		if (!whole && is_twin(st, r) && can_place(st, &s)) {
			return true;
		}
	}
	return false;
}

void lodging_allocate(struct lodging_state *state, const struct lodging_guest *guest,
                      struct lodging_result *out)
{
	struct lodging_stay *held;
	size_t n_held;
	bool whole = guest->request == ROOM_KING || guest->request == ROOM_TWIN_SINGLE;
	bool placed;

	memset(out, 0, sizeof(*out));
	out->shares_with = -1;
	out->outcome = LODGING_NOT_REQUESTED;
	if ((!whole && guest->request != ROOM_BED) || guest->nights == 0) {
		return;
	}
	if (!whole && sex_slot(guest->gender) < 0) {
		out->outcome = LODGING_GENDER_MISSING;
		return;
	}
	n_held = take_holds(state, guest->attendee_id, &held);
	placed = whole ? allocate_whole(state, guest, out)
	               : allocate_sharer(state, guest, held, n_held, out);
	if (!placed) {
		restore_holds(state, held, n_held);
		out->outcome = LODGING_NO_ROOM;
		out->elsewhere = fits_where_closed(state, guest, whole);
	} else if (!whole) {
		describe_sharer(state, guest->attendee_id, out);
	}
	free(held);
}

/* ---- placing at a given bed (a merge replaying a desk's check-in) ---- */

/* Whether a hold keeps the stay s out of its bed: a hold nobody sleeps in gives way. */
static bool hold_blocks(const struct lodging_stay *hold, const struct lodging_stay *s)
{
	return hold->use == USE_HELD && (hold->nights & s->nights) != 0 &&
	       (hold->bed == s->bed || s->use == USE_WHOLE || hold->gender != s->gender);
}

/* Deletes the holds in s's room that block s, keeping copies to put back. */
static size_t drop_blocking_holds(struct lodging_state *st, const struct lodging_stay *s,
                                  struct lodging_stay **dropped)
{
	size_t n = 0;
	size_t i = st->info[s->room].first;

	*dropped = NULL;
	while (i != LODGING_NONE) {
		size_t next = st->slots[i].room_next;

		if (hold_blocks(&st->slots[i].stay, s)) {
			*dropped = xreallocarray(*dropped, n + 1, sizeof(**dropped));
			(*dropped)[n++] = st->slots[i].stay;
			lodging_stay_delete(st, i);
		}
		i = next;
	}
	return n;
}

/* Like open_twin: the first of a mutual pair holds the other bed when it is free. */
static void hold_beside(struct lodging_state *st, const struct lodging_guest *g, size_t room,
                        int bed, struct lodging_result *out)
{
	struct lodging_stay hold = {g->roommate_id,     room,      3 - bed,
	                            g->roommate_nights, g->gender, USE_HELD};

	if (roommate_pending(st, g) && can_place(st, &hold)) {
		stay_insert(st, &hold);
		out->held_for_roommate = true;
	}
}

static bool was_held_at(const struct lodging_stay *held, size_t n, size_t room, int bed)
{
	for (size_t i = 0; i < n; i++) {
		if (held[i].room == room && held[i].bed == bed) {
			return true;
		}
	}
	return false;
}

bool lodging_place_at(struct lodging_state *state, const struct lodging_guest *guest, size_t room,
                      int bed, struct lodging_result *out)
{
	bool whole = guest->request == ROOM_KING || guest->request == ROOM_TWIN_SINGLE;
	struct lodging_stay s = {guest->attendee_id, room,          whole ? 1 : bed,
	                         guest->nights,      guest->gender, whole ? USE_WHOLE : USE_SHARED};
	struct lodging_stay *held, *dropped;

	memset(out, 0, sizeof(*out));
	out->shares_with = -1;
	out->outcome = LODGING_NOT_REQUESTED;
	if ((!whole && guest->request != ROOM_BED) || guest->nights == 0 ||
	    room >= state->n_rooms || (!whole && sex_slot(guest->gender) < 0)) {
		return false;
	}
	size_t n_held = take_holds(state, guest->attendee_id, &held);
	size_t n_dropped = drop_blocking_holds(state, &s, &dropped);
	bool fits = can_place(state, &s);
	if (fits) {
		place(state, guest, room, s.bed, s.use, out);
		out->joined_roommate = was_held_at(held, n_held, room, s.bed);
		if (whole) {
			out->swapped = (guest->request == ROOM_KING) !=
			               (state->rooms[room].kind == ROOMKIND_KING);
		} else {
			hold_beside(state, guest, room, s.bed, out);
			describe_sharer(state, guest->attendee_id, out);
		}
	} else {
		restore_holds(state, dropped, n_dropped);
		restore_holds(state, held, n_held);
	}
	free(held);
	free(dropped);
	return fits;
}

long lodging_occupant(const struct lodging_state *state, size_t room, int bed, uint64_t nights)
{
	long anyone = -1;

	if (room >= state->n_rooms) {
		return -1;
	}
	for (size_t i = state->info[room].first; i != LODGING_NONE; i = state->slots[i].room_next) {
		const struct lodging_stay *s = &state->slots[i].stay;

		if (s->use == USE_HELD || (s->nights & nights) == 0) {
			continue;
		}
		if (s->bed == bed) {
			return s->attendee_id;
		}
		anyone = anyone < 0 ? s->attendee_id : anyone;
	}
	return anyone;
}
