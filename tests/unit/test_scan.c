/*
 * test_scan: pictures load as grayscale (PNG of any kind, PGM 8 and 16 bits)
 * and hostile or broken files are refused with a message; the repeat filter
 * passes a held-up code once; the frame sources play a folder in name order
 * and report a missing camera; the camera thread writes each new code as one
 * line to the pipe, drops repeats and unsafe texts, and survives a full pipe
 * or a reader that went away.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/qr.h"
#include "frontdesk/scan.h"
#include "frontdesk/xmalloc.h"

#define CODE_A "2605000001340230345528"
#define CODE_B "2605000002117269825658"

struct tmp {
	char dir[64];
};

static int tmp_make(void **state)
{
	struct tmp *t = xcalloc(1, sizeof(*t));

	snprintf(t->dir, sizeof(t->dir), "/tmp/frontdesk-test-scan-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	*state = t;
	return 0;
}

static int tmp_remove(void **state)
{
	struct tmp *t = *state;
	char *cmd = xasprintf("rm -rf '%s'", t->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(t);
	return 0;
}

static char *tmp_path(const struct tmp *t, const char *name)
{
	return xasprintf("%s/%s", t->dir, name);
}

static void write_bytes(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Writes a QR of any text (libqrencode's 8-bit mode) as a PNG at scale 6. */
static void write_qr_text(const char *path, const char *text)
{
	QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	struct qr_matrix m = {code->width, xmalloc((size_t)code->width * code->width)};
	char *cause = NULL;

	for (int i = 0; i < code->width * code->width; i++) {
		m.dark[i] = code->data[i] & 1;
	}
	assert_true(qr_write_png(&m, 6, path, &cause));
	free(m.dark);
	QRcode_free(code);
}

static void write_qr_code(const char *path, const char *digits)
{
	char *cause = NULL;
	struct qr_matrix *m = qr_encode_numeric(digits, &cause);

	assert_true(qr_write_png(m, 6, path, &cause));
	qr_free(m);
}

static void pgm_8_and_16_bits_load_as_gray(void **state)
{
	struct tmp *t = *state;
	char *path = tmp_path(t, "a.pgm");
	struct scan_image img;
	char *cause = NULL;
	static const char pgm8[] = "P5\n# made by hand\n3 2\n# max\n255\n\x00\x80\xff\x01\x02\x03";
	static const char pgm16[] = "P5 2 1 1000 \x03\xe8\x01\xf4";

	write_bytes(path, pgm8, sizeof(pgm8) - 1);
	assert_true(scan_image_load(path, &img, &cause));
	assert_int_equal(img.width, 3);
	assert_int_equal(img.height, 2);
	assert_memory_equal(img.pixels, "\x00\x80\xff\x01\x02\x03", 6);
	scan_image_release(&img);
	write_bytes(path, pgm16, sizeof(pgm16) - 1);
	assert_true(scan_image_load(path, &img, &cause));
	assert_int_equal(img.width, 2);
	assert_int_equal(img.pixels[0], 255); /* 1000 of 1000 */
	assert_int_equal(img.pixels[1], 127); /* 500 of 1000 */
	scan_image_release(&img);
	free(path);
}

static void broken_and_hostile_files_are_refused(void **state)
{
	struct tmp *t = *state;
	char *path = tmp_path(t, "bad");
	struct scan_image img;
	char *cause = NULL;
	static const struct {
		const char *bytes;
		size_t n;
		const char *why;
	} cases[] = {
	    {"P5\n3 2\n255\n\x00\x01", 13, "damaged"},                /* samples missing */
	    {"P5\n0 2\n255\n", 11, "damaged"},                        /* no width */
	    {"P5\n99999 99999\n255\n", 19, "damaged"},                /* 10 gigapixels */
	    {"P6\n1 1\n255\n\x00\x00\x00", 14, "only PNG, JPEG and"}, /* colour PPM */
	    {"GIF89a", 6, "only PNG, JPEG and"},                      /* another format */
	    {"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0", 24,
	     "damaged"}, /* 100000 x 100000 PNG */
	    {"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08", 25,
	     "cut short"}, /* PNG cut short */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_bytes(path, cases[i].bytes, cases[i].n);
		assert_false(scan_image_load(path, &img, &cause));
		assert_non_null(strstr(cause, cases[i].why));
		assert_null(img.pixels);
		free(cause);
	}
	free(path);
	path = tmp_path(t, "missing.png");
	assert_false(scan_image_load(path, &img, &cause));
	assert_non_null(strstr(cause, "no such file"));
	free(cause);
	assert_false(scan_image_load(t->dir, &img, &cause)); /* a folder */
	assert_non_null(strstr(cause, "regular file"));
	free(cause);
	free(path);
}

static void transparent_png_is_laid_over_white(void **state)
{
	struct tmp *t = *state;
	char *path = tmp_path(t, "alpha.png");
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 1);
	cairo_t *cr = cairo_create(s);
	struct scan_image img;
	char *cause = NULL;

	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_set_source_rgba(cr, 0, 0, 0, 0); /* fully transparent */
	cairo_rectangle(cr, 0, 0, 2, 1);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 1); /* opaque black */
	cairo_rectangle(cr, 2, 0, 1, 1);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 1);
	cairo_rectangle(cr, 3, 0, 1, 1);
	cairo_fill(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	assert_true(scan_image_load(path, &img, &cause));
	assert_memory_equal(img.pixels, "\xff\xff\x00\xff", 4);
	scan_image_release(&img);
	free(path);
}

static void a_file_with_codes_and_one_without(void **state)
{
	struct tmp *t = *state;
	char *path = tmp_path(t, "a.png");
	struct scan_codes codes;
	char *cause = NULL;
	static const unsigned char blank[] = "P5 8 8 255 ";
	unsigned char pgm[sizeof(blank) - 1 + 64];

	write_qr_code(path, CODE_A);
	assert_true(scan_file(path, &codes, &cause));
	assert_int_equal(codes.n, 1);
	assert_string_equal(codes.codes[0], CODE_A);
	scan_codes_release(&codes);
	memcpy(pgm, blank, sizeof(blank) - 1);
	memset(pgm + sizeof(blank) - 1, 200, 64);
	write_bytes(path, pgm, sizeof(pgm));
	assert_true(scan_file(path, &codes, &cause));
	assert_int_equal(codes.n, 0);
	scan_codes_release(&codes);
	free(path);
}

static void dedupe_passes_a_held_code_once(void **state)
{
	struct scan_dedupe d = {0};

	assert_true(scan_dedupe_accept(&d, CODE_A, 1000));
	assert_false(scan_dedupe_accept(&d, CODE_A, 1200));
	/* every sighting restarts the window: held up for 10 s, reported once */
	for (long long t = 1400; t < 11000; t += 200) {
		assert_false(scan_dedupe_accept(&d, CODE_A, t));
	}
	/* two tickets in view do not take turns */
	assert_true(scan_dedupe_accept(&d, CODE_B, 11000));
	assert_false(scan_dedupe_accept(&d, CODE_A, 11100));
	assert_false(scan_dedupe_accept(&d, CODE_B, 11200));
	/* out of sight for 3 s: news again */
	assert_false(scan_dedupe_accept(&d, CODE_A, 14099));
	assert_true(scan_dedupe_accept(&d, CODE_B, 14200));
	scan_dedupe_release(&d);
}

static void dedupe_forgets_the_oldest_of_many(void **state)
{
	struct scan_dedupe d = {0};
	char code[8];

	for (int i = 0; i <= SCAN_DEDUPE_SLOTS; i++) {
		snprintf(code, sizeof(code), "c%d", i);
		assert_true(scan_dedupe_accept(&d, code, 100 + i));
	}
	/* c0 was pushed out by the ninth code; c1..c8 are still remembered */
	assert_true(scan_dedupe_accept(&d, "c0", 200));
	assert_false(scan_dedupe_accept(&d, "c8", 201));
	scan_dedupe_release(&d);
	scan_dedupe_release(&d); /* twice is harmless */
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void dir_source_plays_pictures_in_name_order(void **state)
{
	struct tmp *t = *state;
	char *p1 = tmp_path(t, "2.png"), *p2 = tmp_path(t, "10.png"), *hidden = tmp_path(t, ".x");
	char *spec = xasprintf("dir:%s", t->dir), *cause = NULL;
	struct scan_image frame;
	int got = 0;

	write_qr_code(p1, CODE_B);
	write_qr_code(p2, CODE_A);
	write_bytes(hidden, "junk", 4);
	struct scan_source *src = scan_source_open(spec, &cause);
	assert_non_null(src);
	long long start = now_ms(), last = 0;
	enum scan_frame_status st;
	while ((st = scan_source_next(src, &frame, &cause)) != SCAN_FRAME_END) {
		assert_int_not_equal(st, SCAN_FRAME_ERROR);
		if (st == SCAN_FRAME_OK) {
			struct scan_decoder *d = scan_decoder_new(true);
			struct scan_codes codes = {0};
			assert_int_equal(
			    scan_decode_gray(d, frame.pixels, frame.width, frame.height, &codes),
			    1);
			/* strcmp order: "10.png" before "2.png" */
			assert_string_equal(codes.codes[0], got == 0 ? CODE_A : CODE_B);
			scan_codes_release(&codes);
			scan_decoder_free(d);
			last = now_ms();
			got++;
		}
	}
	assert_int_equal(got, 2);
	assert_in_range(last - start, SCAN_DIR_FRAME_MS - 20, 3 * SCAN_DIR_FRAME_MS);
	scan_source_close(src);
	scan_source_close(NULL);
	free(p1);
	free(p2);
	free(hidden);
	free(spec);
}

static void missing_sources_say_why(void **state)
{
	struct tmp *t = *state;
	char *cause = NULL;
	char *spec = xasprintf("dir:%s", t->dir);
	static const struct {
		const char *spec;
		const char *why;
	} cases[] = {
	    {"", "no camera given"},
	    {"dir:/nonexistent/frames", "cannot open the picture folder"},
	    {"/nonexistent/video9", "no camera at"},
	    {"/dev/null", "is not a camera"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_null(scan_source_open(cases[i].spec, &cause));
		assert_non_null(strstr(cause, cases[i].why));
		free(cause);
	}
	assert_null(scan_source_open(spec, &cause)); /* empty folder */
	assert_non_null(strstr(cause, "is empty"));
	free(cause);
	free(spec);
}

/* Waits up to ms for the camera to reach a final state; returns it. */
static enum scan_camera_state wait_camera(long long ms)
{
	long long until = now_ms() + ms;
	enum scan_camera_state st;

	while ((st = scan_camera_status(NULL, 0)) != SCAN_CAMERA_ENDED &&
	       st != SCAN_CAMERA_FAILED && now_ms() < until) {
		poll(NULL, 0, 20);
	}
	return st;
}

/* Reads what the pipe holds now (the caller frees it). */
static char *read_all(int fd)
{
	char buf[4096];
	ssize_t n;

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	return xstrdup(buf);
}

static void camera_writes_each_new_code_once(void **state)
{
	struct tmp *t = *state;
	static const struct {
		const char *name;
		const char *text;
	} frames[] = {
	    {"1.png", CODE_A}, {"2.png", CODE_A}, {"3.png", "bad\x1b[2Jcode"},
	    {"4.png", CODE_B}, {"5.png", CODE_A}, {"6.png", "WH-EXT-77\r\n"},
	};
	char *spec = xasprintf("dir:%s", t->dir), *cause = NULL;
	char message[256];
	int fds[2];

	for (size_t i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
		char *p = tmp_path(t, frames[i].name);
		write_qr_text(p, frames[i].text);
		free(p);
	}
	assert_int_equal(pipe(fds), 0);
	assert_true(scan_camera_start(spec, fds[1], &cause));
	assert_false(scan_camera_start(spec, fds[1], &cause)); /* one camera at a time */
	assert_non_null(strstr(cause, "already running"));
	free(cause);
	assert_int_equal(wait_camera(5000), SCAN_CAMERA_ENDED);
	char *got = read_all(fds[0]);
	/* the repeat of A, the escape sequence and the trailing CR LF never reach the desk */
	assert_string_equal(got, CODE_A "\n" CODE_B "\nWH-EXT-77\n");
	scan_camera_status(message, sizeof(message));
	assert_non_null(strstr(message, "pictures played: 6"));
	/* a short buffer is cut between characters, never inside one */
	scan_camera_status(message, 5);
	assert_string_equal(message, "图");
	free(got);
	scan_camera_stop();
	scan_camera_stop();
	/* a finished run does not stop the next one */
	assert_true(scan_camera_start(spec, fds[1], &cause));
	assert_int_equal(wait_camera(5000), SCAN_CAMERA_ENDED);
	scan_camera_stop();
	close(fds[0]);
	close(fds[1]);
	free(spec);
}

static void camera_failures_are_states_not_crashes(void **state)
{
	struct tmp *t = *state;
	char *p = tmp_path(t, "1.png"), *spec = xasprintf("dir:%s", t->dir), *cause = NULL;
	char message[256];
	int fds[2];

	assert_false(scan_camera_start("", 1, &cause));
	free(cause);
	assert_false(scan_camera_start(spec, -1, &cause)); /* not a descriptor */
	assert_non_null(strstr(cause, "pipe"));
	free(cause);
	assert_int_equal(pipe(fds), 0);
	assert_true(scan_camera_start("/nonexistent/video0", fds[1], &cause));
	assert_int_equal(wait_camera(2000), SCAN_CAMERA_FAILED);
	scan_camera_status(message, sizeof(message));
	assert_non_null(strstr(message, "no camera at /nonexistent/video0"));
	scan_camera_stop();
	/* the desk went away: EPIPE, no SIGPIPE, and the thread ends */
	write_qr_code(p, CODE_A);
	close(fds[0]);
	assert_true(scan_camera_start(spec, fds[1], &cause));
	assert_int_equal(wait_camera(2000), SCAN_CAMERA_FAILED);
	scan_camera_status(message, sizeof(message));
	assert_non_null(strstr(message, "stopped reading"));
	scan_camera_stop();
	assert_int_equal(scan_camera_status(message, 0), SCAN_CAMERA_FAILED);
	close(fds[1]);
	free(p);
	free(spec);
}

static void a_full_pipe_never_blocks_the_camera(void **state)
{
	struct tmp *t = *state;
	char *p = tmp_path(t, "1.png"), *spec = xasprintf("dir:%s", t->dir), *cause = NULL;
	char fill[4096];
	int fds[2];

	write_qr_code(p, CODE_A);
	assert_int_equal(pipe(fds), 0);
	fcntl(fds[1], F_SETFL, O_NONBLOCK);
	memset(fill, 'x', sizeof(fill));
	while (write(fds[1], fill, sizeof(fill)) > 0) {
	}
	assert_true(scan_camera_start(spec, fds[1], &cause));
	assert_int_equal(wait_camera(2000), SCAN_CAMERA_ENDED);
	scan_camera_stop();
	close(fds[0]);
	close(fds[1]);
	free(p);
	free(spec);
}

static void stop_is_quick_while_frames_are_due(void **state)
{
	struct tmp *t = *state;
	char *spec = xasprintf("dir:%s", t->dir), *cause = NULL;
	int fds[2];

	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof(name), "%02d.png", i);
		char *p = tmp_path(t, name);
		write_qr_code(p, i % 2 ? CODE_A : CODE_B);
		free(p);
	}
	assert_int_equal(pipe(fds), 0);
	assert_true(scan_camera_start(spec, fds[1], &cause));
	poll(NULL, 0, 300);
	assert_int_equal(scan_camera_status(NULL, 0), SCAN_CAMERA_RUNNING);
	long long t0 = now_ms();
	scan_camera_stop();
	assert_in_range(now_ms() - t0, 0, 250);
	assert_int_equal(scan_camera_status(NULL, 0), SCAN_CAMERA_OFF);
	close(fds[0]);
	close(fds[1]);
	free(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(pgm_8_and_16_bits_load_as_gray, tmp_make, tmp_remove),
	    cmocka_unit_test_setup_teardown(broken_and_hostile_files_are_refused, tmp_make,
	                                    tmp_remove),
	    cmocka_unit_test_setup_teardown(transparent_png_is_laid_over_white, tmp_make,
	                                    tmp_remove),
	    cmocka_unit_test_setup_teardown(a_file_with_codes_and_one_without, tmp_make,
	                                    tmp_remove),
	    cmocka_unit_test(dedupe_passes_a_held_code_once),
	    cmocka_unit_test(dedupe_forgets_the_oldest_of_many),
	    cmocka_unit_test_setup_teardown(dir_source_plays_pictures_in_name_order, tmp_make,
	                                    tmp_remove),
	    cmocka_unit_test_setup_teardown(missing_sources_say_why, tmp_make, tmp_remove),
	    cmocka_unit_test_setup_teardown(camera_writes_each_new_code_once, tmp_make, tmp_remove),
	    cmocka_unit_test_setup_teardown(camera_failures_are_states_not_crashes, tmp_make,
	                                    tmp_remove),
	    cmocka_unit_test_setup_teardown(a_full_pipe_never_blocks_the_camera, tmp_make,
	                                    tmp_remove),
	    cmocka_unit_test_setup_teardown(stop_is_quick_while_frames_are_due, tmp_make,
	                                    tmp_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
