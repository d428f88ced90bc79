/*
 * journal appends entries with per-desk sequence numbers. The sequence is the
 * next after this desk's highest, read inside the caller's write transaction,
 * so two processes on one database cannot take the same number.
 */
#include "frontdesk/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "db_private.h"
#include "frontdesk/desks.h"
#include "frontdesk/text.h"
#include "frontdesk/testseam.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"

/* Only a -Dtest_seam=true build can fix the clock (testseam_now); a release reads the real one. */
void journal_now(char out[32])
{
	const char *fixed = testseam_now();
	time_t t = time(NULL);
	struct tm tm;

	if (fixed != NULL) {
		snprintf(out, 32, "%s", fixed);
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

static char *setting(struct db *db, const char *key, const char *fallback)
{
	char *value = setup_get(db, key);

	return value ? value : xstrdup(fallback);
}

/* A stored row's 32-byte prev, or the first entry's (an unsigned row has none). */
static void row_prev(sqlite3_stmt *stmt, int column, unsigned char prev[CHAIN_HASH_BYTES])
{
	if (sqlite3_column_bytes(stmt, column) == CHAIN_HASH_BYTES) {
		memcpy(prev, sqlite3_column_blob(stmt, column), CHAIN_HASH_BYTES);
	} else {
		chain_first_prev(prev);
	}
}

long journal_last(struct db *db, const char *event, const char *desk,
                  unsigned char hash[CHAIN_HASH_BYTES])
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT seq, at, operator, action, subject, details, prev_hash FROM journal "
	        "WHERE desk_id = ?1 ORDER BY seq DESC LIMIT 1");
	long seq = 0;

	chain_first_prev(hash);
	db_bind_text(stmt, 1, desk);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		unsigned char prev[CHAIN_HASH_BYTES];
		seq = (long)sqlite3_column_int64(stmt, 0);
		row_prev(stmt, 6, prev);
		struct chain_entry e = {event,
		                        desk,
		                        seq,
		                        (const char *)sqlite3_column_text(stmt, 1),
		                        (const char *)sqlite3_column_text(stmt, 2),
		                        (const char *)sqlite3_column_text(stmt, 3),
		                        (const char *)sqlite3_column_text(stmt, 4),
		                        (const char *)sqlite3_column_text(stmt, 5),
		                        prev};
		chain_hash(&e, hash);
	}
	sqlite3_finalize(stmt);
	return seq;
}

/* The entry's text as the bundle will carry it (json.h sanitises what it writes). */
struct clean_entry {
	char *operator_name, *action, *subject, *details;
};

static void clean(const struct journal_entry *in, struct clean_entry *out)
{
	out->operator_name = text_sanitize(in->operator_name ? in->operator_name : "");
	out->action = text_sanitize(in->action ? in->action : "");
	out->subject = in->subject ? text_sanitize(in->subject) : NULL;
	out->details = in->details ? text_sanitize_lines(in->details) : NULL;
}

static void clean_release(struct clean_entry *c)
{
	free(c->operator_name);
	free(c->action);
	free(c->subject);
	free(c->details);
}

/* A copy not yet given its desk still says "A": the message names no desk the staff might copy. */
static char *no_key_message(void)
{
	return say_text("这台电脑还没有装台钥，未做任何记录：请用 frontdesk desk-id 台号 --key "
	                "desk-台号.key 安装本台的台号和台钥（台钥文件由 frontdesk desks 写出）");
}

char *journal_cannot_sign(struct db *db, const char *desk)
{
	unsigned char sk[CHAIN_SECRET_BYTES];

	if (desks_count(db) == 0) {
		return NULL;
	}
	bool has = desks_secret(db, desk, sk);
	sodium_memzero(sk, sizeof(sk));
	return has ? NULL : no_key_message();
}

/*
 * On a database prepared with `frontdesk desks`, the entry is signed with
 * this copy's key and chained to the desk's previous entry; without the key
 * nothing may be written, or the desk would make entries no other desk takes.
 */
static bool sign(struct db *db, const char *desk, struct chain_entry *e,
                 unsigned char prev[CHAIN_HASH_BYTES], unsigned char sig[CHAIN_SIG_BYTES],
                 char **cause)
{
	unsigned char sk[CHAIN_SECRET_BYTES];

	if (!desks_secret(db, desk, sk)) {
		*cause = no_key_message();
		return false;
	}
	e->seq = journal_last(db, e->event, desk, prev) + 1;
	e->prev = prev;
	chain_sign(e, sk, sig);
	sodium_memzero(sk, sizeof(sk));
	return true;
}

static long insert(struct db *db, const struct chain_entry *e, const unsigned char *sig,
                   char **cause)
{
	/* cached: every check-in, payment and undo appends one */
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "INSERT INTO journal (desk_id, seq, at, operator, action, subject, details, "
	        "prev_hash, signature) VALUES (?1, CASE WHEN ?9 IS NULL THEN (SELECT "
	        "coalesce(max(seq), 0) + 1 FROM journal WHERE desk_id = ?1) ELSE ?2 END, "
	        "?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING seq");
	long seq = -1;

	db_bind_text(stmt, 1, e->desk);
	sqlite3_bind_int64(stmt, 2, e->seq);
	db_bind_text(stmt, 3, e->at);
	db_bind_text(stmt, 4, e->operator_name);
	db_bind_text(stmt, 5, e->action);
	db_bind_text(stmt, 6, e->subject);
	db_bind_text(stmt, 7, e->details);
	if (sig != NULL) {
		sqlite3_bind_blob(stmt, 8, e->prev, CHAIN_HASH_BYTES, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 9, sig, CHAIN_SIG_BYTES, SQLITE_STATIC);
	}
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		seq = sqlite3_column_int64(stmt, 0);
	} else {
		*cause = db_error(db, "写入日志", "writing the journal");
	}
	db_release(db, stmt);
	return seq;
}

long journal_append(struct db *db, const struct journal_entry *entry, char **cause)
{
	char *desk = setting(db, "desk.id", "?"), *event = setting(db, "event.code", "");
	char now[32];
	struct clean_entry c;
	unsigned char prev[CHAIN_HASH_BYTES], sig[CHAIN_SIG_BYTES];
	long seq = -1;

	journal_now(now);
	clean(entry, &c);
	struct chain_entry e = {
	    event,     desk,      0,   entry->at ? entry->at : now, c.operator_name, c.action,
	    c.subject, c.details, NULL};
	bool signs = desks_count(db) > 0;
	if (!signs || sign(db, desk, &e, prev, sig, cause)) {
		seq = insert(db, &e, signs ? sig : NULL, cause);
		if (signs && seq > 0) {
			db->journal_written = true;
		}
	}
	clean_release(&c);
	free(desk);
	free(event);
	return seq;
}

long journal_count_own(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT count(*) FROM journal WHERE desk_id = "
	                                    "(SELECT value FROM setting WHERE key = 'desk.id')");
	long n = 0;

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		n = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return n;
}
