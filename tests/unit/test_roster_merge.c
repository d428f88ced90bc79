/*
 * Tests for roster_merge, the rules of DESIGN section 2 "Re-import is a
 * merge": the platform's columns are updated and counted only when they
 * change, ticket secrets are made once, a vanished row is withdrawn (never
 * deleted) and restored when it returns, the desk's own rows (check-ins,
 * on-site payments, stays, rejections, notes) survive every re-import, the
 * platform payment is replaced rather than added, and a collective file is
 * the whole truth about collective transfers. A re-import that would
 * withdraw more than ROSTER_WITHDRAW_SHARE percent is refused, changing
 * nothing, unless the exact count is named; a reg_no in another case is the
 * same registration. Each case is named after the rule it checks and runs on
 * its own temporary database.
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
#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"
#include "frontdesk/roster_merge.h"
#include "frontdesk/setup.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "store_fixture.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char rooms_csv[] = "酒店,房号,房型,楼层,备注\n"
                                "知音湖畔酒店,801,大床房,8,\n"
                                "知音湖畔酒店,802,双床房,8,\n";

/* The roster: header on line 1, then T-001 on line 2, T-002 on line 3, T-003 on line 4. */
#define HEADER                                                                                                                            \
	"报名编号,姓名,性别,单位,职务,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期," \
	"离店日期,同住人,备注"
#define T001 "T-001,张三,男,湖北省图书馆,馆长,13800001111,是,已通过,在线支付,1500,已到账,大床房,,,,"
#define T002 "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,床位,,,,"
#define T003 "T-003,王五,男,襄阳市图书馆,主任,13700003333,是,已通过,集体转账,,,不住宿,,,,"
#define T004 "T-004,赵六,女,荆州市图书馆,馆员,13600004444,否,已通过,在线支付,1700,已到账,不住宿,,,,"

#define COLLECTIVE_HEADER "单位,金额,凭证号,交费状态,名单"

/* A temporary database, initialised with the event and rooms above. */
struct fixture {
	char *dir;
	char *path;
	struct db *db;
	struct event_config *cfg;
	const void *param; /* the table row of a table-driven case, else NULL */
};

static int fixture_teardown(void **state);

static int fixture_setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = fixture_make_dir("import");
	if (f->dir == NULL) {
		free(f);
		return -1;
	}
	f->path = xasprintf("%s/frontdesk.db", f->dir);
	f->param = *state;
	*state = f;
	bool ok = fixture_open_event(f->path, rooms_csv, &f->db, &f->cfg);
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

/* Joins a header and rows (up to a NULL) into a CSV text; the caller frees it. */
static char *csv(const char *header, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_puts(&sb, header);
	strbuf_putc(&sb, '\n');
	va_start(ap, header);
	for (const char *row = va_arg(ap, const char *); row != NULL;
	     row = va_arg(ap, const char *)) {
		strbuf_puts(&sb, row);
		strbuf_putc(&sb, '\n');
	}
	va_end(ap);
	return strbuf_detach(&sb);
}

/*
 * Parses roster_csv (and collective_csv unless NULL), which must be valid,
 * and merges them. Takes ownership of both texts. The caller clears
 * r->warnings. These rosters are small, so leaving one row out is over the
 * withdrawal share: as an operator would, a refused merge is confirmed with
 * the count it gave (the guard itself has tests of its own below).
 */
static void import_ok(struct fixture *f, char *roster_csv, char *collective_csv,
                      struct roster_merge_result *r)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *roster = roster_parse(roster_csv, strlen(roster_csv), f->cfg, &errs);
	struct collective_list *coll = NULL;
	char *cause = NULL;

	if (collective_csv != NULL) {
		coll = collective_parse(collective_csv, strlen(collective_csv), &errs);
		assert_non_null(coll);
	}
	assert_non_null(roster);
	if (errs.n != 0) {
		fail_msg("input not valid: %s", errs.items[0].message);
	}
	bool ok = roster_merge(f->db, roster, coll, "roster.csv", "5ha256", -1, r, &cause);
	if (!ok && r->withdraw == WITHDRAW_TOO_MANY) {
		assert_null(cause);
		ok = roster_merge(f->db, roster, coll, "roster.csv", "5ha256", r->would_withdraw, r,
		                  &cause);
	}
	roster_free(roster);
	collective_free(coll);
	free(roster_csv);
	free(collective_csv);
	if (!ok) {
		fail_msg("roster_merge failed: %s", cause ? cause : "?");
	}
	assert_null(cause);
}

/* Imports and expects no warnings. */
static void import_quiet(struct fixture *f, char *roster_csv, char *collective_csv,
                         struct roster_merge_result *r)
{
	import_ok(f, roster_csv, collective_csv, r);
	if (r->warnings.n != 0) {
		fail_msg("unexpected warning: %s", r->warnings.items[0].message);
	}
}

static void assert_counts(const struct roster_merge_result *r, int imported, int updated,
                          int unchanged, int withdrawn, int restored)
{
	assert_int_equal(r->imported, imported);
	assert_int_equal(r->updated, updated);
	assert_int_equal(r->unchanged, unchanged);
	assert_int_equal(r->withdrawn, withdrawn);
	assert_int_equal(r->restored, restored);
}

static void exec_ok(struct fixture *f, const char *sql)
{
	fixture_exec(f->db, sql);
}

static char *vsql(struct fixture *f, const char *fmt, va_list ap)
{
	char *sql = xvasprintf(fmt, ap);
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(f->db->handle, sql, -1, &stmt, NULL) != SQLITE_OK) {
		fail_msg("%s: %s", sql, sqlite3_errmsg(f->db->handle));
	}
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		fail_msg("no row: %s", sql);
	}
	const unsigned char *text = sqlite3_column_text(stmt, 0);
	char *value = xstrdup(text ? (const char *)text : "(null)");
	sqlite3_finalize(stmt);
	free(sql);
	return value;
}

/* Returns the first column of the first row of a query, as text ("(null)" for NULL). */
__attribute__((format(printf, 2, 3))) static char *sql_text(struct fixture *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *value = vsql(f, fmt, ap);
	va_end(ap);
	return value;
}

__attribute__((format(printf, 2, 3))) static long sql_int(struct fixture *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *value = vsql(f, fmt, ap);
	va_end(ap);
	long n = strtol(value, NULL, 10);
	free(value);
	return n;
}

static void assert_sql_text(struct fixture *f, const char *want, const char *sql)
{
	char *got = sql_text(f, "%s", sql);

	if (strcmp(got, want) != 0) {
		fail_msg("%s: got \"%s\", want \"%s\"", sql, got, want);
	}
	free(got);
}

static bool has_warning(const struct roster_merge_result *r, int line, const char *needle)
{
	for (size_t i = 0; i < r->warnings.n; i++) {
		if (r->warnings.items[i].line == line &&
		    strstr(r->warnings.items[i].message, needle) != NULL) {
			return true;
		}
	}
	return false;
}

static void first_import_counts_every_row_imported(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	assert_counts(&r, 3, 0, 0, 0, 0);
	assert_int_equal(r.transfers, 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee WHERE withdrawn = 0"), 3);
	assert_sql_text(
	    f, "张三|M|湖北省图书馆|馆长|13800001111|1|approved|online|1500|confirmed|king",
	    "SELECT name || '|' || gender || '|' || organisation || '|' || position || "
	    "'|' || phone || '|' || member || '|' || status || '|' || pay_channel || "
	    "'|' || paid_amount || '|' || pay_state || '|' || room_type FROM attendee "
	    "WHERE reg_no = 'T-001'");
	/* blank dates take the defaults: the first night, the day after the last */
	assert_sql_text(f, "2026-05-25 2026-05-30",
	                "SELECT arrive || ' ' || depart FROM attendee WHERE reg_no = 'T-001'");
	diag_list_clear(&r.warnings);
}

static void same_roster_again_is_all_unchanged(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	char *before = sql_text(f, "SELECT group_concat(id || updated_at || secret) FROM attendee");
	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	assert_counts(&r, 0, 0, 3, 0, 0);
	char *after = sql_text(f, "SELECT group_concat(id || updated_at || secret) FROM attendee");
	assert_string_equal(after, before);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee"), 3);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM payment"), 2);
	free(before);
	free(after);
}

/* One platform field of T-002 changed in the new roster, and where it must land. */
struct change_case {
	const char *name;
	const char *row; /* the new T-002 */
	const char *query;
	const char *want;
};

static const struct change_case change_cases[] = {
    {"status_pending_to_approved_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,已通过,个人转账,1700,待核实,床位,,,,",
     "SELECT status FROM attendee WHERE reg_no = 'T-002'", "approved"},
    {"phone_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900009999,否,待审核,个人转账,1700,待核实,床位,,,,",
     "SELECT phone FROM attendee WHERE reg_no = 'T-002'", "13900009999"},
    {"room_type_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,大床房,,,,",
     "SELECT room_type FROM attendee WHERE reg_no = 'T-002'", "king"},
    {"paid_amount_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1500,待核实,床位,,,,",
     "SELECT paid_amount FROM attendee WHERE reg_no = 'T-002'", "1500"},
    {"pay_state_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,已到账,床位,,,,",
     "SELECT pay_state FROM attendee WHERE reg_no = 'T-002'", "confirmed"},
    {"membership_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,是,待审核,个人转账,1700,待核实,床位,,,,",
     "SELECT member FROM attendee WHERE reg_no = 'T-002'", "1"},
    {"dates_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,床位,2026-05-"
     "26,2026-05-28,,",
     "SELECT arrive || ' ' || depart FROM attendee WHERE reg_no = 'T-002'",
     "2026-05-26 2026-05-28"},
    {"platform_note_change_is_updated_and_stored",
     "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,床位,,,,素食",
     "SELECT note FROM attendee WHERE reg_no = 'T-002'", "素食"},
};

static void run_change_case(void **state)
{
	struct fixture *f = *state;
	const struct change_case *c = f->param;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	import_quiet(f, csv(HEADER, T001, c->row, T003, NULL), NULL, &r);
	assert_counts(&r, 0, 1, 2, 0, 0);
	assert_sql_text(f, c->want, c->query);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee"), 3);
}

static void ticket_secret_is_made_once_and_new_ones_are_ten_distinct_digits(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	char *before = sql_text(f, "SELECT group_concat(reg_no || '=' || secret, ' ') FROM "
	                           "(SELECT reg_no, secret FROM attendee ORDER BY reg_no)");

	/* every platform field of T-002 changes, and a new registration arrives */
	import_quiet(f,
	             csv(HEADER, T001,
	                 "T-002,李思,女,华中师大图书馆,副馆长,13900009999,是,已通过,在线支付,1500,"
	                 "已到账,大床房,2026-05-26,2026-05-29,,迟到",
	                 T003, T004, NULL),
	             NULL, &r);
	assert_counts(&r, 1, 1, 2, 0, 0);
	char *after = sql_text(f, "SELECT group_concat(reg_no || '=' || secret, ' ') FROM "
	                          "(SELECT reg_no, secret FROM attendee WHERE reg_no <> 'T-004' "
	                          "ORDER BY reg_no)");
	assert_string_equal(after, before);
	assert_int_equal(sql_int(f,
	                         "SELECT count(*) FROM attendee WHERE length(secret) = %d AND "
	                         "secret NOT GLOB '*[^0-9]*'",
	                         TICKET_SECRET_LEN),
	                 4);
	assert_int_equal(sql_int(f, "SELECT count(DISTINCT secret) FROM attendee"), 4);
	free(before);
	free(after);
}

static void missing_row_is_withdrawn_not_deleted_and_counted_once(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	long id = sql_int(f, "SELECT id FROM attendee WHERE reg_no = 'T-003'");

	import_quiet(f, csv(HEADER, T001, T002, NULL), NULL, &r);
	assert_counts(&r, 0, 0, 2, 1, 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee"), 3);
	assert_int_equal(sql_int(f, "SELECT withdrawn FROM attendee WHERE reg_no = 'T-003'"), 1);
	assert_int_equal(sql_int(f, "SELECT id FROM attendee WHERE reg_no = 'T-003'"), id);
	assert_sql_text(f, "王五", "SELECT name FROM attendee WHERE reg_no = 'T-003'");
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee WHERE withdrawn = 1"), 1);

	/* still absent: already withdrawn, so not counted again */
	import_quiet(f, csv(HEADER, T001, T002, NULL), NULL, &r);
	assert_counts(&r, 0, 0, 2, 0, 0);
	assert_int_equal(sql_int(f, "SELECT withdrawn FROM attendee WHERE reg_no = 'T-003'"), 1);
}

static void withdrawn_row_that_reappears_is_restored(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	char *before = sql_text(f, "SELECT id || secret FROM attendee WHERE reg_no = 'T-003'");
	import_quiet(f, csv(HEADER, T001, T002, NULL), NULL, &r);
	assert_counts(&r, 0, 0, 2, 1, 0);

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	assert_counts(&r, 0, 0, 2, 0, 1);
	assert_int_equal(sql_int(f, "SELECT withdrawn FROM attendee WHERE reg_no = 'T-003'"), 0);
	char *after = sql_text(f, "SELECT id || secret FROM attendee WHERE reg_no = 'T-003'");
	assert_string_equal(after, before);
	free(before);
	free(after);

	/* back again after another absence, with a new phone: restored, and the phone stored */
	import_quiet(f, csv(HEADER, T001, T002, NULL), NULL, &r);
	import_quiet(
	    f,
	    csv(HEADER, T001, T002,
	        "T-003,王五,男,襄阳市图书馆,主任,13700009999,是,已通过,集体转账,,,不住宿,,,,",
	        NULL),
	    NULL, &r);
	assert_counts(&r, 0, 0, 2, 0, 1);
	assert_sql_text(f, "13700009999 0",
	                "SELECT phone || ' ' || withdrawn FROM attendee WHERE reg_no = 'T-003'");
}

static const char desk_rows_sql[] =
    "INSERT INTO checkin (attendee_id, at, desk_id, operator, evidence) SELECT id, "
    "'2026-05-25 13:10:00', 'A', '王晓燕', 'voucher' FROM attendee WHERE reg_no = 'T-001';"
    "INSERT INTO checkin (attendee_id, at, desk_id, operator) SELECT id, "
    "'2026-05-25 13:40:00', 'B', '刘建平' FROM attendee WHERE reg_no = 'T-003';"
    "INSERT INTO payment (attendee_id, source, channel, amount, state, reference, "
    "invoice_title, taxpayer_no, desk_id, operator, created_at) SELECT id, 'onsite', 'card', "
    "200, 'confirmed', 'POS-778899', '武汉大学', '12420000441400000X', 'A', '王晓燕', "
    "'2026-05-25 13:20:00' FROM attendee WHERE reg_no = 'T-002';"
    "INSERT INTO stay (attendee_id, night, room_id, bed) SELECT a.id, n.night, r.id, 1 FROM "
    "attendee a, room r, (SELECT '2026-05-25' AS night UNION ALL SELECT '2026-05-26') n "
    "WHERE a.reg_no = 'T-001' AND r.room = '801';"
    "INSERT INTO rejection (attendee_id, at, desk_id, operator, reason) SELECT id, "
    "'2026-05-25 13:30:00', 'A', '王晓燕', '照片与本人不符' FROM attendee WHERE reg_no = "
    "'T-002';"
    "INSERT INTO print_job (attendee_id, state, reason, created_at, updated_at) SELECT id, "
    "'queued', 'lost', '2026-05-25 13:11:00', '2026-05-25 13:11:00' FROM attendee WHERE "
    "reg_no = 'T-001';"
    "INSERT INTO journal (desk_id, seq, at, operator, action, subject) VALUES ('A', 1, "
    "'2026-05-25 13:10:00', '王晓燕', 'checkin', 'T-001');"
    "UPDATE attendee SET desk_note = '已电话确认' WHERE reg_no IN ('T-001', 'T-003');";

/* Every desk-owned row, in a fixed order, as one string. */
static const char desk_snapshot_sql[] =
    "SELECT (SELECT group_concat(x, ';') FROM (SELECT attendee_id || '|' || at || '|' || "
    "desk_id || '|' || operator || '|' || coalesce(evidence, '') AS x FROM checkin ORDER BY "
    "attendee_id)) || '#' || (SELECT group_concat(x, ';') FROM (SELECT id || '|' || "
    "attendee_id || '|' || channel || '|' || amount || '|' || state || '|' || reference || '|' "
    "|| invoice_title || '|' || taxpayer_no || '|' || desk_id || '|' || operator || '|' || "
    "created_at AS x FROM payment WHERE source = 'onsite' ORDER BY id)) || '#' || (SELECT "
    "group_concat(x, ';') FROM (SELECT attendee_id || '|' || night || '|' || room_id || '|' || "
    "bed AS x FROM stay ORDER BY attendee_id, night)) || '#' || (SELECT group_concat(x, ';') "
    "FROM (SELECT id || '|' || attendee_id || '|' || at || '|' || reason AS x FROM rejection "
    "ORDER BY id)) || '#' || (SELECT group_concat(x, ';') FROM (SELECT id || '|' || state || "
    "'|' || reason AS x FROM print_job ORDER BY id)) || '#' || (SELECT group_concat(x, ';') "
    "FROM (SELECT desk_id || seq || action AS x FROM journal ORDER BY desk_id, seq)) || '#' || "
    "(SELECT group_concat(x, ';') FROM (SELECT reg_no || '|' || desk_note AS x FROM attendee "
    "WHERE desk_note IS NOT NULL ORDER BY reg_no))";

static void desk_owned_data_survives_reimport(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	exec_ok(f, desk_rows_sql);
	char *before = sql_text(f, "%s", desk_snapshot_sql);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM stay"), 2);

	/* T-001 and T-002 change (T-002's platform payment too), T-003 vanishes, T-004 arrives */
	import_quiet(
	    f,
	    csv(HEADER,
	        "T-001,张三,男,湖北省图书馆,馆长,13800009999,是,已通过,在线支付,1500,已到账,"
	        "双床单住,,,,",
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,已通过,个人转账,1500,已到账,"
	        "床位,,,,",
	        T004, NULL),
	    NULL, &r);
	assert_counts(&r, 1, 2, 0, 1, 0);
	char *after = sql_text(f, "%s", desk_snapshot_sql);
	assert_string_equal(after, before);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM checkin"), 2);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM payment WHERE source = 'onsite'"), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM stay"), 2);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM rejection"), 1);
	assert_sql_text(
	    f, "已电话确认 1",
	    "SELECT desk_note || ' ' || withdrawn FROM attendee WHERE reg_no = 'T-003'");

	/* and the restored T-003 still has them */
	import_quiet(f, csv(HEADER, T001, T002, T003, T004, NULL), NULL, &r);
	assert_counts(&r, 0, 2, 1, 0, 1);
	free(after);
	after = sql_text(f, "%s", desk_snapshot_sql);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void platform_payment_is_replaced_not_added(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;
	static const char platform[] =
	    "SELECT count(*) || ' ' || coalesce(group_concat(channel || ' ' || amount || ' ' || "
	    "state), '') FROM payment WHERE source = 'platform' AND attendee_id = (SELECT id FROM "
	    "attendee WHERE reg_no = 'T-002')";

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	assert_sql_text(f, "1 transfer 1700 pending", platform);
	exec_ok(f, "INSERT INTO payment (attendee_id, source, channel, amount, state, reference, "
	           "created_at) SELECT id, 'onsite', 'card', 200, 'confirmed', 'POS-1', "
	           "'2026-05-25 14:00:00' FROM attendee WHERE reg_no = 'T-002'");

	import_quiet(
	    f,
	    csv(HEADER, T001,
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1500,已到账,"
	        "床位,,,,",
	        T003, NULL),
	    NULL, &r);
	assert_counts(&r, 0, 1, 2, 0, 0);
	assert_sql_text(f, "1 transfer 1500 confirmed", platform);

	import_quiet(
	    f,
	    csv(HEADER, T001,
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,在线支付,1700,已到账,"
	        "床位,,,,",
	        T003, NULL),
	    NULL, &r);
	assert_sql_text(f, "1 online 1700 confirmed", platform);

	/* the platform now says unpaid: its payment goes, the desk's card payment stays */
	import_quiet(
	    f,
	    csv(HEADER, T001,
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,未交费,,,床位,,,,", T003,
	        NULL),
	    NULL, &r);
	assert_sql_text(f, "0 ", platform);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM payment WHERE source = 'onsite'"), 1);
	/* T-001's untouched payment is still the one row it was */
	assert_int_equal(sql_int(f,
	                         "SELECT count(*) FROM payment WHERE source = 'platform' AND "
	                         "attendee_id = (SELECT id FROM attendee WHERE reg_no = 'T-001')"),
	                 1);
}

static const char collective_a_rows[] = "襄阳市图书馆,3000,XY-001,已到账,T-003;T-001\n"
                                        "武汉大学图书馆,1700,WD-001,待核实,T-002\n";

static void collective_file_replaces_all_transfers_and_members(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;
	static const char transfers[] =
	    "SELECT group_concat(x, ';') FROM (SELECT t.reference || ' ' || t.amount || ' ' || "
	    "t.state || ' ' || m.position || ' ' || m.reg_no AS x FROM collective_transfer t JOIN "
	    "collective_member m ON m.transfer_id = t.id ORDER BY t.reference, m.position)";

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL),
	             csv(COLLECTIVE_HEADER, collective_a_rows, NULL), &r);
	assert_int_equal(r.transfers, 2);
	assert_sql_text(f,
	                "WD-001 1700 pending 1 T-002;XY-001 3000 confirmed 1 T-003;"
	                "XY-001 3000 confirmed 2 T-001",
	                transfers);

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL),
	             csv(COLLECTIVE_HEADER, "襄阳市图书馆,1500,XY-002,已到账,T-003", NULL), &r);
	assert_counts(&r, 0, 0, 3, 0, 0);
	assert_int_equal(r.transfers, 1);
	assert_sql_text(f, "XY-002 1500 confirmed 1 T-003", transfers);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM collective_transfer"), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM collective_member"), 1);
}

static void no_collective_file_keeps_the_stored_transfers(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL),
	             csv(COLLECTIVE_HEADER, collective_a_rows, NULL), &r);
	char *before = sql_text(f, "SELECT group_concat(t.reference || m.position || m.reg_no) "
	                           "FROM collective_transfer t JOIN collective_member m ON "
	                           "m.transfer_id = t.id");
	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	assert_int_equal(r.transfers, 0);
	char *after = sql_text(f, "SELECT group_concat(t.reference || m.position || m.reg_no) "
	                          "FROM collective_transfer t JOIN collective_member m ON "
	                          "m.transfer_id = t.id");
	assert_string_equal(after, before);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM collective_transfer"), 2);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM collective_member"), 3);
	free(before);
	free(after);
}

static void collective_member_not_in_roster_is_warned(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_ok(f, csv(HEADER, T001, T002, T003, NULL),
	          csv(COLLECTIVE_HEADER, "襄阳市图书馆,3000,XY-001,已到账,T-003;T-999", NULL), &r);
	assert_int_equal(r.warnings.n, 1);
	assert_true(has_warning(&r, 2, "T-999"));
	/* a warning, not an error: the transfer is stored with every listed member */
	assert_int_equal(r.transfers, 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM collective_member"), 2);
	diag_list_clear(&r.warnings);
}

static void collective_member_withdrawn_from_roster_is_warned(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	/* T-003 is no longer in the roster, though the database remembers it as withdrawn */
	import_ok(f, csv(HEADER, T001, T002, NULL),
	          csv(COLLECTIVE_HEADER, "襄阳市图书馆,3000,XY-001,已到账,T-001;T-003", NULL), &r);
	assert_int_equal(r.withdrawn, 1);
	assert_true(has_warning(&r, 2, "T-003"));
	assert_int_equal(r.warnings.n, 1);
	diag_list_clear(&r.warnings);
}

static void unknown_roommate_is_warned(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	/* T-001 names nobody; T-002 names T-003 by name, T-003 names T-002 by reg_no */
	import_ok(
	    f,
	    csv(HEADER,
	        "T-001,张三,男,湖北省图书馆,馆长,13800001111,是,已通过,在线支付,1500,已到账,"
	        "床位,,,钱七,",
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,"
	        "床位,,,王五,",
	        "T-003,王五,男,襄阳市图书馆,主任,13700003333,是,已通过,集体转账,,,床位,,,T-002,",
	        NULL),
	    NULL, &r);
	assert_counts(&r, 3, 0, 0, 0, 0);
	assert_int_equal(r.warnings.n, 1);
	assert_true(has_warning(&r, 2, "钱七"));
	assert_sql_text(f, "钱七", "SELECT roommate FROM attendee WHERE reg_no = 'T-001'");
	diag_list_clear(&r.warnings);
}

static void roommate_withdrawn_from_roster_is_warned(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	/* T-002 asks for T-003, who is no longer in the roster */
	import_ok(
	    f,
	    csv(HEADER, T001,
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,"
	        "床位,,,T-003,",
	        NULL),
	    NULL, &r);
	assert_int_equal(r.withdrawn, 1);
	assert_true(has_warning(&r, 3, "T-003"));
	assert_int_equal(r.warnings.n, 1);
	diag_list_clear(&r.warnings);
}

static void collective_channel_amount_is_not_a_platform_payment(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	/* the money of a collective registration is counted from collective.csv only */
	import_quiet(
	    f,
	    csv(HEADER, T001, T002,
	        "T-003,王五,男,襄阳市图书馆,主任,13700003333,是,已通过,集体转账,1500,已到账,"
	        "不住宿,,,,",
	        NULL),
	    NULL, &r);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM payment WHERE attendee_id = (SELECT id "
	                            "FROM attendee WHERE reg_no = 'T-003')"),
	                 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM payment"), 2);
}

static void ambiguous_roommate_name_is_warned(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_ok(
	    f,
	    csv(HEADER, T001,
	        "T-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,待核实,"
	        "床位,,,王五,",
	        T003, "T-004,王五,男,荆州市图书馆,馆员,13600004444,否,已通过,,,,不住宿,,,,", NULL),
	    NULL, &r);
	assert_int_equal(r.warnings.n, 1);
	assert_true(has_warning(&r, 3, "王五"));
	diag_list_clear(&r.warnings);
}

static void every_import_is_logged(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	import_quiet(f, csv(HEADER, T001, T002, NULL), NULL, &r);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM import_log WHERE kind = 'import' AND "
	                            "file = 'roster.csv' AND sha256 = '5ha256' AND at <> ''"),
	                 2);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM import_log WHERE kind = 'init'"), 1);
	assert_int_equal(sql_int(f, "SELECT summary LIKE '%%\"imported\":3,%%' FROM import_log "
	                            "WHERE kind = 'import' ORDER BY id LIMIT 1"),
	                 1);
	assert_int_equal(sql_int(f, "SELECT summary LIKE '%%\"unchanged\":2,%%' AND summary LIKE "
	                            "'%%\"withdrawn\":1,%%' FROM import_log WHERE kind = 'import' "
	                            "ORDER BY id DESC LIMIT 1"),
	                 1);
}

static void failed_import_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;
	char *cause = NULL;
	struct diag_list errs = DIAG_LIST_INIT;

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL),
	             csv(COLLECTIVE_HEADER, collective_a_rows, NULL), &r);
	char *before = sql_text(f, "SELECT group_concat(reg_no || status || withdrawn || phone) "
	                           "FROM attendee");
	/* the database refuses the new T-004, after T-002 was updated and T-003 withdrawn */
	exec_ok(f, "CREATE TEMP TRIGGER refuse_t004 BEFORE INSERT ON main.attendee WHEN "
	           "NEW.reg_no = 'T-004' BEGIN SELECT RAISE(ABORT, 'disk says no'); END");

	char *text =
	    csv(HEADER, T001,
	        "T-002,李四,女,武汉大学图书馆,馆员,13900009999,否,已通过,个人转账,1500,已到账,"
	        "床位,,,,",
	        T004, NULL);
	struct roster *roster = roster_parse(text, strlen(text), f->cfg, &errs);
	char *coll_text = csv(COLLECTIVE_HEADER, "襄阳市图书馆,1500,XY-002,已到账,T-001", NULL);
	struct collective_list *coll = collective_parse(coll_text, strlen(coll_text), &errs);
	assert_int_equal(errs.n, 0);
	/* T-003 left out, confirmed: the database is what refuses */
	bool ok = roster_merge(f->db, roster, coll, "roster.csv", "bad", 1, &r, &cause);
	roster_free(roster);
	collective_free(coll);
	free(text);
	free(coll_text);

	assert_false(ok);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(r.warnings.n, 0);
	assert_true(sqlite3_get_autocommit(f->db->handle) != 0);
	char *after = sql_text(f, "SELECT group_concat(reg_no || status || withdrawn || phone) "
	                          "FROM attendee");
	assert_string_equal(after, before);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM collective_transfer"), 2);
	assert_sql_text(f, "1 transfer 1700 pending",
	                "SELECT count(*) || ' ' || channel || ' ' || amount || ' ' || state FROM "
	                "payment WHERE attendee_id = (SELECT id FROM attendee WHERE reg_no = "
	                "'T-002')");
	assert_int_equal(sql_int(f, "SELECT count(*) FROM import_log WHERE kind = 'import'"), 1);
	free(before);
	free(after);

	/* the next import, the obstacle gone, works as usual */
	exec_ok(f, "DROP TRIGGER temp.refuse_t004");
	import_quiet(f, csv(HEADER, T001, T002, T003, T004, NULL), NULL, &r);
	assert_counts(&r, 1, 0, 3, 0, 0);
}

/* ---- re-import guard and reg_no case ---- */

/* A roster of rows T-101 .. T-1nn (n rows), all approved, nothing else. */
static char *numbered_roster(int first, int n)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "报名编号,姓名,审核状态\n");
	for (int i = first; i < first + n; i++) {
		strbuf_printf(&sb, "T-%d,学员%d,已通过\n", 100 + i, i);
	}
	return strbuf_detach(&sb);
}

/* Parses text and merges it, confirming `confirmed` withdrawals (-1: none); returns ok. */
static bool merge_text(struct fixture *f, char *text, int confirmed, struct roster_merge_result *r)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *roster = roster_parse(text, strlen(text), f->cfg, &errs);
	char *cause = NULL;

	assert_int_equal(errs.n, 0);
	bool ok = roster_merge(f->db, roster, NULL, "roster.csv", "00", confirmed, r, &cause);
	/* a refusal for withdrawals is no database error: the action words it */
	assert_null(cause);
	roster_free(roster);
	free(text);
	diag_list_clear(&r->warnings);
	return ok;
}

static void one_row_reimport_is_refused_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	assert_true(merge_text(f, numbered_roster(1, 20), -1, &r));
	char *before = sql_text(f, "SELECT group_concat(reg_no || withdrawn || updated_at) FROM "
	                           "attendee");
	assert_false(merge_text(f, numbered_roster(1, 1), -1, &r));
	assert_int_equal(r.withdraw, WITHDRAW_TOO_MANY);
	assert_int_equal(r.would_withdraw, 19);
	assert_int_equal(r.active, 20);
	char *after = sql_text(f, "SELECT group_concat(reg_no || withdrawn || updated_at) FROM "
	                          "attendee");
	assert_string_equal(after, before);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM import_log WHERE kind = 'import'"), 1);
	assert_true(sqlite3_get_autocommit(f->db->handle) != 0);
	free(before);
	free(after);
}

static void named_withdrawal_count_must_be_exact(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	assert_true(merge_text(f, numbered_roster(1, 20), -1, &r));
	assert_false(merge_text(f, numbered_roster(1, 1), 18, &r));
	assert_int_equal(r.withdraw, WITHDRAW_COUNT_DIFFERS);
	assert_false(merge_text(f, numbered_roster(1, 1), 20, &r));
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee WHERE withdrawn = 1"), 0);
	assert_true(merge_text(f, numbered_roster(1, 1), 19, &r));
	assert_int_equal(r.withdraw, WITHDRAW_OK);
	assert_int_equal(r.withdrawn, 19);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM attendee WHERE withdrawn = 1"), 19);
	/* the 19 already withdrawn do not count again: a named 0 is what this one withdraws */
	assert_true(merge_text(f, numbered_roster(1, 1), 0, &r));
	assert_int_equal(r.active, 1);
}

static void withdrawals_within_the_share_need_no_confirmation(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;

	assert_true(merge_text(f, numbered_roster(1, 20), -1, &r));
	/* 2 of 20 is 10%: fine */
	assert_true(merge_text(f, numbered_roster(1, 18), -1, &r));
	assert_int_equal(r.withdrawn, 2);
	/* 2 more of the 18 left is 11%: refused */
	assert_false(merge_text(f, numbered_roster(1, 16), -1, &r));
	assert_int_equal(r.would_withdraw, 2);
	assert_int_equal(r.active, 18);
	/* restoring is never limited */
	assert_true(merge_text(f, numbered_roster(1, 20), -1, &r));
	assert_int_equal(r.restored, 2);
}

/* The platform re-exports wh2026-0006 as WH2026-0006: the same person, not a new one and a
 * withdrawal. */
static void reg_no_in_another_case_is_the_same_registration(void **state)
{
	struct fixture *f = *state;
	struct roster_merge_result r;
	static const char transfers[] =
	    "SELECT group_concat(reg_no, ';') FROM (SELECT reg_no FROM collective_member ORDER BY position)";

	import_quiet(f, csv(HEADER, T001, T002, T003, NULL), NULL, &r);
	char *secrets = sql_text(f, "SELECT group_concat(reg_no || secret) FROM attendee");
	import_quiet(f,
	             csv(HEADER,
	                 "t-001,张三,男,湖北省图书馆,馆长,13800001111,是,已通过,在线支付,1500,"
	                 "已到账,大床房,,,,",
	                 "t-002,李四,女,武汉大学图书馆,馆员,13900002222,否,待审核,个人转账,1700,"
	                 "待核实,床位,,,,",
	                 T003, NULL),
	             csv(COLLECTIVE_HEADER, "襄阳市图书馆,3000,XY-001,已到账,t-003;T-001", NULL),
	             &r);
	assert_counts(&r, 0, 0, 3, 0, 0);
	/* stored as first written; ticket secrets unchanged */
	assert_sql_text(f, "T-001,T-002,T-003", "SELECT group_concat(reg_no) FROM attendee");
	char *again = sql_text(f, "SELECT group_concat(reg_no || secret) FROM attendee");
	assert_string_equal(again, secrets);
	/* collective members are stored as the registration is spelled, so their share is found */
	assert_sql_text(f, "T-003;T-001", transfers);
	free(secrets);
	free(again);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(first_import_counts_every_row_imported),
    cmocka_unit_test(same_roster_again_is_all_unchanged),
    cmocka_unit_test(ticket_secret_is_made_once_and_new_ones_are_ten_distinct_digits),
    cmocka_unit_test(missing_row_is_withdrawn_not_deleted_and_counted_once),
    cmocka_unit_test(withdrawn_row_that_reappears_is_restored),
    cmocka_unit_test(desk_owned_data_survives_reimport),
    cmocka_unit_test(platform_payment_is_replaced_not_added),
    cmocka_unit_test(collective_file_replaces_all_transfers_and_members),
    cmocka_unit_test(no_collective_file_keeps_the_stored_transfers),
    cmocka_unit_test(collective_member_not_in_roster_is_warned),
    cmocka_unit_test(collective_member_withdrawn_from_roster_is_warned),
    cmocka_unit_test(unknown_roommate_is_warned),
    cmocka_unit_test(roommate_withdrawn_from_roster_is_warned),
    cmocka_unit_test(ambiguous_roommate_name_is_warned),
    cmocka_unit_test(collective_channel_amount_is_not_a_platform_payment),
    cmocka_unit_test(every_import_is_logged),
    cmocka_unit_test(failed_import_changes_nothing),
    cmocka_unit_test(one_row_reimport_is_refused_and_changes_nothing),
    cmocka_unit_test(named_withdrawal_count_must_be_exact),
    cmocka_unit_test(withdrawals_within_the_share_need_no_confirmation),
    cmocka_unit_test(reg_no_in_another_case_is_the_same_registration),
};

static struct CMUnitTest tests[ARRAY_LEN(change_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(change_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = change_cases[i].name,
		    .test_func = run_change_case,
		    .setup_func = fixture_setup,
		    .teardown_func = fixture_teardown,
		    .initial_state = (void *)&change_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n] = plain_tests[i];
		tests[n].setup_func = fixture_setup;
		tests[n].teardown_func = fixture_teardown;
		n++;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
