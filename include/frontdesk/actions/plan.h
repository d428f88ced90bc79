/*
 * actions/plan (src/actions/plan.c): `rooms plan`, the room block the hotels
 * must hold, computed before the event without writing anything.
 */
#ifndef FRONTDESK_ACTIONS_PLAN_H
#define FRONTDESK_ACTIONS_PLAN_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/roomlist.h"

struct rooms_plan_block {
	char *hotel;
	enum room_kind kind;
	long night; /* day number */
	int rooms;  /* rooms to hold that night */
};

struct rooms_plan {
	struct rooms_plan_block *blocks; /* per hotel, type and night, in hotel order */
	size_t n_blocks;
	struct rooms_view pairing; /* the provisional allocation, room by room (rooms.h) */
	int placed;
	char **unplaced; /* reg_nos for whom nothing was free */
	size_t n_unplaced;
	int supplement_nights;
	int lower_bound;
};

/*
 * rooms plan: before the event, allocates every approved booking in reg_no
 * order on empty hotels (nothing is written) and returns the room block the
 * hotels must hold and the provisional pairing. Deterministic. ACTION_FAILED
 * with *cause (the caller frees it). *out is the caller's: release it with
 * action_rooms_plan_release.
 */
enum action_status action_rooms_plan(struct desk *desk, struct rooms_plan *out, char **cause);
/* Frees what *out holds and empties it. */
void action_rooms_plan_release(struct rooms_plan *out);

#endif
