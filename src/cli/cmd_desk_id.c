/*
 * `frontdesk desk-id ID [--key FILE]`: names this desk's copy of the prepared
 * database and, on one prepared with `frontdesk desks`, installs its key.
 */
#include <stdlib.h>

#include "cli.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desk_id.h"

int cmd_desk_id(struct cli *cli)
{
	const char *id[1];
	size_t n;
	const char *key_path = NULL;
	const struct cli_option options[] = {{"--key", &key_path, NULL}, {NULL, NULL, NULL}};
	int code = EXIT_DONE;
	char *message = NULL;

	if (!cli_parse(cli, options, id, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1) {
		return cli_usage(cli, "需要台号");
	}
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	enum action_status status = action_desk_id(desk, id[0], key_path, &message);
	desk_close(desk);
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "result", status == ACTION_OK ? "renamed" : "refused");
		json_kv_string(&j, "desk", status == ACTION_OK ? id[0] : NULL);
		json_kv_string(&j, "message", message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else if (status == ACTION_OK) {
		cli_say(message);
	} else {
		cli_error(message);
	}
	free(message);
	return (int)status;
}
