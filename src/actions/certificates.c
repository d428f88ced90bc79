/*
 * certificates judges every person on every session of the programme
 * (attendance.h) and words why someone does not qualify: the session, and
 * what happened (never came, late by how much, left how early, no sign-out,
 * excused but the event does not count excuses). The same report feeds
 * `report attendance`, `report certificates` and the export, so the hours on
 * the certificates are the hours the desks recorded.
 */
#include "frontdesk/actions/certificates.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/sessions.h"
#include "frontdesk/xmalloc.h"

/* Why a required session is missed, in words (the session named first). */
static char *missed_reason(const struct session *s, const struct attend_judgement *j,
                           const char *excuse)
{
	if (j->excused) {
		return say("缺必修课 %s“%s”：请假（%s），按本次活动设置请假不计为出席", s->id,
		           s->title, excuse ? excuse : "");
	}
	switch (j->absence) {
	case ABSENCE_TOO_LATE:
		return say("缺必修课 %s“%s”：迟到 %d 分钟，超过本场时长一半，按缺席计", s->id,
		           s->title, j->late_minutes);
	case ABSENCE_LEFT_EARLY:
		return say("缺必修课 %s“%s”：早退 %d 分钟，超过本场时长一半，按缺席计", s->id,
		           s->title, j->early_minutes);
	case ABSENCE_NO_SIGN_OUT:
		return say("缺必修课 %s“%s”：没有签退", s->id, s->title);
	case ABSENCE_NO_SIGN_IN:
	case ABSENCE_NONE:
		break;
	}
	return say("缺必修课 %s“%s”：没有签到", s->id, s->title);
}

/* A note about a session attended late or left early (not a reason to refuse). */
static char *attended_note(const struct session *s, const struct attend_judgement *j)
{
	if (j->late_minutes > 0 && j->early_minutes > 0) {
		return say("%s“%s”：迟到 %d 分钟，早退 %d 分钟", s->id, s->title, j->late_minutes,
		           j->early_minutes);
	}
	if (j->late_minutes > 0) {
		return say("%s“%s”：迟到 %d 分钟", s->id, s->title, j->late_minutes);
	}
	return say("%s“%s”：早退 %d 分钟", s->id, s->title, j->early_minutes);
}

static void add_reason(struct certificate_row *row, char *text)
{
	row->reasons = xreallocarray(row->reasons, row->n_reasons + 1, sizeof(char *));
	row->reasons[row->n_reasons++] = text;
}

/* Words the reasons of one person: the required sessions missed, then lateness. */
static void word_reasons(struct desk *desk, const struct programme *p, long attendee_id,
                         struct certificate_row *row)
{
	for (size_t s = 0; s < p->n; s++) {
		const struct attend_judgement *j = &row->judgements[s];
		if (p->sessions[s].required && !j->satisfied) {
			char *excuse = j->excused ? sessions_excuse_reason(desk->db, attendee_id,
			                                                   p->sessions[s].id)
			                          : NULL;
			add_reason(row, missed_reason(&p->sessions[s], j, excuse));
			free(excuse);
		}
	}
	for (size_t s = 0; s < p->n; s++) {
		const struct attend_judgement *j = &row->judgements[s];
		if (j->attended && (j->late_minutes > 0 || j->early_minutes > 0)) {
			add_reason(row, attended_note(&p->sessions[s], j));
		}
	}
}

/* Adds one person's judgements to the sessions' tallies. */
static void tally(struct session_tally *t, const struct attend_judgement *j, size_t n)
{
	for (size_t s = 0; s < n; s++) {
		t[s].attended += j[s].attended;
		t[s].late += j[s].attended && j[s].late_minutes > 0;
		t[s].left_early += j[s].attended && j[s].early_minutes > 0;
		t[s].excused += j[s].excused;
		t[s].missed += !j[s].attended;
	}
}

enum action_status action_attendance_report(struct desk *desk, struct attendance_report *out)
{
	struct sessions_person *people = NULL;
	struct attend_record *records = NULL;

	memset(out, 0, sizeof(*out));
	out->settings = desk->cfg->sessions;
	out->programme = sessions_load(desk->db);
	const struct programme *p = out->programme;
	out->n = sessions_load_matrix(desk->db, p, &people, &records);
	out->rows = xcalloc(out->n ? out->n : 1, sizeof(*out->rows));
	out->tallies = xcalloc(p->n ? p->n : 1, sizeof(*out->tallies));
	for (size_t i = 0; i < out->n; i++) {
		struct certificate_row *row = &out->rows[i];
		long id = people[i].id;
		row->reg_no = people[i].reg_no;
		row->name = people[i].name;
		row->organisation = people[i].organisation;
		people[i] = (struct sessions_person){0};
		row->judgements = xcalloc(p->n ? p->n : 1, sizeof(*row->judgements));
		for (size_t s = 0; s < p->n; s++) {
			attend_judge(&p->sessions[s], &out->settings, &records[i * p->n + s],
			             &row->judgements[s]);
		}
		attend_summarise(p->sessions, row->judgements, p->n, &row->summary);
		tally(out->tallies, row->judgements, p->n);
		out->eligible += row->summary.eligible;
		if (!row->summary.eligible || row->summary.late || row->summary.left_early) {
			word_reasons(desk, p, id, row);
		}
	}
	sessions_people_free(people, out->n);
	free(records);
	return ACTION_OK;
}

void action_attendance_report_release(struct attendance_report *out)
{
	for (size_t i = 0; i < out->n; i++) {
		struct certificate_row *row = &out->rows[i];
		free(row->reg_no);
		free(row->name);
		free(row->organisation);
		free(row->judgements);
		for (size_t r = 0; r < row->n_reasons; r++) {
			free(row->reasons[r]);
		}
		free(row->reasons);
	}
	free(out->rows);
	free(out->tallies);
	programme_free(out->programme);
	memset(out, 0, sizeof(*out));
}

char *action_attendance_cell(const struct attend_judgement *j)
{
	if (j->attended && j->late_minutes > 0 && j->early_minutes > 0) {
		return say("迟到%d 早退%d", j->late_minutes, j->early_minutes);
	}
	if (j->attended && j->late_minutes > 0) {
		return say("迟到%d", j->late_minutes);
	}
	if (j->attended && j->early_minutes > 0) {
		return say("早退%d", j->early_minutes);
	}
	if (j->attended) {
		return say("出席");
	}
	if (j->excused) {
		return say("请假");
	}
	switch (j->absence) {
	case ABSENCE_TOO_LATE:
		return say("缺（迟到%d）", j->late_minutes);
	case ABSENCE_LEFT_EARLY:
		return say("缺（早退%d）", j->early_minutes);
	case ABSENCE_NO_SIGN_OUT:
		return say("缺（未签退）");
	default:
		return say("缺");
	}
}
