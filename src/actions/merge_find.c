/*
 * merge_find finds what there is to merge: the export folders other desks
 * wrote at the top of the removable drives (export.c names them
 * frontdesk-<event>-<desk>-<stamp>), newest first. It lives here rather than
 * in a front end so the desk screen's F6 and `frontdesk merge` without a path
 * list the same folders in the same order. This desk's own folders are left
 * out (merging them brings nothing new and only clutters the list), and so
 * are another event's (action_merge would refuse them).
 */
#include "frontdesk/actions/merge.h"
#include "desk_private.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/actions/export.h"
#include "frontdesk/text.h"
#include "frontdesk/usb.h"
#include "frontdesk/xmalloc.h"

#define FOLDER_PREFIX "frontdesk-"

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

/* "YYYYMMDD-HHMM", or "YYYYMMDD-HHMM-n" for a second export in the same minute. */
static bool is_stamp(const char *s)
{
	if (strlen(s) < 13 || !digits(s, 8) || s[8] != '-' || !digits(s + 9, 4)) {
		return false;
	}
	s += 13;
	return *s == '\0' || (s[0] == '-' && s[1] != '\0' && text_is_digits(s + 1));
}

/* A parsed folder name; every field the caller's. */
struct folder_name {
	char *event;
	char *desk;
	char *stamp;
};

/*
 * Splits "frontdesk-<event>-<desk>-<stamp>". The event code is digits, so it
 * ends at the first '-'; a desk id may hold '-', so the stamp is looked for
 * from the end. Returns false for any other name.
 */
static bool parse_name(const char *name, struct folder_name *out)
{
	size_t prefix = strlen(FOLDER_PREFIX);

	if (strncmp(name, FOLDER_PREFIX, prefix) != 0) {
		return false;
	}
	const char *event = name + prefix;
	const char *rest = strchr(event, '-');
	if (rest == NULL || rest == event) {
		return false;
	}
	rest++;
	for (size_t p = strlen(rest); p-- > 1;) {
		if (rest[p - 1] == '-' && is_stamp(rest + p)) {
			out->event = xstrndup(event, (size_t)(rest - 1 - event));
			out->desk = xstrndup(rest, p - 1);
			out->stamp = xstrdup(rest + p);
			return true;
		}
	}
	return false;
}

/* The "-n" of a second export in one minute, 0 for the first. */
static long stamp_suffix(const char *stamp)
{
	return strlen(stamp) > 14 ? strtol(stamp + 14, NULL, 10) : 0;
}

/* Newest first: by minute, then by the same minute's count, then by path for a stable list. */
static int newest_first(const void *a, const void *b)
{
	const struct export_folder *x = a, *y = b;
	int by_minute = strncmp(y->stamp, x->stamp, 13);

	if (by_minute != 0) {
		return by_minute;
	}
	long nx = stamp_suffix(x->stamp), ny = stamp_suffix(y->stamp);
	if (nx != ny) {
		return ny > nx ? 1 : -1;
	}
	return strcmp(x->path, y->path);
}

/* Takes the parsed name's desk and stamp; frees its event. */
static void add_folder(struct export_folder_list *out, const char *drive, const char *name,
                       struct folder_name *parsed)
{
	out->items = xreallocarray(out->items, out->n + 1, sizeof(*out->items));
	struct export_folder *f = &out->items[out->n++];
	f->path = xasprintf("%s/%s", drive, name);
	f->name = xstrdup(name);
	f->desk = parsed->desk;
	f->stamp = parsed->stamp;
	f->drive = xstrdup(drive);
	free(parsed->event);
}

/* Whether a parsed folder is another desk's of this event, and a directory. */
static bool wanted(const struct desk *desk, const char *drive, const char *name,
                   const struct folder_name *parsed)
{
	struct stat st;

	if (strcmp(parsed->event, desk->cfg->code) != 0 ||
	    strcmp(parsed->desk, desk->cfg->desk_id) == 0) {
		return false;
	}
	char *path = xasprintf("%s/%s", drive, name);
	bool is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	return is_dir;
}

/* Adds the export folders at the top of one drive that the desk may merge. */
static void scan_drive(const struct desk *desk, const char *drive, struct export_folder_list *out)
{
	DIR *dir = opendir(drive);
	struct dirent *e;

	if (dir == NULL) {
		return; /* pulled out since it was listed: the other drives still count */
	}
	while ((e = readdir(dir)) != NULL) {
		struct folder_name parsed;
		if (!parse_name(e->d_name, &parsed)) {
			continue;
		}
		if (wanted(desk, drive, e->d_name, &parsed)) {
			add_folder(out, drive, e->d_name, &parsed);
		} else {
			free(parsed.event);
			free(parsed.desk);
			free(parsed.stamp);
		}
	}
	closedir(dir);
}

enum action_status action_merge_folders(struct desk *desk, const char *mounts_path,
                                        const char *sys_block, struct export_folder_list *out,
                                        char **cause)
{
	struct usb_drive_list drives;

	memset(out, 0, sizeof(*out));
	if (action_export_drives(mounts_path, sys_block, &drives, cause) != ACTION_OK) {
		return ACTION_FAILED;
	}
	for (size_t i = 0; i < drives.n; i++) {
		scan_drive(desk, drives.drives[i].mount_point, out);
	}
	out->n_drives = drives.n;
	usb_list_release(&drives);
	if (out->n > 1) {
		qsort(out->items, out->n, sizeof(*out->items), newest_first);
	}
	return ACTION_OK;
}

void action_merge_folders_release(struct export_folder_list *out)
{
	for (size_t i = 0; i < out->n; i++) {
		free(out->items[i].path);
		free(out->items[i].name);
		free(out->items[i].desk);
		free(out->items[i].stamp);
		free(out->items[i].drive);
	}
	free(out->items);
	memset(out, 0, sizeof(*out));
}
