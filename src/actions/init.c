/*
 * init validates event.ini and rooms.csv completely before the database file
 * is even created, so a typo in either leaves nothing behind to clean up.
 */
#include "frontdesk/actions/init.h"

#include <stdlib.h>

#include "files.h"
#include "frontdesk/roomlist.h"
#include "frontdesk/setup.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

static char *digest_both(const char *a, size_t alen, const char *b, size_t blen)
{
	char ha[65], hb[65];

	files_sha256_hex(a, alen, ha);
	files_sha256_hex(b, blen, hb);
	return xasprintf("%s %s", ha, hb);
}

enum action_status action_init(const char *db_path, const char *event_path, const char *rooms_path,
                               struct diag_list *errs, char **cause)
{
	size_t ini_len = 0, rooms_len = 0;
	char *ini = files_read(event_path, &ini_len, cause);
	char *rooms_raw = ini ? files_read(rooms_path, &rooms_len, cause) : NULL;
	enum action_status status = ACTION_BAD_INPUT;

	if (rooms_raw == NULL) {
		free(ini);
		return ACTION_BAD_INPUT;
	}
	struct event_config *cfg = event_parse(ini, errs);
	struct room_list *rooms =
	    cfg ? roomlist_parse(rooms_raw, rooms_len, cfg->primary_hotel, errs) : NULL;
	if (cfg != NULL && rooms != NULL && errs->n == 0) {
		struct db *db = db_open(db_path, cause);
		char *source = xasprintf("%s %s", event_path, rooms_path);
		char *sha = digest_both(ini, ini_len, rooms_raw, rooms_len);
		status = db == NULL                                       ? ACTION_FAILED
		         : setup_init(db, cfg, rooms, source, sha, cause) ? ACTION_OK
		                                                          : ACTION_REFUSED;
		db_close(db);
		free(source);
		free(sha);
	}
	roomlist_free(rooms);
	event_free(cfg);
	free(ini);
	free(rooms_raw);
	return status;
}
