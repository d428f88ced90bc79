/*
 * lodging_index owns the room index that keeps `rooms plan` fast (100,000
 * guests over 60,000 rooms): rooms are never scanned one by one. Rooms whose
 * masks look the same are interchangeable except for their order, so the
 * index groups them into buckets keyed by the masks that matter (occupancy
 * per room kind; lone nights and blocked nights per bed for each gender),
 * each bucket a heap by (hotel rank, room index) with lazy deletion. A query
 * looks at one room per bucket, and there are few distinct buckets because
 * guests come in few night patterns.
 *
 * It is its own file because it knows nothing of stays or rules: lodging.c
 * tells it which key each room has now, and asks it which room fits.
 */
#include "lodging_index.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

struct index_entry {
	size_t ord; /* the room's position in (hotel rank, room index) order */
	uint32_t ver;
};

struct index_bucket {
	uint64_t key[3];
	struct index_entry *heap;
	size_t n, cap;
	size_t active_pos; /* LODGING_NONE when not in the active list */
};

/* 8 bytes a room per index (six indices, 60,000 rooms: memory the desk keeps all day) */
struct index_member {
	uint32_t bucket; /* NO_BUCKET when the room is in no bucket of this index */
	uint32_t ver;    /* bumped at every move: older heap entries are stale */
};

#define NO_BUCKET UINT32_MAX

/* ---- heaps ---- */

static void heap_push(struct index_bucket *b, struct index_entry e)
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

static void heap_pop(struct index_bucket *b)
{
	struct index_entry last = b->heap[--b->n];
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

/* ---- buckets by key ---- */

static size_t key_slot(const struct lodging_index *ix, const uint64_t key[3])
{
	return (size_t)lodging_mix64(key[0] ^ lodging_mix64(key[1] ^ lodging_mix64(key[2]))) &
	       (ix->n_slots - 1);
}

static bool key_equal(const uint64_t a[3], const uint64_t b[3])
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

void lodging_index_init(struct lodging_index *ix, size_t n_rooms, const size_t *ord,
                        const size_t *ord_room)
{
	memset(ix, 0, sizeof(*ix));
	ix->n_slots = 64;
	ix->slots = xcalloc(ix->n_slots, sizeof(*ix->slots));
	ix->n_rooms = n_rooms; /* members come with the first room put in (index_members) */
	ix->ord = ord;
	ix->ord_room = ord_room;
}

void lodging_index_release(struct lodging_index *ix)
{
	for (size_t i = 0; i < ix->n_buckets; i++) {
		free(ix->buckets[i].heap);
	}
	free(ix->buckets);
	free(ix->slots);
	free(ix->active);
	free(ix->members);
}

static void index_rehash(struct lodging_index *ix)
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
static size_t index_bucket(struct lodging_index *ix, const uint64_t key[3])
{
	size_t s = key_slot(ix, key);
	struct index_bucket *b;

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
	b->active_pos = LODGING_NONE;
	ix->slots[s] = ++ix->n_buckets;
	if (2 * ix->n_buckets > ix->n_slots) {
		index_rehash(ix);
	}
	return ix->n_buckets - 1;
}

/* The rooms' places, made when the first room goes in: an index nobody uses (the rooms
 * lent by other desks, on an event with one desk) costs nothing. */
static struct index_member *index_members(struct lodging_index *ix)
{
	if (ix->members == NULL) {
		ix->members = xcalloc(ix->n_rooms ? ix->n_rooms : 1, sizeof(*ix->members));
		for (size_t r = 0; r < ix->n_rooms; r++) {
			ix->members[r].bucket = NO_BUCKET;
		}
	}
	return ix->members;
}

void lodging_index_set(struct lodging_index *ix, size_t room, bool in, const uint64_t key[3])
{
	struct index_bucket *b;
	size_t id;

	if (ix->members == NULL && !in) {
		return;
	}
	struct index_member *m = &index_members(ix)[room];
	if (in && m->bucket != NO_BUCKET && key_equal(ix->buckets[m->bucket].key, key)) {
		return;
	}
	if (!in && m->bucket == NO_BUCKET) {
		return;
	}
	m->ver++;
	m->bucket = NO_BUCKET;
	if (!in) {
		return;
	}
	id = index_bucket(ix, key);
	b = &ix->buckets[id];
	heap_push(b, (struct index_entry){ix->ord[room], m->ver});
	if (b->active_pos == LODGING_NONE) {
		b->active_pos = ix->n_active;
		ix->active[ix->n_active++] = id;
	}
	m->bucket = (uint32_t)id;
}

/* ---- walking the active buckets ---- */

static bool entry_valid(const struct lodging_index *ix, size_t id, struct index_entry e)
{
	const struct index_member *m = &ix->members[ix->ord_room[e.ord]];

	return m->bucket == id && m->ver == e.ver;
}

/* Returns the first room of the bucket other than exclude, or LODGING_NONE; drops stale entries. */
static size_t bucket_top(struct lodging_index *ix, size_t id, size_t exclude)
{
	struct index_bucket *b = &ix->buckets[id];
	struct index_entry saved = {0, 0};
	bool have_saved = false;
	size_t room = LODGING_NONE;

	for (;;) {
		while (b->n > 0 && !entry_valid(ix, id, b->heap[0])) {
			heap_pop(b);
		}
		if (b->n == 0) {
			room = LODGING_NONE;
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
 * Returns the top room (other than exclude) of the i-th active bucket, or
 * LODGING_NONE; an empty bucket leaves the active list and *i stays, else *i
 * advances.
 */
static size_t index_next(struct lodging_index *ix, size_t *i, size_t exclude)
{
	size_t id = ix->active[*i];
	size_t room = bucket_top(ix, id, exclude);

	if (ix->buckets[id].n == 0) {
		size_t last = ix->active[--ix->n_active];

		ix->active[*i] = last;
		ix->buckets[last].active_pos = *i;
		ix->buckets[id].active_pos = LODGING_NONE;
		return LODGING_NONE;
	}
	(*i)++;
	return room;
}

/* ---- queries ---- */

size_t lodging_index_find_empty(struct lodging_index *ix, uint64_t nights)
{
	size_t best = LODGING_NONE;

	for (size_t i = 0; i < ix->n_active;) {
		uint64_t occupied = ix->buckets[ix->active[i]].key[0];
		size_t room = index_next(ix, &i, LODGING_NONE);

		if (room != LODGING_NONE && (occupied & nights) == 0 &&
		    (best == LODGING_NONE || ix->ord[room] < ix->ord[best])) {
			best = room;
		}
	}
	return best;
}

struct lodging_join lodging_index_find_lone(struct lodging_index *ix, uint64_t nights,
                                            size_t exclude)
{
	struct lodging_join best = {LODGING_NONE, 0, 0};

	for (size_t i = 0; i < ix->n_active;) {
		const uint64_t *key = ix->buckets[ix->active[i]].key;
		int overlap = __builtin_popcountll(key[0] & nights);
		int bed = (key[1] & nights) == 0 ? 1 : (key[2] & nights) == 0 ? 2 : 0;
		size_t room = index_next(ix, &i, exclude);

		if (room == LODGING_NONE || overlap == 0 || bed == 0) {
			continue;
		}
		if (best.room == LODGING_NONE || overlap > best.overlap ||
		    (overlap == best.overlap && ix->ord[room] < ix->ord[best.room])) {
			best = (struct lodging_join){room, bed, overlap};
		}
	}
	return best;
}
