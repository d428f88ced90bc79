/*
 * `frontdesk attend CODE|REG_NO [--session ID] [--sign-out] [--at TIME]
 * [--pin PIN --reason TEXT]`: a scan at a hall door from the command line,
 * the same act as the desk screen's session mode. Exit 0 recorded, 1 refused
 * or recorded already, 2 bad input.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/actions/attend.h"
#include "frontdesk/date.h"

static void print_json(const struct attend_result *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "result", r->code);
	json_kv_bool(&j, "recorded", r->recorded);
	json_kv_string(&j, "colour",
	               r->decision.colour == ATTEND_GREEN   ? "green"
	               : r->decision.colour == ATTEND_AMBER ? "amber"
	                                                    : "red");
	json_kv_string(&j, "reg_no", r->reg_no);
	json_kv_string(&j, "name", r->name);
	json_kv_string(&j, "session", r->has_session ? r->session.id : NULL);
	json_kv_string(&j, "title", r->has_session ? r->session.title : NULL);
	json_kv_int(&j, "late_minutes", r->decision.late_minutes);
	json_kv_int(&j, "early_minutes", r->decision.early_minutes);
	json_kv_bool(&j, "supervisor_may_record", r->decision.overridable);
	json_kv_string(&j, "message", r->message);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

int cmd_attend(struct cli *cli)
{
	struct attend_order order = {0};
	bool sign_out = false;
	const char *what[1];
	size_t n;
	const struct cli_option options[] = {{"--session", &order.session_id, NULL},
	                                     {"--sign-out", NULL, &sign_out},
	                                     {"--at", &order.at, NULL},
	                                     {"--pin", &order.pin, NULL},
	                                     {"--reason", &order.reason, NULL},
	                                     {NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;
	struct attend_result r;

	if (!cli_parse(cli, options, what, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1) {
		return cli_usage(cli, "需要胸牌上的码或报名编号");
	}
	order.query = what[0];
	order.sign_out = sign_out;
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	exit_code = (int)action_attend(desk, &order, &r);
	if (cli->json) {
		print_json(&r);
	} else if (r.message != NULL) {
		if (exit_code == EXIT_DONE) {
			cli_say(r.message);
		} else {
			cli_error(r.message);
		}
	}
	action_attend_release(&r);
	desk_close(desk);
	return exit_code;
}
