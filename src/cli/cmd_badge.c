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

#include "config.h"
#include "frontdesk/badge.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"

/* The layout file for size, or NULL after saying why. The caller frees it. */
static char *find_layout(const char *size)
{
	const char *roots[] = {getenv("FRONTDESK_ASSETS"), FRONTDESK_SOURCE_ASSETS,
	                       FRONTDESK_INSTALLED_ASSETS};
	char *path = badge_layout_path(roots, sizeof(roots) / sizeof(roots[0]), size);

	if (path == NULL) {
		char *msg = xasprintf("找不到胸牌版式 %s（badge/%s.ini）/ no badge layout %s "
		                      "(badge/%s.ini)",
		                      size, size, size, size);
		cli_error(msg);
		free(msg);
	}
	return path;
}

/* Adds attendee a's badge to the sheet. False with *cause. */
static bool add_badge(struct desk *desk, struct badge_sheet *sheet, const struct attendee *a,
                      char **cause)
{
	char code[TICKET_CODE_LEN + 1];

	if (!ticket_format(desk->cfg->code, a->id, a->secret, code)) {
		*cause = xasprintf("%s 的签到码无法生成 / no ticket code can be made for %s",
		                   a->reg_no, a->reg_no);
		return false;
	}
	struct badge_fields f = {desk->cfg->name, a->name, a->organisation, a->position, code};
	return badge_sheet_add(sheet, &f, cause);
}

/* Adds the badges of ids (one id when reg_no was given); *count says how many. */
static bool add_all(struct desk *desk, struct badge_sheet *sheet, const long *ids, size_t n,
                    int *count, char **cause)
{
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		struct attendee *a = query_attendee(desk->db, ids[i], &desk->cfg->fees);
		if (a != NULL && (n == 1 || !a->withdrawn)) {
			ok = add_badge(desk, sheet, a, cause);
			*count += ok;
		}
		query_attendee_free(a);
	}
	return ok;
}

static void report(const struct cli *cli, const char *out, int count, int pages)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "pdf", out);
		json_kv_int(&j, "badges", count);
		json_kv_int(&j, "pages", pages);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
		return;
	}
	char *msg = xasprintf("已生成 %d 张胸牌（%d 页）：%s / %d badges (%d pages) written to %s",
	                      count, pages, out, count, pages, out);
	cli_say(msg);
	free(msg);
}

/* Renders the badges of ids into out with the layout file at layout_path. */
static int render(struct cli *cli, struct desk *desk, const char *layout_path, const long *ids,
                  size_t n, const char *out)
{
	char *cause = NULL;
	int count = 0, pages = 0;
	struct badge_layout *l = badge_layout_load(layout_path, &cause);
	struct badge_sheet *sheet = l ? badge_sheet_new(l, out, &cause) : NULL;
	bool ok = sheet != NULL && add_all(desk, sheet, ids, n, &count, &cause);

	if (ok) {
		pages = badge_sheet_pages(sheet);
		ok = badge_sheet_finish(sheet, &cause);
	} else {
		badge_sheet_discard(sheet);
	}
	badge_layout_free(l);
	if (ok) {
		report(cli, out, count, pages);
	} else {
		cli_error(cause ? cause : "?");
	}
	free(cause);
	return ok ? EXIT_DONE : EXIT_INTERNAL;
}

/* What both commands share once their options are read. */
static int run_badges(struct cli *cli, const char *reg_no, const char *size, const char *out)
{
	int exit_code = EXIT_DONE;
	char *layout_path = find_layout(size);

	if (layout_path == NULL) {
		return EXIT_INTERNAL;
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	long *ids = NULL;
	size_t n = 0;
	if (desk != NULL && reg_no != NULL) {
		ids = xmalloc(sizeof(long));
		ids[0] = query_id_by_reg_no(desk->db, reg_no);
		n = 1;
	} else if (desk != NULL) {
		n = query_all_ids(desk->db, &ids);
	}
	if (desk != NULL && reg_no != NULL && ids[0] < 0) {
		char *msg = xasprintf("没有报名编号 %s / no registration %s", reg_no, reg_no);
		cli_error(msg);
		free(msg);
		exit_code = EXIT_USAGE;
	} else if (desk != NULL) {
		exit_code = render(cli, desk, layout_path, ids, n, out);
	}
	free(ids);
	desk_close(desk);
	free(layout_path);
	return exit_code;
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
		return cli_usage(cli, "需要报名编号和 --out / REG_NO and --out are needed");
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
		return cli_usage(cli,
		                 "需要 --all 和 --out，--sheet 与 --size 二选一 / --all and --out "
		                 "are needed, and at most one of --sheet and --size");
	}
	return run_badges(cli, NULL, sheet ? sheet : size ? size : "default", out);
}
