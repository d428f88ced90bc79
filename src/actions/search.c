/*
 * search keeps every name's pinyin key in memory: computing keys is the slow
 * part (about 30 ms for 100,000 names), matching them is not, and a
 * keystroke has 10 ms (DESIGN section 6). Two things keep it there at the end
 * of a day:
 *  - the index follows the database by delta: the journal names what every
 *    desk action touched (changes.h), so another process's check-in re-reads
 *    one registration, not 100,000; only an import (which rewrites names and
 *    phones) rebuilds it;
 *  - a keystroke that extends the last query only re-checks the last
 *    query's matches: every rule below is monotone (a longer query matches a
 *    subset), except where the longer one switches a rule on (4 digits make
 *    it a phone search; letters after an apostrophe make it pinyin), which
 *    is checked.
 */
#include "search.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/changes.h"
#include "frontdesk/normalise.h"
#include "frontdesk/pinyin.h"
#include "frontdesk/query.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

struct search_entry {
	long id;
	char *name;
	char *key;    /* pinyin key of the name */
	char *reg_no; /* lower case */
	char *digits; /* the phone's digits only */
};

struct search_index {
	struct search_entry *entries; /* in name order, the order results are listed in */
	size_t n;
	size_t *slot_of; /* id -> entry index + 1, 0 for none */
	long max_id;
	struct change_mark mark; /* where the journal and the import log ended when last read */
	char *last_text;         /* the last query, or NULL when its matches are stale */
	bool last_phone, last_pinyin;
	size_t *last_hits; /* entry indices of all its matches, in order */
	size_t n_last;
	struct search_stats stats;
};

/* The phone's digits; full-width ones count (a database imported before they were folded). */
static char *digits_of(const char *phone)
{
	char *d = normalise(phone ? phone : "", NORMALISE_KEY);
	size_t n = 0;

	for (const char *p = d; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			d[n++] = *p;
		}
	}
	d[n] = '\0';
	return d;
}

/* Copies s into *at and returns the copy; *at moves past it. */
static char *pack(char **at, const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = memcpy(*at, s, n);

	*at += n;
	return copy;
}

/*
 * Fills e from row and empties row as it goes, so the rows and the index are
 * never both whole in memory (100,000 registrations). The four strings share one block:
 * four small allocations each cost a header and rounding, 5 MiB of the desk's
 * memory on 100,000 registrations.
 */
static void entry_take(struct search_entry *e, struct search_row *row)
{
	char *key = pinyin_key(row->name), *reg_no = text_ascii_lower(row->reg_no),
	     *digits = digits_of(row->phone);
	char *at = xmalloc(strlen(row->name) + strlen(key) + strlen(reg_no) + strlen(digits) + 4);

	e->id = row->id;
	e->name = pack(&at, row->name);
	e->key = pack(&at, key);
	e->reg_no = pack(&at, reg_no);
	e->digits = pack(&at, digits);
	free(key);
	free(reg_no);
	free(digits);
	free(row->name);
	free(row->reg_no);
	free(row->phone);
	row->name = row->reg_no = row->phone = NULL;
}

/* Frees e's strings (one block, starting at its name). */
static void entry_clear(struct search_entry *e)
{
	free(e->name);
}

static void forget_last(struct search_index *ix)
{
	free(ix->last_text);
	ix->last_text = NULL;
	free(ix->last_hits);
	ix->last_hits = NULL;
	ix->n_last = 0;
}

static void clear(struct search_index *ix)
{
	for (size_t i = 0; i < ix->n; i++) {
		entry_clear(&ix->entries[i]);
	}
	free(ix->entries);
	free(ix->slot_of);
	forget_last(ix);
	ix->entries = NULL;
	ix->slot_of = NULL;
	ix->n = 0;
}

/* Loads every registration; the mark is read first, so what changes meanwhile comes again. */
static void build(struct search_index *ix, struct db *db)
{
	struct search_row *rows;

	clear(ix);
	changes_mark(db, &ix->mark);
	ix->n = query_search_rows(db, &rows);
	ix->entries = xcalloc(ix->n ? ix->n : 1, sizeof(*ix->entries));
	ix->max_id = 0;
	for (size_t i = 0; i < ix->n; i++) {
		entry_take(&ix->entries[i], &rows[i]);
		ix->max_id = rows[i].id > ix->max_id ? rows[i].id : ix->max_id;
	}
	ix->slot_of = xcalloc((size_t)ix->max_id + 1, sizeof(*ix->slot_of));
	for (size_t i = 0; i < ix->n; i++) {
		ix->slot_of[ix->entries[i].id] = i + 1;
	}
	query_search_rows_free(rows, ix->n);
	ix->stats.builds++;
}

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/*
 * Re-reads one registration the journal named. False when the index cannot
 * take the change in place: a registration it does not hold, or a new name
 * (its place in name order moves); both come only with an import, which
 * rebuilds anyway.
 */
static bool refresh_one(struct search_index *ix, struct db *db, long id)
{
	struct search_row row;
	bool found = query_search_row(db, id, &row);
	size_t slot = id >= 0 && id <= ix->max_id ? ix->slot_of[id] : 0;
	bool ok = found && slot != 0 && same(ix->entries[slot - 1].name, row.name);

	ix->stats.refreshed++;
	if (ok) {
		struct search_entry *e = &ix->entries[slot - 1];
		char *reg_no = text_ascii_lower(row.reg_no), *digits = digits_of(row.phone);
		bool changed = !same(e->reg_no, reg_no) || !same(e->digits, digits);
		free(reg_no);
		free(digits);
		if (changed) {
			forget_last(ix);
			entry_clear(e);
			entry_take(e, &row); /* frees the row */
			return true;
		}
	}
	free(row.name);
	free(row.reg_no);
	free(row.phone);
	return ok;
}

/*
 * Brings the index up to what the database holds now. A replay of the whole
 * journal (mark.replays) is not followed: it rewrites check-ins, payments and
 * beds, none of which the index holds (matches are read fresh).
 */
static void follow(struct search_index *ix, struct db *db)
{
	struct change_mark now;
	long *ids;

	changes_mark(db, &now);
	if (ix->entries == NULL || now.import != ix->mark.import ||
	    now.journal < ix->mark.journal) {
		build(ix, db);
		return;
	}
	if (now.journal == ix->mark.journal) {
		return;
	}
	size_t n = changes_attendees_since(db, ix->mark.journal, &ids);
	ix->mark = now;
	for (size_t i = 0; i < n; i++) {
		if (!refresh_one(ix, db, ids[i])) {
			build(ix, db);
			break;
		}
	}
	free(ids);
}

void search_index_free(struct search_index *ix)
{
	if (ix == NULL) {
		return;
	}
	clear(ix);
	free(ix);
}

static bool ascii_letters(const char *s)
{
	for (; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == ' ' ||
		      *s == '\'')) {
			return false;
		}
	}
	return true;
}

struct probe {
	const char *text;
	char *lower;
	bool phone;  /* 4 or more digits */
	bool pinyin; /* letters only */
	struct pinyin_query pq;
};

static bool entry_matches(const struct search_entry *e, const struct probe *p)
{
	return strstr(e->name, p->text) != NULL || strstr(e->reg_no, p->lower) != NULL ||
	       (p->phone && strstr(e->digits, p->text) != NULL) ||
	       (p->pinyin && pinyin_query_matches(&p->pq, e->key));
}

/*
 * True when every match of p is among the last query's: p extends it, and
 * switches on no rule the last one had off.
 */
static bool narrows_last(const struct search_index *ix, const struct probe *p)
{
	size_t len = ix->last_text ? strlen(ix->last_text) : 0;

	return ix->last_text != NULL && strncmp(p->text, ix->last_text, len) == 0 &&
	       (ix->last_phone || !p->phone) && (ix->last_pinyin || !p->pinyin);
}

/* Keeps every match (entry indices) of p as the last query's. */
static void match_all(struct search_index *ix, const struct probe *p)
{
	bool narrow = narrows_last(ix, p);
	size_t n_from = narrow ? ix->n_last : ix->n, n = 0;
	size_t *hits = xcalloc(n_from ? n_from : 1, sizeof(*hits));

	for (size_t k = 0; k < n_from; k++) {
		size_t i = narrow ? ix->last_hits[k] : k;
		if (entry_matches(&ix->entries[i], p)) {
			hits[n++] = i;
		}
	}
	ix->stats.scanned += n_from;
	forget_last(ix);
	ix->last_text = xstrdup(p->text);
	ix->last_phone = p->phone;
	ix->last_pinyin = p->pinyin;
	ix->last_hits = hits;
	ix->n_last = n;
}

size_t search_find(struct desk *desk, const char *text, long *ids, size_t max)
{
	struct probe p = {text, text_ascii_lower(text), false, false, {{0}, 0}};

	if (desk->search == NULL) {
		desk->search = xcalloc(1, sizeof(*desk->search));
	}
	struct search_index *ix = desk->search;
	follow(ix, desk->db);
	p.phone = strlen(text) >= 4 && text_is_digits(text);
	p.pinyin = ascii_letters(text) && pinyin_query_init(&p.pq, text);
	match_all(ix, &p);
	for (size_t k = 0; k < ix->n_last && k < max; k++) {
		ids[k] = ix->entries[ix->last_hits[k]].id;
	}
	free(p.lower);
	return ix->n_last;
}

void search_stats(const struct desk *desk, struct search_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (desk->search != NULL) {
		*out = desk->search->stats;
	}
}
