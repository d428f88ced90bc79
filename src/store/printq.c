/*
 * printq owns the print_job rows after they are queued: claiming the next due
 * job, recording what CUPS did with it, the back-off of jobs the printer could
 * not take, and the listing for `print --status`. It decides nothing about
 * printers; the print actions tell it what happened. Each write is one
 * statement or one short transaction, so a pass that waits on CUPS never
 * holds the database that check-in writes to.
 */
#include "frontdesk/printq.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/xmalloc.h"

static const char *const state_names[PRINTQ_N_STATES] = {"queued", "sent", "done", "failed"};

const char *printq_state_name(enum printq_state state)
{
	return state >= 0 && state < PRINTQ_N_STATES ? state_names[state] : "?";
}

static enum printq_state state_from_text(const unsigned char *text)
{
	for (int i = 0; text && i < PRINTQ_N_STATES; i++) {
		if (strcmp((const char *)text, state_names[i]) == 0) {
			return (enum printq_state)i;
		}
	}
	return PRINTQ_FAILED; /* the schema's CHECK makes this unreachable */
}

int printq_backoff(int attempts)
{
	int delay = PRINTQ_BACKOFF_FIRST;

	for (int i = 1; i < attempts && delay < PRINTQ_BACKOFF_MAX; i++) {
		delay *= 2;
	}
	return delay < PRINTQ_BACKOFF_MAX ? delay : PRINTQ_BACKOFF_MAX;
}

/* Writes t as local "YYYY-MM-DD HH:MM:SS", the format string comparison orders correctly. */
static void format_time(time_t t, char out[32])
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
		out[0] = '\0';
	}
}

/* Steps a write to its end; false with a bilingual *cause. Finalizes stmt. */
static bool step_write(struct db *db, sqlite3_stmt *stmt, char **cause)
{
	bool ok = sqlite3_step(stmt) == SQLITE_DONE;

	if (!ok) {
		*cause = db_error(db, "更新打印队列", "updating the print queue");
	}
	sqlite3_finalize(stmt);
	return ok;
}

#define JOB_COLUMNS                                                                             \
	"j.id, j.attendee_id, a.reg_no, a.name, j.state, j.reason, j.attempts, j.next_try_at, " \
	"j.cups_job, j.created_at, j.updated_at FROM print_job j JOIN attendee a ON a.id = "    \
	"j.attendee_id "

static void read_job(sqlite3_stmt *stmt, struct printq_job *job)
{
	job->id = (long)sqlite3_column_int64(stmt, 0);
	job->attendee_id = (long)sqlite3_column_int64(stmt, 1);
	job->reg_no = db_column_strdup(stmt, 2);
	job->name = db_column_strdup(stmt, 3);
	job->state = state_from_text(sqlite3_column_text(stmt, 4));
	job->reason = db_column_strdup(stmt, 5);
	job->attempts = sqlite3_column_int(stmt, 6);
	job->next_try_at = db_column_strdup(stmt, 7);
	job->cups_job = sqlite3_column_int(stmt, 8);
	job->created_at = db_column_strdup(stmt, 9);
	job->updated_at = db_column_strdup(stmt, 10);
}

/*
 * One UPDATE picks and leases the job, so two passes (the desk's timer and a
 * `print --run`) never both take it. Claiming clears a printer-level reason:
 * that problem is being retried now, and printq_wake must not free the job
 * while this pass holds it.
 */
bool printq_claim_next(struct db *db, time_t now, struct printq_job *job, char **cause)
{
	char at[32], lease[32];
	sqlite3_stmt *claim = db_prepare(
	    db,
	    "UPDATE print_job SET next_try_at = ?2, updated_at = ?1, reason = CASE WHEN "
	    "substr(reason, 1, length(?3)) = ?3 THEN NULL ELSE reason END WHERE id = (SELECT id "
	    "FROM print_job WHERE state = 'queued' AND (next_try_at IS NULL OR next_try_at <= "
	    "?1) ORDER BY id LIMIT 1) RETURNING id");

	format_time(now, at);
	format_time(now + PRINTQ_LEASE, lease);
	db_bind_text(claim, 1, at);
	db_bind_text(claim, 2, lease);
	db_bind_text(claim, 3, PRINTQ_PRINTER_PREFIX);
	int rc = sqlite3_step(claim);
	long id = rc == SQLITE_ROW ? (long)sqlite3_column_int64(claim, 0) : 0;
	if (rc == SQLITE_ROW) {
		rc = sqlite3_step(claim);
	}
	sqlite3_finalize(claim);
	if (rc != SQLITE_DONE) {
		*cause = db_error(db, "取打印任务", "taking a print job");
		return false;
	}
	if (id == 0) {
		return false;
	}
	sqlite3_stmt *load = db_prepare(db, "SELECT " JOB_COLUMNS "WHERE j.id = ?");
	sqlite3_bind_int64(load, 1, id);
	bool found = sqlite3_step(load) == SQLITE_ROW;
	if (found) {
		read_job(load, job);
	} else {
		*cause = db_error(db, "读取打印任务", "reading the print job");
	}
	sqlite3_finalize(load);
	return found;
}

bool printq_mark_sent(struct db *db, long id, int cups_job, time_t now, char **cause)
{
	char at[32];
	sqlite3_stmt *stmt = db_prepare(
	    db, "UPDATE print_job SET state = 'sent', cups_job = ?2, reason = NULL, "
	        "next_try_at = NULL, updated_at = ?3 WHERE id = ?1 AND state = 'queued'");

	format_time(now, at);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int(stmt, 2, cups_job);
	db_bind_text(stmt, 3, at);
	return step_write(db, stmt, cause);
}

bool printq_mark_done(struct db *db, long id, time_t now, char **cause)
{
	char at[32];
	sqlite3_stmt *stmt = db_prepare(db, "UPDATE print_job SET state = 'done', updated_at = ?2 "
	                                    "WHERE id = ?1 AND state = 'sent'");

	format_time(now, at);
	sqlite3_bind_int64(stmt, 1, id);
	db_bind_text(stmt, 2, at);
	return step_write(db, stmt, cause);
}

bool printq_mark_done_unseen(struct db *db, long id, const char *reason, time_t now, char **cause)
{
	char at[32];
	sqlite3_stmt *stmt =
	    db_prepare(db, "UPDATE print_job SET state = 'done', reason = ?3, updated_at = ?2 "
	                   "WHERE id = ?1 AND state = 'sent'");

	format_time(now, at);
	sqlite3_bind_int64(stmt, 1, id);
	db_bind_text(stmt, 2, at);
	db_bind_text(stmt, 3, reason);
	return step_write(db, stmt, cause);
}

/* Reads the attempts of a job that is still queued or sent; -1 when it is neither. */
static int live_attempts(struct db *db, long id)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT attempts FROM print_job WHERE id = ? AND state IN ('queued', 'sent')");
	int attempts = -1;

	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		attempts = sqlite3_column_int(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return attempts;
}

/* The back-off needs the attempts as they are now: read and write in one transaction. */
bool printq_defer(struct db *db, long id, const char *reason, time_t now, char **cause)
{
	char at[32], next[32];

	if (!db_begin(db, cause)) {
		return false;
	}
	int attempts = live_attempts(db, id);
	if (attempts < 0) {
		db_rollback(db); /* cancelled meanwhile (undo): nothing to defer */
		return true;
	}
	format_time(now, at);
	format_time(now + printq_backoff(attempts + 1), next);
	sqlite3_stmt *stmt = db_prepare(
	    db, "UPDATE print_job SET state = 'queued', reason = ?2, attempts = attempts + 1, "
	        "next_try_at = ?3, cups_job = NULL, updated_at = ?4 WHERE id = ?1");
	sqlite3_bind_int64(stmt, 1, id);
	db_bind_text(stmt, 2, reason);
	db_bind_text(stmt, 3, next);
	db_bind_text(stmt, 4, at);
	if (!step_write(db, stmt, cause)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, cause);
}

int printq_hold_due(struct db *db, const char *reason, time_t now, char **cause)
{
	char at[32];
	/* next_try_at as printq_defer sets it: printq_backoff(attempts + 1), in local time */
	sqlite3_stmt *stmt = db_prepare(
	    db, "UPDATE print_job SET reason = ?2, attempts = attempts + 1, cups_job = NULL, "
	        "next_try_at = strftime('%Y-%m-%d %H:%M:%S', ?3 + min(?4, ?5 << min(attempts, 6)), "
	        "'unixepoch', 'localtime'), updated_at = ?1 WHERE state = 'queued' AND "
	        "(next_try_at IS NULL OR next_try_at <= ?1) AND reason IS NOT ?2");

	format_time(now, at);
	db_bind_text(stmt, 1, at);
	db_bind_text(stmt, 2, reason);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)now);
	sqlite3_bind_int(stmt, 4, PRINTQ_BACKOFF_MAX);
	sqlite3_bind_int(stmt, 5, PRINTQ_BACKOFF_FIRST);
	if (!step_write(db, stmt, cause)) {
		return -1;
	}
	return sqlite3_changes(db->handle);
}

bool printq_mark_failed(struct db *db, long id, const char *reason, time_t now, char **cause)
{
	char at[32];
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "UPDATE print_job SET state = 'failed', reason = ?2, attempts = attempts + 1, "
	    "next_try_at = NULL, updated_at = ?3 WHERE id = ?1 AND state IN ('queued', 'sent')");

	format_time(now, at);
	sqlite3_bind_int64(stmt, 1, id);
	db_bind_text(stmt, 2, reason);
	db_bind_text(stmt, 3, at);
	return step_write(db, stmt, cause);
}

bool printq_wake(struct db *db, time_t now, char **cause)
{
	char at[32];
	sqlite3_stmt *stmt = db_prepare(
	    db, "UPDATE print_job SET next_try_at = NULL, updated_at = ?1 WHERE state = 'queued' "
	        "AND next_try_at IS NOT NULL AND substr(reason, 1, length(?2)) = ?2");

	format_time(now, at);
	db_bind_text(stmt, 1, at);
	db_bind_text(stmt, 2, PRINTQ_PRINTER_PREFIX);
	return step_write(db, stmt, cause);
}

int printq_retry_failed(struct db *db, time_t now, char **cause)
{
	char at[32];

	if (!db_begin(db, cause)) {
		return -1;
	}
	format_time(now, at);
	sqlite3_stmt *failed = db_prepare(
	    db, "UPDATE print_job SET state = 'queued', attempts = 0, next_try_at = NULL, "
	        "cups_job = NULL, updated_at = ?1 WHERE state = 'failed' AND attendee_id IN "
	        "(SELECT attendee_id FROM checkin)");
	db_bind_text(failed, 1, at);
	if (!step_write(db, failed, cause)) {
		db_rollback(db);
		return -1;
	}
	int reset = sqlite3_changes(db->handle);
	sqlite3_stmt *due = db_prepare(db, "UPDATE print_job SET next_try_at = NULL WHERE state = "
	                                   "'queued' AND next_try_at IS NOT NULL");
	if (!step_write(db, due, cause)) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, cause) ? reset : -1;
}

size_t printq_list(struct db *db, bool only_sent, struct printq_job **jobs)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, only_sent ? "SELECT " JOB_COLUMNS "WHERE j.state = 'sent' ORDER BY j.id"
	                             : "SELECT " JOB_COLUMNS "ORDER BY j.id");
	size_t n = 0, cap = 0;

	*jobs = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*jobs = xreallocarray(*jobs, cap, sizeof(**jobs));
		}
		read_job(stmt, &(*jobs)[n++]);
	}
	sqlite3_finalize(stmt);
	return n;
}

bool printq_newest_of(struct db *db, long attendee_id, struct printq_job *job)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT " JOB_COLUMNS
	                                    "WHERE j.attendee_id = ? ORDER BY j.id DESC LIMIT 1");
	bool found;

	sqlite3_bind_int64(stmt, 1, attendee_id);
	found = sqlite3_step(stmt) == SQLITE_ROW;
	if (found) {
		read_job(stmt, job);
	}
	sqlite3_finalize(stmt);
	return found;
}

void printq_job_release(struct printq_job *job)
{
	if (job == NULL) {
		return;
	}
	free(job->reg_no);
	free(job->name);
	free(job->reason);
	free(job->next_try_at);
	free(job->created_at);
	free(job->updated_at);
	memset(job, 0, sizeof(*job));
}

void printq_jobs_free(struct printq_job *jobs, size_t n)
{
	for (size_t i = 0; jobs && i < n; i++) {
		printq_job_release(&jobs[i]);
	}
	free(jobs);
}

void printq_count(struct db *db, int counts[PRINTQ_N_STATES])
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT state, count(*) FROM print_job GROUP BY state");

	memset(counts, 0, sizeof(int) * PRINTQ_N_STATES);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		counts[state_from_text(sqlite3_column_text(stmt, 0))] = sqlite3_column_int(stmt, 1);
	}
	sqlite3_finalize(stmt);
}
