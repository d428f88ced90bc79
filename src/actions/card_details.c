/*
 * card_details gathers, for the one person on the desk card, what the staff
 * must tell or ask beyond the verdict and the room: the badge's print state,
 * whether the roommate they asked for is here, which collective transfer paid
 * for them, the nights booked and whom to call. Reads only; a handful of
 * indexed statements, so the card stays fast on a big event.
 */
#include "frontdesk/actions/card_details.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/date.h"
#include "frontdesk/printq.h"
#include "frontdesk/query.h"
#include "frontdesk/xmalloc.h"

static enum card_badge badge_of(enum printq_state state)
{
	switch (state) {
	case PRINTQ_QUEUED:
		return CARD_BADGE_WAITING;
	case PRINTQ_SENT:
		return CARD_BADGE_SENT;
	case PRINTQ_DONE:
		return CARD_BADGE_PRINTED;
	case PRINTQ_FAILED:
	case PRINTQ_N_STATES:
		break;
	}
	return CARD_BADGE_FAILED;
}

static void fill_badge(struct desk *desk, long attendee_id, struct card_details *out)
{
	struct printq_job job;

	if (!printq_newest_of(desk->db, attendee_id, &job)) {
		return;
	}
	out->badge = badge_of(job.state);
	/* only a waiting or failed job has one: sending to the printer clears it (printq.c) */
	out->badge_reason = job.reason;
	job.reason = NULL;
	printq_job_release(&job);
}

/* The request as written; found only when it names exactly one other registration. */
static void fill_roommate(struct desk *desk, const struct attendee *a, struct card_details *out)
{
	if (a->roommate == NULL || a->roommate[0] == '\0') {
		return;
	}
	out->roommate_requested = xstrdup(a->roommate);
	long id = query_roommate_id(desk->db, a->roommate);
	struct attendee *b =
	    id >= 0 && id != a->id ? query_attendee(desk->db, id, &desk->cfg->fees) : NULL;
	if (b == NULL) {
		return;
	}
	out->roommate_found = true;
	out->roommate_name = xstrdup(b->name);
	out->roommate_arrived = b->checked_in;
	query_attendee_free(b);
}

static void fill_collective(struct desk *desk, const struct attendee *a, struct card_details *out)
{
	struct collective_listing *list;
	size_t n = query_collectives_of(desk->db, a->reg_no, &list);

	if (n > 0) {
		out->collective_organisation = list[0].organisation;
		out->collective_reference = list[0].reference;
		out->collective_pending = !list[0].confirmed;
		list[0].organisation = NULL;
		list[0].reference = NULL;
	}
	query_collectives_free(list, n);
}

static void fill_stay(const struct attendee *a, struct card_details *out)
{
	long arrive, depart;

	if (a->room == ROOM_NONE || !date_parse(a->arrive, &arrive) ||
	    !date_parse(a->depart, &depart) || depart <= arrive) {
		return;
	}
	out->nights = (int)(depart - arrive);
	date_format(arrive, out->arrive);
	date_format(depart, out->depart);
}

enum action_status action_card_details(struct desk *desk, const char *reg_no,
                                       struct card_details *out)
{
	memset(out, 0, sizeof(*out));
	long id = query_id_by_reg_no(desk->db, reg_no);
	struct attendee *a = id >= 0 ? query_attendee(desk->db, id, &desk->cfg->fees) : NULL;
	if (a == NULL) {
		return ACTION_REFUSED;
	}
	fill_badge(desk, a->id, out);
	fill_roommate(desk, a, out);
	fill_collective(desk, a, out);
	fill_stay(a, out);
	out->refund_contact = desk->cfg->contact_payment;
	out->registration_contact = desk->cfg->contact_registration;
	query_attendee_free(a);
	return ACTION_OK;
}

void action_card_details_release(struct card_details *out)
{
	free(out->badge_reason);
	free(out->roommate_requested);
	free(out->roommate_name);
	free(out->collective_organisation);
	free(out->collective_reference);
	memset(out, 0, sizeof(*out));
}
