/*
 * health: what `frontdesk doctor` asks of a database file (issue 19), read
 * without trusting it: the file is opened read-only on its own connection,
 * never created or migrated, and every statement that fails is an answer,
 * not an abort, because the file under test may be damaged.
 */
#ifndef FRONTDESK_HEALTH_H
#define FRONTDESK_HEALTH_H

#include <stdbool.h>

struct db_health {
	bool opened;         /* SQLite could open the file as a database */
	bool integrity_ok;   /* PRAGMA integrity_check said ok */
	char *problem;       /* the first line integrity_check or SQLite gave otherwise, or NULL */
	int schema_version;  /* PRAGMA user_version (-1 when unreadable) */
	char *last_entry_at; /* the latest journal entry's time, or NULL when none */
	char *desk_id;       /* this copy's desk id (setting desk.id), or NULL */
	long own_id_merged;  /* bundles merged in that came from a desk with this copy's id */
};

/*
 * Checks the database at path (which must exist) and fills *out; release it
 * with db_health_release. Never writes.
 */
void db_health_check(const char *path, struct db_health *out);
void db_health_release(struct db_health *h);

#endif
