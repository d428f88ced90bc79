/*
 * Tests for the hotel picture a desk keeps between check-ins (stays.h,
 * stays_checkout): it is used again only while nothing but this desk's own
 * saves changed rooms, stays or genders, and after any other change (another
 * connection, another writer on this one, a rollback after the picture was
 * changed) it is loaded afresh, so a kept picture never differs from the
 * database. Each case runs on its own temporary database (store_fixture.h)
 * with two twin rooms and four sharers; a second connection plays another
 * process.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/stays.h"
#include "store_fixture.h"

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,双床房,8,\n"
                                "知音湖畔酒店,802,双床房,8,\n";

static const char sharers_sql[] =
    "INSERT INTO attendee (id, reg_no, name, gender, status, room_type, arrive, depart, secret, "
    "imported_at, updated_at) VALUES "
    "(1, 'R-1', '甲', 'F', 'approved', 'bed', '2026-05-25', '2026-05-30', '0000000001', 'x', 'x'),"
    "(2, 'R-2', '乙', 'F', 'approved', 'bed', '2026-05-25', '2026-05-30', '0000000002', 'x', 'x'),"
    "(3, 'R-3', '丙', 'M', 'approved', 'bed', '2026-05-25', '2026-05-30', '0000000003', 'x', 'x'),"
    "(4, 'R-4', '丁', 'M', 'approved', 'bed', '2026-05-25', '2026-05-30', '0000000004', 'x', 'x');";

struct fixture {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
	struct stays_cache *cache;
	long first_night;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = fixture_make_dir("stays-cache");
	if (f->dir == NULL) {
		free(f);
		return -1;
	}
	f->path = xasprintf("%s/frontdesk.db", f->dir);
	*state = f;
	if (!fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg)) {
		return -1;
	}
	fixture_exec(f->db, sharers_sql);
	f->first_night = f->cfg->first_night;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	stays_cache_free(f->cache);
	int rc = fixture_close_event(f->db, f->cfg, f->dir, f->path);
	free(f);
	return rc;
}

/* Checks the picture out in a write transaction and checks it matches a fresh load. */
static struct hotel_picture *checkout(struct fixture *f)
{
	char *cause = NULL;
	struct hotel_picture fresh;

	assert_true(db_begin(f->db, &cause));
	struct hotel_picture *pic = stays_checkout(f->db, f->first_night, &f->cache, &cause);
	assert_non_null(pic);
	assert_true(stays_load(f->db, f->first_night, false, &fresh, &cause));
	assert_true(stays_same(pic, &fresh));
	stays_release(&fresh);
	return pic;
}

static long count_rows(struct db *db, const char *sql)
{
	sqlite3_stmt *s = db_prepare(db, sql);
	long n = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;

	sqlite3_finalize(s);
	return n;
}

/* Places the sharer id on the checked-out picture and saves it, as a check-in does. */
static void place_and_save(struct fixture *f, struct hotel_picture *pic, long id,
                           enum gender gender)
{
	struct lodging_guest g = {id, ROOM_BED, gender, 0x1f, -1, 0};
	struct lodging_result res;
	char *cause = NULL;

	lodging_allocate(pic->state, &g, &res);
	assert_int_equal(res.outcome, LODGING_PLACED);
	assert_true(stays_save_changed(f->db, pic, &cause));
	stays_cache_saved(f->db, f->cache);
}

/*
 * A merge replays another desk's check-in into a bed held here for a mutual
 * roommate: the hold gives way. The save writes the roommate's dropped hold
 * too, not only the guest placed, so the kept picture is still the database.
 */
static void a_hold_that_gave_way_is_saved(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	fixture_exec(f->db, "UPDATE attendee SET gender = 'F' WHERE id = 4");
	struct hotel_picture *pic = checkout(f);
	struct lodging_guest first = {1, ROOM_BED, GENDER_FEMALE, 0x1f, 2, 0x1f};
	struct lodging_guest other = {4, ROOM_BED, GENDER_FEMALE, 0x1f, -1, 0};
	struct lodging_result res;

	lodging_allocate(pic->state, &first, &res);
	assert_true(res.held_for_roommate);
	assert_true(stays_save_changed(f->db, pic, &cause));
	stays_cache_saved(f->db, f->cache);
	assert_true(db_commit(f->db, &cause));
	pic = checkout(f);
	assert_true(lodging_place_at(pic->state, &other, res.room, 3 - res.bed, &res));
	const long *ids;
	assert_int_equal(lodging_changed(pic->state, &ids), 2); /* 4 placed, 2's hold dropped */
	assert_true(stays_save_changed(f->db, pic, &cause));
	assert_int_equal(lodging_changed(pic->state, &ids), 0);
	stays_cache_saved(f->db, f->cache);
	assert_true(db_commit(f->db, &cause));
	checkout(f); /* compares the kept picture with a fresh load */
	db_rollback(f->db);
	assert_int_equal(stays_cache_loads(f->cache), 1);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM stay WHERE attendee_id = 2"), 0);
}

/* One bed given and committed: the next check-out uses the kept picture. */
static void own_save_keeps_the_picture(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	place_and_save(f, checkout(f), 2, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	struct hotel_picture *pic = checkout(f);
	db_rollback(f->db);
	assert_int_equal(stays_cache_loads(f->cache), 1);
	assert_int_equal(lodging_stays(pic->state, NULL, 0), 2);
}

/*
 * A stay released by another connection (another process's undo) is seen at
 * once, by re-reading only that guest (schema v9's list of changed guests).
 */
static void another_connection_is_read_by_delta(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	struct db *other = db_open(f->path, &cause);
	assert_non_null(other);
	fixture_exec(other, "DELETE FROM stay WHERE attendee_id = 1");
	db_close(other);
	struct hotel_picture *pic = checkout(f); /* checks it against a fresh load */
	assert_int_equal(stays_cache_loads(f->cache), 1);
	assert_int_equal(stays_cache_deltas(f->cache), 1);
	assert_int_equal(lodging_stays(pic->state, NULL, 0), 0);
	db_rollback(f->db);
}

/*
 * Another process gives beds (a sharer joins the lone one, a new room opens)
 * and moves a guest from one room into a bed another guest left: read by
 * delta, the picture equals a fresh load (checkout compares them).
 */
static void another_process_beds_are_read_by_delta(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	place_and_save(f, checkout(f), 3, GENDER_MALE);
	assert_true(db_commit(f->db, &cause));
	struct db *other = db_open(f->path, &cause);
	struct stays_cache *theirs = NULL;
	assert_non_null(other);
	assert_true(db_begin(other, &cause));
	struct hotel_picture *pic = stays_checkout(other, f->first_night, &theirs, &cause);
	struct lodging_guest two = {2, ROOM_BED, GENDER_FEMALE, 0x1f, -1, 0};
	struct lodging_result res;
	lodging_allocate(pic->state, &two, &res);
	assert_int_equal(res.outcome, LODGING_PLACED);
	lodging_remove(pic->state, 1); /* 1 leaves: 2 stays alone in the room */
	assert_true(stays_save_changed(other, pic, &cause));
	assert_true(db_commit(other, &cause));
	stays_cache_free(theirs);
	db_close(other);
	pic = checkout(f);
	assert_int_equal(stays_cache_loads(f->cache), 1);
	assert_int_equal(stays_cache_deltas(f->cache), 1);
	assert_int_equal(lodging_stays(pic->state, NULL, 0), 2);
	db_rollback(f->db);
}

/* Every stay rewritten (a merge's replay, rooms settle) is not listed: loaded in full. */
static void a_full_rewrite_reloads(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	struct db *other = db_open(f->path, &cause);
	struct hotel_picture all;
	assert_non_null(other);
	assert_true(db_begin(other, &cause));
	assert_true(stays_load(other, f->first_night, false, &all, &cause));
	assert_true(stays_save_all(other, &all, &cause));
	assert_true(db_commit(other, &cause));
	stays_release(&all);
	db_close(other);
	checkout(f);
	assert_int_equal(stays_cache_loads(f->cache), 2);
	assert_int_equal(stays_cache_deltas(f->cache), 0);
	db_rollback(f->db);
}

/* A write to the stays on this same connection, outside a check-out, is seen too. */
static void own_other_writer_is_seen(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 3, GENDER_MALE);
	assert_true(db_commit(f->db, &cause));
	fixture_exec(f->db, "DELETE FROM stay");
	struct hotel_picture *pic = checkout(f);
	assert_int_equal(stays_cache_loads(f->cache) + stays_cache_deltas(f->cache), 2);
	assert_int_equal(lodging_stays(pic->state, NULL, 0), 0);
	db_rollback(f->db);
}

/* A bed placed and saved, then the transaction rolled back: the picture is loaded afresh. */
static void rollback_after_save_reloads(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	db_rollback(f->db);
	struct hotel_picture *pic = checkout(f);
	assert_int_equal(stays_cache_loads(f->cache), 2);
	assert_int_equal(lodging_stays(pic->state, NULL, 0), 0);
	place_and_save(f, pic, 2, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	checkout(f);
	db_rollback(f->db);
	assert_int_equal(stays_cache_loads(f->cache), 2);
}

/*
 * The same count of changes after a rollback is not the same picture: desk A's
 * five nights rolled back, then another process writes five other nights. The
 * counter is back where A's save left it; the rollback alone tells.
 */
static void rollback_then_as_many_changes_reloads(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	db_rollback(f->db);
	struct db *other = db_open(f->path, &cause);
	assert_non_null(other);
	fixture_exec(other, "INSERT INTO stay (attendee_id, night, room_id, bed, flags) "
	                    "SELECT 3, date('2026-05-25', '+' || n || ' days'), 2, 1, 'shared' "
	                    "FROM (SELECT 0 AS n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 "
	                    "UNION SELECT 4)");
	db_close(other);
	struct hotel_picture *pic = checkout(f);
	assert_int_equal(stays_cache_loads(f->cache), 2);
	assert_int_equal(lodging_stays(pic->state, NULL, 0), 1);
	db_rollback(f->db);
}

/* A guest's gender changed by a re-import reloads; the same gender written again does not. */
static void gender_change_reloads(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	place_and_save(f, checkout(f), 1, GENDER_FEMALE);
	assert_true(db_commit(f->db, &cause));
	fixture_exec(f->db, "UPDATE attendee SET gender = 'F' WHERE id = 1");
	checkout(f);
	db_rollback(f->db);
	assert_int_equal(stays_cache_loads(f->cache), 1);
	fixture_exec(f->db, "UPDATE attendee SET gender = 'M', room_type = 'bed' WHERE id = 1");
	checkout(f);
	db_rollback(f->db);
	assert_int_equal(stays_cache_loads(f->cache), 2);
}

/* A dropped picture is loaded again; dropping NULL is a no-op. */
static void drop_reloads(void **state)
{
	struct fixture *f = *state;

	checkout(f);
	db_rollback(f->db);
	stays_cache_drop(f->cache);
	stays_cache_drop(NULL);
	checkout(f);
	db_rollback(f->db);
	assert_int_equal(stays_cache_loads(f->cache), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(own_save_keeps_the_picture, setup, teardown),
	    cmocka_unit_test_setup_teardown(another_connection_is_read_by_delta, setup, teardown),
	    cmocka_unit_test_setup_teardown(another_process_beds_are_read_by_delta, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_full_rewrite_reloads, setup, teardown),
	    cmocka_unit_test_setup_teardown(own_other_writer_is_seen, setup, teardown),
	    cmocka_unit_test_setup_teardown(rollback_after_save_reloads, setup, teardown),
	    cmocka_unit_test_setup_teardown(rollback_then_as_many_changes_reloads, setup, teardown),
	    cmocka_unit_test_setup_teardown(gender_change_reloads, setup, teardown),
	    cmocka_unit_test_setup_teardown(drop_reloads, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_hold_that_gave_way_is_saved, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
