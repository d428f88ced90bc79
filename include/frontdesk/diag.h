/*
 * diag: a list of problems found in an input file, each tied to a line and a
 * column, so the staff can open the file and fix exactly that cell.
 *
 * Messages are said (frontdesk/say.h): "中文 / English" in the CLI, one
 * language on the desk screen.
 */
#ifndef FRONTDESK_DIAG_H
#define FRONTDESK_DIAG_H

#include <stddef.h>

struct diag {
	int line;      /* 1-based line in the file; 0 when about the whole file */
	char *column;  /* header name as written in the file, or NULL */
	char *message; /* as said (frontdesk/say.h) */
};

struct diag_list {
	struct diag *items;
	size_t n;
	size_t cap;
};

#define DIAG_LIST_INIT     \
	{                  \
		NULL, 0, 0 \
	}

/* Appends a problem; column may be NULL. fmt is a plain format, not translated. */
void diag_add(struct diag_list *list, int line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends a problem whose message is say(msgid, ...); column may be NULL. */
void diag_say(struct diag_list *list, int line, const char *column, const char *msgid, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Moves every problem of from to the end of to, in order, and leaves from
 * empty: problems held back until they are known to stand (a file read row
 * by row may turn out not to be CSV, which is then reported alone).
 */
void diag_list_move(struct diag_list *to, struct diag_list *from);

/* Frees every message; the list may be reused. */
void diag_list_clear(struct diag_list *list);

#endif
