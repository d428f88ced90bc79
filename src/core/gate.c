/*
 * gate owns the one decision the desk makes 180 times a day: may this
 * person be checked in now. The rules (rules.c) judged the registration; here
 * the verdict's single need meets what the staff did.
 *
 *   - RED is refused whatever was given: money never makes an unapproved
 *     person welcome, and a card payment for them is refused with it.
 *   - An earlier check-in is ALREADY before anything else: there is no
 *     check-in left to gate.
 *   - A card payment offered where the verdict needs none is refused rather
 *     than recorded: taking money nobody owes would become a refund.
 *   - Otherwise the verdict's need decides: EVIDENCE_CARD_PAYMENT wants the
 *     card (the transfer under review is then trusted for its amount, so the
 *     voucher is not asked as well); EVIDENCE_VOUCHER wants the voucher seen.
 */
#include "frontdesk/gate.h"

#include <assert.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const gate_codes[] = {
    [GATE_GO] = "go",
    [GATE_ALREADY] = "already",
    [GATE_REFUSED] = "refused",
    [GATE_NEEDS_VOUCHER] = "needs_voucher",
    [GATE_NEEDS_CARD] = "needs_card",
    [GATE_CARD_NOT_NEEDED] = "card_not_needed",
};

static_assert(ARRAY_LEN(gate_codes) == GATE_COUNT, "a gate without a code");

enum evidence gate_next_need(const struct verdict *v)
{
	if (v->colour == VERDICT_RED || rules_has_reason(v, REASON_ALREADY_CHECKED_IN)) {
		return EVIDENCE_NONE;
	}
	return v->needs;
}

enum gate gate_decide(const struct verdict *v, const struct gate_evidence *given)
{
	if (v->colour == VERDICT_RED) {
		return GATE_REFUSED;
	}
	if (rules_has_reason(v, REASON_ALREADY_CHECKED_IN)) {
		return GATE_ALREADY;
	}
	enum evidence need = gate_next_need(v);
	if (given->card_given && need != EVIDENCE_CARD_PAYMENT) {
		return GATE_CARD_NOT_NEEDED;
	}
	if (need == EVIDENCE_CARD_PAYMENT && !given->card_given) {
		return GATE_NEEDS_CARD;
	}
	if (need == EVIDENCE_VOUCHER && !given->voucher_seen) {
		return GATE_NEEDS_VOUCHER;
	}
	return GATE_GO;
}

unsigned gate_offers(const struct verdict *v, const struct gate_evidence *given)
{
	enum gate g = gate_decide(v, given);
	unsigned offers = 0;

	if (g == GATE_REFUSED) {
		return 0;
	}
	if (gate_card_allowed(v) && !given->card_given) {
		offers |= GATE_OFFER_CARD;
	}
	if (g == GATE_ALREADY) {
		return offers | GATE_OFFER_REPRINT | GATE_OFFER_UNDO;
	}
	if (gate_next_need(v) == EVIDENCE_VOUCHER) {
		offers |= GATE_OFFER_VOUCHER;
	}
	if (g == GATE_GO) {
		offers |= GATE_OFFER_CONFIRM;
	}
	return offers | GATE_OFFER_REJECT;
}

bool gate_walkin_offered(const struct verdict *v, enum room_request booked)
{
	return v->colour != VERDICT_RED && booked == ROOM_NONE;
}

enum gate_payment gate_payment_check(const struct verdict *v, int amount)
{
	if (v->colour == VERDICT_RED) {
		return GATE_PAYMENT_REFUSED;
	}
	return amount > 0 && amount <= v->to_pay ? GATE_PAYMENT_OK : GATE_PAYMENT_WRONG_AMOUNT;
}

bool gate_card_allowed(const struct verdict *v)
{
	return v->colour != VERDICT_RED && v->to_pay > 0;
}

const char *gate_code(enum gate g)
{
	if ((unsigned)g >= GATE_COUNT) {
		return "unknown";
	}
	return gate_codes[g];
}
