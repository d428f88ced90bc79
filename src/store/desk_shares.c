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

/* Each room's owner, in the picture's order (rank, id); false if the rooms differ. */
static bool load_owners(struct db *db, const struct hotel_picture *pic, struct desk_shares *out)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT r.id, coalesce(d.position, 0) FROM room r LEFT JOIN desk d ON "
	                   "d.id = r.share_desk ORDER BY r.hotel_rank, r.id");
	size_t i = 0;
	bool ok = true;

	while (ok && sqlite3_step(stmt) == SQLITE_ROW) {
		ok = i < pic->n_rooms && pic->rooms[i].id == sqlite3_column_int64(stmt, 0);
		if (ok) {
			out->rooms[i] = (struct share_view){sqlite3_column_int(stmt, 1),
			                                    pic->rooms[i].hotel_rank,
			                                    pic->rooms[i].kind,
			                                    false,
			                                    false,
			                                    true};
			i++;
		}
	}
	sqlite3_finalize(stmt);
	return ok && i == pic->n_rooms;
}

/* Marks the rooms with stays: whose guests (this desk's, another's) sleep there. */
static void load_sleepers(struct db *db, const struct hotel_picture *pic, const char *me,
                          struct desk_shares *out)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT r.id, max(coalesce(c.desk_id = ?1, 0)), max(coalesce(c.desk_id <> ?1, 0)) "
	        "FROM stay s JOIN room r ON r.id = s.room_id "
	        "LEFT JOIN checkin c ON c.attendee_id = s.attendee_id "
	        "GROUP BY r.id ORDER BY r.hotel_rank, r.id");
	size_t i = 0;

	db_bind_text(stmt, 1, me);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		long id = sqlite3_column_int64(stmt, 0);
		while (i < pic->n_rooms && pic->rooms[i].id != id) {
			i++;
		}
		if (i == pic->n_rooms) {
			break;
		}
		out->rooms[i].empty = false;
		out->rooms[i].ours = sqlite3_column_int(stmt, 1) != 0;
		out->rooms[i].theirs = sqlite3_column_int(stmt, 2) != 0;
	}
	sqlite3_finalize(stmt);
}

/*
 * Each desk's position, this desk's, and the age of each desk's latest entry.
 * An entry stamped ahead of this desk's clock counts as just written; a desk
 * with no entry here has no age (NULL: max() of a NULL is NULL).
 */
static void load_desks(struct db *db, const char *me, struct desk_shares *out)
{
	char now[32];
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT d.id, d.position, (SELECT max(CAST(strftime('%s', ?1) AS INTEGER) - "
	        "CAST(strftime('%s', max(j.at)) AS INTEGER), 0) FROM journal j "
	        "WHERE j.desk_id = d.id) FROM desk d");

	journal_now(now);
	db_bind_text(stmt, 1, now);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int pos = sqlite3_column_int(stmt, 1);
		if (pos < 1 || pos > out->n_desks) {
			continue;
		}
		out->age_of[pos] = sqlite3_column_type(stmt, 2) == SQLITE_NULL
		                       ? -1
		                       : (long)sqlite3_column_int64(stmt, 2);
		if (me != NULL && strcmp((const char *)sqlite3_column_text(stmt, 0), me) == 0) {
			out->desk = pos;
		}
	}
	sqlite3_finalize(stmt);
}

static char *this_desk(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT value FROM setting WHERE key = 'desk.id'");
	char *id = NULL;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		id = db_column_strdup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return id;
}

bool desks_shares_load(struct db *db, const struct hotel_picture *pic, struct desk_shares *out,
                       char **cause)
{
	char *me = this_desk(db);

	memset(out, 0, sizeof(*out));
	out->n_desks = desks_count(db);
	out->age_of = xcalloc((size_t)out->n_desks + 1, sizeof(*out->age_of));
	out->rooms = xcalloc(pic->n_rooms + 1, sizeof(*out->rooms));
	load_desks(db, me, out);
	bool ok = load_owners(db, pic, out);
	if (ok) {
		load_sleepers(db, pic, me != NULL ? me : "", out);
	} else {
		*cause = say_text("房间表与内存中的不一致，请重试");
	}
	free(me);
	return ok;
}

void desks_shares_release(struct desk_shares *s)
{
	free(s->age_of);
	free(s->rooms);
	memset(s, 0, sizeof(*s));
}
