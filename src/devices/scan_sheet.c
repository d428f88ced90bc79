/*
 * scan_sheet owns reading every code on a sheet: a page of tickets printed by
 * `frontdesk tickets`, scanned or photographed (`frontdesk scan --all`).
 *
 * Why tiles: zbar reads a page of twelve codes only partly (5 to 10 of 12 at
 * 150 dpi) although each code alone reads at once. Codes in a grid line
 * their finder patterns up along the same rows and columns, and zbar pairs
 * finder patterns of neighbouring codes. Cut into tiles, each holding one
 * code or a few, every code is read. The tiles are a third of the page's
 * shorter side and overlap by half, so any code up to half a tile's side
 * lies whole in at least one of them; larger codes are read on the whole
 * page, which is also decoded.
 */
#include "frontdesk/scan.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"
#include "scan_private.h"

/* Tiles smaller than this hold too little of a photo to be worth a pass. */
#define SHEET_MIN_TILE 160

/* Moves the codes of found that all is missing to the end of all; empties found. */
static void add_new(struct scan_codes *all, struct scan_codes *found)
{
	for (size_t i = 0; i < found->n; i++) {
		bool known = false;
		for (size_t j = 0; j < all->n && !known; j++) {
			known = strcmp(all->codes[j], found->codes[i]) == 0;
		}
		if (!known) {
			all->codes = xreallocarray(all->codes, all->n + 1, sizeof(char *));
			all->codes[all->n++] = xstrdup(found->codes[i]);
		}
	}
	scan_codes_release(found);
}

/* Positions of tiles of side tile along a side of length len, the last one flush with its end. */
static int tile_starts(int len, int tile, int *starts, int max)
{
	int n = 0, step = tile / 2;

	for (int at = 0; n < max; at += step) {
		if (at + tile >= len) {
			starts[n++] = len - tile > 0 ? len - tile : 0;
			break;
		}
		starts[n++] = at;
	}
	return n;
}

/* Decodes every tile, in reading order, through a picture pipeline; adds new codes to all. */
static void read_tiles(struct scan_pipeline *p, const struct scan_image *img,
                       struct scan_codes *all)
{
	int side = (img->width < img->height ? img->width : img->height) / 3;
	int xs[64], ys[64];

	if (side < SHEET_MIN_TILE) {
		return; /* a small picture: the whole-picture pass is all there is */
	}
	int nx = tile_starts(img->width, side, xs, 64), ny = tile_starts(img->height, side, ys, 64);
	for (int j = 0; j < ny; j++) {
		for (int i = 0; i < nx; i++) {
			struct scan_image tile;
			struct scan_codes found = {0};
			scan_prep_crop(img, (struct scan_rect){xs[i], ys[j], side, side}, 1, &tile);
			scan_pipeline_decode(p, &tile, &found);
			add_new(all, &found);
			scan_image_release(&tile);
		}
	}
}

bool scan_file_all(const char *path, struct scan_codes *out, char **cause)
{
	struct scan_image img;
	struct scan_codes whole = {0};

	memset(out, 0, sizeof(*out));
	if (!scan_image_load(path, &img, cause)) {
		return false;
	}
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_PICTURE);
	read_tiles(p, &img, out);
	scan_pipeline_decode(p, &img, &whole);
	add_new(out, &whole);
	scan_pipeline_free(p);
	scan_image_release(&img);
	return true;
}
