/*
 * actions/rooms (src/actions/rooms.c): who sleeps where now (the rooming list
 * and the desk screen's rooms board) and the supervisor's `rooms settle`.
 * The lists are the store's rooming views (rooming.h), read-only; release
 * them with the functions here, never with the store's.
 */
#ifndef FRONTDESK_ACTIONS_ROOMS_H
#define FRONTDESK_ACTIONS_ROOMS_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/walkin.h"
#include "frontdesk/rooming.h"

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
void action_rooms_list(struct desk *desk, struct rooming_list *out);
/* Frees the rooms and empties *out. */
void action_rooms_list_release(struct rooming_list *out);

/* The rooms board: rooms with someone in them, and free beds by gender. */
struct rooms_board {
	struct rooming_list list;
	int free_female;
	int free_male;
	struct rooms_free free; /* free rooms and beds per hotel and night (action_rooms_free) */
};
/* Fills *out; the caller releases it with action_rooms_board_release. */
void action_rooms_board(struct desk *desk, struct rooms_board *out);
void action_rooms_board_release(struct rooms_board *out);

#endif
