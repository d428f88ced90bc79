/*
 * search: the index behind search-as-you-type. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_SEARCH_H
#define FRONTDESK_ACTIONS_SEARCH_H

#include <stddef.h>

struct desk;
struct search_index;

/*
 * Finds registrations matching text: name substring; pinyin (full syllables
 * or initials, every reading of a character) for ASCII letters; any run of 4+
 * phone digits; reg_no substring (any case). Writes up to max ids ordered by
 * name and returns how many matched in all. The index is built on first use,
 * follows what the journal says changed since, and is rebuilt after an import.
 */
size_t search_find(struct desk *desk, const char *text, long *ids, size_t max);

/* What the index did since the desk opened (the tests of its delta updates). */
struct search_stats {
	unsigned long builds;    /* whole index built from every registration */
	unsigned long refreshed; /* registrations re-read because the journal named them */
	unsigned long scanned;   /* entries checked against a query */
};

void search_stats(const struct desk *desk, struct search_stats *out);

/* Frees the desk's index; NULL is a no-op. */
void search_index_free(struct search_index *index);

#endif
