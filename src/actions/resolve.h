/*
 * resolve: turns what the staff scanned or typed into one registration, for
 * the actions that act on exactly one person. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_RESOLVE_H
#define FRONTDESK_ACTIONS_RESOLVE_H

#include <stdbool.h>

#include "frontdesk/rules.h"

struct desk;

/*
 * Returns the id named by query, once normalised (normalise.h): an external
 * code, a ticket code (checked, secret compared in constant time) or a reg_no
 * (matched without regard to case). Returns -1 and sets
 * *failure to the BAD_CODE or NOT_FOUND verdict otherwise. Names are not
 * resolved: a name can match several people.
 */
long resolve_one(struct desk *desk, const char *query, struct verdict *failure);

#endif
