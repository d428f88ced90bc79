/*
 * desk opens the database and its event together, because no action makes
 * sense on a database that `init` has not prepared.
 */
#include "frontdesk/actions.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/records.h"
#include "frontdesk/rooming.h"
#include "frontdesk/setup.h"
#include "search.h"
#include "frontdesk/stays.h"
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
	stays_cache_free(desk->stays);
	db_close(desk->db);
	event_free(desk->cfg);
	free(desk->operator_name);
	free(desk);
}

void action_desk_status(struct desk *desk, struct desk_status *out)
{
	memset(out, 0, sizeof(*out));
	records_count_checkins(desk->db, &out->expected, &out->checked_in);
	rooming_count_free_beds(desk->db, &out->free_female, &out->free_male);
	out->print_queued = records_count_print_queued(desk->db);
	/* written by the print pass and by export: the screen never waits on a device */
	out->printer_state = setup_get(desk->db, "printer.state");
	out->last_export = setup_get(desk->db, "export.last");
}

void action_desk_status_release(struct desk_status *out)
{
	free(out->printer_state);
	free(out->last_export);
	memset(out, 0, sizeof(*out));
}
