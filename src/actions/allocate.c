/*
 * allocate places one arriving person with the pure allocator (lodging.c) on
 * a picture of the hotels loaded inside the check-in's transaction, so two
 * desks never give the same bed, and writes back only what changed.
 */
#include "allocate.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/date.h"
#include "frontdesk/stays.h"
#include "frontdesk/xmalloc.h"

static uint64_t nights_of(const struct desk *desk, const struct attendee *a)
{
	long arrive = 0, depart = 0;

	if (!date_parse(a->arrive, &arrive) || !date_parse(a->depart, &depart)) {
		return 0;
	}
	return lodging_nights_mask(desk->cfg->first_night, arrive, depart);
}

void allocate_guest(struct desk *desk, const struct attendee *a, struct lodging_guest *g)
{
	struct attendee *mate = NULL;

	memset(g, 0, sizeof(*g));
	g->attendee_id = a->id;
	g->request = a->room;
	g->gender = a->gender;
	g->nights = nights_of(desk, a);
	g->roommate_id = query_mutual_roommate(desk->db, a, &desk->cfg->fees, &mate);
	g->roommate_nights = mate ? nights_of(desk, mate) : 0;
	query_attendee_free(mate);
}

enum action_status allocate_at_checkin(struct desk *desk, const struct attendee *a,
                                       struct lodging_info *out, char **cause)
{
	struct hotel_picture pic;
	struct lodging_guest guest;
	struct lodging_result res;

	memset(out, 0, sizeof(*out));
	out->request = a->room;
	if (a->room == ROOM_NONE) {
		return ACTION_OK;
	}
	if (!stays_load(desk->db, desk->cfg->first_night, false, &pic, cause)) {
		return ACTION_FAILED;
	}
	allocate_guest(desk, a, &guest);
	lodging_allocate(pic.state, &guest, &res);
	enum action_status status = ACTION_OK;
	if (res.outcome == LODGING_GENDER_MISSING) {
		status = ACTION_REFUSED;
	} else if (res.outcome == LODGING_NO_ROOM) {
		out->no_room = true;
	} else if (res.outcome == LODGING_PLACED) {
		long ids[2] = {a->id, guest.roommate_id};
		size_t n = res.held_for_roommate ? 2 : 1;
		if (!stays_save(desk->db, &pic, ids, n, cause)) {
			status = ACTION_FAILED;
		}
	}
	stays_release(&pic);
	if (status == ACTION_OK && res.outcome == LODGING_PLACED) {
		action_lodging_view(desk, a, out);
	}
	return status;
}
