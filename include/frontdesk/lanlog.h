/*
 * lanlog: each desk's append-only log for the lobby LAN (issue 17,
 * docs/merge.md "On the LAN"). Every journal entry this desk writes is also
 * appended, as a bundle line (export.md: version 2, with prev and sig), to
 *
 *     <database folder>/lan/<event>-<desk>/journal.jsonl
 *
 * a folder only this desk writes; the other desks' folders sit beside it
 * (received by Syncthing, or any shared folder) and are read with
 * lanlog_read. The first line of a log is a header
 * {"format":"frontdesk-log","version":2,"event":"2605","desk":"A"}.
 */
#ifndef FRONTDESK_LANLOG_H
#define FRONTDESK_LANLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "frontdesk/db.h"
#include "frontdesk/diag.h"
#include "frontdesk/sync.h"

#define LANLOG_FILE   "journal.jsonl"
#define LANLOG_FORMAT "frontdesk-log"

/* Returns "<folder of db's file>/lan", where every desk's log folder lives (caller frees). */
char *lanlog_root(struct db *db);

/* Returns "<event>-<desk>", the name of a desk's log folder (caller frees). */
char *lanlog_folder_name(const char *event, const char *desk);

/*
 * Appends to this desk's log every entry of its own that the log lacks,
 * fsyncs it (and its folder when new), outside any transaction: db_commit
 * calls it after a commit that journalled, desk_open once at start, so a log
 * missing or short (a crash between the commit and the append) is rebuilt
 * from the journal. A line cut short by a crash is cut off first. Does
 * nothing on a database never prepared with `frontdesk desks`. False with
 * *cause (the caller's) on an I/O error, or when the log holds entries the
 * journal lacks (a database restored from an older copy: writing on would
 * fork the desk's chain).
 */
bool lanlog_flush(struct db *db, char **cause);

/* Where a reader stopped in a peer's log: after its last complete line. */
struct lanlog_cursor {
	off_t offset; /* bytes read (0: the header is next) */
	int line;     /* lines read */
	char *event;  /* the log's event and desk, from its header (NULL before it) */
	char *desk;
};

/*
 * Reads the complete lines of the log at path after *cur (a log being
 * written may end mid-line: that line waits for the next read) into out,
 * whose event and desk_id are the header's, and advances *cur. Every entry
 * must be the log's desk's; problems go to errs with their lines (then out
 * is unusable and *cur is not advanced). A missing file reads as empty.
 * False with *cause when the file cannot be read. Release out with
 * sync_bundle_release, and the cursor with lanlog_cursor_release.
 */
bool lanlog_read(struct db *db, const char *path, struct lanlog_cursor *cur,
                 struct sync_bundle *out, struct diag_list *errs, char **cause);
void lanlog_cursor_release(struct lanlog_cursor *cur);

/* A desk of the event other than this one, and how long ago its latest entry here was written. */
struct lanlog_age {
	char *desk;
	long age; /* seconds by this desk's clock (0 for an entry stamped ahead), -1: none here */
};

/* Lists the event's desks but own with their ages; returns how many. Free with lanlog_ages_free. */
size_t lanlog_peer_ages(struct db *db, const char *own, struct lanlog_age **out);
void lanlog_ages_free(struct lanlog_age *ages, size_t n);

/* Stores desk's Syncthing device ID (inside the caller's transaction); false with *cause. */
bool lan_device_set(struct db *db, const char *desk, const char *device, char **cause);
/* Returns desk's Syncthing device ID (caller frees), or NULL when none was made. */
char *lan_device_of(struct db *db, const char *desk);
/* Returns the event's desk ids in their order (*n of them; the caller frees each and the array). */
char **lan_desk_ids(struct db *db, size_t *n);

#endif
