/*
 * gender_review: rooms whose sharers' genders no longer agree, as the staff are
 * told of them (issue 14). Beds already given are the desk's facts; when a
 * re-import corrects a lodged sharer's gender, core's rule
 * (lodging_stay_conflict, lodging.h) finds the clash, the allocator keeps the
 * room closed, and the import and `rooms settle` name the room, who is in it
 * and what to do. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_GENDER_REVIEW_H
#define FRONTDESK_ACTIONS_GENDER_REVIEW_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/diag.h"
#include "frontdesk/rooming.h"
#include "frontdesk/roster.h"

/* Returns how many rooms of l have a gender conflict, written to *out (release with
 * gender_rooms_free). */
size_t gender_review_rooms(const struct rooming_list *l, struct rooms_gender_line **out);
void gender_rooms_free(struct rooms_gender_line *rooms, size_t n);

/* The genders stored for everyone with a shared or held bed, before a re-import. */
struct gender_before {
	struct rooming_gender *items; /* by attendee id */
	size_t n;
};

void gender_review_before(struct desk *desk, struct gender_before *out);
void gender_before_release(struct gender_before *before);

/*
 * After a re-import: adds a warning for each room with a gender conflict,
 * naming the person whose gender changed (old and new, with their roster line)
 * or, for a conflict older than this import, the room's people, who shares the
 * room, and what the staff should do.
 */
void gender_review_import(struct desk *desk, const struct gender_before *before,
                          const struct roster *roster, struct diag_list *warnings);

#endif
