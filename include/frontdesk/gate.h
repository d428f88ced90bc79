/*
 * gate: may this check-in go ahead now, and if not, what is the one thing the
 * desk must do first (DESIGN section 1, "Act"; section 3, "Fee").
 *
 * The verdict (rules.h) says what a registration needs in general; the gate
 * adds what the staff have already done at the desk (voucher seen, card
 * payment taken) and answers for this moment. It is the single source of the
 * check-in decision: the check-in action, the CLI's "needs" and the desk
 * screen's next key all read it.
 */
#ifndef FRONTDESK_GATE_H
#define FRONTDESK_GATE_H

#include <stdbool.h>

#include "frontdesk/roster.h"
#include "frontdesk/rules.h"

enum gate {
	GATE_GO,              /* check in now */
	GATE_ALREADY,         /* checked in earlier: offer reprint and undo only */
	GATE_REFUSED,         /* red: cannot check in, say whom to call */
	GATE_NEEDS_VOUCHER,   /* amber: confirm the transfer voucher was seen */
	GATE_NEEDS_CARD,      /* amber: take a card payment of verdict.to_pay first */
	GATE_CARD_NOT_NEEDED, /* a card payment was offered but nothing is owed: refused */
	GATE_COUNT,
};

/* What the desk has done for this check-in so far. */
struct gate_evidence {
	bool voucher_seen; /* the staff saw the transfer voucher */
	bool card_given;   /* a card payment (with its POS reference) comes with the check-in */
};

/*
 * Returns the gate for verdict v (rules_decide's, with checked_in among its
 * facts) and the evidence given. Built on v->needs: a verdict has one need,
 * so the desk is never asked for the voucher and the card at once.
 */
enum gate gate_decide(const struct verdict *v, const struct gate_evidence *given);

/* Returns the evidence v still needs before check-in when nothing was given yet. */
enum evidence gate_next_need(const struct verdict *v);

/* Returns true when the desk may take a card payment for v (money is owed, and the
 * person may check in or is already checked in and still owes it). */
bool gate_card_allowed(const struct verdict *v);

/* What the desk may do on a person's card; the desk screen offers exactly these keys. */
enum gate_offer {
	GATE_OFFER_CONFIRM = 1 << 0, /* check in now (Enter) */
	GATE_OFFER_CARD = 1 << 1,    /* take a card payment of what is owed */
	GATE_OFFER_VOUCHER = 1 << 2, /* say the transfer voucher was seen (or take it back) */
	GATE_OFFER_REJECT = 1 << 3,  /* refuse this person at the desk, with a reason */
	GATE_OFFER_REPRINT = 1 << 4, /* print the badge again, with a reason */
	GATE_OFFER_UNDO = 1 << 5,    /* undo the check-in (supervisor) */
};

/*
 * Returns the gate_offer bits for verdict v with the evidence given: red
 * offers nothing (the card says whom to call); someone checked in, reprint
 * and undo (and a card payment if money is still owed); otherwise confirm
 * only when the gate is GO, the one missing step, and reject.
 */
unsigned gate_offers(const struct verdict *v, const struct gate_evidence *given);

/*
 * Returns true when the desk may offer a walk-in room request (DESIGN section 3:
 * only to someone who booked no room, from what is left; the action checks what is
 * left): never on a red card.
 */
bool gate_walkin_offered(const struct verdict *v, enum room_request booked);

/* May an on-site card payment of some amount be taken for a verdict? */
enum gate_payment {
	GATE_PAYMENT_OK,
	GATE_PAYMENT_REFUSED,      /* red: no money from someone who cannot check in */
	GATE_PAYMENT_WRONG_AMOUNT, /* not between 1 and what is still to pay */
};

/* Returns whether a card payment of amount yuan may be taken for v (a part of to_pay is fine). */
enum gate_payment gate_payment_check(const struct verdict *v, int amount);

/* Returns a stable lower-case code ("go", "needs_card", ...), for --json and logs. */
const char *gate_code(enum gate g);

#endif
