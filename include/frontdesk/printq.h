/*
 * printq: the badge print queue, kept in the print_job table so that a badge
 * survives a printer outage, a crash and a restart of the desk (DESIGN
 * section 3, "Badge"). A job is queued (by check-in or reprint, records.h),
 * claimed by a print pass, sent to CUPS with its job id, then done; a job the
 * printer could not take goes back to queued with a reason and a next try
 * after an exponential back-off; a job that needs a person is failed until
 * `print --retry`. Every change here is its own short transaction: a pass
 * never holds the database while it talks to the printer.
 *
 * Times are the real clock (now, passed in), written as local
 * "YYYY-MM-DD HH:MM:SS" like the other timestamps of the database.
 */
#ifndef FRONTDESK_PRINTQ_H
#define FRONTDESK_PRINTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "frontdesk/db.h"

/* Seconds before the first retry; each further failure doubles it... */
#define PRINTQ_BACKOFF_FIRST 5
/* ...up to five minutes, so a printer that comes back is used within that time. */
#define PRINTQ_BACKOFF_MAX 300
/* Seconds a claimed job stays hidden from other passes (another process on the same database). */
#define PRINTQ_LEASE 120

/*
 * A reason starting with this prefix says the printer, not the job, was the
 * problem (PRINTER_STOPPED, PRINTER_MISSING, PRINTER_NOT_CONFIGURED): such
 * jobs become due again as soon as the printer is ready (printq_wake).
 */
#define PRINTQ_PRINTER_PREFIX "PRINTER_"

enum printq_state {
	PRINTQ_QUEUED, /* waits for a pass (maybe after its back-off) */
	PRINTQ_SENT,   /* handed to CUPS, cups_job says which job */
	PRINTQ_DONE,   /* CUPS reported it printed */
	PRINTQ_FAILED, /* needs a person: print --retry queues it again */
	PRINTQ_N_STATES,
};

struct printq_job {
	long id;
	long attendee_id;
	char *reg_no;
	char *name;
	enum printq_state state;
	char *reason;      /* the reprint's reason, or why the last try failed; may be NULL */
	int attempts;      /* failed tries so far */
	char *next_try_at; /* NULL: due now */
	int cups_job;      /* 0 until sent */
	char *created_at;
	char *updated_at;
};

/* Returns "queued", "sent", "done" or "failed" (the stored words). */
const char *printq_state_name(enum printq_state state);

/* Returns the seconds to wait after the attempts-th failure (1, 2, ...): 5, 10, 20, ... 300. */
int printq_backoff(int attempts);

/*
 * Claims the oldest queued job due at now, hiding it from other passes for
 * PRINTQ_LEASE seconds (a crashed pass's job comes back after that). Returns
 * true with *job filled (release with printq_job_release); false when nothing
 * is due, or on a database error with *cause.
 */
bool printq_claim_next(struct db *db, time_t now, struct printq_job *job, char **cause);

/* Records that CUPS accepted the job as cups_job. False with *cause. */
bool printq_mark_sent(struct db *db, long id, int cups_job, time_t now, char **cause);

/* Records that CUPS printed the job. False with *cause. */
bool printq_mark_done(struct db *db, long id, time_t now, char **cause);

/*
 * Marks a sent job done though CUPS no longer knows it, with reason saying so:
 * a CUPS that keeps no job history (PreserveJobHistory No) forgets a job the
 * moment it completes, and sending it again would print every badge twice.
 */
bool printq_mark_done_unseen(struct db *db, long id, const char *reason, time_t now, char **cause);

/*
 * Leaves the job queued for later: reason, attempts + 1, and the next try
 * after printq_backoff(attempts). False with *cause.
 */
bool printq_defer(struct db *db, long id, const char *reason, time_t now, char **cause);

/*
 * Holds every due queued job because the printer cannot take it now (reason starts with
 * PRINTQ_PRINTER_PREFIX), as printq_defer would one by one, in one statement. A job already
 * held for the same reason is left as it is: while the printer stays down a pass writes
 * nothing, so the desk's data version stays put. Returns the jobs held, or -1 with *cause.
 */
int printq_hold_due(struct db *db, const char *reason, time_t now, char **cause);

/* Gives up on the job until print --retry, with the reason. False with *cause. */
bool printq_mark_failed(struct db *db, long id, const char *reason, time_t now, char **cause);

/*
 * Makes due now every queued job that waits only because the printer was not
 * ready (reason starts with PRINTQ_PRINTER_PREFIX). Called when a pass finds
 * the printer ready, so badges print as soon as it is back. False with *cause.
 */
bool printq_wake(struct db *db, time_t now, char **cause);

/*
 * Queues every failed job again (due now, attempts back to 0) unless its
 * attendee is no longer checked in (an undone check-in's badge stays
 * cancelled), and makes every queued job due now. Returns how many failed jobs
 * were queued again, or -1 with *cause.
 */
int printq_retry_failed(struct db *db, time_t now, char **cause);

/*
 * Lists jobs oldest first: every job, or only the sent ones (for a pass to
 * follow in CUPS). Returns the count; the caller frees with printq_jobs_free.
 */
size_t printq_list(struct db *db, bool only_sent, struct printq_job **jobs);
void printq_jobs_free(struct printq_job *jobs, size_t n);

/*
 * Reads the newest job (the highest id) of attendee_id's badge into *job
 * (release with printq_job_release). False when the attendee has none.
 */
bool printq_newest_of(struct db *db, long attendee_id, struct printq_job *job);

/* Frees what one job holds (not the struct itself); NULL is a no-op. */
void printq_job_release(struct printq_job *job);

/* Counts jobs per state into counts[PRINTQ_N_STATES]. */
void printq_count(struct db *db, int counts[PRINTQ_N_STATES]);

#endif
