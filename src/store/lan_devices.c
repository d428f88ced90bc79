/*
 * lan_devices keeps each desk's Syncthing device ID (issue 17): written by
 * `frontdesk desks` on the prepared database, so every copy knows every
 * desk's device and nobody types one at the venue. Settings rows
 * "lan.device.<desk>"; a device ID is public (it is a certificate's hash).
 */
#include "frontdesk/lanlog.h"

#include <stdlib.h>

#include "db_private.h"
#include "frontdesk/xmalloc.h"

bool lan_device_set(struct db *db, const char *desk, const char *device, char **cause)
{
	sqlite3_stmt *s =
	    db_prepare(db, "INSERT INTO setting (key, value) VALUES ('lan.device.' || "
	                   "?1, ?2) ON CONFLICT (key) DO UPDATE SET value = "
	                   "excluded.value");
	bool ok;

	db_bind_text(s, 1, desk);
	db_bind_text(s, 2, device);
	ok = sqlite3_step(s) == SQLITE_DONE;
	if (!ok) {
		*cause = db_error(db, "保存 Syncthing 设备号", "storing a Syncthing device ID");
	}
	sqlite3_finalize(s);
	return ok;
}

char *lan_device_of(struct db *db, const char *desk)
{
	sqlite3_stmt *s =
	    db_prepare(db, "SELECT value FROM setting WHERE key = 'lan.device.' || ?1");
	char *device = NULL;

	db_bind_text(s, 1, desk);
	if (sqlite3_step(s) == SQLITE_ROW) {
		device = db_column_strdup(s, 0);
	}
	sqlite3_finalize(s);
	return device;
}

char **lan_desk_ids(struct db *db, size_t *n)
{
	sqlite3_stmt *s = db_prepare(db, "SELECT id FROM desk ORDER BY position");
	char **ids = NULL;

	*n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ids = xreallocarray(ids, *n + 1, sizeof(*ids));
		ids[(*n)++] = db_column_strdup(s, 0);
	}
	sqlite3_finalize(s);
	return ids;
}
