/*
 * `frontdesk report summary`: the day's figures for the supervisor.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/actions/report.h"
#include "frontdesk/text.h"

static void print_summary(const struct cli *cli, const struct summary *s)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_int(&j, "expected", s->expected);
		json_kv_int(&j, "checked_in", s->checked_in);
		json_kv_int(&j, "to_collect", s->to_collect);
		json_kv_int(&j, "refunds_total", s->refunds_total);
		json_kv_int(&j, "supplement_nights", s->supplement_nights);
		json_kv_int(&j, "registered", s->registered);
		json_kv_int(&j, "conflicts", s->conflicts);
		json_key(&j, "verdicts");
		json_object_begin(&j);
		json_kv_int(&j, "green", s->green);
		json_kv_int(&j, "amber", s->amber);
		json_kv_int(&j, "red", s->red);
		json_object_end(&j);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
		return;
	}
	cli_printf("报名记录 registrations:      %d\n", s->registered);
	cli_printf("应到 expected (已通过):      %d\n", s->expected);
	cli_printf("已签到 checked in:           %d\n", s->checked_in);
	cli_printf("待现场收费 to collect:       %d 元\n", s->to_collect);
	cli_printf("应退款 refunds:              %d 元\n", s->refunds_total);
	cli_printf("单住补差晚数 supplement nights: %d\n", s->supplement_nights);
	cli_printf("结论 verdicts: 绿 green %d · 黄 amber %d · 红 red %d\n", s->green, s->amber,
	           s->red);
	cli_printf("合并冲突 merge conflicts:    %d\n", s->conflicts);
}

static void print_refunds(const struct cli *cli, const struct refund_report *r)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_key(&j, "refunds");
		json_array_begin(&j);
		for (size_t i = 0; i < r->n; i++) {
			const struct refund_line *l = &r->lines[i];
			json_object_begin(&j);
			json_kv_string(&j, "kind", rules_refund_reason_code(l->reason));
			json_kv_string(&j, "reg_no", l->reg_no);
			json_kv_string(&j, "name", l->name);
			json_kv_string(&j, "organisation", l->organisation);
			json_kv_string(&j, "reference", l->reference);
			json_kv_int(&j, "amount", l->amount);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_kv_int(&j, "total", r->total);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
		return;
	}
	cli_printf("应退款 refunds (%zu):\n", r->n);
	for (size_t i = 0; i < r->n; i++) {
		const struct refund_line *l = &r->lines[i];
		char *name = text_sanitize(l->name ? l->name : "");
		cli_printf("  %-14s %-12s %6d 元  %s %s\n", l->reg_no ? l->reg_no : l->reference,
		           name, l->amount, rules_refund_reason_text(l->reason),
		           rules_refund_reason_code(l->reason));
		free(name);
	}
	cli_printf("合计 total: %d 元\n", r->total);
}

static void print_payments(const struct cli *cli, const struct payment_report *r)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_key(&j, "payments");
		json_array_begin(&j);
		for (size_t i = 0; i < r->n; i++) {
			const struct payment_report_line *l = &r->lines[i];
			json_object_begin(&j);
			json_kv_string(&j, "reg_no", l->reg_no);
			json_kv_string(&j, "name", l->name);
			json_kv_int(&j, "amount", l->amount);
			json_kv_string(&j, "reference", l->reference);
			json_kv_string(&j, "invoice_title", l->invoice_title);
			json_kv_string(&j, "taxpayer_no", l->taxpayer_no);
			json_kv_string(&j, "at", l->at);
			json_kv_string(&j, "desk", l->desk_id);
			json_kv_string(&j, "operator", l->operator_name);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_kv_int(&j, "total", r->total);
		json_kv_int(&j, "to_collect", r->to_collect);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
		return;
	}
	cli_printf("现场刷卡 on-site card payments (%zu):\n", r->n);
	for (size_t i = 0; i < r->n; i++) {
		const struct payment_report_line *l = &r->lines[i];
		char *name = text_sanitize(l->name ? l->name : "");
		cli_printf("  %s  %-14s %-12s %6d 元  POS %s  %s\n", l->at, l->reg_no, name,
		           l->amount, l->reference, l->invoice_title ? l->invoice_title : "");
		free(name);
	}
	cli_printf("合计 total: %d 元；仍待收取 still to collect: %d 元\n", r->total,
	           r->to_collect);
}

static void print_conflicts(const struct cli *cli, struct desk *desk)
{
	struct conflict_report r;

	action_report_conflicts(desk, &r);
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		cli_json_conflicts(&j, &r);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		cli_print_conflicts(&r);
	}
	action_conflicts_release(&r);
}

int cmd_report(struct cli *cli)
{
	const char *what[1];
	size_t n;
	const struct cli_option options[] = {{NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;

	if (!cli_parse(cli, options, what, 1, &n)) {
		return EXIT_USAGE;
	}
	bool summary = n == 1 && strcmp(what[0], "summary") == 0;
	bool refunds = n == 1 && strcmp(what[0], "refunds") == 0;
	bool payments = n == 1 && strcmp(what[0], "payments") == 0;
	bool conflicts = n == 1 && strcmp(what[0], "conflicts") == 0;
	bool attendance = n == 1 && strcmp(what[0], "attendance") == 0;
	bool certificates = n == 1 && strcmp(what[0], "certificates") == 0;
	if (!summary && !refunds && !payments && !conflicts && !attendance && !certificates) {
		return cli_usage(
		    cli, "可选 summary、payments、refunds、conflicts、attendance、certificates");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	if (attendance || certificates) {
		exit_code = cli_report_sessions(cli, desk, certificates);
	} else if (summary) {
		struct summary s;
		exit_code = (int)action_report_summary(desk, &s);
		print_summary(cli, &s);
	} else if (conflicts) {
		print_conflicts(cli, desk);
	} else if (refunds) {
		struct refund_report r;
		exit_code = (int)action_report_refunds(desk, &r);
		print_refunds(cli, &r);
		action_refunds_release(&r);
	} else {
		struct payment_report r;
		exit_code = (int)action_report_payments(desk, &r);
		print_payments(cli, &r);
		action_payments_release(&r);
	}
	desk_close(desk);
	return exit_code;
}
