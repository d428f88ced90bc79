/*
 * lodging_notice: what the staff and the hotel are told about one guest's
 * place (DESIGN section 3, "Lodging"): a roommate's bed held, a room type
 * swapped, an overflow hotel, a single supplement, a room given at the desk
 * to someone who booked none (lodging_walkin.h), a gender to verify. One rule
 * for the desk card, the check-in's reasons, `rooms list` and the rooming-list
 * sheet.
 */
#ifndef FRONTDESK_LODGING_NOTICE_H
#define FRONTDESK_LODGING_NOTICE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/lodging.h"

/* The facts of one occupant's place, as the caller read them from the room. */
struct lodging_place_facts {
	enum room_request request; /* what was booked */
	enum lodging_use use;      /* how the bed is used */
	enum room_kind kind;       /* the room's type */
	int hotel_rank;            /* 0 = programme hotel */
	bool roommate_held;        /* another bed of the room is held for a requested roommate */
	uint64_t alone_nights;     /* a sharer's nights with nobody in the other bed */
	bool walkin;               /* the request was granted at the desk, not booked */
	/* nights on which the place's gender clashes with the room's (lodging_stay_conflict):
	 * a gender corrected by a re-import after the beds were given */
	uint64_t gender_conflict_nights;
};

struct lodging_notice {
	bool held;       /* this place is a bed held for someone who has not arrived */
	bool swapped;    /* a whole-room guest given the other room type */
	bool overflow;   /* an overflow hotel */
	bool supplement; /* a sharer alone for now, with nobody expected: pays the supplement */
	int supplement_nights;
	bool walkin;           /* a walk-in: the hotel's block did not hold this room for them */
	bool gender_to_verify; /* beside another gender (or without one): the staff must check */
};

/*
 * Fills *out for the place f. The supplement is told only for a sharer alone on
 * some nights with no roommate's bed held: a held bed means the roommate is
 * expected, and telling the guest to pay for being alone would be wrong.
 */
void lodging_notice_of(const struct lodging_place_facts *f, struct lodging_notice *out);

/* The one note the hotel's rooming list shows, the first that applies. */
enum lodging_note {
	LODGING_NOTE_NONE,
	LODGING_NOTE_HELD,
	LODGING_NOTE_SWAPPED,
	LODGING_NOTE_OVERFLOW,
	LODGING_NOTE_SUPPLEMENT,
	LODGING_NOTE_WALKIN,
	LODGING_NOTE_GENDER,
	LODGING_NOTE_COUNT,
};

/*
 * Returns the note for n: a gender to verify first (the hotel must not hand
 * out a key to that room on the roster's word), then held, walk-in, swapped,
 * overflow, supplement.
 */
enum lodging_note lodging_note_first(const struct lodging_notice *n);

/* Returns the note in Chinese, as the hotel reads it ("" for none). */
const char *lodging_note_text(enum lodging_note note);

#endif
