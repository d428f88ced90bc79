/*
 * cli: what the subcommands of the command line share: the global options,
 * option parsing, and bilingual error output. Exit codes are the contract of
 * DESIGN section 5: 0 done, 1 refused, 2 bad usage or input, 3 I/O or internal.
 */
#ifndef FRONTDESK_CLI_H
#define FRONTDESK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/diag.h"
#include "frontdesk/json.h"

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

struct cli {
	char *db_path; /* --db, or the default under $XDG_DATA_HOME */
	bool json;     /* --json */
	const char *operator_name;
	const char *camera; /* --camera for the desk screen, or NULL */
	bool session;       /* --session: the desk screen opens at a hall door (session mode) */
	int argc;           /* the subcommand's own arguments; argv[0] is its name */
	char **argv;
};

/* One option a subcommand accepts. */
struct cli_option {
	const char *name;   /* "--event" */
	const char **value; /* set for options that take a value; NULL for flags */
	bool *flag;         /* set for flags */
};

/*
 * Parses cli->argv[1..] against options; positional arguments go to
 * positional (up to max). Returns false after printing a usage message.
 */
bool cli_parse(const struct cli *cli, const struct cli_option *options, const char **positional,
               size_t max, size_t *n_positional);

/*
 * printf to stdout (cli_printf) or stderr (cli_eprintf) through the output
 * sanitiser (text_sanitize_lines): the only way src/cli writes to the terminal.
 */
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Returns true when the value of option (text that will be stored: operator,
 * reason, POS reference, invoice title, taxpayer number) holds no control
 * character; otherwise says so on stderr, in both languages, and returns false
 * (the command then exits 2). cli_parse checks those options itself.
 */
bool cli_text_ok(const char *option, const char *value);

/* Prints "frontdesk: message" to stderr, control characters made harmless. */
void cli_error(const char *message);
/* Prints a message on stdout, control characters made harmless. */
void cli_say(const char *message);

/* Prints a usage problem (a msgid, said here) and the subcommand's usage line. Returns EXIT_USAGE.
 */
int cli_usage(const struct cli *cli, const char *problem);
/* Prints say(msgid, ...) and a newline on stdout (cli_sayf) or stderr (cli_esayf). */
void cli_sayf(const char *msgid, ...) __attribute__((format(printf, 1, 2)));
void cli_esayf(const char *msgid, ...) __attribute__((format(printf, 1, 2)));

/* Opens the desk database or prints why not; returns NULL and sets *exit_code. */
struct desk *cli_open_desk(const struct cli *cli, int *exit_code);
/* The same for a command that only reads: it works on a read-only database folder. */
struct desk *cli_open_desk_read_only(const struct cli *cli, int *exit_code);

/* Prints the JSON document j on stdout followed by a newline (a stream's last part). */
void cli_print_json(const struct json *j);
/* Makes the empty writer j send its text to stdout as it is written (json_stream_to), for a
 * document too large to hold whole; end it with cli_print_json. */
void cli_json_stream(struct json *j);

/* Prints every problem of errs on stderr, one per line. */
void cli_print_diags(const struct diag_list *errs);

/* Writes errs as a JSON array of {"line","column","message"} under key. */
void cli_json_diags(struct json *j, const char *key, const struct diag_list *errs);

/* Returns the default database path for file name (e.g. "frontdesk.db"), creating its folder 0700.
 */
char *cli_default_db(const char *file_name);

/* True when this process is the binary of the build tree it was compiled in (not installed). */
bool cli_running_from_build(void);
/*
 * Points the message catalogues at the build tree's when running from it,
 * else at the installed ones under the prefix (src/cli/paths.c). Before say_start.
 */
void cli_choose_catalogues(void);

/*
 * Shows the progress of long work (progress.h) as one line on stderr when
 * stderr is a terminal; does nothing otherwise (src/cli/progress_line.c).
 */
void cli_progress_start(void);

/* Returns the folder holding the demo event (assets/demo). The caller frees it. */
char *cli_demo_dir(void);

/* Writes a set of nights as a JSON array of ISO dates. */
void cli_json_nights(struct json *j, long first_night, uint64_t nights);
/* Writes where someone sleeps as the contract's "lodging" object. */
void cli_json_lodging(struct json *j, const struct lodging_info *l);
/* Prints where someone sleeps in words (nothing when no lodging). */
void cli_print_lodging(const struct lodging_info *l);

/* Writes a lookup's contract members ("matches", "total", and the verdict when none) into j. */
void cli_json_lookup(struct json *j, const struct lookup_result *r);
/* Prints a lookup's matches and verdicts in words. */
void cli_print_lookup(const struct lookup_result *r);

struct conflict_report;
/* Writes the merge conflicts as the "conflicts" array of j (merge, report conflicts). */
void cli_json_conflicts(struct json *j, const struct conflict_report *r);
/* Prints the merge conflicts, one line each, or that there are none. */
void cli_print_conflicts(const struct conflict_report *r);

int cmd_init(struct cli *cli);
int cmd_import(struct cli *cli);
int cmd_lookup(struct cli *cli);
int cmd_report(struct cli *cli);
int cmd_demo(struct cli *cli);
int cmd_checkin(struct cli *cli);
int cmd_pay(struct cli *cli);
int cmd_reject(struct cli *cli);
int cmd_undo(struct cli *cli);
int cmd_rooms(struct cli *cli);
int cmd_desk_id(struct cli *cli);
int cmd_doctor(struct cli *cli);
int cmd_sync(struct cli *cli);
int cmd_desks(struct cli *cli);
int cmd_tickets(struct cli *cli);
int cmd_scan(struct cli *cli);
int cmd_print(struct cli *cli);
int cmd_export(struct cli *cli);
int cmd_merge(struct cli *cli);
int cmd_badge(struct cli *cli);
int cmd_badges(struct cli *cli);
int cmd_sessions(struct cli *cli);
int cmd_attend(struct cli *cli);
int cmd_excuse(struct cli *cli);
/* report attendance (certificates false) or report certificates; returns an exit code. */
int cli_report_sessions(const struct cli *cli, struct desk *desk, bool certificates);
/* Opens the desk screen on a terminal; without one (a script, a pipe) prints the summary. */
int cmd_desk_screen(struct cli *cli);

#endif
