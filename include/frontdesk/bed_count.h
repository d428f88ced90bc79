/*
 * bed_count: the status line's figures one registration or one room at a
 * time, so the desk keeps them by delta (actions' desk_status.c) instead of
 * counting every stay of the event on each refresh. The rule is
 * rooming_count_free_beds's: a twin room with nobody in it gives two beds to
 * either gender; one with one bed taken (on any night) by a sharer, not as a
 * whole room, gives the other bed to the sharer's gender.
 */
#ifndef FRONTDESK_BED_COUNT_H
#define FRONTDESK_BED_COUNT_H

#include <stdbool.h>
#include <stddef.h>

struct db;

struct room_beds {
	long room_id;
	int female, male; /* free beds this room gives each gender */
};

/* Returns every twin room's free beds in *out (the caller frees it) and their count. */
size_t bed_count_rooms(struct db *db, struct room_beds **out);

/* Fills *out with one room's free beds; false when it is no twin room. */
bool bed_count_room(struct db *db, long room_id, struct room_beds *out);

/* Returns the rooms where attendee_id has a stay in *rooms (the caller frees it) and their count.
 */
size_t bed_count_rooms_of(struct db *db, long attendee_id, long **rooms);

/* Pairs of (attendee, room) of every stay, for a desk's first count. */
struct stay_room {
	long attendee_id, room_id;
};
size_t bed_count_stay_rooms(struct db *db, struct stay_room **out);

/* True when attendee_id is checked in and expected (what "checked in / expected" counts). */
bool bed_count_checked_in(struct db *db, long attendee_id);

/* Returns the highest attendee id and the highest room id (0 when none). */
void bed_count_max_ids(struct db *db, long *attendee, long *room);

#endif
