/*
 * term: the terminal itself: locale check, curses start and stop, colours,
 * and the guarantee that the terminal is restored on every exit path.
 */
#ifndef FRONTDESK_TUI_TERM_H
#define FRONTDESK_TUI_TERM_H

#include <stdbool.h>

#include "ui.h"

/* Returns false with a bilingual *cause when the locale is not UTF-8. */
bool term_locale_ok(char **cause);

/* Starts curses, colours (unless NO_COLOR or a monochrome terminal) and the signal handlers. */
bool term_start(struct ui *ui, char **cause);

/* Restores the terminal; safe to call twice. */
void term_stop(void);

/* Returns true once SIGINT, SIGTERM or SIGHUP asked the desk to close. */
bool term_should_quit(void);

enum {
	PAIR_GREEN = 1,
	PAIR_AMBER,
	PAIR_RED,
	PAIR_BAR,
	PAIR_INFO,
};

#endif
