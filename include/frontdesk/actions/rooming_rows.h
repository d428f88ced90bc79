/*
 * actions/rooming_rows (src/actions/rooming_rows.c): the rooming list for the
 * hotel as one table, the single source of the header and cells of `rooms
 * list --csv` and of the export's rooming-list sheet, so the two cannot drift
 * apart.
 */
#ifndef FRONTDESK_ACTIONS_ROOMING_ROWS_H
#define FRONTDESK_ACTIONS_ROOMING_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/actions/rooms.h"
#include "frontdesk/date.h"

#define ROOMING_ROWS_COLUMNS 14

/* One cell: a number (the workbook stores it as one) or a borrowed text, NULL as empty. */
struct rooming_cell {
	bool number;
	long value;
	const char *text;
};

/* One occupant's row; its date cells point into the row's own buffers. */
struct rooming_row {
	struct rooming_cell cells[ROOMING_ROWS_COLUMNS];
	char arrive[DATE_ISO_LEN + 1];
	char depart[DATE_ISO_LEN + 1];
};

/* Returns the ROOMING_ROWS_COLUMNS column names, in Chinese (static, never freed). */
const char *const *action_rooming_rows_header(void);

/* Called with each row in turn; row and its texts are valid during the call only.
 * Return false to stop. */
typedef bool (*rooming_rows_fn)(void *ctx, const struct rooming_row *row);

/* Calls fn for every guest of l, room by room (action_rooms_list's order); returns the
 * number of rows passed to fn. */
size_t action_rooming_rows_each(const struct rooms_view *l, rooming_rows_fn fn, void *ctx);

/* Returns the rooming list as CSV for Excel (BOM, header, a CRLF line per occupant); the
 * caller frees it. */
char *action_rooming_rows_csv(const struct rooms_view *l);

#endif
