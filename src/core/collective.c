/*
 * collective parses collective.csv. Splitting the money among members is a
 * fee rule and lives in rules.c; this module only reads what the bank says.
 */
#include "frontdesk/collective.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/columns.h"
#include "frontdesk/normalise.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

enum collective_column { CC_ORGANISATION, CC_AMOUNT, CC_REFERENCE, CC_STATE, CC_MEMBERS, CC_COUNT };

static const struct column_spec collective_columns[CC_COUNT] = {
    [CC_ORGANISATION] = {"单位", "organisation", true},
    [CC_AMOUNT] = {"金额", "amount", true},
    [CC_REFERENCE] = {"凭证号", "reference", true},
    [CC_STATE] = {"交费状态", "pay_state", true},
    [CC_MEMBERS] = {"名单", "members", true},
};

/* The column's header as written in the file (an error must name what the staff see). */
#define HEADER(c) columns_header_name(map, collective_columns, (c))

/* Splits a member list on any of the separators organisers use. */
static void split_members(const char *list, struct collective_row *row)
{
	static const char *const seps[] = {";", "；", "、", ",", "，", " "};
	char *copy = xstrdup(list);
	char *start = copy;

	row->members = xcalloc(strlen(list) + 1, sizeof(char *));
	for (char *p = copy;; p++) {
		size_t sep_len = 0;
		for (size_t s = 0; s < sizeof(seps) / sizeof(seps[0]) && *p; s++) {
			if (strncmp(p, seps[s], strlen(seps[s])) == 0) {
				sep_len = strlen(seps[s]);
			}
		}
		if (*p == '\0' || sep_len > 0) {
			if (p > start) {
				row->members[row->n_members++] =
				    xstrndup(start, (size_t)(p - start));
			}
			if (*p == '\0') {
				break;
			}
			p += sep_len - 1;
			start = p + 1;
		}
	}
	free(copy);
}

/*
 * Refuses a cell with control characters (bidi overrides too) or over 4 KiB,
 * naming its line and its column, then normalises every cell in place: the
 * organisation as free text, the rest (amount, reference, state, reg_nos) as
 * keys, so "１５００" is 1500 and a member written ｗｈ２０２６－０００６ is found.
 */
static bool check_and_normalise(const struct column_map *map, const struct csv_record *rec,
                                struct diag_list *errs)
{
	if (!columns_cells_clean(map, rec, errs)) {
		return false;
	}
	for (size_t f = 0; f < rec->n_fields; f++) {
		bool text = map->field_of[CC_ORGANISATION] == (int)f;
		normalise_in_place(rec->fields[f], text ? NORMALISE_TEXT : NORMALISE_KEY);
	}
	return true;
}

static void parse_row(const struct column_map *map, const struct csv_record *rec,
                      struct collective_row *row, struct diag_list *errs)
{
	const char *state = columns_field(map, rec, CC_STATE);

	row->line = rec->line;
	if (!check_and_normalise(map, rec, errs)) {
		row->organisation = xstrdup("");
		row->reference = xstrdup("");
		return;
	}
	row->organisation = xstrdup(columns_field(map, rec, CC_ORGANISATION));
	row->reference = xstrdup(columns_field(map, rec, CC_REFERENCE));
	if (!roster_parse_amount(columns_field(map, rec, CC_AMOUNT), &row->amount) ||
	    row->amount <= 0) {
		columns_cell_error(errs, rec->line, HEADER(CC_AMOUNT), "金额应为正整数元",
		                   "expected a positive whole amount");
	}
	if (row->reference[0] == '\0') {
		columns_cell_error(errs, rec->line, HEADER(CC_REFERENCE), "凭证号为空",
		                   "the transfer reference is empty");
	}
	if (strcmp(state, "已到账") == 0 || strcasecmp(state, "confirmed") == 0) {
		row->confirmed = true;
	} else if (strcmp(state, "待核实") != 0 && strcasecmp(state, "pending") != 0) {
		columns_cell_error(errs, rec->line, HEADER(CC_STATE), "应为 已到账 或 待核实",
		                   "expected 已到账 (confirmed) or 待核实 (pending)");
	}
	split_members(columns_field(map, rec, CC_MEMBERS), row);
	if (row->n_members == 0) {
		columns_cell_error(errs, rec->line, HEADER(CC_MEMBERS), "名单为空",
		                   "the member list is empty");
	}
	for (size_t m = 0; m < row->n_members; m++) {
		for (size_t k = 0; k < m; k++) {
			if (normalise_reg_no_compare(row->members[m], row->members[k]) == 0) {
				columns_cell_error(errs, rec->line, HEADER(CC_MEMBERS),
				                   "名单中有重复的报名编号",
				                   "a registration number is listed twice");
				return;
			}
		}
	}
}

static void report_duplicate_references(const struct collective_list *list, struct diag_list *errs)
{
	for (size_t i = 0; i < list->n_rows; i++) {
		for (size_t k = 0; k < i; k++) {
			if (list->rows[i].reference[0] &&
			    strcmp(list->rows[i].reference, list->rows[k].reference) == 0) {
				columns_cell_error(errs, list->rows[i].line, "凭证号",
				                   "凭证号与前面的行重复",
				                   "the same reference appears on an earlier line");
				break;
			}
		}
	}
}

struct collective_list *collective_parse(const char *raw, size_t len, struct diag_list *errs)
{
	enum text_encoding enc;
	struct csv_table *table = columns_read_table(raw, len, &enc, errs);
	struct column_map map;

	if (table == NULL) {
		return NULL;
	}
	struct collective_list *list = xcalloc(1, sizeof(*list));
	if (columns_map(collective_columns, CC_COUNT, &table->records[0], &map, errs)) {
		list->rows = xcalloc(table->n_records, sizeof(*list->rows));
		for (size_t r = 1; r < table->n_records; r++) {
			const struct csv_record *rec = &table->records[r];
			if (columns_record_is_blank(rec)) {
				continue;
			}
			if (columns_record_is_header(&map, collective_columns, rec)) {
				diag_say(errs, rec->line, NULL,
				         "第 %d 行又是一行表头：两份文件拼在了一起？", rec->line);
				continue;
			}
			parse_row(&map, rec, &list->rows[list->n_rows++], errs);
		}
		report_duplicate_references(list, errs);
	}
	columns_map_free(&map);
	csvtable_free(table);
	return list;
}

void collective_free(struct collective_list *list)
{
	if (list == NULL) {
		return;
	}
	for (size_t i = 0; i < list->n_rows; i++) {
		struct collective_row *row = &list->rows[i];
		free(row->organisation);
		free(row->reference);
		for (size_t m = 0; m < row->n_members; m++) {
			free(row->members[m]);
		}
		free(row->members);
	}
	free(list->rows);
	free(list);
}
