/*
 * strbuf: a growable byte string, for building JSON, CSV lines and messages
 * without fixed-size buffers (sprintf and strcat are banned, DESIGN section 7).
 */
#ifndef FRONTDESK_STRBUF_H
#define FRONTDESK_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *data; /* always NUL-terminated once anything was added; NULL when empty */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT        \
	{                  \
		NULL, 0, 0 \
	}

/* Appends n bytes of s. */
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
/* Appends the NUL-terminated string s. */
void strbuf_puts(struct strbuf *sb, const char *s);
/* Appends one byte. */
void strbuf_putc(struct strbuf *sb, char c);
/* Appends value in decimal, as "%ld" would, without the cost of a format. */
void strbuf_add_long(struct strbuf *sb, long value);
/* Appends formatted text. */
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents ("" when empty), still owned by sb. */
const char *strbuf_str(const struct strbuf *sb);
/* Returns the contents as a new string the caller frees, and empties sb. */
char *strbuf_detach(struct strbuf *sb);
/* Empties sb but keeps its room, for a buffer refilled many times (a parser's record). */
void strbuf_reset(struct strbuf *sb);
/* Frees the contents; sb may be reused afterwards. */
void strbuf_release(struct strbuf *sb);

#endif
