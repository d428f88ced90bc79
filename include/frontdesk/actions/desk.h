/*
 * actions/desk (src/actions/desk.c): the open desk every action works on, the
 * outcome every action returns, and the desk's own small facts (status line,
 * data stamp, operator, supervisor PIN). Every other action header builds on
 * this one. The actions are the CLI's and the TUI's only way down (DESIGN
 * section 5): a rule is never implemented twice, and each action that writes
 * is one SQLite transaction.
 */
#ifndef FRONTDESK_ACTIONS_DESK_H
#define FRONTDESK_ACTIONS_DESK_H

#include <stdbool.h>

#include "frontdesk/event.h"

/* Outcomes map one to one onto the CLI's exit codes. */
enum action_status {
	ACTION_OK = 0,        /* done */
	ACTION_REFUSED = 1,   /* red verdict, conflict, already done, not found */
	ACTION_BAD_INPUT = 2, /* bad usage or bad input files */
	ACTION_FAILED = 3,    /* I/O or internal error */
};

/* An open, initialised desk database with its event; opaque outside src/actions. */
struct desk;

/* Returns the desk's event settings (borrowed, valid until desk_close). */
const struct event_config *desk_config(const struct desk *desk);
/* Returns who is at the desk now (borrowed; changes with action_set_operator). */
const char *desk_operator(const struct desk *desk);
/* Returns the path of the desk's database file (borrowed). */
const char *desk_database_path(const struct desk *desk);

/*
 * Opens the database at path and loads its event. Returns NULL with *cause
 * and *status (ACTION_FAILED, or ACTION_BAD_INPUT when init has not run).
 * operator_name may be NULL ($USER is used, sanitised); a given one follows
 * action_set_operator's rule (ACTION_BAD_INPUT for an empty name or one with
 * a control character, a tab included). Free with desk_close.
 */
struct desk *desk_open(const char *path, const char *operator_name, enum action_status *status,
                       char **cause);
/*
 * Opens the desk for actions that only read (lookup): it works on a
 * read-only folder or mount, and every action that would write answers
 * ACTION_FAILED with advice instead. Returns NULL as desk_open does.
 */
struct desk *desk_open_read_only(const char *path, enum action_status *status, char **cause);
/* Closes the desk; NULL is a no-op. */
void desk_close(struct desk *desk);

/* The figures of the desk screen's status line. */
struct desk_status {
	int expected;
	int checked_in;
	int free_female; /* beds a woman could take: beside a lone woman, or in an empty twin */
	int free_male;
	int print_queued;
	char *printer_state; /* as the last print pass saw it (print_state_name), or NULL */
	char *last_export;   /* "YYYY-MM-DD HH:MM:SS", or NULL */
	/* why this copy can record nothing (a copy prepared for several desks without its
	 * desk's key), or NULL when it can */
	char *cannot_write;
};

/*
 * status: fills *out with the status line's figures; nothing here waits on a
 * device. The strings are the caller's: release with action_desk_status_release.
 */
void action_desk_status(struct desk *desk, struct desk_status *out);
void action_desk_status_release(struct desk_status *out);

/*
 * Returns a number that changes whenever the desk's data changes (this desk's
 * writes, or another process's once seen). The desk screen rebuilds a view
 * model only when it moved; reading it runs no statement.
 */
unsigned long action_data_stamp(struct desk *desk);

/*
 * For a desk with idle moments (the desk screen): the database's WAL
 * checkpoint moves off its check-ins, to action_desk_idle (db.h
 * db_defer_checkpoints).
 */
void action_desk_checkpoint_when_idle(struct desk *desk);

/* Does the work kept for when nobody waits (a checkpoint when due); true when it did some. */
bool action_desk_idle(struct desk *desk);

/* Starts counting the database statements the desk runs. */
void action_count_statements(struct desk *desk);
/* Returns how many statements ran since action_count_statements. */
unsigned long action_statement_count(const struct desk *desk);

/* Returns the operator this desk remembers (the caller frees it), or NULL. */
char *action_operator_remembered(struct desk *desk);

/*
 * operator: who is at the desk from now on; every journal entry and export
 * row carries it. Remembered by this copy. ACTION_BAD_INPUT for an empty name
 * or one with control characters (a tab too: every other desk would refuse
 * the bundles carrying it). *message (the caller frees it) says what
 * happened and what to do next.
 */
enum action_status action_set_operator(struct desk *desk, const char *name, char **message);

/*
 * supervisor: checks the supervisor PIN before action ("undo", "settle",
 * "export", "merge") under the guard of pinguard.h: ACTION_OK for the right
 * PIN; ACTION_REFUSED with *message (the caller frees it) for a wrong one,
 * which is journalled and answered only after a growing delay, or while
 * supervisor actions are locked (five wrong PINs in a row lock them for five
 * minutes; the message says until when); ACTION_FAILED on a database error.
 */
enum action_status action_supervisor_check(struct desk *desk, const char *action, const char *pin,
                                           char **message);

#endif
