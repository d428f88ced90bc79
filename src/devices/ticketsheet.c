/*
 * ticketsheet owns the layout of the printed ticket cards. Text goes through
 * pango (never cairo's toy text API) because names and organisations are
 * Chinese, sometimes with characters outside the BMP, and pango picks the
 * Noto CJK glyphs and falls back per character where the font lacks one.
 * Roster text is set as plain text, never as pango markup, so a name cannot
 * inject formatting.
 */
#include "frontdesk/ticketsheet.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/qr.h"
#include "frontdesk/text.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "pdfout.h"

/* A4 in points, and the printable area most printers reach. */
#define PAGE_W    595.276
#define PAGE_H    841.890
#define MARGIN    28.35 /* 10 mm */
#define CELL_W    ((PAGE_W - 2 * MARGIN) / TICKETSHEET_COLUMNS)
#define CELL_H    ((PAGE_H - 2 * MARGIN) / TICKETSHEET_ROWS)
#define PAD       8.0
#define QR_SIZE   108.0 /* 29 modules of 1.3 mm: easy for phones and USB scanners */
#define FONT      "Noto Sans CJK SC"
#define FONT_NUM  "Noto Sans Mono CJK SC"
#define DIGITS_PT "9.5"

struct ticketsheet {
	struct pdf_out pdf;
	cairo_t *cr; /* pdf.cr */
	char *event_name;
	int on_page; /* cards on the current page */
};

struct ticketsheet *ticketsheet_new(const char *path, const char *event_name, char **cause)
{
	struct ticketsheet *s = xcalloc(1, sizeof(*s));

	if (!pdf_out_open(&s->pdf, path, PAGE_W, PAGE_H, cause)) {
		free(s);
		return NULL;
	}
	s->event_name = event_name ? xstrdup(event_name) : NULL;
	cairo_pdf_surface_set_metadata(s->pdf.surface, CAIRO_PDF_METADATA_TITLE,
	                               event_name ? event_name : "tickets");
	s->cr = s->pdf.cr;
	return s;
}

/*
 * Sets text centred in the width w at (x, y), in at most lines lines, the
 * last cut with "…" when it is still too long.
 */
static void put_text(cairo_t *cr, const char *font, const char *text, double x, double y, double w,
                     int lines, double grey)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *desc = pango_font_description_from_string(font);

	pango_layout_set_font_description(layout, desc);
	pango_layout_set_single_paragraph_mode(layout, TRUE);
	pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(layout, -lines); /* negative: a number of lines */
	pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	char *safe = text_sanitize(text ? text : ""); /* the output sanitiser (text.h) */
	pango_layout_set_text(layout, safe, -1);
	free(safe);
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	pango_font_description_free(desc);
	g_object_unref(layout);
}

/* Light dashed lines around a card, to cut along. */
static void cut_lines(cairo_t *cr, double x, double y)
{
	static const double dash[] = {3.0, 3.0};

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	cairo_set_line_width(cr, 0.4);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_rectangle(cr, x, y, CELL_W, CELL_H);
	cairo_stroke(cr);
	cairo_restore(cr);
}

bool ticketsheet_add(struct ticketsheet *s, const struct ticketsheet_entry *e, char **cause)
{
	char grouped[TICKET_GROUPED_LEN + 1];
	struct qr_matrix *m = qr_encode_numeric(e->code, cause);

	if (m == NULL) {
		return false;
	}
	if (s->on_page == TICKETSHEET_COLUMNS * TICKETSHEET_ROWS) {
		cairo_show_page(s->cr);
		s->on_page = 0;
	}
	double x = MARGIN + (s->on_page % TICKETSHEET_COLUMNS) * CELL_W;
	double y = MARGIN + (double)(s->on_page / TICKETSHEET_COLUMNS) * CELL_H;
	double w = CELL_W - 2 * PAD;
	s->on_page++;
	cut_lines(s->cr, x, y);
	put_text(s->cr, FONT " 7", s->event_name, x + PAD, y + PAD, w, 1, 0.35);
	qr_draw(m, s->cr, x + (CELL_W - QR_SIZE) / 2, y + 21, QR_SIZE);
	put_text(s->cr, FONT " Bold 14", e->name, x + PAD, y + 129, w, 1, 0);
	put_text(s->cr, FONT " 8", e->organisation, x + PAD, y + 149.5, w, 2, 0.2);
	ticket_group(e->code, grouped);
	put_text(s->cr, FONT_NUM " " DIGITS_PT, grouped, x + PAD, y + 176, w, 1, 0);
	qr_free(m);
	return true;
}

bool ticketsheet_finish(struct ticketsheet *s, char **cause)
{
	if (s == NULL) {
		return true;
	}
	bool ok = pdf_out_finish(&s->pdf, cause);
	free(s->event_name);
	free(s);
	return ok;
}

void ticketsheet_discard(struct ticketsheet *s)
{
	if (s == NULL) {
		return;
	}
	pdf_out_discard(&s->pdf);
	free(s->event_name);
	free(s);
}
