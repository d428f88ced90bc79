/*
 * attendance: the rules of the training days (issue 18, docs/sessions.md).
 * Which session a door is scanning for, what a scan at the door means
 * (on time, late, already recorded, refused), whether a person attended a
 * session given their sign-in, sign-out and excused absence, and from that
 * their class hours and whether they qualify for the certificates.
 *
 * Times are minutes since 1970-01-01 00:00, local (programme_start).
 */
#ifndef FRONTDESK_ATTENDANCE_H
#define FRONTDESK_ATTENDANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/programme.h"

/* event.ini [sessions] (event.h); the defaults are the issue's. */
struct attend_settings {
	int late_grace;      /* minutes after the start before a sign-in is late (10) */
	int absent_percent;  /* a sign-in later than this share of the length after the start,
	                      * or a sign-out earlier than it before the end, is an absence (50) */
	bool excused_counts; /* an excused absence (请假) still allows the certificate (no) */
	int open_before;     /* the door opens this many minutes before the start (30) */
};

#define ATTEND_SETTINGS_DEFAULT   \
	{                         \
		10, 50, false, 30 \
	}

/* What is recorded about one person and one session. */
struct attend_record {
	long in;  /* sign-in time, or -1 */
	long out; /* sign-out time, or -1 */
	bool excused;
};

#define ATTEND_RECORD_NONE    \
	{                     \
		-1, -1, false \
	}

/* Why a session counts as missed. */
enum attend_absence {
	ABSENCE_NONE,       /* attended */
	ABSENCE_NO_SIGN_IN, /* never came (or only excused) */
	ABSENCE_TOO_LATE,   /* signed in later than half the session after its start */
	ABSENCE_LEFT_EARLY, /* signed out earlier than half the session before its end */
	ABSENCE_NO_SIGN_OUT /* a sign-out session without a sign-out */
};

struct attend_judgement {
	bool attended; /* counts: its hours are earned */
	enum attend_absence absence;
	int late_minutes;  /* > 0: signed in this late (beyond the grace) */
	int early_minutes; /* > 0: signed out this long before the end */
	bool excused;      /* missed, with an excused absence recorded */
	bool satisfied;    /* attended, or excused and excused_counts */
};

/* Judges one person's record of one session. */
void attend_judge(const struct session *s, const struct attend_settings *set,
                  const struct attend_record *r, struct attend_judgement *out);

/* One person over the whole programme. */
struct attend_summary {
	int hours_tenths; /* the hours of the sessions attended */
	bool eligible;    /* every required session satisfied */
	int missed;       /* required sessions not satisfied */
	int late;         /* sessions attended late */
	int left_early;   /* sessions attended, but left before the end */
	int excused;      /* sessions missed with an excused absence */
};

/* Sums judgements[0..n) of sessions[0..n) (one per session, in the same order). */
void attend_summarise(const struct session *sessions, const struct attend_judgement *judgements,
                      size_t n, struct attend_summary *out);

/* What a scan at the door is asking for. */
enum attend_request {
	ATTEND_SIGN_IN,
	ATTEND_SIGN_OUT,
};

/*
 * Picks the session a door scans for at now: the one open then (from
 * open_before minutes before its start to its end; a sign-out from its start
 * to open_before minutes after its end, sign-out sessions only). Returns its
 * index, -1 when none is open, -2 when several are (parallel sessions: the
 * staff must choose).
 */
long attend_pick(const struct session *sessions, size_t n, long now,
                 const struct attend_settings *set, enum attend_request request);

/* The person as the door sees them. */
struct attend_person {
	bool approved;   /* approved and not withdrawn */
	bool checked_in; /* at the hotel desk */
};

enum attend_scan {
	SCAN_ON_TIME,        /* green: recorded */
	SCAN_LATE,           /* amber: recorded, late by late_minutes */
	SCAN_TOO_LATE,       /* amber: recorded, but so late it counts as absent */
	SCAN_SIGNED_OUT,     /* green: sign-out recorded */
	SCAN_LEFT_EARLY,     /* amber: sign-out recorded early_minutes before the end */
	SCAN_ALREADY,        /* amber: already recorded, nothing written */
	SCAN_NOT_APPROVED,   /* red: not approved (supervisor may record with a reason) */
	SCAN_NOT_CHECKED_IN, /* red: never checked in at the hotel desk (the same) */
	SCAN_NOT_SIGNED_IN,  /* red: a sign-out without a sign-in */
	SCAN_NO_SIGN_OUT,    /* red: this session takes no sign-out */
	SCAN_CLOSED,         /* red: the session is not open at this time */
};

enum attend_colour { ATTEND_GREEN, ATTEND_AMBER, ATTEND_RED };

struct attend_decision {
	enum attend_scan scan;
	enum attend_colour colour;
	bool record;       /* write the record */
	bool overridable;  /* red, but a supervisor may record it with a reason */
	int late_minutes;  /* SCAN_LATE, SCAN_TOO_LATE */
	int early_minutes; /* SCAN_LEFT_EARLY (and SCAN_SIGNED_OUT when 0) */
};

/*
 * Decides a scan of person p for session s at now, given what is recorded
 * already (r). override: a supervisor records a red person anyway (only
 * SCAN_NOT_APPROVED and SCAN_NOT_CHECKED_IN yield to it; the outcome is then
 * judged on time as for anyone).
 */
void attend_decide(const struct session *s, const struct attend_settings *set, long now,
                   enum attend_request request, const struct attend_person *p,
                   const struct attend_record *r, bool override, struct attend_decision *out);

/* "ON_TIME", "LATE", ...: the stable code of a scan's outcome (JSON "result"). */
const char *attend_scan_code(enum attend_scan scan);

#endif
