/*
 * Tests for the store's database layer (DESIGN section 5): the durability
 * pragmas and file mode of a new database, refusing files that are not ours
 * (newer schema, not SQLite, someone else's SQLite) without touching a byte,
 * migrations that run in one transaction or not at all, init and the event
 * it stores, and the per-desk journal sequence. Each case is named after the
 * rule it checks; every database is a temporary file removed afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_private.h"
#include "frontdesk/diag.h"
#include "frontdesk/event.h"
#include "frontdesk/pinguard.h"
#include "frontdesk/journal.h"
#include "frontdesk/roomlist.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"
#include "store_fixture.h"

static const char event_ini[] = "[event]\n"
                                "code = 2605\n"
                                "name = 2026年全国图书馆管理干部培训班\n"
                                "checkin_date = 2026-05-25\n"
                                "first_night = 2026-05-25\n"
                                "last_night = 2026-05-29\n"
                                "capacity = 180\n"
                                "[fees]\n"
                                "member = 1500\n"
                                "non_member = 1700\n"
                                "[lodging]\n"
                                "room_night = 350\n"
                                "bed_night = 175\n"
                                "primary_hotel = 知音湖畔酒店\n"
                                "[desk]\n"
                                "id = A\n"
                                "printer = desk-printer\n"
                                "camera = /dev/video0\n"
                                "supervisor_pin = 2468\n"
                                "items = 胸牌,资料袋,房卡\n"
                                "[contacts]\n"
                                "registration = 会务组 027-8765 4321\n"
                                "payment = 财务组 027-8765 4322\n"
                                "lodging = 住宿组 138-0715-2046\n";

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,近电梯\n"
                                "知音湖畔酒店,802,双床房,8,\n"
                                "江城酒店,301,双床房,3,\n";

/*
 * A temporary directory holding the database under test. The teardown closes
 * what a test left open and removes the directory, also after a failure.
 */
struct tmp {
	char *dir;
	char *path;
	struct db *db;            /* opened with db_open */
	struct event_config *cfg; /* the event given to init */
	struct db raw;            /* a bare handle for the migration tests */
};

static int tmp_make(void **state)
{
	struct tmp *t = xcalloc(1, sizeof(*t));

	t->dir = fixture_make_dir("db");
	if (t->dir == NULL) {
		free(t);
		return -1;
	}
	t->path = xasprintf("%s/frontdesk.db", t->dir);
	*state = t;
	return 0;
}

/* Removes every file in the directory (database, -wal, -shm), then the directory. */
static int tmp_remove(void **state)
{
	struct tmp *t = *state;

	db_close(t->db);
	event_free(t->cfg);
	if (t->raw.handle != NULL) {
		sqlite3_close(t->raw.handle);
	}
	free(t->raw.path);
	int rc = fixture_remove_dir(t->dir);
	free(t->dir);
	free(t->path);
	free(t);
	return rc;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Reads a whole file into a new buffer; *len gets its size. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	assert_non_null(f);
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = xreallocarray(buf, cap, 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			break;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

static void write_all(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Executes SQL on a raw handle, failing the test on error. */
static void raw_exec(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK) {
		fail_msg("SQL failed: %s: %s", sql, err ? err : "?");
	}
}

/* Creates a plain SQLite file (not through db_open) with the given SQL. */
static void make_sqlite_file(const char *path, const char *sql)
{
	sqlite3 *h = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	raw_exec(h, sql);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static long sql_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	long value;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	value = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return value;
}

/* Returns the first column of the first row as a new string ("" for NULL). */
static char *sql_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	char *value;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	const unsigned char *text = sqlite3_column_text(stmt, 0);
	value = xstrdup(text ? (const char *)text : "");
	sqlite3_finalize(stmt);
	return value;
}

static struct event_config *demo_event(void)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(event_ini, &errs);

	assert_int_equal(errs.n, 0);
	assert_non_null(cfg);
	return cfg;
}

static struct room_list *demo_rooms(const struct event_config *cfg)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct room_list *rooms =
	    roomlist_parse(rooms_csv, strlen(rooms_csv), cfg->primary_hotel, &errs);

	assert_int_equal(errs.n, 0);
	assert_non_null(rooms);
	return rooms;
}

static struct db *open_ok(const char *path)
{
	char *cause = NULL;
	struct db *db = db_open(path, &cause);

	if (db == NULL) {
		fail_msg("db_open failed: %s", cause ? cause : "?");
	}
	assert_null(cause);
	return db;
}

/* Initialises db with the demo event and rooms; returns the event (the caller frees it). */
static struct event_config *init_ok(struct db *db)
{
	struct event_config *cfg = demo_event();
	struct room_list *rooms = demo_rooms(cfg);
	char *cause = NULL;

	if (!setup_init(db, cfg, rooms, "event.ini rooms.csv", "00ff", &cause)) {
		fail_msg("setup_init failed: %s", cause ? cause : "?");
	}
	roomlist_free(rooms);
	return cfg;
}

/*
 * Asserts db_open refuses path, that the message contains want (when not
 * NULL), and that the file is byte-for-byte what it was, with no -wal or
 * -shm left beside it.
 */
static void assert_refused_untouched(const char *path, const char *want)
{
	size_t before_len, after_len;
	char *before = read_all(path, &before_len);
	char *cause = NULL;
	struct db *db = db_open(path, &cause);

	assert_null(db);
	assert_non_null(cause);
	if (want != NULL && strstr(cause, want) == NULL) {
		fail_msg("cause \"%s\" does not mention \"%s\"", cause, want);
	}
	char *after = read_all(path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);

	char *wal = xasprintf("%s-wal", path);
	char *shm = xasprintf("%s-shm", path);
	assert_false(file_exists(wal));
	assert_false(file_exists(shm));
	free(wal);
	free(shm);
	free(before);
	free(after);
	free(cause);
}

static void new_database_has_current_schema_version(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	assert_int_equal(db_schema_version(t->db), DB_SCHEMA_VERSION);
	assert_int_equal(sql_int(t->db->handle, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_string_equal(db_path(t->db), t->path);
}

static void assert_durability_pragmas(struct db *db)
{
	char *mode = sql_text(db->handle, "PRAGMA journal_mode");

	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(sql_int(db->handle, "PRAGMA synchronous"), 2);
	assert_int_equal(sql_int(db->handle, "PRAGMA foreign_keys"), 1);
}

static void new_database_uses_wal_synchronous_full_and_foreign_keys(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	assert_durability_pragmas(t->db);
	/* synchronous and foreign_keys are per connection: a reopened database gets them again */
	db_close(t->db);
	t->db = open_ok(t->path);
	assert_durability_pragmas(t->db);
}

/* 4 KiB pages: a check-in's scattered rows cost what the pages they sit on cost (db.c) */
static void new_database_has_4_kib_pages(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	assert_int_equal(sql_int(t->db->handle, "PRAGMA page_size"), 4096);
}

/*
 * No connection mutex and no memory statistics (db.c configure_sqlite): each
 * took a lock in every call or allocation. The statistics stay at zero while
 * a database is opened and written.
 */
static void connections_take_no_mutex_and_keep_no_memory_statistics(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	assert_null(sqlite3_db_mutex(t->db->handle));
	assert_int_equal(sqlite3_memory_used(), 0);
	struct db *reader = db_open_read_only(t->path, &(char *){NULL});
	assert_non_null(reader);
	assert_null(sqlite3_db_mutex(reader->handle));
	db_close(reader);
}

/* n commits of one row each, with a blob of blob_bytes, on table t (created if missing). */
static void small_commits(struct db *db, int n, int blob_bytes)
{
	char *cause = NULL;

	assert_true(db_exec(db, "CREATE TABLE IF NOT EXISTS t (b BLOB)", &cause));
	for (int i = 0; i < n; i++) {
		assert_true(db_begin(db, &cause));
		sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO t VALUES (zeroblob(?))");
		sqlite3_bind_int(stmt, 1, blob_bytes);
		assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
		sqlite3_finalize(stmt);
		assert_true(db_commit(db, &cause));
	}
}

/*
 * A deferred connection's commits leave the WAL to grow (SQLite's own
 * checkpoint at 1,000 pages would restart it), db_checkpoint_if_due
 * checkpoints it, and the next commit starts the WAL again from its head.
 */
static void deferred_checkpoints_run_when_idle(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	assert_false(db_checkpoint_if_due(t->db)); /* not deferred: nothing to do */
	db_defer_checkpoints(t->db);
	small_commits(t->db, 1100, 16);
	assert_true(t->db->wal_pages >= 1100);
	assert_true(db_checkpoint_if_due(t->db));
	assert_false(db_checkpoint_if_due(t->db)); /* done: not due again */
	small_commits(t->db, 1, 16);
	assert_true(t->db->wal_pages <= 4);
}

/* A deferred desk that is never idle still checkpoints once the WAL is DB_CHECKPOINT_FORCED. */
static void deferred_checkpoints_are_forced_past_the_bound(void **state)
{
	struct tmp *t = *state;
	int most = 0;

	t->db = open_ok(t->path);
	db_defer_checkpoints(t->db);
	for (int i = 0; i < 300; i++) {
		small_commits(t->db, 1, 30 * 4096); /* about 31 pages a commit */
		most = t->db->wal_pages > most ? t->db->wal_pages : most;
	}
	assert_true(most >= DB_CHECKPOINT_FORCED - 40);
	assert_true(t->db->wal_pages < DB_CHECKPOINT_FORCED);
	assert_true(most < DB_CHECKPOINT_FORCED + 40);
}

static void new_database_file_is_private_0600(void **state)
{
	struct tmp *t = *state;
	struct stat st;
	mode_t old = umask(022);

	t->db = open_ok(t->path);
	umask(old);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* the WAL beside it holds the same data, so it must be as private */
	event_free(init_ok(t->db));
	char *wal = xasprintf("%s-wal", t->path);
	if (stat(wal, &st) == 0) {
		assert_int_equal(st.st_mode & 0777, 0600);
	}
	free(wal);
}

static void reopening_keeps_the_data(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	t->cfg = init_ok(t->db);
	db_close(t->db);
	t->db = open_ok(t->path);
	assert_true(setup_is_initialised(t->db));
	assert_int_equal(db_schema_version(t->db), DB_SCHEMA_VERSION);
	assert_int_equal(sql_int(t->db->handle, "SELECT count(*) FROM room"), 3);
}

static void database_in_a_missing_directory_is_refused_with_a_message(void **state)
{
	struct tmp *t = *state;
	char *path = xasprintf("%s/no-such-dir/frontdesk.db", t->dir);
	char *cause = NULL;

	assert_null(db_open(path, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	free(cause);
	free(path);
}

static void newer_schema_is_refused_naming_the_version_and_left_unchanged(void **state)
{
	struct tmp *t = *state;
	char sql[256], version[16];
	int newer = DB_SCHEMA_VERSION + 98;

	/* what a newer frontdesk would leave: WAL mode, its own tables, a higher version */
	snprintf(sql, sizeof(sql),
	         "PRAGMA journal_mode = WAL; CREATE TABLE setting (key TEXT PRIMARY KEY, "
	         "value TEXT); INSERT INTO setting VALUES ('event.code', '2605'); "
	         "PRAGMA user_version = %d;",
	         newer);
	make_sqlite_file(t->path, sql);
	snprintf(version, sizeof(version), "%d", newer);
	assert_refused_untouched(t->path, version);
}

static void newer_schema_in_rollback_journal_mode_is_left_unchanged(void **state)
{
	struct tmp *t = *state;
	char sql[256], version[16];
	int newer = DB_SCHEMA_VERSION + 98;

	/* e.g. a copy made with the sqlite3 shell's .backup: journal_mode DELETE */
	snprintf(sql, sizeof(sql),
	         "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT); "
	         "INSERT INTO setting VALUES ('event.code', '2605'); PRAGMA user_version = %d;",
	         newer);
	make_sqlite_file(t->path, sql);
	snprintf(version, sizeof(version), "%d", newer);
	assert_refused_untouched(t->path, version);
}

static void text_file_is_refused_and_left_unchanged(void **state)
{
	struct tmp *t = *state;
	static const char text[] = "报名编号,姓名\nWH2026-0001,张三\n"
	                           "this is a roster, not a database\n";

	write_all(t->path, text, sizeof(text) - 1);
	assert_refused_untouched(t->path, NULL);
}

static void random_bytes_file_is_refused_and_left_unchanged(void **state)
{
	struct tmp *t = *state;
	unsigned char bytes[8192];
	uint32_t x = 0x2605u;

	for (size_t i = 0; i < sizeof(bytes); i++) {
		x = x * 1664525u + 1013904223u;
		bytes[i] = (unsigned char)(x >> 24);
	}
	write_all(t->path, bytes, sizeof(bytes));
	assert_refused_untouched(t->path, NULL);
}

static void foreign_sqlite_file_is_refused_as_not_frontdesk_and_left_unchanged(void **state)
{
	struct tmp *t = *state;

	make_sqlite_file(t->path, "CREATE TABLE contacts (name TEXT, phone TEXT); "
	                          "INSERT INTO contacts VALUES ('张三', '13800001111');");
	assert_refused_untouched(t->path, "not a frontdesk database");
}

static void foreign_wal_sqlite_file_is_refused_as_not_frontdesk_and_left_unchanged(void **state)
{
	struct tmp *t = *state;

	make_sqlite_file(t->path, "PRAGMA journal_mode = WAL; "
	                          "CREATE TABLE contacts (name TEXT, phone TEXT); "
	                          "INSERT INTO contacts VALUES ('张三', '13800001111');");
	assert_refused_untouched(t->path, "not a frontdesk database");
}

/* Opens t->raw over a bare handle, so db_migrate can run test migration lists. */
static void raw_open(struct tmp *t)
{
	assert_null(t->raw.handle);
	free(t->raw.path);
	t->raw.path = xstrdup(t->path);
	assert_int_equal(sqlite3_open(t->path, &t->raw.handle), SQLITE_OK);
}

static void raw_close(struct tmp *t)
{
	assert_int_equal(sqlite3_close(t->raw.handle), SQLITE_OK);
	t->raw.handle = NULL;
}

static const struct migration test_migrations[] = {
    {1, "CREATE TABLE t (a INTEGER);"},
    {2, "ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT 'two';"
        "CREATE TABLE u (x INTEGER);"},
};

/* Step 2 starts well and then fails: nothing of it may remain. */
static const struct migration failing_migrations[] = {
    {1, "CREATE TABLE t (a INTEGER);"},
    {2, "ALTER TABLE t ADD COLUMN b TEXT;"
        "CREATE TABLE u (x INTEGER);"
        "INSERT INTO t (a) VALUES (99);"
        "THIS IS NOT SQL;"},
};

static void migrate_fresh_database_to_last_version_in_one_go(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	raw_open(t);
	assert_true(db_migrate(&t->raw, test_migrations, 2, &cause));
	assert_null(cause);
	assert_int_equal(db_schema_version(&t->raw), 2);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM pragma_table_info('t')"), 2);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM u"), 0);
}

static void migrate_v1_to_v2_keeps_rows(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	raw_open(t);
	assert_true(db_migrate(&t->raw, test_migrations, 1, &cause));
	assert_int_equal(db_schema_version(&t->raw), 1);
	raw_exec(t->raw.handle, "INSERT INTO t (a) VALUES (1), (2), (3);");
	raw_close(t);

	raw_open(t);
	assert_true(db_migrate(&t->raw, test_migrations, 2, &cause));
	assert_null(cause);
	assert_int_equal(db_schema_version(&t->raw), 2);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM t"), 3);
	assert_int_equal(sql_int(t->raw.handle, "SELECT sum(a) FROM t"), 6);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM t WHERE b = 'two'"), 3);

	/* migrating a current database again changes nothing */
	assert_true(db_migrate(&t->raw, test_migrations, 2, &cause));
	assert_null(cause);
	assert_int_equal(db_schema_version(&t->raw), 2);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM t"), 3);
}

static void failing_migration_rolls_back_completely(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	raw_open(t);
	assert_true(db_migrate(&t->raw, failing_migrations, 1, &cause));
	raw_exec(t->raw.handle, "INSERT INTO t (a) VALUES (1), (2);");

	assert_false(db_migrate(&t->raw, failing_migrations, 2, &cause));
	assert_non_null(cause);
	free(cause);
	assert_true(sqlite3_get_autocommit(t->raw.handle) != 0);
	assert_int_equal(db_schema_version(&t->raw), 1);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM pragma_table_info('t')"), 1);
	assert_int_equal(
	    sql_int(t->raw.handle, "SELECT count(*) FROM sqlite_master WHERE name = 'u'"), 0);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM t"), 2);

	/* and it is still whole on disk, as another connection sees it */
	raw_close(t);
	raw_open(t);
	assert_int_equal(db_schema_version(&t->raw), 1);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM pragma_table_info('t')"), 1);
	assert_int_equal(sql_int(t->raw.handle, "SELECT count(*) FROM t"), 2);
}

static void migrate_refuses_a_database_newer_than_its_list(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	raw_open(t);
	assert_true(db_migrate(&t->raw, test_migrations, 2, &cause));
	assert_false(db_migrate(&t->raw, test_migrations, 1, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "version 2"));
	free(cause);
	assert_int_equal(db_schema_version(&t->raw), 2);
	assert_true(sqlite3_get_autocommit(t->raw.handle) != 0);
}

static void fresh_database_passes_integrity_check(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	assert_true(db_integrity_ok(t->db));
	t->cfg = init_ok(t->db);
	assert_true(db_integrity_ok(t->db));
}

static void setup_init_stores_rooms_and_logs_once(void **state)
{
	struct tmp *t = *state;
	int total = -1, king = -1, twin = -1;

	t->db = open_ok(t->path);
	assert_false(setup_is_initialised(t->db));
	t->cfg = init_ok(t->db);
	assert_true(setup_is_initialised(t->db));
	setup_count_rooms(t->db, &total, &king, &twin);
	assert_int_equal(total, 3);
	assert_int_equal(king, 1);
	assert_int_equal(twin, 2);
	assert_int_equal(
	    sql_int(t->db->handle, "SELECT hotel_rank FROM room WHERE hotel = '江城酒店'"), 1);
	assert_int_equal(sql_int(t->db->handle, "SELECT count(*) FROM import_log WHERE kind = "
	                                        "'init' AND file = 'event.ini rooms.csv' AND "
	                                        "sha256 = '00ff'"),
	                 1);
}

static void setup_init_twice_refuses_the_second_time(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	t->db = open_ok(t->path);
	t->cfg = init_ok(t->db);
	struct room_list *rooms = demo_rooms(t->cfg);
	bool again = setup_init(t->db, t->cfg, rooms, "again.ini", "11ee", &cause);
	roomlist_free(rooms);

	assert_false(again);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "already initialised"));
	free(cause);
	assert_int_equal(sql_int(t->db->handle, "SELECT count(*) FROM room"), 3);
	assert_int_equal(sql_int(t->db->handle, "SELECT count(*) FROM import_log"), 1);
	assert_true(sqlite3_get_autocommit(t->db->handle) != 0);
}

static void assert_same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		assert_ptr_equal(a, b);
	} else {
		assert_string_equal(a, b);
	}
}

static void setup_load_event_round_trips_every_setting(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	t->db = open_ok(t->path);
	t->cfg = init_ok(t->db);
	db_close(t->db);
	t->db = open_ok(t->path);
	struct event_config *got = setup_load_event(t->db, &cause);
	const struct event_config *cfg = t->cfg;

	assert_null(cause);
	assert_non_null(got);
	assert_string_equal(got->code, "2605");
	assert_same_text(got->name, cfg->name);
	assert_int_equal(got->checkin_date, cfg->checkin_date);
	assert_int_equal(got->first_night, cfg->first_night);
	assert_int_equal(got->last_night, cfg->last_night);
	assert_int_equal(got->capacity, 180);
	assert_int_equal(got->fees.member, 1500);
	assert_int_equal(got->fees.non_member, 1700);
	assert_int_equal(got->room_night, 350);
	assert_int_equal(got->bed_night, 175);
	assert_same_text(got->primary_hotel, "知音湖畔酒店");
	assert_string_equal(got->desk_id, "A");
	assert_same_text(got->printer, "desk-printer");
	assert_same_text(got->camera, "/dev/video0");
	/* the PIN is not stored, only its Argon2id hash (pinguard.h) */
	assert_true(pinguard_is_hash(got->supervisor_pin));
	assert_true(pinguard_verify(got->supervisor_pin, "2468"));
	assert_same_text(got->items, cfg->items);
	assert_same_text(got->contact_registration, cfg->contact_registration);
	assert_same_text(got->contact_payment, cfg->contact_payment);
	assert_same_text(got->contact_lodging, cfg->contact_lodging);
	assert_int_equal(event_count_nights(got), 5);
	event_free(got);
}

static void setup_load_event_before_init_is_refused(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;

	t->db = open_ok(t->path);
	assert_null(setup_load_event(t->db, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "init"));
	free(cause);
}

/* Appends one entry in its own transaction; returns its sequence. */
static long append(struct db *db, const char *action, const char *subject)
{
	struct journal_entry e = {"王晓燕", action, subject, "{\"n\":1}", NULL};
	char *cause = NULL;

	assert_true(db_begin(db, &cause));
	long seq = journal_append(db, &e, &cause);
	assert_null(cause);
	assert_true(db_commit(db, &cause));
	return seq;
}

static void journal_sequences_count_one_two_three_per_desk(void **state)
{
	struct tmp *t = *state;

	t->db = open_ok(t->path);
	t->cfg = init_ok(t->db);
	assert_int_equal(journal_count_own(t->db), 0);

	setenv("FRONTDESK_NOW", "2026-05-25 13:05:00", 1);
	assert_int_equal(append(t->db, "checkin", "WH2026-0001"), 1);
	/* another desk's entries, merged in, neither count nor shift our sequence */
	raw_exec(t->db->handle, "INSERT INTO journal (desk_id, seq, at, operator, action) VALUES "
	                        "('B', 1, '2026-05-25 13:00:00', 'x', 'checkin'), "
	                        "('B', 7, '2026-05-25 13:01:00', 'x', 'checkin');");
	assert_int_equal(append(t->db, "pay", "WH2026-0002"), 2);
	assert_int_equal(append(t->db, "undo", "WH2026-0001"), 3);
	unsetenv("FRONTDESK_NOW");

	assert_int_equal(journal_count_own(t->db), 3);
	assert_int_equal(sql_int(t->db->handle, "SELECT count(*) FROM journal WHERE desk_id = 'A' "
	                                        "AND at = '2026-05-25 13:05:00'"),
	                 3);
	char *row = sql_text(t->db->handle,
	                     "SELECT operator || ' ' || action || ' ' || subject || ' ' || details "
	                     "FROM journal WHERE desk_id = 'A' AND seq = 2");
	assert_string_equal(row, "王晓燕 pay WH2026-0002 {\"n\":1}");
	free(row);
}

static void journal_rolled_back_entry_frees_its_sequence(void **state)
{
	struct tmp *t = *state;
	struct journal_entry e = {"op", "checkin", "WH2026-0001", NULL, NULL};
	char *cause = NULL;

	t->db = open_ok(t->path);
	t->cfg = init_ok(t->db);
	assert_int_equal(append(t->db, "checkin", "WH2026-0001"), 1);
	assert_true(db_begin(t->db, &cause));
	assert_int_equal(journal_append(t->db, &e, &cause), 2);
	db_rollback(t->db);
	assert_int_equal(journal_count_own(t->db), 1);
	assert_int_equal(append(t->db, "checkin", "WH2026-0001"), 2);
}

#define TMP_TEST(f) cmocka_unit_test_setup_teardown(f, tmp_make, tmp_remove)

int main(void)
{
	static const struct CMUnitTest tests[] = {
	    TMP_TEST(new_database_has_current_schema_version),
	    TMP_TEST(new_database_uses_wal_synchronous_full_and_foreign_keys),
	    TMP_TEST(new_database_has_4_kib_pages),
	    TMP_TEST(connections_take_no_mutex_and_keep_no_memory_statistics),
	    TMP_TEST(deferred_checkpoints_run_when_idle),
	    TMP_TEST(deferred_checkpoints_are_forced_past_the_bound),
	    TMP_TEST(new_database_file_is_private_0600),
	    TMP_TEST(reopening_keeps_the_data),
	    TMP_TEST(database_in_a_missing_directory_is_refused_with_a_message),
	    TMP_TEST(newer_schema_is_refused_naming_the_version_and_left_unchanged),
	    TMP_TEST(newer_schema_in_rollback_journal_mode_is_left_unchanged),
	    TMP_TEST(text_file_is_refused_and_left_unchanged),
	    TMP_TEST(random_bytes_file_is_refused_and_left_unchanged),
	    TMP_TEST(foreign_sqlite_file_is_refused_as_not_frontdesk_and_left_unchanged),
	    TMP_TEST(foreign_wal_sqlite_file_is_refused_as_not_frontdesk_and_left_unchanged),
	    TMP_TEST(migrate_fresh_database_to_last_version_in_one_go),
	    TMP_TEST(migrate_v1_to_v2_keeps_rows),
	    TMP_TEST(failing_migration_rolls_back_completely),
	    TMP_TEST(migrate_refuses_a_database_newer_than_its_list),
	    TMP_TEST(fresh_database_passes_integrity_check),
	    TMP_TEST(setup_init_stores_rooms_and_logs_once),
	    TMP_TEST(setup_init_twice_refuses_the_second_time),
	    TMP_TEST(setup_load_event_round_trips_every_setting),
	    TMP_TEST(setup_load_event_before_init_is_refused),
	    TMP_TEST(journal_sequences_count_one_two_three_per_desk),
	    TMP_TEST(journal_rolled_back_entry_frees_its_sequence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
