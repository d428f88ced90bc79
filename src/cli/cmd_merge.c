/*
 * `frontdesk merge PATH [--dry-run] [--json]`: merges another desk's export
 * folder or bundle (actions/merge.h), and the conflict list that `report conflicts`
 * prints too. Without PATH it lists the other desks' export folders on the
 * removable drives, newest first (the list F6 shows), and asks for one: like
 * `export` choosing between sticks, it never guesses which to merge.
 * In a test seam build FRONTDESK_MOUNTS and FRONTDESK_SYS_BLOCK replace
 * /proc/self/mounts and /sys/block (testseam.h). Like `export`, it takes no
 * PIN: whoever runs the command line holds the database file; the desk screen
 * asks for the supervisor PIN.
 * Exit codes: 0 merged (also with conflicts: each was resolved by its rule and
 * is listed), 1 refused (another event, checksums, one desk id on two desks),
 * 2 a damaged or unreadable bundle or no PATH, 3 a database error or an
 * unreadable mount table.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/say.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

void cli_json_conflicts(struct json *j, const struct conflict_report *r)
{
	json_key(j, "conflicts");
	json_array_begin(j);
	for (size_t i = 0; i < r->n; i++) {
		const struct merge_conflict *c = &r->items[i];
		json_object_begin(j);
		json_kv_string(j, "kind", c->kind);
		json_kv_string(j, "reg_no", c->reg_no);
		json_kv_string(j, "name", c->name);
		json_kv_string(j, "desk", c->desk_id);
		json_kv_int(j, "seq", c->seq);
		json_kv_string(j, "at", c->at);
		json_kv_string(j, "other_desk", c->other_desk);
		if (c->other_desk != NULL) {
			json_kv_int(j, "other_seq", c->other_seq);
		}
		json_kv_string(j, "other_at", c->other_at);
		json_kv_string(j, "room_given", c->room_given);
		json_kv_string(j, "room_now", c->room_now);
		json_kv_int(j, "amount", c->amount);
		json_kv_string(j, "message", r->text[i]);
		json_object_end(j);
	}
	json_array_end(j);
}

void cli_print_conflicts(const struct conflict_report *r)
{
	if (r->n == 0) {
		cli_sayf("没有合并冲突");
		return;
	}
	cli_printf("合并冲突 conflicts (%zu):\n", r->n);
	for (size_t i = 0; i < r->n; i++) {
		cli_say(r->text[i]);
	}
}

static const char *result_name(enum action_status status, const struct merge_result *r)
{
	if (status != ACTION_OK) {
		return status == ACTION_BAD_INPUT ? "bad_bundle"
		       : status == ACTION_REFUSED ? "refused"
		                                  : "failed";
	}
	return r->new_entries == 0 ? "nothing_new" : r->dry_run ? "dry_run" : "merged";
}

static void print_json(enum action_status status, const struct merge_result *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "result", result_name(status, r));
	json_kv_string(&j, "message", r->message);
	json_kv_string(&j, "bundle_desk", r->bundle_desk);
	json_kv_string(&j, "exported_at", r->exported_at);
	json_kv_int(&j, "entries", r->entries);
	json_kv_int(&j, "new_entries", r->new_entries < 0 ? 0 : r->new_entries);
	json_kv_int(&j, "checked_in_before", r->checked_in_before);
	json_kv_int(&j, "checked_in_after", r->checked_in_after);
	json_kv_bool(&j, "setup_differs", r->setup_differs);
	cli_json_conflicts(&j, &r->conflicts);
	cli_json_diags(&j, "errors", &r->errors);
	if (r->refused_desk != NULL) {
		json_key(&j, "refused_entry");
		json_object_begin(&j);
		json_kv_string(&j, "desk", r->refused_desk);
		json_kv_int(&j, "seq", r->refused_seq);
		json_kv_int(&j, "line", r->refused_line);
		json_object_end(&j);
	}
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

/* What to do when no PATH was given (a msgid): name a folder found, or plug in the stick. */
static const char *no_path_message(const struct export_folder_list *folders)
{
	if (folders->n > 0) {
		return N_("找到以下导出文件夹，请指定要合并的一个");
	}
	if (folders->n_drives == 0) {
		return N_(
		    "没有找到 U 盘：请插入带有其他签到台导出的 U 盘，或指定要合并的导出文件夹");
	}
	return N_(
	    "U 盘上没有其他签到台的导出文件夹：请先在那台机器上导出到这个 U 盘，或指定要合并的"
	    "导出文件夹");
}

/* The folders found, with what to do; exit 2 either way, since nothing was merged. */
static int print_folders(const struct cli *cli, const struct export_folder_list *folders)
{
	char *message = say_text(no_path_message(folders));

	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "result", "no_path");
		json_key(&j, "folders");
		json_array_begin(&j);
		for (size_t i = 0; i < folders->n; i++) {
			json_object_begin(&j);
			json_kv_string(&j, "path", folders->items[i].path);
			json_kv_string(&j, "desk", folders->items[i].desk);
			json_kv_string(&j, "stamp", folders->items[i].stamp);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_kv_string(&j, "message", message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
		free(message);
		return EXIT_USAGE;
	}
	cli_error(message);
	free(message);
	for (size_t i = 0; i < folders->n; i++) {
		const struct export_folder *f = &folders->items[i];
		char *line =
		    xasprintf("  %s  (%s 台 desk %s, %s)", f->path, f->desk, f->desk, f->stamp);
		cli_say(line);
		free(line);
	}
	return EXIT_USAGE;
}

/* `merge` without PATH: what there is to merge on the sticks. */
static int list_folders(const struct cli *cli)
{
	int code = EXIT_DONE;
	struct desk *desk = cli_open_desk(cli, &code);
	struct export_folder_list folders;
	char *cause = NULL;

	if (desk == NULL) {
		return code;
	}
	if (action_merge_folders(desk, testseam_mounts_path(), testseam_sys_block_path(), &folders,
	                         &cause) != ACTION_OK) {
		cli_error(cause);
		free(cause);
		desk_close(desk);
		return EXIT_INTERNAL;
	}
	code = print_folders(cli, &folders);
	action_merge_folders_release(&folders);
	desk_close(desk);
	return code;
}

int cmd_merge(struct cli *cli)
{
	const char *path[1];
	bool dry_run = false;
	size_t n;
	const struct cli_option options[] = {{"--dry-run", NULL, &dry_run}, {NULL, NULL, NULL}};
	int code = EXIT_DONE;
	struct merge_result r;

	if (!cli_parse(cli, options, path, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n == 0) {
		return list_folders(cli);
	}
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	enum action_status status = action_merge(desk, path[0], dry_run, &r);
	if (cli->json) {
		print_json(status, &r);
	} else {
		cli_print_diags(&r.errors);
		if (status == ACTION_OK) {
			cli_say(r.message);
			cli_print_conflicts(&r.conflicts);
		} else {
			cli_error(r.message);
		}
	}
	action_merge_release(&r);
	desk_close(desk);
	return (int)status;
}
