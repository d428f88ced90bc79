/*
 * diag: a list of problems found in an input file, each tied to a line and a
 * column, so the staff can open the file and fix exactly that cell.
 *
 * Messages are bilingual, Chinese first: "中文 / English".
 */
#ifndef FRONTDESK_DIAG_H
#define FRONTDESK_DIAG_H

#include <stddef.h>

struct diag {
	int line;      /* 1-based line in the file; 0 when about the whole file */
	char *column;  /* header name as written in the file, or NULL */
	char *message; /* bilingual message */
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

/* Appends a problem; column may be NULL. fmt is "中文 / English". */
void diag_add(struct diag_list *list, int line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Frees every message; the list may be reused. */
void diag_list_clear(struct diag_list *list);

#endif
