/*
 * share_access tells the allocator, before a desk places anyone, which rooms
 * this desk may open and pair in (issue 15, docs/merge.md "Rooms shared among
 * desks"): core decides (room_share_access) from what the store knows here.
 * An event not prepared for several desks restricts nothing, so it allocates
 * exactly as before. Only check-in and walk-in restrict: a merge's replay and
 * `rooms settle` load a picture of their own, on which every room is free.
 *
 * What the rule needs of every room (its share, and whose guests sleep there)
 * is kept between check-ins, as the hotel picture is: each room's share is
 * read once, where each guest was checked in is read again only for the
 * subjects of the journal entries since the last time, and who sleeps where
 * is the kept picture's. Reading every stay and check-in for each bed took
 * 0.2-0.5 s at the end of a 100k day (docs/performance.md).
 */
#include "allocate.h"
#include "desk_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/desks.h"
#include "frontdesk/room_share.h"
#include "frontdesk/say.h"
#include "frontdesk/sync.h"
#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

struct share_cache {
	int n_desks;    /* what the owners were read for */
	long *room_ids; /* the picture's rooms the owners were read for */
	int *owner;     /* per room: its share's desk position, 0 for none */
	size_t n_rooms;
	unsigned char *checked_in;   /* per attendee id: enum share_checkin */
	long max_id;                 /* last index of checked_in */
	long journal_mark;           /* checked_in follows the journal up to this row */
	unsigned long picture_loads; /* the kept picture's loads when checked_in was read whole */
};

void share_cache_free(struct share_cache *c)
{
	if (c != NULL) {
		free(c->room_ids);
		free(c->owner);
		free(c->checked_in);
		free(c);
	}
}

/* True when the owners were read for these rooms and this many desks. */
static bool owners_current(const struct share_cache *c, const struct hotel_picture *pic,
                           int n_desks)
{
	if (c->owner == NULL || c->n_desks != n_desks || c->n_rooms != pic->n_rooms) {
		return false;
	}
	for (size_t i = 0; i < pic->n_rooms; i++) {
		if (c->room_ids[i] != pic->rooms[i].id) {
			return false;
		}
	}
	return true;
}

static bool load_owners(struct share_cache *c, struct db *db, const struct hotel_picture *pic,
                        int n_desks)
{
	free(c->owner);
	free(c->room_ids);
	c->owner = xcalloc(pic->n_rooms + 1, sizeof(*c->owner));
	c->room_ids = xcalloc(pic->n_rooms + 1, sizeof(*c->room_ids));
	c->n_rooms = pic->n_rooms;
	c->n_desks = n_desks;
	for (size_t i = 0; i < pic->n_rooms; i++) {
		c->room_ids[i] = pic->rooms[i].id;
	}
	if (!desks_share_owners(db, pic, c->owner)) {
		free(c->owner);
		c->owner = NULL;
		return false;
	}
	return true;
}

static void take_place(long id, enum share_checkin where, void *arg)
{
	struct share_cache *c = arg;

	if (id < 0) {
		return;
	}
	if (id > c->max_id) {
		long max = id > 2 * c->max_id ? id : 2 * c->max_id;
		c->checked_in = xreallocarray(c->checked_in, (size_t)max + 1, 1);
		memset(c->checked_in + c->max_id + 1, SHARE_CHECKIN_NONE,
		       (size_t)(max - c->max_id));
		c->max_id = max;
	}
	c->checked_in[id] = (unsigned char)where;
}

/*
 * Brings checked_in up to the journal, read before the transaction writes an
 * entry of its own (the mark is then a committed row's, never one a rollback
 * takes back for the next entry to reuse): whole when the picture was loaded
 * afresh (anything may have changed), when the journal is shorter than the
 * mark (another file), or the first time; else by the entries since the mark
 * (a check-in row changes only with an entry of its subject).
 */
static void follow_checkins(struct share_cache *c, struct desk *desk)
{
	long mark = sync_journal_mark(desk->db);
	unsigned long loads = stays_cache_loads(desk->stays);

	if (c->checked_in == NULL || mark < c->journal_mark || loads != c->picture_loads) {
		free(c->checked_in);
		c->checked_in = xcalloc(1, 1);
		c->max_id = 0;
		desks_checkin_places(desk->db, -1, take_place, c);
		c->picture_loads = loads;
	} else if (mark > c->journal_mark) {
		desks_checkin_places(desk->db, c->journal_mark, take_place, c);
	}
	c->journal_mark = mark;
}

/* Under FRONTDESK_VERIFY_STAY_CACHE: what was kept must be what the database says. */
static void verify_sleepers(struct db *db, const struct hotel_picture *pic,
                            const struct share_view *kept)
{
	if (!testseam_verify_stay_cache()) {
		return;
	}
	struct share_view *fresh = xcalloc(pic->n_rooms + 1, sizeof(*fresh));
	desks_share_sleepers(db, pic, fresh);
	for (size_t i = 0; i < pic->n_rooms; i++) {
		if (fresh[i].empty != kept[i].empty || fresh[i].ours != kept[i].ours ||
		    fresh[i].theirs != kept[i].theirs) {
			fprintf(stderr,
			        "frontdesk: the kept room shares differ from the database\n");
			abort();
		}
	}
	free(fresh);
}

/* Every room as the rule sees it; false with *cause when the rooms changed under the picture. */
static bool view_rooms(struct desk *desk, struct hotel_picture *pic, int n_desks,
                       struct share_view *rooms, char **cause)
{
	if (desk->shares == NULL) {
		desk->shares = xcalloc(1, sizeof(*desk->shares));
	}
	struct share_cache *c = desk->shares;
	if (!owners_current(c, pic, n_desks) && !load_owners(c, desk->db, pic, n_desks)) {
		*cause = say_text("房间表与内存中的不一致，请重试");
		return false;
	}
	follow_checkins(c, desk);
	for (size_t i = 0; i < pic->n_rooms; i++) {
		rooms[i].share = c->owner[i];
		rooms[i].hotel_rank = pic->rooms[i].hotel_rank;
		rooms[i].kind = pic->rooms[i].kind;
	}
	room_share_sleepers(pic->state, pic->n_rooms, c->checked_in, c->max_id, rooms);
	verify_sleepers(desk->db, pic, rooms);
	return true;
}

bool allocate_restrict_to_share(struct desk *desk, struct hotel_picture *pic, char **cause)
{
	int n_desks = desks_count(desk->db);

	if (n_desks == 0) {
		lodging_clear_access(pic->state);
		return true;
	}
	struct share_view *rooms = xcalloc(pic->n_rooms + 1, sizeof(*rooms));
	long *age_of = xcalloc((size_t)n_desks + 1, sizeof(*age_of));
	bool ok = view_rooms(desk, pic, n_desks, rooms, cause);
	if (ok) {
		int position = desks_share_ages(desk->db, n_desks, age_of);
		enum lodging_access *access = xcalloc(pic->n_rooms + 1, sizeof(*access));
		room_share_access(rooms, pic->n_rooms, position, age_of, n_desks, access);
		for (size_t i = 0; i < pic->n_rooms; i++) {
			lodging_set_access(pic->state, i, access[i]);
		}
		free(access);
	}
	free(age_of);
	free(rooms);
	return ok;
}
