/*
 * rooms_private: the store's rooming list (rooming.h) turned into the actions'
 * own view (struct rooms_view, actions/rooms.h), and core's notice for one
 * place in it. Private to src/actions: the front ends get the view, with the
 * notice already decided, and never see the store's types.
 */
#ifndef FRONTDESK_ACTIONS_ROOMS_PRIVATE_H
#define FRONTDESK_ACTIONS_ROOMS_PRIVATE_H

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/lodging_notice.h"
#include "frontdesk/rooming.h"

/* Fills *out with what core says must be told about occupant o of room r (lodging_notice.h;
 * src/actions/lodging_view.c). */
void action_place_notice(const struct rooming_room *r, const struct occupant *o,
                         struct lodging_notice *out);

/* Fills *out with room r: its occupants, with the charge at rates and the notice flags, the
 * strings copied. r is left as it is; release *out with rooms_view_release_room. */
void rooms_view_fill_room(const struct lodging_rates *rates, const struct rooming_room *r,
                          struct room_view *out);
/* Frees what *r holds and empties it. */
void rooms_view_release_room(struct room_view *r);

/* Fills *out from l: every room and occupant, with the charge at the desk's rates and the
 * notice flags (src/actions/rooms.c). l is left as it is; release *out with
 * action_rooms_view_release. */
void rooms_view_fill(const struct desk *desk, const struct rooming_list *l, struct rooms_view *out);

#endif
