/*
 * sessions: the store's side of the programme days (docs/sessions.md): the
 * programme as imported (table session) and the attendance the hall doors
 * recorded (table attendance, desk-owned, rebuilt from the journal by a
 * merge). Writes run inside the caller's transaction.
 */
#ifndef FRONTDESK_SESSIONS_H
#define FRONTDESK_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/attendance.h"
#include "frontdesk/db.h"
#include "frontdesk/programme.h"

struct sessions_merge {
	int added;
	int updated;
	int unchanged;
	int removed; /* sessions of the earlier import that this file no longer lists */
};

/* Merges programme p into the stored one by id. False with *cause. */
bool sessions_save(struct db *db, const struct programme *p, struct sessions_merge *counts,
                   char **cause);

/* The stored programme in time order (free with programme_free; never NULL). */
struct programme *sessions_load(struct db *db);

/* The kinds of attendance rows. */
enum attend_row_kind { ATTEND_ROW_IN, ATTEND_ROW_OUT, ATTEND_ROW_EXCUSED };

/* "in", "out", "excused"; and back (false for anything else). */
const char *sessions_row_kind_code(enum attend_row_kind kind);
bool sessions_row_kind_parse(const char *code, enum attend_row_kind *out);

/* One attendance row as stored. */
struct attend_row {
	long attendee_id;
	const char *session_id;
	enum attend_row_kind kind;
	const char *at; /* "YYYY-MM-DD HH:MM:SS" */
	const char *desk_id;
	const char *operator_name;
	const char *reason; /* the excuse, or a supervisor's override; may be NULL */
};

/*
 * Stores row unless one of its person, session and kind is there already.
 * Returns 1 stored, 0 there already (nothing written), -1 with *cause.
 */
int sessions_add_row(struct db *db, const struct attend_row *row, char **cause);

/*
 * What is recorded about attendee_id for session_id: the times as minutes
 * (attendance.h); *in_at (may be NULL) gets the sign-in's stamp (the caller
 * frees it; NULL when none).
 */
void sessions_record_of(struct db *db, long attendee_id, const char *session_id,
                        struct attend_record *out, char **in_at);

/* Everyone the reports list: expected, or holding any attendance row, by reg_no. */
struct sessions_person {
	long id;
	char *reg_no;
	char *name;
	char *organisation;
};

/*
 * The people of the reports and, in records (n_people x n_sessions, row by
 * row, in the order of p's sessions), what is recorded about each. *records
 * and *people are the caller's: free with sessions_people_free.
 */
size_t sessions_load_matrix(struct db *db, const struct programme *p,
                            struct sessions_person **people, struct attend_record **records);
void sessions_people_free(struct sessions_person *people, size_t n);

/* The excuse recorded for attendee_id and session_id (the caller frees it), or NULL. */
char *sessions_excuse_reason(struct db *db, long attendee_id, const char *session_id);

/* Reads "YYYY-MM-DD HH:MM[:SS]" as minutes since 1970-01-01; false when it is not one. */
bool sessions_parse_stamp(const char *stamp, long *minutes);

#endif
