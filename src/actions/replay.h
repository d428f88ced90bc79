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

/*
 * Applies only the entries stored after mark (sync_journal_mark) on the rows
 * as they are, when sync_tail_applies_alone(mark) said it gives what
 * replay_journal would: the earlier entries about the same subjects are read
 * to know what stands, and only the new entries' subjects' stays are
 * rewritten. When a new check-in is one an earlier undo was waiting for, it
 * runs replay_journal instead and sets *whole. Inside the caller's
 * transaction. False with *cause.
 */
bool replay_journal_tail(struct desk *desk, long mark, bool *whole, char **cause);

#endif
