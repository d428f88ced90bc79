/*
 * printing holds the badge printing actions (DESIGN section 3, "Badge"): a
 * pass over the print queue (follow what CUPS has, then render and submit
 * what is due), the queue's status with the printer's, and `print --retry`.
 * Check-in only queues a badge (records_queue_print); everything that can
 * wait on a printer happens here, later, so a printer that is off, missing
 * or out of paper never blocks or fails a check-in: its jobs stay queued with
 * the reason and a back-off, and print when it returns. Print states are not
 * desk decisions, so nothing here is journalled (a reprint is, in
 * desk_records.c).
 */
#include "frontdesk/actions/printing.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "frontdesk/badge.h"
#include "frontdesk/print.h"
#include "frontdesk/printq.h"
#include "frontdesk/query.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "badges_private.h"

/*
 * The badge renderer behind the queue: loads the attendee and draws the
 * default badge layout, found like the demo event (FRONTDESK_ASSETS, the
 * source tree, the installed assets). ctx is the struct desk.
 */
static bool render_badge(long attendee_id, const char *pdf_path, void *ctx, char **cause)
{
	struct desk *desk = ctx;
	char *layout = badges_layout("default", cause);
	struct attendee *a =
	    layout ? query_attendee(desk->db, attendee_id, &desk->cfg->fees) : NULL;
	char code[TICKET_CODE_LEN + 1];
	struct badge_fields f;
	bool ok = false;

	if (layout != NULL && a == NULL) {
		*cause = say("没有序号为 %ld 的报名", attendee_id);
	} else if (a != NULL && badges_fields(desk, a, code, &f, cause)) {
		ok = badge_render_file(layout, &f, pdf_path, cause);
	}
	query_attendee_free(a);
	free(layout);
	return ok;
}

/* The reason code a job gets when the printer (not the job) was the problem. */
static const char *printer_reason_code(enum print_printer_state state)
{
	switch (state) {
	case PRINT_STOPPED:
		return PRINTQ_PRINTER_PREFIX "STOPPED";
	case PRINT_MISSING:
		return PRINTQ_PRINTER_PREFIX "MISSING";
	case PRINT_NOT_CONFIGURED:
		return PRINTQ_PRINTER_PREFIX "NOT_CONFIGURED";
	case PRINT_READY:
		break;
	}
	return PRINTQ_PRINTER_PREFIX "READY";
}

/* Records what CUPS says about one sent job. */
static bool record_cups_state(struct desk *desk, const struct printq_job *job,
                              enum print_job_state state, const char *said, struct print_pass *out,
                              char **cause)
{
	const char *words = said ? said : "?";
	char *reason = NULL;
	bool ok = true;

	switch (state) {
	case PRINT_JOB_DONE:
		out->printed++;
		return printq_mark_done(desk->db, job->id, time(NULL), cause);
	case PRINT_JOB_CANCELED:
		/* someone chose to cancel it in CUPS: a person decides whether to print it again */
		reason = say("JOB_CANCELED: CUPS 任务 %d 已被取消（%s）", job->cups_job, words);
		out->failed++;
		ok = printq_mark_failed(desk->db, job->id, reason, time(NULL), cause);
		break;
	case PRINT_JOB_ABORTED:
		/* no badge came out: better twice than lost */
		reason = say("JOB_ABORTED: CUPS 任务 %d 中止（%s）", job->cups_job, words);
		out->deferred++;
		ok = printq_defer(desk->db, job->id, reason, time(NULL), cause);
		break;
	case PRINT_JOB_LOST:
		/*
		 * CUPS forgets a job that completed when it keeps no history (PreserveJobHistory
		 * No): sending it again would print it twice, at every pass. Counted as printed,
		 * and said so, so the desk reprints with F8 if no badge came out.
		 */
		reason = say("JOB_LOST: CUPS 已不记得任务 %d，按已打印处理；如未出胸牌请重打",
		             job->cups_job);
		out->printed++;
		ok = printq_mark_done_unseen(desk->db, job->id, reason, time(NULL), cause);
		break;
	case PRINT_JOB_WAITING:
	case PRINT_JOB_UNKNOWN:
		break;
	}
	free(reason);
	return ok;
}

/* Asks CUPS about every sent job and records what became of it. */
static bool follow_sent(struct desk *desk, struct print_session *session, struct print_pass *out,
                        char **cause)
{
	struct printq_job *jobs = NULL;
	size_t n = printq_list(desk->db, true, &jobs);
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		char *said = NULL;
		enum print_job_state state = print_job_state(session, jobs[i].cups_job, &said);
		ok = record_cups_state(desk, &jobs[i], state, said, out, cause);
		free(said);
	}
	printq_jobs_free(jobs, n);
	return ok;
}

/*
 * Leaves every due job queued because the printer cannot take it now. All at once, and only
 * the jobs whose reason changes: one by one, 20 a pass, a day's 80,000 waiting badges were
 * written again at every pass while the printer stayed down.
 */
static bool hold_due(struct desk *desk, struct print_pass *out, char **cause)
{
	char *reason = xasprintf("%s: %s", printer_reason_code(out->printer.state),
	                         out->printer.message ? out->printer.message : "?");
	int held = printq_hold_due(desk->db, reason, time(NULL), cause);

	free(reason);
	out->deferred += held > 0 ? held : 0;
	return held >= 0;
}

/* Makes an empty private file for the PDF; NULL with *why when the disk will not. */
static char *make_pdf_path(char **why)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/frontdesk-badge-XXXXXX.pdf", tmp && tmp[0] ? tmp : "/tmp");
	int fd = mkstemps(path, 4);

	if (fd < 0) {
		*why = say("TEMP_FILE: 无法创建临时文件 %s", path);
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

bool action_print_warm(struct desk *desk)
{
	/* a name, an organisation and a title in CJK, and a code as long as a ticket's */
	struct badge_fields f = {desk->cfg->name, "张三丰", "湖北省图书馆学会", "馆长",
	                         "0000000000000000000000"};
	char *cause = NULL;
	char *layout = badges_layout("default", &cause);
	char *path = layout ? make_pdf_path(&cause) : NULL;
	bool ok = path != NULL && badge_render_file(layout, &f, path, &cause);

	if (path != NULL) {
		unlink(path);
	}
	free(path);
	free(layout);
	free(cause);
	return ok;
}

/* Renders and submits one due job; the printer was ready when the pass began. */
static bool print_job(struct desk *desk, struct print_session *session,
                      const struct printq_job *job, struct print_pass *out, char **cause)
{
	char *why = NULL, *reason = NULL;
	char *path = make_pdf_path(&reason);
	bool ok;

	if (path && !render_badge(job->attendee_id, path, desk, &why)) {
		/* a badge that cannot be drawn will not draw itself later: a person must look */
		reason = xasprintf("RENDER_FAILED: %s", why ? why : "?");
		out->failed++;
		ok = printq_mark_failed(desk->db, job->id, reason, time(NULL), cause);
	} else if (path) {
		char *title = xasprintf("frontdesk badge %s", job->reg_no);
		int cups_job = print_submit(session, path, title, &why);
		free(title);
		if (cups_job > 0) {
			out->submitted++;
			ok = printq_mark_sent(desk->db, job->id, cups_job, time(NULL), cause);
		} else {
			reason = xasprintf("SUBMIT_FAILED: %s", why ? why : "?");
			out->deferred++;
			ok = printq_defer(desk->db, job->id, reason, time(NULL), cause);
		}
	} else {
		out->deferred++;
		ok = printq_defer(desk->db, job->id, reason, time(NULL), cause);
	}
	if (path) {
		unlink(path); /* CUPS has its own copy once cupsPrintFile2 returned */
	}
	free(path);
	free(why);
	free(reason);
	return ok;
}

/* Takes up to max_jobs due jobs and prints them, or holds them when the printer is not ready. */
static bool take_due(struct desk *desk, struct print_session *session, int max_jobs,
                     struct print_pass *out, char **cause)
{
	if (out->printer.state != PRINT_READY) {
		return hold_due(desk, out, cause);
	}
	if (!printq_wake(desk->db, time(NULL), cause)) {
		return false;
	}
	for (int i = 0; i < max_jobs; i++) {
		struct printq_job job = {0};
		if (!printq_claim_next(desk->db, time(NULL), &job, cause)) {
			return *cause == NULL;
		}
		bool ok = print_job(desk, session, &job, out, cause);
		printq_job_release(&job);
		if (!ok) {
			return false;
		}
	}
	return true;
}

static char *pass_message(const struct print_pass *p)
{
	char *counts = say("胸牌：送出 %d，打印完成 %d，稍后重试 %d，失败 %d，待打印 %d",
	                   p->submitted, p->printed, p->deferred, p->failed, p->pending);

	if (p->printer.state == PRINT_READY) {
		return counts;
	}
	/* one line: the desk's status line shows it as it is */
	char *message = xasprintf("%s — %s", counts, p->printer.message ? p->printer.message : "?");
	free(counts);
	return message;
}

/*
 * Stores the printer's state for the desk screen, which shows it without ever talking to
 * CUPS itself; only when it changed, so a pass over a queue that did not move writes nothing.
 */
static void record_printer_state(struct desk *desk, enum print_printer_state state)
{
	const char *name = print_state_name(state);
	char *stored = setup_get(desk->db, "printer.state");
	char *ignored = NULL;

	if (stored == NULL || strcmp(stored, name) != 0) {
		setup_put(desk->db, "printer.state", name, &ignored);
	}
	free(ignored);
	free(stored);
}

enum action_status action_print_pending(struct desk *desk, int max_jobs, struct print_pass *out)
{
	char *cause = NULL;
	int counts[PRINTQ_N_STATES];

	memset(out, 0, sizeof(*out));
	struct print_session *session = print_open(desk->cfg->printer, &out->printer);
	record_printer_state(desk, out->printer.state);
	bool ok = follow_sent(desk, session, out, &cause) &&
	          take_due(desk, session, max_jobs, out, &cause);
	print_close(session);
	printq_count(desk->db, counts);
	out->pending = counts[PRINTQ_QUEUED] + counts[PRINTQ_SENT];
	if (!ok) {
		out->message = cause ? cause : xstrdup("?");
		return ACTION_FAILED;
	}
	out->message = pass_message(out);
	return ACTION_OK;
}

void action_print_pass_release(struct print_pass *out)
{
	if (out == NULL) {
		return;
	}
	print_status_release(&out->printer);
	free(out->message);
	memset(out, 0, sizeof(*out));
}

/* The queue's states and the report's, one for one. */
static const enum printq_state store_states[PRINTING_N_STATES] = {
    [PRINTING_QUEUED] = PRINTQ_QUEUED,
    [PRINTING_SENT] = PRINTQ_SENT,
    [PRINTING_DONE] = PRINTQ_DONE,
    [PRINTING_FAILED] = PRINTQ_FAILED,
};
_Static_assert((int)PRINTING_N_STATES == (int)PRINTQ_N_STATES,
               "every print queue state has its printing_state");

static enum printing_state printing_state_of(enum printq_state s)
{
	for (int i = 0; i < PRINTING_N_STATES; i++) {
		if (store_states[i] == s) {
			return (enum printing_state)i;
		}
	}
	return PRINTING_FAILED; /* not reached: the table covers every state */
}

const char *action_printing_state_name(enum printing_state state)
{
	return printq_state_name(store_states[state < PRINTING_N_STATES ? state : PRINTING_FAILED]);
}

/* The queue's job as the report's, its strings moved over. */
static struct printing_job printing_job_of(const struct printq_job *j)
{
	return (struct printing_job){.id = j->id,
	                             .reg_no = j->reg_no,
	                             .name = j->name,
	                             .state = printing_state_of(j->state),
	                             .reason = j->reason,
	                             .attempts = j->attempts,
	                             .next_try_at = j->next_try_at,
	                             .cups_job = j->cups_job,
	                             .created_at = j->created_at,
	                             .updated_at = j->updated_at};
}

enum action_status action_print_status(struct desk *desk, struct print_report *out)
{
	struct printq_job *stored = NULL;
	int counts[PRINTQ_N_STATES];

	memset(out, 0, sizeof(*out));
	print_close(print_open(desk->cfg->printer, &out->printer));
	out->n_jobs = printq_list(desk->db, false, &stored);
	out->jobs = xcalloc(out->n_jobs ? out->n_jobs : 1, sizeof(*out->jobs));
	for (size_t i = 0; i < out->n_jobs; i++) {
		out->jobs[i] = printing_job_of(&stored[i]);
	}
	free(stored);
	printq_count(desk->db, counts);
	for (int i = 0; i < PRINTING_N_STATES; i++) {
		out->counts[i] = counts[store_states[i]];
	}
	return ACTION_OK;
}

void action_print_report_release(struct print_report *out)
{
	if (out == NULL) {
		return;
	}
	print_status_release(&out->printer);
	for (size_t i = 0; i < out->n_jobs; i++) {
		struct printing_job *j = &out->jobs[i];
		free(j->reg_no);
		free(j->name);
		free(j->reason);
		free(j->next_try_at);
		free(j->created_at);
		free(j->updated_at);
	}
	free(out->jobs);
	memset(out, 0, sizeof(*out));
}

enum action_status action_print_retry(struct desk *desk, char **message)
{
	char *cause = NULL;
	int reset = printq_retry_failed(desk->db, time(NULL), &cause);

	if (reset < 0) {
		*message = cause;
		return ACTION_FAILED;
	}
	*message = say("已将 %d 张失败的胸牌重新排队", reset);
	return ACTION_OK;
}
