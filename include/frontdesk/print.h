/*
 * print: the desk printer through libcups (DESIGN section 3, "Badge"). Finds
 * the printer (event.ini [desk] printer, else the CUPS default) and its state,
 * submits PDFs and follows their CUPS jobs. It keeps no queue and knows no
 * database: the print actions keep the queue (printq.h) and decide what a
 * state means for a job. Every call is bounded by short timeouts, because
 * the desk screen calls it from its main loop and a printer must never hold
 * up a check-in.
 */
#ifndef FRONTDESK_PRINT_H
#define FRONTDESK_PRINT_H

#include <stdbool.h>

/*
 * Renders the badge of one attendee as a PDF at pdf_path (the file exists,
 * empty, mode 0600). ctx is the caller's. Returns false with *cause (the
 * caller frees it) when no PDF could be made. The badge renderer plugs in here.
 */
typedef bool (*print_render_fn)(long attendee_id, const char *pdf_path, void *ctx, char **cause);

enum print_printer_state {
	PRINT_READY,          /* idle or printing, and accepting jobs */
	PRINT_STOPPED,        /* paused (cupsdisable) or refusing jobs (cupsreject) */
	PRINT_MISSING,        /* CUPS does not know the printer, or CUPS does not answer */
	PRINT_NOT_CONFIGURED, /* no printer in event.ini and no CUPS default */
};

/* The desk's printer as the status line shows it. */
struct print_status {
	enum print_printer_state state;
	char *printer; /* the queue used: event.ini's name or the default; NULL when none */
	char *message; /* bilingual: why it is not ready; NULL when ready */
};

/* Returns "ready", "stopped", "missing" or "not_configured" (stable, for --json). */
const char *print_state_name(enum print_printer_state state);

/* Frees what status holds; NULL is a no-op. */
void print_status_release(struct print_status *status);

/* A connection to CUPS and the printer found through it, for one pass. */
struct print_session;

/*
 * Connects to CUPS (cupsServer(): CUPS_SERVER, client.conf, or the local
 * scheduler) and looks up printer (NULL: the CUPS default). Fills *status
 * (release with print_status_release) and returns the session, also when the
 * printer is not ready (then only print_job_state is useful). Close it with
 * print_close.
 */
struct print_session *print_open(const char *printer, struct print_status *status);

/* Closes the connection; NULL is a no-op. */
void print_close(struct print_session *session);

/*
 * Submits the PDF at pdf_path to the session's printer under title. Returns
 * the CUPS job id (> 0), or 0 with a bilingual *cause.
 */
int print_submit(struct print_session *session, const char *pdf_path, const char *title,
                 char **cause);

enum print_job_state {
	PRINT_JOB_WAITING,  /* pending, held, printing or stopped: CUPS still has it */
	PRINT_JOB_DONE,     /* completed */
	PRINT_JOB_ABORTED,  /* CUPS gave up on it (a filter or the backend failed) */
	PRINT_JOB_CANCELED, /* someone cancelled it in CUPS */
	PRINT_JOB_LOST,     /* CUPS does not know the job (its history was cleared) */
	PRINT_JOB_UNKNOWN,  /* CUPS did not answer: ask again later */
};

/*
 * Asks CUPS about job_id. *message (the caller frees it; may be NULL) carries
 * CUPS's words for an abort, a stop or a failed request.
 */
enum print_job_state print_job_state(struct print_session *session, int job_id, char **message);

#endif
