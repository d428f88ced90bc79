/*
 * csvwrite writes RFC 4180 fields. Neutralising formulas here, in the one
 * place every export goes through, means no export can forget it.
 */
#include "frontdesk/csvwrite.h"

#include <string.h>

void csvwrite_field(struct strbuf *sb, const char *text, int first)
{
	const char *t = text ? text : "";
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
	for (const char *p = t; *p; p++) {
		if (*p == '"') {
			strbuf_putc(sb, '"');
		}
		strbuf_putc(sb, *p);
	}
	if (quote) {
		strbuf_putc(sb, '"');
	}
}

void csvwrite_int(struct strbuf *sb, long value, int first)
{
	if (!first) {
		strbuf_putc(sb, ',');
	}
	strbuf_printf(sb, "%ld", value);
}

void csvwrite_end(struct strbuf *sb)
{
	strbuf_puts(sb, "\r\n");
}
