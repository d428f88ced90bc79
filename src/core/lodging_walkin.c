/*
 * lodging_walkin owns the rule for rooms asked for at the desk by someone who
 * booked none (the rule and its bound: frontdesk/lodging_walkin.h). It only
 * counts: the allocator (lodging.c) still decides where a walk-in sleeps,
 * and the action tries the placements lodging_walkin_tries lists and keeps
 * the first one lodging_walkin_allowed accepts. Counting per night on the
 * room masks keeps a check at O(rooms x nights), a few milliseconds on the
 * bench event, so the desk can try several placements in one action.
 */
#include "frontdesk/lodging_walkin.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"
#include "lodging_private.h"

void lodging_count_free(const struct lodging_state *state, int n_ranks, int n_nights,
                        struct lodging_free *out)
{
	memset(out, 0, (size_t)n_ranks * (size_t)n_nights * sizeof(*out));
	for (size_t room = 0; room < state->n_rooms; room++) {
		int rank = state->rooms[room].hotel_rank;
		if (rank < 0 || rank >= n_ranks) {
			continue;
		}
		const struct room_masks *m = &state->info[room].m;
		uint64_t used = m->bed[0] | m->bed[1];
		/* one bed taken by a sharer, the other free and not held */
		uint64_t lone = (m->bed[0] ^ m->bed[1]) & ~m->held & ~m->whole;
		for (int night = 0; night < n_nights; night++) {
			uint64_t bit = UINT64_C(1) << night;
			struct lodging_free *f = &out[rank * n_nights + night];
			if ((used & bit) == 0 && is_twin(state, room)) {
				f->twin++;
			} else if ((used & bit) == 0) {
				f->king++;
			} else if (is_twin(state, room) && (lone & bit) != 0) {
				f->lone[0] += (m->shared_sex[0] & bit) != 0;
				f->lone[1] += (m->shared_sex[1] & bit) != 0;
			}
		}
	}
}

void lodging_need_add(struct lodging_need *need, int n_nights, const struct lodging_guest *g)
{
	int sx = sex_slot(g->gender);

	for (int night = 0; night < n_nights && night < LODGING_MAX_NIGHTS; night++) {
		if ((g->nights & (UINT64_C(1) << night)) == 0) {
			continue;
		}
		if (g->request == ROOM_KING) {
			need[night].king++;
		} else if (g->request == ROOM_TWIN_SINGLE) {
			need[night].twin_single++;
		} else if (g->request == ROOM_BED && sx >= 0) {
			need[night].bed[sx]++;
		}
	}
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

/* One group of waiting sharers: beds beside lone sharers (any hotel, in rank order), then
 * twin rooms in pairs, hotel by hotel, using up the rooms of left. */
static void lay_sharers(struct lodging_free *left, int n_ranks, int sx, int n, int *placed,
                        struct lodging_cover *out)
{
	for (int rank = 0; rank < n_ranks && n > 0; rank++) {
		int k = min_int(n, left[rank].lone[sx]);
		left[rank].lone[sx] -= k;
		placed[rank] += k;
		n -= k;
	}
	for (int rank = 0; rank < n_ranks && n > 0; rank++) {
		int rooms = min_int((n + 1) / 2, left[rank].twin);
		int k = min_int(n, 2 * rooms);
		left[rank].twin -= rooms;
		placed[rank] += k;
		n -= k;
	}
	out->short_guests += n;
}

/* One group of whole-room guests: in each hotel in turn, their own type, then the other. */
static void lay_whole(struct lodging_free *left, int n_ranks, bool king, int n, int *placed,
                      struct lodging_cover *out)
{
	for (int rank = 0; rank < n_ranks && n > 0; rank++) {
		int *own = king ? &left[rank].king : &left[rank].twin;
		int *other = king ? &left[rank].twin : &left[rank].king;
		int k = min_int(n, *own);
		int swapped = min_int(n - k, *other);
		*own -= k;
		*other -= swapped;
		placed[rank] += k + swapped;
		out->swapped += swapped;
		n -= k + swapped;
	}
	out->short_guests += n;
}

/*
 * The allocator's order for a guest, and the same nights for everyone, make
 * this what lodging_allocate would do with these guests arriving group by
 * group: a sharer joins a lone sharer of their gender wherever there is one
 * (lower ranks first) before opening a twin room (never a king room) in the
 * first hotel that has one; a whole-room guest takes their type in the first
 * hotel, else the other type there, before the next hotel.
 */
void lodging_cover_of(const struct lodging_free *hotels, int n_ranks,
                      const struct lodging_need *need, const enum cover_group order[COVER_GROUPS],
                      int *placed, struct lodging_cover *out)
{
	struct lodging_free *left = xcalloc((size_t)n_ranks + 1, sizeof(*left));

	memcpy(left, hotels, (size_t)n_ranks * sizeof(*left));
	memset(placed, 0, (size_t)n_ranks * sizeof(*placed));
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < COVER_GROUPS; i++) {
		switch (order[i]) {
		case COVER_WOMEN:
		case COVER_MEN:
			lay_sharers(left, n_ranks, order[i] == COVER_WOMEN ? 0 : 1,
			            need->bed[order[i] == COVER_WOMEN ? 0 : 1], placed, out);
			break;
		case COVER_KING:
			lay_whole(left, n_ranks, true, need->king, placed, out);
			break;
		case COVER_TWIN_SINGLE:
			lay_whole(left, n_ranks, false, need->twin_single, placed, out);
			break;
		case COVER_GROUPS:
			break;
		}
	}
	free(left);
}

/* The next order of the groups (lexicographic), false after the last. */
static bool next_order(enum cover_group *o)
{
	int i = COVER_GROUPS - 2;

	while (i >= 0 && o[i] >= o[i + 1]) {
		i--;
	}
	if (i < 0) {
		return false;
	}
	int j = COVER_GROUPS - 1;
	while (o[j] <= o[i]) {
		j--;
	}
	enum cover_group t = o[i];
	o[i] = o[j];
	o[j] = t;
	for (int a = i + 1, b = COVER_GROUPS - 1; a < b; a++, b--) {
		t = o[a];
		o[a] = o[b];
		o[b] = t;
	}
	return true;
}

/* Whether, for one order, after leaves every waiting guest as well placed as before. */
static bool no_worse(const struct lodging_free *had, const struct lodging_free *has, int n_ranks,
                     const struct lodging_need *need, const enum cover_group *order, int *was_at,
                     int *is_at)
{
	struct lodging_cover was, is;
	int was_near = 0, is_near = 0;

	lodging_cover_of(had, n_ranks, need, order, was_at, &was);
	lodging_cover_of(has, n_ranks, need, order, is_at, &is);
	if (is.short_guests > 0 || is.swapped > was.swapped) {
		return false;
	}
	/* as many of them in the programme hotel, in it or the first overflow hotel, ... */
	for (int rank = 0; rank < n_ranks; rank++) {
		was_near += was_at[rank];
		is_near += is_at[rank];
		if (is_near < was_near) {
			return false;
		}
	}
	return true;
}

/* The rule on one night, for every order in which the groups of waiting guests can come. */
static bool night_allowed(const struct walkin_counts *before, const struct walkin_counts *after,
                          int night)
{
	int n = before->n_ranks;
	struct lodging_free *had = xcalloc((size_t)n, sizeof(*had));
	struct lodging_free *has = xcalloc((size_t)n, sizeof(*has));
	int *was_at = xcalloc((size_t)n, sizeof(int)), *is_at = xcalloc((size_t)n, sizeof(int));
	enum cover_group order[COVER_GROUPS] = {COVER_WOMEN, COVER_MEN, COVER_KING,
	                                        COVER_TWIN_SINGLE};
	bool ok = true, more = true;

	for (int rank = 0; rank < n; rank++) {
		had[rank] = before->free[rank * before->n_nights + night];
		has[rank] = after->free[rank * after->n_nights + night];
	}
	while (ok && more) {
		ok = no_worse(had, has, n, &before->need[night], order, was_at, is_at);
		more = next_order(order);
	}
	free(had);
	free(has);
	free(was_at);
	free(is_at);
	return ok;
}

bool lodging_walkin_allowed(const struct walkin_counts *before, const struct walkin_counts *after,
                            uint64_t nights)
{
	if (before->n_ranks != after->n_ranks || before->n_nights != after->n_nights ||
	    before->n_ranks <= 0) {
		return false;
	}
	for (int night = 0; night < before->n_nights && night < LODGING_MAX_NIGHTS; night++) {
		if ((nights & (UINT64_C(1) << night)) != 0 &&
		    !night_allowed(before, after, night)) {
			return false;
		}
	}
	return true;
}

size_t lodging_walkin_tries(enum room_request request, int n_ranks, struct walkin_try *out)
{
	enum room_request other = request == ROOM_KING          ? ROOM_TWIN_SINGLE
	                          : request == ROOM_TWIN_SINGLE ? ROOM_KING
	                                                        : ROOM_NONE;
	size_t n = 0;

	if (request != ROOM_KING && request != ROOM_TWIN_SINGLE && request != ROOM_BED) {
		return 0;
	}
	for (int rank = 0; rank < n_ranks; rank++) {
		out[n++] = (struct walkin_try){request, rank};
		if (other != ROOM_NONE) {
			out[n++] = (struct walkin_try){other, rank};
		}
	}
	return n;
}

/*
 * The allocator has no notion of "not in these hotels", and should not: so
 * the hotels from min_rank on are copied into a state of their own with their
 * stays, the guest is placed there by lodging_allocate, and that very bed is
 * taken in the real state with lodging_place_at. A walk-in is one guest; the
 * copy costs a pass over the stays, once per try.
 */
bool lodging_allocate_from_rank(struct lodging_state *state, const struct lodging_guest *guest,
                                int min_rank, struct lodging_result *out)
{
	if (min_rank <= 0) {
		lodging_allocate(state, guest, out);
		return out->outcome == LODGING_PLACED;
	}
	size_t n_rooms = 0, *to_sub = xcalloc(state->n_rooms + 1, sizeof(size_t));
	size_t *to_full = xcalloc(state->n_rooms + 1, sizeof(size_t));
	struct lodging_room *rooms = xcalloc(state->n_rooms + 1, sizeof(*rooms));
	for (size_t i = 0; i < state->n_rooms; i++) {
		to_sub[i] = LODGING_NONE;
		if (state->rooms[i].hotel_rank >= min_rank) {
			rooms[n_rooms] = state->rooms[i];
			to_full[n_rooms] = i;
			to_sub[i] = n_rooms++;
		}
	}
	struct lodging_state *sub = lodging_new(rooms, n_rooms);
	for (size_t k = 0; k < n_rooms; k++) {
		lodging_set_access(sub, k,
		                   state->info[to_full[k]].access); /* the same desk's rights */
	}
	for (size_t i = 0; i < state->n_slots; i++) {
		struct lodging_stay s = state->slots[i].stay;
		if (state->slots[i].live && to_sub[s.room] != LODGING_NONE) {
			s.room = to_sub[s.room];
			lodging_add_stay(sub, &s); /* valid in state, so valid in a part of it */
		}
	}
	struct lodging_result there;
	lodging_allocate(sub, guest, &there);
	bool placed = there.outcome == LODGING_PLACED &&
	              lodging_place_at(state, guest, to_full[there.room], there.bed, out);
	if (!placed) {
		memset(out, 0, sizeof(*out));
		out->shares_with = -1;
		out->outcome = there.outcome == LODGING_PLACED ? LODGING_NO_ROOM : there.outcome;
	}
	lodging_free(sub);
	free(rooms);
	free(to_sub);
	free(to_full);
	return placed;
}
