/*
 * `frontdesk doctor [--test-page] [--json]`: the pre-flight check before the
 * doors open (actions/doctor.h), one screen of ✓ and ✗ lines, each ✗ with
 * what to do. Exit code 0 only when every check holds, 1 otherwise.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "frontdesk/actions/doctor.h"
#include "frontdesk/say.h"
#include "frontdesk/testseam.h"

/* The terminal's size from whichever standard stream is one; 0x0 when none is. */
static void terminal_size(int *cols, int *rows)
{
	const int fds[] = {STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO};
	struct winsize ws;

	*cols = 0;
	*rows = 0;
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (isatty(fds[i]) && ioctl(fds[i], TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
			*cols = ws.ws_col;
			*rows = ws.ws_row;
			return;
		}
	}
}

static void print_json(const struct doctor_report *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "result", action_doctor_all_ok(r) ? "ok" : "problems");
	json_key(&j, "checks");
	json_array_begin(&j);
	for (size_t i = 0; i < r->n; i++) {
		json_object_begin(&j);
		json_kv_string(&j, "name", r->checks[i].name);
		json_kv_bool(&j, "ok", r->checks[i].ok);
		json_kv_string(&j, "found", r->checks[i].found);
		json_kv_string(&j, "advice", r->checks[i].advice);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static void print_lines(const struct doctor_report *r)
{
	size_t failed = 0;

	for (size_t i = 0; i < r->n; i++) {
		const struct doctor_check *c = &r->checks[i];
		char *title = say_text(c->title);
		cli_printf("%s %s: %s\n", c->ok ? "✓" : "✗", title, c->found);
		if (!c->ok) {
			cli_printf("    → %s\n", c->advice);
			failed++;
		}
		free(title);
	}
	if (failed == 0) {
		cli_sayf("全部 %zu 项检查通过，可以开始签到", r->n);
	} else {
		cli_sayf("%zu 项未通过：请按箭头后的说明处理，然后再运行 frontdesk doctor", failed);
	}
}

int cmd_doctor(struct cli *cli)
{
	bool test_page = false;
	const struct cli_option options[] = {{"--test-page", NULL, &test_page}, {NULL, NULL, NULL}};
	const char *none[1];
	size_t n;
	struct doctor_report report;

	if (!cli_parse(cli, options, none, 0, &n)) {
		return EXIT_USAGE;
	}
	/* the character set the desk screen will run under: the user's, not the CLI's */
	setlocale(LC_CTYPE, "");
	struct doctor_env env = {.db_path = cli->db_path,
	                         .codeset = nl_langinfo(CODESET),
	                         .test_page = test_page,
	                         .mounts = testseam_mounts_path(),
	                         .sys_block = testseam_sys_block_path()};
	terminal_size(&env.cols, &env.rows);
	action_doctor(&env, &report);
	if (cli->json) {
		print_json(&report);
	} else {
		print_lines(&report);
	}
	int code = action_doctor_all_ok(&report) ? EXIT_DONE : EXIT_REFUSED;
	action_doctor_release(&report);
	return code;
}
