/*
 * `frontdesk pay`, `reject` and `undo`: the smaller desk actions. Each prints
 * what happened (or why not) and exits with the contract's code.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desk_records.h"
#include "frontdesk/roster.h"

/* Prints an action's outcome in words or as {"result","message"}; returns the exit code. */
static int report(const struct cli *cli, enum action_status status, const char *done_word,
                  char *message)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "result", status == ACTION_OK ? done_word : "refused");
		json_kv_string(&j, "message", message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else if (status == ACTION_OK) {
		cli_say(message);
	} else {
		cli_error(message ? message : "?");
	}
	free(message);
	return (int)status;
}

int cmd_pay(struct cli *cli)
{
	const char *who[1], *amount = NULL, *card = NULL, *invoice = NULL, *taxpayer = NULL;
	size_t n;
	const struct cli_option options[] = {{"--amount", &amount, NULL},
	                                     {"--card", &card, NULL},
	                                     {"--invoice-title", &invoice, NULL},
	                                     {"--taxpayer-no", &taxpayer, NULL},
	                                     {NULL, NULL, NULL}};
	int exit_code = EXIT_DONE, yuan = 0;
	char *message = NULL;

	if (!cli_parse(cli, options, who, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1 || amount == NULL || card == NULL) {
		return cli_usage(cli, "需要报名编号、--amount 和 --card");
	}
	if (!roster_parse_amount(amount, &yuan) || yuan <= 0) {
		return cli_usage(cli, "--amount 应为正整数元");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	struct pay_request p = {yuan, card, invoice, taxpayer};
	enum action_status status = action_pay(desk, who[0], &p, &message);
	desk_close(desk);
	return report(cli, status, "paid", message);
}

int cmd_reject(struct cli *cli)
{
	const char *who[1], *reason = NULL;
	size_t n;
	const struct cli_option options[] = {{"--reason", &reason, NULL}, {NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;
	char *message = NULL;

	if (!cli_parse(cli, options, who, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1 || reason == NULL) {
		return cli_usage(cli, "需要报名编号和 --reason");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	enum action_status status = action_reject(desk, who[0], reason, &message);
	desk_close(desk);
	return report(cli, status, "rejected", message);
}

int cmd_undo(struct cli *cli)
{
	const char *who[1], *pin = NULL;
	size_t n;
	const struct cli_option options[] = {{"--pin", &pin, NULL}, {NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;
	char *message = NULL;

	if (!cli_parse(cli, options, who, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1 || pin == NULL) {
		return cli_usage(cli, "需要报名编号和主管 --pin");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	enum action_status status = action_undo(desk, who[0], pin, &message);
	desk_close(desk);
	return report(cli, status, "undone", message);
}
