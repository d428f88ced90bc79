/*
 * actions/attend (src/actions/attend.c): a scan at a hall door on a training
 * day and an excused absence (docs/sessions.md). Each is one journalled
 * transaction; the rule is attendance.h's.
 */
#ifndef FRONTDESK_ACTIONS_ATTEND_H
#define FRONTDESK_ACTIONS_ATTEND_H

#include <stdbool.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/attendance.h"
#include "frontdesk/programme.h"

/* A scan at a hall door, as the staff (or the command line) give it. Strings borrowed. */
struct attend_order {
	const char *query;      /* ticket code, external code or reg_no */
	const char *session_id; /* NULL: the session open at the time (attend_pick) */
	bool sign_out;
	const char *at;     /* "HH:MM" (today), "YYYY-MM-DD HH:MM[:SS]"; NULL: now */
	const char *pin;    /* with reason: the supervisor records someone red anyway */
	const char *reason; /* why (stored in the record and its journal entry) */
};

struct attend_result {
	struct attend_decision decision;
	bool recorded;
	bool found;       /* the person was found (reg_no, name, organisation set) */
	const char *code; /* "ON_TIME", ... (attend_scan_code), "NOT_FOUND", "NO_SESSION" */
	char *reg_no;
	char *name;
	char *organisation;
	bool has_session;       /* session is set */
	struct session session; /* the session scanned for (its strings owned here) */
	char *earlier_at;       /* ALREADY: when the earlier record was made */
	char *message;          /* what happened and what to do, said */
};

/*
 * attend: records a sign-in or sign-out at a hall door in one transaction
 * with its journal entry ("attend"), as attend_decide says: ACTION_OK when
 * recorded; ACTION_REFUSED when refused or already recorded (nothing
 * written), or when the person is not found or no session is open;
 * ACTION_BAD_INPUT for an unknown session id, a bad time or a reason without
 * a PIN; ACTION_FAILED on a database error. *out is filled in every case;
 * release it with action_attend_release.
 */
enum action_status action_attend(struct desk *desk, const struct attend_order *order,
                                 struct attend_result *out);
void action_attend_release(struct attend_result *out);

/*
 * excuse: the supervisor (pin) records an excused absence (请假) of query
 * for session_id, with reason, journalled ("excuse"). ACTION_OK recorded;
 * ACTION_REFUSED for a wrong PIN, an unknown person or one already excused;
 * ACTION_BAD_INPUT for an unknown session or an empty reason. *message is
 * the caller's.
 */
enum action_status action_excuse(struct desk *desk, const char *query, const char *session_id,
                                 const char *reason, const char *pin, char **message);

#endif
