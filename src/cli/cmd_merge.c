/*
 * `frontdesk merge PATH [--dry-run] [--json]`: merges another desk's export
 * folder or bundle (merge.h), and the conflict list that `report conflicts`
 * prints too. Like `export`, it takes no PIN: whoever runs the command line
 * holds the database file; the desk screen asks for the supervisor PIN.
 * Exit codes: 0 merged (also with conflicts: each was resolved by its rule and
 * is listed), 1 refused (another event, checksums, one desk id on two desks),
 * 2 a damaged or unreadable bundle, 3 a database error.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/merge.h"

void cli_json_conflicts(struct json *j, const struct conflict_report *r)
{
	json_key(j, "conflicts");
	json_array_begin(j);
	for (size_t i = 0; i < r->n; i++) {
		const struct sync_conflict *c = &r->items[i];
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
		cli_say("没有合并冲突 / no merge conflicts");
		return;
	}
	printf("合并冲突 conflicts (%zu):\n", r->n);
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
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
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
	if (n != 1) {
		return cli_usage(cli,
		                 "请给出导出文件夹或 bundle.jsonl / name an export folder or a "
		                 "bundle.jsonl");
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
