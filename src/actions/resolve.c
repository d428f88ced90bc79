/*
 * resolve judges a ticket code first and alone: a code with a bad check or a
 * wrong secret is BAD_CODE and never falls through to another lookup, so a
 * mistyped or forged code reveals nothing about who is registered.
 */
#include "resolve.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/normalise.h"
#include "frontdesk/query.h"
#include "frontdesk/ticket.h"

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

/* Resolves an already normalised query. */
static long resolve_normalised(struct desk *desk, const char *query, struct verdict *failure)
{
	long id = query_id_by_external_code(desk->db, query);
	struct ticket t;

	if (id >= 0) {
		return id;
	}
	if (ticket_looks_like_code(query)) {
		id = ticket_parse(query, &t) == TICKET_OK ? id_from_code(desk, &t) : -1;
		if (id < 0) {
			rules_bad_code(failure);
		}
		return id;
	}
	id = query_id_by_reg_no(desk->db, query);
	if (id < 0) {
		rules_not_found(failure);
	}
	return id;
}

/*
 * The query is normalised (normalise.h) as the roster was on its way in: the
 * CLI's checkin, pay and reject take what a person typed, full-width or not.
 */
long resolve_one(struct desk *desk, const char *typed, struct verdict *failure)
{
	char *query = normalise(typed, NORMALISE_KEY);
	long id = resolve_normalised(desk, query, failure);

	free(query);
	return id;
}
