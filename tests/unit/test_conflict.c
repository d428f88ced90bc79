/*
 * Tests for conflict: the eight merge conflict kinds of docs/merge.md, each
 * named here with its stored code, the rule the staff see and what they do;
 * one table row per situation, each run as its own cmocka test named after
 * the rule, with the whole line the staff read asserted. Then the replay's
 * decisions (which situation raises which kind) and codes this build does
 * not know.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/conflict.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The codes as stored, exported and in --json: a contract, so spelled out here. */
static const struct {
	enum conflict_kind kind;
	const char *code;
} contract[] = {
    {CONFLICT_CHECKIN_TWICE, "CHECKIN_TWICE"},
    {CONFLICT_BED_TWICE, "BED_TWICE"},
    {CONFLICT_BED_CHANGED, "BED_CHANGED"},
    {CONFLICT_PAYMENT_TWICE, "PAYMENT_TWICE"},
    {CONFLICT_REFERENCE_TWICE, "REFERENCE_TWICE"},
    {CONFLICT_UNDO_UNMATCHED, "UNDO_UNMATCHED"},
    {CONFLICT_UNKNOWN_REGISTRATION, "UNKNOWN_REGISTRATION"},
    {CONFLICT_WALKIN_TWICE, "WALKIN_TWICE"},
};

struct describe_case {
	const char *name;
	const char *code; /* as recorded */
	struct conflict_facts facts;
	/* expected */
	enum conflict_kind kind;
	const char *rule_zh;
	const char *rule_en;
	const char *todo_zh; /* conflict_todo_for */
	const char *todo_en;
	const char *line; /* conflict_describe */
};

#define AT_A "2026-05-25 09:10:00"
#define AT_B "2026-05-25 09:05:00"
/* The facts of one recorded conflict; its kind is parsed from the code by the test. */
#define FACTS(...) \
	.facts = {.reg_no = "WH2026-0079", .name = "张三", .desk_id = "A", .at = AT_A, __VA_ARGS__}

/* clang-format off */
static const struct describe_case describe_cases[] = {
    {.name = "checkin_twice_earlier_stands_and_the_later_bed_is_taken_back",
     .code = "CHECKIN_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B, .room_given = "锦江 301-1"),
     .kind = CONFLICT_CHECKIN_TWICE,
     .rule_zh = "以较早的一次签到为准，较晚的一次记录在此",
     .rule_en = "the earlier check-in stands; the later is recorded here",
     .todo_zh = "请收回该房卡", .todo_en = "take back that key",
     .line = "[CHECKIN_TWICE] 张三（WH2026-0079）：在 B 台（" AT_B "）和 A 台（" AT_A "）各签到一次："
             "以较早的 B 台为准，较晚的一次记录在此；A 台给的床位 锦江 301-1 已收回，请收回该房卡 / "
             "checked in at desk B (" AT_B ") and at desk A (" AT_A "): the earlier, desk B, "
             "stands; the later is recorded here; the bed desk A gave (锦江 301-1) is released: "
             "take back that key"},
    {.name = "checkin_twice_without_a_bed_needs_nothing_else",
     .code = "CHECKIN_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B),
     .kind = CONFLICT_CHECKIN_TWICE,
     .rule_zh = "以较早的一次签到为准，较晚的一次记录在此",
     .rule_en = "the earlier check-in stands; the later is recorded here",
     .todo_zh = "无需其他处理", .todo_en = "nothing else to do",
     .line = "[CHECKIN_TWICE] 张三（WH2026-0079）：在 B 台（" AT_B "）和 A 台（" AT_A "）各签到一次："
             "以较早的 B 台为准，较晚的一次记录在此；无需其他处理 / checked in at desk B (" AT_B
             ") and at desk A (" AT_A "): the earlier, desk B, stands; the later is recorded "
             "here; nothing else to do"},
    {.name = "bed_twice_earlier_arrival_keeps_it_and_the_later_gets_a_new_key",
     .code = "BED_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B, .room_given = "锦江 301-1", .room_now = "锦江 305-2"),
     .kind = CONFLICT_BED_TWICE,
     .rule_zh = "较早到的人保留该床位，此人另分床位",
     .rule_en = "the earlier arrival keeps it and this guest gets another bed",
     .todo_zh = "请为其更换房卡", .todo_en = "give them the new key",
     .line = "[BED_TWICE] 张三（WH2026-0079）：A 台 " AT_A " 给的床位 锦江 301-1 已先分给了更早签到的人："
             "较早到的人保留该床位，此人另分床位，现为 锦江 305-2；请为其更换房卡 / the bed desk A gave "
             "at " AT_A " (锦江 301-1) had gone to an earlier arrival: the earlier arrival keeps it and "
             "this guest gets another bed, now 锦江 305-2; give them the new key"},
    {.name = "bed_twice_with_no_bed_left_calls_the_lodging_contact",
     .code = "BED_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B, .room_given = "锦江 301-1"),
     .kind = CONFLICT_BED_TWICE,
     .rule_zh = "较早到的人保留该床位，此人另分床位",
     .rule_en = "the earlier arrival keeps it and this guest gets another bed",
     .todo_zh = "已无空房，请联系住宿负责人", .todo_en = "no bed is left: call the lodging contact",
     .line = "[BED_TWICE] 张三（WH2026-0079）：A 台 " AT_A " 给的床位 锦江 301-1 已先分给了更早签到的人："
             "较早到的人保留该床位，此人另分床位；已无空房，请联系住宿负责人 / the bed desk A gave at "
             AT_A " (锦江 301-1) had gone to an earlier arrival: the earlier arrival keeps it and this "
             "guest gets another bed; no bed is left: call the lodging contact"},
    {.name = "bed_changed_gone_bed_is_replaced_with_a_new_key",
     .code = "BED_CHANGED",
     FACTS(.room_given = "锦江 301-1", .room_now = "锦江 305-2"),
     .kind = CONFLICT_BED_CHANGED,
     .rule_zh = "此人另分床位", .rule_en = "this guest gets another bed",
     .todo_zh = "请为其更换房卡", .todo_en = "give them the new key",
     .line = "[BED_CHANGED] 张三（WH2026-0079）：A 台 " AT_A " 给的床位 锦江 301-1 已不可用（房间表或住宿要求已变）："
             "此人另分床位，现为 锦江 305-2；请为其更换房卡 / the bed desk A gave at " AT_A
             " (锦江 301-1) is no longer available (rooms or request changed): this guest gets "
             "another bed, now 锦江 305-2; give them the new key"},
    {.name = "bed_changed_with_no_bed_left_calls_the_lodging_contact",
     .code = "BED_CHANGED",
     FACTS(.room_given = "锦江 301-1"),
     .kind = CONFLICT_BED_CHANGED,
     .rule_zh = "此人另分床位", .rule_en = "this guest gets another bed",
     .todo_zh = "已无空房，请联系住宿负责人", .todo_en = "no bed is left: call the lodging contact",
     .line = "[BED_CHANGED] 张三（WH2026-0079）：A 台 " AT_A " 给的床位 锦江 301-1 已不可用（房间表或住宿要求已变）："
             "此人另分床位；已无空房，请联系住宿负责人 / the bed desk A gave at " AT_A
             " (锦江 301-1) is no longer available (rooms or request changed): this guest gets "
             "another bed; no bed is left: call the lodging contact"},
    {.name = "payment_twice_keeps_both_and_refunds_the_surplus",
     .code = "PAYMENT_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B, .amount = 200),
     .kind = CONFLICT_PAYMENT_TWICE,
     .rule_zh = "两笔都保留，多交的钱已列入退款",
     .rule_en = "both payments are kept and the surplus is listed for refund",
     .todo_zh = "请退还多交的钱", .todo_en = "refund the surplus",
     .line = "[PAYMENT_TWICE] 张三（WH2026-0079）：A 台 " AT_A " 收的费超出应交 200 元：两笔都保留，"
             "多交的钱已列入退款；请退还多交的钱 / desk A took 200 yuan more than was due at " AT_A
             ": both payments are kept and the surplus is listed for refund; refund the surplus"},
    {.name = "reference_twice_keeps_both_and_the_slips_are_checked",
     .code = "REFERENCE_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B),
     .kind = CONFLICT_REFERENCE_TWICE,
     .rule_zh = "两笔都保留", .rule_en = "both are kept",
     .todo_zh = "请核对刷卡小票", .todo_en = "check the card slips",
     .line = "[REFERENCE_TWICE] 张三（WH2026-0079）：A 台 " AT_A " 记录的 POS 凭证号已被另一笔交费用过："
             "两笔都保留；请核对刷卡小票 / the POS reference desk A recorded at " AT_A " was used "
             "for another payment too: both are kept; check the card slips"},
    {.name = "undo_unmatched_is_not_applied_and_a_supervisor_checks",
     .code = "UNDO_UNMATCHED",
     FACTS(.other_desk = "B", .other_at = AT_B),
     .kind = CONFLICT_UNDO_UNMATCHED,
     .rule_zh = "未执行", .rule_en = "it was not applied",
     .todo_zh = "请主管核对，需要时重新撤销", .todo_en = "a supervisor checks, and undoes again if needed",
     .line = "[UNDO_UNMATCHED] 张三（WH2026-0079）：A 台 " AT_A " 的撤销针对的不是当前有效的签到：未执行；"
             "请主管核对，需要时重新撤销 / the undo at desk A (" AT_A ") is not about the standing "
             "check-in: it was not applied; a supervisor checks, and undoes again if needed"},
    {.name = "unknown_registration_is_skipped_until_the_same_roster",
     .code = "UNKNOWN_REGISTRATION",
     .facts = {.reg_no = "WH2026-9999", .desk_id = "B", .at = AT_B},
     .kind = CONFLICT_UNKNOWN_REGISTRATION,
     .rule_zh = "该记录已跳过", .rule_en = "the entry was skipped",
     .todo_zh = "请各台导入同一份名单后再合并",
     .todo_en = "import the same roster on every desk, then merge again",
     .line = "[UNKNOWN_REGISTRATION] WH2026-9999：不在本机名单中（B 台 " AT_B " 的记录）：该记录已跳过；"
             "请各台导入同一份名单后再合并 / not in this roster (the entry of desk B at " AT_B
             "): the entry was skipped; import the same roster on every desk, then merge again"},
    {.name = "walkin_twice_earlier_grant_stands_and_the_later_bed_is_taken_back",
     .code = "WALKIN_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B, .room_given = "锦江 301-1"),
     .kind = CONFLICT_WALKIN_TWICE,
     .rule_zh = "以较早的一次加订为准，较晚的一次未执行",
     .rule_en = "the earlier grant stands; the later was not applied",
     .todo_zh = "请收回该房卡", .todo_en = "take back that key",
     .line = "[WALKIN_TWICE] 张三（WH2026-0079）：在 B 台（" AT_B "）和 A 台（" AT_A "）各现场加订一次："
             "以较早的一次加订为准，较晚的一次未执行；A 台给的床位 锦江 301-1 已收回，请收回该房卡 / "
             "given a walk-in room at desk B (" AT_B ") and at desk A (" AT_A "): the earlier "
             "grant stands; the later was not applied; the bed desk A gave (锦江 301-1) is "
             "released: take back that key"},
    {.name = "walkin_twice_without_a_bed_needs_nothing_else",
     .code = "WALKIN_TWICE",
     FACTS(.other_desk = "B", .other_at = AT_B),
     .kind = CONFLICT_WALKIN_TWICE,
     .rule_zh = "以较早的一次加订为准，较晚的一次未执行",
     .rule_en = "the earlier grant stands; the later was not applied",
     .todo_zh = "无需其他处理", .todo_en = "nothing else to do",
     .line = "[WALKIN_TWICE] 张三（WH2026-0079）：在 B 台（" AT_B "）和 A 台（" AT_A "）各现场加订一次："
             "以较早的一次加订为准，较晚的一次未执行；无需其他处理 / given a walk-in room at desk B ("
             AT_B ") and at desk A (" AT_A "): the earlier grant stands; the later was not "
             "applied; nothing else to do"},
    {.name = "unknown_code_is_listed_as_recorded_not_as_another_kind",
     .code = "BED_THRICE",
     FACTS(.other_desk = "B", .other_at = AT_B, .room_given = "锦江 301-1"),
     .kind = CONFLICT_UNKNOWN,
     .rule_zh = "本版本不知道它按哪条规则处理",
     .rule_en = "this version does not know the rule it was resolved by",
     .todo_zh = "请用记录它的较新版本查看，或联系技术支持",
     .todo_en = "look at it with the newer version that recorded it, or call support",
     .line = "[BED_THRICE] 张三（WH2026-0079）：A 台 " AT_A " 的记录有一个本版本不认识的冲突："
             "本版本不知道它按哪条规则处理；请用记录它的较新版本查看，或联系技术支持 / the entry of "
             "desk A at " AT_A " has a conflict this version does not know: this version does not "
             "know the rule it was resolved by; look at it with the newer version that recorded "
             "it, or call support"},
};
/* clang-format on */

static void run_describe_case(void **state)
{
	const struct describe_case *c = *state;
	struct conflict_facts f = c->facts;

	f.code = c->code;
	f.kind = conflict_parse(c->code);
	assert_int_equal(f.kind, c->kind);
	assert_string_equal(conflict_rule(f.kind).zh, c->rule_zh);
	assert_string_equal(conflict_rule(f.kind).en, c->rule_en);
	assert_string_equal(conflict_todo_for(&f).zh, c->todo_zh);
	assert_string_equal(conflict_todo_for(&f).en, c->todo_en);
	char *line = conflict_describe(&f);
	assert_string_equal(line, c->line);
	free(line);
}

/* Each kind's rule and line is pinned by a row above, the unknown one too. */
static void every_kind_has_a_described_case(void **state)
{
	(void)state;
	for (int k = 0; k < CONFLICT_COUNT; k++) {
		size_t rows = 0;
		for (size_t i = 0; i < ARRAY_LEN(describe_cases); i++) {
			rows += describe_cases[i].kind == (enum conflict_kind)k;
		}
		if (rows == 0) {
			fail_msg("no describe case for %s", conflict_code((enum conflict_kind)k));
		}
	}
}

static void codes_round_trip_for_all_eight_kinds(void **state)
{
	(void)state;
	assert_int_equal(ARRAY_LEN(contract), CONFLICT_COUNT - 1);
	for (size_t i = 0; i < ARRAY_LEN(contract); i++) {
		assert_string_equal(conflict_code(contract[i].kind), contract[i].code);
		assert_int_equal(conflict_parse(contract[i].code), contract[i].kind);
	}
}

/* Every kind has a distinct code, a rule and what to do, in both languages. */
static void the_table_covers_every_kind(void **state)
{
	(void)state;
	for (int k = 0; k < CONFLICT_COUNT; k++) {
		const char *code = conflict_code((enum conflict_kind)k);
		struct conflict_words rule = conflict_rule((enum conflict_kind)k);
		struct conflict_words todo = conflict_todo((enum conflict_kind)k);
		assert_non_null(code);
		assert_true(rule.zh != NULL && rule.zh[0] != '\0');
		assert_true(rule.en != NULL && rule.en[0] != '\0');
		assert_true(todo.zh != NULL && todo.zh[0] != '\0');
		assert_true(todo.en != NULL && todo.en[0] != '\0');
		for (int j = 0; j < k; j++) {
			assert_string_not_equal(code, conflict_code((enum conflict_kind)j));
		}
	}
}

static void unknown_codes_are_conflict_unknown(void **state)
{
	(void)state;
	assert_int_equal(conflict_parse(NULL), CONFLICT_UNKNOWN);
	assert_int_equal(conflict_parse(""), CONFLICT_UNKNOWN);
	assert_int_equal(conflict_parse("bed_twice"), CONFLICT_UNKNOWN);
	assert_int_equal(conflict_parse("BED_TWICE "), CONFLICT_UNKNOWN);
	assert_int_equal(conflict_parse("UNKNOWN"), CONFLICT_UNKNOWN);
	assert_string_equal(conflict_code(CONFLICT_UNKNOWN), "UNKNOWN");
	assert_string_equal(conflict_code(CONFLICT_COUNT), "UNKNOWN");
	assert_string_equal(conflict_code((enum conflict_kind) - 1), "UNKNOWN");
	assert_string_equal(conflict_rule(CONFLICT_COUNT).zh, conflict_rule(CONFLICT_UNKNOWN).zh);
}

/* Without a recorded code the line names the kind's own. */
static void a_line_without_a_code_names_the_kind(void **state)
{
	struct conflict_facts f = {.kind = CONFLICT_REFERENCE_TWICE, .desk_id = "A", .at = AT_A};

	(void)state;
	char *line = conflict_describe(&f);
	assert_non_null(strstr(line, "[REFERENCE_TWICE] ?："));
	free(line);
}

static void payment_surplus_is_what_was_not_due(void **state)
{
	(void)state;
	assert_int_equal(conflict_payment_surplus(1700, 1700), 0);
	assert_int_equal(conflict_payment_surplus(200, 1700), 0);
	assert_int_equal(conflict_payment_surplus(1700, 1500), 200);
	assert_int_equal(conflict_payment_surplus(1700, 0), 1700);
}

static void a_lost_bed_is_twice_only_when_an_earlier_arrival_has_it(void **state)
{
	(void)state;
	assert_int_equal(conflict_bed_lost(true), CONFLICT_BED_TWICE);
	assert_int_equal(conflict_bed_lost(false), CONFLICT_BED_CHANGED);
}

static void an_undo_matches_only_the_standing_checkin(void **state)
{
	(void)state;
	assert_true(conflict_undo_matches(AT_A, "A", AT_A, "A"));
	assert_false(conflict_undo_matches(AT_A, "A", AT_B, "A"));  /* another time */
	assert_false(conflict_undo_matches(AT_A, "A", AT_A, "B"));  /* another desk */
	assert_false(conflict_undo_matches(NULL, NULL, AT_A, "A")); /* nobody checked in */
	assert_false(conflict_undo_matches(AT_A, "A", NULL, NULL)); /* an undo naming nothing */
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(every_kind_has_a_described_case),
    cmocka_unit_test(codes_round_trip_for_all_eight_kinds),
    cmocka_unit_test(the_table_covers_every_kind),
    cmocka_unit_test(unknown_codes_are_conflict_unknown),
    cmocka_unit_test(a_line_without_a_code_names_the_kind),
    cmocka_unit_test(payment_surplus_is_what_was_not_due),
    cmocka_unit_test(a_lost_bed_is_twice_only_when_an_earlier_arrival_has_it),
    cmocka_unit_test(an_undo_matches_only_the_standing_checkin),
};

static struct CMUnitTest tests[ARRAY_LEN(describe_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(describe_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = describe_cases[i].name,
		    .test_func = run_describe_case,
		    .initial_state = (void *)&describe_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests_name("conflict", tests, NULL, NULL);
}
