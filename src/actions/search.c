/*
 * search keeps every name's pinyin key in memory: computing keys is the slow
 * part (about 30 ms for 100,000 names), matching them is not (a few ms), and
 * a keystroke has 10 ms (DESIGN section 6). The database's data_version tells
 * when an import by another process made the index stale.
 */
#include "search.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/db.h"
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
	struct search_entry *entries;
	size_t n;
	long data_version;
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

static struct search_index *build(struct desk *desk)
{
	struct search_row *rows;
	struct search_index *ix = xcalloc(1, sizeof(*ix));

	ix->data_version = db_data_version(desk->db);
	ix->n = query_search_rows(desk->db, &rows);
	ix->entries = xcalloc(ix->n ? ix->n : 1, sizeof(*ix->entries));
	for (size_t i = 0; i < ix->n; i++) {
		struct search_entry *e = &ix->entries[i];
		e->id = rows[i].id;
		e->name = xstrdup(rows[i].name);
		e->key = pinyin_key(rows[i].name);
		e->reg_no = text_ascii_lower(rows[i].reg_no);
		e->digits = digits_of(rows[i].phone);
	}
	query_search_rows_free(rows, ix->n);
	return ix;
}

void search_index_free(struct search_index *ix)
{
	if (ix == NULL) {
		return;
	}
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->entries[i].name);
		free(ix->entries[i].key);
		free(ix->entries[i].reg_no);
		free(ix->entries[i].digits);
	}
	free(ix->entries);
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

size_t search_find(struct desk *desk, const char *text, long *ids, size_t max)
{
	struct probe p = {text, text_ascii_lower(text), false, false, {{0}, 0}};
	size_t total = 0;

	if (desk->search == NULL || desk->search->data_version != db_data_version(desk->db)) {
		search_index_free(desk->search);
		desk->search = build(desk);
	}
	p.phone = strlen(text) >= 4 && text_is_digits(text);
	p.pinyin = ascii_letters(text) && pinyin_query_init(&p.pq, text);
	for (size_t i = 0; i < desk->search->n; i++) {
		if (entry_matches(&desk->search->entries[i], &p)) {
			if (total < max) {
				ids[total] = desk->search->entries[i].id;
			}
			total++;
		}
	}
	free(p.lower);
	return total;
}
