/*
 * actions/printing (src/actions/printing.c): badge printing through the
 * print queue. Check-in only queues a badge; passes over the queue print it
 * later, so a printer that is off never blocks a check-in.
 */
#ifndef FRONTDESK_ACTIONS_PRINTING_H
#define FRONTDESK_ACTIONS_PRINTING_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/print.h"

/* What one pass over the print queue did. */
struct print_pass {
	struct print_status printer; /* the desk printer as this pass found it */
	int submitted;               /* badges handed to CUPS */
	int printed;                 /* badges CUPS reported printed */
	int deferred;                /* left queued with a reason, tried again after the back-off */
	int failed;                  /* given up on until `print --retry` */
	int pending;                 /* queued or sent after the pass */
	char *message;               /* bilingual summary, or the database error */
};

/*
 * print pass: asks CUPS what became of the badges sent earlier, then renders
 * and submits up to max_jobs due badges. A printer that is stopped, missing or
 * not configured leaves them queued with the reason and a back-off (they are
 * due again as soon as a pass finds the printer ready): the printer never
 * makes this block or fail. ACTION_FAILED only when the database fails.
 * Not journalled. The desk screen calls it on its timer. *out is the
 * caller's: release it with action_print_pass_release.
 */
enum action_status action_print_pending(struct desk *desk, int max_jobs, struct print_pass *out);
void action_print_pass_release(struct print_pass *out);

/* Where one queued badge is. */
enum printing_state {
	PRINTING_QUEUED, /* waits for a pass (maybe after its back-off) */
	PRINTING_SENT,   /* handed to CUPS, cups_job says which job */
	PRINTING_DONE,   /* CUPS reported it printed */
	PRINTING_FAILED, /* needs a person: print --retry queues it again */
	PRINTING_N_STATES,
};

/* Returns "queued", "sent", "done" or "failed" (stable, for --json; static). */
const char *action_printing_state_name(enum printing_state state);

/* One badge of the print queue. */
struct printing_job {
	long id;
	char *reg_no;
	char *name;
	enum printing_state state;
	char *reason;      /* the reprint's reason, or why the last try failed; may be NULL */
	int attempts;      /* failed tries so far */
	char *next_try_at; /* NULL: due now */
	int cups_job;      /* 0 until sent */
	char *created_at;
	char *updated_at;
};

/* The queue and the printer, for `print --status` and the status line. */
struct print_report {
	struct print_status printer;
	struct printing_job *jobs; /* every job, oldest first */
	size_t n_jobs;
	int counts[PRINTING_N_STATES];
};

/*
 * Draws a sample badge with the default layout into a temporary file and removes it, so
 * fontconfig, the CJK font and pango's font map are loaded before a guest waits for a
 * badge (the first badge of a process costs 0.4-0.5 s; later ones a few ms). For a
 * long-lived print worker (print --serve). Returns false when the badge could not be drawn.
 */
bool action_print_warm(struct desk *desk);

/*
 * print --status: reads the queue and asks CUPS for the printer's state.
 * *out is the caller's: release it with action_print_report_release.
 */
enum action_status action_print_status(struct desk *desk, struct print_report *out);
void action_print_report_release(struct print_report *out);

/*
 * print --retry: queues the failed badges again (not those of undone
 * check-ins) and makes every waiting one due now; *message (the caller frees
 * it) says how many. Follow it with action_print_pending.
 */
enum action_status action_print_retry(struct desk *desk, char **message);

#endif
