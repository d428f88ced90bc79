/*
 * `frontdesk print`: badges and the print queue from the command line.
 * `print REG_NO` queues a badge for someone checked in (a journalled reprint)
 * and tries to print it; `--status` lists the queue and the printer's state;
 * `--retry` queues failed badges again; `--run [--wait S]` prints what is
 * due, and with --wait keeps at it until the queue is empty or time is up;
 * `--serve` is the desk screen's print worker.
 * A printer that is down is never an error here: the badges wait, and the
 * output says why.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desk_records.h"
#include "frontdesk/actions/printing.h"
#include "frontdesk/print.h"
#include "frontdesk/text.h"

/* Badges one pass takes at most: a pass must stay short on the desk's timer. */
#define PASS_JOBS 20

/* Totals over the passes of one run. */
struct run_totals {
	int submitted, printed, deferred, failed;
};

static void json_printer(struct json *j, const struct print_status *p)
{
	json_key(j, "printer");
	json_object_begin(j);
	json_kv_string(j, "name", p->printer);
	json_kv_string(j, "state", print_state_name(p->state));
	json_kv_string(j, "message", p->message);
	json_object_end(j);
}

static void json_job(struct json *j, const struct printing_job *job)
{
	json_object_begin(j);
	json_kv_int(j, "id", job->id);
	json_kv_string(j, "reg_no", job->reg_no);
	json_kv_string(j, "name", job->name);
	json_kv_string(j, "state", action_printing_state_name(job->state));
	json_kv_string(j, "reason", job->reason);
	json_kv_int(j, "attempts", job->attempts);
	json_kv_string(j, "next_try_at", job->next_try_at);
	json_key(j, "cups_job");
	if (job->cups_job > 0) {
		json_int(j, job->cups_job);
	} else {
		json_null(j);
	}
	json_kv_string(j, "created_at", job->created_at);
	json_kv_string(j, "updated_at", job->updated_at);
	json_object_end(j);
}

static void print_printer_line(const struct print_status *p)
{
	static const char *const words[] = {"就绪 ready", "已暂停 stopped", "找不到 missing",
	                                    "未设置 not configured"};

	cli_printf("打印机 printer: %s — %s\n", p->printer ? p->printer : "(默认 default)",
	           words[p->state <= PRINT_NOT_CONFIGURED ? p->state : PRINT_MISSING]);
	if (p->message) {
		char *safe = text_sanitize(p->message);
		cli_printf("  %s\n", safe);
		free(safe);
	}
}

static void print_report_text(const struct print_report *r)
{
	print_printer_line(&r->printer);
	cli_printf("待打印 queued %d · 已送出 sent %d · 已打印 done %d · 失败 failed %d\n",
	           r->counts[PRINTING_QUEUED], r->counts[PRINTING_SENT], r->counts[PRINTING_DONE],
	           r->counts[PRINTING_FAILED]);
	for (size_t i = 0; i < r->n_jobs; i++) {
		const struct printing_job *job = &r->jobs[i];
		if (job->state == PRINTING_DONE) {
			continue; /* the count says how many; the list is what still needs the
			             printer */
		}
		char *name = text_sanitize(job->name ? job->name : "");
		char *reason = text_sanitize(job->reason ? job->reason : "");
		cli_printf("  #%ld %s %s  %s  尝试 tries %d  %s%s\n", job->id, job->reg_no, name,
		           action_printing_state_name(job->state), job->attempts,
		           job->next_try_at ? "下次 next " : "",
		           job->next_try_at ? job->next_try_at : "");
		if (reason[0]) {
			cli_printf("     %s\n", reason);
		}
		free(name);
		free(reason);
	}
}

static int run_status(const struct cli *cli, struct desk *desk)
{
	struct print_report r;
	enum action_status status = action_print_status(desk, &r);

	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_printer(&j, &r.printer);
		for (int s = 0; s < PRINTING_N_STATES; s++) {
			json_kv_int(&j, action_printing_state_name((enum printing_state)s),
			            r.counts[s]);
		}
		json_kv_int(&j, "pending", r.counts[PRINTING_QUEUED] + r.counts[PRINTING_SENT]);
		json_key(&j, "jobs");
		json_array_begin(&j);
		for (size_t i = 0; i < r.n_jobs; i++) {
			json_job(&j, &r.jobs[i]);
		}
		json_array_end(&j);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		print_report_text(&r);
	}
	action_print_report_release(&r);
	return (int)status;
}

static void print_run_result(const struct cli *cli, const struct print_pass *last,
                             const struct run_totals *t, bool timed_out)
{
	if (!cli->json) {
		char *safe = text_sanitize(last->message);
		cli_printf("%s\n", safe);
		free(safe);
		if (timed_out) {
			cli_sayf("时间到，仍有 %d 张胸牌待打印", last->pending);
		}
		return;
	}
	struct json j = JSON_INIT;
	json_object_begin(&j);
	json_kv_string(&j, "result", last->pending == 0 ? "done" : "waiting");
	json_printer(&j, &last->printer);
	json_kv_int(&j, "submitted", t->submitted);
	json_kv_int(&j, "printed", t->printed);
	json_kv_int(&j, "deferred", t->deferred);
	json_kv_int(&j, "failed", t->failed);
	json_kv_int(&j, "pending", last->pending);
	json_kv_string(&j, "message", last->message);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static void add_totals(struct run_totals *t, const struct print_pass *p)
{
	t->submitted += p->submitted;
	t->printed += p->printed;
	t->deferred += p->deferred;
	t->failed += p->failed;
}

/*
 * Runs passes until nothing is pending or wait_seconds are over (one pass
 * when 0). Exit 0, or 1 when --wait ran out with badges still waiting.
 */
static int run_passes(const struct cli *cli, struct desk *desk, long wait_seconds)
{
	time_t deadline = time(NULL) + wait_seconds;
	struct run_totals totals = {0};
	struct print_pass pass;

	for (;;) {
		enum action_status status = action_print_pending(desk, PASS_JOBS, &pass);
		if (status != ACTION_OK) {
			cli_error(pass.message);
			action_print_pass_release(&pass);
			return (int)status;
		}
		add_totals(&totals, &pass);
		if (pass.pending == 0 || time(NULL) >= deadline) {
			break;
		}
		action_print_pass_release(&pass);
		struct timespec pause = {1, 0}; /* CUPS needs a moment; the queue's back-off too */
		nanosleep(&pause, NULL);
	}
	bool timed_out = wait_seconds > 0 && pass.pending > 0;
	print_run_result(cli, &pass, &totals, timed_out);
	action_print_pass_release(&pass);
	return timed_out ? EXIT_REFUSED : EXIT_DONE;
}

/*
 * print --serve: the desk's print worker (src/tui/devices.c). Loads the fonts once, then
 * runs one pass each time the desk writes to its stdin (a badge queued, or the desk's timer
 * while badges wait; pokes that came during a pass are served by the next one), and ends
 * when the desk closes its end. Says nothing: its output goes nowhere.
 */
static int serve(struct desk *desk)
{
	char pokes[64];
	ssize_t n;

	action_print_warm(desk);
	while ((n = read(STDIN_FILENO, pokes, sizeof(pokes))) != 0) {
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			break;
		}
		struct print_pass pass;
		action_print_pending(desk, PASS_JOBS, &pass);
		action_print_pass_release(&pass);
	}
	return EXIT_DONE;
}

/* Queues a badge for one checked-in person (a journalled reprint) and tries it at once. */
static int run_one(const struct cli *cli, struct desk *desk, const char *who, const char *reason)
{
	char *message = NULL;
	enum action_status status = action_reprint(desk, who, reason ? reason : "print", &message);

	if (status != ACTION_OK) {
		if (cli->json) {
			struct json j = JSON_INIT;
			json_object_begin(&j);
			json_kv_string(&j, "result", "refused");
			json_kv_string(&j, "message", message);
			json_object_end(&j);
			cli_print_json(&j);
			json_release(&j);
		} else {
			cli_error(message ? message : "?");
		}
		free(message);
		return (int)status;
	}
	if (!cli->json) {
		cli_printf("%s\n", message);
	}
	free(message);
	return run_passes(cli, desk, 0);
}

/* Reads --wait: whole seconds, 0 to 86400. */
static bool parse_wait(const char *text, long *seconds)
{
	char *end = NULL;

	*seconds = 0;
	if (text == NULL) {
		return true;
	}
	long v = strtol(text, &end, 10);
	if (end == text || *end != '\0' || v < 0 || v > 86400) {
		return false;
	}
	*seconds = v;
	return true;
}

int cmd_print(struct cli *cli)
{
	const char *who[1], *wait = NULL, *reason = NULL;
	bool status_flag = false, retry = false, run = false, serve_flag = false;
	size_t n;
	const struct cli_option options[] = {{"--status", NULL, &status_flag},
	                                     {"--retry", NULL, &retry},
	                                     {"--run", NULL, &run},
	                                     {"--wait", &wait, NULL},
	                                     {"--reason", &reason, NULL},
	                                     {"--serve", NULL, &serve_flag},
	                                     {NULL, NULL, NULL}};
	long wait_seconds = 0;
	int exit_code = EXIT_DONE;

	if (!cli_parse(cli, options, who, 1, &n)) {
		return EXIT_USAGE;
	}
	if ((n == 1) + status_flag + retry + run + serve_flag != 1) {
		return cli_usage(cli, "需要报名编号、--status、--retry 或 --run 之一");
	}
	if (!parse_wait(wait, &wait_seconds) || (wait && !run && !retry)) {
		return cli_usage(cli, "--wait 与 --run 或 --retry 同用，取 0–86400 秒");
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	if (serve_flag) {
		exit_code = serve(desk);
	} else if (status_flag) {
		exit_code = run_status(cli, desk);
	} else if (retry) {
		char *message = NULL;
		exit_code = (int)action_print_retry(desk, &message);
		if (exit_code == EXIT_DONE && !cli->json) {
			cli_printf("%s\n", message);
		} else if (exit_code != EXIT_DONE) {
			cli_error(message);
		}
		free(message);
		exit_code =
		    exit_code == EXIT_DONE ? run_passes(cli, desk, wait_seconds) : exit_code;
	} else if (run) {
		exit_code = run_passes(cli, desk, wait_seconds);
	} else {
		exit_code = run_one(cli, desk, who[0], reason);
	}
	desk_close(desk);
	return exit_code;
}
