/*
 * act_merge is the supervisor's F6 merge of other desks' exports (DESIGN
 * section 1, step 4). After the PIN it lists the export folders of the other
 * desks on the removable drives, newest first, as action_merge_folders finds
 * them (the same list `frontdesk merge` without a path prints). Picking one
 * runs action_merge as a dry run, so the supervisor sees what would change
 * before anything does; Enter or Y then merges for real. The merge itself is
 * the action `frontdesk merge` calls, so the screen and the CLI cannot disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/testseam.h"
#include "i18n.h"
#include "ui.h"

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
	action_merge_folders_release(&ui->merge.folders);
	memset(&ui->merge, 0, sizeof(ui->merge));
	if (ui->view == VIEW_MERGE) {
		ui->view = VIEW_MAIN;
	}
	ui->scroll = 0;
}

/* Lists the folders of every removable drive; false (with the message said) when none. */
static bool find_folders(struct ui *ui)
{
	struct export_folder_list *folders = &ui->merge.folders;
	char *cause = NULL;

	if (action_merge_folders(ui->desk, testseam_mounts_path(), testseam_sys_block_path(),
	                         folders, &cause) != ACTION_OK) {
		ui_say(ui, TONE_BAD, cause);
		free(cause);
		return false;
	}
	if (folders->n_drives == 0) {
		ui_say(ui, TONE_WARN, _("没有找到 U 盘：请插入带有其他签到台导出的 U 盘后再按 F6"));
	} else if (folders->n == 0) {
		ui_say(
		    ui, TONE_WARN,
		    _("U 盘上没有其他签到台的导出文件夹：请先在那台机器上按 F5 导出到这个 U 盘"));
	}
	return folders->n > 0;
}

void act_merge_start(struct ui *ui, const char *pin)
{
	act_merge_close(ui);
	char *refusal = NULL;

	if (action_supervisor_check(ui->desk, "merge", pin, &refusal) != ACTION_OK) {
		ui_say(ui, TONE_BAD, refusal);
		free(refusal);
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
	ui_say(ui, TONE_INFO, dry_run ? _("正在试合并……") : _("正在合并……"));
	draw_all(ui);
	progress_view_begin(ui);
	m->status = action_merge(ui->desk, m->folders.items[m->selected].path, dry_run, &m->result);
	progress_view_end();
	ui_say(ui, TONE_INFO, NULL);
	m->has_result = true;
	ui->scroll = 0;
}

/* Dry run of the selected folder: the preview when it brings anything new. */
void act_merge_pick(struct ui *ui)
{
	struct ui_merge *m = &ui->merge;

	if (m->stage != MERGE_PICK || m->folders.n == 0) {
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
