/*
 * app owns the desk screen's loop: one thread, get_wch with a timeout so the
 * status line stays current, handlers that mark the screen dirty, and one
 * draw per pass; KEY_RESIZE re-lays out (DESIGN section 5).
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/actions/checkin.h"
#include "frontdesk/progress.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lan.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/testseam.h"
#include "frontdesk/tui.h"
#include "i18n.h"
#include "devices.h"
#include "term.h"
#include "ui.h"

#define TICK_MS            500
#define STATUS_EVERY_TICKS 10
#define LAN_EVERY_TICKS    2 /* a stat of each peer's log every second: cheap enough to poll */

/* "12s", "5m", "2h", ">99h": how long ago the peer heard of least wrote, in the status line's room.
 */
static void age_text(long age, char *out, size_t size)
{
	if (age < 0) {
		snprintf(out, size, "—");
	} else if (age < 120) {
		snprintf(out, size, "%lds", age);
	} else if (age < 7200) {
		snprintf(out, size, "%ldm", age / 60);
	} else if (age < 100 * 3600) {
		snprintf(out, size, "%ldh", age / 3600);
	} else {
		snprintf(out, size, ">99h"); /* bounded: the status line has no room for more */
	}
}

static void lan_status_text(struct ui *ui, char *out, size_t size)
{
	struct lan_status l;
	char age[24];

	out[0] = '\0';
	if (ui->lan == NULL) {
		return;
	}
	action_lan_status(ui->desk, ui->lan, &l);
	age_text(l.oldest_age, age, sizeof(age));
	snprintf(out, size, _("同步 %d/%d %s"), l.in_step, l.desks, age);
}

void ui_refresh_status(struct ui *ui)
{
	struct ui_status *s = &ui->status;
	struct desk_status d;

	action_desk_status(ui->desk, &d);
	s->expected = d.expected;
	s->checked_in = d.checked_in;
	s->free_female = d.free_female;
	s->free_male = d.free_male;
	if (d.print_queued > s->print_queued) {
		devices_print_poke(ui); /* a badge was just queued: print it now, not at the tick */
	}
	s->print_queued = d.print_queued;
	s->counted = true;
	snprintf(s->printer, sizeof(s->printer), "%s", d.printer_state ? d.printer_state : "");
	/* "YYYY-MM-DD HH:MM:SS": the day is today's, the time is what the staff need */
	snprintf(s->last_export, sizeof(s->last_export), "%.5s",
	         d.last_export && strlen(d.last_export) >= 16 ? d.last_export + 11 : "");
	snprintf(s->no_key, sizeof(s->no_key), "%s", d.cannot_write ? d.cannot_write : "");
	action_desk_status_release(&d);
	lan_status_text(ui, s->lan, sizeof(s->lan));
}

/*
 * Takes in what the other desks wrote, when a peer's log changed: a stat per
 * log each second, a pull (one new entry applied alone: a few milliseconds)
 * only when one moved, between keystrokes (a tick runs only when none waits).
 */
static void lan_tick(struct ui *ui)
{
	if (ui->lan == NULL || !action_lan_changed(ui->desk, ui->lan)) {
		return;
	}
	struct lan_pull_result r;
	enum action_status status = action_lan_pull(ui->desk, ui->lan, &r);
	if (status != ACTION_OK) {
		free(ui->message);
		ui->message = r.message;
		r.message = NULL;
	}
	ui_refresh_status(ui);
	ui->dirty = true;
	action_lan_pull_release(&r);
}

/* The LAN is watched only on a database prepared for several desks. */
static void lan_start(struct ui *ui)
{
	struct lan_status l;

	action_lan_status(ui->desk, NULL, &l);
	if (l.desks > 0) {
		char *why = NULL;
		ui->lan = lan_state_new();
		ui->syncthing = action_lan_start(ui->desk, &why);
		if (why != NULL) {
			free(ui->message);
			ui->message = why;
		}
		lan_tick(ui); /* also rebuilds this desk's own log if it is short */
	}
}

static void release(struct ui *ui)
{
	act_close_card(ui);
	act_merge_close(ui);
	act_door_close(ui);
	screens_release(ui);
	action_lookup_release(&ui->results);
	free(ui->message);
}

/*
 * Waits for a key or a camera code, whichever comes first, for at most one
 * tick. poll() rather than get_wch's own timeout, so a code from the camera
 * is shown at once and the keyboard is never kept waiting for the camera.
 */
static bool wait_for_input(struct ui *ui, int timeout_ms)
{
	struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {ui->camera_fd, POLLIN, 0}};
	int n = poll(fds, ui->camera_fd >= 0 ? 2 : 1, timeout_ms);

	if (n > 0 && ui->camera_fd >= 0 && (fds[1].revents & POLLIN)) {
		devices_camera_read(ui);
	}
	return n > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR));
}

/* Half a second without a key: what the desk keeps for such moments, then the periodic work. */
static void on_tick(struct ui *ui, int ticks)
{
	action_desk_idle(ui->desk);
	if (ticks % LAN_EVERY_TICKS == 0) {
		lan_tick(ui);
	}
	if (ticks % STATUS_EVERY_TICKS == 0) {
		ui_refresh_status(ui);
		devices_camera_state(ui, ui->status.camera, sizeof(ui->status.camera));
		devices_print_tick(ui);
		act_card_tick(ui);
		ui->dirty = true;
	}
}

/*
 * The day's figures, counted once the first screen is up: on an end-of-day database the
 * first count reads every stay (0.3 s), and the staff see the screen, and may type, before.
 * Keys typed meanwhile wait in the terminal and are read right after.
 */
static void first_count(struct ui *ui)
{
	ui_refresh_status(ui);
	devices_camera_state(ui, ui->status.camera, sizeof(ui->status.camera));
	ui->dirty = true;
}

static void loop(struct ui *ui)
{
	int ticks = 0, held = -1;

	/* scripts/bench times start-to-first-screen with this (test seam builds only) */
	bool exit_after_draw = testseam_exit_after_first_screen();
	bool exit_after_figures = testseam_exit_after_figures();

	timeout(0);
	while (!ui->quit && !term_should_quit()) {
		if (ui->dirty) {
			draw_all(ui);
			ui->dirty = false;
			if (exit_after_draw && (!exit_after_figures || ui->status.counted)) {
				return;
			}
			if (!ui->status.counted) {
				first_count(ui);
				continue;
			}
			if (ui->print_child == 0 && ticks == 0) {
				/* the screen is up: warm the worker before a badge waits */
				devices_print_tick(ui);
			}
			if (!ui->lodging_warmed) {
				/* and the hotel picture, before the first bed waits for it */
				ui->lodging_warmed = true;
				action_lodging_warm(ui->desk);
			}
		}
		/* a search held for a possible scan is asked again as soon as it may run */
		if (!wait_for_input(ui, held >= 0 ? held : TICK_MS) && held < 0) {
			on_tick(ui, ++ticks);
		}
		wint_t ch;
		int rc;
		/* drained every pass: a USB scanner types a whole code at once, and KEY_RESIZE
		 * comes from SIGWINCH without making the terminal readable */
		while ((rc = get_wch(&ch)) != ERR) {
			input_key(ui, rc == KEY_CODE_YES, (unsigned int)ch);
		}
		/* one search for all the keys read together, none for the digits of a scan */
		held = input_search_pending(ui);
	}
}

/* Opens on the operator question unless the command line named the operator. */
static void start_view(struct ui *ui, bool ask_operator)
{
	ui->operator_confirmed = !ask_operator;
	if (ask_operator) {
		char *remembered = action_operator_remembered(ui->desk);
		snprintf(ui->input, sizeof(ui->input), "%s", remembered ? remembered : "");
		free(remembered);
		ui->view = VIEW_OPERATOR;
	} else if (ui->door.at_start) {
		ui->door.at_start = false;
		act_door_open(ui);
	}
}

int tui_run(struct desk *desk, const char *camera, const char *self_path, bool ask_operator,
            bool session_mode, char **cause)
{
	struct ui ui;

	memset(&ui, 0, sizeof(ui));
	ui.desk = desk;
	ui.camera_fd = -1;
	ui.print_fd = -1;
	ui.self_path = self_path;
	if (!term_locale_ok(cause)) {
		return 2;
	}
	/* one language from here on, the locale's, for the screen and the actions' messages */
	say_start(SAY_SCREEN);
	/* curses owns the terminal now: no progress line on stderr (the command line's sink,
	 * which the LAN's tail replays would otherwise reach); export and merge draw their own */
	progress_set(NULL, NULL);
	if (!term_start(&ui, cause)) {
		return 3;
	}
	/* the WAL is copied into the database while nobody waits, not during a check-in */
	action_desk_checkpoint_when_idle(desk);
	devices_camera_start(&ui, camera ? camera : desk_config(desk)->camera);
	ui.door.at_start = session_mode;
	start_view(&ui, ask_operator);
	lan_start(&ui);
	ui.dirty = true; /* the first screen draws before the figures are counted (first_count) */
	loop(&ui);
	devices_camera_stop(&ui);
	devices_print_stop(&ui);
	term_stop();
	release(&ui);
	action_lan_stop(ui.syncthing);
	lan_state_free(ui.lan);
	return 0;
}
