/*
 * records writes the desk-owned tables. It checks nothing about the rules:
 * the actions decide, and this module only stores what they decided.
 */
#include "frontdesk/records.h"

#include <stdlib.h>

#include "db_private.h"
#include "frontdesk/xmalloc.h"

/* Steps a prepared write; false with a bilingual *cause on failure. Releases stmt. */
static bool step_done(struct db *db, sqlite3_stmt *stmt, const char *zh, const char *en,
                      char **cause)
{
	bool ok = sqlite3_step(stmt) == SQLITE_DONE;

	if (!ok) {
		*cause = db_error(db, zh, en);
	}
	db_release(db, stmt);
	return ok;
}

bool records_add_checkin(struct db *db, long attendee_id, const char *at, const char *desk_id,
                         const char *operator_name, const char *evidence, char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "INSERT INTO checkin (attendee_id, at, desk_id, operator, "
	                          "evidence) VALUES (?, ?, ?, ?, ?)");

	sqlite3_bind_int64(stmt, 1, attendee_id);
	db_bind_text(stmt, 2, at);
	db_bind_text(stmt, 3, desk_id);
	db_bind_text(stmt, 4, operator_name);
	db_bind_text(stmt, 5, evidence);
	return step_done(db, stmt, "记录签到", "recording the check-in", cause);
}

bool records_remove_checkin(struct db *db, long attendee_id, char **cause)
{
	/* a bed held for this person's roommate goes with them: nobody is left to share it */
	sqlite3_stmt *stays = db_prepare(
	    db,
	    "DELETE FROM stay WHERE attendee_id = ?1 OR (flags = 'held' AND (room_id, night) IN "
	    "(SELECT room_id, night FROM stay WHERE attendee_id = ?1))");
	sqlite3_stmt *checkin = db_prepare(db, "DELETE FROM checkin WHERE attendee_id = ?");

	sqlite3_bind_int64(stays, 1, attendee_id);
	sqlite3_bind_int64(checkin, 1, attendee_id);
	if (!step_done(db, stays, "释放床位", "releasing the bed", cause)) {
		sqlite3_finalize(checkin);
		return false;
	}
	if (!step_done(db, checkin, "撤销签到", "undoing the check-in", cause)) {
		return false;
	}
	/* a badge not yet printed is not printed for someone no longer checked in */
	sqlite3_stmt *prints =
	    db_prepare(db, "UPDATE print_job SET state = 'failed', reason = "
	                   "'cancelled: check-in undone' WHERE attendee_id = ? AND "
	                   "state = 'queued'");
	sqlite3_bind_int64(prints, 1, attendee_id);
	return step_done(db, prints, "取消打印", "cancelling the badge", cause);
}

long records_add_payment(struct db *db, long attendee_id, const struct onsite_payment *p,
                         const char *at, const char *desk_id, const char *operator_name,
                         char **cause)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "INSERT INTO payment (attendee_id, source, channel, amount, state, reference, "
	        "invoice_title, taxpayer_no, desk_id, operator, created_at) VALUES (?, 'onsite', "
	        "'card', ?, 'confirmed', ?, ?, ?, ?, ?, ?)");

	sqlite3_bind_int64(stmt, 1, attendee_id);
	sqlite3_bind_int(stmt, 2, p->amount);
	db_bind_text(stmt, 3, p->reference);
	db_bind_text(stmt, 4, p->invoice_title);
	db_bind_text(stmt, 5, p->taxpayer_no);
	db_bind_text(stmt, 6, desk_id);
	db_bind_text(stmt, 7, operator_name);
	db_bind_text(stmt, 8, at);
	if (!step_done(db, stmt, "记录现场交费", "recording the on-site payment", cause)) {
		return -1;
	}
	return (long)sqlite3_last_insert_rowid(db->handle);
}

bool records_add_rejection(struct db *db, long attendee_id, const char *reason, const char *at,
                           const char *desk_id, const char *operator_name, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO rejection (attendee_id, at, desk_id, "
	                                    "operator, reason) VALUES (?, ?, ?, ?, ?)");

	sqlite3_bind_int64(stmt, 1, attendee_id);
	db_bind_text(stmt, 2, at);
	db_bind_text(stmt, 3, desk_id);
	db_bind_text(stmt, 4, operator_name);
	db_bind_text(stmt, 5, reason);
	return step_done(db, stmt, "记录拒绝", "recording the rejection", cause);
}

bool records_add_walkin(struct db *db, long attendee_id, const struct walkin_grant *grant,
                        const char *at, const char *desk_id, const char *operator_name,
                        char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO walkin (attendee_id, room_type, arrive, depart, at, "
	                   "desk_id, operator, min_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

	sqlite3_bind_int64(stmt, 1, attendee_id);
	db_bind_text(stmt, 2, grant->room_type);
	db_bind_text(stmt, 3, grant->arrive);
	db_bind_text(stmt, 4, grant->depart);
	db_bind_text(stmt, 5, at);
	db_bind_text(stmt, 6, desk_id);
	db_bind_text(stmt, 7, operator_name);
	sqlite3_bind_int(stmt, 8, grant->min_rank);
	return step_done(db, stmt, "记录现场加订", "recording the walk-in room", cause);
}

size_t records_list_payments(struct db *db, struct payment_line **lines)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT a.reg_no, a.name, p.amount, p.reference, p.invoice_title, p.taxpayer_no, "
	        "p.created_at, p.desk_id, p.operator FROM payment p JOIN attendee a ON "
	        "a.id = p.attendee_id WHERE p.source = 'onsite' ORDER BY p.created_at, p.id");
	size_t n = 0;

	*lines = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*lines = xreallocarray(*lines, n + 1, sizeof(**lines));
		struct payment_line *l = &(*lines)[n++];
		l->reg_no = db_column_strdup(stmt, 0);
		l->name = db_column_strdup(stmt, 1);
		l->amount = sqlite3_column_int(stmt, 2);
		l->reference = db_column_strdup(stmt, 3);
		l->invoice_title = db_column_strdup(stmt, 4);
		l->taxpayer_no = db_column_strdup(stmt, 5);
		l->at = db_column_strdup(stmt, 6);
		l->desk_id = db_column_strdup(stmt, 7);
		l->operator_name = db_column_strdup(stmt, 8);
	}
	sqlite3_finalize(stmt);
	return n;
}

void records_payments_free(struct payment_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(lines[i].reg_no);
		free(lines[i].name);
		free(lines[i].reference);
		free(lines[i].invoice_title);
		free(lines[i].taxpayer_no);
		free(lines[i].at);
		free(lines[i].desk_id);
		free(lines[i].operator_name);
	}
	free(lines);
}

bool records_reference_used(struct db *db, const char *reference)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT 1 FROM payment WHERE source = 'onsite' AND reference = ?");
	bool used;

	db_bind_text(stmt, 1, reference);
	used = sqlite3_step(stmt) == SQLITE_ROW;
	db_release(db, stmt);
	return used;
}

bool records_queue_print(struct db *db, long attendee_id, const char *reason, const char *at,
                         char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare_cached(db, "INSERT INTO print_job (attendee_id, state, reason, "
	                          "created_at, updated_at) VALUES (?, 'queued', ?, ?, ?)");

	sqlite3_bind_int64(stmt, 1, attendee_id);
	db_bind_text(stmt, 2, reason);
	db_bind_text(stmt, 3, at);
	db_bind_text(stmt, 4, at);
	return step_done(db, stmt, "排队打印胸牌", "queueing the badge", cause);
}

int records_count_print_queued(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT count(*) FROM print_job WHERE state IN ('queued', 'sent')");
	int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;

	db_release(db, stmt);
	return n;
}

void records_count_checkins(struct db *db, int *expected, int *checked_in)
{
	sqlite3_stmt *stmt = db_prepare_cached(
	    db, "SELECT (SELECT count(*) FROM attendee WHERE expected), "
	        "(SELECT count(*) FROM checkin JOIN attendee a ON a.id = checkin.attendee_id "
	        "WHERE a.expected)");

	*expected = *checked_in = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*expected = sqlite3_column_int(stmt, 0);
		*checked_in = sqlite3_column_int(stmt, 1);
	}
	db_release(db, stmt);
}

void records_checked_ids(struct db *db, unsigned char *flags, size_t n)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT c.attendee_id FROM checkin c JOIN attendee a ON a.id = "
	                   "c.attendee_id WHERE a.expected");

	while (sqlite3_step(stmt) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(stmt, 0);
		if (id >= 0 && (size_t)id < n) {
			flags[id] = 1;
		}
	}
	sqlite3_finalize(stmt);
}

bool records_set_operator(struct db *db, const char *name, char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO setting (key, value) VALUES ('desk.operator', ?) "
	                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

	db_bind_text(stmt, 1, name);
	return step_done(db, stmt, "无法保存值班人", "could not save the operator", cause);
}

char *records_operator(struct db *db)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "SELECT value FROM setting WHERE key = 'desk.operator'");
	char *name = sqlite3_step(stmt) == SQLITE_ROW ? db_column_strdup(stmt, 0) : NULL;

	sqlite3_finalize(stmt);
	return name;
}
