/*
 * rooming reads stays back grouped by room. A sharer is "alone" on a night
 * when no other non-held stay shares the room that night; that is computed
 * here from the rows, the same definition lodging.c uses on its bitmasks.
 */
#include "frontdesk/rooming.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/date.h"
#include "frontdesk/xmalloc.h"

static enum lodging_use use_from_code(const char *code)
{
	return strcmp(code, "whole") == 0  ? USE_WHOLE
	       : strcmp(code, "held") == 0 ? USE_HELD
	                                   : USE_SHARED;
}

static struct rooming_room *add_room(struct rooming_list *out, sqlite3_stmt *stmt)
{
	out->rooms = xreallocarray(out->rooms, out->n_rooms + 1, sizeof(*out->rooms));
	struct rooming_room *r = &out->rooms[out->n_rooms++];
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(stmt, 0);
	r->hotel = db_column_strdup(stmt, 1);
	r->room = db_column_strdup(stmt, 2);
	r->floor = db_column_strdup(stmt, 3);
	r->kind = strcmp((const char *)sqlite3_column_text(stmt, 4), "king") == 0 ? ROOMKIND_KING
	                                                                          : ROOMKIND_TWIN;
	r->hotel_rank = sqlite3_column_int(stmt, 5);
	return r;
}

static struct occupant *find_or_add_occupant(struct rooming_room *r, sqlite3_stmt *stmt)
{
	long attendee = sqlite3_column_int64(stmt, 6);
	int bed = sqlite3_column_int(stmt, 7);

	for (size_t i = 0; i < r->n_occupants; i++) {
		if (r->occupants[i].attendee_id == attendee && r->occupants[i].bed == bed) {
			return &r->occupants[i];
		}
	}
	r->occupants = xreallocarray(r->occupants, r->n_occupants + 1, sizeof(*r->occupants));
	struct occupant *o = &r->occupants[r->n_occupants++];
	memset(o, 0, sizeof(*o));
	o->attendee_id = attendee;
	o->bed = bed;
	o->use = use_from_code((const char *)sqlite3_column_text(stmt, 8));
	o->reg_no = db_column_strdup(stmt, 10);
	o->name = db_column_strdup(stmt, 11);
	roster_gender_from_code((const char *)sqlite3_column_text(stmt, 12), &o->gender);
	roster_room_from_code((const char *)sqlite3_column_text(stmt, 13), &o->request);
	o->walkin = sqlite3_column_int(stmt, 14) != 0;
	return o;
}

/* A sharer is alone on the nights where no other physical (non-held) occupant is present. */
static void compute_alone(struct rooming_room *r)
{
	for (size_t i = 0; i < r->n_occupants; i++) {
		struct occupant *o = &r->occupants[i];
		uint64_t company = 0;
		if (o->use != USE_SHARED) {
			continue;
		}
		for (size_t k = 0; k < r->n_occupants; k++) {
			if (k != i && r->occupants[k].use != USE_HELD) {
				company |= r->occupants[k].nights;
			}
		}
		o->alone_nights = o->nights & ~company;
	}
}

void rooming_load(struct db *db, long first_night, long attendee_id, struct rooming_list *out)
{
	/* two statements, not one with an OR: the one-person form must use the room index */
#define ROOMING_COLUMNS                                                                       \
	"SELECT r.id, r.hotel, r.room, r.floor, r.type, r.hotel_rank, s.attendee_id, s.bed, " \
	"s.flags, s.night, a.reg_no, a.name, a.gender, coalesce(w.room_type, a.room_type), "  \
	"w.attendee_id IS NOT NULL FROM stay s JOIN room r ON r.id = s.room_id "              \
	"JOIN attendee a ON a.id = s.attendee_id LEFT JOIN walkin w ON w.attendee_id = a.id "
#define ROOMING_ORDER " ORDER BY r.hotel_rank, r.id, s.bed, s.attendee_id, s.night"
	/* the one-person form is on every card and every search match: kept prepared */
	sqlite3_stmt *stmt = attendee_id < 0
	                         ? db_prepare(db, ROOMING_COLUMNS ROOMING_ORDER)
	                         : db_prepare_cached(db, ROOMING_COLUMNS
	                                             "WHERE s.room_id IN (SELECT room_id FROM "
	                                             "stay WHERE attendee_id = ?1)" ROOMING_ORDER);

	memset(out, 0, sizeof(*out));
	out->first_night = first_night;
	if (attendee_id >= 0) {
		sqlite3_bind_int64(stmt, 1, attendee_id);
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct rooming_room *r = out->n_rooms ? &out->rooms[out->n_rooms - 1] : NULL;
		if (r == NULL || r->id != sqlite3_column_int64(stmt, 0)) {
			r = add_room(out, stmt);
		}
		struct occupant *o = find_or_add_occupant(r, stmt);
		long night;
		if (date_parse((const char *)sqlite3_column_text(stmt, 9), &night)) {
			o->nights |= lodging_nights_mask(first_night, night, night + 1);
		}
	}
	db_release(db, stmt);
	for (size_t i = 0; i < out->n_rooms; i++) {
		compute_alone(&out->rooms[i]);
	}
}

void rooming_free(struct rooming_list *list)
{
	for (size_t i = 0; i < list->n_rooms; i++) {
		struct rooming_room *r = &list->rooms[i];
		for (size_t k = 0; k < r->n_occupants; k++) {
			free(r->occupants[k].reg_no);
			free(r->occupants[k].name);
		}
		free(r->occupants);
		free(r->hotel);
		free(r->room);
		free(r->floor);
	}
	free(list->rooms);
	memset(list, 0, sizeof(*list));
}

size_t rooming_sharer_genders(struct db *db, struct rooming_gender **out)
{
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "SELECT s.attendee_id, a.gender FROM stay s JOIN attendee a ON a.id = s.attendee_id "
	    "WHERE s.flags <> 'whole' GROUP BY s.attendee_id ORDER BY s.attendee_id");
	size_t n = 0, cap = 16;

	*out = xcalloc(cap, sizeof(**out));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[n].attendee_id = sqlite3_column_int64(stmt, 0);
		roster_gender_from_code((const char *)sqlite3_column_text(stmt, 1),
		                        &(*out)[n].gender);
		n++;
	}
	sqlite3_finalize(stmt);
	return n;
}

void rooming_count_free_beds(struct db *db, int *for_female, int *for_male)
{
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "WITH used AS (SELECT s.room_id, count(DISTINCT s.bed) AS beds, "
	    "min(a.gender) AS gender, max(s.flags = 'whole') AS whole FROM stay s JOIN attendee "
	    "a ON a.id = s.attendee_id GROUP BY s.room_id) "
	    "SELECT coalesce(sum(CASE WHEN u.room_id IS NULL THEN 2 WHEN u.beds = 1 AND "
	    "u.whole = 0 AND u.gender = 'F' THEN 1 ELSE 0 END), 0), "
	    "coalesce(sum(CASE WHEN u.room_id IS NULL THEN 2 WHEN u.beds = 1 AND "
	    "u.whole = 0 AND u.gender = 'M' THEN 1 ELSE 0 END), 0) "
	    "FROM room r LEFT JOIN used u ON u.room_id = r.id WHERE r.type = 'twin'");

	*for_female = *for_male = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*for_female = sqlite3_column_int(stmt, 0);
		*for_male = sqlite3_column_int(stmt, 1);
	}
	sqlite3_finalize(stmt);
}
