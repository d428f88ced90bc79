/*
 * ticketsheet: the A4 PDF of ticket cards that the organisers mail or hand
 * out (DESIGN section 3): twelve cards a page, each with the QR, the name,
 * the organisation and the code in groups of four for manual entry, set in
 * Noto Sans CJK through pango, with light cut lines between the cards.
 */
#ifndef FRONTDESK_TICKETSHEET_H
#define FRONTDESK_TICKETSHEET_H

#include <stdbool.h>

/* Cards on one A4 page. */
#define TICKETSHEET_COLUMNS 3
#define TICKETSHEET_ROWS    4

struct ticketsheet_entry {
	const char *name;
	const char *organisation; /* may be NULL */
	const char *code;         /* the 22 digits */
};

struct ticketsheet;

/*
 * Starts a sheet to be written at path (through a temporary file renamed by
 * ticketsheet_finish, so a failure never leaves half a PDF under that name).
 * event_name is printed small atop each card and may be NULL. Returns NULL
 * with a bilingual *cause (the caller frees it).
 */
struct ticketsheet *ticketsheet_new(const char *path, const char *event_name, char **cause);

/* Adds one card, starting a new page when the current one is full. False with *cause. */
bool ticketsheet_add(struct ticketsheet *s, const struct ticketsheet_entry *e, char **cause);

/*
 * Finishes the PDF and puts it in place. Returns false with *cause when the
 * file could not be written (the old file, if any, is then untouched). Frees
 * s in every case; NULL is a no-op returning true.
 */
bool ticketsheet_finish(struct ticketsheet *s, char **cause);

/* Abandons the sheet: frees s and removes the temporary file. NULL is a no-op. */
void ticketsheet_discard(struct ticketsheet *s);

#endif
