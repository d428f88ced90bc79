/*
 * `frontdesk sync [--once] [--seconds N]`: takes in the other desks' LAN logs
 * (actions/lan.h) once, or every second until interrupted (or for N
 * seconds): what a desk laptop without the desk screen runs to stay in step.
 * Left running, it starts this desk's Syncthing and stops it on the way out.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lan.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void print_result(struct cli *cli, enum action_status status,
                         const struct lan_pull_result *r)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_string(&j, "result",
		               status == ACTION_OK        ? "pulled"
		               : status == ACTION_REFUSED ? "refused"
		                                          : "failed");
		json_kv_int(&j, "logs", r->logs);
		json_kv_int(&j, "new_entries", r->new_entries);
		json_kv_bool(&j, "full_replay", r->full_replay);
		if (r->refused_log != NULL) {
			json_key(&j, "refused_entry");
			json_object_begin(&j);
			json_kv_string(&j, "log", r->refused_log);
			json_kv_string(&j, "desk", r->refused_desk);
			json_kv_int(&j, "seq", r->refused_seq);
			json_kv_int(&j, "line", r->refused_line);
			json_object_end(&j);
		}
		json_kv_string(&j, "message", r->message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else if (status == ACTION_OK) {
		cli_say(r->message);
	} else {
		cli_error(r->message);
	}
}

/* One pull, printed when it brought something, was refused or failed (or always: once). */
static enum action_status pull(struct cli *cli, struct desk *desk, struct lan_state *st,
                               bool always)
{
	struct lan_pull_result r;
	enum action_status status = action_lan_pull(desk, st, &r);

	if (always || status != ACTION_OK || r.new_entries > 0) {
		print_result(cli, status, &r);
		fflush(stdout); /* a desk left running: each pull is seen as it happens */
	}
	action_lan_pull_release(&r);
	return status;
}

int cmd_sync(struct cli *cli)
{
	bool once = false;
	const char *seconds = NULL;
	const struct cli_option options[] = {
	    {"--once", NULL, &once}, {"--seconds", &seconds, NULL}, {NULL, NULL, NULL}};
	size_t n;
	int code = EXIT_DONE;

	if (!cli_parse(cli, options, NULL, 0, &n)) {
		return EXIT_USAGE;
	}
	long limit = seconds ? strtol(seconds, NULL, 10) : -1;
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	struct lan_state *st = lan_state_new();
	char *why = NULL;
	/* a desk left running keeps its own Syncthing, stopped when it stops */
	struct syncthing_child *child = once ? NULL : action_lan_start(desk, &why);
	if (why != NULL) {
		cli_error(why);
		free(why);
	}
	enum action_status status = pull(cli, desk, st, true);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	for (time_t start = time(NULL);
	     !once && !stop && (limit < 0 || time(NULL) - start < limit);) {
		struct timespec second = {1, 0};
		nanosleep(&second, NULL);
		if (action_lan_changed(desk, st)) {
			status = pull(cli, desk, st, false);
		}
	}
	action_lan_stop(child);
	lan_state_free(st);
	desk_close(desk);
	return (int)status;
}
