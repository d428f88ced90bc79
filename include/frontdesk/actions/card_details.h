/*
 * card_details: what the desk card shows beyond the verdict and the lodging,
 * read in one call when the card is shown or its person changed
 * (src/actions/card_details.c).
 */
#ifndef FRONTDESK_ACTIONS_CARD_DETAILS_H
#define FRONTDESK_ACTIONS_CARD_DETAILS_H

#include <stdbool.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/date.h"

/* The badge as the newest print job of one person says. */
enum card_badge {
	CARD_BADGE_NONE,    /* no badge queued yet (not checked in) */
	CARD_BADGE_WAITING, /* queued: waits for a pass, or for the printer to come back */
	CARD_BADGE_SENT,    /* handed to the printer */
	CARD_BADGE_PRINTED,
	CARD_BADGE_FAILED, /* needs a person: print --retry */
};

/* What the card shows beyond the verdict and the lodging. */
struct card_details {
	enum card_badge badge; /* the newest print job of this person's badge, NONE without one */
	char *badge_reason;    /* why it failed or waits (the job's reason), or NULL */
	/* the roommate request as the roster wrote it (a reg_no or a name), or NULL */
	char *roommate_requested;
	char *roommate_name;   /* the requested roommate's name when they are registered, or NULL */
	bool roommate_found;   /* the request names exactly one registration (not this one) */
	bool roommate_arrived; /* ... who is checked in */
	/* the collective transfer listing this person (the first of several), or NULL */
	char *collective_organisation;
	char *collective_reference;
	bool collective_pending; /* that transfer is still under review (待核实) */
	int nights;              /* booked nights (arrive..depart), 0 without a room request */
	char arrive[DATE_ISO_LEN + 1]; /* "YYYY-MM-DD" of the booking, "" without one */
	char depart[DATE_ISO_LEN + 1];
	/* whom to call, borrowed from the desk's event.ini [contacts] (NULL when not given) */
	const char *refund_contact;       /* payment: refunds and money */
	const char *registration_contact; /* registration */
};

/*
 * card details: fills *out for registration reg_no (the card's person) with
 * its badge, roommate request, collective transfer, booked stay and contacts.
 * Reads only. ACTION_REFUSED (with *out empty) when no registration has that
 * reg_no. Release with action_card_details_release.
 */
enum action_status action_card_details(struct desk *desk, const char *reg_no,
                                       struct card_details *out);
void action_card_details_release(struct card_details *out);

#endif
