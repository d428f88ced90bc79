/*
 * test_qr: ticket codes become version 1 QR symbols in numeric mode with a
 * white quiet zone, and every rendering (pixels, PNG file, vector drawing)
 * decodes back to the same digits with zbar.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/qr.h"
#include "frontdesk/scan.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"

#define CODE "2605000001340230345528"

/* Grey bytes of an RGB24 surface (black on white renderings only). */
static unsigned char *surface_gray(cairo_surface_t *s, int *w, int *h)
{
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);

	*w = cairo_image_surface_get_width(s);
	*h = cairo_image_surface_get_height(s);
	unsigned char *g = xmalloc((size_t)*w * (size_t)*h);
	for (int y = 0; y < *h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
		for (int x = 0; x < *w; x++) {
			g[(size_t)y * *w + x] = (unsigned char)(row[x] & 0xff);
		}
	}
	return g;
}

/* Decodes a surface; returns the single text found (the caller frees it) or NULL. */
static char *decode_surface(cairo_surface_t *s)
{
	int w, h;
	unsigned char *g;
	struct scan_decoder *d = scan_decoder_new(false);
	struct scan_codes codes = {0};
	char *text = NULL;

	cairo_surface_flush(s);
	g = surface_gray(s, &w, &h);
	if (scan_decode_gray(d, g, w, h, &codes) == 1) {
		text = xstrdup(codes.codes[0]);
	}
	scan_codes_release(&codes);
	scan_decoder_free(d);
	free(g);
	return text;
}

static void a_ticket_code_is_a_version_1_symbol(void **state)
{
	char *cause = NULL;
	struct qr_matrix *m = qr_encode_numeric(CODE, &cause);

	assert_non_null(m);
	assert_int_equal(m->width, 21);
	/* the top-left finder pattern: a dark 7x7 ring around a light ring around a 3x3 core */
	for (int y = 0; y < 7; y++) {
		for (int x = 0; x < 7; x++) {
			bool ring = x == 0 || y == 0 || x == 6 || y == 6;
			bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
			assert_int_equal(m->dark[y * 21 + x], ring || core);
		}
	}
	assert_int_equal(qr_side_pixels(m, 8), (21 + 2 * QR_QUIET_ZONE) * 8);
	qr_free(m);
	qr_free(NULL);
}

static void only_digits_are_encoded(void **state)
{
	static const char *const bad[] = {"", "12a4", "2605 0000", "-1", "１２３"};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *cause = NULL;
		assert_null(qr_encode_numeric(bad[i], &cause));
		assert_non_null(strstr(cause, "digits"));
		free(cause);
	}
	char *cause = NULL;
	assert_null(qr_encode_numeric(NULL, &cause));
	free(cause);
}

static void the_largest_symbol_at_level_m_holds_5596_digits(void **state)
{
	char *digits = xmalloc(5598);
	char *cause = NULL;

	memset(digits, '7', 5597);
	digits[5596] = '\0';
	struct qr_matrix *m = qr_encode_numeric(digits, &cause);
	assert_non_null(m);
	assert_int_equal(m->width, 177); /* version 40 */
	qr_free(m);
	digits[5596] = '7';
	digits[5597] = '\0';
	assert_null(qr_encode_numeric(digits, &cause));
	assert_non_null(strstr(cause, "5596"));
	free(cause);
	free(digits);
}

static void rendering_has_a_white_quiet_zone_and_whole_modules(void **state)
{
	char *cause = NULL;
	struct qr_matrix *m = qr_encode_numeric(CODE, &cause);
	cairo_surface_t *s = qr_render(m, 3);
	int w, h;
	unsigned char *g = surface_gray(s, &w, &h);

	assert_int_equal(w, 29 * 3);
	assert_int_equal(h, 29 * 3);
	for (int i = 0; i < w * h; i++) {
		int x = i % w, y = i / w;
		bool quiet = x < 12 || y < 12 || x >= w - 12 || y >= h - 12;
		if (quiet) {
			assert_int_equal(g[i], 255);
		} else {
			/* no grey: every pixel is a whole module's colour */
			int mx = x / 3 - QR_QUIET_ZONE, my = y / 3 - QR_QUIET_ZONE;
			assert_int_equal(g[i], m->dark[my * 21 + mx] ? 0 : 255);
		}
	}
	free(g);
	cairo_surface_destroy(s);
	qr_free(m);
}

static void rendering_decodes_at_every_scale(void **state)
{
	char *cause = NULL;
	struct qr_matrix *m = qr_encode_numeric(CODE, &cause);

	for (int scale = 2; scale <= 12; scale += 2) {
		cairo_surface_t *s = qr_render(m, scale);
		char *text = decode_surface(s);
		assert_non_null(text);
		assert_string_equal(text, CODE);
		free(text);
		cairo_surface_destroy(s);
	}
	qr_free(m);
}

static void png_file_decodes_and_bad_path_is_reported(void **state)
{
	char dir[] = "/tmp/frontdesk-test-qr-XXXXXX";
	char *cause = NULL;
	struct qr_matrix *m = qr_encode_numeric(CODE, &cause);
	struct scan_codes codes;

	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/t.png", dir);
	assert_true(qr_write_png(m, 8, path, &cause));
	assert_true(scan_file(path, &codes, &cause));
	assert_int_equal(codes.n, 1);
	assert_string_equal(codes.codes[0], CODE);
	scan_codes_release(&codes);
	unlink(path);
	free(path);
	path = xasprintf("%s/missing/t.png", dir);
	assert_false(qr_write_png(m, 8, path, &cause));
	assert_non_null(strstr(cause, "cannot write"));
	free(cause);
	free(path);
	rmdir(dir);
	qr_free(m);
}

static void vector_drawing_at_any_size_decodes(void **state)
{
	char *cause = NULL;
	struct qr_matrix *m = qr_encode_numeric(CODE, &cause);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1, 0, 0);
	qr_draw(m, cr, 70.5, 20.25, 157.3); /* not a whole number of pixels a module */
	/* the caller's source survives the drawing */
	double r, g, b;
	assert_int_equal(cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, NULL),
	                 CAIRO_STATUS_SUCCESS);
	assert_true(r == 1 && g == 0 && b == 0);
	cairo_destroy(cr);
	char *text = decode_surface(s);
	assert_non_null(text);
	assert_string_equal(text, CODE);
	free(text);
	cairo_surface_destroy(s);
	qr_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_ticket_code_is_a_version_1_symbol),
	    cmocka_unit_test(only_digits_are_encoded),
	    cmocka_unit_test(the_largest_symbol_at_level_m_holds_5596_digits),
	    cmocka_unit_test(rendering_has_a_white_quiet_zone_and_whole_modules),
	    cmocka_unit_test(rendering_decodes_at_every_scale),
	    cmocka_unit_test(png_file_decodes_and_bad_path_is_reported),
	    cmocka_unit_test(vector_drawing_at_any_size_decodes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
