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

/* The placed hotels the plan keeps for action_rooms_plan_each_room (src/actions/plan.c). */
struct rooms_plan_pairing;

struct rooms_plan {
	struct rooms_plan_block *blocks; /* per hotel, type and night, in hotel order */
	size_t n_blocks;
	long first_night;                   /* day number of bit 0 of the pairing's masks */
	struct rooms_plan_pairing *pairing; /* the provisional allocation, room by room */
	int placed;
	char **unplaced; /* reg_nos for whom nothing was free */
	size_t n_unplaced;
	int supplement_nights;
	int lower_bound;
};

/*
 * rooms plan: before the event, allocates every approved booking on empty
 * hotels, grouped by nights then in reg_no order (nothing is written), and
 * returns the room block the hotels must hold and the provisional pairing.
 * Deterministic. ACTION_FAILED with *cause (the caller frees it). *out is the
 * caller's: release it with action_rooms_plan_release.
 */
enum action_status action_rooms_plan(struct desk *desk, struct rooms_plan *out, char **cause);

typedef void (*rooms_plan_room_fn)(const struct room_view *room, void *ctx);
/*
 * Calls fn with each room of the pairing that has someone in it, in hotel
 * order, as the rooming list shows a room (rooms.h; masks from p->first_night).
 * *room is valid only during the call: the pairing is made one room at a time,
 * never whole (a 100k event's is 21 MB of JSON).
 */
void action_rooms_plan_each_room(const struct rooms_plan *p, rooms_plan_room_fn fn, void *ctx);

/* Frees what *out holds and empties it. */
void action_rooms_plan_release(struct rooms_plan *out);

#endif
