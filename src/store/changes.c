/*
 * changes reads the two marks of changes.h. The journal is the change feed
 * because every desk action, and every merge of another desk's, writes its
 * rows and its entry in one transaction: an entry after the mark names every
 * registration whose rows may differ, unless the journal was replayed whole
 * meanwhile (the third mark). Imports do not journal (a copy's setup
 * is not an act of the desk), so they move the import log's mark instead.
 */
#include "frontdesk/changes.h"

#include "db_private.h"
#include "frontdesk/xmalloc.h"

void changes_mark(struct db *db, struct change_mark *out)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db,
	    "SELECT (SELECT coalesce(max(rowid), 0) FROM journal), (SELECT coalesce(max(id), 0) "
	    "FROM import_log), (SELECT coalesce(CAST(value AS INTEGER), 0) FROM setting "
	    "WHERE key = 'desk.replays')");

	out->journal = out->import = out->replays = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		out->journal = sqlite3_column_int64(stmt, 0);
		out->import = sqlite3_column_int64(stmt, 1);
		out->replays = sqlite3_column_int64(stmt, 2);
	}
	db_release(db, stmt);
}

size_t changes_attendees_since(struct db *db, long journal_after, long **ids)
{
	/* +j.subject: the few new entries first, then each one's registration; through
	 * journal_subject the planner would read every registration instead */
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT DISTINCT a.id FROM journal j JOIN attendee a ON a.reg_no = +j.subject "
	        "WHERE j.rowid > ? ORDER BY a.id");
	size_t n = 0;

	*ids = NULL;
	sqlite3_bind_int64(stmt, 1, journal_after);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, n + 1, sizeof(**ids));
		(*ids)[n++] = sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
	return n;
}

long changes_unnamed_since(struct db *db, long journal_after)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT count(*) FROM journal WHERE rowid > ? AND (subject IS NULL OR subject "
	        "NOT IN (SELECT reg_no FROM attendee))");
	long n = 0;

	sqlite3_bind_int64(stmt, 1, journal_after);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		n = sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
	return n;
}
