/*
 * walkin gives rooms at the desk to people who booked none, and says what is
 * free per hotel and night. It decides nothing itself: core lists the
 * placements to try (lodging_walkin_tries), the allocator places the guest
 * (allocate_guest, lodging_allocate_from_rank) on the picture checked out
 * inside the transaction, and core's rule (lodging_walkin_allowed) keeps the
 * first placement that leaves every waiting booking as well placed; each
 * other try is taken back before the next. The grant is stored in the
 * desk-owned walkin table (schema v5), which every reader of a request takes
 * before the roster's, so a re-import cannot undo it; the "walkin" journal
 * entry carries the request, the nights and the bed (replay.c).
 */
#include "frontdesk/actions/walkin.h"
#include "frontdesk/actions/desk.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/lodging_walkin.h"
#include "frontdesk/query.h"
#include "frontdesk/records.h"
#include "frontdesk/say.h"
#include "frontdesk/stays.h"
#include "frontdesk/words.h"
#include "frontdesk/xmalloc.h"
#include "allocate.h"
#include "resolve.h"
#include "verdict.h"

/* The nights asked for (the event's when NULL), checked against the event; NULL when fine. */
static char *check_nights(const struct event_config *cfg, const char *arrive, const char *depart,
                          long *a, long *d)
{
	char first[DATE_ISO_LEN + 1], end[DATE_ISO_LEN + 1];

	*a = cfg->first_night;
	*d = cfg->last_night + 1;
	if ((arrive != NULL && !date_parse(arrive, a)) ||
	    (depart != NULL && !date_parse(depart, d))) {
		return say("日期无法识别，请写成 2026-05-25");
	}
	if (*a < cfg->first_night || *d > cfg->last_night + 1 || *d <= *a) {
		date_format(cfg->first_night, first);
		date_format(cfg->last_night + 1, end);
		return say("入住和离店日期应在 %s 至 %s 之间，且离店晚于入住", first, end);
	}
	return NULL;
}

/* Why a walk-in cannot even be considered for a, or NULL. */
static char *not_eligible(const struct attendee *a, enum room_request request)
{
	if (!rules_expected(a->status, a->withdrawn)) {
		return say("%s 的报名未通过审核或已撤销，不能现场加订", a->reg_no);
	}
	if (a->walkin) {
		return xasprintf("%s 已现场加订过（%s），如需更改请联系住宿负责人 / %s was given a "
		                 "walk-in room already (%s); call the lodging contact to change it",
		                 a->reg_no, words_room_request(a->room), a->reg_no,
		                 roster_room_code(a->room));
	}
	if (a->room != ROOM_NONE) {
		return xasprintf(
		    "%s 已预订住宿（%s），无需现场加订 / %s booked lodging already (%s)", a->reg_no,
		    words_room_request(a->room), a->reg_no, roster_room_code(a->room));
	}
	if (request == ROOM_BED && a->gender == GENDER_UNKNOWN) {
		return say("%s 缺少性别，无法安排合住床位", a->reg_no);
	}
	return NULL;
}

static int count_ranks(const struct hotel_picture *pic)
{
	int n = 0;

	for (size_t i = 0; i < pic->n_rooms; i++) {
		n = pic->rooms[i].hotel_rank + 1 > n ? pic->rooms[i].hotel_rank + 1 : n;
	}
	return n;
}

/* The bookings still waiting for a room or bed, night by night (lodging_walkin.h). */
static struct lodging_need *waiting_needs(struct desk *desk, int n_nights)
{
	struct booking *b = NULL;
	size_t n = query_bookings(desk->db, &b);
	struct lodging_need *need = xcalloc((size_t)n_nights, sizeof(*need));

	for (size_t i = 0; i < n; i++) {
		if (!b[i].eligible || b[i].checked_in || b[i].has_bed || b[i].room == ROOM_NONE) {
			continue;
		}
		struct lodging_guest g = {
		    b[i].id,
		    b[i].room,
		    b[i].gender,
		    lodging_nights_mask(desk->cfg->first_night, b[i].arrive, b[i].depart),
		    -1,
		    0};
		lodging_need_add(need, n_nights, &g);
	}
	query_bookings_free(b, n);
	return need;
}

/* The hotels as core's rule sees them, before and after a try. */
struct walkin_search {
	struct lodging_free *before, *after;
	struct lodging_need *need;
	struct walkin_counts was, is;
};

static void search_open(struct desk *desk, const struct hotel_picture *pic, struct walkin_search *s)
{
	int n_ranks = count_ranks(pic), n_nights = event_count_nights(desk->cfg);
	size_t cells = (size_t)n_ranks * (size_t)n_nights + 1;

	s->before = xcalloc(cells, sizeof(*s->before));
	s->after = xcalloc(cells, sizeof(*s->after));
	s->need = waiting_needs(desk, n_nights);
	s->was = (struct walkin_counts){n_ranks, n_nights, s->before, s->need};
	s->is = (struct walkin_counts){n_ranks, n_nights, s->after, s->need};
	lodging_count_free(pic->state, n_ranks, n_nights, s->before);
}

static void search_close(struct walkin_search *s)
{
	free(s->before);
	free(s->after);
	free(s->need);
}

/* A placement the rule allowed: the guest as placed, where, and from which hotel on. */
struct walkin_place {
	struct lodging_guest guest;
	struct lodging_result res;
	int min_rank;
};

/*
 * Tries the placements core lists, best first, and leaves the first one the
 * rule allows in the picture (*place describes it). False, the picture as it
 * was, when none is allowed.
 */
static bool find_place(struct desk *desk, struct hotel_picture *pic, const struct attendee *a,
                       const struct walkin_result *out, struct walkin_place *place)
{
	struct lodging_guest *guest = &place->guest;
	struct lodging_result *res = &place->res;
	struct walkin_search s;
	bool found = false;

	search_open(desk, pic, &s);
	struct walkin_try *tries = xcalloc(WALKIN_MAX_TRIES(s.was.n_ranks) + 1, sizeof(*tries));
	size_t n = lodging_walkin_tries(out->asked, s.was.n_ranks, tries);
	for (size_t i = 0; i < n && !found; i++) {
		struct attendee as = *a; /* as the allocator will see them once granted */
		as.room = tries[i].request;
		memcpy(as.arrive, out->arrive, sizeof(as.arrive));
		memcpy(as.depart, out->depart, sizeof(as.depart));
		allocate_guest(desk, &as, guest);
		if (!lodging_allocate_from_rank(pic->state, guest, tries[i].min_rank, res)) {
			continue;
		}
		lodging_count_free(pic->state, s.is.n_ranks, s.is.n_nights, s.after);
		found = lodging_walkin_allowed(&s.was, &s.is, guest->nights);
		place->min_rank = tries[i].min_rank;
		if (!found) {
			lodging_remove(pic->state, a->id);
		}
	}
	free(tries);
	search_close(&s);
	return found;
}

/* A room type in language lang of a message: its Chinese word, its roster code in English. */
static const char *kind_in(enum room_request r, int lang)
{
	return say_chinese(lang) ? words_room_request(r) : roster_room_code(r);
}

/* no_room_message in language lang (say_in). */
static char *no_room_in(const struct desk *desk, const struct walkin_result *out, int lang)
{
	const char *kind = kind_in(out->asked, lang);

	if (out->overflow_hotel != NULL) {
		return xasprintf(say_in(lang,
		                        "已预订的住宿之外已无可给的%s（%s 至 %s），不能现场加订；"
		                        "请建议其自行联系 %s"),
		                 kind, out->arrive, out->depart, out->overflow_hotel);
	}
	const char *contact =
	    desk->cfg->contact_lodging ? desk->cfg->contact_lodging : say_in(lang, "会务组");
	return xasprintf(
	    say_in(lang, "已预订的住宿之外已无可给的%s（%s 至 %s），不能现场加订；请联系 %s"), kind,
	    out->arrive, out->depart, contact);
}

static char *no_room_message(const struct desk *desk, const struct walkin_result *out)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = no_room_in(desk, out, i);
	}
	return say_join(texts);
}

static const char *first_overflow_hotel(const struct hotel_picture *pic)
{
	for (size_t i = 0; i < pic->n_rooms; i++) {
		if (pic->rooms[i].hotel_rank > 0) {
			return pic->rooms[i].hotel;
		}
	}
	return NULL;
}

/* The journal entry's details: what was granted, and the bed when it was given now. */
static char *walkin_details(const struct walkin_result *out, const struct hotel_picture *pic,
                            const struct walkin_place *place)
{
	const struct lodging_result *res = &place->res;
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "room_type", roster_room_code(out->granted));
	json_kv_string(&j, "asked", roster_room_code(out->asked));
	json_kv_string(&j, "arrive", out->arrive);
	json_kv_string(&j, "depart", out->depart);
	json_kv_int(&j, "min_rank", place->min_rank);
	if (out->placed) {
		json_key(&j, "lodging");
		json_object_begin(&j);
		json_kv_string(&j, "hotel", pic->rooms[res->room].hotel);
		json_kv_string(&j, "room", pic->rooms[res->room].room);
		json_kv_int(&j, "bed", res->bed);
		json_object_end(&j);
	}
	json_object_end(&j);
	char *text = xstrdup(json_text(&j));
	json_release(&j);
	return text;
}

/* Writes the bed (when checked in), the grant and the journal entry; false with *cause. */
static bool record_grant(struct desk *desk, const struct attendee *a, struct hotel_picture *pic,
                         const struct walkin_place *place, struct walkin_result *out, char **cause)
{
	char at[32];
	bool ok = true;

	if (out->placed) {
		ok = stays_save_changed(desk->db, pic, cause);
	}
	journal_now(at);
	struct walkin_grant grant = {roster_room_code(out->granted), out->arrive, out->depart,
	                             place->min_rank};
	char *details = walkin_details(out, pic, place);
	struct journal_entry entry = {desk->operator_name, "walkin", a->reg_no, details, at};
	ok = ok &&
	     records_add_walkin(desk->db, a->id, &grant, at, desk->cfg->desk_id,
	                        desk->operator_name, cause) &&
	     journal_append(desk->db, &entry, cause) > 0;
	free(details);
	return ok;
}

/* granted_message in language lang (say_in): the guest is named, by reg_no in English. */
static char *granted_in(const struct attendee *a, const struct walkin_result *out, int lang)
{
	const struct lodging_info *l = &out->lodging;
	char *where = out->placed
	                  ? xasprintf(say_in(lang, "：%s %s 房 %d 床"), l->hotel, l->room, l->bed)
	                  : xstrdup(say_in(lang, "；签到时分房"));
	char *swap = out->granted == out->asked
	                 ? xstrdup("")
	                 : xasprintf(say_in(lang, "（%s已无余房，改为%s，房价相同）"),
	                             kind_in(out->asked, lang), kind_in(out->granted, lang));
	char *text =
	    xasprintf(say_in(lang, "已为 %s 现场加订%s%s，%s 至 %s 共 %d 晚，房费 %d 元%s"),
	              say_chinese(lang) ? a->name : a->reg_no, kind_in(out->granted, lang), swap,
	              out->arrive, out->depart, out->nights, out->charge, where);
	free(where);
	free(swap);
	return text;
}

static char *granted_message(const struct attendee *a, const struct walkin_result *out)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = granted_in(a, out, i);
	}
	return say_join(texts);
}

/* What the guest pays and where they sleep, read back after the commit. */
static void describe(struct desk *desk, const struct attendee *a, struct walkin_result *out)
{
	struct lodging_rates rates = {desk->cfg->room_night, desk->cfg->bed_night};
	long arrive = 0, depart = 0;
	struct attendee *now = query_attendee(desk->db, a->id, &desk->cfg->fees);

	date_parse(out->arrive, &arrive);
	date_parse(out->depart, &depart);
	uint64_t nights = lodging_nights_mask(desk->cfg->first_night, arrive, depart);
	action_lodging_view(desk, now ? now : a, &out->lodging);
	out->charge =
	    out->placed ? out->lodging.charge
	                : lodging_charge(&rates, out->granted == ROOM_BED ? USE_SHARED : USE_WHOLE,
	                                 nights, 0);
	if (!out->placed) {
		out->lodging.charge = out->charge;
	}
	out->message = granted_message(now ? now : a, out);
	query_attendee_free(now);
}

/* Inside the transaction: finds a place, records it or says why not. */
static enum action_status grant(struct desk *desk, const struct attendee *a,
                                struct walkin_result *out)
{
	char *cause = NULL;
	struct walkin_place place;
	struct hotel_picture *pic =
	    stays_checkout(desk->db, desk->cfg->first_night, &desk->stays, &cause);

	if (pic == NULL || !allocate_restrict_to_share(desk, pic, &cause)) {
		out->message = cause;
		return ACTION_FAILED;
	}
	if (!find_place(desk, pic, a, out, &place)) {
		const char *overflow = first_overflow_hotel(pic);
		out->overflow_hotel = overflow ? xstrdup(overflow) : NULL;
		out->message = no_room_message(desk, out);
		return ACTION_REFUSED;
	}
	out->granted = place.guest.request == ROOM_BED                    ? ROOM_BED
	               : pic->rooms[place.res.room].kind == ROOMKIND_KING ? ROOM_KING
	                                                                  : ROOM_TWIN_SINGLE;
	out->placed = a->checked_in;
	if (!record_grant(desk, a, pic, &place, out, &cause)) {
		stays_cache_drop(desk->stays);
		out->message = cause;
		return ACTION_FAILED;
	}
	if (out->placed) {
		stays_cache_saved(desk->db, desk->stays);
	} else {
		/* the bed is given at check-in: this one was only the rule's test */
		lodging_remove(pic->state, a->id);
		stays_cache_drop(desk->stays);
	}
	return ACTION_OK;
}

enum action_status action_walkin(struct desk *desk, const char *reg_no, enum room_request request,
                                 const char *arrive, const char *depart, const char *pin,
                                 struct walkin_result *out)
{
	long a_day, d_day;
	struct verdict v;

	memset(out, 0, sizeof(*out));
	memset(&v, 0, sizeof(v));
	out->asked = request;
	enum action_status pin_status = action_supervisor_check(desk, "walkin", pin, &out->message);
	if (pin_status != ACTION_OK) {
		return pin_status;
	}
	if (request != ROOM_KING && request != ROOM_TWIN_SINGLE && request != ROOM_BED) {
		out->message = say("房型应为大床房、双床单住或床位");
		return ACTION_BAD_INPUT;
	}
	out->message = check_nights(desk->cfg, arrive, depart, &a_day, &d_day);
	if (out->message != NULL) {
		return ACTION_BAD_INPUT;
	}
	date_format(a_day, out->arrive);
	date_format(d_day, out->depart);
	out->nights = (int)(d_day - a_day);
	if (!db_begin(desk->db, &out->message)) {
		return ACTION_FAILED;
	}
	long id = resolve_one(desk, reg_no, &v);
	struct attendee *a = id >= 0 ? query_attendee(desk->db, id, &desk->cfg->fees) : NULL;
	enum action_status status = ACTION_REFUSED;
	if (a == NULL) {
		out->message = xasprintf("%s：%s / %s", rules_reason_text(v.reasons[0]), reg_no,
		                         rules_reason_code(v.reasons[0]));
	} else if ((out->message = not_eligible(a, request)) == NULL) {
		status = grant(desk, a, out);
	}
	if (status == ACTION_OK && !db_commit(desk->db, &out->message)) {
		status = ACTION_FAILED;
	}
	if (status != ACTION_OK) {
		db_rollback(desk->db);
		out->granted = ROOM_NONE;
		out->placed = false;
	} else {
		describe(desk, a, out);
	}
	query_attendee_free(a);
	return status;
}

void action_walkin_release(struct walkin_result *out)
{
	action_lodging_release(&out->lodging);
	free(out->overflow_hotel);
	free(out->message);
	memset(out, 0, sizeof(*out));
}

/* ---- rooms free ---- */

/* One hotel's nights from core's counts of its rank. */
static void fill_hotel(struct rooms_free_hotel *h, const struct lodging_free *counts, int n_nights,
                       long first_night)
{
	h->nights = xcalloc((size_t)n_nights + 1, sizeof(*h->nights));
	h->n_nights = (size_t)n_nights;
	for (int i = 0; i < n_nights; i++) {
		const struct lodging_free *f = &counts[h->rank * n_nights + i];
		h->nights[i] =
		    (struct rooms_free_night){first_night + i, f->king, f->twin,
		                              f->lone[0] + 2 * f->twin, f->lone[1] + 2 * f->twin};
	}
}

enum action_status action_rooms_free(struct desk *desk, struct rooms_free *out)
{
	struct hotel_picture pic;
	int n_nights = event_count_nights(desk->cfg);

	memset(out, 0, sizeof(*out));
	out->first_night = desk->cfg->first_night;
	if (!stays_load(desk->db, desk->cfg->first_night, false, &pic, &out->message)) {
		return ACTION_FAILED;
	}
	int n_ranks = count_ranks(&pic);
	struct lodging_free *counts =
	    xcalloc((size_t)n_ranks * (size_t)n_nights + 1, sizeof(*counts));
	lodging_count_free(pic.state, n_ranks, n_nights, counts);
	out->hotels = xcalloc((size_t)n_ranks + 1, sizeof(*out->hotels));
	for (size_t i = 0; i < pic.n_rooms; i++) {
		int rank = pic.rooms[i].hotel_rank;
		if (out->hotels[rank].hotel == NULL) {
			out->hotels[rank].hotel = xstrdup(pic.rooms[i].hotel);
			out->hotels[rank].rank = rank;
			fill_hotel(&out->hotels[rank], counts, n_nights, out->first_night);
		}
	}
	out->n_hotels = (size_t)n_ranks;
	free(counts);
	stays_release(&pic);
	return ACTION_OK;
}

void action_rooms_free_release(struct rooms_free *out)
{
	for (size_t i = 0; i < out->n_hotels; i++) {
		free(out->hotels[i].hotel);
		free(out->hotels[i].nights);
	}
	free(out->hotels);
	free(out->message);
	memset(out, 0, sizeof(*out));
}
