/*
 * allocate places one arriving person with the pure allocator (lodging.c) on
 * a picture of the hotels checked inside the check-in's transaction (kept
 * from the last bed when nothing changed it, stays.h), so two desks never
 * give the same bed, and writes back only what changed.
 */
#include "allocate.h"
#include "desk_private.h"
#include "frontdesk/actions/checkin.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/date.h"
#include "frontdesk/lodging_walkin.h"
#include "frontdesk/query.h"
#include "frontdesk/stays.h"
#include "frontdesk/xmalloc.h"
#include "verdict.h"

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
	struct lodging_guest guest;
	struct lodging_result res;

	memset(out, 0, sizeof(*out));
	out->request = a->room;
	if (a->room == ROOM_NONE) {
		return ACTION_OK;
	}
	/* the picture kept since this desk's last bed, unless anything changed it since */
	struct hotel_picture *pic =
	    stays_checkout(desk->db, desk->cfg->first_night, &desk->stays, cause);
	if (pic == NULL || !allocate_restrict_to_share(desk, pic, cause)) {
		return ACTION_FAILED;
	}
	allocate_guest(desk, a, &guest);
	/* a walk-in only where the desk found room for it (lodging_walkin.h) */
	lodging_allocate_from_rank(pic->state, &guest, a->walkin ? a->walkin_min_rank : 0, &res);
	enum action_status status = ACTION_OK;
	if (res.outcome == LODGING_GENDER_MISSING) {
		status = ACTION_REFUSED;
	} else if (res.outcome == LODGING_NO_ROOM) {
		out->no_room = true;
		out->no_room_in_share = res.elsewhere;
	} else if (res.outcome == LODGING_PLACED) {
		if (!stays_save_changed(desk->db, pic, cause)) {
			status = ACTION_FAILED;
		}
	}
	if (res.outcome == LODGING_PLACED && status == ACTION_OK) {
		stays_cache_saved(desk->db, desk->stays);
		action_lodging_view(desk, a, out);
	} else {
		/* the picture may differ from the saved stays (holds taken and put back in
		 * another order, or a save that failed): load it afresh next time */
		stays_cache_drop(desk->stays);
	}
	return status;
}

bool action_lodging_warm(struct desk *desk)
{
	char *cause = NULL;

	if (!db_begin_read(desk->db, &cause)) {
		free(cause);
		return false;
	}
	bool ok = stays_checkout(desk->db, desk->cfg->first_night, &desk->stays, &cause) != NULL;
	free(cause);
	cause = NULL;
	/* a read: ending it changes nothing (a rollback would make the picture stale) */
	if (!db_commit(desk->db, &cause)) {
		free(cause);
		return false;
	}
	return ok;
}
