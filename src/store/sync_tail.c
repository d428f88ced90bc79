/*
 * sync_tail decides when a merge may apply only its new entries (issue 17:
 * a desk on the LAN merges one entry at a time, and replaying the whole day
 * for each would cost a keystroke's budget many times over). The replay's
 * order is by each desk's running clock, then desk, then seq
 * (sync_load_replay): entries that all fall after everything stored give, on
 * the rows the replay left, exactly what the replay of everything gives.
 */
#include "frontdesk/sync.h"

#include "db_private.h"

long sync_journal_mark(struct db *db)
{
	sqlite3_stmt *s = db_prepare(db, "SELECT coalesce(max(rowid), 0) FROM journal");
	long mark = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;

	sqlite3_finalize(s);
	return mark;
}

/* The desks of the new entries are the only partitions whose clocks are computed. */
static const char tail_sql[] =
    "WITH last AS (SELECT max(at) AS clock, desk_id, max(seq) AS seq FROM journal "
    "WHERE rowid <= ?1 GROUP BY desk_id ORDER BY 1 DESC, 2 DESC LIMIT 1), "
    "fresh AS (SELECT rowid AS rid, desk_id, seq, max(at) OVER (PARTITION BY desk_id "
    "ORDER BY seq) AS clock FROM journal WHERE desk_id IN (SELECT desk_id FROM journal "
    "WHERE rowid > ?1)) "
    "SELECT NOT EXISTS (SELECT 1 FROM fresh, last WHERE fresh.rid > ?1 AND "
    "(fresh.clock, fresh.desk_id, fresh.seq) <= (last.clock, last.desk_id, last.seq)) "
    "AND NOT EXISTS (SELECT 1 FROM journal WHERE rowid > ?1 AND action = 'settle') "
    "AND NOT EXISTS (SELECT 1 FROM conflict WHERE kind IN ('BED_TWICE', 'BED_CHANGED'))";

bool sync_tail_applies_alone(struct db *db, long mark)
{
	sqlite3_stmt *s = db_prepare(db, tail_sql);
	bool alone;

	sqlite3_bind_int64(s, 1, mark);
	alone = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
	sqlite3_finalize(s);
	return alone;
}
