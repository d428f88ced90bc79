/*
 * Tests for the rooms' shares a long-running desk keeps between bed
 * check-ins (src/actions/share_access.c, issue 16): on an event prepared for
 * desks A and B, desk A's picture of who sleeps where and where each was
 * checked in follows another desk's check-in and its undo by the journal's
 * new entries alone, without loading the hotel again, and every room's
 * access is then what reading every stay and check-in afresh gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "allocate.h"
#include "desk_private.h"
#include "demo_fixture.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/chain.h"
#include "frontdesk/db.h"
#include "frontdesk/desks.h"
#include "frontdesk/room_share.h"
#include "frontdesk/setup.h"
#include "frontdesk/stays.h"
#include "store_fixture.h"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;
};

/* Names desks A and B, shares the rooms out and makes this copy desk A, with its key. */
static void prepare_two_desks(struct db *db)
{
	static const char *const ids[] = {"A", "B"};
	unsigned char pk[2][CHAIN_PUBLIC_BYTES], sk[2][CHAIN_SECRET_BYTES];
	size_t per_desk[2];
	char *cause = NULL;

	for (int i = 0; i < 2; i++) {
		assert_true(chain_keypair(pk[i], sk[i]));
	}
	assert_true(db_begin(db, &cause));
	assert_true(desks_name(db, ids, 2, (const unsigned char(*)[CHAIN_PUBLIC_BYTES])pk, &cause));
	assert_true(desks_share_rooms(db, per_desk, &cause));
	assert_true(desks_install_secret(db, "A", sk[0], &cause));
	assert_true(setup_put(db, "desk.id", "A", &cause));
	assert_true(db_commit(db, &cause));
	assert_true(per_desk[0] > 0 && per_desk[1] > 0);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	enum action_status status;
	char *cause = NULL;

	setenv("FRONTDESK_NOW", "2026-05-25 13:00:00", 1);
	f->dir = fixture_make_dir("share-access");
	assert_non_null(f->dir);
	f->path = xasprintf("%s/desk.db", f->dir);
	f->desk = demo_desk_open(f->path, true);
	prepare_two_desks(f->desk->db);
	/* opened again, so that the desk's settings are desk A's */
	desk_close(f->desk);
	f->desk = desk_open(f->path, "tester", &status, &cause);
	assert_non_null(f->desk);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	desk_close(f->desk);
	assert_int_equal(fixture_remove_dir(f->dir), 0);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static long sql_long(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt = db_prepare(db, sql);
	long v = sqlite3_step(stmt) == SQLITE_ROW ? (long)sqlite3_column_int64(stmt, 0) : -1;

	sqlite3_finalize(stmt);
	return v;
}

/* Every room's access as reading all the stays and check-ins gives it. */
static enum lodging_access *access_afresh(struct db *db, const struct hotel_picture *pic)
{
	int n_desks = desks_count(db);
	struct share_view *rooms = xcalloc(pic->n_rooms, sizeof(*rooms));
	int *owner = xcalloc(pic->n_rooms, sizeof(*owner));
	long *age_of = xcalloc((size_t)n_desks + 1, sizeof(*age_of));
	enum lodging_access *access = xcalloc(pic->n_rooms, sizeof(*access));

	assert_true(desks_share_owners(db, pic, owner));
	desks_share_sleepers(db, pic, rooms);
	for (size_t i = 0; i < pic->n_rooms; i++) {
		rooms[i].share = owner[i];
		rooms[i].hotel_rank = pic->rooms[i].hotel_rank;
		rooms[i].kind = pic->rooms[i].kind;
	}
	int me = desks_share_ages(db, n_desks, age_of);
	room_share_access(rooms, pic->n_rooms, me, age_of, n_desks, access);
	free(rooms);
	free(owner);
	free(age_of);
	return access;
}

/*
 * Restricts the kept picture as a check-in does, compares every room with
 * the afresh answer and returns room's access.
 */
static int kept_access(struct fixture *f, long room_id)
{
	char *cause = NULL;
	int found = -1; /* not one of the rooms */

	assert_true(db_begin(f->desk->db, &cause));
	struct hotel_picture *pic =
	    stays_checkout(f->desk->db, f->desk->cfg->first_night, &f->desk->stays, &cause);
	assert_non_null(pic);
	assert_true(allocate_restrict_to_share(f->desk, pic, &cause));
	enum lodging_access *afresh = access_afresh(f->desk->db, pic);
	for (size_t i = 0; i < pic->n_rooms; i++) {
		assert_int_equal(lodging_get_access(pic->state, i), afresh[i]);
		if (pic->rooms[i].id == room_id) {
			found = (int)afresh[i];
		}
	}
	free(afresh);
	assert_true(db_commit(f->desk->db, &cause));
	return found;
}

/*
 * What desk B's check-in, merged here, leaves: its journal entry, the
 * check-in row and the guest's stays in room_id (the whole room, the first
 * two nights), written on another connection as a merge in another process does.
 */
static void desk_b_checks_in(struct fixture *f, long attendee_id, long room_id)
{
	struct db *other = NULL;
	char *cause = NULL;
	char *sql = xasprintf(
	    "BEGIN;"
	    "INSERT INTO journal (desk_id, seq, at, operator, action, subject) SELECT 'B', 1, "
	    "'2026-05-25 13:00:00', 'b', 'checkin', reg_no FROM attendee WHERE id = %ld;"
	    "INSERT INTO checkin (attendee_id, at, desk_id, operator) VALUES (%ld, "
	    "'2026-05-25 13:00:00', 'B', 'b');"
	    "INSERT INTO stay (attendee_id, night, room_id, bed, flags) VALUES (%ld, '2026-05-25', "
	    "%ld, 1, 'whole'), (%ld, '2026-05-26', %ld, 1, 'whole');"
	    "COMMIT;",
	    attendee_id, attendee_id, attendee_id, room_id, attendee_id, room_id);

	other = db_open(f->path, &cause);
	assert_non_null(other);
	fixture_exec(other, sql);
	db_close(other);
	free(sql);
}

/* Desk B's undo of that check-in: its entry, the check-in row and the stays gone. */
static void desk_b_undoes(struct fixture *f, long attendee_id)
{
	char *cause = NULL;
	struct db *other = db_open(f->path, &cause);
	char *sql = xasprintf(
	    "BEGIN;"
	    "INSERT INTO journal (desk_id, seq, at, operator, action, subject) SELECT 'B', 2, "
	    "'2026-05-25 13:01:00', 'b', 'undo', reg_no FROM attendee WHERE id = %ld;"
	    "DELETE FROM checkin WHERE attendee_id = %ld;"
	    "DELETE FROM stay WHERE attendee_id = %ld;"
	    "COMMIT;",
	    attendee_id, attendee_id, attendee_id);

	assert_non_null(other);
	fixture_exec(other, sql);
	db_close(other);
	free(sql);
}

static void kept_shares_follow_another_desks_checkin_and_undo(void **state)
{
	struct fixture *f = *state;

	/* desk A gives two beds: the hotel picture and the shares are kept from here on */
	demo_checkin(f->desk, "WH2026-0002");
	demo_checkin(f->desk, "WH2026-0007");
	unsigned long loads = stays_cache_loads(f->desk->stays);
	/* an empty room of desk A's own share, and someone with neither check-in nor bed */
	long room =
	    sql_long(f->desk->db, "SELECT r.id FROM room r JOIN desk d ON d.id = r.share_desk "
	                          "WHERE d.id = 'A' AND NOT EXISTS (SELECT 1 FROM stay s WHERE "
	                          "s.room_id = r.id) ORDER BY r.hotel_rank, r.id LIMIT 1");
	long guest = sql_long(f->desk->db,
	                      "SELECT id FROM attendee WHERE id NOT IN (SELECT attendee_id FROM "
	                      "checkin) AND id NOT IN (SELECT attendee_id FROM stay) ORDER BY id "
	                      "LIMIT 1");
	assert_true(room > 0 && guest > 0);
	assert_int_equal(kept_access(f, room), LODGING_ACCESS_FREE);

	/* B's guest now sleeps in A's room: A must not pair a stranger with them */
	desk_b_checks_in(f, guest, room);
	assert_int_equal(kept_access(f, room), LODGING_ACCESS_CLOSED);
	/* B took it back: the room is A's to open again */
	desk_b_undoes(f, guest);
	assert_int_equal(kept_access(f, room), LODGING_ACCESS_FREE);
	/* all of it by delta: the hotel was not loaded again */
	assert_int_equal(stays_cache_loads(f->desk->stays), loads);
}

/* A desk's own next bed check-in still agrees with the afresh answer. */
static void kept_shares_follow_own_checkins(void **state)
{
	struct fixture *f = *state;

	demo_checkin(f->desk, "WH2026-0002");
	unsigned long loads = stays_cache_loads(f->desk->stays);
	demo_checkin(f->desk, "WH2026-0007");
	demo_checkin(f->desk, "WH2026-0005");
	kept_access(f, -1);
	assert_int_equal(stays_cache_loads(f->desk->stays), loads);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(kept_shares_follow_another_desks_checkin_and_undo,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(kept_shares_follow_own_checkins, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
