/*
 * Tests for the desk's own small actions (src/actions/desk.c) that guard what
 * is stored and who may act: the operator's name, from the desk screen
 * (action_set_operator) or from --operator (desk_open), is refused with a
 * tab or any other control character, a tab at its end included, and $USER
 * is made harmless; action_supervisor_check passes the right PIN, refuses a
 * wrong one saying how many tries are left, and once five wrong PINs locked
 * supervisor actions refuses the right PIN too, saying until when. The
 * journal's clock is fixed through the test seam (FRONTDESK_NOW).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"
#include "store_fixture.h"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *event = xasprintf("%s/demo/event.ini", FRONTDESK_SOURCE_ASSETS);
	char *rooms = xasprintf("%s/demo/rooms.csv", FRONTDESK_SOURCE_ASSETS);
	struct diag_list errs = DIAG_LIST_INIT;
	enum action_status status;
	char *cause = NULL;

	setenv("FRONTDESK_NOW", "2026-05-25 13:00:00", 1);
	f->dir = fixture_make_dir("desk");
	assert_non_null(f->dir);
	f->path = xasprintf("%s/desk.db", f->dir);
	assert_int_equal(action_init(f->path, event, rooms, &errs, &cause), ACTION_OK);
	f->desk = desk_open(f->path, "tester", &status, &cause);
	assert_non_null(f->desk);
	free(event);
	free(rooms);
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

static void set_operator_refuses_a_tab_anywhere(void **state)
{
	struct fixture *f = *state;
	const char *bad[] = {"ali\tce", "alice\t", "\talice", "ev\x1b[31mil",
	                     "a\xe2\x80\xae"
	                     "b"};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *message = NULL;
		assert_int_equal(action_set_operator(f->desk, bad[i], &message), ACTION_BAD_INPUT);
		assert_non_null(strstr(message, "control characters"));
		assert_false(text_has_control(message));
		free(message);
		assert_string_equal(desk_operator(f->desk), "tester");
	}
}

static void set_operator_trims_spaces(void **state)
{
	struct fixture *f = *state;
	char *message = NULL;

	assert_int_equal(action_set_operator(f->desk, "  王芳 ", &message), ACTION_OK);
	assert_string_equal(desk_operator(f->desk), "王芳");
	free(message);
}

static void desk_open_refuses_a_hostile_operator(void **state)
{
	struct fixture *f = *state;
	enum action_status status = ACTION_OK;
	char *cause = NULL;

	assert_null(desk_open(f->path, "ev\til", &status, &cause));
	assert_int_equal(status, ACTION_BAD_INPUT);
	assert_non_null(strstr(cause, "control characters"));
	free(cause);
}

static void desk_open_makes_user_harmless(void **state)
{
	struct fixture *f = *state;
	enum action_status status = ACTION_OK;
	char *cause = NULL;
	char *user = getenv("USER") ? xstrdup(getenv("USER")) : NULL;

	setenv("USER", "ev\x1b[31mil", 1);
	struct desk *desk = desk_open(f->path, NULL, &status, &cause);
	assert_non_null(desk);
	assert_false(text_has_control(desk_operator(desk)));
	desk_close(desk);
	if (user != NULL) {
		setenv("USER", user, 1);
	} else {
		unsetenv("USER");
	}
	free(user);
}

static void supervisor_check_counts_then_locks(void **state)
{
	struct fixture *f = *state;
	char *message = NULL;
	char *cause = NULL;

	assert_int_equal(action_supervisor_check(f->desk, "undo", "2468", &message), ACTION_OK);
	assert_null(message);
	assert_int_equal(action_supervisor_check(f->desk, "export", "1111", &message),
	                 ACTION_REFUSED);
	assert_non_null(strstr(message, "主管密码不对，未导出；再错 4 次"));
	assert_non_null(strstr(message, "4 more wrong PINs lock"));
	free(message);
	/* three more were tried in another process: the fifth locks at once */
	struct db *db = db_open(f->path, &cause);
	assert_non_null(db);
	fixture_exec(db, "UPDATE supervisor_guard SET failures = 4");
	db_close(db);
	assert_int_equal(action_supervisor_check(f->desk, "merge", "1111", &message),
	                 ACTION_REFUSED);
	assert_non_null(strstr(message, "try again after 2026-05-25 13:05:00"));
	free(message);
	assert_int_equal(action_supervisor_check(f->desk, "undo", "2468", &message),
	                 ACTION_REFUSED);
	assert_non_null(strstr(message, "请在 2026-05-25 13:05:00 之后再试"));
	free(message);
	setenv("FRONTDESK_NOW", "2026-05-25 13:05:00", 1);
	assert_int_equal(action_supervisor_check(f->desk, "undo", "2468", &message), ACTION_OK);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(set_operator_refuses_a_tab_anywhere),  T(set_operator_trims_spaces),
	    T(desk_open_refuses_a_hostile_operator), T(desk_open_makes_user_harmless),
	    T(supervisor_check_counts_then_locks),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
