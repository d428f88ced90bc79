/*
 * actions/checkin (src/actions/checkin.c): the desk's main act, judged and
 * recorded in one transaction.
 */
#ifndef FRONTDESK_ACTIONS_CHECKIN_H
#define FRONTDESK_ACTIONS_CHECKIN_H

#include <stdbool.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/gate.h"
#include "frontdesk/rules.h"

struct checkin_request {
	const char *query;          /* a ticket code, an external code or a reg_no */
	bool voucher_seen;          /* the staff saw the transfer voucher */
	const char *card_reference; /* POS reference of a card payment of to_pay, or NULL */
	const char *invoice_title;  /* for that payment's e-invoice, may be NULL */
	const char *taxpayer_no;
};

enum checkin_outcome {
	CHECKIN_DONE,
	CHECKIN_ALREADY, /* checked in earlier: person->checkin_* say when, where, who */
	CHECKIN_REFUSED, /* red, or amber without the evidence it names */
};

struct checkin_result {
	enum checkin_outcome outcome;
	struct verdict verdict;      /* as judged before the check-in */
	struct person *person;       /* NULL when the query matched nobody (lookup.h) */
	enum gate gate;              /* core's decision (gate.h): GATE_GO when checked in */
	int paid_on_site;            /* the card payment recorded with the check-in */
	struct lodging_info lodging; /* the room or bed allocated by this check-in */
	char *message;               /* bilingual: what happened and what to do next */
};

/*
 * check-in: judges the registration and, when it may go ahead with the
 * evidence given, records the check-in (and the card payment) and journals it,
 * all in one transaction. Never changes anything for a red verdict or a
 * second check-in. *out is the caller's: release it with action_checkin_release.
 */
enum action_status action_checkin(struct desk *desk, const struct checkin_request *req,
                                  struct checkin_result *out);
/* Frees what *out holds and empties it. */
void action_checkin_release(struct checkin_result *out);

/*
 * Loads the hotel picture the desk keeps between bed check-ins (stays.h), so
 * the first Enter of the day does not wait for it (0.3 s on a 100k event):
 * the desk screen calls it once its first screen and figures are up. Later
 * changes by other processes are read by delta at the next check-in. False
 * when it could not be loaded (the check-in will try again and say why).
 */
bool action_lodging_warm(struct desk *desk);

#endif
