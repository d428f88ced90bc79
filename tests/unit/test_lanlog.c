/*
 * Tests for the desk's own LAN log as commits append it (src/store/lanlog.c,
 * docs/merge.md): a connection remembers where it left the log instead of
 * reading its tail back at every commit (issue 16), and that must never lose
 * or repeat a line when two connections on one database (the desk screen and
 * a command line) take turns, nor when the log is removed between commits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/chain.h"
#include "frontdesk/db.h"
#include "frontdesk/desks.h"
#include "frontdesk/journal.h"
#include "frontdesk/setup.h"
#include "store_fixture.h"

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,\n";

struct fixture {
	char *dir;
	char *path;
	char *log;
	struct db *db;
	struct event_config *cfg;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	static const char *const ids[] = {"A", "B"};
	unsigned char pk[2][CHAIN_PUBLIC_BYTES], sk[2][CHAIN_SECRET_BYTES];
	char *cause = NULL;

	f->dir = fixture_make_dir("lanlog");
	f->path = xasprintf("%s/frontdesk.db", f->dir);
	f->log = xasprintf("%s/lan/2605-A/journal.jsonl", f->dir);
	*state = f;
	assert_true(fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg));
	for (int i = 0; i < 2; i++) {
		assert_true(chain_keypair(pk[i], sk[i]));
	}
	assert_true(db_begin(f->db, &cause));
	assert_true(
	    desks_name(f->db, ids, 2, (const unsigned char(*)[CHAIN_PUBLIC_BYTES])pk, &cause));
	assert_true(desks_install_secret(f->db, "A", sk[0], &cause));
	assert_true(setup_put(f->db, "desk.id", "A", &cause));
	assert_true(db_commit(f->db, &cause));
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->log);
	int rc = fixture_close_event(f->db, f->cfg, f->dir, f->path);
	free(f);
	return rc;
}

/* One journalled commit on db, as a check-in makes one. */
static void commit_entry(struct db *db, const char *subject)
{
	struct journal_entry e = {"tester", "checkin", subject, NULL, NULL};
	char *cause = NULL;

	assert_true(db_begin(db, &cause));
	assert_true(journal_append(db, &e, &cause) > 0);
	assert_true(db_commit(db, &cause));
	assert_null(db_lan_error(db));
}

/* The log's entry lines' seqs, one after another ("1 2 3"); the header is left out. */
static char *logged_seqs(const char *log)
{
	FILE *in = fopen(log, "r");
	char line[4096];
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(in);
	while (fgets(line, sizeof(line), in) != NULL) {
		const char *seq = strstr(line, "\"seq\":");
		if (seq != NULL) {
			strbuf_printf(&sb, "%s%ld", sb.len ? " " : "", strtol(seq + 6, NULL, 10));
		}
	}
	fclose(in);
	return strbuf_detach(&sb);
}

static void two_connections_taking_turns_write_every_entry_once_in_order(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct db *other = db_open(f->path, &cause);

	assert_non_null(other);
	commit_entry(f->db, "WH2026-0001");
	commit_entry(f->db, "WH2026-0002");
	commit_entry(other, "WH2026-0003"); /* appends after the first connection's lines */
	commit_entry(f->db, "WH2026-0004"); /* the log grew meanwhile: read back, not assumed */
	commit_entry(f->db, "WH2026-0005");
	commit_entry(other, "WH2026-0006");
	char *seqs = logged_seqs(f->log);
	assert_string_equal(seqs, "1 2 3 4 5 6");
	free(seqs);
	db_close(other);
}

static void a_removed_log_is_written_again_whole(void **state)
{
	struct fixture *f = *state;

	commit_entry(f->db, "WH2026-0001");
	commit_entry(f->db, "WH2026-0002");
	assert_int_equal(remove(f->log), 0);
	commit_entry(f->db, "WH2026-0003");
	char *seqs = logged_seqs(f->log);
	assert_string_equal(seqs, "1 2 3");
	free(seqs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        two_connections_taking_turns_write_every_entry_once_in_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_removed_log_is_written_again_whole, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
