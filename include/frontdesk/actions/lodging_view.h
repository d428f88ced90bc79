/*
 * actions/lodging_view (src/actions/lodging_view.c): where one person sleeps
 * and what the hotel charges, as the desk card, lookup and check-in show it.
 */
#ifndef FRONTDESK_ACTIONS_LODGING_VIEW_H
#define FRONTDESK_ACTIONS_LODGING_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/lodging_notice.h" /* the front ends read lodging.h through it */
#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"

/* Where one person sleeps, as the desk card and the CLI show it. */
struct lodging_info {
	enum room_request request;
	bool allocated;
	bool no_room; /* requested, but nothing was free in any hotel */
	/* no_room at this desk only: another desk's share of the rooms has one (merge, or
	 * the supervisor: docs/merge.md "Rooms shared among desks") */
	bool no_room_in_share;
	char *hotel;
	char *room;
	char *floor;
	int bed;
	enum room_kind kind;
	bool swapped;           /* a whole-room guest given the other room type */
	bool overflow;          /* an overflow hotel */
	bool roommate_expected; /* the other bed is held for a requested roommate */
	bool supplement;        /* tell the guest about the single supplement (lodging_notice.h) */
	bool gender_to_verify;  /* the room holds two genders since a re-import: say so, check */
	char **roommates;       /* names of the others in the room (any night) */
	size_t n_roommates;
	long first_night;
	uint64_t nights;
	int supplement_nights; /* nights alone so far (final after `rooms settle`) */
	int charge;            /* yuan, paid to the hotel */
};

/* Frees what *out holds and empties it. */
void action_lodging_release(struct lodging_info *out);

#endif
