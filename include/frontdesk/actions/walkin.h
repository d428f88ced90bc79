/*
 * actions/walkin: rooms from the desk (issue 13, "Rooms from the screen"):
 * a room or bed for someone who booked none, given only from what the
 * bookings leave (the rule: frontdesk/lodging_walkin.h), and what is free per
 * hotel and night for the desk screen's rooms board. Both are one function
 * returning a result struct, for the CLI and the desk screen alike.
 */
#ifndef FRONTDESK_ACTIONS_WALKIN_H
#define FRONTDESK_ACTIONS_WALKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/date.h"
#include "frontdesk/roster.h"

struct walkin_result {
	enum room_request asked;       /* what the guest asked for */
	enum room_request granted;     /* what the desk gave (asked, or the other whole-room type at
	                                * the same price); ROOM_NONE when refused */
	char arrive[DATE_ISO_LEN + 1]; /* the nights granted (or asked for, when refused) */
	char depart[DATE_ISO_LEN + 1];
	int nights;
	/* yuan to the hotel: room_night or bed_night a night; when placed, what the bed
	 * costs now (a sharer alone pays room_night that night, lodging_charge) */
	int charge;
	bool placed; /* checked in: the room or bed is theirs now; otherwise given at check-in */
	struct lodging_info lodging; /* where, when placed (hotel, room, bed, roommates, ...) */
	char *overflow_hotel;        /* refused for want of rooms: the first overflow hotel of
	                              * rooms.csv to suggest, or NULL when it lists none */
	char *message;               /* bilingual: what was granted, or why not */
};

/*
 * walk-in (supervisor): gives reg_no, an approved registration that booked no
 * room (room_type none), a ROOM_KING, ROOM_TWIN_SINGLE or ROOM_BED for the
 * nights arrive..depart ("YYYY-MM-DD" or as the roster writes dates; NULL:
 * the first night, and the day after the last), if the bookings still waiting
 * leave one (lodging_walkin.h): a whole room may come as the other type. It
 * is recorded (desk-owned: a re-import keeps it), stands for the person's
 * booking from then on, is flagged 现场加订 in the rooming list, and is
 * journalled in one transaction with the bed when the person is checked in
 * (otherwise the bed is given at check-in).
 * ACTION_REFUSED for a wrong PIN (nothing is looked at), an unknown
 * registration, one not approved, withdrawn or with a room already, a sharer
 * without a gender, or nothing left (out->overflow_hotel names where to send
 * them); ACTION_BAD_INPUT for another request or nights outside the event;
 * ACTION_FAILED with out->message on a database error. out->message always
 * says what happened. Release with action_walkin_release.
 */
enum action_status action_walkin(struct desk *desk, const char *reg_no, enum room_request request,
                                 const char *arrive, const char *depart, const char *pin,
                                 struct walkin_result *out);
void action_walkin_release(struct walkin_result *out);

/* What is free in one hotel on one night. */
struct rooms_free_night {
	long night;      /* day number */
	int king;        /* king rooms with nobody in them */
	int twin;        /* twin rooms with nobody in them (no bed held either) */
	int beds_female; /* beds a woman could take: beside a lone woman, plus 2 per empty twin */
	int beds_male;
};

struct rooms_free_hotel {
	char *hotel;
	int rank;                        /* 0 = programme hotel, 1.. = overflow hotels */
	struct rooms_free_night *nights; /* every night of the event, in order */
	size_t n_nights;
};

struct rooms_free {
	struct rooms_free_hotel *hotels; /* in rank order */
	size_t n_hotels;
	long first_night;
	char *message; /* why it failed, or NULL */
};

/*
 * rooms free: per hotel and night, the whole rooms nobody sleeps in (king,
 * twin) and the beds a woman or a man could take, counted as the walk-in rule
 * counts them (lodging_count_free). Reads only. ACTION_FAILED with
 * out->message when the stored stays cannot be read. Release with
 * action_rooms_free_release.
 */
enum action_status action_rooms_free(struct desk *desk, struct rooms_free *out);
void action_rooms_free_release(struct rooms_free *out);

#endif
