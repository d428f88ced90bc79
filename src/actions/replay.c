/*
 * replay turns the merged journal back into check-ins, payments, rejections
 * and beds. It runs the same rules on every desk over the same entries in the
 * same order (sync_load_replay), so every desk that holds the same entries
 * ends in the same state, whatever order the bundles came in.
 *
 * An entry records what the desk did, not a wish: a check-in keeps its time,
 * desk, operator, evidence and bed; a walk-in its room type, nights and the
 * bed given with it (the walk-in rule is not asked again: the desk did it). The rules only act
 * where two desks did what cannot both stand. Which conflict a situation raises, and the rule each
 * kind is resolved by, are core's (frontdesk/conflict.h, whose table is the one statement of the
 * rules): here the journal is loaded, the rules are carried out on the rows, and each conflict is
 * recorded. A later check-in whose bed went to an earlier arrival is given a new bed only after
 * every later check-in has its own bed back (before a settle, or at the end), so a move never takes
 * a bed whose key another desk handed out. Lodging is replayed on one in-memory picture and written
 * once at the end.
 *
 * The conflict report (actions/merge.h) is here too: it reads back what the replay
 * recorded, for the merge, `report conflicts`, the desk screen and the export,
 * which therefore need the replay, not the merge that runs it.
 */
#include "replay.h"
#include "desk_private.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/progress.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/conflict.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/date.h"
#include "frontdesk/lodging_walkin.h"
#include "frontdesk/say.h"
#include "frontdesk/sessions.h"
#include "frontdesk/supervisor.h"
#include "frontdesk/query.h"
#include "frontdesk/records.h"
#include "frontdesk/stays.h"
#include "frontdesk/sync.h"
#include "frontdesk/xmalloc.h"
#include "allocate.h"
#include "verdict.h"

struct replayer {
	struct desk *desk;
	struct hotel_picture own;
	struct hotel_picture *pic; /* own, or the desk's kept picture (kept) */
	bool kept;
	size_t *by_name; /* room indices sorted by hotel, then room; NULL: none (few lookups) */
	const struct sync_replay_entry *entries;
	long max_id;
	long *standing; /* per attendee id: the entry of the standing check-in, or -1 */
	long *paid;     /* per attendee id: the entry of the last on-site payment, or -1 */
	long *walkin;   /* per attendee id: the entry of the walk-in granted, or -1 */
	struct displaced *displaced; /* check-ins whose bed was gone, waiting for a new one */
	size_t n_displaced;
	struct pending_undo *pending; /* undos whose check-in has not come yet */
	size_t n_pending;
	char *cause;
};

/*
 * An undo whose check-in was not standing at its turn. The check-in it names
 * may still come: a desk whose clock is behind another's undoes a check-in it
 * received from that desk with an earlier time than the check-in's own. It is
 * carried out when that check-in comes, else listed at the end.
 */
struct pending_undo {
	long index;    /* the undo's entry */
	long id;       /* attendee */
	long standing; /* the check-in standing at its turn (the conflict names it), or -1 */
	bool seeded;   /* an entry an earlier replay applied, and listed if it had to */
};

/* A check-in whose recorded bed could not be had. */
struct displaced {
	long index;    /* its entry (a check-in, or a walk-in given to someone checked in) */
	long standing; /* the check-in standing then: the bed is owed only while it stands */
	long id;       /* attendee */
	long taken_by; /* the entry of whoever had the bed, or -1 */
	size_t room;   /* the bed the desk gave (room (size_t)-1 when gone from rooms.csv) */
	int bed;
	char *given; /* that bed as text */
};

static const struct room_info *sort_rooms; /* qsort has no context argument */

static int compare_room_names(const void *a, const void *b)
{
	const struct room_info *x = &sort_rooms[*(const size_t *)a];
	const struct room_info *y = &sort_rooms[*(const size_t *)b];
	int c = strcmp(x->hotel, y->hotel);

	return c != 0 ? c : strcmp(x->room, y->room);
}

/* Returns the picture index of the named room, or (size_t)-1. */
static size_t find_room(const struct replayer *r, const char *hotel, const char *room)
{
	size_t lo = 0, hi = r->pic->n_rooms;

	if (hotel == NULL || room == NULL) {
		return (size_t)-1;
	}
	for (size_t i = 0; r->by_name == NULL && i < hi; i++) {
		if (strcmp(r->pic->rooms[i].room, room) == 0 &&
		    strcmp(r->pic->rooms[i].hotel, hotel) == 0) {
			return i;
		}
	}
	if (r->by_name == NULL) {
		return (size_t)-1;
	}

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct room_info *m = &r->pic->rooms[r->by_name[mid]];
		int c = strcmp(m->hotel, hotel);
		c = c != 0 ? c : strcmp(m->room, room);
		if (c == 0) {
			return r->by_name[mid];
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return (size_t)-1;
}

/* A bed as the conflict list names it: "hotel room-bed". */
static char *bed_label(const char *hotel, const char *room, int bed)
{
	return xasprintf("%s %s-%d", hotel, room, bed);
}

static char *bed_text(const struct replayer *r, size_t room, int bed)
{
	return bed_label(r->pic->rooms[room].hotel, r->pic->rooms[room].room, bed);
}

/* Records a conflict about entry e (and the entry other, when >= 0). */
static bool conflict(struct replayer *r, enum conflict_kind kind, const struct sync_replay_entry *e,
                     long other, const char *given, const char *now, int amount)
{
	const struct sync_replay_entry *o = other >= 0 ? &r->entries[other] : NULL;

	assert(kind != CONFLICT_UNKNOWN); /* the replay raises only kinds it knows */
	struct sync_conflict c = {(char *)conflict_code(kind),
	                          e->subject,
	                          NULL,
	                          e->desk_id,
	                          e->seq,
	                          e->at,
	                          o ? o->desk_id : NULL,
	                          o ? o->seq : 0,
	                          o ? o->at : NULL,
	                          (char *)given,
	                          (char *)now,
	                          amount};

	return sync_add_conflict(r->desk->db, &c, &r->cause);
}

/* Records an on-site card payment carried by e; a surplus or a reused reference is listed. */
static bool apply_payment(struct replayer *r, long index, const struct attendee *a)
{
	const struct sync_replay_entry *e = &r->entries[index];
	struct verdict v;
	struct onsite_payment p = {e->card_amount, e->reference, e->invoice_title, e->taxpayer_no};
	bool reused = e->reference != NULL && records_reference_used(r->desk->db, e->reference);
	long before = r->paid[a->id];

	action_verdict(r->desk, a, &v);
	if (records_add_payment(r->desk->db, a->id, &p, e->at, e->desk_id, e->operator_name,
	                        &r->cause) < 0) {
		return false;
	}
	r->paid[a->id] = index;
	if (reused && !conflict(r, CONFLICT_REFERENCE_TWICE, e, before, NULL, NULL, 0)) {
		return false;
	}
	int surplus = conflict_payment_surplus(p.amount, v.to_pay);
	return surplus == 0 || conflict(r, CONFLICT_PAYMENT_TWICE, e, before, NULL, NULL, surplus);
}

/* Puts a in the bed e records; when it is gone, a new one is found later (flush_displaced). */
static void apply_lodging(struct replayer *r, long index, const struct attendee *a)
{
	const struct sync_replay_entry *e = &r->entries[index];
	struct lodging_guest guest;
	struct lodging_result res;
	size_t room = find_room(r, e->hotel, e->room);

	allocate_guest(r->desk, a, &guest);
	if (room != (size_t)-1 && lodging_place_at(r->pic->state, &guest, room, e->bed, &res)) {
		return;
	}
	long taken_by =
	    room == (size_t)-1 ? -1 : lodging_occupant(r->pic->state, room, e->bed, guest.nights);
	r->displaced = xreallocarray(r->displaced, r->n_displaced + 1, sizeof(*r->displaced));
	r->displaced[r->n_displaced++] =
	    (struct displaced){index,
	                       r->standing[a->id],
	                       a->id,
	                       taken_by >= 0 && taken_by <= r->max_id ? r->standing[taken_by] : -1,
	                       room,
	                       e->bed,
	                       bed_label(e->hotel, e->room, e->bed)};
}

/* Gives a displaced guest their bed back if it was freed meanwhile, else a new one, listed. */
static bool rehouse(struct replayer *r, const struct displaced *d)
{
	struct attendee *a = query_attendee(r->desk->db, d->id, &r->desk->cfg->fees);
	struct lodging_guest guest;
	struct lodging_result res;
	bool ok = true;

	allocate_guest(r->desk, a, &guest);
	/* whoever had the bed may have left since (an undo): then nobody moves */
	if (d->room == (size_t)-1 ||
	    !lodging_place_at(r->pic->state, &guest, d->room, d->bed, &res)) {
		lodging_allocate_from_rank(r->pic->state, &guest,
		                           a->walkin ? a->walkin_min_rank : 0, &res);
		char *now = res.outcome == LODGING_PLACED ? bed_text(r, res.room, res.bed) : NULL;
		ok = conflict(r, conflict_bed_lost(d->taken_by >= 0), &r->entries[d->index],
		              d->taken_by, d->given, now, 0);
		free(now);
	}
	query_attendee_free(a);
	return ok;
}

static void pend_undo(struct replayer *r, long index, long id, bool seeded)
{
	r->pending = xreallocarray(r->pending, r->n_pending + 1, sizeof(*r->pending));
	r->pending[r->n_pending++] = (struct pending_undo){index, id, r->standing[id], seeded};
}

/* Takes the pending undo of attendee id that names check-in e off the list; false if none. */
static bool take_pending_undo(struct replayer *r, long id, const struct sync_replay_entry *e,
                              bool *seeded)
{
	for (size_t k = 0; k < r->n_pending; k++) {
		const struct pending_undo *u = &r->pending[k];
		const struct sync_replay_entry *undo = &r->entries[u->index];
		if (u->id == id &&
		    conflict_undo_matches(e->at, e->desk_id, undo->undone_at, undo->undone_desk)) {
			*seeded = u->seeded;
			memmove(&r->pending[k], &r->pending[k + 1],
			        (r->n_pending - k - 1) * sizeof(*r->pending));
			r->n_pending--;
			return true;
		}
	}
	return false;
}

/* Lists the undos whose check-in never came (those of this replay's own entries). */
static bool flush_pending_undos(struct replayer *r)
{
	bool ok = true;

	for (size_t k = 0; k < r->n_pending && ok; k++) {
		const struct pending_undo *u = &r->pending[k];
		if (!u->seeded) {
			ok = conflict(r, CONFLICT_UNDO_UNMATCHED, &r->entries[u->index],
			              u->standing, NULL, NULL, 0);
		}
	}
	r->n_pending = 0;
	return ok;
}

/* Rehouses each displaced guest still checked in (an undo may have come since). */
static bool flush_displaced(struct replayer *r)
{
	bool ok = true;

	for (size_t i = 0; i < r->n_displaced; i++) {
		struct displaced *d = &r->displaced[i];
		if (ok && d->standing >= 0 && r->standing[d->id] == d->standing) {
			ok = rehouse(r, d);
		}
		free(d->given);
	}
	free(r->displaced);
	r->displaced = NULL;
	r->n_displaced = 0;
	return ok;
}

static bool apply_checkin(struct replayer *r, long index, const struct attendee *a)
{
	const struct sync_replay_entry *e = &r->entries[index];

	if (e->card_amount > 0 && !apply_payment(r, index, a)) {
		return false;
	}
	if (r->standing[a->id] >= 0) {
		/* the earliest stands; a bed the later desk gave is released (not replayed) */
		char *given = e->hotel ? bed_label(e->hotel, e->room, e->bed) : NULL;
		bool ok =
		    conflict(r, CONFLICT_CHECKIN_TWICE, e, r->standing[a->id], given, NULL, 0);
		free(given);
		return ok;
	}
	r->standing[a->id] = index;
	if (!records_add_checkin(r->desk->db, a->id, e->at, e->desk_id, e->operator_name,
	                         e->evidence, &r->cause)) {
		return false;
	}
	if (e->hotel != NULL && e->room != NULL) {
		apply_lodging(r, index, a);
	}
	bool seeded;
	if (take_pending_undo(r, a->id, e, &seeded)) {
		/* undone by an entry earlier in the order (pending_undo) */
		r->standing[a->id] = -1;
		lodging_remove(r->pic->state, a->id);
		return sync_remove_checkin(r->desk->db, a->id, &r->cause);
	}
	return true;
}

/* An undo stands only for the check-in it names: the standing one. */
static bool apply_undo(struct replayer *r, long index, const struct attendee *a)
{
	const struct sync_replay_entry *e = &r->entries[index];
	long standing = r->standing[a->id];
	const struct sync_replay_entry *s = standing >= 0 ? &r->entries[standing] : NULL;

	if (!conflict_undo_matches(s ? s->at : NULL, s ? s->desk_id : NULL, e->undone_at,
	                           e->undone_desk)) {
		pend_undo(r, index, a->id, false); /* its check-in may come later (pending_undo) */
		return true;
	}
	r->standing[a->id] = -1;
	lodging_remove(r->pic->state, a->id);
	return sync_remove_checkin(r->desk->db, a->id, &r->cause);
}

/*
 * A walk-in stands from its entry on, for the request it names, and the bed
 * it gave someone checked in is put back like a check-in's. One person is
 * given one walk-in: a second one (another desk that did not know of the
 * first) is listed and not applied, and its bed is released.
 */
static bool apply_walkin(struct replayer *r, long index, const struct attendee *a)
{
	const struct sync_replay_entry *e = &r->entries[index];
	enum room_request request = ROOM_NONE;
	long arrive, depart;

	if (r->walkin[a->id] >= 0) {
		char *given = e->hotel && e->room ? bed_label(e->hotel, e->room, e->bed) : NULL;
		bool ok = conflict(r, CONFLICT_WALKIN_TWICE, e, r->walkin[a->id], given, NULL, 0);
		free(given);
		return ok;
	}
	if (e->room_type == NULL || !roster_room_from_code(e->room_type, &request) ||
	    request == ROOM_NONE || e->arrive == NULL || !date_parse(e->arrive, &arrive) ||
	    e->depart == NULL || !date_parse(e->depart, &depart) || depart <= arrive) {
		return true; /* not a walk-in this build wrote: nothing to stand for */
	}
	struct walkin_grant grant = {e->room_type, e->arrive, e->depart, e->min_rank};
	if (!records_add_walkin(r->desk->db, a->id, &grant, e->at, e->desk_id, e->operator_name,
	                        &r->cause)) {
		return false;
	}
	r->walkin[a->id] = index;
	if (e->hotel != NULL && e->room != NULL && r->standing[a->id] >= 0) {
		/* read again: the request is the walk-in's now */
		struct attendee *now = query_attendee(r->desk->db, a->id, &r->desk->cfg->fees);
		apply_lodging(r, index, now);
		query_attendee_free(now);
	}
	return true;
}

static bool apply_settle(struct replayer *r)
{
	if (!flush_displaced(r)) {
		return false;
	}
	size_t cap = lodging_stays(r->pic->state, NULL, 0) + 1;
	struct lodging_move *moves = xcalloc(cap, sizeof(*moves));

	lodging_settle(r->pic->state, moves, cap);
	free(moves);
	return true;
}

/*
 * A hall door's record (attend: a sign-in or sign-out; excuse: an excused
 * absence) stands as its desk wrote it: the door judged it then. The first of
 * a person's session and kind in replay order stands; a later one (another
 * door that had not seen it) is dropped, as that door would have refused it.
 */
static bool apply_attendance(struct replayer *r, const struct sync_replay_entry *e, long id)
{
	enum attend_row_kind kind = ATTEND_ROW_EXCUSED;

	if (strcmp(e->action, "attend") == 0 &&
	    (!sessions_row_kind_parse(e->sign, &kind) || kind == ATTEND_ROW_EXCUSED)) {
		return true; /* not a record this build wrote: nothing to stand for */
	}
	if (e->session == NULL || e->at == NULL) {
		return true;
	}
	struct attend_row row = {id,         e->session,       kind,     e->at,
	                         e->desk_id, e->operator_name, e->reason};
	return sessions_add_row(r->desk->db, &row, &r->cause) >= 0;
}

/* Applies entry index; false only on a database error. */
static bool apply(struct replayer *r, long index)
{
	const struct sync_replay_entry *e = &r->entries[index];

	if (strcmp(e->action, "settle") == 0) {
		return apply_settle(r);
	}
	if (strcmp(e->action, "reprint") == 0) {
		return true; /* badges are printed by the desk that queued them */
	}
	if (strcmp(e->action, SUPERVISOR_JOURNAL_ACTION) == 0) {
		return true; /* a refused supervisor PIN changed nothing: it is there to be read */
	}
	long id = e->subject ? query_id_by_reg_no(r->desk->db, e->subject) : -1;
	if (id < 0 || id > r->max_id) {
		return conflict(r, CONFLICT_UNKNOWN_REGISTRATION, e, -1, NULL, NULL, 0);
	}
	if (strcmp(e->action, "attend") == 0 || strcmp(e->action, "excuse") == 0) {
		return apply_attendance(r, e, id);
	}
	struct attendee *a = query_attendee(r->desk->db, id, &r->desk->cfg->fees);
	bool ok = true;
	if (strcmp(e->action, "checkin") == 0) {
		ok = apply_checkin(r, index, a);
	} else if (strcmp(e->action, "pay") == 0) {
		ok = e->card_amount <= 0 || apply_payment(r, index, a);
	} else if (strcmp(e->action, "reject") == 0) {
		ok = records_add_rejection(r->desk->db, id, e->reason ? e->reason : "", e->at,
		                           e->desk_id, e->operator_name, &r->cause);
	} else if (strcmp(e->action, "undo") == 0) {
		ok = apply_undo(r, index, a);
	} else if (strcmp(e->action, "walkin") == 0) {
		ok = apply_walkin(r, index, a);
	}
	query_attendee_free(a);
	return ok;
}

/* The per-attendee arrays, all -1. */
static void replayer_arrays(struct replayer *r)
{
	size_t n = (size_t)r->max_id + 1;

	r->standing = xcalloc(n, sizeof(long));
	r->paid = xcalloc(n, sizeof(long));
	r->walkin = xcalloc(n, sizeof(long));
	memset(r->standing, 0xff, n * sizeof(long)); /* all -1 */
	memset(r->paid, 0xff, n * sizeof(long));
	memset(r->walkin, 0xff, n * sizeof(long));
}

/* A whole replay: from empty rooms, on a picture of its own. */
static bool replayer_open(struct replayer *r, struct desk *desk)
{
	memset(r, 0, sizeof(*r));
	r->desk = desk;
	r->max_id = query_max_id(desk->db);
	r->pic = &r->own;
	replayer_arrays(r);
	if (!stays_load(desk->db, desk->cfg->first_night, true, r->pic, &r->cause)) {
		r->pic = NULL;
		return false;
	}
	r->by_name = xcalloc(r->pic->n_rooms ? r->pic->n_rooms : 1, sizeof(size_t));
	for (size_t i = 0; i < r->pic->n_rooms; i++) {
		r->by_name[i] = i;
	}
	sort_rooms = r->pic->rooms;
	qsort(r->by_name, r->pic->n_rooms, sizeof(size_t), compare_room_names);
	sort_rooms = NULL;
	return true;
}

/*
 * An incremental replay: on the stays as they are, the picture the desk keeps
 * between check-ins (loaded afresh only when something else changed the
 * stays), without the desk's share (the replay places as the desks did).
 */
static bool replayer_open_kept(struct replayer *r, struct desk *desk)
{
	memset(r, 0, sizeof(*r));
	r->desk = desk;
	r->max_id = query_max_id(desk->db);
	replayer_arrays(r);
	r->pic = stays_checkout(desk->db, desk->cfg->first_night, &desk->stays, &r->cause);
	r->kept = r->pic != NULL;
	if (r->pic != NULL) {
		lodging_clear_access(r->pic->state);
	}
	return r->pic != NULL;
}

static void replayer_close(struct replayer *r)
{
	for (size_t i = 0; i < r->n_displaced; i++) {
		free(r->displaced[i].given);
	}
	free(r->displaced);
	free(r->pending);
	if (r->pic != NULL && !r->kept) {
		stays_release(r->pic);
	}
	free(r->by_name);
	free(r->standing);
	free(r->paid);
	free(r->walkin);
}

bool replay_journal(struct desk *desk, char **cause)
{
	struct replayer r;
	struct sync_replay_entry *entries = NULL;
	size_t n = 0;

	if (!sync_clear_derived(desk->db, cause)) {
		return false;
	}
	bool ok = replayer_open(&r, desk);
	if (ok) {
		n = sync_load_replay(desk->db, &entries);
		r.entries = entries;
		for (size_t i = 0; i < n && ok; i++) {
			ok = apply(&r, (long)i);
			progress_tick(N_("合并"), (long)i + 1, (long)n, 64);
		}
		ok = ok && flush_pending_undos(&r);
		ok = flush_displaced(&r) && ok && stays_save_all(desk->db, r.pic, &r.cause);
	}
	if (!ok) {
		*cause = r.cause ? r.cause : say("重放日志失败");
		r.cause = NULL;
	}
	replayer_close(&r);
	sync_replay_free(entries, n);
	return ok;
}

/*
 * What an entry applied earlier left standing (the check-in, the last
 * payment, the walk-in of its subject), set without touching a row: the
 * rows already show it. The same choices as apply's, minus the writing.
 */
static void seed(struct replayer *r, long index)
{
	const struct sync_replay_entry *e = &r->entries[index];
	long id = e->subject ? query_id_by_reg_no(r->desk->db, e->subject) : -1;

	if (id < 0 || id > r->max_id) {
		return;
	}
	bool checkin = strcmp(e->action, "checkin") == 0;
	if ((checkin || strcmp(e->action, "pay") == 0) && e->card_amount > 0) {
		r->paid[id] = index;
	}
	bool seeded;
	if (checkin && r->standing[id] < 0) {
		r->standing[id] = take_pending_undo(r, id, e, &seeded) ? -1 : index;
	} else if (strcmp(e->action, "undo") == 0) {
		const struct sync_replay_entry *s =
		    r->standing[id] >= 0 ? &r->entries[r->standing[id]] : NULL;
		if (s != NULL &&
		    conflict_undo_matches(s->at, s->desk_id, e->undone_at, e->undone_desk)) {
			r->standing[id] = -1;
		} else {
			pend_undo(r, index, id, true);
		}
	} else if (strcmp(e->action, "walkin") == 0 && r->walkin[id] < 0 && e->room_type &&
	           e->arrive && e->depart) {
		r->walkin[id] = index;
	}
}

/*
 * True when a new check-in is the one an earlier entry's pending undo names:
 * that undo was listed as unmatched by the replay that applied it, and only
 * the whole replay takes the listing back.
 */
static bool undoes_earlier(struct replayer *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct sync_replay_entry *e = &r->entries[i];
		if (!e->fresh || strcmp(e->action, "checkin") != 0 || e->subject == NULL) {
			continue;
		}
		long id = query_id_by_reg_no(r->desk->db, e->subject);
		for (size_t k = 0; id >= 0 && k < r->n_pending; k++) {
			const struct sync_replay_entry *undo = &r->entries[r->pending[k].index];
			if (r->pending[k].id == id &&
			    conflict_undo_matches(e->at, e->desk_id, undo->undone_at,
			                          undo->undone_desk)) {
				return true;
			}
		}
	}
	return false;
}

/*
 * Seeds from the earlier entries, then applies the fresh ones, which all come
 * after them in the order (sync_tail_applies_alone). Sets *whole, applying
 * nothing, when only the whole replay gives the right rows (undoes_earlier).
 */
static bool apply_fresh(struct replayer *r, size_t n, bool *whole)
{
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		if (!r->entries[i].fresh) {
			seed(r, (long)i);
		}
	}
	*whole = undoes_earlier(r, n);
	for (size_t i = 0; i < n && ok && !*whole; i++) {
		progress_tick(N_("合并"), (long)i + 1, (long)n, 64);
		if (r->entries[i].fresh) {
			ok = apply(r, (long)i);
		}
	}
	return ok && (*whole || flush_pending_undos(r));
}

bool replay_journal_tail(struct desk *desk, long mark, bool *whole, char **cause)
{
	struct replayer r;
	struct sync_replay_entry *entries = NULL;
	size_t n = 0;

	*whole = false;
	bool ok = replayer_open_kept(&r, desk);
	if (ok) {
		n = sync_load_replay_since(desk->db, mark, &entries);
		r.entries = entries;
		ok = apply_fresh(&r, n, whole);
		/* whoever the entries moved, a hold that gave way too, is written back */
		ok = ok && !*whole && flush_displaced(&r) &&
		     stays_save_changed(desk->db, r.pic, &r.cause);
	}
	/* the kept picture is the stays now, unless something failed (the caller rolls back) */
	if (ok) {
		stays_cache_saved(desk->db, desk->stays);
	} else {
		stays_cache_drop(desk->stays);
	}
	if (!ok && !*whole) {
		*cause = r.cause ? r.cause : say("重放日志失败");
		r.cause = NULL;
	}
	replayer_close(&r);
	sync_replay_free(entries, n);
	return *whole ? replay_journal(desk, cause) : ok;
}

/* The stored conflict as the report's, its strings moved over. */
static struct merge_conflict merge_conflict_of(const struct sync_conflict *c)
{
	return (struct merge_conflict){.kind = c->kind,
	                               .reg_no = c->reg_no,
	                               .name = c->name,
	                               .desk_id = c->desk_id,
	                               .seq = c->seq,
	                               .at = c->at,
	                               .other_desk = c->other_desk,
	                               .other_seq = c->other_seq,
	                               .other_at = c->other_at,
	                               .room_given = c->room_given,
	                               .room_now = c->room_now,
	                               .amount = c->amount};
}

/* The reported conflict as core's plain facts (borrowed strings). */
static struct conflict_facts conflict_facts_of(const struct merge_conflict *c)
{
	return (struct conflict_facts){.kind = conflict_parse(c->kind),
	                               .code = c->kind,
	                               .reg_no = c->reg_no,
	                               .name = c->name,
	                               .desk_id = c->desk_id,
	                               .at = c->at,
	                               .other_desk = c->other_desk,
	                               .other_at = c->other_at,
	                               .room_given = c->room_given,
	                               .room_now = c->room_now,
	                               .amount = c->amount};
}

enum action_status action_report_conflicts(struct desk *desk, struct conflict_report *out)
{
	struct sync_conflict *stored = NULL;

	memset(out, 0, sizeof(*out));
	out->n = sync_list_conflicts(desk->db, &stored);
	out->items = xcalloc(out->n ? out->n : 1, sizeof(*out->items));
	out->text = xcalloc(out->n ? out->n : 1, sizeof(char *));
	for (size_t i = 0; i < out->n; i++) {
		out->items[i] = merge_conflict_of(&stored[i]);
		struct conflict_facts f = conflict_facts_of(&out->items[i]);
		out->text[i] = conflict_describe(&f);
	}
	free(stored);
	return ACTION_OK;
}

void action_conflicts_release(struct conflict_report *out)
{
	for (size_t i = 0; i < out->n; i++) {
		struct merge_conflict *c = &out->items[i];
		free(c->kind);
		free(c->reg_no);
		free(c->name);
		free(c->desk_id);
		free(c->at);
		free(c->other_desk);
		free(c->other_at);
		free(c->room_given);
		free(c->room_now);
		free(out->text[i]);
	}
	free(out->items);
	free(out->text);
	memset(out, 0, sizeof(*out));
}
