/*
 * lodging: rooms and beds (DESIGN section 3, "Lodging"), as pure functions on
 * an in-memory picture of the hotels.
 *
 * Nights are bits of a uint64_t: bit i is the night of first_night + i (an
 * event has at most 64 nights). A stay is one person in one bed of one room
 * for a set of nights. Whole-room guests (king, twin_single) take bed 1 and
 * the room is theirs; sharers take one bed of a twin room; a HELD stay keeps a
 * bed for a requested roommate who has not arrived yet.
 *
 * The store loads rooms and stays into a lodging_state, the allocator places
 * one guest at a time (the state is updated, so `rooms plan` places everyone
 * by calling it in a loop), and the store writes the result back.
 */
#ifndef FRONTDESK_LODGING_H
#define FRONTDESK_LODGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"

#define LODGING_MAX_NIGHTS 64

struct lodging_room {
	long id;        /* the caller's identifier (room.id); not interpreted here */
	int hotel_rank; /* 0 = programme hotel, 1.. = overflow hotels in order */
	enum room_kind kind;
};

enum lodging_use {
	USE_WHOLE,  /* a whole-room guest: the room is theirs on those nights */
	USE_SHARED, /* a sharer in one bed of a twin room */
	USE_HELD,   /* a bed kept for a mutually requested roommate not yet arrived */
};

struct lodging_stay {
	long attendee_id;
	size_t room; /* index into the rooms given to lodging_new */
	int bed;     /* 1 or 2; always 1 in a king room and for whole-room guests */
	uint64_t nights;
	enum gender gender;
	enum lodging_use use;
};

struct lodging_guest {
	long attendee_id;
	enum room_request request; /* ROOM_KING, ROOM_TWIN_SINGLE or ROOM_BED */
	enum gender gender;
	uint64_t nights;
	/* a mutual roommate request: both asked for each other, both ROOM_BED, same gender;
	 * -1 when none. roommate_nights are that person's nights (for holding a bed). */
	long roommate_id;
	uint64_t roommate_nights;
};

enum lodging_outcome {
	LODGING_PLACED,
	LODGING_NO_ROOM,        /* nothing fits in any hotel */
	LODGING_GENDER_MISSING, /* a sharer without a gender cannot be paired */
	LODGING_NOT_REQUESTED,  /* ROOM_NONE */
};

struct lodging_result {
	enum lodging_outcome outcome;
	size_t room; /* index into rooms */
	int bed;
	bool swapped;           /* whole-room guest given the other room type */
	bool overflow;          /* placed in an overflow hotel */
	bool joined_roommate;   /* took the bed held for them, or joined their requested roommate */
	long shares_with;       /* attendee sharing the room on most of the nights, or -1 */
	bool held_for_roommate; /* a bed was held for the requested roommate */
	uint64_t alone_nights;  /* for a sharer: nights with nobody in the other bed (for now) */
	/* LODGING_NO_ROOM only: a room this desk may not open (another desk's share) would
	 * take them, so merging with that desk, or the supervisor, can still house them */
	bool elsewhere;
};

/*
 * What the desk running the allocator may do in a room (room_share.h decides
 * it when the event runs at several desks). Every room starts FREE, so a state
 * nobody restricts allocates exactly as with one desk. The restriction touches
 * only choosing a room: opening an empty one and joining a lone sharer.
 * A held bed and lodging_place_at (a merge replaying where a desk put
 * someone) ignore it, and lodging_settle lifts it (settle sees every desk).
 */
enum lodging_access {
	LODGING_ACCESS_FREE,   /* open it, join a lone sharer in it */
	LODGING_ACCESS_CLOSED, /* another desk's: neither */
	LODGING_ACCESS_BORROW, /* another desk's, lent: open it when no FREE room of the same
	                        * hotel takes the guest (their type, for a whole-room guest) */
};

struct lodging_state;

/* Returns an empty picture of the given rooms (copied). Free with lodging_free. */
struct lodging_state *lodging_new(const struct lodging_room *rooms, size_t n_rooms);
void lodging_free(struct lodging_state *state);
void lodging_free(struct lodging_state *state);

/*
 * Makes room for n_stays stays (and as many attendees) in all at once. For a
 * caller that knows how many it will hold (rooms plan: 77,122 stays on the
 * bench event), where growing by doubling would leave up to half the stays'
 * memory spare (9.4 MiB for 5.6) and copy the attendee table while the old
 * one is still held. More than reserved still fit: the room grows as before.
 * Where anyone is placed does not depend on it.
 */
void lodging_reserve(struct lodging_state *state, size_t n_stays);

/*
 * Adds an existing stay (loaded from the database). Returns false, leaving the
 * state unchanged, when it would break an invariant (bed taken that night,
 * mixed genders, two in a king room, a sharer beside a whole-room guest).
 */
bool lodging_add_stay(struct lodging_state *state, const struct lodging_stay *stay);

/*
 * Adds a stay as the database holds it (stays.h), like lodging_add_stay except
 * that "never mixed genders" is not asked of it: a sharer or hold beside a
 * sharer of the other gender, or without a gender, is taken as stored. Beds
 * given are the desk's facts; when a re-import corrects a gender after them,
 * the room has a gender conflict (lodging_room_gender_conflict) and is closed:
 * nothing new is placed in it (allocate, place_at, settle) and settle moves
 * nobody out, until an undo ends the conflict. Returns false, the state
 * unchanged, for every other broken invariant (a bed taken that night, two in
 * a king room, a sharer beside a whole-room guest).
 */
bool lodging_load_stay(struct lodging_state *state, const struct lodging_stay *stay);

/*
 * The gender rule, as one pure function for the allocator's check, the rooming
 * list and the desk card: whether two stays of one room break "never mixed
 * genders", i.e. both are sharers or holds, share a night, and do not have the
 * same known gender.
 */
bool lodging_genders_clash(const struct lodging_stay *a, const struct lodging_stay *b);

/*
 * Returns the nights on which s, one of the n stays of its room (s may point
 * into room_stays), clashes with another of them, or is a sharer without a
 * gender: the nights its gender must be verified. 0 when none.
 */
uint64_t lodging_stay_conflict(const struct lodging_stay *s, const struct lodging_stay *room_stays,
                               size_t n);

/* Returns the nights on which room has a gender conflict (it is closed), 0 when none. */
uint64_t lodging_room_gender_conflict(const struct lodging_state *state, size_t room);

/* Sets what this desk may do in room (see enum lodging_access). */
void lodging_set_access(struct lodging_state *state, size_t room, enum lodging_access access);

/* Returns what this desk may do in room (LODGING_ACCESS_FREE unless set). */
enum lodging_access lodging_get_access(const struct lodging_state *state, size_t room);

/* Sets every room back to LODGING_ACCESS_FREE. */
void lodging_clear_access(struct lodging_state *state);

/*
 * Places one guest and records the stay(s) in the state (the guest's, and a
 * HELD one for a roommate when a bed is held). A guest whose bed was held
 * takes it. Rules, in order:
 *  - whole-room guests: their type in the programme hotel, else the other type
 *    there (swapped), else an overflow hotel (their type first);
 *  - sharers: the bed held for them; else their mutual roommate's room (one
 *    the desk may join); else the room of the same-gender sharer who is alone
 *    on the most of their nights; else a new twin room in the programme
 *    hotel, else in an overflow hotel. A sharer with a mutual request who
 *    opens a room holds the other bed for the roommate.
 * Ties go to the lower hotel rank, then the lower room index. Rooms the desk
 * may not choose (enum lodging_access) are skipped; a lent room comes after
 * the FREE rooms of its hotel (and, for a whole-room guest, of their type).
 * Never mixed genders, never two sharers in a king room, never a sharer beside
 * a whole-room guest, never more people than beds on any night. On
 * LODGING_NO_ROOM, out->elsewhere says whether a room the desk may not choose
 * would have taken the guest.
 */
void lodging_allocate(struct lodging_state *state, const struct lodging_guest *guest,
                      struct lodging_result *out);

/*
 * Places a guest in the very bed a desk gave them (a merge replaying that
 * desk's check-in, actions/merge.h), as lodging_allocate would have recorded it: the
 * guest's own holds are consumed, a hold that blocks the bed gives way (nobody
 * sleeps in it; its roommate is placed afresh on arrival), and the first of a
 * mutual pair holds the other bed. Returns false, the state unchanged, when
 * the bed cannot take them on all their nights (an earlier arrival has it,
 * wrong room type for a sharer, another gender beside them, ...).
 */
bool lodging_place_at(struct lodging_state *state, const struct lodging_guest *guest, size_t room,
                      int bed, struct lodging_result *out);

/*
 * Returns who sleeps in room/bed on any of nights (else anyone sleeping in the
 * room then; holds do not count), or -1: whom a bed given twice went to first.
 */
long lodging_occupant(const struct lodging_state *state, size_t room, int bed, uint64_t nights);

/* Removes every stay of attendee_id (undo of a check-in; a HELD stay for them too). */
void lodging_remove(struct lodging_state *state, long attendee_id);

/*
 * Returns the number of stays and copies up to max of them into out (for
 * writing back), ordered by room, then bed, first night, attendee and use.
 */
size_t lodging_stays(const struct lodging_state *state, struct lodging_stay *out, size_t max);

/*
 * Returns the number of stays in room; when they fit in max, copies them into
 * out in lodging_stays order. For a caller going through the rooms one at a
 * time (rooms plan's pairing), without a copy of every stay.
 */
size_t lodging_room_stays(const struct lodging_state *state, size_t room, struct lodging_stay *out,
                          size_t max);

/*
 * Calls take(stay, arg) for every stay (a hold too), in no particular order:
 * one pass over the stays as they lie in memory, without copying or sorting.
 */
void lodging_each_stay(const struct lodging_state *state,
                       void (*take)(const struct lodging_stay *stay, void *arg), void *arg);

/* Returns the number of attendee_id's stays (a hold for them too), copying up to max into out. */
size_t lodging_stays_of(const struct lodging_state *state, long attendee_id,
                        struct lodging_stay *out, size_t max);

/*
 * The attendees whose stays were added, removed or moved since the last
 * lodging_changed_clear (by anything: a placement, a hold that gave way, a
 * settle), each once: exactly whose stays a save must write. *ids stays valid
 * until the state changes.
 */
size_t lodging_changed(const struct lodging_state *state, const long **ids);
void lodging_changed_clear(struct lodging_state *state);

/* Returns the nights on which attendee_id, a sharer, has nobody in the other bed. */
uint64_t lodging_alone_nights(const struct lodging_state *state, long attendee_id);

/* One move of `rooms settle`: a solo sharer moved into another solo sharer's room. */
struct lodging_move {
	long attendee_id;
	size_t from_room;
	int from_bed;
	size_t to_room;
	int to_bed;
};

/*
 * End of check-in day: drops every HELD stay (the roommate did not come), then
 * re-pairs solo sharers of the same gender where one can move into the
 * other's room for all of their nights, reducing the nights alone. Rooms with
 * a gender conflict are left alone. Writes up to max moves into moves and
 * returns how many were made.
 */
size_t lodging_settle(struct lodging_state *state, struct lodging_move *moves, size_t max);

/*
 * Checks every invariant; returns true, or false with a description in
 * *problem (the caller frees it). For tests and for `rooms list`. Mixed
 * genders are accepted only in a room where lodging_load_stay took them.
 */
bool lodging_check(const struct lodging_state *state, char **problem);

/* Returns the number of nights that sharers spend alone (the single supplement nights). */
int lodging_count_supplement_nights(const struct lodging_state *state);

/* The lower bound: sum over nights and genders of (sharers present) mod 2. */
int lodging_supplement_lower_bound(const struct lodging_state *state);

struct lodging_rates {
	int room_night; /* a whole room, or a sharer alone that night */
	int bed_night;  /* one shared bed */
};

/* Returns what a stay costs: whole room at room_night a night; a bed at bed_night per shared
 * night and room_night per night alone (alone_nights). */
int lodging_charge(const struct lodging_rates *rates, enum lodging_use use, uint64_t nights,
                   uint64_t alone_nights);

/* Returns true when a whole-room guest asked for one room type and sleeps in the other. */
bool lodging_is_swapped(enum room_request request, enum lodging_use use, enum room_kind kind);

/*
 * Writes the first night and the day after the last night of a stay (day
 * numbers), as the hotel books it. An empty mask gives first_night twice.
 */
void lodging_stay_span(long first_night, uint64_t nights, long *arrive, long *depart);

/* Returns the nights of [arrive, depart) as bits from first_night; 0 when outside. */
uint64_t lodging_nights_mask(long first_night, long arrive, long depart);

/* Returns the number of nights in a mask. */
int lodging_count_nights(uint64_t nights);

#endif
