/*
 * sessions stores the programme and the attendance the doors recorded
 * (sessions.h). It decides nothing: attendance.c judges, the actions decide
 * what to write. The door's hot path (a scan) runs two cached statements: the
 * person's rows for the session, then the insert.
 */
#include "frontdesk/sessions.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/date.h"
#include "frontdesk/xmalloc.h"

static const char *const row_kinds[] = {
    [ATTEND_ROW_IN] = "in", [ATTEND_ROW_OUT] = "out", [ATTEND_ROW_EXCUSED] = "excused"};

const char *sessions_row_kind_code(enum attend_row_kind kind)
{
	return row_kinds[kind];
}

bool sessions_row_kind_parse(const char *code, enum attend_row_kind *out)
{
	for (size_t i = 0; code != NULL && i < sizeof(row_kinds) / sizeof(row_kinds[0]); i++) {
		if (strcmp(code, row_kinds[i]) == 0) {
			*out = (enum attend_row_kind)i;
			return true;
		}
	}
	return false;
}

bool sessions_parse_stamp(const char *stamp, long *minutes)
{
	char day[DATE_ISO_LEN + 1];
	long d;
	int h, m;

	if (stamp == NULL || strlen(stamp) < 16 || (stamp[10] != ' ' && stamp[10] != 'T')) {
		return false;
	}
	memcpy(day, stamp, DATE_ISO_LEN);
	day[DATE_ISO_LEN] = '\0';
	if (!date_parse(day, &d) || stamp[13] != ':' || stamp[11] < '0' || stamp[11] > '2' ||
	    stamp[12] < '0' || stamp[12] > '9' || stamp[14] < '0' || stamp[14] > '5' ||
	    stamp[15] < '0' || stamp[15] > '9') {
		return false;
	}
	h = (stamp[11] - '0') * 10 + stamp[12] - '0';
	m = (stamp[14] - '0') * 10 + stamp[15] - '0';
	if (h > 23) {
		return false;
	}
	*minutes = d * 1440 + h * 60 + m;
	return true;
}

/* Binds s as ?1 (id) to ?10 (sign_out), in the session table's column order. */
static void bind_session(sqlite3_stmt *stmt, const struct session *s, const char *date)
{
	db_bind_text(stmt, 1, s->id);
	db_bind_text(stmt, 2, date);
	sqlite3_bind_int(stmt, 3, s->start);
	sqlite3_bind_int(stmt, 4, s->end);
	db_bind_text(stmt, 5, s->venue);
	db_bind_text(stmt, 6, s->title);
	db_bind_text(stmt, 7, programme_kind_code(s->kind));
	sqlite3_bind_int(stmt, 8, s->hours_tenths);
	sqlite3_bind_int(stmt, 9, s->required);
	sqlite3_bind_int(stmt, 10, s->sign_out);
}

/* 1 when the stored session id differs from s, 0 when the same, -1 when absent. */
static int compare_stored(struct db *db, const struct session *s, const char *date)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT date IS ?2 AND start = ?3 AND end = ?4 AND venue IS ?5 AND title IS ?6 AND "
	        "kind IS ?7 AND hours_tenths = ?8 AND required = ?9 AND sign_out = ?10 "
	        "FROM session WHERE id = ?1");
	int result = -1;

	bind_session(stmt, s, date);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		result = sqlite3_column_int(stmt, 0) ? 0 : 1;
	}
	sqlite3_finalize(stmt);
	return result;
}

static bool upsert(struct db *db, const struct session *s, const char *date, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "INSERT INTO session (id, date, start, end, venue, title, kind, hours_tenths, "
	    "required, sign_out, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
	    "ON CONFLICT (id) DO UPDATE SET date = ?2, start = ?3, end = ?4, venue = ?5, "
	    "title = ?6, kind = ?7, hours_tenths = ?8, required = ?9, sign_out = ?10, line = ?11");
	bool ok;

	bind_session(stmt, s, date);
	sqlite3_bind_int(stmt, 11, s->line);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	if (!ok) {
		*cause = db_error(db, "保存课程表", "storing the programme");
	}
	sqlite3_finalize(stmt);
	return ok;
}

/* Deletes the stored sessions p does not list; returns how many, or -1 with *cause. */
static int remove_dropped(struct db *db, const struct programme *p, char **cause)
{
	if (!db_exec(db,
	             "CREATE TEMP TABLE IF NOT EXISTS session_keep (id TEXT PRIMARY KEY); "
	             "DELETE FROM session_keep;",
	             cause)) {
		return -1;
	}
	sqlite3_stmt *keep = db_prepare(db, "INSERT OR IGNORE INTO session_keep VALUES (?)");
	for (size_t i = 0; i < p->n; i++) {
		sqlite3_reset(keep);
		db_bind_text(keep, 1, p->sessions[i].id);
		sqlite3_step(keep);
	}
	sqlite3_finalize(keep);
	sqlite3_stmt *del =
	    db_prepare(db, "DELETE FROM session WHERE id NOT IN (SELECT id FROM session_keep)");
	int removed = sqlite3_step(del) == SQLITE_DONE ? sqlite3_changes(db->handle) : -1;
	sqlite3_finalize(del);
	if (removed < 0) {
		*cause = db_error(db, "保存课程表", "storing the programme");
	}
	return removed;
}

bool sessions_save(struct db *db, const struct programme *p, struct sessions_merge *counts,
                   char **cause)
{
	memset(counts, 0, sizeof(*counts));
	for (size_t i = 0; i < p->n; i++) {
		const struct session *s = &p->sessions[i];
		char date[DATE_ISO_LEN + 1];
		date_format(s->date, date);
		int was = compare_stored(db, s, date);
		if (!upsert(db, s, date, cause)) {
			return false;
		}
		counts->added += was < 0;
		counts->updated += was > 0;
		counts->unchanged += was == 0;
	}
	counts->removed = remove_dropped(db, p, cause);
	return counts->removed >= 0;
}

struct programme *sessions_load(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT id, date, start, end, venue, title, kind, hours_tenths, required, "
	        "sign_out, line FROM session ORDER BY date, start, venue, id");
	struct programme *p = xcalloc(1, sizeof(*p));
	size_t cap = 0;

	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (p->n == cap) {
			cap = cap ? 2 * cap : 16;
			p->sessions = xreallocarray(p->sessions, cap, sizeof(*p->sessions));
		}
		struct session *s = &p->sessions[p->n++];
		memset(s, 0, sizeof(*s));
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		strncpy(s->id, id ? id : "", SESSION_ID_MAX);
		const char *date = (const char *)sqlite3_column_text(stmt, 1);
		if (date == NULL || !date_parse(date, &s->date)) {
			s->date = 0;
		}
		s->start = sqlite3_column_int(stmt, 2);
		s->end = sqlite3_column_int(stmt, 3);
		s->venue = db_column_strdup(stmt, 4);
		s->title = db_column_strdup(stmt, 5);
		const char *kind = (const char *)sqlite3_column_text(stmt, 6);
		if (kind == NULL || !programme_kind_parse(kind, &s->kind)) {
			s->kind = SESSION_LECTURE;
		}
		s->hours_tenths = sqlite3_column_int(stmt, 7);
		s->required = sqlite3_column_int(stmt, 8) != 0;
		s->sign_out = sqlite3_column_int(stmt, 9) != 0;
		s->line = sqlite3_column_int(stmt, 10);
	}
	db_release(db, stmt);
	return p;
}

int sessions_add_row(struct db *db, const struct attend_row *row, char **cause)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "INSERT INTO attendance (attendee_id, session_id, kind, at, desk_id, operator, "
	        "reason) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
	int result = -1;

	sqlite3_bind_int64(stmt, 1, row->attendee_id);
	db_bind_text(stmt, 2, row->session_id);
	db_bind_text(stmt, 3, sessions_row_kind_code(row->kind));
	db_bind_text(stmt, 4, row->at);
	db_bind_text(stmt, 5, row->desk_id);
	db_bind_text(stmt, 6, row->operator_name);
	db_bind_text(stmt, 7, row->reason);
	if (sqlite3_step(stmt) == SQLITE_DONE) {
		result = sqlite3_changes(db->handle) == 1;
	} else {
		*cause = db_error(db, "记录出勤", "recording the attendance");
	}
	db_release(db, stmt);
	return result;
}

/* Puts one stored row's time into r. */
static void note_row(struct attend_record *r, const char *kind, const char *at)
{
	enum attend_row_kind k;
	long minutes;

	if (!sessions_row_kind_parse(kind, &k)) {
		return;
	}
	if (k == ATTEND_ROW_EXCUSED) {
		r->excused = true;
	} else if (sessions_parse_stamp(at, &minutes)) {
		*(k == ATTEND_ROW_IN ? &r->in : &r->out) = minutes;
	}
}

void sessions_record_of(struct db *db, long attendee_id, const char *session_id,
                        struct attend_record *out, char **in_at)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT kind, at FROM attendance WHERE attendee_id = ? AND session_id = ?");

	*out = (struct attend_record)ATTEND_RECORD_NONE;
	if (in_at != NULL) {
		*in_at = NULL;
	}
	sqlite3_bind_int64(stmt, 1, attendee_id);
	db_bind_text(stmt, 2, session_id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(stmt, 0);
		const char *at = (const char *)sqlite3_column_text(stmt, 1);
		note_row(out, kind, at);
		if (in_at != NULL && kind != NULL && strcmp(kind, "in") == 0) {
			free(*in_at);
			*in_at = at ? xstrdup(at) : NULL;
		}
	}
	db_release(db, stmt);
}

static size_t load_people(struct db *db, struct sessions_person **people)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT id, reg_no, name, organisation FROM attendee WHERE expected OR id IN "
	        "(SELECT attendee_id FROM attendance) ORDER BY reg_no");
	size_t n = 0, cap = 0;

	*people = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			*people = xreallocarray(*people, cap, sizeof(**people));
		}
		(*people)[n++] = (struct sessions_person){
		    sqlite3_column_int64(stmt, 0), db_column_strdup(stmt, 1),
		    db_column_strdup(stmt, 2), db_column_strdup(stmt, 3)};
	}
	sqlite3_finalize(stmt);
	return n;
}

/* A person's row in the matrix, found by attendee id. */
struct id_row {
	long id;
	size_t row;
};

static int by_id(const void *a, const void *b)
{
	long x = ((const struct id_row *)a)->id;
	long y = ((const struct id_row *)b)->id;

	return (x > y) - (x < y);
}

/* The index of session id in p, or -1 (a session a later sessions.csv dropped). */
static long session_column(const struct programme *p, const char *id)
{
	for (size_t s = 0; id != NULL && s < p->n; s++) {
		if (strcmp(p->sessions[s].id, id) == 0) {
			return (long)s;
		}
	}
	return -1;
}

size_t sessions_load_matrix(struct db *db, const struct programme *p,
                            struct sessions_person **people, struct attend_record **records)
{
	size_t n = load_people(db, people);
	size_t cells = n * (p->n ? p->n : 1) + 1;
	struct id_row *index = xcalloc(n + 1, sizeof(*index));

	*records = xcalloc(cells, sizeof(**records));
	for (size_t i = 0; i < cells; i++) {
		(*records)[i] = (struct attend_record)ATTEND_RECORD_NONE;
	}
	for (size_t i = 0; i < n; i++) {
		index[i] = (struct id_row){(*people)[i].id, i};
	}
	qsort(index, n, sizeof(*index), by_id);
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT attendee_id, session_id, kind, at FROM attendance");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct id_row key = {sqlite3_column_int64(stmt, 0), 0};
		const struct id_row *found = bsearch(&key, index, n, sizeof(*index), by_id);
		long column = session_column(p, (const char *)sqlite3_column_text(stmt, 1));
		if (found != NULL && column >= 0) {
			note_row(&(*records)[found->row * p->n + (size_t)column],
			         (const char *)sqlite3_column_text(stmt, 2),
			         (const char *)sqlite3_column_text(stmt, 3));
		}
	}
	sqlite3_finalize(stmt);
	free(index);
	return n;
}

void sessions_people_free(struct sessions_person *people, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(people[i].reg_no);
		free(people[i].name);
		free(people[i].organisation);
	}
	free(people);
}

char *sessions_excuse_reason(struct db *db, long attendee_id, const char *session_id)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT reason FROM attendance WHERE attendee_id = ? AND session_id = ? AND "
	        "kind = 'excused'");
	char *reason = NULL;

	sqlite3_bind_int64(stmt, 1, attendee_id);
	db_bind_text(stmt, 2, session_id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		reason = db_column_strdup(stmt, 0);
	}
	db_release(db, stmt);
	return reason;
}
