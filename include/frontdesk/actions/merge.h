/*
 * actions/merge (src/actions/merge.c; merge_find.c finds the folders and
 * replay.c reports the conflicts): the supervisor's end-of-day merge of other
 * desks' exports (DESIGN section 4; the rules in docs/merge.md). The journal
 * is the truth: a merge adds the entries it lacks and, when any were new,
 * rebuilds every check-in, rejection, on-site payment and bed by replaying
 * the whole journal in one order all desks agree on. So merging twice equals
 * merging once, and desk A merged into B equals B merged into A. Conflicts
 * are resolved by fixed rules and listed, never silent.
 */
#ifndef FRONTDESK_ACTIONS_MERGE_H
#define FRONTDESK_ACTIONS_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/diag.h"

/* One conflict a replay found and resolved by its rule (docs/merge.md). */
struct merge_conflict {
	char *kind; /* the stored code, "CHECKIN_TWICE", ... (conflict.h: conflict_parse) */
	char *reg_no;
	char *name;
	char *desk_id; /* the entry the rule acted on */
	long seq;
	char *at;
	char *other_desk; /* the entry it collided with, or NULL */
	long other_seq;
	char *other_at;
	char *room_given; /* the bed the desk gave ("hotel room, bed n"), or NULL */
	char *room_now;   /* where the person sleeps now, or NULL */
	int amount;       /* money to refund, or 0 */
};

/*
 * The conflicts the last replay found, each with what the staff should do:
 * text[i] is conflict_describe's line for items[i].
 */
struct conflict_report {
	struct merge_conflict *items;
	char **text; /* bilingual: what happened, the rule applied, what to do */
	size_t n;
};

struct merge_result {
	bool dry_run;
	char *bundle_desk;
	char *exported_at;
	long entries;     /* in the bundle */
	long new_entries; /* not in this journal before (on a dry run: would be added) */
	int checked_in_before;
	int checked_in_after;
	bool setup_differs; /* the other desk imported other files (setup_history): warned */
	struct conflict_report conflicts; /* every conflict of the merged journal */
	struct diag_list errors;          /* problems in the bundle (ACTION_BAD_INPUT) */
	char *refused_desk;               /* the entry a merge refused (ACTION_REFUSED), or NULL */
	long refused_seq;
	int refused_line; /* its line in the bundle */
	char *message;    /* bilingual: what happened and what to do next */
};

/*
 * merge: path is an export folder (its SHA256SUMS is checked first, then its
 * bundle.jsonl is read) or a bundle file. One transaction; with dry_run it is
 * rolled back and out says what would have changed. Returns ACTION_OK (also
 * when nothing was new), ACTION_BAD_INPUT for a damaged or unreadable bundle
 * (out->errors), ACTION_REFUSED for another event's bundle, a folder without
 * SHA256SUMS or whose files fail them, two desks sharing one desk id, or an
 * entry of an unknown desk, badly signed, off its desk's chain or sequence,
 * forked or out of order (sync_check_entries; out->refused_*), ACTION_FAILED
 * for a database error. Release with action_merge_release.
 */
enum action_status action_merge(struct desk *desk, const char *path, bool dry_run,
                                struct merge_result *out);
void action_merge_release(struct merge_result *out);

/*
 * report conflicts: the conflicts of the last merge that brought new entries,
 * in the order found. Always ACTION_OK (no conflicts: out->n == 0). Written by
 * replay.c, which records them, so the export's sheet needs no merge. Release
 * with action_conflicts_release.
 */
enum action_status action_report_conflicts(struct desk *desk, struct conflict_report *out);
void action_conflicts_release(struct conflict_report *out);

/* One export folder of another desk, found at the top of a removable drive. */
struct export_folder {
	char *path;  /* drive/name, what action_merge reads */
	char *name;  /* frontdesk-<event>-<desk>-<YYYYMMDD-HHMM>[-n] */
	char *desk;  /* the desk that wrote it */
	char *stamp; /* YYYYMMDD-HHMM[-n], which orders the list newest first */
	char *drive; /* the drive's mount point */
};

struct export_folder_list {
	struct export_folder *items; /* newest first */
	size_t n;
	size_t n_drives; /* removable drives looked at: 0 means no stick, not no folder */
};

/*
 * The export folders of other desks of this event on the removable drives
 * mounted now (action_export_drives; mounts_path and sys_block NULL for the
 * system's), newest first: by minute, then by the -n of a second export in
 * one minute, then by path. Only directories at the top of each drive whose
 * name parses count; this desk's own folders and those of another event are
 * left out (merging them brings nothing or is refused). Returns ACTION_OK,
 * also when nothing was found (out->n and out->n_drives say which), or
 * ACTION_FAILED with a bilingual *cause (the caller's) when the mount table
 * cannot be read. Release out with action_merge_folders_release.
 */
enum action_status action_merge_folders(struct desk *desk, const char *mounts_path,
                                        const char *sys_block, struct export_folder_list *out,
                                        char **cause);
/* Frees the folders and empties out; an empty list is a no-op. */
void action_merge_folders_release(struct export_folder_list *out);

#endif
