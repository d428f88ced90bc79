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
	char *hotel; /* the picture's shared copy (hotel_picture.names): never freed alone */
	char *room;  /* in the picture's room_numbers block */
	char *floor; /* shared too */
	enum room_kind kind;
	int hotel_rank;
};

struct hotel_picture {
	struct room_info *rooms; /* ordered by hotel rank, then file order */
	size_t n_rooms;
	struct lodging_state *state;
	long first_night; /* day number of bit 0 */
	char **names;     /* the distinct hotel and floor names the rooms point to */
	size_t n_names;
	char *room_numbers; /* every room's number, one after another */
};

/*
 * Loads every room, and every stay unless rooms_only, into *out. A room whose
 * sharers' genders no longer agree (a gender corrected by a re-import) is
 * loaded as it is and closed (lodging_load_stay). Returns false with *cause
 * when a stored stay breaks another invariant (a corrupt or hand-edited
 * database). Release with stays_release.
 */
bool stays_load(struct db *db, long first_night, bool rooms_only, struct hotel_picture *out,
                char **cause);
void stays_release(struct hotel_picture *pic);

/*
 * Rewrites the stored stays of every attendee whose stays the picture changed
 * since it was loaded or last saved (lodging_changed: their rows are deleted,
 * then their current stays inserted), and starts the picture's list afresh.
 * Inside the caller's transaction. False with *cause.
 */
bool stays_save_changed(struct db *db, struct hotel_picture *pic, char **cause);

/* Rewrites every stored stay from the picture (after `rooms settle`). False with *cause. */
bool stays_save_all(struct db *db, const struct hotel_picture *pic, char **cause);

/*
 * A hotel picture kept between check-ins by a long-running desk. The store
 * counts every change to rooms, stays and genders (schema v3, triggers) and
 * every rollback on the connection; the kept picture is used again only while
 * both are where this desk's own last save left them, so a change by another
 * process, by another action of this one, or a transaction rolled back after
 * the picture was changed all make the next check-out load it afresh.
 */
struct stays_cache;

/*
 * Returns the picture of every room and stay for the caller to change and save
 * inside its open write transaction: the kept one when nothing changed since
 * this cache's last stays_cache_saved, else a fresh load (kept from then on).
 * *cache is created on first use. NULL with *cause as stays_load. The picture
 * is owned by the cache: do not release it.
 */
struct hotel_picture *stays_checkout(struct db *db, long first_night, struct stays_cache **cache,
                                     char **cause);
/* After stays_save_changed of a checked-out picture, in the same transaction: the picture is
 * current. */
void stays_cache_saved(struct db *db, struct stays_cache *cache);
/* Forgets the kept picture (it was changed but not saved); NULL is a no-op. */
void stays_cache_drop(struct stays_cache *cache);
/* Whether two pictures hold the same rooms and the same stays (in any order). */
bool stays_same(const struct hotel_picture *a, const struct hotel_picture *b);
/* Returns how many times the cache loaded the picture from the database (tests, bench). */
unsigned long stays_cache_loads(const struct stays_cache *cache);
/* Returns how many times it brought the picture up to date with another's listed changes. */
unsigned long stays_cache_deltas(const struct stays_cache *cache);
void stays_cache_free(struct stays_cache *cache);

#endif
