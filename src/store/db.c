/*
 * db owns the connection: opening with the durability pragmas, refusing what
 * is not ours, and migrating. Everything else in src/store borrows the handle.
 * It also turns SQLite's two errors a desk meets in normal use into advice:
 * "database is locked" (another program, an import or a merge, holds the
 * write lock longer than a check-in waits) and a read-only database or
 * folder (a desk that may still look people up, through db_open_read_only).
 */
#include "db_private.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/lanlog.h"
#include "frontdesk/pinguard.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

/*
 * How long a write waits for another program's write lock. A check-in is
 * one short transaction, but an import or a merge in another window holds
 * the lock for seconds: waiting a little longer than for a read spares the
 * operator a retry, while the desk still answers before anyone wonders.
 */
#define READ_WAIT_MS  5000
#define WRITE_WAIT_MS 10000

/* Advice for the errors a desk meets in normal use; NULL for any other. */
static char *db_advice(struct db *db, int rc)
{
	if ((rc & 0xff) == SQLITE_BUSY) {
		return say("另一个程序正在写入数据库（例如导入或合并），请稍等片刻再试");
	}
	if ((rc & 0xff) == SQLITE_READONLY) {
		const char *path = db ? db->path : "?";
		return say(
		    "数据库 %s 或它所在的文件夹是只读的：这台电脑只能查询（lookup），不能签到或修改。"
		    "请把数据库放到可写的文件夹，或请管理员改为可写后再试",
		    path);
	}
	return NULL;
}

char *db_error(struct db *db, const char *what_zh, const char *what_en)
{
	const char *msg = db && db->handle ? sqlite3_errmsg(db->handle) : "?";
	char *advice = db && db->handle ? db_advice(db, sqlite3_errcode(db->handle)) : NULL;

	return advice ? advice
	              : xasprintf("%s失败：%s / %s failed: %s", what_zh, msg, what_en, msg);
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;

	db->prepares++;
	if (sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL) != SQLITE_OK) {
		fprintf(stderr, "frontdesk: internal error preparing SQL: %s\n%s\n",
		        sqlite3_errmsg(db->handle), sql);
		abort();
	}
	return stmt;
}

sqlite3_stmt *db_prepare_cached(struct db *db, const char *sql)
{
	for (int i = 0; i < db->n_cached; i++) {
		struct db_cached *c = &db->cached[i];
		if (c->sql == sql || strcmp(c->sql, sql) == 0) {
			if (c->in_use) {
				return db_prepare(db, sql);
			}
			c->in_use = true;
			return c->stmt;
		}
	}
	sqlite3_stmt *stmt = db_prepare(db, sql);
	if (db->n_cached < DB_CACHED_MAX) {
		db->cached[db->n_cached++] = (struct db_cached){sql, stmt, true};
	}
	return stmt;
}

void db_release(struct db *db, sqlite3_stmt *stmt)
{
	for (int i = 0; i < db->n_cached; i++) {
		if (db->cached[i].stmt == stmt) {
			/* reset ends the read, so a cached statement never pins an old snapshot */
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			db->cached[i].in_use = false;
			return;
		}
	}
	sqlite3_finalize(stmt);
}

unsigned long db_prepare_count(const struct db *db)
{
	return db->prepares;
}

bool db_exec(struct db *db, const char *sql, char **cause)
{
	char *err = NULL;

	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK) {
		*cause = db_advice(db, rc);
		if (*cause == NULL) {
			*cause = say("数据库操作失败：%s", err ? err : "?");
		}
		sqlite3_free(err);
		return false;
	}
	return true;
}

void db_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text == NULL) {
		sqlite3_bind_null(stmt, index);
	} else {
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	}
}

char *db_column_strdup(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	return text ? xstrdup((const char *)text) : NULL;
}

static int query_int(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt = db_prepare(db, sql);
	int value = -1;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		value = sqlite3_column_int(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return value;
}

/* query_int for what is asked on every keystroke: kept prepared. */
static int query_int_cached(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, sql);
	int value = -1;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		value = sqlite3_column_int(stmt, 0);
	}
	db_release(db, stmt);
	return value;
}

int db_schema_version(struct db *db)
{
	return query_int(db, "PRAGMA user_version");
}

long db_data_version(struct db *db)
{
	return query_int_cached(db, "PRAGMA data_version");
}

unsigned long db_change_stamp(struct db *db)
{
	unsigned int version = 0;

	sqlite3_file_control(db->handle, "main", SQLITE_FCNTL_DATA_VERSION, &version);
	return version;
}

static int count_statement(unsigned type, void *ctx, void *p, void *x)
{
	struct db *db = ctx;

	(void)p, (void)x;
	if (type == SQLITE_TRACE_STMT) {
		db->statements++;
	}
	return 0;
}

void db_count_statements(struct db *db)
{
	db->statements = 0;
	sqlite3_trace_v2(db->handle, SQLITE_TRACE_STMT, count_statement, db);
}

unsigned long db_statement_count(const struct db *db)
{
	return db->statements;
}

bool db_begin(struct db *db, char **cause)
{
	if (db->read_only) {
		*cause = db_advice(db, SQLITE_READONLY);
		return false;
	}
	sqlite3_busy_timeout(db->handle, WRITE_WAIT_MS);
	bool ok = db_exec(db, "BEGIN IMMEDIATE", cause);
	sqlite3_busy_timeout(db->handle, READ_WAIT_MS);
	return ok;
}

bool db_begin_read(struct db *db, char **cause)
{
	return db_exec(db, "BEGIN DEFERRED", cause);
}

bool db_commit(struct db *db, char **cause)
{
	if (!db_exec(db, "COMMIT", cause)) {
		db_rollback(db);
		return false;
	}
	if (db->journal_written) {
		/* after the commit: the log is a copy, and what it says must already be true */
		db->journal_written = false;
		char *why = NULL;
		lanlog_flush(db, &why);
		free(db->lan_error);
		db->lan_error = why;
	}
	return true;
}

void db_rollback(struct db *db)
{
	db->journal_written = false;
	if (!sqlite3_get_autocommit(db->handle)) {
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
	}
}

bool db_integrity_ok(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "PRAGMA integrity_check");
	bool ok = sqlite3_step(stmt) == SQLITE_ROW &&
	          strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;

	sqlite3_finalize(stmt);
	return ok;
}

static bool refuse_newer(int have, int last, char **cause)
{
	*cause =
	    say("数据库版本 %d 比本程序支持的版本 %d 新，请升级 frontdesk 后再打开；数据库未改动",
	        have, last);
	return false;
}

/* Refuses a database from a newer frontdesk or from another program; true when it is ours or empty.
 */
static bool check_ownership(struct db *db, int last, char **cause)
{
	int have = db_schema_version(db);

	if (have < 0) {
		*cause = db_error(db, "读取数据库", "reading the database");
		return false;
	}
	if (have > last) {
		return refuse_newer(have, last, cause);
	}
	if (have == 0 && query_int(db, "SELECT count(*) FROM sqlite_master") > 0) {
		*cause = say("这个文件不是 frontdesk 数据库，未改动");
		return false;
	}
	return true;
}

static bool apply_migrations(struct db *db, const struct migration *migrations, int n, int have,
                             char **cause)
{
	for (int i = 0; i < n; i++) {
		if (migrations[i].version > have && !db_exec(db, migrations[i].sql, cause)) {
			return false;
		}
	}
	char *set_version = xasprintf("PRAGMA user_version = %d", migrations[n - 1].version);
	bool ok = db_exec(db, set_version, cause);
	free(set_version);
	return ok;
}

bool db_migrate(struct db *db, const struct migration *migrations, int n, char **cause)
{
	int last = n > 0 ? migrations[n - 1].version : 0;

	/* read-only checks first: an up-to-date database is not written at all */
	if (!check_ownership(db, last, cause)) {
		return false;
	}
	if (db_schema_version(db) == last) {
		return true;
	}
	if (!db_begin(db, cause)) {
		return false;
	}
	/* re-check inside the write lock: another process may have migrated meanwhile */
	int have = db_schema_version(db);
	if (!check_ownership(db, last, cause)) {
		db_rollback(db);
		return false;
	}
	if (have < last && !apply_migrations(db, migrations, n, have, cause)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, cause);
}

/* Creates the file with mode 0600 first, so SQLite (and its -wal, -shm) inherit it. */
static bool create_private(const char *path, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0 && errno != EEXIST) {
		*cause = say("无法创建数据库 %s：%s", path, strerror(errno));
		return false;
	}
	if (fd >= 0) {
		close(fd);
	}
	return true;
}

static bool apply_pragmas(struct db *db, char **cause)
{
	/*
	 * page_size takes effect only when the file is new: SQLite's default,
	 * 4 KiB. A check-in writes rows scattered over several tables and indexes
	 * (its check-in, its journal entry and the subject index, its print job,
	 * with a bed the stays), so its cost follows the pages it reads and
	 * writes whole. 16 KiB pages (once chosen for a 10% faster import; now
	 * within our measurements' noise of 4 KiB) made a durable check-in about
	 * 1.5x as slow, and the same 2 MiB page cache holds a quarter as many
	 * (docs/performance.md). A database made with 16 KiB keeps it.
	 */
	static const char pragmas[] = "PRAGMA page_size = 4096;"
	                              "PRAGMA foreign_keys = ON;"
	                              "PRAGMA synchronous = FULL;";

	sqlite3_busy_timeout(db->handle, READ_WAIT_MS);
	return db_exec(db, pragmas, cause);
}

/*
 * Every rollback, explicit or forced by an error, is counted: what a process
 * keeps in memory beside the database (a hotel picture, stays.h) is stale
 * once a transaction it wrote into is gone.
 */
static void count_rollback(void *arg)
{
	struct db *db = arg;

	db->rollbacks++;
}

/* SQLite's own automatic checkpoint, which a deferred connection replaces: every 1,000 pages. */
#define CHECKPOINT_DUE 1000

/* After each commit of a deferred connection: checkpoints only past DB_CHECKPOINT_FORCED. */
static int on_wal_commit(void *arg, sqlite3 *handle, const char *schema, int pages)
{
	struct db *db = arg;

	db->wal_pages = pages;
	if (pages >= DB_CHECKPOINT_FORCED) {
		sqlite3_wal_checkpoint_v2(handle, schema, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		db->wal_pages = 0;
	}
	return SQLITE_OK;
}

void db_defer_checkpoints(struct db *db)
{
	db->checkpoints_deferred = true;
	sqlite3_wal_hook(db->handle, on_wal_commit, db);
}

bool db_checkpoint_if_due(struct db *db)
{
	if (!db->checkpoints_deferred || db->wal_pages < CHECKPOINT_DUE ||
	    !sqlite3_get_autocommit(db->handle)) {
		return false;
	}
	/* the next commit says how long the WAL is then: 0 until it does */
	db->wal_pages = 0;
	sqlite3_wal_checkpoint_v2(db->handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return true;
}

unsigned long db_rollbacks(const struct db *db)
{
	return db->rollbacks;
}

/*
 * True when the database exists but it or its folder cannot be written (a
 * read-only mount, a write-protected stick, file modes): SQLite then only
 * says "unable to open database file", at the first read of a WAL database.
 */
static bool read_only_place(const char *path)
{
	char *copy = xstrdup(path);
	bool ro = access(path, F_OK) == 0 &&
	          (access(path, W_OK) != 0 || access(dirname(copy), W_OK | X_OK) != 0);

	free(copy);
	return ro;
}

/* frontdesk_clean(text): the output sanitiser (text_sanitize_lines), for comparing in SQL. */
static void sql_clean(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	char *clean = text_sanitize_lines(text);
	sqlite3_result_text(ctx, clean, -1, free);
}

/* frontdesk_pin_hash(pin): a PIN's Argon2id hash (pinguard_hash), for migration v5. */
static void sql_pin_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *pin = (const char *)sqlite3_value_text(argv[0]);
	char *hash = pin ? pinguard_hash(pin) : NULL;

	(void)argc;
	if (hash == NULL) {
		sqlite3_result_error(ctx, "cannot hash the supervisor PIN", -1);
		return;
	}
	sqlite3_result_text(ctx, hash, -1, free);
}

/* The functions of ours that migrations and queries use, on every connection. */
static bool register_functions(struct db *db, char **cause)
{
	int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;

	if (sqlite3_create_function(db->handle, "frontdesk_clean", 1, flags | SQLITE_DETERMINISTIC,
	                            NULL, sql_clean, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db->handle, "frontdesk_pin_hash", 1, flags, NULL, sql_pin_hash,
	                            NULL, NULL) != SQLITE_OK) {
		*cause = db_error(db, "打开数据库", "opening the database");
		return false;
	}
	return true;
}

/*
 * SQLite's memory statistics take a global mutex around every allocation,
 * and a connection's own mutex is taken in every call. frontdesk reads none
 * of the statistics, and no connection is shared between threads (the
 * camera's and the workbook's threads touch no database). Both were about 4%
 * of an import's time (docs/performance.md).
 */
static void configure_sqlite(void)
{
	/* refused, harmlessly, if SQLite has already started (a test opening its own) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_open_flags(int flags)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, configure_sqlite);
	return flags | SQLITE_OPEN_NOMUTEX;
}

struct db *db_open(const char *path, char **cause)
{
	struct db *db = xcalloc(1, sizeof(*db));

	db->path = xstrdup(path);
	if (!create_private(path, cause)) {
		db_close(db);
		return NULL;
	}
	if (sqlite3_open_v2(path, &db->handle, db_open_flags(SQLITE_OPEN_READWRITE), NULL) !=
	    SQLITE_OK) {
		*cause = db_error(db, "打开数据库", "opening the database");
		db_close(db);
		return NULL;
	}
	sqlite3_rollback_hook(db->handle, count_rollback, db);
	/* ownership is checked before WAL is switched on, which would rewrite the header */
	if (!register_functions(db, cause) || !apply_pragmas(db, cause) ||
	    !check_ownership(db, db_migrations[db_n_migrations - 1].version, cause) ||
	    !db_exec(db, "PRAGMA journal_mode = WAL", cause) ||
	    !db_migrate(db, db_migrations, db_n_migrations, cause)) {
		if (read_only_place(path)) {
			free(*cause);
			*cause = db_advice(db, SQLITE_READONLY);
		}
		db_close(db);
		return NULL;
	}
	return db;
}

/* "file:" URI of path with immutable=1 (%, ? and # escaped, as SQLite's URI parser wants). */
static char *immutable_uri(const char *path)
{
	static const char tail[] = "?immutable=1";
	char *uri = xmalloc(5 + strlen(path) * 3 + sizeof(tail));
	size_t n = 5;

	memcpy(uri, "file:", 5);
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#') {
			n += (size_t)snprintf(uri + n, 4, "%%%02X", (unsigned)(unsigned char)*p);
		} else {
			uri[n++] = *p;
		}
	}
	memcpy(uri + n, tail, sizeof(tail));
	return uri;
}

/* True when the -wal file beside path holds something (a writer, or one that crashed). */
static bool wal_has_data(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	bool has = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	return has;
}

/*
 * A WAL database in a folder nobody may write to has no -shm to share, and
 * SQLite will not read it then; nobody can be writing it either, so it is
 * read as immutable. Not when a -wal file holds data: reading past it would
 * miss the last check-ins.
 */
static int open_reader(struct db *db)
{
	int rc = sqlite3_open_v2(db->path, &db->handle, db_open_flags(SQLITE_OPEN_READONLY), NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(db->handle, "SELECT count(*) FROM sqlite_master", NULL, NULL,
		                  NULL);
	}
	/* CANTOPEN on a read-only mount, READONLY in a folder without write permission */
	if (((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) &&
	    read_only_place(db->path) && !wal_has_data(db->path)) {
		char *uri = immutable_uri(db->path);
		sqlite3_close(db->handle);
		db->handle = NULL;
		rc = sqlite3_open_v2(uri, &db->handle,
		                     db_open_flags(SQLITE_OPEN_READONLY | SQLITE_OPEN_URI), NULL);
		free(uri);
	}
	return rc;
}

struct db *db_open_read_only(const char *path, char **cause)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int last = db_migrations[db_n_migrations - 1].version;

	db->path = xstrdup(path);
	db->read_only = true;
	if (access(path, F_OK) != 0) {
		*cause = say("找不到数据库 %s：%s", path, strerror(errno));
		db_close(db);
		return NULL;
	}
	if (open_reader(db) != SQLITE_OK) {
		*cause = say("打开数据库失败：%s", sqlite3_errmsg(db->handle));
		db_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->handle, READ_WAIT_MS);
	if (!check_ownership(db, last, cause)) {
		db_close(db);
		return NULL;
	}
	if (db_schema_version(db) < last) {
		*cause = say(
		    "数据库 %s 来自旧版 frontdesk，需要先升级，而升级要能写入：请在可写的位置用 "
		    "frontdesk 打开一次",
		    path);
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (db == NULL) {
		return;
	}
	for (int i = 0; i < db->n_cached; i++) {
		sqlite3_finalize(db->cached[i].stmt);
	}
	sqlite3_close(db->handle);
	sync_clocks_free(db->clocks);
	free(db->lan_error);
	free(db->path);
	free(db);
}

const char *db_path(const struct db *db)
{
	return db->path;
}

const char *db_lan_error(const struct db *db)
{
	return db->lan_error;
}
