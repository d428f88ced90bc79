/*
 * sessions imports the programme of the training days and lists it. Like the
 * roster, the file is checked whole before anything is written, and a
 * re-import is a merge by session id (programme.h says how ids stay stable),
 * so the attendance recorded against a session survives a corrected title.
 * The import is not journalled: every desk imports the same file (or is copied
 * from a database that did), as with the roster.
 */
#include "frontdesk/actions/sessions.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "frontdesk/sessions.h"
#include "frontdesk/say.h"

enum action_status action_import_sessions(struct desk *desk, const char *path,
                                          struct sessions_import *out, char **cause)
{
	size_t len = 0;
	struct sessions_merge counts;

	memset(out, 0, sizeof(*out));
	*cause = NULL;
	char *raw = files_read(path, &len, cause);
	if (raw == NULL) {
		return ACTION_BAD_INPUT;
	}
	struct programme *p = programme_parse(raw, len, &out->errors);
	free(raw);
	if (p == NULL || out->errors.n > 0) {
		programme_free(p);
		return ACTION_BAD_INPUT;
	}
	bool ok = db_begin(desk->db, cause) && sessions_save(desk->db, p, &counts, cause) &&
	          db_commit(desk->db, cause);
	if (!ok) {
		db_rollback(desk->db);
	} else {
		out->added = counts.added;
		out->updated = counts.updated;
		out->unchanged = counts.unchanged;
		out->removed = counts.removed;
		out->n_sessions = (int)p->n;
	}
	programme_free(p);
	return ok ? ACTION_OK : ACTION_FAILED;
}

void action_sessions_import_release(struct sessions_import *out)
{
	diag_list_clear(&out->errors);
	memset(out, 0, sizeof(*out));
}

struct programme *action_sessions(struct desk *desk)
{
	return sessions_load(desk->db);
}
