/*
 * common holds the plumbing every subcommand needs, so each cmd_*.c file is
 * only about its own command.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

/*
 * Every word the CLI prints passes through here: messages and tables quote
 * roster text, event settings and operator names, none of which may reach the
 * terminal with a control character or an escape sequence (text.h).
 * scripts/check refuses a printf, puts or fprintf to stdout or stderr
 * anywhere else in src/cli.
 */
static void __attribute__((format(printf, 2, 0)))
print_clean(FILE *out, const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);
	char *safe = text_sanitize_lines(text);
	fputs(safe, out);
	free(safe);
	free(text);
}

void cli_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_clean(stdout, fmt, ap);
	va_end(ap);
}

void cli_eprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_clean(stderr, fmt, ap);
	va_end(ap);
}

void cli_error(const char *message)
{
	char *safe = text_sanitize(message ? message : "?");

	cli_eprintf("frontdesk: %s\n", safe);
	free(safe);
}

void cli_say(const char *message)
{
	char *safe = text_sanitize(message ? message : "");

	cli_printf("%s\n", safe);
	free(safe);
}

/* Options whose value is stored and later shown, exported and merged (cli_parse checks them). */
static const char *const stored_text_options[] = {"--operator", "--reason",        "--pay",
                                                  "--card",     "--invoice-title", "--taxpayer-no"};

bool cli_text_ok(const char *option, const char *value)
{
	if (!text_has_control(value)) {
		return true;
	}
	cli_esayf("frontdesk: %s 的值含有控制字符（如 Tab 或 ESC），未做任何改动；请去掉后重试",
	          option);
	return false;
}

static bool is_stored_text(const char *option)
{
	for (size_t i = 0; i < sizeof(stored_text_options) / sizeof(stored_text_options[0]); i++) {
		if (strcmp(stored_text_options[i], option) == 0) {
			return true;
		}
	}
	return false;
}

static const struct {
	const char *command;
	const char *usage;
} usages[] = {
    {"init", "frontdesk init --event event.ini --rooms rooms.csv [--db FILE] [--json]"},
    {"import", "frontdesk import roster.csv [--collective collective.csv] [--db FILE] [--json] | "
               "import --sessions sessions.csv [--json]"},
    {"lookup", "frontdesk lookup QUERY [--db FILE] [--json]"},
    {"report", "frontdesk report summary|payments|refunds|conflicts|attendance|certificates "
               "[--db FILE] [--json]"},
    {"sessions", "frontdesk sessions [--json]"},
    {"attend", "frontdesk attend CODE|REG_NO [--session ID] [--sign-out] [--at TIME] "
               "[--pin PIN --reason TEXT] [--json]"},
    {"excuse", "frontdesk excuse REG_NO --session ID --reason TEXT --pin PIN [--json]"},
    {"checkin", "frontdesk checkin CODE|REG_NO [--voucher-seen] [--pay card:REF] "
                "[--invoice-title TITLE] [--taxpayer-no NO] [--operator NAME]"},
    {"pay", "frontdesk pay REG_NO --amount N --card REF [--invoice-title TITLE] "
            "[--taxpayer-no NO]"},
    {"reject", "frontdesk reject REG_NO|CODE --reason TEXT"},
    {"undo", "frontdesk undo REG_NO|CODE --pin PIN"},
    {"rooms", "frontdesk rooms plan|list|free [--csv FILE] [--json] | rooms settle --pin PIN | "
              "rooms walkin REG_NO --type king|twin_single|bed [--arrive D --depart D] --pin PIN "
              "[--json]"},
    {"desk-id", "frontdesk desk-id ID [--db FILE] [--json]"},
    {"tickets", "frontdesk tickets [--out DIR] [--json]"},
    {"export", "frontdesk export [--to DIR] [--json] | export --verify DIR [--json]"},
    {"merge", "frontdesk merge [FOLDER|bundle.jsonl] [--dry-run] [--json]"},
    {"scan", "frontdesk scan IMAGE [--json] | scan --all IMAGE [--json] | scan --camera "
             "DEVICE|dir:PATH [--seconds N] [--json]"},
    {"print", "frontdesk print REG_NO [--reason TEXT] | print --status [--json] | print --retry "
              "| print --run [--wait SECONDS]"},
    {"badge", "frontdesk badge REG_NO --out FILE.pdf [--size default|a6]"},
    {"badges", "frontdesk badges --all [--sheet a4 | --size default|a6] --out FILE.pdf"},
    {"doctor", "frontdesk doctor [--test-page] [--json]"},
};

/* Prints a problem already said and the subcommand's usage line. Returns EXIT_USAGE. */
static int usage_said(const struct cli *cli, const char *problem)
{
	cli_eprintf("frontdesk %s: %s\n", cli->argv[0], problem);
	for (size_t i = 0; i < sizeof(usages) / sizeof(usages[0]); i++) {
		if (strcmp(usages[i].command, cli->argv[0]) == 0) {
			char *label = say_text("用法");
			cli_eprintf("%s: %s\n", label, usages[i].usage);
			free(label);
		}
	}
	return EXIT_USAGE;
}

int cli_usage(const struct cli *cli, const char *problem)
{
	char *said = say_text(problem);

	usage_said(cli, said);
	free(said);
	return EXIT_USAGE;
}

void cli_sayf(const char *msgid, ...)
{
	va_list ap;

	va_start(ap, msgid);
	char *said = vsay(msgid, ap);
	va_end(ap);
	cli_printf("%s\n", said);
	free(said);
}

void cli_esayf(const char *msgid, ...)
{
	va_list ap;

	va_start(ap, msgid);
	char *said = vsay(msgid, ap);
	va_end(ap);
	cli_eprintf("%s\n", said);
	free(said);
}

static const struct cli_option *find_option(const struct cli_option *options, const char *arg)
{
	for (; options->name != NULL; options++) {
		if (strcmp(options->name, arg) == 0) {
			return options;
		}
	}
	return NULL;
}

bool cli_parse(const struct cli *cli, const struct cli_option *options, const char **positional,
               size_t max, size_t *n_positional)
{
	*n_positional = 0;
	for (int i = 1; i < cli->argc; i++) {
		const char *arg = cli->argv[i];
		const struct cli_option *opt =
		    arg[0] == '-' && arg[1] ? find_option(options, arg) : NULL;
		if (arg[0] == '-' && arg[1] && opt == NULL) {
			char *msg = say("未知选项 %s", arg);
			usage_said(cli, msg);
			free(msg);
			return false;
		}
		if (opt != NULL && opt->flag != NULL) {
			*opt->flag = true;
		} else if (opt != NULL) {
			if (i + 1 >= cli->argc) {
				char *msg = say("选项 %s 缺少值", arg);
				usage_said(cli, msg);
				free(msg);
				return false;
			}
			*opt->value = cli->argv[++i];
			if (is_stored_text(arg) && !cli_text_ok(arg, *opt->value)) {
				return false;
			}
		} else if (*n_positional < max) {
			positional[(*n_positional)++] = arg;
		} else {
			char *msg = say("多余的参数 %s", arg);
			usage_said(cli, msg);
			free(msg);
			return false;
		}
	}
	return true;
}

struct desk *cli_open_desk(const struct cli *cli, int *exit_code)
{
	enum action_status status = ACTION_FAILED;
	char *cause = NULL;
	struct desk *desk = desk_open(cli->db_path, cli->operator_name, &status, &cause);

	if (desk == NULL) {
		cli_error(cause);
		free(cause);
		*exit_code = (int)status;
	}
	return desk;
}

struct desk *cli_open_desk_read_only(const struct cli *cli, int *exit_code)
{
	enum action_status status = ACTION_FAILED;
	char *cause = NULL;
	struct desk *desk = desk_open_read_only(cli->db_path, &status, &cause);

	if (desk == NULL) {
		cli_error(cause);
		free(cause);
		*exit_code = (int)status;
	}
	return desk;
}

void cli_print_json(const struct json *j)
{
	fputs(json_text(j), stdout);
	fputc('\n', stdout);
}

void cli_json_stream(struct json *j)
{
	json_stream_to(j, stdout);
}

void cli_print_diags(const struct diag_list *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		cli_eprintf("  %s\n", errs->items[i].message);
	}
}

void cli_json_diags(struct json *j, const char *key, const struct diag_list *errs)
{
	json_key(j, key);
	json_array_begin(j);
	for (size_t i = 0; i < errs->n; i++) {
		json_object_begin(j);
		json_kv_int(j, "line", errs->items[i].line);
		json_kv_string(j, "column", errs->items[i].column);
		json_kv_string(j, "message", errs->items[i].message);
		json_object_end(j);
	}
	json_array_end(j);
}

/* Creates dir and its parents with mode 0700 (the database holds personal data). */
static void make_private_dirs(const char *dir)
{
	char *copy = xstrdup(dir);

	for (char *p = copy + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(copy, 0700);
			*p = '/';
		}
	}
	mkdir(copy, 0700);
	free(copy);
}

char *cli_default_db(const char *file_name)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;

	if (xdg != NULL && xdg[0] == '/') {
		dir = xasprintf("%s/frontdesk", xdg);
	} else {
		dir = xasprintf("%s/.local/share/frontdesk", home && home[0] ? home : ".");
	}
	make_private_dirs(dir);
	char *path = xasprintf("%s/%s", dir, file_name);
	free(dir);
	return path;
}

char *cli_demo_dir(void)
{
	const char *env = getenv("FRONTDESK_ASSETS");
	/* an installed binary never reads a source tree that happens to be on the machine */
	const char *source = cli_running_from_build() ? FRONTDESK_SOURCE_ASSETS : NULL;
	const char *candidates[] = {env, source, FRONTDESK_INSTALLED_ASSETS};

	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		if (candidates[i] == NULL) {
			continue;
		}
		char *dir = xasprintf("%s/demo", candidates[i]);
		char *ini = xasprintf("%s/event.ini", dir);
		bool found = access(ini, R_OK) == 0;
		free(ini);
		if (found) {
			return dir;
		}
		free(dir);
	}
	return NULL;
}
