/*
 * roster_merge (the store side of import) merges a roster into the database.
 * The platform's columns are rewritten only when they differ, so "updated"
 * counts real changes and a re-import of the same file reports zero;
 * desk-owned tables are never written here at all, which is what makes
 * re-import safe on check-in day.
 */
#include "frontdesk/progress.h"
#include "frontdesk/say.h"
#include "frontdesk/roster_merge.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/date.h"
#include "frontdesk/journal.h"
#include "frontdesk/normalise.h"
#include "frontdesk/query.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"

/* Statements reused for every row of one import. */
struct import_stmts {
	sqlite3_stmt *insert;
	sqlite3_stmt *update;
	sqlite3_stmt *drop_payments;
	sqlite3_stmt *add_payment;
	char now[32];
};

/* A registration already stored, found by binary search instead of a query per row. */
struct known {
	char *reg_no;
	sqlite3_int64 id;
	bool withdrawn;
	bool seen; /* listed in this roster */
};

struct known_set {
	struct known *items;
	size_t n;
};

/* reg_nos match without regard to case: WH2026-0006 re-imported as wh2026-0006 is one person. */
static int compare_known(const void *a, const void *b)
{
	return normalise_reg_no_compare(((const struct known *)a)->reg_no,
	                                ((const struct known *)b)->reg_no);
}

static void load_known(struct db *db, struct known_set *set)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT reg_no, id, withdrawn FROM attendee");
	size_t cap = 1024;

	set->n = 0;
	set->items = xcalloc(cap, sizeof(*set->items));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (set->n == cap) {
			cap *= 2;
			set->items = xreallocarray(set->items, cap, sizeof(*set->items));
		}
		struct known *k = &set->items[set->n++];
		k->reg_no = db_column_strdup(stmt, 0);
		k->id = sqlite3_column_int64(stmt, 1);
		k->withdrawn = sqlite3_column_int(stmt, 2) != 0;
		k->seen = false;
	}
	sqlite3_finalize(stmt);
	qsort(set->items, set->n, sizeof(*set->items), compare_known);
}

static struct known *find_known(const struct known_set *set, const char *reg_no)
{
	struct known key = {.reg_no = (char *)reg_no};

	return bsearch(&key, set->items, set->n, sizeof(*set->items), compare_known);
}

static void free_known(struct known_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->items[i].reg_no);
	}
	free(set->items);
}

/* Columns 2..18 in the order bind_platform_columns binds them. */
#define PLATFORM_COLUMNS                                                                     \
	"reg_no, name, gender, organisation, position, phone, member, status, pay_channel, " \
	"paid_amount, pay_state, room_type, arrive, depart, roommate, note, external_code, extra"

static void prepare_all(struct db *db, struct import_stmts *s)
{
	s->insert =
	    db_prepare(db, "INSERT INTO attendee (" PLATFORM_COLUMNS ", secret, imported_at, "
	                   "updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	                   "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)");
	s->update = db_prepare(
	    db, "UPDATE attendee SET name = ?3, gender = ?4, organisation = ?5, position = ?6, "
	        "phone = ?7, member = ?8, status = ?9, pay_channel = ?10, paid_amount = ?11, "
	        "pay_state = ?12, room_type = ?13, arrive = ?14, depart = ?15, roommate = ?16, "
	        "note = ?17, external_code = ?18, extra = ?19, withdrawn = 0, updated_at = ?21 "
	        "WHERE id = ?1 AND (withdrawn <> 0 OR name IS NOT ?3 OR gender IS NOT ?4 OR "
	        "organisation IS NOT ?5 OR position IS NOT ?6 OR phone IS NOT ?7 OR "
	        "member IS NOT ?8 OR status IS NOT ?9 OR pay_channel IS NOT ?10 OR "
	        "paid_amount IS NOT ?11 OR pay_state IS NOT ?12 OR room_type IS NOT ?13 OR "
	        "arrive IS NOT ?14 OR depart IS NOT ?15 OR roommate IS NOT ?16 OR "
	        "note IS NOT ?17 OR external_code IS NOT ?18 OR extra IS NOT ?19)");
	s->drop_payments =
	    db_prepare(db, "DELETE FROM payment WHERE attendee_id = ? AND source = 'platform'");
	s->add_payment =
	    db_prepare(db, "INSERT INTO payment (attendee_id, source, channel, amount, "
	                   "state, created_at) VALUES (?, 'platform', ?, ?, ?, ?)");
}

static void finalize_all(struct import_stmts *s)
{
	sqlite3_finalize(s->insert);
	sqlite3_finalize(s->update);
	sqlite3_finalize(s->drop_payments);
	sqlite3_finalize(s->add_payment);
}

/* Binds a string that outlives the statement's step (the roster's), without a copy. */
static void bind_static(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text == NULL) {
		sqlite3_bind_null(stmt, index);
	} else {
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
	}
}

static void bind_platform_columns(sqlite3_stmt *stmt, const struct roster_row *row)
{
	char arrive[DATE_ISO_LEN + 1], depart[DATE_ISO_LEN + 1];

	date_format(row->arrive, arrive);
	date_format(row->depart, depart);
	bind_static(stmt, 2, row->reg_no);
	bind_static(stmt, 3, row->name);
	bind_static(stmt, 4, roster_gender_code(row->gender));
	bind_static(stmt, 5, row->organisation);
	bind_static(stmt, 6, row->position);
	bind_static(stmt, 7, row->phone);
	sqlite3_bind_int(stmt, 8, row->member);
	bind_static(stmt, 9, roster_status_code(row->status));
	bind_static(stmt, 10, roster_channel_code(row->channel));
	sqlite3_bind_int(stmt, 11, row->paid_amount);
	bind_static(stmt, 12, roster_pay_state_code(row->pay_state));
	bind_static(stmt, 13, roster_room_code(row->room));
	db_bind_text(stmt, 14, arrive);
	db_bind_text(stmt, 15, depart);
	bind_static(stmt, 16, row->roommate);
	bind_static(stmt, 17, row->note);
	bind_static(stmt, 18, row->external_code);
	bind_static(stmt, 19, row->extra);
}

/* Rewrites the platform payment of a registration already stored from the roster's cells. */
static bool replace_platform_payment(struct import_stmts *s, sqlite3_int64 id,
                                     const struct roster_row *row)
{
	sqlite3_reset(s->drop_payments);
	sqlite3_bind_int64(s->drop_payments, 1, id);
	if (sqlite3_step(s->drop_payments) != SQLITE_DONE) {
		return false;
	}
	if ((row->channel != CHANNEL_ONLINE && row->channel != CHANNEL_TRANSFER) ||
	    row->paid_amount <= 0) {
		return true;
	}
	sqlite3_reset(s->add_payment);
	sqlite3_bind_int64(s->add_payment, 1, id);
	db_bind_text(s->add_payment, 2, roster_channel_code(row->channel));
	sqlite3_bind_int(s->add_payment, 3, row->paid_amount);
	db_bind_text(s->add_payment, 4,
	             row->pay_state == PAYSTATE_CONFIRMED ? "confirmed" : "pending");
	db_bind_text(s->add_payment, 5, s->now);
	return sqlite3_step(s->add_payment) == SQLITE_DONE;
}

static bool insert_new(struct db *db, struct import_stmts *s, const struct roster_row *row,
                       sqlite3_int64 *id)
{
	char secret[TICKET_SECRET_LEN + 1];

	ticket_secret_new(secret);
	sqlite3_reset(s->insert);
	bind_platform_columns(s->insert, row);
	db_bind_text(s->insert, 20, secret);
	db_bind_text(s->insert, 21, s->now);
	if (sqlite3_step(s->insert) != SQLITE_DONE) {
		return false;
	}
	*id = sqlite3_last_insert_rowid(db->handle);
	return true;
}

/* Updates an existing registration; sets *changed when a platform column differed. */
static bool update_existing(struct db *db, struct import_stmts *s, sqlite3_int64 id,
                            const struct roster_row *row, bool *changed)
{
	sqlite3_reset(s->update);
	bind_platform_columns(s->update, row);
	sqlite3_bind_int64(s->update, 1, id);
	db_bind_text(s->update, 21, s->now);
	if (sqlite3_step(s->update) != SQLITE_DONE) {
		return false;
	}
	*changed = sqlite3_changes(db->handle) > 0;
	return true;
}

static bool merge_row(struct db *db, struct import_stmts *s, struct known_set *known,
                      const struct roster_row *row, struct roster_merge_result *result)
{
	struct known *k = find_known(known, row->reg_no);
	sqlite3_int64 id = k ? k->id : 0;
	bool changed = true;

	if (k == NULL ? !insert_new(db, s, row, &id) : !update_existing(db, s, id, row, &changed)) {
		return false;
	}
	if (k == NULL) {
		result->imported++;
	} else if (k->withdrawn) {
		result->restored++;
	} else if (changed) {
		result->updated++;
	} else {
		result->unchanged++;
	}
	if (k != NULL) {
		k->seen = true;
	}
	/* a new registration's payment is added with all the others' (add_new_payments) */
	return k == NULL || !changed || replace_platform_payment(s, id, row);
}

/*
 * The platform payments of the registrations this import added (ids above
 * before), in one statement: one INSERT per row was a sixth of a 100k-row
 * import. The same rows as replace_platform_payment writes, in id order,
 * which is the roster's order.
 */
static bool add_new_payments(struct db *db, sqlite3_int64 before, const char *now)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "INSERT INTO payment (attendee_id, source, channel, amount, state, created_at) "
	        "SELECT id, 'platform', pay_channel, paid_amount, CASE WHEN pay_state = "
	        "'confirmed' THEN 'confirmed' ELSE 'pending' END, ?2 FROM attendee WHERE id > ?1 "
	        "AND pay_channel IN ('online', 'transfer') AND paid_amount > 0 ORDER BY id");

	sqlite3_bind_int64(stmt, 1, before);
	db_bind_text(stmt, 2, now);
	bool ok = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_finalize(stmt);
	return ok;
}

/* Marks every stored registration that this roster no longer lists. */
static bool mark_withdrawn(struct db *db, const struct known_set *known, const char *now,
                           int *count)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "UPDATE attendee SET withdrawn = 1, updated_at = ? WHERE id = ? AND withdrawn = 0");
	bool ok = true;

	*count = 0;
	for (size_t i = 0; i < known->n && ok; i++) {
		if (known->items[i].seen) {
			continue;
		}
		sqlite3_reset(stmt);
		db_bind_text(stmt, 1, now);
		sqlite3_bind_int64(stmt, 2, known->items[i].id);
		ok = sqlite3_step(stmt) == SQLITE_DONE;
		*count += sqlite3_changes(db->handle);
	}
	sqlite3_finalize(stmt);
	return ok;
}

/*
 * Counts, before anything is written, the registrations this roster would
 * withdraw and those not withdrawn yet, and asks the rule (roster.h) whether
 * that many may go. Marks the rows it finds as seen, as merging them will.
 */
static enum withdraw_verdict check_withdrawals(const struct roster *roster, struct known_set *known,
                                               int confirmed, struct roster_merge_result *result)
{
	for (size_t i = 0; i < roster->n_rows; i++) {
		struct known *k = find_known(known, roster->rows[i].reg_no);
		if (k != NULL) {
			k->seen = true;
		}
	}
	result->would_withdraw = 0;
	result->active = 0;
	for (size_t i = 0; i < known->n; i++) {
		if (!known->items[i].withdrawn) {
			result->active++;
			result->would_withdraw += !known->items[i].seen;
		}
	}
	result->withdraw =
	    roster_withdraw_verdict(result->would_withdraw, result->active, confirmed);
	return result->withdraw;
}

/*
 * Returns the reg_no as the database spells it when one matches text without
 * regard to case (collective.csv may write wh2026-0006 for WH2026-0006), else
 * text. Exact first, then all capitals, then all small letters: each is one
 * index lookup, and platforms write reg_nos in one case.
 */
static const char *stored_reg_no(sqlite3_stmt *find, const char *text, char **keep)
{
	db_bind_text(find, 1, text);
	*keep = NULL;
	if (sqlite3_step(find) == SQLITE_ROW) {
		*keep = db_column_strdup(find, 0);
	}
	sqlite3_reset(find);
	return *keep != NULL ? *keep : text;
}

/* Replaces every collective transfer: they are platform-owned, the file is the whole truth. */
static bool store_collective(struct db *db, const struct collective_list *list)
{
	char *cause = NULL;

	if (!db_exec(db, "DELETE FROM collective_transfer", &cause)) {
		free(cause);
		return false;
	}
	sqlite3_stmt *transfer = db_prepare(db, "INSERT INTO collective_transfer (organisation, "
	                                        "amount, reference, state) VALUES (?, ?, ?, ?)");
	sqlite3_stmt *member =
	    db_prepare(db, "INSERT INTO collective_member (transfer_id, position, "
	                   "reg_no) VALUES (?, ?, ?)");
	sqlite3_stmt *find = db_prepare(db, "SELECT reg_no FROM attendee WHERE " DB_REG_NO_MATCH
	                                    " ORDER BY reg_no <> ?1 LIMIT 1");
	bool ok = true;
	for (size_t i = 0; i < list->n_rows && ok; i++) {
		const struct collective_row *row = &list->rows[i];
		sqlite3_reset(transfer);
		db_bind_text(transfer, 1, row->organisation);
		sqlite3_bind_int(transfer, 2, row->amount);
		db_bind_text(transfer, 3, row->reference);
		db_bind_text(transfer, 4, row->confirmed ? "confirmed" : "pending");
		ok = sqlite3_step(transfer) == SQLITE_DONE;
		sqlite3_int64 id = sqlite3_last_insert_rowid(db->handle);
		for (size_t m = 0; m < row->n_members && ok; m++) {
			char *keep;
			sqlite3_reset(member);
			sqlite3_bind_int64(member, 1, id);
			sqlite3_bind_int(member, 2, (int)m + 1);
			db_bind_text(member, 3, stored_reg_no(find, row->members[m], &keep));
			ok = sqlite3_step(member) == SQLITE_DONE;
			free(keep);
		}
	}
	sqlite3_finalize(transfer);
	sqlite3_finalize(member);
	sqlite3_finalize(find);
	return ok;
}

/* Warns about collective members that match no registration: their money is a refund. */
static void warn_unknown_members(struct db *db, const struct collective_list *list,
                                 struct diag_list *warnings)
{
	sqlite3_stmt *find =
	    db_prepare(db, "SELECT 1 FROM attendee WHERE withdrawn = 0 AND " DB_REG_NO_MATCH);

	for (size_t i = 0; i < list->n_rows; i++) {
		for (size_t m = 0; m < list->rows[i].n_members; m++) {
			const char *reg_no = list->rows[i].members[m];
			sqlite3_reset(find);
			db_bind_text(find, 1, reg_no);
			if (sqlite3_step(find) != SQLITE_ROW) {
				int line = list->rows[i].line;
				diag_say(warnings, line, "名单",
				         "集体转账第 %d 行的“%s”不在报名名单中，其款项将列入退款",
				         line, reg_no);
			}
		}
	}
	sqlite3_finalize(find);
}

/* One roommate request, with how many registrations its text names. */
struct request {
	const char *text;
	size_t row;
	int reg_no_hits;
	int name_hits;
};

static int compare_requests(const void *a, const void *b)
{
	return strcmp(((const struct request *)a)->text, ((const struct request *)b)->text);
}

/* Adds one hit to every request whose text equals key (they sit together once sorted). */
static void count_hits(struct request *req, size_t n, const char *key, bool is_reg_no)
{
	struct request probe = {.text = key};
	struct request *hit = bsearch(&probe, req, n, sizeof(*req), compare_requests);

	if (hit == NULL) {
		return;
	}
	while (hit > req && strcmp(hit[-1].text, key) == 0) {
		hit--;
	}
	for (; hit < req + n && strcmp(hit->text, key) == 0; hit++) {
		*(is_reg_no ? &hit->reg_no_hits : &hit->name_hits) += 1;
	}
}

static int compare_request_rows(const void *a, const void *b)
{
	size_t x = ((const struct request *)a)->row, y = ((const struct request *)b)->row;

	return (x > y) - (x < y);
}

/*
 * Warns about roommate requests that name neither a reg_no nor exactly one
 * person of this roster (the whole truth after the merge). Only the few
 * requests are sorted; every row is then matched against them, which keeps a
 * 100k-row import from sorting all names.
 */
static void warn_unknown_roommates(const struct roster *roster, struct diag_list *warnings)
{
	struct request *req = xcalloc(roster->n_rows, sizeof(*req));
	size_t n = 0;

	for (size_t i = 0; i < roster->n_rows; i++) {
		if (roster->rows[i].roommate != NULL) {
			req[n++] = (struct request){roster->rows[i].roommate, i, 0, 0};
		}
	}
	qsort(req, n, sizeof(*req), compare_requests);
	for (size_t i = 0; i < roster->n_rows && n > 0; i++) {
		count_hits(req, n, roster->rows[i].reg_no, true);
		count_hits(req, n, roster->rows[i].name, false);
	}
	qsort(req, n, sizeof(*req), compare_request_rows);
	for (size_t r = 0; r < n; r++) {
		const struct roster_row *row = &roster->rows[req[r].row];
		if (req[r].reg_no_hits > 0 || req[r].name_hits == 1) {
			continue;
		}
		diag_say(warnings, row->line, "同住人",
		         "第 %d 行的同住人“%s”找不到唯一对应的人，将按普通合住安排", row->line,
		         row->roommate);
	}
	free(req);
}

static bool log_import(struct db *db, const char *now, const char *source, const char *sha256,
                       const struct roster_merge_result *r)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO import_log (at, kind, file, sha256, summary) "
	                   "VALUES (?, 'import', ?, ?, ?)");
	char *summary = xasprintf("{\"imported\":%d,\"updated\":%d,\"unchanged\":%d,"
	                          "\"withdrawn\":%d,\"restored\":%d,\"transfers\":%d}",
	                          r->imported, r->updated, r->unchanged, r->withdrawn, r->restored,
	                          r->transfers);
	db_bind_text(stmt, 1, now);
	db_bind_text(stmt, 2, source);
	db_bind_text(stmt, 3, sha256);
	db_bind_text(stmt, 4, summary);
	bool ok = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_finalize(stmt);
	free(summary);
	return ok;
}

static bool merge_all(struct db *db, const struct roster *roster,
                      const struct collective_list *collective, int confirmed_withdrawals,
                      struct roster_merge_result *result)
{
	struct import_stmts s;
	struct known_set known;
	bool ok = true;

	load_known(db, &known);
	if (check_withdrawals(roster, &known, confirmed_withdrawals, result) != WITHDRAW_OK) {
		free_known(&known);
		return false;
	}
	prepare_all(db, &s);
	journal_now(s.now);
	sqlite3_int64 before = query_max_id(db);
	for (size_t i = 0; i < roster->n_rows && ok; i++) {
		ok = merge_row(db, &s, &known, &roster->rows[i], result);
		progress_tick(N_("导入"), (long)i + 1, (long)roster->n_rows, 256);
	}
	ok = ok && add_new_payments(db, before, s.now) &&
	     mark_withdrawn(db, &known, s.now, &result->withdrawn);
	free_known(&known);
	if (ok && collective != NULL) {
		ok = store_collective(db, collective);
		result->transfers = (int)collective->n_rows;
		warn_unknown_members(db, collective, &result->warnings);
	}
	if (ok) {
		warn_unknown_roommates(roster, &result->warnings);
	}
	finalize_all(&s);
	return ok;
}

bool roster_merge(struct db *db, const struct roster *roster,
                  const struct collective_list *collective, const char *source, const char *sha256,
                  int confirmed_withdrawals, struct roster_merge_result *result, char **cause)
{
	char now[32];

	memset(result, 0, sizeof(*result));
	/*
	 * A large roster's indexes do not fit the default 2 MiB page cache. 8 MiB hold them for
	 * 100k rows (reg_no and payment indexes: about 5 MiB): 32 MiB were no faster, measured,
	 * and the cache filled with table pages that are written once, at the import's peak.
	 */
	if (!db_exec(db, "PRAGMA cache_size = -8192", cause) || !db_begin(db, cause)) {
		return false;
	}
	journal_now(now);
	if (!merge_all(db, roster, collective, confirmed_withdrawals, result) ||
	    !log_import(db, now, source, sha256, result)) {
		if (result->withdraw == WITHDRAW_OK) {
			*cause = db_error(db, "导入名单", "importing the roster");
		}
		db_rollback(db);
		diag_list_clear(&result->warnings);
		return false;
	}
	return db_commit(db, cause);
}
