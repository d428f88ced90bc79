/*
 * encoding: turns the bytes of an organiser's file into UTF-8.
 *
 * Organisers save CSV from Excel on Chinese Windows (GB18030/GBK) or from web
 * tools (UTF-8, with or without a BOM). Staff cannot be asked which one it was,
 * so the encoding is detected: a UTF-8 BOM or valid UTF-8 is UTF-8, otherwise
 * the bytes must decode as GB18030. Anything else is refused with a reason.
 */
#ifndef FRONTDESK_ENCODING_H
#define FRONTDESK_ENCODING_H

#include <stddef.h>

enum text_encoding {
	ENCODING_UTF8,
	ENCODING_UTF8_BOM,
	ENCODING_GB18030,
};

/* Returns a short name of the encoding ("UTF-8", "UTF-8 with BOM", "GB18030"). */
const char *encoding_name(enum text_encoding enc);

/*
 * Converts raw (len bytes) to NUL-terminated UTF-8 without a BOM.
 * Returns the new text (the caller frees it) and sets *out_len and *detected;
 * on failure returns NULL and sets *cause to a bilingual message (the caller
 * frees it): empty input, binary data (NUL bytes, an Excel .xlsx/.xls file,
 * UTF-16), or bytes that are neither UTF-8 nor GB18030 (the message names the
 * line and the byte of the line). *line (may be NULL) is set to the 1-based
 * line of the bad byte, or 0 when the problem is the whole file or none.
 * GB18030 is read with code page 936's one extra: a lone byte 0x80 is "€".
 */
char *encoding_to_utf8(const char *raw, size_t len, size_t *out_len, enum text_encoding *detected,
                       int *line, char **cause);

/*
 * Does what encoding_to_utf8 does without copying text that is UTF-8 already.
 * Returns the UTF-8 text, NOT NUL-terminated, and sets *out_len: a pointer
 * into raw (past its BOM) with *converted = NULL, or the converted text, also
 * stored in *converted for the caller to free. raw must outlive a pointer into
 * it. On failure returns NULL as encoding_to_utf8 does.
 */
const char *encoding_utf8_view(const char *raw, size_t len, size_t *out_len,
                               enum text_encoding *detected, int *line, char **cause,
                               char **converted);

/* Returns 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int encoding_is_utf8(const char *s, size_t len);

#endif
