/*
 * desks prepares the database for several desks: it names them, and (in the
 * same transaction) makes what keeps them apart: each desk's share of the
 * rooms and each desk's signing key. It runs once on the prepared database,
 * before the copies are made, so it may replace an earlier list as long as no
 * desk has written anything.
 */
#include "frontdesk/actions/desks.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/desks.h"
#include "frontdesk/event.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

void desks_result_release(struct desks_result *r)
{
	free(r->message);
	free(r->keys_dir);
	memset(r, 0, sizeof(*r));
}

/* Each id must be a valid desk id (event.c owns the rule) and appear once. */
static bool ids_valid(const char *const *ids, size_t n, char **message)
{
	if (n < 1 || n > DESKS_MAX) {
		*message =
		    xasprintf("请列出 1 到 %d 个台号，如 frontdesk desks A B C / name 1 to %d "
		              "desks, for instance: frontdesk desks A B C",
		              DESKS_MAX, DESKS_MAX);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!event_desk_id_valid(ids[i])) {
			*message = xasprintf(
			    "台号 %s 不对：应为 1 到 16 个字母、数字、- 或 _ / desk id %s "
			    "is not valid: use 1-16 letters, digits, - or _",
			    ids[i], ids[i]);
			return false;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(ids[i], ids[j]) == 0) {
				*message =
				    xasprintf("台号 %s 出现了两次，每个台号只能列一次 / desk %s "
				              "is named twice; name each desk once",
				              ids[i], ids[i]);
				return false;
			}
		}
	}
	return true;
}

/* "3 desks named; rooms: A 12, B 12, C 11" (each desk's share, docs/merge.md). */
static char *named_message(const char *const *ids, size_t n, const size_t *rooms)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		strbuf_printf(&list, "%s%s %zu", i > 0 ? ", " : "", ids[i], rooms[i]);
	}
	char *msg =
	    xasprintf("已设 %zu 个台，各台分得房间：%s / %zu desks named; rooms per desk: %s", n,
	              strbuf_str(&list), n, strbuf_str(&list));
	strbuf_release(&list);
	return msg;
}

enum action_status action_desks(struct desk *desk, const char *const *ids, size_t n,
                                const char *keys_dir, struct desks_result *out)
{
	char *cause = NULL;

	memset(out, 0, sizeof(*out));
	(void)keys_dir;
	if (!ids_valid(ids, n, &out->message)) {
		return ACTION_BAD_INPUT;
	}
	if (!db_begin(desk->db, &out->message)) {
		return ACTION_FAILED;
	}
	long entries = desks_journal_entries(desk->db);
	if (entries > 0) {
		db_rollback(desk->db);
		out->message = xasprintf(
		    "这个数据库已有 %ld 条操作记录，不能再分台；请在签到开始前、复制之前的准备好的数据库上"
		    "运行 desks / this database already holds %ld journal entries, so its desks can no "
		    "longer be named; run desks on the prepared database before it is copied",
		    entries, entries);
		return ACTION_REFUSED;
	}
	size_t rooms[DESKS_MAX];
	if (!desks_name(desk->db, ids, n, &cause) || !desks_share_rooms(desk->db, rooms, &cause) ||
	    !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		out->message = cause;
		return ACTION_FAILED;
	}
	out->message = named_message(ids, n, rooms);
	return ACTION_OK;
}
