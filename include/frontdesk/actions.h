/*
 * actions: every desk action as one function returning a result struct
 * (DESIGN section 5). The CLI and the TUI call these and nothing below them,
 * so a rule is never implemented twice. Each action that writes is one
 * SQLite transaction.
 */
#ifndef FRONTDESK_ACTIONS_H
#define FRONTDESK_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/diag.h"
#include "frontdesk/encoding.h"
#include "frontdesk/event.h"
#include "frontdesk/import.h"
#include "frontdesk/query.h"
#include "frontdesk/rules.h"

/* Outcomes map one to one onto the CLI's exit codes. */
enum action_status {
	ACTION_OK = 0,        /* done */
	ACTION_REFUSED = 1,   /* red verdict, conflict, already done, not found */
	ACTION_BAD_INPUT = 2, /* bad usage or bad input files */
	ACTION_FAILED = 3,    /* I/O or internal error */
};

/* An open, initialised desk database with its event. */
struct desk {
	struct db *db;
	struct event_config *cfg;
	char *operator_name;
};

/*
 * Opens the database at path and loads its event. Returns NULL with *cause
 * and *status (ACTION_FAILED, or ACTION_BAD_INPUT when init has not run).
 * operator_name may be NULL ($USER is used). Free with desk_close.
 */
struct desk *desk_open(const char *path, const char *operator_name, enum action_status *status,
                       char **cause);
/* Closes the desk; NULL is a no-op. */
void desk_close(struct desk *desk);

/*
 * init: creates the database at db_path from an event.ini and a rooms.csv.
 * Problems in the files go to errs (ACTION_BAD_INPUT, database untouched).
 */
enum action_status action_init(const char *db_path, const char *event_path, const char *rooms_path,
                               struct diag_list *errs, char **cause);

struct import_outcome {
	struct import_result counts;
	struct diag_list errors; /* validation problems: when any, nothing was imported */
	enum text_encoding encoding;
	char **unknown_columns;
	size_t n_unknown;
};

/*
 * import: validates roster_path (and collective_path, which may be NULL) and
 * merges them. Any validation error leaves the database unchanged.
 * Release the outcome with action_import_release.
 */
enum action_status action_import(struct desk *desk, const char *roster_path,
                                 const char *collective_path, struct import_outcome *out,
                                 char **cause);
void action_import_release(struct import_outcome *out);

struct lookup_match {
	struct attendee *attendee;
	struct verdict verdict;
};

struct lookup_result {
	struct verdict verdict; /* for a code: the verdict; NOT_FOUND or BAD_CODE when no match */
	bool by_code;           /* the query was a ticket code */
	struct lookup_match *matches;
	size_t n_matches;
	size_t total; /* how many matched before the cut to the first 50 */
};

/*
 * lookup: a ticket code (checked and compared in constant time; a bad one is
 * BAD_CODE and says nothing about whether the person exists), an external
 * code, a reg_no, or a search over names, reg_nos and phone digits.
 * Returns ACTION_REFUSED when nothing matched. Release with action_lookup_release.
 */
enum action_status action_lookup(struct desk *desk, const char *query, struct lookup_result *out);
void action_lookup_release(struct lookup_result *out);

/* Decides the verdict for one loaded registration (shared by lookup and check-in). */
void action_verdict(const struct desk *desk, const struct attendee *a, struct verdict *out);

struct summary {
	int registered; /* every row ever imported */
	int expected;   /* approved and not withdrawn */
	int checked_in;
	int to_collect;    /* money still to collect on site from expected, not checked-in people */
	int refunds_total; /* duplicates, not registered, collective leftovers */
	int supplement_nights;
	int green, amber, red; /* verdicts among the expected */
};

/* report summary: the day's figures. */
enum action_status action_report_summary(struct desk *desk, struct summary *out);

#endif
