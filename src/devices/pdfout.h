/*
 * pdfout: a PDF file written whole or not at all, for the badge and ticket
 * sheets. Private to src/devices.
 */
#ifndef FRONTDESK_DEVICES_PDFOUT_H
#define FRONTDESK_DEVICES_PDFOUT_H

#include <cairo.h>
#include <stdbool.h>

struct pdf_out {
	cairo_surface_t *surface;
	cairo_t *cr; /* draw here */
	char *path;
	char *tmp_path;
};

/* Starts path (written as path.tmp until pdf_out_finish) with pages of w x h points. */
bool pdf_out_open(struct pdf_out *out, const char *path, double w_pt, double h_pt, char **cause);

/* Ends the PDF and renames it into place; on failure removes it and explains in *cause. */
bool pdf_out_finish(struct pdf_out *out, char **cause);

/* Abandons the PDF: nothing is left at path. */
void pdf_out_discard(struct pdf_out *out);

#endif
