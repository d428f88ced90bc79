/*
 * db_private: what the store's own files share about a struct db. Never
 * included outside src/store (and the store's unit tests).
 */
#ifndef FRONTDESK_DB_PRIVATE_H
#define FRONTDESK_DB_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/types.h>

#include "frontdesk/db.h"

/* How many statements a connection keeps prepared (db_prepare_cached): the hot paths' few. */
#define DB_CACHED_MAX 48

struct db_cached {
	const char *sql; /* the caller's text, compared by content */
	sqlite3_stmt *stmt;
	bool in_use; /* handed out and not yet released */
};

/* Where this connection left its desk's LAN log (lanlog.c), to skip reading the tail back. */
struct lan_tail {
	bool known;
	dev_t dev;
	ino_t ino;
	off_t size;
	long seq; /* the last line's */
};

struct db {
	sqlite3 *handle;
	struct db_cached cached[DB_CACHED_MAX];
	int n_cached;
	unsigned long prepares; /* statements compiled on this connection */
	char *path;
	unsigned long rollbacks;  /* transactions rolled back on this connection */
	unsigned long statements; /* statements run, once db_count_statements started counting */
	bool read_only;           /* opened with db_open_read_only: every write is refused */
	bool journal_written;     /* this transaction journalled: its commit appends the LAN log */
	char *lan_error;          /* why the last LAN log append failed (lanlog.h), or NULL */
	struct lan_tail lan_tail;
	bool checkpoints_deferred;  /* db_defer_checkpoints: the desk checkpoints when idle */
	int wal_pages;              /* the WAL's length after this connection's last commit */
	struct sync_clocks *clocks; /* the replay order's clocks of the journal (sync_tail.c) */
};

/*
 * The flags every sqlite3_open_v2 of the store adds to its own. The first call
 * also sets SQLite's library-wide options, which must precede its start.
 */
int db_open_flags(int flags);

/* Frees the clocks sync_tail.c keeps on a connection; NULL is a no-op. */
void sync_clocks_free(struct sync_clocks *c);

/*
 * SQL that is true when attendee.reg_no is parameter ?1 without regard to
 * case (wh2026-0006 finds WH2026-0006): as written, in capitals, in small
 * letters (SQLite's upper and lower fold ASCII only). Each is one lookup in
 * the reg_no index, where a COLLATE NOCASE comparison would read every row;
 * platforms write reg_nos in one case.
 */
#define DB_REG_NO_MATCH "reg_no IN (?1, upper(?1), lower(?1))"

/* Returns how many transactions this connection has rolled back since it opened. */
unsigned long db_rollbacks(const struct db *db);

/* One step of the schema: the SQL that takes version n-1 to n. */
struct migration {
	int version;
	const char *sql;
};

/* The migrations of this build, in order (schema.c). */
extern const struct migration db_migrations[];
extern const int db_n_migrations;

/*
 * Brings db from its version to the last of migrations, all in one
 * transaction. Refuses (false, *cause) a database newer than the last one.
 * Exposed for the unit tests, which migrate with their own lists.
 */
bool db_migrate(struct db *db, const struct migration *migrations, int n, char **cause);

/* Returns a bilingual message for the connection's last error; the caller frees it. */
char *db_error(struct db *db, const char *what_zh, const char *what_en);

/* Prepares sql or aborts: a statement that does not compile is a programming error. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

/*
 * Returns sql prepared once per connection and kept: the hot paths (a
 * keystroke's matches, a scan, the status line, a check-in) run the same
 * few statements thousands of times, and compiling them was most of their
 * time. sql must be a string literal (it is kept by pointer and compared by
 * content). Hand it back with db_release, never sqlite3_finalize. When its
 * one copy is already out (a nested call), a fresh statement is returned
 * that db_release finalizes.
 */
sqlite3_stmt *db_prepare_cached(struct db *db, const char *sql);

/* Resets a statement of db_prepare_cached for its next use (or finalizes an uncached one). */
void db_release(struct db *db, sqlite3_stmt *stmt);

/* Executes SQL with no result rows; false and *cause on failure. */
bool db_exec(struct db *db, const char *sql, char **cause);

/* Binds text, or NULL when text is NULL. */
void db_bind_text(sqlite3_stmt *stmt, int index, const char *text);

/* Returns a column's text as a new string (NULL for SQL NULL); the caller frees it. */
char *db_column_strdup(sqlite3_stmt *stmt, int column);

#endif
