/*
 * room_share: which desk opens which room when one event runs at several desks
 * (DESIGN section 4, issue 15, docs/merge.md "Rooms shared among desks").
 *
 * Two pure rules. The share-out, run once by `frontdesk desks A B C` on the
 * prepared database: per hotel, rooms in (type, floor, room number) order are
 * dealt round-robin, so each desk's count of every type, and of every type on
 * every floor, differs from another desk's by at most one. And the access at
 * check-in: a desk opens and pairs only in its own share and in rooms it
 * opened itself; when it may borrow an unopened room of another desk's share
 * (room_share_may_borrow) it takes only the far end of that share, the room
 * the owner would open last.
 */
#ifndef FRONTDESK_ROOM_SHARE_H
#define FRONTDESK_ROOM_SHARE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/lodging.h"
#include "frontdesk/roomlist.h"

/* A room as the share-out sees it (strings borrowed; floor may be NULL). */
struct share_room {
	int hotel_rank; /* one hotel, one rank (roomlist.h) */
	enum room_kind kind;
	const char *floor;
	const char *room;
};

/*
 * Deals the rooms among n_desks desks (1 or more): writes into desk_of[i] the
 * desk (0 .. n_desks-1, in the order the desks were named) of rooms[i]. Hotels
 * are taken by rank; within a hotel, rooms go
 * by type (king, then twin), floor, room number, in natural order ("9" before
 * "10"), and one count runs on over hotels and types, so totals stay level too.
 */
void room_share_deal(const struct share_room *rooms, size_t n, size_t n_desks, int *desk_of);

/*
 * Compares two room numbers or floors in natural order: runs of digits by
 * value, the rest byte by byte; NULL sorts first. Returns <0, 0 or >0.
 */
int room_share_natural_cmp(const char *a, const char *b);

/*
 * The borrowing rule's thresholds (docs/merge.md states them and the bound).
 * A share is seen recently when the owner's latest entry merged here is at
 * most ROOM_SHARE_FRESH_SECONDS old; it is never borrowed from once fewer than
 * ROOM_SHARE_RESERVE of its rooms would be left unopened in front of the one
 * taken, nor beyond half of what was unopened when this desk began.
 */
#define ROOM_SHARE_FRESH_SECONDS (30L * 60L)
#define ROOM_SHARE_RESERVE       6

/* One other desk's share of one room type in one hotel, as this desk sees it. */
struct share_seen {
	size_t unopened; /* rooms of the share with no stay on any night */
	size_t borrowed; /* rooms of the share only this desk's guests sleep in */
	long age;        /* seconds since the owner's latest entry merged here; <0: none seen */
};

/*
 * Whether this desk may take one more room of the share: the owner was seen
 * recently, and after taking it at least ROOM_SHARE_RESERVE rooms stay
 * unopened and this desk holds no more than half of the share's rooms that
 * were unopened (borrowed + unopened).
 */
bool room_share_may_borrow(const struct share_seen *s);

/* A room of the picture, as the access rule sees it at one desk. */
struct share_view {
	int share;      /* the owning desk's position (1..), 0 when the room has none */
	int hotel_rank; /* rooms are given in the allocator's order: rank, then file order */
	enum room_kind kind;
	bool ours;   /* a guest checked in at this desk sleeps here on some night */
	bool theirs; /* a guest checked in at another desk sleeps here on some night */
	bool empty;  /* no stay at all (not even a held bed) on any night */
};

/* Where a guest was checked in, as the access rule sees it. */
enum share_checkin {
	SHARE_CHECKIN_NONE,   /* not checked in (a held bed) */
	SHARE_CHECKIN_OURS,   /* at this desk */
	SHARE_CHECKIN_THEIRS, /* at another desk */
};

/*
 * Sets ours, theirs and empty of each of the n rooms from who sleeps in them
 * in state (any night, holds too) and where each was checked in:
 * checked_in[id] for id 0..max_id (a guest beyond max_id counts as not
 * checked in). The other fields of rooms[] are left as they are.
 */
void room_share_sleepers(const struct lodging_state *state, size_t n,
                         const unsigned char *checked_in, long max_id, struct share_view *rooms);

/*
 * Decides, for desk (its position, 1..; 0 when it is not one of the named
 * desks: every share is another's), what it may do in each of the n rooms
 * (in allocator order) and writes it into access[]: FREE in a room without a
 * share, in its own share and in rooms only its guests sleep in; CLOSED in a
 * room another desk's guest sleeps in and in the rest of other shares; BORROW
 * for the last unopened room of another desk's share of a type in a hotel
 * when room_share_may_borrow allows it. age_of[p] is the age of desk p's
 * latest entry (as share_seen.age) for p in 1..n_desks (age_of[0] is not read).
 */
void room_share_access(const struct share_view *rooms, size_t n, int desk, const long *age_of,
                       int n_desks, enum lodging_access *access);

#endif
