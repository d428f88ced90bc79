/*
 * desks keeps the list of an event's desks. Naming them is part of preparing
 * the database, before any copy is made, so it replaces the whole list.
 */
#include "frontdesk/desks.h"

#include <string.h>

#include "db_private.h"

bool desks_name(struct db *db, const char *const *ids, size_t n,
                const unsigned char (*keys)[CHAIN_PUBLIC_BYTES], char **cause)
{
	if (!db_exec(
	        db, "UPDATE room SET share_desk = NULL; DELETE FROM desk_secret; DELETE FROM desk;",
	        cause)) {
		return false;
	}
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO desk (id, position, public_key) VALUES (?1, ?2, ?3)");
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_reset(stmt);
		db_bind_text(stmt, 1, ids[i]);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_blob(stmt, 3, keys[i], CHAIN_PUBLIC_BYTES, SQLITE_STATIC);
		ok = sqlite3_step(stmt) == SQLITE_DONE;
	}
	sqlite3_finalize(stmt);
	if (!ok) {
		*cause = db_error(db, "记录台号", "recording the desks");
	}
	return ok;
}

/* Cached: desks_count is asked at every journal entry. */
static long count_of(struct db *db, const char *sql, const char *arg)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, sql);
	long n = 0;

	if (arg != NULL) {
		db_bind_text(stmt, 1, arg);
	}
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		n = (long)sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
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

/* Copies a blob column of exactly n bytes into out; false when it is anything else. */
static bool blob_of(sqlite3_stmt *stmt, const char *arg, unsigned char *out, size_t n)
{
	bool ok = false;

	db_bind_text(stmt, 1, arg);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == (int)n) {
		memcpy(out, sqlite3_column_blob(stmt, 0), n);
		ok = true;
	}
	sqlite3_finalize(stmt);
	return ok;
}

bool desks_public_key(struct db *db, const char *id, unsigned char pk[CHAIN_PUBLIC_BYTES])
{
	return blob_of(db_prepare(db, "SELECT public_key FROM desk WHERE id = ?1"), id, pk,
	               CHAIN_PUBLIC_BYTES);
}

bool desks_install_secret(struct db *db, const char *id, const unsigned char sk[CHAIN_SECRET_BYTES],
                          char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO desk_secret (id, desk_id, secret_key) VALUES (1, ?1, ?2) "
	                   "ON CONFLICT (id) DO UPDATE SET desk_id = excluded.desk_id, "
	                   "secret_key = excluded.secret_key");
	bool ok;

	db_bind_text(stmt, 1, id);
	sqlite3_bind_blob(stmt, 2, sk, CHAIN_SECRET_BYTES, SQLITE_STATIC);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_finalize(stmt);
	if (!ok) {
		*cause = db_error(db, "安装台钥", "installing the desk key");
	}
	return ok;
}

bool desks_secret(struct db *db, const char *id, unsigned char sk[CHAIN_SECRET_BYTES])
{
	return blob_of(db_prepare(db, "SELECT secret_key FROM desk_secret WHERE desk_id = ?1"), id,
	               sk, CHAIN_SECRET_BYTES);
}
