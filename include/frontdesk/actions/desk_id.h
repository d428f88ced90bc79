/*
 * actions/desk_id (src/actions/desk_id.c): giving a copy of the prepared
 * database its own desk id.
 */
#ifndef FRONTDESK_ACTIONS_DESK_ID_H
#define FRONTDESK_ACTIONS_DESK_ID_H

#include "frontdesk/actions/desk.h"

/*
 * desk-id: gives this copy of the prepared database its own desk id (DESIGN
 * section 4). Refused (ACTION_REFUSED) once the database has journal entries
 * of its own, because they are identified by (desk id, sequence); an invalid
 * id is ACTION_BAD_INPUT. On a database prepared with `frontdesk desks` the
 * id must be a named desk and key_path that desk's key file (desk-<ID>.key):
 * its event, its desk and its public half are checked, then the key is
 * installed as this copy's only one; without key_path it is ACTION_REFUSED.
 * On a database not so prepared key_path must be NULL. *message (the caller
 * frees it) says what happened.
 */
enum action_status action_desk_id(struct desk *desk, const char *id, const char *key_path,
                                  char **message);

#endif
