/*
 * `frontdesk scan`: reads codes with zbar, for tests, for photos of codes
 * sent by attendees, and for trying the desk's camera.
 *
 *   frontdesk scan IMAGE            decodes a PNG, JPEG or PGM picture (through the
 *                                   decode pipeline: docs/camera.md) and prints the
 *                                   verdict as `lookup` does (JSON: lookup's plus
 *                                   "code" and "codes")
 *   frontdesk scan --all IMAGE      lists every code on a sheet (a page of tickets,
 *                                   scanned or photographed), one a line (JSON:
 *                                   "codes"); needs no database
 *   frontdesk scan --camera SPEC    runs the camera thread (a V4L2 device, or
 *          [--seconds N]            "dir:PATH", a folder of pictures played as
 *                                   frames) for N seconds (default 10) or until a
 *                                   folder is played, and prints every code it
 *                                   passes on, one a line, exactly as the desk
 *                                   screen would receive them through the pipe
 */
#include "cli.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/say.h"
#include "frontdesk/scan.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/text.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"

#define CAMERA_DEFAULT_SECONDS 10
#define CAMERA_MAX_SECONDS     86400

/* The code to look up: the first that has a ticket's form, else the first of all. */
static const char *pick_code(const struct scan_codes *codes)
{
	for (size_t i = 0; i < codes->n; i++) {
		if (ticket_looks_like_code(codes->codes[i])) {
			return codes->codes[i];
		}
	}
	return codes->codes[0];
}

static void print_json(const struct scan_codes *codes, const char *code,
                       const struct lookup_result *r, const char *message)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "code", code);
	json_key(&j, "codes");
	json_array_begin(&j);
	for (size_t i = 0; i < codes->n; i++) {
		json_string(&j, codes->codes[i]);
	}
	json_array_end(&j);
	if (r != NULL) {
		cli_json_lookup(&j, r);
	}
	if (message != NULL) {
		json_kv_string(&j, "message", message);
	}
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

/* Decodes the picture; on success *out holds at least one code. Else prints why, returns 2. */
static int decode_picture(const struct cli *cli, const char *path, struct scan_codes *out)
{
	char *cause = NULL;

	if (!scan_file(path, out, &cause)) {
		cli_error(cause);
	} else if (out->n == 0) {
		cause = say("图片 %s 中没有找到二维码，请拍得更近、更清楚一些", path);
		cli_error(cause);
	}
	if (cause != NULL && cli->json) {
		print_json(out, NULL, NULL, cause);
	}
	free(cause);
	return cause != NULL ? EXIT_USAGE : EXIT_DONE;
}

static int scan_picture(struct cli *cli, const char *path)
{
	struct scan_codes codes;
	struct lookup_result result;
	int exit_code = decode_picture(cli, path, &codes);

	if (exit_code != EXIT_DONE) {
		scan_codes_release(&codes);
		return exit_code;
	}
	struct desk *desk = cli_open_desk(cli, &exit_code);
	if (desk == NULL) {
		scan_codes_release(&codes);
		return exit_code;
	}
	const char *code = pick_code(&codes);
	enum action_status status = action_lookup(desk, code, &result);
	if (cli->json) {
		print_json(&codes, code, &result, NULL);
	} else {
		char *shown = text_sanitize(code);
		char *label = say_text("码");
		cli_printf("%s: %s\n", label, shown);
		free(label);
		free(shown);
		cli_print_lookup(&result);
	}
	action_lookup_release(&result);
	desk_close(desk);
	scan_codes_release(&codes);
	return (int)status;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads whatever the camera wrote; adds complete lines to codes. False at end of file. */
static bool drain(int fd, struct strbuf *pending, struct scan_codes *codes)
{
	char buf[1024];
	ssize_t got = read(fd, buf, sizeof(buf));

	if (got <= 0) {
		return got < 0 && errno == EINTR;
	}
	strbuf_add(pending, buf, (size_t)got);
	char *line = pending->data, *nl;
	while ((nl = memchr(line, '\n', pending->len - (size_t)(line - pending->data))) != NULL) {
		codes->codes = xreallocarray(codes->codes, codes->n + 1, sizeof(char *));
		codes->codes[codes->n++] = xstrndup(line, (size_t)(nl - line));
		line = nl + 1;
	}
	char *rest = xstrndup(line, pending->len - (size_t)(line - pending->data));
	strbuf_release(pending);
	strbuf_puts(pending, rest);
	free(rest);
	return true;
}

/* Adds "codes": [...] to the object being written. */
static void json_codes(struct json *j, const struct scan_codes *codes)
{
	json_key(j, "codes");
	json_array_begin(j);
	for (size_t i = 0; i < codes->n; i++) {
		json_string(j, codes->codes[i]);
	}
	json_array_end(j);
}

/* Runs the camera until the deadline or until it ends or fails; returns its last state. */
static enum scan_camera_state watch(int fd, long seconds, struct scan_codes *codes, bool json)
{
	struct strbuf pending = STRBUF_INIT;
	long long deadline = now_ms() + seconds * 1000;
	enum scan_camera_state state;
	size_t printed = 0;

	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		/* the thread writes its codes before it says it has finished: read the state first
		 */
		state = scan_camera_status(NULL, 0);
		bool finished = state == SCAN_CAMERA_ENDED || state == SCAN_CAMERA_FAILED;
		int timeout = finished ? 0 : 100;
		while (poll(&p, 1, timeout) > 0 && drain(fd, &pending, codes)) {
			timeout = 0;
		}
		for (; !json && printed < codes->n; printed++) {
			char *shown = text_sanitize(codes->codes[printed]);
			cli_printf("%s\n", shown);
			fflush(stdout);
			free(shown);
		}
		if (finished || now_ms() >= deadline) {
			break;
		}
	}
	strbuf_release(&pending);
	return state;
}

static const char *state_name(enum scan_camera_state s)
{
	switch (s) {
	case SCAN_CAMERA_STARTING:
		return "starting";
	case SCAN_CAMERA_RUNNING:
		return "running";
	case SCAN_CAMERA_ENDED:
		return "ended";
	case SCAN_CAMERA_FAILED:
		return "failed";
	default:
		return "off";
	}
}

static bool parse_seconds(const char *text, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < 1 || v > CAMERA_MAX_SECONDS) {
		return false;
	}
	*out = v;
	return true;
}

static int scan_camera(const struct cli *cli, const char *spec, const char *seconds_text)
{
	long seconds = CAMERA_DEFAULT_SECONDS;
	int fds[2];
	char *cause = NULL, message[320];
	struct scan_codes codes = {0};

	if (seconds_text != NULL && !parse_seconds(seconds_text, &seconds)) {
		return cli_usage(cli, "--seconds 需要 1 到 86400 的整数");
	}
	if (pipe(fds) != 0) {
		cli_esayf("frontdesk: 无法创建管道");
		return EXIT_INTERNAL;
	}
	if (!scan_camera_start(spec, fds[1], &cause)) {
		cli_error(cause);
		free(cause);
		close(fds[0]);
		close(fds[1]);
		return EXIT_USAGE;
	}
	enum scan_camera_state state = watch(fds[0], seconds, &codes, cli->json);
	scan_camera_stop();
	scan_camera_status(message, sizeof(message));
	close(fds[0]);
	close(fds[1]);
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_codes(&j, &codes);
		json_kv_string(&j, "state", state_name(state));
		json_kv_string(&j, "message", message);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	}
	cli_error(message);
	scan_codes_release(&codes);
	return state == SCAN_CAMERA_FAILED ? EXIT_INTERNAL : EXIT_DONE;
}

/* Lists every code on a sheet: one a line, or {"codes":[...]}. Exit 2 when none is found. */
static int scan_sheet(const struct cli *cli, const char *path)
{
	struct scan_codes codes;
	char *cause = NULL;

	if (!scan_file_all(path, &codes, &cause)) {
		cli_error(cause);
	} else if (codes.n == 0) {
		cause = say("图片 %s 中没有找到二维码，请拍得更近、更清楚一些", path);
		cli_error(cause);
	}
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_codes(&j, &codes);
		if (cause != NULL) {
			json_kv_string(&j, "message", cause);
		}
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		for (size_t i = 0; i < codes.n; i++) {
			char *shown = text_sanitize(codes.codes[i]);
			cli_printf("%s\n", shown);
			free(shown);
		}
	}
	int exit_code = cause != NULL ? EXIT_USAGE : EXIT_DONE;
	free(cause);
	scan_codes_release(&codes);
	return exit_code;
}

int cmd_scan(struct cli *cli)
{
	const char *camera = NULL, *seconds = NULL, *picture[1];
	bool all = false;
	size_t n;
	const struct cli_option options[] = {{"--camera", &camera, NULL},
	                                     {"--seconds", &seconds, NULL},
	                                     {"--all", NULL, &all},
	                                     {NULL, NULL, NULL}};

	if (!cli_parse(cli, options, picture, 1, &n)) {
		return EXIT_USAGE;
	}
	if (camera != NULL) {
		return n == 0 && !all ? scan_camera(cli, camera, seconds)
		                      : cli_usage(cli, "--camera 与图片不能同时给出");
	}
	if (n != 1) {
		return cli_usage(cli, "需要一张图片");
	}
	return all ? scan_sheet(cli, picture[0]) : scan_picture(cli, picture[0]);
}
