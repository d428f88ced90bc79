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
 * id is ACTION_BAD_INPUT. *message (the caller frees it) says what happened.
 */
enum action_status action_desk_id(struct desk *desk, const char *id, char **message);

#endif
