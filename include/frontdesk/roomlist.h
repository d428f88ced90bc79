/*
 * roomlist: the hotels' rooms (rooms.csv, DESIGN section 2). The first hotel
 * listed, or [lodging] primary_hotel, is the programme hotel; the others are
 * overflow hotels, ranked in the order they first appear.
 */
#ifndef FRONTDESK_ROOMLIST_H
#define FRONTDESK_ROOMLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/diag.h"

enum room_kind {
	ROOMKIND_KING, /* 大床房: one bed */
	ROOMKIND_TWIN, /* 双床房: two beds */
};

struct room_row {
	int line;
	char *hotel;
	char *room;
	enum room_kind kind;
	char *floor; /* as written; may be NULL */
	char *note;
	int hotel_rank; /* 0 = programme hotel, 1.. = overflow hotels in order */
};

struct room_list {
	struct room_row *rows;
	size_t n_rows;
};

/*
 * Parses the raw bytes of rooms.csv; primary_hotel may be NULL. Returns the
 * rows (free with roomlist_free), adding every problem to errs (duplicate
 * room, unknown type, a primary_hotel that lists no room); NULL when unreadable.
 */
struct room_list *roomlist_parse(const char *raw, size_t len, const char *primary_hotel,
                                 struct diag_list *errs);

/* Frees a list; NULL is a no-op. */
void roomlist_free(struct room_list *list);

/* Returns "king" or "twin". */
const char *roomlist_kind_code(enum room_kind kind);

#endif
