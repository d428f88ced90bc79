/*
 * `frontdesk badge REG_NO --out FILE.pdf [--size default|a6]` and
 * `frontdesk badges --all [--sheet a4 | --size SIZE] --out FILE.pdf`: badge
 * PDFs without a printer, to look at one before the event or to pre-print
 * every registration's badge on sheets (DESIGN section 3, "Badge"). The
 * layouts are files under assets/badge/, found like the demo event.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/badges.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/badge.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

static void report(const struct cli *cli, const char *out, const struct badges_result *r)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "pdf", out);
		json_kv_int(&j, "badges", r->badges);
		json_kv_int(&j, "pages", r->pages);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
		return;
	}
	char *msg = say("已生成 %d 张胸牌（%d 页）：%s", r->badges, r->pages, out);
	cli_say(msg);
	free(msg);
}

/* What both commands share once their options are read. */
static int run_badges(struct cli *cli, const char *reg_no, const char *size, const char *out)
{
	int exit_code = EXIT_DONE;
	struct desk *desk = cli_open_desk(cli, &exit_code);
	struct badges_result r;

	if (desk == NULL) {
		return exit_code;
	}
	badge_process_lean(); /* one PDF, then exit: memory over speed (badge.h) */
	enum action_status status = action_badges(desk, reg_no, size, out, &r);
	if (status == ACTION_OK) {
		report(cli, out, &r);
	} else {
		cli_error(r.message ? r.message : "?");
	}
	action_badges_release(&r);
	desk_close(desk);
	return (int)status;
}

int cmd_badge(struct cli *cli)
{
	const char *out = NULL, *size = "default";
	const char *reg_no[1];
	size_t n;
	const struct cli_option options[] = {
	    {"--out", &out, NULL}, {"--size", &size, NULL}, {NULL, NULL, NULL}};

	if (!cli_parse(cli, options, reg_no, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1 || out == NULL) {
		return cli_usage(cli, "需要报名编号和 --out");
	}
	return run_badges(cli, reg_no[0], size, out);
}

int cmd_badges(struct cli *cli)
{
	const char *out = NULL, *sheet = NULL, *size = NULL;
	bool all = false;
	size_t n;
	const struct cli_option options[] = {{"--out", &out, NULL},
	                                     {"--sheet", &sheet, NULL},
	                                     {"--size", &size, NULL},
	                                     {"--all", NULL, &all},
	                                     {NULL, NULL, NULL}};

	if (!cli_parse(cli, options, NULL, 0, &n)) {
		return EXIT_USAGE;
	}
	if (!all || out == NULL || (sheet != NULL && size != NULL)) {
		return cli_usage(cli, "需要 --all 和 --out，--sheet 与 --size 二选一");
	}
	return run_badges(cli, NULL, sheet ? sheet : size ? size : "default", out);
}
