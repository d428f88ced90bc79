/*
 * actions/sessions (src/actions/sessions.c): the programme of the training
 * days (docs/sessions.md): importing sessions.csv and listing it. The door's
 * scans are actions/attend.h, the reports actions/certificates.h.
 */
#ifndef FRONTDESK_ACTIONS_SESSIONS_H
#define FRONTDESK_ACTIONS_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/diag.h"
#include "frontdesk/programme.h"

struct sessions_import {
	int added;
	int updated;
	int unchanged;
	int removed;
	int n_sessions;          /* the programme now */
	struct diag_list errors; /* bad rows: when any, nothing was imported */
};

/*
 * import --sessions: validates path (sessions.csv) and merges it into the
 * stored programme by session id, in one transaction. Any error in the file
 * leaves the database unchanged (ACTION_BAD_INPUT, out->errors); *cause says
 * why the file could not be read or the database failed. Release out with
 * action_sessions_import_release.
 */
enum action_status action_import_sessions(struct desk *desk, const char *path,
                                          struct sessions_import *out, char **cause);
void action_sessions_import_release(struct sessions_import *out);

/* The stored programme in time order (the caller frees it with programme_free). */
struct programme *action_sessions(struct desk *desk);

#endif
