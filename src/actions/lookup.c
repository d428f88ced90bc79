/*
 * lookup decides what a scan or a typed query means. A ticket code is judged
 * first and alone: a code with a bad check or a wrong secret is BAD_CODE and
 * never falls through to a name search, so a mistyped code cannot reveal or
 * guess anyone.
 */
#include "frontdesk/actions/lookup.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/normalise.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "resolve.h"
#include "search.h"
#include "verdict.h"

#define LOOKUP_MAX_MATCHES 50

void action_verdict(const struct desk *desk, const struct attendee *a, struct verdict *out)
{
	struct attendee_facts facts = {
	    .status = a->status,
	    .withdrawn = a->withdrawn,
	    .member = a->member,
	    .payments = a->payments,
	    .n_payments = a->n_payments,
	    .checked_in = a->checked_in,
	};

	rules_decide(&desk->cfg->fees, &facts, out);
}

static char *copy_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct person *person_from_attendee(const struct attendee *a)
{
	if (a == NULL) {
		return NULL;
	}
	struct person *p = xcalloc(1, sizeof(*p));
	p->reg_no = copy_or_null(a->reg_no);
	p->name = copy_or_null(a->name);
	p->organisation = copy_or_null(a->organisation);
	p->position = copy_or_null(a->position);
	p->phone = copy_or_null(a->phone);
	p->roommate = copy_or_null(a->roommate);
	p->note = copy_or_null(a->note);
	p->external_code = copy_or_null(a->external_code);
	p->gender = a->gender;
	p->member = a->member;
	p->status = a->status;
	p->withdrawn = a->withdrawn;
	p->room = a->room;
	memcpy(p->arrive, a->arrive, sizeof(p->arrive));
	memcpy(p->depart, a->depart, sizeof(p->depart));
	p->walkin = a->walkin;
	p->checked_in = a->checked_in;
	p->checkin_at = copy_or_null(a->checkin_at);
	p->checkin_desk = copy_or_null(a->checkin_desk);
	p->checkin_operator = copy_or_null(a->checkin_operator);
	return p;
}

void person_free(struct person *p)
{
	if (p == NULL) {
		return;
	}
	free(p->reg_no);
	free(p->name);
	free(p->organisation);
	free(p->position);
	free(p->phone);
	free(p->roommate);
	free(p->note);
	free(p->external_code);
	free(p->checkin_at);
	free(p->checkin_desk);
	free(p->checkin_operator);
	free(p);
}

static void add_match(struct desk *desk, struct lookup_result *out, long id)
{
	struct attendee *a = query_attendee(desk->db, id, &desk->cfg->fees);

	if (a == NULL) {
		return;
	}
	out->matches = xreallocarray(out->matches, out->n_matches + 1, sizeof(*out->matches));
	struct lookup_match *m = &out->matches[out->n_matches++];
	m->person = person_from_attendee(a);
	action_verdict(desk, a, &m->verdict);
	action_lodging_view(desk, a, &m->lodging);
	query_attendee_free(a);
}

static void lookup_search(struct desk *desk, const char *query, struct lookup_result *out)
{
	long ids[LOOKUP_MAX_MATCHES];

	out->total = search_find(desk, query, ids, LOOKUP_MAX_MATCHES);
	for (size_t i = 0; i < out->total && i < LOOKUP_MAX_MATCHES; i++) {
		add_match(desk, out, ids[i]);
	}
}

/*
 * The query is normalised first (normalise.h), as the roster was on its way
 * in: a code typed in full-width mode or grouped with U+3000, phone digits
 * typed full-width, a name pasted with a zero-width space all find who they
 * name.
 */
enum action_status action_lookup(struct desk *desk, const char *typed, struct lookup_result *out)
{
	memset(out, 0, sizeof(*out));
	desk->lookups++;
	rules_not_found(&out->verdict);
	char *query = normalise(typed, NORMALISE_KEY);
	if (query[0] == '\0') {
		free(query);
		return ACTION_REFUSED;
	}
	out->by_code = ticket_looks_like_code(query);
	long id = resolve_one(desk, query, &out->verdict);
	if (id >= 0) {
		out->total = 1;
		add_match(desk, out, id);
	} else if (!out->by_code) {
		lookup_search(desk, query, out);
	}
	free(query);
	if (out->n_matches == 0) {
		return ACTION_REFUSED;
	}
	if (out->n_matches == 1) {
		out->verdict = out->matches[0].verdict;
	}
	return ACTION_OK;
}

void action_lookup_stats(const struct desk *desk, struct lookup_stats *out)
{
	struct search_stats s;

	search_stats(desk, &s);
	*out = (struct lookup_stats){desk->lookups, s.builds, s.refreshed, s.scanned};
}

void action_lookup_release(struct lookup_result *out)
{
	for (size_t i = 0; i < out->n_matches; i++) {
		person_free(out->matches[i].person);
		action_lodging_release(&out->matches[i].lodging);
	}
	free(out->matches);
	memset(out, 0, sizeof(*out));
}
