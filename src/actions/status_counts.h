/*
 * status_counts: the status line's checked-in, expected and free-beds figures
 * kept by delta. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_STATUS_COUNTS_H
#define FRONTDESK_ACTIONS_STATUS_COUNTS_H

struct db;
struct status_counts;

struct status_figures {
	int expected, checked_in, free_female, free_male;
};

/*
 * Fills *out with the figures as the database holds them now: counted in full
 * the first time and after an import or a settle, else brought up to date
 * from the registrations the journal named since. *counts is created on
 * first use.
 */
void status_counts_get(struct status_counts **counts, struct db *db, struct status_figures *out);

/* Returns how many times the figures were counted in full (the tests). */
unsigned long status_counts_recounts(const struct status_counts *counts);

/* Frees the counts; NULL is a no-op. */
void status_counts_free(struct status_counts *counts);

#endif
