/*
 * Tests for action_card_details (src/actions/card_details.c): what the desk
 * card shows beyond the verdict, read for one person of the demo event. The
 * print queue is driven through a second connection to the same database,
 * as a print pass in another process would.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "frontdesk/actions/card_details.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/printq.h"
#include "frontdesk/query.h"
#include "frontdesk/actions/desk_records.h"
#include "frontdesk/xmalloc.h"
#include "demo_fixture.h"
#include "store_fixture.h"

#define PAYMENT_CONTACT      "财务组 刘建平老师 027-8765 4322"
#define REGISTRATION_CONTACT "会务组 王晓燕老师 027-8765 4321"

struct fixture {
	char *dir;
	char *path;
	struct desk *desk;
	struct db *db; /* the print queue's side */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;

	f->dir = fixture_make_dir("card");
	assert_non_null(f->dir);
	f->path = xasprintf("%s/desk.db", f->dir);
	f->desk = demo_desk_open(f->path, true);
	f->db = db_open(f->path, &cause);
	assert_non_null(f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	db_close(f->db);
	desk_close(f->desk);
	assert_int_equal(fixture_remove_dir(f->dir), 0);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void details(struct fixture *f, const char *reg_no, struct card_details *out)
{
	assert_int_equal(action_card_details(f->desk, reg_no, out), ACTION_OK);
}

/* The id of reg_no's newest print job, read through the queue's connection. */
static long newest_job(struct fixture *f, const char *reg_no)
{
	struct printq_job job;

	assert_true(printq_newest_of(f->db, query_id_by_reg_no(f->db, reg_no), &job));
	long id = job.id;
	printq_job_release(&job);
	return id;
}

static void unknown_reg_no_is_refused(void **state)
{
	struct fixture *f = *state;
	struct card_details d;

	assert_int_equal(action_card_details(f->desk, "WH2026-9999", &d), ACTION_REFUSED);
	assert_null(d.roommate_requested);
	assert_null(d.collective_organisation);
	assert_null(d.refund_contact);
	assert_int_equal(d.badge, CARD_BADGE_NONE);
	action_card_details_release(&d);
}

/* 高飞华 comes by train (the note), books a bed for the whole event, asks for nobody. */
static void note_and_whole_stay_without_requests(void **state)
{
	struct fixture *f = *state;
	struct lookup_result r;
	struct card_details d;

	assert_int_equal(action_lookup(f->desk, "WH2026-0150", &r), ACTION_OK);
	assert_string_equal(r.matches[0].person->note, "高铁G1234, 预计16:30到武汉站");
	action_lookup_release(&r);
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.nights, 5);
	assert_string_equal(d.arrive, "2026-05-25");
	assert_string_equal(d.depart, "2026-05-30");
	assert_null(d.roommate_requested);
	assert_false(d.roommate_found);
	assert_null(d.roommate_name);
	assert_null(d.collective_organisation);
	assert_null(d.collective_reference);
	assert_false(d.collective_pending);
	assert_int_equal(d.badge, CARD_BADGE_NONE);
	assert_null(d.badge_reason);
	assert_string_equal(d.refund_contact, PAYMENT_CONTACT);
	assert_string_equal(d.registration_contact, REGISTRATION_CONTACT);
	action_card_details_release(&d);
}

/* 高秋兰 booked no room: no nights, no dates, whatever the stored defaults say. */
static void no_room_has_no_nights(void **state)
{
	struct fixture *f = *state;
	struct card_details d;

	details(f, "WH2026-0001", &d);
	assert_int_equal(d.nights, 0);
	assert_string_equal(d.arrive, "");
	assert_string_equal(d.depart, "");
	action_card_details_release(&d);
}

/* 黄华亦 leaves on the morning of 28 May: three nights. */
static void early_departure_counts_its_nights(void **state)
{
	struct fixture *f = *state;
	struct card_details d;

	details(f, "WH2026-0152", &d);
	assert_int_equal(d.nights, 3);
	assert_string_equal(d.arrive, "2026-05-25");
	assert_string_equal(d.depart, "2026-05-28");
	action_card_details_release(&d);
}

/* 周芳敏 and 田燕子 asked for each other (dates left blank: the whole event). */
static void mutual_roommates_before_and_after_arrival(void **state)
{
	struct fixture *f = *state;
	struct card_details d;

	details(f, "WH2026-0004", &d);
	assert_string_equal(d.roommate_requested, "WH2026-0019");
	assert_true(d.roommate_found);
	assert_string_equal(d.roommate_name, "田燕子");
	assert_false(d.roommate_arrived);
	assert_int_equal(d.nights, 5);
	assert_string_equal(d.arrive, "2026-05-25");
	assert_string_equal(d.depart, "2026-05-30");
	action_card_details_release(&d);

	demo_checkin(f->desk, "WH2026-0019");
	details(f, "WH2026-0004", &d);
	assert_true(d.roommate_found);
	assert_true(d.roommate_arrived);
	action_card_details_release(&d);
	/* and the other way round: 周芳敏 is not here yet */
	details(f, "WH2026-0019", &d);
	assert_string_equal(d.roommate_requested, "WH2026-0004");
	assert_string_equal(d.roommate_name, "周芳敏");
	assert_false(d.roommate_arrived);
	action_card_details_release(&d);
}

/* A request naming nobody registered is shown as written, not found. */
static void unknown_roommate_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct card_details d;

	fixture_exec(f->db,
	             "UPDATE attendee SET roommate = '不存在的人' WHERE reg_no = 'WH2026-0150'");
	details(f, "WH2026-0150", &d);
	assert_string_equal(d.roommate_requested, "不存在的人");
	assert_false(d.roommate_found);
	assert_null(d.roommate_name);
	assert_false(d.roommate_arrived);
	action_card_details_release(&d);
	/* a name matching exactly one registration is found */
	fixture_exec(f->db, "UPDATE attendee SET roommate = '杨勇' WHERE reg_no = 'WH2026-0150'");
	details(f, "WH2026-0150", &d);
	assert_true(d.roommate_found);
	assert_string_equal(d.roommate_name, "杨勇");
	action_card_details_release(&d);
}

static void collective_members_name_their_transfer(void **state)
{
	struct fixture *f = *state;
	struct card_details d;

	details(f, "WH2026-0015", &d);
	assert_string_equal(d.collective_organisation, "湖北省图书馆");
	assert_string_equal(d.collective_reference, "HB20260508-0417");
	assert_false(d.collective_pending);
	action_card_details_release(&d);

	details(f, "WH2026-0089", &d);
	assert_string_equal(d.collective_organisation, "武汉大学图书馆");
	assert_string_equal(d.collective_reference, "WD20260519-1126");
	assert_true(d.collective_pending);
	action_card_details_release(&d);

	/* listed by two transfers: the card names the first in file order */
	fixture_exec(f->db, "INSERT INTO collective_transfer (id, organisation, amount, reference, "
	                    "state) VALUES (100, '宜昌市图书馆', 1500, 'YC-1', 'confirmed')");
	fixture_exec(f->db, "INSERT INTO collective_member VALUES (100, 1, 'WH2026-0089')");
	details(f, "WH2026-0089", &d);
	assert_string_equal(d.collective_organisation, "武汉大学图书馆");
	assert_string_equal(d.collective_reference, "WD20260519-1126");
	assert_true(d.collective_pending);
	action_card_details_release(&d);

	details(f, "WH2026-0150", &d);
	assert_null(d.collective_organisation);
	action_card_details_release(&d);
}

/* 张帆涛 paid online and is also listed by 湖北省图书馆: a refund, with whom to call. */
static void duplicate_payment_names_the_refund_contact(void **state)
{
	struct fixture *f = *state;
	struct lookup_result r;
	struct card_details d;

	assert_int_equal(action_lookup(f->desk, "WH2026-0005", &r), ACTION_OK);
	assert_int_equal(r.matches[0].verdict.refund, 1500);
	action_lookup_release(&r);
	details(f, "WH2026-0005", &d);
	assert_string_equal(d.collective_organisation, "湖北省图书馆");
	assert_string_equal(d.collective_reference, "HB20260508-0417");
	assert_string_equal(d.refund_contact, PAYMENT_CONTACT);
	action_card_details_release(&d);
}

/* None, then waiting (check-in queued it), failed, waiting again (reprint), sent, printed. */
static void badge_follows_its_newest_job(void **state)
{
	struct fixture *f = *state;
	struct card_details d;
	char *cause = NULL, *message = NULL;
	time_t now = time(NULL);

	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_NONE);
	action_card_details_release(&d);

	demo_checkin(f->desk, "WH2026-0150");
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_WAITING);
	assert_null(d.badge_reason);
	action_card_details_release(&d);

	long job = newest_job(f, "WH2026-0150");
	assert_true(printq_defer(f->db, job, "PRINTER_STOPPED", now, &cause));
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_WAITING);
	assert_string_equal(d.badge_reason, "PRINTER_STOPPED");
	action_card_details_release(&d);

	assert_true(printq_mark_failed(f->db, job, "卡纸", now, &cause));
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_FAILED);
	assert_string_equal(d.badge_reason, "卡纸");
	action_card_details_release(&d);

	assert_int_equal(action_reprint(f->desk, "WH2026-0150", "胸牌丢失", &message), ACTION_OK);
	free(message);
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_WAITING);
	assert_string_equal(d.badge_reason, "胸牌丢失");
	action_card_details_release(&d);

	long again = newest_job(f, "WH2026-0150");
	assert_true(again > job);
	assert_true(printq_mark_sent(f->db, again, 42, now, &cause));
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_SENT);
	assert_null(d.badge_reason);
	action_card_details_release(&d);

	assert_true(printq_mark_done(f->db, again, now, &cause));
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_PRINTED);
	assert_null(d.badge_reason);
	action_card_details_release(&d);
}

/* An undone check-in cancels the badge not yet printed: failed, and the card says why. */
static void undone_checkin_cancels_the_badge(void **state)
{
	struct fixture *f = *state;
	struct card_details d;
	char *message = NULL;

	demo_checkin(f->desk, "WH2026-0150");
	assert_int_equal(action_undo(f->desk, "WH2026-0150", "2468", &message), ACTION_OK);
	free(message);
	details(f, "WH2026-0150", &d);
	assert_int_equal(d.badge, CARD_BADGE_FAILED);
	assert_string_equal(d.badge_reason, "cancelled: check-in undone");
	action_card_details_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(unknown_reg_no_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(note_and_whole_stay_without_requests, setup, teardown),
	    cmocka_unit_test_setup_teardown(no_room_has_no_nights, setup, teardown),
	    cmocka_unit_test_setup_teardown(early_departure_counts_its_nights, setup, teardown),
	    cmocka_unit_test_setup_teardown(mutual_roommates_before_and_after_arrival, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(unknown_roommate_is_not_found, setup, teardown),
	    cmocka_unit_test_setup_teardown(collective_members_name_their_transfer, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(duplicate_payment_names_the_refund_contact, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(badge_follows_its_newest_job, setup, teardown),
	    cmocka_unit_test_setup_teardown(undone_checkin_cancels_the_badge, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
