/*
 * frontdesk-bench camera LIST [EMPTY]: the camera's decode pipeline (issue 20)
 * per 1280x720 frame, beside libzbar alone on the same frames in the same run.
 * LIST holds "FILE CODE" lines (scripts/gen-phone-photos's photos.txt; FILE
 * relative to LIST's folder). The photos are loaded first (as the camera has
 * its frame in memory), then played ROUNDS times in a row through one camera
 * pipeline, as a camera stream would pass them. EMPTY, a frame with no code
 * (the desk's usual view), is timed on its own through a fresh pipeline.
 * Prints "name wall_med wall_p99 cpu_med cpu_p99 n" lines:
 *   camera_pipeline   scan_pipeline_decode of one photo
 *   camera_zbar       libzbar on the full frame (QR only, every line: zbarimg's way)
 *   camera_zbar_video libzbar on the full frame every second line (the camera before issue 20)
 *   camera_empty      the pipeline on EMPTY (the dear passes run on every 8th frame)
 * and "camera_decoded PIPELINE ZBAR N" (photos decoded to their own code in the first
 * round) and "camera_wrong PIPELINE ZBAR" (decoded to another code).
 * Kept apart from bench.c so the camera rows merge on their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/scan.h"
#include "frontdesk/xmalloc.h"

#define CAMERA_ROUNDS     4
#define CAMERA_MAX_PHOTOS 200

struct photo {
	struct scan_image img;
	char code[64];
};

static double clock_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct samples {
	double *wall, *cpu;
	size_t n;
};

static void samples_print(const char *name, struct samples *s)
{
	qsort(s->wall, s->n, sizeof(double), compare_double);
	qsort(s->cpu, s->n, sizeof(double), compare_double);
	printf("%s %.3f %.3f %.3f %.3f %zu\n", name, s->wall[s->n / 2], s->wall[s->n * 99 / 100],
	       s->cpu[s->n / 2], s->cpu[s->n * 99 / 100], s->n);
	free(s->wall);
	free(s->cpu);
}

static size_t load_photos(const char *list, struct photo *photos)
{
	FILE *f = fopen(list, "r");
	char line[512], file[256], code[64];
	const char *slash = strrchr(list, '/');
	int dir_len = slash ? (int)(slash - list) : 1;
	const char *dir = slash ? list : ".";
	size_t n = 0;

	if (f == NULL) {
		return 0;
	}
	while (n < CAMERA_MAX_PHOTOS && fgets(line, sizeof(line), f) != NULL) {
		char *cause = NULL;
		if (sscanf(line, "%255s %63s", file, code) != 2) {
			continue;
		}
		char *path = xasprintf("%.*s/%s", dir_len, dir, file);
		if (scan_image_load(path, &photos[n].img, &cause)) {
			snprintf(photos[n].code, sizeof(photos[n].code), "%s", code);
			n++;
		} else {
			fprintf(stderr, "bench: %s\n", cause);
			free(cause);
		}
		free(path);
	}
	fclose(f);
	return n;
}

/* 1 when the codes hold want, -1 when they hold only others, 0 when empty. */
static int verdict(const struct scan_codes *c, const char *want)
{
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->codes[i], want) == 0) {
			return 1;
		}
	}
	return c->n > 0 ? -1 : 0;
}

/* Times the pipeline on every photo, ROUNDS times; counts the first round's results. */
static struct samples time_pipeline(struct photo *photos, size_t n, int *ok, int *wrong)
{
	struct samples s = {xcalloc(n * CAMERA_ROUNDS, sizeof(double)),
	                    xcalloc(n * CAMERA_ROUNDS, sizeof(double)), 0};
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_CAMERA);

	for (int round = 0; round < CAMERA_ROUNDS; round++) {
		for (size_t i = 0; i < n; i++) {
			struct scan_codes c = {0};
			double w0 = clock_ms(CLOCK_MONOTONIC),
			       c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
			scan_pipeline_decode(p, &photos[i].img, &c);
			s.cpu[s.n] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
			s.wall[s.n++] = clock_ms(CLOCK_MONOTONIC) - w0;
			int v = verdict(&c, photos[i].code);
			*ok += round == 0 && v == 1;
			*wrong += round == 0 && v == -1;
			if (round == 0) {
				fprintf(stderr, "bench: photo %zu: %s\n", i + 1,
				        scan_pass_name(scan_pipeline_last_pass(p)));
			}
			scan_codes_release(&c);
		}
	}
	scan_pipeline_free(p);
	return s;
}

static struct samples time_zbar(struct photo *photos, size_t n, bool video, int *ok, int *wrong)
{
	struct samples s = {xcalloc(n * CAMERA_ROUNDS, sizeof(double)),
	                    xcalloc(n * CAMERA_ROUNDS, sizeof(double)), 0};
	struct scan_decoder *d = scan_decoder_new(video);

	for (int round = 0; round < CAMERA_ROUNDS; round++) {
		for (size_t i = 0; i < n; i++) {
			struct scan_codes c = {0};
			const struct scan_image *img = &photos[i].img;
			double w0 = clock_ms(CLOCK_MONOTONIC),
			       c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
			scan_decode_gray(d, img->pixels, img->width, img->height, &c);
			s.cpu[s.n] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
			s.wall[s.n++] = clock_ms(CLOCK_MONOTONIC) - w0;
			int v = verdict(&c, photos[i].code);
			*ok += round == 0 && v == 1;
			*wrong += round == 0 && v == -1;
			scan_codes_release(&c);
		}
	}
	scan_decoder_free(d);
	return s;
}

/* The pipeline on a frame without a code, 8 x ROUNDS x 4 times in a row. */
static void time_empty(const char *path)
{
	struct scan_image img;
	char *cause = NULL;
	size_t runs = 8 * CAMERA_ROUNDS * 4;

	if (!scan_image_load(path, &img, &cause)) {
		fprintf(stderr, "bench: %s\n", cause);
		free(cause);
		return;
	}
	struct samples s = {xcalloc(runs, sizeof(double)), xcalloc(runs, sizeof(double)), 0};
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_CAMERA);
	for (size_t i = 0; i < runs; i++) {
		struct scan_codes c = {0};
		double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
		scan_pipeline_decode(p, &img, &c);
		s.cpu[s.n] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		s.wall[s.n++] = clock_ms(CLOCK_MONOTONIC) - w0;
		scan_codes_release(&c);
	}
	scan_pipeline_free(p);
	scan_image_release(&img);
	samples_print("camera_empty", &s);
}

int bench_camera(const char *list, const char *empty);

int bench_camera(const char *list, const char *empty)
{
	struct photo *photos = xcalloc(CAMERA_MAX_PHOTOS, sizeof(*photos));
	size_t n = load_photos(list, photos);
	int p_ok = 0, p_wrong = 0, z_ok = 0, z_wrong = 0, v_ok = 0, v_wrong = 0;

	if (n == 0) {
		fprintf(stderr, "bench: no photos in %s\n", list);
		free(photos);
		return 1;
	}
	/* alternate the two, so that a busy moment of the machine falls on both alike */
	struct samples zbar = time_zbar(photos, n, false, &z_ok, &z_wrong);
	struct samples pipe = time_pipeline(photos, n, &p_ok, &p_wrong);
	struct samples video = time_zbar(photos, n, true, &v_ok, &v_wrong);
	samples_print("camera_pipeline", &pipe);
	samples_print("camera_zbar", &zbar);
	samples_print("camera_zbar_video", &video);
	printf("camera_decoded %d %d %d %zu\n", p_ok, z_ok, v_ok, n);
	printf("camera_wrong %d %d %d\n", p_wrong, z_wrong, v_wrong);
	if (empty != NULL) {
		time_empty(empty);
	}
	for (size_t i = 0; i < n; i++) {
		scan_image_release(&photos[i].img);
	}
	free(photos);
	return 0;
}
