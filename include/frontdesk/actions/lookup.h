/*
 * actions/lookup (src/actions/lookup.c): what a scan or a typed query means,
 * and the verdict on one registration.
 */
#ifndef FRONTDESK_ACTIONS_LOOKUP_H
#define FRONTDESK_ACTIONS_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/query.h"
#include "frontdesk/rules.h"

struct lookup_match {
	struct attendee *attendee; /* the registration as stored (query.h) */
	struct verdict verdict;
	struct lodging_info lodging; /* the room or bed allocated so far, if any */
};

struct lookup_result {
	struct verdict verdict; /* for a code: the verdict; NOT_FOUND or BAD_CODE when no match */
	bool by_code;           /* the query was a ticket code */
	struct lookup_match *matches;
	size_t n_matches;
	size_t total; /* how many matched before the cut to the first 50 */
};

/*
 * lookup: a ticket code (checked and compared in constant time; a bad one is
 * BAD_CODE and says nothing about whether the person exists), an external
 * code, a reg_no, or a search over names, reg_nos and phone digits. The
 * query is normalised first (normalise.h): full-width digits and letters,
 * U+3000 between groups of a code, invisible characters do not hide anyone.
 * Returns ACTION_REFUSED when nothing matched. *out is the caller's: release
 * it with action_lookup_release.
 */
enum action_status action_lookup(struct desk *desk, const char *query, struct lookup_result *out);
/* Frees the matches and empties *out. */
void action_lookup_release(struct lookup_result *out);

/* Fills *out with the verdict on one loaded registration (shared by lookup and check-in). */
void action_verdict(const struct desk *desk, const struct attendee *a, struct verdict *out);

#endif
