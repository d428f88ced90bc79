/*
 * `frontdesk export [--to DIR] [--json]` and `frontdesk export --verify DIR`:
 * the end-of-day export onto the USB stick found (or the folder given), and
 * the check of an export folder against its SHA256SUMS. Without --to exactly
 * one writable removable drive must be mounted: guessing between two sticks
 * could hand the hotel's list to the wrong one. In a test seam build
 * FRONTDESK_MOUNTS and FRONTDESK_SYS_BLOCK replace /proc/self/mounts and
 * /sys/block (testseam.h).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/export.h"
#include "frontdesk/testseam.h"
#include "frontdesk/usb.h"
#include "frontdesk/xmalloc.h"

static void json_drives(struct json *j, const struct usb_drive_list *drives)
{
	json_key(j, "drives");
	json_array_begin(j);
	for (size_t i = 0; i < drives->n; i++) {
		const struct usb_drive *d = &drives->drives[i];
		json_object_begin(j);
		json_kv_string(j, "mount_point", d->mount_point);
		json_kv_string(j, "device", d->device);
		json_kv_string(j, "fs_type", d->fs_type);
		json_kv_bool(j, "read_only", d->read_only);
		json_kv_int(j, "free_bytes", (long)d->free_bytes);
		json_kv_int(j, "total_bytes", (long)d->total_bytes);
		json_object_end(j);
	}
	json_array_end(j);
}

static void print_drives(const struct usb_drive_list *drives)
{
	for (size_t i = 0; i < drives->n; i++) {
		const struct usb_drive *d = &drives->drives[i];
		char *line =
		    xasprintf("  %s  (%s, %s, 可用 free %.1f MB%s)", d->mount_point, d->device,
		              d->fs_type, (double)d->free_bytes / (1024.0 * 1024.0),
		              d->read_only ? ", 只读 read-only" : "");
		cli_say(line);
		free(line);
	}
}

static int no_drive(const struct cli *cli, const struct usb_drive_list *drives, size_t writable,
                    const char *msgid)
{
	char *message = say_text(msgid);

	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "result", writable == 0 ? "no_drive" : "several_drives");
		json_kv_string(&j, "message", message);
		json_drives(&j, drives);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		cli_error(message);
		print_drives(drives);
	}
	free(message);
	return EXIT_USAGE;
}

/* Picks the one writable removable drive; anything else is a usage problem with advice. */
static int pick_drive(const struct cli *cli, char **target)
{
	struct usb_drive_list drives;
	char *cause = NULL;
	size_t writable = 0, chosen = 0;

	if (action_export_drives(testseam_mounts_path(), testseam_sys_block_path(), &drives,
	                         &cause) != ACTION_OK) {
		cli_error(cause);
		free(cause);
		return EXIT_INTERNAL;
	}
	for (size_t i = 0; i < drives.n; i++) {
		if (!drives.drives[i].read_only) {
			chosen = writable++ == 0 ? i : chosen;
		}
	}
	int code = EXIT_DONE;
	if (writable == 0) {
		code = no_drive(
		    cli, &drives, writable,
		    N_("没有找到可写的 U 盘：请插入 U 盘，等它出现（自动挂载）后再导出，或用 "
		       "--to 文件夹 指定导出位置"));
	} else if (writable > 1) {
		code = no_drive(cli, &drives, writable,
		                N_("找到多个 U 盘，请用 --to 指定导出到哪一个"));
	} else {
		*target = xstrdup(drives.drives[chosen].mount_point);
	}
	usb_list_release(&drives);
	return code;
}

static void json_result(const struct export_result *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "result", r->folder ? "exported" : "failed");
	json_kv_string(&j, "message", r->message);
	json_kv_string(&j, "exported_at", r->exported_at);
	if (r->folder == NULL) {
		json_kv_string(&j, "failure", action_export_failure_code(r->failure));
		json_kv_int(&j, "needed_bytes", (long)r->needed_bytes);
		json_kv_int(&j, "free_bytes", (long)r->free_bytes);
		json_kv_string(&j, "left_behind", r->left_behind);
		json_kv_bool(&j, "personal_data", r->personal_data);
		json_key(&j, "left_behind_files");
		json_array_begin(&j);
		for (size_t i = 0; i < r->n_left_files; i++) {
			json_string(&j, r->left_files[i]);
		}
		json_array_end(&j);
	} else {
		json_kv_string(&j, "folder", r->folder);
		json_kv_int(&j, "bytes", (long)r->bytes);
		json_key(&j, "files");
		json_array_begin(&j);
		for (size_t i = 0; i < r->n_files; i++) {
			json_object_begin(&j);
			json_kv_string(&j, "name", r->files[i].name);
			json_kv_int(&j, "bytes", (long)r->files[i].bytes);
			json_kv_string(&j, "sha256", r->files[i].sha256);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_key(&j, "counts");
		json_object_begin(&j);
		json_kv_int(&j, "checkins", r->counts.checkins);
		json_kv_int(&j, "rooming", r->counts.rooming);
		json_kv_int(&j, "payments", r->counts.payments);
		json_kv_int(&j, "refunds", r->counts.refunds);
		json_kv_int(&j, "conflicts", r->counts.conflicts);
		json_kv_int(&j, "attendance", r->counts.attendance);
		json_kv_int(&j, "journal", r->counts.journal);
		json_object_end(&j);
	}
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static int run_export(const struct cli *cli, const char *target)
{
	int code = EXIT_DONE;
	struct desk *desk = cli_open_desk(cli, &code);
	struct export_result r;

	if (desk == NULL) {
		return code;
	}
	code = (int)action_export(desk, target, &r);
	if (cli->json) {
		json_result(&r);
	} else if (code == EXIT_DONE) {
		cli_say(r.message);
	} else {
		cli_error(r.message);
	}
	action_export_release(&r);
	desk_close(desk);
	return code;
}

static int run_verify(const struct cli *cli, const char *folder)
{
	struct export_verify_result v;
	int code = (int)action_export_verify(folder, &v);

	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_bool(&j, "ok", code == EXIT_DONE);
		json_kv_int(&j, "checked", (long)v.n_checked);
		json_key(&j, "problems");
		json_array_begin(&j);
		for (size_t i = 0; i < v.n_bad; i++) {
			json_string(&j, v.bad[i]);
		}
		json_array_end(&j);
		json_kv_string(&j, "message", v.message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		for (size_t i = 0; i < v.n_bad; i++) {
			cli_error(v.bad[i]);
		}
		if (code == EXIT_DONE) {
			cli_say(v.message);
		} else {
			cli_error(v.message);
		}
	}
	action_export_verify_release(&v);
	return code;
}

int cmd_export(struct cli *cli)
{
	const char *to = NULL, *verify = NULL;
	size_t n;
	const struct cli_option options[] = {
	    {"--to", &to, NULL}, {"--verify", &verify, NULL}, {NULL, NULL, NULL}};

	if (!cli_parse(cli, options, NULL, 0, &n)) {
		return EXIT_USAGE;
	}
	if (verify != NULL) {
		return to != NULL ? cli_usage(cli, "--to 与 --verify 不能同时用")
		                  : run_verify(cli, verify);
	}
	char *target = to ? xstrdup(to) : NULL;
	int code = target ? EXIT_DONE : pick_drive(cli, &target);
	if (code == EXIT_DONE) {
		code = run_export(cli, target);
	}
	free(target);
	return code;
}
