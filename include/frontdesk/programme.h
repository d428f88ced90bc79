/*
 * programme: the sessions of the training days (sessions.csv, DESIGN section
 * 4, docs/sessions.md): when and where each takes place, what kind it is, its
 * class hours, whether the certificates require it and whether it takes a
 * sign-out scan. Parsing and checking only; no file is read here.
 */
#ifndef FRONTDESK_PROGRAMME_H
#define FRONTDESK_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/diag.h"

#define SESSION_ID_MAX 16

enum session_kind {
	SESSION_LECTURE,    /* 讲座 */
	SESSION_DISCUSSION, /* 研讨 */
	SESSION_VISIT,      /* 现场教学 */
};

struct session {
	char id[SESSION_ID_MAX + 1]; /* stable: the 编号 [id] column, else "MMDD-HHMM" */
	long date;                   /* day number (date.h) */
	int start;                   /* minutes after midnight */
	int end;
	char *venue;
	char *title;
	enum session_kind kind;
	int hours_tenths; /* class hours x 10: 1.5 hours is 15 */
	bool required;    /* the certificates require it */
	bool sign_out;    /* it takes a sign-out scan at the end */
	int line;         /* its line in sessions.csv (0 when not from a file) */
};

struct programme {
	struct session *sessions; /* in time order (date, start, venue) */
	size_t n;
};

/*
 * Parses the raw bytes of sessions.csv (UTF-8 or GB18030, headers in Chinese
 * or English). Every bad row goes to errs with its line and reason: a bad date
 * or time, an end not after the start, an unknown kind, hours that are not a
 * number, a yes/no cell that is neither, two sessions overlapping at one
 * venue, an id given twice. Returns the programme (free with programme_free;
 * meaningful only when errs stayed empty), or NULL when unreadable.
 */
struct programme *programme_parse(const char *raw, size_t len, struct diag_list *errs);
void programme_free(struct programme *p);
/* Frees the strings a session holds (for sessions built outside programme_parse). */
void programme_session_clear(struct session *s);

/* "lecture", "discussion", "visit" (stable codes for JSON and the store). */
const char *programme_kind_code(enum session_kind kind);
/* The Chinese word (a msgid): 讲座, 研讨, 现场教学. */
const char *programme_kind_word(enum session_kind kind);
/* Reads a kind from its Chinese word or code; false for anything else. */
bool programme_kind_parse(const char *text, enum session_kind *out);

/* Reads "8:30", "08:30" or "0830" as minutes after midnight; false otherwise. */
bool programme_parse_time(const char *text, int *minutes);
/* Writes minutes after midnight as "HH:MM". */
void programme_format_time(int minutes, char out[6]);
/* Reads "3", "1.5": a positive number of hours with at most one decimal, up to 24. */
bool programme_parse_hours(const char *text, int *tenths);
/* Writes tenths of an hour as "3" or "1.5". */
void programme_format_hours(int tenths, char out[16]);

/* A session's start and end as minutes since 1970-01-01 00:00 (day * 1440 + minutes). */
long programme_start(const struct session *s);
long programme_end(const struct session *s);

#endif
