/*
 * export_store (the store side of export; actions' export.c writes the
 * files) reads what the end-of-day export writes out. It owns the read
 * transaction that makes the CSV files, the workbooks, the bundle and the
 * snapshot agree with each other, and the backup-API copy itself: copying the
 * database file with read() could catch a page mid-checkpoint, the backup API
 * cannot.
 */
#include "frontdesk/export_store.h"

#include <errno.h>
#include <stdlib.h>

#include "db_private.h"
#include "frontdesk/json.h"
#include "frontdesk/say.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

bool export_store_begin(struct db *db, char **cause)
{
	/* a deferred BEGIN takes no snapshot until the first read: read once to pin it */
	if (!db_exec(db, "BEGIN", cause)) {
		return false;
	}
	if (!db_exec(db, "SELECT count(*) FROM setting", cause)) {
		db_rollback(db);
		return false;
	}
	return true;
}

void export_store_end(struct db *db)
{
	db_rollback(db);
}

uint64_t export_store_size(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
	uint64_t size = 0;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		size = (uint64_t)sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return size;
}

/* The OS error behind a failed SQLite call on handle: ENOSPC for SQLITE_FULL. */
static int os_error_of(sqlite3 *handle, int rc)
{
	int sys = handle ? sqlite3_system_errno(handle) : 0;

	if ((rc & 0xff) == SQLITE_FULL) {
		return ENOSPC;
	}
	if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) {
		return sys ? sys : EIO;
	}
	return sys;
}

static bool snapshot_fail(sqlite3 *dest, int rc, int *os_errno, char **cause)
{
	const char *msg = dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);

	*os_errno = os_error_of(dest, rc);
	*cause = say("写入数据库快照失败：%s", msg);
	sqlite3_close(dest);
	return false;
}

/*
 * Makes the copy standalone: the source is in WAL mode, and the backup copies that flag too.
 * The desk's private key stays on the desk: a stick that carried it would let its finder
 * write as this desk (secure_delete zeroes the row's bytes, not only unlinks them).
 */
static int snapshot_finish(sqlite3 *dest)
{
	int rc = sqlite3_exec(dest, "PRAGMA secure_delete = ON; DELETE FROM desk_secret", NULL,
	                      NULL, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	}

	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(dest, "PRAGMA user_version", NULL, NULL, NULL);
	}
	return rc;
}

bool export_store_snapshot(struct db *db, const char *path, int *os_errno, char **cause)
{
	sqlite3 *dest = NULL;
	int rc = sqlite3_open_v2(path, &dest,
	                         db_open_flags(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), NULL);

	*os_errno = 0;
	if (rc != SQLITE_OK) {
		return snapshot_fail(dest, rc, os_errno, cause);
	}
	sqlite3_extended_result_codes(dest, 1);
	/* exclusive: switching the copy out of WAL then needs no -shm file on the stick */
	rc = sqlite3_exec(dest, "PRAGMA synchronous = FULL; PRAGMA locking_mode = EXCLUSIVE", NULL,
	                  NULL, NULL);
	if (rc != SQLITE_OK) {
		return snapshot_fail(dest, rc, os_errno, cause);
	}
	sqlite3_backup *backup = sqlite3_backup_init(dest, "main", db->handle, "main");
	if (backup == NULL) {
		return snapshot_fail(dest, sqlite3_errcode(dest), os_errno, cause);
	}
	/* all pages in one step: the source is pinned by the caller's read transaction */
	rc = sqlite3_backup_step(backup, -1);
	int done = rc == SQLITE_DONE;
	rc = sqlite3_backup_finish(backup);
	if (!done || rc != SQLITE_OK) {
		return snapshot_fail(dest, rc != SQLITE_OK ? rc : SQLITE_IOERR, os_errno, cause);
	}
	rc = snapshot_finish(dest);
	if (rc != SQLITE_OK) {
		return snapshot_fail(dest, rc, os_errno, cause);
	}
	rc = sqlite3_close(dest);
	if (rc != SQLITE_OK) {
		return snapshot_fail(NULL, rc, os_errno, cause);
	}
	return true;
}

/* Steps stmt through its rows, calling row for each; false when it stopped or reading failed. */
static bool each_row(struct db *db, sqlite3_stmt *stmt, bool (*row)(sqlite3_stmt *, void *),
                     void *ctx, char **cause)
{
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!row(stmt, ctx)) {
			sqlite3_finalize(stmt);
			return false;
		}
	}
	if (rc != SQLITE_DONE) {
		*cause = db_error(db, "读取导出数据", "reading the data to export");
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE;
}

static const char *text(sqlite3_stmt *stmt, int column)
{
	return (const char *)sqlite3_column_text(stmt, column);
}

struct checkin_ctx {
	export_checkin_fn fn;
	void *ctx;
};

static bool checkin_row(sqlite3_stmt *stmt, void *ptr)
{
	struct checkin_ctx *c = ptr;
	struct export_checkin_row r = {
	    text(stmt, 0),
	    text(stmt, 1),
	    text(stmt, 2),
	    text(stmt, 3),
	    text(stmt, 4),
	    text(stmt, 5),
	    sqlite3_column_int(stmt, 6) != 0,
	    text(stmt, 7),
	    text(stmt, 8),
	    text(stmt, 9),
	    sqlite3_column_int(stmt, 10) != 0,
	    sqlite3_column_int(stmt, 11),
	    text(stmt, 12),
	};

	return c->fn(c->ctx, &r);
}

bool export_store_checkins(struct db *db, export_checkin_fn fn, void *ctx, char **cause)
{
	/* evidence is the check-in's JSON object (actions/checkin.c); a damaged one reads as none
	 */
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "SELECT a.reg_no, a.name, a.gender, a.organisation, a.position, a.phone, a.member, "
	    "c.at, c.desk_id, c.operator, coalesce(json_extract(e, '$.voucher_seen'), 0), "
	    "coalesce(json_extract(e, '$.card_amount'), 0), json_extract(e, '$.card_reference') "
	    "FROM (SELECT *, CASE WHEN json_valid(evidence) THEN evidence END AS e FROM checkin) c "
	    "JOIN attendee a ON a.id = c.attendee_id ORDER BY c.at, a.reg_no");
	struct checkin_ctx c = {fn, ctx};

	return each_row(db, stmt, checkin_row, &c, cause);
}

struct attendance_ctx {
	export_attendance_fn fn;
	void *ctx;
};

static bool attendance_row(sqlite3_stmt *stmt, void *ptr)
{
	struct attendance_ctx *c = ptr;
	struct export_attendance_row r = {
	    text(stmt, 0),
	    text(stmt, 1),
	    text(stmt, 2),
	    text(stmt, 3),
	    text(stmt, 4),
	    text(stmt, 5),
	    sqlite3_column_int(stmt, 6) != 0,
	    text(stmt, 7),
	    sqlite3_column_int(stmt, 8) != 0,
	    text(stmt, 9),
	    text(stmt, 10),
	};

	return c->fn(c->ctx, &r);
}

bool export_store_attendance(struct db *db, export_attendance_fn fn, void *ctx, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT a.reg_no, a.name, a.gender, a.organisation, a.position, a.phone, a.member, "
	        "a.status, a.withdrawn, c.at, c.desk_id "
	        "FROM attendee a LEFT JOIN checkin c ON c.attendee_id = a.id ORDER BY a.reg_no");
	struct attendance_ctx c = {fn, ctx};

	return each_row(db, stmt, attendance_row, &c, cause);
}

struct journal_ctx {
	export_journal_fn fn;
	void *ctx;
};

static bool journal_row(sqlite3_stmt *stmt, void *ptr)
{
	struct journal_ctx *c = ptr;
	struct export_journal_row r = {
	    text(stmt, 0), (long)sqlite3_column_int64(stmt, 1),
	    text(stmt, 2), text(stmt, 3),
	    text(stmt, 4), text(stmt, 5),
	    text(stmt, 6), text(stmt, 7),
	    text(stmt, 8),
	};

	return c->fn(c->ctx, &r);
}

bool export_store_journal(struct db *db, export_journal_fn fn, void *ctx, char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT desk_id, seq, at, operator, action, subject, details, "
	                   "nullif(lower(hex(prev_hash)), ''), nullif(lower(hex(signature)), '') "
	                   "FROM journal ORDER BY desk_id, seq");
	struct journal_ctx c = {fn, ctx};

	return each_row(db, stmt, journal_row, &c, cause);
}

long export_store_journal_count(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT count(*) FROM journal");
	long n = sqlite3_step(stmt) == SQLITE_ROW ? (long)sqlite3_column_int64(stmt, 0) : 0;

	sqlite3_finalize(stmt);
	return n;
}

static bool put_setting(struct db *db, const char *key, const char *value)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO setting (key, value) VALUES (?, ?) "
	                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	bool ok;

	db_bind_text(stmt, 1, key);
	db_bind_text(stmt, 2, value);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_finalize(stmt);
	return ok;
}

bool export_store_set_last(struct db *db, const char *when, const char *folder, char **cause)
{
	if (!db_begin(db, cause)) {
		return false;
	}
	if (!put_setting(db, "export.last", when) || !put_setting(db, "export.last_dir", folder)) {
		*cause = db_error(db, "记录导出时间", "recording the export time");
		db_rollback(db);
		return false;
	}
	return db_commit(db, cause);
}

char *export_store_last(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT value FROM setting WHERE key = 'export.last'");
	char *when = NULL;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		when = db_column_strdup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return when;
}

void export_store_bundle_line(struct strbuf *sb, const struct export_journal_row *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "desk", r->desk_id);
	json_kv_int(&j, "seq", r->seq);
	json_kv_string(&j, "at", r->at);
	json_kv_string(&j, "operator", r->operator_name);
	json_kv_string(&j, "action", r->action);
	json_kv_string(&j, "subject", r->subject);
	json_kv_string(&j, "details", r->details);
	json_kv_string(&j, "prev", r->prev);
	json_kv_string(&j, "sig", r->sig);
	json_object_end(&j);
	strbuf_puts(sb, json_text(&j));
	strbuf_putc(sb, '\n');
	json_release(&j);
}
