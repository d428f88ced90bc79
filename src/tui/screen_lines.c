/*
 * screen_lines formats one line of a report page through the catalogue's
 * format (asprintf: a plain buffer would need sprintf) and cuts it to width.
 */
#include "screen_lines.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui.h"

void screen_line(const struct screen_frame *f, int *y, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	if (*y >= f->rows - 3) {
		return;
	}
	va_start(ap, fmt);
	int rc = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (rc >= 0) {
		put_text((*y)++, 2, f->cols - 4, text);
		free(text);
	}
}
