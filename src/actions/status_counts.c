/*
 * status_counts keeps the status line's figures between refreshes. Counting
 * them from scratch reads every registration and every stay (about 0.4 s at
 * the end of a 100,000-person day), and the line is refreshed after each
 * confirm and every 5 s. Every desk action, here or merged from another
 * desk, journals the registration it touched, so after the first count only
 * those are read again: whether each is checked in, and the rooms it is in
 * now and was in before (a hold for a requested roommate is in the same
 * room). An import, an entry that names no registration (rooms settle), or
 * a merge that replayed the whole journal counts again in full.
 */
#include "status_counts.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/bed_count.h"
#include "frontdesk/changes.h"
#include "frontdesk/records.h"
#include "frontdesk/xmalloc.h"

/* Rooms of one registration: enough for a stay that changed room; more marks it -1 (recount). */
#define ROOMS_KEPT 4

struct status_counts {
	struct change_mark mark;
	struct status_figures f;
	long max_attendee, max_room;
	unsigned char *checked;    /* by attendee id: counted as checked in */
	long (*rooms)[ROOMS_KEPT]; /* by attendee id: rooms with a stay of theirs, 0 for none */
	int (*beds)[2];            /* by room id: free beds it gives (female, male) */
	unsigned long recounts;
};

static void forget(struct status_counts *c)
{
	free(c->checked);
	free(c->rooms);
	free(c->beds);
	c->checked = NULL;
	c->rooms = NULL;
	c->beds = NULL;
}

static void keep_room(struct status_counts *c, long attendee, long room, bool *overflow)
{
	long *kept = c->rooms[attendee];

	if (kept[0] < 0) {
		return;
	}
	for (int i = 0; i < ROOMS_KEPT; i++) {
		if (kept[i] == room) {
			return;
		}
		if (kept[i] == 0) {
			kept[i] = room;
			return;
		}
	}
	kept[0] = -1;
	*overflow = true;
}

static void count_beds(struct status_counts *c, struct db *db)
{
	struct room_beds *rooms;
	size_t n = bed_count_rooms(db, &rooms);

	for (size_t i = 0; i < n; i++) {
		if (rooms[i].room_id > 0 && rooms[i].room_id <= c->max_room) {
			c->beds[rooms[i].room_id][0] = rooms[i].female;
			c->beds[rooms[i].room_id][1] = rooms[i].male;
			c->f.free_female += rooms[i].female;
			c->f.free_male += rooms[i].male;
		}
	}
	free(rooms);
}

/* Counts everything (a registration in more rooms than kept is marked to count again). */
static void recount(struct status_counts *c, struct db *db)
{
	struct stay_room *stays;
	bool overflow = false;

	forget(c);
	c->recounts++;
	changes_mark(db, &c->mark);
	bed_count_max_ids(db, &c->max_attendee, &c->max_room);
	c->checked = xcalloc((size_t)c->max_attendee + 1, 1);
	c->rooms = xcalloc((size_t)c->max_attendee + 1, sizeof(*c->rooms));
	c->beds = xcalloc((size_t)c->max_room + 1, sizeof(*c->beds));
	memset(&c->f, 0, sizeof(c->f));
	records_count_checkins(db, &c->f.expected, &c->f.checked_in);
	records_checked_ids(db, c->checked, (size_t)c->max_attendee + 1);
	count_beds(c, db);
	size_t n = bed_count_stay_rooms(db, &stays);
	for (size_t i = 0; i < n; i++) {
		if (stays[i].attendee_id > 0 && stays[i].attendee_id <= c->max_attendee) {
			keep_room(c, stays[i].attendee_id, stays[i].room_id, &overflow);
		}
	}
	free(stays);
}

/* Counts one room again. */
static void room_again(struct status_counts *c, struct db *db, long room)
{
	struct room_beds now = {room, 0, 0};

	if (room <= 0 || room > c->max_room) {
		return;
	}
	bed_count_room(db, room, &now);
	c->f.free_female += now.female - c->beds[room][0];
	c->f.free_male += now.male - c->beds[room][1];
	c->beds[room][0] = now.female;
	c->beds[room][1] = now.male;
}

/* Reads one registration again; false when the figures must be counted in full. */
static bool attendee_again(struct status_counts *c, struct db *db, long id)
{
	long *now, before[ROOMS_KEPT];
	bool overflow = false;

	if (id <= 0 || id > c->max_attendee || c->rooms[id][0] < 0) {
		return false;
	}
	bool checked = bed_count_checked_in(db, id);
	c->f.checked_in += (int)checked - (int)c->checked[id];
	c->checked[id] = checked;
	memcpy(before, c->rooms[id], sizeof(before));
	memset(c->rooms[id], 0, sizeof(before));
	size_t n = bed_count_rooms_of(db, id, &now);
	for (size_t i = 0; i < n; i++) {
		keep_room(c, id, now[i], &overflow);
		room_again(c, db, now[i]);
	}
	for (int i = 0; i < ROOMS_KEPT; i++) {
		bool still = false;
		for (size_t k = 0; k < n; k++) {
			still = still || now[k] == before[i];
		}
		if (before[i] != 0 && !still) {
			room_again(c, db, before[i]);
		}
	}
	free(now);
	return !overflow;
}

static bool follow(struct status_counts *c, struct db *db)
{
	struct change_mark now;
	long *ids;
	bool ok = true;

	changes_mark(db, &now);
	if (c->checked == NULL || now.import != c->mark.import || now.replays != c->mark.replays ||
	    now.journal < c->mark.journal) {
		return false;
	}
	if (now.journal == c->mark.journal) {
		return true;
	}
	if (changes_unnamed_since(db, c->mark.journal) > 0) {
		return false;
	}
	size_t n = changes_attendees_since(db, c->mark.journal, &ids);
	c->mark = now;
	for (size_t i = 0; ok && i < n; i++) {
		ok = attendee_again(c, db, ids[i]);
	}
	free(ids);
	return ok;
}

void status_counts_get(struct status_counts **counts, struct db *db, struct status_figures *out)
{
	if (*counts == NULL) {
		*counts = xcalloc(1, sizeof(**counts));
	}
	struct status_counts *c = *counts;
	if (!follow(c, db)) {
		recount(c, db);
	}
	*out = c->f;
}

unsigned long status_counts_recounts(const struct status_counts *counts)
{
	return counts ? counts->recounts : 0;
}

void status_counts_free(struct status_counts *counts)
{
	if (counts == NULL) {
		return;
	}
	forget(counts);
	free(counts);
}
