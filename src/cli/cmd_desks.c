/*
 * `frontdesk desks A B C [--keys DIR]`: prepares the database for several
 * desks before it is copied (docs/merge.md).
 */
#include <stdlib.h>

#include "cli.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desks.h"
#include "frontdesk/desks.h"

static void print_json(enum action_status status, const char *const *ids, size_t n,
                       const struct desks_result *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "result", status == ACTION_OK ? "prepared" : "refused");
	json_key(&j, "desks");
	json_array_begin(&j);
	for (size_t i = 0; status == ACTION_OK && i < n; i++) {
		json_string(&j, ids[i]);
	}
	json_array_end(&j);
	json_kv_string(&j, "keys", r->keys_dir);
	json_key(&j, "key_files");
	json_array_begin(&j);
	for (size_t i = 0; i < r->n_key_files; i++) {
		json_string(&j, r->key_files[i]);
	}
	json_array_end(&j);
	json_kv_string(&j, "message", r->message);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

int cmd_desks(struct cli *cli)
{
	const char *ids[DESKS_MAX + 1];
	const char *keys_dir = NULL;
	size_t n;
	const struct cli_option options[] = {{"--keys", &keys_dir, NULL}, {NULL, NULL, NULL}};
	int code = EXIT_DONE;
	struct desks_result r;

	if (!cli_parse(cli, options, ids, DESKS_MAX + 1, &n)) {
		return EXIT_USAGE;
	}
	if (n == 0) {
		return cli_usage(cli, "需要台号，如 frontdesk desks A B C");
	}
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	enum action_status status = action_desks(desk, ids, n, keys_dir, &r);
	desk_close(desk);
	if (cli->json) {
		print_json(status, ids, n, &r);
	} else if (status == ACTION_OK) {
		cli_say(r.message);
	} else {
		cli_error(r.message);
	}
	desks_result_release(&r);
	return (int)status;
}
