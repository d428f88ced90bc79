/*
 * query reads registrations and gathers the facts the fee rules judge. It
 * splits collective transfers here, with rules_collective_split, because a
 * member's share depends on every other member of the same transfer.
 */
#include "frontdesk/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "query_private.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

static void copy_fixed(char *dst, size_t size, const unsigned char *src)
{
	snprintf(dst, size, "%s", src ? (const char *)src : "");
}

void query_add_payment(struct attendee *a, enum payment_kind kind, int amount, bool confirmed)
{
	if (amount <= 0) {
		return;
	}
	a->payments = xreallocarray(a->payments, a->n_payments + 1, sizeof(*a->payments));
	a->payments[a->n_payments++] = (struct payment_fact){kind, amount, confirmed};
}

enum payment_kind query_payment_kind(const unsigned char *source)
{
	bool onsite = source != NULL && strcmp((const char *)source, "onsite") == 0;

	return onsite ? PAYMENT_ONSITE : PAYMENT_INDIVIDUAL;
}

static void load_payments(struct db *db, struct attendee *a)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "SELECT source, amount, state = 'confirmed' FROM payment "
	                          "WHERE attendee_id = ? ORDER BY id");

	sqlite3_bind_int64(stmt, 1, a->id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		query_add_payment(a, query_payment_kind(sqlite3_column_text(stmt, 0)),
		                  sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2) != 0);
	}
	db_release(db, stmt);
}

/* A transfer's members with their eligibility and due, in listed order. */
struct transfer_members {
	int amount;
	bool confirmed;
	size_t n;
	char **reg_nos;
	struct collective_member_fact *facts;
};

static void transfer_members_free(struct transfer_members *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->reg_nos[i]);
	}
	free(t->reg_nos);
	free(t->facts);
}

static void load_transfer(struct db *db, sqlite3_int64 transfer_id, const struct fee_schedule *fees,
                          struct transfer_members *t)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT m.reg_no, coalesce(a.expected, 0), "
	        "coalesce(a.member, 0) FROM collective_member m LEFT JOIN attendee a ON "
	        "a.reg_no = m.reg_no WHERE m.transfer_id = ? ORDER BY m.position");

	memset(t, 0, sizeof(*t));
	sqlite3_bind_int64(stmt, 1, transfer_id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		t->reg_nos = xreallocarray(t->reg_nos, t->n + 1, sizeof(*t->reg_nos));
		t->facts = xreallocarray(t->facts, t->n + 1, sizeof(*t->facts));
		t->reg_nos[t->n] = db_column_strdup(stmt, 0);
		t->facts[t->n].eligible = sqlite3_column_int(stmt, 1) != 0;
		t->facts[t->n].due = rules_fee_due(fees, sqlite3_column_int(stmt, 2) != 0);
		t->n++;
	}
	db_release(db, stmt);
}

/* Adds this attendee's share of every collective transfer that lists them. */
static void load_collective_shares(struct db *db, struct attendee *a,
                                   const struct fee_schedule *fees)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db,
	    "SELECT DISTINCT t.id, t.amount, t.state = 'confirmed' FROM collective_transfer t "
	    "JOIN collective_member m ON m.transfer_id = t.id WHERE m.reg_no = ? ORDER BY t.id");

	db_bind_text(stmt, 1, a->reg_no);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct transfer_members t;
		load_transfer(db, sqlite3_column_int64(stmt, 0), fees, &t);
		t.amount = sqlite3_column_int(stmt, 1);
		t.confirmed = sqlite3_column_int(stmt, 2) != 0;
		int *shares = xcalloc(t.n, sizeof(int));
		rules_collective_split(t.amount, t.facts, t.n, shares);
		for (size_t i = 0; i < t.n; i++) {
			if (strcmp(t.reg_nos[i], a->reg_no) == 0) {
				query_add_payment(a, PAYMENT_COLLECTIVE, shares[i], t.confirmed);
			}
		}
		free(shares);
		transfer_members_free(&t);
	}
	db_release(db, stmt);
}

void query_read_row(sqlite3_stmt *stmt, struct attendee *a)
{
	a->id = sqlite3_column_int64(stmt, 0);
	a->reg_no = db_column_strdup(stmt, 1);
	a->name = db_column_strdup(stmt, 2);
	roster_gender_from_code((const char *)sqlite3_column_text(stmt, 3), &a->gender);
	a->organisation = db_column_strdup(stmt, 4);
	a->position = db_column_strdup(stmt, 5);
	a->phone = db_column_strdup(stmt, 6);
	a->member = sqlite3_column_int(stmt, 7) != 0;
	roster_status_from_code((const char *)sqlite3_column_text(stmt, 8), &a->status);
	a->withdrawn = sqlite3_column_int(stmt, 9) != 0;
	roster_room_from_code((const char *)sqlite3_column_text(stmt, 10), &a->room);
	copy_fixed(a->arrive, sizeof(a->arrive), sqlite3_column_text(stmt, 11));
	copy_fixed(a->depart, sizeof(a->depart), sqlite3_column_text(stmt, 12));
	a->roommate = db_column_strdup(stmt, 13);
	a->note = db_column_strdup(stmt, 14);
	a->external_code = db_column_strdup(stmt, 15);
	copy_fixed(a->secret, sizeof(a->secret), sqlite3_column_text(stmt, 16));
	a->checked_in = sqlite3_column_type(stmt, 17) != SQLITE_NULL;
	a->checkin_at = db_column_strdup(stmt, 17);
	a->checkin_desk = db_column_strdup(stmt, 18);
	a->checkin_operator = db_column_strdup(stmt, 19);
	a->walkin = sqlite3_column_int(stmt, 20) != 0;
	a->walkin_min_rank = sqlite3_column_int(stmt, 21);
}

struct attendee *query_attendee(struct db *db, long id, const struct fee_schedule *fees)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, QUERY_ATTENDEE_SELECT "WHERE a.id = ?");
	struct attendee *a = NULL;

	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		a = xcalloc(1, sizeof(*a));
		query_read_row(stmt, a);
	}
	db_release(db, stmt);
	if (a != NULL) {
		load_payments(db, a);
		load_collective_shares(db, a, fees);
	}
	return a;
}

void query_attendee_free(struct attendee *a)
{
	if (a == NULL) {
		return;
	}
	free(a->reg_no);
	free(a->name);
	free(a->organisation);
	free(a->position);
	free(a->phone);
	free(a->roommate);
	free(a->note);
	free(a->external_code);
	free(a->checkin_at);
	free(a->checkin_desk);
	free(a->checkin_operator);
	free(a->payments);
	free(a);
}

static long id_by(struct db *db, const char *sql, const char *value)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, sql);
	long id = -1;

	db_bind_text(stmt, 1, value);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
	return id;
}

long query_id_by_reg_no(struct db *db, const char *reg_no)
{
	/* the spelling as written first, should an old database hold two of one reg_no */
	return id_by(
	    db, "SELECT id FROM attendee WHERE " DB_REG_NO_MATCH " ORDER BY reg_no <> ?1 LIMIT 1",
	    reg_no);
}

long query_id_by_external_code(struct db *db, const char *code)
{
	return id_by(db, "SELECT id FROM attendee WHERE external_code = ?", code);
}

size_t query_search(struct db *db, const char *text, long *ids, size_t max)
{
	bool phone = strlen(text) >= 4 && text_is_digits(text);
	sqlite3_stmt *stmt = db_prepare(
	    db,
	    "SELECT id FROM attendee WHERE instr(name, ?1) > 0 OR instr(lower(reg_no), "
	    "lower(?1)) > 0 OR (?2 AND instr(replace(replace(phone, ' ', ''), '-', ''), ?1) > 0) "
	    "ORDER BY name, reg_no");
	size_t n = 0;

	db_bind_text(stmt, 1, text);
	sqlite3_bind_int(stmt, 2, phone);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n < max) {
			ids[n] = sqlite3_column_int64(stmt, 0);
		}
		n++;
	}
	sqlite3_finalize(stmt);
	return n;
}

long query_roommate_id(struct db *db, const char *text)
{
	long id = query_id_by_reg_no(db, text);

	if (id >= 0 || text[0] == '\0') {
		return id;
	}
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT min(id), count(*) FROM attendee WHERE name = ? AND withdrawn = 0");
	db_bind_text(stmt, 1, text);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 1) == 1) {
		id = sqlite3_column_int64(stmt, 0);
	}
	db_release(db, stmt);
	return id;
}

static bool eligible_sharer(const struct attendee *a)
{
	return a->room == ROOM_BED && rules_expected(a->status, a->withdrawn) &&
	       a->gender != GENDER_UNKNOWN && a->roommate != NULL;
}

long query_mutual_roommate(struct db *db, const struct attendee *a, const struct fee_schedule *fees,
                           struct attendee **roommate)
{
	*roommate = NULL;
	if (!eligible_sharer(a)) {
		return -1;
	}
	long id = query_roommate_id(db, a->roommate);
	struct attendee *b = id >= 0 && id != a->id ? query_attendee(db, id, fees) : NULL;
	if (b == NULL || !eligible_sharer(b) || b->gender != a->gender ||
	    query_roommate_id(db, b->roommate) != a->id) {
		query_attendee_free(b);
		return -1;
	}
	*roommate = b;
	return id;
}

/* The row's booking, its strings borrowed from the statement until its next step. */
static void read_booking(sqlite3_stmt *stmt, struct booking *b)
{
	b->id = sqlite3_column_int64(stmt, 0);
	b->reg_no = (char *)sqlite3_column_text(stmt, 1);
	b->name = (char *)sqlite3_column_text(stmt, 2);
	roster_gender_from_code((const char *)sqlite3_column_text(stmt, 3), &b->gender);
	roster_room_from_code((const char *)sqlite3_column_text(stmt, 4), &b->room);
	b->eligible = sqlite3_column_int(stmt, 5) != 0;
	date_parse((const char *)sqlite3_column_text(stmt, 6), &b->arrive);
	date_parse((const char *)sqlite3_column_text(stmt, 7), &b->depart);
	b->roommate = (char *)sqlite3_column_text(stmt, 8);
	b->walkin = sqlite3_column_int(stmt, 9) != 0;
	b->checked_in = sqlite3_column_int(stmt, 10) != 0;
	b->has_bed = sqlite3_column_int(stmt, 11) != 0;
}

void query_each_booking(struct db *db, query_booking_fn fn, void *ctx)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT a.id, reg_no, name, gender, coalesce(w.room_type, a.room_type), "
	                   "expected, coalesce(w.arrive, a.arrive), coalesce(w.depart, a.depart), "
	                   "roommate, w.attendee_id IS NOT NULL, EXISTS (SELECT 1 FROM checkin c "
	                   "WHERE c.attendee_id = a.id), EXISTS (SELECT 1 FROM stay s WHERE "
	                   "s.attendee_id = a.id) FROM attendee a LEFT JOIN walkin w ON "
	                   "w.attendee_id = a.id ORDER BY reg_no");

	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct booking b;
		read_booking(stmt, &b);
		fn(&b, ctx);
	}
	sqlite3_finalize(stmt);
}

struct booking_list {
	struct booking *at;
	size_t n, cap;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void keep_booking(const struct booking *b, void *ctx)
{
	struct booking_list *list = ctx;

	if (list->n == list->cap) {
		list->cap *= 2;
		list->at = xreallocarray(list->at, list->cap, sizeof(*list->at));
	}
	struct booking *copy = &list->at[list->n++];
	*copy = *b;
	copy->reg_no = dup_or_null(b->reg_no);
	copy->name = dup_or_null(b->name);
	copy->roommate = dup_or_null(b->roommate);
}

size_t query_bookings(struct db *db, struct booking **out)
{
	struct booking_list list = {xcalloc(256, sizeof(struct booking)), 0, 256};

	query_each_booking(db, keep_booking, &list);
	*out = list.at;
	return list.n;
}

void query_bookings_free(struct booking *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].reg_no);
		free(list[i].name);
		free(list[i].roommate);
	}
	free(list);
}

size_t query_search_rows(struct db *db, struct search_row **out)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT id, name, reg_no, phone FROM attendee ORDER BY "
	                                    "name, reg_no");
	size_t n = 0, cap = 256;

	*out = xcalloc(cap, sizeof(**out));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		struct search_row *r = &(*out)[n++];
		r->id = sqlite3_column_int64(stmt, 0);
		r->name = db_column_strdup(stmt, 1);
		r->reg_no = db_column_strdup(stmt, 2);
		r->phone = db_column_strdup(stmt, 3);
	}
	sqlite3_finalize(stmt);
	return n;
}

bool query_search_row(struct db *db, long id, struct search_row *out)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "SELECT id, name, reg_no, phone FROM attendee WHERE id = ?");
	bool found = false;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(stmt, 0);
		out->name = db_column_strdup(stmt, 1);
		out->reg_no = db_column_strdup(stmt, 2);
		out->phone = db_column_strdup(stmt, 3);
		found = true;
	}
	db_release(db, stmt);
	return found;
}

void query_search_rows_free(struct search_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].reg_no);
		free(rows[i].phone);
	}
	free(rows);
}

size_t query_all_ids(struct db *db, long **ids)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT id FROM attendee ORDER BY reg_no");
	size_t n = 0, cap = 256;

	*ids = xcalloc(cap, sizeof(long));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			*ids = xreallocarray(*ids, cap, sizeof(long));
		}
		(*ids)[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return n;
}

long query_max_id(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, "SELECT coalesce(max(id), 0) FROM attendee");
	long id = sqlite3_step(stmt) == SQLITE_ROW ? (long)sqlite3_column_int64(stmt, 0) : 0;

	db_release(db, stmt);
	return id;
}

size_t query_collective_leftovers(struct db *db, const struct fee_schedule *fees,
                                  struct collective_leftover **out)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT id, amount, organisation, reference FROM "
	                   "collective_transfer WHERE state = 'confirmed' ORDER BY id");
	size_t n = 0;

	*out = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct transfer_members t;
		load_transfer(db, sqlite3_column_int64(stmt, 0), fees, &t);
		int *shares = xcalloc(t.n, sizeof(int));
		int left =
		    rules_collective_split(sqlite3_column_int(stmt, 1), t.facts, t.n, shares);
		free(shares);
		transfer_members_free(&t);
		if (left > 0) {
			*out = xreallocarray(*out, n + 1, sizeof(**out));
			(*out)[n].organisation = db_column_strdup(stmt, 2);
			(*out)[n].reference = db_column_strdup(stmt, 3);
			(*out)[n].amount = left;
			n++;
		}
	}
	sqlite3_finalize(stmt);
	return n;
}

void query_leftovers_free(struct collective_leftover *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].organisation);
		free(list[i].reference);
	}
	free(list);
}

int query_collective_leftover_total(struct db *db, const struct fee_schedule *fees)
{
	struct collective_leftover *list;
	size_t n = query_collective_leftovers(db, fees, &list);
	int total = 0;

	for (size_t i = 0; i < n; i++) {
		total += list[i].amount;
	}
	query_leftovers_free(list, n);
	return total;
}

size_t query_collectives_of(struct db *db, const char *reg_no, struct collective_listing **out)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT organisation, reference, state = 'confirmed' FROM collective_transfer t "
	        "WHERE EXISTS (SELECT 1 FROM collective_member m WHERE m.transfer_id = t.id AND "
	        "m.reg_no = ?) ORDER BY t.id");
	size_t n = 0;

	*out = NULL;
	db_bind_text(stmt, 1, reg_no);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n].organisation = db_column_strdup(stmt, 0);
		(*out)[n].reference = db_column_strdup(stmt, 1);
		(*out)[n].confirmed = sqlite3_column_int(stmt, 2) != 0;
		n++;
	}
	sqlite3_finalize(stmt);
	return n;
}

void query_collectives_free(struct collective_listing *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].organisation);
		free(list[i].reference);
	}
	free(list);
}
