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
 * name and returns how many matched in all. The index is built on first use
 * and rebuilt when another process changed the database.
 */
size_t search_find(struct desk *desk, const char *text, long *ids, size_t max);

/* Frees the desk's index; NULL is a no-op. */
void search_index_free(struct search_index *index);

#endif
