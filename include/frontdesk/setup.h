/*
 * setup: the event's configuration and rooms inside the database (`init`).
 * A desk copy of the database carries its event, so every command after
 * `init` needs only --db.
 */
#ifndef FRONTDESK_SETUP_H
#define FRONTDESK_SETUP_H

#include <stdbool.h>

#include "frontdesk/db.h"
#include "frontdesk/event.h"
#include "frontdesk/roomlist.h"

/* Returns true when the database holds an event (init has run). */
bool setup_is_initialised(struct db *db);

/*
 * Stores the event settings (the supervisor PIN as its Argon2id hash only)
 * and the rooms and logs the setup, in one transaction. Refuses (false,
 * bilingual *cause) when already initialised. source names the files for the
 * log; sha256 is their digest in hex.
 */
bool setup_init(struct db *db, const struct event_config *cfg, const struct room_list *rooms,
                const char *source, const char *sha256, char **cause);

/*
 * Loads the event settings; NULL with *cause when init has not run. The caller
 * frees it. Its supervisor_pin is the stored Argon2id hash, never the PIN
 * (check a PIN with supervisor_check).
 */
struct event_config *setup_load_event(struct db *db, char **cause);

/*
 * Stores a small fact about the desk for the status line ("printer.state",
 * "export.last"), in its own statement. False with *cause.
 */
bool setup_put(struct db *db, const char *key, const char *value, char **cause);

/* Returns the stored value of key (the caller frees it), or NULL. */
char *setup_get(struct db *db, const char *key);

/*
 * Returns the digests of every init and import this copy went through, in
 * order, comma-separated (the caller frees it): desks prepared from the same
 * files have the same history, which a merge relies on (actions/merge.h).
 */
char *setup_history(struct db *db);

/* Counts rooms: total, king, twin (any pointer may be NULL). */
void setup_count_rooms(struct db *db, int *total, int *king, int *twin);

#endif
