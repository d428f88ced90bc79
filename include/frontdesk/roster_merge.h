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
	/* the withdrawal check, made before anything is written */
	int would_withdraw;             /* registrations this roster does not list */
	int active;                     /* registrations not withdrawn before the import */
	enum withdraw_verdict withdraw; /* WITHDRAW_OK unless the merge was refused for it */
};

/*
 * Merges roster (and collective, which may be NULL to keep the stored
 * transfers) into db in one transaction. New registrations get a fresh ticket
 * secret; existing ones keep theirs. A registration is matched by reg_no
 * without regard to case and keeps the spelling it was first stored with;
 * collective members are stored with that spelling too.
 *
 * Before writing anything, the registrations the roster no longer lists are
 * counted and roster_withdraw_verdict(would, active, confirmed_withdrawals)
 * decides (confirmed_withdrawals: the count the operator named, or -1). When
 * it refuses, returns false with *cause untouched, result->withdraw set and
 * nothing changed. Returns false with *cause (nothing changed) on a database
 * error. The caller releases result->warnings.
 */
bool roster_merge(struct db *db, const struct roster *roster,
                  const struct collective_list *collective, const char *source, const char *sha256,
                  int confirmed_withdrawals, struct roster_merge_result *result, char **cause);

#endif
