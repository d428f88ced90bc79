/*
 * desk_shares writes each desk's share of the rooms (room.share_desk, by
 * room_share_deal) and reads back what a desk needs to decide where it may
 * open a room (room_share_access): each room's owner, whether this desk's or
 * another desk's checked-in guests sleep there, and how recent each desk's
 * latest entry is. A stay belongs to the desk of its guest's check-in (the
 * checkin row, which the replay rebuilds with the desk that made it); a held
 * bed has no check-in and belongs to nobody.
 */
#include "frontdesk/desks.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/journal.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"

struct share_row {
	long id;
	struct share_room room;
};

static size_t load_share_rows(struct db *db, struct share_row **rows)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT id, hotel_rank, type, floor, room FROM room "
	                                    "ORDER BY hotel_rank, id");
	size_t n = 0;

	*rows = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, n + 1, sizeof(**rows));
		struct share_row *r = &(*rows)[n++];
		r->id = sqlite3_column_int64(stmt, 0);
		r->room.hotel_rank = sqlite3_column_int(stmt, 1);
		r->room.kind = strcmp((const char *)sqlite3_column_text(stmt, 2), "king") == 0
		                   ? ROOMKIND_KING
		                   : ROOMKIND_TWIN;
		r->room.floor = db_column_strdup(stmt, 3);
		r->room.room = db_column_strdup(stmt, 4);
	}
	sqlite3_finalize(stmt);
	return n;
}

static void free_share_rows(struct share_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)rows[i].room.floor);
		free((char *)rows[i].room.room);
	}
	free(rows);
}

bool desks_share_rooms(struct db *db, size_t *per_desk, char **cause)
{
	int n_desks = desks_count(db);
	struct share_row *rows;
	size_t n = load_share_rows(db, &rows);
	struct share_room *rooms = xcalloc(n + 1, sizeof(*rooms));
	int *desk_of = xcalloc(n + 1, sizeof(*desk_of));
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		rooms[i] = rows[i].room;
	}
	room_share_deal(rooms, n, (size_t)n_desks, desk_of);
	memset(per_desk, 0, (size_t)n_desks * sizeof(*per_desk));
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "UPDATE room SET share_desk = (SELECT id FROM desk WHERE position = ?1) WHERE id = ?2");
	for (size_t i = 0; ok && i < n && n_desks > 0; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_int(stmt, 1, desk_of[i] + 1);
		sqlite3_bind_int64(stmt, 2, rows[i].id);
		ok = sqlite3_step(stmt) == SQLITE_DONE;
		per_desk[desk_of[i]]++;
	}
	sqlite3_finalize(stmt);
	if (!ok) {
		*cause = db_error(db, "分配各台的房间", "sharing the rooms out among the desks");
	}
	free(desk_of);
	free(rooms);
	free_share_rows(rows, n);
	return ok;
}

bool desks_share_owners(struct db *db, const struct hotel_picture *pic, int *owner)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT r.id, coalesce(d.position, 0) FROM room r LEFT JOIN desk d ON "
	                   "d.id = r.share_desk ORDER BY r.hotel_rank, r.id");
	size_t i = 0;
	bool ok = true;

	while (ok && sqlite3_step(stmt) == SQLITE_ROW) {
		ok = i < pic->n_rooms && pic->rooms[i].id == sqlite3_column_int64(stmt, 0);
		if (ok) {
			owner[i++] = sqlite3_column_int(stmt, 1);
		}
	}
	sqlite3_finalize(stmt);
	return ok && i == pic->n_rooms;
}

void desks_share_sleepers(struct db *db, const struct hotel_picture *pic, struct share_view *rooms)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT r.id, max(coalesce(c.desk_id = ?1, 0)), max(coalesce(c.desk_id <> ?1, 0)) "
	        "FROM stay s JOIN room r ON r.id = s.room_id "
	        "LEFT JOIN checkin c ON c.attendee_id = s.attendee_id "
	        "GROUP BY r.id ORDER BY r.hotel_rank, r.id");
	char *me = setup_get(db, "desk.id");
	size_t i = 0;

	for (size_t k = 0; k < pic->n_rooms; k++) {
		rooms[k].empty = true;
		rooms[k].ours = rooms[k].theirs = false;
	}
	db_bind_text(stmt, 1, me ? me : "");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		long id = sqlite3_column_int64(stmt, 0);
		while (i < pic->n_rooms && pic->rooms[i].id != id) {
			i++;
		}
		if (i == pic->n_rooms) {
			break;
		}
		rooms[i].empty = false;
		rooms[i].ours = sqlite3_column_int(stmt, 1) != 0;
		rooms[i].theirs = sqlite3_column_int(stmt, 2) != 0;
	}
	sqlite3_finalize(stmt);
	free(me);
}

/*
 * A desk's latest entry is its last by sequence (one index step), not the
 * latest by time stamp (every entry of the desk read): they differ only when
 * the desk's clock was set back, and then the age comes out larger, which
 * borrows less.
 */
int desks_share_ages(struct db *db, int n_desks, long *age_of)
{
	char now[32];
	char *me = setup_get(db, "desk.id");
	int position = 0;
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT d.id, d.position, (SELECT max(CAST(strftime('%s', ?1) AS INTEGER) - "
	        "CAST(strftime('%s', j.at) AS INTEGER), 0) FROM journal j "
	        "WHERE j.desk_id = d.id ORDER BY j.seq DESC LIMIT 1) FROM desk d");

	journal_now(now);
	db_bind_text(stmt, 1, now);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int pos = sqlite3_column_int(stmt, 1);
		if (pos < 1 || pos > n_desks) {
			continue;
		}
		age_of[pos] = sqlite3_column_type(stmt, 2) == SQLITE_NULL
		                  ? -1
		                  : (long)sqlite3_column_int64(stmt, 2);
		if (me != NULL && strcmp((const char *)sqlite3_column_text(stmt, 0), me) == 0) {
			position = pos;
		}
	}
	db_release(db, stmt);
	free(me);
	return position;
}

/*
 * Every check-in, or the subjects of the entries after a mark, with where
 * each stands now (a subject with several entries comes once for each). A
 * subject is found as the replay finds it (any case).
 */
static const char every_checkin_sql[] =
    "SELECT attendee_id, CASE WHEN desk_id = ?1 THEN 1 ELSE 2 END FROM checkin";
/* by rowid from the mark: a DISTINCT on subject had SQLite read the whole subject index */
static const char changed_subjects_sql[] =
    "SELECT a.id, CASE WHEN c.desk_id IS NULL THEN 0 WHEN c.desk_id = ?1 THEN 1 ELSE 2 END "
    "FROM journal j "
    "JOIN attendee a ON a.reg_no IN (j.subject, upper(j.subject), lower(j.subject)) "
    "LEFT JOIN checkin c ON c.attendee_id = a.id WHERE j.rowid > ?2";

void desks_checkin_places(struct db *db, long since,
                          void (*take)(long attendee_id, enum share_checkin where, void *arg),
                          void *arg)
{
	char *me = setup_get(db, "desk.id");
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, since < 0 ? every_checkin_sql : changed_subjects_sql);

	db_bind_text(stmt, 1, me ? me : "");
	if (since >= 0) {
		sqlite3_bind_int64(stmt, 2, since);
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		take((long)sqlite3_column_int64(stmt, 0),
		     (enum share_checkin)sqlite3_column_int(stmt, 1), arg);
	}
	db_release(db, stmt);
	free(me);
}
