/*
 * room_share owns the two rules that keep desks from giving one bed twice
 * when an event runs at several desks without a network (issue 15,
 * docs/merge.md "Rooms shared among desks"): which desk owns which room, and
 * what a desk may do in rooms it does not own. The allocator (lodging.c) only
 * obeys what room_share_access decided; the store writes the share-out into
 * room.share_desk and tells which desk's guests sleep where.
 *
 * Why round-robin in (type, floor, number) order: any run of consecutive
 * rooms dealt round-robin gives every desk the same count, give or take one,
 * and the rooms of one type on one floor are such a run, as are the rooms of
 * one type in one hotel. So each desk can house its fair part of each kind of
 * guest, and no desk gets all the rooms near the lift.
 */
#include "frontdesk/room_share.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

/* ---- natural order ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Compares the digit runs at *a and *b by value (leading zeros ignored), advancing both. */
static int digits_cmp(const char **a, const char **b)
{
	while (**a == '0' && is_digit((*a)[1])) {
		(*a)++;
	}
	while (**b == '0' && is_digit((*b)[1])) {
		(*b)++;
	}
	size_t na = strspn(*a, "0123456789"), nb = strspn(*b, "0123456789");
	int c = na != nb ? (na < nb ? -1 : 1) : strncmp(*a, *b, na);
	*a += na;
	*b += nb;
	return c;
}

int room_share_natural_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return (a != NULL) - (b != NULL);
	}
	while (*a != '\0' && *b != '\0') {
		int c = 0;
		if (is_digit(*a) && is_digit(*b)) {
			c = digits_cmp(&a, &b);
		} else if (*a != *b) {
			c = (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		} else {
			a++, b++;
		}
		if (c != 0) {
			return c;
		}
	}
	return (*a != '\0') - (*b != '\0');
}

/* ---- the share-out ---- */

struct deal_key {
	const struct share_room *room;
	size_t index;
};

static int deal_cmp(const void *pa, const void *pb)
{
	const struct deal_key *x = pa, *y = pb;
	int c;

	if (x->room->hotel_rank != y->room->hotel_rank) {
		return x->room->hotel_rank < y->room->hotel_rank ? -1 : 1;
	}
	if (x->room->kind != y->room->kind) {
		return x->room->kind == ROOMKIND_KING ? -1 : 1;
	}
	if ((c = room_share_natural_cmp(x->room->floor, y->room->floor)) != 0 ||
	    (c = room_share_natural_cmp(x->room->room, y->room->room)) != 0) {
		return c;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

void room_share_deal(const struct share_room *rooms, size_t n, size_t n_desks, int *desk_of)
{
	struct deal_key *keys = xcalloc(n ? n : 1, sizeof(*keys));

	for (size_t i = 0; i < n; i++) {
		keys[i] = (struct deal_key){&rooms[i], i};
	}
	qsort(keys, n, sizeof(*keys), deal_cmp);
	for (size_t k = 0; k < n; k++) {
		desk_of[keys[k].index] = n_desks > 0 ? (int)(k % n_desks) : 0;
	}
	free(keys);
}

/* ---- borrowing ---- */

bool room_share_may_borrow(const struct share_seen *s)
{
	if (s->age < 0 || s->age > ROOM_SHARE_FRESH_SECONDS || s->unopened == 0) {
		return false;
	}
	/* left in front of the room taken, for the owner to open first */
	if (s->unopened - 1 < ROOM_SHARE_RESERVE) {
		return false;
	}
	return 2 * (s->borrowed + 1) <= s->borrowed + s->unopened;
}

/* One other desk's share of one type in one hotel: what this desk sees of it. */
struct share_group {
	int share, rank;
	enum room_kind kind;
	struct share_seen seen;
	size_t far_end; /* its last unopened room in allocator order */
};

static struct share_group *group_of(struct share_group **groups, size_t *n,
                                    const struct share_view *r, size_t i)
{
	for (size_t g = 0; g < *n; g++) {
		struct share_group *x = &(*groups)[g];
		if (x->share == r->share && x->rank == r->hotel_rank && x->kind == r->kind) {
			return x;
		}
	}
	*groups = xreallocarray(*groups, *n + 1, sizeof(**groups));
	(*groups)[*n] = (struct share_group){r->share, r->hotel_rank, r->kind, {0, 0, -1}, i};
	return &(*groups)[(*n)++];
}

/* What the desk may do in a room, before borrowing is considered. */
static enum lodging_access own_access(const struct share_view *r, int desk)
{
	if (r->share == 0) {
		return LODGING_ACCESS_FREE; /* not shared out: every desk, as with one desk */
	}
	if (r->theirs) {
		return LODGING_ACCESS_CLOSED; /* another desk may be pairing a stranger with them */
	}
	return r->share == desk || r->ours ? LODGING_ACCESS_FREE : LODGING_ACCESS_CLOSED;
}

struct sleepers {
	const unsigned char *checked_in;
	long max_id;
	struct share_view *rooms;
	size_t n;
};

static void take_sleeper(const struct lodging_stay *stay, void *arg)
{
	struct sleepers *s = arg;
	long id = stay->attendee_id;
	enum share_checkin where =
	    id >= 0 && id <= s->max_id ? s->checked_in[id] : SHARE_CHECKIN_NONE;

	if (stay->room < s->n) {
		struct share_view *room = &s->rooms[stay->room];
		room->empty = false;
		room->ours |= where == SHARE_CHECKIN_OURS;
		room->theirs |= where == SHARE_CHECKIN_THEIRS;
	}
}

void room_share_sleepers(const struct lodging_state *state, size_t n,
                         const unsigned char *checked_in, long max_id, struct share_view *rooms)
{
	struct sleepers s = {checked_in, max_id, rooms, n};

	for (size_t i = 0; i < n; i++) {
		rooms[i].empty = true;
		rooms[i].ours = false;
		rooms[i].theirs = false;
	}
	lodging_each_stay(state, take_sleeper, &s);
}

void room_share_access(const struct share_view *rooms, size_t n, int desk, const long *age_of,
                       int n_desks, enum lodging_access *access)
{
	struct share_group *groups = NULL;
	size_t n_groups = 0;

	for (size_t i = 0; i < n; i++) {
		const struct share_view *r = &rooms[i];
		access[i] = own_access(r, desk);
		if (r->share == 0 || r->share == desk || r->share > n_desks || r->theirs) {
			continue;
		}
		struct share_group *g = group_of(&groups, &n_groups, r, i);
		g->seen.age = age_of[r->share];
		g->seen.borrowed += r->ours ? 1 : 0;
		if (r->empty) {
			g->seen.unopened++;
			g->far_end = i;
		}
	}
	for (size_t k = 0; k < n_groups; k++) {
		if (room_share_may_borrow(&groups[k].seen)) {
			access[groups[k].far_end] = LODGING_ACCESS_BORROW;
		}
	}
	free(groups);
}
