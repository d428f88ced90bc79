/*
 * `frontdesk checkin CODE|REG_NO`: the desk's main act from the command line,
 * with the evidence amber cases ask for (--voucher-seen, --pay card:REF).
 */
#include "cli.h"
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *outcome_name(enum checkin_outcome o)
{
	return o == CHECKIN_DONE ? "checked_in" : o == CHECKIN_ALREADY ? "already" : "refused";
}

static void print_json(const struct checkin_result *r)
{
	struct json j = JSON_INIT;
	const struct verdict *v = &r->verdict;

	json_object_begin(&j);
	json_kv_string(&j, "result", outcome_name(r->outcome));
	json_kv_string(&j, "reg_no", r->person ? r->person->reg_no : NULL);
	json_kv_string(&j, "name", r->person ? r->person->name : NULL);
	json_kv_string(&j, "verdict", rules_colour_name(v->colour));
	json_key(&j, "reasons");
	json_array_begin(&j);
	for (size_t i = 0; i < v->n_reasons; i++) {
		json_string(&j, rules_reason_code(v->reasons[i]));
	}
	json_array_end(&j);
	json_key(&j, "needs");
	json_array_begin(&j);
	if (r->gate == GATE_NEEDS_VOUCHER) {
		json_string(&j, "voucher");
	}
	if (r->gate == GATE_NEEDS_CARD) {
		json_string(&j, "card");
	}
	json_array_end(&j);
	json_kv_int(&j, "to_pay", v->to_pay);
	json_kv_int(&j, "paid_on_site", r->paid_on_site);
	if (r->outcome == CHECKIN_ALREADY) {
		json_key(&j, "earlier");
		json_object_begin(&j);
		json_kv_string(&j, "at", r->person->checkin_at);
		json_kv_string(&j, "desk", r->person->checkin_desk);
		json_kv_string(&j, "operator", r->person->checkin_operator);
		json_object_end(&j);
	}
	json_key(&j, "lodging");
	cli_json_lodging(&j, &r->lodging);
	json_kv_string(&j, "message", r->message);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

/* Splits "card:REF" into the reference; NULL when the form is wrong. */
static const char *card_reference(const char *pay)
{
	return strncmp(pay, "card:", 5) == 0 ? pay + 5 : NULL;
}

int cmd_checkin(struct cli *cli)
{
	const char *query[1], *pay = NULL, *invoice = NULL, *taxpayer = NULL;
	bool voucher = false;
	size_t n;
	const struct cli_option options[] = {{"--voucher-seen", NULL, &voucher},
	                                     {"--pay", &pay, NULL},
	                                     {"--invoice-title", &invoice, NULL},
	                                     {"--taxpayer-no", &taxpayer, NULL},
	                                     {NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;

	if (!cli_parse(cli, options, query, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1) {
		return cli_usage(cli, "需要二维码或报名编号");
	}
	if (pay != NULL && card_reference(pay) == NULL) {
		return cli_usage(cli, "--pay 的格式是 card:POS凭证号");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	struct checkin_request req = {query[0], voucher, pay ? card_reference(pay) : NULL, invoice,
	                              taxpayer};
	struct checkin_result r;
	enum action_status status = action_checkin(desk, &req, &r);
	if (cli->json) {
		print_json(&r);
	} else if (status == ACTION_OK) {
		cli_say(r.message);
		cli_print_lodging(&r.lodging);
	} else {
		cli_error(r.message ? r.message : "?");
	}
	action_checkin_release(&r);
	desk_close(desk);
	return (int)status;
}
