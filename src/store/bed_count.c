/*
 * bed_count answers bed_count.h with the indexes the schema has: a room's
 * stays through UNIQUE (room_id, bed, night), a registration's through the
 * stay's primary key, so one changed registration costs a few index lookups.
 */
#include "frontdesk/bed_count.h"

#include <string.h>

#include "db_private.h"
#include "frontdesk/xmalloc.h"

/*
 * A room's row: id, beds taken on any night, the lowest gender among them,
 * whether a whole-room guest is there (NULL when no flag says: as in
 * rooming_count_free_beds, such a room gives no bed).
 */
#define ROOM_USE                                                                                 \
	"SELECT r.id, count(DISTINCT s.bed), min(a.gender), max(s.flags = 'whole') FROM room r " \
	"LEFT JOIN stay s ON s.room_id = r.id LEFT JOIN attendee a ON a.id = s.attendee_id "     \
	"WHERE r.type = 'twin' "

static void read_room(sqlite3_stmt *stmt, struct room_beds *out)
{
	int beds = sqlite3_column_int(stmt, 1);
	const char *gender = (const char *)sqlite3_column_text(stmt, 2);
	bool shared =
	    sqlite3_column_type(stmt, 3) != SQLITE_NULL && sqlite3_column_int(stmt, 3) == 0;

	out->room_id = sqlite3_column_int64(stmt, 0);
	out->female = out->male = beds == 0 ? 2 : 0;
	if (beds == 1 && shared && gender != NULL) {
		out->female = strcmp(gender, "F") == 0;
		out->male = strcmp(gender, "M") == 0;
	}
}

size_t bed_count_rooms(struct db *db, struct room_beds **out)
{
	sqlite3_stmt *stmt = db_prepare(db, ROOM_USE "GROUP BY r.id");
	size_t n = 0, cap = 256;

	*out = xcalloc(cap, sizeof(**out));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		read_room(stmt, &(*out)[n++]);
	}
	sqlite3_finalize(stmt);
	return n;
}

bool bed_count_room(struct db *db, long room_id, struct room_beds *out)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, ROOM_USE "AND r.id = ? GROUP BY r.id");
	bool found = false;

	sqlite3_bind_int64(stmt, 1, room_id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		read_room(stmt, out);
		found = true;
	}
	db_release(db, stmt);
	return found;
}

size_t bed_count_rooms_of(struct db *db, long attendee_id, long **rooms)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "SELECT DISTINCT room_id FROM stay WHERE attendee_id = ?");
	size_t n = 0;

	*rooms = NULL;
	sqlite3_bind_int64(stmt, 1, attendee_id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*rooms = xreallocarray(*rooms, n + 1, sizeof(**rooms));
		(*rooms)[n++] = sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
	return n;
}

size_t bed_count_stay_rooms(struct db *db, struct stay_room **out)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT DISTINCT attendee_id, room_id FROM stay");
	size_t n = 0, cap = 256;

	*out = xcalloc(cap, sizeof(**out));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[n++] = (struct stay_room){sqlite3_column_int64(stmt, 0),
		                                 sqlite3_column_int64(stmt, 1)};
	}
	sqlite3_finalize(stmt);
	return n;
}

bool bed_count_checked_in(struct db *db, long attendee_id)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "SELECT 1 FROM checkin c JOIN attendee a ON a.id = c.attendee_id "
	                          "WHERE c.attendee_id = ? AND a.expected");
	bool yes;

	sqlite3_bind_int64(stmt, 1, attendee_id);
	yes = sqlite3_step(stmt) == SQLITE_ROW;
	db_release(db, stmt);
	return yes;
}

void bed_count_max_ids(struct db *db, long *attendee, long *room)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT (SELECT coalesce(max(id), 0) FROM attendee), (SELECT coalesce(max(id), 0) "
	        "FROM room)");

	*attendee = *room = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*attendee = sqlite3_column_int64(stmt, 0);
		*room = sqlite3_column_int64(stmt, 1);
	}
	db_release(db, stmt);
}
