/*
 * scan owns turning a picture into decoded texts: loading PNG and PGM files
 * as 8-bit grayscale (what zbar's Y800 format wants) and running zbar's image
 * scanner on them. The camera (scan_camera.c) and `frontdesk scan` share it.
 *
 * Why files are read whole and checked before cairo sees them: a photo of a
 * code is a few megabytes at most, and reading the PNG header first lets a
 * hostile file claiming a 100000 x 100000 picture be refused before anything
 * allocates for it.
 */
#include "frontdesk/scan.h"

#include <cairo.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zbar.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

#define SCAN_MAX_FILE   (64L * 1024 * 1024)
#define SCAN_MAX_PIXELS (100L * 1000 * 1000)
#define SCAN_MAX_SIDE   32767

struct scan_decoder {
	zbar_image_scanner_t *scanner;
};

/* Says why the picture at path cannot be read: a msgid, or the system's words for err when NULL. */
static char *load_error(const char *path, const char *why, int err)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = xasprintf(say_in(i, "无法读取图片 %s：%s"), path,
		                     why ? say_in(i, why) : strerror(err));
	}
	return say_join(texts);
}

static unsigned char *read_file(const char *path, size_t *len, char **cause)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	if (f == NULL) {
		*cause = load_error(path, errno == ENOENT ? N_("文件不存在") : NULL, errno);
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > SCAN_MAX_FILE) {
		*cause = load_error(path, N_("不是普通文件或超过 64 MiB"), 0);
		fclose(f);
		return NULL;
	}
	unsigned char *data = xmalloc((size_t)st.st_size + 1);
	*len = fread(data, 1, (size_t)st.st_size, f);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed) {
		*cause = load_error(path, N_("读取出错"), 0);
		free(data);
		return NULL;
	}
	return data;
}

static bool size_ok(long width, long height)
{
	return width > 0 && height > 0 && width <= SCAN_MAX_SIDE && height <= SCAN_MAX_SIDE &&
	       width * height <= SCAN_MAX_PIXELS;
}

/* Skips whitespace and '#' comments of a PGM header; returns the next position. */
static size_t pgm_skip(const unsigned char *d, size_t len, size_t i)
{
	while (i < len) {
		if (d[i] == '#') {
			while (i < len && d[i] != '\n') {
				i++;
			}
		} else if (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
			i++;
		} else {
			break;
		}
	}
	return i;
}

/* Reads one decimal header number (at most 65535 * 65535 fits a long); -1 when absent. */
static long pgm_number(const unsigned char *d, size_t len, size_t *i)
{
	long v = 0;
	size_t start;

	*i = pgm_skip(d, len, *i);
	start = *i;
	while (*i < len && d[*i] >= '0' && d[*i] <= '9' && *i - start < 9) {
		v = v * 10 + (d[*i] - '0');
		(*i)++;
	}
	return *i > start ? v : -1;
}

static bool load_pgm(const unsigned char *d, size_t len, struct scan_image *out)
{
	size_t i = 2;
	long w = pgm_number(d, len, &i), h = pgm_number(d, len, &i), max = pgm_number(d, len, &i);

	/* exactly one whitespace byte separates the header from the samples */
	if (!size_ok(w, h) || max < 1 || max > 65535 || i >= len) {
		return false;
	}
	i++;
	size_t bytes = max > 255 ? 2 : 1, n = (size_t)w * (size_t)h;
	if (len - i < n * bytes) {
		return false;
	}
	out->width = (int)w;
	out->height = (int)h;
	out->pixels = xmalloc(n);
	for (size_t p = 0; p < n; p++) {
		const unsigned char *s = d + i + p * bytes;
		long v = bytes == 2 ? (long)s[0] << 8 | s[1] : s[0];
		out->pixels[p] = (unsigned char)((v > max ? max : v) * 255 / max);
	}
	return true;
}

struct png_reader {
	const unsigned char *data;
	size_t len, at;
};

static cairo_status_t png_read(void *closure, unsigned char *buf, unsigned int length)
{
	struct png_reader *r = closure;

	if (r->len - r->at < length) {
		return CAIRO_STATUS_READ_ERROR;
	}
	memcpy(buf, r->data + r->at, length);
	r->at += length;
	return CAIRO_STATUS_SUCCESS;
}

/* Luma of one cairo pixel (premultiplied ARGB32 or RGB24) laid over white. */
static unsigned char pixel_gray(uint32_t px, bool alpha)
{
	uint32_t a = alpha ? px >> 24 : 255, r = (px >> 16) & 255, g = (px >> 8) & 255,
	         b = px & 255;
	uint32_t y = (r * 299 + g * 587 + b * 114) / 1000 + (255 - a);

	return (unsigned char)(y > 255 ? 255 : y);
}

static bool png_to_gray(cairo_surface_t *s, struct scan_image *out)
{
	cairo_format_t fmt = cairo_image_surface_get_format(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);

	if ((fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24) || data == NULL ||
	    !size_ok(w, h)) {
		return false;
	}
	out->width = w;
	out->height = h;
	out->pixels = xmalloc((size_t)w * (size_t)h);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			out->pixels[(size_t)y * w + x] =
			    pixel_gray(row[x], fmt == CAIRO_FORMAT_ARGB32);
		}
	}
	return true;
}

static bool load_png(const unsigned char *d, size_t len, struct scan_image *out)
{
	struct png_reader r = {d, len, 0};

	/* IHDR comes first: refuse absurd sizes before cairo allocates for them */
	if (len < 24 || memcmp(d + 12, "IHDR", 4) != 0) {
		return false;
	}
	long w =
	    (long)((uint32_t)d[16] << 24 | (uint32_t)d[17] << 16 | (uint32_t)d[18] << 8 | d[19]);
	long h =
	    (long)((uint32_t)d[20] << 24 | (uint32_t)d[21] << 16 | (uint32_t)d[22] << 8 | d[23]);
	if (!size_ok(w, h)) {
		return false;
	}
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
	bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && png_to_gray(s, out);
	cairo_surface_destroy(s);
	return ok;
}

bool scan_image_load(const char *path, struct scan_image *out, char **cause)
{
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	size_t len = 0;
	unsigned char *d = read_file(path, &len, cause);
	bool ok;

	memset(out, 0, sizeof(*out));
	if (d == NULL) {
		return false;
	}
	if (len >= 8 && memcmp(d, png_magic, 8) == 0) {
		ok = load_png(d, len, out);
	} else if (len >= 2 && d[0] == 'P' && d[1] == '5') {
		ok = load_pgm(d, len, out);
	} else {
		free(d);
		*cause = load_error(path, N_("只支持 PNG 和二进制 PGM (P5) 图片"), 0);
		return false;
	}
	free(d);
	if (!ok) {
		*cause = load_error(path, N_("图片已损坏或大于 1 亿像素"), 0);
	}
	return ok;
}

void scan_image_release(struct scan_image *img)
{
	free(img->pixels);
	memset(img, 0, sizeof(*img));
}

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

size_t scan_decode_gray(struct scan_decoder *d, const unsigned char *pixels, int width, int height,
                        struct scan_codes *out)
{
	zbar_image_t *img = zbar_image_create();
	size_t added = 0;

	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)width, (unsigned)height);
	/* borrowed: no cleanup handler, zbar never frees or writes the samples */
	zbar_image_set_data(img, pixels, (unsigned long)width * (unsigned long)height, NULL);
	if (zbar_scan_image(d->scanner, img) > 0) {
		for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s != NULL;
		     s = zbar_symbol_next(s)) {
			out->codes = xreallocarray(out->codes, out->n + 1, sizeof(char *));
			out->codes[out->n++] =
			    xstrndup(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
			added++;
		}
	}
	zbar_image_destroy(img);
	return added;
}

bool scan_file(const char *path, struct scan_codes *out, char **cause)
{
	struct scan_image img;

	memset(out, 0, sizeof(*out));
	if (!scan_image_load(path, &img, cause)) {
		return false;
	}
	struct scan_decoder *d = scan_decoder_new(false);
	scan_decode_gray(d, img.pixels, img.width, img.height, out);
	scan_decoder_free(d);
	scan_image_release(&img);
	return true;
}

void scan_codes_release(struct scan_codes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->codes[i]);
	}
	free(c->codes);
	memset(c, 0, sizeof(*c));
}
