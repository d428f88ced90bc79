/*
 * desk opens the database and its event together, because no action makes
 * sense on a database that `init` has not prepared.
 */
#include "frontdesk/actions/desk.h"
#include "allocate.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/journal.h"
#include "frontdesk/records.h"
#include "frontdesk/rooming.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "resolve.h"
#include "search.h"
#include "status_counts.h"
#include "frontdesk/stays.h"
#include "frontdesk/supervisor.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

/* A name of at most this many bytes fits the status line and an export cell. */
#define OPERATOR_MAX 48

/* Returns a copy of s without leading and trailing spaces (a slip of the thumb). */
static char *trim_spaces(const char *s)
{
	while (*s == ' ') {
		s++;
	}
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ') {
		n--;
	}
	return xstrndup(s, n);
}

/*
 * The one rule for an operator's name, from the desk screen or --operator:
 * it goes into every journal entry and export row and to every other desk,
 * so it may hold no control character, not even a tab (a bundle with one is
 * refused by every desk that merges it). Returns the trimmed name, or NULL
 * with *message (the caller frees it).
 */
static char *operator_checked(const char *name, char **message)
{
	char *trimmed = trim_spaces(name ? name : "");

	if (text_has_control(trimmed)) {
		*message = say("值班人姓名不能含有 Tab 或其他控制字符，请重新输入");
	} else if (trimmed[0] == '\0' || strlen(trimmed) > OPERATOR_MAX) {
		*message = say("请输入值班人姓名（不超过 16 个字）后按回车");
	} else {
		return trimmed;
	}
	free(trimmed);
	return NULL;
}

/* The desk around an open database: its event loaded, its operator (checked, or NULL) named. */
static struct desk *desk_on(struct db *db, char *checked, enum action_status *status, char **cause)
{
	if (db == NULL) {
		free(checked);
		*status = ACTION_FAILED;
		return NULL;
	}
	struct event_config *cfg = setup_load_event(db, cause);
	if (cfg == NULL) {
		free(checked);
		*status = ACTION_BAD_INPUT;
		db_close(db);
		return NULL;
	}
	struct desk *desk = xcalloc(1, sizeof(*desk));
	const char *user = getenv("USER");
	desk->db = db;
	desk->cfg = cfg;
	/* $USER is the login's, not typed at the desk: made harmless rather than refused */
	desk->operator_name = checked ? checked : text_sanitize(user && user[0] ? user : "desk");
	return desk;
}

struct desk *desk_open(const char *path, const char *operator_name, enum action_status *status,
                       char **cause)
{
	char *checked = operator_name != NULL ? operator_checked(operator_name, cause) : NULL;

	if (operator_name != NULL && checked == NULL) {
		*status = ACTION_BAD_INPUT;
		return NULL;
	}
	return desk_on(db_open(path, cause), checked, status, cause);
}

struct desk *desk_open_read_only(const char *path, enum action_status *status, char **cause)
{
	/* what desk_open says of a database that init has not made, without making one */
	if (access(path, F_OK) != 0) {
		*status = ACTION_BAD_INPUT;
		*cause = say("找不到数据库 %s，请先运行 frontdesk init --event event.ini "
		             "--rooms rooms.csv，或检查 --db",
		             path);
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
	status_counts_free(desk->counts);
	stays_cache_free(desk->stays);
	share_cache_free(desk->shares);
	db_close(desk->db);
	event_free(desk->cfg);
	free(desk->operator_name);
	free(desk);
}

void action_desk_status(struct desk *desk, struct desk_status *out)
{
	struct status_figures f;

	memset(out, 0, sizeof(*out));
	status_counts_get(&desk->counts, desk->db, &f);
	out->expected = f.expected;
	out->checked_in = f.checked_in;
	out->free_female = f.free_female;
	out->free_male = f.free_male;
	out->print_queued = records_count_print_queued(desk->db);
	/* written by the print pass and by export: the screen never waits on a device */
	out->printer_state = setup_get(desk->db, "printer.state");
	out->last_export = setup_get(desk->db, "export.last");
	out->cannot_write = journal_cannot_sign(desk->db, desk->cfg->desk_id);
}

void action_desk_status_release(struct desk_status *out)
{
	free(out->printer_state);
	free(out->last_export);
	free(out->cannot_write);
	memset(out, 0, sizeof(*out));
}

unsigned long action_data_stamp(struct desk *desk)
{
	return db_change_stamp(desk->db);
}

void action_desk_checkpoint_when_idle(struct desk *desk)
{
	db_defer_checkpoints(desk->db);
}

bool action_desk_idle(struct desk *desk)
{
	return db_checkpoint_if_due(desk->db);
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

enum action_status action_set_operator(struct desk *desk, const char *name, char **message)
{
	char *cause = NULL;
	char *trimmed = operator_checked(name, message);

	if (trimmed == NULL) {
		return ACTION_BAD_INPUT;
	}
	if (!records_set_operator(desk->db, trimmed, &cause)) {
		free(trimmed);
		*message = cause;
		return ACTION_FAILED;
	}
	free(desk->operator_name);
	desk->operator_name = trimmed;
	*message = say("值班人：%s。此后的记录都记在此名下", trimmed);
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

/* What a refused PIN left undone, for each supervisor action (a msgid). */
static const char *not_done(const char *action)
{
	if (strcmp(action, "export") == 0) {
		return N_("未导出");
	}
	if (strcmp(action, "merge") == 0) {
		return N_("未合并");
	}
	return N_("未做任何改动");
}

/* refusal_text in language lang (say_in); the last try before the lock has its own words. */
static char *refusal_in(const char *action, const struct supervisor_answer *a, int lang)
{
	const char *undone = say_in(lang, not_done(action));

	if (a->verdict == SUPERVISOR_LOCKED) {
		return xasprintf(
		    say_in(lang, "主管操作已锁定（连续 %d 次密码错误），%s；请在 %s 之后再试"),
		    PINGUARD_MAX_FAILURES, undone, a->locked_until);
	}
	if (a->attempts_left == 1) {
		return xasprintf(say_in(lang, "主管密码不对，%s；再错 1 次将锁定主管操作 %d 分钟"),
		                 undone, PINGUARD_LOCK_SECONDS / 60);
	}
	return xasprintf(say_in(lang, "主管密码不对，%s；再错 %d 次将锁定主管操作 %d 分钟"), undone,
	                 a->attempts_left, PINGUARD_LOCK_SECONDS / 60);
}

static char *refusal_text(const char *action, const struct supervisor_answer *a)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = refusal_in(action, a, i);
	}
	return say_join(texts);
}

enum action_status action_supervisor_check(struct desk *desk, const char *action, const char *pin,
                                           char **message)
{
	char now[32];
	struct supervisor_answer answer;

	*message = NULL;
	journal_now(now);
	struct supervisor_try t = {desk->operator_name, action, now};
	if (!supervisor_check(desk->db, pin ? pin : "", &t, &answer, message)) {
		return ACTION_FAILED;
	}
	if (answer.verdict == SUPERVISOR_PASSED) {
		return ACTION_OK;
	}
	if (answer.delay_ms > 0) {
		/* the count is stored already: this only slows the next guess down */
		struct timespec wait = {answer.delay_ms / 1000,
		                        (answer.delay_ms % 1000) * 1000000L};
		nanosleep(&wait, NULL);
	}
	*message = refusal_text(action, &answer);
	return ACTION_REFUSED;
}
