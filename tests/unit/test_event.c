/*
 * Tests for event: the demo event.ini parses into every field; each required
 * key, when missing, is reported by name; each kind of bad value (code, date,
 * amount, pin, desk id, control characters) is refused naming its key; the
 * coherence rules (last_night before first_night, bed_night not below
 * room_night, member fee above non-member fee); unknown keys and broken lines;
 * event_each round-trips through event_set; event_count_nights. Lines of any
 * length, the forms inih accepted, full-width values, a bad value's line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/event.h"
#include "frontdesk/strbuf.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct ini_key {
	const char *section;
	const char *key;
	const char *value;
};

/* The demo event.ini, one key per entry, sections in file order. */
static const struct ini_key demo[] = {
    {"event", "code", "2605"},
    {"event", "name", "2026 图书馆管理培训班"},
    {"event", "checkin_date", "2026-05-25"},
    {"event", "first_night", "2026-05-25"},
    {"event", "last_night", "2026-05-29"},
    {"event", "capacity", "180"},
    {"fees", "member", "1500"},
    {"fees", "non_member", "1700"},
    {"lodging", "room_night", "350"},
    {"lodging", "bed_night", "175"},
    {"lodging", "primary_hotel", "东湖宾馆"},
    {"desk", "id", "desk-1"},
    {"desk", "printer", "Zebra_ZD421"},
    {"desk", "camera", "/dev/video0"},
    {"desk", "supervisor_pin", "2468"},
    {"desk", "items", "胸牌,资料袋,纸本通知,房卡"},
    {"contacts", "registration", "王老师 13800000001"},
    {"contacts", "payment", "李老师 13800000002"},
    {"contacts", "lodging", "赵老师 13800000003"},
};

/*
 * Writes the demo ini, leaving out key `skip` (may be NULL) and giving key
 * `change` the value `value` instead. Returns the text (the caller frees it).
 */
static char *demo_ini(const char *skip, const char *change, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	const char *section = "";

	strbuf_puts(&sb, "; event.ini for tests\n");
	for (size_t i = 0; i < ARRAY_LEN(demo); i++) {
		if (strcmp(section, demo[i].section) != 0) {
			section = demo[i].section;
			strbuf_printf(&sb, "\n[%s]\n", section);
		}
		if (skip != NULL && strcmp(demo[i].key, skip) == 0) {
			continue;
		}
		strbuf_printf(&sb, "%s = %s\n", demo[i].key,
		              change != NULL && strcmp(demo[i].key, change) == 0 ? value
		                                                                 : demo[i].value);
	}
	return strbuf_detach(&sb);
}

/* Returns the index of the problem on column whose message holds needle, or fails. */
static size_t find_diag(const struct diag_list *errs, const char *column, const char *needle)
{
	for (size_t i = 0; i < errs->n; i++) {
		const struct diag *d = &errs->items[i];

		if (d->column != NULL && strcmp(d->column, column) == 0 &&
		    strstr(d->message, needle) != NULL) {
			return i;
		}
	}
	for (size_t i = 0; i < errs->n; i++) {
		print_message("  got: line %d [%s] %s\n", errs->items[i].line,
		              errs->items[i].column ? errs->items[i].column : "-",
		              errs->items[i].message);
	}
	fail_msg("no problem on column %s mentioning \"%s\"", column, needle);
	return 0;
}

static void demo_ini_parses_into_every_field(void **state)
{
	char *ini = demo_ini(NULL, NULL, NULL);
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);
	long first, last;

	assert_int_equal(errs.n, 0);
	assert_non_null(cfg);
	assert_true(date_parse("2026-05-25", &first));
	assert_true(date_parse("2026-05-29", &last));
	assert_string_equal(cfg->code, "2605");
	assert_string_equal(cfg->name, "2026 图书馆管理培训班");
	assert_int_equal(cfg->checkin_date, first);
	assert_int_equal(cfg->first_night, first);
	assert_int_equal(cfg->last_night, last);
	assert_int_equal(cfg->capacity, 180);
	assert_int_equal(cfg->fees.member, 1500);
	assert_int_equal(cfg->fees.non_member, 1700);
	assert_int_equal(cfg->room_night, 350);
	assert_int_equal(cfg->bed_night, 175);
	assert_string_equal(cfg->primary_hotel, "东湖宾馆");
	assert_string_equal(cfg->desk_id, "desk-1");
	assert_string_equal(cfg->printer, "Zebra_ZD421");
	assert_string_equal(cfg->camera, "/dev/video0");
	assert_string_equal(cfg->supervisor_pin, "2468");
	assert_string_equal(cfg->items, "胸牌,资料袋,纸本通知,房卡");
	assert_string_equal(cfg->contact_registration, "王老师 13800000001");
	assert_string_equal(cfg->contact_payment, "李老师 13800000002");
	assert_string_equal(cfg->contact_lodging, "赵老师 13800000003");
	event_free(cfg);
	free(ini);
}

static void optional_keys_may_be_left_out(void **state)
{
	const char *ini = "[event]\ncode=2605\nname=培训班\ncheckin_date=2026/5/25\n"
	                  "first_night=2026年5月25日\nlast_night=2026.5.29\n"
	                  "[fees]\nmember=1500\nnon_member=1700\n"
	                  "[lodging]\nroom_night=350\nbed_night=175\n"
	                  "[desk]\nid=A\nsupervisor_pin=0000\n";
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);

	assert_int_equal(errs.n, 0);
	assert_non_null(cfg);
	assert_null(cfg->primary_hotel);
	assert_null(cfg->printer);
	assert_null(cfg->camera);
	assert_null(cfg->items);
	assert_null(cfg->contact_payment);
	assert_int_equal(event_count_nights(cfg), 5);
	event_free(cfg);
}

static void missing_required_key(void **state)
{
	const char *key = *state;
	char *ini = demo_ini(key, NULL, NULL);
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(event_parse(ini, &errs));
	assert_int_equal(errs.n, 1);
	find_diag(&errs, key, "missing setting [");
	assert_non_null(strstr(errs.items[0].message, key));
	diag_list_clear(&errs);
	free(ini);
}

static void all_missing_keys_are_reported_at_once(void **state)
{
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(event_parse("[event]\nname = x\n", &errs));
	/* code, checkin_date, first_night, last_night, member, non_member, room_night,
	 * bed_night, id, supervisor_pin */
	assert_int_equal(errs.n, 10);
	find_diag(&errs, "supervisor_pin", "missing setting [desk] supervisor_pin");
	find_diag(&errs, "code", "missing setting [event] code");
	diag_list_clear(&errs);
}

struct bad_value_case {
	const char *name;
	const char *key;
	const char *value;
	const char *needle;
};

/* clang-format off */
static const struct bad_value_case bad_value_cases[] = {
	{"code_of_three_digits_refused", "code", "260", "exactly 4 digits"},
	{"code_of_five_digits_refused", "code", "26050", "exactly 4 digits"},
	{"code_with_letter_refused", "code", "26a5", "exactly 4 digits"},
	{"checkin_date_that_does_not_exist_refused", "checkin_date", "2026-02-30", "expected a date"},
	{"first_night_in_words_refused", "first_night", "May 25", "expected a date"},
	{"last_night_with_two_digit_year_refused", "last_night", "26-05-29", "expected a date"},
	{"pin_of_three_digits_refused", "supervisor_pin", "123", "4 to 8 digits"},
	{"pin_of_nine_digits_refused", "supervisor_pin", "123456789", "4 to 8 digits"},
	{"pin_with_letters_refused", "supervisor_pin", "12ab", "4 to 8 digits"},
	{"desk_id_with_space_refused", "id", "desk 1", "1-16 letters"},
	{"desk_id_of_17_chars_refused", "id", "abcdefghijklmnopq", "1-16 letters"},
	{"desk_id_in_chinese_refused", "id", "前台", "1-16 letters"},
	{"fee_in_words_refused", "member", "abc", "positive whole number"},
	{"fee_with_fraction_refused", "non_member", "1700.5", "positive whole number"},
	{"fee_of_zero_refused", "member", "0", "positive whole number"},
	{"fee_negative_refused", "member", "-1500", "positive whole number"},
	{"fee_with_yuan_sign_refused", "member", "1500元", "positive whole number"},
	{"room_night_too_large_refused", "room_night", "12345678", "positive whole number"},
	{"capacity_not_numeric_refused", "capacity", "many", "positive whole number"},
	{"name_with_escape_refused", "name", "培训\x1b[2J班", "control characters"},
	{"contact_with_bidi_override_refused", "payment", "李\xE2\x80\xAE" "老师", "control characters"},
};
/* clang-format on */

static void run_bad_value_case(void **state)
{
	const struct bad_value_case *c = *state;
	char *ini = demo_ini(NULL, c->key, c->value);
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(event_parse(ini, &errs));
	find_diag(&errs, c->key, c->needle);
	diag_list_clear(&errs);
	free(ini);
}

/* A key that is present with a bad value is one problem, not also a "missing" one. */
static void bad_value_is_not_also_reported_missing(void **state)
{
	const char *keys[] = {"code", "first_night", "member", "supervisor_pin", "id"};
	const char *values[] = {"260", "May 25", "abc", "12", "desk 1"};

	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		char *ini = demo_ini(NULL, keys[i], values[i]);
		struct diag_list errs = DIAG_LIST_INIT;

		assert_null(event_parse(ini, &errs));
		for (size_t k = 0; k < errs.n; k++) {
			if (strstr(errs.items[k].message, "missing setting") != NULL) {
				fail_msg("%s = %s: also reported as \"%s\"", keys[i], values[i],
				         errs.items[k].message);
			}
		}
		assert_int_equal(errs.n, 1);
		diag_list_clear(&errs);
		free(ini);
	}
}

/* event_set refusing a value must not leave a half-parsed value behind. */
static void refused_value_leaves_the_earlier_value(void **state)
{
	struct event_config *cfg = event_new();
	struct diag_list errs = DIAG_LIST_INIT;
	long first;

	assert_true(date_parse("2026-05-25", &first));
	assert_true(event_set(cfg, "event", "first_night", "2026-05-25", 1, &errs));
	assert_true(event_set(cfg, "fees", "member", "1500", 2, &errs));
	assert_true(event_set(cfg, "event", "code", "2605", 3, &errs));
	assert_false(event_set(cfg, "event", "first_night", "2026-02-30", 4, &errs));
	assert_false(event_set(cfg, "fees", "member", "0", 5, &errs));
	assert_false(event_set(cfg, "event", "code", "26", 6, &errs));
	assert_int_equal(errs.n, 3);
	assert_int_equal(cfg->first_night, first);
	assert_int_equal(cfg->fees.member, 1500);
	assert_string_equal(cfg->code, "2605");
	diag_list_clear(&errs);
	event_free(cfg);
}

static void last_night_before_first_night_refused(void **state)
{
	char *ini = demo_ini(NULL, "last_night", "2026-05-24");
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(event_parse(ini, &errs));
	assert_int_equal(errs.n, 1);
	find_diag(&errs, "last_night", "last_night is before first_night");
	diag_list_clear(&errs);
	free(ini);
	/* A one-night event is fine. */
	ini = demo_ini(NULL, "last_night", "2026-05-25");
	struct event_config *cfg = event_parse(ini, &errs);
	assert_non_null(cfg);
	assert_int_equal(event_count_nights(cfg), 1);
	event_free(cfg);
	free(ini);
}

static void bed_night_not_below_room_night_refused(void **state)
{
	const char *values[] = {"350", "400"};

	for (size_t i = 0; i < ARRAY_LEN(values); i++) {
		char *ini = demo_ini(NULL, "bed_night", values[i]);
		struct diag_list errs = DIAG_LIST_INIT;

		assert_null(event_parse(ini, &errs));
		assert_int_equal(errs.n, 1);
		find_diag(&errs, "bed_night", "bed_night must be lower than room_night");
		diag_list_clear(&errs);
		free(ini);
	}
}

static void member_fee_above_non_member_fee_refused(void **state)
{
	char *ini = demo_ini(NULL, "member", "1800");
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(event_parse(ini, &errs));
	assert_int_equal(errs.n, 1);
	find_diag(&errs, "member", "must not exceed the non-member fee");
	diag_list_clear(&errs);
	free(ini);
}

static void unknown_key_is_reported(void **state)
{
	char *base = demo_ini(NULL, NULL, NULL);
	struct strbuf sb = STRBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;

	strbuf_puts(&sb, base);
	strbuf_puts(&sb, "[desk]\nsupervisor_pim = 1234\n");
	assert_null(event_parse(strbuf_str(&sb), &errs));
	assert_int_equal(errs.n, 1);
	find_diag(&errs, "supervisor_pim", "unknown setting [desk] supervisor_pim");
	diag_list_clear(&errs);
	strbuf_release(&sb);
	/* A known key in the wrong section is unknown too. */
	strbuf_puts(&sb, base);
	strbuf_puts(&sb, "[fees]\nroom_night = 350\n");
	assert_null(event_parse(strbuf_str(&sb), &errs));
	assert_int_equal(errs.n, 1);
	find_diag(&errs, "room_night", "unknown setting [fees] room_night");
	diag_list_clear(&errs);
	strbuf_release(&sb);
	free(base);
}

static void line_that_is_not_key_value_is_reported_with_its_line(void **state)
{
	const char *ini = "[event]\ncode = 2605\nthis line is broken\n";
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(event_parse(ini, &errs));
	assert_true(errs.n >= 1);
	assert_int_equal(errs.items[0].line, 3);
	assert_non_null(strstr(errs.items[0].message, "line 3"));
	diag_list_clear(&errs);
}

/* inih stopped at 200 bytes: three contacts with phones on one line were "not key = value". */
static void long_line_is_read_whole(void **state)
{
	struct strbuf value = STRBUF_INIT;

	for (int i = 0; i < 40; i++) {
		strbuf_printf(&value, "会务组第%d位老师 027-8765 43%02d；", i, i);
	}
	char *ini = demo_ini(NULL, "registration", strbuf_str(&value));
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);

	assert_true(strlen(strbuf_str(&value)) > 1000);
	assert_int_equal(errs.n, 0);
	assert_non_null(cfg);
	assert_string_equal(cfg->contact_registration, strbuf_str(&value));
	event_free(cfg);
	free(ini);
	strbuf_release(&value);
}

/* What inih accepted still reads the same: a BOM, CRLF, ":" for "=", inline "; comments". */
static void ini_forms_inih_accepted(void **state)
{
	const char *ini = "\xEF\xBB\xBF; comment\r\n# another\r\n[event]\r\ncode: 2605\r\n"
	                  "name = 培训班 ; the name\r\ncheckin_date=2026-05-25\r\n"
	                  "first_night = 2026-05-25\r\nlast_night = 2026-05-29\r\n"
	                  "  [ fees ]  \r\nmember = 1500\r\nnon_member = 1700\r\n[lodging]\r\n"
	                  "room_night = 350\r\nbed_night = 175\r\n[desk]\r\nid = A\r\n"
	                  "supervisor_pin = 2468\r\nitems = 胸牌;资料袋\r\n";
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);

	assert_int_equal(errs.n, 0);
	assert_non_null(cfg);
	assert_string_equal(cfg->code, "2605");
	assert_string_equal(cfg->name, "培训班");
	assert_int_equal(cfg->fees.member, 1500);
	/* a ';' without a space before it is part of the value */
	assert_string_equal(cfg->items, "胸牌;资料袋");
	event_free(cfg);
}

/* Values typed in full-width mode read as the ASCII they look like; invisible characters go. */
static void fullwidth_values_are_folded(void **state)
{
	char *ini = demo_ini(NULL, "supervisor_pin", "２４６８");
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);

	assert_int_equal(errs.n, 0);
	assert_string_equal(cfg->supervisor_pin, "2468");
	assert_true(event_set(cfg, "event", "code", "２６０５", 1, &errs));
	assert_string_equal(cfg->code, "2605");
	assert_true(event_set(cfg, "event", "first_night", "２０２６－０５－２５", 1, &errs));
	assert_true(event_set(cfg, "fees", "member", "１５００", 1, &errs));
	assert_int_equal(cfg->fees.member, 1500);
	assert_true(event_set(cfg, "lodging", "primary_hotel", "\xE2\x80\x8B东湖宾馆\xE3\x80\x80",
	                      1, &errs));
	assert_string_equal(cfg->primary_hotel, "东湖宾馆");
	/* text keeps its full-width punctuation */
	assert_true(event_set(cfg, "desk", "items", "胸牌，资料袋（蓝）", 1, &errs));
	assert_string_equal(cfg->items, "胸牌，资料袋（蓝）");
	assert_int_equal(errs.n, 0);
	event_free(cfg);
	free(ini);
}

/* A bad value in the file names its line (inih's callback had none to give). */
static void bad_value_names_its_line(void **state)
{
	char *ini = demo_ini(NULL, "supervisor_pin", "24x8");
	struct diag_list errs = DIAG_LIST_INIT;
	int want = 0, line = 0;

	for (const char *p = ini; *p; p++) {
		line += *p == '\n';
		if (strncmp(p, "\nsupervisor_pin", 15) == 0) {
			want = line + 1;
		}
	}
	assert_null(event_parse(ini, &errs));
	size_t i = find_diag(&errs, "supervisor_pin", "4 to 8 digits");
	assert_true(want > 0);
	assert_int_equal(errs.items[i].line, want);
	diag_list_clear(&errs);
	free(ini);
}

static void event_set_reports_its_line_and_keeps_going(void **state)
{
	struct event_config *cfg = event_new();
	struct diag_list errs = DIAG_LIST_INIT;

	assert_true(event_set(cfg, "event", "code", "2605", 3, &errs));
	assert_true(event_set(cfg, "EVENT", "Name", "培训班", 4, &errs));
	assert_false(event_set(cfg, "event", "code", "x", 7, &errs));
	assert_false(event_set(cfg, "nowhere", "code", "2605", 9, &errs));
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.items[0].line, 7);
	assert_string_equal(errs.items[0].column, "code");
	assert_int_equal(errs.items[1].line, 9);
	assert_string_equal(cfg->code, "2605");
	assert_string_equal(cfg->name, "培训班");
	/* Incomplete: event_check lists what is missing. */
	diag_list_clear(&errs);
	assert_false(event_check(cfg, &errs));
	assert_int_equal(errs.n, 9);
	diag_list_clear(&errs);
	event_free(cfg);
	event_free(NULL);
}

struct collected {
	struct ini_key keys[32];
	char *values[32];
	size_t n;
};

static void collect(void *ctx, const char *section, const char *key, const char *value)
{
	struct collected *c = ctx;

	assert_true(c->n < ARRAY_LEN(c->keys));
	c->values[c->n] = strdup(value);
	c->keys[c->n] = (struct ini_key){section, key, c->values[c->n]};
	c->n++;
}

static void event_each_round_trips_through_event_set(void **state)
{
	char *ini = demo_ini(NULL, "checkin_date", "2026/5/25");
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);
	struct event_config *copy = event_new();
	struct collected got = {.n = 0};

	assert_non_null(cfg);
	event_each(cfg, collect, &got);
	/* Every demo key is set, dates come back as ISO. */
	assert_int_equal(got.n, ARRAY_LEN(demo));
	for (size_t i = 0; i < got.n; i++) {
		assert_string_equal(got.keys[i].section, demo[i].section);
		assert_string_equal(got.keys[i].key, demo[i].key);
		assert_string_equal(got.keys[i].value, demo[i].value);
		assert_true(event_set(copy, got.keys[i].section, got.keys[i].key, got.keys[i].value,
		                      0, &errs));
	}
	assert_true(event_check(copy, &errs));
	assert_int_equal(errs.n, 0);
	assert_string_equal(copy->code, cfg->code);
	assert_string_equal(copy->name, cfg->name);
	assert_int_equal(copy->checkin_date, cfg->checkin_date);
	assert_int_equal(copy->first_night, cfg->first_night);
	assert_int_equal(copy->last_night, cfg->last_night);
	assert_int_equal(copy->capacity, cfg->capacity);
	assert_int_equal(copy->fees.member, cfg->fees.member);
	assert_int_equal(copy->fees.non_member, cfg->fees.non_member);
	assert_int_equal(copy->room_night, cfg->room_night);
	assert_int_equal(copy->bed_night, cfg->bed_night);
	assert_string_equal(copy->primary_hotel, cfg->primary_hotel);
	assert_string_equal(copy->desk_id, cfg->desk_id);
	assert_string_equal(copy->supervisor_pin, cfg->supervisor_pin);
	assert_string_equal(copy->items, cfg->items);
	assert_string_equal(copy->contact_lodging, cfg->contact_lodging);
	for (size_t i = 0; i < got.n; i++) {
		free(got.values[i]);
	}
	event_free(copy);
	event_free(cfg);
	free(ini);
}

/* [sessions]: defaults until given, bounds checked, a refused value keeps the earlier one. */
static void sessions_settings_default_and_bounds(void **state)
{
	struct event_config *cfg = event_new();
	struct diag_list errs = DIAG_LIST_INIT;
	struct collected got = {.n = 0};

	(void)state;
	assert_int_equal(cfg->sessions.late_grace, 10);
	assert_int_equal(cfg->sessions.absent_percent, 50);
	assert_false(cfg->sessions.excused_counts);
	assert_int_equal(cfg->sessions.open_before, 30);
	event_each(cfg, collect, &got);
	assert_int_equal(got.n, 0); /* defaults are not stored */
	assert_true(event_set(cfg, "sessions", "late_grace", "0", 1, &errs));
	assert_true(event_set(cfg, "sessions", "excused_counts", "是", 2, &errs));
	assert_true(event_set(cfg, "sessions", "absent_percent", "25", 3, &errs));
	assert_false(event_set(cfg, "sessions", "absent_percent", "0", 4, &errs));
	assert_false(event_set(cfg, "sessions", "late_grace", "241", 5, &errs));
	assert_false(event_set(cfg, "sessions", "excused_counts", "maybe", 6, &errs));
	assert_int_equal(errs.n, 3);
	assert_int_equal(cfg->sessions.late_grace, 0);
	assert_int_equal(cfg->sessions.absent_percent, 25);
	assert_true(cfg->sessions.excused_counts);
	event_each(cfg, collect, &got);
	assert_int_equal(got.n, 3);
	assert_string_equal(got.keys[1].key, "absent_percent");
	assert_string_equal(got.keys[1].value, "25");
	assert_string_equal(got.keys[2].value, "yes");
	for (size_t i = 0; i < got.n; i++) {
		free(got.values[i]);
	}
	diag_list_clear(&errs);
	event_free(cfg);
}

static void event_each_skips_unset_keys(void **state)
{
	struct event_config *cfg = event_new();
	struct diag_list errs = DIAG_LIST_INIT;
	struct collected got = {.n = 0};

	event_each(cfg, collect, &got);
	assert_int_equal(got.n, 0);
	assert_true(event_set(cfg, "fees", "member", "1500", 1, &errs));
	assert_true(event_set(cfg, "desk", "printer", "lp0", 2, &errs));
	event_each(cfg, collect, &got);
	assert_int_equal(got.n, 2);
	assert_string_equal(got.keys[0].key, "member");
	assert_string_equal(got.keys[0].value, "1500");
	assert_string_equal(got.keys[1].key, "printer");
	assert_string_equal(got.keys[1].value, "lp0");
	for (size_t i = 0; i < got.n; i++) {
		free(got.values[i]);
	}
	event_free(cfg);
}

static void event_nights_counts_first_to_last_inclusive(void **state)
{
	char *ini = demo_ini(NULL, NULL, NULL);
	struct diag_list errs = DIAG_LIST_INIT;
	struct event_config *cfg = event_parse(ini, &errs);

	assert_non_null(cfg);
	assert_int_equal(event_count_nights(cfg), 5);
	/* Across a month end. */
	assert_true(event_set(cfg, "event", "last_night", "2026-06-02", 0, &errs));
	assert_int_equal(event_count_nights(cfg), 9);
	event_free(cfg);
	free(ini);
}

static const char *required_keys[] = {
    "code",       "name",       "checkin_date", "first_night", "last_night",     "member",
    "non_member", "room_night", "bed_night",    "id",          "supervisor_pin",
};

static const char *const missing_names[] = {
    "missing_code_is_reported",           "missing_name_is_reported",
    "missing_checkin_date_is_reported",   "missing_first_night_is_reported",
    "missing_last_night_is_reported",     "missing_member_fee_is_reported",
    "missing_non_member_fee_is_reported", "missing_room_night_is_reported",
    "missing_bed_night_is_reported",      "missing_desk_id_is_reported",
    "missing_supervisor_pin_is_reported",
};

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(demo_ini_parses_into_every_field),
    cmocka_unit_test(optional_keys_may_be_left_out),
    cmocka_unit_test(all_missing_keys_are_reported_at_once),
    cmocka_unit_test(bad_value_is_not_also_reported_missing),
    cmocka_unit_test(refused_value_leaves_the_earlier_value),
    cmocka_unit_test(sessions_settings_default_and_bounds),
    cmocka_unit_test(last_night_before_first_night_refused),
    cmocka_unit_test(bed_night_not_below_room_night_refused),
    cmocka_unit_test(member_fee_above_non_member_fee_refused),
    cmocka_unit_test(unknown_key_is_reported),
    cmocka_unit_test(line_that_is_not_key_value_is_reported_with_its_line),
    cmocka_unit_test(event_set_reports_its_line_and_keeps_going),
    cmocka_unit_test(long_line_is_read_whole),
    cmocka_unit_test(ini_forms_inih_accepted),
    cmocka_unit_test(fullwidth_values_are_folded),
    cmocka_unit_test(bad_value_names_its_line),
    cmocka_unit_test(event_each_round_trips_through_event_set),
    cmocka_unit_test(event_each_skips_unset_keys),
    cmocka_unit_test(event_nights_counts_first_to_last_inclusive),
};

static struct CMUnitTest
    tests[ARRAY_LEN(required_keys) + ARRAY_LEN(bad_value_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	_Static_assert(ARRAY_LEN(required_keys) == ARRAY_LEN(missing_names), "one name per key");
	for (size_t i = 0; i < ARRAY_LEN(required_keys); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = missing_names[i],
		    .test_func = missing_required_key,
		    .initial_state = (void *)required_keys[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(bad_value_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = bad_value_cases[i].name,
		    .test_func = run_bad_value_case,
		    .initial_state = (void *)&bad_value_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
