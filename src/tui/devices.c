/*
 * devices connects the desk screen to what runs beside it: the webcam thread
 * (codes arrive through a pipe, so curses stays on the loop's thread) and
 * the badge printer (a `frontdesk print --serve` worker process, so a slow or
 * absent CUPS can never freeze the screen; DESIGN: printing never blocks).
 */
#include "devices.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdesk/scan.h"
#include "frontdesk/ticket.h"

extern char **environ;

bool devices_camera_start(struct ui *ui, const char *spec)
{
	int fds[2];
	char *cause = NULL;

	ui->camera_fd = -1;
	if (spec == NULL || spec[0] == '\0') {
		return false;
	}
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
		return false;
	}
	if (!scan_camera_start(spec, fds[1], &cause)) {
		ui_say(ui, TONE_WARN, cause);
		free(cause);
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	ui->camera_fd = fds[0];
	ui->camera_write_fd = fds[1];
	return true;
}

void devices_camera_stop(struct ui *ui)
{
	if (ui->camera_fd < 0) {
		return;
	}
	scan_camera_stop();
	close(ui->camera_fd);
	close(ui->camera_write_fd);
	ui->camera_fd = -1;
}

/*
 * Reads what the camera thread wrote and handles every complete line as a
 * scan. A read can end inside a line when several codes queue up: the
 * unfinished rest waits in ui->camera_buf for the next read.
 */
void devices_camera_read(struct ui *ui)
{
	ssize_t n;

	while ((n = read(ui->camera_fd, ui->camera_buf + ui->camera_len,
	                 sizeof(ui->camera_buf) - ui->camera_len - 1)) > 0) {
		ui->camera_len += (size_t)n;
		ui->camera_buf[ui->camera_len] = '\0';
		char *start = ui->camera_buf, *nl;
		while ((nl = strchr(start, '\n')) != NULL) {
			*nl = '\0';
			size_t len = strlen(start);
			/* a line that does not fit the prompt is no code of ours */
			if (len > 0 && len < sizeof(ui->input)) {
				memcpy(ui->input, start, len + 1);
				act_submit(ui);
				ui->dirty = true;
			}
			start = nl + 1;
		}
		ui->camera_len = strlen(start);
		memmove(ui->camera_buf, start, ui->camera_len + 1);
		if (ui->camera_len == sizeof(ui->camera_buf) - 1) {
			ui->camera_len = 0; /* a line longer than any code: drop it */
		}
	}
}

void devices_camera_state(struct ui *ui, char *buf, size_t n)
{
	if (ui->camera_fd < 0) {
		buf[0] = '\0';
		return;
	}
	scan_camera_status(buf, n);
}

/*
 * Starts the desk's print worker, `frontdesk print --serve`, with one end of a socket pair
 * as its stdin. One process for the day: it loads the fonts once, before anyone waits for a
 * badge (a new process per pass paid 0.4-0.5 s of fontconfig for each first badge). A
 * socket, not a pipe, so a poke at a worker that died is an error, not a SIGPIPE.
 */
static void print_worker_start(struct ui *ui)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		return;
	}
	char *argv[] = {(char *)ui->self_path,
	                "print",
	                "--serve",
	                "--db",
	                (char *)desk_database_path(ui->desk),
	                NULL};
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	/* dup2 clears close-on-exec on the worker's copy only: the desk's end stays ours */
	posix_spawn_file_actions_adddup2(&actions, sv[1], STDIN_FILENO);
	posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&ui->print_child, ui->self_path, &actions, NULL, argv, environ) != 0) {
		ui->print_child = 0;
		close(sv[0]);
	} else {
		ui->print_fd = sv[0];
	}
	close(sv[1]);
	posix_spawn_file_actions_destroy(&actions);
}

/* Forgets a worker that ended (it is started again at the next tick). */
static void print_worker_reap(struct ui *ui)
{
	int status;

	if (ui->print_child > 0 && waitpid(ui->print_child, &status, WNOHANG) == ui->print_child) {
		ui->print_child = 0;
		close(ui->print_fd);
		ui->print_fd = -1;
	}
}

void devices_print_poke(struct ui *ui)
{
	if (ui->print_fd >= 0) {
		/* a full socket means pokes are already waiting: one pass serves them all */
		(void)send(ui->print_fd, "p", 1, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
}

/* Keeps the print worker running and asks it for a pass while badges wait. */
void devices_print_tick(struct ui *ui)
{
	print_worker_reap(ui);
	if (ui->self_path == NULL) {
		return;
	}
	if (ui->print_child == 0) {
		print_worker_start(ui);
	}
	if (ui->status.print_queued > 0) {
		devices_print_poke(ui);
	}
}

void devices_print_stop(struct ui *ui)
{
	if (ui->print_child > 0) {
		/* the worker ends at end of file, after the pass in progress; the next start of
		 * the desk picks up the rest */
		close(ui->print_fd);
		ui->print_fd = -1;
		waitpid(ui->print_child, NULL, WNOHANG);
	}
}
