/*
 * scan_private: what the scan files of src/devices share and nobody else
 * needs: a rectangle in a picture, the located decode the pipeline steers
 * by, the JPEG reader behind scan_image_load, and the picture preparations
 * (scan_prep.c) the pipeline's passes are made of.
 */
#ifndef FRONTDESK_SCAN_PRIVATE_H
#define FRONTDESK_SCAN_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/scan.h"

/*
 * Pictures larger than this are refused before anything is allocated for
 * them. The fuzz target (tests/fuzz) sets a smaller limit: a hostile header
 * then costs it milliseconds, not a gigabyte and seconds a run.
 */
#ifndef SCAN_MAX_PIXELS
#define SCAN_MAX_PIXELS (100L * 1000 * 1000)
#endif
#define SCAN_MAX_SIDE 32767

/* A rectangle of pixels; empty when w or h is 0. */
struct scan_rect {
	int x, y, w, h;
};

/* True when a width and height are a picture this module reads (see SCAN_MAX_PIXELS). */
bool scan_size_ok(long width, long height);

/*
 * As scan_decode_gray, and *where (when not NULL) becomes the smallest
 * rectangle holding every symbol found (empty when none was).
 */
size_t scan_decode_located(struct scan_decoder *d, const struct scan_image *img,
                           struct scan_codes *out, struct scan_rect *where);

/*
 * Reads a JPEG (baseline or progressive; colour is turned to its luma) from
 * memory into *out. Returns NULL on success, else the msgid saying what is
 * wrong (damaged, cut short, too large); *out is then empty.
 */
const char *scan_jpeg_read(const unsigned char *data, size_t len, struct scan_image *out);

/* Picture preparations for the pipeline's passes (scan_prep.c); *out is the caller's. */

/* Half the width and height, each pixel the mean of four: less noise, moire and blur. */
void scan_prep_half(const struct scan_image *in, struct scan_image *out);
/* The darkest 1% to black and the lightest 1% to white, straight in between. */
void scan_prep_stretch(const struct scan_image *in, struct scan_image *out);
/* Black or white by the mean of a window around each pixel (a shadow or glare keeps its code). */
void scan_prep_binarise(const struct scan_image *in, struct scan_image *out);
/* The part of in inside r (cut to the picture), scaled by zoom (1 or 2). */
void scan_prep_crop(const struct scan_image *in, struct scan_rect r, int zoom,
                    struct scan_image *out);
/*
 * Looks along every other row of a black-and-white picture for the 1:1:3:1:1
 * dark and light runs that cross a QR finder pattern, each checked along its
 * column and on the row scanned before (noise crosses a row so by chance; a
 * finder pattern is square and several rows tall). Returns how many rows
 * crossed one; *around becomes the rectangle the crossings span.
 */
int scan_prep_finders(const struct scan_image *img, struct scan_rect *around);

/* r grown by share of its size on each side, and cut to a w x h picture. */
struct scan_rect scan_rect_grow(struct scan_rect r, double share, int w, int h);

#endif
