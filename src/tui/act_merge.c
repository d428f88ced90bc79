/*
 * act_merge is the supervisor's F6 merge of other desks' exports (DESIGN
 * section 1, step 4). After the PIN it lists the export folders at the top of
 * every removable drive, newest first, leaving out this desk's own (merging
 * them would bring nothing new and only clutter the list). Picking one runs
 * action_merge as a dry run, so the supervisor sees what would change before
 * anything does; Enter or Y then merges for real. The merge itself is the
 * action `frontdesk merge` calls, so the screen and the CLI cannot disagree.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/text.h"
#include "frontdesk/usb.h"
#include "frontdesk/xmalloc.h"
#include "i18n.h"
#include "ui.h"

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

/*
 * Splits "frontdesk-<event>-<desk>-<stamp>" into its desk and stamp (both the
 * caller's). The event code is digits, but a desk id may hold '-', so the
 * stamp is looked for from the end. Returns false for any other name.
 */
static bool parse_name(const char *name, char **desk, char **stamp)
{
	size_t prefix = strlen(FOLDER_PREFIX);

	if (strncmp(name, FOLDER_PREFIX, prefix) != 0) {
		return false;
	}
	const char *rest = strchr(name + prefix, '-');
	if (rest == NULL || rest == name + prefix) {
		return false;
	}
	rest++;
	for (size_t p = strlen(rest); p-- > 1;) {
		if (rest[p - 1] == '-' && is_stamp(rest + p)) {
			*desk = xstrndup(rest, p - 1);
			*stamp = xstrdup(rest + p);
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

/* Newest first: by minute, then by the same minute's count, then by name for a stable list. */
static int newest_first(const void *a, const void *b)
{
	const struct ui_export_folder *x = a, *y = b;
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

static void add_folder(struct ui_merge *m, const char *drive, const char *name, char *desk,
                       char *stamp)
{
	m->folders = xreallocarray(m->folders, m->n_folders + 1, sizeof(*m->folders));
	struct ui_export_folder *f = &m->folders[m->n_folders++];
	f->path = xasprintf("%s/%s", drive, name);
	f->name = xstrdup(name);
	f->desk = desk;
	f->stamp = stamp;
	f->drive = xstrdup(drive);
}

/* Adds the export folders at the top of one drive, except this desk's own. */
static void scan_drive(struct ui *ui, const char *drive)
{
	DIR *dir = opendir(drive);
	struct dirent *e;

	if (dir == NULL) {
		return; /* pulled out since it was listed: the other drives still count */
	}
	while ((e = readdir(dir)) != NULL) {
		char *desk = NULL, *stamp = NULL;
		struct stat st;
		if (!parse_name(e->d_name, &desk, &stamp)) {
			continue;
		}
		char *path = xasprintf("%s/%s", drive, e->d_name);
		bool wanted = strcmp(desk, ui->desk->cfg->desk_id) != 0 && stat(path, &st) == 0 &&
		              S_ISDIR(st.st_mode);
		free(path);
		if (wanted) {
			add_folder(&ui->merge, drive, e->d_name, desk, stamp);
		} else {
			free(desk);
			free(stamp);
		}
	}
	closedir(dir);
}

static void release_folders(struct ui_merge *m)
{
	for (size_t i = 0; i < m->n_folders; i++) {
		free(m->folders[i].path);
		free(m->folders[i].name);
		free(m->folders[i].desk);
		free(m->folders[i].stamp);
		free(m->folders[i].drive);
	}
	free(m->folders);
	m->folders = NULL;
	m->n_folders = 0;
}

static void release_result(struct ui_merge *m)
{
	if (m->has_result) {
		action_merge_release(&m->result);
		m->has_result = false;
	}
}

void act_merge_close(struct ui *ui)
{
	release_result(&ui->merge);
	release_folders(&ui->merge);
	memset(&ui->merge, 0, sizeof(ui->merge));
	if (ui->view == VIEW_MERGE) {
		ui->view = VIEW_MAIN;
	}
	ui->scroll = 0;
}

/* Lists the folders of every removable drive; false (with the message said) when none. */
static bool find_folders(struct ui *ui)
{
	struct usb_drive_list drives;
	char *cause = NULL;

	if (action_export_drives(getenv("FRONTDESK_MOUNTS"), getenv("FRONTDESK_SYS_BLOCK"), &drives,
	                         &cause) != ACTION_OK) {
		ui_say(ui, TONE_BAD, cause);
		free(cause);
		return false;
	}
	for (size_t i = 0; i < drives.n; i++) {
		scan_drive(ui, drives.drives[i].mount_point);
	}
	if (drives.n == 0) {
		ui_say(ui, TONE_WARN, _("没有找到 U 盘：请插入带有其他签到台导出的 U 盘后再按 F6"));
	} else if (ui->merge.n_folders == 0) {
		ui_say(
		    ui, TONE_WARN,
		    _("U 盘上没有其他签到台的导出文件夹：请先在那台机器上按 F5 导出到这个 U 盘"));
	}
	usb_list_release(&drives);
	qsort(ui->merge.folders, ui->merge.n_folders, sizeof(*ui->merge.folders), newest_first);
	return ui->merge.n_folders > 0;
}

void act_merge_start(struct ui *ui, const char *pin)
{
	act_merge_close(ui);
	if (!action_supervisor_ok(ui->desk, pin)) {
		ui_say(ui, TONE_BAD, _("主管密码不对，未合并"));
		return;
	}
	if (!find_folders(ui)) {
		return;
	}
	act_close_card(ui);
	ui->input[0] = '\0';
	ui->view = VIEW_MERGE;
	ui->merge.stage = MERGE_PICK;
	ui_say(ui, TONE_INFO, NULL);
}

/* Runs the merge of the chosen folder, for real or not, keeping its result for the screen. */
static void run_merge(struct ui *ui, bool dry_run)
{
	struct ui_merge *m = &ui->merge;

	release_result(m);
	m->status = action_merge(ui->desk, m->folders[m->selected].path, dry_run, &m->result);
	m->has_result = true;
	ui->scroll = 0;
}

/* Dry run of the selected folder: the preview when it brings anything new. */
void act_merge_pick(struct ui *ui)
{
	struct ui_merge *m = &ui->merge;

	if (m->stage != MERGE_PICK || m->n_folders == 0) {
		return;
	}
	run_merge(ui, true);
	bool something_new = m->status == ACTION_OK && m->result.new_entries > 0;
	m->stage = something_new ? MERGE_PREVIEW : MERGE_RESULT;
}

void act_merge_confirm(struct ui *ui)
{
	struct ui_merge *m = &ui->merge;

	if (m->stage != MERGE_PREVIEW) {
		return;
	}
	run_merge(ui, false);
	m->stage = MERGE_RESULT;
	/* kept as the desk's last message too, for after the result screen is closed */
	ui_say(ui,
	       m->status != ACTION_OK      ? TONE_BAD
	       : m->result.conflicts.n > 0 ? TONE_WARN
	                                   : TONE_GOOD,
	       m->result.message);
	ui_refresh_status(ui);
}
