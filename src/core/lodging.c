/*
 * lodging owns who sleeps where (DESIGN section 3, "Lodging"): the allocator
 * run at each check-in and by `rooms plan`, the end-of-day `rooms settle`, the
 * invariant check and the charges. It is pure: the store loads rooms and stays
 * into a lodging_state and writes the stays back.
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
 *     empty on all their nights (rank 0 first). Opening a room with a mutual
 *     roommate not yet placed holds the other bed for the roommate's nights.
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
 *   - Undo (lodging_remove) also drops a hold that stood beside the removed
 *     sharer and has nobody left beside it: it was held by them, and leaving it
 *     would keep the freed bed from the next arrival until settle.
 *   - Settle drops every hold, then moves a sharer with alone nights into
 *     another room with a lone same-gender sharer when that strictly lowers
 *     the total supplement nights. Moving m into room B changes the total by
 *     2 * (paired(m) - overlap(m, B)), so the best move is the one with the
 *     largest overlap - paired; ties go to the lower attendee id, then the
 *     lower (hotel rank, room index). Both genders are searched together: a
 *     man leaving a room can unblock a woman's move into it. The total drops
 *     at every move, so it terminates; it returns every move made, even past
 *     max. Each step looks at every solo sharer, so it is quadratic in them:
 *     fine for an end of check-in day, not meant for 10,000 no-shows.
 *
 * Speed (`rooms plan`: 100,000 guests over 60,000 rooms): rooms are never
 * scanned one by one. Rooms whose masks look the same are interchangeable
 * except for their order, so an index groups them into buckets keyed by the
 * masks that matter (occupancy per room kind; lone nights and blocked nights
 * per bed for each gender), each bucket a heap by (hotel rank, room index)
 * with lazy deletion. A query looks at one room per bucket, and there are few
 * distinct buckets because guests come in few night patterns.
 */
#include "frontdesk/lodging.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

#define NONE SIZE_MAX

/* ---- bucket index ---- */

struct heap_entry {
	size_t ord; /* the room's position in (hotel rank, room index) order */
	uint32_t ver;
};

struct bucket {
	uint64_t key[3];
	struct heap_entry *heap;
	size_t n, cap;
	size_t active_pos; /* NONE when not in the active list */
};

struct member {
	size_t bucket; /* NONE when the room is in no bucket of this index */
	uint32_t ver;  /* bumped at every move: older heap entries are stale */
};

struct bindex {
	struct bucket *buckets;
	size_t n_buckets, cap_buckets;
	size_t *slots; /* hash of keys: bucket id + 1, 0 when empty */
	size_t n_slots;
	size_t *active; /* buckets that may hold a room */
	size_t n_active;
	struct member *members; /* per room */
	const size_t *ord_room;
};

/* ---- state ---- */

struct room_masks {
	uint64_t bed[2];        /* any stay, per bed */
	uint64_t shared_bed[2]; /* USE_SHARED, per bed */
	uint64_t sex[2];        /* sharer or hold, per gender (0 female, 1 male) */
	uint64_t shared_sex[2]; /* USE_SHARED, per gender */
	uint64_t whole;
	uint64_t held;
};

struct room_info {
	struct room_masks m;
	size_t first; /* first slot of the room's stays */
};

struct slot {
	struct lodging_stay stay;
	bool live;
	size_t room_prev, room_next; /* room_next also chains free slots */
	size_t att_next;
};

struct att_entry {
	long id;
	size_t head;
	bool used;
};

struct lodging_state {
	struct lodging_room *rooms;
	size_t n_rooms;
	struct room_info *info;
	size_t *ord;      /* room -> position in (rank, index) order */
	size_t *ord_room; /* position -> room */
	struct slot *slots;
	size_t n_slots, cap_slots, free_slot, n_live;
	struct att_entry *att;
	size_t n_att, cap_att;
	struct bindex occ[2];  /* per kind (0 king, 1 twin): key = nights with anyone */
	struct bindex lone[2]; /* per gender: key = lone nights, blocked nights per bed */
};

static int popcount(uint64_t x)
{
	return __builtin_popcountll(x);
}

static int sex_slot(enum gender g)
{
	return g == GENDER_FEMALE ? 0 : g == GENDER_MALE ? 1 : -1;
}

static int kind_slot(enum room_kind kind)
{
	return kind == ROOMKIND_TWIN ? 1 : 0;
}

static bool is_twin(const struct lodging_state *st, size_t room)
{
	return st->rooms[room].kind == ROOMKIND_TWIN;
}

/* ---- heaps and the bucket index ---- */

static void heap_push(struct bucket *b, struct heap_entry e)
{
	size_t i;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4;
		b->heap = xreallocarray(b->heap, b->cap, sizeof(*b->heap));
	}
	i = b->n++;
	while (i > 0 && b->heap[(i - 1) / 2].ord > e.ord) {
		b->heap[i] = b->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	b->heap[i] = e;
}

static void heap_pop(struct bucket *b)
{
	struct heap_entry last = b->heap[--b->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= b->n) {
			break;
		}
		if (c + 1 < b->n && b->heap[c + 1].ord < b->heap[c].ord) {
			c++;
		}
		if (b->heap[c].ord >= last.ord) {
			break;
		}
		b->heap[i] = b->heap[c];
		i = c;
	}
	if (b->n > 0) {
		b->heap[i] = last;
	}
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static size_t key_slot(const struct bindex *ix, const uint64_t key[3])
{
	return (size_t)mix64(key[0] ^ mix64(key[1] ^ mix64(key[2]))) & (ix->n_slots - 1);
}

static bool key_equal(const uint64_t a[3], const uint64_t b[3])
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

static void bindex_init(struct bindex *ix, size_t n_rooms, const size_t *ord_room)
{
	memset(ix, 0, sizeof(*ix));
	ix->n_slots = 64;
	ix->slots = xcalloc(ix->n_slots, sizeof(*ix->slots));
	ix->members = xcalloc(n_rooms, sizeof(*ix->members));
	for (size_t r = 0; r < n_rooms; r++) {
		ix->members[r].bucket = NONE;
	}
	ix->ord_room = ord_room;
}

static void bindex_release(struct bindex *ix)
{
	for (size_t i = 0; i < ix->n_buckets; i++) {
		free(ix->buckets[i].heap);
	}
	free(ix->buckets);
	free(ix->slots);
	free(ix->active);
	free(ix->members);
}

static void bindex_rehash(struct bindex *ix)
{
	free(ix->slots);
	ix->n_slots *= 2;
	ix->slots = xcalloc(ix->n_slots, sizeof(*ix->slots));
	for (size_t id = 0; id < ix->n_buckets; id++) {
		size_t s = key_slot(ix, ix->buckets[id].key);

		while (ix->slots[s] != 0) {
			s = (s + 1) & (ix->n_slots - 1);
		}
		ix->slots[s] = id + 1;
	}
}

/* Returns the id of the bucket for key, made (empty, inactive) if new. */
static size_t bindex_bucket(struct bindex *ix, const uint64_t key[3])
{
	size_t s = key_slot(ix, key);
	struct bucket *b;

	while (ix->slots[s] != 0) {
		if (key_equal(ix->buckets[ix->slots[s] - 1].key, key)) {
			return ix->slots[s] - 1;
		}
		s = (s + 1) & (ix->n_slots - 1);
	}
	if (ix->n_buckets == ix->cap_buckets) {
		ix->cap_buckets = ix->cap_buckets ? 2 * ix->cap_buckets : 16;
		ix->buckets = xreallocarray(ix->buckets, ix->cap_buckets, sizeof(*ix->buckets));
		ix->active = xreallocarray(ix->active, ix->cap_buckets, sizeof(*ix->active));
	}
	b = &ix->buckets[ix->n_buckets];
	memset(b, 0, sizeof(*b));
	memcpy(b->key, key, sizeof(b->key));
	b->active_pos = NONE;
	ix->slots[s] = ++ix->n_buckets;
	if (2 * ix->n_buckets > ix->n_slots) {
		bindex_rehash(ix);
	}
	return ix->n_buckets - 1;
}

/* Puts the room in the bucket of key (or in none when !in); a no-op when it is already there. */
static void bindex_set(struct bindex *ix, size_t room, size_t ord, bool in, const uint64_t key[3])
{
	struct member *m = &ix->members[room];
	struct bucket *b;
	size_t id;

	if (in && m->bucket != NONE && key_equal(ix->buckets[m->bucket].key, key)) {
		return;
	}
	if (!in && m->bucket == NONE) {
		return;
	}
	m->ver++;
	m->bucket = NONE;
	if (!in) {
		return;
	}
	id = bindex_bucket(ix, key);
	b = &ix->buckets[id];
	heap_push(b, (struct heap_entry){ord, m->ver});
	if (b->active_pos == NONE) {
		b->active_pos = ix->n_active;
		ix->active[ix->n_active++] = id;
	}
	m->bucket = id;
}

static bool entry_valid(const struct bindex *ix, size_t id, struct heap_entry e)
{
	const struct member *m = &ix->members[ix->ord_room[e.ord]];

	return m->bucket == id && m->ver == e.ver;
}

/* Returns the first room of the bucket other than exclude, or NONE; drops stale entries. */
static size_t bucket_top(struct bindex *ix, size_t id, size_t exclude)
{
	struct bucket *b = &ix->buckets[id];
	struct heap_entry saved = {0, 0};
	bool have_saved = false;
	size_t room = NONE;

	for (;;) {
		while (b->n > 0 && !entry_valid(ix, id, b->heap[0])) {
			heap_pop(b);
		}
		if (b->n == 0) {
			room = NONE;
			break;
		}
		room = ix->ord_room[b->heap[0].ord];
		if (room != exclude || have_saved) {
			break;
		}
		saved = b->heap[0];
		have_saved = true;
		heap_pop(b);
	}
	if (have_saved) {
		heap_push(b, saved);
	}
	return room;
}

/*
 * Returns the top room (other than exclude) of the i-th active bucket, or NONE;
 * an empty bucket leaves the active list and *i stays, else *i advances.
 */
static size_t bindex_next(struct bindex *ix, size_t *i, size_t exclude)
{
	size_t id = ix->active[*i];
	size_t room = bucket_top(ix, id, exclude);

	if (ix->buckets[id].n == 0) {
		size_t last = ix->active[--ix->n_active];

		ix->active[*i] = last;
		ix->buckets[last].active_pos = *i;
		ix->buckets[id].active_pos = NONE;
		return NONE;
	}
	(*i)++;
	return room;
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
		m->shared_sex[sx] |= s->nights;
	}
	m->sex[sx] |= s->nights;
}

static void room_masks_of(const struct lodging_state *st, size_t room, struct room_masks *m)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = st->info[room].first; i != NONE; i = st->slots[i].room_next) {
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

	room_masks_of(st, room, m);
	key[0] = m->bed[0] | m->bed[1];
	bindex_set(&st->occ[kind_slot(st->rooms[room].kind)], room, st->ord[room], true, key);
	if (!is_twin(st, room)) {
		return;
	}
	for (int sx = 0; sx < 2; sx++) {
		key[0] = (m->bed[0] ^ m->bed[1]) & m->shared_sex[sx];
		key[1] = bed_blocked(m, 0, sx);
		key[2] = bed_blocked(m, 1, sx);
		bindex_set(&st->lone[sx], room, st->ord[room], key[0] != 0, key);
	}
}

/* ---- stays: slots chained per room and per attendee ---- */

static size_t att_find(const struct lodging_state *st, long id)
{
	size_t mask = st->cap_att - 1;
	size_t s = (size_t)mix64((uint64_t)id) & mask;

	while (st->att[s].used) {
		if (st->att[s].id == id) {
			return s;
		}
		s = (s + 1) & mask;
	}
	return s;
}

static void att_grow(struct lodging_state *st)
{
	struct att_entry *old = st->att;
	size_t old_cap = st->cap_att;

	st->cap_att *= 2;
	st->att = xcalloc(st->cap_att, sizeof(*st->att));
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].used) {
			st->att[att_find(st, old[i].id)] = old[i];
		}
	}
	free(old);
}

/* Returns the first slot of the attendee's stays, or NONE. */
static size_t att_head(const struct lodging_state *st, long id)
{
	size_t s = att_find(st, id);

	return st->att[s].used ? st->att[s].head : NONE;
}

/* Returns where the attendee's chain head lives, making the entry if new. */
static size_t *att_head_ref(struct lodging_state *st, long id)
{
	size_t s;

	if (2 * (st->n_att + 1) > st->cap_att) {
		att_grow(st);
	}
	s = att_find(st, id);
	if (!st->att[s].used) {
		st->att[s] = (struct att_entry){id, NONE, true};
		st->n_att++;
	}
	return &st->att[s].head;
}

static void room_link(struct lodging_state *st, size_t i)
{
	struct slot *sl = &st->slots[i];
	size_t *first = &st->info[sl->stay.room].first;

	sl->room_prev = NONE;
	sl->room_next = *first;
	if (*first != NONE) {
		st->slots[*first].room_prev = i;
	}
	*first = i;
}

static void room_unlink(struct lodging_state *st, size_t i)
{
	struct slot *sl = &st->slots[i];

	if (sl->room_prev != NONE) {
		st->slots[sl->room_prev].room_next = sl->room_next;
	} else {
		st->info[sl->stay.room].first = sl->room_next;
	}
	if (sl->room_next != NONE) {
		st->slots[sl->room_next].room_prev = sl->room_prev;
	}
}

/* Records a stay already known to keep every invariant; returns its slot. */
static size_t stay_insert(struct lodging_state *st, const struct lodging_stay *stay)
{
	size_t i = st->free_slot;
	size_t *head;

	if (i != NONE) {
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
	room_link(st, i);
	head = att_head_ref(st, stay->attendee_id);
	st->slots[i].att_next = *head;
	*head = i;
	st->n_live++;
	room_update(st, stay->room);
	return i;
}

static void stay_delete(struct lodging_state *st, size_t i)
{
	struct slot *sl = &st->slots[i];
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

/* Whether the stay could be added now without breaking an invariant. */
static bool can_place(const struct lodging_state *st, const struct lodging_stay *s)
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
	if (m->bed[s->bed - 1] & s->nights) {
		return false;
	}
	if (s->use == USE_WHOLE) {
		return ((m->bed[0] | m->bed[1]) & s->nights) == 0;
	}
	return sx >= 0 && ((m->whole | m->sex[1 - sx]) & s->nights) == 0;
}

/* Nights of a USE_SHARED stay with nobody (or only a hold) in the other bed. */
static uint64_t stay_alone(const struct lodging_state *st, const struct lodging_stay *s)
{
	if (s->use != USE_SHARED) {
		return 0;
	}
	return s->nights & ~st->info[s->room].m.shared_bed[2 - s->bed];
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
	st->free_slot = NONE;
	st->cap_att = 64;
	st->att = xcalloc(st->cap_att, sizeof(*st->att));
	for (int i = 0; i < 2; i++) {
		bindex_init(&st->occ[i], n_rooms, st->ord_room);
		bindex_init(&st->lone[i], n_rooms, st->ord_room);
	}
	for (size_t r = 0; r < n_rooms; r++) {
		st->info[r].first = NONE;
		room_update(st, r);
	}
	return st;
}

void lodging_free(struct lodging_state *state)
{
	if (state == NULL) {
		return;
	}
	for (int i = 0; i < 2; i++) {
		bindex_release(&state->occ[i]);
		bindex_release(&state->lone[i]);
	}
	free(state->rooms);
	free(state->info);
	free(state->ord);
	free(state->ord_room);
	free(state->slots);
	free(state->att);
	free(state);
}

bool lodging_add_stay(struct lodging_state *state, const struct lodging_stay *stay)
{
	if (!can_place(state, stay)) {
		return false;
	}
	stay_insert(state, stay);
	return true;
}

/*
 * After a sharer left room/bed, drops the holds in the other bed that nobody in
 * that bed overlaps any more: they were held by the one who left.
 */
static void drop_orphan_holds(struct lodging_state *st, size_t room, int bed)
{
	size_t i = st->info[room].first;

	while (i != NONE) {
		const struct lodging_stay *s = &st->slots[i].stay;
		size_t next = st->slots[i].room_next;

		if (s->use == USE_HELD && s->bed != bed &&
		    (s->nights & st->info[room].m.shared_bed[bed - 1]) == 0) {
			stay_delete(st, i);
		}
		i = next;
	}
}

void lodging_remove(struct lodging_state *state, long attendee_id)
{
	size_t i;

	while ((i = att_head(state, attendee_id)) != NONE) {
		struct lodging_stay gone = state->slots[i].stay;

		stay_delete(state, i);
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

size_t lodging_stays(const struct lodging_state *state, struct lodging_stay *out, size_t max)
{
	struct lodging_stay *all;
	size_t n = 0;

	if (max == 0) {
		return state->n_live;
	}
	all = xcalloc(state->n_live, sizeof(*all));
	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live) {
			all[n++] = state->slots[i].stay;
		}
	}
	qsort(all, n, sizeof(*all), stay_cmp);
	memcpy(out, all, (n < max ? n : max) * sizeof(*all));
	free(all);
	return n;
}

uint64_t lodging_alone_nights(const struct lodging_state *state, long attendee_id)
{
	uint64_t alone = 0;

	for (size_t i = att_head(state, attendee_id); i != NONE; i = state->slots[i].att_next) {
		alone |= stay_alone(state, &state->slots[i].stay);
	}
	return alone;
}

/* ---- allocation ---- */

/* The first room (by rank, index) of the kind with nobody in it on the nights, or NONE. */
static size_t find_empty_room(struct lodging_state *st, int kind, uint64_t nights)
{
	struct bindex *ix = &st->occ[kind];
	size_t best = NONE;

	for (size_t i = 0; i < ix->n_active;) {
		uint64_t occupied = ix->buckets[ix->active[i]].key[0];
		size_t room = bindex_next(ix, &i, NONE);

		if (room != NONE && (occupied & nights) == 0 &&
		    (best == NONE || st->ord[room] < st->ord[best])) {
			best = room;
		}
	}
	return best;
}

struct join {
	size_t room; /* NONE when no room qualifies */
	int bed;
	int overlap;
};

/*
 * The twin room (other than exclude) where a gender-sx sharer is alone on the
 * most of the nights and a bed is free for all of them, nobody else in the way.
 */
static struct join find_lone_sharer(struct lodging_state *st, int sx, uint64_t nights,
                                    size_t exclude)
{
	struct bindex *ix = &st->lone[sx];
	struct join best = {NONE, 0, 0};

	for (size_t i = 0; i < ix->n_active;) {
		const uint64_t *key = ix->buckets[ix->active[i]].key;
		int overlap = popcount(key[0] & nights);
		int bed = (key[1] & nights) == 0 ? 1 : (key[2] & nights) == 0 ? 2 : 0;
		size_t room = bindex_next(ix, &i, exclude);

		if (room == NONE || overlap == 0 || bed == 0) {
			continue;
		}
		if (best.room == NONE || overlap > best.overlap ||
		    (overlap == best.overlap && st->ord[room] < st->ord[best.room])) {
			best = (struct join){room, bed, overlap};
		}
	}
	return best;
}

/* Removes the guest's own holds, keeping copies to put back if they get nothing. */
static size_t take_holds(struct lodging_state *st, long id, struct lodging_stay **held)
{
	size_t n = 0;
	size_t i = att_head(st, id);

	*held = NULL;
	while (i != NONE) {
		size_t next = st->slots[i].att_next;

		if (st->slots[i].stay.use == USE_HELD) {
			*held = xreallocarray(*held, n + 1, sizeof(**held));
			(*held)[n++] = st->slots[i].stay;
			stay_delete(st, i);
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

static bool allocate_whole(struct lodging_state *st, const struct lodging_guest *g,
                           struct lodging_result *out)
{
	int own = g->request == ROOM_KING ? 0 : 1;
	size_t mine = find_empty_room(st, own, g->nights);
	size_t other = find_empty_room(st, 1 - own, g->nights);
	size_t room = mine;

	/* Lower rank first; at equal rank their own type. */
	if (other != NONE &&
	    (mine == NONE || st->rooms[other].hotel_rank < st->rooms[mine].hotel_rank)) {
		room = other;
	}
	if (room == NONE) {
		return false;
	}
	place(st, g, room, 1, USE_WHOLE, out);
	out->swapped = room != mine;
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
	size_t best = NONE;

	for (size_t i = 0; i < n_held; i++) {
		if (sharer_fits(st, g, held[i].room, held[i].bed) &&
		    (best == NONE || st->ord[held[i].room] < st->ord[held[best].room])) {
			best = i;
		}
	}
	if (best == NONE) {
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
	for (i = att_head(st, g->roommate_id); i != NONE; i = st->slots[i].att_next) {
		const struct lodging_stay *s = &st->slots[i].stay;

		if (s->use != USE_SHARED) {
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
	       att_head(st, g->roommate_id) == NONE;
}

/* Step 4: a twin room empty on all their nights; hold the other bed for a pending roommate. */
static bool open_twin(struct lodging_state *st, const struct lodging_guest *g,
                      struct lodging_result *out)
{
	size_t room = find_empty_room(st, 1, g->nights);
	struct lodging_stay hold = {g->roommate_id,     room,      2,
	                            g->roommate_nights, g->gender, USE_HELD};
	bool holding = false;

	if (room == NONE) {
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
	struct join j;

	if (join_held_bed(st, g, held, n_held, out) || join_roommate(st, g, out)) {
		return true;
	}
	j = find_lone_sharer(st, sex_slot(g->gender), g->nights, NONE);
	if (j.room != NONE) {
		place(st, g, j.room, j.bed, USE_SHARED, out);
		return true;
	}
	return open_twin(st, g, out);
}

/* The attendee in the other bed on most of the stay's nights (lower id on a tie), or -1. */
static long sharing_with(const struct lodging_state *st, const struct lodging_stay *s)
{
	long best = -1;
	int most = 0;

	for (size_t i = st->info[s->room].first; i != NONE; i = st->slots[i].room_next) {
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
	for (size_t i = att_head(st, id); i != NONE; i = st->slots[i].att_next) {
		const struct lodging_stay *s = &st->slots[i].stay;

		if (s->use == USE_SHARED && s->room == out->room && s->bed == out->bed) {
			out->alone_nights = stay_alone(st, s);
			out->shares_with = sharing_with(st, s);
			return;
		}
	}
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
	} else if (!whole) {
		describe_sharer(state, guest->attendee_id, out);
	}
	free(held);
}

/* ---- settle ---- */

struct move_choice {
	size_t slot; /* NONE when no move lowers the total */
	struct join to;
	int gain;
};

static bool better_move(const struct lodging_state *st, const struct move_choice *a,
                        const struct move_choice *b)
{
	long ida;
	long idb;

	if (b->slot == NONE || a->gain != b->gain) {
		return b->slot == NONE || a->gain > b->gain;
	}
	ida = st->slots[a->slot].stay.attendee_id;
	idb = st->slots[b->slot].stay.attendee_id;
	if (ida != idb) {
		return ida < idb;
	}
	if (a->to.room != b->to.room) {
		return st->ord[a->to.room] < st->ord[b->to.room];
	}
	return a->slot < b->slot;
}

/* The move of one of the sharers (slots) that lowers the supplement nights the most. */
static struct move_choice best_move(struct lodging_state *st, const size_t *sharers, size_t n)
{
	struct move_choice best = {NONE, {NONE, 0, 0}, 0};

	for (size_t k = 0; k < n; k++) {
		const struct lodging_stay *s = &st->slots[sharers[k]].stay;
		uint64_t alone = stay_alone(st, s);
		struct move_choice c = {sharers[k], {NONE, 0, 0}, 0};

		if (alone == 0) {
			continue;
		}
		c.to = find_lone_sharer(st, sex_slot(s->gender), s->nights, s->room);
		c.gain = c.to.overlap - popcount(s->nights & ~alone);
		if (c.to.room != NONE && c.gain > 0 && better_move(st, &c, &best)) {
			best = c;
		}
	}
	return best;
}

static void move_stay(struct lodging_state *st, size_t i, size_t room, int bed)
{
	size_t from = st->slots[i].stay.room;

	room_unlink(st, i);
	st->slots[i].stay.room = room;
	st->slots[i].stay.bed = bed;
	room_link(st, i);
	room_update(st, from);
	room_update(st, room);
}

/*
 * Both genders in one loop: a man moving out of a room can unblock a woman's
 * move into it, so settling them one after the other would stop too early.
 */
static size_t settle_sharers(struct lodging_state *st, struct lodging_move *moves, size_t max)
{
	size_t *sharers = xcalloc(st->n_live, sizeof(*sharers));
	size_t n = 0;
	size_t done = 0;
	struct move_choice c;

	for (size_t i = 0; i < st->n_slots; i++) {
		if (st->slots[i].live && st->slots[i].stay.use == USE_SHARED) {
			sharers[n++] = i;
		}
	}
	while ((c = best_move(st, sharers, n)).slot != NONE) {
		const struct lodging_stay *s = &st->slots[c.slot].stay;

		if (done < max) {
			moves[done] = (struct lodging_move){s->attendee_id, s->room, s->bed,
			                                    c.to.room, c.to.bed};
		}
		done++;
		move_stay(st, c.slot, c.to.room, c.to.bed);
	}
	free(sharers);
	return done;
}

size_t lodging_settle(struct lodging_state *state, struct lodging_move *moves, size_t max)
{
	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live && state->slots[i].stay.use == USE_HELD) {
			stay_delete(state, i);
		}
	}
	return settle_sharers(state, moves, max);
}

/* ---- invariants ---- */

static char *stay_problem(const struct lodging_state *st, const struct lodging_stay *s)
{
	long id = st->rooms[s->room].id;

	if (s->bed < 1 || s->bed > 2) {
		return xasprintf("room %ld: attendee %ld in bed %d", id, s->attendee_id, s->bed);
	}
	if (s->use != USE_WHOLE && s->use != USE_SHARED && s->use != USE_HELD) {
		return xasprintf("room %ld: attendee %ld has an unknown use", id, s->attendee_id);
	}
	if (s->use == USE_WHOLE && s->bed != 1) {
		return xasprintf("room %ld: whole-room guest %ld in bed 2", id, s->attendee_id);
	}
	if (s->use != USE_WHOLE && !is_twin(st, s->room)) {
		return xasprintf("room %ld: king room shared by %ld", id, s->attendee_id);
	}
	if (s->use != USE_WHOLE && sex_slot(s->gender) < 0) {
		return xasprintf("room %ld: sharer %ld without gender", id, s->attendee_id);
	}
	return NULL;
}

static char *pair_problem(const struct lodging_state *st, const struct lodging_stay *a,
                          const struct lodging_stay *b)
{
	uint64_t both = a->nights & b->nights;
	long id = st->rooms[a->room].id;
	int night = both ? __builtin_ctzll(both) : 0;

	if (both == 0) {
		return NULL;
	}
	if (a->bed == b->bed) {
		return xasprintf("room %ld bed %d night %d: attendees %ld and %ld", id, a->bed,
		                 night, a->attendee_id, b->attendee_id);
	}
	if (a->use == USE_WHOLE || b->use == USE_WHOLE) {
		return xasprintf("room %ld night %d: whole-room guest with another (%ld, %ld)", id,
		                 night, a->attendee_id, b->attendee_id);
	}
	if (a->gender != b->gender) {
		return xasprintf("room %ld night %d: mixed genders (%ld, %ld)", id, night,
		                 a->attendee_id, b->attendee_id);
	}
	return NULL;
}

static char *room_problem(const struct lodging_state *st, size_t room, size_t *seen)
{
	struct room_masks m;
	char *p = NULL;

	for (size_t i = st->info[room].first; i != NONE && p == NULL; i = st->slots[i].room_next) {
		const struct lodging_stay *a = &st->slots[i].stay;

		(*seen)++;
		if (!st->slots[i].live || a->room != room) {
			return xasprintf("room %ld: stay list damaged", st->rooms[room].id);
		}
		p = stay_problem(st, a);
		for (size_t k = st->slots[i].room_next; k != NONE && p == NULL;
		     k = st->slots[k].room_next) {
			p = pair_problem(st, a, &st->slots[k].stay);
		}
	}
	if (p == NULL) {
		room_masks_of(st, room, &m);
		if (memcmp(&m, &st->info[room].m, sizeof(m)) != 0) {
			p = xasprintf("room %ld: night masks out of date", st->rooms[room].id);
		}
	}
	return p;
}

bool lodging_check(const struct lodging_state *state, char **problem)
{
	char *p = NULL;
	size_t seen = 0;

	for (size_t r = 0; r < state->n_rooms && p == NULL; r++) {
		p = room_problem(state, r, &seen);
	}
	if (p == NULL && seen != state->n_live) {
		p = xasprintf("%zu stays, %zu in rooms", state->n_live, seen);
	}
	if (problem != NULL) {
		*problem = p;
	} else {
		free(p);
	}
	return p == NULL;
}

/* ---- supplements and charges ---- */

int lodging_supplement_nights(const struct lodging_state *state)
{
	int total = 0;

	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live) {
			total += popcount(stay_alone(state, &state->slots[i].stay));
		}
	}
	return total;
}

int lodging_supplement_lower_bound(const struct lodging_state *state)
{
	uint64_t odd[2] = {0, 0}; /* nights with an odd number of sharers, per gender */

	for (size_t i = 0; i < state->n_slots; i++) {
		const struct lodging_stay *s = &state->slots[i].stay;

		if (state->slots[i].live && s->use == USE_SHARED && sex_slot(s->gender) >= 0) {
			odd[sex_slot(s->gender)] ^= s->nights;
		}
	}
	return popcount(odd[0]) + popcount(odd[1]);
}

int lodging_charge(const struct lodging_rates *rates, enum lodging_use use, uint64_t nights,
                   uint64_t alone_nights)
{
	int alone = popcount(nights & alone_nights);

	switch (use) {
	case USE_WHOLE:
		return rates->room_night * popcount(nights);
	case USE_SHARED:
		return rates->bed_night * (popcount(nights) - alone) + rates->room_night * alone;
	case USE_HELD:
		break;
	}
	return 0;
}

uint64_t lodging_nights_mask(long first_night, long arrive, long depart)
{
	unsigned long lo;
	unsigned long hi;

	if (depart <= arrive || depart <= first_night) {
		return 0;
	}
	/* Unsigned differences: day numbers far apart must not overflow. */
	lo = arrive > first_night ? (unsigned long)arrive - (unsigned long)first_night : 0;
	hi = (unsigned long)depart - (unsigned long)first_night;
	if (lo >= LODGING_MAX_NIGHTS) {
		return 0;
	}
	if (hi > LODGING_MAX_NIGHTS) {
		hi = LODGING_MAX_NIGHTS;
	}
	return (hi - lo == 64 ? ~0ULL : ((1ULL << (hi - lo)) - 1)) << lo;
}

int lodging_count_nights(uint64_t nights)
{
	return popcount(nights);
}
