/*
 * rooming: read-only views of who sleeps where, for the desk card, the
 * rooming list for the hotel and the reports. Charges come from lodging.h;
 * this module only gathers the nights.
 */
#ifndef FRONTDESK_ROOMING_H
#define FRONTDESK_ROOMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/lodging.h"

/* One person in one room, with the nights they are there and alone there. */
struct occupant {
	long attendee_id;
	char *reg_no;
	char *name;
	enum gender gender;
	enum room_request request; /* a walk-in's when granted at the desk, else the booking's */
	bool walkin;               /* the request is a walk-in granted at the desk */
	enum lodging_use use;
	int bed;
	uint64_t nights;
	uint64_t alone_nights; /* sharers: nights nobody (or only a held bed) is in the other bed */
};

struct rooming_room {
	long id;
	char *hotel;
	char *room;
	char *floor;
	enum room_kind kind;
	int hotel_rank;
	struct occupant *occupants;
	size_t n_occupants;
};

struct rooming_list {
	struct rooming_room *rooms;
	size_t n_rooms;
	long first_night; /* day number of bit 0 of every mask */
};

/*
 * Loads the rooms that have someone in them (attendee_id < 0), or only the
 * room(s) of attendee_id, with every occupant. Free with rooming_free.
 */
void rooming_load(struct db *db, long first_night, long attendee_id, struct rooming_list *out);
void rooming_free(struct rooming_list *list);

/* One person with a shared or held bed, and the gender stored for them now. */
struct rooming_gender {
	long attendee_id;
	enum gender gender;
};

/*
 * Returns how many people have a shared or held bed, writing them with their
 * stored genders, by attendee id, into *out (the caller frees it): what a
 * re-import may be about to change (actions' gender_review).
 */
size_t rooming_sharer_genders(struct db *db, struct rooming_gender **out);

/* Counts free beds by gender for tonight-like purposes: beds free on every event night in twin
 * rooms holding one sharer of that gender, and wholly free twin rooms (2 beds each). */
void rooming_count_free_beds(struct db *db, int *for_female, int *for_male);

#endif
