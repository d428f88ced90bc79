/*
 * actions/rooms (src/actions/rooms.c): who sleeps where now (the rooming list
 * and the desk screen's rooms board) and the supervisor's `rooms settle`.
 * The lists are the actions' own views (struct rooms_view), filled from the
 * store's rooming list; release them with the functions here.
 */
#ifndef FRONTDESK_ACTIONS_ROOMS_H
#define FRONTDESK_ACTIONS_ROOMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/walkin.h"
#include "frontdesk/lodging.h"
#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"

/* One person in one room, as the rooming list, the rooms board and the plan show them. */
struct guest_view {
	char *reg_no;
	char *name;
	enum gender gender;
	enum room_request request; /* a walk-in's when granted at the desk, else the booking's */
	enum lodging_use use;
	int bed;
	uint64_t nights;       /* bit 0 is the list's first_night */
	uint64_t alone_nights; /* sharers: nights nobody (or only a held bed) is in the other bed */
	int charge;            /* yuan, paid to the hotel */
	/* what core says must be told about this place (lodging_notice.h) */
	bool held;             /* a bed held for someone who has not arrived */
	bool swapped;          /* a whole-room guest given the other room type */
	bool overflow;         /* an overflow hotel */
	bool supplement;       /* pays the single supplement */
	bool walkin;           /* a room given at the desk to someone who booked none */
	bool gender_to_verify; /* beside another gender since a re-import: the staff must check */
};

/* One room with someone in it. */
struct room_view {
	char *hotel;
	char *room;
	char *floor; /* NULL when unknown */
	enum room_kind kind;
	int hotel_rank; /* 0 = programme hotel */
	struct guest_view *guests;
	size_t n_guests;
};

/* Rooms in hotel order, as the hotels read them. */
struct rooms_view {
	struct room_view *rooms;
	size_t n_rooms;
	long first_night; /* day number of bit 0 of every mask */
};

/* Frees what *v holds and empties it (rooms list, board and plan release through it). */
void action_rooms_view_release(struct rooms_view *v);

struct rooms_move_line {
	char *reg_no;
	char *from; /* "hotel room" */
	char *to;
};

/* A room settle left alone: its sharers' genders no longer agree (a re-import corrected one). */
struct rooms_gender_line {
	char *room;     /* "hotel room" */
	char *who;      /* "reg_no name（性别）" of each, joined by "、" */
	char **reg_nos; /* the same people */
	size_t n_reg_nos;
};

struct rooms_settle_result {
	struct rooms_move_line *moves;
	size_t n_moves;
	int released_holds;
	int supplement_nights; /* after settling */
	int lower_bound;
	struct rooms_gender_line *gender_to_verify;
	size_t n_gender_to_verify;
};

/*
 * rooms settle (supervisor): releases beds held for roommates who did not
 * come, re-pairs solo sharers where a move is possible, fixes the
 * supplements; one journalled transaction. Rooms with a gender conflict are
 * left as they are and listed in out->gender_to_verify. *cause (the caller frees it)
 * explains a refusal. *out is the caller's: release it with
 * action_rooms_settle_release.
 */
enum action_status action_rooms_settle(struct desk *desk, const char *pin,
                                       struct rooms_settle_result *out, char **cause);
/* Frees the moves and empties *out. */
void action_rooms_settle_release(struct rooms_settle_result *out);

/*
 * rooms list: fills *out with the rooming list for the hotels (rooms with
 * someone in them). *out is the caller's: release it with action_rooms_list_release.
 */
void action_rooms_list(struct desk *desk, struct rooms_view *out);
/* Frees the rooms and empties *out. */
void action_rooms_list_release(struct rooms_view *out);

/* The rooms board: rooms with someone in them, and free beds by gender. */
struct rooms_board {
	struct rooms_view list;
	int free_female;
	int free_male;
	struct rooms_free free; /* free rooms and beds per hotel and night (action_rooms_free) */
};
/* Fills *out; the caller releases it with action_rooms_board_release. */
void action_rooms_board(struct desk *desk, struct rooms_board *out);
void action_rooms_board_release(struct rooms_board *out);

#endif
