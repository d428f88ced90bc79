/*
 * stays: the hotels' rooms and who sleeps where, between the database and
 * the pure allocator (lodging.h). One row of `stay` is one person in one bed
 * on one night; the allocator sees a person's nights as one bitmask.
 */
#ifndef FRONTDESK_STAYS_H
#define FRONTDESK_STAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/lodging.h"

/* A room as the rooming list shows it; index i matches the allocator's room i. */
struct room_info {
	long id;
	char *hotel;
	char *room;
	char *floor;
	enum room_kind kind;
	int hotel_rank;
};

struct hotel_picture {
	struct room_info *rooms; /* ordered by hotel rank, then file order */
	size_t n_rooms;
	struct lodging_state *state;
	long first_night; /* day number of bit 0 */
};

/*
 * Loads every room, and every stay unless rooms_only, into *out. Returns
 * false with *cause when a stored stay breaks an invariant (a corrupt or
 * hand-edited database). Release with stays_release.
 */
bool stays_load(struct db *db, long first_night, bool rooms_only, struct hotel_picture *out,
                char **cause);
void stays_release(struct hotel_picture *pic);

/*
 * Rewrites the stored stays of the given attendees from the picture (their
 * rows are deleted, then their current stays inserted). Inside the caller's
 * transaction. False with *cause.
 */
bool stays_save(struct db *db, const struct hotel_picture *pic, const long *attendee_ids,
                size_t n_ids, char **cause);

/* Rewrites every stored stay from the picture (after `rooms settle`). False with *cause. */
bool stays_save_all(struct db *db, const struct hotel_picture *pic, char **cause);

#endif
