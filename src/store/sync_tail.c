/*
 * sync_tail decides when a merge may apply only its new entries, and loads
 * them (issue 17: a desk on the LAN merges one entry at a time, and replaying
 * the whole day for each would cost a keystroke's budget many times over).
 * The replay's order is by each desk's running clock (the latest time of its
 * entries so far, so a clock set back never reorders a desk), then desk, then
 * seq (sync_load_replay): entries that all fall after everything stored give,
 * on the rows the replay left, exactly what the replay of everything gives.
 *
 * What the order needs of the earlier entries is kept per connection (struct
 * sync_clocks): each desk's last seq and running clock, and the few entries
 * whose own time is earlier than their clock. It follows the journal by rowid,
 * so a pull reads only what was added since the last one; it holds only rows
 * committed when the caller's transaction began (a mark), so a rollback never
 * leaves it ahead. Journal rows are never deleted or changed, and a desk's
 * entries are stored in seq order (the merge check refuses anything else);
 * should that ever not hold, the cache starts over from the whole journal.
 */
#include "frontdesk/sync.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "sync_private.h"
#include "frontdesk/xmalloc.h"

/* An entry stamped earlier than its desk's clock at that point: it counts at the clock. */
struct setback {
	long seq;
	char *clock;
};

struct clock_desk {
	char *desk;
	long max_seq;
	char *clock; /* the running clock after max_seq: the latest time of the desk's entries */
	struct setback *setbacks;
	size_t n_setbacks;
};

struct sync_clocks {
	long mark; /* every journal row up to this rowid is counted */
	struct clock_desk *desks;
	size_t n;
};

void sync_clocks_free(struct sync_clocks *c)
{
	if (c == NULL) {
		return;
	}
	for (size_t i = 0; i < c->n; i++) {
		for (size_t j = 0; j < c->desks[i].n_setbacks; j++) {
			free(c->desks[i].setbacks[j].clock);
		}
		free(c->desks[i].setbacks);
		free(c->desks[i].desk);
		free(c->desks[i].clock);
	}
	free(c->desks);
	free(c);
}

static struct clock_desk *desk_of(struct sync_clocks *c, const char *desk, bool add)
{
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->desks[i].desk, desk) == 0) {
			return &c->desks[i];
		}
	}
	if (!add) {
		return NULL;
	}
	c->desks = xreallocarray(c->desks, c->n + 1, sizeof(*c->desks));
	c->desks[c->n] = (struct clock_desk){xstrdup(desk), 0, NULL, NULL, 0};
	return &c->desks[c->n++];
}

/* Counts one row; false when it is not its desk's next (the rows came out of order). */
static bool count_row(struct sync_clocks *c, const char *desk, long seq, const char *at)
{
	struct clock_desk *d = desk_of(c, desk, true);

	if (d->clock != NULL && seq <= d->max_seq) {
		return false;
	}
	if (d->clock != NULL && strcmp(at, d->clock) < 0) {
		d->setbacks = xreallocarray(d->setbacks, d->n_setbacks + 1, sizeof(*d->setbacks));
		d->setbacks[d->n_setbacks++] = (struct setback){seq, xstrdup(d->clock)};
	} else {
		free(d->clock);
		d->clock = xstrdup(at);
	}
	d->max_seq = seq;
	return true;
}

/* Counts the rows in (from, mark] in the given order; false as count_row. */
static bool count_rows(struct db *db, struct sync_clocks *c, const char *sql, long from, long mark)
{
	sqlite3_stmt *s = db_prepare_cached(db, sql);
	bool ok = true;

	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, mark);
	while (ok && sqlite3_step(s) == SQLITE_ROW) {
		const char *desk = (const char *)sqlite3_column_text(s, 0);
		const char *at = (const char *)sqlite3_column_text(s, 2);
		ok = count_row(c, desk ? desk : "", (long)sqlite3_column_int64(s, 1), at ? at : "");
	}
	db_release(db, s);
	return ok;
}

/* The connection's clocks, counted up to mark (rows after it are not counted). */
static struct sync_clocks *clocks_at(struct db *db, long mark)
{
	struct sync_clocks *c = db->clocks;

	if (c != NULL && c->mark <= mark &&
	    count_rows(db, c,
	               "SELECT desk_id, seq, at FROM journal WHERE rowid > ?1 AND rowid <= ?2 "
	               "ORDER BY rowid",
	               c->mark, mark)) {
		c->mark = mark;
		return c;
	}
	sync_clocks_free(c);
	c = db->clocks = xcalloc(1, sizeof(*c));
	/* in the desks' own order, whatever order the rows were stored in */
	count_rows(db, c,
	           "SELECT desk_id, seq, at FROM journal WHERE rowid > ?1 AND rowid <= ?2 "
	           "ORDER BY desk_id, seq",
	           0, mark);
	c->mark = mark;
	return c;
}

/* The running clock of an entry counted in c. */
static const char *clock_of(const struct clock_desk *d, long seq, const char *at)
{
	size_t lo = 0, hi = d ? d->n_setbacks : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->setbacks[mid].seq == seq) {
			return d->setbacks[mid].clock;
		}
		if (d->setbacks[mid].seq < seq) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return at;
}

/* Orders (clock, desk, seq) as the replay does. */
static int order(const char *clock_a, const char *desk_a, long seq_a, const char *clock_b,
                 const char *desk_b, long seq_b)
{
	int c = strcmp(clock_a, clock_b);

	c = c != 0 ? c : strcmp(desk_a, desk_b);
	return c != 0 ? c : (seq_a > seq_b) - (seq_a < seq_b);
}

long sync_journal_mark(struct db *db)
{
	sqlite3_stmt *s = db_prepare_cached(db, "SELECT coalesce(max(rowid), 0) FROM journal");
	long mark = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;

	db_release(db, s);
	return mark;
}

/* The last stored entry in replay order (NULL desk when none). */
static const struct clock_desk *last_of(const struct sync_clocks *c)
{
	const struct clock_desk *last = NULL;

	for (size_t i = 0; i < c->n; i++) {
		const struct clock_desk *d = &c->desks[i];
		if (d->clock != NULL &&
		    (last == NULL || order(d->clock, d->desk, d->max_seq, last->clock, last->desk,
		                           last->max_seq) > 0)) {
			last = d;
		}
	}
	return last;
}

/* A fresh entry's running clock: its desk's, carried on from the stored entries. */
struct running {
	char *desk;
	char *clock;
	long seq;
};

/* Moves r on to (desk, seq, at); false when that is not the desk's next entry. */
static bool run_clock(struct running *r, const struct sync_clocks *c, const char *desk, long seq,
                      const char *at)
{
	if (r->desk == NULL || strcmp(r->desk, desk) != 0) {
		const struct clock_desk *d = desk_of((struct sync_clocks *)c, desk, false);
		free(r->desk);
		free(r->clock);
		r->desk = xstrdup(desk);
		r->clock = d && d->clock ? xstrdup(d->clock) : NULL;
		r->seq = d ? d->max_seq : 0;
	}
	if (seq <= r->seq) {
		return false;
	}
	if (r->clock == NULL || strcmp(at, r->clock) > 0) {
		free(r->clock);
		r->clock = xstrdup(at);
	}
	r->seq = seq;
	return true;
}

static const char fresh_sql[] = "SELECT desk_id, seq, at, action FROM journal WHERE rowid > ?1 "
                                "ORDER BY desk_id, seq";

bool sync_tail_applies_alone(struct db *db, long mark)
{
	struct sync_clocks *c = clocks_at(db, mark);
	const struct clock_desk *last = last_of(c);
	sqlite3_stmt *s = db_prepare_cached(db, fresh_sql);
	struct running r = {NULL, NULL, 0};
	bool alone = true;

	sqlite3_bind_int64(s, 1, mark);
	while (alone && sqlite3_step(s) == SQLITE_ROW) {
		const char *desk = (const char *)sqlite3_column_text(s, 0);
		const char *at = (const char *)sqlite3_column_text(s, 2);
		const char *action = (const char *)sqlite3_column_text(s, 3);
		long seq = (long)sqlite3_column_int64(s, 1);
		alone = run_clock(&r, c, desk ? desk : "", seq, at ? at : "") &&
		        (last == NULL ||
		         order(r.clock, r.desk, seq, last->clock, last->desk, last->max_seq) > 0) &&
		        (action == NULL || strcmp(action, "settle") != 0);
	}
	db_release(db, s);
	free(r.desk);
	free(r.clock);
	if (alone) {
		s = db_prepare_cached(db, "SELECT NOT EXISTS (SELECT 1 FROM conflict WHERE kind IN "
		                          "('BED_TWICE', 'BED_CHANGED'))");
		alone = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
		db_release(db, s);
	}
	return alone;
}

/* An entry with its place in the replay order. */
struct placed {
	struct sync_replay_entry e;
	char *clock;
};

static int compare_placed(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	return order(x->clock, x->e.desk_id ? x->e.desk_id : "", x->e.seq, y->clock,
	             y->e.desk_id ? y->e.desk_id : "", y->e.seq);
}

/*
 * The fresh entries (in desk, seq order, so each desk's clock runs on) and
 * the earlier ones about the same subjects (found by journal_subject).
 */
static const char tail_sql[] =
    "SELECT " SYNC_REPLAY_COLUMNS " FROM (SELECT *, rowid AS rid, " SYNC_REPLAY_DETAILS
    " FROM journal WHERE rowid > ?1 "
    "UNION ALL SELECT *, rowid AS rid, " SYNC_REPLAY_DETAILS " FROM journal WHERE rowid <= ?1 "
    "AND subject IN (SELECT subject FROM journal WHERE rowid > ?1)) ORDER BY desk_id, seq";

size_t sync_load_replay_since(struct db *db, long mark, struct sync_replay_entry **out)
{
	struct sync_clocks *c = clocks_at(db, mark);
	sqlite3_stmt *s = db_prepare_cached(db, tail_sql);
	struct running r = {NULL, NULL, 0};
	struct placed *p = NULL;
	size_t n = 0;

	sqlite3_bind_int64(s, 1, mark);
	while (sqlite3_step(s) == SQLITE_ROW) {
		p = xreallocarray(p, n + 1, sizeof(*p));
		struct placed *e = &p[n++];
		e->e = sync_replay_row(s);
		const char *desk = e->e.desk_id ? e->e.desk_id : "", *at = e->e.at ? e->e.at : "";
		if (e->e.fresh) {
			/* sync_tail_applies_alone said each is its desk's next: the clock runs on
			 */
			run_clock(&r, c, desk, e->e.seq, at);
			e->clock = xstrdup(r.clock);
		} else {
			e->clock = xstrdup(clock_of(desk_of(c, desk, false), e->e.seq, at));
		}
	}
	db_release(db, s);
	free(r.desk);
	free(r.clock);
	qsort(p, n, sizeof(*p), compare_placed);
	*out = xcalloc(n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = p[i].e;
		free(p[i].clock);
	}
	free(p);
	return n;
}
