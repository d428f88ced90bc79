/*
 * Tests for sync, the store's side of a merge (DESIGN section 4; the bundle
 * format in docs/export.md): reading a bundle, where every problem names the
 * line to look at; adding the journal entries that are new (twice adds
 * nothing; one key with two contents means two desks used one desk id);
 * reading the journal back in the replay order every desk agrees on; clearing
 * what a replay rebuilds while keeping what the platform and this copy own;
 * and the conflict list. Each case runs on its own temporary database
 * (store_fixture.h); bundles are small files written next to it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/diag.h"
#include "frontdesk/journal.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/sync.h"
#include "store_fixture.h"

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,\n"
                                "知音湖畔酒店,802,双床房,8,\n";

/* The header of desk B's bundle declaring n entries. */
#define HEAD(n)                                                                                    \
	"{\"format\":\"frontdesk-bundle\",\"version\":2,\"event\":\"2605\",\"event_name\":"        \
	"\"测试培训班\",\"desk\":\"B\",\"schema\":2,\"exported_at\":\"2026-05-25 21:05:00\"," \
	"\"entries\":" #n "}\n"

/* An entry by alice about R-1 on the first day; details is JSON as written (a string or null). */
#define ENTRY(desk, seq, time, action, details)                                                \
	"{\"desk\":\"" desk "\",\"seq\":" #seq ",\"at\":\"2026-05-25 " time "\",\"operator\":" \
	"\"alice\",\"action\":\"" action "\",\"subject\":\"R-1\",\"details\":" details "}\n"

/* Three well-formed entries, as desk B exports them (by desk, then sequence). */
#define E1                                                                                 \
	"{\"desk\":\"A\",\"seq\":1,\"at\":\"2026-05-25 13:05:00\",\"operator\":\"alice\"," \
	"\"action\":\"checkin\",\"subject\":\"R-1\",\"details\":\"{\\\"verdict\\\":\\\"green\\\"}\"}\n"
#define E2                                                                                  \
	"{\"desk\":\"B\",\"seq\":1,\"at\":\"2026-05-25 13:06:00\",\"operator\":\"鲍勃\"," \
	"\"action\":\"pay\",\"subject\":\"R-2\",\"details\":\"{\\\"amount\\\":350}\"}\n"
/* B's second entry with the given time, operator and JSON subject and details. */
#define E3_LIKE(time, op, subject, details)                                           \
	"{\"desk\":\"B\",\"seq\":2,\"at\":\"2026-05-25 " time "\",\"operator\":\"" op \
	"\",\"action\":\"reprint\",\"subject\":" subject ",\"details\":" details "}\n"
#define E3 E3_LIKE("13:07:00", "鲍勃", "null", "null")

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct fixture {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
};

static int fixture_teardown(void **state);

static int fixture_setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = fixture_make_dir("sync");
	if (f->dir == NULL) {
		free(f);
		return -1;
	}
	f->path = xasprintf("%s/frontdesk.db", f->dir);
	*state = f;
	if (!fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg)) {
		fixture_teardown(state);
		return -1;
	}
	return 0;
}

static int fixture_teardown(void **state)
{
	struct fixture *f = *state;

	int rc = fixture_close_event(f->db, f->cfg, f->dir, f->path);
	free(f);
	return rc;
}

static void exec_ok(struct fixture *f, const char *sql)
{
	fixture_exec(f->db, sql);
}

/* The one number sql selects. */
static long count(struct fixture *f, const char *sql)
{
	sqlite3_stmt *stmt = db_prepare(f->db, sql);
	long n = sqlite3_step(stmt) == SQLITE_ROW ? (long)sqlite3_column_int64(stmt, 0) : -1;

	sqlite3_finalize(stmt);
	return n;
}

/* Writes text as the file name in the test directory; returns its path (the caller frees it). */
static char *write_file(struct fixture *f, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", f->dir, name);
	FILE *out = fopen(path, "w");

	assert_non_null(out);
	assert_int_equal(fwrite(text, 1, strlen(text), out), strlen(text));
	assert_int_equal(fclose(out), 0);
	return path;
}

/* Reads text as a bundle file, which must be readable; problems go to errs. */
static void read_text(struct fixture *f, const char *text, struct sync_bundle *b,
                      struct diag_list *errs)
{
	char *path = write_file(f, "bundle.jsonl", text);
	char *cause = NULL;

	if (!sync_read_bundle(f->db, path, b, errs, &cause)) {
		fail_msg("bundle not read: %s", cause);
	}
	assert_null(cause);
	free(path);
}

/* Desk B's bundle of the given entry lines, the count in its header; the caller frees it. */
static char *bundle_of(const char *const *lines, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb,
	              "{\"format\":\"frontdesk-bundle\",\"version\":2,\"event\":\"2605\",\"desk\":"
	              "\"B\",\"entries\":%zu}\n",
	              n);
	for (size_t i = 0; i < n; i++) {
		strbuf_puts(&sb, lines[i]);
	}
	return strbuf_detach(&sb);
}

/* Reads text, which must be good, and stores its entries; returns how many were new. */
static long add_text(struct fixture *f, const char *text)
{
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;
	struct sync_clash clash;
	char *cause = NULL;
	long added;

	read_text(f, text, &b, &errs);
	if (errs.n != 0) {
		fail_msg("line %d: %s", errs.items[0].line, errs.items[0].message);
	}
	assert_true(db_begin(f->db, &cause));
	added = sync_add_entries(f->db, &b, &clash, &cause);
	if (added < 0) {
		fail_msg("entries not added: %s", cause ? cause : "clash");
	}
	assert_true(db_commit(f->db, &cause));
	sync_bundle_release(&b);
	return added;
}

/* Adds lines as one bundle; returns how many were new. */
static long add_lines(struct fixture *f, const char *const *lines, size_t n)
{
	char *text = bundle_of(lines, n);
	long added = add_text(f, text);

	free(text);
	return added;
}

/*
 * Reads text and expects its first problem on line (0: the whole file), about
 * column (NULL: no one field), with needle (when given) in the message.
 */
static void expect_problem(struct fixture *f, const char *text, int line, const char *column,
                           const char *needle)
{
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;

	read_text(f, text, &b, &errs);
	if (errs.n == 0) {
		fail_msg("no problem found in:\n%s", text);
	}
	if (errs.items[0].line != line) {
		fail_msg("problem on line %d, expected %d: %s", errs.items[0].line, line,
		         errs.items[0].message);
	}
	if (column == NULL) {
		assert_null(errs.items[0].column);
	} else {
		assert_non_null(errs.items[0].column);
		assert_string_equal(errs.items[0].column, column);
	}
	if (needle != NULL && strstr(errs.items[0].message, needle) == NULL) {
		fail_msg("\"%s\" not in: %s", needle, errs.items[0].message);
	}
	sync_bundle_release(&b);
	diag_list_clear(&errs);
}

/* ---- reading a bundle ---- */

static void good_bundle_reads_every_field(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;

	read_text(f, HEAD(3) E1 E2 E3, &b, &errs);
	assert_int_equal(errs.n, 0);
	assert_string_equal(b.event, "2605");
	assert_string_equal(b.event_name, "测试培训班");
	assert_string_equal(b.desk_id, "B");
	assert_string_equal(b.exported_at, "2026-05-25 21:05:00");
	assert_int_equal(b.n, 3);
	assert_string_equal(b.entries[0].desk_id, "A");
	assert_int_equal(b.entries[0].seq, 1);
	assert_string_equal(b.entries[0].at, "2026-05-25 13:05:00");
	assert_string_equal(b.entries[0].operator_name, "alice");
	assert_string_equal(b.entries[0].action, "checkin");
	assert_string_equal(b.entries[0].subject, "R-1");
	/* details come back verbatim, as the journal's text */
	assert_string_equal(b.entries[0].details, "{\"verdict\":\"green\"}");
	assert_string_equal(b.entries[1].desk_id, "B");
	assert_int_equal(b.entries[1].seq, 1);
	assert_string_equal(b.entries[1].operator_name, "鲍勃");
	assert_string_equal(b.entries[1].details, "{\"amount\":350}");
	assert_int_equal(b.entries[2].seq, 2);
	assert_string_equal(b.entries[2].action, "reprint");
	assert_null(b.entries[2].subject);
	assert_null(b.entries[2].details);
	sync_bundle_release(&b);
	assert_null(b.entries);
	sync_bundle_release(&b);
}

static void crlf_and_trailing_blank_lines_are_fine(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;
	static const char text[] =
	    "{\"format\":\"frontdesk-bundle\",\"version\":2,\"event\":\"2605\",\"desk\":\"B\","
	    "\"entries\":1}\r\n"
	    "{\"desk\":\"B\",\"seq\":1,\"at\":\"2026-05-25 13:06:00\",\"operator\":\"bob\","
	    "\"action\":\"undo\",\"subject\":\"R-2\",\"details\":null}\r\n"
	    "\r\n\n";

	read_text(f, text, &b, &errs);
	assert_int_equal(errs.n, 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.entries[0].subject, "R-2");
	assert_null(b.event_name);
	sync_bundle_release(&b);
}

static void bundle_of_no_entries_is_good(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;

	read_text(f, HEAD(0), &b, &errs);
	assert_int_equal(errs.n, 0);
	assert_int_equal(b.n, 0);
	assert_string_equal(b.desk_id, "B");
	sync_bundle_release(&b);
}

static void empty_bundle_is_one_problem(void **state)
{
	struct fixture *f = *state;

	expect_problem(f, "", 0, NULL, "empty");
}

static void missing_bundle_fails_with_cause(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;
	char *path = xasprintf("%s/none.jsonl", f->dir);
	char *cause = NULL;

	assert_false(sync_read_bundle(f->db, path, &b, &errs, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	assert_int_equal(errs.n, 0);
	assert_int_equal(b.n, 0);
	sync_bundle_release(&b);
	free(cause);
	cause = NULL;
	/* a folder opens but cannot be read */
	assert_false(sync_read_bundle(f->db, f->dir, &b, &errs, &cause));
	assert_non_null(cause);
	sync_bundle_release(&b);
	diag_list_clear(&errs);
	free(cause);
	free(path);
}

static void header_not_json(void **state)
{
	struct fixture *f = *state;

	expect_problem(f, "desk,seq,at\nA,1,2026-05-25 13:05:00\n", 1, NULL, "header");
	expect_problem(f, "[\"frontdesk-bundle\",1]\n" E1, 1, NULL, "header");
}

static void header_of_another_format(void **state)
{
	struct fixture *f = *state;

	expect_problem(
	    f,
	    "{\"format\":\"other-bundle\",\"version\":2,\"event\":\"2605\",\"desk\":\"B\","
	    "\"entries\":0}\n",
	    1, "format", NULL);
	expect_problem(f, "{\"version\":2,\"event\":\"2605\",\"desk\":\"B\",\"entries\":0}\n", 1,
	               "format", NULL);
}

static void newer_version_asks_for_upgrade(void **state)
{
	struct fixture *f = *state;

	expect_problem(f,
	               "{\"format\":\"frontdesk-bundle\",\"version\":3,\"event\":\"2605\",\"desk\":"
	               "\"B\",\"entries\":1}\n" E1,
	               1, "version", "upgrade");
	/* version 1 carried no signatures: the cure is on the exporting desk */
	expect_problem(f,
	               "{\"format\":\"frontdesk-bundle\",\"version\":1,\"event\":\"2605\",\"desk\":"
	               "\"B\",\"entries\":1}\n" E1,
	               1, "version", "update frontdesk on the desk that exported it");
	expect_problem(f,
	               "{\"format\":\"frontdesk-bundle\",\"version\":\"1\",\"event\":\"2605\","
	               "\"desk\":\"B\",\"entries\":0}\n",
	               1, "version", NULL);
}

static void header_missing_event_desk_or_count(void **state)
{
	struct fixture *f = *state;

	expect_problem(
	    f, "{\"format\":\"frontdesk-bundle\",\"version\":2,\"desk\":\"B\",\"entries\":0}\n", 1,
	    "event", NULL);
	expect_problem(
	    f,
	    "{\"format\":\"frontdesk-bundle\",\"version\":2,\"event\":2605,\"desk\":\"B\","
	    "\"entries\":0}\n",
	    1, "event", NULL);
	expect_problem(f,
	               "{\"format\":\"frontdesk-bundle\",\"version\":2,\"event\":\"2605\","
	               "\"entries\":0}\n",
	               1, "desk", NULL);
	expect_problem(f,
	               "{\"format\":\"frontdesk-bundle\",\"version\":2,\"event\":\"2605\",\"desk\":"
	               "\"B\"}\n",
	               1, "entries", NULL);
}

static void entry_count_must_match(void **state)
{
	struct fixture *f = *state;

	/* cut off: no line to point at, so it is about the whole file */
	expect_problem(f, HEAD(3) E1 E2, 0, NULL, "incomplete");
	expect_problem(f, HEAD(1) E1 E2, 0, NULL, NULL);
	expect_problem(f, HEAD(1), 0, NULL, NULL);
}

static void entry_not_json(void **state)
{
	struct fixture *f = *state;

	expect_problem(f, HEAD(3) E1 "{\"desk\":\"B\",\"seq\":1,\n" E3, 3, NULL, "JSON");
	expect_problem(f, HEAD(2) E1 "[1,2]\n", 3, NULL, "JSON");
}

static void entry_seq_must_be_positive_integer(void **state)
{
	struct fixture *f = *state;

	expect_problem(f, HEAD(1) ENTRY("A", 0, "13:05:00", "checkin", "null"), 2, "seq", NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", "2", "13:05:00", "checkin", "null"), 3, "seq",
	               NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", 2.5, "13:05:00", "checkin", "null"), 3, "seq",
	               NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", -3, "13:05:00", "checkin", "null"), 3, "seq", NULL);
}

static void entry_time_must_be_written_in_full(void **state)
{
	struct fixture *f = *state;

	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05", "checkin", "null"), 3, "at", NULL);
	expect_problem(f,
	               HEAD(2) E1 "{\"desk\":\"A\",\"seq\":2,\"at\":\"2026-05-25T13:05:00\","
	                          "\"operator\":\"alice\",\"action\":\"pay\",\"details\":null}\n",
	               3, "at", NULL);
	expect_problem(f,
	               HEAD(1) "{\"desk\":\"A\",\"seq\":2,\"at\":20260525,\"operator\":\"alice\","
	                       "\"action\":\"pay\"}\n",
	               2, "at", NULL);
}

static void entry_action_must_be_known(void **state)
{
	struct fixture *f = *state;

	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05:00", "teleport", "null"), 3, "action",
	               NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05:00", "CHECKIN", "null"), 3, "action",
	               NULL);
}

static void entry_details_must_be_object_text(void **state)
{
	struct fixture *f = *state;

	/* a nested object is not the journal's text */
	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05:00", "pay", "{\"amount\":350}"), 3,
	               "details", NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05:00", "pay", "\"[350]\""), 3, "details",
	               NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05:00", "pay", "\"amount=350\""), 3,
	               "details", NULL);
	expect_problem(f, HEAD(2) E1 ENTRY("A", 2, "13:05:00", "pay", "350"), 3, "details", NULL);
}

static void entry_text_without_control_characters(void **state)
{
	struct fixture *f = *state;

	expect_problem(f,
	               HEAD(2) E1 "{\"desk\":\"A\",\"seq\":2,\"at\":\"2026-05-25 13:05:00\","
	                          "\"operator\":\"al\\u001b[2Jice\",\"action\":\"pay\"}\n",
	               3, "operator", NULL);
	expect_problem(f,
	               HEAD(2) E1 "{\"desk\":\"A\\n\",\"seq\":2,\"at\":\"2026-05-25 13:05:00\","
	                          "\"operator\":\"alice\",\"action\":\"pay\"}\n",
	               3, "desk", NULL);
	expect_problem(f,
	               HEAD(2) E1
	               "{\"desk\":\"A\",\"seq\":2,\"at\":\"2026-05-25 13:05:00\","
	               "\"operator\":\"alice\",\"action\":\"pay\",\"subject\":\"R\\u0007\"}\n",
	               3, "subject", NULL);
}

static void problems_on_several_lines_each_named(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;

	static const char *const lines[] = {
	    ENTRY("A", 0, "13:05:00", "checkin", "null"),
	    E2,
	    ENTRY("A", 3, "1:05:00", "checkin", "null"),
	    ENTRY("A", 4, "13:05:00", "dance", "null"),
	};
	char *text = bundle_of(lines, ARRAY_LEN(lines));

	read_text(f, text, &b, &errs);
	free(text);
	assert_int_equal(errs.n, 3);
	assert_int_equal(errs.items[0].line, 2);
	assert_string_equal(errs.items[0].column, "seq");
	assert_int_equal(errs.items[1].line, 4);
	assert_string_equal(errs.items[1].column, "at");
	assert_int_equal(errs.items[2].line, 5);
	assert_string_equal(errs.items[2].column, "action");
	sync_bundle_release(&b);
	diag_list_clear(&errs);
}

static void duplicate_entry_names_its_line(void **state)
{
	struct fixture *f = *state;

	/* the second (A, 1) is where the bundle contradicts itself */
	expect_problem(f, HEAD(3) E1 E2 E1, 4, NULL, "(A, 1)");
	expect_problem(f, HEAD(2) E1 ENTRY("A", 1, "14:00:00", "undo", "null"), 3, NULL, "(A, 1)");
}

/* ---- adding entries ---- */

static void new_entries_added_once(void **state)
{
	struct fixture *f = *state;
	static const char *const one_more[] = {
	    E1,
	    E2,
	    E3,
	    ENTRY("C", 1, "15:00:00", "reject", "\"{\\\"reason\\\":\\\"no id\\\"}\""),
	};

	assert_int_equal(add_text(f, HEAD(3) E1 E2 E3), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM journal"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM journal WHERE desk_id = 'B' AND seq = 2 "
	                          "AND subject IS NULL AND details IS NULL"),
	                 1);
	/* the same bundle again, and a bundle with one entry more */
	assert_int_equal(add_text(f, HEAD(3) E1 E2 E3), 0);
	assert_int_equal(add_lines(f, one_more, ARRAY_LEN(one_more)), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM journal"), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM journal WHERE desk_id = 'C' AND "
	                          "details = '{\"reason\":\"no id\"}'"),
	                 1);
}

static void own_entry_in_bundle_is_not_new(void **state)
{
	struct fixture *f = *state;
	struct journal_entry own = {"alice", "checkin", "R-1", "{\"verdict\":\"green\"}",
	                            "2026-05-25 13:05:00"};
	char *cause = NULL;

	/* desk A wrote E1 itself; B's bundle carries it back byte for byte */
	assert_true(db_begin(f->db, &cause));
	assert_int_equal(journal_append(f->db, &own, &cause), 1);
	assert_true(db_commit(f->db, &cause));
	assert_int_equal(add_text(f, HEAD(3) E1 E2 E3), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM journal"), 3);
}

/* Adds text's entries, expecting a clash on (desk, seq); rolls back. */
static void expect_clash(struct fixture *f, const char *text, const char *desk, long seq)
{
	struct sync_bundle b;
	struct diag_list errs = DIAG_LIST_INIT;
	struct sync_clash clash;
	char *cause = NULL;

	read_text(f, text, &b, &errs);
	assert_int_equal(errs.n, 0);
	assert_true(db_begin(f->db, &cause));
	assert_int_equal(sync_add_entries(f->db, &b, &clash, &cause), -1);
	assert_null(cause);
	assert_non_null(clash.desk_id);
	assert_string_equal(clash.desk_id, desk);
	assert_int_equal(clash.seq, seq);
	db_rollback(f->db);
	sync_clash_release(&clash);
	assert_null(clash.desk_id);
	sync_bundle_release(&b);
}

static void same_key_other_contents_is_a_clash(void **state)
{
	struct fixture *f = *state;
	static const char *const other_details[] = {
	    ENTRY("A", 1, "13:05:00", "checkin", "\"{\\\"verdict\\\":\\\"red\\\"}\""),
	    ENTRY("A", 2, "13:06:00", "pay", "null"),
	};
	char *text;

	assert_int_equal(add_text(f, HEAD(3) E1 E2 E3), 3);
	/* other details under (A, 1) */
	text = bundle_of(other_details, ARRAY_LEN(other_details));
	expect_clash(f, text, "A", 1);
	free(text);
	/* one field different from the stored (B, 2): details or a subject where it has none,
	 * another time, another operator */
	expect_clash(f, HEAD(1) E3_LIKE("13:07:00", "鲍勃", "null", "\"{}\""), "B", 2);
	expect_clash(f, HEAD(1) E3_LIKE("13:07:00", "鲍勃", "\"R-2\"", "null"), "B", 2);
	expect_clash(f, HEAD(1) E3_LIKE("13:07:01", "鲍勃", "null", "null"), "B", 2);
	expect_clash(f, HEAD(1) E3_LIKE("13:07:00", "bob", "null", "null"), "B", 2);
	/* rolled back: nothing of those bundles stayed */
	assert_int_equal(count(f, "SELECT count(*) FROM journal"), 3);
}

/* ---- replay order ---- */

static void assert_replay_order(struct fixture *f, const char *const *expected, size_t n)
{
	struct sync_replay_entry *e;
	size_t got = sync_load_replay(f->db, &e);

	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++) {
		char *key = xasprintf("%s%ld", e[i].desk_id, e[i].seq);
		if (strcmp(key, expected[i]) != 0) {
			fail_msg("replay position %zu: %s, expected %s", i, key, expected[i]);
		}
		free(key);
	}
	sync_replay_free(e, got);
}

static void replay_by_time_across_desks(void **state)
{
	struct fixture *f = *state;
	static const char *const lines[] = {
	    ENTRY("A", 1, "10:00:00", "checkin", "null"),
	    ENTRY("A", 2, "10:05:00", "checkin", "null"),
	    ENTRY("B", 1, "10:00:00", "checkin", "null"),
	    ENTRY("B", 2, "10:03:00", "checkin", "null"),
	    ENTRY("C", 1, "09:59:00", "checkin", "null"),
	};
	static const char *const order[] = {"C1", "A1", "B1", "B2", "A2"};

	add_lines(f, lines, ARRAY_LEN(lines));
	assert_replay_order(f, order, ARRAY_LEN(order));
}

static void replay_ties_by_desk_then_seq(void **state)
{
	struct fixture *f = *state;
	/* seq is a number (9 before 10) and desk ids compare as bytes */
	static const char *const lines[] = {
	    ENTRY("A", 9, "10:00:00", "checkin", "null"),
	    ENTRY("A", 10, "10:00:00", "checkin", "null"),
	    ENTRY("B", 1, "10:00:00", "pay", "null"),
	    ENTRY("B", 2, "10:00:00", "pay", "null"),
	    ENTRY("b", 1, "10:00:00", "pay", "null"),
	};
	static const char *const order[] = {"A9", "A10", "B1", "B2", "b1"};

	add_lines(f, lines, ARRAY_LEN(lines));
	assert_replay_order(f, order, ARRAY_LEN(order));
}

static void replay_keeps_desk_order_when_clock_goes_back(void **state)
{
	struct fixture *f = *state;
	/*
	 * A's clock was set back between seq 2 and 3: A3 counts at A2's time, so it
	 * stays after A2 (and after B1, which came before A2); A4 is on time again.
	 */
	static const char *const lines[] = {
	    ENTRY("A", 1, "10:00:00", "checkin", "null"),
	    ENTRY("A", 2, "10:05:00", "checkin", "null"),
	    ENTRY("A", 3, "09:00:00", "undo", "null"),
	    ENTRY("A", 4, "10:07:00", "checkin", "null"),
	    ENTRY("B", 1, "10:03:00", "checkin", "null"),
	    ENTRY("B", 2, "10:06:00", "checkin", "null"),
	};
	static const char *const order[] = {"A1", "B1", "A2", "A3", "B2", "A4"};
	struct sync_replay_entry *e;
	size_t n;

	add_lines(f, lines, ARRAY_LEN(lines));
	assert_replay_order(f, order, ARRAY_LEN(order));
	/* the entry keeps its own time */
	n = sync_load_replay(f->db, &e);
	assert_string_equal(e[3].at, "2026-05-25 09:00:00");
	assert_string_equal(e[3].action, "undo");
	sync_replay_free(e, n);
}

static void replay_same_order_whatever_order_added(void **state)
{
	struct fixture *f = *state;
	static const char *const from_b[] = {
	    ENTRY("B", 1, "09:00:00", "checkin", "null"),
	    ENTRY("B", 2, "10:00:00", "checkin", "null"),
	};
	static const char *const from_a[] = {
	    ENTRY("A", 1, "09:30:00", "checkin", "null"),
	    ENTRY("A", 2, "09:40:00", "checkin", "null"),
	};
	static const char *const order[] = {"B1", "A1", "A2", "B2"};

	add_lines(f, from_b, ARRAY_LEN(from_b));
	add_lines(f, from_a, ARRAY_LEN(from_a));
	assert_replay_order(f, order, ARRAY_LEN(order));
}

static void append(struct fixture *f, const char *action, const char *details, const char *at)
{
	struct journal_entry e = {"alice", action, "R-1", details, at};
	char *cause = NULL;

	assert_true(db_begin(f->db, &cause));
	if (journal_append(f->db, &e, &cause) < 0) {
		fail_msg("journal_append: %s", cause);
	}
	assert_true(db_commit(f->db, &cause));
}

static void replay_reads_what_details_carry(void **state)
{
	struct fixture *f = *state;
	struct sync_replay_entry *e;
	size_t n;

	append(f, "checkin",
	       "{\"verdict\":\"green\",\"reasons\":[],\"evidence\":{\"voucher_seen\":false,"
	       "\"card_amount\":350,\"card_reference\":\"POS-9\",\"invoice_title\":\"某单位\","
	       "\"taxpayer_no\":\"9142\"},\"lodging\":{\"hotel\":\"知音湖畔酒店\",\"room\":\"802\","
	       "\"bed\":2}}",
	       "2026-05-25 10:00:00");
	append(f, "pay", "{\"amount\":175,\"reference\":\"POS-10\"}", "2026-05-25 10:01:00");
	append(f, "undo", "{\"checked_in_at\":\"2026-05-25 10:00:00\",\"desk\":\"A\"}",
	       "2026-05-25 10:02:00");
	append(f, "reject", "{\"reason\":\"证件不符\"}", "2026-05-25 10:03:00");
	n = sync_load_replay(f->db, &e);
	assert_int_equal(n, 4);
	assert_string_equal(e[0].operator_name, "alice");
	assert_string_equal(e[0].subject, "R-1");
	assert_non_null(strstr(e[0].evidence, "\"card_reference\":\"POS-9\""));
	assert_int_equal(e[0].card_amount, 350);
	assert_string_equal(e[0].reference, "POS-9");
	assert_string_equal(e[0].invoice_title, "某单位");
	assert_string_equal(e[0].taxpayer_no, "9142");
	assert_string_equal(e[0].hotel, "知音湖畔酒店");
	assert_string_equal(e[0].room, "802");
	assert_int_equal(e[0].bed, 2);
	assert_int_equal(e[1].card_amount, 175);
	assert_string_equal(e[1].reference, "POS-10");
	assert_null(e[1].hotel);
	assert_int_equal(e[1].bed, 0);
	assert_string_equal(e[2].undone_at, "2026-05-25 10:00:00");
	assert_string_equal(e[2].undone_desk, "A");
	assert_string_equal(e[3].reason, "证件不符");
	assert_null(e[3].evidence);
	sync_replay_free(e, n);
}

static void replay_survives_odd_details(void **state)
{
	struct fixture *f = *state;
	struct sync_replay_entry *e;
	size_t n;

	/* a stored row the bundle reader would refuse must not stop a replay */
	append(f, "checkin", "not json", "2026-05-25 10:00:00");
	append(f, "pay", "[350]", "2026-05-25 10:01:00");
	append(f, "pay", NULL, "2026-05-25 10:02:00");
	append(f, "pay", "{\"amount\":-5,\"lodging\":{\"bed\":99999999999}}",
	       "2026-05-25 10:03:00");
	n = sync_load_replay(f->db, &e);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		assert_null(e[i].evidence);
		assert_null(e[i].reference);
		assert_null(e[i].hotel);
		assert_int_equal(e[i].card_amount, 0);
		assert_int_equal(e[i].bed, 0);
	}
	sync_replay_free(e, n);
}

/* ---- what a replay rebuilds ---- */

static const char derived_rows[] =
    "INSERT INTO attendee (id, reg_no, name, status, arrive, depart, secret, imported_at, "
    "updated_at) VALUES (1, 'R-1', '张伟', 'approved', '2026-05-25', '2026-05-30', '0123456789', "
    "'x', 'x'), (2, 'R-2', '单田芳', 'approved', '2026-05-25', '2026-05-30', '9876543210', 'x', "
    "'x');"
    "INSERT INTO payment (attendee_id, source, channel, amount, state, created_at) VALUES "
    "(1, 'platform', 'online', 1500, 'confirmed', 'x'), (2, 'onsite', 'card', 1700, "
    "'confirmed', 'x');"
    "INSERT INTO checkin (attendee_id, at, desk_id, operator) VALUES (1, 'x', 'A', 'op'), "
    "(2, 'x', 'B', 'op');"
    "INSERT INTO rejection (attendee_id, at, desk_id, operator, reason) VALUES "
    "(2, 'x', 'A', 'op', 'r');"
    "INSERT INTO stay (attendee_id, night, room_id, bed) VALUES (1, '2026-05-25', "
    "(SELECT id FROM room WHERE room = '802'), 1);"
    "INSERT INTO conflict (kind, desk_id, seq, at) VALUES ('CHECKIN_TWICE', 'B', 1, 'x');"
    "INSERT INTO print_job (attendee_id, state, created_at, updated_at) VALUES "
    "(1, 'queued', 'x', 'x');";

static void clear_derived_keeps_platform_payments_and_print_jobs(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	exec_ok(f, derived_rows);
	assert_int_equal(add_text(f, HEAD(1) E1), 1);
	assert_true(db_begin(f->db, &cause));
	if (!sync_clear_derived(f->db, &cause)) {
		fail_msg("sync_clear_derived: %s", cause);
	}
	assert_true(db_commit(f->db, &cause));
	assert_int_equal(count(f, "SELECT count(*) FROM checkin"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM rejection"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM stay"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM conflict"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM payment WHERE source = 'onsite'"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM payment WHERE source = 'platform'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM print_job"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM journal"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM attendee"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM room"), 2);
}

static void remove_checkin_deletes_only_that_row(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	exec_ok(f, derived_rows);
	assert_true(sync_remove_checkin(f->db, 2, &cause));
	assert_int_equal(count(f, "SELECT count(*) FROM checkin"), 1);
	assert_int_equal(count(f, "SELECT attendee_id FROM checkin"), 1);
	/* nobody to remove is not an error */
	assert_true(sync_remove_checkin(f->db, 2, &cause));
	assert_null(cause);
}

/* ---- conflicts ---- */

static void conflicts_round_trip_in_order_found(void **state)
{
	struct fixture *f = *state;
	struct sync_conflict first = {.kind = "BED_TWICE",
	                              .reg_no = "R-1",
	                              .name = "ignored",
	                              .desk_id = "B",
	                              .seq = 7,
	                              .at = "2026-05-25 13:05:00",
	                              .other_desk = "A",
	                              .other_seq = 3,
	                              .other_at = "2026-05-25 13:01:00",
	                              .room_given = "知音湖畔酒店 802-1",
	                              .room_now = "知音湖畔酒店 802-2"};
	struct sync_conflict second = {.kind = "UNKNOWN_REGISTRATION",
	                               .reg_no = "R-404",
	                               .desk_id = "A",
	                               .seq = 9,
	                               .at = "2026-05-25 14:00:00",
	                               .amount = 1700};
	struct sync_conflict *list;
	char *cause = NULL;
	size_t n;

	assert_int_equal(sync_list_conflicts(f->db, &list), 0);
	sync_conflicts_free(list, 0);
	exec_ok(f, derived_rows);
	exec_ok(f, "DELETE FROM conflict");
	assert_true(sync_add_conflict(f->db, &first, &cause));
	assert_true(sync_add_conflict(f->db, &second, &cause));
	n = sync_list_conflicts(f->db, &list);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].kind, "BED_TWICE");
	assert_string_equal(list[0].reg_no, "R-1");
	assert_string_equal(list[0].name, "张伟"); /* from the roster, not from the caller */
	assert_string_equal(list[0].desk_id, "B");
	assert_int_equal(list[0].seq, 7);
	assert_string_equal(list[0].at, "2026-05-25 13:05:00");
	assert_string_equal(list[0].other_desk, "A");
	assert_int_equal(list[0].other_seq, 3);
	assert_string_equal(list[0].other_at, "2026-05-25 13:01:00");
	assert_string_equal(list[0].room_given, "知音湖畔酒店 802-1");
	assert_string_equal(list[0].room_now, "知音湖畔酒店 802-2");
	assert_int_equal(list[0].amount, 0);
	assert_string_equal(list[1].kind, "UNKNOWN_REGISTRATION");
	assert_null(list[1].name);
	assert_null(list[1].other_desk);
	assert_null(list[1].other_at);
	assert_null(list[1].room_given);
	assert_null(list[1].room_now);
	assert_int_equal(list[1].amount, 1700);
	assert_int_equal(count(f, "SELECT count(*) FROM conflict WHERE other_seq IS NULL"), 1);
	sync_conflicts_free(list, n);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

static const struct CMUnitTest tests[] = {
    T(good_bundle_reads_every_field),
    T(crlf_and_trailing_blank_lines_are_fine),
    T(bundle_of_no_entries_is_good),
    T(empty_bundle_is_one_problem),
    T(missing_bundle_fails_with_cause),
    T(header_not_json),
    T(header_of_another_format),
    T(newer_version_asks_for_upgrade),
    T(header_missing_event_desk_or_count),
    T(entry_count_must_match),
    T(entry_not_json),
    T(entry_seq_must_be_positive_integer),
    T(entry_time_must_be_written_in_full),
    T(entry_action_must_be_known),
    T(entry_details_must_be_object_text),
    T(entry_text_without_control_characters),
    T(problems_on_several_lines_each_named),
    T(duplicate_entry_names_its_line),
    T(new_entries_added_once),
    T(own_entry_in_bundle_is_not_new),
    T(same_key_other_contents_is_a_clash),
    T(replay_by_time_across_desks),
    T(replay_ties_by_desk_then_seq),
    T(replay_keeps_desk_order_when_clock_goes_back),
    T(replay_same_order_whatever_order_added),
    T(replay_reads_what_details_carry),
    T(replay_survives_odd_details),
    T(clear_derived_keeps_platform_payments_and_print_jobs),
    T(remove_checkin_deletes_only_that_row),
    T(conflicts_round_trip_in_order_found),
};

int main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
