/*
 * `frontdesk tickets [--out DIR]`: the tickets the organisers send out before
 * the event: a QR picture per registration, tickets.csv for their SMS or mail
 * tool and tickets.pdf to print (see action_tickets).
 */
#include "cli.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/tickets.h"

#include <stdio.h>
#include <stdlib.h>

static void print_json(const struct tickets_result *r, const char *cause)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_int(&j, "tickets", r->written);
	json_kv_string(&j, "dir", r->dir);
	json_kv_int(&j, "withdrawn", r->withdrawn);
	json_kv_string(&j, "csv", r->csv_path);
	json_kv_string(&j, "pdf", r->pdf_path);
	if (cause != NULL) {
		json_kv_string(&j, "message", cause);
	}
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

int cmd_tickets(struct cli *cli)
{
	const char *out_dir = NULL;
	size_t n;
	const struct cli_option options[] = {{"--out", &out_dir, NULL}, {NULL, NULL, NULL}};
	struct tickets_result r;
	char *cause = NULL;
	int exit_code = EXIT_DONE;

	/* no positional arguments: cli_parse refuses any */
	if (!cli_parse(cli, options, NULL, 0, &n)) {
		return EXIT_USAGE;
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	enum action_status status = action_tickets(desk, out_dir, &r, &cause);
	if (cli->json) {
		print_json(&r, cause);
	} else if (status == ACTION_OK) {
		cli_sayf("已生成 %d 张票，在 %s（%s，%s）", r.written, r.dir, r.csv_path,
		         r.pdf_path);
		if (r.withdrawn > 0) {
			cli_sayf("已跳过 %d 个已退出的报名", r.withdrawn);
		}
	}
	if (cause != NULL) {
		cli_error(cause);
	}
	free(cause);
	action_tickets_release(&r);
	desk_close(desk);
	return (int)status;
}
