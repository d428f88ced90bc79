/*
 * cmd_screen starts the desk screen. Scripts and tests that run frontdesk
 * without a terminal get the day's summary instead of a curses screen they
 * could not read.
 */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/tui.h"

int cmd_desk_screen(struct cli *cli)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		char *argv[] = {"report", "summary", NULL};
		struct cli report = *cli;
		report.argc = 2;
		report.argv = argv;
		return cmd_report(&report);
	}
	int code = EXIT_DONE;
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	char *cause = NULL;
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	/* --operator names who is at the desk; otherwise the screen asks first */
	code = tui_run(desk, cli->camera, n > 0 ? self : NULL, cli->operator_name == NULL,
	               cli->session, &cause);
	desk_close(desk);
	if (cause != NULL) {
		cli_error(cause);
		free(cause);
	}
	return code;
}
