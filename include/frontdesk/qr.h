/*
 * qr: a ticket code as a QR symbol (DESIGN section 3, "Tickets"), as a module
 * matrix, as a PNG file and drawn on any cairo surface (the PDF sheet, badges).
 *
 * Codes are encoded in numeric mode (3.3 bits a digit, so the 22 digits fit a
 * version 1 symbol of 21 x 21 modules) at error correction level M, which
 * survives a scuffed phone screen or a fold in the paper; every rendering has
 * the quiet zone of 4 modules that the QR standard requires and phones need.
 */
#ifndef FRONTDESK_QR_H
#define FRONTDESK_QR_H

#include <cairo.h>
#include <stdbool.h>

/* White modules around the symbol on every side. */
#define QR_QUIET_ZONE 4

struct qr_matrix {
	int width;           /* modules per side, without the quiet zone */
	unsigned char *dark; /* width * width, row by row: 1 dark, 0 light */
};

/*
 * Encodes digits (ASCII '0'-'9' only, 1 to 5596 of them) in numeric mode at
 * level M. Returns NULL with a bilingual *cause (the caller frees it) when
 * the text is not digits or libqrencode fails. Free with qr_free.
 */
struct qr_matrix *qr_encode_numeric(const char *digits, char **cause);

/* Frees m; NULL is a no-op. */
void qr_free(struct qr_matrix *m);

/* Returns the side in pixels of m rendered at scale pixels a module, quiet zone included. */
int qr_side_pixels(const struct qr_matrix *m, int scale);

/*
 * Returns a new opaque image surface (CAIRO_FORMAT_RGB24, black on white) of
 * m with its quiet zone at scale (1..64) pixels a module. The caller
 * destroys it with cairo_surface_destroy.
 */
cairo_surface_t *qr_render(const struct qr_matrix *m, int scale);

/*
 * Writes m as a PNG file at path, scale (1..64) pixels a module, quiet zone
 * included. Returns false with a bilingual *cause (the caller frees it).
 */
bool qr_write_png(const struct qr_matrix *m, int scale, const char *path, char **cause);

/*
 * Draws m with its quiet zone (white) into the square of side size whose
 * top-left corner is (x, y) in cr's user space. Leaves cr's state unchanged.
 */
void qr_draw(const struct qr_matrix *m, cairo_t *cr, double x, double y, double size);

#endif
