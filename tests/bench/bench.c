/*
 * frontdesk-bench: per-operation timings that a shell cannot take (one
 * operation is far below a process start). Each figure is printed beside a
 * reference measured in the same process on the same database.
 *
 *   frontdesk-bench verdict DB CODES   scan-to-verdict: action_lookup per code,
 *                                      beside a bare SQLite point query
 *   frontdesk-bench allocate DB        one allocation on a nearly full hotel: every
 *                                      booking placed, then 2000 of them removed and
 *                                      placed again one at a time
 *   frontdesk-bench decode IMAGE       one camera frame (PNG or PGM, e.g. 1280x720
 *                                      grayscale) through the camera's decode pipeline
 *                                      and through libzbar alone, alternated, 200 times,
 *                                      the frame already in memory as the camera has it
 *   frontdesk-bench badge DB           one default badge PDF (the attendee loaded and
 *                                      the layout read, as the print queue does), 100
 *                                      times; then every badge on A4 sheets, 5 times
 *   frontdesk-bench checkins DB N BEDS [--fast]
 *                                      N real check-ins (action_checkin, journalled) of
 *                                      people with a green verdict, spread over the
 *                                      roster, at most BEDS of them given a bed: a
 *                                      desk's day, to export and merge; --fast commits
 *                                      without fsync (building the end-of-day copy)
 *   frontdesk-bench durable DB N       N check-ins as above, each timed alone, those
 *                                      without a bed and those with one apart; beside
 *                                      N bare one-row INSERT transactions with the
 *                                      same pragmas into a table of the same file
 *   frontdesk-bench desk DB            what the person at the desk waits for (DB is
 *                                      written to: give it a copy): keystrokes, the
 *                                      first after another process wrote, a scan to
 *                                      its card, the status line, Enter to the new
 *                                      count; "name wall_med wall_p99 cpu_med cpu_p99 n"
 *   frontdesk-bench lan A.db B.db N    N single-entry LAN pulls at A of what B checks
 *                                      in, then keystrokes at A between pulls
 *                                      (bench_lan.c)
 *   frontdesk-bench camera LIST [EMPTY] the camera's decode pipeline per frame on
 *                                      phone-like photos, beside libzbar alone
 *                                      (bench_camera.c)
 * Prints "name median_ms p99_ms" lines ("checkins N total_ms beds" for checkins).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "frontdesk/actions/card_details.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/actions/printing.h"
#include "frontdesk/badge.h"
#include "frontdesk/pinyin.h"
#include "frontdesk/query.h"
#include "frontdesk/scan.h"
#include "frontdesk/stays.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "db_private.h"
#include "desk_private.h"
#include "verdict.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* This thread's CPU time: what the desk spent, apart from waiting for the machine's other users. */
static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void print_stats(const char *name, double *samples, size_t n)
{
	qsort(samples, n, sizeof(double), compare_double);
	printf("%s %.4f %.4f\n", name, samples[n / 2], samples[(n * 99) / 100]);
}

static size_t read_lines(const char *path, char ***lines)
{
	FILE *f = fopen(path, "r");
	char buf[256];
	size_t n = 0;

	*lines = NULL;
	if (f == NULL) {
		return 0;
	}
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = '\0';
		*lines = xreallocarray(*lines, n + 1, sizeof(char *));
		(*lines)[n++] = xstrdup(buf);
	}
	fclose(f);
	return n;
}

/* The reference: the cheapest possible read of one row by its primary key. */
static void bench_reference(const char *db_path, size_t n, double *samples)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;

	sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
	sqlite3_prepare_v2(db, "SELECT name FROM attendee WHERE id = ?", -1, &stmt, NULL);
	for (size_t i = 0; i < n; i++) {
		double t0 = now_ms();
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, (sqlite3_int64)(i * 7919 % 100000 + 1));
		sqlite3_step(stmt);
		samples[i] = now_ms() - t0;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

static int bench_verdict(const char *db_path, const char *codes_path)
{
	char **codes;
	size_t n = read_lines(codes_path, &codes);
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	size_t found = 0;

	if (desk == NULL || n == 0) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "no codes");
		return 1;
	}
	double *samples = xcalloc(n, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		struct lookup_result r;
		double t0 = now_ms();
		found += action_lookup(desk, codes[i], &r) == ACTION_OK;
		samples[i] = now_ms() - t0;
		action_lookup_release(&r);
	}
	print_stats("verdict", samples, n);
	bench_reference(db_path, n, samples);
	print_stats("verdict_reference", samples, n);
	fprintf(stderr, "bench: %zu of %zu codes found\n", found, n);
	desk_close(desk);
	for (size_t i = 0; i < n; i++) {
		free(codes[i]);
	}
	free(codes);
	free(samples);
	return found == n ? 0 : 1;
}

/* Places every eligible booking; returns the guests (the caller frees them). */
static struct lodging_guest *place_all(struct hotel_picture *pic, const struct booking *b, size_t n,
                                       size_t *n_guests)
{
	struct lodging_guest *guests = xcalloc(n ? n : 1, sizeof(*guests));

	*n_guests = 0;
	for (size_t i = 0; i < n; i++) {
		if (!b[i].eligible || b[i].room == ROOM_NONE) {
			continue;
		}
		struct lodging_guest *g = &guests[(*n_guests)++];
		*g = (struct lodging_guest){
		    b[i].id,     b[i].room,
		    b[i].gender, lodging_nights_mask(pic->first_night, b[i].arrive, b[i].depart),
		    -1,          0};
		struct lodging_result r;
		lodging_allocate(pic->state, g, &r);
	}
	return guests;
}

static int bench_allocate(const char *db_path)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	struct hotel_picture pic;
	struct booking *b;

	if (desk == NULL || !stays_load(desk->db, desk->cfg->first_night, true, &pic, &cause)) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		return 1;
	}
	size_t n_b = query_bookings(desk->db, &b), n_g;
	double t0 = now_ms();
	struct lodging_guest *g = place_all(&pic, b, n_b, &n_g);
	printf("place_all %.1f %zu\n", now_ms() - t0, n_g);
	size_t tries = n_g < 2000 ? n_g : 2000;
	double *samples = xcalloc(tries ? tries : 1, sizeof(double));
	for (size_t i = 0; i < tries; i++) {
		const struct lodging_guest *one = &g[(i * 7919) % n_g];
		struct lodging_result r;
		lodging_remove(pic.state, one->attendee_id);
		double t = now_ms();
		lodging_allocate(pic.state, one, &r);
		samples[i] = now_ms() - t;
	}
	print_stats("allocate", samples, tries);
	free(samples);
	free(g);
	query_bookings_free(b, n_b);
	stays_release(&pic);
	desk_close(desk);
	return 0;
}

/*
 * Search per keystroke: 300 names typed one pinyin initial at a time, and 300
 * phone numbers' last digits typed one at a time, each keystroke a full lookup
 * as the desk screen does it (matches with their verdicts).
 */
static int bench_search(const char *db_path)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	struct search_row *rows;

	if (desk == NULL) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		return 1;
	}
	size_t n = query_search_rows(desk->db, &rows), k = 0;
	double *samples = xcalloc(600 * 12, sizeof(double));
	struct lookup_result warm;
	action_lookup(desk, "zz", &warm); /* the index is built once, at the first keystroke */
	action_lookup_release(&warm);
	for (size_t i = 0; i < 600 && n > 0; i++) {
		const struct search_row *r = &rows[(i * 7919) % n];
		char *typed =
		    i < 300 ? pinyin_initials(r->name) : xstrdup(r->phone ? r->phone : "");
		size_t len = strlen(typed), from = i < 300 ? 1 : (len > 6 ? len - 6 : 0);
		for (size_t cut = from; cut <= len && cut < from + 6; cut++) {
			char *q = xstrndup(i < 300 ? typed : typed + from,
			                   cut - from + (i < 300 ? 0 : 1));
			struct lookup_result res;
			double t0 = now_ms();
			action_lookup(desk, q, &res);
			samples[k++] = now_ms() - t0;
			action_lookup_release(&res);
			free(q);
		}
		free(typed);
	}
	print_stats("search", samples, k);
	free(samples);
	query_search_rows_free(rows, n);
	desk_close(desk);
	return 0;
}

/* zbar on a frame already in memory: what the camera thread spends per frame. */
static int bench_decode(const char *path)
{
	struct scan_image img;
	char *cause = NULL;
	size_t runs = 200, found = 0, found_zbar = 0;

	if (!scan_image_load(path, &img, &cause)) {
		fprintf(stderr, "bench: %s\n", cause);
		free(cause);
		return 1;
	}
	/* the camera thread's pipeline, and libzbar alone on the whole frame, alternated */
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_CAMERA);
	struct scan_decoder *d = scan_decoder_new(true);
	double *samples = xcalloc(runs, sizeof(double)), *zbar = xcalloc(runs, sizeof(double));
	for (size_t i = 0; i < runs; i++) {
		struct scan_codes codes = {0}, whole = {0};
		double t0 = now_ms();
		found += scan_pipeline_decode(p, &img, &codes) >= 0;
		double t1 = now_ms();
		found_zbar += scan_decode_gray(d, img.pixels, img.width, img.height, &whole) > 0;
		zbar[i] = now_ms() - t1;
		samples[i] = t1 - t0;
		scan_codes_release(&codes);
		scan_codes_release(&whole);
	}
	print_stats("decode", samples, runs);
	print_stats("decode_zbar", zbar, runs);
	fprintf(stderr, "bench: %dx%d frame decoded %zu of %zu times (libzbar alone %zu)\n",
	        img.width, img.height, found, runs, found_zbar);
	free(samples);
	free(zbar);
	scan_decoder_free(d);
	scan_pipeline_free(p);
	scan_image_release(&img);
	return found == runs ? 0 : 1;
}

/* Adds attendee id's badge to sheet, as the print adapter fills it. */
static bool badge_add_one(struct desk *desk, struct badge_sheet *sheet, long id, char **cause)
{
	struct attendee *a = query_attendee(desk->db, id, &desk->cfg->fees);
	char code[TICKET_CODE_LEN + 1];
	bool ok = a != NULL && ticket_format(desk->cfg->code, a->id, a->secret, code);

	if (ok) {
		struct badge_fields f = {desk->cfg->name, a->name, a->organisation, a->position,
		                         code};
		ok = badge_sheet_add(sheet, &f, cause);
	}
	query_attendee_free(a);
	return ok;
}

/* One badge PDF with its layout read each time, like a print job; sheet of all. */
static bool bench_badge_runs(struct desk *desk, const long *ids, size_t n, const char *pdf)
{
	const char *roots[] = {FRONTDESK_SOURCE_ASSETS};
	char *one = badge_layout_path(roots, 1, "default"), *a4 = badge_layout_path(roots, 1, "a4");
	double single[100], batch[5];
	char *cause = NULL;
	bool ok = one != NULL && a4 != NULL && n > 0;

	/* the first badge also loads fontconfig and the fonts, once per process: apart */
	for (size_t i = 0; ok && i < 101; i++) {
		double t0 = now_ms();
		struct badge_layout *l = badge_layout_load(one, &cause);
		struct badge_sheet *s = l ? badge_sheet_new(l, pdf, &cause) : NULL;
		ok = s != NULL && badge_add_one(desk, s, ids[(i * 7919) % n], &cause) &&
		     badge_sheet_finish(s, &cause);
		badge_layout_free(l);
		if (i == 0) {
			fprintf(stderr, "bench: the first badge of the process took %.1f ms\n",
			        now_ms() - t0);
		} else {
			single[i - 1] = now_ms() - t0;
		}
	}
	for (size_t r = 0; ok && r < 5; r++) {
		double t0 = now_ms();
		struct badge_layout *l = badge_layout_load(a4, &cause);
		struct badge_sheet *s = l ? badge_sheet_new(l, pdf, &cause) : NULL;
		ok = s != NULL;
		for (size_t i = 0; ok && i < n; i++) {
			ok = badge_add_one(desk, s, ids[i], &cause);
		}
		ok = ok && badge_sheet_finish(s, &cause);
		badge_layout_free(l);
		batch[r] = now_ms() - t0;
	}
	if (ok) {
		print_stats("badge", single, 100);
		print_stats("badge_batch", batch, 5);
	} else {
		fprintf(stderr, "bench: %s\n", cause ? cause : "no badge layout or no attendee");
	}
	free(cause);
	free(one);
	free(a4);
	return ok;
}

/* Badge PDFs of the event in DB (the demo event: 180 attendees, 45 A4 sheets). */
static int bench_badge(const char *db_path)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);

	if (desk == NULL) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		free(cause);
		return 1;
	}
	long *ids = NULL;
	size_t n = query_all_ids(desk->db, &ids);
	char *pdf = xasprintf("%s.badge.pdf", db_path);
	bool ok = bench_badge_runs(desk, ids, n, pdf);
	fprintf(stderr, "bench: badge_batch is %zu badges\n", n);
	unlink(pdf);
	free(pdf);
	free(ids);
	desk_close(desk);
	return ok ? 0 : 1;
}

/*
 * The first badge of a process, as the desk's print worker draws it: with warm, after
 * action_print_warm (what `print --serve` does when the desk starts it, before anyone
 * waits), else cold (what a process started per pass paid). Prints its wall and thread CPU.
 */
static int bench_first_badge(const char *db_path, bool warm)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	const char *roots[] = {FRONTDESK_SOURCE_ASSETS};
	char *one = badge_layout_path(roots, 1, "default");
	char *pdf = xasprintf("%s.first.pdf", db_path);
	bool ok = desk != NULL && one != NULL && (!warm || action_print_warm(desk));
	long *ids = NULL;
	size_t n = ok ? query_all_ids(desk->db, &ids) : 0;

	if (ok && n > 0) {
		double t0 = now_ms(), c0 = cpu_ms();
		struct badge_layout *l = badge_layout_load(one, &cause);
		struct badge_sheet *s = l ? badge_sheet_new(l, pdf, &cause) : NULL;
		ok = s != NULL && badge_add_one(desk, s, ids[n / 2], &cause) &&
		     badge_sheet_finish(s, &cause);
		badge_layout_free(l);
		printf("first_badge_%s %.2f %.2f\n", warm ? "warm" : "cold", now_ms() - t0,
		       cpu_ms() - c0);
	}
	if (!ok || n == 0) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "no badge layout or no attendee");
	}
	unlink(pdf);
	free(pdf);
	free(one);
	free(ids);
	free(cause);
	desk_close(desk);
	return ok && n > 0 ? 0 : 1;
}

/*
 * A desk's day for the merge benchmark: n check-ins through the real action
 * (each its own durable transaction, journalled), of people who need no
 * evidence or payment, taken at a stride over the roster so the beds spread
 * over the hotel as a real day's would. Only max_beds of them may ask for a
 * room, so the share of beds the replay re-places stays what it was first
 * measured with.
 */
static int bench_checkins(const char *db_path, long n, long max_beds, bool fast)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	long *ids = NULL, done = 0, beds = 0;

	if (desk == NULL) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		free(cause);
		return 1;
	}
	/*
	 * Making the end-of-day copy is setup, not a figure: without an fsync per
	 * commit its 80,000 check-ins take minutes instead of most of an hour. The
	 * same action runs, so the rows are those a real day leaves.
	 */
	if (fast) {
		sqlite3_exec(desk->db->handle, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	}
	size_t n_ids = query_all_ids(desk->db, &ids), stride = 7;
	double t0 = now_ms();
	for (size_t k = 0; k < n_ids && done < n; k++) {
		/* 7 is prime to any roster size not a multiple of 7, so every id comes once */
		size_t i = n_ids % stride ? (k * stride) % n_ids : k;
		struct attendee *a = query_attendee(desk->db, ids[i], &desk->cfg->fees);
		struct verdict v;
		if (a == NULL) {
			continue;
		}
		action_verdict(desk, a, &v);
		bool bed = a->room != ROOM_NONE;
		if (v.colour == VERDICT_GREEN && v.to_pay == 0 && (!bed || beds < max_beds)) {
			struct checkin_request req = {a->reg_no, false, NULL, NULL, NULL};
			struct checkin_result r;
			if (action_checkin(desk, &req, &r) == ACTION_OK &&
			    r.outcome == CHECKIN_DONE) {
				done++;
				beds += r.lodging.allocated;
			}
			action_checkin_release(&r);
		}
		query_attendee_free(a);
	}
	printf("checkins %ld %.1f %ld\n", done, now_ms() - t0, beds);
	free(ids);
	desk_close(desk);
	return done == n ? 0 : 1;
}

/*
 * Pages this connection has written to its database (to the WAL, in WAL mode)
 * so far: the I/O a durable transaction costs beside its one fsync, which on a
 * disk with a cheap fsync is most of the time of a check-in.
 */
static long pages_written(sqlite3 *db)
{
	int now = 0, high = 0;

	sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_WRITE, &now, &high, 0);
	return now;
}

/*
 * The reference for a durable check-in: the cheapest durable write there is,
 * one row in its own transaction, on the desk's own connection (so the same
 * pragmas, WAL and synchronous=FULL, and the same file). Timed right after
 * each check-in rather than all in a block after them, so that a busy moment
 * of this shared machine falls on both sides of the ratio.
 */
struct bare_insert {
	sqlite3 *db;
	sqlite3_stmt *stmt;
};

static void bare_open(struct bare_insert *b, sqlite3 *db)
{
	b->db = db;
	sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, at TEXT)",
	             NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO bench_bare (at) VALUES (datetime('now'))", -1, &b->stmt,
	                   NULL);
}

/* One bare INSERT transaction, timed; *pages gains the pages it wrote. */
static double bare_once(struct bare_insert *b, long *pages, double *cpu)
{
	long before = pages_written(b->db);
	double t0 = now_ms(), c0 = cpu_ms();

	sqlite3_exec(b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_reset(b->stmt);
	sqlite3_step(b->stmt);
	sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
	double ms = now_ms() - t0;
	*cpu = cpu_ms() - c0;
	*pages += pages_written(b->db) - before;
	return ms;
}

static void bare_close(struct bare_insert *b)
{
	sqlite3_finalize(b->stmt);
	sqlite3_exec(b->db, "DROP TABLE bench_bare", NULL, NULL, NULL);
}

/* One green check-in of id, timed; returns false when it was not a plain check-in. */
static bool timed_checkin(struct desk *desk, long id, bool *bed, double *ms, double *cpu)
{
	struct attendee *a = query_attendee(desk->db, id, &desk->cfg->fees);
	struct verdict v;
	bool done = false;

	if (a == NULL) {
		return false;
	}
	action_verdict(desk, a, &v);
	*bed = a->room != ROOM_NONE;
	if (v.colour == VERDICT_GREEN && v.to_pay == 0) {
		struct checkin_request req = {a->reg_no, false, NULL, NULL, NULL};
		struct checkin_result r;
		double t0 = now_ms(), c0 = cpu_ms();
		done = action_checkin(desk, &req, &r) == ACTION_OK && r.outcome == CHECKIN_DONE;
		*ms = now_ms() - t0;
		*cpu = cpu_ms() - c0;
		action_checkin_release(&r);
	}
	query_attendee_free(a);
	return done;
}

/*
 * Durable check-ins, each timed from the request to the committed
 * transaction (verdict, evidence, bed, journal entry, print job): n without a
 * bed and n with one, taken at a stride over the roster, each followed by a
 * bare one-row INSERT transaction (the reference) on the same connection,
 * then by what the desk screen does while it waits for the next person
 * (action_desk_idle: the WAL checkpoint when due), untimed.
 */
static int bench_durable(const char *db_path, size_t n)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	double *plain = xcalloc(n, sizeof(double)), *beds = xcalloc(n, sizeof(double));
	double *bare = xcalloc(2 * n, sizeof(double));
	double *plain_cpu = xcalloc(n, sizeof(double)), *beds_cpu = xcalloc(n, sizeof(double));
	double *bare_cpu = xcalloc(2 * n, sizeof(double));
	size_t n_plain = 0, n_beds = 0, n_bare = 0;
	long *ids = NULL, plain_pages = 0, bed_pages = 0, bare_pages = 0;
	struct bare_insert b;

	if (desk == NULL) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		free(cause);
		return 1;
	}
	/* as the desk screen runs: the WAL checkpoint done between people, untimed */
	action_desk_checkpoint_when_idle(desk);
	bare_open(&b, desk->db->handle);
	size_t n_ids = query_all_ids(desk->db, &ids);
	for (size_t k = 0; k < n_ids && (n_plain < n || n_beds < n); k++) {
		size_t i = (k * 7919) % n_ids; /* 7919 is prime: every id once (unless n_ids is a
		                                  multiple), spread out */
		bool bed;
		double ms, cpu;
		long pages = -pages_written(desk->db->handle);
		if (!timed_checkin(desk, ids[i], &bed, &ms, &cpu)) {
			continue;
		}
		pages += pages_written(desk->db->handle);
		if (bed && n_beds < n) {
			beds_cpu[n_beds] = cpu;
			beds[n_beds++] = ms;
			bed_pages += pages;
		} else if (!bed && n_plain < n) {
			plain_cpu[n_plain] = cpu;
			plain[n_plain++] = ms;
			plain_pages += pages;
		} else {
			continue;
		}
		bare[n_bare] = bare_once(&b, &bare_pages, &bare_cpu[n_bare]);
		n_bare++;
		action_desk_idle(desk);
	}
	bare_close(&b);
	desk_close(desk);
	print_stats("durable_plain", plain, n_plain ? n_plain : 1);
	print_stats("durable_bed", beds, n_beds ? n_beds : 1);
	print_stats("durable_bare", bare, n_bare ? n_bare : 1);
	/* the thread's CPU time of the same transactions: what is not the disk's */
	print_stats("durable_plain_cpu", plain_cpu, n_plain ? n_plain : 1);
	print_stats("durable_bed_cpu", beds_cpu, n_beds ? n_beds : 1);
	print_stats("durable_bare_cpu", bare_cpu, n_bare ? n_bare : 1);
	/* pages written per transaction, on average */
	printf("durable_pages %.1f %.1f %.1f\n",
	       (double)plain_pages / (double)(n_plain ? n_plain : 1),
	       (double)bed_pages / (double)(n_beds ? n_beds : 1),
	       (double)bare_pages / (double)(n_bare ? n_bare : 1));
	free(ids);
	free(plain);
	free(beds);
	free(bare);
	free(plain_cpu);
	free(beds_cpu);
	free(bare_cpu);
	return n_plain == n && n_beds == n ? 0 : 1;
}

/* Wall and CPU samples of one figure. */
struct figure {
	const char *name;
	double *wall, *cpu;
	size_t n, cap;
};

static void figure_init(struct figure *f, const char *name, size_t cap)
{
	*f = (struct figure){name, xcalloc(cap, sizeof(double)), xcalloc(cap, sizeof(double)), 0,
	                     cap};
}

static void figure_add(struct figure *f, double wall0, double cpu0)
{
	if (f->n < f->cap) {
		f->wall[f->n] = now_ms() - wall0;
		f->cpu[f->n++] = cpu_ms() - cpu0;
	}
}

/* Prints "name wall_median wall_p99 cpu_median cpu_p99" and frees the samples. */
static void figure_print(struct figure *f)
{
	size_t n = f->n ? f->n : 1;

	qsort(f->wall, n, sizeof(double), compare_double);
	qsort(f->cpu, n, sizeof(double), compare_double);
	printf("%s %.4f %.4f %.4f %.4f %zu\n", f->name, f->wall[n / 2], f->wall[(n * 99) / 100],
	       f->cpu[n / 2], f->cpu[(n * 99) / 100], f->n);
	free(f->wall);
	free(f->cpu);
}

/* One keystroke as the desk screen runs it: the lookup of what is in the prompt. */
static void keystroke(struct desk *desk, const char *q, struct figure *f)
{
	struct lookup_result res;
	double w = now_ms(), c = cpu_ms();

	action_lookup(desk, q, &res);
	if (f != NULL) {
		figure_add(f, w, c);
	}
	action_lookup_release(&res);
}

/* Search per keystroke, warm: pinyin initials and phone digits typed a key at a time. */
static void desk_search(struct desk *desk, const struct search_row *rows, size_t n)
{
	struct figure f;

	figure_init(&f, "keystroke", 600 * 7);
	keystroke(desk, "zz", NULL); /* the index is built once, at the first keystroke */
	for (size_t i = 0; i < 600 && n > 0; i++) {
		const struct search_row *r = &rows[(i * 7919) % n];
		char *typed =
		    i < 300 ? pinyin_initials(r->name) : xstrdup(r->phone ? r->phone : "");
		size_t len = strlen(typed), from = i < 300 ? 0 : (len > 6 ? len - 6 : 0);
		for (size_t cut = from + 1; cut <= len && cut <= from + 6; cut++) {
			char *q = xstrndup(typed + from, cut - from);
			keystroke(desk, q, &f);
			free(q);
		}
		free(typed);
	}
	figure_print(&f);
}

/* A green, paid, not yet checked-in registration from index k on (its reg_no), or NULL. */
static char *next_green(struct desk *desk, const long *ids, size_t n_ids, size_t *k)
{
	for (; *k < n_ids; (*k)++) {
		struct attendee *a =
		    query_attendee(desk->db, ids[(*k * 7919) % n_ids], &desk->cfg->fees);
		struct verdict v;
		if (a == NULL) {
			continue;
		}
		action_verdict(desk, a, &v);
		char *reg_no =
		    v.colour == VERDICT_GREEN && v.to_pay == 0 ? xstrdup(a->reg_no) : NULL;
		query_attendee_free(a);
		if (reg_no != NULL) {
			(*k)++;
			return reg_no;
		}
	}
	return NULL;
}

static bool checkin_one(struct desk *desk, const char *reg_no)
{
	struct checkin_request req = {reg_no, false, NULL, NULL, NULL};
	struct checkin_result r;
	bool done = action_checkin(desk, &req, &r) == ACTION_OK && r.outcome == CHECKIN_DONE;

	action_checkin_release(&r);
	return done;
}

/*
 * The first keystroke after another process checked someone in (here another
 * connection: SQLite tells them apart the same way), and Enter on a green
 * card until the status line shows the new count (check-in, then status).
 */
static void desk_writes(struct desk *desk, struct desk *other, const long *ids, size_t n_ids)
{
	struct figure first, enter;
	size_t k = 0, runs = 40;
	const char *queries[] = {"zh", "wang", "li", "13", "chen"};

	figure_init(&first, "after_outside_write", runs);
	figure_init(&enter, "enter_to_status", runs);
	for (size_t i = 0; i < runs; i++) {
		char *reg_no = next_green(other, ids, n_ids, &k);
		bool done = reg_no != NULL && checkin_one(other, reg_no);
		free(reg_no);
		if (!done) {
			break;
		}
		keystroke(desk, queries[i % 5], &first);
	}
	/* Enter at this desk alone, as most of a day goes (the hotel picture stays loaded) */
	for (size_t i = 0; i < runs; i++) {
		char *reg_no = next_green(desk, ids, n_ids, &k);
		struct desk_status st;
		if (reg_no == NULL) {
			break;
		}
		double w = now_ms(), c = cpu_ms();
		bool done = checkin_one(desk, reg_no);
		action_desk_status(desk, &st);
		if (done) {
			figure_add(&enter, w, c);
		}
		action_desk_status_release(&st);
		free(reg_no);
	}
	figure_print(&first);
	figure_print(&enter);
}

/* The status line refreshed (every 5 s, and after each confirm), nothing written meanwhile. */
static void desk_status(struct desk *desk)
{
	struct figure f;
	struct desk_status st;

	figure_init(&f, "status", 200);
	for (size_t i = 0; i < 200; i++) {
		double w = now_ms(), c = cpu_ms();
		action_desk_status(desk, &st);
		figure_add(&f, w, c);
		action_desk_status_release(&st);
	}
	figure_print(&f);
}

/*
 * A 22-digit scan burst to its card: the screen holds its search while the
 * digits come (burst_holds), then Enter looks the code up once and the card
 * reads its details.
 */
static void desk_scan(struct desk *desk, const long *ids, size_t n_ids)
{
	struct figure f;

	figure_init(&f, "scan_to_card", 300);
	for (size_t i = 0; i < 300 && n_ids > 0; i++) {
		struct attendee *a =
		    query_attendee(desk->db, ids[(i * 7919) % n_ids], &desk->cfg->fees);
		char code[TICKET_CODE_LEN + 1];
		if (a == NULL || !ticket_format(desk->cfg->code, a->id, a->secret, code)) {
			query_attendee_free(a);
			continue;
		}
		query_attendee_free(a);
		struct lookup_result res;
		struct card_details details;
		double w = now_ms(), c = cpu_ms();
		bool found = action_lookup(desk, code, &res) == ACTION_OK && res.n_matches == 1;
		if (found) {
			action_card_details(desk, res.matches[0].person->reg_no, &details);
			figure_add(&f, w, c);
			action_card_details_release(&details);
		}
		action_lookup_release(&res);
	}
	figure_print(&f);
}

/*
 * What the person at the desk waits for, on a copy of an event's database:
 * keystrokes, the first one after another process wrote, a scan to its card,
 * the status line, Enter to the new count. The copy is written to.
 */
static int bench_desk(const char *db_path)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	struct desk *other = desk ? desk_open(db_path, "other", &status, &cause) : NULL;
	struct search_row *rows;
	long *ids = NULL;

	if (other == NULL) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		desk_close(desk);
		return 1;
	}
	size_t n = query_search_rows(desk->db, &rows), n_ids = query_all_ids(desk->db, &ids);
	/* as the desk screen does once its first screen is up (not a figure) */
	double w = now_ms();
	action_lodging_warm(desk);
	printf("lodging_warm %.1f ms\n", now_ms() - w);
	desk_search(desk, rows, n);
	desk_status(desk);
	desk_scan(desk, ids, n_ids);
	desk_writes(desk, other, ids, n_ids);
	query_search_rows_free(rows, n);
	free(ids);
	desk_close(other);
	desk_close(desk);
	return 0;
}

/* bench_lan.c: the desks in step on the LAN (issue 17) */
int bench_lan(const char *a_path, const char *b_path, size_t pulls);
/* bench_camera.c: the camera's decode pipeline on phone-like photos (issue 20) */
int bench_camera(const char *list, const char *empty);

/* bench_session.c: a badge at a hall door to its answer (issue 18) */
int bench_session(const char *db_path, const char *sessions_csv);

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "session") == 0) {
		return bench_session(argv[2], argv[3]);
	}
	if (argc == 5 && strcmp(argv[1], "lan") == 0) {
		return bench_lan(argv[2], argv[3], (size_t)strtol(argv[4], NULL, 10));
	}
	if (argc == 3 && strcmp(argv[1], "desk") == 0) {
		return bench_desk(argv[2]);
	}
	if (argc == 4 && strcmp(argv[1], "durable") == 0) {
		return bench_durable(argv[2], (size_t)strtol(argv[3], NULL, 10));
	}
	if (argc == 3 && strcmp(argv[1], "badge") == 0) {
		return bench_badge(argv[2]);
	}
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "first_badge") == 0) {
		return bench_first_badge(argv[2], argc == 4 && strcmp(argv[3], "--warm") == 0);
	}
	if (argc == 3 && strcmp(argv[1], "search") == 0) {
		return bench_search(argv[2]);
	}
	if (argc == 3 && strcmp(argv[1], "allocate") == 0) {
		return bench_allocate(argv[2]);
	}
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "camera") == 0) {
		return bench_camera(argv[2], argc == 4 ? argv[3] : NULL);
	}
	if (argc == 3 && strcmp(argv[1], "decode") == 0) {
		return bench_decode(argv[2]);
	}
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "checkins") == 0) {
		return bench_checkins(argv[2], strtol(argv[3], NULL, 10), strtol(argv[4], NULL, 10),
		                      argc == 6 && strcmp(argv[5], "--fast") == 0);
	}
	if (argc == 4 && strcmp(argv[1], "verdict") == 0) {
		return bench_verdict(argv[2], argv[3]);
	}
	fprintf(stderr,
	        "usage: frontdesk-bench verdict DB CODES | allocate DB | search DB | "
	        "decode IMAGE | badge DB | first_badge DB [--warm] | checkins DB N BEDS "
	        "[--fast] | durable DB N | desk DB | lan A.db B.db N | camera LIST [EMPTY] | "
	        "session DB sessions.csv\n");
	return 2;
}
