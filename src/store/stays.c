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
#include "frontdesk/strbuf.h"
#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

static const char *use_code(enum lodging_use use)
{
	return use == USE_WHOLE ? "whole" : use == USE_SHARED ? "shared" : "held";
}

/* A stay without a use (a hand-edited row: the column may be NULL) reads as a shared bed. */
static enum lodging_use use_from_code(const char *code)
{
	return code == NULL                 ? USE_SHARED
	       : strcmp(code, "whole") == 0 ? USE_WHOLE
	       : strcmp(code, "held") == 0  ? USE_HELD
	                                    : USE_SHARED;
}

/*
 * Returns the picture's one copy of a hotel or floor name: 60,000 rooms share
 * a handful of hotels and floors, and a copy each cost about 5 MiB of the
 * desk's memory. Names come in runs (rooms are read by hotel), so the last
 * ones are looked at first. NULL stays NULL.
 */
static char *shared_name(struct hotel_picture *pic, const unsigned char *name, size_t *cap)
{
	if (name == NULL) {
		return NULL;
	}
	for (size_t i = pic->n_names; i-- > 0;) {
		if (strcmp(pic->names[i], (const char *)name) == 0) {
			return pic->names[i];
		}
	}
	if (pic->n_names == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		pic->names = xreallocarray(pic->names, *cap, sizeof(*pic->names));
	}
	pic->names[pic->n_names] = xstrdup((const char *)name);
	return pic->names[pic->n_names++];
}

static void load_rooms(struct db *db, struct hotel_picture *pic)
{
	size_t names_cap = 0;
	sqlite3_stmt *stmt = db_prepare(db, "SELECT id, hotel, room, floor, type, hotel_rank FROM "
	                                    "room ORDER BY hotel_rank, id");
	size_t cap = 64;
	/* the room numbers in one block (one allocation each cost 2 MiB on 60,000 rooms) */
	struct strbuf numbers = STRBUF_INIT;
	size_t *at = xcalloc(cap, sizeof(*at));

	pic->rooms = xcalloc(cap, sizeof(*pic->rooms));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (pic->n_rooms == cap) {
			cap *= 2;
			pic->rooms = xreallocarray(pic->rooms, cap, sizeof(*pic->rooms));
			at = xreallocarray(at, cap, sizeof(*at));
		}
		at[pic->n_rooms] = numbers.len;
		struct room_info *r = &pic->rooms[pic->n_rooms++];
		const char *number = (const char *)sqlite3_column_text(stmt, 2);
		strbuf_add(&numbers, number ? number : "", strlen(number ? number : "") + 1);
		r->id = sqlite3_column_int64(stmt, 0);
		r->hotel = shared_name(pic, sqlite3_column_text(stmt, 1), &names_cap);
		r->floor = shared_name(pic, sqlite3_column_text(stmt, 3), &names_cap);
		r->kind = strcmp((const char *)sqlite3_column_text(stmt, 4), "king") == 0
		              ? ROOMKIND_KING
		              : ROOMKIND_TWIN;
		r->hotel_rank = sqlite3_column_int(stmt, 5);
	}
	sqlite3_finalize(stmt);
	pic->room_numbers = strbuf_detach(&numbers);
	for (size_t i = 0; i < pic->n_rooms; i++) {
		pic->rooms[i].room = pic->room_numbers + at[i];
	}
	free(at);
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

/* Returns the rooms' ids sorted, each with its picture index (for room_index). */
static struct id_slot *room_slots(const struct hotel_picture *pic)
{
	struct id_slot *slots = xcalloc(pic->n_rooms ? pic->n_rooms : 1, sizeof(*slots));

	for (size_t i = 0; i < pic->n_rooms; i++) {
		slots[i] = (struct id_slot){pic->rooms[i].id, i};
	}
	qsort(slots, pic->n_rooms, sizeof(*slots), compare_slots);
	return slots;
}

#define STAY_COLUMNS                                                                      \
	"SELECT s.attendee_id, s.room_id, s.bed, s.flags, s.night, a.gender FROM stay s " \
	"JOIN attendee a ON a.id = s.attendee_id "

/*
 * Adds the stays stmt yields (STAY_COLUMNS, ordered by person, room, bed and
 * night), grouped per person, room, bed and use, with today's genders: a
 * gender corrected since the beds were given leaves a room with a gender
 * conflict, which is loaded as it is (lodging_load_stay) and kept closed by
 * the allocator, not taken for a damaged database. False when a stay breaks
 * another invariant.
 */
static bool add_stays(struct hotel_picture *pic, const struct id_slot *slots, sqlite3_stmt *stmt)
{
	struct lodging_stay cur = {.attendee_id = -1};
	bool ok = true;

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
			ok = ok && rc == SQLITE_DONE;
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
	return ok;
}

static bool load_stays(struct db *db, struct hotel_picture *pic, char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, STAY_COLUMNS "ORDER BY s.attendee_id, s.room_id, s.bed, s.night");
	struct id_slot *slots = room_slots(pic);
	bool ok = add_stays(pic, slots, stmt);

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
	free(pic->room_numbers);
	for (size_t i = 0; i < pic->n_names; i++) {
		free(pic->names[i]);
	}
	free(pic->names);
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
	/* every stay rewritten: not listed one by one (schema v9), a kept picture loads anew */
	if (!db_exec(db, "UPDATE stay_generation SET listing = 0 WHERE id = 1; DELETE FROM stay",
	             cause)) {
		return false;
	}
	if (!write_all_stays(db, pic)) {
		*cause = db_error(db, "保存住宿安排", "saving the room allocation");
		return false;
	}
	return db_exec(db, "UPDATE stay_generation SET listing = 1 WHERE id = 1", cause);
}

struct stays_cache {
	struct hotel_picture pic;
	struct id_slot *slots; /* the picture's room ids, sorted */
	bool valid;
	long first_night;
	long generation;         /* stay_generation.n that the picture shows */
	long change_mark;        /* the last stay_change row the picture shows */
	unsigned long rollbacks; /* the connection's rollbacks when it was current */
	unsigned long loads, deltas;
};

/* More guests than this changed elsewhere: loading everything is as quick. */
#define DELTA_MAX_ROWS 20000
/* stay_change is cut back to the newest KEEP rows once it holds more than twice that. */
#define CHANGES_KEEP 100000

static long query_long(struct db *db, const char *sql, long arg)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, sql);
	sqlite3_bind_int64(stmt, 1, arg);
	long n = sqlite3_step(stmt) == SQLITE_ROW ? (long)sqlite3_column_int64(stmt, 0) : -1;

	db_release(db, stmt);
	return n;
}

/* Returns the database's change counter (schema v3), or -1 when it cannot be read. */
static long stay_generation(struct db *db)
{
	return query_long(db, "SELECT n FROM stay_generation WHERE id = ?1", 1);
}

/* Returns the newest stay_change row (schema v9), 0 when there is none. */
static long change_mark(struct db *db)
{
	return query_long(db, "SELECT coalesce(max(id), 0) FROM stay_change WHERE ?1", 1);
}

/* Whether the cache may serve first_night's picture, as it is or brought up to date. */
static bool cache_usable(struct db *db, const struct stays_cache *c, long first_night)
{
	return c->valid && c->first_night == first_night && c->rollbacks == db_rollbacks(db) &&
	       c->generation >= 0;
}

/*
 * Whether every change since the picture is a listed stay row: the rows after
 * its mark account for each step of the counter (a room or a gender changed,
 * a full rewrite, or rows cut back, leave steps unaccounted for).
 */
static bool only_listed_changes(struct db *db, const struct stays_cache *c, long generation)
{
	long steps = generation - c->generation;

	return steps > 0 && steps <= DELTA_MAX_ROWS &&
	       query_long(db, "SELECT count(*) FROM stay_change WHERE id > ?1", c->change_mark) ==
	           steps;
}

/* Returns the guests listed since the mark (each once); *n their number. */
static long *changed_guests(struct db *db, long mark, size_t *n)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "SELECT DISTINCT attendee_id FROM stay_change WHERE id > ?1");
	size_t cap = 16;
	long *ids = xcalloc(cap, sizeof(*ids));

	*n = 0;
	sqlite3_bind_int64(stmt, 1, mark);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			ids = xreallocarray(ids, cap, sizeof(*ids));
		}
		ids[(*n)++] = (long)sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
	return ids;
}

/*
 * Brings the kept picture up to date with stays another process wrote: the
 * listed guests' stays are taken out, all of them first (one may have moved
 * into another's old bed), then read again. False when that does not hold
 * together (the caller then loads everything).
 */
static bool apply_changes(struct db *db, struct stays_cache *c)
{
	size_t n;
	long *ids = changed_guests(db, c->change_mark, &n);
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, STAY_COLUMNS "WHERE s.attendee_id = ?1 ORDER BY s.room_id, s.bed, s.night");
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		lodging_remove(c->pic.state, ids[i]);
	}
	for (size_t i = 0; i < n && ok; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, ids[i]);
		ok = add_stays(&c->pic, c->slots, stmt);
	}
	db_release(db, stmt);
	free(ids);
	lodging_changed_clear(c->pic.state);
	return ok;
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

/* Cuts stay_change back to its newest rows once it is twice as long (inside a write). */
static void trim_changes(struct db *db, long mark)
{
	if (mark - query_long(db, "SELECT coalesce(min(id), 0) FROM stay_change WHERE ?1", 1) >
	    2 * CHANGES_KEEP) {
		sqlite3_stmt *stmt =
		    db_prepare_cached(db, "DELETE FROM stay_change WHERE id <= ?1");
		sqlite3_bind_int64(stmt, 1, mark - CHANGES_KEEP);
		sqlite3_step(stmt);
		db_release(db, stmt);
	}
}

/* The picture shows the database as it is now, in this transaction. */
static void mark_current(struct db *db, struct stays_cache *cache)
{
	cache->generation = stay_generation(db);
	cache->change_mark = change_mark(db);
	cache->rollbacks = db_rollbacks(db);
}

struct hotel_picture *stays_checkout(struct db *db, long first_night, struct stays_cache **cache,
                                     char **cause)
{
	if (*cache == NULL) {
		*cache = xcalloc(1, sizeof(**cache));
	}
	struct stays_cache *c = *cache;
	if (cache_usable(db, c, first_night)) {
		long generation = stay_generation(db);
		if (generation == c->generation) {
			verify_kept(db, c);
			return &c->pic;
		}
		if (only_listed_changes(db, c, generation) && apply_changes(db, c)) {
			c->deltas++;
			c->generation = generation;
			c->change_mark = change_mark(db);
			verify_kept(db, c);
			return &c->pic;
		}
	}
	stays_cache_drop(c);
	if (!stays_load(db, first_night, false, &c->pic, cause)) {
		return NULL;
	}
	c->slots = room_slots(&c->pic);
	c->loads++;
	c->valid = true;
	c->first_night = first_night;
	mark_current(db, c);
	return &c->pic;
}

void stays_cache_saved(struct db *db, struct stays_cache *cache)
{
	mark_current(db, cache);
	trim_changes(db, cache->change_mark);
}

void stays_cache_drop(struct stays_cache *cache)
{
	if (cache != NULL && cache->valid) {
		stays_release(&cache->pic);
		free(cache->slots);
		cache->slots = NULL;
		cache->valid = false;
	}
}

unsigned long stays_cache_loads(const struct stays_cache *cache)
{
	return cache ? cache->loads : 0;
}

unsigned long stays_cache_deltas(const struct stays_cache *cache)
{
	return cache ? cache->deltas : 0;
}

void stays_cache_free(struct stays_cache *cache)
{
	stays_cache_drop(cache);
	free(cache);
}
