/*
 * actions/certificates (src/actions/certificates.c): who attended what, and
 * who qualifies for the certificates and why not (report attendance, report
 * certificates, the end-of-day export; docs/sessions.md).
 */
#ifndef FRONTDESK_ACTIONS_CERTIFICATES_H
#define FRONTDESK_ACTIONS_CERTIFICATES_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/attendance.h"
#include "frontdesk/programme.h"

/* One person over the programme, for the reports. */
struct certificate_row {
	char *reg_no;
	char *name;
	char *organisation;
	struct attend_summary summary;
	struct attend_judgement *judgements; /* one per session of the report */
	char **reasons;                      /* why not eligible, and lateness: said */
	size_t n_reasons;
};

/* One session over everyone in the report. */
struct session_tally {
	int attended;   /* counted as attended (late ones included) */
	int late;       /* attended, but late */
	int left_early; /* attended, but left before the end */
	int excused;    /* missed with an excused absence */
	int missed;     /* not attended (yet), excuses included */
};

struct attendance_report {
	struct programme *programme;
	struct attend_settings settings;
	struct certificate_row *rows;  /* by reg_no */
	struct session_tally *tallies; /* one per session of programme */
	size_t n;
	int eligible; /* how many qualify */
};

/*
 * report attendance / report certificates: every expected person (and anyone
 * else with a record) judged on every session by attendance.h. Release with
 * action_attendance_report_release.
 */
enum action_status action_attendance_report(struct desk *desk, struct attendance_report *out);
void action_attendance_report_release(struct attendance_report *out);

/* The cell of the attendance matrix for judgement j (said; the caller frees it). */
char *action_attendance_cell(const struct attend_judgement *j);

#endif
