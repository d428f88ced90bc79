/*
 * lodging_view tells one person where they sleep and what the hotel will
 * charge, from the stored stays, without loading every room: the desk card
 * must stay fast on a 100k-person event.
 */
#include "frontdesk/actions/lodging_view.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/date.h"
#include "frontdesk/query.h"
#include "frontdesk/rooming.h"
#include "frontdesk/xmalloc.h"
#include "rooms_private.h"
#include "verdict.h"

/* The nights on which o's gender clashes with the room's, by core's rule (lodging.h). */
static uint64_t gender_conflict(const struct rooming_room *r, const struct occupant *o)
{
	struct lodging_stay *stays = xcalloc(r->n_occupants ? r->n_occupants : 1, sizeof(*stays));
	size_t mine = 0;

	for (size_t k = 0; k < r->n_occupants; k++) {
		const struct occupant *x = &r->occupants[k];
		stays[k] =
		    (struct lodging_stay){x->attendee_id, 0, x->bed, x->nights, x->gender, x->use};
		mine = x == o ? k : mine;
	}
	uint64_t nights = lodging_stay_conflict(&stays[mine], stays, r->n_occupants);
	free(stays);
	return nights;
}

void action_place_notice(const struct rooming_room *r, const struct occupant *o,
                         struct lodging_notice *out)
{
	struct lodging_place_facts f = {
	    o->request, o->use,          r->kind,   r->hotel_rank,
	    false,      o->alone_nights, o->walkin, gender_conflict(r, o)};

	for (size_t k = 0; k < r->n_occupants; k++) {
		f.roommate_held |= &r->occupants[k] != o && r->occupants[k].use == USE_HELD;
	}
	lodging_notice_of(&f, out);
}

/* Fills the room and charge facts from the person's own occupant entry. */
static void fill_from(const struct desk *desk, const struct rooming_room *r,
                      const struct occupant *me, struct lodging_info *out)
{
	struct lodging_rates rates = {desk->cfg->room_night, desk->cfg->bed_night};

	out->allocated = true;
	out->hotel = xstrdup(r->hotel);
	out->room = xstrdup(r->room);
	out->floor = r->floor ? xstrdup(r->floor) : NULL;
	out->bed = me->bed;
	out->kind = r->kind;
	struct lodging_notice notice;
	action_place_notice(r, me, &notice);
	out->swapped = notice.swapped;
	out->overflow = notice.overflow;
	out->supplement = notice.supplement;
	out->gender_to_verify = notice.gender_to_verify;
	out->nights = me->nights;
	out->supplement_nights = lodging_count_nights(me->alone_nights);
	out->charge = lodging_charge(&rates, me->use, me->nights, me->alone_nights);
	for (size_t k = 0; k < r->n_occupants; k++) {
		const struct occupant *o = &r->occupants[k];
		if (o == me) {
			continue;
		}
		if (o->use == USE_HELD) {
			out->roommate_expected = true;
			continue;
		}
		out->roommates =
		    xreallocarray(out->roommates, out->n_roommates + 1, sizeof(char *));
		out->roommates[out->n_roommates++] = xstrdup(o->name);
	}
}

void action_lodging_view(struct desk *desk, const struct attendee *a, struct lodging_info *out)
{
	struct rooming_list list;

	memset(out, 0, sizeof(*out));
	out->request = a->room;
	out->first_night = desk->cfg->first_night;
	long arrive, depart;
	if (a->room != ROOM_NONE && date_parse(a->arrive, &arrive) &&
	    date_parse(a->depart, &depart)) {
		/* the booked nights, until a bed says which ones are really spent there */
		out->nights = lodging_nights_mask(out->first_night, arrive, depart);
	}
	rooming_load(desk->db, desk->cfg->first_night, a->id, &list);
	for (size_t i = 0; i < list.n_rooms && !out->allocated; i++) {
		for (size_t k = 0; k < list.rooms[i].n_occupants; k++) {
			const struct occupant *o = &list.rooms[i].occupants[k];
			if (o->attendee_id == a->id && o->use != USE_HELD) {
				fill_from(desk, &list.rooms[i], o, out);
				break;
			}
		}
	}
	rooming_free(&list);
}

void action_lodging_release(struct lodging_info *out)
{
	free(out->hotel);
	free(out->room);
	free(out->floor);
	for (size_t i = 0; i < out->n_roommates; i++) {
		free(out->roommates[i]);
	}
	free(out->roommates);
	memset(out, 0, sizeof(*out));
}
