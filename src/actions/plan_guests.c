/*
 * plan_guests reads every booking for `rooms plan` straight into a compact
 * table: per registration the facts the allocator asks and one offset into a
 * shared block of text, the mutual roommates resolved once at load. The list
 * of query_bookings (a struct and two or three strings of their own each) took
 * about 16 MiB of a 100k event's plan, held beside the placed hotel picture at
 * its peak; this table is 6.3 MiB, and the roommate texts and sorted indices
 * are gone before the first guest is placed.
 */
#include "plan_guests.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/lodging.h"
#include "frontdesk/query.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

/* What the load gathers: the table, its text, and each guest's roommate request. */
struct loading {
	struct plan_guests *out;
	size_t cap;
	long first_night;
	struct strbuf text;     /* becomes out->text */
	struct strbuf requests; /* the roommate texts, each NUL-terminated */
	uint32_t *request;      /* per guest: 1 + offset of their text in requests, 0 for none */
};

/* Appends s and its NUL to sb; returns where it starts. */
static uint32_t add_text(struct strbuf *sb, const char *s)
{
	size_t at = sb->len;

	strbuf_add(sb, s ? s : "", s ? strlen(s) + 1 : 1);
	assert(sb->len <= UINT32_MAX);
	return (uint32_t)at;
}

static void take_booking(const struct booking *b, void *ctx)
{
	struct loading *ld = ctx;
	struct plan_guests *g = ld->out;

	if (g->n == ld->cap) {
		ld->cap = ld->cap ? 2 * ld->cap : 1024;
		g->at = xreallocarray(g->at, ld->cap, sizeof(*g->at));
		ld->request = xreallocarray(ld->request, ld->cap, sizeof(*ld->request));
	}
	uint32_t text = add_text(&ld->text, b->reg_no);
	add_text(&ld->text, b->name);
	g->at[g->n] = (struct plan_guest){
	    .id = b->id,
	    .nights = lodging_nights_mask(ld->first_night, b->arrive, b->depart),
	    .text = text,
	    .mate = -1,
	    .gender = b->gender,
	    .room = b->room,
	    .eligible = b->eligible,
	};
	ld->request[g->n] = b->roommate ? 1 + add_text(&ld->requests, b->roommate) : 0;
	g->n++;
}

struct keyed {
	const char *key;
	size_t index;
};

static int compare_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* Sorted views of the guests by reg_no and by name, to resolve roommate texts. */
struct guest_index {
	struct keyed *by_reg_no;
	struct keyed *by_name;
	size_t n;
};

static void index_guests(const struct plan_guests *g, struct guest_index *ix)
{
	ix->n = g->n;
	ix->by_reg_no = xcalloc(g->n ? g->n : 1, sizeof(struct keyed));
	ix->by_name = xcalloc(g->n ? g->n : 1, sizeof(struct keyed));
	for (size_t i = 0; i < g->n; i++) {
		ix->by_reg_no[i] = (struct keyed){plan_guest_reg_no(g, i), i};
		ix->by_name[i] = (struct keyed){plan_guest_name(g, i), i};
	}
	qsort(ix->by_reg_no, g->n, sizeof(struct keyed), compare_keyed);
	qsort(ix->by_name, g->n, sizeof(struct keyed), compare_keyed);
}

/* Same rule as query_roommate_id: a reg_no, else a name held by exactly one person. */
static long resolve(const struct plan_guests *g, const struct guest_index *ix, const char *text)
{
	struct keyed key = {text, 0};
	struct keyed *hit = bsearch(&key, ix->by_reg_no, ix->n, sizeof(key), compare_keyed);

	if (hit != NULL) {
		return (long)hit->index;
	}
	hit = bsearch(&key, ix->by_name, ix->n, sizeof(key), compare_keyed);
	if (hit == NULL) {
		return -1;
	}
	bool unique = (hit == ix->by_name || strcmp(hit[-1].key, text) != 0) &&
	              (hit + 1 == ix->by_name + ix->n || strcmp(hit[1].key, text) != 0);
	return unique && g->at[hit->index].eligible ? (long)hit->index : -1;
}

static bool sharer(const struct plan_guest *x, uint32_t request)
{
	return x->eligible && x->room == ROOM_BED && x->gender != GENDER_UNKNOWN && request != 0;
}

/* Whom each sharer's request names (-1: nobody, or not a sharer's request). */
static long *resolve_requests(const struct loading *ld)
{
	const struct plan_guests *g = ld->out;
	struct guest_index ix;
	long *named = xcalloc(g->n ? g->n : 1, sizeof(*named));

	index_guests(g, &ix);
	for (size_t i = 0; i < g->n; i++) {
		named[i] = sharer(&g->at[i], ld->request[i])
		               ? resolve(g, &ix, ld->requests.data + ld->request[i] - 1)
		               : -1;
	}
	free(ix.by_reg_no);
	free(ix.by_name);
	return named;
}

/* Pairs the sharers who named each other (same rule as query_mutual_roommate). */
static void pair_mates(const struct loading *ld)
{
	struct plan_guests *g = ld->out;
	long *named = resolve_requests(ld);

	for (size_t i = 0; i < g->n; i++) {
		long k = named[i];
		if (k >= 0 && (size_t)k != i && named[k] == (long)i &&
		    g->at[k].gender == g->at[i].gender) {
			g->at[i].mate = (int32_t)k;
		}
	}
	free(named);
}

/* Gives back the spare room the table and its text grew with: they are kept until printed. */
static void keep_exact(struct loading *ld)
{
	struct plan_guests *g = ld->out;
	size_t len = ld->text.len;

	g->at = xreallocarray(g->at, g->n ? g->n : 1, sizeof(*g->at));
	g->text = xreallocarray(strbuf_detach(&ld->text), len + 1, 1);
}

void plan_guests_load(struct db *db, long first_night, struct plan_guests *out)
{
	struct loading ld = {out, 0, first_night, STRBUF_INIT, STRBUF_INIT, NULL};

	memset(out, 0, sizeof(*out));
	query_each_booking(db, take_booking, &ld);
	assert(out->n <= INT32_MAX);
	keep_exact(&ld);
	pair_mates(&ld);
	strbuf_release(&ld.requests);
	free(ld.request);
}

const char *plan_guest_reg_no(const struct plan_guests *g, size_t i)
{
	return g->text + g->at[i].text;
}

const char *plan_guest_name(const struct plan_guests *g, size_t i)
{
	const char *reg_no = plan_guest_reg_no(g, i);

	return reg_no + strlen(reg_no) + 1;
}

static int compare_ids(const void *a, const void *b)
{
	long x = ((const struct plan_guest *)a)->id, y = ((const struct plan_guest *)b)->id;

	return (x > y) - (x < y);
}

void plan_guests_sort_by_id(struct plan_guests *g)
{
	for (size_t i = 0; i < g->n; i++) {
		g->at[i].mate = -1;
	}
	qsort(g->at, g->n, sizeof(*g->at), compare_ids);
}

long plan_guests_find(const struct plan_guests *g, long id)
{
	struct plan_guest key = {.id = id};
	const struct plan_guest *hit = bsearch(&key, g->at, g->n, sizeof(key), compare_ids);

	return hit ? (long)(hit - g->at) : -1;
}

void plan_guests_release(struct plan_guests *g)
{
	free(g->at);
	free(g->text);
	memset(g, 0, sizeof(*g));
}
