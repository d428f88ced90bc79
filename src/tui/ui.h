/*
 * ui: the state the desk screen's modules share. One struct, owned by app.c;
 * handlers change it and mark it dirty, and one draw pass per loop paints it
 * (DESIGN section 5: nothing but the loop calls curses).
 */
#ifndef FRONTDESK_TUI_UI_H
#define FRONTDESK_TUI_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/actions/attend.h"
#include "frontdesk/actions/card_details.h"
#include "burst.h"
#include "screen.h"

#define UI_MIN_COLS      80
#define UI_MIN_ROWS      24
#define UI_INPUT_MAX     128
#define UI_MAX_RESULTS   50
#define UI_DIALOG_FIELDS 3

enum ui_view {
	VIEW_MAIN,      /* prompt, search results or the last message */
	VIEW_CARD,      /* the verdict card of one person */
	VIEW_ROOMS,     /* rooms board */
	VIEW_PAYMENTS,  /* on-site payments and refunds */
	VIEW_SUMMARY,   /* the day's figures */
	VIEW_CONFLICTS, /* the conflicts of the last merge (F7) */
	VIEW_MERGE,     /* F6: pick another desk's export, preview, merge (struct ui_merge) */
	VIEW_HELP,
	VIEW_OPERATOR,   /* who is at the desk: asked at start, F9 later (screen_operator.c) */
	VIEW_SESSION,    /* F11 or --session: a hall door on a training day (screen_session.c) */
	VIEW_DOCTOR,     /* the pre-flight check, F8 on the help page (screen_doctor.c) */
	VIEW_ATTENDANCE, /* F12 off a card: the training days per session (screen_attendance.c) */
	VIEW_COUNT,
};

enum ui_dialog {
	DIALOG_NONE,
	DIALOG_CARD_PAY,      /* F5 on a card: POS reference, invoice title, taxpayer number */
	DIALOG_REJECT,        /* F7 on a card: reason */
	DIALOG_REPRINT,       /* F8 on a card: reason */
	DIALOG_UNDO_PIN,      /* F9 on a card: supervisor PIN */
	DIALOG_QUIT,          /* confirm quitting */
	DIALOG_EXPORT_PIN,    /* F5: supervisor PIN, then export to the removable drive */
	DIALOG_MERGE_PIN,     /* F6: supervisor PIN, then the exports found on the drives */
	DIALOG_SETTLE_PIN,    /* F8 on the rooms board: supervisor PIN, then rooms settle */
	DIALOG_WALKIN,        /* F12 on a card of someone without a room: room type and PIN */
	DIALOG_DOOR_OVERRIDE, /* F4 at a hall door after a red answer: reason and PIN */
	DIALOG_DOOR_EXCUSE,   /* F8 at a hall door: who, the reason and the PIN (请假) */
};

struct ui_status {
	bool counted; /* false until the first count, which waits for the first screen */
	int expected;
	int checked_in;
	int free_female;
	int free_male;
	int print_queued;
	char last_export[32];
	char camera[96];  /* camera state for the status line, "" without one */
	char printer[32]; /* printer state for the status line */
	char lan[64];     /* desks in step and the oldest peer's age (lan.h), "" for one desk */
	char no_key[400]; /* why this copy can record nothing (no desk key), "" when it can */
};

enum ui_merge_stage {
	MERGE_PICK,    /* the list of folders */
	MERGE_PREVIEW, /* the dry run's figures and conflicts; Enter or Y merges */
	MERGE_RESULT,  /* the merge's (or a refusal's) message and conflicts */
};

/* The F6 flow (VIEW_MERGE), owned by act_merge.c. */
struct ui_merge {
	enum ui_merge_stage stage;
	struct export_folder_list folders; /* action_merge_folders: other desks', newest first */
	size_t selected;
	struct merge_result result; /* of the dry run (PREVIEW) or the merge (RESULT) */
	enum action_status status;
	bool has_result;
};

/* Session mode at a hall door (VIEW_SESSION), owned by act_session.c. */
struct ui_door {
	struct programme *programme; /* read when the mode opens; non-NULL: the door is open, and
	                              * a scan on any page (help, F12) is an attendance scan */
	long chosen;                 /* -1: the session open by the clock; else its index */
	bool sign_out;               /* scans sign out (F2 switches) */
	struct attend_result last;   /* the last scan's answer, drawn big */
	bool has_last;
	bool at_start; /* --session: open the mode as soon as the operator is known */
};

struct lan_state;
struct syncthing_child;

struct ui {
	struct desk *desk;
	struct lan_state *lan; /* where the LAN pulls stopped (actions/lan.h), NULL for one desk */
	struct syncthing_child
	    *syncthing; /* this desk's Syncthing while the screen runs, or NULL */
	enum ui_view view;
	enum ui_dialog dialog;
	char input[UI_INPUT_MAX]; /* the prompt line (scanner or typing) */
	char dialog_fields[UI_DIALOG_FIELDS][UI_INPUT_MAX]; /* what is typed in the dialog */
	int dialog_field;                                   /* the field with the focus */
	bool color;
	bool dirty;
	bool quit;
	bool search_dirty;       /* the prompt changed: search once, after the keys read together */
	struct burst burst;      /* tells a scanner from a person (burst.h) */
	bool operator_confirmed; /* someone said who is at the desk (or --operator did) */
	int rows, cols;
	/* search results (VIEW_MAIN) */
	struct lookup_result results;
	size_t selected;
	/* the card (VIEW_CARD) */
	struct lookup_result card; /* exactly one match while the card is shown */
	bool voucher_seen;
	struct card_details details; /* badge, roommate, transfer (action_card_details) */
	unsigned long card_stamp;    /* action_data_stamp when the card was read */
	struct checkin_result done;  /* the check-in just made from this card */
	bool has_done;
	/* feedback */
	char *message;
	enum ui_tone tone;
	struct ui_status status;
	int scroll; /* first line (or, for conflicts, first item) shown in long views */
	struct ui_merge merge;
	struct ui_door door;
	struct screen_slot slots[VIEW_COUNT]; /* the view models (screens.c) */
	/* devices (devices.c) */
	int camera_fd; /* read end of the camera thread's pipe, or -1 */
	int camera_write_fd;
	char camera_buf[1040]; /* an unfinished line from the camera pipe (codes are <= 512) */
	size_t camera_len;
	int print_child;       /* pid of the running `frontdesk print --serve`, or 0 */
	bool lodging_warmed;   /* the hotel picture was loaded once the screen was up */
	int print_fd;          /* the desk's end of the worker's stdin, or -1 */
	const char *self_path; /* this program, to start the print child */
};

/* Replaces the feedback message (a copy is kept). */
void ui_say(struct ui *ui, enum ui_tone tone, const char *message);

/* Re-reads the status line's figures from the database. */
void ui_refresh_status(struct ui *ui);

/* Drawing, one function per screen or widget (draw_*.c, screen_*.c). */
void draw_all(struct ui *ui);
/*
 * While export or merge runs in the screen's loop, their progress (progress.h)
 * is drawn on the message line (progress_view.c); end puts the sink away.
 */
void progress_view_begin(const struct ui *ui);
void progress_view_end(void);
void draw_title(struct ui *ui);
void draw_prompt(struct ui *ui);
void draw_status(struct ui *ui);
void draw_keys(struct ui *ui, const char *keys);
void screen_main(struct ui *ui);
void screen_card(struct ui *ui);
/* Lists conflicts from the one f->scroll chooses, rows y to end (screen_conflicts.c). */
void draw_conflicts(const struct screen_frame *f, int y, int end, const struct conflict_report *r);
void screen_merge(struct ui *ui);
void draw_dialog(struct ui *ui);

/* Writes s at (y, x) cut or padded to exactly width columns, never splitting a wide character. */
void put_text(int y, int x, int width, const char *s);

/*
 * Writes s from row y on, wrapped to width columns (at spaces, or beside a wide
 * character), and never on row end or below. Returns the row after the last one written.
 */
int put_wrapped(int y, int end, int x, int width, const char *s);

/* Returns how many rows put_wrapped would take for s at width columns. */
int wrapped_rows(int width, const char *s);

/* Colour pairs (term.c) and the attribute for a tone, with a monochrome fallback. */
int ui_tone_attr(const struct ui *ui, enum ui_tone tone);
int ui_verdict_attr(const struct ui *ui, enum verdict_colour c);

/* Input handling (input.c): one key, as returned by get_wch. */
void input_key(struct ui *ui, int is_key_code, unsigned int ch);

/*
 * Runs the search the keys typed since the last one asked for, unless they
 * may still be a scan (burst_holds): then returns how many ms to wait before
 * asking again; -1 when nothing waits.
 */
int input_search_pending(struct ui *ui);

/* Actions from the screen (act.c). */
void act_submit(struct ui *ui);
void act_open(struct ui *ui, long index);
void act_confirm(struct ui *ui);
void act_dialog_done(struct ui *ui);
void act_search(struct ui *ui);
void act_close_card(struct ui *ui);
void act_export(struct ui *ui, const char *pin);
/*
 * On the status tick: the card is read again when the data changed since it
 * was read (another desk's check-in), and a badge on its way is looked at
 * again, so the card says when it printed.
 */
void act_card_tick(struct ui *ui);
/* F6 on a card: the transfer voucher was seen (again: it was not). */
void act_toggle_voucher(struct ui *ui);
/* A scan: cancels whatever is open (nothing is recorded) and shows that code's card. */
void act_scan(struct ui *ui, const char *code);
/* Opens dialog d with empty fields. */
void act_open_dialog(struct ui *ui, enum ui_dialog d);
/* Closes the dialog without doing anything. */
void act_cancel_dialog(struct ui *ui);
/* Returns true when the card may offer a walk-in room (F12): gate_walkin_offered. */
bool act_card_walkin_offered(const struct ui *ui);
/* What the card offers now (gate_offers bits), 0 without a card. */
unsigned act_card_offers(const struct ui *ui);
/* Returns true when the terminal is too small to show anything but that. */
bool ui_too_small(const struct ui *ui);

/* Session mode at a hall door (act_session.c, screen_session.c). */
void act_door_open(struct ui *ui);
void act_door_close(struct ui *ui);
/* A badge scanned (or a reg_no typed and Enter) at the door: recorded or refused, drawn big. */
void act_door_scan(struct ui *ui, const char *code);
/* The door's own keys (F2 sign in/out, F3 the session, F4 override); false for any other. */
bool act_door_key(struct ui *ui, unsigned int ch);
/*
 * The supervisor records an excused absence (DIALOG_DOOR_EXCUSE) for the session chosen
 * with F3, else the session of the last answer.
 */
void act_door_excuse(struct ui *ui, const char *who, const char *reason, const char *pin);
/* The supervisor records the last red answer's person anyway (DIALOG_DOOR_OVERRIDE). */
void act_door_override(struct ui *ui, const char *reason, const char *pin);
void screen_session(struct ui *ui);

/* The F6 merge flow (act_merge.c). */
void act_merge_start(struct ui *ui, const char *pin);
void act_merge_pick(struct ui *ui);
void act_merge_confirm(struct ui *ui);
void act_merge_close(struct ui *ui);

#endif
