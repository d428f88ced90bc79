/*
 * Tests for roster: roster.csv as organisers send it (DESIGN section 2) for a
 * demo event whose nights are 2026-05-25 .. 2026-05-29.
 *
 * Reading: Chinese headers, English aliases (headers and values), any column
 * order, "中文 [alias]" headers, UTF-8 with BOM, CRLF, GB18030, RFC 4180
 * quoting, unknown columns kept in row.extra as JSON, defaults for blank
 * cells, Excel's all-empty records skipped, accepted amount spellings.
 * Validation, one named case per rule, each checking the line, the column and
 * the English half of the message of every problem, and that no other problem
 * is reported: missing columns, duplicates, unknown values, dates, lodging,
 * payments, raw field checks, several problems in one file. Files that are not
 * CSV at all. The stable codes and their inverses. Text on the way in:
 * full-width cells fold, invisible characters go, reg_nos are unique without
 * regard to case, a BOM or a second header in the middle of the file, a '?'
 * standing for a character a legacy code page lost.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/roster.h"
#include "frontdesk/strbuf.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_WANT     6

/* Built once from DEMO_INI by the group setup. */
static struct event_config *cfg;

static const char DEMO_INI[] = "[event]\n"
                               "code = 2605\n"
                               "name = 2026 图书馆管理培训班\n"
                               "checkin_date = 2026-05-25\n"
                               "first_night = 2026-05-25\n"
                               "last_night = 2026-05-29\n"
                               "capacity = 180\n"
                               "[fees]\n"
                               "member = 1500\n"
                               "non_member = 1700\n"
                               "[lodging]\n"
                               "room_night = 350\n"
                               "bed_night = 175\n"
                               "[desk]\n"
                               "id = desk-1\n"
                               "supervisor_pin = 2468\n";

/* The header most cases use, and a row that is fine under it. */
#define HEAD                                                                                                                            \
	"报名编号,姓名,性别,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期,离店日期,备注" \
	"\n"
#define ROW_OK(reg_no) reg_no ",张三,男,是,已通过,在线支付,1500,已到账,大床房,,,\n"

static long day(const char *iso)
{
	long d = 0;

	assert_true(date_parse(iso, &d));
	return d;
}

static void dump_diags(const struct diag_list *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		print_message("  got: line %d [%s] %s\n", errs->items[i].line,
		              errs->items[i].column ? errs->items[i].column : "(none)",
		              errs->items[i].message);
	}
}

/* Parses a roster that must have no problem at all. */
static struct roster *parse_clean_n(const char *raw, size_t len)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *r = roster_parse(raw, len, cfg, &errs);

	if (errs.n != 0) {
		dump_diags(&errs);
		fail_msg("%zu unexpected problem(s)", errs.n);
	}
	assert_non_null(r);
	diag_list_clear(&errs);
	return r;
}

static struct roster *parse_clean(const char *text)
{
	return parse_clean_n(text, strlen(text));
}

struct want {
	int line;
	const char *column; /* NULL: the problem names no column */
	const char *needle; /* part of the message */
};

/* Fails unless errs holds exactly the problems in want, in any order. */
static void assert_diags(const struct diag_list *errs, const struct want *want, size_t n_want)
{
	bool used[64] = {false};

	assert_true(errs->n <= ARRAY_LEN(used));
	for (size_t w = 0; w < n_want; w++) {
		bool found = false;

		for (size_t i = 0; i < errs->n && !found; i++) {
			const struct diag *d = &errs->items[i];
			bool same_column =
			    want[w].column == NULL
			        ? d->column == NULL
			        : d->column != NULL && strcmp(d->column, want[w].column) == 0;

			if (!used[i] && d->line == want[w].line && same_column &&
			    strstr(d->message, want[w].needle) != NULL) {
				used[i] = found = true;
			}
		}
		if (!found) {
			dump_diags(errs);
			fail_msg("missing: line %d [%s] \"%s\"", want[w].line,
			         want[w].column ? want[w].column : "(none)", want[w].needle);
		}
	}
	if (errs->n != n_want) {
		dump_diags(errs);
		fail_msg("%zu problem(s) reported, %zu expected", errs->n, n_want);
	}
}

/* Parses text expecting exactly the problems in want; returns the roster. */
static struct roster *parse_expect(const char *text, const struct want *want, size_t n_want)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *r = roster_parse(text, strlen(text), cfg, &errs);

	assert_non_null(r);
	assert_diags(&errs, want, n_want);
	diag_list_clear(&errs);
	return r;
}

/* ---- reading ---- */

static void chinese_headers_fill_every_field(void **state)
{
	struct roster *r = parse_clean(
	    "报名编号,姓名,性别,单位,职务,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期,"
	    "离店日期,同住人,备注,外部码\n"
	    "0001,张三,男,武汉大学图书馆,馆长,13800000001,是,已通过,在线支付,1500,已到账,大床房,"
	    "2026-05-25,2026-05-30,,素食,EXT-1\n"
	    "0002,李四,女,湖北省图书馆,,13800000002,否,待审核,个人转账,1700,待核实,床位,2026/5/26,"
	    "2026年5月29日,王芳,,\n"
	    "0003,王五,男,,,,否,未通过,集体转账,,,双床单住,,,,,\n"
	    "0004,赵六,女,,,,是,已通过,未交费,,未交费,不住宿,,,,,\n");
	const struct roster_row *a = &r->rows[0], *b = &r->rows[1], *c = &r->rows[2],
	                        *d = &r->rows[3];

	assert_int_equal(r->n_rows, 4);
	assert_int_equal(r->n_unknown, 0);
	assert_int_equal(r->encoding, ENCODING_UTF8);

	assert_int_equal(a->line, 2);
	assert_string_equal(a->reg_no, "0001");
	assert_string_equal(a->name, "张三");
	assert_int_equal(a->gender, GENDER_MALE);
	assert_string_equal(a->organisation, "武汉大学图书馆");
	assert_string_equal(a->position, "馆长");
	assert_string_equal(a->phone, "13800000001");
	assert_true(a->member);
	assert_int_equal(a->status, REG_APPROVED);
	assert_int_equal(a->channel, CHANNEL_ONLINE);
	assert_int_equal(a->paid_amount, 1500);
	assert_int_equal(a->pay_state, PAYSTATE_CONFIRMED);
	assert_int_equal(a->room, ROOM_KING);
	assert_int_equal(a->arrive, day("2026-05-25"));
	assert_int_equal(a->depart, day("2026-05-30"));
	assert_null(a->roommate);
	assert_string_equal(a->note, "素食");
	assert_string_equal(a->external_code, "EXT-1");
	assert_null(a->extra);

	assert_int_equal(b->line, 3);
	assert_string_equal(b->name, "李四");
	assert_int_equal(b->gender, GENDER_FEMALE);
	assert_null(b->position);
	assert_false(b->member);
	assert_int_equal(b->status, REG_PENDING);
	assert_int_equal(b->channel, CHANNEL_TRANSFER);
	assert_int_equal(b->paid_amount, 1700);
	assert_int_equal(b->pay_state, PAYSTATE_PENDING);
	assert_int_equal(b->room, ROOM_BED);
	assert_int_equal(b->arrive, day("2026-05-26"));
	assert_int_equal(b->depart, day("2026-05-29"));
	assert_string_equal(b->roommate, "王芳");
	assert_null(b->note);
	assert_null(b->external_code);

	assert_int_equal(c->status, REG_REJECTED);
	assert_int_equal(c->channel, CHANNEL_COLLECTIVE);
	assert_int_equal(c->paid_amount, 0);
	assert_int_equal(c->room, ROOM_TWIN_SINGLE);
	assert_null(c->organisation);

	assert_int_equal(d->channel, CHANNEL_NONE);
	assert_int_equal(d->pay_state, PAYSTATE_NONE);
	assert_int_equal(d->room, ROOM_NONE);
	roster_free(r);
}

static void english_aliases_for_headers_and_values(void **state)
{
	struct roster *r = parse_clean(
	    "reg_no,name,gender,organisation,position,phone,member,status,pay_channel,paid_amount,"
	    "pay_state,room_type,arrive,depart,roommate,note,external_code\n"
	    "0001,Zhang San,M,WHU Library,Director,13800000001,yes,approved,online,1500,confirmed,"
	    "king,2026-05-25,2026-05-30,,vegetarian,\n"
	    "0002,Li Si,F,,,,no,pending,transfer,1700,pending,bed,,,0001,,\n"
	    "0003,Wang Wu,male,,,,N,rejected,collective,,none,twin_single,,,,,\n"
	    "0004,Zhao Liu,FEMALE,,,,Y,Approved,None,,None,NONE,,,,,\n");

	assert_int_equal(r->n_rows, 4);
	assert_string_equal(r->rows[0].name, "Zhang San");
	assert_int_equal(r->rows[0].gender, GENDER_MALE);
	assert_true(r->rows[0].member);
	assert_int_equal(r->rows[0].status, REG_APPROVED);
	assert_int_equal(r->rows[0].channel, CHANNEL_ONLINE);
	assert_int_equal(r->rows[0].pay_state, PAYSTATE_CONFIRMED);
	assert_int_equal(r->rows[0].room, ROOM_KING);
	assert_string_equal(r->rows[0].note, "vegetarian");
	assert_int_equal(r->rows[1].gender, GENDER_FEMALE);
	assert_false(r->rows[1].member);
	assert_int_equal(r->rows[1].status, REG_PENDING);
	assert_int_equal(r->rows[1].channel, CHANNEL_TRANSFER);
	assert_int_equal(r->rows[1].pay_state, PAYSTATE_PENDING);
	assert_int_equal(r->rows[1].room, ROOM_BED);
	assert_string_equal(r->rows[1].roommate, "0001");
	assert_int_equal(r->rows[2].gender, GENDER_MALE);
	assert_int_equal(r->rows[2].status, REG_REJECTED);
	assert_int_equal(r->rows[2].channel, CHANNEL_COLLECTIVE);
	assert_int_equal(r->rows[2].room, ROOM_TWIN_SINGLE);
	/* Values are matched case-insensitively. */
	assert_int_equal(r->rows[3].gender, GENDER_FEMALE);
	assert_true(r->rows[3].member);
	assert_int_equal(r->rows[3].status, REG_APPROVED);
	assert_int_equal(r->rows[3].channel, CHANNEL_NONE);
	assert_int_equal(r->rows[3].room, ROOM_NONE);
	roster_free(r);
}

static void shuffled_column_order(void **state)
{
	struct roster *r =
	    parse_clean("房型,交费金额,姓名,离店日期,审核状态,性别,报名编号,交费方式,"
	                "交费状态\n"
	                "床位,1700,李四,2026-05-28,待审核,女,0002,个人转账,待核实\n");
	const struct roster_row *row = &r->rows[0];

	assert_int_equal(r->n_rows, 1);
	assert_string_equal(row->reg_no, "0002");
	assert_string_equal(row->name, "李四");
	assert_int_equal(row->gender, GENDER_FEMALE);
	assert_int_equal(row->status, REG_PENDING);
	assert_int_equal(row->room, ROOM_BED);
	assert_int_equal(row->channel, CHANNEL_TRANSFER);
	assert_int_equal(row->paid_amount, 1700);
	assert_int_equal(row->pay_state, PAYSTATE_PENDING);
	assert_int_equal(row->arrive, day("2026-05-25"));
	assert_int_equal(row->depart, day("2026-05-28"));
	roster_free(r);
}

static void bracket_header_form(void **state)
{
	struct roster *r = parse_clean("报名编号 [reg_no],姓名 [name],审核状态 [status],房型 "
	                               "[room_type],性别 [gender]\n"
	                               "0001,张三,已通过,大床房,男\n");
	static const struct want bad_room[] = {{2, "房型 [room_type]", "unknown value \"套房\""}};

	assert_int_equal(r->n_rows, 1);
	assert_string_equal(r->rows[0].reg_no, "0001");
	assert_string_equal(r->rows[0].name, "张三");
	assert_int_equal(r->rows[0].room, ROOM_KING);
	assert_int_equal(r->n_unknown, 0);
	roster_free(r);
	/* A problem names the column as written in the file. */
	r = parse_expect("报名编号 [reg_no],姓名 [name],审核状态 [status],房型 [room_type]\n"
	                 "0001,张三,已通过,套房\n",
	                 bad_room, ARRAY_LEN(bad_room));
	roster_free(r);
}

static void utf8_bom_is_not_part_of_the_first_header(void **state)
{
	static const char text[] = "\xEF\xBB\xBF" HEAD ROW_OK("0001");
	struct roster *r = parse_clean(text);

	assert_int_equal(r->encoding, ENCODING_UTF8_BOM);
	assert_int_equal(r->n_rows, 1);
	assert_string_equal(r->rows[0].reg_no, "0001");
	assert_int_equal(r->n_unknown, 0);
	roster_free(r);
}

static void crlf_line_ends(void **state)
{
	struct roster *r = parse_clean("报名编号,姓名,审核状态,备注\r\n"
	                               "0001,张三,已通过,素食\r\n"
	                               "\r\n"
	                               "0002,李四,待审核,\"引号, 逗号\"\r\n"
	                               "0003,王五,已通过,末行");
	static const struct want bad_status[] = {{3, "审核状态", "unknown value \"好\""}};

	assert_int_equal(r->n_rows, 3);
	assert_string_equal(r->rows[0].note, "素食");
	assert_int_equal(r->rows[0].line, 2);
	assert_int_equal(r->rows[1].line, 4);
	assert_int_equal(r->rows[1].status, REG_PENDING);
	assert_string_equal(r->rows[1].note, "引号, 逗号");
	assert_int_equal(r->rows[2].line, 5);
	assert_string_equal(r->rows[2].note, "末行");
	roster_free(r);
	r = parse_expect("报名编号,姓名,审核状态\r\n0001,张三,已通过\r\n0002,李四,好\r\n",
	                 bad_status, ARRAY_LEN(bad_status));
	roster_free(r);
}

static void gb18030_roster(void **state)
{
	/* 报名编号,姓名,性别,审核状态,单位,房型 / 0001,张三,男,已通过,武汉大学图书馆,双床单住 /
	 * 0002,欧阳·娜娜,女,待审核,“湖北省图书馆”,床位 (CRLF, as Excel writes it) */
	static const char gb[] =
	    "\xb1\xa8\xc3\xfb\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb,\xd0\xd4\xb1\xf0,"
	    "\xc9\xf3\xba\xcb\xd7\xb4\xcc\xac,\xb5\xa5\xce\xbb,\xb7\xbf\xd0\xcd\r\n"
	    "0001,\xd5\xc5\xc8\xfd,\xc4\xd0,\xd2\xd1\xcd\xa8\xb9\xfd,"
	    "\xce\xe4\xba\xba\xb4\xf3\xd1\xa7\xcd\xbc\xca\xe9\xb9\xdd,\xcb\xab\xb4\xb2\xb5\xa5\xd7\xa1"
	    "\r\n"
	    "0002,\xc5\xb7\xd1\xf4\xa1\xa4\xc4\xc8\xc4\xc8,\xc5\xae,\xb4\xfd\xc9\xf3\xba\xcb,"
	    "\xa1\xb0\xba\xfe\xb1\xb1\xca\xa1\xcd\xbc\xca\xe9\xb9\xdd\xa1\xb1,\xb4\xb2\xce\xbb\r\n";
	struct roster *r = parse_clean_n(gb, sizeof(gb) - 1);

	assert_int_equal(r->encoding, ENCODING_GB18030);
	assert_int_equal(r->n_rows, 2);
	assert_string_equal(r->rows[0].reg_no, "0001");
	assert_string_equal(r->rows[0].name, "张三");
	assert_int_equal(r->rows[0].gender, GENDER_MALE);
	assert_int_equal(r->rows[0].status, REG_APPROVED);
	assert_string_equal(r->rows[0].organisation, "武汉大学图书馆");
	assert_int_equal(r->rows[0].room, ROOM_TWIN_SINGLE);
	assert_string_equal(r->rows[1].name, "欧阳·娜娜");
	assert_int_equal(r->rows[1].gender, GENDER_FEMALE);
	assert_int_equal(r->rows[1].status, REG_PENDING);
	assert_string_equal(r->rows[1].organisation, "“湖北省图书馆”");
	assert_int_equal(r->rows[1].room, ROOM_BED);
	roster_free(r);
}

static void quoted_field_with_comma_and_doubled_quote(void **state)
{
	struct roster *r =
	    parse_clean("报名编号,姓名,单位,审核状态,备注,交费金额,交费方式,交费状态\n"
	                "0001,张三,\"武汉大学图书馆,古籍部\",已通过,\"他说 \"\"素食\"\"\","
	                "\"1,500\",在线支付,已到账\n");

	assert_int_equal(r->n_rows, 1);
	assert_string_equal(r->rows[0].organisation, "武汉大学图书馆,古籍部");
	assert_string_equal(r->rows[0].note, "他说 \"素食\"");
	assert_int_equal(r->rows[0].paid_amount, 1500);
	roster_free(r);
}

static void unknown_columns_kept_in_extra_as_json(void **state)
{
	struct roster *r = parse_clean("报名编号,饮食,姓名,审核状态,T恤尺码\n"
	                               "0001,素食,张三,已通过,L\n"
	                               "0002,,李四,已通过,\n"
	                               "0003,\"说 \"\"不辣\"\"\",王五,已通过,\n");

	assert_int_equal(r->n_unknown, 2);
	assert_string_equal(r->unknown_columns[0], "饮食");
	assert_string_equal(r->unknown_columns[1], "T恤尺码");
	assert_int_equal(r->n_rows, 3);
	assert_string_equal(r->rows[0].extra, "{\"饮食\":\"素食\",\"T恤尺码\":\"L\"}");
	/* Empty cells of unknown columns keep nothing. */
	assert_null(r->rows[1].extra);
	assert_string_equal(r->rows[2].extra, "{\"饮食\":\"说 \\\"不辣\\\"\"}");
	/* The known columns are unaffected. */
	assert_string_equal(r->rows[0].name, "张三");
	assert_null(r->rows[0].note);
	roster_free(r);
}

static void blank_cells_take_defaults(void **state)
{
	const char *texts[] = {
	    HEAD "0001,张三,,,已通过,,,,,,,\n",
	    /* Only the required columns. */
	    "报名编号,姓名,审核状态\n0001,张三,已通过\n",
	    /* A record shorter than the header. */
	    HEAD "0001,张三,,,已通过\n",
	};

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct roster *r = parse_clean(texts[i]);
		const struct roster_row *row = &r->rows[0];

		assert_int_equal(r->n_rows, 1);
		assert_int_equal(row->gender, GENDER_UNKNOWN);
		assert_false(row->member);
		assert_int_equal(row->channel, CHANNEL_NONE);
		assert_int_equal(row->paid_amount, 0);
		assert_int_equal(row->pay_state, PAYSTATE_NONE);
		assert_int_equal(row->room, ROOM_NONE);
		assert_int_equal(row->arrive, cfg->first_night);
		assert_int_equal(row->depart, cfg->last_night + 1);
		assert_int_equal(row->depart, day("2026-05-30"));
		assert_null(row->organisation);
		assert_null(row->position);
		assert_null(row->phone);
		assert_null(row->roommate);
		assert_null(row->note);
		assert_null(row->external_code);
		assert_null(row->extra);
		roster_free(r);
	}
}

static void only_one_date_given_keeps_the_other_default(void **state)
{
	struct roster *r = parse_clean(HEAD "0001,张三,男,是,已通过,,,,大床房,2026-05-27,,\n"
	                                    "0002,李四,女,是,已通过,,,,大床房,,2026-05-28,\n");

	assert_int_equal(r->rows[0].arrive, day("2026-05-27"));
	assert_int_equal(r->rows[0].depart, day("2026-05-30"));
	assert_int_equal(r->rows[1].arrive, day("2026-05-25"));
	assert_int_equal(r->rows[1].depart, day("2026-05-28"));
	roster_free(r);
}

static void blank_records_are_skipped_silently(void **state)
{
	struct roster *r =
	    parse_clean(HEAD ROW_OK("0001") ",,,,,,,,,,,\n"
	                                    ",,,\n"
	                                    " , , ,\n"
	                                    "\"\",\"\",\"\"\n" ROW_OK("0002") ",,,,,,,,,,,,,,,\n");

	assert_int_equal(r->n_rows, 2);
	assert_string_equal(r->rows[0].reg_no, "0001");
	assert_int_equal(r->rows[0].line, 2);
	assert_string_equal(r->rows[1].reg_no, "0002");
	assert_int_equal(r->rows[1].line, 7);
	roster_free(r);
}

static void trailing_empty_fields_beyond_header_are_fine(void **state)
{
	struct roster *r = parse_clean("报名编号,姓名,审核状态\n0001,张三,已通过,,,\n");

	assert_int_equal(r->n_rows, 1);
	assert_string_equal(r->rows[0].name, "张三");
	roster_free(r);
}

static void amounts_in_excel_spellings_accepted(void **state)
{
	struct roster *r =
	    parse_clean(HEAD "0001,张三,男,是,已通过,在线支付,\"1,500\",已到账,,,,\n"
	                     "0002,李四,男,是,已通过,在线支付,1500.00,已到账,,,,\n"
	                     "0003,王五,男,是,已通过,在线支付,¥1500,已到账,,,,\n"
	                     "0004,赵六,男,否,已通过,个人转账,￥1700.0,待核实,,,,\n");

	assert_int_equal(r->n_rows, 4);
	assert_int_equal(r->rows[0].paid_amount, 1500);
	assert_int_equal(r->rows[1].paid_amount, 1500);
	assert_int_equal(r->rows[2].paid_amount, 1500);
	assert_int_equal(r->rows[3].paid_amount, 1700);
	roster_free(r);
}

static void field_of_exactly_4_kib_accepted(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct roster *r;

	strbuf_puts(&sb, "报名编号,姓名,审核状态,备注\n0001,张三,已通过,");
	for (size_t i = 0; i < ROSTER_FIELD_MAX; i++) {
		strbuf_putc(&sb, 'a');
	}
	strbuf_putc(&sb, '\n');
	r = parse_clean(strbuf_str(&sb));
	assert_int_equal(strlen(r->rows[0].note), ROSTER_FIELD_MAX);
	roster_free(r);
	strbuf_release(&sb);
}

static void field_over_4_kib_refused(void **state)
{
	static const struct want want[] = {{3, "备注", "longer than 4 KiB"}};
	struct strbuf sb = STRBUF_INIT;
	struct roster *r;

	strbuf_puts(&sb, "报名编号,姓名,审核状态,备注\n0001,张三,已通过,ok\n0002,李四,已通过,\"");
	for (size_t i = 0; i < ROSTER_FIELD_MAX + 1; i++) {
		strbuf_putc(&sb, 'a');
	}
	strbuf_puts(&sb, "\"\n");
	r = parse_expect(strbuf_str(&sb), want, ARRAY_LEN(want));
	roster_free(r);
	strbuf_release(&sb);
}

static void empty_file_is_refused_without_roster(void **state)
{
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(roster_parse("", 0, cfg, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, 0);
	assert_non_null(strstr(errs.items[0].message, "empty"));
	diag_list_clear(&errs);
	/* Only line breaks and spaces is no CSV either. */
	assert_null(roster_parse("\r\n\n  \n", 6, cfg, &errs));
	assert_int_equal(errs.n, 1);
	diag_list_clear(&errs);
}

static void binary_file_is_refused_without_roster(void **state)
{
	static const char nul[] = "报名编号,姓名,审核状态\n0001,\0\0\0\0,已通过\n";
	static const char utf16[] = "\xFF\xFE\x25\x62\x0d\x54";
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(roster_parse(nul, sizeof(nul) - 1, cfg, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, 0);
	assert_non_null(strstr(errs.items[0].message, "binary"));
	diag_list_clear(&errs);
	assert_null(roster_parse(utf16, sizeof(utf16) - 1, cfg, &errs));
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.items[0].message, "UTF-16"));
	diag_list_clear(&errs);
}

static void header_only_reports_no_rows(void **state)
{
	static const struct want want[] = {{0, NULL, "no rows"}};
	const char *texts[] = {HEAD, HEAD ",,,,,,,,,,,\n,,,\n"};

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct roster *r = parse_expect(texts[i], want, ARRAY_LEN(want));

		assert_int_equal(r->n_rows, 0);
		roster_free(r);
	}
}

static void missing_column_gives_roster_without_rows(void **state)
{
	static const struct want want[] = {{1, "审核状态", "required column \"审核状态\""}};
	struct roster *r = parse_expect("报名编号,姓名\n0001,张三\n", want, ARRAY_LEN(want));

	assert_int_equal(r->n_rows, 0);
	roster_free(r);
}

static void messages_are_bilingual_with_the_line(void **state)
{
	struct diag_list errs = DIAG_LIST_INIT;
	const char *text = HEAD ROW_OK("0001") "0002,李四,女,否,已批准,,,,,,,\n";
	struct roster *r = roster_parse(text, strlen(text), cfg, &errs);

	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.items[0].message, "第 3 行"));
	assert_non_null(strstr(errs.items[0].message, "line 3"));
	assert_non_null(strstr(errs.items[0].message, " / "));
	/* The message lists what is accepted. */
	assert_non_null(strstr(errs.items[0].message, "已通过"));
	assert_non_null(strstr(errs.items[0].message, "approved"));
	roster_free(r);
	diag_list_clear(&errs);
	roster_free(NULL);
}

/* A header reaches the terminal too (import report, unknown_columns): no controls there either. */
static void header_with_control_character_refused(void **state)
{
	const char *text = "报名编号,姓名,审核状态,\x1b[2J饮食\n0001,张三,已通过,素食\n";
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *r = roster_parse(text, strlen(text), cfg, &errs);
	bool reported = false;

	for (size_t i = 0; i < errs.n; i++) {
		reported =
		    reported || (errs.items[i].line == 1 &&
		                 strstr(errs.items[i].message, "control characters") != NULL);
	}
	if (!reported) {
		dump_diags(&errs);
		fail_msg("a header holding ESC was accepted");
	}
	roster_free(r);
	diag_list_clear(&errs);
}

/* Data under a column whose header cell is empty is kept in extra or reported, never dropped. */
static void data_under_a_nameless_column_is_not_dropped(void **state)
{
	const char *text = "报名编号,姓名,审核状态,\n0001,张三,已通过,晚到\n";
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *r = roster_parse(text, strlen(text), cfg, &errs);

	assert_non_null(r);
	assert_int_equal(r->n_rows, 1);
	if (errs.n == 0 && (r->rows[0].extra == NULL || strstr(r->rows[0].extra, "晚到") == NULL)) {
		fail_msg("the cell \"晚到\" under a nameless column vanished silently");
	}
	roster_free(r);
	diag_list_clear(&errs);
}

/* ---- text on the way in: one spelling (normalise.h) ---- */

#define IDSP "\xE3\x80\x80" /* U+3000 */
#define ZWSP "\xE2\x80\x8B" /* U+200B */
#define BOM  "\xEF\xBB\xBF"

static void fullwidth_cells_are_folded(void **state)
{
	struct roster *r = parse_clean(
	    "报名编号,姓名,性别,单位,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期,"
	    "同住人,备注\n"
	    "ＷＨ２０２６－０００１,张" IDSP "三,Ｍ,武汉大学（图书馆）,１３８" IDSP "００１３" IDSP
	    "８００１,ｙｅｓ," IDSP "已通过" IDSP
	    ",ｏｎｌｉｎｅ,１，５００,已到账,ｋｉｎｇ,２０２６－０５－２６,"
	    "ＷＨ２０２６－０００２,素食（不辣）\n"
	    "WH2026-0002,Ｍａｒｙ" IDSP "Ｓｍｉｔｈ,女,,,否,已通过,,,,,,,\n");
	const struct roster_row *a = &r->rows[0];

	assert_int_equal(r->n_rows, 2);
	assert_string_equal(a->reg_no, "WH2026-0001");
	assert_string_equal(a->name, "张三");
	assert_int_equal(a->gender, GENDER_MALE);
	/* free text keeps its full-width punctuation */
	assert_string_equal(a->organisation, "武汉大学（图书馆）");
	assert_string_equal(a->note, "素食（不辣）");
	assert_string_equal(a->phone, "138 0013 8001");
	assert_true(a->member);
	assert_int_equal(a->status, REG_APPROVED);
	assert_int_equal(a->channel, CHANNEL_ONLINE);
	assert_int_equal(a->paid_amount, 1500);
	assert_int_equal(a->room, ROOM_KING);
	assert_int_equal(a->arrive, day("2026-05-26"));
	assert_string_equal(a->roommate, "WH2026-0002");
	assert_string_equal(r->rows[1].name, "Mary Smith");
	roster_free(r);
}

static void invisible_characters_are_removed(void **state)
{
	struct roster *r =
	    parse_clean(HEAD "00" ZWSP "01,张" ZWSP "三\xE2\x80\x8D,男,是,已通过,,,,,,,"
	                     "素" ZWSP "食\n" BOM "0002,李四" BOM ",女,否,已通过,,,,,,,\n");

	assert_int_equal(r->n_rows, 2);
	assert_string_equal(r->rows[0].reg_no, "0001");
	assert_string_equal(r->rows[0].name, "张三");
	assert_string_equal(r->rows[0].note, "素食");
	/* a BOM left in the middle of the file by a second export is no part of the reg_no */
	assert_string_equal(r->rows[1].reg_no, "0002");
	assert_string_equal(r->rows[1].name, "李四");
	roster_free(r);
}

static void header_with_fullwidth_space_is_found(void **state)
{
	struct roster *r = parse_clean("报名编号,姓名" IDSP "," IDSP "审核状态,手机" IDSP "\n"
	                               "0001,张三,已通过,１３８００１３８００１\n");

	assert_int_equal(r->n_unknown, 0);
	assert_string_equal(r->rows[0].name, "张三");
	assert_string_equal(r->rows[0].phone, "13800138001");
	roster_free(r);
}

/* A GBK/CP936 save turns 䶮 𠮷 㛃 into '?': imported, but each such row is named in a warning. */
static void question_mark_in_a_chinese_name_is_warned(void **state)
{
	struct roster *r = parse_clean("报名编号,姓名,单位,审核状态\n"
	                               "0001,刘?,武汉大学,已通过\n"
	                               "0002,Who?,,已通过\n"
	                               "0003,王五,湖北省?书馆,已通过\n"
	                               "0004,?,,已通过\n"
	                               "0005,张三,,已通过\n"
	                               "0006,李\xEF\xBC\x9F,,已通过\n");
	static const struct want want[] = {
	    {2, "姓名", "line 2, column \"姓名\": the '?' in \"刘?\" is probably a rare character"},
	    {4, "单位", "\"湖北省?书馆\""},
	    {7, "姓名", "\"李?\""},
	};

	assert_int_equal(r->n_rows, 6);
	assert_string_equal(r->rows[0].name, "刘?");
	assert_diags(&r->warnings, want, ARRAY_LEN(want));
	roster_free(r);
}

/* A one-row re-import must not withdraw the other 179: more than 10% needs the exact count named.
 */
static void withdrawal_share_and_named_count(void **state)
{
	assert_int_equal(roster_withdraw_verdict(0, 0, -1), WITHDRAW_OK);
	assert_int_equal(roster_withdraw_verdict(18, 180, -1), WITHDRAW_OK);
	assert_int_equal(roster_withdraw_verdict(19, 180, -1), WITHDRAW_TOO_MANY);
	assert_int_equal(roster_withdraw_verdict(179, 180, -1), WITHDRAW_TOO_MANY);
	assert_int_equal(roster_withdraw_verdict(1, 5, -1), WITHDRAW_TOO_MANY);
	assert_int_equal(roster_withdraw_verdict(179, 180, 179), WITHDRAW_OK);
	assert_int_equal(roster_withdraw_verdict(179, 180, 178), WITHDRAW_COUNT_DIFFERS);
	assert_int_equal(roster_withdraw_verdict(179, 180, 180), WITHDRAW_COUNT_DIFFERS);
	/* a named count is exact even under the share */
	assert_int_equal(roster_withdraw_verdict(1, 180, 0), WITHDRAW_COUNT_DIFFERS);
	assert_int_equal(roster_withdraw_verdict(0, 180, 0), WITHDRAW_OK);
	/* no overflow for the 100k bench roster */
	assert_int_equal(roster_withdraw_verdict(100000, 100000, -1), WITHDRAW_TOO_MANY);
	assert_int_equal(roster_withdraw_verdict(10000, 100000, -1), WITHDRAW_OK);
}

/* ---- validation: one case per rule ---- */

struct error_case {
	const char *name;
	const char *csv;
	struct want want[MAX_WANT];
	size_t n_want;
};

#define WANT(...) .want = {__VA_ARGS__}, .n_want = ARRAY_LEN(((struct want[]){__VA_ARGS__}))

/* clang-format off */
static const struct error_case error_cases[] = {
	/* Columns */
	{"missing_required_columns_each_reported", "审核状态,备注\n已通过,x\n",
	 WANT({1, "报名编号", "required column \"报名编号\" (or reg_no)"},
	      {1, "姓名", "required column \"姓名\" (or name)"})},
	{"column_named_twice_reported", "报名编号,姓名,审核状态,name\n0001,张三,已通过,张三\n",
	 WANT({1, "name", "column \"name\" appears twice"})},

	/* Identity */
	{"duplicate_reg_no_reported_on_second_line_naming_first",
	 HEAD ROW_OK("0001") ROW_OK("0002") ROW_OK("0001"),
	 WANT({4, "报名编号", "duplicate 报名编号 \"0001\", already on line 2"})},
	{"every_repeat_of_a_reg_no_names_the_first_line",
	 HEAD ROW_OK("0007") ROW_OK("0007") ROW_OK("0002") ROW_OK("0007"),
	 WANT({3, "报名编号", "already on line 2"}, {5, "报名编号", "already on line 2"})},
	{"reg_nos_differing_only_by_case_are_duplicates",
	 HEAD ROW_OK("WH2026-0006") ROW_OK("WH2026-0007") ROW_OK("wh2026-0006"),
	 WANT({4, "报名编号", "duplicate 报名编号 \"wh2026-0006\", already on line 2 (\"WH2026-0006\", case ignored)"})},
	{"fullwidth_reg_no_is_a_duplicate_of_its_ascii_twin",
	 HEAD ROW_OK("WH2026-0006") ROW_OK("ＷＨ２０２６－０００６"),
	 WANT({3, "报名编号", "already on line 2"})},
	{"bom_in_the_middle_makes_no_phantom_person",
	 HEAD ROW_OK("0001") ROW_OK("0002") "\xEF\xBB\xBF" ROW_OK("0001"),
	 WANT({4, "报名编号", "duplicate 报名编号 \"0001\", already on line 2"})},
	{"zero_width_reg_no_is_a_duplicate",
	 HEAD ROW_OK("0001") ROW_OK("00\xE2\x80\x8B" "01"),
	 WANT({3, "报名编号", "already on line 2"})},
	{"second_header_pasted_in_the_middle_refused",
	 HEAD ROW_OK("0001") "\xEF\xBB\xBF" HEAD ROW_OK("0002"),
	 WANT({3, NULL, "line 3 repeats the header row"})},
	{"second_header_in_english_refused",
	 HEAD ROW_OK("0001") "reg_no,name,gender,member,status\n" ROW_OK("0002"),
	 WANT({3, NULL, "line 3 repeats the header row"})},
	{"c1_control_in_name_refused_naming_line_and_column", HEAD ROW_OK("0001") "0002,李\xC2\x85四,男,是,已通过,,,,,,,\n",
	 WANT({3, "姓名", "line 3, column \"姓名\" holds control characters"})},
	{"bidi_override_in_name_refused_not_removed", HEAD "0001,\xE2\x80\xAE张三,男,是,已通过,,,,,,,\n",
	 WANT({2, "姓名", "holds control characters"})},
	{"duplicate_external_code_reported",
	 "报名编号,姓名,审核状态,外部码\n0001,张三,已通过,X1\n0002,李四,已通过,X1\n",
	 WANT({3, "外部码", "duplicate 外部码 \"X1\", already on line 2"})},
	{"empty_reg_no_refused", HEAD ROW_OK(""),
	 WANT({2, "报名编号", "the registration number is empty"})},
	{"empty_name_refused", HEAD "0001,,男,是,已通过,,,,,,,\n",
	 WANT({2, "姓名", "the name is empty"})},
	{"name_with_escape_sequence_refused", HEAD "0001,\x1b[31m张三,男,是,已通过,,,,,,,\n",
	 WANT({2, "姓名", "holds control characters"})},
	{"note_with_bidi_override_refused", HEAD "0001,张三,男,是,已通过,,,,,,,\xE2\x80\xAE" "abc\n",
	 WANT({2, "备注", "holds control characters"})},
	{"unknown_gender_refused", HEAD "0001,张三,X,是,已通过,,,,,,,\n",
	 WANT({2, "性别", "unknown value \"X\""})},
	{"unknown_member_value_refused", HEAD "0001,张三,男,可能,已通过,,,,,,,\n",
	 WANT({2, "会员", "unknown value \"可能\""})},

	/* Status */
	{"unknown_status_value_refused", HEAD "0001,张三,男,是,已批准,,,,,,,\n",
	 WANT({2, "审核状态", "unknown value \"已批准\""})},
	{"empty_status_refused", HEAD "0001,张三,男,是,,,,,,,,\n",
	 WANT({2, "审核状态", "the status is empty"})},
	{"status_error_names_english_header_as_written", "reg_no,name,status\n0001,Zhang San,ok\n",
	 WANT({2, "status", "unknown value \"ok\""})},

	/* Payment */
	{"unknown_channel_value_refused", HEAD "0001,张三,男,是,已通过,微信,,,,,,\n",
	 WANT({2, "交费方式", "unknown value \"微信\""})},
	{"unknown_channel_value_is_one_problem", HEAD "0001,张三,男,是,已通过,微信,1500,已到账,,,,\n",
	 WANT({2, "交费方式", "unknown value \"微信\""})},
	{"unknown_pay_state_value_refused", HEAD "0001,张三,男,是,已通过,,,已付,,,,\n",
	 WANT({2, "交费状态", "unknown value \"已付\""})},
	{"unknown_pay_state_value_is_one_problem",
	 HEAD "0001,张三,男,是,已通过,在线支付,1500,已付,,,,\n",
	 WANT({2, "交费状态", "unknown value \"已付\""})},
	{"amount_with_letters_refused", HEAD "0001,张三,男,是,已通过,在线支付,15oo,已到账,,,,\n",
	 WANT({2, "交费金额", "expected whole yuan"})},
	{"amount_with_fraction_refused", HEAD "0001,张三,男,是,已通过,在线支付,1500.5,已到账,,,,\n",
	 WANT({2, "交费金额", "expected whole yuan"})},
	{"unpaid_channel_with_amount_refused", HEAD "0001,张三,男,是,已通过,未交费,1500,,,,,\n",
	 WANT({2, "交费方式", "channel says unpaid but an amount or payment state is given"})},
	{"unpaid_channel_with_confirmed_state_refused", HEAD "0001,张三,男,是,已通过,未交费,,已到账,,,,\n",
	 WANT({2, "交费方式", "channel says unpaid"})},
	{"blank_channel_with_amount_refused", HEAD "0001,张三,男,是,已通过,,1500,已到账,,,,\n",
	 WANT({2, "交费方式", "channel says unpaid"})},
	{"online_with_amount_zero_refused", HEAD "0001,张三,男,是,已通过,在线支付,0,已到账,,,,\n",
	 WANT({2, "交费金额", "the amount is empty or 0"})},
	{"transfer_without_amount_refused", HEAD "0001,张三,男,是,已通过,个人转账,,待核实,,,,\n",
	 WANT({2, "交费金额", "the amount is empty or 0"})},
	{"online_without_state_refused", HEAD "0001,张三,男,是,已通过,在线支付,1500,,,,,\n",
	 WANT({2, "交费状态", "the state is empty or unpaid"})},
	{"online_with_unpaid_state_refused", HEAD "0001,张三,男,是,已通过,在线支付,1500,未交费,,,,\n",
	 WANT({2, "交费状态", "the state is empty or unpaid"})},

	/* Lodging and dates */
	{"unknown_room_type_refused", HEAD "0001,张三,男,是,已通过,,,,套房,,,\n",
	 WANT({2, "房型", "unknown value \"套房\""})},
	{"bed_without_gender_refused", HEAD "0001,张三,,是,已通过,,,,床位,,,\n",
	 WANT({2, "性别", "needs a gender"})},
	{"bad_arrival_date_refused", HEAD "0001,张三,男,是,已通过,,,,大床房,2026-13-01,,\n",
	 WANT({2, "入住日期", "not a date"})},
	{"bad_departure_date_refused", HEAD "0001,张三,男,是,已通过,,,,大床房,,5/30,\n",
	 WANT({2, "离店日期", "not a date"})},
	{"impossible_date_is_one_problem", HEAD "0001,张三,男,是,已通过,,,,大床房,2026-02-30,,\n",
	 WANT({2, "入住日期", "not a date"})},
	{"reversed_dates_refused", HEAD "0001,张三,男,是,已通过,,,,大床房,2026-05-28,2026-05-26,\n",
	 WANT({2, "离店日期", "must be after the arrival"})},
	{"same_day_arrival_and_departure_refused",
	 HEAD "0001,张三,男,是,已通过,,,,大床房,2026-05-27,2026-05-27,\n",
	 WANT({2, "离店日期", "must be after the arrival"})},
	{"arrival_before_first_night_refused", HEAD "0001,张三,男,是,已通过,,,,大床房,2026-05-24,,\n",
	 WANT({2, "入住日期", "outside the event, 2026-05-25 to 2026-05-30"})},
	{"departure_after_the_event_refused_on_departure_column",
	 HEAD "0001,张三,男,是,已通过,,,,大床房,,2026-05-31,\n",
	 WANT({2, "离店日期", "outside the event, 2026-05-25 to 2026-05-30"})},

	/* Raw shape */
	{"row_with_more_fields_than_header_refused", HEAD "0001,张三,男,是,已通过,,,,,,,素食,不辣\n",
	 WANT({2, NULL, "line 2 has 13 fields, more than the header's 12"})},

	/* Everything is reported at once. */
	{"several_errors_in_one_file_all_reported",
	 HEAD "0001,张三,男,是,已批准,,,,,,,\n"
	 ROW_OK("0002")
	 "0003,,男,是,已通过,,,,,,,\n"
	 "0004,赵六,男,是,已通过,,,,大床房,2026-13-01,,\n"
	 ROW_OK("0002"),
	 WANT({2, "审核状态", "unknown value \"已批准\""}, {4, "姓名", "the name is empty"},
	      {5, "入住日期", "not a date"}, {6, "报名编号", "already on line 3"})},
	{"several_errors_in_one_row_all_reported",
	 HEAD "0001,张三,,是,待定,,,,床位,2026-05-20,,\n",
	 WANT({2, "审核状态", "unknown value \"待定\""}, {2, "性别", "needs a gender"},
	      {2, "入住日期", "outside the event"})},
};
/* clang-format on */

static void run_error_case(void **state)
{
	const struct error_case *c = *state;
	struct roster *r = parse_expect(c->csv, c->want, c->n_want);

	roster_free(r);
}

/* ---- amounts ---- */

struct amount_case {
	const char *name;
	const char *text;
	bool ok;
	int value;
};

/* clang-format off */
static const struct amount_case amount_cases[] = {
	{"amount_plain_accepted", "1500", true, 1500},
	{"amount_with_grouping_comma_accepted", "1,500", true, 1500},
	{"amount_with_zero_cents_accepted", "1500.00", true, 1500},
	{"amount_with_one_zero_decimal_accepted", "1500.0", true, 1500},
	{"amount_with_yuan_sign_accepted", "¥1500", true, 1500},
	{"amount_with_fullwidth_yuan_sign_accepted", "￥1,700.00", true, 1700},
	{"amount_empty_is_zero", "", true, 0},
	{"amount_zero_accepted", "0", true, 0},
	{"amount_with_letter_o_refused", "15oo", false, 0},
	{"amount_with_fraction_refused", "1500.5", false, 0},
	{"amount_with_dot_and_nothing_refused", "1500.", false, 0},
	{"amount_with_dot_grouping_refused", "1.500", false, 0},
	{"amount_negative_refused", "-1500", false, 0},
	{"amount_with_yuan_word_refused", "1500元", false, 0},
	{"amount_yuan_sign_alone_refused", "¥", false, 0},
	{"amount_comma_alone_refused", ",", false, 0},
	{"amount_over_seven_digits_refused", "12345678", false, 0},
	{"amount_with_exponent_refused", "1e3", false, 0},
	{"amount_in_words_refused", "一千五", false, 0},
};
/* clang-format on */

static void run_amount_case(void **state)
{
	const struct amount_case *c = *state;
	int value = -1;

	assert_int_equal(roster_parse_amount(c->text, &value), c->ok);
	if (c->ok) {
		assert_int_equal(value, c->value);
	}
}

/* ---- codes ---- */

static void codes_are_stable_and_round_trip(void **state)
{
	const enum gender genders[] = {GENDER_UNKNOWN, GENDER_MALE, GENDER_FEMALE};
	const enum reg_status statuses[] = {REG_APPROVED, REG_PENDING, REG_REJECTED};
	const enum room_request rooms[] = {ROOM_NONE, ROOM_KING, ROOM_TWIN_SINGLE, ROOM_BED};

	assert_string_equal(roster_gender_code(GENDER_UNKNOWN), "");
	assert_string_equal(roster_gender_code(GENDER_MALE), "M");
	assert_string_equal(roster_gender_code(GENDER_FEMALE), "F");
	assert_string_equal(roster_status_code(REG_APPROVED), "approved");
	assert_string_equal(roster_status_code(REG_PENDING), "pending");
	assert_string_equal(roster_status_code(REG_REJECTED), "rejected");
	assert_string_equal(roster_channel_code(CHANNEL_NONE), "none");
	assert_string_equal(roster_channel_code(CHANNEL_ONLINE), "online");
	assert_string_equal(roster_channel_code(CHANNEL_TRANSFER), "transfer");
	assert_string_equal(roster_channel_code(CHANNEL_COLLECTIVE), "collective");
	assert_string_equal(roster_pay_state_code(PAYSTATE_NONE), "none");
	assert_string_equal(roster_pay_state_code(PAYSTATE_CONFIRMED), "confirmed");
	assert_string_equal(roster_pay_state_code(PAYSTATE_PENDING), "pending");
	assert_string_equal(roster_room_code(ROOM_NONE), "none");
	assert_string_equal(roster_room_code(ROOM_KING), "king");
	assert_string_equal(roster_room_code(ROOM_TWIN_SINGLE), "twin_single");
	assert_string_equal(roster_room_code(ROOM_BED), "bed");

	for (size_t i = 0; i < ARRAY_LEN(genders); i++) {
		enum gender g = GENDER_FEMALE + 1;
		assert_true(roster_gender_from_code(roster_gender_code(genders[i]), &g));
		assert_int_equal(g, genders[i]);
	}
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++) {
		enum reg_status s = REG_REJECTED + 1;
		assert_true(roster_status_from_code(roster_status_code(statuses[i]), &s));
		assert_int_equal(s, statuses[i]);
	}
	for (size_t i = 0; i < ARRAY_LEN(rooms); i++) {
		enum room_request r = ROOM_BED + 1;
		assert_true(roster_room_from_code(roster_room_code(rooms[i]), &r));
		assert_int_equal(r, rooms[i]);
	}
}

static void unknown_codes_are_refused_with_safe_defaults(void **state)
{
	enum gender g = GENDER_MALE;
	enum reg_status s = REG_APPROVED;
	enum room_request r = ROOM_KING;

	/* Database codes are exact: no Chinese, no other case. */
	assert_false(roster_gender_from_code("男", &g));
	assert_int_equal(g, GENDER_UNKNOWN);
	assert_false(roster_gender_from_code("m", &g));
	assert_false(roster_status_from_code("已通过", &s));
	assert_int_equal(s, REG_PENDING);
	assert_false(roster_status_from_code("Approved", &s));
	assert_false(roster_room_from_code("twin", &r));
	assert_int_equal(r, ROOM_NONE);
	assert_false(roster_room_from_code("", &r));
}

static int setup_event(void **state)
{
	struct diag_list errs = DIAG_LIST_INIT;

	cfg = event_parse(DEMO_INI, &errs);
	diag_list_clear(&errs);
	return cfg == NULL ? -1 : 0;
}

static int teardown_event(void **state)
{
	event_free(cfg);
	cfg = NULL;
	return 0;
}

/*
 * Rows are checked as the file streams past; when the file then proves not to
 * be CSV, their problems are dropped and the quote alone is reported, as when
 * the whole file was parsed first.
 */
static void broken_quote_after_bad_rows_is_reported_alone(void **state)
{
	static const char text[] = HEAD ROW_OK("0001") "0002,,女,是,已通过,,,,,,,\n" ROW_OK("0001")
	    HEAD "0003,\"未闭合,男,是,已通过,,,,,,,\n";
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(roster_parse(text, strlen(text), cfg, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, 6);
	assert_non_null(strstr(errs.items[0].message, "第 6 行"));
	diag_list_clear(&errs);
}

/* The same rows in a file that is CSV: every problem, in file order, the duplicate last. */
static void problems_of_streamed_rows_keep_their_order(void **state)
{
	static const char text[] =
	    HEAD ROW_OK("0001") "0002,,女,是,已通过,,,,,,,\n" ROW_OK("0001") HEAD ROW_OK("0003");
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *r = roster_parse(text, strlen(text), cfg, &errs);

	assert_non_null(r);
	assert_int_equal(r->n_rows, 4);
	assert_int_equal(errs.n, 3);
	assert_int_equal(errs.items[0].line, 3);
	assert_int_equal(errs.items[1].line, 5);
	assert_int_equal(errs.items[2].line, 4);
	assert_non_null(strstr(errs.items[2].message, "第 2 行"));
	assert_string_equal(r->rows[3].reg_no, "0003");
	assert_int_equal(r->rows[3].line, 6);
	diag_list_clear(&errs);
	roster_free(r);
}

/* Parses a malloc'd copy of text[0..len) with roster_parse_taking, which must free it. */
static struct roster *parse_taking(const char *text, size_t len, struct diag_list *errs)
{
	char *raw = malloc(len);

	assert_non_null(raw);
	memcpy(raw, text, len);
	return roster_parse_taking(raw, len, cfg, errs);
}

/*
 * roster_parse_taking reads as roster_parse does and frees the raw bytes on
 * every path (converted, read in place, refused), once: ASan checks both.
 */
static void taking_reads_the_same_and_frees_raw(void **state)
{
	/* 报名编号,姓名,审核状态 / 0001,张三,已通过 in GBK */
	static const char gb[] = "\xb1\xa8\xc3\xfb\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb,"
	                         "\xc9\xf3\xba\xcb\xd7\xb4\xcc\xac\r\n"
	                         "0001,\xd5\xc5\xc8\xfd,\xd2\xd1\xcd\xa8\xb9\xfd\r\n";
	static const char utf8[] = HEAD ROW_OK("0001") ROW_OK("0002");
	static const char broken[] = HEAD ROW_OK("0001") "0002,\"open\n";
	static const char bad_bytes[] = "\xff\xfe\xfd\xfc";
	struct diag_list errs = DIAG_LIST_INIT;
	struct roster *r = parse_taking(gb, sizeof(gb) - 1, &errs);

	assert_int_equal(errs.n, 0);
	assert_int_equal(r->encoding, ENCODING_GB18030);
	assert_int_equal(r->n_rows, 1);
	assert_string_equal(r->rows[0].name, "张三");
	roster_free(r);
	r = parse_taking(utf8, sizeof(utf8) - 1, &errs);
	assert_int_equal(errs.n, 0);
	assert_int_equal(r->n_rows, 2);
	assert_string_equal(r->rows[1].reg_no, "0002");
	roster_free(r);
	assert_null(parse_taking(broken, sizeof(broken) - 1, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].line, 3);
	diag_list_clear(&errs);
	assert_null(parse_taking(bad_bytes, sizeof(bad_bytes) - 1, &errs));
	assert_int_equal(errs.n, 1);
	diag_list_clear(&errs);
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(chinese_headers_fill_every_field),
    cmocka_unit_test(english_aliases_for_headers_and_values),
    cmocka_unit_test(shuffled_column_order),
    cmocka_unit_test(bracket_header_form),
    cmocka_unit_test(utf8_bom_is_not_part_of_the_first_header),
    cmocka_unit_test(crlf_line_ends),
    cmocka_unit_test(gb18030_roster),
    cmocka_unit_test(quoted_field_with_comma_and_doubled_quote),
    cmocka_unit_test(unknown_columns_kept_in_extra_as_json),
    cmocka_unit_test(blank_cells_take_defaults),
    cmocka_unit_test(only_one_date_given_keeps_the_other_default),
    cmocka_unit_test(blank_records_are_skipped_silently),
    cmocka_unit_test(trailing_empty_fields_beyond_header_are_fine),
    cmocka_unit_test(amounts_in_excel_spellings_accepted),
    cmocka_unit_test(field_of_exactly_4_kib_accepted),
    cmocka_unit_test(field_over_4_kib_refused),
    cmocka_unit_test(empty_file_is_refused_without_roster),
    cmocka_unit_test(binary_file_is_refused_without_roster),
    cmocka_unit_test(header_only_reports_no_rows),
    cmocka_unit_test(missing_column_gives_roster_without_rows),
    cmocka_unit_test(messages_are_bilingual_with_the_line),
    cmocka_unit_test(header_with_control_character_refused),
    cmocka_unit_test(data_under_a_nameless_column_is_not_dropped),
    cmocka_unit_test(fullwidth_cells_are_folded),
    cmocka_unit_test(invisible_characters_are_removed),
    cmocka_unit_test(header_with_fullwidth_space_is_found),
    cmocka_unit_test(question_mark_in_a_chinese_name_is_warned),
    cmocka_unit_test(withdrawal_share_and_named_count),
    cmocka_unit_test(codes_are_stable_and_round_trip),
    cmocka_unit_test(unknown_codes_are_refused_with_safe_defaults),
    cmocka_unit_test(broken_quote_after_bad_rows_is_reported_alone),
    cmocka_unit_test(problems_of_streamed_rows_keep_their_order),
    cmocka_unit_test(taking_reads_the_same_and_frees_raw),
};

static struct CMUnitTest
    tests[ARRAY_LEN(plain_tests) + ARRAY_LEN(error_cases) + ARRAY_LEN(amount_cases)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	for (size_t i = 0; i < ARRAY_LEN(error_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = error_cases[i].name,
		    .test_func = run_error_case,
		    .initial_state = (void *)&error_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(amount_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = amount_cases[i].name,
		    .test_func = run_amount_case,
		    .initial_state = (void *)&amount_cases[i],
		};
	}
	return cmocka_run_group_tests(tests, setup_event, teardown_event);
}
