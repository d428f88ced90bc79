/*
 * scan_camera owns the camera thread: it reads frames from a source, decodes
 * them, drops repeats and writes each new code as one line to the caller's
 * pipe. The desk screen's loop is single-threaded (curses), so the pipe is
 * the only thing the two threads share besides the status below, which a
 * mutex guards.
 *
 * Why the thread blocks every signal: SIGWINCH must reach the curses thread
 * (resizing), and a write to a pipe whose reader is gone must give EPIPE here,
 * not a SIGPIPE that kills the desk.
 * Why the thread runs at a lower priority (nice 10) and decodes only the
 * newest frame (scan_source.c): the decode pipeline may take a core's
 * worth of time on frames with a hard code in view; the keystrokes and the
 * redraws of the desk screen must never wait behind it, and a slow frame
 * must make the camera skip frames, never fall behind.
 * Why the pipe is non-blocking: a code written while the desk is busy waits in
 * the pipe (64 KiB is thousands of codes); if the pipe ever fills, dropping a
 * code costs one more scan, while blocking would freeze the camera.
 */
#include "frontdesk/say.h"
#include "frontdesk/scan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/xmalloc.h"

#define CAMERA_MESSAGE_MAX 320
/* The camera thread yields to the desk's own (see the top of the file). */
#define CAMERA_NICE 10

static struct {
	pthread_mutex_t lock; /* guards everything below but stop and finished */
	enum scan_camera_state state;
	char message[CAMERA_MESSAGE_MAX];
	bool running; /* a thread exists and must be joined */
	pthread_t thread;
	char *spec;
	int fd;
	atomic_bool stop;     /* set by scan_camera_stop */
	atomic_bool finished; /* set by the thread as it returns */
} cam = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* What one run of the thread has done, for the final message. */
struct camera_counts {
	unsigned long frames, sent, dropped;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Drops a UTF-8 sequence that a cut to size left unfinished at the end of s. */
static void trim_partial_utf8(char *s)
{
	size_t n = strlen(s), start = n;

	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80) {
		start--;
	}
	if (start == 0 || ((unsigned char)s[start - 1] & 0x80) == 0) {
		return;
	}
	unsigned char lead = (unsigned char)s[start - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (n - (start - 1) < want) {
		s[start - 1] = '\0';
	}
}

__attribute__((format(printf, 2, 3))) static void set_status(enum scan_camera_state state,
                                                             const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&cam.lock);
	cam.state = state;
	va_start(ap, fmt);
	vsnprintf(cam.message, sizeof(cam.message), fmt, ap);
	va_end(ap);
	trim_partial_utf8(cam.message);
	pthread_mutex_unlock(&cam.lock);
}

/* Sets the state and a said message, which it frees. */
static void set_said(enum scan_camera_state state, char *said)
{
	set_status(state, "%s", said);
	free(said);
}

/* Puts a said message, which it frees, as the message; the caller holds cam.lock. */
static void put_said(char *said)
{
	snprintf(cam.message, sizeof(cam.message), "%s", said);
	trim_partial_utf8(cam.message);
	free(said);
}

bool scan_dedupe_accept(struct scan_dedupe *d, const char *code, long long now_ms_)
{
	size_t slot = 0;

	for (size_t i = 0; i < SCAN_DEDUPE_SLOTS; i++) {
		if (d->recent[i].code != NULL && strcmp(d->recent[i].code, code) == 0) {
			bool news = now_ms_ - d->recent[i].seen_ms >= SCAN_REPEAT_MS;
			d->recent[i].seen_ms = now_ms_;
			return news;
		}
	}
	/* a new code takes a free slot, or the one seen longest ago */
	for (size_t i = 0; i < SCAN_DEDUPE_SLOTS; i++) {
		if (d->recent[i].code == NULL) {
			slot = i;
			break;
		}
		if (d->recent[i].seen_ms < d->recent[slot].seen_ms) {
			slot = i;
		}
	}
	free(d->recent[slot].code);
	d->recent[slot].code = xstrdup(code);
	d->recent[slot].seen_ms = now_ms_;
	return true;
}

void scan_dedupe_release(struct scan_dedupe *d)
{
	for (size_t i = 0; i < SCAN_DEDUPE_SLOTS; i++) {
		free(d->recent[i].code);
	}
	memset(d, 0, sizeof(*d));
}

/* Trims trailing line ends; false for an empty, overlong or control-character text. */
static bool clean_code(char *code)
{
	size_t n = strlen(code);

	while (n > 0 && (code[n - 1] == '\n' || code[n - 1] == '\r' || code[n - 1] == ' ')) {
		code[--n] = '\0';
	}
	if (n == 0 || n > SCAN_MAX_CODE) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)code[i];
		if (c < 0x20 || c == 0x7f) {
			return false;
		}
	}
	return true;
}

/* Writes code and '\n' in one write (atomic: under PIPE_BUF). False when the reader is gone. */
static bool send_code(const char *code, struct camera_counts *counts)
{
	char line[SCAN_MAX_CODE + 2];
	size_t n = strlen(code);

	memcpy(line, code, n);
	line[n++] = '\n';
	ssize_t w = write(cam.fd, line, n);
	if (w == (ssize_t)n) {
		counts->sent++;
		return true;
	}
	if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
		counts->dropped++;
		set_said(SCAN_CAMERA_RUNNING,
		         say("摄像头已开启；%lu 个码未送达签到台", counts->dropped));
		return true;
	}
	return false;
}

static bool handle_frame(struct scan_pipeline *pipeline, struct scan_dedupe *seen,
                         const struct scan_image *frame, struct camera_counts *counts)
{
	struct scan_codes found = {0};
	bool ok = true;

	counts->frames++;
	scan_pipeline_decode(pipeline, frame, &found);
	for (size_t i = 0; i < found.n && ok; i++) {
		if (clean_code(found.codes[i]) &&
		    scan_dedupe_accept(seen, found.codes[i], now_ms())) {
			ok = send_code(found.codes[i], counts);
		}
	}
	scan_codes_release(&found);
	return ok;
}

/* Reads frames until stopped, the source ends or fails, or the reader goes away. */
static void run_source(struct scan_source *src)
{
	struct scan_pipeline *pipeline = scan_pipeline_new(SCAN_PIPELINE_CAMERA);
	struct scan_dedupe seen = {0};
	struct camera_counts counts = {0};
	char *cause = NULL;

	while (!atomic_load(&cam.stop)) {
		struct scan_image frame;
		enum scan_frame_status st = scan_source_next(src, &frame, &cause);
		if (st == SCAN_FRAME_END) {
			set_said(SCAN_CAMERA_ENDED, say("图片已播放完：%lu 张，识别 %lu 个码",
			                                counts.frames, counts.sent));
			break;
		}
		if (st == SCAN_FRAME_ERROR) {
			set_status(SCAN_CAMERA_FAILED, "%s", cause);
			free(cause);
			break;
		}
		if (st == SCAN_FRAME_OK && !handle_frame(pipeline, &seen, &frame, &counts)) {
			set_said(SCAN_CAMERA_FAILED, say_text("签到台不再读取摄像头"));
			break;
		}
	}
	scan_dedupe_release(&seen);
	scan_pipeline_free(pipeline);
}

static void *camera_main(void *arg)
{
	char *cause = NULL;
	struct scan_source *src = scan_source_open(cam.spec, &cause);

	(void)arg;
	/* Linux: a thread's own nice value; the desk's loop keeps the CPU whenever it wants it */
	setpriority(PRIO_PROCESS, (id_t)gettid(), CAMERA_NICE);
	if (src == NULL) {
		set_status(SCAN_CAMERA_FAILED, "%s", cause);
		free(cause);
	} else {
		set_said(SCAN_CAMERA_RUNNING, say_text("摄像头已开启"));
		run_source(src);
		scan_source_close(src);
	}
	atomic_store(&cam.finished, true);
	return NULL;
}

/* Starts the thread with every signal blocked in it (see the top of the file). Lock held. */
static bool spawn(char **cause)
{
	sigset_t all, old;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&cam.thread, NULL, camera_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		*cause = say("无法启动摄像头线程：%s", strerror(err));
		return false;
	}
	return true;
}

bool scan_camera_start(const char *spec, int pipe_write_fd, char **cause)
{
	int flags = fcntl(pipe_write_fd, F_GETFL);

	if (spec == NULL || spec[0] == '\0') {
		*cause = say("未指定摄像头");
		return false;
	}
	if (flags < 0 || fcntl(pipe_write_fd, F_SETFL, flags | O_NONBLOCK) != 0) {
		*cause = say("摄像头的管道不可用：%s", strerror(errno));
		return false;
	}
	if (atomic_load(&cam.finished)) {
		scan_camera_stop(); /* the last run ended by itself: join it first */
	}
	pthread_mutex_lock(&cam.lock);
	bool ok = !cam.running;
	if (!ok) {
		*cause = say("摄像头已在运行");
	} else {
		cam.spec = xstrdup(spec);
		cam.fd = pipe_write_fd;
		atomic_store(&cam.stop, false);
		atomic_store(&cam.finished, false);
		cam.state = SCAN_CAMERA_STARTING;
		put_said(say_text("正在打开摄像头"));
		ok = cam.running = spawn(cause);
		if (!ok) {
			cam.state = SCAN_CAMERA_FAILED;
			snprintf(cam.message, sizeof(cam.message), "%s", *cause);
			trim_partial_utf8(cam.message);
			free(cam.spec);
			cam.spec = NULL;
		}
	}
	pthread_mutex_unlock(&cam.lock);
	return ok;
}

void scan_camera_stop(void)
{
	pthread_mutex_lock(&cam.lock);
	bool running = cam.running;
	pthread_mutex_unlock(&cam.lock);
	if (!running) {
		return;
	}
	atomic_store(&cam.stop, true);
	pthread_join(cam.thread, NULL);
	pthread_mutex_lock(&cam.lock);
	cam.running = false;
	free(cam.spec);
	cam.spec = NULL;
	atomic_store(&cam.finished, false);
	/* a run that ended or failed by itself keeps its message: it says why */
	if (cam.state == SCAN_CAMERA_RUNNING || cam.state == SCAN_CAMERA_STARTING) {
		cam.state = SCAN_CAMERA_OFF;
		put_said(say_text("摄像头已关闭"));
	}
	pthread_mutex_unlock(&cam.lock);
}

enum scan_camera_state scan_camera_status(char *buf, size_t n)
{
	pthread_mutex_lock(&cam.lock);
	enum scan_camera_state state = cam.state;
	if (n > 0 && cam.state == SCAN_CAMERA_OFF && cam.message[0] == '\0') {
		char *none = say_text("摄像头未开启");
		snprintf(buf, n, "%s", none);
		free(none);
		trim_partial_utf8(buf);
	} else if (n > 0) {
		snprintf(buf, n, "%s", cam.message);
		trim_partial_utf8(buf);
	}
	pthread_mutex_unlock(&cam.lock);
	return state;
}
