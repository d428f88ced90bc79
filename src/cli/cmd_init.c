/*
 * `frontdesk init`: creates a desk database from event.ini and rooms.csv.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/say.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/setup.h"
#include "frontdesk/xmalloc.h"

int cmd_init(struct cli *cli)
{
	const char *event = NULL, *rooms = NULL;
	const char *extra[1];
	size_t n_extra;
	const struct cli_option options[] = {
	    {"--event", &event, NULL}, {"--rooms", &rooms, NULL}, {NULL, NULL, NULL}};
	struct diag_list errs = DIAG_LIST_INIT;
	char *cause = NULL;

	if (!cli_parse(cli, options, extra, 0, &n_extra)) {
		return EXIT_USAGE;
	}
	if (event == NULL || rooms == NULL) {
		return cli_usage(cli, "需要 --event 和 --rooms");
	}
	enum action_status status = action_init(cli->db_path, event, rooms, &errs, &cause);
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "result", status == ACTION_OK ? "initialised" : "failed");
		json_kv_string(&j, "db", cli->db_path);
		json_kv_string(&j, "message", cause);
		cli_json_diags(&j, "errors", &errs);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else if (status == ACTION_OK) {
		cli_sayf("已初始化 %s", cli->db_path);
		char *next = say_text("下一步");
		cli_printf("%s: frontdesk import roster.csv --collective collective.csv --db %s\n",
		           next, cli->db_path);
		free(next);
	} else {
		if (cause) {
			cli_error(cause);
		}
		if (errs.n) {
			char *said = say_text("event.ini 或 rooms.csv 有错误，数据库未创建");
			char *line = xasprintf("%s:", said);
			cli_error(line);
			free(line);
			free(said);
			cli_print_diags(&errs);
		}
	}
	free(cause);
	diag_list_clear(&errs);
	return (int)status;
}
