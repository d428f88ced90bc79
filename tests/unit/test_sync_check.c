/*
 * Tests for sync_check_entries, the one check every merge runs before it
 * stores anything (issue 15), at the store on entries signed here with
 * core's chain.h: a desk's chain from its first entry, and from where this
 * journal stands, is taken; an entry of an unknown desk, unsigned, altered,
 * signed with another desk's key, chained to the wrong entry, after a
 * deleted one, at seq 2^63-1, out of order, or a fork of a stored entry is
 * refused, naming it; a database never prepared with desks takes back only
 * its own entries. Also journal_append: signed and chained on a prepared
 * database, its text sanitised, and nothing written without the key.
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
#include "frontdesk/desks.h"
#include "frontdesk/journal.h"
#include "frontdesk/sync.h"
#include "store_fixture.h"

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,\n";

struct fixture {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
	unsigned char pk[2][CHAIN_PUBLIC_BYTES]; /* desks A and B */
	unsigned char sk[2][CHAIN_SECRET_BYTES];
};

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = fixture_close_event(f->db, f->cfg, f->dir, f->path);

	free(f);
	return rc;
}

/* An event with desks A and B named (this copy is A); prepared false leaves it one desk. */
static int setup_with(void **state, bool prepared)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	static const char *const ids[] = {"A", "B"};
	char *cause = NULL;

	f->dir = fixture_make_dir("sync_check");
	f->path = xasprintf("%s/frontdesk.db", f->dir);
	*state = f;
	if (!fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg)) {
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		assert_true(chain_keypair(f->pk[i], f->sk[i]));
	}
	if (prepared) {
		assert_true(db_begin(f->db, &cause));
		assert_true(desks_name(f->db, ids, 2, (const unsigned char(*)[32])f->pk, &cause));
		assert_true(desks_install_secret(f->db, "A", f->sk[0], &cause));
		assert_true(db_commit(f->db, &cause));
	}
	return 0;
}

static int setup_prepared(void **state)
{
	return setup_with(state, true);
}

static int setup_single(void **state)
{
	return setup_with(state, false);
}

/* Fills e as desk's entry seq (bundle line `line`), chained to prev and signed with sk. */
static void make(struct sync_entry *e, const char *desk, long seq, const char *details,
                 const unsigned char *prev, const unsigned char *sk, int line)
{
	memset(e, 0, sizeof(*e));
	e->desk_id = xstrdup(desk);
	e->seq = seq;
	e->at = xstrdup("2026-05-25 13:05:00");
	e->operator_name = xstrdup("bob");
	e->action = xstrdup("pay");
	e->subject = xstrdup("R-1");
	e->details = details ? xstrdup(details) : NULL;
	e->line = line;
	e->is_signed = sk != NULL;
	memcpy(e->prev, prev, CHAIN_HASH_BYTES);
	if (sk != NULL) {
		struct chain_entry ce = {"2605",     e->desk_id,       seq,
		                         e->at,      e->operator_name, e->action,
		                         e->subject, e->details,       e->prev};
		chain_sign(&ce, sk, e->sig);
	}
}

/* Frees what make filled, so the slot can be made again. */
static void unmake(struct sync_entry *e)
{
	free(e->desk_id);
	free(e->at);
	free(e->operator_name);
	free(e->action);
	free(e->subject);
	free(e->details);
}

static void hash_of(const struct sync_entry *e, unsigned char out[CHAIN_HASH_BYTES])
{
	struct chain_entry ce = {"2605",    e->desk_id, e->seq,     e->at,  e->operator_name,
	                         e->action, e->subject, e->details, e->prev};
	chain_hash(&ce, out);
}

/* A bundle of n entries of desk, seq 1..n, chained and signed with sk; lines 2..n+1. */
static void chain_bundle(struct sync_bundle *b, const char *desk, size_t n, const unsigned char *sk)
{
	unsigned char prev[CHAIN_HASH_BYTES];

	memset(b, 0, sizeof(*b));
	b->entries = xcalloc(n, sizeof(*b->entries));
	b->n = n;
	chain_first_prev(prev);
	for (size_t i = 0; i < n; i++) {
		char details[64];
		snprintf(details, sizeof(details), "{\"amount\":%zu}", 100 + i);
		make(&b->entries[i], desk, (long)i + 1, details, prev, sk, (int)i + 2);
		hash_of(&b->entries[i], prev);
	}
}

static void expect_ok(struct fixture *f, const struct sync_bundle *b)
{
	struct sync_refusal r;

	if (!sync_check_entries(f->db, "2605", "A", b, &r)) {
		fail_msg("refused: %s", r.message);
	}
}

static void expect_refused(struct fixture *f, const struct sync_bundle *b,
                           enum sync_refusal_kind kind, const char *desk, long seq, int line,
                           const char *text)
{
	struct sync_refusal r;

	assert_false(sync_check_entries(f->db, "2605", "A", b, &r));
	assert_int_equal(r.kind, kind);
	assert_string_equal(r.desk_id, desk);
	assert_int_equal(r.seq, seq);
	assert_int_equal(r.line, line);
	if (strstr(r.message, text) == NULL) {
		fail_msg("\"%s\" not in: %s", text, r.message);
	}
	sync_refusal_release(&r);
}

static void store(struct fixture *f, const struct sync_bundle *b)
{
	struct sync_clash clash;
	char *cause = NULL;

	assert_true(db_begin(f->db, &cause));
	assert_true(sync_add_entries(f->db, b, &clash, &cause) >= 0);
	assert_true(db_commit(f->db, &cause));
}

static void a_desks_chain_is_taken_from_its_start_and_from_where_it_stands(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b, more;

	chain_bundle(&b, "B", 5, f->sk[1]);
	expect_ok(f, &b);
	/* the first three stored; the whole bundle again, and only its last two, follow them */
	size_t n = b.n;
	b.n = 3;
	store(f, &b);
	b.n = n;
	expect_ok(f, &b);
	chain_bundle(&more, "B", 5, f->sk[1]);
	struct sync_bundle tail = more;
	tail.entries = more.entries + 3;
	tail.n = 2;
	expect_ok(f, &tail);
	sync_bundle_release(&b);
	sync_bundle_release(&more);
}

static void an_unknown_desk_is_refused(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;

	chain_bundle(&b, "Z", 2, f->sk[1]);
	expect_refused(f, &b, SYNC_UNKNOWN_DESK, "Z", 1, 2, "a desk this event does not have");
	sync_bundle_release(&b);
}

static void unsigned_and_altered_entries_are_refused(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;

	chain_bundle(&b, "B", 3, f->sk[1]);
	b.entries[1].is_signed = false;
	expect_refused(f, &b, SYNC_UNSIGNED, "B", 2, 3, "carries no signature");
	b.entries[1].is_signed = true;
	free(b.entries[1].details);
	b.entries[1].details = xstrdup("{\"amount\":-998499}");
	expect_refused(f, &b, SYNC_BAD_SIGNATURE, "B", 2, 3, "signature that does not hold");
	sync_bundle_release(&b);
}

static void another_desks_key_does_not_sign_for_b(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;

	chain_bundle(&b, "B", 2, f->sk[0]);
	expect_refused(f, &b, SYNC_BAD_SIGNATURE, "B", 1, 2, "signature that does not hold");
	sync_bundle_release(&b);
}

static void a_deleted_entry_and_a_jump_are_not_next(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;

	chain_bundle(&b, "B", 3, f->sk[1]);
	/* entry 2 gone: entry 3 comes after entry 1 */
	struct sync_entry gone = b.entries[1];
	b.entries[1] = b.entries[2];
	b.entries[2] = gone;
	b.n = 2;
	expect_refused(f, &b, SYNC_NOT_NEXT, "B", 3, 4, "seq 2 expected");
	b.n = 3;
	sync_bundle_release(&b);

	unsigned char prev[CHAIN_HASH_BYTES];
	chain_bundle(&b, "B", 2, f->sk[1]);
	unmake(&b.entries[1]);
	hash_of(&b.entries[0], prev);
	make(&b.entries[1], "B", 9223372036854775807L, "{}", prev, f->sk[1], 3);
	expect_refused(f, &b, SYNC_NOT_NEXT, "B", 9223372036854775807L, 3, "seq 2 expected");
	sync_bundle_release(&b);
}

static void a_wrong_prev_breaks_the_chain(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	unsigned char other[CHAIN_HASH_BYTES];

	chain_bundle(&b, "B", 2, f->sk[1]);
	memset(other, 7, sizeof(other));
	unmake(&b.entries[1]);
	make(&b.entries[1], "B", 2, "{}", other, f->sk[1], 3);
	expect_refused(f, &b, SYNC_BROKEN_CHAIN, "B", 2, 3, "does not chain");
	sync_bundle_release(&b);
}

static void reordered_entries_are_refused(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;

	chain_bundle(&b, "B", 3, f->sk[1]);
	b.entries[1].line = 4; /* the file listed seq 3 before seq 2 */
	b.entries[2].line = 3;
	expect_refused(f, &b, SYNC_REORDERED, "B", 3, 3, "reordered");
	sync_bundle_release(&b);
}

static void a_fork_of_a_stored_entry_is_refused(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b, fork;
	unsigned char prev[CHAIN_HASH_BYTES];

	chain_bundle(&b, "B", 2, f->sk[1]);
	store(f, &b);
	chain_bundle(&fork, "B", 2, f->sk[1]);
	hash_of(&fork.entries[0], prev);
	unmake(&fork.entries[1]);
	make(&fork.entries[1], "B", 2, "{\"amount\":1}", prev, f->sk[1], 3);
	expect_refused(f, &fork, SYNC_FORK, "B", 2, 3, "(a fork)");
	sync_bundle_release(&b);
	sync_bundle_release(&fork);
}

static void one_desk_takes_back_only_its_own_entries(void **state)
{
	struct fixture *f = *state;
	struct sync_bundle b;
	struct journal_entry e = {"alice", "pay", "R-1", "{\"amount\":1}", "2026-05-25 13:00:00"};
	char *cause = NULL;

	chain_bundle(&b, "B", 1, NULL);
	expect_refused(f, &b, SYNC_UNKNOWN_DESK, "B", 1, 2, "frontdesk desks A B");
	sync_bundle_release(&b);
	assert_true(db_begin(f->db, &cause));
	assert_int_equal(journal_append(f->db, &e, &cause), 1);
	assert_true(db_commit(f->db, &cause));
	chain_bundle(&b, "A", 1, NULL);
	free(b.entries[0].operator_name);
	b.entries[0].operator_name = xstrdup("alice");
	free(b.entries[0].at);
	b.entries[0].at = xstrdup("2026-05-25 13:00:00");
	free(b.entries[0].details);
	b.entries[0].details = xstrdup("{\"amount\":1}");
	expect_ok(f, &b);
	b.entries[0].seq = 2;
	expect_refused(f, &b, SYNC_FORK, "A", 2, 2, "(a fork)");
	sync_bundle_release(&b);
}

static void journal_signs_chains_and_stores_clean_text(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e = {"ev\til\x1b[31m", "pay", "R-1", "{\"amount\":1}", NULL};
	unsigned char hash[CHAIN_HASH_BYTES];
	char *cause = NULL;

	assert_true(db_begin(f->db, &cause));
	assert_int_equal(journal_append(f->db, &e, &cause), 1);
	assert_int_equal(journal_append(f->db, &e, &cause), 2);
	assert_true(db_commit(f->db, &cause));
	assert_int_equal(journal_last(f->db, "2605", "A", hash), 2);
	sqlite3_stmt *s = db_prepare(f->db, "SELECT operator, length(signature), prev_hash FROM "
	                                    "journal WHERE seq = 2");
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	/* stored as the bundle carries it, so the signature survives export */
	assert_null(strchr((const char *)sqlite3_column_text(s, 0), '\t'));
	assert_null(strchr((const char *)sqlite3_column_text(s, 0), '\x1b'));
	assert_int_equal(sqlite3_column_int(s, 1), CHAIN_SIG_BYTES);
	sqlite3_finalize(s);
	/* without the key nothing is written, and the message says how to install it */
	fixture_exec(f->db, "DELETE FROM desk_secret");
	assert_true(db_begin(f->db, &cause));
	assert_int_equal(journal_append(f->db, &e, &cause), -1);
	db_rollback(f->db);
	assert_non_null(strstr(cause, "frontdesk desk-id ID --key desk-ID.key"));
	free(cause);
	assert_int_equal(journal_last(f->db, "2605", "A", hash), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        a_desks_chain_is_taken_from_its_start_and_from_where_it_stands, setup_prepared,
	        teardown),
	    cmocka_unit_test_setup_teardown(an_unknown_desk_is_refused, setup_prepared, teardown),
	    cmocka_unit_test_setup_teardown(unsigned_and_altered_entries_are_refused,
	                                    setup_prepared, teardown),
	    cmocka_unit_test_setup_teardown(another_desks_key_does_not_sign_for_b, setup_prepared,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_deleted_entry_and_a_jump_are_not_next, setup_prepared,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_wrong_prev_breaks_the_chain, setup_prepared,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(reordered_entries_are_refused, setup_prepared,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_fork_of_a_stored_entry_is_refused, setup_prepared,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(one_desk_takes_back_only_its_own_entries, setup_single,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(journal_signs_chains_and_stores_clean_text,
	                                    setup_prepared, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
