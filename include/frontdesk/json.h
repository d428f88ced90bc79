/*
 * json: a small streaming JSON writer for the CLI's --json contract and for
 * the extra columns kept from a roster. It only writes; frontdesk never needs
 * to read arbitrary JSON.
 */
#ifndef FRONTDESK_JSON_H
#define FRONTDESK_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/strbuf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct strbuf out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
};

#define JSON_INIT               \
	{                       \
		STRBUF_INIT, 0, \
		{               \
			false   \
		}               \
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

/* Returns the text written so far (owned by j). */
const char *json_text(const struct json *j);
/* Frees the text. */
void json_release(struct json *j);

#endif
