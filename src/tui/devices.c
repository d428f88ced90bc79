/*
 * devices connects the desk screen to what runs beside it: the webcam thread
 * (codes arrive through a pipe, so curses stays on the loop's thread) and
 * the badge printer (a `frontdesk print --run` child process, so a slow or
 * absent CUPS can never freeze the screen; DESIGN: printing never blocks).
 */
#include "devices.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Starts one `frontdesk print --run` when badges wait and none is running; reaps it after. */
void devices_print_tick(struct ui *ui)
{
	if (ui->print_child > 0) {
		int status;
		if (waitpid(ui->print_child, &status, WNOHANG) == 0) {
			return;
		}
		ui->print_child = 0;
	}
	if (ui->status.print_queued == 0 || ui->self_path == NULL) {
		return;
	}
	char *argv[] = {(char *)ui->self_path,
	                "print",
	                "--run",
	                "--db",
	                (char *)desk_database_path(ui->desk),
	                NULL};
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&ui->print_child, ui->self_path, &actions, NULL, argv, environ) != 0) {
		ui->print_child = 0;
	}
	posix_spawn_file_actions_destroy(&actions);
}

void devices_print_stop(struct ui *ui)
{
	if (ui->print_child > 0) {
		/* a print in progress finishes on its own; the next start picks up the rest */
		waitpid(ui->print_child, NULL, WNOHANG);
	}
}
