/*
 * conflict owns the merge conflicts: their codes, the rule each one was
 * resolved by, what the staff do, and the line the staff read (docs/merge.md
 * points here). Everything is plain facts in, text out, so every rule is
 * unit-tested (tests/unit/test_conflict.c).
 *
 * The codes are stored in the conflict table, written to the export's
 * conflicts sheet and to --json: they never change. An unknown code (only a
 * database written by a newer build can hold one) is CONFLICT_UNKNOWN and is
 * listed as such with its code as recorded, never taken for another kind.
 *
 * A line reads "[CODE] who：what happened：rule；what to do / English": what
 * happened is built per kind from the recorded entry (below), the rule and
 * what to do come from the table, so the staff's words for a rule are here once.
 */
#include "frontdesk/conflict.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct conflict_info {
	const char *code;
	struct conflict_words rule;     /* which copy wins, what the replay did */
	struct conflict_words todo;     /* what the staff do */
	struct conflict_words fallback; /* what they do when the remedy is missing, or NULLs */
};

/* clang-format off */
static const struct conflict_info conflicts[] = {
    [CONFLICT_UNKNOWN] = {"UNKNOWN",
        {"本版本不知道它按哪条规则处理", "this version does not know the rule it was resolved by"},
        {"请用记录它的较新版本查看，或联系技术支持",
         "look at it with the newer version that recorded it, or call support"},
        {NULL, NULL}},
    [CONFLICT_CHECKIN_TWICE] = {"CHECKIN_TWICE",
        {"以较早的一次签到为准，较晚的一次记录在此", "the earlier check-in stands; the later is recorded here"},
        {"请收回该房卡", "take back that key"},
        {"无需其他处理", "nothing else to do"}},
    [CONFLICT_BED_TWICE] = {"BED_TWICE",
        {"较早到的人保留该床位，此人另分床位",
         "the earlier arrival keeps it and this guest gets another bed"},
        {"请为其更换房卡", "give them the new key"},
        {"已无空房，请联系住宿负责人", "no bed is left: call the lodging contact"}},
    [CONFLICT_BED_CHANGED] = {"BED_CHANGED",
        {"此人另分床位", "this guest gets another bed"},
        {"请为其更换房卡", "give them the new key"},
        {"已无空房，请联系住宿负责人", "no bed is left: call the lodging contact"}},
    [CONFLICT_PAYMENT_TWICE] = {"PAYMENT_TWICE",
        {"两笔都保留，多交的钱已列入退款", "both payments are kept and the surplus is listed for refund"},
        {"请退还多交的钱", "refund the surplus"},
        {NULL, NULL}},
    [CONFLICT_REFERENCE_TWICE] = {"REFERENCE_TWICE",
        {"两笔都保留", "both are kept"},
        {"请核对刷卡小票", "check the card slips"},
        {NULL, NULL}},
    [CONFLICT_UNDO_UNMATCHED] = {"UNDO_UNMATCHED",
        {"未执行", "it was not applied"},
        {"请主管核对，需要时重新撤销", "a supervisor checks, and undoes again if needed"},
        {NULL, NULL}},
    [CONFLICT_UNKNOWN_REGISTRATION] = {"UNKNOWN_REGISTRATION",
        {"该记录已跳过", "the entry was skipped"},
        {"请各台导入同一份名单后再合并", "import the same roster on every desk, then merge again"},
        {NULL, NULL}},
    [CONFLICT_WALKIN_TWICE] = {"WALKIN_TWICE",
        {"以较早的一次加订为准，较晚的一次未执行", "the earlier grant stands; the later was not applied"},
        {"请收回该房卡", "take back that key"},
        {"无需其他处理", "nothing else to do"}},
};
/* clang-format on */
static_assert(ARRAY_LEN(conflicts) == CONFLICT_COUNT, "a conflict kind without its row");

static const struct conflict_info *info(enum conflict_kind k)
{
	return &conflicts[(unsigned)k < CONFLICT_COUNT ? k : CONFLICT_UNKNOWN];
}

const char *conflict_code(enum conflict_kind k)
{
	return info(k)->code;
}

enum conflict_kind conflict_parse(const char *code)
{
	/* from 1: "UNKNOWN" is what an unknown code is called, not a code */
	for (int k = 1; code != NULL && k < CONFLICT_COUNT; k++) {
		if (strcmp(code, conflicts[k].code) == 0) {
			return (enum conflict_kind)k;
		}
	}
	return CONFLICT_UNKNOWN;
}

struct conflict_words conflict_rule(enum conflict_kind k)
{
	return info(k)->rule;
}

struct conflict_words conflict_todo(enum conflict_kind k)
{
	return info(k)->todo;
}

/* Whether the rule's remedy is there: a bed released, a new bed found. */
static bool has_remedy(const struct conflict_facts *f)
{
	switch (f->kind) {
	case CONFLICT_CHECKIN_TWICE:
	case CONFLICT_WALKIN_TWICE:
		return f->room_given != NULL;
	case CONFLICT_BED_TWICE:
	case CONFLICT_BED_CHANGED:
		return f->room_now != NULL;
	case CONFLICT_UNKNOWN:
	case CONFLICT_PAYMENT_TWICE:
	case CONFLICT_REFERENCE_TWICE:
	case CONFLICT_UNDO_UNMATCHED:
	case CONFLICT_UNKNOWN_REGISTRATION:
	case CONFLICT_COUNT:
		break;
	}
	return true;
}

struct conflict_words conflict_todo_for(const struct conflict_facts *f)
{
	const struct conflict_info *i = info(f->kind);

	return has_remedy(f) || i->fallback.zh == NULL ? i->todo : i->fallback;
}

/* The parts of a line that depend on the recorded entry; each is freed. */
struct line {
	char *what_zh, *what_en;             /* what happened */
	char *rule_zh, *rule_en;             /* the rule as it applied here, or NULL: the table's */
	char *after_rule_zh, *after_rule_en; /* where the rule left the person */
	char *before_todo_zh, *before_todo_en; /* what the rule undid */
};

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

static void checkin_twice(const struct conflict_facts *f, struct line *l)
{
	l->what_zh = xasprintf("在 %s 台（%s）和 %s 台（%s）各签到一次", or_dash(f->other_desk),
	                       or_dash(f->other_at), f->desk_id, f->at);
	l->what_en = xasprintf("checked in at desk %s (%s) and at desk %s (%s)",
	                       or_dash(f->other_desk), or_dash(f->other_at), f->desk_id, f->at);
	/* the rule naming the desk whose check-in stands, so nobody has to compare the times */
	l->rule_zh = xasprintf("以较早的 %s 台为准，较晚的一次记录在此", or_dash(f->other_desk));
	l->rule_en = xasprintf("the earlier, desk %s, stands; the later is recorded here",
	                       or_dash(f->other_desk));
	if (f->room_given != NULL) {
		l->before_todo_zh =
		    xasprintf("%s 台给的床位 %s 已收回，", f->desk_id, f->room_given);
		l->before_todo_en =
		    xasprintf("the bed desk %s gave (%s) is released: ", f->desk_id, f->room_given);
	}
}

static void walkin_twice(const struct conflict_facts *f, struct line *l)
{
	l->what_zh = xasprintf("在 %s 台（%s）和 %s 台（%s）各现场加订一次", or_dash(f->other_desk),
	                       or_dash(f->other_at), f->desk_id, f->at);
	l->what_en = xasprintf("given a walk-in room at desk %s (%s) and at desk %s (%s)",
	                       or_dash(f->other_desk), or_dash(f->other_at), f->desk_id, f->at);
	if (f->room_given != NULL) {
		l->before_todo_zh =
		    xasprintf("%s 台给的床位 %s 已收回，", f->desk_id, f->room_given);
		l->before_todo_en =
		    xasprintf("the bed desk %s gave (%s) is released: ", f->desk_id, f->room_given);
	}
}

static void bed_lost(const struct conflict_facts *f, struct line *l)
{
	bool taken = f->kind == CONFLICT_BED_TWICE;

	l->what_zh =
	    xasprintf("%s 台 %s 给的床位 %s %s", f->desk_id, f->at, or_dash(f->room_given),
	              taken ? "已先分给了更早签到的人" : "已不可用（房间表或住宿要求已变）");
	l->what_en = xasprintf("the bed desk %s gave at %s (%s) %s", f->desk_id, f->at,
	                       or_dash(f->room_given),
	                       taken ? "had gone to an earlier arrival"
	                             : "is no longer available (rooms or request changed)");
	if (f->room_now != NULL) {
		l->after_rule_zh = xasprintf("，现为 %s", f->room_now);
		l->after_rule_en = xasprintf(", now %s", f->room_now);
	}
}

/* What happened, from the entry the rule acted on (and the one it collided with). */
static void what_happened(const struct conflict_facts *f, struct line *l)
{
	switch (f->kind) {
	case CONFLICT_CHECKIN_TWICE:
		checkin_twice(f, l);
		return;
	case CONFLICT_BED_TWICE:
	case CONFLICT_BED_CHANGED:
		bed_lost(f, l);
		return;
	case CONFLICT_PAYMENT_TWICE:
		l->what_zh =
		    xasprintf("%s 台 %s 收的费超出应交 %d 元", f->desk_id, f->at, f->amount);
		l->what_en = xasprintf("desk %s took %d yuan more than was due at %s", f->desk_id,
		                       f->amount, f->at);
		return;
	case CONFLICT_REFERENCE_TWICE:
		l->what_zh =
		    xasprintf("%s 台 %s 记录的 POS 凭证号已被另一笔交费用过", f->desk_id, f->at);
		l->what_en = xasprintf("the POS reference desk %s recorded at %s was used for "
		                       "another payment too",
		                       f->desk_id, f->at);
		return;
	case CONFLICT_UNDO_UNMATCHED:
		l->what_zh =
		    xasprintf("%s 台 %s 的撤销针对的不是当前有效的签到", f->desk_id, f->at);
		l->what_en =
		    xasprintf("the undo at desk %s (%s) is not about the standing check-in",
		              f->desk_id, f->at);
		return;
	case CONFLICT_WALKIN_TWICE:
		walkin_twice(f, l);
		return;
	case CONFLICT_UNKNOWN_REGISTRATION:
		l->what_zh = xasprintf("不在本机名单中（%s 台 %s 的记录）", f->desk_id, f->at);
		l->what_en =
		    xasprintf("not in this roster (the entry of desk %s at %s)", f->desk_id, f->at);
		return;
	case CONFLICT_UNKNOWN:
	case CONFLICT_COUNT:
		break;
	}
	l->what_zh = xasprintf("%s 台 %s 的记录有一个本版本不认识的冲突", f->desk_id, f->at);
	l->what_en =
	    xasprintf("the entry of desk %s at %s has a conflict this version does not know",
	              f->desk_id, f->at);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

char *conflict_describe(const struct conflict_facts *f)
{
	struct line l = {0};
	struct conflict_words rule = conflict_rule(f->kind);
	struct conflict_words todo = conflict_todo_for(f);
	const char *reg_no = f->reg_no ? f->reg_no : "?";
	char *who = f->name ? xasprintf("%s（%s）", f->name, reg_no) : xstrdup(reg_no);
	const char *code = f->code ? f->code : conflict_code(f->kind);
	char *lead = xasprintf("[%s] %s: ", code, who);

	what_happened(f, &l);
	/*
	 * the table holds both languages; the line is said in the languages say() speaks
	 * (the code and the person lead it once: after "中文 / " the English goes on)
	 */
	char *texts[2] = {NULL, NULL};
	for (int i = 0; i < say_langs(); i++) {
		texts[i] =
		    say_chinese(i)
		        ? xasprintf("[%s] %s：%s：%s%s；%s%s", code, who, l.what_zh,
		                    l.rule_zh ? l.rule_zh : rule.zh, or_empty(l.after_rule_zh),
		                    or_empty(l.before_todo_zh), todo.zh)
		        : xasprintf("%s%s: %s%s; %s%s", say_langs() == 1 ? lead : "", l.what_en,
		                    l.rule_en ? l.rule_en : rule.en, or_empty(l.after_rule_en),
		                    or_empty(l.before_todo_en), todo.en);
	}
	char *text = say_join(texts);
	free(who);
	free(lead);
	free(l.what_zh);
	free(l.what_en);
	free(l.rule_zh);
	free(l.rule_en);
	free(l.after_rule_zh);
	free(l.after_rule_en);
	free(l.before_todo_zh);
	free(l.before_todo_en);
	return text;
}

int conflict_payment_surplus(int amount, int still_due)
{
	/* still_due is a verdict's to_pay, never negative, so this cannot overflow */
	return amount > still_due ? amount - still_due : 0;
}

enum conflict_kind conflict_bed_lost(bool taken_by_earlier)
{
	return taken_by_earlier ? CONFLICT_BED_TWICE : CONFLICT_BED_CHANGED;
}

bool conflict_undo_matches(const char *standing_at, const char *standing_desk,
                           const char *undone_at, const char *undone_desk)
{
	return standing_at != NULL && standing_desk != NULL && undone_at != NULL &&
	       undone_desk != NULL && strcmp(standing_at, undone_at) == 0 &&
	       strcmp(standing_desk, undone_desk) == 0;
}
