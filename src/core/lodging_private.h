/*
 * lodging_private: what lodging's own files share about a struct
 * lodging_state (lodging.c owns it; lodging_settle.c, lodging_check.c and
 * lodging_charge.c read and change it through this). Private to src/core:
 * never included outside lodging*.c; the public API is
 * include/frontdesk/lodging.h.
 */
#ifndef FRONTDESK_LODGING_PRIVATE_H
#define FRONTDESK_LODGING_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/lodging.h"
#include "lodging_index.h"

struct room_masks {
	uint64_t bed[2];        /* any stay, per bed */
	uint64_t shared_bed[2]; /* USE_SHARED, per bed */
	uint64_t sex[2];        /* sharer or hold, per gender (0 F, 1 M); both when none */
	uint64_t shared_sex[2]; /* USE_SHARED, per gender */
	uint64_t whole;
	uint64_t held;
};

/*
 * What the allocator keeps per room (indexed like lodging_state.rooms): its
 * occupancy masks and the head of its list of stays.
 */
struct room_occupancy {
	struct room_masks m;
	size_t first; /* first slot of the room's stays */
	/* a stay was loaded here beside another gender (lodging_load_stay): lodging_check
	 * takes the room's mixed genders as stored facts, not as a bug of the allocator */
	bool loaded_conflict;
	enum lodging_access access; /* what the desk running the allocator may do here */
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
	bool changed; /* listed in lodging_state.changed */
};

struct lodging_state {
	struct lodging_room *rooms;
	size_t n_rooms;
	struct room_occupancy *info;
	size_t *ord;      /* room -> position in (rank, index) order */
	size_t *ord_room; /* position -> room */
	struct slot *slots;
	size_t n_slots, cap_slots, free_slot, n_live;
	struct att_entry *att;
	size_t n_att, cap_att;
	struct lodging_index occ[2];  /* per kind (0 king, 1 twin): key = nights with anyone */
	struct lodging_index lone[2]; /* per gender: key = lone nights, blocked nights per bed */
	struct lodging_index lent[2]; /* per kind, LODGING_ACCESS_BORROW rooms only: as occ */
	size_t n_restricted;          /* rooms whose access is not LODGING_ACCESS_FREE */
	/* attendees whose stays changed since lodging_changed_clear: what a save must write */
	long *changed;
	size_t n_changed, cap_changed;
};

static inline int popcount(uint64_t x)
{
	return __builtin_popcountll(x);
}

/* 0 female, 1 male, -1 when there is no gender to pair on. */
static inline int sex_slot(enum gender g)
{
	return g == GENDER_FEMALE ? 0 : g == GENDER_MALE ? 1 : -1;
}

/*
 * Nights on which the room holds two genders, or a sharer or hold without one
 * (masks_add marks such a stay as both): a gender conflict, which closes the room.
 */
static inline uint64_t room_conflict(const struct room_masks *m)
{
	return m->sex[0] & m->sex[1];
}

static inline bool is_twin(const struct lodging_state *st, size_t room)
{
	return st->rooms[room].kind == ROOMKIND_TWIN;
}

/* Nights of a USE_SHARED stay with nobody (or only a hold) in the other bed. */
static inline uint64_t stay_alone(const struct lodging_state *st, const struct lodging_stay *s)
{
	if (s->use != USE_SHARED) {
		return 0;
	}
	return s->nights & ~st->info[s->room].m.shared_bed[2 - s->bed];
}

/* Computes the room's masks from its stays into *m (the cached ones are not read). */
void lodging_room_masks(const struct lodging_state *st, size_t room, struct room_masks *m);

/* Removes the stay in slot i, updating its room's masks and buckets. */
void lodging_stay_delete(struct lodging_state *st, size_t i);

/* Moves the stay in slot i to room/bed (already known to fit), updating both rooms. */
void lodging_stay_move(struct lodging_state *st, size_t i, size_t room, int bed);

#endif
