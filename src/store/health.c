/*
 * health: the doctor's look at a database file (health.h). It uses its own
 * read-only connection rather than db_open: db_open migrates and aborts on a
 * statement that cannot be prepared, and a damaged file must produce an
 * answer instead.
 */
#include "frontdesk/health.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

/* Runs sql and returns its first row's first column as text (the caller frees it), or NULL. */
static char *first_text(sqlite3 *handle, const char *sql, const char *arg, bool *failed)
{
	sqlite3_stmt *stmt = NULL;
	char *text = NULL;

	if (sqlite3_prepare_v2(handle, sql, -1, &stmt, NULL) != SQLITE_OK) {
		*failed = true;
		return NULL;
	}
	if (arg != NULL) {
		sqlite3_bind_text(stmt, 1, arg, -1, SQLITE_TRANSIENT);
	}
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		text = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*failed = true;
	}
	sqlite3_finalize(stmt);
	return text;
}

static void read_facts(sqlite3 *handle, struct db_health *out)
{
	bool failed = false;
	char *version = first_text(handle, "PRAGMA user_version", NULL, &failed);

	out->schema_version = version && !failed ? (int)strtol(version, NULL, 10) : -1;
	free(version);
	out->last_entry_at = first_text(handle, "SELECT max(at) FROM journal", NULL, &failed);
	out->desk_id =
	    first_text(handle, "SELECT value FROM setting WHERE key = 'desk.id'", NULL, &failed);
	if (out->desk_id != NULL) {
		char *n =
		    first_text(handle, "SELECT count(*) FROM merge_log WHERE bundle_desk = ?1",
		               out->desk_id, &failed);
		out->own_id_merged = n ? strtol(n, NULL, 10) : 0;
		free(n);
	}
}

/*
 * The first finding of an integrity_check report, on one line: the report
 * starts with a "*** in database main ***" header and may run to a hundred lines.
 */
static char *first_finding(const char *report)
{
	const char *line = report;

	while (strncmp(line, "***", 3) == 0 && strchr(line, '\n') != NULL) {
		line = strchr(line, '\n') + 1;
	}
	return xstrndup(line, strcspn(line, "\n"));
}

void db_health_check(const char *path, struct db_health *out)
{
	sqlite3 *handle = NULL;
	bool failed = false;

	memset(out, 0, sizeof(*out));
	out->schema_version = -1;
	if (sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		out->problem = xstrdup(handle ? sqlite3_errmsg(handle) : "out of memory");
		sqlite3_close(handle);
		return;
	}
	sqlite3_busy_timeout(handle, 5000);
	char *verdict = first_text(handle, "PRAGMA integrity_check", NULL, &failed);
	out->opened = verdict != NULL || !failed;
	out->integrity_ok = !failed && verdict != NULL && strcmp(verdict, "ok") == 0;
	if (!out->integrity_ok) {
		out->problem = verdict ? first_finding(verdict) : xstrdup(sqlite3_errmsg(handle));
	}
	free(verdict);
	if (out->integrity_ok) {
		read_facts(handle, out);
	}
	sqlite3_close(handle);
}

void db_health_release(struct db_health *h)
{
	free(h->problem);
	free(h->last_entry_at);
	free(h->desk_id);
	memset(h, 0, sizeof(*h));
}
