/*
 * lodging_index: the room index behind lodging's "which room fits" queries.
 * Private to src/core: only lodging*.c include it; the public API is
 * include/frontdesk/lodging.h.
 *
 * Rooms whose night masks look the same are interchangeable except for their
 * order, so the index groups them into buckets keyed by three masks and
 * answers a query by looking at the first room of each bucket. lodging.c
 * computes the keys (room_update) and keeps two kinds of index:
 *   - occupancy, one per room kind: key[0] = nights with anyone in the room,
 *     key[1] = key[2] = 0; every room is in it;
 *   - lone, one per gender, twin rooms only: key[0] = nights on which a sharer
 *     of that gender is alone, key[1] and key[2] = nights on which bed 1 and
 *     bed 2 are blocked for that gender; a room is in it only while key[0] is
 *     not 0.
 */
#ifndef FRONTDESK_LODGING_INDEX_H
#define FRONTDESK_LODGING_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No room, no slot, no bucket. */
#define LODGING_NONE SIZE_MAX

struct index_bucket;
struct index_member;

struct lodging_index {
	struct index_bucket *buckets;
	size_t n_buckets, cap_buckets;
	size_t *slots; /* hash of keys: bucket id + 1, 0 when empty */
	size_t n_slots;
	size_t *active; /* buckets that may hold a room */
	size_t n_active;
	struct index_member *members; /* per room; NULL until a room is first put in */
	size_t n_rooms;
	const size_t *ord;      /* room -> position in (hotel rank, room index) order */
	const size_t *ord_room; /* position -> room */
};

/* A room a sharer can join: where, which bed, and on how many of their nights it pairs them. */
struct lodging_join {
	size_t room; /* LODGING_NONE when no room qualifies */
	int bed;
	int overlap;
};

/*
 * Starts an empty index over n_rooms rooms. ord and ord_room are borrowed and
 * must outlive the index. Release with lodging_index_release.
 */
void lodging_index_init(struct lodging_index *ix, size_t n_rooms, const size_t *ord,
                        const size_t *ord_room);
void lodging_index_release(struct lodging_index *ix);

/* Puts the room in the bucket of key (or in none when !in); a no-op when it is already there. */
void lodging_index_set(struct lodging_index *ix, size_t room, bool in, const uint64_t key[3]);

/*
 * For an occupancy index: returns the first room (by rank, index) with nobody
 * in it on the nights, or LODGING_NONE.
 */
size_t lodging_index_find_empty(struct lodging_index *ix, uint64_t nights);

/*
 * For a lone index: returns the room (other than exclude) where a sharer is
 * alone on the most of the nights and a bed is free for all of them, nobody
 * else in the way; ties go to the first room by rank, index.
 */
struct lodging_join lodging_index_find_lone(struct lodging_index *ix, uint64_t nights,
                                            size_t exclude);

/* A 64-bit mixer for the index's hash table, and lodging.c's table of attendees. */
static inline uint64_t lodging_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

#endif
