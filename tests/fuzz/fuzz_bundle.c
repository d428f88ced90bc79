/*
 * fuzz_bundle: libFuzzer target for bundle merge (DESIGN section 6). A bundle
 * comes on a stick from another desk and may be damaged or hostile: any bytes
 * must give a merge result (merged, refused or reported as bad input), never
 * a crash, a leak or undefined behaviour, and never a database error.
 *
 * The real path runs: once per process a desk database is made in a
 * temporary folder from the demo event (init, roster import, a few check-ins,
 * a payment, a rejection and an undo, so a replay has state and conflicts to
 * find); then each input is written to a file and merged as a dry run, which
 * reads and checks the bundle, adds its entries, replays the whole journal and
 * rolls back, so every input starts from the same state. That the rollback
 * really restores it is checked after each input.
 *
 * The database is prepared for desks A and B (prepare_desks), so each input
 * also goes through the signature and chain checks (sync_check.c).
 *
 * The desk's own entries are stamped with a fixed time (FRONTDESK_NOW), so the
 * seeds of scripts/fuzz can name them exactly (an undo of desk A's check-in, a
 * copy of one of its entries, a clashing one). With FUZZ_BUNDLE_DEBUG set, each
 * input's status and message go to stderr (to read what a saved input does).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desk_id.h"
#include "frontdesk/actions/desk_records.h"
#include "frontdesk/actions/desks.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/diag.h"
#include "frontdesk/records.h"
#include "frontdesk/xmalloc.h"
#include "desk_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FRONTDESK_NOW of the desk's own entries; the seeds in scripts/fuzz use it too. */
#define DESK_NOW "2026-05-25 09:00:00"

static struct desk *desk;
static char dir[] = "/tmp/fuzz_bundle.XXXXXX";
static char *desk_db, *bundle_file;
static int baseline_checked_in;

static void die(const char *what, char *cause)
{
	fprintf(stderr, "fuzz_bundle: setup failed: %s: %s\n", what, cause ? cause : "?");
	abort();
}

static void cleanup(void)
{
	const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
	const char *keys[] = {"desk-A.key", "desk-B.key"};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *p = xasprintf("%s/%s", dir, keys[i]);
		unlink(p);
		free(p);
	}

	desk_close(desk);
	desk = NULL;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = xasprintf("%s%s", desk_db, suffixes[i]);
		unlink(p);
		free(p);
	}
	unlink(bundle_file);
	rmdir(dir);
	free(desk_db);
	free(bundle_file);
}

/* The demo files: FRONTDESK_ASSETS when set (scripts/fuzz), else the source tree's. */
static char *asset(const char *name)
{
	const char *root = getenv("FRONTDESK_ASSETS");

	return xasprintf("%s/demo/%s", root && root[0] ? root : FRONTDESK_SOURCE_ASSETS, name);
}

static void checkin(const char *reg_no, const char *card_reference)
{
	struct checkin_request req = {reg_no, false, card_reference, NULL, NULL};
	struct checkin_result r;

	if (action_checkin(desk, &req, &r) != ACTION_OK || r.outcome != CHECKIN_DONE) {
		die(reg_no, r.message);
	}
	action_checkin_release(&r);
}

/* Desk A's own day so far: beds given, a card payment, a rejection, an undo. */
static void desk_day(void)
{
	const char *green[] = {"WH2026-0002", "WH2026-0003", "WH2026-0004",
	                       "WH2026-0006", "WH2026-0009", "WH2026-0011"};
	struct pay_request pay = {700, "POS-A-2", NULL, NULL};
	char *message = NULL;

	for (size_t i = 0; i < sizeof(green) / sizeof(green[0]); i++) {
		checkin(green[i], NULL);
	}
	checkin("WH2026-0015", "POS-A-1"); /* amber UNPAID, paid by card at the desk */
	if (action_pay(desk, "WH2026-0017", &pay, &message) != ACTION_OK) {
		die("pay", message);
	}
	free(message);
	message = NULL;
	if (action_reject(desk, "WH2026-0018", "照片不符", &message) != ACTION_OK) {
		die("reject", message);
	}
	free(message);
	message = NULL;
	if (action_undo(desk, "WH2026-0011", "2468", &message) != ACTION_OK) {
		die("undo", message);
	}
	free(message);
}

/*
 * The desk is A of an event prepared for desks A and B, with A's key
 * installed, as on check-in day: every merge runs sync_check_entries, so an
 * input reaches the store and the replay only with B's entries signed by B's
 * key (desk-B.key is left in dir for whoever writes such seeds).
 */
static void prepare_desks(void)
{
	static const char *const ids[] = {"A", "B"};
	struct desks_result dr;
	char *message = NULL;

	if (action_desks(desk, ids, 2, dir, &dr) != ACTION_OK) {
		die("desks", dr.message);
	}
	desks_result_release(&dr);
	char *key = xasprintf("%s/desk-A.key", dir);
	if (action_desk_id(desk, "A", key, &message) != ACTION_OK) {
		die("desk-id", message);
	}
	free(message);
	free(key);
}

static void setup(void)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct import_outcome imported;
	enum action_status status;
	char *cause = NULL;
	char *event = asset("event.ini"), *rooms = asset("rooms.csv"),
	     *roster = asset("roster.csv");

	setenv("FRONTDESK_NOW", DESK_NOW, 1);
	if (mkdtemp(dir) == NULL) {
		die("mkdtemp", NULL);
	}
	desk_db = xasprintf("%s/desk.db", dir);
	bundle_file = xasprintf("%s/bundle.jsonl", dir);
	atexit(cleanup);
	if (action_init(desk_db, event, rooms, &errs, &cause) != ACTION_OK) {
		die("init", cause ? cause : (errs.n ? errs.items[0].message : NULL));
	}
	desk = desk_open(desk_db, "fuzz", &status, &cause);
	if (desk == NULL) {
		die("open", cause);
	}
	if (action_import(desk, roster, NULL, NULL, &imported, &cause) != ACTION_OK) {
		die("import", cause);
	}
	action_import_release(&imported);
	prepare_desks();
	desk_day();
	int expected;
	records_count_checkins(desk->db, &expected, &baseline_checked_in);
	free(event);
	free(rooms);
	free(roster);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct merge_result r;

	if (desk == NULL) {
		setup();
	}
	FILE *f = fopen(bundle_file, "we");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		die("writing the input", NULL);
	}
	enum action_status status = action_merge(desk, bundle_file, true, &r);
	if (status == ACTION_FAILED) {
		/* a bundle, however bad, is bad input, never a database error */
		fprintf(stderr, "fuzz_bundle: ACTION_FAILED: %s\n", r.message ? r.message : "?");
		abort();
	}
	if (status == ACTION_OK && r.message == NULL) {
		abort();
	}
	if (getenv("FUZZ_BUNDLE_DEBUG")) {
		fprintf(stderr, "status %d new %ld: %s\n", status, r.new_entries,
		        r.message ? r.message : "-");
	}
	action_merge_release(&r);

	/* the dry run left the desk as it was */
	int expected, checked_in;
	struct conflict_report conflicts;
	records_count_checkins(desk->db, &expected, &checked_in);
	action_report_conflicts(desk, &conflicts);
	if (checked_in != baseline_checked_in || conflicts.n != 0) {
		fprintf(stderr,
		        "fuzz_bundle: the dry run changed the desk (%d -> %d, %zu conflicts)\n",
		        baseline_checked_in, checked_in, conflicts.n);
		abort();
	}
	action_conflicts_release(&conflicts);
	return 0;
}
