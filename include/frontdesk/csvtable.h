/*
 * csvtable: an RFC 4180 CSV text parsed into records (libcsv underneath).
 *
 * Input is UTF-8 (see encoding.h), LF or CRLF line ends, quoted fields that
 * may hold commas, doubled quotes and line breaks. Every record remembers the
 * physical line it starts on, so import errors can name the line the staff
 * see in their editor. Blank lines are skipped. Fields are NUL-terminated
 * copies; surrounding spaces of unquoted fields are trimmed.
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

#endif
