/*
 * qr owns turning a ticket code into a QR symbol and the symbol into pixels
 * or vector paths. libqrencode is asked for numeric mode explicitly (through
 * QRinput) rather than letting it guess a mode, so a code always gives the
 * same, smallest symbol; cairo does every rendering, so the PNG files, the
 * PDF sheet and the badges draw the very same modules.
 */
#include "frontdesk/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

#define QR_MAX_SCALE  64
#define QR_MAX_DIGITS 5596 /* what a version 40 symbol holds in numeric mode at level M */

static bool all_digits(const char *s, size_t *len)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++) {
		if (s[n] < '0' || s[n] > '9') {
			return false;
		}
	}
	*len = n;
	return n > 0;
}

/* Runs libqrencode on digits in numeric mode at level M, any version. NULL when it fails. */
static QRcode *encode(const char *digits, size_t len)
{
	QRinput *input = QRinput_new2(0, QR_ECLEVEL_M);
	QRcode *code = NULL;

	if (input == NULL) {
		return NULL;
	}
	if (QRinput_append(input, QR_MODE_NUM, (int)len, (const unsigned char *)digits) == 0) {
		code = QRcode_encodeInput(input);
	}
	QRinput_free(input);
	return code;
}

struct qr_matrix *qr_encode_numeric(const char *digits, char **cause)
{
	size_t len = 0;

	if (digits == NULL || !all_digits(digits, &len) || len > QR_MAX_DIGITS) {
		*cause = say("二维码只能由 1 到 5596 位数字组成");
		return NULL;
	}
	QRcode *code = encode(digits, len);
	if (code == NULL) {
		*cause = say("无法生成二维码：%s", strerror(errno));
		return NULL;
	}
	struct qr_matrix *m = xmalloc(sizeof(*m));
	size_t n = (size_t)code->width * (size_t)code->width;
	m->width = code->width;
	m->dark = xmalloc(n);
	for (size_t i = 0; i < n; i++) {
		/* bit 0 is the module's colour; the other bits say what kind of module it is */
		m->dark[i] = code->data[i] & 1;
	}
	QRcode_free(code);
	return m;
}

void qr_free(struct qr_matrix *m)
{
	if (m == NULL) {
		return;
	}
	free(m->dark);
	free(m);
}

int qr_side_pixels(const struct qr_matrix *m, int scale)
{
	return (m->width + 2 * QR_QUIET_ZONE) * scale;
}

/*
 * Adds the dark modules to cr's path, one rectangle per horizontal run, in
 * module units with the symbol's corner at the origin. One path filled once
 * leaves no hairline seams between neighbouring modules in a PDF viewer.
 */
static void add_modules(const struct qr_matrix *m, cairo_t *cr)
{
	for (int y = 0; y < m->width; y++) {
		const unsigned char *row = m->dark + (size_t)y * (size_t)m->width;
		int x = 0;
		while (x < m->width) {
			if (!row[x]) {
				x++;
				continue;
			}
			int start = x;
			while (x < m->width && row[x]) {
				x++;
			}
			cairo_rectangle(cr, start, y, x - start, 1);
		}
	}
}

void qr_draw(const struct qr_matrix *m, cairo_t *cr, double x, double y, double size)
{
	double unit = size / (m->width + 2 * QR_QUIET_ZONE);

	cairo_save(cr);
	cairo_new_path(cr);
	cairo_rectangle(cr, x, y, size, size);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	cairo_translate(cr, x + unit * QR_QUIET_ZONE, y + unit * QR_QUIET_ZONE);
	cairo_scale(cr, unit, unit);
	add_modules(m, cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_fill(cr);
	cairo_restore(cr);
}

cairo_surface_t *qr_render(const struct qr_matrix *m, int scale)
{
	if (scale < 1) {
		scale = 1;
	}
	if (scale > QR_MAX_SCALE) {
		scale = QR_MAX_SCALE;
	}
	int side = qr_side_pixels(m, scale);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	cairo_t *cr = cairo_create(s);
	/* whole pixels per module: no grey edges for a decoder to puzzle over */
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	qr_draw(m, cr, 0, 0, side);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

bool qr_write_png(const struct qr_matrix *m, int scale, const char *path, char **cause)
{
	cairo_surface_t *s = qr_render(m, scale);
	cairo_status_t st = cairo_surface_status(s);

	if (st == CAIRO_STATUS_SUCCESS) {
		st = cairo_surface_write_to_png(s, path);
	}
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		*cause = say("无法写入 %s：%s", path, cairo_status_to_string(st));
		return false;
	}
	return true;
}
