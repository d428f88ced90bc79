/*
 * query_each reads every registration with its payment facts in one pass, for
 * the reports and the export: three statements in all (registrations,
 * payments, collective members), where loading them one by one ran three or
 * more per registration and split every collective transfer once per member
 * (41% of a 100,000-attendee export, issue 16). The facts are the ones
 * query_attendee loads, in the same order, so a verdict cannot differ.
 */
#include "frontdesk/query.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/xmalloc.h"
#include "query_private.h"

/* One member's share of one collective transfer. */
struct share {
	char *reg_no;
	sqlite3_int64 transfer_id;
	int position;
	int amount;
	bool confirmed;
};

struct shares {
	struct share *items;
	size_t n;
};

/* Splits one transfer's members (read from stmt while it names transfer id) into out. */
static int split_transfer(sqlite3_stmt *stmt, const struct fee_schedule *fees, struct shares *out)
{
	sqlite3_int64 id = sqlite3_column_int64(stmt, 0);
	int amount = sqlite3_column_int(stmt, 1);
	bool confirmed = sqlite3_column_int(stmt, 2) != 0;
	size_t first = out->n, cap = 0;
	struct collective_member_fact *facts = NULL;
	int rc = SQLITE_ROW;

	while (rc == SQLITE_ROW && sqlite3_column_int64(stmt, 0) == id) {
		size_t k = out->n - first;
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			facts = xreallocarray(facts, cap, sizeof(*facts));
		}
		facts[k].eligible = sqlite3_column_int(stmt, 4) != 0;
		facts[k].due = rules_fee_due(fees, sqlite3_column_int(stmt, 5) != 0);
		out->items = xreallocarray(out->items, out->n + 1, sizeof(*out->items));
		out->items[out->n++] =
		    (struct share){db_column_strdup(stmt, 3), id, (int)k, 0, confirmed};
		rc = sqlite3_step(stmt);
	}
	int *amounts = xcalloc(out->n - first + 1, sizeof(int));
	rules_collective_split(amount, facts, out->n - first, amounts);
	for (size_t k = first; k < out->n; k++) {
		out->items[k].amount = amounts[k - first];
	}
	free(amounts);
	free(facts);
	return rc;
}

static int by_reg_no_transfer(const void *a, const void *b)
{
	const struct share *x = a, *y = b;
	int c = strcmp(x->reg_no, y->reg_no);

	if (c == 0) {
		c = (x->transfer_id > y->transfer_id) - (x->transfer_id < y->transfer_id);
	}
	return c != 0 ? c : x->position - y->position;
}

/* Every member's share of every transfer, sorted by reg_no, then transfer, then position. */
static void load_shares(struct db *db, const struct fee_schedule *fees, struct shares *out)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT t.id, t.amount, t.state = 'confirmed', m.reg_no, coalesce(a.expected, 0), "
	        "coalesce(a.member, 0) FROM collective_transfer t JOIN collective_member m ON "
	        "m.transfer_id = t.id LEFT JOIN attendee a ON a.reg_no = m.reg_no "
	        "ORDER BY t.id, m.position");
	int rc = sqlite3_step(stmt);

	memset(out, 0, sizeof(*out));
	while (rc == SQLITE_ROW) {
		rc = split_transfer(stmt, fees, out);
	}
	sqlite3_finalize(stmt);
	if (out->n > 1) { /* no transfer at all: items is NULL, which qsort may not be given */
		qsort(out->items, out->n, sizeof(*out->items), by_reg_no_transfer);
	}
}

static void shares_release(struct shares *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].reg_no);
	}
	free(s->items);
}

/* Adds a's shares, in the order query_attendee adds them (transfer, then position). */
static void add_shares(const struct shares *s, struct attendee *a)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->items[mid].reg_no, a->reg_no) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	for (; lo < s->n && strcmp(s->items[lo].reg_no, a->reg_no) == 0; lo++) {
		query_add_payment(a, PAYMENT_COLLECTIVE, s->items[lo].amount,
		                  s->items[lo].confirmed);
	}
}

/* Adds the payments the cursor holds for a; both cursors run in reg_no order. */
static int add_payments(sqlite3_stmt *pay, int rc, struct attendee *a)
{
	while (rc == SQLITE_ROW && sqlite3_column_int64(pay, 0) == a->id) {
		query_add_payment(a, query_payment_kind(sqlite3_column_text(pay, 1)),
		                  sqlite3_column_int(pay, 2), sqlite3_column_int(pay, 3) != 0);
		rc = sqlite3_step(pay);
	}
	return rc;
}

bool query_each_attendee(struct db *db, const struct fee_schedule *fees,
                         bool (*each)(void *ctx, const struct attendee *a), void *ctx)
{
	sqlite3_stmt *stmt = db_prepare(db, QUERY_ATTENDEE_SELECT "ORDER BY a.reg_no");
	sqlite3_stmt *pay = db_prepare(
	    db, "SELECT p.attendee_id, p.source, p.amount, p.state = 'confirmed' FROM payment p "
	        "JOIN attendee a ON a.id = p.attendee_id ORDER BY a.reg_no, p.id");
	struct shares shares;
	int pay_rc = sqlite3_step(pay);
	bool go_on = true;

	load_shares(db, fees, &shares);
	while (go_on && sqlite3_step(stmt) == SQLITE_ROW) {
		struct attendee *a = xcalloc(1, sizeof(*a));
		query_read_row(stmt, a);
		pay_rc = add_payments(pay, pay_rc, a);
		add_shares(&shares, a);
		go_on = each(ctx, a);
		query_attendee_free(a);
	}
	shares_release(&shares);
	sqlite3_finalize(pay);
	sqlite3_finalize(stmt);
	return go_on;
}
