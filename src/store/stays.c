/*
 * stays converts between the stay table (a row per person, bed and night, so
 * the UNIQUE (room, bed, night) constraint guards against a bed given twice
 * even if the allocator were wrong) and the allocator's bitmask picture.
 */
#include "frontdesk/say.h"
#include "frontdesk/stays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/date.h"
#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

static const char *use_code(enum lodging_use use)
{
	return use == USE_WHOLE ? "whole" : use == USE_SHARED ? "shared" : "held";
}

static enum lodging_use use_from_code(const char *code)
{
	return strcmp(code, "whole") == 0  ? USE_WHOLE
	       : strcmp(code, "held") == 0 ? USE_HELD
	                                   : USE_SHARED;
}

static void load_rooms(struct db *db, struct hotel_picture *pic)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT id, hotel, room, floor, type, hotel_rank FROM "
	                                    "room ORDER BY hotel_rank, id");
	size_t cap = 64;

	pic->rooms = xcalloc(cap, sizeof(*pic->rooms));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (pic->n_rooms == cap) {
			cap *= 2;
			pic->rooms = xreallocarray(pic->rooms, cap, sizeof(*pic->rooms));
		}
		struct room_info *r = &pic->rooms[pic->n_rooms++];
		r->id = sqlite3_column_int64(stmt, 0);
		r->hotel = db_column_strdup(stmt, 1);
		r->room = db_column_strdup(stmt, 2);
		r->floor = db_column_strdup(stmt, 3);
		r->kind = strcmp((const char *)sqlite3_column_text(stmt, 4), "king") == 0
		              ? ROOMKIND_KING
		              : ROOMKIND_TWIN;
		r->hotel_rank = sqlite3_column_int(stmt, 5);
	}
	sqlite3_finalize(stmt);
}

struct id_slot {
	long id;
	size_t index;
};

static int compare_slots(const void *a, const void *b)
{
	long x = ((const struct id_slot *)a)->id, y = ((const struct id_slot *)b)->id;

	return (x > y) - (x < y);
}

/* Returns the picture index of a room id, or (size_t)-1; slots are sorted by id. */
static size_t room_index(const struct id_slot *slots, size_t n, long room_id)
{
	struct id_slot key = {room_id, 0};
	const struct id_slot *hit = bsearch(&key, slots, n, sizeof(*slots), compare_slots);

	return hit ? hit->index : (size_t)-1;
}

/*
 * Loads stays grouped per person, room, bed and use into the picture's state,
 * with today's genders: a gender corrected since the beds were given leaves a
 * room with a gender conflict, which is loaded as it is (lodging_load_stay) and
 * kept closed by the allocator, not taken for a damaged database.
 */
static bool load_stays(struct db *db, struct hotel_picture *pic, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT s.attendee_id, s.room_id, s.bed, s.flags, s.night, a.gender FROM stay s "
	        "JOIN attendee a ON a.id = s.attendee_id ORDER BY s.attendee_id, s.room_id, "
	        "s.bed, s.night");
	struct lodging_stay cur = {.attendee_id = -1};
	struct id_slot *slots = xcalloc(pic->n_rooms ? pic->n_rooms : 1, sizeof(*slots));
	bool ok = true;

	for (size_t i = 0; i < pic->n_rooms; i++) {
		slots[i] = (struct id_slot){pic->rooms[i].id, i};
	}
	qsort(slots, pic->n_rooms, sizeof(*slots), compare_slots);

	for (int rc = sqlite3_step(stmt); ok; rc = sqlite3_step(stmt)) {
		bool row = rc == SQLITE_ROW;
		long attendee = row ? sqlite3_column_int64(stmt, 0) : -2;
		size_t room =
		    row ? room_index(slots, pic->n_rooms, sqlite3_column_int64(stmt, 1)) : 0;
		int bed = row ? sqlite3_column_int(stmt, 2) : 0;
		if (cur.attendee_id >= 0 &&
		    (attendee != cur.attendee_id || room != cur.room || bed != cur.bed)) {
			ok = lodging_load_stay(pic->state, &cur);
		}
		if (!row || !ok) {
			break;
		}
		if (attendee != cur.attendee_id || room != cur.room || bed != cur.bed) {
			cur = (struct lodging_stay){
			    attendee,
			    room,
			    bed,
			    0,
			    GENDER_UNKNOWN,
			    use_from_code((const char *)sqlite3_column_text(stmt, 3))};
			roster_gender_from_code((const char *)sqlite3_column_text(stmt, 5),
			                        &cur.gender);
		}
		long night;
		if (room == (size_t)-1 ||
		    !date_parse((const char *)sqlite3_column_text(stmt, 4), &night)) {
			ok = false;
			break;
		}
		cur.nights |= lodging_nights_mask(pic->first_night, night, night + 1);
	}
	sqlite3_finalize(stmt);
	free(slots);
	if (!ok) {
		*cause = say("数据库中的住宿记录互相冲突，请联系技术支持");
	}
	return ok;
}

bool stays_load(struct db *db, long first_night, bool rooms_only, struct hotel_picture *out,
                char **cause)
{
	memset(out, 0, sizeof(*out));
	out->first_night = first_night;
	load_rooms(db, out);
	struct lodging_room *rooms = xcalloc(out->n_rooms ? out->n_rooms : 1, sizeof(*rooms));
	for (size_t i = 0; i < out->n_rooms; i++) {
		rooms[i] = (struct lodging_room){out->rooms[i].id, out->rooms[i].hotel_rank,
		                                 out->rooms[i].kind};
	}
	out->state = lodging_new(rooms, out->n_rooms);
	free(rooms);
	if (!rooms_only && !load_stays(db, out, cause)) {
		stays_release(out);
		return false;
	}
	lodging_changed_clear(out->state); /* as stored: nothing to write back yet */
	return true;
}

void stays_release(struct hotel_picture *pic)
{
	for (size_t i = 0; i < pic->n_rooms; i++) {
		free(pic->rooms[i].hotel);
		free(pic->rooms[i].room);
		free(pic->rooms[i].floor);
	}
	free(pic->rooms);
	lodging_free(pic->state);
	memset(pic, 0, sizeof(*pic));
}

static const char insert_sql[] =
    "INSERT INTO stay (attendee_id, night, room_id, bed, flags) VALUES (?, ?, ?, ?, ?)";

/* Inserts one stay as a row per night. */
static bool insert_stay(struct db *db, const struct hotel_picture *pic, sqlite3_stmt *stmt,
                        const struct lodging_stay *s)
{
	for (int bit = 0; bit < LODGING_MAX_NIGHTS; bit++) {
		char night[DATE_ISO_LEN + 1];
		if (!(s->nights & (UINT64_C(1) << bit))) {
			continue;
		}
		date_format(pic->first_night + bit, night);
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, s->attendee_id);
		db_bind_text(stmt, 2, night);
		sqlite3_bind_int64(stmt, 3, pic->rooms[s->room].id);
		sqlite3_bind_int(stmt, 4, s->bed);
		db_bind_text(stmt, 5, use_code(s->use));
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			return false;
		}
	}
	return true;
}

/* Writes every stay of the picture (after the table was emptied). */
static bool write_all_stays(struct db *db, const struct hotel_picture *pic)
{
	size_t total = lodging_stays(pic->state, NULL, 0);
	struct lodging_stay *all = xcalloc(total ? total : 1, sizeof(*all));
	sqlite3_stmt *stmt = db_prepare_cached(db, insert_sql);
	bool ok = true;

	lodging_stays(pic->state, all, total);
	for (size_t i = 0; i < total && ok; i++) {
		ok = insert_stay(db, pic, stmt, &all[i]);
	}
	db_release(db, stmt);
	free(all);
	return ok;
}

/* Rewrites one attendee's stored stays from the picture. */
static bool write_attendee(struct db *db, const struct hotel_picture *pic, sqlite3_stmt *del,
                           sqlite3_stmt *ins, long id)
{
	size_t n = lodging_stays_of(pic->state, id, NULL, 0);
	struct lodging_stay *stays = xcalloc(n ? n : 1, sizeof(*stays));
	bool ok;

	lodging_stays_of(pic->state, id, stays, n);
	sqlite3_reset(del);
	sqlite3_bind_int64(del, 1, id);
	ok = sqlite3_step(del) == SQLITE_DONE;
	for (size_t i = 0; i < n && ok; i++) {
		ok = insert_stay(db, pic, ins, &stays[i]);
	}
	free(stays);
	return ok;
}

bool stays_save_changed(struct db *db, struct hotel_picture *pic, char **cause)
{
	const long *ids;
	size_t n = lodging_changed(pic->state, &ids);
	sqlite3_stmt *del = db_prepare_cached(db, "DELETE FROM stay WHERE attendee_id = ?");
	sqlite3_stmt *ins = db_prepare_cached(db, insert_sql);
	bool ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		ok = write_attendee(db, pic, del, ins, ids[i]);
	}
	db_release(db, del);
	db_release(db, ins);
	if (!ok) {
		*cause = db_error(db, "保存住宿安排", "saving the room allocation");
		return false;
	}
	lodging_changed_clear(pic->state);
	return true;
}

bool stays_save_all(struct db *db, const struct hotel_picture *pic, char **cause)
{
	if (!db_exec(db, "DELETE FROM stay", cause)) {
		return false;
	}
	if (!write_all_stays(db, pic)) {
		*cause = db_error(db, "保存住宿安排", "saving the room allocation");
		return false;
	}
	return true;
}

struct stays_cache {
	struct hotel_picture pic;
	bool valid;
	long first_night;
	long generation;         /* stay_generation.n that the picture shows */
	unsigned long rollbacks; /* the connection's rollbacks when it was current */
	unsigned long loads;
};

/* Returns the database's change counter (schema v3), or -1 when it cannot be read. */
static long stay_generation(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT n FROM stay_generation WHERE id = 1");
	long n = sqlite3_step(stmt) == SQLITE_ROW ? (long)sqlite3_column_int64(stmt, 0) : -1;

	sqlite3_finalize(stmt);
	return n;
}

static bool cache_current(struct db *db, const struct stays_cache *c, long first_night)
{
	return c->valid && c->first_night == first_night && c->rollbacks == db_rollbacks(db) &&
	       c->generation >= 0 && c->generation == stay_generation(db);
}

static int compare_stays(const void *a, const void *b)
{
	const struct lodging_stay *x = a, *y = b;

	if (x->attendee_id != y->attendee_id) {
		return x->attendee_id < y->attendee_id ? -1 : 1;
	}
	if (x->room != y->room) {
		return x->room < y->room ? -1 : 1;
	}
	return x->bed - y->bed;
}

/* Returns the picture's stays sorted by person, room and bed; *n their number. */
static struct lodging_stay *sorted_stays(const struct hotel_picture *pic, size_t *n)
{
	*n = lodging_stays(pic->state, NULL, 0);
	struct lodging_stay *all = xcalloc(*n ? *n : 1, sizeof(*all));

	lodging_stays(pic->state, all, *n);
	qsort(all, *n, sizeof(*all), compare_stays);
	return all;
}

static bool same_stay(const struct lodging_stay *x, const struct lodging_stay *y)
{
	return x->attendee_id == y->attendee_id && x->room == y->room && x->bed == y->bed &&
	       x->nights == y->nights && x->gender == y->gender && x->use == y->use;
}

bool stays_same(const struct hotel_picture *a, const struct hotel_picture *b)
{
	size_t na, nb;
	struct lodging_stay *sa = sorted_stays(a, &na), *sb = sorted_stays(b, &nb);
	bool same = na == nb && a->n_rooms == b->n_rooms;

	for (size_t i = 0; same && i < na; i++) {
		same = same_stay(&sa[i], &sb[i]);
	}
	for (size_t i = 0; same && i < a->n_rooms; i++) {
		same = a->rooms[i].id == b->rooms[i].id;
	}
	free(sa);
	free(sb);
	return same;
}

/*
 * FRONTDESK_VERIFY_STAY_CACHE=1 (testseam.h; the end-to-end tests set it) compares every
 * kept picture with a fresh load: a writer the counter missed would give a bed
 * twice, so the tests make such a miss abort loudly instead.
 */
static void verify_kept(struct db *db, const struct stays_cache *c)
{
	struct hotel_picture fresh;
	char *cause = NULL;

	if (!testseam_verify_stay_cache()) {
		return;
	}
	if (!stays_load(db, c->first_night, false, &fresh, &cause)) {
		free(cause);
		abort();
	}
	if (!stays_same(&c->pic, &fresh)) {
		fprintf(stderr, "frontdesk: the kept hotel picture differs from the database\n");
		abort();
	}
	stays_release(&fresh);
}

struct hotel_picture *stays_checkout(struct db *db, long first_night, struct stays_cache **cache,
                                     char **cause)
{
	if (*cache == NULL) {
		*cache = xcalloc(1, sizeof(**cache));
	}
	struct stays_cache *c = *cache;
	if (cache_current(db, c, first_night)) {
		verify_kept(db, c);
		return &c->pic;
	}
	stays_cache_drop(c);
	if (!stays_load(db, first_night, false, &c->pic, cause)) {
		return NULL;
	}
	c->loads++;
	c->valid = true;
	c->first_night = first_night;
	c->generation = stay_generation(db);
	c->rollbacks = db_rollbacks(db);
	return &c->pic;
}

void stays_cache_saved(struct db *db, struct stays_cache *cache)
{
	cache->generation = stay_generation(db);
	cache->rollbacks = db_rollbacks(db);
}

void stays_cache_drop(struct stays_cache *cache)
{
	if (cache != NULL && cache->valid) {
		stays_release(&cache->pic);
		cache->valid = false;
	}
}

unsigned long stays_cache_loads(const struct stays_cache *cache)
{
	return cache ? cache->loads : 0;
}

void stays_cache_free(struct stays_cache *cache)
{
	stays_cache_drop(cache);
	free(cache);
}
