/*
 * json: a small streaming JSON writer for the CLI's --json contract and for
 * the extra columns kept from a roster. It only writes; frontdesk never needs
 * to read arbitrary JSON. The text is kept whole in memory, or, for answers
 * too large for that (`rooms plan --json` on a 100k event is 21 MB), sent to
 * a FILE as it is written (json_stream_to).
 */
#ifndef FRONTDESK_JSON_H
#define FRONTDESK_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontdesk/strbuf.h"

#define JSON_MAX_DEPTH 16
/* A streaming writer sends its text once it holds this much (at the end of a value). */
#define JSON_FLUSH_BYTES 65536

struct json {
	struct strbuf out; /* the text, or with a sink the part not yet sent */
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	FILE *sink; /* NULL: the text is kept whole */
};

#define JSON_INIT                             \
	{                                     \
		STRBUF_INIT, 0, {false}, NULL \
	}

/*
 * Appends s as a JSON string literal: quoted and escaped, bad UTF-8, controls
 * and escape sequences replaced by U+FFFD (text_sanitize_lines), newlines kept.
 */
void json_escape(struct strbuf *sb, const char *s);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/* Writes the key of the next member; follow it with exactly one value or container. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, long v);
void json_bool(struct json *j, bool v);
/* Writes tenths / 10 as a JSON number: 15 as 1.5, 30 as 3. */
void json_tenths(struct json *j, long tenths);
void json_null(struct json *j);

/* Shorthands: a key and its value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, long v);
void json_kv_bool(struct json *j, const char *key, bool v);

/*
 * Makes j send its text to f as it is written, JSON_FLUSH_BYTES or so at a
 * time, instead of keeping it whole: the same bytes reach f, in the same
 * order, without the whole document ever in memory. Call it before writing
 * anything. f stays the caller's; write errors are f's (ferror).
 */
void json_stream_to(struct json *j, FILE *f);
/* Sends what j holds to its sink now and empties it; nothing without a sink. */
void json_flush(struct json *j);

/* Returns the text written so far, or with a sink the part not yet sent (owned by j). */
const char *json_text(const struct json *j);
/* Frees the text (a sink's unsent part too: flush it first) and forgets the sink. */
void json_release(struct json *j);

#endif
