/*
 * columns: maps a CSV header row onto the fields a file type expects.
 *
 * Organisers' files name columns in Chinese (报名编号) or by the English alias
 * (reg_no), in any order; unknown columns are kept as notes and reported, not
 * refused, because platforms add columns without asking us.
 */
#ifndef FRONTDESK_COLUMNS_H
#define FRONTDESK_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/csvtable.h"
#include "frontdesk/diag.h"
#include "frontdesk/encoding.h"

struct column_spec {
	const char *zh; /* the Chinese header, e.g. 报名编号 */
	const char *en; /* the English alias, e.g. reg_no (matched case-insensitively) */
	bool required;
};

struct column_map {
	size_t n_specs;
	int *field_of;    /* per spec: index of its field in a record, or -1 when absent */
	size_t n_unknown; /* header fields that match no spec */
	size_t *unknown;  /* their field indexes */
	const struct csv_record *header;
};

/*
 * Maps header onto specs. A header may carry its alias in brackets
 * ("报名编号 [reg_no]") and surrounding spaces. Reports into errs a required
 * column that is missing and a column named twice. Returns true when no error
 * was added; *map is filled either way (free with columns_map_free).
 */
bool columns_map(const struct column_spec *specs, size_t n_specs, const struct csv_record *header,
                 struct column_map *map, struct diag_list *errs);

/* Returns the field for spec index i in record, or "" when the column or the field is absent. */
const char *columns_field(const struct column_map *map, const struct csv_record *record, size_t i);

/* Returns the header name of spec i as written in the file (or the spec's Chinese name). */
const char *columns_header_name(const struct column_map *map, const struct column_spec *specs,
                                size_t i);

/*
 * Reads a file's raw bytes (any supported encoding) into a CSV table with at
 * least one record (the header). Returns NULL after adding the reason to errs
 * (empty, binary, bad encoding, broken quoting), with the line of the bad
 * byte or quote when there is one. Sets *enc to what was found.
 */
struct csv_table *columns_read_table(const char *raw, size_t len, enum text_encoding *enc,
                                     struct diag_list *errs);

/*
 * Reads a file's raw bytes as columns_read_table does, but hands each record
 * to on_record as the parser completes it (csvtable_each) instead of keeping
 * the table. Returns 0 when the file was read through, 1 when on_record
 * stopped it, or -1 after adding the reason to errs, as columns_read_table
 * would (also "no content" when the file held no record). Sets *enc.
 * raw_to_free is NULL when the caller keeps raw, or raw itself (malloc'd) for
 * this call to free as soon as it is no longer read: right after conversion
 * when the file is not UTF-8, else after the parse.
 */
int columns_each_record(const char *raw, size_t len, char *raw_to_free, enum text_encoding *enc,
                        csvtable_record_fn on_record, void *arg, struct diag_list *errs);

/*
 * Returns the name of unknown column u (its header, or "第N列" when the header
 * cell is empty, so the data under it is still kept). The caller frees it.
 */
char *columns_unknown_name(const struct column_map *map, size_t u);

/*
 * Returns true when record repeats the header: each required column's cell
 * names that column (after normalising, so a BOM before it does not hide it).
 * Two exports pasted into one file look like this; the parsers refuse it.
 */
bool columns_record_is_header(const struct column_map *map, const struct column_spec *specs,
                              const struct csv_record *record);

/* Returns true when every field of record is empty (Excel writes such ",,,," lines). */
bool columns_record_is_blank(const struct csv_record *record);

/* Frees what columns_map allocated; the map may be reused. */
/* Adds the error of one cell: "第 N 行“COLUMN”列：zh / line N, column "COLUMN": en". */
void columns_cell_error(struct diag_list *errs, int line, const char *column, const char *zh,
                        const char *en);

/*
 * Returns true when no cell of record holds a control character or is over
 * 4 KiB; otherwise false, with the error of the first bad cell (its line and
 * the column's header as written) in errs.
 */
bool columns_cells_clean(const struct column_map *map, const struct csv_record *record,
                         struct diag_list *errs);

void columns_map_free(struct column_map *map);

#endif
