/*
 * Tests for printq, the badge print queue (DESIGN section 3, "Badge": when
 * the printer fails the job is queued and retried, and check-in is never
 * blocked): the back-off (5 s doubling, at most 5 minutes), claiming the
 * oldest due job with a lease so two passes never take the same badge,
 * deferring with a reason, waking the jobs that waited only for the printer,
 * the states sent and done, and `print --retry`, which never brings back the
 * badge of an undone check-in. Each case runs on its own temporary database,
 * with the clock passed in.
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

#include "db_private.h"
#include "frontdesk/printq.h"
#include "frontdesk/records.h"
#include "frontdesk/xmalloc.h"

struct fixture {
	char *dir;
	char *path;
	struct db *db;
	time_t t0;
};

/* Two registrations: 1 (checked in) and 2 (not, or no longer); no jobs yet. */
static const char people[] =
    "INSERT INTO attendee (id, reg_no, name, status, arrive, depart, secret, imported_at, "
    "updated_at) VALUES (1, 'R-1', '张伟', 'approved', '2026-05-25', '2026-05-30', "
    "'0123456789', 'x', 'x'), (2, 'R-2', '单田芳', 'approved', '2026-05-25', '2026-05-30', "
    "'9876543210', 'x', 'x');"
    "INSERT INTO checkin (attendee_id, at, desk_id, operator) VALUES (1, 'x', 'A', 'op');";

static int setup(void **state)
{
	char templ[] = "/tmp/frontdesk-test-printq-XXXXXX";
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;
	struct tm tm = {.tm_year = 126, .tm_mon = 4, .tm_mday = 25, .tm_hour = 13, .tm_isdst = -1};

	if (mkdtemp(templ) == NULL) {
		free(f);
		return -1;
	}
	f->dir = xstrdup(templ);
	f->path = xasprintf("%s/frontdesk.db", templ);
	f->db = db_open(f->path, &cause);
	f->t0 = mktime(&tm);
	*state = f;
	if (f->db == NULL || !db_exec(f->db, people, &cause)) {
		fprintf(stderr, "setup: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	static const char *const suffixes[] = {"", "-wal", "-shm"};

	db_close(f->db);
	for (size_t i = 0; i < 3; i++) {
		char *file = xasprintf("%s%s", f->path, suffixes[i]);
		unlink(file);
		free(file);
	}
	int rc = rmdir(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return rc;
}

static void queue(struct fixture *f, long attendee_id)
{
	char *cause = NULL;

	assert_true(records_queue_print(f->db, attendee_id, NULL, "2026-05-25 13:00:00", &cause));
}

/* Claims the next job due at t: its id, or 0 when none is due. */
static long claim(struct fixture *f, time_t t)
{
	struct printq_job job = {0};
	char *cause = NULL;

	if (!printq_claim_next(f->db, t, &job, &cause)) {
		assert_null(cause);
		return 0;
	}
	long id = job.id;
	printq_job_release(&job);
	return id;
}

/* Reads job id back through printq_list. */
static struct printq_job *find(struct printq_job *jobs, size_t n, long id)
{
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].id == id) {
			return &jobs[i];
		}
	}
	fail_msg("no job %ld", id);
	return NULL;
}

static void backoff_doubles_from_five_seconds_to_five_minutes(void **state)
{
	(void)state;
	assert_int_equal(printq_backoff(0), 5);
	assert_int_equal(printq_backoff(1), 5);
	assert_int_equal(printq_backoff(2), 10);
	assert_int_equal(printq_backoff(3), 20);
	assert_int_equal(printq_backoff(6), 160);
	assert_int_equal(printq_backoff(7), 300);
	assert_int_equal(printq_backoff(1000), 300);
}

static void claim_takes_the_oldest_due_job_and_leases_it(void **state)
{
	struct fixture *f = *state;

	queue(f, 1);
	queue(f, 1);
	assert_int_equal(claim(f, f->t0), 1);
	assert_int_equal(claim(f, f->t0), 2); /* job 1 is leased to the first pass */
	assert_int_equal(claim(f, f->t0 + 1), 0);
	/* a pass that died leaves its job to the next one after the lease */
	assert_int_equal(claim(f, f->t0 + PRINTQ_LEASE), 1);
}

static void claim_fills_the_job_with_who_it_is_for(void **state)
{
	struct fixture *f = *state;
	struct printq_job job = {0};
	char *cause = NULL;

	queue(f, 1);
	assert_true(printq_claim_next(f->db, f->t0, &job, &cause));
	assert_int_equal(job.attendee_id, 1);
	assert_string_equal(job.reg_no, "R-1");
	assert_string_equal(job.name, "张伟");
	assert_int_equal(job.state, PRINTQ_QUEUED);
	printq_job_release(&job);
}

static void defer_counts_attempts_and_waits_the_back_off(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct printq_job *jobs;

	queue(f, 1);
	assert_int_equal(claim(f, f->t0), 1);
	assert_true(printq_defer(f->db, 1, "SUBMIT_FAILED: x", f->t0, &cause));
	assert_int_equal(claim(f, f->t0 + 4), 0);
	assert_int_equal(claim(f, f->t0 + 5), 1);
	assert_true(printq_defer(f->db, 1, "SUBMIT_FAILED: y", f->t0 + 5, &cause));
	assert_int_equal(claim(f, f->t0 + 14), 0);
	assert_int_equal(claim(f, f->t0 + 15), 1);
	size_t n = printq_list(f->db, false, &jobs);
	struct printq_job *j = find(jobs, n, 1);
	assert_int_equal(j->state, PRINTQ_QUEUED);
	assert_int_equal(j->attempts, 2);
	assert_string_equal(j->reason, "SUBMIT_FAILED: y");
	printq_jobs_free(jobs, n);
}

static void wake_frees_only_the_jobs_that_waited_for_the_printer(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	queue(f, 1);
	queue(f, 1);
	assert_int_equal(claim(f, f->t0), 1);
	assert_int_equal(claim(f, f->t0), 2);
	assert_true(printq_defer(f->db, 1, PRINTQ_PRINTER_PREFIX "STOPPED: paused", f->t0, &cause));
	assert_true(printq_defer(f->db, 2, "JOB_ABORTED: filter failed", f->t0, &cause));
	assert_true(printq_wake(f->db, f->t0, &cause));
	assert_int_equal(claim(f, f->t0), 1);
	assert_int_equal(claim(f, f->t0), 0); /* job 2 keeps its back-off */
	/* the claim cleared the printer reason, so a second wake cannot free the leased job */
	assert_true(printq_wake(f->db, f->t0, &cause));
	assert_int_equal(claim(f, f->t0), 0);
}

/*
 * A printer that stays down: the first pass holds every due job with its reason and back-off
 * (as printq_defer does); the next passes, once the back-off is over, find nothing to change
 * and write nothing (another connection sees the same data version); a new reason holds again.
 */
static void holding_for_the_printer_writes_only_what_changes(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct printq_job *jobs;
	struct db *other = db_open(f->path, &cause);

	assert_non_null(other);
	queue(f, 1);
	queue(f, 1);
	assert_int_equal(printq_hold_due(f->db, PRINTQ_PRINTER_PREFIX "MISSING: x", f->t0, &cause),
	                 2);
	size_t n = printq_list(f->db, false, &jobs);
	assert_int_equal(find(jobs, n, 1)->attempts, 1);
	assert_string_equal(find(jobs, n, 2)->reason, PRINTQ_PRINTER_PREFIX "MISSING: x");
	printq_jobs_free(jobs, n);
	assert_int_equal(claim(f, f->t0 + printq_backoff(1) - 1), 0);
	long version = db_data_version(other);
	for (int pass = 1; pass <= 3; pass++) {
		assert_int_equal(printq_hold_due(f->db, PRINTQ_PRINTER_PREFIX "MISSING: x",
		                                 f->t0 + 60 * pass, &cause),
		                 0);
	}
	assert_int_equal(db_data_version(other), version);
	assert_int_equal(
	    printq_hold_due(f->db, PRINTQ_PRINTER_PREFIX "STOPPED: y", f->t0 + 400, &cause), 2);
	assert_int_not_equal(db_data_version(other), version); /* the check can see a write */
	n = printq_list(f->db, false, &jobs);
	assert_int_equal(find(jobs, n, 1)->attempts, 2);
	printq_jobs_free(jobs, n);
	assert_int_equal(claim(f, f->t0 + 400 + printq_backoff(2) - 1), 0);
	assert_int_equal(claim(f, f->t0 + 400 + printq_backoff(2)), 1);
	db_close(other);
}

static void a_job_goes_from_sent_to_done(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct printq_job *jobs;
	int counts[PRINTQ_N_STATES];

	queue(f, 1);
	assert_int_equal(claim(f, f->t0), 1);
	assert_true(printq_mark_done(f->db, 1, f->t0, &cause)); /* not sent: changes nothing */
	assert_true(printq_mark_sent(f->db, 1, 42, f->t0, &cause));
	size_t n = printq_list(f->db, true, &jobs);
	assert_int_equal(n, 1);
	assert_int_equal(jobs[0].cups_job, 42);
	assert_int_equal(jobs[0].state, PRINTQ_SENT);
	assert_null(jobs[0].next_try_at);
	printq_jobs_free(jobs, n);
	assert_true(printq_mark_done(f->db, 1, f->t0, &cause));
	printq_count(f->db, counts);
	assert_int_equal(counts[PRINTQ_DONE], 1);
	assert_int_equal(counts[PRINTQ_SENT], 0);
	assert_int_equal(claim(f, f->t0 + 1000), 0);
}

/* A job CUPS forgot (no job history kept) is done with the reason, never sent again. */
static void a_sent_job_cups_forgot_is_done_with_its_reason(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct printq_job *jobs;
	int counts[PRINTQ_N_STATES];

	queue(f, 1);
	assert_int_equal(claim(f, f->t0), 1);
	/* queued, not sent: changes nothing */
	assert_true(printq_mark_done_unseen(f->db, 1, "JOB_LOST: x", f->t0, &cause));
	printq_count(f->db, counts);
	assert_int_equal(counts[PRINTQ_DONE], 0);
	assert_true(printq_mark_sent(f->db, 1, 43, f->t0, &cause));
	assert_true(printq_mark_done_unseen(f->db, 1, "JOB_LOST: forgotten", f->t0, &cause));
	size_t n = printq_list(f->db, false, &jobs);
	assert_int_equal(n, 1);
	assert_int_equal(jobs[0].state, PRINTQ_DONE);
	assert_string_equal(jobs[0].reason, "JOB_LOST: forgotten");
	printq_jobs_free(jobs, n);
	assert_int_equal(claim(f, f->t0 + 10000), 0);
}

static void retry_requeues_failed_jobs_of_people_still_checked_in(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct printq_job *jobs;

	queue(f, 1);
	queue(f, 2); /* as if the check-in of R-2 was undone after the job was queued */
	assert_true(printq_mark_failed(f->db, 1, "JOB_CANCELED: x", f->t0, &cause));
	assert_true(printq_mark_failed(f->db, 2, "cancelled: check-in undone", f->t0, &cause));
	assert_int_equal(printq_retry_failed(f->db, f->t0, &cause), 1);
	size_t n = printq_list(f->db, false, &jobs);
	assert_int_equal(find(jobs, n, 1)->state, PRINTQ_QUEUED);
	assert_int_equal(find(jobs, n, 1)->attempts, 0);
	assert_int_equal(find(jobs, n, 2)->state, PRINTQ_FAILED);
	printq_jobs_free(jobs, n);
	assert_int_equal(claim(f, f->t0), 1);
}

static void retry_makes_waiting_jobs_due_now(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	queue(f, 1);
	assert_int_equal(claim(f, f->t0), 1);
	assert_true(printq_defer(f->db, 1, "SUBMIT_FAILED: x", f->t0, &cause));
	assert_int_equal(claim(f, f->t0 + 1), 0);
	assert_int_equal(printq_retry_failed(f->db, f->t0 + 1, &cause), 0);
	assert_int_equal(claim(f, f->t0 + 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(backoff_doubles_from_five_seconds_to_five_minutes),
	    cmocka_unit_test_setup_teardown(claim_takes_the_oldest_due_job_and_leases_it, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(claim_fills_the_job_with_who_it_is_for, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(defer_counts_attempts_and_waits_the_back_off, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(wake_frees_only_the_jobs_that_waited_for_the_printer,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(holding_for_the_printer_writes_only_what_changes, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_job_goes_from_sent_to_done, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_sent_job_cups_forgot_is_done_with_its_reason, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(retry_requeues_failed_jobs_of_people_still_checked_in,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(retry_makes_waiting_jobs_due_now, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
