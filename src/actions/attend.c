/*
 * attend is the hall door's act on a training day: find the person and the
 * session, ask attendance.h what the scan means, and record it with its
 * journal entry in one transaction (or nothing at all). The door judges once,
 * when the person stands there; a merge replays the record as written
 * (replay.c), so what the door answered is what every desk keeps.
 */
#include "frontdesk/actions/attend.h"
#include "desk_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/date.h"
#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/query.h"
#include "frontdesk/rules.h"
#include "frontdesk/say.h"
#include "frontdesk/sessions.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"
#include "resolve.h"

/* Reads order->at ("HH:MM" today, or a date and time) into a stamp and minutes. */
static bool scan_time(const char *given, char stamp[32], long *minutes)
{
	char now[32];

	journal_now(now);
	if (given == NULL) {
		snprintf(stamp, 32, "%s", now);
	} else if (strlen(given) == 5 && given[2] == ':') {
		snprintf(stamp, 32, "%.10s %s:00", now, given);
	} else if ((strlen(given) == 16 || strlen(given) == 19) && given[10] != ' ' &&
	           given[10] != 'T') {
		return false;
	} else if (strlen(given) == 16) {
		snprintf(stamp, 32, "%.10s %s:00", given, given + 11);
	} else if (strlen(given) == 19) {
		snprintf(stamp, 32, "%.10s %s", given, given + 11);
	} else {
		return false;
	}
	return sessions_parse_stamp(stamp, minutes) && strlen(stamp) == 19 && stamp[16] == ':' &&
	       stamp[17] >= '0' && stamp[17] <= '5' && stamp[18] >= '0' && stamp[18] <= '9';
}

/* Copies session s into out, its strings duplicated. */
static void keep_session(struct attend_result *out, const struct session *s)
{
	out->session = *s;
	out->session.venue = xstrdup(s->venue ? s->venue : "");
	out->session.title = xstrdup(s->title ? s->title : "");
	out->has_session = true;
}

/* Finds the session of the order: the one named, or the one open now. */
static enum action_status find_session(struct desk *desk, const struct attend_order *order,
                                       long now, struct attend_result *out)
{
	struct programme *p = sessions_load(desk->db);
	enum attend_request request = order->sign_out ? ATTEND_SIGN_OUT : ATTEND_SIGN_IN;
	enum action_status status = ACTION_OK;
	long index = -1;

	for (size_t i = 0; order->session_id != NULL && i < p->n; i++) {
		if (strcmp(p->sessions[i].id, order->session_id) == 0) {
			index = (long)i;
		}
	}
	if (order->session_id != NULL && index < 0) {
		out->message = say("没有编号为 %s 的课程：请用 frontdesk sessions 查看编号",
		                   order->session_id);
		status = ACTION_BAD_INPUT;
	} else if (order->session_id == NULL) {
		index = attend_pick(p->sessions, p->n, now, &desk->cfg->sessions, request);
		if (index < 0) {
			out->message =
			    index == -1
			        ? say("现在没有正在签到的课程：请用 --session 指定课程编号"
			              "（frontdesk sessions 可查看）")
			        : say("现在有几场课程同时签到：请用 --session 指定课程编号");
			status = ACTION_REFUSED;
		}
	}
	if (index >= 0) {
		keep_session(out, &p->sessions[index]);
	}
	programme_free(p);
	if (status != ACTION_OK) {
		out->code = "NO_SESSION";
	}
	return status;
}

/* What the door says, language by language where a word is translated. */
static char *scan_message(const struct attend_result *out)
{
	const char *name = out->name, *title = out->session.title;
	const struct attend_decision *d = &out->decision;
	char start[6], end[6];

	programme_format_time(out->session.start, start);
	programme_format_time(out->session.end, end);
	switch (d->scan) {
	case SCAN_ON_TIME:
		return say("✓ %s 已签到（%s）", name, title);
	case SCAN_LATE:
		return say("%s 迟到 %d 分钟（%s），已记录", name, d->late_minutes, title);
	case SCAN_TOO_LATE:
		return say("%s 迟到 %d 分钟（%s）：已记录，但超过本场时长一半，按缺席计", name,
		           d->late_minutes, title);
	case SCAN_SIGNED_OUT:
		return say("✓ %s 已签退（%s）", name, title);
	case SCAN_LEFT_EARLY:
		return say("%s 早退 %d 分钟（%s），已记录签退", name, d->early_minutes, title);
	case SCAN_ALREADY:
		return say("%s 已签到过（%s，%s）：未重复记录", name, title,
		           out->earlier_at ? out->earlier_at : "");
	case SCAN_NOT_APPROVED:
		return say("%s 的报名未通过审核，不能记录出勤；确需记录时请主管输入 PIN 并写明原因",
		           name);
	case SCAN_NOT_CHECKED_IN:
		return say(
		    "%s 没有在酒店签到台签到：请先去签到台；确需记录时请主管输入 PIN 并写明原因",
		    name);
	case SCAN_NOT_SIGNED_IN:
		return say("%s 没有本场（%s）的签到记录，不能签退", name, title);
	case SCAN_NO_SIGN_OUT:
		return say("本场（%s）不需要签退", title);
	case SCAN_CLOSED:
		return say("现在不是“%s”（%s-%s）的签到时间：请核对课程", title, start, end);
	}
	return say("无法判断");
}

/* The sign-out's "already" says so. */
static char *already_signed_out(const struct attend_result *out)
{
	return say("%s 已签退过（%s）：未重复记录", out->name, out->session.title);
}

static void keep_person(struct attend_result *out, const struct attendee *a)
{
	out->found = true;
	out->reg_no = xstrdup(a->reg_no);
	out->name = xstrdup(a->name);
	out->organisation = a->organisation ? xstrdup(a->organisation) : NULL;
}

/* The journal entry's details: the session, in or out, and a supervisor's reason. */
static char *entry_details(const struct attend_result *out, bool sign_out, const char *reason)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "session", out->session.id);
	json_kv_string(&j, "sign", sign_out ? "out" : "in");
	if (reason != NULL) {
		json_kv_string(&j, "reason", reason);
	}
	json_object_end(&j);
	char *details = xstrdup(json_text(&j));
	json_release(&j);
	return details;
}

/* Writes the record and its journal entry; false with *cause. */
static bool write_record(struct desk *desk, const struct attendee *a, const struct attend_order *o,
                         struct attend_result *out, const char *stamp, bool override, char **cause)
{
	const char *reason = override ? o->reason : NULL;
	struct attend_row row = {
	    a->id, out->session.id,    o->sign_out ? ATTEND_ROW_OUT : ATTEND_ROW_IN,
	    stamp, desk->cfg->desk_id, desk->operator_name,
	    reason};
	char *details = entry_details(out, o->sign_out, reason);
	struct journal_entry entry = {desk->operator_name, "attend", a->reg_no, details, stamp};
	bool ok = sessions_add_row(desk->db, &row, cause) == 1 &&
	          journal_append(desk->db, &entry, cause) >= 0;

	free(details);
	return ok;
}

/* Judges and records the scan of a for the session in out, inside the transaction. */
static enum action_status judge_and_record(struct desk *desk, const struct attendee *a,
                                           const struct attend_order *o, const char *stamp,
                                           long now, bool override, struct attend_result *out)
{
	struct attend_record r;
	struct attend_person person = {rules_expected(a->status, a->withdrawn), a->checked_in};
	char *cause = NULL;

	sessions_record_of(desk->db, a->id, out->session.id, &r, &out->earlier_at);
	attend_decide(&out->session, &desk->cfg->sessions, now,
	              o->sign_out ? ATTEND_SIGN_OUT : ATTEND_SIGN_IN, &person, &r, override,
	              &out->decision);
	out->code = attend_scan_code(out->decision.scan);
	out->message = o->sign_out && out->decision.scan == SCAN_ALREADY ? already_signed_out(out)
	                                                                 : scan_message(out);
	if (!out->decision.record) {
		return ACTION_REFUSED;
	}
	if (!write_record(desk, a, o, out, stamp, override, &cause)) {
		free(out->message);
		out->message = cause;
		return ACTION_FAILED;
	}
	out->recorded = true;
	return ACTION_OK;
}

/* Checks what the order itself gives: the time, and a reason only with a PIN. */
static enum action_status check_order(const struct attend_order *o, char stamp[32], long *now,
                                      struct attend_result *out)
{
	if (!scan_time(o->at, stamp, now)) {
		out->message = say("时间“%s”不对：请写 08:30 或 2026-05-26 08:30", o->at);
		return ACTION_BAD_INPUT;
	}
	if ((o->pin != NULL) != (o->reason != NULL) ||
	    (o->reason != NULL && (o->reason[0] == '\0' || text_has_control(o->reason)))) {
		out->message = say("主管代为记录须同时给出 PIN 和原因");
		return ACTION_BAD_INPUT;
	}
	return ACTION_OK;
}

/* Finds the person; NOT_FOUND (refused) when the code or reg_no names nobody. */
static struct attendee *find_person(struct desk *desk, const char *query, struct attend_result *out)
{
	struct verdict v;
	long id = resolve_one(desk, query, &v);

	if (id < 0) {
		out->code = rules_reason_code(v.reasons[0]);
		char *texts[2] = {NULL, NULL};
		/* the reason's words are the language's own (rules_reason_in), like the message */
		for (int i = 0; i < say_langs(); i++) {
			texts[i] = xasprintf(say_in(i, "%s：%s，请核对胸牌或报名编号"),
			                     rules_reason_in(i, v.reasons[0]), query);
		}
		out->message = say_join(texts);
		return NULL;
	}
	return query_attendee(desk->db, id, &desk->cfg->fees);
}

enum action_status action_attend(struct desk *desk, const struct attend_order *order,
                                 struct attend_result *out)
{
	char stamp[32];
	long now = 0;
	char *cause = NULL;

	memset(out, 0, sizeof(*out));
	/* red until the rule answers: nobody found, no session open, bad input */
	out->decision.colour = ATTEND_RED;
	enum action_status status = check_order(order, stamp, &now, out);
	if (status == ACTION_OK && order->pin != NULL) {
		status = action_supervisor_check(desk, "attend", order->pin, &out->message);
	}
	if (status != ACTION_OK) {
		return status;
	}
	if (!db_begin(desk->db, &cause)) {
		out->message = cause;
		return ACTION_FAILED;
	}
	status = find_session(desk, order, now, out);
	struct attendee *a = status == ACTION_OK ? find_person(desk, order->query, out) : NULL;
	if (status == ACTION_OK && a == NULL) {
		status = ACTION_REFUSED;
	}
	if (a != NULL) {
		keep_person(out, a);
		status = judge_and_record(desk, a, order, stamp, now, order->pin != NULL, out);
	}
	query_attendee_free(a);
	if (status != ACTION_OK || !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		if (status == ACTION_OK) {
			free(out->message);
			out->message = cause;
			out->recorded = false;
			status = ACTION_FAILED;
		}
	}
	return status;
}

void action_attend_release(struct attend_result *out)
{
	free(out->reg_no);
	free(out->name);
	free(out->organisation);
	programme_session_clear(&out->session);
	free(out->earlier_at);
	free(out->message);
	memset(out, 0, sizeof(*out));
}

/* Records the excuse and its journal entry inside the transaction. */
static enum action_status record_excuse(struct desk *desk, const struct attendee *a,
                                        const char *session_id, const char *reason, char **message)
{
	char at[32];
	char *cause = NULL;
	struct json j = JSON_INIT;

	journal_now(at);
	struct attend_row row = {a->id, session_id,         ATTEND_ROW_EXCUSED,
	                         at,    desk->cfg->desk_id, desk->operator_name,
	                         reason};
	int added = sessions_add_row(desk->db, &row, &cause);
	if (added == 0) {
		*message = say("%s 这一场已记录过请假", a->reg_no);
		return ACTION_REFUSED;
	}
	json_object_begin(&j);
	json_kv_string(&j, "session", session_id);
	json_kv_string(&j, "reason", reason);
	json_object_end(&j);
	struct journal_entry entry = {desk->operator_name, "excuse", a->reg_no, json_text(&j), at};
	bool ok = added == 1 && journal_append(desk->db, &entry, &cause) >= 0 &&
	          db_commit(desk->db, &cause);
	json_release(&j);
	if (!ok) {
		*message = cause;
		return ACTION_FAILED;
	}
	*message = say("已记录 %s 请假（%s）：%s", a->reg_no, session_id, reason);
	return ACTION_OK;
}

/* True when session_id is in the stored programme. */
static bool session_exists(struct desk *desk, const char *session_id)
{
	struct programme *p = sessions_load(desk->db);
	bool found = false;

	for (size_t i = 0; i < p->n && !found; i++) {
		found = strcmp(p->sessions[i].id, session_id) == 0;
	}
	programme_free(p);
	return found;
}

enum action_status action_excuse(struct desk *desk, const char *query, const char *session_id,
                                 const char *reason, const char *pin, char **message)
{
	struct attend_result found = {0};

	*message = NULL;
	if (reason == NULL || reason[0] == '\0' || text_has_control(reason)) {
		*message = say("请写明请假原因");
		return ACTION_BAD_INPUT;
	}
	if (session_id == NULL || !session_exists(desk, session_id)) {
		*message = say("没有编号为 %s 的课程：请用 frontdesk sessions 查看编号",
		               session_id ? session_id : "");
		return ACTION_BAD_INPUT;
	}
	enum action_status status = action_supervisor_check(desk, "excuse", pin, message);
	if (status != ACTION_OK) {
		return status;
	}
	if (!db_begin(desk->db, message)) {
		return ACTION_FAILED;
	}
	struct attendee *a = find_person(desk, query, &found);
	if (a == NULL) {
		*message = found.message;
		found.message = NULL;
		status = ACTION_REFUSED;
	} else {
		status = record_excuse(desk, a, session_id, reason, message);
	}
	if (status != ACTION_OK) {
		db_rollback(desk->db);
	}
	query_attendee_free(a);
	action_attend_release(&found);
	return status;
}
