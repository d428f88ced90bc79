/*
 * journal: the append-only record of every state change (DESIGN section 4),
 * each entry identified by (desk id, sequence) so desks can merge.
 */
#ifndef FRONTDESK_JOURNAL_H
#define FRONTDESK_JOURNAL_H

#include <stdbool.h>

#include "frontdesk/chain.h"
#include "frontdesk/db.h"

struct journal_entry {
	const char *operator_name;
	const char *action;  /* "checkin", "reject", "undo", "pay", ... */
	const char *subject; /* usually a reg_no */
	const char *details; /* a JSON object, or NULL */
	const char *at;      /* "YYYY-MM-DD HH:MM:SS" of the act, or NULL for now: an action
	                      * passes the time it wrote on its rows, so a replay (actions/merge.h)
	                      * writes the very same rows again */
};

/*
 * Appends an entry inside the caller's open transaction, stamped with this
 * desk's id, its next sequence number and entry->at or the current time (in a
 * -Dtest_seam=true build FRONTDESK_NOW, an ISO time, overrides the clock: testseam.h).
 * Its text is stored as the bundle carries it (text_sanitize; details
 * text_sanitize_lines), so a signature made here survives export. On a
 * database prepared with `frontdesk desks` the entry is signed with this
 * copy's desk key and chained (chain.h); without the key nothing is written.
 * Returns the sequence, or -1 with *cause.
 */
long journal_append(struct db *db, const struct journal_entry *entry, char **cause);

/*
 * The highest sequence of desk's entries here (0 when none) and, in hash, the
 * hash of that entry as its desk's next entry must carry it (chain_hash over
 * event; chain_first_prev when none).
 */
long journal_last(struct db *db, const char *event, const char *desk,
                  unsigned char hash[CHAIN_HASH_BYTES]);

/* Returns the number of entries this database's desk wrote itself. */
long journal_count_own(struct db *db);

/*
 * Returns NULL when this copy may write its journal: an event not prepared
 * with `frontdesk desks`, or one whose copy holds its desk's key. Otherwise
 * what to do about it (said; the caller frees): nothing can be recorded.
 */
char *journal_cannot_sign(struct db *db, const char *desk);

/* Writes the current local time as "YYYY-MM-DD HH:MM:SS" (or testseam_now) into out. */
void journal_now(char out[32]);

#endif
