/*
 * Tests for supervisor, the store's side of the supervisor PIN: init keeps
 * only the Argon2id hash (no "2468" anywhere in the settings); a plain PIN
 * left by an older frontdesk (schema 5) is hashed when the database is
 * opened; the right PIN passes; a wrong one is counted and journalled with
 * who, for what and when, never the PIN; the fifth wrong PIN locks, and while
 * locked even the right PIN is refused unheard (and journalled); the lock is
 * kept in the database, so closing and reopening does not lift it; it runs
 * out after five minutes and the right PIN then clears the count. The clock
 * is injected (supervisor_try.now).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/pinguard.h"
#include "frontdesk/supervisor.h"
#include "store_fixture.h"

static const char rooms_csv[] = "酒店,房号,房型\n知音湖畔酒店,301,双床房\n";

struct t {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
};

static int setup(void **state)
{
	struct t *t = calloc(1, sizeof(*t));

	t->dir = fixture_make_dir("supervisor");
	t->path = xasprintf("%s/desk.db", t->dir);
	if (!fixture_open_event(t->path, rooms_csv, &t->db, &t->cfg)) {
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;
	int rc = fixture_close_event(t->db, t->cfg, t->dir, t->path);

	free(t);
	return rc;
}

static long count(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt = db_prepare(db, sql);
	long n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;

	sqlite3_finalize(stmt);
	return n;
}

/* One try by alice for an undo at now; asserts no database error. */
static struct supervisor_answer try_pin(struct db *db, const char *pin, const char *now)
{
	struct supervisor_try who = {"alice", "undo", now};
	struct supervisor_answer a;
	char *cause = NULL;

	assert_true(supervisor_check(db, pin, &who, &a, &cause));
	assert_null(cause);
	return a;
}

static void init_stores_only_the_hash(void **state)
{
	struct t *t = *state;

	assert_int_equal(count(t->db, "SELECT count(*) FROM setting WHERE key = "
	                              "'desk.supervisor_pin' AND value LIKE '$argon2id$%'"),
	                 1);
	assert_int_equal(count(t->db, "SELECT count(*) FROM setting WHERE value LIKE '%2468%'"), 0);
}

static void right_pin_passes_and_is_not_journalled(void **state)
{
	struct t *t = *state;
	struct supervisor_answer a = try_pin(t->db, "2468", "2026-05-25 13:00:00");

	assert_int_equal(a.verdict, SUPERVISOR_PASSED);
	assert_int_equal(count(t->db, "SELECT count(*) FROM journal"), 0);
}

static void wrong_pin_is_counted_and_journalled_without_the_pin(void **state)
{
	struct t *t = *state;
	struct supervisor_answer a = try_pin(t->db, "1357", "2026-05-25 13:00:00");
	struct pinguard g;

	assert_int_equal(a.verdict, SUPERVISOR_WRONG);
	assert_int_equal(a.attempts_left, 4);
	assert_int_equal(a.delay_ms, 500);
	supervisor_guard_load(t->db, &g);
	assert_int_equal(g.failures, 1);
	assert_int_equal(count(t->db, "SELECT count(*) FROM journal WHERE action = 'pin_failed' "
	                              "AND operator = 'alice' AND subject = 'undo' AND at = "
	                              "'2026-05-25 13:00:00' AND json_extract(details, "
	                              "'$.failures') = 1"),
	                 1);
	assert_int_equal(count(t->db, "SELECT count(*) FROM journal WHERE details LIKE '%1357%' "
	                              "OR details LIKE '%2468%'"),
	                 0);
}

static void right_pin_before_the_fifth_failure_clears_the_count(void **state)
{
	struct t *t = *state;
	struct pinguard g;

	for (int i = 0; i < PINGUARD_MAX_FAILURES - 1; i++) {
		assert_int_equal(try_pin(t->db, "0000", "2026-05-25 13:00:00").verdict,
		                 SUPERVISOR_WRONG);
	}
	assert_int_equal(try_pin(t->db, "2468", "2026-05-25 13:00:01").verdict, SUPERVISOR_PASSED);
	supervisor_guard_load(t->db, &g);
	assert_int_equal(g.failures, 0);
	assert_string_equal(g.locked_until, "");
}

static void fifth_failure_locks_even_the_right_pin_across_a_restart(void **state)
{
	struct t *t = *state;
	char *cause = NULL;

	for (int i = 0; i < PINGUARD_MAX_FAILURES - 1; i++) {
		try_pin(t->db, "0000", "2026-05-25 13:00:00");
	}
	struct supervisor_answer a = try_pin(t->db, "0000", "2026-05-25 13:00:30");
	assert_int_equal(a.verdict, SUPERVISOR_LOCKED);
	assert_string_equal(a.locked_until, "2026-05-25 13:05:30");
	/* closing and opening again (a restart) lifts nothing */
	db_close(t->db);
	t->db = db_open(t->path, &cause);
	assert_non_null(t->db);
	a = try_pin(t->db, "2468", "2026-05-25 13:02:00");
	assert_int_equal(a.verdict, SUPERVISOR_LOCKED);
	assert_string_equal(a.locked_until, "2026-05-25 13:05:30");
	assert_int_equal(count(t->db, "SELECT count(*) FROM journal WHERE action = 'pin_failed' "
	                              "AND json_extract(details, '$.locked') = 1 AND "
	                              "json_extract(details, '$.locked_until') = "
	                              "'2026-05-25 13:05:30'"),
	                 1);
	assert_int_equal(count(t->db, "SELECT count(*) FROM journal"), PINGUARD_MAX_FAILURES + 1);
	/* five minutes on, the right PIN works again and clears the count */
	a = try_pin(t->db, "2468", "2026-05-25 13:05:30");
	assert_int_equal(a.verdict, SUPERVISOR_PASSED);
	a = try_pin(t->db, "0000", "2026-05-25 13:06:00");
	assert_int_equal(a.verdict, SUPERVISOR_WRONG);
	assert_int_equal(a.attempts_left, 4);
}

static void plain_pin_of_schema_5_is_hashed_on_open(void **state)
{
	struct t *t = *state;
	char *cause = NULL;

	fixture_exec(t->db, "UPDATE setting SET value = '2468' WHERE key = 'desk.supervisor_pin';"
	                    "DROP TABLE supervisor_guard; DROP TABLE desk_secret; DROP TABLE desk;"
	                    "DROP INDEX print_job_open; DROP INDEX journal_subject;"
	                    "DROP TABLE attendance; DROP TABLE session;"
	                    "ALTER TABLE room DROP COLUMN share_desk;"
	                    "ALTER TABLE journal DROP COLUMN prev_hash;"
	                    "ALTER TABLE journal DROP COLUMN signature;"
	                    /* v9's stay change list, back to v3's triggers */
	                    "DROP TRIGGER stay_generation_ins; DROP TRIGGER stay_generation_del;"
	                    "DROP TRIGGER stay_generation_upd; DROP TABLE stay_change;"
	                    "ALTER TABLE stay_generation DROP COLUMN listing;"
	                    "CREATE TRIGGER stay_generation_ins AFTER INSERT ON stay BEGIN "
	                    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
	                    "CREATE TRIGGER stay_generation_del AFTER DELETE ON stay BEGIN "
	                    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
	                    "CREATE TRIGGER stay_generation_upd AFTER UPDATE ON stay BEGIN "
	                    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
	                    "PRAGMA user_version = 5;");
	db_close(t->db);
	t->db = db_open(t->path, &cause);
	assert_non_null(t->db);
	assert_int_equal(db_schema_version(t->db), DB_SCHEMA_VERSION);
	assert_int_equal(count(t->db, "SELECT count(*) FROM setting WHERE value LIKE '%2468%'"), 0);
	assert_int_equal(try_pin(t->db, "2468", "2026-05-25 13:00:00").verdict, SUPERVISOR_PASSED);
	assert_int_equal(try_pin(t->db, "1234", "2026-05-25 13:00:00").verdict, SUPERVISOR_WRONG);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(init_stores_only_the_hash),
	    T(right_pin_passes_and_is_not_journalled),
	    T(wrong_pin_is_counted_and_journalled_without_the_pin),
	    T(right_pin_before_the_fifth_failure_clears_the_count),
	    T(fifth_failure_locks_even_the_right_pin_across_a_restart),
	    T(plain_pin_of_schema_5_is_hashed_on_open),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
