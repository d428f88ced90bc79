/*
 * `frontdesk report attendance` and `frontdesk report certificates`: who
 * attended which session, and who qualifies for the certificates and why not
 * (docs/sessions.md). Called from cmd_report.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/actions/certificates.h"
#include "frontdesk/say.h"

/* The stable code of why a session was missed (JSON "why"). */
static const char *absence_code(const struct attend_judgement *j)
{
	static const char *const codes[] = {
	    [ABSENCE_NONE] = "ATTENDED",           [ABSENCE_NO_SIGN_IN] = "NO_SIGN_IN",
	    [ABSENCE_TOO_LATE] = "TOO_LATE",       [ABSENCE_LEFT_EARLY] = "LEFT_EARLY",
	    [ABSENCE_NO_SIGN_OUT] = "NO_SIGN_OUT",
	};

	return j->excused ? "EXCUSED" : codes[j->absence];
}

static void json_rule(struct json *j, const struct attendance_report *r)
{
	json_key(j, "rule");
	json_object_begin(j);
	json_kv_int(j, "late_grace", r->settings.late_grace);
	json_kv_int(j, "absent_percent", r->settings.absent_percent);
	json_kv_bool(j, "excused_counts", r->settings.excused_counts);
	json_object_end(j);
}

/* "missed": the required sessions not satisfied; "late": sessions attended late. */
static void json_sessions_of(struct json *j, const struct attendance_report *r,
                             const struct certificate_row *row)
{
	const struct programme *p = r->programme;

	json_key(j, "missed");
	json_array_begin(j);
	for (size_t s = 0; s < p->n; s++) {
		const struct attend_judgement *jd = &row->judgements[s];
		if (p->sessions[s].required && !jd->satisfied) {
			json_object_begin(j);
			json_kv_string(j, "session", p->sessions[s].id);
			json_kv_string(j, "why", absence_code(jd));
			json_kv_int(j, "late_minutes", jd->late_minutes);
			json_kv_int(j, "early_minutes", jd->early_minutes);
			json_object_end(j);
		}
	}
	json_array_end(j);
	json_key(j, "late");
	json_array_begin(j);
	for (size_t s = 0; s < p->n; s++) {
		const struct attend_judgement *jd = &row->judgements[s];
		if (jd->attended && (jd->late_minutes > 0 || jd->early_minutes > 0)) {
			json_object_begin(j);
			json_kv_string(j, "session", p->sessions[s].id);
			json_kv_int(j, "minutes", jd->late_minutes);
			json_kv_int(j, "early_minutes", jd->early_minutes);
			json_object_end(j);
		}
	}
	json_array_end(j);
}

static void json_certificates(const struct attendance_report *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_rule(&j, r);
	json_kv_int(&j, "eligible", r->eligible);
	json_kv_int(&j, "total", (long)r->n);
	json_key(&j, "certificates");
	json_array_begin(&j);
	for (size_t i = 0; i < r->n; i++) {
		const struct certificate_row *row = &r->rows[i];
		json_object_begin(&j);
		json_kv_string(&j, "reg_no", row->reg_no);
		json_kv_string(&j, "name", row->name);
		json_kv_bool(&j, "eligible", row->summary.eligible);
		json_key(&j, "hours");
		json_tenths(&j, row->summary.hours_tenths);
		json_sessions_of(&j, r, row);
		json_key(&j, "reasons");
		json_array_begin(&j);
		for (size_t k = 0; k < row->n_reasons; k++) {
			json_string(&j, row->reasons[k]);
		}
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static void json_attendance(const struct attendance_report *r)
{
	const struct programme *p = r->programme;
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_rule(&j, r);
	json_key(&j, "sessions");
	json_array_begin(&j);
	for (size_t s = 0; s < p->n; s++) {
		json_string(&j, p->sessions[s].id);
	}
	json_array_end(&j);
	json_key(&j, "people");
	json_array_begin(&j);
	for (size_t i = 0; i < r->n; i++) {
		const struct certificate_row *row = &r->rows[i];
		json_object_begin(&j);
		json_kv_string(&j, "reg_no", row->reg_no);
		json_kv_string(&j, "name", row->name);
		json_key(&j, "hours");
		json_tenths(&j, row->summary.hours_tenths);
		json_kv_int(&j, "missed", row->summary.missed);
		json_kv_int(&j, "late", row->summary.late);
		json_kv_int(&j, "left_early", row->summary.left_early);
		json_kv_int(&j, "excused", row->summary.excused);
		json_key(&j, "cells");
		json_object_begin(&j);
		for (size_t s = 0; s < p->n; s++) {
			json_kv_string(&j, p->sessions[s].id, absence_code(&row->judgements[s]));
		}
		json_object_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static void print_certificates(const struct attendance_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct certificate_row *row = &r->rows[i];
		char hours[16];
		programme_format_hours(row->summary.hours_tenths, hours);
		char *verdict = say_text(row->summary.eligible ? "合格" : "不合格");
		cli_printf("%s %s  %s  %s\n", row->reg_no, row->name, hours, verdict);
		free(verdict);
		for (size_t k = 0; k < row->n_reasons; k++) {
			cli_printf("    %s\n", row->reasons[k]);
		}
	}
	cli_sayf("合格 %d 人，共 %zu 人", r->eligible, r->n);
}

static void print_attendance(const struct attendance_report *r)
{
	const struct programme *p = r->programme;

	for (size_t i = 0; i < r->n; i++) {
		const struct certificate_row *row = &r->rows[i];
		char hours[16];
		programme_format_hours(row->summary.hours_tenths, hours);
		cli_printf("%s %s  %s:", row->reg_no, row->name, hours);
		for (size_t s = 0; s < p->n; s++) {
			char *cell = action_attendance_cell(&row->judgements[s]);
			cli_printf(" %s=%s", p->sessions[s].id, cell);
			free(cell);
		}
		cli_printf("\n");
	}
}

int cli_report_sessions(const struct cli *cli, struct desk *desk, bool certificates)
{
	struct attendance_report r;
	enum action_status status = action_attendance_report(desk, &r);

	if (r.programme->n == 0 && !cli->json) {
		cli_sayf("还没有课程表：请用 frontdesk import --sessions sessions.csv 导入");
	} else if (certificates) {
		cli->json ? json_certificates(&r) : print_certificates(&r);
	} else {
		cli->json ? json_attendance(&r) : print_attendance(&r);
	}
	action_attendance_report_release(&r);
	return (int)status;
}
