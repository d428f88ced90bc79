/*
 * scan owns zbar: one image scanner set up for QR only, run on 8-bit
 * grayscale pictures (zbar's Y800), and the texts and places of what it
 * finds. The picture readers are in scan_image.c, the choice of pictures
 * to run it on in scan_pipeline.c.
 */
#include "frontdesk/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include "frontdesk/xmalloc.h"
#include "scan_private.h"

struct scan_decoder {
	zbar_image_scanner_t *scanner;
};

struct scan_decoder *scan_decoder_new(bool video)
{
	struct scan_decoder *d = xmalloc(sizeof(*d));

	d->scanner = zbar_image_scanner_create();
	if (d->scanner == NULL) {
		fputs("frontdesk: out of memory (zbar)\n", stderr);
		abort();
	}
	/* symbology 0 means every symbology: all off, then QR alone on */
	zbar_image_scanner_set_config(d->scanner, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(d->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(d->scanner, 0, ZBAR_CFG_X_DENSITY, video ? 2 : 1);
	zbar_image_scanner_set_config(d->scanner, 0, ZBAR_CFG_Y_DENSITY, video ? 2 : 1);
	return d;
}

void scan_decoder_free(struct scan_decoder *d)
{
	if (d == NULL) {
		return;
	}
	zbar_image_scanner_destroy(d->scanner);
	free(d);
}

/* Widens *where to hold the polygon zbar found symbol s at. */
static void add_location(const zbar_symbol_t *s, struct scan_rect *where)
{
	for (unsigned i = 0; i < zbar_symbol_get_loc_size(s); i++) {
		int x = zbar_symbol_get_loc_x(s, i), y = zbar_symbol_get_loc_y(s, i);
		if (where->w == 0 || where->h == 0) {
			*where = (struct scan_rect){x, y, 1, 1};
			continue;
		}
		int x1 = where->x + where->w, y1 = where->y + where->h;
		where->x = x < where->x ? x : where->x;
		where->y = y < where->y ? y : where->y;
		where->w = (x + 1 > x1 ? x + 1 : x1) - where->x;
		where->h = (y + 1 > y1 ? y + 1 : y1) - where->y;
	}
}

size_t scan_decode_located(struct scan_decoder *d, const struct scan_image *img,
                           struct scan_codes *out, struct scan_rect *where)
{
	zbar_image_t *z = zbar_image_create();
	size_t added = 0;

	if (where != NULL) {
		*where = (struct scan_rect){0, 0, 0, 0};
	}
	zbar_image_set_format(z, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(z, (unsigned)img->width, (unsigned)img->height);
	/* borrowed: no cleanup handler, zbar never frees or writes the samples */
	zbar_image_set_data(z, img->pixels, (unsigned long)img->width * (unsigned long)img->height,
	                    NULL);
	if (zbar_scan_image(d->scanner, z) > 0) {
		for (const zbar_symbol_t *s = zbar_image_first_symbol(z); s != NULL;
		     s = zbar_symbol_next(s)) {
			out->codes = xreallocarray(out->codes, out->n + 1, sizeof(char *));
			out->codes[out->n++] =
			    xstrndup(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
			if (where != NULL) {
				add_location(s, where);
			}
			added++;
		}
	}
	zbar_image_destroy(z);
	return added;
}

size_t scan_decode_gray(struct scan_decoder *d, const unsigned char *pixels, int width, int height,
                        struct scan_codes *out)
{
	struct scan_image img = {width, height, (unsigned char *)pixels};

	return scan_decode_located(d, &img, out, NULL);
}

void scan_codes_release(struct scan_codes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->codes[i]);
	}
	free(c->codes);
	memset(c, 0, sizeof(*c));
}
