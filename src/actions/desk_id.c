/*
 * desk_id renames the desk of a database copy. Every desk starts from a copy
 * of the prepared database (ticket secrets are made once), so each copy needs
 * its own id before its first action; after that the journal's (desk, seq)
 * keys are taken and the id must not change.
 */
#include "frontdesk/actions/desk_id.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "desk_keys.h"
#include "syncthing.h"
#include "frontdesk/desks.h"
#include "frontdesk/journal.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"

/* The id cannot change once this copy wrote entries under it. */
static enum action_status check_own(struct desk *desk, char **message)
{
	long own = journal_count_own(desk->db);

	if (own > 0) {
		*message = say(
		    "这个数据库已有本台的 %ld 条操作记录，台号不能再改；请从准备好的数据库重新复制",
		    own);
		return ACTION_REFUSED;
	}
	return ACTION_OK;
}

/*
 * The key file must be desk id's of this event, and its public half the one
 * `frontdesk desks` stored for that desk: a copy can only be given its own
 * desk's key. Inside the transaction; false with *message.
 */
static bool key_fits(struct desk *desk, const char *id, const struct deskkey *k, char **message)
{
	unsigned char pk[CHAIN_PUBLIC_BYTES];

	if (strcmp(k->event, desk->cfg->code) != 0) {
		*message = say("这个台钥文件属于活动 %s，本机是活动 %s，未安装", k->event,
		               desk->cfg->code);
		return false;
	}
	if (strcmp(k->desk, id) != 0) {
		*message = say("这是 %s 台的台钥文件，不是 %s 台的，未安装：请用 desk-%s.key",
		               k->desk, id, id);
		return false;
	}
	if (!desks_public_key(desk->db, id, pk) || !chain_key_matches(k->secret, pk)) {
		*message = say(
		    "这个台钥文件与本数据库中 %s 台的公钥不符（来自另一次 desks 准备？），未安装",
		    id);
		return false;
	}
	return true;
}

/* On a database prepared with `frontdesk desks`: the id must be a named desk and come with its key.
 */
static enum action_status check_prepared(struct desk *desk, const char *id, const struct deskkey *k,
                                         char **message)
{
	if (desks_count(desk->db) == 0) {
		if (k == NULL) {
			return ACTION_OK;
		}
		*message = say_text(
		    "这个数据库没有用 frontdesk desks 分台，不需要台钥；只用 desk-id 台号 即可");
		return ACTION_BAD_INPUT;
	}
	if (!desks_has(desk->db, id)) {
		*message = say(
		    "台号 %s 不在本活动的台号之列（由 frontdesk desks 设定）；请用其中之一", id);
		return ACTION_BAD_INPUT;
	}
	if (k == NULL) {
		*message = say(
		    "这个数据库已用 frontdesk desks 分台：请同时安装本台的台钥，即 frontdesk desk-id %s --key desk-%s.key",
		    id, id);
		return ACTION_REFUSED;
	}
	return key_fits(desk, id, k, message) ? ACTION_OK : ACTION_REFUSED;
}

static bool save(struct desk *desk, const char *id, const struct deskkey *k, char **cause)
{
	return setup_put(desk->db, "desk.id", id, cause) &&
	       (k == NULL || desks_install_secret(desk->db, id, k->secret, cause)) &&
	       db_commit(desk->db, cause);
}

enum action_status action_desk_id(struct desk *desk, const char *id, const char *key_path,
                                  char **message)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct deskkey key;
	char *cause = NULL;

	/* event_set owns what a valid desk id is */
	if (!event_set(desk->cfg, "desk", "id", id, 0, &errs)) {
		*message = xstrdup(errs.items[0].message);
		diag_list_clear(&errs);
		return ACTION_BAD_INPUT;
	}
	if (key_path != NULL && !desk_keys_read(key_path, &key, message)) {
		deskkey_release(&key);
		return ACTION_BAD_INPUT;
	}
	const struct deskkey *k = key_path != NULL ? &key : NULL;
	enum action_status status = ACTION_OK;
	if (!db_begin(desk->db, message)) {
		status = ACTION_FAILED;
	} else {
		status = check_prepared(desk, id, k, message);
		status = status == ACTION_OK ? check_own(desk, message) : status;
		if (status == ACTION_OK && !save(desk, id, k, &cause)) {
			*message = cause;
			status = ACTION_FAILED;
		}
		if (status != ACTION_OK) {
			db_rollback(desk->db);
		}
	}
	if (k != NULL) {
		deskkey_release(&key);
	}
	/* the desk's Syncthing identity, beside its key file when syncthing made one (issue 17) */
	if (status == ACTION_OK && k != NULL &&
	    !syncthing_install_identity(desk, key_path, id, message)) {
		return ACTION_FAILED;
	}
	if (status == ACTION_OK) {
		*message = k ? say("台号已设为 %s，本台台钥已安装", id) : say("台号已设为 %s", id);
	}
	return status;
}
