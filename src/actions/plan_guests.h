/*
 * plan_guests (src/actions/plan_guests.c): the bookings as `rooms plan` keeps
 * them while it places everyone and then prints the pairing. Private to
 * src/actions.
 */
#ifndef FRONTDESK_ACTIONS_PLAN_GUESTS_H
#define FRONTDESK_ACTIONS_PLAN_GUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/roster.h"

/* One registration's booking: what the allocator asks, and where its reg_no and name are. */
struct plan_guest {
	long id;
	uint64_t nights; /* [arrive, depart) as bits from the event's first night */
	uint32_t text;   /* offset of reg_no then name, each NUL-terminated, in plan_guests.text */
	int32_t mate;    /* index of the mutual roommate (same rule as query_mutual_roommate), or
	                  * -1; an index of the reg_no order, so -1 once sorted by id */
	enum gender gender;
	enum room_request room; /* a walk-in's when granted at the desk, else the booking's */
	bool eligible;          /* approved and not withdrawn */
};

struct plan_guests {
	struct plan_guest *at; /* reg_no order, or id order after plan_guests_sort_by_id */
	size_t n;
	char *text; /* every guest's reg_no and name, one after another */
};

/*
 * Fills *out with every registration's booking (query_each_booking), in reg_no
 * order, each mutual roommate request resolved. Release with plan_guests_release.
 */
void plan_guests_load(struct db *db, long first_night, struct plan_guests *out);

/* Returns guest i's reg_no or name (owned by g; "" when the database has none). */
const char *plan_guest_reg_no(const struct plan_guests *g, size_t i);
const char *plan_guest_name(const struct plan_guests *g, size_t i);

/* Orders the guests by id for plan_guests_find, once the mates are no longer asked. */
void plan_guests_sort_by_id(struct plan_guests *g);
/* Returns the index of attendee id after plan_guests_sort_by_id, or -1. */
long plan_guests_find(const struct plan_guests *g, long id);

/* Frees what *g holds and empties it. */
void plan_guests_release(struct plan_guests *g);

#endif
