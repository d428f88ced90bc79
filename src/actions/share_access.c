/*
 * share_access tells the allocator, before a desk places anyone, which rooms
 * this desk may open and pair in (issue 15, docs/merge.md "Rooms shared among
 * desks"): core decides (room_share_access) from what the store knows here.
 * An event not prepared for several desks restricts nothing, so it allocates
 * exactly as before. Only check-in and walk-in restrict: a merge's replay and
 * `rooms settle` load a picture of their own, on which every room is free.
 */
#include "allocate.h"
#include "desk_private.h"

#include <stdlib.h>

#include "frontdesk/desks.h"
#include "frontdesk/room_share.h"
#include "frontdesk/xmalloc.h"

bool allocate_restrict_to_share(struct desk *desk, struct hotel_picture *pic, char **cause)
{
	struct desk_shares shares;

	if (desks_count(desk->db) == 0) {
		lodging_clear_access(pic->state);
		return true;
	}
	if (!desks_shares_load(desk->db, pic, &shares, cause)) {
		desks_shares_release(&shares);
		return false;
	}
	enum lodging_access *access = xcalloc(pic->n_rooms + 1, sizeof(*access));
	room_share_access(shares.rooms, pic->n_rooms, shares.desk, shares.age_of, shares.n_desks,
	                  access);
	for (size_t i = 0; i < pic->n_rooms; i++) {
		lodging_set_access(pic->state, i, access[i]);
	}
	free(access);
	desks_shares_release(&shares);
	return true;
}
