/*
 * desk_private: what an open desk holds. Only src/actions sees inside it
 * (and the bench, which measures the layers below the actions); everyone else
 * goes through the actions and desk_config/desk_operator.
 */
#ifndef FRONTDESK_ACTIONS_DESK_PRIVATE_H
#define FRONTDESK_ACTIONS_DESK_PRIVATE_H

#include "frontdesk/actions/desk.h"

struct desk {
	struct db *db;
	struct event_config *cfg;
	char *operator_name;
	struct search_index *search; /* built on the first search (search.c) */
	struct stays_cache *stays;   /* the hotel picture kept between check-ins (stays.h) */
	struct share_cache *shares;  /* the rooms' shares, kept beside it (share_access.c) */
	struct status_counts
	    *counts;           /* the status line's figures, kept by delta (status_counts.h) */
	unsigned long lookups; /* action_lookup calls (action_lookup_stats) */
};

#endif
