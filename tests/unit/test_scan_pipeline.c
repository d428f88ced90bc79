/*
 * test_scan_pipeline: JPEG pictures load as grayscale and broken ones are
 * refused with a message; the preparations (half size, stretch, black and
 * white, cut-out) keep their sizes and values; the finder search sees a QR
 * and not noise; the pipeline decodes a code drawn turned and small, stops at
 * the half-size pass when that reads it, keeps a ticket-shaped code whose
 * check fails only when nothing better is found, and reads every code of a
 * sheet in reading order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>

#include "frontdesk/qr.h"
#include "frontdesk/scan.h"
#include "frontdesk/xmalloc.h"
#include "scan_private.h"

#define CODE_A   "2605000001340230345528"
#define CODE_B   "2605000002117269825658"
#define BAD_CODE "2605000001340230345529" /* CODE_A with its check digit off by one */

/* A w x h picture of one grey level. */
static struct scan_image image_new(int w, int h, unsigned char level)
{
	struct scan_image img = {w, h, xmalloc((size_t)w * (size_t)h)};

	memset(img.pixels, level, (size_t)w * (size_t)h);
	return img;
}

/* The QR of a ticket code (numeric) or of any text (8-bit). The caller frees dark. */
static struct qr_matrix matrix_of(const char *text)
{
	char *cause = NULL;
	struct qr_matrix out;

	if (strspn(text, "0123456789") == strlen(text)) {
		struct qr_matrix *m = qr_encode_numeric(text, &cause);
		assert_non_null(m);
		out = (struct qr_matrix){m->width, xmalloc((size_t)m->width * m->width)};
		memcpy(out.dark, m->dark, (size_t)m->width * m->width);
		qr_free(m);
		return out;
	}
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	out = (struct qr_matrix){q->width, xmalloc((size_t)q->width * q->width)};
	for (int i = 0; i < q->width * q->width; i++) {
		out.dark[i] = q->data[i] & 1;
	}
	QRcode_free(q);
	return out;
}

/*
 * Draws text's QR into img centred at (cx, cy), module px a module, turned by
 * degrees, dark 60 on a white (220) quiet zone of 4 modules.
 */
static void draw_code(struct scan_image *img, const char *text, double cx, double cy, double module,
                      double degrees)
{
	struct qr_matrix m = matrix_of(text);
	double a = degrees * M_PI / 180, side = (m.width + 8) * module, half = side / 2;

	for (int y = 0; y < img->height; y++) {
		for (int x = 0; x < img->width; x++) {
			double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
			double u = dx * cos(a) + dy * sin(a) + half,
			       v = -dx * sin(a) + dy * cos(a) + half;
			if (u < 0 || v < 0 || u >= side || v >= side) {
				continue;
			}
			int mx = (int)(u / module) - 4, my = (int)(v / module) - 4;
			bool dark = mx >= 0 && my >= 0 && mx < m.width && my < m.width &&
			            m.dark[my * m.width + mx];
			img->pixels[(size_t)y * img->width + x] = dark ? 60 : 220;
		}
	}
	free(m.dark);
}

/* Compresses a grey (components 1) or RGB (3) picture to JPEG in memory; the caller frees it. */
static unsigned char *jpeg_encode(const unsigned char *px, int w, int h, int components,
                                  unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL;

	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = components;
	c.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(px + (size_t)c.next_scanline * w * components);
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return out;
}

static void jpeg_grey_and_colour_load_as_luma(void **state)
{
	unsigned char grey[32 * 16], rgb[32 * 16 * 3];
	struct scan_image img;
	unsigned long len = 0;
	char *cause = NULL;

	for (int i = 0; i < 32 * 16; i++) {
		grey[i] = (unsigned char)(i % 32 < 16 ? 30 : 200);
		rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = grey[i];
	}
	unsigned char *j = jpeg_encode(grey, 32, 16, 1, &len);
	assert_true(scan_image_read(j, len, "grey.jpg", &img, &cause));
	assert_int_equal(img.width, 32);
	assert_int_equal(img.height, 16);
	assert_in_range(img.pixels[2], 20, 40);
	assert_in_range(img.pixels[16 * 8 + 28], 190, 210);
	scan_image_release(&img);
	free(j);
	j = jpeg_encode(rgb, 32, 16, 3, &len);
	assert_true(scan_image_read(j, len, "colour.jpg", &img, &cause));
	assert_int_equal(img.width, 32);
	assert_in_range(img.pixels[2], 20, 40);
	scan_image_release(&img);
	free(j);
}

static void broken_jpegs_are_refused_with_a_message(void **state)
{
	static unsigned char px[64 * 64];
	struct scan_image img;
	unsigned long len = 0;
	char *cause = NULL;

	for (int i = 0; i < 64 * 64; i++) {
		px[i] = (unsigned char)((i * 7919) % 251);
	}
	unsigned char *j = jpeg_encode(px, 64, 64, 1, &len);
	/* cut in the middle of the picture's data */
	assert_false(scan_image_read(j, len / 2, "cut.jpg", &img, &cause));
	assert_non_null(strstr(cause, "cut.jpg"));
	assert_non_null(strstr(cause, "cut short"));
	assert_null(img.pixels);
	free(cause);
	/* only the start of the header */
	assert_false(scan_image_read(j, 20, "head.jpg", &img, &cause));
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	/* garbage after the start marker */
	unsigned char garbage[600] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10};
	for (size_t i = 6; i < sizeof(garbage); i++) {
		garbage[i] = (unsigned char)(i * 31 + 7);
	}
	assert_false(scan_image_read(garbage, sizeof(garbage), "garbage.jpg", &img, &cause));
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	/* a header claiming 60000 x 60000: refused before anything is allocated for it */
	for (unsigned long i = 0; i + 8 < len; i++) {
		if (j[i] == 0xFF && j[i + 1] == 0xC0) {
			j[i + 5] = j[i + 7] = 0xEA;
			j[i + 6] = j[i + 8] = 0x60;
			break;
		}
	}
	assert_false(scan_image_read(j, len, "huge.jpg", &img, &cause));
	assert_non_null(strstr(cause, "100 megapixels"));
	free(cause);
	free(j);
}

static void preparations_keep_sizes_and_values(void **state)
{
	struct scan_image in = image_new(5, 3, 100), out;

	in.pixels[0] = 0;
	in.pixels[1] = 200;
	in.pixels[5] = 100;
	in.pixels[6] = 100;
	scan_prep_half(&in, &out);
	assert_int_equal(out.width, 2);
	assert_int_equal(out.height, 1);
	assert_int_equal(out.pixels[0], 100); /* (0 + 200 + 100 + 100) / 4 */
	scan_image_release(&out);
	/* a picture between 100 and 140 is stretched to 0..255 */
	for (int i = 0; i < 15; i++) {
		in.pixels[i] = (unsigned char)(i < 7 ? 100 : 140);
	}
	scan_prep_stretch(&in, &out);
	assert_int_equal(out.pixels[0], 0);
	assert_int_equal(out.pixels[14], 255);
	scan_image_release(&out);
	/* a cut-out enlarged twice, cut to the picture */
	scan_prep_crop(&in, (struct scan_rect){3, 1, 10, 10}, 2, &out);
	assert_int_equal(out.width, 4);
	assert_int_equal(out.height, 4);
	assert_int_equal(out.pixels[0], 140);
	scan_image_release(&out);
	scan_image_release(&in);
	/* black and white: a dark square on a light ground, with a shadow over half of it */
	in = image_new(64, 64, 200);
	for (int y = 0; y < 64; y++) {
		for (int x = 0; x < 64; x++) {
			bool square = x >= 20 && x < 34 && y >= 20 && y < 34;
			int level = (square ? 60 : 200) - (x >= 28 ? 50 : 0);
			in.pixels[y * 64 + x] = (unsigned char)level;
		}
	}
	scan_prep_binarise(&in, &out);
	assert_int_equal(out.pixels[30 * 64 + 25], 0);
	assert_int_equal(out.pixels[30 * 64 + 31], 0);  /* dark in the shadow too */
	assert_int_equal(out.pixels[5 * 64 + 50], 255); /* the shadowed ground stays light */
	assert_int_equal(out.pixels[50 * 64 + 10], 255);
	scan_image_release(&out);
	scan_image_release(&in);
}

static void finders_are_seen_on_a_code_not_on_noise(void **state)
{
	struct scan_image frame = image_new(320, 240, 200), bw;
	struct scan_rect around;

	draw_code(&frame, CODE_A, 160, 120, 4, 10);
	scan_prep_binarise(&frame, &bw);
	assert_true(scan_prep_finders(&bw, &around) >= 4);
	assert_in_range(around.x, 80, 160);
	assert_in_range(around.y, 40, 120);
	scan_image_release(&bw);
	srand(7);
	for (int i = 0; i < 320 * 240; i++) {
		frame.pixels[i] = (unsigned char)(128 + rand() % 40 - 20);
	}
	scan_prep_binarise(&frame, &bw);
	assert_true(scan_prep_finders(&bw, &around) < 4);
	scan_image_release(&bw);
	scan_image_release(&frame);
}

static void pipeline_reads_a_turned_code_at_half_size_first(void **state)
{
	struct scan_image frame = image_new(1280, 720, 180);
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_CAMERA);
	struct scan_codes codes = {0};

	draw_code(&frame, CODE_A, 500, 300, 7, 25);
	assert_int_equal(scan_pipeline_decode(p, &frame, &codes), SCAN_PASS_HALF);
	assert_int_equal(codes.n, 1);
	assert_string_equal(codes.codes[0], CODE_A);
	assert_int_equal(scan_pipeline_last_pass(p), SCAN_PASS_HALF);
	assert_string_equal(scan_pass_name(SCAN_PASS_HALF), "half");
	scan_codes_release(&codes);
	/* nothing in view: nothing found, nothing appended */
	memset(frame.pixels, 180, 1280 * 720);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(scan_pipeline_decode(p, &frame, &codes), -1);
		assert_int_equal(codes.n, 0);
	}
	assert_string_equal(scan_pass_name(-1), "none");
	scan_pipeline_free(p);
	scan_pipeline_free(NULL);
	scan_image_release(&frame);
}

static void a_small_code_is_read_by_a_later_pass(void **state)
{
	struct scan_image frame = image_new(1280, 720, 180);
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_PICTURE);
	struct scan_codes codes = {0};

	/* 1.6 px a module: too small for the half frame */
	draw_code(&frame, CODE_B, 700, 400, 1.6, 0);
	int pass = scan_pipeline_decode(p, &frame, &codes);
	assert_true(pass > SCAN_PASS_HALF);
	assert_int_equal(codes.n, 1);
	assert_string_equal(codes.codes[0], CODE_B);
	scan_codes_release(&codes);
	scan_pipeline_free(p);
	scan_image_release(&frame);
}

static void a_code_that_fails_its_check_is_kept_only_as_a_last_resort(void **state)
{
	struct scan_image frame = image_new(640, 480, 200);
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_PICTURE);
	struct scan_codes codes = {0};

	/* alone: every pass is tried, and it comes back for the desk to say BAD_CODE */
	draw_code(&frame, BAD_CODE, 320, 240, 6, 0);
	assert_int_equal(scan_pipeline_decode(p, &frame, &codes), SCAN_PASS_HALF);
	assert_int_equal(codes.n, 1);
	assert_string_equal(codes.codes[0], BAD_CODE);
	scan_codes_release(&codes);
	/* a platform code is no ticket: the half pass that read it ends the search */
	memset(frame.pixels, 200, 640 * 480);
	draw_code(&frame, "WH-EXT-77", 320, 240, 6, 0);
	assert_int_equal(scan_pipeline_decode(p, &frame, &codes), SCAN_PASS_HALF);
	assert_string_equal(codes.codes[0], "WH-EXT-77");
	scan_codes_release(&codes);
	scan_pipeline_free(p);
	scan_image_release(&frame);
}

static void a_sheet_gives_every_code_in_reading_order(void **state)
{
	char dir[] = "/tmp/frontdesk-test-sheet-XXXXXX";
	static const char *const codes_on_sheet[6] = {
	    CODE_A, CODE_B, "2605000003000000000077", BAD_CODE, "WH-EXT-77", "WH-EXT-78"};
	struct scan_image sheet = image_new(900, 1200, 235);
	struct scan_codes codes;
	char *cause = NULL;

	assert_non_null(mkdtemp(dir));
	for (int i = 0; i < 6; i++) {
		draw_code(&sheet, codes_on_sheet[i], 225 + (i % 2) * 450, 200 + (i / 2) * 400, 5,
		          0);
	}
	char *path = xasprintf("%s/sheet.pgm", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fprintf(f, "P5 900 1200 255\n");
	assert_int_equal(fwrite(sheet.pixels, 1, 900 * 1200, f), 900 * 1200);
	assert_int_equal(fclose(f), 0);
	assert_true(scan_file_all(path, &codes, &cause));
	assert_int_equal(codes.n, 6);
	for (int i = 0; i < 6; i++) {
		assert_string_equal(codes.codes[i], codes_on_sheet[i]);
	}
	scan_codes_release(&codes);
	assert_int_equal(remove(path), 0);
	assert_false(scan_file_all(path, &codes, &cause)); /* gone: a message, no crash */
	assert_non_null(strstr(cause, "no such file"));
	free(cause);
	assert_int_equal(rmdir(dir), 0);
	free(path);
	scan_image_release(&sheet);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(jpeg_grey_and_colour_load_as_luma),
	    cmocka_unit_test(broken_jpegs_are_refused_with_a_message),
	    cmocka_unit_test(preparations_keep_sizes_and_values),
	    cmocka_unit_test(finders_are_seen_on_a_code_not_on_noise),
	    cmocka_unit_test(pipeline_reads_a_turned_code_at_half_size_first),
	    cmocka_unit_test(a_small_code_is_read_by_a_later_pass),
	    cmocka_unit_test(a_code_that_fails_its_check_is_kept_only_as_a_last_resort),
	    cmocka_unit_test(a_sheet_gives_every_code_in_reading_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
