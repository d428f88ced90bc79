/*
 * journal appends entries with per-desk sequence numbers. The sequence is the
 * next after this desk's highest, read inside the caller's write transaction,
 * so two processes on one database cannot take the same number.
 */
#include "frontdesk/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_private.h"
#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

/* Only a -Dtest_seam=true build can fix the clock (testseam_now); a release reads the real one. */
void journal_now(char out[32])
{
	const char *fixed = testseam_now();
	time_t t = time(NULL);
	struct tm tm;

	if (fixed != NULL) {
		snprintf(out, 32, "%s", fixed);
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

static char *desk_id(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT value FROM setting WHERE key = 'desk.id'");
	char *id = NULL;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		id = db_column_strdup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return id ? id : xstrdup("?");
}

long journal_append(struct db *db, const struct journal_entry *entry, char **cause)
{
	char *desk = desk_id(db);
	char now[32];
	sqlite3_stmt *stmt = db_prepare(
	    db, "INSERT INTO journal (desk_id, seq, at, operator, action, subject, details) "
	        "VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM journal WHERE desk_id = ?1), "
	        "?2, ?3, ?4, ?5, ?6) RETURNING seq");
	long seq = -1;

	journal_now(now);
	db_bind_text(stmt, 1, desk);
	db_bind_text(stmt, 2, entry->at ? entry->at : now);
	db_bind_text(stmt, 3, entry->operator_name);
	db_bind_text(stmt, 4, entry->action);
	db_bind_text(stmt, 5, entry->subject);
	db_bind_text(stmt, 6, entry->details);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		seq = sqlite3_column_int64(stmt, 0);
	} else {
		*cause = db_error(db, "写入日志", "writing the journal");
	}
	sqlite3_finalize(stmt);
	free(desk);
	return seq;
}

long journal_count_own(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT count(*) FROM journal WHERE desk_id = "
	                                    "(SELECT value FROM setting WHERE key = 'desk.id')");
	long n = 0;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		n = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return n;
}
