/*
 * desks keeps the list of an event's desks. Naming them is part of preparing
 * the database, before any copy is made, so it replaces the whole list.
 */
#include "frontdesk/desks.h"

#include "db_private.h"

bool desks_name(struct db *db, const char *const *ids, size_t n, char **cause)
{
	if (!db_exec(
	        db, "UPDATE room SET share_desk = NULL; DELETE FROM desk_secret; DELETE FROM desk;",
	        cause)) {
		return false;
	}
	sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO desk (id, position) VALUES (?1, ?2)");
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_reset(stmt);
		db_bind_text(stmt, 1, ids[i]);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i + 1);
		ok = sqlite3_step(stmt) == SQLITE_DONE;
	}
	sqlite3_finalize(stmt);
	if (!ok) {
		*cause = db_error(db, "记录台号", "recording the desks");
	}
	return ok;
}

static long count_of(struct db *db, const char *sql, const char *arg)
{
	sqlite3_stmt *stmt = db_prepare(db, sql);
	long n = 0;

	if (arg != NULL) {
		db_bind_text(stmt, 1, arg);
	}
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		n = (long)sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return n;
}

int desks_count(struct db *db)
{
	return (int)count_of(db, "SELECT count(*) FROM desk", NULL);
}

bool desks_has(struct db *db, const char *id)
{
	return count_of(db, "SELECT count(*) FROM desk WHERE id = ?1", id) > 0;
}

long desks_journal_entries(struct db *db)
{
	return count_of(db, "SELECT count(*) FROM journal", NULL);
}
