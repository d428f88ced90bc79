/*
 * frontdesk-bench lan A.db B.db N: the desks in step on the LAN (issue 17),
 * timed as the desk screen lives it. A is the end-of-day desk, B another desk
 * of the same event whose own log A reads (A's LAN folder holds B's, as
 * Syncthing or a shared folder gives it). B checks one person in (its own
 * durable, signed, logged transaction: not timed), then A pulls: each of N pulls
 * takes exactly one new entry, applied alone. Then the same while a person
 * types at A (N/6 queries of up to 6 keys: about N keystrokes): before
 * every keystroke B checks someone in and A pulls (the
 * desk loop pulls between keys, so a key never waits for more than a pull).
 * Prints "name wall_med wall_p99 cpu_med cpu_p99 n" lines:
 *   lan_pull            action_lan_pull of one new entry
 *   lan_keystroke       a keystroke right after a pull took a new entry
 *   lan_pull_keystroke  that pull and the keystroke together (a key pressed
 *                       while the pull ran waits this long at worst)
 * and "lan_first_pull wall cpu" (the first entry also loads the hotel
 * picture the desk keeps), "lan_full_replays N" (pulls that replayed the
 * whole journal: 0 expected).
 * Kept apart from bench.c so the LAN rows merge on their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lan.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/pinyin.h"
#include "frontdesk/query.h"
#include "frontdesk/xmalloc.h"
#include "desk_private.h"

int bench_lan(const char *a_path, const char *b_path, size_t pulls);

static double wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double thread_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct samples {
	const char *name;
	double *wall, *cpu;
	size_t n, cap;
};

static void samples_init(struct samples *s, const char *name, size_t cap)
{
	*s = (struct samples){name, xcalloc(cap ? cap : 1, sizeof(double)),
	                      xcalloc(cap ? cap : 1, sizeof(double)), 0, cap};
}

static void samples_add(struct samples *s, double wall, double cpu)
{
	if (s->n < s->cap) {
		s->wall[s->n] = wall;
		s->cpu[s->n++] = cpu;
	}
}

static void samples_print(struct samples *s)
{
	size_t n = s->n ? s->n : 1;

	qsort(s->wall, n, sizeof(double), by_value);
	qsort(s->cpu, n, sizeof(double), by_value);
	printf("%s %.4f %.4f %.4f %.4f %zu\n", s->name, s->wall[n / 2], s->wall[(n * 99) / 100],
	       s->cpu[n / 2], s->cpu[(n * 99) / 100], s->n);
	free(s->wall);
	free(s->cpu);
}

/* Desk B checks in the next person it may (green, nothing to pay, not in yet); false when none. */
static bool b_checks_in(struct desk *b, const long *ids, size_t n_ids, size_t *k)
{
	for (; *k < n_ids; (*k)++) {
		struct attendee *a = query_attendee(b->db, ids[(*k * 7919) % n_ids], &b->cfg->fees);
		if (a == NULL) {
			continue;
		}
		struct checkin_request req = {a->reg_no, false, NULL, NULL, NULL};
		struct checkin_result r;
		bool done = action_checkin(b, &req, &r) == ACTION_OK && r.outcome == CHECKIN_DONE;
		action_checkin_release(&r);
		query_attendee_free(a);
		if (done) {
			(*k)++;
			return true;
		}
	}
	return false;
}

/* One timed pull at A; false unless it took exactly one entry. */
static bool a_pulls(struct desk *a, struct lan_state *st, double *wall, double *cpu,
                    long *full_replays)
{
	struct lan_pull_result r;
	double w = wall_ms(), c = thread_ms();
	enum action_status status = action_lan_pull(a, st, &r);

	*wall = wall_ms() - w;
	*cpu = thread_ms() - c;
	bool one = status == ACTION_OK && r.new_entries == 1;
	*full_replays += r.full_replay;
	if (!one) {
		fprintf(stderr, "bench: lan pull: %s\n", r.message ? r.message : "?");
	}
	action_lan_pull_release(&r);
	return one;
}

static void keystroke(struct desk *desk, const char *q, double *wall, double *cpu)
{
	struct lookup_result res;
	double w = wall_ms(), c = thread_ms();

	action_lookup(desk, q, &res);
	*wall = wall_ms() - w;
	*cpu = thread_ms() - c;
	action_lookup_release(&res);
}

/* Single-entry pulls, nobody typing. */
static bool pulls_alone(struct desk *a, struct desk *b, struct lan_state *st, const long *ids,
                        size_t n_ids, size_t *k, size_t pulls, long *full)
{
	struct samples s;
	bool ok = true;

	samples_init(&s, "lan_pull", pulls);
	for (size_t i = 0; i < pulls && ok; i++) {
		double w = 0, c = 0;
		ok = b_checks_in(b, ids, n_ids, k) && a_pulls(a, st, &w, &c, full);
		if (ok) {
			samples_add(&s, w, c);
		}
	}
	samples_print(&s);
	return ok;
}

/* Pinyin initials and phone digits typed at A, a new entry pulled before each key. */
static bool typing(struct desk *a, struct desk *b, struct lan_state *st, const long *ids,
                   size_t n_ids, size_t *k, size_t names, long *full)
{
	struct search_row *rows;
	size_t n = query_search_rows(a->db, &rows);
	struct samples key, both;
	bool ok = true;

	samples_init(&key, "lan_keystroke", names * 6);
	samples_init(&both, "lan_pull_keystroke", names * 6);
	for (size_t i = 0; i < names && n > 0 && ok; i++) {
		const struct search_row *r = &rows[(i * 7919) % n];
		char *typed = i % 2 ? pinyin_initials(r->name) : xstrdup(r->phone ? r->phone : "");
		size_t len = strlen(typed), from = i % 2 ? 0 : (len > 6 ? len - 6 : 0);
		for (size_t cut = from + 1; cut <= len && cut <= from + 6 && ok; cut++) {
			char *q = xstrndup(typed + from, cut - from);
			double pw = 0, pc = 0, kw = 0, kc = 0;
			ok = b_checks_in(b, ids, n_ids, k) && a_pulls(a, st, &pw, &pc, full);
			if (ok) {
				keystroke(a, q, &kw, &kc);
				samples_add(&key, kw, kc);
				samples_add(&both, pw + kw, pc + kc);
			}
			free(q);
		}
		free(typed);
	}
	samples_print(&key);
	samples_print(&both);
	query_search_rows_free(rows, n);
	return ok;
}

int bench_lan(const char *a_path, const char *b_path, size_t pulls)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *a = desk_open(a_path, "bench", &status, &cause);
	struct desk *b = a ? desk_open(b_path, "bench", &status, &cause) : NULL;
	struct lan_state *st = lan_state_new();
	struct lan_pull_result r;
	long *ids = NULL, full = 0;
	size_t k = 0;

	if (b == NULL) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		free(cause);
		desk_close(a);
		lan_state_free(st);
		return 1;
	}
	/* what the desk screen does once at its start: its own log written, the peers read, the
	 * search index built */
	action_lan_pull(a, st, &r);
	action_lan_pull_release(&r);
	double w, c;
	keystroke(a, "zz", &w, &c);
	size_t n_ids = query_all_ids(b->db, &ids);
	/* the first entry applied loads the hotel picture the desk then keeps, as its first
	 * bed does: apart */
	bool ok = b_checks_in(b, ids, n_ids, &k) && a_pulls(a, st, &w, &c, &full);
	printf("lan_first_pull %.4f %.4f\n", w, c);
	ok = ok && pulls_alone(a, b, st, ids, n_ids, &k, pulls, &full) &&
	     typing(a, b, st, ids, n_ids, &k, (pulls + 5) / 6, &full);
	printf("lan_full_replays %ld\n", full);
	free(ids);
	lan_state_free(st);
	desk_close(b);
	desk_close(a);
	return ok ? 0 : 1;
}
