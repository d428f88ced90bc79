/*
 * desks prepares the database for several desks: it names them, and (in the
 * same transaction) makes what keeps them apart: each desk's share of the
 * rooms and each desk's signing key. It runs once on the prepared database,
 * before the copies are made, so it may replace an earlier list as long as no
 * desk has written anything.
 */
#include "frontdesk/actions/desks.h"
#include "desk_private.h"

#include <libgen.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "desk_keys.h"
#include "syncthing.h"
#include "frontdesk/desks.h"
#include "frontdesk/event.h"
#include "frontdesk/say.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

void desks_result_release(struct desks_result *r)
{
	free(r->message);
	free(r->keys_dir);
	desk_keys_release(r->key_files, r->n_key_files, false);
	memset(r, 0, sizeof(*r));
}

/* Each id must be a valid desk id (event.c owns the rule) and appear once. */
static bool ids_valid(const char *const *ids, size_t n, char **message)
{
	if (n < 1 || n > DESKS_MAX) {
		*message = say("请列出 1 到 %d 个台号，如 frontdesk desks A B C", DESKS_MAX);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!event_desk_id_valid(ids[i])) {
			*message = say("台号 %s 不对：应为 1 到 16 个字母、数字、- 或 _", ids[i]);
			return false;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(ids[i], ids[j]) == 0) {
				*message = say("台号 %s 出现了两次，每个台号只能列一次", ids[i]);
				return false;
			}
		}
	}
	return true;
}

/* The key files' folder: --keys, or the database's own folder. */
static char *keys_folder(struct desk *desk, const char *keys_dir)
{
	if (keys_dir != NULL) {
		return xstrdup(keys_dir);
	}
	char *copy = xstrdup(db_path(desk->db));
	char *dir = xstrdup(dirname(copy));
	free(copy);
	return dir;
}

/*
 * One key pair per desk: the public halves go to the database (desks_name),
 * each secret half only to its own file, written before the commit so a
 * database never names desks whose keys were lost. False with *message.
 */
static bool make_keys(struct desk *desk, const char *const *ids, size_t n, struct desks_result *out)
{
	unsigned char pk[DESKS_MAX][CHAIN_PUBLIC_BYTES], sk[DESKS_MAX][CHAIN_SECRET_BYTES];
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		ok = chain_keypair(pk[i], sk[i]);
	}
	if (!ok) {
		out->message = say_text("无法生成台钥（libsodium 未能启动）");
	}
	ok = ok && desks_name(desk->db, ids, n, (const unsigned char(*)[CHAIN_PUBLIC_BYTES])pk,
	                      &out->message);
	ok = ok && desk_keys_write(out->keys_dir, desk->cfg->code, ids, n,
	                           (const unsigned char(*)[CHAIN_SECRET_BYTES])sk, &out->key_files,
	                           &out->message);
	out->n_key_files = ok ? n : 0;
	sodium_memzero(sk, sizeof(sk));
	/* and each desk's Syncthing identity beside its key file (issue 17) */
	if (ok && !syncthing_make_identities(desk, out->keys_dir, ids, n, &out->message)) {
		desk_keys_release(out->key_files, out->n_key_files, true);
		out->key_files = NULL;
		out->n_key_files = 0;
		ok = false;
	}
	return ok;
}

/* "3 desks named; rooms: A 12, B 12, C 11" (each desk's share, docs/merge.md). */
static char *named_message(const char *const *ids, size_t n, const size_t *rooms,
                           const char *keys_dir)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		strbuf_printf(&list, "%s%s %zu", i > 0 ? ", " : "", ids[i], rooms[i]);
	}
	char *texts[2] = {NULL, NULL};
	for (int i = 0; i < say_langs(); i++) {
		/* one message in each language: the shares, then where the keys are */
		char *shares =
		    xasprintf(say_in(i, "已设 %zu 个台，各台分得房间：%s"), n, strbuf_str(&list));
		char *keys =
		    xasprintf(say_in(i, "台钥写在 %s（每台一个 desk-<台号>.key）：复制数据库到各台"
		                        "后，在每台运行 frontdesk desk-id 台号 --key 该台的文件；"
		                        "台钥文件只交给该台"),
		              keys_dir);
		texts[i] = xasprintf("%s%s%s", shares, say_chinese(i) ? "。" : ". ", keys);
		free(shares);
		free(keys);
	}
	strbuf_release(&list);
	return say_join(texts);
}

enum action_status action_desks(struct desk *desk, const char *const *ids, size_t n,
                                const char *keys_dir, struct desks_result *out)
{
	char *cause = NULL;

	memset(out, 0, sizeof(*out));
	if (!ids_valid(ids, n, &out->message)) {
		return ACTION_BAD_INPUT;
	}
	if (!db_begin(desk->db, &out->message)) {
		return ACTION_FAILED;
	}
	long entries = desks_journal_entries(desk->db);
	if (entries > 0) {
		db_rollback(desk->db);
		out->message = say(
		    "这个数据库已有 %ld 条操作记录，不能再分台；请在签到开始前、复制之前的准备好的数据库上"
		    "运行 desks",
		    entries);
		return ACTION_REFUSED;
	}
	out->keys_dir = keys_folder(desk, keys_dir);
	size_t rooms[DESKS_MAX];
	if (!make_keys(desk, ids, n, out)) {
		db_rollback(desk->db);
		return ACTION_REFUSED;
	}
	if (!desks_share_rooms(desk->db, rooms, &cause) || !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		syncthing_remove_identities(out->keys_dir, ids, n);
		desk_keys_release(out->key_files, out->n_key_files, true);
		out->key_files = NULL;
		out->n_key_files = 0;
		out->message = cause;
		return ACTION_FAILED;
	}
	out->message = named_message(ids, n, rooms, out->keys_dir);
	return ACTION_OK;
}
