/*
 * screen: one page of the desk screen as a view model and a draw (tmux's
 * pattern). The model is built by one action call, and only when the data
 * changed since it was built (action_data_stamp), never because the screen
 * is redrawn: a redraw with nothing new runs no database statement. The draw
 * gets the model and a frame (size, colour, scroll, the prompt's text) and no
 * desk, so it cannot query. Keys change state and mark the screen dirty.
 *
 * A new screen is one screen_*.c file defining its model and a
 * `const struct screen`, plus one line in screen_table (screens.c).
 */
#ifndef FRONTDESK_TUI_SCREEN_H
#define FRONTDESK_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

struct ui;
struct desk;

enum ui_tone {
	TONE_INFO,
	TONE_GOOD,
	TONE_WARN,
	TONE_BAD,
};

/* What a draw may know besides its model. */
struct screen_frame {
	int rows, cols;
	bool color;
	int scroll;          /* first line or item shown, for long pages */
	const char *input;   /* the prompt's text */
	const char *message; /* the last action's answer, or NULL */
	enum ui_tone tone;
};

struct screen {
	size_t model_size;
	/* Fills model (zeroed) from the desk: one action call. NULL for a page without data. */
	void (*build)(struct desk *desk, void *model);
	void (*release)(void *model);
	void (*draw)(const struct screen_frame *f, const void *model);
	/* The largest useful scroll for the model, or NULL when the page does not scroll. */
	int (*max_scroll)(const struct screen_frame *f, const void *model);
	/* Keys this page takes before the prompt does; returns false to pass one on. NULL: none. */
	bool (*key)(struct ui *ui, int is_key, unsigned int ch);
	/* The prompt's label on this page (Chinese id, through gettext), or NULL for the usual. */
	const char *prompt;
	/* The page draws the last action's answer itself; otherwise it goes above the key bar. */
	bool draws_message;
};

/* A page's model as the ui keeps it between redraws. */
struct screen_slot {
	void *model;
	unsigned long stamp; /* action_data_stamp when it was built */
	bool built;
};

/* Returns the screen of a view (enum ui_view), or NULL for the pages drawn from ui's own state. */
const struct screen *screen_of(int view);

/* Rebuilds the model of ui's view when the data changed since it was built. */
void screens_update(struct ui *ui);
/* Draws ui's view from its model; false when the view has no screen (drawn elsewhere). */
bool screens_draw(struct ui *ui);
/* Forgets every model, so each is built again when next shown. */
void screens_release(struct ui *ui);

/* The frame of ui as it is now. */
struct screen_frame screen_frame_of(const struct ui *ui);

/* Widgets for draws: the key bar, and the attribute of a tone (monochrome fallback). */
void frame_keys(const struct screen_frame *f, const char *keys);
int frame_tone_attr(const struct screen_frame *f, enum ui_tone tone);

/* The screens (screen_*.c). */
extern const struct screen screen_help_page;
extern const struct screen screen_rooms_page;
extern const struct screen screen_payments_page;
extern const struct screen screen_summary_page;
extern const struct screen screen_conflicts_page;
extern const struct screen screen_operator_page;
extern const struct screen screen_doctor_page;
extern const struct screen screen_attendance_page;

#endif
