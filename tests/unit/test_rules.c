/*
 * Tests for rules: one table row per rule of DESIGN section 3 ("Registration",
 * "Fee"), each run as its own cmocka test named after the rule, with every
 * field of the verdict asserted. The demo fees are 1500 (member) and 1700.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "frontdesk/rules.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_PAY      4
#define MAX_MEMBERS  6

static const struct fee_schedule demo_fees = {1500, 1700};

/* Payment shorthands: confirmed (C) or under review (P), by kind. */
/* clang-format off */
#define IND_C(n)  {PAYMENT_INDIVIDUAL, (n), true}
#define IND_P(n)  {PAYMENT_INDIVIDUAL, (n), false}
#define COLL_C(n) {PAYMENT_COLLECTIVE, (n), true}
#define COLL_P(n) {PAYMENT_COLLECTIVE, (n), false}
#define ONSITE(n) {PAYMENT_ONSITE, (n), true}
/* clang-format on */
#define PAYS(...) \
	.payments = {__VA_ARGS__}, .n_payments = ARRAY_LEN(((struct payment_fact[]){__VA_ARGS__}))
#define WANT(...) .reasons = {__VA_ARGS__}, .n_reasons = ARRAY_LEN(((enum reason[]){__VA_ARGS__}))

struct decide_case {
	const char *name;
	/* facts */
	struct fee_schedule fees; /* {0, 0} means the demo fees */
	enum reg_status status;
	bool withdrawn;
	bool member;
	bool checked_in;
	struct payment_fact payments[MAX_PAY];
	size_t n_payments;
	/* expected verdict */
	enum verdict_colour colour;
	enum reason reasons[VERDICT_MAX_REASONS];
	size_t n_reasons;
	enum evidence needs;
	int fee_due;
	int settled;
	int pending;
	int to_pay;
	int refund;
	enum refund_reason refund_reason;
};

static const struct decide_case decide_cases[] = {
    /* Fee: settled >= due is green. */
    {.name = "member_paid_member_fee_is_green",
     .member = true,
     PAYS(IND_C(1500)),
     .colour = VERDICT_GREEN,
     .fee_due = 1500,
     .settled = 1500},
    {.name = "nonmember_paid_nonmember_fee_is_green",
     PAYS(IND_C(1700)),
     .colour = VERDICT_GREEN,
     .fee_due = 1700,
     .settled = 1700},
    {.name = "member_collective_share_is_green",
     .member = true,
     PAYS(COLL_C(1500)),
     .colour = VERDICT_GREEN,
     .fee_due = 1500,
     .settled = 1500},
    {.name = "member_paid_on_site_is_green",
     .member = true,
     PAYS(ONSITE(1500)),
     .colour = VERDICT_GREEN,
     .fee_due = 1500,
     .settled = 1500},
    {.name = "nonmember_paid_difference_on_site_is_green",
     PAYS(IND_C(1500), ONSITE(200)),
     .colour = VERDICT_GREEN,
     .fee_due = 1700,
     .settled = 1700},
    {.name = "settled_covers_due_extra_pending_stays_green_no_refund",
     .member = true,
     PAYS(IND_C(1500), COLL_P(1500)),
     .colour = VERDICT_GREEN,
     .fee_due = 1500,
     .settled = 1500,
     .pending = 1500},
    {.name = "equal_fees_nonmember_paid_fee_is_green",
     .fees = {1000, 1000},
     PAYS(IND_C(1000)),
     .colour = VERDICT_GREEN,
     .fee_due = 1000,
     .settled = 1000},
    {.name = "fees_come_from_the_schedule",
     .fees = {800, 1200},
     .member = true,
     PAYS(IND_C(800)),
     .colour = VERDICT_GREEN,
     .fee_due = 800,
     .settled = 800},

    /* Fee: settled > due is green plus a refund of the excess. */
    {.name = "individual_plus_collective_is_duplicate_refund_1500",
     .member = true,
     PAYS(IND_C(1500), COLL_C(1500)),
     .colour = VERDICT_GREEN,
     WANT(REASON_DUPLICATE_PAYMENT),
     .fee_due = 1500,
     .settled = 3000,
     .refund = 1500,
     .refund_reason = REFUND_DUPLICATE},
    {.name = "member_paid_nonmember_fee_is_duplicate_refund_200",
     .member = true,
     PAYS(IND_C(1700)),
     .colour = VERDICT_GREEN,
     WANT(REASON_DUPLICATE_PAYMENT),
     .fee_due = 1500,
     .settled = 1700,
     .refund = 200,
     .refund_reason = REFUND_DUPLICATE},
    {.name = "nonmember_paid_twice_is_duplicate_refund_1700",
     PAYS(IND_C(1700), COLL_C(1700)),
     .colour = VERDICT_GREEN,
     WANT(REASON_DUPLICATE_PAYMENT),
     .fee_due = 1700,
     .settled = 3400,
     .refund = 1700,
     .refund_reason = REFUND_DUPLICATE},

    /* Fee: settled + pending >= due is amber, voucher seen, nothing to pay. */
    {.name = "pending_transfer_covers_due_is_amber_voucher",
     .member = true,
     PAYS(IND_P(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_VOUCHER,
     .fee_due = 1500,
     .pending = 1500},
    {.name = "pending_collective_share_covers_due_is_amber_voucher",
     PAYS(COLL_P(1700)),
     .colour = VERDICT_AMBER,
     WANT(REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_VOUCHER,
     .fee_due = 1700,
     .pending = 1700},
    {.name = "settled_plus_pending_covers_due_is_amber_voucher",
     PAYS(IND_C(1500), IND_P(200)),
     .colour = VERDICT_AMBER,
     WANT(REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_VOUCHER,
     .fee_due = 1700,
     .settled = 1500,
     .pending = 200},
    {.name = "pending_above_due_is_amber_voucher_no_refund_yet",
     .member = true,
     PAYS(IND_P(1500), COLL_P(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_VOUCHER,
     .fee_due = 1500,
     .pending = 3000},

    /* Fee: otherwise amber, card payment of the rest. */
    {.name = "member_nothing_paid_is_unpaid_1500",
     .member = true,
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1500,
     .to_pay = 1500},
    {.name = "nonmember_nothing_paid_is_unpaid_1700",
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .to_pay = 1700},
    {.name = "member_part_paid_is_unpaid_rest_500",
     .member = true,
     PAYS(IND_C(1000)),
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1500,
     .settled = 1000,
     .to_pay = 500},
    {.name = "nonmember_paid_member_fee_owes_difference_200",
     PAYS(IND_C(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_MEMBER_DIFFERENCE),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .settled = 1500,
     .to_pay = 200},
    {.name = "nonmember_collective_member_fee_owes_difference_200",
     PAYS(COLL_C(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_MEMBER_DIFFERENCE),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .settled = 1500,
     .to_pay = 200},
    {.name = "nonmember_between_fees_owes_difference_100",
     PAYS(IND_C(1600)),
     .colour = VERDICT_AMBER,
     WANT(REASON_MEMBER_DIFFERENCE),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .settled = 1600,
     .to_pay = 100},
    {.name = "nonmember_below_member_fee_is_unpaid",
     PAYS(IND_C(1499)),
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .settled = 1499,
     .to_pay = 201},
    {.name = "nonmember_pending_member_fee_owes_difference_and_transfer_pending",
     PAYS(IND_P(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_MEMBER_DIFFERENCE, REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .pending = 1500,
     .to_pay = 200},
    {.name = "nonmember_settled_plus_pending_member_fee_owes_difference",
     PAYS(IND_C(1000), IND_P(500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_MEMBER_DIFFERENCE, REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1700,
     .settled = 1000,
     .pending = 500,
     .to_pay = 200},
    {.name = "member_part_pending_is_unpaid_and_transfer_pending",
     .member = true,
     PAYS(IND_C(500), IND_P(500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID, REASON_TRANSFER_PENDING),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1500,
     .settled = 500,
     .pending = 500,
     .to_pay = 500},
    {.name = "member_never_gets_member_difference",
     .member = true,
     PAYS(IND_C(1400)),
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1500,
     .settled = 1400,
     .to_pay = 100},
    {.name = "non_positive_amounts_are_not_money",
     .member = true,
     PAYS(IND_C(0), IND_C(-1500), IND_P(-200)),
     .colour = VERDICT_AMBER,
     WANT(REASON_UNPAID),
     .needs = EVIDENCE_CARD_PAYMENT,
     .fee_due = 1500,
     .to_pay = 1500},
    {.name = "huge_payments_saturate_instead_of_overflowing",
     .member = true,
     PAYS(IND_C(INT_MAX), IND_C(INT_MAX)),
     .colour = VERDICT_GREEN,
     WANT(REASON_DUPLICATE_PAYMENT),
     .fee_due = 1500,
     .settled = INT_MAX,
     .refund = INT_MAX - 1500,
     .refund_reason = REFUND_DUPLICATE},

    /* Registration: only approved may check in. */
    {.name = "pending_review_is_red",
     .status = REG_PENDING,
     .member = true,
     .colour = VERDICT_RED,
     WANT(REASON_PENDING_REVIEW),
     .fee_due = 1500},
    {.name = "pending_review_with_payment_refunds_nothing_yet",
     .status = REG_PENDING,
     PAYS(IND_C(1700), IND_P(1700)),
     .colour = VERDICT_RED,
     WANT(REASON_PENDING_REVIEW),
     .fee_due = 1700,
     .settled = 1700,
     .pending = 1700},
    {.name = "rejected_is_red",
     .status = REG_REJECTED,
     .colour = VERDICT_RED,
     WANT(REASON_REJECTED),
     .fee_due = 1700},
    {.name = "rejected_with_payment_refunds_all",
     .status = REG_REJECTED,
     .member = true,
     PAYS(IND_C(1500), COLL_C(1500)),
     .colour = VERDICT_RED,
     WANT(REASON_REJECTED),
     .fee_due = 1500,
     .settled = 3000,
     .refund = 3000,
     .refund_reason = REFUND_NOT_REGISTERED},
    {.name = "rejected_refunds_only_settled_not_pending",
     .status = REG_REJECTED,
     PAYS(IND_C(1500), IND_P(200)),
     .colour = VERDICT_RED,
     WANT(REASON_REJECTED),
     .fee_due = 1700,
     .settled = 1500,
     .pending = 200,
     .refund = 1500,
     .refund_reason = REFUND_NOT_REGISTERED},
    {.name = "unknown_status_fails_closed_as_pending",
     .status = (enum reg_status)7,
     PAYS(IND_C(1700)),
     .colour = VERDICT_RED,
     WANT(REASON_PENDING_REVIEW),
     .fee_due = 1700,
     .settled = 1700},

    /* Registration: withdrawn wins over any status and refunds settled money. */
    {.name = "withdrawn_approved_paid_refunds_all",
     .withdrawn = true,
     .member = true,
     PAYS(IND_C(1500)),
     .colour = VERDICT_RED,
     WANT(REASON_WITHDRAWN),
     .fee_due = 1500,
     .settled = 1500,
     .refund = 1500,
     .refund_reason = REFUND_NOT_REGISTERED},
    {.name = "withdrawn_pending_review_is_withdrawn_and_refunds",
     .withdrawn = true,
     .status = REG_PENDING,
     PAYS(ONSITE(1700)),
     .colour = VERDICT_RED,
     WANT(REASON_WITHDRAWN),
     .fee_due = 1700,
     .settled = 1700,
     .refund = 1700,
     .refund_reason = REFUND_NOT_REGISTERED},
    {.name = "withdrawn_rejected_is_withdrawn",
     .withdrawn = true,
     .status = REG_REJECTED,
     .colour = VERDICT_RED,
     WANT(REASON_WITHDRAWN),
     .fee_due = 1700},
    {.name = "withdrawn_pending_transfer_not_refunded_yet",
     .withdrawn = true,
     PAYS(IND_P(1700)),
     .colour = VERDICT_RED,
     WANT(REASON_WITHDRAWN),
     .fee_due = 1700,
     .pending = 1700},

    /* Earlier check-in: at least amber, RED stays, money kept, nothing to gate. */
    {.name = "checked_in_green_becomes_amber_already",
     .member = true,
     .checked_in = true,
     PAYS(IND_C(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_ALREADY_CHECKED_IN),
     .fee_due = 1500,
     .settled = 1500},
    {.name = "checked_in_duplicate_keeps_refund",
     .member = true,
     .checked_in = true,
     PAYS(IND_C(1500), COLL_C(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_DUPLICATE_PAYMENT, REASON_ALREADY_CHECKED_IN),
     .fee_due = 1500,
     .settled = 3000,
     .refund = 1500,
     .refund_reason = REFUND_DUPLICATE},
    {.name = "checked_in_pending_transfer_needs_no_voucher_again",
     .checked_in = true,
     PAYS(IND_P(1700)),
     .colour = VERDICT_AMBER,
     WANT(REASON_TRANSFER_PENDING, REASON_ALREADY_CHECKED_IN),
     .fee_due = 1700,
     .pending = 1700},
    {.name = "checked_in_unpaid_keeps_to_pay",
     .checked_in = true,
     PAYS(IND_C(1500)),
     .colour = VERDICT_AMBER,
     WANT(REASON_MEMBER_DIFFERENCE, REASON_ALREADY_CHECKED_IN),
     .fee_due = 1700,
     .settled = 1500,
     .to_pay = 200},
    {.name = "checked_in_withdrawn_stays_red",
     .withdrawn = true,
     .checked_in = true,
     .member = true,
     PAYS(IND_C(1500)),
     .colour = VERDICT_RED,
     WANT(REASON_WITHDRAWN, REASON_ALREADY_CHECKED_IN),
     .fee_due = 1500,
     .settled = 1500,
     .refund = 1500,
     .refund_reason = REFUND_NOT_REGISTERED},
    {.name = "checked_in_rejected_stays_red",
     .status = REG_REJECTED,
     .checked_in = true,
     .colour = VERDICT_RED,
     WANT(REASON_REJECTED, REASON_ALREADY_CHECKED_IN),
     .fee_due = 1700},
};

struct split_case {
	const char *name;
	int amount;
	struct collective_member_fact members[MAX_MEMBERS];
	size_t n;
	int shares[MAX_MEMBERS];
	int leftover;
};

/* clang-format off */
#define ELIG(due)   {(due), true}
#define INELIG(due) {(due), false}
/* clang-format on */
#define MEMBERS(...) \
	.members = {__VA_ARGS__}, .n = ARRAY_LEN(((struct collective_member_fact[]){__VA_ARGS__}))
#define SHARES(...) .shares = {__VA_ARGS__}

static const struct split_case split_cases[] = {
    {.name = "collective_exact_cover_members_get_their_due",
     .amount = 3000,
     MEMBERS(ELIG(1500), ELIG(1500)),
     SHARES(1500, 1500),
     .leftover = 0},
    {.name = "collective_member_and_nonmember_get_own_due_3200",
     .amount = 3200,
     MEMBERS(ELIG(1500), ELIG(1700)),
     SHARES(1500, 1700),
     .leftover = 0},
    {.name = "collective_short_money_last_listed_gets_the_rest",
     .amount = 2000,
     MEMBERS(ELIG(1500), ELIG(1500)),
     SHARES(1500, 500),
     .leftover = 0},
    {.name = "collective_short_money_later_members_get_nothing",
     .amount = 3200,
     MEMBERS(ELIG(1500), ELIG(1500), ELIG(1700)),
     SHARES(1500, 1500, 200),
     .leftover = 0},
    {.name = "collective_short_money_runs_out_before_the_end",
     .amount = 1500,
     MEMBERS(ELIG(1500), ELIG(1700), ELIG(1500)),
     SHARES(1500, 0, 0),
     .leftover = 0},
    {.name = "collective_nonmember_listed_first_takes_own_due",
     .amount = 3000,
     MEMBERS(ELIG(1700), ELIG(1500)),
     SHARES(1700, 1300),
     .leftover = 0},
    {.name = "collective_ineligible_member_gets_nothing_money_is_leftover",
     .amount = 4500,
     MEMBERS(ELIG(1500), INELIG(1500), ELIG(1500)),
     SHARES(1500, 0, 1500),
     .leftover = 1500},
    {.name = "collective_ineligible_member_frees_money_for_later_ones",
     .amount = 3000,
     MEMBERS(INELIG(1500), ELIG(1500), ELIG(1700)),
     SHARES(0, 1500, 1500),
     .leftover = 0},
    {.name = "collective_overpaid_leftover_is_returned_500",
     .amount = 5000,
     MEMBERS(ELIG(1500), ELIG(1500), ELIG(1500)),
     SHARES(1500, 1500, 1500),
     .leftover = 500},
    {.name = "collective_all_ineligible_returns_everything",
     .amount = 3200,
     MEMBERS(INELIG(1500), INELIG(1700)),
     SHARES(0, 0),
     .leftover = 3200},
    {.name = "collective_empty_list_returns_everything", .amount = 1500, .leftover = 1500},
    {.name = "collective_zero_amount_shares_nothing",
     .amount = 0,
     MEMBERS(ELIG(1500)),
     SHARES(0),
     .leftover = 0},
    {.name = "collective_negative_amount_is_no_money",
     .amount = -100,
     MEMBERS(ELIG(1500)),
     SHARES(0),
     .leftover = 0},
};

/* Every reason code of the CLI contract, in enum order: scripts parse these. */
static const char *const contract_codes[REASON_COUNT] = {
    "NOT_FOUND",          "BAD_CODE",          "PENDING_REVIEW",
    "REJECTED",           "WITHDRAWN",         "UNPAID",
    "TRANSFER_PENDING",   "MEMBER_DIFFERENCE", "DUPLICATE_PAYMENT",
    "ALREADY_CHECKED_IN", "GENDER_MISSING",    "LODGING_SWAPPED",
    "LODGING_OVERFLOW",   "SINGLE_SUPPLEMENT",
};

static const char *const desk_texts[REASON_COUNT] = {
    "查无此人或此码",
    "二维码无效（校验不符）",
    "报名待审核，不能签到",
    "报名未通过，不能签到",
    "报名已撤销",
    "培训费未交",
    "转账待核实：请查看转账凭证",
    "按会员价交费，非会员需补差价",
    "重复交费，需退款",
    "已签到",
    "缺少性别，无法安排床位",
    "房型已调换",
    "安排在协议外酒店",
    "单住需补房差",
};

static void run_decide_case(void **state)
{
	const struct decide_case *c = *state;
	struct fee_schedule fees = c->fees;
	struct attendee_facts facts = {
	    .status = c->status,
	    .withdrawn = c->withdrawn,
	    .member = c->member,
	    .payments = c->payments,
	    .n_payments = c->n_payments,
	    .checked_in = c->checked_in,
	};
	struct verdict v;

	if (fees.member == 0 && fees.non_member == 0) {
		fees = demo_fees;
	}
	/* Garbage first, so a field the rules forget to set is caught. */
	memset(&v, 0x5a, sizeof(v));
	rules_decide(&fees, &facts, &v);

	assert_string_equal(rules_colour_name(v.colour), rules_colour_name(c->colour));
	assert_int_equal(v.n_reasons, c->n_reasons);
	for (size_t i = 0; i < c->n_reasons; i++) {
		assert_string_equal(rules_reason_code(v.reasons[i]),
		                    rules_reason_code(c->reasons[i]));
	}
	for (int r = 0; r < REASON_COUNT; r++) {
		bool want = false;

		for (size_t i = 0; i < c->n_reasons; i++) {
			want = want || c->reasons[i] == (enum reason)r;
		}
		assert_int_equal(rules_has_reason(&v, (enum reason)r), want);
	}
	assert_int_equal(v.needs, c->needs);
	assert_int_equal(v.fee_due, c->fee_due);
	assert_int_equal(v.settled, c->settled);
	assert_int_equal(v.pending, c->pending);
	assert_int_equal(v.to_pay, c->to_pay);
	assert_int_equal(v.refund, c->refund);
	assert_string_equal(rules_refund_reason_code(rules_refund_reason(&v)),
	                    rules_refund_reason_code(c->refund_reason));
}

static void run_split_case(void **state)
{
	const struct split_case *c = *state;
	int shares[MAX_MEMBERS + 1];
	int total = 0;
	int leftover;

	for (size_t i = 0; i < ARRAY_LEN(shares); i++) {
		shares[i] = -777;
	}
	leftover = rules_collective_split(c->amount, c->members, c->n, shares);
	assert_int_equal(leftover, c->leftover);
	for (size_t i = 0; i < c->n; i++) {
		assert_int_equal(shares[i], c->shares[i]);
		total += shares[i];
	}
	/* Writes exactly n shares. */
	assert_int_equal(shares[c->n], -777);
	/* No yuan is created or lost. */
	if (c->amount >= 0) {
		assert_int_equal(total + leftover, c->amount);
	}
}

static void not_found_is_red_without_money(void **state)
{
	struct verdict v;

	(void)state;
	memset(&v, 0x5a, sizeof(v));
	rules_not_found(&v);
	assert_int_equal(v.colour, VERDICT_RED);
	assert_int_equal(v.n_reasons, 1);
	assert_int_equal(v.reasons[0], REASON_NOT_FOUND);
	assert_int_equal(v.needs, EVIDENCE_NONE);
	assert_int_equal(v.fee_due, 0);
	assert_int_equal(v.settled, 0);
	assert_int_equal(v.pending, 0);
	assert_int_equal(v.to_pay, 0);
	assert_int_equal(v.refund, 0);
	assert_int_equal(rules_refund_reason(&v), REFUND_NONE);
}

static void bad_code_is_red_without_money(void **state)
{
	struct verdict v;

	(void)state;
	memset(&v, 0x5a, sizeof(v));
	rules_bad_code(&v);
	assert_int_equal(v.colour, VERDICT_RED);
	assert_int_equal(v.n_reasons, 1);
	assert_int_equal(v.reasons[0], REASON_BAD_CODE);
	assert_int_equal(v.needs, EVIDENCE_NONE);
	assert_int_equal(v.fee_due, 0);
	assert_int_equal(v.settled, 0);
	assert_int_equal(v.pending, 0);
	assert_int_equal(v.to_pay, 0);
	assert_int_equal(v.refund, 0);
}

static void fee_due_is_member_or_nonmember_fee(void **state)
{
	(void)state;
	assert_int_equal(rules_fee_due(&demo_fees, true), 1500);
	assert_int_equal(rules_fee_due(&demo_fees, false), 1700);
}

static void reason_codes_match_the_cli_contract(void **state)
{
	(void)state;
	for (int r = 0; r < REASON_COUNT; r++) {
		assert_string_equal(rules_reason_code((enum reason)r), contract_codes[r]);
	}
	assert_string_equal(rules_reason_code(REASON_COUNT), "UNKNOWN");
	assert_string_equal(rules_reason_code((enum reason) - 1), "UNKNOWN");
}

static void reason_texts_are_the_desk_phrases(void **state)
{
	(void)state;
	for (int r = 0; r < REASON_COUNT; r++) {
		assert_string_equal(rules_reason_text((enum reason)r), desk_texts[r]);
	}
	assert_string_equal(rules_reason_text(REASON_COUNT), "未知原因");
}

static void colour_names_are_lower_case_english(void **state)
{
	(void)state;
	assert_string_equal(rules_colour_name(VERDICT_GREEN), "green");
	assert_string_equal(rules_colour_name(VERDICT_AMBER), "amber");
	assert_string_equal(rules_colour_name(VERDICT_RED), "red");
	assert_string_equal(rules_colour_name((enum verdict_colour)9), "unknown");
}

static void refund_reasons_have_codes_and_texts(void **state)
{
	(void)state;
	assert_string_equal(rules_refund_reason_code(REFUND_NONE), "none");
	assert_string_equal(rules_refund_reason_code(REFUND_DUPLICATE), "duplicate");
	assert_string_equal(rules_refund_reason_code(REFUND_NOT_REGISTERED), "not_registered");
	assert_string_equal(rules_refund_reason_code(REFUND_COLLECTIVE_LEFTOVER),
	                    "collective_leftover");
	assert_string_equal(rules_refund_reason_code((enum refund_reason)9), "unknown");
	assert_string_equal(rules_refund_reason_text(REFUND_DUPLICATE), "重复交费");
	assert_string_equal(rules_refund_reason_text(REFUND_NOT_REGISTERED), "已交费但未报名成功");
	assert_string_equal(rules_refund_reason_text(REFUND_COLLECTIVE_LEFTOVER), "集体转账余款");
}

static const struct CMUnitTest plain_tests[] = {
    cmocka_unit_test(not_found_is_red_without_money),
    cmocka_unit_test(bad_code_is_red_without_money),
    cmocka_unit_test(fee_due_is_member_or_nonmember_fee),
    cmocka_unit_test(reason_codes_match_the_cli_contract),
    cmocka_unit_test(reason_texts_are_the_desk_phrases),
    cmocka_unit_test(colour_names_are_lower_case_english),
    cmocka_unit_test(refund_reasons_have_codes_and_texts),
};

static struct CMUnitTest
    tests[ARRAY_LEN(decide_cases) + ARRAY_LEN(split_cases) + ARRAY_LEN(plain_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(decide_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = decide_cases[i].name,
		    .test_func = run_decide_case,
		    .initial_state = (void *)&decide_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(split_cases); i++) {
		tests[n++] = (struct CMUnitTest){
		    .name = split_cases[i].name,
		    .test_func = run_split_case,
		    .initial_state = (void *)&split_cases[i],
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(plain_tests); i++) {
		tests[n++] = plain_tests[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
