/*
 * lodging_check owns the invariant checker (lodging_check): it re-derives
 * every rule of DESIGN section 3, "Lodging", from the stays alone, without
 * trusting the masks and index that lodging.c keeps for speed, and reports
 * the first broken one. It is its own file because it must stay independent
 * of the code it checks: the tests and `rooms list` rely on it to catch a
 * bug in the allocator or in settle.
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
	if (s->use != USE_WHOLE && sex_slot(s->gender) < 0) {
		return xasprintf("room %ld: sharer %ld without gender", id, s->attendee_id);
	}
	return NULL;
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
	if (a->gender != b->gender) {
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
