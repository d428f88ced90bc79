/*
 * Tests for query: reading registrations back as plain structs with the
 * payment facts the fee rules judge (DESIGN section 3, "Fee"): individual
 * payments from the roster, on-site card payments, and each member's share of
 * a collective transfer as rules_collective_split computes it (an eligible
 * member's share is their own due, the others get 0, the rest is a refund).
 * Also lookups by reg_no and external code, and search (DESIGN section 1):
 * name or reg_no substrings, and phone digits only from 4 digits up. Each case
 * is named after the rule it checks and runs on its own temporary database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_private.h"
#include "frontdesk/collective.h"
#include "frontdesk/diag.h"
#include "frontdesk/event.h"
#include "frontdesk/query.h"
#include "frontdesk/records.h"
#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"
#include "frontdesk/roster_merge.h"
#include "frontdesk/rules.h"
#include "frontdesk/setup.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "store_fixture.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,\n"
                                "知音湖畔酒店,802,双床房,8,\n";

#define HEADER                                                                                                                            \
	"报名编号,姓名,性别,单位,职务,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期," \
	"离店日期,同住人,备注,外部码"
/* online confirmed, with every optional field */
#define Q001                                                                                                                  \
	"Q-001,张三,男,湖北省图书馆,馆长,13800001111,是,已通过,在线支付,1500,已到账,大床房,2026-05-" \
	"26,2026-05-29,Q-002,素食,EXT-0001"
/* an individual transfer under review; the phone written with dashes */
#define Q002                                                                                                                    \
	"Q-002,李四,男,武汉大学图书馆,馆员,139-0000-2222,否,已通过,个人转账,1700,待核实,床位,,,,,EXT-" \
	"0002"
/* unpaid on the platform: pays by card at the desk; the phone written with spaces */
#define Q003 "Q-003,王五,女,襄阳市图书馆,主任,137 0000 3333,是,已通过,未交费,,,不住宿,,,,,"
/* the confirmed collective transfer JZ-001 of 4700: a member, a non-member, a rejected member */
#define Q004 "Q-004,赵六,女,荆州市图书馆,馆员,13600004444,是,已通过,集体转账,,,不住宿,,,,,"
#define Q005 "Q-005,钱七,男,荆州市图书馆,馆员,13500005555,否,已通过,集体转账,,,不住宿,,,,,"
#define Q006 "Q-006,孙八,男,荆州市图书馆,馆员,13400006666,是,未通过,集体转账,,,不住宿,,,,,"
/* the collective transfer HS-001 under review */
#define Q007 "Q-007,周九,女,黄石市图书馆,馆员,13300007777,是,已通过,集体转账,,,不住宿,,,,,"
/* a name that contains another one (张三) */
#define Q008 "Q-008,张三丰,男,武当山图书馆,道长,13200008888,否,待审核,未交费,,,不住宿,,,,,"

#define COLLECTIVE                                                     \
	"单位,金额,凭证号,交费状态,名单\n"                \
	"荆州市图书馆,4700,JZ-001,已到账,Q-004;Q-005;Q-006\n" \
	"黄石市图书馆,2000,HS-001,待核实,Q-007\n"

#define N_ROWS 8

/* A temporary database with the event, the rooms and the roster above imported. */
struct fixture {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
};

/* Parses roster_csv and collective_csv (NULL: keep the stored transfers) and merges them. */
static bool import_texts(struct fixture *f, const char *roster_csv, const char *collective_csv)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *roster = roster_parse(roster_csv, strlen(roster_csv), f->cfg, &errs);
	struct collective_list *coll =
	    collective_csv ? collective_parse(collective_csv, strlen(collective_csv), &errs) : NULL;
	struct roster_merge_result r = {0};
	char *cause = NULL;
	bool ok = roster != NULL && (collective_csv == NULL || coll != NULL) && errs.n == 0 &&
	          roster_merge(f->db, roster, coll, "roster.csv", "00", -1, &r, &cause);

	/* a small roster that leaves one row out is over the share: confirmed, as staff would */
	if (!ok && r.withdraw == WITHDRAW_TOO_MANY) {
		ok = roster_merge(f->db, roster, coll, "roster.csv", "00", r.would_withdraw, &r,
		                  &cause);
	}
	if (!ok) {
		const char *why = errs.n ? errs.items[0].message : "?";
		fprintf(stderr, "import: %s\n", cause ? cause : why);
	} else {
		diag_list_clear(&r.warnings);
	}
	roster_free(roster);
	collective_free(coll);
	diag_list_clear(&errs);
	free(cause);
	return ok;
}

static int fixture_teardown(void **state);

static int fixture_setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = fixture_make_dir("query");
	if (f->dir == NULL) {
		free(f);
		return -1;
	}
	f->path = xasprintf("%s/frontdesk.db", f->dir);
	*state = f;
	bool ok = fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg);
	ok = ok && import_texts(f,
	                        HEADER "\n" Q001 "\n" Q002 "\n" Q003 "\n" Q004 "\n" Q005 "\n" Q006
	                               "\n" Q007 "\n" Q008 "\n",
	                        COLLECTIVE);
	if (!ok) {
		fixture_teardown(state);
		return -1;
	}
	return 0;
}

static int fixture_teardown(void **state)
{
	struct fixture *f = *state;

	int rc = fixture_close_event(f->db, f->cfg, f->dir, f->path);
	free(f);
	return rc;
}

static void exec_ok(struct fixture *f, const char *sql)
{
	fixture_exec(f->db, sql);
}

/* Returns the first column of the first row of sql as a new string ("" for NULL). */
static char *sql_text(struct fixture *f, const char *sql)
{
	sqlite3_stmt *stmt = NULL;

	assert_int_equal(sqlite3_prepare_v2(f->db->handle, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	const unsigned char *text = sqlite3_column_text(stmt, 0);
	char *value = xstrdup(text ? (const char *)text : "");
	sqlite3_finalize(stmt);
	return value;
}

static long id_of(struct fixture *f, const char *reg_no)
{
	long id = query_id_by_reg_no(f->db, reg_no);

	if (id < 0) {
		fail_msg("no registration %s", reg_no);
	}
	return id;
}

static struct attendee *load(struct fixture *f, const char *reg_no)
{
	struct attendee *a = query_attendee(f->db, id_of(f, reg_no), &f->cfg->fees);

	assert_non_null(a);
	assert_string_equal(a->reg_no, reg_no);
	return a;
}

/* Asserts a's payment facts are exactly want, in order. */
static void assert_payments(const struct attendee *a, const struct payment_fact *want, size_t n)
{
	if (a->n_payments != n) {
		fail_msg("%s: %zu payments, want %zu", a->reg_no, a->n_payments, n);
	}
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(a->payments[i].kind, want[i].kind);
		assert_int_equal(a->payments[i].amount, want[i].amount);
		assert_int_equal(a->payments[i].confirmed, want[i].confirmed);
	}
}

/* attendee.expected is rules_expected in SQL: the two must agree on every status. */
static void expected_column_agrees_with_rules_expected(void **state)
{
	struct fixture *f = *state;
	static const char *const codes[] = {"approved", "pending", "rejected"};

	for (size_t c = 0; c < ARRAY_LEN(codes); c++) {
		for (int withdrawn = 0; withdrawn <= 1; withdrawn++) {
			char *sql = xasprintf("UPDATE attendee SET status = '%s', withdrawn = %d "
			                      "WHERE reg_no = 'Q-001'",
			                      codes[c], withdrawn);
			exec_ok(f, sql);
			free(sql);
			enum reg_status status;
			assert_true(roster_status_from_code(codes[c], &status));
			char *got =
			    sql_text(f, "SELECT expected FROM attendee WHERE reg_no = 'Q-001'");
			assert_string_equal(got, rules_expected(status, withdrawn) ? "1" : "0");
			free(got);
		}
	}
}

/* The status line's counts use the same rule: expected people, and check-ins among them. */
static void checkin_counts_are_of_expected_people(void **state)
{
	struct fixture *f = *state;
	int expected = 0, checked_in = 0, want = 0;

	exec_ok(f, "INSERT INTO checkin (attendee_id, at, desk_id, operator, evidence) "
	           "SELECT id, '2026-05-25 13:00:00', 'A', 't', '{}' FROM attendee "
	           "WHERE reg_no IN ('Q-001', 'Q-008')");
	for (size_t i = 1; i <= N_ROWS; i++) {
		char reg_no[16];
		snprintf(reg_no, sizeof(reg_no), "Q-%03zu", i);
		struct attendee *a = load(f, reg_no);
		want += rules_expected(a->status, a->withdrawn);
		query_attendee_free(a);
	}
	records_count_checkins(f->db, &expected, &checked_in);
	assert_int_equal(expected, want);
	/* Q-008 is pending review: a check-in of someone not expected is not counted */
	assert_int_equal(checked_in, 1);
}

static void attendee_loads_every_registration_field(void **state)
{
	struct fixture *f = *state;
	struct attendee *a = load(f, "Q-001");
	char *secret = sql_text(f, "SELECT secret FROM attendee WHERE reg_no = 'Q-001'");

	assert_true(a->id > 0);
	assert_string_equal(a->name, "张三");
	assert_string_equal(a->organisation, "湖北省图书馆");
	assert_string_equal(a->position, "馆长");
	assert_string_equal(a->phone, "13800001111");
	assert_string_equal(a->roommate, "Q-002");
	assert_string_equal(a->note, "素食");
	assert_string_equal(a->external_code, "EXT-0001");
	assert_int_equal(a->gender, GENDER_MALE);
	assert_true(a->member);
	assert_int_equal(a->status, REG_APPROVED);
	assert_false(a->withdrawn);
	assert_int_equal(a->room, ROOM_KING);
	assert_string_equal(a->arrive, "2026-05-26");
	assert_string_equal(a->depart, "2026-05-29");
	assert_int_equal(strlen(a->secret), TICKET_SECRET_LEN);
	assert_string_equal(a->secret, secret);
	assert_false(a->checked_in);
	assert_null(a->checkin_at);
	assert_null(a->checkin_desk);
	assert_null(a->checkin_operator);
	free(secret);
	query_attendee_free(a);
}

static void attendee_blank_fields_are_null_and_dates_default(void **state)
{
	struct fixture *f = *state;
	struct attendee *a = load(f, "Q-003");

	assert_int_equal(a->gender, GENDER_FEMALE);
	assert_int_equal(a->room, ROOM_NONE);
	assert_null(a->roommate);
	assert_null(a->note);
	assert_null(a->external_code);
	assert_string_equal(a->arrive, "2026-05-25");
	assert_string_equal(a->depart, "2026-05-30");
	query_attendee_free(a);

	a = load(f, "Q-008");
	assert_int_equal(a->status, REG_PENDING);
	assert_false(a->member);
	query_attendee_free(a);
	a = load(f, "Q-006");
	assert_int_equal(a->status, REG_REJECTED);
	query_attendee_free(a);
}

static void attendee_shows_the_check_in(void **state)
{
	struct fixture *f = *state;

	exec_ok(f, "INSERT INTO checkin (attendee_id, at, desk_id, operator) SELECT id, "
	           "'2026-05-25 13:10:00', 'A', '王晓燕' FROM attendee WHERE reg_no = 'Q-001'");
	struct attendee *a = load(f, "Q-001");
	assert_true(a->checked_in);
	assert_string_equal(a->checkin_at, "2026-05-25 13:10:00");
	assert_string_equal(a->checkin_desk, "A");
	assert_string_equal(a->checkin_operator, "王晓燕");
	query_attendee_free(a);
}

static void attendee_withdrawn_from_roster_says_so(void **state)
{
	struct fixture *f = *state;

	assert_true(import_texts(
	    f, HEADER "\n" Q001 "\n" Q002 "\n" Q003 "\n" Q004 "\n" Q005 "\n" Q006 "\n" Q007 "\n",
	    NULL));
	struct attendee *a = load(f, "Q-008");
	assert_true(a->withdrawn);
	query_attendee_free(a);
}

static void unknown_id_loads_nothing(void **state)
{
	struct fixture *f = *state;

	assert_null(query_attendee(f->db, 999999, &f->cfg->fees));
	assert_null(query_attendee(f->db, -1, &f->cfg->fees));
	query_attendee_free(NULL);
}

static void online_confirmed_payment_is_individual_confirmed(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_INDIVIDUAL, 1500, true}};
	struct attendee *a = load(f, "Q-001");

	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void transfer_under_review_is_individual_pending(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_INDIVIDUAL, 1700, false}};
	struct attendee *a = load(f, "Q-002");

	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void onsite_card_payment_is_onsite_confirmed(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_ONSITE, 1500, true}};

	exec_ok(f, "INSERT INTO payment (attendee_id, source, channel, amount, state, reference, "
	           "desk_id, operator, created_at) SELECT id, 'onsite', 'card', 1500, 'confirmed', "
	           "'POS-001', 'A', '王晓燕', '2026-05-25 14:00:00' FROM attendee WHERE reg_no = "
	           "'Q-003'");
	struct attendee *a = load(f, "Q-003");
	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void onsite_difference_adds_to_the_platform_payment(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_INDIVIDUAL, 1700, false},
	                                           {PAYMENT_ONSITE, 200, true}};

	exec_ok(f, "INSERT INTO payment (attendee_id, source, channel, amount, state, created_at) "
	           "SELECT id, 'onsite', 'card', 200, 'confirmed', '2026-05-25 14:00:00' FROM "
	           "attendee WHERE reg_no = 'Q-002'");
	struct attendee *a = load(f, "Q-002");
	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void collective_member_share_is_the_member_fee(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_COLLECTIVE, 1500, true}};
	struct attendee *a = load(f, "Q-004");

	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void collective_nonmember_share_is_the_nonmember_fee(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_COLLECTIVE, 1700, true}};
	struct attendee *a = load(f, "Q-005");

	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void collective_rejected_member_gets_no_share(void **state)
{
	struct fixture *f = *state;
	struct attendee *a = load(f, "Q-006");

	assert_payments(a, NULL, 0);
	query_attendee_free(a);
}

static void collective_pending_transfer_gives_a_pending_share(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_COLLECTIVE, 1500, false}};
	struct attendee *a = load(f, "Q-007");

	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
}

static void collective_shares_match_rules_collective_split(void **state)
{
	struct fixture *f = *state;
	static const struct collective_member_fact members[] = {
	    {1500, true}, {1700, true}, {1500, false}};
	static const char *const reg_nos[] = {"Q-004", "Q-005", "Q-006"};
	int shares[ARRAY_LEN(members)];
	int leftover = rules_collective_split(4700, members, ARRAY_LEN(members), shares);

	assert_int_equal(shares[0], 1500);
	assert_int_equal(shares[1], 1700);
	assert_int_equal(shares[2], 0);
	assert_int_equal(leftover, 1500);
	for (size_t i = 0; i < ARRAY_LEN(reg_nos); i++) {
		struct attendee *a = load(f, reg_nos[i]);
		int got = 0;
		for (size_t p = 0; p < a->n_payments; p++) {
			if (a->payments[p].kind == PAYMENT_COLLECTIVE) {
				got += a->payments[p].amount;
			}
		}
		assert_int_equal(got, shares[i]);
		query_attendee_free(a);
	}
}

static void collective_leftover_counts_confirmed_transfers_only(void **state)
{
	struct fixture *f = *state;

	/* JZ-001: 4700 - 1500 - 1700 = 1500; HS-001 (2000 for a 1500 member) is under review */
	assert_int_equal(query_collective_leftover_total(f->db, &f->cfg->fees), 1500);
}

static void collective_member_withdrawn_gets_no_share_and_it_is_left_over(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_COLLECTIVE, 1500, true}};

	assert_true(import_texts(
	    f, HEADER "\n" Q001 "\n" Q002 "\n" Q003 "\n" Q004 "\n" Q006 "\n" Q007 "\n" Q008 "\n",
	    NULL));
	struct attendee *a = load(f, "Q-005");
	assert_true(a->withdrawn);
	assert_payments(a, NULL, 0);
	query_attendee_free(a);
	a = load(f, "Q-004");
	assert_payments(a, want, ARRAY_LEN(want));
	query_attendee_free(a);
	assert_int_equal(query_collective_leftover_total(f->db, &f->cfg->fees), 3200);
}

static void short_collective_transfer_gives_the_last_member_the_rest(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want4[] = {{PAYMENT_COLLECTIVE, 1500, true}};
	static const struct payment_fact want5[] = {{PAYMENT_COLLECTIVE, 500, true}};

	assert_true(import_texts(f,
	                         HEADER "\n" Q001 "\n" Q002 "\n" Q003 "\n" Q004 "\n" Q005 "\n" Q006
	                                "\n" Q007 "\n" Q008 "\n",
	                         "单位,金额,凭证号,交费状态,名单\n"
	                         "荆州市图书馆,2000,JZ-002,已到账,Q-004;Q-005\n"));
	struct attendee *a = load(f, "Q-004");
	assert_payments(a, want4, ARRAY_LEN(want4));
	query_attendee_free(a);
	a = load(f, "Q-005");
	assert_payments(a, want5, ARRAY_LEN(want5));
	query_attendee_free(a);
	assert_int_equal(query_collective_leftover_total(f->db, &f->cfg->fees), 0);
}

static void individual_and_collective_payment_are_both_listed(void **state)
{
	struct fixture *f = *state;
	static const struct payment_fact want[] = {{PAYMENT_INDIVIDUAL, 1500, true},
	                                           {PAYMENT_COLLECTIVE, 1500, true}};
	struct verdict v;

	assert_true(import_texts(f,
	                         HEADER "\n" Q001 "\n" Q002 "\n" Q003 "\n" Q004 "\n" Q005 "\n" Q006
	                                "\n" Q007 "\n" Q008 "\n",
	                         "单位,金额,凭证号,交费状态,名单\n"
	                         "湖北省图书馆,1500,HB-001,已到账,Q-001\n"));
	struct attendee *a = load(f, "Q-001");
	assert_payments(a, want, ARRAY_LEN(want));

	/* the facts go straight into the fee rules: a duplicate payment to refund */
	struct attendee_facts facts = {a->status,   a->withdrawn,  a->member,
	                               a->payments, a->n_payments, a->checked_in};
	rules_decide(&f->cfg->fees, &facts, &v);
	assert_int_equal(v.colour, VERDICT_GREEN);
	assert_int_equal(v.settled, 3000);
	assert_int_equal(v.refund, 1500);
	assert_true(rules_has_reason(&v, REASON_DUPLICATE_PAYMENT));
	query_attendee_free(a);
}

static void id_by_reg_no_is_an_exact_match(void **state)
{
	struct fixture *f = *state;
	char *want = sql_text(f, "SELECT id FROM attendee WHERE reg_no = 'Q-005'");

	assert_int_equal(query_id_by_reg_no(f->db, "Q-005"), strtol(want, NULL, 10));
	assert_int_equal(query_id_by_reg_no(f->db, "Q-00"), -1);
	assert_int_equal(query_id_by_reg_no(f->db, "Q-0055"), -1);
	assert_int_equal(query_id_by_reg_no(f->db, "Q-%"), -1);
	assert_int_equal(query_id_by_reg_no(f->db, ""), -1);
	free(want);
}

static void id_by_external_code_finds_the_platform_code(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(query_id_by_external_code(f->db, "EXT-0001"), id_of(f, "Q-001"));
	assert_int_equal(query_id_by_external_code(f->db, "EXT-0002"), id_of(f, "Q-002"));
	assert_int_equal(query_id_by_external_code(f->db, "EXT-9999"), -1);
	assert_int_equal(query_id_by_external_code(f->db, "EXT-000"), -1);
	/* reg_nos are not external codes */
	assert_int_equal(query_id_by_external_code(f->db, "Q-001"), -1);
}

/* Searches text and checks the matches are exactly the registrations want, in any order. */
static void assert_search_finds(struct fixture *f, const char *text, const char *const *want,
                                size_t n_want)
{
	long ids[N_ROWS + 1];
	size_t n = query_search(f->db, text, ids, ARRAY_LEN(ids));

	if (n != n_want) {
		fail_msg("search \"%s\": %zu matches, want %zu", text, n, n_want);
	}
	for (size_t i = 0; i < n_want; i++) {
		long id = id_of(f, want[i]);
		bool found = false;
		for (size_t k = 0; k < n; k++) {
			found = found || ids[k] == id;
		}
		if (!found) {
			fail_msg("search \"%s\" misses %s", text, want[i]);
		}
	}
}

static void search_by_name_substring(void **state)
{
	struct fixture *f = *state;
	static const char *const zhang[] = {"Q-001", "Q-008"};
	static const char *const feng[] = {"Q-008"};
	static const char *const wang[] = {"Q-003"};

	assert_search_finds(f, "张三", zhang, ARRAY_LEN(zhang));
	assert_search_finds(f, "三", zhang, ARRAY_LEN(zhang));
	assert_search_finds(f, "三丰", feng, ARRAY_LEN(feng));
	assert_search_finds(f, "王五", wang, ARRAY_LEN(wang));
	assert_search_finds(f, "不存在", NULL, 0);
}

static void search_orders_matches_by_name(void **state)
{
	struct fixture *f = *state;
	long ids[2];

	assert_int_equal(query_search(f->db, "张三", ids, 2), 2);
	assert_int_equal(ids[0], id_of(f, "Q-001")); /* 张三 sorts before 张三丰 */
	assert_int_equal(ids[1], id_of(f, "Q-008"));
}

static void search_by_reg_no(void **state)
{
	struct fixture *f = *state;
	static const char *const q5[] = {"Q-005"};

	assert_search_finds(f, "Q-005", q5, ARRAY_LEN(q5));
	assert_search_finds(f, "-005", q5, ARRAY_LEN(q5));
}

static void search_by_four_or_more_phone_digits(void **state)
{
	struct fixture *f = *state;
	static const char *const q1[] = {"Q-001"};
	static const char *const q2[] = {"Q-002"};
	static const char *const q3[] = {"Q-003"};

	assert_search_finds(f, "1111", q1, ARRAY_LEN(q1));
	assert_search_finds(f, "13800001111", q1, ARRAY_LEN(q1));
	/* stored as 139-0000-2222 and 137 0000 3333: separators do not count */
	assert_search_finds(f, "2222", q2, ARRAY_LEN(q2));
	assert_search_finds(f, "00002222", q2, ARRAY_LEN(q2));
	assert_search_finds(f, "13900002222", q2, ARRAY_LEN(q2));
	assert_search_finds(f, "00003333", q3, ARRAY_LEN(q3));
	assert_search_finds(f, "99999", NULL, 0);
}

static void search_by_three_phone_digits_finds_nothing(void **state)
{
	struct fixture *f = *state;

	assert_search_finds(f, "222", NULL, 0);
	assert_search_finds(f, "111", NULL, 0);
	assert_search_finds(f, "138", NULL, 0);
}

static void search_counts_matches_beyond_max(void **state)
{
	struct fixture *f = *state;
	long all[N_ROWS + 1], few[4] = {-7, -7, -7, -7};

	assert_int_equal(query_search(f->db, "Q-00", all, ARRAY_LEN(all)), N_ROWS);
	assert_int_equal(query_search(f->db, "Q-00", few, 3), N_ROWS);
	/* the first max of the same order, and nothing written beyond max */
	assert_int_equal(few[0], all[0]);
	assert_int_equal(few[1], all[1]);
	assert_int_equal(few[2], all[2]);
	assert_int_equal(few[3], -7);
	assert_int_equal(query_search(f->db, "Q-00", NULL, 0), N_ROWS);
}

static void all_ids_come_in_reg_no_order(void **state)
{
	struct fixture *f = *state;
	static const char *const reg_nos[N_ROWS] = {"Q-001", "Q-002", "Q-003", "Q-004",
	                                            "Q-005", "Q-006", "Q-007", "Q-008"};
	long *ids = NULL;
	size_t n = query_all_ids(f->db, &ids);

	assert_int_equal(n, N_ROWS);
	for (size_t i = 0; i < N_ROWS; i++) {
		assert_int_equal(ids[i], id_of(f, reg_nos[i]));
	}
	free(ids);
}

static void assert_same_text(const char *got, const char *want)
{
	if (got == NULL || want == NULL) {
		assert_ptr_equal(got, want);
	} else {
		assert_string_equal(got, want);
	}
}

struct each_seen {
	struct fixture *f;
	size_t n;
};

/* Compares the one-pass registration with the same one loaded alone. */
static bool same_as_alone(void *ctx, const struct attendee *a)
{
	struct each_seen *seen = ctx;
	struct attendee *b = query_attendee(seen->f->db, a->id, &seen->f->cfg->fees);

	assert_non_null(b);
	assert_string_equal(a->reg_no, b->reg_no);
	assert_same_text(a->name, b->name);
	assert_same_text(a->organisation, b->organisation);
	assert_same_text(a->phone, b->phone);
	assert_same_text(a->checkin_at, b->checkin_at);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->withdrawn, b->withdrawn);
	assert_int_equal(a->member, b->member);
	assert_int_equal(a->room, b->room);
	assert_int_equal(a->checked_in, b->checked_in);
	assert_string_equal(a->secret, b->secret);
	assert_payments(a, b->payments, b->n_payments);
	query_attendee_free(b);
	seen->n++;
	return true;
}

/*
 * The reports' one pass over the event (query_each_attendee) loads every registration with
 * the same facts as query_attendee, in reg_no order: payments of several kinds, a check-in,
 * one member in two collective transfers (two shares), a transfer under review.
 */
static void each_attendee_loads_what_query_attendee_loads(void **state)
{
	struct fixture *f = *state;
	struct each_seen seen = {f, 0};

	assert_true(import_texts(f,
	                         HEADER "\n" Q001 "\n" Q002 "\n" Q003 "\n" Q004 "\n" Q005 "\n" Q006
	                                "\n" Q007 "\n" Q008 "\n",
	                         COLLECTIVE "湖北省图书馆,1500,HB-001,已到账,Q-004;Q-001\n"));
	exec_ok(f, "INSERT INTO payment (attendee_id, source, channel, amount, state, reference, "
	           "desk_id, operator, created_at) SELECT id, 'onsite', 'card', 200, 'confirmed', "
	           "'POS-001', 'A', '王晓燕', '2026-05-25 14:00:00' FROM attendee WHERE reg_no IN "
	           "('Q-003', 'Q-005')");
	exec_ok(f, "INSERT INTO checkin (attendee_id, at, desk_id, operator) SELECT id, "
	           "'2026-05-25 13:10:00', 'A', '王晓燕' FROM attendee WHERE reg_no = 'Q-004'");
	assert_true(query_each_attendee(f->db, &f->cfg->fees, same_as_alone, &seen));
	assert_int_equal(seen.n, N_ROWS);
	struct attendee *q004 = load(f, "Q-004");
	assert_int_equal(q004->n_payments, 2); /* both transfers' shares, as the check wants */
	query_attendee_free(q004);
}

static bool stop_at_third(void *ctx, const struct attendee *a)
{
	size_t *n = ctx;

	(void)a;
	return ++*n < 3;
}

static void each_attendee_stops_when_told(void **state)
{
	struct fixture *f = *state;
	size_t n = 0;

	assert_false(query_each_attendee(f->db, &f->cfg->fees, stop_at_third, &n));
	assert_int_equal(n, 3);
}

static void all_ids_include_withdrawn_registrations(void **state)
{
	struct fixture *f = *state;
	long *ids = NULL;

	assert_true(import_texts(f, HEADER "\n" Q001 "\n", NULL));
	size_t n = query_all_ids(f->db, &ids);
	assert_int_equal(n, N_ROWS);
	free(ids);
}

int main(void)
{
	static const struct CMUnitTest plain_tests[] = {
	    cmocka_unit_test(expected_column_agrees_with_rules_expected),
	    cmocka_unit_test(checkin_counts_are_of_expected_people),
	    cmocka_unit_test(attendee_loads_every_registration_field),
	    cmocka_unit_test(attendee_blank_fields_are_null_and_dates_default),
	    cmocka_unit_test(attendee_shows_the_check_in),
	    cmocka_unit_test(attendee_withdrawn_from_roster_says_so),
	    cmocka_unit_test(unknown_id_loads_nothing),
	    cmocka_unit_test(online_confirmed_payment_is_individual_confirmed),
	    cmocka_unit_test(transfer_under_review_is_individual_pending),
	    cmocka_unit_test(onsite_card_payment_is_onsite_confirmed),
	    cmocka_unit_test(onsite_difference_adds_to_the_platform_payment),
	    cmocka_unit_test(collective_member_share_is_the_member_fee),
	    cmocka_unit_test(collective_nonmember_share_is_the_nonmember_fee),
	    cmocka_unit_test(collective_rejected_member_gets_no_share),
	    cmocka_unit_test(collective_pending_transfer_gives_a_pending_share),
	    cmocka_unit_test(collective_shares_match_rules_collective_split),
	    cmocka_unit_test(collective_leftover_counts_confirmed_transfers_only),
	    cmocka_unit_test(collective_member_withdrawn_gets_no_share_and_it_is_left_over),
	    cmocka_unit_test(short_collective_transfer_gives_the_last_member_the_rest),
	    cmocka_unit_test(individual_and_collective_payment_are_both_listed),
	    cmocka_unit_test(id_by_reg_no_is_an_exact_match),
	    cmocka_unit_test(id_by_external_code_finds_the_platform_code),
	    cmocka_unit_test(search_by_name_substring),
	    cmocka_unit_test(search_orders_matches_by_name),
	    cmocka_unit_test(search_by_reg_no),
	    cmocka_unit_test(search_by_four_or_more_phone_digits),
	    cmocka_unit_test(search_by_three_phone_digits_finds_nothing),
	    cmocka_unit_test(search_counts_matches_beyond_max),
	    cmocka_unit_test(all_ids_come_in_reg_no_order),
	    cmocka_unit_test(all_ids_include_withdrawn_registrations),
	    cmocka_unit_test(each_attendee_loads_what_query_attendee_loads),
	    cmocka_unit_test(each_attendee_stops_when_told),
	};
	static struct CMUnitTest tests[ARRAY_LEN(plain_tests)];

	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[i] = plain_tests[i];
		tests[i].setup_func = fixture_setup;
		tests[i].teardown_func = fixture_teardown;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
