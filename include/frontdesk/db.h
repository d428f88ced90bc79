/*
 * db: the one SQLite database of a desk (DESIGN section 5).
 *
 * One connection per process, WAL, synchronous=FULL (an acknowledged check-in
 * survives a power cut), foreign keys on, the schema versioned in
 * PRAGMA user_version and migrated forward in one transaction. No sqlite3
 * type leaves src/store: callers hold a struct db.
 */
#ifndef FRONTDESK_DB_H
#define FRONTDESK_DB_H

#include <stdbool.h>

struct db;

/* The schema version this build writes and understands. */
#define DB_SCHEMA_VERSION 10

/*
 * Opens (creating when absent, mode 0600) the database at path and migrates it
 * to DB_SCHEMA_VERSION. Returns NULL and a bilingual *cause (the caller frees
 * it) when it cannot be opened, is not a frontdesk database, or comes from a
 * newer frontdesk (it is then left untouched).
 */
struct db *db_open(const char *path, char **cause);

/*
 * Opens the database at path for reading only: nothing is created, migrated
 * or written, so it works in a read-only folder or on a read-only mount
 * (where a WAL database with no -wal data is read as immutable). Every write
 * (db_begin) is refused with advice. Returns NULL and a bilingual *cause
 * (the caller frees it) when it is missing, not a frontdesk database, or
 * needs an upgrade first.
 */
struct db *db_open_read_only(const char *path, char **cause);

/* Closes the database; NULL is a no-op. */
void db_close(struct db *db);

/* Returns the path the database was opened with (owned by db). */
const char *db_path(const struct db *db);
/* Why the last append to this desk's LAN log failed (lanlog.h; borrowed), or NULL. */
const char *db_lan_error(const struct db *db);

/*
 * Begins an immediate (write) transaction, waiting up to 10 s for another
 * program's write lock (reads wait 5 s). False with *cause when the database
 * is still busy (advice to try again in a moment), read-only, or broken.
 */
bool db_begin(struct db *db, char **cause);
/* Commits; on failure rolls back and returns false with *cause. */
bool db_commit(struct db *db, char **cause);
/* Begins a read transaction: what it reads is one snapshot. End it with db_commit. */
bool db_begin_read(struct db *db, char **cause);
/* Rolls back the open transaction, if any. */
void db_rollback(struct db *db);

/* Returns PRAGMA user_version. */
int db_schema_version(struct db *db);

/*
 * Returns PRAGMA data_version: it changes when another connection commits,
 * so a cache built from the database knows when to rebuild.
 */
long db_data_version(struct db *db);

/*
 * Returns a number that changes whenever the database content changes, by
 * this connection or (seen at its next read) by another one, without running
 * a statement (SQLITE_FCNTL_DATA_VERSION): a view model compares it on every
 * redraw for nothing.
 */
unsigned long db_change_stamp(struct db *db);

/* Starts counting the statements this connection runs (a test of the desk screen's caches). */
void db_count_statements(struct db *db);
/* Returns how many statements ran since db_count_statements. */
unsigned long db_statement_count(const struct db *db);

/* Returns how many statements this connection compiled (the tests of the statement cache). */
unsigned long db_prepare_count(const struct db *db);

/*
 * Moves SQLite's WAL checkpoint off this connection's commits, for a desk
 * that has idle moments (the desk screen between people): its commits no
 * longer copy the WAL into the database every 1,000 pages (4-7 ms at the end
 * of a 100k day, once in a hundred check-ins), db_checkpoint_if_due does it
 * when called while nobody waits. A commit still checkpoints once the WAL
 * holds DB_CHECKPOINT_FORCED pages, so a desk that is never idle does not
 * grow it without bound.
 */
void db_defer_checkpoints(struct db *db);

/* A deferred connection's WAL pages before its commits checkpoint anyway (32 MiB of 4 KiB). */
#define DB_CHECKPOINT_FORCED 8000

/*
 * Checkpoints (PASSIVE: never waits for a reader or a writer) when this
 * connection's commits left 1,000 WAL pages or more; true when it ran one.
 */
bool db_checkpoint_if_due(struct db *db);

/* Returns true when PRAGMA integrity_check answers ok. */
bool db_integrity_ok(struct db *db);

#endif
