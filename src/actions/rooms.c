/*
 * rooms holds the supervisor's end-of-day `rooms settle` and the rooming list.
 * Settling rewrites every stay in one transaction, journalled with the moves
 * the staff must carry out (keys to swap, guests to tell).
 */
#include "frontdesk/actions/rooms.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/query.h"
#include "frontdesk/setup.h"
#include "frontdesk/stays.h"
#include "frontdesk/xmalloc.h"
#include "gender_review.h"
#include "resolve.h"
#include "rooms_private.h"

static size_t count_held(const struct lodging_state *state)
{
	size_t n = lodging_stays(state, NULL, 0), held = 0;
	struct lodging_stay *all = xcalloc(n ? n : 1, sizeof(*all));

	lodging_stays(state, all, n);
	for (size_t i = 0; i < n; i++) {
		held += all[i].use == USE_HELD;
	}
	free(all);
	return held;
}

static char *room_name(const struct hotel_picture *pic, size_t room)
{
	return xasprintf("%s %s", pic->rooms[room].hotel, pic->rooms[room].room);
}

static void describe_moves(struct desk *desk, const struct hotel_picture *pic,
                           const struct lodging_move *moves, size_t n,
                           struct rooms_settle_result *out)
{
	out->moves = xcalloc(n ? n : 1, sizeof(*out->moves));
	for (size_t i = 0; i < n; i++) {
		struct attendee *a =
		    query_attendee(desk->db, moves[i].attendee_id, &desk->cfg->fees);
		out->moves[i].reg_no = xstrdup(a ? a->reg_no : "?");
		out->moves[i].from = room_name(pic, moves[i].from_room);
		out->moves[i].to = room_name(pic, moves[i].to_room);
		query_attendee_free(a);
	}
	out->n_moves = n;
}

static char *settle_details(const struct rooms_settle_result *out)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_int(&j, "released_holds", out->released_holds);
	json_key(&j, "moves");
	json_array_begin(&j);
	for (size_t i = 0; i < out->n_moves; i++) {
		json_object_begin(&j);
		json_kv_string(&j, "reg_no", out->moves[i].reg_no);
		json_kv_string(&j, "from", out->moves[i].from);
		json_kv_string(&j, "to", out->moves[i].to);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_kv_int(&j, "supplement_nights", out->supplement_nights);
	json_object_end(&j);
	char *text = xstrdup(json_text(&j));
	json_release(&j);
	return text;
}

/* Settles the loaded picture, writes it back and journals it; false with *cause. */
static bool settle_picture(struct desk *desk, struct hotel_picture *pic,
                           struct rooms_settle_result *out, char **cause)
{
	size_t held = count_held(pic->state);
	size_t cap = lodging_stays(pic->state, NULL, 0) + 1;
	struct lodging_move *moves = xcalloc(cap, sizeof(*moves));
	size_t n = lodging_settle(pic->state, moves, cap);

	out->released_holds = (int)held;
	out->supplement_nights = lodging_count_supplement_nights(pic->state);
	out->lower_bound = lodging_supplement_lower_bound(pic->state);
	describe_moves(desk, pic, moves, n < cap ? n : cap, out);
	free(moves);
	char *details = settle_details(out);
	struct journal_entry entry = {desk->operator_name, "settle", NULL, details, NULL};
	bool ok =
	    stays_save_all(desk->db, pic, cause) && journal_append(desk->db, &entry, cause) > 0;
	free(details);
	return ok;
}

enum action_status action_rooms_settle(struct desk *desk, const char *pin,
                                       struct rooms_settle_result *out, char **cause)
{
	struct hotel_picture pic;

	memset(out, 0, sizeof(*out));
	enum action_status status = action_supervisor_check(desk, "settle", pin, cause);
	if (status != ACTION_OK) {
		return status;
	}
	if (!db_begin(desk->db, cause)) {
		return ACTION_FAILED;
	}
	if (!stays_load(desk->db, desk->cfg->first_night, false, &pic, cause)) {
		db_rollback(desk->db);
		return ACTION_FAILED;
	}
	bool ok = settle_picture(desk, &pic, out, cause);
	stays_release(&pic);
	if (ok) {
		/* what settle left alone (lodging_settle): the rooms whose genders disagree */
		struct rooming_list l;
		rooming_load(desk->db, desk->cfg->first_night, -1, &l);
		out->n_gender_to_verify = gender_review_rooms(&l, &out->gender_to_verify);
		rooming_free(&l);
		ok = db_commit(desk->db, cause);
	}
	if (!ok) {
		db_rollback(desk->db);
		return ACTION_FAILED;
	}
	return ACTION_OK;
}

void action_rooms_settle_release(struct rooms_settle_result *out)
{
	for (size_t i = 0; i < out->n_moves; i++) {
		free(out->moves[i].reg_no);
		free(out->moves[i].from);
		free(out->moves[i].to);
	}
	free(out->moves);
	gender_rooms_free(out->gender_to_verify, out->n_gender_to_verify);
	memset(out, 0, sizeof(*out));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void fill_guest(const struct lodging_rates *rates, const struct rooming_room *r,
                       const struct occupant *o, struct guest_view *g)
{
	struct lodging_notice notice;

	action_place_notice(r, o, &notice);
	*g = (struct guest_view){
	    .reg_no = dup_or_null(o->reg_no),
	    .name = dup_or_null(o->name),
	    .gender = o->gender,
	    .request = o->request,
	    .use = o->use,
	    .bed = o->bed,
	    .nights = o->nights,
	    .alone_nights = o->alone_nights,
	    .charge = lodging_charge(rates, o->use, o->nights, o->alone_nights),
	    .held = notice.held,
	    .swapped = notice.swapped,
	    .overflow = notice.overflow,
	    .supplement = notice.supplement,
	    .walkin = notice.walkin,
	    .gender_to_verify = notice.gender_to_verify,
	};
}

void rooms_view_fill_room(const struct lodging_rates *rates, const struct rooming_room *r,
                          struct room_view *out)
{
	out->hotel = dup_or_null(r->hotel);
	out->room = dup_or_null(r->room);
	out->floor = dup_or_null(r->floor);
	out->kind = r->kind;
	out->hotel_rank = r->hotel_rank;
	out->guests = xcalloc(r->n_occupants ? r->n_occupants : 1, sizeof(*out->guests));
	out->n_guests = r->n_occupants;
	for (size_t k = 0; k < r->n_occupants; k++) {
		fill_guest(rates, r, &r->occupants[k], &out->guests[k]);
	}
}

void rooms_view_release_room(struct room_view *r)
{
	for (size_t k = 0; k < r->n_guests; k++) {
		free(r->guests[k].reg_no);
		free(r->guests[k].name);
	}
	free(r->guests);
	free(r->hotel);
	free(r->room);
	free(r->floor);
	memset(r, 0, sizeof(*r));
}

void rooms_view_fill(const struct desk *desk, const struct rooming_list *l, struct rooms_view *out)
{
	struct lodging_rates rates = {desk->cfg->room_night, desk->cfg->bed_night};

	memset(out, 0, sizeof(*out));
	out->first_night = l->first_night;
	out->rooms = xcalloc(l->n_rooms ? l->n_rooms : 1, sizeof(*out->rooms));
	out->n_rooms = l->n_rooms;
	for (size_t i = 0; i < l->n_rooms; i++) {
		rooms_view_fill_room(&rates, &l->rooms[i], &out->rooms[i]);
	}
}

void action_rooms_view_release(struct rooms_view *v)
{
	for (size_t i = 0; i < v->n_rooms; i++) {
		rooms_view_release_room(&v->rooms[i]);
	}
	free(v->rooms);
	memset(v, 0, sizeof(*v));
}

void action_rooms_list(struct desk *desk, struct rooms_view *out)
{
	struct rooming_list l;

	rooming_load(desk->db, desk->cfg->first_night, -1, &l);
	rooms_view_fill(desk, &l, out);
	rooming_free(&l);
}

void action_rooms_list_release(struct rooms_view *out)
{
	action_rooms_view_release(out);
}

void action_rooms_board(struct desk *desk, struct rooms_board *out)
{
	action_rooms_list(desk, &out->list);
	rooming_count_free_beds(desk->db, &out->free_female, &out->free_male);
	action_rooms_free(desk, &out->free);
}

void action_rooms_board_release(struct rooms_board *out)
{
	action_rooms_view_release(&out->list);
	action_rooms_free_release(&out->free);
}
