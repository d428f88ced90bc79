/*
 * Tests for gate: the check-in decision at the desk, from verdicts made by
 * rules_decide on real facts (so a change in either module shows here), and
 * every kind of evidence the staff can give. The demo fees are 1500 and 1700.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "frontdesk/gate.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct fee_schedule demo_fees = {1500, 1700};

static const struct gate_evidence nothing = {false, false};
static const struct gate_evidence voucher = {true, false};
static const struct gate_evidence card = {false, true};
static const struct gate_evidence both = {true, true};

/* A verdict for an approved member who paid what pays lists, then the given status. */
static struct verdict judged(enum reg_status status, bool checked_in,
                             const struct payment_fact *pays, size_t n)
{
	struct attendee_facts f = {status, false, true, pays, n, checked_in};
	struct verdict v;

	rules_decide(&demo_fees, &f, &v);
	return v;
}

static const struct payment_fact paid[] = {{PAYMENT_INDIVIDUAL, 1500, true}};
static const struct payment_fact under_review[] = {{PAYMENT_INDIVIDUAL, 1500, false}};
static const struct payment_fact half_under_review[] = {{PAYMENT_INDIVIDUAL, 700, false}};

static void green_goes_with_nothing_and_refuses_a_card(void **state)
{
	(void)state;
	struct verdict v = judged(REG_APPROVED, false, paid, 1);

	assert_int_equal(gate_decide(&v, &nothing), GATE_GO);
	assert_int_equal(gate_decide(&v, &voucher), GATE_GO);
	assert_int_equal(gate_decide(&v, &card), GATE_CARD_NOT_NEEDED);
	assert_int_equal(gate_next_need(&v), EVIDENCE_NONE);
	assert_false(gate_card_allowed(&v));
}

static void transfer_under_review_needs_the_voucher_only(void **state)
{
	(void)state;
	struct verdict v = judged(REG_APPROVED, false, under_review, 1);

	assert_int_equal(gate_decide(&v, &nothing), GATE_NEEDS_VOUCHER);
	assert_int_equal(gate_decide(&v, &voucher), GATE_GO);
	assert_int_equal(gate_decide(&v, &card), GATE_CARD_NOT_NEEDED);
	assert_int_equal(gate_next_need(&v), EVIDENCE_VOUCHER);
	assert_false(gate_card_allowed(&v));
}

static void unpaid_needs_the_card_and_the_voucher_does_not_help(void **state)
{
	(void)state;
	struct verdict v = judged(REG_APPROVED, false, NULL, 0);

	assert_int_equal(gate_decide(&v, &nothing), GATE_NEEDS_CARD);
	assert_int_equal(gate_decide(&v, &voucher), GATE_NEEDS_CARD);
	assert_int_equal(gate_decide(&v, &card), GATE_GO);
	assert_int_equal(gate_next_need(&v), EVIDENCE_CARD_PAYMENT);
	assert_true(gate_card_allowed(&v));
}

/* One need per verdict: part under review and part owed asks for the card only, never both. */
static void part_under_review_part_owed_needs_only_the_card(void **state)
{
	(void)state;
	struct verdict v = judged(REG_APPROVED, false, half_under_review, 1);

	assert_true(rules_has_reason(&v, REASON_TRANSFER_PENDING));
	assert_int_equal(v.to_pay, 800);
	assert_int_equal(gate_decide(&v, &nothing), GATE_NEEDS_CARD);
	assert_int_equal(gate_decide(&v, &card), GATE_GO);
	assert_int_equal(gate_decide(&v, &both), GATE_GO);
}

static void red_is_refused_whatever_is_given(void **state)
{
	(void)state;
	enum reg_status statuses[] = {REG_PENDING, REG_REJECTED};
	const struct gate_evidence *all[] = {&nothing, &voucher, &card, &both};

	for (size_t s = 0; s < ARRAY_LEN(statuses); s++) {
		struct verdict v = judged(statuses[s], false, NULL, 0);
		for (size_t e = 0; e < ARRAY_LEN(all); e++) {
			assert_int_equal(gate_decide(&v, all[e]), GATE_REFUSED);
		}
		assert_int_equal(gate_next_need(&v), EVIDENCE_NONE);
		assert_false(gate_card_allowed(&v));
	}
	struct verdict nf;
	rules_not_found(&nf);
	assert_int_equal(gate_decide(&nf, &card), GATE_REFUSED);
}

static void an_earlier_checkin_is_already_before_any_evidence(void **state)
{
	(void)state;
	struct verdict green = judged(REG_APPROVED, true, paid, 1);
	struct verdict owing = judged(REG_APPROVED, true, NULL, 0);

	assert_int_equal(gate_decide(&green, &nothing), GATE_ALREADY);
	assert_int_equal(gate_decide(&green, &card), GATE_ALREADY);
	assert_int_equal(gate_decide(&owing, &voucher), GATE_ALREADY);
	assert_int_equal(gate_next_need(&owing), EVIDENCE_NONE);
	/* money still owed after a fee change may still be taken at the desk */
	assert_true(gate_card_allowed(&owing));
}

static void the_card_offers_only_what_is_possible(void **state)
{
	(void)state;
	struct verdict green = judged(REG_APPROVED, false, paid, 1);
	struct verdict voucher_needed = judged(REG_APPROVED, false, under_review, 1);
	struct verdict owing = judged(REG_APPROVED, false, NULL, 0);
	struct verdict already = judged(REG_APPROVED, true, paid, 1);
	struct verdict already_owing = judged(REG_APPROVED, true, NULL, 0);
	struct verdict red = judged(REG_PENDING, false, paid, 1);

	assert_int_equal(gate_offers(&green, &nothing), GATE_OFFER_CONFIRM | GATE_OFFER_REJECT);
	assert_int_equal(gate_offers(&voucher_needed, &nothing),
	                 GATE_OFFER_VOUCHER | GATE_OFFER_REJECT);
	assert_int_equal(gate_offers(&voucher_needed, &voucher),
	                 GATE_OFFER_VOUCHER | GATE_OFFER_CONFIRM | GATE_OFFER_REJECT);
	assert_int_equal(gate_offers(&owing, &nothing), GATE_OFFER_CARD | GATE_OFFER_REJECT);
	assert_int_equal(gate_offers(&already, &nothing), GATE_OFFER_REPRINT | GATE_OFFER_UNDO);
	assert_int_equal(gate_offers(&already_owing, &nothing),
	                 GATE_OFFER_CARD | GATE_OFFER_REPRINT | GATE_OFFER_UNDO);
	assert_int_equal(gate_offers(&red, &nothing), 0);
	assert_int_equal(gate_offers(&red, &card), 0);
}

static void a_card_payment_is_between_one_yuan_and_what_is_owed(void **state)
{
	(void)state;
	struct verdict owing = judged(REG_APPROVED, false, NULL, 0);
	struct verdict green = judged(REG_APPROVED, false, paid, 1);
	struct verdict red = judged(REG_REJECTED, false, NULL, 0);

	assert_int_equal(gate_payment_check(&owing, 1500), GATE_PAYMENT_OK);
	assert_int_equal(gate_payment_check(&owing, 1), GATE_PAYMENT_OK);
	assert_int_equal(gate_payment_check(&owing, 1501), GATE_PAYMENT_WRONG_AMOUNT);
	assert_int_equal(gate_payment_check(&owing, 0), GATE_PAYMENT_WRONG_AMOUNT);
	assert_int_equal(gate_payment_check(&owing, -5), GATE_PAYMENT_WRONG_AMOUNT);
	assert_int_equal(gate_payment_check(&green, 100), GATE_PAYMENT_WRONG_AMOUNT);
	assert_int_equal(gate_payment_check(&red, 100), GATE_PAYMENT_REFUSED);
}

static void a_walkin_room_is_offered_only_to_someone_without_one(void **state)
{
	(void)state;
	struct verdict green = judged(REG_APPROVED, false, paid, 1);
	struct verdict already = judged(REG_APPROVED, true, paid, 1);
	struct verdict red = judged(REG_PENDING, false, paid, 1);

	assert_true(gate_walkin_offered(&green, ROOM_NONE));
	assert_true(gate_walkin_offered(&already, ROOM_NONE));
	assert_false(gate_walkin_offered(&green, ROOM_BED));
	assert_false(gate_walkin_offered(&green, ROOM_KING));
	assert_false(gate_walkin_offered(&red, ROOM_NONE));
}

static void every_gate_has_a_distinct_code(void **state)
{
	(void)state;
	for (int g = 0; g < GATE_COUNT; g++) {
		assert_non_null(gate_code((enum gate)g));
		assert_string_not_equal(gate_code((enum gate)g), "unknown");
		for (int h = 0; h < g; h++) {
			assert_string_not_equal(gate_code((enum gate)g), gate_code((enum gate)h));
		}
	}
	assert_string_equal(gate_code(GATE_NEEDS_CARD), "needs_card");
	assert_string_equal(gate_code(GATE_COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(green_goes_with_nothing_and_refuses_a_card),
	    cmocka_unit_test(transfer_under_review_needs_the_voucher_only),
	    cmocka_unit_test(unpaid_needs_the_card_and_the_voucher_does_not_help),
	    cmocka_unit_test(part_under_review_part_owed_needs_only_the_card),
	    cmocka_unit_test(red_is_refused_whatever_is_given),
	    cmocka_unit_test(an_earlier_checkin_is_already_before_any_evidence),
	    cmocka_unit_test(the_card_offers_only_what_is_possible),
	    cmocka_unit_test(a_card_payment_is_between_one_yuan_and_what_is_owed),
	    cmocka_unit_test(a_walkin_room_is_offered_only_to_someone_without_one),
	    cmocka_unit_test(every_gate_has_a_distinct_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
