/*
 * desk opens the database and its event together, because no action makes
 * sense on a database that `init` has not prepared.
 */
#include "frontdesk/actions/desk.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/records.h"
#include "frontdesk/rooming.h"
#include "frontdesk/setup.h"
#include "resolve.h"
#include "search.h"
#include "frontdesk/stays.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

/* The desk around an open database: its event loaded, its operator named. */
static struct desk *desk_on(struct db *db, const char *operator_name, enum action_status *status,
                            char **cause)
{
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

struct desk *desk_open(const char *path, const char *operator_name, enum action_status *status,
                       char **cause)
{
	return desk_on(db_open(path, cause), operator_name, status, cause);
}

struct desk *desk_open_read_only(const char *path, enum action_status *status, char **cause)
{
	/* what desk_open says of a database that init has not made, without making one */
	if (access(path, F_OK) != 0) {
		*status = ACTION_BAD_INPUT;
		*cause = xasprintf("找不到数据库 %s，请先运行 frontdesk init --event event.ini "
		                   "--rooms rooms.csv，或检查 --db / there is no database %s; run "
		                   "frontdesk init --event event.ini --rooms rooms.csv first, or "
		                   "check --db",
		                   path, path);
		return NULL;
	}
	return desk_on(db_open_read_only(path, cause), NULL, status, cause);
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

unsigned long action_data_stamp(struct desk *desk)
{
	return db_change_stamp(desk->db);
}

void action_count_statements(struct desk *desk)
{
	db_count_statements(desk->db);
}

unsigned long action_statement_count(const struct desk *desk)
{
	return db_statement_count(desk->db);
}

char *action_operator_remembered(struct desk *desk)
{
	return records_operator(desk->db);
}

/* Returns a copy of s without leading and trailing spaces (a scanner or a slip of the thumb). */
static char *trim_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
		n--;
	}
	return xstrndup(s, n);
}

/* A name of at most this many bytes fits the status line and an export cell. */
#define OPERATOR_MAX 48

enum action_status action_set_operator(struct desk *desk, const char *name, char **message)
{
	char *cause = NULL;
	char *trimmed = trim_spaces(name ? name : "");

	if (trimmed[0] == '\0' || strlen(trimmed) > OPERATOR_MAX || text_has_control(trimmed)) {
		free(trimmed);
		*message =
		    xstrdup("请输入值班人姓名（不超过 16 个字）后按回车 / type the operator's "
		            "name (up to 16 characters) and press Enter");
		return ACTION_BAD_INPUT;
	}
	if (!records_set_operator(desk->db, trimmed, &cause)) {
		free(trimmed);
		*message = cause;
		return ACTION_FAILED;
	}
	free(desk->operator_name);
	desk->operator_name = trimmed;
	*message = xasprintf("值班人：%s。此后的记录都记在此名下 / operator: %s; everything "
	                     "recorded from now on carries this name",
	                     trimmed, trimmed);
	return ACTION_OK;
}

const struct event_config *desk_config(const struct desk *desk)
{
	return desk->cfg;
}

const char *desk_operator(const struct desk *desk)
{
	return desk->operator_name;
}

const char *desk_database_path(const struct desk *desk)
{
	return db_path(desk->db);
}

bool action_supervisor_ok(const struct desk *desk, const char *pin)
{
	return supervisor_pin_ok(desk, pin);
}
