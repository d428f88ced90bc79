/*
 * roster_merge: the store side of import (actions' import.c reads and checks
 * the files, then calls this). Merges a validated roster (and collective
 * transfers) into the database. Re-import is a merge (DESIGN section 2): what
 * the platform owns is updated, what the desk owns is never touched, and a
 * row that disappeared is marked withdrawn, never deleted. All of it is one
 * transaction.
 */
#ifndef FRONTDESK_ROSTER_MERGE_H
#define FRONTDESK_ROSTER_MERGE_H

#include <stdbool.h>

#include "frontdesk/collective.h"
#include "frontdesk/db.h"
#include "frontdesk/diag.h"
#include "frontdesk/roster.h"

struct roster_merge_result {
	int imported;  /* new registrations */
	int updated;   /* existing registrations whose platform data changed */
	int unchanged; /* existing registrations with nothing new */
	int withdrawn; /* registrations absent from this roster, newly marked withdrawn */
	int restored;  /* previously withdrawn registrations back in this roster */
	int transfers; /* collective transfers now stored (when a collective file was given) */
	struct diag_list
	    warnings; /* not errors: unknown roommate, collective member not in roster */
};

/*
 * Merges roster (and collective, which may be NULL to keep the stored
 * transfers) into db in one transaction. New registrations get a fresh ticket
 * secret; existing ones keep theirs. Returns false with *cause (nothing
 * changed) on a database error. The caller releases result->warnings.
 */
bool roster_merge(struct db *db, const struct roster *roster,
                  const struct collective_list *collective, const char *source, const char *sha256,
                  struct roster_merge_result *result, char **cause);

#endif
