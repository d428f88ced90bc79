/*
 * diag collects every problem of a file instead of stopping at the first,
 * because organisers fix a roster in one pass, not one error per import.
 */
#include "frontdesk/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

/* Appends a problem whose message is already said; takes message. */
static void append(struct diag_list *list, int line, const char *column, char *message)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->items = xreallocarray(list->items, list->cap, sizeof(*list->items));
	}
	struct diag *d = &list->items[list->n++];
	d->line = line;
	d->column = column ? xstrdup(column) : NULL;
	d->message = message;
}

void diag_add(struct diag_list *list, int line, const char *column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(list, line, column, xvasprintf(fmt, ap));
	va_end(ap);
}

void diag_say(struct diag_list *list, int line, const char *column, const char *msgid, ...)
{
	va_list ap;

	va_start(ap, msgid);
	append(list, line, column, vsay(msgid, ap));
	va_end(ap);
}

void diag_list_move(struct diag_list *to, struct diag_list *from)
{
	if (to->n + from->n > to->cap) {
		to->cap = to->n + from->n;
		to->items = xreallocarray(to->items, to->cap, sizeof(*to->items));
	}
	if (from->n > 0) {
		memcpy(to->items + to->n, from->items, from->n * sizeof(*from->items));
	}
	to->n += from->n;
	free(from->items);
	*from = (struct diag_list)DIAG_LIST_INIT;
}

void diag_list_clear(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].column);
		free(list->items[i].message);
	}
	free(list->items);
	list->items = NULL;
	list->n = 0;
	list->cap = 0;
}
