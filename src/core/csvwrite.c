/*
 * csvwrite writes RFC 4180 fields. Neutralising formulas and sanitising the
 * text here, in the one place every export goes through, means no export can
 * forget it.
 */
#include "frontdesk/csvwrite.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/text.h"

void csvwrite_field(struct strbuf *sb, const char *text, int first)
{
	/* a control character or escape sequence in a cell would reach whoever cats the file;
	 * the copy is made only then (the export writes a million cells) */
	const char *t = text ? text : "";
	char *clean = text_has_control_except(t, "\n") ? text_sanitize_lines(t) : NULL;
	if (clean != NULL) {
		t = clean;
	}
	int formula = strchr("=+-@", t[0]) != NULL && t[0] != '\0';
	int quote = formula || strpbrk(t, ",\"\r\n") != NULL;

	if (!first) {
		strbuf_putc(sb, ',');
	}
	if (quote) {
		strbuf_putc(sb, '"');
	}
	if (formula) {
		strbuf_putc(sb, '\'');
	}
	/* in runs up to each quote, which is doubled: a cell is copied, not fed byte by byte */
	for (const char *p = t; *p;) {
		size_t run = strcspn(p, "\"");
		strbuf_add(sb, p, run);
		p += run;
		if (*p == '"') {
			strbuf_add(sb, "\"\"", 2);
			p++;
		}
	}
	if (quote) {
		strbuf_putc(sb, '"');
	}
	free(clean);
}

void csvwrite_int(struct strbuf *sb, long value, int first)
{
	if (!first) {
		strbuf_putc(sb, ',');
	}
	strbuf_add_long(sb, value);
}

void csvwrite_end(struct strbuf *sb)
{
	strbuf_puts(sb, "\r\n");
}
