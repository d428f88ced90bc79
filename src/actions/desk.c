/*
 * desk opens the database and its event together, because no action makes
 * sense on a database that `init` has not prepared.
 */
#include "frontdesk/actions.h"

#include <stdlib.h>

#include "frontdesk/setup.h"
#include "search.h"
#include "frontdesk/xmalloc.h"

struct desk *desk_open(const char *path, const char *operator_name, enum action_status *status,
                       char **cause)
{
	struct db *db = db_open(path, cause);

	if (db == NULL) {
		*status = ACTION_FAILED;
		return NULL;
	}
	struct event_config *cfg = setup_load_event(db, cause);
	if (cfg == NULL) {
		*status = ACTION_BAD_INPUT;
		db_close(db);
		return NULL;
	}
	struct desk *desk = xcalloc(1, sizeof(*desk));
	const char *user = getenv("USER");
	desk->db = db;
	desk->cfg = cfg;
	desk->operator_name =
	    xstrdup(operator_name ? operator_name : (user && user[0] ? user : "desk"));
	return desk;
}

void desk_close(struct desk *desk)
{
	if (desk == NULL) {
		return;
	}
	search_index_free(desk->search);
	db_close(desk->db);
	event_free(desk->cfg);
	free(desk->operator_name);
	free(desk);
}
