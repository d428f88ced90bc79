/*
 * rules owns the verdict on one registration: may this person check in, what
 * is still owed, what must be given back (DESIGN section 3, "Registration" and
 * "Fee"). It only reads plain facts, so the whole table below is unit-tested.
 *
 * Registration comes first, because money never makes an unapproved person
 * welcome:
 *   - Withdrawn (vanished from the latest roster) is RED WITHDRAWN whatever the
 *     status says: the organisers' latest word is that the registration is gone.
 *   - Not approved is RED: 待审核 gives PENDING_REVIEW, 未通过 REJECTED. Any
 *     status value we do not know is treated as pending: fail closed.
 *   - REJECTED and WITHDRAWN refund all settled money ("paid but not
 *     registered"). PENDING_REVIEW refunds nothing yet: they may still be
 *     approved and then the money is their fee.
 *   - Money under review is never refunded: it has not arrived. If it is
 *     confirmed later, the next verdict counts it as settled and refunds it.
 *   - RED verdicts still report fee_due, settled and pending (the staff may be
 *     asked about them on the phone), but to_pay is 0: we do not collect fees
 *     from someone who cannot check in.
 *
 * Then the fee, for approved registrations:
 *   - due is the member or non-member fee; settled sums confirmed payments of
 *     every kind (individual, collective share, on-site); pending sums the
 *     unconfirmed ones.
 *   - settled >= due is GREEN; anything above due is DUPLICATE_PAYMENT with
 *     refund = settled - due (typically paid alone and also listed in a
 *     collective transfer). Pending money on top of a settled fee adds nothing:
 *     it is not a refund until it arrives.
 *   - settled + pending >= due is AMBER TRANSFER_PENDING: the staff confirm they
 *     saw the transfer voucher (EVIDENCE_VOUCHER); nothing to pay on site.
 *   - otherwise AMBER with EVIDENCE_CARD_PAYMENT of to_pay = due - settled -
 *     pending: pending money is trusted for the amount (the voucher is shown
 *     anyway, TRANSFER_PENDING is listed too) so nobody pays twice. The reason
 *     is MEMBER_DIFFERENCE when a non-member paid at least the member fee (the
 *     common mistake of choosing the member price), else UNPAID.
 *   - A verdict has one 'needs': the card payment is the one that gates the
 *     check-in, the voucher is then implied by TRANSFER_PENDING.
 *
 * Then the earlier check-in:
 *   - checked_in adds ALREADY_CHECKED_IN and lifts GREEN to AMBER; RED stays RED.
 *     The money figures are kept (a late payment or refund can still be
 *     handled), but needs becomes EVIDENCE_NONE: there is no check-in left to
 *     gate, so asking for evidence again would only confuse the staff.
 *
 * Reasons are listed most decisive first: registration, fee, then the earlier
 * check-in. Payment amounts that are not positive are ignored rather than
 * trusted, and sums saturate at INT_MAX, so bad input from the store can never
 * turn into a negative fee.
 */
#include "frontdesk/rules.h"

#include <assert.h>
#include <limits.h>
#include <string.h>

#include "frontdesk/say.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const reason_codes[] = {
    [REASON_NOT_FOUND] = "NOT_FOUND",
    [REASON_BAD_CODE] = "BAD_CODE",
    [REASON_PENDING_REVIEW] = "PENDING_REVIEW",
    [REASON_REJECTED] = "REJECTED",
    [REASON_WITHDRAWN] = "WITHDRAWN",
    [REASON_UNPAID] = "UNPAID",
    [REASON_TRANSFER_PENDING] = "TRANSFER_PENDING",
    [REASON_MEMBER_DIFFERENCE] = "MEMBER_DIFFERENCE",
    [REASON_DUPLICATE_PAYMENT] = "DUPLICATE_PAYMENT",
    [REASON_ALREADY_CHECKED_IN] = "ALREADY_CHECKED_IN",
    [REASON_GENDER_MISSING] = "GENDER_MISSING",
    [REASON_LODGING_SWAPPED] = "LODGING_SWAPPED",
    [REASON_LODGING_OVERFLOW] = "LODGING_OVERFLOW",
    [REASON_SINGLE_SUPPLEMENT] = "SINGLE_SUPPLEMENT",
};

/* Short enough for one line of the 80x24 verdict screen. */
static const char *const reason_texts[] = {
    [REASON_NOT_FOUND] = "查无此人或此码",
    [REASON_BAD_CODE] = "二维码无效（校验不符）",
    [REASON_PENDING_REVIEW] = "报名待审核，不能签到",
    [REASON_REJECTED] = "报名未通过，不能签到",
    [REASON_WITHDRAWN] = "报名已撤销",
    [REASON_UNPAID] = "培训费未交",
    [REASON_TRANSFER_PENDING] = "转账待核实：请查看转账凭证",
    [REASON_MEMBER_DIFFERENCE] = "按会员价交费，非会员需补差价",
    [REASON_DUPLICATE_PAYMENT] = "重复交费，需退款",
    [REASON_ALREADY_CHECKED_IN] = "已签到",
    [REASON_GENDER_MISSING] = "缺少性别，无法安排床位",
    [REASON_LODGING_SWAPPED] = "房型已调换",
    [REASON_LODGING_OVERFLOW] = "安排在协议外酒店",
    [REASON_SINGLE_SUPPLEMENT] = "单住需补房差",
};

static_assert(ARRAY_LEN(reason_codes) == REASON_COUNT, "a reason without a code");
static_assert(ARRAY_LEN(reason_texts) == REASON_COUNT, "a reason without a text");

static const char *const refund_codes[] = {
    [REFUND_NONE] = "none",
    [REFUND_DUPLICATE] = "duplicate",
    [REFUND_NOT_REGISTERED] = "not_registered",
    [REFUND_COLLECTIVE_LEFTOVER] = "collective_leftover",
};

static const char *const refund_texts[] = {
    [REFUND_NONE] = "无需退款",
    [REFUND_DUPLICATE] = "重复交费",
    [REFUND_NOT_REGISTERED] = "已交费但未报名成功",
    [REFUND_COLLECTIVE_LEFTOVER] = "集体转账余款",
};

static_assert(ARRAY_LEN(refund_codes) == REFUND_COLLECTIVE_LEFTOVER + 1, "refund code missing");
static_assert(ARRAY_LEN(refund_texts) == REFUND_COLLECTIVE_LEFTOVER + 1, "refund text missing");

static void add_reason(struct verdict *v, enum reason r)
{
	assert(v->n_reasons < VERDICT_MAX_REASONS);
	v->reasons[v->n_reasons++] = r;
}

static int saturate(long long x)
{
	return x > INT_MAX ? INT_MAX : (int)x;
}

/* Fills settled and pending; non-positive amounts are not money and are skipped. */
static void sum_payments(const struct attendee_facts *facts, int *settled, int *pending)
{
	long long s = 0;
	long long p = 0;

	for (size_t i = 0; i < facts->n_payments; i++) {
		const struct payment_fact *pay = &facts->payments[i];

		if (pay->amount <= 0) {
			continue;
		}
		if (pay->confirmed) {
			s += pay->amount;
		} else {
			p += pay->amount;
		}
	}
	*settled = saturate(s);
	*pending = saturate(p);
}

static void refuse(struct verdict *v, enum reason r, bool refund_settled)
{
	v->colour = VERDICT_RED;
	add_reason(v, r);
	v->refund = refund_settled ? v->settled : 0;
}

static void decide_fee(const struct fee_schedule *fees, bool member, struct verdict *v)
{
	long long covered = (long long)v->settled + v->pending;

	if (v->settled >= v->fee_due) {
		v->colour = VERDICT_GREEN;
		if (v->settled > v->fee_due) {
			add_reason(v, REASON_DUPLICATE_PAYMENT);
			v->refund = v->settled - v->fee_due;
		}
		return;
	}
	v->colour = VERDICT_AMBER;
	if (covered >= v->fee_due) {
		add_reason(v, REASON_TRANSFER_PENDING);
		v->needs = EVIDENCE_VOUCHER;
		return;
	}
	v->needs = EVIDENCE_CARD_PAYMENT;
	v->to_pay = (int)(v->fee_due - covered);
	if (!member && covered > 0 && covered >= fees->member) {
		add_reason(v, REASON_MEMBER_DIFFERENCE);
	} else {
		add_reason(v, REASON_UNPAID);
	}
	if (v->pending > 0) {
		add_reason(v, REASON_TRANSFER_PENDING);
	}
}

bool rules_expected(enum reg_status status, bool withdrawn)
{
	return status == REG_APPROVED && !withdrawn;
}

int rules_fee_due(const struct fee_schedule *fees, bool member)
{
	return member ? fees->member : fees->non_member;
}

void rules_decide(const struct fee_schedule *fees, const struct attendee_facts *facts,
                  struct verdict *out)
{
	memset(out, 0, sizeof(*out));
	out->needs = EVIDENCE_NONE;
	out->fee_due = rules_fee_due(fees, facts->member);
	sum_payments(facts, &out->settled, &out->pending);

	if (facts->withdrawn) {
		refuse(out, REASON_WITHDRAWN, true);
	} else if (facts->status == REG_REJECTED) {
		refuse(out, REASON_REJECTED, true);
	} else if (facts->status != REG_APPROVED) {
		refuse(out, REASON_PENDING_REVIEW, false);
	} else {
		decide_fee(fees, facts->member, out);
	}

	if (facts->checked_in) {
		add_reason(out, REASON_ALREADY_CHECKED_IN);
		if (out->colour == VERDICT_GREEN) {
			out->colour = VERDICT_AMBER;
		}
		out->needs = EVIDENCE_NONE;
	}
}

static void red_without_money(struct verdict *out, enum reason r)
{
	memset(out, 0, sizeof(*out));
	out->colour = VERDICT_RED;
	out->needs = EVIDENCE_NONE;
	add_reason(out, r);
}

void rules_not_found(struct verdict *out)
{
	red_without_money(out, REASON_NOT_FOUND);
}

void rules_bad_code(struct verdict *out)
{
	red_without_money(out, REASON_BAD_CODE);
}

bool rules_has_reason(const struct verdict *v, enum reason r)
{
	for (size_t i = 0; i < v->n_reasons && i < VERDICT_MAX_REASONS; i++) {
		if (v->reasons[i] == r) {
			return true;
		}
	}
	return false;
}

const char *rules_reason_code(enum reason r)
{
	if ((unsigned)r >= REASON_COUNT) {
		return "UNKNOWN";
	}
	return reason_codes[r];
}

const char *rules_reason_text(enum reason r)
{
	if ((unsigned)r >= REASON_COUNT) {
		return "未知原因";
	}
	return reason_texts[r];
}

const char *rules_reason_in(int lang, enum reason r)
{
	/* the English of a message names the code, which the desk's staff and --json share */
	return say_chinese(lang) ? rules_reason_text(r) : rules_reason_code(r);
}

const char *rules_colour_name(enum verdict_colour c)
{
	switch (c) {
	case VERDICT_GREEN:
		return "green";
	case VERDICT_AMBER:
		return "amber";
	case VERDICT_RED:
		return "red";
	}
	return "unknown";
}

/*
 * The listed order decides who is covered when the money runs short: it is the
 * order the organisation wrote, the only order the organisers can check by
 * hand. Ineligible members take nothing, so their money stays in the leftover
 * and reaches the refunds export.
 */
int rules_collective_split(int amount, const struct collective_member_fact *members, size_t n,
                           int *shares)
{
	int left = amount > 0 ? amount : 0;

	for (size_t i = 0; i < n; i++) {
		int due = members[i].due > 0 ? members[i].due : 0;
		int share = 0;

		if (members[i].eligible) {
			share = due < left ? due : left;
		}
		shares[i] = share;
		left -= share;
	}
	return left;
}

enum refund_reason rules_refund_reason(const struct verdict *v)
{
	if (v->refund <= 0) {
		return REFUND_NONE;
	}
	if (rules_has_reason(v, REASON_REJECTED) || rules_has_reason(v, REASON_WITHDRAWN)) {
		return REFUND_NOT_REGISTERED;
	}
	return REFUND_DUPLICATE;
}

const char *rules_refund_reason_code(enum refund_reason r)
{
	if ((unsigned)r >= ARRAY_LEN(refund_codes)) {
		return "unknown";
	}
	return refund_codes[r];
}

const char *rules_refund_reason_text(enum refund_reason r)
{
	if ((unsigned)r >= ARRAY_LEN(refund_texts)) {
		return "未知原因";
	}
	return refund_texts[r];
}
