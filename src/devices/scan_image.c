/*
 * scan_image owns reading pictures as 8-bit grayscale (what zbar's Y800
 * format wants): PNG through cairo, binary PGM by hand, JPEG through
 * libjpeg-turbo (scan_jpeg.c). The camera's folder source (scan_source.c),
 * `frontdesk scan` and the fuzz target share it.
 *
 * Why files are read whole and checked before a library sees them: a photo
 * of a code is a few megabytes at most, and reading the header first lets a
 * hostile file claiming a 100000 x 100000 picture be refused before anything
 * allocates for it. The format is told by the first bytes, never by the
 * file's name: a phone's photo called .png is still a JPEG.
 */
#include "frontdesk/scan.h"

#include <cairo.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"
#include "scan_private.h"

#define SCAN_MAX_FILE (64L * 1024 * 1024)

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

bool scan_size_ok(long width, long height)
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
	if (!scan_size_ok(w, h) || max < 1 || max > 65535 || i >= len) {
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
	    !scan_size_ok(w, h)) {
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

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* True when the 4 bytes name a PNG chunk: letters only. */
static bool chunk_name(const unsigned char *p)
{
	for (int i = 0; i < 4; i++) {
		if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z'))) {
			return false;
		}
	}
	return true;
}

/*
 * Walks the chunks: NULL when every chunk's data is there and the file ends
 * with IEND, else the msgid saying why not. libpng allocates what a chunk's
 * length claims before reading it (up to 2 GiB for a few hostile bytes), and a
 * cut-short file deserves its own message.
 */
static const char *png_chunks(const unsigned char *d, size_t len)
{
	size_t at = 8;

	while (len - at >= 8) {
		uint32_t n = be32(d + at);
		if (!chunk_name(d + at + 4) || n > 0x7FFFFFFFu) {
			return N_("图片已损坏或大于 1 亿像素");
		}
		if (len - at < 12 || n > len - at - 12) {
			break;
		}
		if (memcmp(d + at + 4, "IEND", 4) == 0) {
			return NULL;
		}
		at += 12 + (size_t)n;
	}
	return N_("图片不完整（文件被截断），请重新传送");
}

/* Returns NULL when *out holds the picture, else the msgid saying why not. */
static const char *load_png(const unsigned char *d, size_t len, struct scan_image *out)
{
	struct png_reader r = {d, len, 0};

	/* IHDR comes first: refuse absurd sizes before cairo allocates for them */
	if (len < 24 || memcmp(d + 12, "IHDR", 4) != 0 ||
	    !scan_size_ok(be32(d + 16), be32(d + 20))) {
		return N_("图片已损坏或大于 1 亿像素");
	}
	const char *why = png_chunks(d, len);
	if (why != NULL) {
		return why;
	}
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
	bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && png_to_gray(s, out);
	cairo_surface_destroy(s);
	return ok ? NULL : N_("图片已损坏或大于 1 亿像素");
}

bool scan_image_read(const unsigned char *data, size_t len, const char *name,
                     struct scan_image *out, char **cause)
{
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	const char *why = NULL;

	memset(out, 0, sizeof(*out));
	if (len >= 8 && memcmp(data, png_magic, 8) == 0) {
		why = load_png(data, len, out);
	} else if (len >= 2 && data[0] == 'P' && data[1] == '5') {
		why = load_pgm(data, len, out) ? NULL : N_("图片已损坏或大于 1 亿像素");
	} else if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
		why = scan_jpeg_read(data, len, out);
	} else {
		why = N_("只支持 PNG、JPEG 和二进制 PGM (P5) 图片");
	}
	if (why != NULL) {
		scan_image_release(out);
		*cause = load_error(name, why, 0);
	}
	return why == NULL;
}

bool scan_image_load(const char *path, struct scan_image *out, char **cause)
{
	size_t len = 0;
	unsigned char *d = read_file(path, &len, cause);

	memset(out, 0, sizeof(*out));
	if (d == NULL) {
		return false;
	}
	bool ok = scan_image_read(d, len, path, out, cause);
	free(d);
	return ok;
}

void scan_image_release(struct scan_image *img)
{
	free(img->pixels);
	memset(img, 0, sizeof(*img));
}
