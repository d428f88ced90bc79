/*
 * `frontdesk --demo`: prepares the bundled demo event in its own database the
 * first time, then opens it. Until the desk screen exists it prints the summary.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "frontdesk/say.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/import.h"
#include "frontdesk/actions/init.h"
#include "frontdesk/actions/sessions.h"
#include "frontdesk/xmalloc.h"

/* Builds the demo database from assets/demo; returns an exit code. */
static int create_demo(struct cli *cli, const char *dir)
{
	char *ini = xasprintf("%s/event.ini", dir);
	char *rooms = xasprintf("%s/rooms.csv", dir);
	char *roster = xasprintf("%s/roster.csv", dir);
	char *collective = xasprintf("%s/collective.csv", dir);
	char *sessions = xasprintf("%s/sessions.csv", dir);
	struct diag_list errs = DIAG_LIST_INIT;
	char *cause = NULL;
	int code = (int)action_init(cli->db_path, ini, rooms, &errs, &cause);

	if (code == EXIT_DONE) {
		struct desk *desk = cli_open_desk(cli, &code);
		struct import_outcome out;
		if (desk != NULL) {
			code = (int)action_import(desk, roster, collective, NULL, &out, &cause);
			errs = out.errors;
			out.errors = (struct diag_list)DIAG_LIST_INIT;
			action_import_release(&out);
		}
		if (desk != NULL && code == EXIT_DONE) {
			struct sessions_import programme;
			code = (int)action_import_sessions(desk, sessions, &programme, &cause);
			for (size_t i = 0; i < programme.errors.n; i++) {
				const struct diag *d = &programme.errors.items[i];
				diag_add(&errs, d->line, d->column, "%s", d->message);
			}
			action_sessions_import_release(&programme);
		}
		desk_close(desk);
	}
	if (code != EXIT_DONE) {
		char *failed = say_text("无法创建演示数据库");
		char *line = xasprintf("%s:", failed);
		cli_error(line);
		free(line);
		free(failed);
		if (cause) {
			cli_error(cause);
		}
		cli_print_diags(&errs);
		unlink(cli->db_path);
	} else {
		char *created = say_text("已创建演示数据库");
		cli_printf("%s: %s\n", created, cli->db_path);
		free(created);
	}
	diag_list_clear(&errs);
	free(cause);
	free(ini);
	free(rooms);
	free(roster);
	free(collective);
	free(sessions);
	return code;
}

int cmd_demo(struct cli *cli)
{
	char *dir = cli_demo_dir();
	int code = EXIT_DONE;

	if (dir == NULL) {
		cli_esayf("frontdesk: 找不到演示数据 assets/demo，请设置 FRONTDESK_ASSETS");
		return EXIT_INTERNAL;
	}
	if (access(cli->db_path, F_OK) != 0) {
		code = create_demo(cli, dir);
	}
	free(dir);
	if (code != EXIT_DONE) {
		return code;
	}
	return cmd_desk_screen(cli);
}
