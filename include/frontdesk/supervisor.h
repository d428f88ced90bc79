/*
 * supervisor: the store's side of the supervisor PIN (pinguard.h has the
 * rules). The PIN is kept only as its Argon2id hash, in the setting
 * desk.supervisor_pin (setup_init hashes event.ini's PIN; schema v5 hashes a
 * plain PIN left by an older frontdesk). The count of wrong PINs and the end
 * of a lock are kept in the table supervisor_guard, so a restart resets
 * nothing. Both belong to this copy: a merge neither sends nor compares them.
 */
#ifndef FRONTDESK_SUPERVISOR_H
#define FRONTDESK_SUPERVISOR_H

#include <stdbool.h>

#include "frontdesk/db.h"
#include "frontdesk/pinguard.h"

/* The setting that holds the PIN's hash. */
#define SUPERVISOR_PIN_KEY "desk.supervisor_pin"

/* The journal action of a refused supervisor PIN (replayed as nothing, shown in the audit). */
#define SUPERVISOR_JOURNAL_ACTION "pin_failed"

enum supervisor_verdict {
	SUPERVISOR_PASSED, /* the right PIN: the count is cleared */
	SUPERVISOR_WRONG,  /* a wrong PIN: counted and journalled */
	SUPERVISOR_LOCKED, /* locked: the PIN was not looked at; journalled too */
};

/* Who tried, for what, and when. */
struct supervisor_try {
	const char *operator_name;
	const char *action; /* what the PIN was for: "undo", "settle", "export", "merge" */
	const char *now;    /* "YYYY-MM-DD HH:MM:SS" (journal_now): the guard's clock */
};

struct supervisor_answer {
	enum supervisor_verdict verdict;
	int attempts_left; /* after SUPERVISOR_WRONG: wrong PINs left before the lock */
	int delay_ms;      /* after SUPERVISOR_WRONG: how long to wait before answering */
	char locked_until[PINGUARD_TIME_LEN + 1]; /* when locked: when to try again */
};

/*
 * Checks pin against the stored hash under the guard, in one write
 * transaction of its own (so tries from several processes are counted one
 * after the other, never side by side), which must not be open yet. A wrong
 * PIN or a try while locked is journalled as SUPERVISOR_JOURNAL_ACTION by
 * t->operator_name at t->now, with what it was for; the PIN itself never is.
 * Returns false with *cause only on a database error (nothing is then allowed).
 */
bool supervisor_check(struct db *db, const char *pin, const struct supervisor_try *t,
                      struct supervisor_answer *out, char **cause);

/* Reads the guard's state (for tests and the status of a lock). */
void supervisor_guard_load(struct db *db, struct pinguard *g);

#endif
