/*
 * store_fixture: what the store's unit tests share: a private temporary
 * directory for a database (and its -wal, -shm), and a database initialised
 * with a small event. Functions are static inline so each test uses what it
 * needs without unused-function warnings.
 */
#ifndef FRONTDESK_TESTS_STORE_FIXTURE_H
#define FRONTDESK_TESTS_STORE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_private.h" /* db_exec */
#include "frontdesk/db.h"
#include "frontdesk/event.h"
#include "frontdesk/roomlist.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"

/* Returns a new directory /tmp/frontdesk-test-NAME-XXXXXX (the caller frees it), or NULL. */
static inline char *fixture_make_dir(const char *name)
{
	char *templ = xasprintf("/tmp/frontdesk-test-%s-XXXXXX", name);

	if (mkdtemp(templ) == NULL) {
		free(templ);
		return NULL;
	}
	return templ;
}

/* Removes every file in dir (database, -wal, -shm), then dir itself; returns rmdir's result. */
static inline int fixture_remove_one(const char *path, const struct stat *st, int flag,
                                     struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Removes dir and all under it (a prepared desk's LAN log folder included). */
static inline int fixture_remove_dir(const char *dir)
{
	return nftw(dir, fixture_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Opens path and initialises it with the test event (code 2605, fees
 * 1500/1700, 350/175 a night, 2026-05-25..29, desk A, PIN 2468) and the given
 * rooms. Returns false (after printing why) when anything fails.
 */
static inline bool fixture_open_event(const char *path, const char *rooms_csv, struct db **db,
                                      struct event_config **cfg)
{
	static const char event_ini[] = "[event]\ncode = 2605\nname = 测试培训班\n"
	                                "checkin_date = 2026-05-25\nfirst_night = 2026-05-25\n"
	                                "last_night = 2026-05-29\n[fees]\nmember = 1500\n"
	                                "non_member = 1700\n[lodging]\nroom_night = 350\n"
	                                "bed_night = 175\n[desk]\nid = A\nsupervisor_pin = 2468\n";
	struct diag_list errs = DIAG_LIST_INIT;
	char *cause = NULL;

	*db = db_open(path, &cause);
	*cfg = event_parse(event_ini, &errs);
	struct room_list *rooms = roomlist_parse(rooms_csv, strlen(rooms_csv), NULL, &errs);
	bool ok = *db != NULL && *cfg != NULL && rooms != NULL && errs.n == 0 &&
	          setup_init(*db, *cfg, rooms, "event.ini", "00", &cause);
	if (!ok) {
		fprintf(stderr, "fixture: %s\n", cause ? cause : "bad event or rooms");
	}
	roomlist_free(rooms);
	diag_list_clear(&errs);
	free(cause);
	return ok;
}

/* Closes what fixture_open_event opened and removes dir; frees dir and path. Returns rmdir's. */
static inline int fixture_close_event(struct db *db, struct event_config *cfg, char *dir,
                                      char *path)
{
	db_close(db);
	event_free(cfg);
	int rc = fixture_remove_dir(dir);
	free(dir);
	free(path);
	return rc;
}

/* Runs SQL that must succeed (test set-up); fails the test with SQLite's message otherwise. */
static inline void fixture_exec(struct db *db, const char *sql)
{
	char *cause = NULL;

	if (!db_exec(db, sql, &cause)) {
		fail_msg("%s: %s", sql, cause);
	}
}

#endif
