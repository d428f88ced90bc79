/*
 * badge: the name badge handed out at check-in (DESIGN section 3, "Badge"):
 * the event name, the attendee's name (large), organisation and role, and the
 * ticket QR with its digits in groups of four beneath, set in Noto Sans CJK
 * through pango and written as PDF by cairo.
 *
 * Where everything goes is not in code but in a layout file (assets/badge/,
 * one INI file a size) so that an organiser can move a box or change a size
 * without a rebuild:
 *
 *   [badge]          width_mm, height_mm, font (family, default Noto Sans CJK SC)
 *   [sheet]          optional, for batch pre-printing: badge (the face's layout
 *                    file, relative to this one), paper_width_mm, paper_height_mm,
 *                    columns, rows, cut_marks (yes|no)
 *   [event] [name] [organisation] [position] [code]
 *                    x_mm, y_mm, w_mm, h_mm (the box inside the badge), size_max,
 *                    size_min (points), lines (most lines it may wrap to), align
 *                    (left|center|right), valign (top|middle|bottom), bold
 *                    (yes|no), grey (0 black .. 1 white), font (overrides [badge])
 *   [qr]             x_mm, y_mm, size_mm (the square, quiet zone included)
 *
 * Text never leaves its box: it wraps to at most `lines` lines and shrinks from
 * size_max towards size_min until it fits; text that still does not fit at
 * size_min keeps shrinking (a 200-character name prints small rather than cut).
 */
#ifndef FRONTDESK_BADGE_H
#define FRONTDESK_BADGE_H

#include <stdbool.h>
#include <stddef.h>

/* The text fields of a badge, in the order of their layout sections. */
enum badge_field {
	BADGE_EVENT,
	BADGE_NAME,
	BADGE_ORGANISATION,
	BADGE_POSITION,
	BADGE_CODE,
	BADGE_N_FIELDS
};

enum badge_align { BADGE_ALIGN_LEFT, BADGE_ALIGN_CENTER, BADGE_ALIGN_RIGHT };
enum badge_valign { BADGE_VALIGN_TOP, BADGE_VALIGN_MIDDLE, BADGE_VALIGN_BOTTOM };

/* One text box; lengths in millimetres inside the badge, sizes in points. */
struct badge_box {
	double x, y, w, h;
	double size_max, size_min;
	int lines;
	enum badge_align align;
	enum badge_valign valign;
	bool bold;
	double grey;
	char *font; /* NULL: the layout's font */
};

struct badge_layout {
	double width, height; /* the badge, mm */
	char *font;
	struct badge_box box[BADGE_N_FIELDS];
	double qr_x, qr_y, qr_size; /* mm */
	/* the paper: the badge itself (1 x 1, no marks) unless the file has [sheet] */
	double paper_width, paper_height; /* mm */
	int columns, rows;
	bool cut_marks;
};

/*
 * Reads a layout file (see above; a [sheet] file reads its badge file too).
 * Returns NULL with a bilingual *cause naming the file and line (the caller
 * frees it) when a file is missing, a key unknown, a value out of range or a
 * box or the QR leaves the badge. Free with badge_layout_free.
 */
struct badge_layout *badge_layout_load(const char *path, char **cause);

/* Frees l; NULL is a no-op. */
void badge_layout_free(struct badge_layout *l);

/*
 * Returns "<root>/badge/<size>.ini" for the first of roots (NULL entries are
 * skipped) where that file is readable, or NULL. size is a plain word
 * ("default", "a6", "a4"): anything else gives NULL. The caller frees it.
 */
char *badge_layout_path(const char *const *roots, size_t n_roots, const char *size);

/* What one badge says; every string is borrowed, any text may be NULL. */
struct badge_fields {
	const char *event;
	const char *name;
	const char *organisation;
	const char *position;
	const char *code; /* the 22 ticket digits (required) */
};

/*
 * For a process that draws one PDF and exits (`badge`, `badges`): large
 * blocks go back to the system as soon as they are freed, so the process
 * peaks lower and the same every run (55 MiB for one badge, not 56 or 68),
 * at about 35 ms a PDF. The print worker, which draws a badge at every
 * check-in, does not call it. Process-wide; call before the first badge.
 */
void badge_process_lean(void);

struct badge_sheet;

/*
 * Starts a PDF at path (through a temporary file renamed by badge_sheet_finish,
 * so a failure never leaves half a PDF there) laid out by l, which must outlive
 * the sheet. Returns NULL with a bilingual *cause (the caller frees it).
 */
struct badge_sheet *badge_sheet_new(const struct badge_layout *l, const char *path, char **cause);

/* Adds one badge, starting a new page when the current one is full. False with *cause. */
bool badge_sheet_add(struct badge_sheet *s, const struct badge_fields *f, char **cause);

/* Returns how many pages the sheet has so far. */
int badge_sheet_pages(const struct badge_sheet *s);

/*
 * Finishes the PDF and puts it in place. False with *cause when it could not be
 * written (an old file at path is then untouched). Frees s; NULL returns true.
 */
bool badge_sheet_finish(struct badge_sheet *s, char **cause);

/* Abandons the sheet and its temporary file. NULL is a no-op. */
void badge_sheet_discard(struct badge_sheet *s);

/*
 * Renders one badge to pdf_path with the layout file at layout_path (a sheet
 * layout gives one badge on its first page). False with a bilingual *cause.
 */
bool badge_render_file(const char *layout_path, const struct badge_fields *f, const char *pdf_path,
                       char **cause);

#endif
