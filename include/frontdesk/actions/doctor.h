/*
 * actions/doctor: the pre-flight check before the doors open (issue 19):
 * character set, terminal size, the badge's Chinese font, the printer, the
 * camera, the USB stick, the database, the clock and the desk id. Each check
 * is held or not, with what was found and, when not held, what to do, said
 * for desk staff. Nothing is written, except a test page when asked for.
 */
#ifndef FRONTDESK_ACTIONS_DOCTOR_H
#define FRONTDESK_ACTIONS_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>

/* What the front end knows of where it runs. */
struct doctor_env {
	const char *db_path;
	const char *codeset;   /* nl_langinfo(CODESET) under the user's locale */
	int cols, rows;        /* the terminal's size; 0 when not a terminal */
	bool test_page;        /* print a test page on the printer */
	const char *mounts;    /* NULL: /proc/self/mounts (usb.h) */
	const char *sys_block; /* NULL: /sys/block */
};

struct doctor_check {
	const char *name;  /* stable, for --json: "locale", "terminal", "font", ... */
	const char *title; /* a msgid: what is checked, e.g. "打印机" */
	bool ok;
	char *found;  /* said: what was found */
	char *advice; /* said: what to do; NULL when ok */
};

enum { DOCTOR_CHECKS = 9 };

struct doctor_report {
	struct doctor_check checks[DOCTOR_CHECKS];
	size_t n;
};

/* Runs every check in order and fills *out (release with action_doctor_release). */
void action_doctor(const struct doctor_env *env, struct doctor_report *out);
/* True when every check held. */
bool action_doctor_all_ok(const struct doctor_report *r);
void action_doctor_release(struct doctor_report *r);

#endif
