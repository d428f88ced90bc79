/*
 * text owns the rule "no control character from outside reaches a terminal".
 * It decodes UTF-8 by hand because mbrtowc depends on the locale, and the
 * importer must judge a file the same way whatever the desk's locale is.
 */
#include "frontdesk/text.h"

#include <string.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

/* Decodes one code point at s; returns its length in bytes, or 0 when malformed. */
static size_t decode_utf8(const unsigned char *s, unsigned long *cp)
{
	unsigned long c = s[0];
	size_t len;
	unsigned long min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		return 0;
	}
	*cp = c;
	return len;
}

static bool is_control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool text_has_control_except(const char *s, const char *allowed)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n = decode_utf8(p, &cp);

		if (n == 0 || (is_control(cp) && (cp == 0 || strchr(allowed, (int)cp) == NULL))) {
			return true;
		}
		p += n;
	}
	return false;
}

bool text_has_control(const char *s)
{
	return text_has_control_except(s, "");
}

/* Copies s, replacing malformed bytes, and controls too when drop_controls. */
static char *replace_bad(const char *s, bool drop_controls)
{
	struct strbuf out = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n = decode_utf8(p, &cp);

		if (n == 0 || (drop_controls && is_control(cp))) {
			strbuf_puts(&out, "\xEF\xBF\xBD");
			p += n ? n : 1;
		} else {
			strbuf_add(&out, (const char *)p, n);
			p += n;
		}
	}
	return strbuf_detach(&out);
}

char *text_sanitize(const char *s)
{
	return replace_bad(s, true);
}

char *text_repair_utf8(const char *s)
{
	return replace_bad(s, false);
}

bool text_is_digits(const char *s)
{
	for (; *s; s++) {
		if (*s < '0' || *s > '9') {
			return false;
		}
	}
	return true;
}

char *text_ascii_lower(const char *s)
{
	char *copy = xstrdup(s);

	for (char *p = copy; *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (char)(*p - 'A' + 'a');
		}
	}
	return copy;
}
