/*
 * Tests for attendance: every rule of issue 18, each at its edge. A session
 * 08:30-11:30 (180 minutes) with the defaults (grace 10, half = 90 minutes):
 * on time at the start and at start + 10; late at start + 11; still attended
 * at start + 90 and absent at start + 91; on a sign-out session, a sign-out at
 * end - 90 still counts and at end - 91 does not, and no sign-out at all is
 * an absence; an excused absence satisfies a required session only when the
 * setting says so and never earns hours. Then the door: the session picked by
 * the clock (open 30 minutes before, parallel sessions ambiguous), on time,
 * late, too late, already, red for not approved or not checked in (and the
 * supervisor's override), a sign-out before a sign-in, a closed session. And
 * the certificate: eligible = every required session, hours = sum attended.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "frontdesk/attendance.h"
#include "frontdesk/date.h"

static long day(void)
{
	long d;

	assert_true(date_parse("2026-05-26", &d));
	return d;
}

/* 08:30-11:30, 3 hours, required; sign_out as asked. */
static struct session morning(bool sign_out)
{
	return (struct session){.id = "0526-0830",
	                        .date = day(),
	                        .start = 8 * 60 + 30,
	                        .end = 11 * 60 + 30,
	                        .kind = SESSION_LECTURE,
	                        .hours_tenths = 30,
	                        .required = true,
	                        .sign_out = sign_out};
}

static long at(int h, int m)
{
	return day() * 1440 + h * 60 + m;
}

static const struct attend_settings defaults = ATTEND_SETTINGS_DEFAULT;

static struct attend_judgement judge(const struct session *s, long in, long out, bool excused,
                                     const struct attend_settings *set)
{
	struct attend_record r = {in, out, excused};
	struct attend_judgement j;

	attend_judge(s, set, &r, &j);
	return j;
}

static void defaults_are_the_issues(void **state)
{
	(void)state;
	assert_int_equal(defaults.late_grace, 10);
	assert_int_equal(defaults.absent_percent, 50);
	assert_false(defaults.excused_counts);
}

static void on_time_up_to_the_grace(void **state)
{
	(void)state;
	struct session s = morning(false);

	struct attend_judgement j = judge(&s, at(8, 0), -1, false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.late_minutes, 0);
	j = judge(&s, at(8, 40), -1, false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.late_minutes, 0);
	j = judge(&s, at(8, 41), -1, false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.late_minutes, 11);
}

static void later_than_half_is_absent(void **state)
{
	(void)state;
	struct session s = morning(false);

	struct attend_judgement j = judge(&s, at(10, 0), -1, false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.late_minutes, 90);
	j = judge(&s, at(10, 1), -1, false, &defaults);
	assert_false(j.attended);
	assert_int_equal(j.absence, ABSENCE_TOO_LATE);
	assert_int_equal(j.late_minutes, 91);
}

static void no_sign_in_is_absent(void **state)
{
	(void)state;
	struct session s = morning(false);
	struct attend_judgement j = judge(&s, -1, -1, false, &defaults);

	assert_false(j.attended);
	assert_int_equal(j.absence, ABSENCE_NO_SIGN_IN);
	assert_false(j.satisfied);
}

static void sign_out_sessions_need_one(void **state)
{
	(void)state;
	struct session s = morning(true);

	struct attend_judgement j = judge(&s, at(8, 25), -1, false, &defaults);
	assert_false(j.attended);
	assert_int_equal(j.absence, ABSENCE_NO_SIGN_OUT);
	j = judge(&s, at(8, 25), at(11, 30), false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.early_minutes, 0);
	j = judge(&s, at(8, 25), at(11, 45), false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.early_minutes, 0);
}

static void leaving_earlier_than_half_is_absent(void **state)
{
	(void)state;
	struct session s = morning(true);

	struct attend_judgement j = judge(&s, at(8, 25), at(10, 0), false, &defaults);
	assert_true(j.attended);
	assert_int_equal(j.early_minutes, 90);
	j = judge(&s, at(8, 25), at(9, 59), false, &defaults);
	assert_false(j.attended);
	assert_int_equal(j.absence, ABSENCE_LEFT_EARLY);
	assert_int_equal(j.early_minutes, 91);
}

static void a_sign_out_on_a_session_without_one_is_ignored(void **state)
{
	(void)state;
	struct session s = morning(false);
	struct attend_judgement j = judge(&s, at(8, 25), at(8, 40), false, &defaults);

	assert_true(j.attended);
	assert_int_equal(j.early_minutes, 0);
}

static void excused_counts_only_when_set(void **state)
{
	(void)state;
	struct session s = morning(false);
	struct attend_settings lenient = defaults;
	lenient.excused_counts = true;

	struct attend_judgement j = judge(&s, -1, -1, true, &defaults);
	assert_true(j.excused);
	assert_false(j.satisfied);
	j = judge(&s, -1, -1, true, &lenient);
	assert_true(j.satisfied);
	assert_false(j.attended);
	/* present after all: attendance wins, the excuse is moot */
	j = judge(&s, at(8, 30), -1, true, &defaults);
	assert_true(j.attended);
	assert_false(j.excused);
}

static void settings_move_the_edges(void **state)
{
	(void)state;
	struct session s = morning(true);
	struct attend_settings strict = {5, 25, false, 30};

	struct attend_judgement j = judge(&s, at(8, 36), at(11, 30), false, &strict);
	assert_int_equal(j.late_minutes, 6);
	j = judge(&s, at(9, 15), at(11, 30), false, &strict);
	assert_true(j.attended); /* 45 = 25% of 180 */
	j = judge(&s, at(9, 16), at(11, 30), false, &strict);
	assert_false(j.attended);
	j = judge(&s, at(8, 30), at(10, 44), false, &strict);
	assert_false(j.attended);
}

static void summary_sums_hours_and_requires_every_required(void **state)
{
	(void)state;
	struct session s[3] = {morning(false), morning(true), morning(false)};
	s[1].date += 1;
	s[2].date += 2;
	s[2].required = false;
	s[2].hours_tenths = 15;
	struct attend_judgement j[3];
	struct attend_summary sum;

	j[0] = judge(&s[0], at(8, 50), -1, false, &defaults); /* late 20, attended */
	j[1] = judge(&s[1], -1, -1, true, &defaults);         /* excused */
	j[2] = judge(&s[2], at(8, 30) + 2 * 1440, -1, false, &defaults);
	attend_summarise(s, j, 3, &sum);
	assert_int_equal(sum.hours_tenths, 45);
	assert_false(sum.eligible);
	assert_int_equal(sum.missed, 1);
	assert_int_equal(sum.late, 1);
	assert_int_equal(sum.excused, 1);

	j[1] = judge(&s[1], at(8, 30) + 1440, at(11, 30) + 1440, false, &defaults);
	j[2] = judge(&s[2], -1, -1, false, &defaults); /* an elective missed does not matter */
	attend_summarise(s, j, 3, &sum);
	assert_true(sum.eligible);
	assert_int_equal(sum.hours_tenths, 60);
}

static void the_clock_picks_the_open_session(void **state)
{
	(void)state;
	struct session s[3] = {morning(false), morning(true), morning(false)};
	s[1].start = 14 * 60;
	s[1].end = 17 * 60;
	s[2].start = 14 * 60;
	s[2].end = 16 * 60;

	assert_int_equal(attend_pick(s, 1, at(7, 59), &defaults, ATTEND_SIGN_IN), -1);
	assert_int_equal(attend_pick(s, 1, at(8, 0), &defaults, ATTEND_SIGN_IN), 0);
	assert_int_equal(attend_pick(s, 1, at(11, 30), &defaults, ATTEND_SIGN_IN), 0);
	assert_int_equal(attend_pick(s, 1, at(11, 31), &defaults, ATTEND_SIGN_IN), -1);
	assert_int_equal(attend_pick(s, 3, at(14, 5), &defaults, ATTEND_SIGN_IN), -2);
	/* a sign-out: only sign-out sessions, until 30 minutes after the end */
	assert_int_equal(attend_pick(s, 3, at(16, 30), &defaults, ATTEND_SIGN_OUT), 1);
	assert_int_equal(attend_pick(s, 3, at(17, 30), &defaults, ATTEND_SIGN_OUT), 1);
	assert_int_equal(attend_pick(s, 3, at(17, 31), &defaults, ATTEND_SIGN_OUT), -1);
	assert_int_equal(attend_pick(s, 1, at(9, 0), &defaults, ATTEND_SIGN_OUT), -1);
}

static struct attend_decision decide(const struct session *s, long now, enum attend_request req,
                                     bool approved, bool checked_in, long in, long out,
                                     bool override)
{
	struct attend_person p = {approved, checked_in};
	struct attend_record r = {in, out, false};
	struct attend_decision d;

	attend_decide(s, &defaults, now, req, &p, &r, override, &d);
	return d;
}

static void the_door_answers(void **state)
{
	(void)state;
	struct session s = morning(true);
	struct attend_decision d;

	d = decide(&s, at(8, 20), ATTEND_SIGN_IN, true, true, -1, -1, false);
	assert_int_equal(d.scan, SCAN_ON_TIME);
	assert_int_equal(d.colour, ATTEND_GREEN);
	assert_true(d.record);
	d = decide(&s, at(8, 53), ATTEND_SIGN_IN, true, true, -1, -1, false);
	assert_int_equal(d.scan, SCAN_LATE);
	assert_int_equal(d.colour, ATTEND_AMBER);
	assert_int_equal(d.late_minutes, 23);
	assert_true(d.record);
	d = decide(&s, at(10, 30), ATTEND_SIGN_IN, true, true, -1, -1, false);
	assert_int_equal(d.scan, SCAN_TOO_LATE);
	assert_true(d.record);
	d = decide(&s, at(8, 55), ATTEND_SIGN_IN, true, true, at(8, 20), -1, false);
	assert_int_equal(d.scan, SCAN_ALREADY);
	assert_int_equal(d.colour, ATTEND_AMBER);
	assert_false(d.record);
}

static void red_people_and_the_override(void **state)
{
	(void)state;
	struct session s = morning(true);
	struct attend_decision d;

	d = decide(&s, at(8, 20), ATTEND_SIGN_IN, true, false, -1, -1, false);
	assert_int_equal(d.scan, SCAN_NOT_CHECKED_IN);
	assert_int_equal(d.colour, ATTEND_RED);
	assert_true(d.overridable);
	assert_false(d.record);
	d = decide(&s, at(8, 20), ATTEND_SIGN_IN, false, false, -1, -1, false);
	assert_int_equal(d.scan, SCAN_NOT_APPROVED);
	assert_true(d.overridable);
	d = decide(&s, at(8, 45), ATTEND_SIGN_IN, false, false, -1, -1, true);
	assert_int_equal(d.scan, SCAN_LATE);
	assert_true(d.record);
	/* once recorded, their sign-out needs no second override */
	d = decide(&s, at(11, 35), ATTEND_SIGN_OUT, false, false, at(8, 45), -1, false);
	assert_int_equal(d.scan, SCAN_SIGNED_OUT);
	assert_true(d.record);
}

static void sign_out_at_the_door(void **state)
{
	(void)state;
	struct session s = morning(true);
	struct session no_out = morning(false);
	struct attend_decision d;

	d = decide(&s, at(11, 0), ATTEND_SIGN_OUT, true, true, at(8, 20), -1, false);
	assert_int_equal(d.scan, SCAN_LEFT_EARLY);
	assert_int_equal(d.early_minutes, 30);
	assert_true(d.record);
	d = decide(&s, at(11, 40), ATTEND_SIGN_OUT, true, true, at(8, 20), at(11, 31), false);
	assert_int_equal(d.scan, SCAN_ALREADY);
	assert_false(d.record);
	d = decide(&s, at(11, 40), ATTEND_SIGN_OUT, true, true, -1, -1, false);
	assert_int_equal(d.scan, SCAN_NOT_SIGNED_IN);
	assert_int_equal(d.colour, ATTEND_RED);
	d = decide(&no_out, at(11, 20), ATTEND_SIGN_OUT, true, true, at(8, 20), -1, false);
	assert_int_equal(d.scan, SCAN_NO_SIGN_OUT);
	d = decide(&s, at(12, 10), ATTEND_SIGN_OUT, true, true, at(8, 20), -1, false);
	assert_int_equal(d.scan, SCAN_CLOSED);
	d = decide(&s, at(7, 0), ATTEND_SIGN_IN, true, true, -1, -1, false);
	assert_int_equal(d.scan, SCAN_CLOSED);
	assert_false(d.overridable);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults_are_the_issues),
	    cmocka_unit_test(on_time_up_to_the_grace),
	    cmocka_unit_test(later_than_half_is_absent),
	    cmocka_unit_test(no_sign_in_is_absent),
	    cmocka_unit_test(sign_out_sessions_need_one),
	    cmocka_unit_test(leaving_earlier_than_half_is_absent),
	    cmocka_unit_test(a_sign_out_on_a_session_without_one_is_ignored),
	    cmocka_unit_test(excused_counts_only_when_set),
	    cmocka_unit_test(settings_move_the_edges),
	    cmocka_unit_test(summary_sums_hours_and_requires_every_required),
	    cmocka_unit_test(the_clock_picks_the_open_session),
	    cmocka_unit_test(the_door_answers),
	    cmocka_unit_test(red_people_and_the_override),
	    cmocka_unit_test(sign_out_at_the_door),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
