/*
 * allocate: the room or bed given at check-in. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_ALLOCATE_H
#define FRONTDESK_ACTIONS_ALLOCATE_H

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/lodging.h"

struct attendee;
struct hotel_picture;
struct share_cache;

/*
 * Allocates lodging for a (inside the caller's transaction) and writes the
 * stays. Returns ACTION_OK (also when nothing was requested or nothing was
 * free: out->no_room says so), ACTION_REFUSED for a sharer without a gender,
 * or ACTION_FAILED with *cause.
 */
enum action_status allocate_at_checkin(struct desk *desk, const struct attendee *a,
                                       struct lodging_info *out, char **cause);

/*
 * Sets on pic which rooms this desk may open and pair in (share_access.c):
 * its share of the rooms when the event was prepared for several desks, every
 * room otherwise. Inside the caller's transaction; false with *cause.
 */
bool allocate_restrict_to_share(struct desk *desk, struct hotel_picture *pic, char **cause);

/* Frees what allocate_restrict_to_share keeps on a desk; NULL is a no-op. */
void share_cache_free(struct share_cache *c);

/* Describes a as the allocator sees a guest: request, gender, nights, mutual roommate. */
void allocate_guest(struct desk *desk, const struct attendee *a, struct lodging_guest *g);

#endif
