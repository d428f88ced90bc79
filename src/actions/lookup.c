/*
 * lookup decides what a scan or a typed query means. A ticket code is judged
 * first and alone: a code with a bad check or a wrong secret is BAD_CODE and
 * never falls through to a name search, so a mistyped code cannot reveal or
 * guess anyone.
 */
#include "frontdesk/actions.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"

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

static void add_match(struct desk *desk, struct lookup_result *out, long id)
{
	struct attendee *a = query_attendee(desk->db, id, &desk->cfg->fees);

	if (a == NULL) {
		return;
	}
	out->matches = xreallocarray(out->matches, out->n_matches + 1, sizeof(*out->matches));
	struct lookup_match *m = &out->matches[out->n_matches++];
	m->attendee = a;
	action_verdict(desk, a, &m->verdict);
}

/* Resolves a ticket code to an id, or -1: wrong event, unknown sequence and wrong secret alike. */
static long id_from_code(struct desk *desk, const struct ticket *t)
{
	if (strcmp(t->event, desk->cfg->code) != 0) {
		return -1;
	}
	struct attendee *a = query_attendee(desk->db, t->sequence, &desk->cfg->fees);
	long id = a != NULL && ticket_secret_equal(a->secret, t->secret) ? a->id : -1;
	query_attendee_free(a);
	return id;
}

static void lookup_code(struct desk *desk, const char *query, struct lookup_result *out)
{
	struct ticket t;
	long id = -1;

	out->by_code = true;
	if (ticket_parse(query, &t) == TICKET_OK) {
		id = id_from_code(desk, &t);
	}
	if (id < 0) {
		rules_bad_code(&out->verdict);
		return;
	}
	add_match(desk, out, id);
}

static void lookup_text(struct desk *desk, const char *query, struct lookup_result *out)
{
	long id = query_id_by_reg_no(desk->db, query);

	if (id >= 0) {
		out->total = 1;
		add_match(desk, out, id);
		return;
	}
	long ids[LOOKUP_MAX_MATCHES];
	out->total = query_search(desk->db, query, ids, LOOKUP_MAX_MATCHES);
	for (size_t i = 0; i < out->total && i < LOOKUP_MAX_MATCHES; i++) {
		add_match(desk, out, ids[i]);
	}
}

enum action_status action_lookup(struct desk *desk, const char *query, struct lookup_result *out)
{
	memset(out, 0, sizeof(*out));
	rules_not_found(&out->verdict);
	if (query[0] == '\0') {
		return ACTION_REFUSED;
	}
	long external = query_id_by_external_code(desk->db, query);
	if (external >= 0) {
		out->total = 1;
		add_match(desk, out, external);
	} else if (ticket_looks_like_code(query)) {
		lookup_code(desk, query, out);
	} else {
		lookup_text(desk, query, out);
	}
	if (out->n_matches == 0) {
		return ACTION_REFUSED;
	}
	if (out->n_matches == 1) {
		out->verdict = out->matches[0].verdict;
	}
	return ACTION_OK;
}

void action_lookup_release(struct lookup_result *out)
{
	for (size_t i = 0; i < out->n_matches; i++) {
		query_attendee_free(out->matches[i].attendee);
	}
	free(out->matches);
	memset(out, 0, sizeof(*out));
}
