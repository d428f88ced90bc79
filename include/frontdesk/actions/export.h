/*
 * actions/export (src/actions/export.c, with the private export_io.c and
 * export_sheets.c): the supervisor's end-of-day export to a removable drive
 * (DESIGN section 4), its verification, and the drives it can go to.
 */
#ifndef FRONTDESK_ACTIONS_EXPORT_H
#define FRONTDESK_ACTIONS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/usb.h"

/* Rows written per table. */
struct export_counts {
	int checkins;
	int rooming; /* occupants listed */
	int payments;
	int refunds;
	int conflicts; /* merge conflicts (actions/merge.h) */
	int attendance;
	long journal; /* entries in journal.csv and the bundle */
};

/* What went wrong, for the message and the CLI's --json "failure". */
enum export_failure {
	EXPORT_FAIL_NONE,
	EXPORT_FAIL_TARGET,    /* the target folder does not exist or is not a folder */
	EXPORT_FAIL_FULL,      /* no space left on the drive */
	EXPORT_FAIL_GONE,      /* the drive was removed or unmounted meanwhile */
	EXPORT_FAIL_IO,        /* a write or read error: a failing or pulled drive */
	EXPORT_FAIL_READ_ONLY, /* read-only or not writable */
	EXPORT_FAIL_VERIFY,    /* a file read back differently from what was written */
	EXPORT_FAIL_DATABASE,  /* the database could not be read */
	EXPORT_FAIL_FILES,     /* no free inode: space is left, but no new file can be made */
};

/* One file of a finished export, as listed in SHA256SUMS. */
struct export_file_info {
	char *name;
	char sha256[65];
	uint64_t bytes;
};

struct export_result {
	enum export_failure failure;
	char *message;     /* bilingual: what happened and what to do next */
	char *folder;      /* the finished folder (target/name), NULL on failure */
	char *exported_at; /* "YYYY-MM-DD HH:MM:SS" */
	struct export_file_info *files;
	size_t n_files;
	uint64_t bytes;        /* written in all */
	uint64_t needed_bytes; /* for a full drive: about what the export needs */
	uint64_t free_bytes;   /* for a full drive: what is free now */
	char *left_behind;     /* a folder of this export that could not be removed, or NULL */
	bool personal_data;    /* left_behind may still hold files with personal data */
	char **left_files;     /* the files that may be left in it (personal_data) */
	size_t n_left_files;
	struct export_counts counts;
};

/*
 * export (supervisor's end of day): writes into target_dir the folder
 * frontdesk-<event>-<desk>-<YYYYMMDD-HHMM> with checkins, rooming-list,
 * payments, refunds, attendance and journal as CSV and .xlsx, snapshot.db
 * (backup API), bundle.jsonl (the sync bundle) and SHA256SUMS, all from one
 * read of the database. The folder is written hidden, fsynced, read back and
 * checked, then renamed into place, so the drive holds either the whole
 * export or none of it. Afterwards the time goes to the setting export.last.
 * The drive is not trusted: nothing is written or deleted through a link on
 * it, leftovers of earlier exports are removed only when they are real
 * folders of this user and only the files an export writes, and a folder
 * of this export that cannot be removed (a pulled stick) is named in
 * left_behind and in the message, which says it holds personal data.
 * ACTION_BAD_INPUT when target_dir is no folder, ACTION_FAILED for a full,
 * removed or failing drive (the database is untouched). *out is the
 * caller's: release it with action_export_release.
 */
enum action_status action_export(struct desk *desk, const char *target_dir,
                                 struct export_result *out);
void action_export_release(struct export_result *out);

/* Returns a stable lower-case code for a failure ("full", "gone", ...), for --json (static). */
const char *action_export_failure_code(enum export_failure f);

/* Returns the time of the last export ("YYYY-MM-DD HH:MM:SS"), or NULL; the caller frees it. */
char *action_export_last(struct desk *desk);

struct export_verify_result {
	size_t n_checked;
	char **bad; /* "name: what is wrong", one per file that fails */
	size_t n_bad;
	char *message; /* bilingual */
};

/*
 * export --verify: checks every file SHA256SUMS lists in folder against its
 * digest. ACTION_OK when all match, ACTION_REFUSED when any differs or is
 * missing, ACTION_BAD_INPUT when there is no readable SHA256SUMS. *out is the
 * caller's: release it with action_export_verify_release.
 */
enum action_status action_export_verify(const char *folder, struct export_verify_result *out);
void action_export_verify_release(struct export_verify_result *out);

/*
 * The removable drives an export can go to (usb_find; NULL paths for the
 * system's). ACTION_FAILED with *cause (the caller frees it) when the mount
 * table cannot be read. *out is the caller's: release it as usb.h says.
 */
enum action_status action_export_drives(const char *mounts_path, const char *sys_block,
                                        struct usb_drive_list *out, char **cause);

#endif
