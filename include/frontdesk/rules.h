/*
 * rules: the desk's judgement on one registration (DESIGN section 3,
 * "Registration" and "Fee"), as pure functions on plain structs.
 *
 * The store gathers the facts (status, membership, every payment with its
 * state, collective shares, earlier check-in); this module decides GREEN,
 * AMBER or RED with the reasons and the amounts, in yuan. Nothing here knows
 * about SQLite, curses or files, so every cell of the rules is unit-tested.
 */
#ifndef FRONTDESK_RULES_H
#define FRONTDESK_RULES_H

#include <stdbool.h>
#include <stddef.h>

enum reg_status {
	REG_APPROVED, /* 已通过 */
	REG_PENDING,  /* 待审核 */
	REG_REJECTED, /* 未通过 */
};

enum verdict_colour {
	VERDICT_GREEN,
	VERDICT_AMBER,
	VERDICT_RED,
};

/* Stable reason codes of the CLI contract (DESIGN section 5); keep the order. */
enum reason {
	REASON_NOT_FOUND,
	REASON_BAD_CODE,
	REASON_PENDING_REVIEW,
	REASON_REJECTED,
	REASON_WITHDRAWN,
	REASON_UNPAID,
	REASON_TRANSFER_PENDING,
	REASON_MEMBER_DIFFERENCE,
	REASON_DUPLICATE_PAYMENT,
	REASON_ALREADY_CHECKED_IN,
	REASON_GENDER_MISSING,
	REASON_LODGING_SWAPPED,
	REASON_LODGING_OVERFLOW,
	REASON_SINGLE_SUPPLEMENT,
	REASON_COUNT,
};

/* What an amber verdict needs from the staff before check-in may go ahead. */
enum evidence {
	EVIDENCE_NONE,
	EVIDENCE_VOUCHER,      /* "transfer voucher seen" */
	EVIDENCE_CARD_PAYMENT, /* an on-site card payment of to_pay, with its POS reference */
};

enum payment_kind {
	PAYMENT_INDIVIDUAL, /* online or individual bank transfer, from the roster */
	PAYMENT_COLLECTIVE, /* this attendee's share of a collective transfer */
	PAYMENT_ONSITE,     /* card payment recorded at the desk */
};

struct payment_fact {
	enum payment_kind kind;
	int amount;     /* yuan, > 0 */
	bool confirmed; /* false: a transfer still under review */
};

struct fee_schedule {
	int member;     /* [fees] member, 1500 in the demo */
	int non_member; /* [fees] non_member, 1700 in the demo */
};

struct attendee_facts {
	enum reg_status status;
	bool withdrawn; /* vanished from the latest roster */
	bool member;
	const struct payment_fact *payments;
	size_t n_payments;
	bool checked_in;
};

#define VERDICT_MAX_REASONS 8

struct verdict {
	enum verdict_colour colour;
	enum reason reasons[VERDICT_MAX_REASONS];
	size_t n_reasons;
	enum evidence needs; /* for AMBER: what the staff must record */
	int fee_due;         /* member or non-member fee */
	int settled;         /* confirmed money */
	int pending;         /* money under review */
	int to_pay;          /* still to collect on site */
	int refund;          /* money to give back (duplicate or not registered) */
};

/*
 * Returns true when the registration is expected at the desk: approved and not
 * withdrawn. The one definition of "expected" behind every count (status line,
 * summary, attendance export); the store's attendee.expected column mirrors it
 * in SQL and test_query checks that they agree.
 */
bool rules_expected(enum reg_status status, bool withdrawn);

/* Returns the fee due for a member or a non-member. */
int rules_fee_due(const struct fee_schedule *fees, bool member);

/* Decides the verdict for one registration; fills *out completely. */
void rules_decide(const struct fee_schedule *fees, const struct attendee_facts *facts,
                  struct verdict *out);

/* Returns the verdict for a code or name that matches nobody (RED, NOT_FOUND). */
void rules_not_found(struct verdict *out);

/*
 * Returns the verdict for a scanned code whose check digits or secret are wrong
 * (RED, BAD_CODE, all amounts 0).
 */
void rules_bad_code(struct verdict *out);

/* Returns true when out lists reason r. */
bool rules_has_reason(const struct verdict *v, enum reason r);

/* Returns the contract's upper-case code ("NOT_FOUND", ...). */
const char *rules_reason_code(enum reason r);
/* Returns the reason in Chinese words for the desk staff. */
const char *rules_reason_text(enum reason r);
/* The reason as language lang of a message names it (frontdesk/say.h): its text in Chinese, its
 * code in English. */
const char *rules_reason_in(int lang, enum reason r);
/* Returns "green", "amber" or "red". */
const char *rules_colour_name(enum verdict_colour c);

/* One member listed in a collective transfer, in the transfer's order. */
struct collective_member_fact {
	int due;       /* the member's own fee due; ignored when not eligible */
	bool eligible; /* registered, approved and not withdrawn */
};

/*
 * Splits a collective transfer of amount yuan among its members in listed
 * order: each eligible member's share is their own due (the last ones get what
 * is left when the money runs short), members who are not eligible get 0.
 * Writes n shares into shares and returns the leftover money (>= 0), which
 * belongs in the refunds export.
 */
int rules_collective_split(int amount, const struct collective_member_fact *members, size_t n,
                           int *shares);

/* Why money goes to the refunds export (DESIGN section 3, "Fee"). */
enum refund_reason {
	REFUND_NONE,
	REFUND_DUPLICATE,           /* settled more than the fee due */
	REFUND_NOT_REGISTERED,      /* paid, but rejected or withdrawn */
	REFUND_COLLECTIVE_LEFTOVER, /* collective money beyond its eligible members' dues */
};

/* Returns why v->refund is owed: REFUND_NONE when v->refund is 0. */
enum refund_reason rules_refund_reason(const struct verdict *v);
/* Returns a stable lower-case code for exports ("duplicate", "not_registered", ...). */
const char *rules_refund_reason_code(enum refund_reason r);
/* Returns the refund reason in Chinese words, for the refunds export. */
const char *rules_refund_reason_text(enum refund_reason r);

#endif
