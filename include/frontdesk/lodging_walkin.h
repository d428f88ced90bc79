/*
 * lodging_walkin: may the desk give a room to someone who booked none?
 * (DESIGN section 3: "Lodging was booked in advance: an attendee who
 * registered no room may ask at the desk and gets one only from what is left
 * after every booked request is covered; otherwise the desk says no and
 * suggests the overflow hotel".)
 *
 * The rule. The booked requests still waiting are those of approved, not
 * withdrawn attendees who have not checked in and have no bed yet (a bed held
 * for a roommate counts as theirs); a walk-in granted earlier and not yet
 * checked in waits like a booking. On each night of the walk-in's stay, count
 * per hotel what nobody sleeps in or holds: empty king rooms, empty twin
 * rooms, and per gender the free beds beside a lone sharer. The waiting
 * requests are laid onto that as the allocator would place them: a sharer
 * joins a lone sharer of their gender (in any hotel, the programme hotel
 * first) before opening a twin room in the first hotel that has one; a king
 * or twin_single guest takes their type in the first hotel that has a room,
 * else the other type there ("interchangeable"), before the next hotel. That
 * gives how many waiting guests each hotel takes, how many get the other
 * type (swaps) and how many get nothing (the shortfall). Who comes first takes
 * the last rooms, so it is done for every order of the four groups (women
 * sharers, men sharers, king guests, twin_single guests).
 *
 * A walk-in is tried as the allocator would place them (lodging_allocate, or
 * only in the hotels from a given rank on) and kept only when, on every
 * night of their stay and in every order, nothing is short, the swaps did not
 * grow, and as many waiting guests as before sleep in the programme hotel, in
 * it or the first overflow hotel, and so on: free capacity minus what the
 * booked requests still need stays >= 0, per night, per room type and, for
 * beds, per gender, and no booking is pushed into the other room type or a
 * worse hotel by a walk-in.
 *
 * Its bound: nights are counted one by one, and a sharer pair is counted as
 * filling a twin room on the same nights, while a guest needs one room for
 * all of their nights; and arrivals are counted group by group, while real
 * ones interleave. With staggered stays the counts can say "fits" where no
 * single room is free on every night a waiting guest needs (that guest is
 * then swapped or moved at check-in, and flagged, as in any shortage), and a
 * walk-in can be refused where a cleverer placement would have fitted. The
 * rule looks at the hotels when the walk-in is granted; someone granted
 * before checking in is placed at check-in like any arrival.
 */
#ifndef FRONTDESK_LODGING_WALKIN_H
#define FRONTDESK_LODGING_WALKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/lodging.h"

/* What is free on one night in one hotel (or several): nobody sleeps there, no bed held. */
struct lodging_free {
	int king;    /* king rooms with nobody in them */
	int twin;    /* twin rooms with nobody in them */
	int lone[2]; /* the free bed beside a lone sharer, [0] for a woman, [1] for a man */
};

/* What the waiting booked requests need on one night, over all hotels. */
struct lodging_need {
	int king;
	int twin_single;
	int bed[2]; /* sharers, [0] women, [1] men */
};

/*
 * Fills out[rank * n_nights + night] for rank 0..n_ranks-1 and night
 * 0..n_nights-1 with what is free in the hotel of that rank that night.
 * Rooms of a higher rank are left out.
 */
void lodging_count_free(const struct lodging_state *state, int n_ranks, int n_nights,
                        struct lodging_free *out);

/*
 * Adds a waiting request to need[0..n_nights): one per night of its stay. A
 * sharer without a gender adds nothing (the desk cannot place them: they are
 * refused at check-in), nor does a guest without a room request.
 */
void lodging_need_add(struct lodging_need *need, int n_nights, const struct lodging_guest *g);

/* The groups of waiting guests, which come in some order. */
enum cover_group {
	COVER_WOMEN, /* sharers */
	COVER_MEN,
	COVER_KING,
	COVER_TWIN_SINGLE,
	COVER_GROUPS,
};

/* How the waiting requests fit on one night. */
struct lodging_cover {
	int short_guests; /* waiting guests who get no place (0: all of them fit) */
	int swapped;      /* whole-room guests who get the other room type */
};

/*
 * Lays need onto hotels[0..n_ranks) (what is free that night in the hotel of
 * each rank), the groups coming in order, as the allocator would place them;
 * writes into placed[0..n_ranks) how many guests each hotel takes and fills
 * *out.
 */
void lodging_cover_of(const struct lodging_free *hotels, int n_ranks,
                      const struct lodging_need *need, const enum cover_group order[COVER_GROUPS],
                      int *placed, struct lodging_cover *out);

/* The hotels as the rule sees them before or after a walk-in is placed. */
struct walkin_counts {
	int n_ranks;
	int n_nights;
	const struct lodging_free *free; /* [rank * n_nights + night], as lodging_count_free */
	const struct lodging_need *need; /* [night] */
};

/*
 * Returns true when the placement that turned before into after leaves every
 * waiting request as well placed, on each night of nights: for every set of
 * hotels from the programme hotel to rank r, the shortfall and the swaps did
 * not grow; over all hotels nothing is short. before and after must have the
 * same shape and the same needs.
 */
bool lodging_walkin_allowed(const struct walkin_counts *before, const struct walkin_counts *after,
                            uint64_t nights);

/*
 * Places guest as lodging_allocate would if the hotels before min_rank were not
 * there (min_rank 0: lodging_allocate itself), into state. Returns true with
 * *out filled (rooms are indices of state), or false with the state unchanged.
 */
bool lodging_allocate_from_rank(struct lodging_state *state, const struct lodging_guest *guest,
                                int min_rank, struct lodging_result *out);

/* One way to try a walk-in: a room request, placed in the hotels from min_rank on. */
struct walkin_try {
	enum room_request request;
	int min_rank;
};

/* The most tries lodging_walkin_tries writes for n_ranks hotels. */
#define WALKIN_MAX_TRIES(n_ranks) (2 * (size_t)(n_ranks))

/*
 * Writes the ways to try a walk-in asking for request (ROOM_KING,
 * ROOM_TWIN_SINGLE or ROOM_BED), best first, into out (room for
 * WALKIN_MAX_TRIES(n_ranks)), and returns how many: from every hotel, then
 * from the first overflow hotel on, and so on; at each step the type asked
 * for, then for a whole room the other type, which costs the same. 0 for
 * any other request.
 */
size_t lodging_walkin_tries(enum room_request request, int n_ranks, struct walkin_try *out);

#endif
