/*
 * normalise owns the one spelling every input is reduced to (normalise.h).
 * It runs in place, left to right, writing never ahead of where it reads,
 * which is why the result can never be longer than what came in: a
 * full-width character (three bytes) becomes one ASCII byte, removed
 * characters become nothing, and a run of spaces becomes at most one.
 *
 * Spaces are held back until the next visible character decides their fate:
 * none at the start or the end, none between two CJK characters, one
 * otherwise. Deciding at the next visible character, after the invisible ones
 * are gone, is what makes a second pass find nothing left to do.
 */
#include "frontdesk/normalise.h"

#include <string.h>

#include "frontdesk/encoding.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

static const char ideographic_space[] = "\xE3\x80\x80";

uint32_t normalise_fold_char(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E) {
		return cp - 0xFF01 + 0x21;
	}
	return cp == 0x3000 ? ' ' : cp;
}

bool normalise_is_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool normalise_is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3005 && cp <= 0x3007) ||
	       (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* NORMALISE_KEY over well-formed UTF-8; returns the new length. */
static size_t key_pass(char *s)
{
	size_t r = 0, w = 0;
	bool space_held = false;
	bool any = false;  /* a visible character was written */
	uint32_t last = 0; /* the last one written */

	while (s[r] != '\0') {
		uint32_t cp;
		size_t n = text_decode(s + r, &cp);

		cp = normalise_fold_char(cp);
		if (normalise_is_invisible(cp) || cp == ' ') {
			space_held = space_held || cp == ' ';
			r += n;
			continue;
		}
		if (space_held && any && !(normalise_is_cjk(last) && normalise_is_cjk(cp))) {
			s[w++] = ' ';
		}
		space_held = false;
		if (cp < 0x80) {
			s[w++] = (char)cp;
		} else {
			memmove(s + w, s + r, n);
			w += n;
		}
		any = true;
		last = cp;
		r += n;
	}
	s[w] = '\0';
	return w;
}

/* Returns the length of the space (ASCII or U+3000) at s, or 0. */
static size_t space_at(const char *s, size_t len)
{
	if (len >= 1 && s[0] == ' ') {
		return 1;
	}
	return len >= 3 && memcmp(s, ideographic_space, 3) == 0 ? 3 : 0;
}

/* NORMALISE_TEXT over well-formed UTF-8; returns the new length. */
static size_t text_pass(char *s)
{
	size_t r = 0, w = 0, start = 0, n;

	while (s[r] != '\0') {
		uint32_t cp;
		n = text_decode(s + r, &cp);
		if (!normalise_is_invisible(cp)) {
			memmove(s + w, s + r, n);
			w += n;
		}
		r += n;
	}
	while ((n = space_at(s + start, w - start)) > 0) {
		start += n;
	}
	/* a trailing U+3000 is three bytes; a lone ' ' before it is checked on the next round */
	for (;;) {
		if (w > start && s[w - 1] == ' ') {
			w--;
		} else if (w - start >= 3 && memcmp(s + w - 3, ideographic_space, 3) == 0) {
			w -= 3;
		} else {
			break;
		}
	}
	memmove(s, s + start, w - start);
	s[w - start] = '\0';
	return w - start;
}

/*
 * Printable ASCII with no space at either end and none doubled: what both
 * kinds leave as it is. Most cells of a roster are like this (numbers, codes,
 * dates, amounts), and answering them here spares the decoding passes.
 */
static bool already_normal(const char *s, size_t *len)
{
	size_t i = 0;

	for (; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E ||
		    (c == ' ' && (i == 0 || s[i - 1] == ' ' || s[i + 1] == '\0'))) {
			return false;
		}
	}
	*len = i;
	return true;
}

size_t normalise_in_place(char *s, enum normalise_kind kind)
{
	size_t len;

	if (already_normal(s, &len)) {
		return len;
	}
	len = strlen(s);
	if (!encoding_is_utf8(s, len)) {
		return len;
	}
	return kind == NORMALISE_KEY ? key_pass(s) : text_pass(s);
}

char *normalise(const char *s, enum normalise_kind kind)
{
	char *copy = xstrdup(s);

	normalise_in_place(copy, kind);
	return copy;
}

static int ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int normalise_reg_no_compare(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	while (*x != '\0' && ascii_lower(*x) == ascii_lower(*y)) {
		x++;
		y++;
	}
	return ascii_lower(*x) - ascii_lower(*y);
}
