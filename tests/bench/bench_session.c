/*
 * bench_session: a badge scanned at a hall door to its answer (issue 18), on
 * a copy of the end-of-day event: the demo programme imported, the morning's
 * session already signed in by everyone checked in (80,000 rows), then 300
 * badges scanned for the afternoon, each one action_attend as the desk
 * screen's session mode calls it: the code checked, the person and the
 * session found, the rule asked, the record and its journal entry committed
 * durably, the answer worded. Prints "session_scan wall_median wall_p99
 * cpu_median cpu_p99 n" like the desk's figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/actions/attend.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/sessions.h"
#include "frontdesk/query.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "db_private.h"
#include "desk_private.h"

int bench_session(const char *db_path, const char *sessions_csv);

static double clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Up to max checked-in attendees' ids, spread over the event. */
static size_t checked_in_ids(struct desk *desk, long *ids, size_t max)
{
	sqlite3_stmt *stmt = db_prepare(
	    desk->db, "SELECT attendee_id FROM checkin ORDER BY (attendee_id * 7919) % 100003");
	size_t n = 0;

	while (n < max && sqlite3_step(stmt) == SQLITE_ROW) {
		ids[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return n;
}

/* The programme, and the morning signed in by everyone checked in (setup, not timed). */
static bool prepare(struct desk *desk, const char *sessions_csv)
{
	struct sessions_import imported;
	char *cause = NULL;
	bool ok = action_import_sessions(desk, sessions_csv, &imported, &cause) == ACTION_OK &&
	          db_exec(desk->db,
	                  "INSERT OR IGNORE INTO attendance SELECT attendee_id, '0526-0830', 'in', "
	                  "'2026-05-26 08:20:00', 'A', 'bench', NULL FROM checkin",
	                  &cause);

	if (!ok) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "sessions.csv");
	}
	action_sessions_import_release(&imported);
	free(cause);
	return ok;
}

static void print_figure(const char *name, double *wall, double *cpu, size_t n)
{
	size_t m = n ? n : 1;

	qsort(wall, m, sizeof(double), by_value);
	qsort(cpu, m, sizeof(double), by_value);
	printf("%s %.4f %.4f %.4f %.4f %zu\n", name, wall[m / 2], wall[(m * 99) / 100], cpu[m / 2],
	       cpu[(m * 99) / 100], n);
}

int bench_session(const char *db_path, const char *sessions_csv)
{
	enum action_status status;
	char *cause = NULL;
	struct desk *desk = desk_open(db_path, "bench", &status, &cause);
	enum { RUNS = 300 };
	long ids[RUNS];
	double wall[RUNS], cpu[RUNS];
	size_t n = 0;

	if (desk == NULL || !prepare(desk, sessions_csv)) {
		fprintf(stderr, "bench: %s\n", cause ? cause : "?");
		desk_close(desk);
		free(cause);
		return 1;
	}
	size_t n_ids = checked_in_ids(desk, ids, RUNS);
	for (size_t i = 0; i < n_ids; i++) {
		struct attendee *a = query_attendee(desk->db, ids[i], &desk->cfg->fees);
		char code[TICKET_CODE_LEN + 1];
		bool formatted =
		    a != NULL && ticket_format(desk->cfg->code, a->id, a->secret, code);
		query_attendee_free(a);
		if (!formatted) {
			continue;
		}
		struct attend_order order = {code, NULL, false, "2026-05-26 13:52", NULL, NULL};
		struct attend_result r;
		double w = clock_ms(CLOCK_MONOTONIC), c = clock_ms(CLOCK_THREAD_CPUTIME_ID);
		bool recorded = action_attend(desk, &order, &r) == ACTION_OK && r.recorded;
		if (recorded) {
			wall[n] = clock_ms(CLOCK_MONOTONIC) - w;
			cpu[n++] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c;
		}
		action_attend_release(&r);
	}
	print_figure("session_scan", wall, cpu, n);
	desk_close(desk);
	return n == n_ids && n > 0 ? 0 : 1;
}
