/*
 * `frontdesk import`: validates and merges the organisers' roster. With any
 * error nothing is imported and every bad cell is listed.
 */
#include "cli.h"
#include "frontdesk/say.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/sessions.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(const struct import_outcome *out, const char *cause)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_int(&j, "imported", out->counts.imported);
	json_kv_int(&j, "updated", out->counts.updated);
	json_kv_int(&j, "withdrawn", out->counts.withdrawn);
	json_kv_int(&j, "unchanged", out->counts.unchanged);
	json_kv_int(&j, "restored", out->counts.restored);
	json_kv_int(&j, "transfers", out->counts.transfers);
	json_kv_int(&j, "would_withdraw", out->would_withdraw);
	json_kv_bool(&j, "withdraw_refused", out->withdraw_refused);
	json_kv_string(&j, "encoding", encoding_name(out->encoding));
	json_key(&j, "unknown_columns");
	json_array_begin(&j);
	for (size_t i = 0; i < out->n_unknown; i++) {
		json_string(&j, out->unknown_columns[i]);
	}
	json_array_end(&j);
	cli_json_diags(&j, "errors", &out->errors);
	cli_json_diags(&j, "warnings", &out->counts.warnings);
	if (cause) {
		json_kv_string(&j, "message", cause);
	}
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static void print_text(const struct import_outcome *out, enum action_status status)
{
	const struct import_counts *c = &out->counts;

	if (out->errors.n) {
		fprintf(
		    stderr,
		    "frontdesk: 名单有 %zu 处错误，未导入任何数据；请修改文件后重新导入 / %zu "
		    "problems in the input; nothing was imported. Fix the file and import again:\n",
		    out->errors.n, out->errors.n);
		cli_print_diags(&out->errors);
		return;
	}
	if (status != ACTION_OK) {
		return;
	}
	cli_sayf("导入完成（%s）", encoding_name(out->encoding));
	cli_printf("  新增 imported: %d\n  更新 updated: %d\n  未变 unchanged: %d\n"
	           "  撤销 withdrawn: %d\n  恢复 restored: %d\n",
	           c->imported, c->updated, c->unchanged, c->withdrawn, c->restored);
	if (c->transfers) {
		cli_printf("  集体转账 collective transfers: %d\n", c->transfers);
	}
	for (size_t i = 0; i < out->n_unknown; i++) {
		cli_sayf("  未知列已作为备注保留：%s", out->unknown_columns[i]);
	}
	for (size_t i = 0; i < c->warnings.n; i++) {
		char *label = say_text("提醒");
		cli_printf("  %s: %s\n", label, c->warnings.items[i].message);
		free(label);
	}
}

/* Reads --allow-withdraw N: a count of registrations, 0 to 9,999,999. */
static bool parse_count(const char *text, int *out)
{
	size_t n = strlen(text);

	if (n == 0 || n > 7 || strspn(text, "0123456789") != n) {
		return false;
	}
	*out = (int)strtol(text, NULL, 10);
	return true;
}

/* import --sessions: the programme, checked whole, merged by session id. */
static int import_sessions(struct cli *cli, struct desk *desk, const char *path)
{
	struct sessions_import out;
	char *cause = NULL;
	enum action_status status = action_import_sessions(desk, path, &out, &cause);

	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_int(&j, "imported", out.added);
		json_kv_int(&j, "updated", out.updated);
		json_kv_int(&j, "unchanged", out.unchanged);
		json_kv_int(&j, "removed", out.removed);
		json_kv_int(&j, "sessions", out.n_sessions);
		cli_json_diags(&j, "errors", &out.errors);
		if (cause) {
			json_kv_string(&j, "message", cause);
		}
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else if (out.errors.n) {
		cli_esayf("frontdesk: 日程有 %zu 处错误，未导入任何课程；请修改文件后重新导入",
		          out.errors.n);
		cli_print_diags(&out.errors);
	} else if (cause) {
		cli_error(cause);
	} else {
		cli_sayf("日程已导入：%d 场课程（新增 %d，更新 %d，未变 %d，删去 %d）",
		         out.n_sessions, out.added, out.updated, out.unchanged, out.removed);
	}
	action_sessions_import_release(&out);
	free(cause);
	return (int)status;
}

int cmd_import(struct cli *cli)
{
	const char *collective = NULL, *allow = NULL, *sessions = NULL;
	const char *files[1];
	size_t n_files;
	const struct cli_option options[] = {{"--collective", &collective, NULL},
	                                     {"--allow-withdraw", &allow, NULL},
	                                     {"--sessions", &sessions, NULL},
	                                     {NULL, NULL, NULL}};
	struct import_options opts = {.allow_withdraw = -1};
	struct import_outcome out;
	char *cause = NULL;
	int exit_code = EXIT_DONE;

	if (!cli_parse(cli, options, files, 1, &n_files)) {
		return EXIT_USAGE;
	}
	if (sessions != NULL && n_files == 0 && collective == NULL && allow == NULL) {
		struct desk *desk = cli_open_desk(cli, &exit_code);
		if (desk == NULL) {
			return exit_code;
		}
		exit_code = import_sessions(cli, desk, sessions);
		desk_close(desk);
		return exit_code;
	}
	if (n_files != 1 || sessions != NULL) {
		return cli_usage(cli, "需要名单文件（日程请单独用 import --sessions 导入）");
	}
	if (allow != NULL && !parse_count(allow, &opts.allow_withdraw)) {
		return cli_usage(cli, "--allow-withdraw 后面应是人数，如 --allow-withdraw 12");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	enum action_status status = action_import(desk, files[0], collective, &opts, &out, &cause);
	if (cli->json) {
		print_json(&out, cause);
	} else {
		if (cause) {
			cli_error(cause);
		}
		print_text(&out, status);
	}
	action_import_release(&out);
	free(cause);
	desk_close(desk);
	return (int)status;
}
