/*
 * desk_id renames the desk of a database copy. Every desk starts from a copy
 * of the prepared database (ticket secrets are made once), so each copy needs
 * its own id before its first action; after that the journal's (desk, seq)
 * keys are taken and the id must not change.
 */
#include "frontdesk/actions/desk_id.h"
#include "desk_private.h"

#include <stdlib.h>

#include "frontdesk/desks.h"
#include "frontdesk/journal.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"

enum action_status action_desk_id(struct desk *desk, const char *id, char **message)
{
	struct diag_list errs = DIAG_LIST_INIT;
	char *cause = NULL;

	/* event_set owns what a valid desk id is */
	if (!event_set(desk->cfg, "desk", "id", id, 0, &errs)) {
		*message = xstrdup(errs.items[0].message);
		diag_list_clear(&errs);
		return ACTION_BAD_INPUT;
	}
	if (!db_begin(desk->db, message)) {
		return ACTION_FAILED;
	}
	if (desks_count(desk->db) > 0 && !desks_has(desk->db, id)) {
		db_rollback(desk->db);
		*message = xasprintf(
		    "台号 %s 不在本活动的台号之列（由 frontdesk desks 设定）；请用其中之一 "
		    "/ %s is not one of this event's desks (named by frontdesk desks); "
		    "use one of them",
		    id, id);
		return ACTION_BAD_INPUT;
	}
	long own = journal_count_own(desk->db);
	if (own > 0) {
		db_rollback(desk->db);
		*message = say(
		    "这个数据库已有本台的 %ld 条操作记录，台号不能再改；请从准备好的数据库重新复制",
		    own);
		return ACTION_REFUSED;
	}
	if (!setup_put(desk->db, "desk.id", id, &cause) || !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		*message = cause;
		return ACTION_FAILED;
	}
	*message = say("台号已设为 %s", id);
	return ACTION_OK;
}
