/*
 * replay: rebuilds the derived tables from the whole journal. Private to
 * src/actions (merge.c calls it inside its transaction). replay.c also
 * reads the recorded conflicts back (action_report_conflicts, actions/merge.h).
 */
#ifndef FRONTDESK_ACTIONS_REPLAY_H
#define FRONTDESK_ACTIONS_REPLAY_H

#include <stdbool.h>

struct desk;

/*
 * Clears check-ins, rejections, on-site payments, stays, walk-ins and conflicts, then
 * applies every journal entry in replay order (sync_load_replay), resolving
 * conflicts by the rules of frontdesk/conflict.h and recording them. Inside the
 * caller's transaction. False with *cause on a database error.
 */
bool replay_journal(struct desk *desk, char **cause);

#endif
