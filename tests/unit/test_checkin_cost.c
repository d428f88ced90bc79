/*
 * Tests for what a check-in costs beside its rows (issue 16, DESIGN section
 * 6: "prepared statements cached per connection"): once the desk has checked
 * in one person with lodging and one without, the next check-ins, with a
 * bed, with a whole room or with no room, prepare no SQL statement of their
 * own; the statements they run, the journal's insert and the settings and
 * desk count it reads among them, are the connection's cached ones. Counted
 * with db_prepare_count on the demo event.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/checkin.h"
#include "frontdesk/db.h"
#include "desk_private.h"
#include "demo_fixture.h"
#include "store_fixture.h"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	setenv("FRONTDESK_NOW", "2026-05-25 13:00:00", 1);
	f->dir = fixture_make_dir("checkin-cost");
	assert_non_null(f->dir);
	f->path = xasprintf("%s/desk.db", f->dir);
	f->desk = demo_desk_open(f->path, true);
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

/* Checks reg_no in (it must be green) and returns how many statements that prepared. */
static unsigned long prepared_by_checkin(struct fixture *f, const char *reg_no)
{
	struct checkin_request req = {.query = reg_no};
	struct checkin_result r;
	unsigned long before = db_prepare_count(f->desk->db);

	assert_int_equal(action_checkin(f->desk, &req, &r), ACTION_OK);
	assert_int_equal(r.outcome, CHECKIN_DONE);
	action_checkin_release(&r);
	return db_prepare_count(f->desk->db) - before;
}

static void later_checkins_prepare_nothing(void **state)
{
	struct fixture *f = *state;

	/* the first of each kind prepares what it needs: no room, a bed (which loads the
	 * hotel), and a member of a collective transfer (whose shares are read) */
	prepared_by_checkin(f, "WH2026-0001");
	prepared_by_checkin(f, "WH2026-0002");
	prepared_by_checkin(f, "WH2026-0005");
	/* no room, a bed alone, a whole room, a collective member's bed, a shared bed */
	assert_int_equal(prepared_by_checkin(f, "WH2026-0009"), 0);
	assert_int_equal(prepared_by_checkin(f, "WH2026-0007"), 0);
	assert_int_equal(prepared_by_checkin(f, "WH2026-0006"), 0);
	assert_int_equal(prepared_by_checkin(f, "WH2026-0015"), 0);
	assert_int_equal(prepared_by_checkin(f, "WH2026-0017"), 0);
	assert_int_equal(prepared_by_checkin(f, "WH2026-0025"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(later_checkins_prepare_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
