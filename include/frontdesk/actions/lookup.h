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
#include "frontdesk/date.h"
#include "frontdesk/roster.h"
#include "frontdesk/rules.h"

/*
 * One registration as the front ends show it: the actions' own copy of what
 * the store holds, without the ticket secret and the payment facts (the
 * verdict says what those mean). The strings are owned and may be NULL;
 * lookup and check-in release it with their results.
 */
struct person {
	char *reg_no;
	char *name;
	char *organisation;
	char *position;
	char *phone;
	char *roommate; /* the roommate request text */
	char *note;
	char *external_code;
	enum gender gender;
	bool member;
	enum reg_status status;
	bool withdrawn;
	/* the room request and its nights: a walk-in granted at the desk (walkin) when there
	 * is one, else the roster's booking */
	enum room_request room;
	char arrive[DATE_ISO_LEN + 1];
	char depart[DATE_ISO_LEN + 1];
	bool walkin;
	bool checked_in;
	char *checkin_at; /* when checked in: when, at which desk, by whom */
	char *checkin_desk;
	char *checkin_operator;
};

struct lookup_match {
	struct person *person; /* the registration as the desk shows it */
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

/*
 * What the lookups of this desk cost since it opened, for the tests that hold
 * the desk to its speed: a scan is one lookup, and a write by another process
 * re-reads the registrations it named instead of rebuilding the search index.
 */
struct lookup_stats {
	unsigned long lookups;         /* action_lookup calls */
	unsigned long index_builds;    /* search index built from every registration */
	unsigned long index_refreshed; /* registrations re-read because the journal named them */
	unsigned long index_scanned;   /* index entries checked against a query */
};

void action_lookup_stats(const struct desk *desk, struct lookup_stats *out);

#endif
