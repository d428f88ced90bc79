/*
 * csvtable owns the split of a CSV text into records and fields, and the line
 * number each record starts on, which every import error quotes to staff.
 *
 * libcsv does the quoting; it already skips blank lines (also CRLF and lines
 * of spaces) and trims spaces and tabs around unquoted fields. It does not
 * count lines, so the text is fed one physical line at a time: when a line
 * begins outside a quoted field, any record that starts in it starts on that
 * line; when it begins inside one, the record started earlier.
 *
 * The parser is strict (CSV_STRICT): a quote inside an unquoted field or text
 * after a closing quote is an error naming its line. Excel and the platform
 * never write such files, and a lenient parse of `"a"b,c` runs the quoted
 * field on past the comma and the line end, silently shifting the columns of
 * a row, which is worse than asking for the file to be fixed. CSV_STRICT_FINI
 * turns a quote still open at the end of the text into an error too, named by
 * the line where that field began.
 */
#include "frontdesk/csvtable.h"

#include <csv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

/*
 * What the libcsv callbacks build up: the record being read, and nothing of
 * the records before it. Field text goes into one arena reused from record
 * to record (a malloc per field dominated the parse time of a 100k-row
 * roster) and fields are remembered by offset while the arena may still
 * move; they become pointers when the record is handed over.
 */
struct builder {
	csvtable_record_fn hand_over;
	void *arg;
	struct strbuf arena; /* the current record's fields, NUL-terminated, back to back */
	size_t *offsets;     /* per field of the current record: where it starts in the arena */
	char **fields;       /* the same as pointers, filled when the record is complete */
	size_t cur_fields;   /* fields of the record being filled */
	size_t cap_fields;   /* room in offsets and fields */
	size_t fields_seen;  /* fields completed so far, to tell one open quote from the next */
	int line;            /* physical line being fed */
	int rec_line;        /* line the current record started on */
	bool stopped;        /* hand_over asked to stop: ignore whatever libcsv still has */
};

/* Called by libcsv at the end of every field; appends it to the arena. */
static void on_field(void *data, size_t len, void *arg)
{
	struct builder *b = arg;

	b->fields_seen++;
	if (b->stopped) {
		return;
	}
	if (b->cur_fields == b->cap_fields) {
		b->cap_fields = b->cap_fields ? 2 * b->cap_fields : 32;
		b->offsets = xreallocarray(b->offsets, b->cap_fields, sizeof(*b->offsets));
		b->fields = xreallocarray(b->fields, b->cap_fields, sizeof(*b->fields));
	}
	b->offsets[b->cur_fields++] = b->arena.len;
	strbuf_add(&b->arena, data ? data : "", len);
	strbuf_putc(&b->arena, '\0');
}

/*
 * Called by libcsv at the end of every record (never for blank lines): hands
 * the record over and empties the arena for the next. A record that follows
 * in the same line (after a lone CR) starts on this line too.
 */
static void on_record(int term, void *arg)
{
	struct builder *b = arg;

	(void)term;
	if (!b->stopped) {
		for (size_t i = 0; i < b->cur_fields; i++) {
			b->fields[i] = b->arena.data + b->offsets[i];
		}
		struct csv_record record = {b->rec_line, b->cur_fields, b->fields};
		b->stopped = b->hand_over(&record, b->arg) != 0;
	}
	strbuf_reset(&b->arena);
	b->cur_fields = 0;
	b->rec_line = b->line;
}

static void *csv_realloc(void *ptr, size_t size)
{
	return xreallocarray(ptr, size, 1);
}

/* Hands a formatted message to the caller, who may pass NULL to ignore it. */
__attribute__((format(printf, 2, 3))) static void set_cause(char **cause, const char *msgid, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, msgid);
	msg = vsay(msgid, ap);
	va_end(ap);
	if (cause != NULL) {
		*cause = msg;
	} else {
		free(msg);
	}
}

/*
 * libcsv grows its field buffer by blk_size bytes at a time (128 by default),
 * copying the field so far each time: a 1 MB field took 8,000 copies of up to
 * a megabyte, 81 s under ASan. Before each line the step is raised to the
 * buffer's size so far and the line's length, so the buffer at least doubles
 * and a field costs a few copies of itself, whatever its length.
 */
static void grow_in_steps(struct csv_parser *p, size_t line_len)
{
	size_t step = p->entry_size > line_len ? p->entry_size : line_len;

	csv_set_blk_size(p, step > 128 ? step : 128);
}

/*
 * Feeds text to p one physical line (up to and including '\n') at a time.
 * Returns 0, 1 when the receiver stopped the parse, or -1 with *cause set.
 * p->quoted is part of libcsv's public struct and, after a '\n', is set
 * exactly when a quoted field is still open.
 */
static int feed_lines(struct csv_parser *p, struct builder *b, const char *text, size_t len,
                      int *bad_line, char **cause)
{
	size_t pos = 0;
	int quote_line = 0; /* line where the open quoted field began */

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
		int was_quoted = p->quoted;
		size_t fields_before = b->fields_seen;

		b->line++;
		if (!was_quoted && b->cur_fields == 0) {
			b->rec_line = b->line;
		}
		grow_in_steps(p, n);
		size_t parsed = csv_parse(p, text + pos, n, on_field, on_record, b);
		if (b->stopped) {
			return 1;
		}
		if (parsed != n) {
			*bad_line = b->line;
			if (csv_error(p) != CSV_EPARSE) {
				set_cause(cause, "第 %d 行：字段太大", b->line);
				return -1;
			}
			set_cause(
			    cause,
			    "第 %d 行：引号位置不对：引号只能包住整个字段，字段里的引号要写成两个（\"\"）",
			    b->line);
			return -1;
		}
		/* An open quote began on this line unless it was open before and no field ended. */
		if (p->quoted && (!was_quoted || b->fields_seen != fields_before)) {
			quote_line = b->line;
		}
		pos += n;
	}
	if (csv_fini(p, on_field, on_record, b) != 0) {
		*bad_line = quote_line;
		set_cause(cause, "第 %d 行：引号没有闭合，该字段从这一行开始直到文件末尾",
		          quote_line);
		return -1;
	}
	return 0;
}

int csvtable_each(const char *text, size_t len, csvtable_record_fn receiver, void *arg, int *line,
                  char **cause)
{
	struct csv_parser p;
	struct builder b = {.hand_over = receiver, .arg = arg};
	int rc, bad_line = 0;

	if (line != NULL) {
		*line = 0;
	}
	if (len > 0 && memchr(text, '\0', len) != NULL) {
		set_cause(cause, "文件含有 NUL 字节，不是文本");
		return -1;
	}
	/* encoding_to_utf8 strips the BOM; a caller that skipped it must not get "\uFEFF报名编号".
	 */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		set_cause(cause, "内存不足");
		return -1;
	}
	csv_set_realloc_func(&p, csv_realloc);
	rc = feed_lines(&p, &b, text, len, &bad_line, cause);
	if (line != NULL) {
		*line = bad_line;
	}
	csv_free(&p);
	strbuf_release(&b.arena);
	free(b.offsets);
	free(b.fields);
	return rc;
}
