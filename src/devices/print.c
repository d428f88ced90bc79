/*
 * print owns the conversation with CUPS: one connection per pass with short
 * timeouts (a stalled scheduler must not freeze the desk), the printer's
 * state from its destination (printer-state, printer-is-accepting-jobs,
 * printer-state-reasons, and printer-state-message when it is not ready),
 * submitting a PDF with cupsPrintFile2, and a job's state through an IPP
 * Get-Job-Attributes request. It remembers nothing between passes: the job
 * queue is the database's (printq), so a restart loses no badge.
 */
#include "frontdesk/print.h"

#include <cups/cups.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "frontdesk/say.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

/* Connecting to the local scheduler takes milliseconds; anything longer means it is gone. */
#define CONNECT_MS 3000
/* Seconds a request may stall (uploading a badge PDF is far quicker). */
#define IO_TIMEOUT 5.0

struct print_session {
	http_t *http;  /* NULL when CUPS did not answer */
	char *printer; /* the destination found, NULL when none */
	bool ready;
};

static const char *const state_names[] = {"ready", "stopped", "missing", "not_configured"};

const char *print_state_name(enum print_printer_state state)
{
	return (unsigned)state < sizeof(state_names) / sizeof(state_names[0]) ? state_names[state]
	                                                                      : "?";
}

void print_status_release(struct print_status *status)
{
	if (status == NULL) {
		return;
	}
	free(status->printer);
	free(status->message);
	status->printer = status->message = NULL;
}

/* Returns CUPS's last error in words; "?" when it has none. */
static const char *last_error(void)
{
	const char *text = cupsLastErrorString();

	return text && text[0] ? text : "?";
}

static http_t *connect_cups(char **why)
{
	http_t *http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1,
	                            CONNECT_MS, NULL);

	if (http == NULL) {
		/* neither errno nor cupsLastErrorString says why reliably here, so only where */
		*why = say("CUPS（%s）无应答，打印服务是否在运行？", cupsServer());
		return NULL;
	}
	/* with no callback, a request that stalls this long fails instead of waiting on */
	httpSetTimeout(http, IO_TIMEOUT, NULL, NULL);
	return http;
}

/* Asks the printer for its printer-state-message (what cupsdisable -r or the backend said). */
static char *state_message(http_t *http, const cups_dest_t *dest)
{
	const char *uri = cupsGetOption("printer-uri-supported", dest->num_options, dest->options);
	char built[HTTP_MAX_URI];

	if (uri == NULL) {
		httpAssembleURIf(HTTP_URI_CODING_ALL, built, sizeof(built), "ipp", NULL,
		                 "localhost", ippPort(), "/printers/%s", dest->name);
		uri = built;
	}
	ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", NULL,
	             "printer-state-message");
	ipp_t *response = cupsDoRequest(http, request, "/");
	ipp_attribute_t *attr = ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT);
	const char *text = attr ? ippGetString(attr, 0, NULL) : NULL;
	char *message = text && text[0] ? xstrdup(text) : NULL;
	ippDelete(response);
	return message;
}

/* Says why dest is stopped or refusing jobs, with CUPS's own words when it has any. */
static char *not_ready_message(http_t *http, const cups_dest_t *dest, bool paused)
{
	const char *reasons =
	    cupsGetOption("printer-state-reasons", dest->num_options, dest->options);
	char *said = state_message(http, dest);
	struct strbuf detail = STRBUF_INIT;

	if (reasons && strcmp(reasons, "none") != 0) {
		strbuf_puts(&detail, reasons);
	}
	if (said) {
		strbuf_puts(&detail, detail.len ? "; " : "");
		strbuf_puts(&detail, said);
	}
	char *message = paused ? say("打印机 %s 已暂停（%s）", dest->name, strbuf_str(&detail))
	                       : say("打印机 %s 不接受任务（%s）", dest->name, strbuf_str(&detail));
	free(said);
	strbuf_release(&detail);
	return message;
}

/* Sets status from the destination's state attributes. */
static void judge_dest(struct print_session *s, const cups_dest_t *dest, struct print_status *st)
{
	const char *state = cupsGetOption("printer-state", dest->num_options, dest->options);
	const char *accepting =
	    cupsGetOption("printer-is-accepting-jobs", dest->num_options, dest->options);
	bool paused = state && strtol(state, NULL, 10) == IPP_PSTATE_STOPPED;
	bool refusing = accepting && strcmp(accepting, "false") == 0;

	st->printer = xstrdup(dest->name);
	s->printer = xstrdup(dest->name);
	if (paused || refusing) {
		st->state = PRINT_STOPPED;
		st->message = not_ready_message(s->http, dest, paused);
		return;
	}
	st->state = PRINT_READY;
	s->ready = true;
}

/* Finds the destination (named, else the default) among what CUPS lists. */
static void find_printer(struct print_session *s, const char *name, struct print_status *st)
{
	cups_dest_t *dests = NULL;
	int n = cupsGetDests2(s->http, &dests);
	bool answered = cupsLastError() <= IPP_STATUS_OK_EVENTS_COMPLETE;
	cups_dest_t *dest = cupsGetDest(name, NULL, n, dests);

	if (dest) {
		judge_dest(s, dest, st);
	} else if (!answered && n == 0) {
		st->state = PRINT_MISSING;
		st->message = say("CUPS 无应答：%s", last_error());
	} else if (name) {
		st->state = PRINT_MISSING;
		st->printer = xstrdup(name);
		st->message = say("CUPS 中没有打印机 %s", name);
	} else {
		st->state = PRINT_NOT_CONFIGURED;
		st->message = say("未设置打印机：请在 event.ini [desk] printer 指定或设置 CUPS "
		                  "默认打印机");
	}
	cupsFreeDests(n, dests);
}

struct print_session *print_open(const char *printer, struct print_status *status)
{
	struct print_session *s = xcalloc(1, sizeof(*s));
	char *why = NULL;

	memset(status, 0, sizeof(*status));
	if (printer && printer[0] == '\0') {
		printer = NULL;
	}
	s->http = connect_cups(&why);
	if (s->http == NULL) {
		status->state = PRINT_MISSING;
		status->printer = printer ? xstrdup(printer) : NULL;
		status->message = why;
		return s;
	}
	find_printer(s, printer, status);
	return s;
}

void print_close(struct print_session *session)
{
	if (session == NULL) {
		return;
	}
	if (session->http) {
		httpClose(session->http);
	}
	free(session->printer);
	free(session);
}

int print_submit(struct print_session *session, const char *pdf_path, const char *title,
                 char **cause)
{
	if (session->http == NULL || !session->ready) {
		*cause = say("打印机未就绪");
		return 0;
	}
	int job = cupsPrintFile2(session->http, session->printer, pdf_path, title, 0, NULL);
	if (job <= 0) {
		*cause = say("CUPS 未接受打印任务：%s", last_error());
		return 0;
	}
	return job;
}

/* Maps CUPS's job-state onto what the queue needs to know. */
static enum print_job_state judge_job(ipp_t *response, char **message)
{
	ipp_attribute_t *state = ippFindAttribute(response, "job-state", IPP_TAG_ENUM);
	ipp_attribute_t *said =
	    ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT);
	ipp_attribute_t *reasons = ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD);
	const char *text = said ? ippGetString(said, 0, NULL) : NULL;

	if (text == NULL || text[0] == '\0') {
		text = reasons ? ippGetString(reasons, 0, NULL) : NULL;
	}
	*message = text && text[0] ? xstrdup(text) : NULL;
	switch (state ? ippGetInteger(state, 0) : 0) {
	case IPP_JSTATE_COMPLETED:
		return PRINT_JOB_DONE;
	case IPP_JSTATE_ABORTED:
		return PRINT_JOB_ABORTED;
	case IPP_JSTATE_CANCELED:
		return PRINT_JOB_CANCELED;
	case 0:
		return PRINT_JOB_UNKNOWN;
	default:
		return PRINT_JOB_WAITING;
	}
}

enum print_job_state print_job_state(struct print_session *session, int job_id, char **message)
{
	static const char *const wanted[] = {"job-state", "job-state-reasons",
	                                     "job-printer-state-message"};
	char uri[HTTP_MAX_URI];

	*message = NULL;
	if (session->http == NULL) {
		return PRINT_JOB_UNKNOWN;
	}
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "localhost", ippPort(),
	                 "/jobs/%d", job_id);
	ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
	             cupsUser());
	ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, NULL,
	              wanted);
	ipp_t *response = cupsDoRequest(session->http, request, "/");
	ipp_status_t status = cupsLastError();
	enum print_job_state result;
	if (status == IPP_STATUS_ERROR_NOT_FOUND) {
		result = PRINT_JOB_LOST;
	} else if (response == NULL || status > IPP_STATUS_OK_EVENTS_COMPLETE) {
		*message = xstrdup(last_error());
		result = PRINT_JOB_UNKNOWN;
	} else {
		result = judge_job(response, message);
	}
	ippDelete(response);
	return result;
}
