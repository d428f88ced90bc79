/*
 * actions/import (src/actions/import.c): the roster (and collective
 * transfers) into the desk database, as a merge that re-import can repeat.
 */
#ifndef FRONTDESK_ACTIONS_IMPORT_H
#define FRONTDESK_ACTIONS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/diag.h"
#include "frontdesk/encoding.h"

/* What the merge did, per registration. */
struct import_counts {
	int imported;  /* new registrations */
	int updated;   /* existing registrations whose platform data changed */
	int unchanged; /* existing registrations with nothing new */
	int withdrawn; /* registrations absent from this roster, newly marked withdrawn */
	int restored;  /* previously withdrawn registrations back in this roster */
	int transfers; /* collective transfers now stored (when a collective file was given) */
	struct diag_list
	    warnings; /* not errors: unknown roommate, collective member not in roster */
};

struct import_outcome {
	struct import_counts counts; /* counts.warnings: the roster file's, then the merge's */
	struct diag_list errors;     /* validation problems: when any, nothing was imported */
	enum text_encoding encoding;
	char **unknown_columns;
	size_t n_unknown;
	int would_withdraw;    /* registrations the roster leaves out (also when refused) */
	bool withdraw_refused; /* refused for what it would withdraw (*cause says why) */
};

struct import_options {
	/*
	 * -1: a re-import may withdraw at most ROSTER_WITHDRAW_SHARE percent of
	 * the registrations (roster.h). N >= 0: it must withdraw exactly N.
	 */
	int allow_withdraw;
};

/*
 * import: validates roster_path (and collective_path, which may be NULL) and
 * merges them. Any validation error leaves the database unchanged
 * (ACTION_BAD_INPUT, out->errors). So does a re-import that would withdraw
 * more than opts allow (ACTION_BAD_INPUT, out->withdraw_refused, *cause says
 * how many and how to confirm). opts may be NULL: the default limit. *out is
 * the caller's: release it with action_import_release, whatever the status;
 * *cause (the caller frees it) says why a file could not be read, why the
 * withdrawals were refused or why the database failed.
 */
enum action_status action_import(struct desk *desk, const char *roster_path,
                                 const char *collective_path, const struct import_options *opts,
                                 struct import_outcome *out, char **cause);
/* Frees what *out holds and empties it. */
void action_import_release(struct import_outcome *out);

#endif
