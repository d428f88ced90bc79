/*
 * pinguard: the supervisor PIN's rules (DESIGN section 1: undo, settle,
 * export and merge are behind it). A PIN of 4 to 8 digits has at most 10^8
 * values, 10^4 for the demo's, so neither hiding it nor hashing it stops a
 * guesser who may try as often as he likes: the rules here make each try
 * expensive and few.
 *
 * - The PIN is kept only as an Argon2id hash (libsodium's crypto_pwhash_str,
 *   4 MiB and 64 passes: about 60 ms per try), so a copy of the database
 *   does not give it away at a glance and every guess costs time, also
 *   offline.
 * - Wrong PINs are counted. After each one the answer comes only after a
 *   delay that doubles (pinguard_delay_ms). The fifth wrong PIN in a row
 *   locks supervisor actions for five minutes: while locked no PIN is even
 *   looked at, the right one included. Once the lock has run out the count
 *   stays at five, so each further wrong PIN locks again at once. The right
 *   PIN (outside a lock) clears the count.
 *
 * The guard's state is plain data that the store keeps in the database
 * (supervisor.h), so restarting the program resets nothing. Times are local
 * "YYYY-MM-DD HH:MM:SS" strings as the journal writes them (journal_now),
 * compared as text; the clock is always passed in, never read here.
 */
#ifndef FRONTDESK_PINGUARD_H
#define FRONTDESK_PINGUARD_H

#include <stdbool.h>

/* Wrong PINs in a row that lock supervisor actions. */
#define PINGUARD_MAX_FAILURES 5
/* How long a lock lasts, in seconds. */
#define PINGUARD_LOCK_SECONDS (5 * 60)
/* Length of a time "YYYY-MM-DD HH:MM:SS". */
#define PINGUARD_TIME_LEN 19

struct pinguard {
	int failures;                             /* wrong PINs since the last right one */
	char locked_until[PINGUARD_TIME_LEN + 1]; /* "" when never locked */
};

/*
 * Returns a new Argon2id hash of pin in libsodium's text form
 * ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash", random salt; the caller frees
 * it), or NULL when the memory it needs cannot be had.
 */
char *pinguard_hash(const char *pin);

/* Returns true when hash has the form pinguard_hash writes (a stored PIN that is already hashed).
 */
bool pinguard_is_hash(const char *hash);

/* Returns true when pin matches hash (crypto_pwhash_str_verify); false for NULL or a bad hash. */
bool pinguard_verify(const char *hash, const char *pin);

/*
 * Returns true when an attempt at now must be refused unheard: a lock set by
 * pinguard_failed has not run out. A lock that ends more than
 * PINGUARD_LOCK_SECONDS after now (the clock was set back) is moved to end at
 * now + PINGUARD_LOCK_SECONDS (g changes; the caller keeps it), so a clock
 * put right cannot lock the desk for hours.
 */
bool pinguard_locked(struct pinguard *g, const char *now);

/* Counts a wrong PIN at now; from the PINGUARD_MAX_FAILURES-th on, locks until now + the lock. */
void pinguard_failed(struct pinguard *g, const char *now);

/* The right PIN: the count and any lock are cleared. */
void pinguard_passed(struct pinguard *g);

/*
 * Returns how many more wrong PINs lock supervisor actions: 4 after the
 * first, 1 after the fourth, and 1 past a lock (the next wrong one locks again).
 */
int pinguard_attempts_left(const struct pinguard *g);

/*
 * Returns the milliseconds to wait before answering after failures wrong
 * PINs: 0 for none, then 500, 1000, 2000, 4000; none once locked (the lock
 * says how long).
 */
int pinguard_delay_ms(int failures);

#endif
