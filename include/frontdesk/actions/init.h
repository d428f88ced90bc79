/*
 * actions/init (src/actions/init.c): creating a desk database from the
 * organisers' event.ini and rooms.csv.
 */
#ifndef FRONTDESK_ACTIONS_INIT_H
#define FRONTDESK_ACTIONS_INIT_H

#include "frontdesk/actions/desk.h"
#include "frontdesk/diag.h"

/*
 * init: creates the database at db_path from an event.ini and a rooms.csv.
 * Returns ACTION_OK, ACTION_BAD_INPUT with the problems in the files added to
 * errs (the caller's; the database is untouched), or ACTION_FAILED with
 * *cause (the caller frees it).
 */
enum action_status action_init(const char *db_path, const char *event_path, const char *rooms_path,
                               struct diag_list *errs, char **cause);

#endif
