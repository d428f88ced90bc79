/*
 * csvtable: an RFC 4180 CSV text parsed into records (libcsv underneath).
 *
 * Input is UTF-8 (see encoding.h), LF or CRLF line ends, quoted fields that
 * may hold commas, doubled quotes and line breaks. Every record remembers the
 * physical line it starts on, so import errors can name the line the staff
 * see in their editor. Blank lines are skipped. Fields are NUL-terminated
 * copies; surrounding spaces of unquoted fields are trimmed. A text can be
 * read whole (csvtable_parse) or one record at a time (csvtable_each), which
 * a 100k-row roster needs to stay within the import's memory budget.
 */
#ifndef FRONTDESK_CSVTABLE_H
#define FRONTDESK_CSVTABLE_H

#include <stddef.h>

struct csv_record {
	int line; /* 1-based physical line on which the record starts */
	size_t n_fields;
	char **fields; /* n_fields NUL-terminated strings */
};

struct csv_table {
	size_t n_records; /* records[0] is the header row when the file has one */
	struct csv_record *records;
	char *storage;        /* private: the text of every field */
	char **field_storage; /* private: every record's field pointers */
};

/*
 * Parses text[0..len). Returns the table (free with csvtable_free), or NULL and
 * a bilingual *cause (the caller frees it) when the text is not valid CSV, e.g.
 * an unterminated quote (the message names the line where that field began).
 * *line (may be NULL) is set to that line, 0 when there is none. Time is
 * linear in len, however long one field is.
 */
struct csv_table *csvtable_parse(const char *text, size_t len, int *line, char **cause);

/* Frees a table; NULL is a no-op. */
void csvtable_free(struct csv_table *table);

/*
 * Receives one record from csvtable_each. The record, its field pointers and
 * their text are the parser's and valid only during the call (the text may be
 * changed in place, e.g. normalised): copy what must outlive it. Returns 0 to
 * go on, anything else to stop the parse after this record.
 */
typedef int (*csvtable_record_fn)(struct csv_record *record, void *arg);

/*
 * Parses text[0..len) exactly as csvtable_parse does, but hands each record to
 * receiver as soon as it is complete instead of keeping it, so only one
 * record's fields are in memory at a time. Returns 0 when the whole text was
 * read, 1 when receiver asked to stop (no record after that one is handed
 * over), or -1 with *line and *cause set as csvtable_parse sets them: the
 * records before the error have been handed over, none after it.
 */
int csvtable_each(const char *text, size_t len, csvtable_record_fn receiver, void *arg, int *line,
                  char **cause);

/*
 * Returns a copy of record that outlives the parse, in one allocation (a
 * header kept while the rows below it stream past). Free with
 * csvtable_record_free; NULL is a no-op there.
 */
struct csv_record *csvtable_record_dup(const struct csv_record *record);
void csvtable_record_free(struct csv_record *record);

#endif
