/*
 * actions/lan (src/actions/lan.c): the desks in step on the lobby LAN
 * (issue 17; docs/merge.md "On the LAN"). Each desk appends its journal to
 * its own log (frontdesk/lanlog.h); the other desks' logs arrive beside it
 * (Syncthing, or any shared folder) and a pull merges what is new in them,
 * checked as a stick's bundle is (sync_check_entries) and merged by the same
 * idempotent merge: a stick brought later adds nothing already pulled.
 */
#ifndef FRONTDESK_ACTIONS_LAN_H
#define FRONTDESK_ACTIONS_LAN_H

#include <stdbool.h>
#include <time.h>

#include "frontdesk/actions/desk.h"

/* What a desk remembers between pulls: where it stopped in each peer's log. */
struct lan_state;

/* Returns a fresh state (every log is read from its start at the first pull). */
struct lan_state *lan_state_new(void);
/* Frees st; NULL is a no-op. */
void lan_state_free(struct lan_state *st);

struct lan_pull_result {
	int logs;           /* peer logs found */
	long new_entries;   /* entries added to the journal */
	bool full_replay;   /* the new entries needed the whole journal replayed */
	char *refused_log;  /* the desk whose log was refused (its new lines), or NULL */
	char *refused_desk; /* the entry refused, as a merge names it */
	long refused_seq;
	int refused_line; /* its line in that log */
	char *message;    /* said: what came in, or what was refused and what to do */
};

/*
 * lan pull: reads the complete new lines of every peer log under this
 * desk's LAN folder (lanlog_root: "<event>-<desk>" folders other than its
 * own), checks each log's new entries as a merge checks a bundle, and adds
 * those of every log that passes, in one transaction; a log that does not
 * pass is named and nothing of it is taken (the others still are). The new
 * entries are applied alone when they all fall after everything here in the
 * replay order (sync_tail_applies_alone), else the whole journal is
 * replayed. Also appends this desk's own log if it was short (lanlog_flush).
 * Returns ACTION_OK (also when nothing was new), ACTION_REFUSED when a log
 * was refused (out->refused_*), ACTION_FAILED on a database or I/O error.
 * Release out with action_lan_pull_release.
 */
enum action_status action_lan_pull(struct desk *desk, struct lan_state *st,
                                   struct lan_pull_result *out);
void action_lan_pull_release(struct lan_pull_result *out);

/* Whether any peer log changed since the last pull (a stat per log: cheap to poll). */
bool action_lan_changed(struct desk *desk, struct lan_state *st);

/* The status line's LAN figures. */
struct lan_status {
	int desks;       /* the event's desks (0: not prepared for several) */
	int in_step;     /* this desk and the peers whose log was read to its end, unrefused */
	long oldest_age; /* seconds since the latest entry merged of the peer heard of least */
	bool heard_all;  /* every peer has an entry here (else oldest_age is of those heard) */
};

/* Fills out from the journal and st (st may be NULL: no pull yet). */
void action_lan_status(struct desk *desk, const struct lan_state *st, struct lan_status *out);

/* This desk's Syncthing, while it runs. */
struct syncthing_child;

/*
 * Starts this desk's own Syncthing (private home <database folder>/syncthing,
 * config written by frontdesk each time: syncthing_config.h) when the desk
 * has its identity (installed by desk-id --key) and syncthing is installed.
 * NULL otherwise, with *message (the caller frees it) saying why when
 * something failed, NULL when there is simply nothing to start.
 */
struct syncthing_child *action_lan_start(struct desk *desk, char **message);
/* Stops it; NULL is a no-op. */
void action_lan_stop(struct syncthing_child *child);

#endif
