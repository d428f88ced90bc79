/*
 * lodging_check owns the invariant checker (lodging_check): it re-derives
 * every rule of DESIGN section 3, "Lodging", from the stays alone, without
 * trusting the masks and index that lodging.c keeps for speed, and reports
 * the first broken one. It is its own file because it must stay independent
 * of the code it checks: the tests and `rooms list` rely on it to catch a
 * bug in the allocator or in settle.
 *
 * It also owns the rule for gender conflicts (issue 14): two stays of one room
 * clash when both are sharers or holds, share a night, and do not have the
 * same known gender. The allocator never makes one; a re-import that corrects
 * a lodged sharer's gender does. Those stays are the desk's facts and are kept
 * (lodging_load_stay), the room is closed to newcomers, and the clash is
 * reported to the staff instead of being called a broken invariant; it still
 * is one in a room where nothing was loaded that way.
 */
#include "frontdesk/lodging.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"
#include "lodging_private.h"

static char *stay_problem(const struct lodging_state *st, const struct lodging_stay *s)
{
	long id = st->rooms[s->room].id;

	if (s->bed < 1 || s->bed > 2) {
		return xasprintf("room %ld: attendee %ld in bed %d", id, s->attendee_id, s->bed);
	}
	if (s->use != USE_WHOLE && s->use != USE_SHARED && s->use != USE_HELD) {
		return xasprintf("room %ld: attendee %ld has an unknown use", id, s->attendee_id);
	}
	if (s->use == USE_WHOLE && s->bed != 1) {
		return xasprintf("room %ld: whole-room guest %ld in bed 2", id, s->attendee_id);
	}
	if (s->use != USE_WHOLE && !is_twin(st, s->room)) {
		return xasprintf("room %ld: king room shared by %ld", id, s->attendee_id);
	}
	if (s->use != USE_WHOLE && sex_slot(s->gender) < 0 && !st->info[s->room].loaded_conflict) {
		return xasprintf("room %ld: sharer %ld without gender", id, s->attendee_id);
	}
	return NULL;
}

bool lodging_genders_clash(const struct lodging_stay *a, const struct lodging_stay *b)
{
	return a->use != USE_WHOLE && b->use != USE_WHOLE && (a->nights & b->nights) != 0 &&
	       (a->gender != b->gender || sex_slot(a->gender) < 0);
}

uint64_t lodging_stay_conflict(const struct lodging_stay *s, const struct lodging_stay *room_stays,
                               size_t n)
{
	uint64_t nights = s->use != USE_WHOLE && sex_slot(s->gender) < 0 ? s->nights : 0;

	for (size_t i = 0; i < n; i++) {
		if (&room_stays[i] != s && lodging_genders_clash(s, &room_stays[i])) {
			nights |= s->nights & room_stays[i].nights;
		}
	}
	return nights;
}

/* The nights of the room's gender conflict, from its stays alone (not from its masks). */
static uint64_t stays_conflict(const struct lodging_state *st, size_t room)
{
	uint64_t nights = 0;

	for (size_t i = st->info[room].first; i != LODGING_NONE; i = st->slots[i].room_next) {
		const struct lodging_stay *a = &st->slots[i].stay;

		nights |= a->use != USE_WHOLE && sex_slot(a->gender) < 0 ? a->nights : 0;
		for (size_t k = st->slots[i].room_next; k != LODGING_NONE;
		     k = st->slots[k].room_next) {
			if (lodging_genders_clash(a, &st->slots[k].stay)) {
				nights |= a->nights & st->slots[k].stay.nights;
			}
		}
	}
	return nights;
}

static char *pair_problem(const struct lodging_state *st, const struct lodging_stay *a,
                          const struct lodging_stay *b)
{
	uint64_t both = a->nights & b->nights;
	long id = st->rooms[a->room].id;
	int night = both ? __builtin_ctzll(both) : 0;

	if (both == 0) {
		return NULL;
	}
	if (a->bed == b->bed) {
		return xasprintf("room %ld bed %d night %d: attendees %ld and %ld", id, a->bed,
		                 night, a->attendee_id, b->attendee_id);
	}
	if (a->use == USE_WHOLE || b->use == USE_WHOLE) {
		return xasprintf("room %ld night %d: whole-room guest with another (%ld, %ld)", id,
		                 night, a->attendee_id, b->attendee_id);
	}
	if (lodging_genders_clash(a, b) && !st->info[a->room].loaded_conflict) {
		return xasprintf("room %ld night %d: mixed genders (%ld, %ld)", id, night,
		                 a->attendee_id, b->attendee_id);
	}
	return NULL;
}

static char *room_problem(const struct lodging_state *st, size_t room, size_t *seen)
{
	struct room_masks m;
	char *p = NULL;

	for (size_t i = st->info[room].first; i != LODGING_NONE && p == NULL;
	     i = st->slots[i].room_next) {
		const struct lodging_stay *a = &st->slots[i].stay;

		(*seen)++;
		if (!st->slots[i].live || a->room != room) {
			return xasprintf("room %ld: stay list damaged", st->rooms[room].id);
		}
		p = stay_problem(st, a);
		for (size_t k = st->slots[i].room_next; k != LODGING_NONE && p == NULL;
		     k = st->slots[k].room_next) {
			p = pair_problem(st, a, &st->slots[k].stay);
		}
	}
	if (p == NULL) {
		lodging_room_masks(st, room, &m);
		if (memcmp(&m, &st->info[room].m, sizeof(m)) != 0) {
			p = xasprintf("room %ld: night masks out of date", st->rooms[room].id);
		} else if (room_conflict(&m) != stays_conflict(st, room)) {
			p = xasprintf("room %ld: gender conflict misread", st->rooms[room].id);
		}
	}
	return p;
}

bool lodging_check(const struct lodging_state *state, char **problem)
{
	char *p = NULL;
	size_t seen = 0;

	for (size_t r = 0; r < state->n_rooms && p == NULL; r++) {
		p = room_problem(state, r, &seen);
	}
	if (p == NULL && seen != state->n_live) {
		p = xasprintf("%zu stays, %zu in rooms", state->n_live, seen);
	}
	if (problem != NULL) {
		*problem = p;
	} else {
		free(p);
	}
	return p == NULL;
}
