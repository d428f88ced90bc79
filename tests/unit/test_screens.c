/*
 * Tests for the desk screen's view models (src/tui/screen.h): a page's model
 * is built by one action call when the data changed and never because the
 * screen is redrawn. The real draw runs on a curses screen writing to
 * /dev/null, on the demo event; the database statements are counted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/actions/report.h"
#include "frontdesk/xmalloc.h"
#include "demo_fixture.h"
#include "store_fixture.h"
#include "ui.h"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;
	SCREEN *term;
	FILE *out, *in;
	struct ui ui;
};

static struct desk *open_demo(const char *path)
{
	return demo_desk_open(path, false);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = fixture_make_dir("screens");
	f->path = xasprintf("%s/desk.db", f->dir);
	f->desk = open_demo(f->path);
	setenv("TERM", "xterm", 1);
	f->out = fopen("/dev/null", "w");
	f->in = fopen("/dev/null", "r");
	f->term = newterm(NULL, f->out, f->in);
	assert_non_null(f->term);
	set_term(f->term);
	f->ui.desk = f->desk;
	f->ui.rows = 24;
	f->ui.cols = 80;
	f->ui.camera_fd = -1;
	f->ui.operator_confirmed = true;
	ui_refresh_status(&f->ui);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	screens_release(&f->ui);
	free(f->ui.message);
	endwin();
	delscreen(f->term);
	fclose(f->out);
	fclose(f->in);
	desk_close(f->desk);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->path);
	free(f->dir);
	free(f);
	return 0;
}

/* Draws view once (building its model), then 100 times more; returns the statements run then. */
static unsigned long statements_of_100_redraws(struct fixture *f, enum ui_view view)
{
	f->ui.view = view;
	draw_all(&f->ui);
	action_count_statements(f->desk);
	for (int i = 0; i < 100; i++) {
		draw_all(&f->ui);
	}
	return action_statement_count(f->desk);
}

static void checkin(struct desk *desk, const char *reg_no)
{
	struct checkin_request req = {.query = reg_no};
	struct checkin_result r;

	assert_int_equal(action_checkin(desk, &req, &r), ACTION_OK);
	action_checkin_release(&r);
}

static void summary_redraws_run_no_statement(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(statements_of_100_redraws(f, VIEW_SUMMARY), 0);
	const struct summary *s = f->ui.slots[VIEW_SUMMARY].model;
	assert_non_null(s);
	assert_true(s->expected > 0);
	assert_int_equal(s->checked_in, 0);
}

static void every_page_with_a_model_redraws_without_statements(void **state)
{
	struct fixture *f = *state;
	enum ui_view views[] = {VIEW_ROOMS, VIEW_PAYMENTS, VIEW_CONFLICTS, VIEW_OPERATOR,
	                        VIEW_HELP};

	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		assert_int_equal(statements_of_100_redraws(f, views[i]), 0);
	}
}

/* This desk's own write is seen at the next redraw: the model is built again, once. */
static void a_checkin_here_rebuilds_the_summary_once(void **state)
{
	struct fixture *f = *state;

	statements_of_100_redraws(f, VIEW_SUMMARY);
	checkin(f->desk, "WH2026-0079");
	action_count_statements(f->desk);
	draw_all(&f->ui);
	assert_true(action_statement_count(f->desk) > 0);
	const struct summary *s = f->ui.slots[VIEW_SUMMARY].model;
	assert_int_equal(s->checked_in, 1);
	assert_int_equal(statements_of_100_redraws(f, VIEW_SUMMARY), 0);
}

/* Another process's write is seen after this desk's next read (the status line's refresh). */
static void another_process_write_rebuilds_after_the_next_read(void **state)
{
	struct fixture *f = *state;
	enum action_status status;
	char *cause = NULL;

	statements_of_100_redraws(f, VIEW_SUMMARY);
	struct desk *other = desk_open(f->path, "other", &status, &cause);
	assert_non_null(other);
	checkin(other, "WH2026-0079");
	desk_close(other);
	ui_refresh_status(&f->ui);
	draw_all(&f->ui);
	const struct summary *s = f->ui.slots[VIEW_SUMMARY].model;
	assert_int_equal(s->checked_in, 1);
}

/*
 * A scanner types a ticket's 22 digits and Enter faster than anyone types:
 * however the main loop reads them (here the worst case, one key per pass,
 * asking for the search after each), the digits are not searched one by one
 * and the code is looked up once, at its Enter.
 */
static void a_scan_burst_is_one_lookup(void **state)
{
	struct fixture *f = *state;
	const char code[] = "2605000079123456789012";
	struct lookup_stats before, after;

	f->ui.view = VIEW_MAIN;
	f->ui.operator_confirmed = true;
	action_lookup_stats(f->desk, &before);
	for (const char *p = code; *p; p++) {
		input_key(&f->ui, false, (unsigned char)*p);
		assert_true(input_search_pending(&f->ui) > 0);
	}
	input_key(&f->ui, false, '\r');
	assert_int_equal(input_search_pending(&f->ui), -1);
	action_lookup_stats(f->desk, &after);
	assert_int_equal(after.lookups - before.lookups, 1);
	assert_int_equal(after.index_scanned, before.index_scanned);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(summary_redraws_run_no_statement, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_scan_burst_is_one_lookup, setup, teardown),
	    cmocka_unit_test_setup_teardown(every_page_with_a_model_redraws_without_statements,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(a_checkin_here_rebuilds_the_summary_once, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(another_process_write_rebuilds_after_the_next_read,
	                                    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
