/*
 * verdict (src/actions/lookup.c, lodging_view.c): what the actions make of one
 * registration as the store returns it (query.h). Private to src/actions: the
 * front ends see struct person (frontdesk/actions/lookup.h), never the store's
 * struct attendee.
 */
#ifndef FRONTDESK_ACTIONS_VERDICT_H
#define FRONTDESK_ACTIONS_VERDICT_H

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/query.h"
#include "frontdesk/rules.h"

/* Fills *out with the verdict on one loaded registration (shared by lookup and check-in). */
void action_verdict(const struct desk *desk, const struct attendee *a, struct verdict *out);

/*
 * Fills *out with attendee a's lodging as stored now. The strings are the
 * caller's: release with action_lodging_release.
 */
void action_lodging_view(struct desk *desk, const struct attendee *a, struct lodging_info *out);

/* Returns a new person copied from a (no secret, no payments); free with person_free. */
struct person *person_from_attendee(const struct attendee *a);
/* Frees a person; NULL is a no-op. */
void person_free(struct person *p);

#endif
