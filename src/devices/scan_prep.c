/*
 * scan_prep owns the pictures the pipeline (scan_pipeline.c) hands to zbar
 * besides the frame itself: a half-size copy, a contrast-stretched copy, a
 * black-and-white copy, a cut-out, and the cheap search for QR finder
 * patterns that tells the pipeline when the dearer passes are worth it.
 *
 * Why each exists, measured on phone-like photos (docs/camera.md): a
 * webcam's photo of a phone screen is blurred, noisy, moire-striped and
 * low in contrast. Halving averages four pixels, which takes most of the
 * noise and the moire away and gives zbar's edge finder steeper edges; the
 * stretch and the local threshold give back the contrast a glossy screen
 * took; the cut-out lets a small code be looked at again, larger.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"
#include "scan_private.h"

/* The integral image's sums must fit 32 bits: 255 * pixels < 2^32. */
#define PREP_MAX_BINARISE (16L * 1000 * 1000)
/* The threshold sits this far below the local mean, so flat areas stay white, not speckled. */
#define PREP_THRESHOLD_MARGIN 3

static void image_alloc(struct scan_image *out, int w, int h)
{
	out->width = w;
	out->height = h;
	out->pixels = xmalloc((size_t)(w > 0 ? w : 1) * (size_t)(h > 0 ? h : 1));
}

static void image_copy(const struct scan_image *in, struct scan_image *out)
{
	image_alloc(out, in->width, in->height);
	memcpy(out->pixels, in->pixels, (size_t)in->width * (size_t)in->height);
}

void scan_prep_half(const struct scan_image *in, struct scan_image *out)
{
	int w = in->width / 2, h = in->height / 2;

	if (w < 1 || h < 1) {
		image_copy(in, out);
		return;
	}
	image_alloc(out, w, h);
	for (int y = 0; y < h; y++) {
		const unsigned char *a = in->pixels + (size_t)(2 * y) * (size_t)in->width;
		const unsigned char *b = a + in->width;
		unsigned char *o = out->pixels + (size_t)y * (size_t)w;
		for (int x = 0; x < w; x++) {
			o[x] = (unsigned char)((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] +
			                        2) /
			                       4);
		}
	}
}

/* The grey level below which share_per_mille of the pixels lie. */
static int percentile(const size_t hist[256], size_t n, size_t share_per_mille)
{
	size_t want = n * share_per_mille / 1000, seen = 0;

	for (int v = 0; v < 256; v++) {
		seen += hist[v];
		if (seen > want) {
			return v;
		}
	}
	return 255;
}

void scan_prep_stretch(const struct scan_image *in, struct scan_image *out)
{
	size_t hist[256] = {0}, n = (size_t)in->width * (size_t)in->height;
	unsigned char map[256];

	for (size_t i = 0; i < n; i++) {
		hist[in->pixels[i]]++;
	}
	int lo = percentile(hist, n, 10), hi = percentile(hist, n, 990);
	if (hi - lo < 8) {
		image_copy(in, out); /* a flat picture: stretching would only blow up its noise */
		return;
	}
	for (int v = 0; v < 256; v++) {
		int s = v <= lo ? 0 : v >= hi ? 255 : (v - lo) * 255 / (hi - lo);
		map[v] = (unsigned char)s;
	}
	image_alloc(out, in->width, in->height);
	for (size_t i = 0; i < n; i++) {
		out->pixels[i] = map[in->pixels[i]];
	}
}

/* Sum of the integral image sums (w + 1 columns) over [x0, x1) x [y0, y1). */
static uint32_t box_sum(const uint32_t *sums, int w, int x0, int y0, int x1, int y1)
{
	size_t stride = (size_t)w + 1;

	return sums[(size_t)y1 * stride + x1] - sums[(size_t)y0 * stride + x1] -
	       sums[(size_t)y1 * stride + x0] + sums[(size_t)y0 * stride + x0];
}

static uint32_t *integral_image(const struct scan_image *in)
{
	size_t stride = (size_t)in->width + 1;
	uint32_t *sums = xcalloc(stride * ((size_t)in->height + 1), sizeof(uint32_t));

	for (int y = 0; y < in->height; y++) {
		const unsigned char *row = in->pixels + (size_t)y * (size_t)in->width;
		uint32_t line = 0;
		for (int x = 0; x < in->width; x++) {
			line += row[x];
			sums[(size_t)(y + 1) * stride + x + 1] =
			    sums[(size_t)y * stride + x + 1] + line;
		}
	}
	return sums;
}

void scan_prep_binarise(const struct scan_image *in, struct scan_image *out)
{
	int w = in->width, h = in->height;
	int r = (w < h ? w : h) / 8;

	if ((long)w * h > PREP_MAX_BINARISE) {
		image_copy(in, out);
		return;
	}
	r = r < 4 ? 4 : r;
	uint32_t *sums = integral_image(in);
	image_alloc(out, w, h);
	for (int y = 0; y < h; y++) {
		int y0 = y - r < 0 ? 0 : y - r, y1 = y + r + 1 > h ? h : y + r + 1;
		for (int x = 0; x < w; x++) {
			int x0 = x - r < 0 ? 0 : x - r, x1 = x + r + 1 > w ? w : x + r + 1;
			uint32_t area = (uint32_t)((x1 - x0) * (y1 - y0));
			uint32_t px = in->pixels[(size_t)y * w + x];
			bool dark =
			    (px + PREP_THRESHOLD_MARGIN) * area < box_sum(sums, w, x0, y0, x1, y1);
			out->pixels[(size_t)y * w + x] = dark ? 0 : 255;
		}
	}
	free(sums);
}

/* r cut to a w x h picture (empty when nothing of it is inside). */
static struct scan_rect clip(struct scan_rect r, int w, int h)
{
	int x0 = r.x < 0 ? 0 : r.x, y0 = r.y < 0 ? 0 : r.y;
	int x1 = r.x + r.w > w ? w : r.x + r.w, y1 = r.y + r.h > h ? h : r.y + r.h;

	if (x1 <= x0 || y1 <= y0) {
		return (struct scan_rect){0, 0, 0, 0};
	}
	return (struct scan_rect){x0, y0, x1 - x0, y1 - y0};
}

struct scan_rect scan_rect_grow(struct scan_rect r, double share, int w, int h)
{
	int gx = (int)(r.w * share), gy = (int)(r.h * share);

	return clip((struct scan_rect){r.x - gx, r.y - gy, r.w + 2 * gx, r.h + 2 * gy}, w, h);
}

/* Sample (x, y) of a 2x bilinear enlargement of in, whose pixel (x / 2, y / 2) it starts from. */
static unsigned char zoom2(const struct scan_image *in, struct scan_rect r, int x, int y)
{
	int sx = r.x + x / 2, sy = r.y + y / 2;
	int nx = sx + (x & 1) < r.x + r.w ? sx + (x & 1) : sx;
	int ny = sy + (y & 1) < r.y + r.h ? sy + (y & 1) : sy;
	const unsigned char *p = in->pixels;
	size_t w = (size_t)in->width;

	return (
	    unsigned char)((p[sy * w + sx] + p[sy * w + nx] + p[ny * w + sx] + p[ny * w + nx] + 2) /
	                   4);
}

void scan_prep_crop(const struct scan_image *in, struct scan_rect r, int zoom,
                    struct scan_image *out)
{
	r = clip(r, in->width, in->height);
	if (r.w == 0) {
		image_copy(in, out);
		return;
	}
	zoom = zoom == 2 ? 2 : 1;
	image_alloc(out, r.w * zoom, r.h * zoom);
	for (int y = 0; y < out->height; y++) {
		unsigned char *o = out->pixels + (size_t)y * (size_t)out->width;
		if (zoom == 1) {
			memcpy(o, in->pixels + (size_t)(r.y + y) * (size_t)in->width + r.x,
			       (size_t)r.w);
			continue;
		}
		for (int x = 0; x < out->width; x++) {
			o[x] = zoom2(in, r, x, y);
		}
	}
}

/* True when five runs (dark, light, dark, light, dark) are in the ratio 1:1:3:1:1. */
static bool finder_runs(const int run[5])
{
	int total = run[0] + run[1] + run[2] + run[3] + run[4];

	if (total < 10) { /* under 1.5 px a module at half size: too small to decode anyway */
		return false;
	}
	/* in sevenths of a module, so that integers hold the tolerance of half a module */
	int m = total, tol = total / 2;
	return abs(run[0] * 7 - m) < tol && abs(run[1] * 7 - m) < tol &&
	       abs(run[2] * 7 - 3 * m) < 3 * tol && abs(run[3] * 7 - m) < tol &&
	       abs(run[4] * 7 - m) < tol;
}

static void widen(struct scan_rect *r, int x, int y)
{
	if (r->w == 0) {
		*r = (struct scan_rect){x, y, 1, 1};
		return;
	}
	int x1 = r->x + r->w > x + 1 ? r->x + r->w : x + 1;
	int y1 = r->y + r->h > y + 1 ? r->y + r->h : y + 1;
	r->x = x < r->x ? x : r->x;
	r->y = y < r->y ? y : r->y;
	r->w = x1 - r->x;
	r->h = y1 - r->y;
}

static bool dark_at(const struct scan_image *img, int x, int y)
{
	return img->pixels[(size_t)y * (size_t)img->width + x] < 128;
}

/* Length of the run of dark (or light) pixels from (x, y) on, stepping dy; at most limit. */
static int column_run(const struct scan_image *img, int x, int y, int dy, bool dark, int limit)
{
	int n = 0;

	while (y >= 0 && y < img->height && n < limit && dark_at(img, x, y) == dark) {
		n++;
		y += dy;
	}
	return n;
}

/*
 * True when the column through a row's crossing at (x, y) crosses the same
 * finder: 1:1:3:1:1 again, about as long. Noise crosses a row by chance; a
 * finder pattern is square.
 */
static bool column_agrees(const struct scan_image *img, int x, int y, int width)
{
	int up = column_run(img, x, y, -1, true, width),
	    down = column_run(img, x, y + 1, 1, true, width);
	int run[5];

	run[2] = up + down;
	run[1] = column_run(img, x, y - up, -1, false, width);
	run[0] = column_run(img, x, y - up - run[1], -1, true, width);
	run[3] = column_run(img, x, y + 1 + down, 1, false, width);
	run[4] = column_run(img, x, y + 1 + down + run[3], 1, true, width);
	int total = run[0] + run[1] + run[2] + run[3] + run[4];
	return finder_runs(run) && total * 2 > width && total < width * 2;
}

/* The crossings found on the row scanned before, and on this one. */
struct finder_rows {
	int prev[16], n_prev;
	int cur[16], n_cur;
};

/* True when the row scanned before had a crossing about at cx (a finder is several rows tall). */
static bool seen_above(const struct finder_rows *f, int cx, int width)
{
	for (int i = 0; i < f->n_prev; i++) {
		if (abs(f->prev[i] - cx) <= width / 7 + 1) {
			return true;
		}
	}
	return false;
}

/*
 * Looks along row y of a black-and-white picture for crossings its column
 * agrees with; widens *around for each that the row before had too.
 */
static int finder_row(const struct scan_image *img, int y, struct finder_rows *f,
                      struct scan_rect *around)
{
	const unsigned char *row = img->pixels + (size_t)y * (size_t)img->width;
	int run[5] = {0}, len = 0, found = 0;
	bool dark = false;

	f->n_cur = 0;
	for (int x = 0; x <= img->width; x++) {
		bool d = x < img->width && row[x] < 128;
		if (x < img->width && d == dark) {
			len++;
			continue;
		}
		memmove(run, run + 1, 4 * sizeof(int));
		run[4] = len;
		int width = run[0] + run[1] + run[2] + run[3] + run[4];
		int cx = x - run[4] - run[3] - run[2] / 2;
		if (dark && finder_runs(run) && column_agrees(img, cx, y, width)) {
			if (seen_above(f, cx, width)) {
				widen(around, cx, y);
				found++;
			}
			if (f->n_cur < 16) {
				f->cur[f->n_cur++] = cx;
			}
		}
		dark = d;
		len = 1;
	}
	memcpy(f->prev, f->cur, sizeof(f->prev));
	f->n_prev = f->n_cur;
	return found;
}

int scan_prep_finders(const struct scan_image *img, struct scan_rect *around)
{
	struct finder_rows f = {.n_prev = 0};
	int rows = 0;

	*around = (struct scan_rect){0, 0, 0, 0};
	for (int y = 0; y < img->height; y += 2) {
		rows += finder_row(img, y, &f, around) > 0;
	}
	return rows;
}
