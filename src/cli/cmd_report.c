/*
 * `frontdesk report summary`: the day's figures for the supervisor.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

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
	printf("报名记录 registrations:      %d\n", s->registered);
	printf("应到 expected (已通过):      %d\n", s->expected);
	printf("已签到 checked in:           %d\n", s->checked_in);
	printf("待现场收费 to collect:       %d 元\n", s->to_collect);
	printf("应退款 refunds:              %d 元\n", s->refunds_total);
	printf("单住补差晚数 supplement nights: %d\n", s->supplement_nights);
	printf("结论 verdicts: 绿 green %d · 黄 amber %d · 红 red %d\n", s->green, s->amber,
	       s->red);
}

int cmd_report(struct cli *cli)
{
	const char *what[1];
	size_t n;
	const struct cli_option options[] = {{NULL, NULL, NULL}};
	struct summary s;
	int exit_code = EXIT_DONE;

	if (!cli_parse(cli, options, what, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1 || strcmp(what[0], "summary") != 0) {
		return cli_usage(cli, "目前支持 report summary / supported: report summary");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	exit_code = (int)action_report_summary(desk, &s);
	print_summary(cli, &s);
	desk_close(desk);
	return exit_code;
}
