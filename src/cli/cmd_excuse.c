/*
 * `frontdesk excuse REG_NO --session ID --reason TEXT --pin PIN`: the
 * supervisor records an excused absence (请假) for one session.
 */
#include "cli.h"

#include <stdlib.h>

#include "frontdesk/actions/attend.h"

int cmd_excuse(struct cli *cli)
{
	const char *session = NULL, *reason = NULL, *pin = NULL;
	const char *what[1];
	size_t n;
	const struct cli_option options[] = {{"--session", &session, NULL},
	                                     {"--reason", &reason, NULL},
	                                     {"--pin", &pin, NULL},
	                                     {NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;
	char *message = NULL;

	if (!cli_parse(cli, options, what, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1 || session == NULL || reason == NULL || pin == NULL) {
		return cli_usage(cli, "需要报名编号、--session、--reason 和 --pin");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	exit_code = (int)action_excuse(desk, what[0], session, reason, pin, &message);
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_bool(&j, "recorded", exit_code == EXIT_DONE);
		json_kv_string(&j, "message", message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else if (message != NULL) {
		if (exit_code == EXIT_DONE) {
			cli_say(message);
		} else {
			cli_error(message);
		}
	}
	free(message);
	desk_close(desk);
	return exit_code;
}
