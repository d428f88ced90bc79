/*
 * demo_fixture: a desk on the bundled demo event (assets/demo), for the unit
 * tests of the actions that need a whole event: initialised with its event
 * and rooms, its roster imported (and its collective transfers when asked).
 * Header-only, like store_fixture.h; include cmocka first.
 */
#ifndef FRONTDESK_TESTS_DEMO_FIXTURE_H
#define FRONTDESK_TESTS_DEMO_FIXTURE_H

#include <stdbool.h>
#include <stdlib.h>

#include "config.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/xmalloc.h"

/* The demo event's file name (the caller frees it). */
static inline char *demo_file(const char *name)
{
	return xasprintf("%s/demo/%s", FRONTDESK_SOURCE_ASSETS, name);
}

/*
 * Creates the database at path with the demo event and rooms, opens it as
 * operator "tester" and imports the demo roster (with collective.csv when
 * with_collective). Fails the test on any error.
 */
static inline struct desk *demo_desk_open(const char *path, bool with_collective)
{
	char *event = demo_file("event.ini"), *rooms = demo_file("rooms.csv");
	char *roster = demo_file("roster.csv");
	char *collective = with_collective ? demo_file("collective.csv") : NULL;
	char *cause = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	enum action_status status;
	struct import_outcome imported;

	assert_int_equal(action_init(path, event, rooms, &errs, &cause), ACTION_OK);
	struct desk *desk = desk_open(path, "tester", &status, &cause);
	assert_non_null(desk);
	assert_int_equal(action_import(desk, roster, collective, NULL, &imported, &cause),
	                 ACTION_OK);
	action_import_release(&imported);
	free(event), free(rooms), free(roster), free(collective);
	return desk;
}

/* Checks reg_no in at desk, which must succeed (a green card). Fails the test otherwise. */
static inline void demo_checkin(struct desk *desk, const char *reg_no)
{
	struct checkin_request req = {.query = reg_no};
	struct checkin_result r;

	assert_int_equal(action_checkin(desk, &req, &r), ACTION_OK);
	assert_int_equal(r.outcome, CHECKIN_DONE);
	action_checkin_release(&r);
}

#endif
