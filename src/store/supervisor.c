/*
 * supervisor keeps the supervisor PIN's hash and its guard in the database
 * and runs one try under the guard. The Argon2id verification runs inside
 * the write transaction on purpose: a hundred processes started at once must
 * still be counted one after the other, or the lock would only stop the
 * patient guesser. Holding the lock for a tenth of a second per try is the
 * price; once locked, no hash is computed at all.
 */
#include "frontdesk/supervisor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/xmalloc.h"

void supervisor_guard_load(struct db *db, struct pinguard *g)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT failures, locked_until FROM supervisor_guard WHERE id = 1");

	memset(g, 0, sizeof(*g));
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *until = (const char *)sqlite3_column_text(stmt, 1);
		g->failures = sqlite3_column_int(stmt, 0);
		snprintf(g->locked_until, sizeof(g->locked_until), "%s", until ? until : "");
	}
	sqlite3_finalize(stmt);
}

static bool guard_save(struct db *db, const struct pinguard *g)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "INSERT INTO supervisor_guard (id, failures, locked_until) VALUES (1, ?1, ?2) "
	        "ON CONFLICT (id) DO UPDATE SET failures = ?1, locked_until = ?2");
	bool ok;

	sqlite3_bind_int(stmt, 1, g->failures);
	db_bind_text(stmt, 2, g->locked_until[0] ? g->locked_until : NULL);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_finalize(stmt);
	return ok;
}

static char *stored_hash(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT value FROM setting WHERE key = ?");
	char *hash = NULL;

	db_bind_text(stmt, 1, SUPERVISOR_PIN_KEY);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		hash = db_column_strdup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return hash;
}

/* The journal entry of a refused try: who, for what, when, how many in a row; never the PIN. */
static bool journal_refusal(struct db *db, const struct supervisor_try *t, const struct pinguard *g,
                            bool unheard, char **cause)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "for", t->action);
	json_kv_int(&j, "failures", g->failures);
	json_kv_bool(&j, "locked", unheard);
	json_kv_string(&j, "locked_until", g->locked_until[0] ? g->locked_until : NULL);
	json_object_end(&j);
	struct journal_entry entry = {t->operator_name, SUPERVISOR_JOURNAL_ACTION, t->action,
	                              json_text(&j), t->now};
	bool ok = journal_append(db, &entry, cause) > 0;
	json_release(&j);
	return ok;
}

/* Judges the try against the guard and the hash, changing g as the rules say. */
static void judge(struct db *db, const char *pin, const struct supervisor_try *t,
                  struct pinguard *g, struct supervisor_answer *out)
{
	if (pinguard_locked(g, t->now)) {
		out->verdict = SUPERVISOR_LOCKED;
		return;
	}
	char *hash = stored_hash(db);
	bool right = pinguard_verify(hash, pin);
	free(hash);
	if (right) {
		pinguard_passed(g);
		out->verdict = SUPERVISOR_PASSED;
		return;
	}
	pinguard_failed(g, t->now);
	if (pinguard_locked(g, t->now)) {
		out->verdict = SUPERVISOR_LOCKED;
		return;
	}
	out->verdict = SUPERVISOR_WRONG;
	out->attempts_left = pinguard_attempts_left(g);
	out->delay_ms = pinguard_delay_ms(g->failures);
}

bool supervisor_check(struct db *db, const char *pin, const struct supervisor_try *t,
                      struct supervisor_answer *out, char **cause)
{
	struct pinguard g;

	memset(out, 0, sizeof(*out));
	out->verdict = SUPERVISOR_LOCKED;
	if (!db_begin(db, cause)) {
		return false;
	}
	supervisor_guard_load(db, &g);
	bool was_locked = pinguard_locked(&g, t->now);
	judge(db, pin, t, &g, out);
	snprintf(out->locked_until, sizeof(out->locked_until), "%s", g.locked_until);
	bool ok = guard_save(db, &g);
	if (!ok) {
		*cause = db_error(db, "记录主管密码尝试", "recording the supervisor PIN try");
	}
	if (ok && out->verdict != SUPERVISOR_PASSED) {
		ok = journal_refusal(db, t, &g, was_locked, cause);
	}
	if (!ok || !db_commit(db, cause)) {
		db_rollback(db);
		memset(out, 0, sizeof(*out));
		out->verdict = SUPERVISOR_LOCKED;
		return false;
	}
	return true;
}
