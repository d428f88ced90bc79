/*
 * json tracks, per nesting level, whether a comma is due, so callers write
 * members in order without bookkeeping. Strings go through the output
 * sanitiser (text_sanitize_lines): valid UTF-8, because a CLI consumer's JSON
 * parser would reject the whole answer, and no control character or escape
 * sequence, because `jq -r` would hand it raw to a terminal or a file.
 * Newlines stay, escaped as \n. A streaming writer flushes only between
 * values, so each piece it sends ends on a whole token (a reader of the pipe
 * never waits on half an escape).
 */
#include "frontdesk/json.h"

#include <assert.h>
#include <stdlib.h>

#include "frontdesk/text.h"

/* Whether byte c is written escaped inside a JSON string. */
static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

void json_escape(struct strbuf *sb, const char *s)
{
	/* copied only when it has something to replace (an export writes a million strings) */
	char *clean = text_has_control_except(s, "\n") ? text_sanitize_lines(s) : NULL;
	const unsigned char *p = (const unsigned char *)(clean ? clean : s);

	strbuf_putc(sb, '"');
	while (*p) {
		const unsigned char *run = p;
		while (*p && !needs_escape(*p)) {
			p++;
		}
		strbuf_add(sb, (const char *)run, (size_t)(p - run));
		if (*p == '"') {
			strbuf_puts(sb, "\\\"");
		} else if (*p == '\\') {
			strbuf_puts(sb, "\\\\");
		} else if (*p == '\n') {
			strbuf_puts(sb, "\\n");
		} else if (*p != '\0') {
			strbuf_printf(sb, "\\u%04x", *p);
		}
		p += *p != '\0';
	}
	strbuf_putc(sb, '"');
	free(clean);
}

/* Emits the comma owed before a value at the current level. */
static void before_value(struct json *j)
{
	if (j->need_comma[j->depth]) {
		strbuf_putc(&j->out, ',');
	}
	j->need_comma[j->depth] = true;
}

static void open_container(struct json *j, char c)
{
	before_value(j);
	strbuf_putc(&j->out, c);
	assert(j->depth + 1 < JSON_MAX_DEPTH);
	j->depth++;
	j->need_comma[j->depth] = false;
}

/* A streaming writer sends its text once enough has gathered: fewer, larger writes. */
static void flush_when_full(struct json *j)
{
	if (j->sink != NULL && j->out.len >= JSON_FLUSH_BYTES) {
		json_flush(j);
	}
}

static void close_container(struct json *j, char c)
{
	assert(j->depth > 0);
	j->depth--;
	strbuf_putc(&j->out, c);
	flush_when_full(j);
}

void json_object_begin(struct json *j)
{
	open_container(j, '{');
}

void json_object_end(struct json *j)
{
	close_container(j, '}');
}

void json_array_begin(struct json *j)
{
	open_container(j, '[');
}

void json_array_end(struct json *j)
{
	close_container(j, ']');
}

void json_key(struct json *j, const char *key)
{
	before_value(j);
	json_escape(&j->out, key);
	strbuf_putc(&j->out, ':');
	/* the value that follows must not write another comma */
	j->need_comma[j->depth] = false;
}

/* After a member's value, the next member needs a comma. */
static void after_value(struct json *j)
{
	j->need_comma[j->depth] = true;
	flush_when_full(j);
}

void json_string(struct json *j, const char *s)
{
	before_value(j);
	if (s == NULL) {
		strbuf_puts(&j->out, "null");
	} else {
		json_escape(&j->out, s);
	}
	after_value(j);
}

void json_int(struct json *j, long v)
{
	before_value(j);
	strbuf_add_long(&j->out, v);
	after_value(j);
}

/* A tenth as a JSON number: 15 is 1.5, 30 is 3 (class hours come in halves). */
void json_tenths(struct json *j, long tenths)
{
	before_value(j);
	if (tenths % 10 == 0) {
		strbuf_printf(&j->out, "%ld", tenths / 10);
	} else {
		strbuf_printf(&j->out, "%s%ld.%ld", tenths < 0 ? "-" : "", labs(tenths) / 10,
		              labs(tenths) % 10);
	}
	after_value(j);
}

void json_bool(struct json *j, bool v)
{
	before_value(j);
	strbuf_puts(&j->out, v ? "true" : "false");
	after_value(j);
}

void json_null(struct json *j)
{
	json_string(j, NULL);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_int(struct json *j, const char *key, long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_stream_to(struct json *j, FILE *f)
{
	assert(j->out.len == 0 && j->depth == 0);
	j->sink = f;
}

void json_flush(struct json *j)
{
	if (j->sink == NULL || j->out.len == 0) {
		return;
	}
	fwrite(j->out.data, 1, j->out.len, j->sink);
	strbuf_reset(&j->out);
}

const char *json_text(const struct json *j)
{
	return strbuf_str(&j->out);
}

void json_release(struct json *j)
{
	strbuf_release(&j->out);
	j->depth = 0;
	j->need_comma[0] = false;
	j->sink = NULL;
}
