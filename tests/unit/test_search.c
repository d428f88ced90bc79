/*
 * Tests for the search index behind search-as-you-type (src/actions/search.c)
 * at the end of a day: a check-in by another process (a second connection to
 * the same file) makes the next keystroke re-read the one registration the
 * journal names, not rebuild the index; an import rebuilds it; a keystroke
 * that extends the last query checks only the last query's matches, and
 * finds what a search from scratch finds. The status line's figures, kept by
 * delta, equal a count from scratch after a random run of check-ins, undos
 * and settles, here and by another process, and with a second desk's
 * journal merged in now and then (its own check-ins and undos, some of the
 * same people: conflicts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desk_id.h"
#include "frontdesk/actions/desk_records.h"
#include "frontdesk/actions/desks.h"
#include "frontdesk/actions/export.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/xmalloc.h"
#include "demo_fixture.h"
#include "store_fixture.h"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;   /* the desk screen's */
	struct desk *other;  /* another process on the same database */
	struct desk *desk_b; /* a second desk on its own copy, merged in (or NULL) */
	int exports;         /* desk B's exports so far, each in its own folder */
};

static void import_demo(struct desk *desk)
{
	char *roster = demo_file("roster.csv"), *cause = NULL;
	struct import_outcome imported;

	assert_int_equal(action_import(desk, roster, NULL, NULL, &imported, &cause), ACTION_OK);
	action_import_release(&imported);
	free(roster);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *event = demo_file("event.ini"), *rooms = demo_file("rooms.csv"), *cause = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	enum action_status status;

	setenv("FRONTDESK_NOW", "2026-05-25 13:00:00", 1);
	f->dir = fixture_make_dir("search");
	f->path = xasprintf("%s/desk.db", f->dir);
	assert_int_equal(action_init(f->path, event, rooms, &errs, &cause), ACTION_OK);
	f->desk = desk_open(f->path, "tester", &status, &cause);
	f->other = desk_open(f->path, "other", &status, &cause);
	assert_non_null(f->desk);
	assert_non_null(f->other);
	import_demo(f->other);
	free(event), free(rooms);
	*state = f;
	return 0;
}

/* Copies the closed database from to to. */
static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		assert_int_equal(fwrite(buf, 1, n, out), n);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* Opens a copy of the prepared database at path as desk id with its key file. */
static struct desk *open_as(const char *path, const char *id, const char *key)
{
	enum action_status status;
	char *cause = NULL, *message = NULL;
	struct desk *desk = desk_open(path, id, &status, &cause);

	assert_non_null(desk);
	assert_int_equal(action_desk_id(desk, id, key, &message), ACTION_OK);
	free(message);
	return desk;
}

/* The demo event prepared for desks A and B; this desk (and another process) is A. */
static int setup_two_desks(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *event = demo_file("event.ini"), *rooms = demo_file("rooms.csv"), *cause = NULL;
	char *prepared, *path_b;
	struct diag_list errs = DIAG_LIST_INIT;
	enum action_status status;
	struct desks_result named = {0};
	const char *ids[] = {"A", "B"};

	setenv("FRONTDESK_NOW", "2026-05-25 13:00:00", 1);
	f->dir = fixture_make_dir("search-desks");
	prepared = xasprintf("%s/prepared.db", f->dir);
	assert_int_equal(action_init(prepared, event, rooms, &errs, &cause), ACTION_OK);
	struct desk *setup_desk = desk_open(prepared, "setup", &status, &cause);
	assert_non_null(setup_desk);
	import_demo(setup_desk);
	assert_int_equal(action_desks(setup_desk, ids, 2, f->dir, &named), ACTION_OK);
	desk_close(setup_desk);
	f->path = xasprintf("%s/desk.db", f->dir);
	path_b = xasprintf("%s/desk-b.db", f->dir);
	copy_file(prepared, f->path);
	copy_file(prepared, path_b);
	f->desk = open_as(f->path, "A", named.key_files[0]);
	f->other = desk_open(f->path, "other", &status, &cause);
	assert_non_null(f->other);
	f->desk_b = open_as(path_b, "B", named.key_files[1]);
	desks_result_release(&named);
	free(event), free(rooms), free(prepared), free(path_b);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	desk_close(f->desk);
	desk_close(f->other);
	if (f->desk_b != NULL) {
		desk_close(f->desk_b);
	}
	assert_int_equal(fixture_remove_dir(f->dir), 0);
	free(f->dir), free(f->path), free(f);
	return 0;
}

/* Looks query up on desk; returns how many matched in all. */
static size_t search(struct desk *desk, const char *query)
{
	struct lookup_result r;

	action_lookup(desk, query, &r);
	size_t total = r.total;
	action_lookup_release(&r);
	return total;
}

static struct lookup_stats stats_of(struct desk *desk)
{
	struct lookup_stats s;

	action_lookup_stats(desk, &s);
	return s;
}

static void outside_checkin_refreshes_one_entry(void **state)
{
	struct fixture *f = *state;
	struct checkin_request req = {.query = "WH2026-0079"};
	struct checkin_result r;

	size_t before = search(f->desk, "g");
	assert_true(before > 0);
	assert_int_equal(stats_of(f->desk).index_builds, 1);
	assert_int_equal(action_checkin(f->other, &req, &r), ACTION_OK);
	assert_int_equal(r.outcome, CHECKIN_DONE);
	action_checkin_release(&r);

	assert_int_equal(search(f->desk, "g"), before);
	struct lookup_stats s = stats_of(f->desk);
	assert_int_equal(s.index_builds, 1);
	assert_int_equal(s.index_refreshed, 1);
	/* the card of the one checked in says so: the matches are read fresh */
	struct lookup_result one;
	assert_int_equal(action_lookup(f->desk, "WH2026-0079", &one), ACTION_OK);
	assert_true(one.matches[0].person->checked_in);
	action_lookup_release(&one);
}

static void import_rebuilds(void **state)
{
	struct fixture *f = *state;

	search(f->desk, "g");
	import_demo(f->other);
	search(f->desk, "g");
	assert_int_equal(stats_of(f->desk).index_builds, 2);
}

/* Every prefix of each query, typed a key at a time, against the same query from scratch. */
static void narrowing_finds_what_a_fresh_search_finds(void **state)
{
	struct fixture *f = *state;
	const char *typed[] = {"gaoql", "WH2026-00", "wh2026-01", "1883699", "188'", "z h", "高秋"};

	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		for (size_t len = 1; len <= strlen(typed[i]); len++) {
			char *q = xstrndup(typed[i], len);
			size_t narrowed = search(f->desk, q);
			search(f->desk,
			       "\xe2\x80\x94"); /* a query that is no prefix: from scratch */
			unsigned long scanned = stats_of(f->desk).index_scanned;
			assert_int_equal(search(f->desk, q), narrowed);
			assert_int_equal(stats_of(f->desk).index_scanned - scanned, 180);
			free(q);
		}
	}
	/* the second key of a query checks only the first key's matches */
	search(f->desk, "g");
	unsigned long scanned = stats_of(f->desk).index_scanned;
	size_t g = search(f->desk, "g");
	scanned = stats_of(f->desk).index_scanned - scanned;
	assert_true(scanned == g && g < 180);
}

/* The status figures of a desk opened now: counted from scratch. */
static void recounted(const char *path, struct desk_status *out)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *fresh = desk_open(path, "recount", &status, &cause);

	assert_non_null(fresh);
	action_desk_status(fresh, out);
	desk_close(fresh);
}

static void one_random_act(struct desk *desk, unsigned *seed)
{
	char reg_no[16], *message = NULL;
	int r = rand_r(seed) % 100;

	snprintf(reg_no, sizeof(reg_no), "WH2026-%04d", 1 + rand_r(seed) % 180);
	if (r < 65) {
		struct checkin_request req = {.query = reg_no};
		struct checkin_result res;
		action_checkin(desk, &req, &res);
		action_checkin_release(&res);
	} else if (r < 95) {
		action_undo(desk, reg_no, "2468", &message);
	} else {
		struct rooms_settle_result settled;
		action_rooms_settle(desk, "2468", &settled, &message);
		action_rooms_settle_release(&settled);
	}
	free(message);
}

/* Desk B exports its day and desk A (this process or the other) merges it in. */
static void merge_desk_b(struct fixture *f, struct desk *into)
{
	struct export_result exported;
	struct merge_result merged;
	char *target = xasprintf("%s/stick-%d", f->dir, ++f->exports);

	assert_int_equal(mkdir(target, 0700), 0);
	assert_int_equal(action_export(f->desk_b, target, &exported), ACTION_OK);
	assert_int_equal(action_merge(into, exported.folder, false, &merged), ACTION_OK);
	action_merge_release(&merged);
	action_export_release(&exported);
	free(target);
}

/* The status line's figures on desk equal a count from scratch of the file at path. */
static void status_equals_a_recount(struct desk *desk, const char *path)
{
	struct desk_status kept, counted;

	action_desk_status(desk, &kept);
	recounted(path, &counted);
	assert_int_equal(kept.checked_in, counted.checked_in);
	assert_int_equal(kept.expected, counted.expected);
	assert_int_equal(kept.free_female, counted.free_female);
	assert_int_equal(kept.free_male, counted.free_male);
	action_desk_status_release(&kept);
	action_desk_status_release(&counted);
}

static void status_by_delta_follows_merges(void **state)
{
	struct fixture *f = *state;
	unsigned seed = 25;

	for (int step = 0; step < 100; step++) {
		int who = rand_r(&seed) % 10;
		if (who < 4) {
			one_random_act(who % 2 ? f->desk : f->other, &seed);
		} else if (who < 8) {
			one_random_act(f->desk_b, &seed);
		} else {
			merge_desk_b(f, who == 8 ? f->desk : f->other);
		}
		status_equals_a_recount(f->desk, f->path);
	}
	assert_true(f->exports > 10);
}

static void status_by_delta_equals_a_recount(void **state)
{
	struct fixture *f = *state;
	unsigned seed = 16;

	for (int step = 0; step < 300; step++) {
		one_random_act(rand_r(&seed) % 2 ? f->desk : f->other, &seed);
		status_equals_a_recount(f->desk, f->path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(outside_checkin_refreshes_one_entry, setup, teardown),
	    cmocka_unit_test_setup_teardown(import_rebuilds, setup, teardown),
	    cmocka_unit_test_setup_teardown(status_by_delta_equals_a_recount, setup, teardown),
	    cmocka_unit_test_setup_teardown(status_by_delta_follows_merges, setup_two_desks,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(narrowing_finds_what_a_fresh_search_finds, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
