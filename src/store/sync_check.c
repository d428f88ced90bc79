/*
 * sync_check decides whether a bundle's entries may join this journal, before
 * any is stored (issue 15: only the desks of this event write its journal).
 * It runs desk by desk over the bundle's sorted entries, keeping that desk's
 * expected next sequence and prev hash, starting from what is stored here;
 * an entry already stored must be that very entry. The rule for one entry
 * after another is core's (chain_check_next); this file loads the facts and
 * words the refusal. The first refusal stops the check: a merge takes a bundle
 * whole or not at all.
 */
#include "frontdesk/sync.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/desks.h"
#include "frontdesk/journal.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

struct checker {
	struct db *db;
	const char *event;
	const char *own_desk;
	bool prepared;
	sqlite3_stmt *same; /* the stored entry with this key and content */
	struct sync_refusal *out;
};

void sync_refusal_release(struct sync_refusal *r)
{
	free(r->desk_id);
	free(r->message);
	memset(r, 0, sizeof(*r));
}

/*
 * Fills the refusal for e; reason (a msgid, a format taking `next` when it has
 * a conversion) says what is wrong with it, after the entry is named.
 */
static bool refuse(struct checker *c, const struct sync_entry *e, enum sync_refusal_kind kind,
                   const char *reason, long next)
{
	char *texts[3] = {NULL, NULL, NULL};

	c->out->kind = kind;
	c->out->desk_id = xstrdup(e->desk_id);
	c->out->seq = e->seq;
	c->out->line = e->line;
	for (int lang = 0; lang < say_langs(); lang++) {
		char *why = xasprintf(say_in(lang, reason), next);
		texts[lang] = xasprintf(
		    say_in(lang, "同步包第 %d 行的条目（%s 台第 %ld 条）%s，未合并任何记录"),
		    e->line, e->desk_id, e->seq, why);
		free(why);
	}
	c->out->message = say_join(texts);
	return false;
}

static bool is_stored(struct checker *c, const struct sync_entry *e)
{
	sqlite3_stmt *s = c->same;

	sqlite3_reset(s);
	db_bind_text(s, 1, e->desk_id);
	sqlite3_bind_int64(s, 2, e->seq);
	db_bind_text(s, 3, e->at);
	db_bind_text(s, 4, e->operator_name);
	db_bind_text(s, 5, e->action);
	db_bind_text(s, 6, e->subject);
	db_bind_text(s, 7, e->details);
	if (e->is_signed) {
		sqlite3_bind_blob(s, 8, e->prev, CHAIN_HASH_BYTES, SQLITE_STATIC);
		sqlite3_bind_blob(s, 9, e->sig, CHAIN_SIG_BYTES, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(s, 8);
		sqlite3_bind_null(s, 9);
	}
	return sqlite3_step(s) == SQLITE_ROW;
}

static bool refuse_fork(struct checker *c, const struct sync_entry *e)
{
	return refuse(
	    c, e, SYNC_FORK,
	    N_("与本机已存的同一条记录内容不同（分叉）：两台电脑用了同一个台号或同一把台钥，或记录被改动过；请给每台电脑各自的台号和台钥，并联系技术支持"),
	    0);
}

/* A database not prepared with desks is one desk: it takes back only what it wrote. */
static bool check_unprepared(struct checker *c, const struct sync_entry *e)
{
	if (strcmp(e->desk_id, c->own_desk) != 0) {
		return refuse(
		    c, e, SYNC_UNKNOWN_DESK,
		    N_("来自另一个台，而本数据库没有用 frontdesk desks 分台，只认本台的记录：多台签到须在复制前于准备好的数据库上运行 frontdesk desks A B …，再在每台运行 frontdesk desk-id 台号 --key 该台的 desk-台号.key"),
		    0);
	}
	return is_stored(c, e) || refuse_fork(c, e);
}

/* Where a desk's chain stands while its entries are checked. */
struct desk_state {
	unsigned char pk[CHAIN_PUBLIC_BYTES];
	long stored;                          /* the highest seq stored here */
	long next;                            /* the seq the next new entry must have */
	unsigned char prev[CHAIN_HASH_BYTES]; /* and its prev */
};

static bool check_signed(struct checker *c, struct desk_state *d, const struct sync_entry *e)
{
	if (!e->is_signed) {
		return refuse(c, e, SYNC_UNSIGNED, N_("没有签名：它来自旧版 frontdesk 或是手写的"),
		              0);
	}
	if (e->seq <= d->stored) {
		return is_stored(c, e) || refuse_fork(c, e);
	}
	struct chain_entry ce = {c->event,  e->desk_id, e->seq,     e->at,  e->operator_name,
	                         e->action, e->subject, e->details, e->prev};
	switch (chain_check_next(&ce, e->sig, d->pk, d->next, d->prev)) {
	case CHAIN_OK:
		d->next++;
		chain_hash(&ce, d->prev);
		return true;
	case CHAIN_BAD_SIGNATURE:
		return refuse(c, e, SYNC_BAD_SIGNATURE,
		              N_("签名不对：它不是该台用自己的台钥写的，或写后被改动过"), 0);
	case CHAIN_BROKEN:
		return refuse(c, e, SYNC_BROKEN_CHAIN,
		              N_("接不上该台的上一条记录（链断了）：前面有记录被删除、替换或改动"),
		              0);
	default:
		return refuse(c, e, SYNC_NOT_NEXT,
		              N_("不是该台的下一条（应为第 %ld 条）：中间缺了记录，或序号被跳过"),
		              d->next);
	}
}

/* Checks entries[from..to) of one desk; they are sorted by seq. */
static bool check_desk(struct checker *c, const struct sync_entry *entries, size_t from, size_t to)
{
	for (size_t i = from + 1; i < to; i++) {
		if (entries[i].line < entries[i - 1].line) {
			return refuse(
			    c, &entries[i], SYNC_REORDERED,
			    N_("排在同一台序号更小的条目之前：同步包中的记录被调换了顺序"), 0);
		}
	}
	if (!c->prepared) {
		for (size_t i = from; i < to; i++) {
			if (!check_unprepared(c, &entries[i])) {
				return false;
			}
		}
		return true;
	}
	struct desk_state d;
	if (!desks_public_key(c->db, entries[from].desk_id, d.pk)) {
		return refuse(c, &entries[from], SYNC_UNKNOWN_DESK,
		              N_("来自本活动没有的台号（见 frontdesk desks 设定的台号）"), 0);
	}
	d.stored = journal_last(c->db, c->event, entries[from].desk_id, d.prev);
	d.next = d.stored + 1;
	for (size_t i = from; i < to; i++) {
		if (!check_signed(c, &d, &entries[i])) {
			return false;
		}
	}
	return true;
}

bool sync_check_entries(struct db *db, const char *event, const char *own_desk,
                        const struct sync_bundle *bundle, struct sync_refusal *out)
{
	struct checker c = {db, event, own_desk, desks_count(db) > 0, NULL, out};
	bool ok = true;

	memset(out, 0, sizeof(*out));
	/* frontdesk_clean: an entry an older frontdesk stored raw still matches its export */
	c.same = db_prepare(
	    db, "SELECT 1 FROM journal WHERE desk_id = ?1 AND seq = ?2 AND at IS ?3 AND "
	        "frontdesk_clean(operator) IS ?4 AND action IS ?5 AND frontdesk_clean(subject) IS "
	        "?6 AND frontdesk_clean(details) IS ?7 AND prev_hash IS ?8 AND signature IS ?9");
	for (size_t from = 0, to; ok && from < bundle->n; from = to) {
		for (to = from + 1; to < bundle->n && strcmp(bundle->entries[to].desk_id,
		                                             bundle->entries[from].desk_id) == 0;
		     to++) {
		}
		ok = check_desk(&c, bundle->entries, from, to);
	}
	sqlite3_finalize(c.same);
	return ok;
}
