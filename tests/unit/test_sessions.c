/*
 * Tests for sessions, the store of the training days: the programme merged by
 * id (added, updated, unchanged, removed; a removed session's records stay),
 * an attendance row stored once per person, session and kind (a second is
 * refused without writing, the first stands), what one person's record of a
 * session reads back as, the report's matrix (expected people plus anyone with
 * a record, by reg_no; a dropped session's rows left out), the replay's
 * clearing of attendance, and the stamps read as minutes. Each case runs on its
 * own temporary database (store_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/date.h"
#include "frontdesk/sessions.h"
#include "frontdesk/sync.h"
#include "store_fixture.h"

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,\n";

#define HEAD   "日期,开始,结束,地点,名称,类型,学时,必修,签退\n"
#define ROW_AM "2026-05-26,08:30,11:30,图书馆,上午,讲座,3,是,否\n"
#define ROW_PM "2026-05-26,14:00,17:00,图书馆,下午,讲座,3,是,是\n"

struct fixture {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = fixture_make_dir("sessions");
	f->path = f->dir ? xasprintf("%s/frontdesk.db", f->dir) : NULL;
	*state = f;
	if (f->path == NULL || !fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg)) {
		return -1;
	}
	/* expected, R-3 pending */
	fixture_exec(
	    f->db,
	    "INSERT INTO attendee (id, reg_no, name, status, arrive, depart, secret, "
	    "imported_at, updated_at) VALUES "
	    "(1, 'R-1', '张伟', 'approved', '2026-05-25', '2026-05-30', '0123456789', 'x', 'x'),"
	    "(2, 'R-2', '单田芳', 'approved', '2026-05-25', '2026-05-30', '1123456789', 'x', 'x'),"
	    "(3, 'R-3', '李成', 'pending', '2026-05-25', '2026-05-30', '2123456789', 'x', 'x');");
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = fixture_close_event(f->db, f->cfg, f->dir, f->path);

	free(f);
	return rc;
}

static struct programme *parse(const char *text)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct programme *p = programme_parse(text, strlen(text), &errs);

	assert_int_equal(errs.n, 0);
	return p;
}

static void save(struct fixture *f, const char *text, struct sessions_merge *m)
{
	struct programme *p = parse(text);
	char *cause = NULL;

	assert_true(sessions_save(f->db, p, m, &cause));
	assert_null(cause);
	programme_free(p);
}

static void programme_is_merged_by_id(void **state)
{
	struct fixture *f = *state;
	struct sessions_merge m;

	save(f, HEAD ROW_AM ROW_PM, &m);
	assert_int_equal(m.added, 2);
	save(f, HEAD ROW_PM "2026-05-26,08:30,11:30,图书馆,上午（改）,讲座,3,是,否\n", &m);
	assert_int_equal(m.added, 0);
	assert_int_equal(m.updated, 1);
	assert_int_equal(m.unchanged, 1);
	assert_int_equal(m.removed, 0);
	save(f, HEAD ROW_PM, &m);
	assert_int_equal(m.removed, 1);
	struct programme *p = sessions_load(f->db);
	assert_int_equal(p->n, 1);
	assert_string_equal(p->sessions[0].id, "0526-1400");
	assert_true(p->sessions[0].sign_out);
	assert_int_equal(p->sessions[0].hours_tenths, 30);
	programme_free(p);
}

static struct attend_row row(long id, const char *session, enum attend_row_kind kind,
                             const char *at)
{
	return (struct attend_row){id, session, kind, at, "A", "alice", NULL};
}

static void a_row_is_stored_once_and_the_first_stands(void **state)
{
	struct fixture *f = *state;
	struct sessions_merge m;
	char *cause = NULL, *in_at = NULL;
	struct attend_record r;

	save(f, HEAD ROW_AM ROW_PM, &m);
	struct attend_row first = row(1, "0526-1400", ATTEND_ROW_IN, "2026-05-26 13:55:00");
	struct attend_row second = row(1, "0526-1400", ATTEND_ROW_IN, "2026-05-26 14:20:00");
	struct attend_row out = row(1, "0526-1400", ATTEND_ROW_OUT, "2026-05-26 16:40:00");
	assert_int_equal(sessions_add_row(f->db, &first, &cause), 1);
	assert_int_equal(sessions_add_row(f->db, &second, &cause), 0);
	assert_int_equal(sessions_add_row(f->db, &out, &cause), 1);
	sessions_record_of(f->db, 1, "0526-1400", &r, &in_at);
	assert_string_equal(in_at, "2026-05-26 13:55:00");
	long start;
	assert_true(sessions_parse_stamp("2026-05-26 14:00", &start));
	assert_int_equal(r.in, start - 5);
	assert_int_equal(r.out, start + 160);
	assert_false(r.excused);
	free(in_at);
	sessions_record_of(f->db, 2, "0526-1400", &r, NULL);
	assert_int_equal(r.in, -1);
	assert_int_equal(r.out, -1);
}

static void the_matrix_has_the_expected_and_anyone_recorded(void **state)
{
	struct fixture *f = *state;
	struct sessions_merge m;
	char *cause = NULL;
	struct sessions_person *people = NULL;
	struct attend_record *records = NULL;

	save(f, HEAD ROW_AM ROW_PM, &m);
	struct attend_row a = row(3, "0526-0830", ATTEND_ROW_IN, "2026-05-26 08:20:00");
	struct attend_row e = row(2, "0526-1400", ATTEND_ROW_EXCUSED, "2026-05-26 09:00:00");
	struct attend_row gone = row(1, "0525-0900", ATTEND_ROW_IN, "2026-05-25 09:00:00");
	e.reason = "家中有事";
	assert_int_equal(sessions_add_row(f->db, &a, &cause), 1);
	assert_int_equal(sessions_add_row(f->db, &e, &cause), 1);
	assert_int_equal(sessions_add_row(f->db, &gone, &cause), 1);
	struct programme *p = sessions_load(f->db);
	size_t n = sessions_load_matrix(f->db, p, &people, &records);
	assert_int_equal(n, 3); /* R-3 is pending but holds a record */
	assert_string_equal(people[2].reg_no, "R-3");
	assert_true(records[2 * p->n + 0].in >= 0);
	assert_true(records[1 * p->n + 1].excused);
	assert_int_equal(records[0 * p->n + 0].in,
	                 -1); /* R-1's row of a dropped session: left out */
	char *reason = sessions_excuse_reason(f->db, 2, "0526-1400");
	assert_string_equal(reason, "家中有事");
	free(reason);
	sessions_people_free(people, n);
	free(records);
	programme_free(p);
}

static void a_replay_clears_attendance_but_not_the_programme(void **state)
{
	struct fixture *f = *state;
	struct sessions_merge m;
	char *cause = NULL;

	save(f, HEAD ROW_AM, &m);
	struct attend_row a = row(1, "0526-0830", ATTEND_ROW_IN, "2026-05-26 08:20:00");
	assert_int_equal(sessions_add_row(f->db, &a, &cause), 1);
	assert_true(sync_clear_derived(f->db, &cause));
	struct attend_record r;
	sessions_record_of(f->db, 1, "0526-0830", &r, NULL);
	assert_int_equal(r.in, -1);
	struct programme *p = sessions_load(f->db);
	assert_int_equal(p->n, 1);
	programme_free(p);
}

static void stamps_read_as_minutes(void **state)
{
	(void)state;
	long m, day;

	assert_true(date_parse("2026-05-26", &day));
	assert_true(sessions_parse_stamp("2026-05-26 08:30:59", &m));
	assert_int_equal(m, day * 1440 + 510);
	assert_true(sessions_parse_stamp("2026-05-26T08:30", &m));
	assert_false(sessions_parse_stamp("2026-05-26 24:00", &m));
	assert_false(sessions_parse_stamp("2026-05-26 08:60", &m));
	assert_false(sessions_parse_stamp("2026-05-26", &m));
	assert_false(sessions_parse_stamp(NULL, &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(programme_is_merged_by_id, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_row_is_stored_once_and_the_first_stands, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(the_matrix_has_the_expected_and_anyone_recorded, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_replay_clears_attendance_but_not_the_programme, setup,
	                                    teardown),
	    cmocka_unit_test(stamps_read_as_minutes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
