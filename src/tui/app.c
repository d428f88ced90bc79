/*
 * app owns the desk screen's loop: one thread, get_wch with a timeout so the
 * status line stays current, handlers that mark the screen dirty, and one
 * draw per pass; KEY_RESIZE re-lays out (DESIGN section 5).
 */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/rooming.h"
#include "frontdesk/tui.h"
#include "i18n.h"
#include "term.h"
#include "ui.h"

#define TICK_MS            500
#define STATUS_EVERY_TICKS 10

void ui_refresh_status(struct ui *ui)
{
	struct ui_status *s = &ui->status;

	records_count_checkins(ui->desk->db, &s->expected, &s->checked_in);
	rooming_free_beds(ui->desk->db, &s->free_female, &s->free_male);
	s->print_queued = records_count_print_queued(ui->desk->db);
}

static void start_catalogue(void)
{
	const char *dir = getenv("FRONTDESK_LOCALEDIR");

	bindtextdomain("frontdesk", dir && dir[0] ? dir : FRONTDESK_LOCALEDIR);
	bind_textdomain_codeset("frontdesk", "UTF-8");
	textdomain("frontdesk");
}

static void release(struct ui *ui)
{
	act_close_card(ui);
	action_lookup_release(&ui->results);
	free(ui->message);
}

static void loop(struct ui *ui)
{
	int ticks = 0;

	/* scripts/bench times start-to-first-screen with this; nothing else sets it */
	bool exit_after_draw = getenv("FRONTDESK_EXIT_AFTER_FIRST_SCREEN") != NULL;

	timeout(TICK_MS);
	while (!ui->quit && !term_should_quit()) {
		if (ui->dirty) {
			draw_all(ui);
			ui->dirty = false;
			if (exit_after_draw) {
				return;
			}
		}
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == ERR) {
			if (++ticks % STATUS_EVERY_TICKS == 0) {
				ui_refresh_status(ui);
				ui->dirty = true;
			}
			continue;
		}
		input_key(ui, rc == KEY_CODE_YES, (unsigned int)ch);
	}
}

int tui_run(struct desk *desk, char **cause)
{
	struct ui ui;

	memset(&ui, 0, sizeof(ui));
	ui.desk = desk;
	if (!term_locale_ok(cause)) {
		return 2;
	}
	start_catalogue();
	if (!term_start(&ui, cause)) {
		return 3;
	}
	ui_refresh_status(&ui);
	ui.dirty = true;
	loop(&ui);
	term_stop();
	release(&ui);
	return 0;
}
