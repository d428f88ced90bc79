/*
 * strbuf grows geometrically so that appending n bytes one at a time costs O(n).
 */
#include "frontdesk/strbuf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

static void strbuf_reserve(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap) {
		return;
	}
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need) {
		cap *= 2;
	}
	sb->data = xreallocarray(sb->data, cap, 1);
	sb->cap = cap;
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_add_long(struct strbuf *sb, long value)
{
	char digits[24]; /* 19 digits of LONG_MAX and a sign */
	size_t at = sizeof(digits);
	/* through unsigned, so that LONG_MIN's magnitude does not overflow */
	unsigned long rest = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;

	do {
		digits[--at] = (char)('0' + rest % 10);
		rest /= 10;
	} while (rest > 0);
	if (value < 0) {
		digits[--at] = '-';
	}
	strbuf_add(sb, digits + at, sizeof(digits) - at);
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_puts(sb, s);
	free(s);
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->data ? sb->data : "";
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->data ? sb->data : xstrdup("");

	sb->data = NULL;
	sb->len = 0;
	sb->cap = 0;
	return s;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->data != NULL) {
		sb->data[0] = '\0';
	}
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = 0;
	sb->cap = 0;
}
