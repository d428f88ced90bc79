/*
 * roomlist parses rooms.csv and ranks hotels: the programme hotel first, then
 * overflow hotels in file order, because lodging fills them in that order.
 */
#include "frontdesk/roomlist.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/columns.h"
#include "frontdesk/normalise.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

enum room_column { RC_HOTEL, RC_ROOM, RC_TYPE, RC_FLOOR, RC_NOTE, RC_COUNT };

static const struct column_spec room_columns[RC_COUNT] = {
    [RC_HOTEL] = {"酒店", "hotel", true}, [RC_ROOM] = {"房号", "room", true},
    [RC_TYPE] = {"房型", "type", true},   [RC_FLOOR] = {"楼层", "floor", false},
    [RC_NOTE] = {"备注", "note", false},
};

static char *optional(const char *s)
{
	return s[0] ? xstrdup(s) : NULL;
}

/* The column's header as written in the file (an error must name what the staff see). */
#define HEADER(c) columns_header_name(map, room_columns, (c))

/*
 * Refuses a cell with control characters or over 4 KiB, naming its line and
 * its column, then normalises every cell in place: hotel and note as free
 * text (the hotel must match event.ini's primary_hotel, normalised the same
 * way), room, type and floor as keys ("８０８" is room 808).
 */
static bool check_and_normalise(const struct column_map *map, const struct csv_record *rec,
                                struct diag_list *errs)
{
	if (!columns_cells_clean(map, rec, errs)) {
		return false;
	}
	for (size_t f = 0; f < rec->n_fields; f++) {
		bool text = map->field_of[RC_HOTEL] == (int)f || map->field_of[RC_NOTE] == (int)f;
		normalise_in_place(rec->fields[f], text ? NORMALISE_TEXT : NORMALISE_KEY);
	}
	return true;
}

static void parse_row(const struct column_map *map, const struct csv_record *rec,
                      struct room_row *row, struct diag_list *errs)
{
	const char *type = columns_field(map, rec, RC_TYPE);

	row->line = rec->line;
	if (!check_and_normalise(map, rec, errs)) {
		row->hotel = xstrdup("");
		row->room = xstrdup("");
		return;
	}
	row->hotel = xstrdup(columns_field(map, rec, RC_HOTEL));
	row->room = xstrdup(columns_field(map, rec, RC_ROOM));
	row->floor = optional(columns_field(map, rec, RC_FLOOR));
	row->note = optional(columns_field(map, rec, RC_NOTE));
	if (!row->hotel[0] || !row->room[0]) {
		columns_cell_error(errs, rec->line, HEADER(row->hotel[0] ? RC_ROOM : RC_HOTEL),
		                   "酒店或房号为空", "the hotel or the room is empty");
	}
	if (strcmp(type, "大床房") == 0 || strcasecmp(type, "king") == 0) {
		row->kind = ROOMKIND_KING;
	} else if (strcmp(type, "双床房") == 0 || strcasecmp(type, "twin") == 0) {
		row->kind = ROOMKIND_TWIN;
	} else {
		columns_cell_error(errs, rec->line, HEADER(RC_TYPE), "应为 大床房 或 双床房",
		                   "expected 大床房 (king) or 双床房 (twin)");
	}
}

/* Ranks hotels; returns false when primary_hotel names a hotel with no room. */
static bool rank_hotels(struct room_list *list, const char *primary)
{
	char **order = xcalloc(list->n_rows + 1, sizeof(char *));
	size_t n = 0;
	bool primary_found = primary == NULL;

	if (primary != NULL) {
		order[n++] = (char *)primary;
	}
	for (size_t i = 0; i < list->n_rows; i++) {
		size_t rank = 0;
		while (rank < n && strcmp(order[rank], list->rows[i].hotel) != 0) {
			rank++;
		}
		if (rank == n) {
			order[n++] = list->rows[i].hotel;
		}
		primary_found = primary_found || rank == 0;
		list->rows[i].hotel_rank = (int)rank;
	}
	free(order);
	return primary_found;
}

/* Orders rows by hotel, then room, then file order, so a room listed twice sorts next to its
 * first listing and the first one listed stays first. */
static int by_hotel_room_line(const void *a, const void *b)
{
	const struct room_row *x = *(const struct room_row *const *)a;
	const struct room_row *y = *(const struct room_row *const *)b;
	int c = strcmp(x->hotel, y->hotel);

	if (c == 0) {
		c = strcmp(x->room, y->room);
	}
	return c != 0 ? c : (x > y) - (x < y);
}

/*
 * Reports every listing of a room after its first. Sorted, not compared pair by pair: a
 * chain's 63,000 rooms took 11 s of CPU compared each with every earlier one. The errors
 * still come in file order.
 */
static void report_duplicate_rooms(const struct room_list *list, struct diag_list *errs)
{
	const struct room_row **sorted = xcalloc(list->n_rows + 1, sizeof(*sorted));
	bool *again = xcalloc(list->n_rows + 1, sizeof(*again));

	for (size_t i = 0; i < list->n_rows; i++) {
		sorted[i] = &list->rows[i];
	}
	qsort(sorted, list->n_rows, sizeof(*sorted), by_hotel_room_line);
	for (size_t i = 1; i < list->n_rows; i++) {
		again[sorted[i] - list->rows] =
		    strcmp(sorted[i]->hotel, sorted[i - 1]->hotel) == 0 &&
		    strcmp(sorted[i]->room, sorted[i - 1]->room) == 0;
	}
	for (size_t i = 0; i < list->n_rows; i++) {
		if (again[i]) {
			columns_cell_error(errs, list->rows[i].line, "房号", "同一酒店的房号重复",
			                   "the same room of the same hotel is listed twice");
		}
	}
	free(again);
	free(sorted);
}

struct room_list *roomlist_parse(const char *raw, size_t len, const char *primary_hotel,
                                 struct diag_list *errs)
{
	enum text_encoding enc;
	struct csv_table *table = columns_read_table(raw, len, &enc, errs);
	struct column_map map;

	if (table == NULL) {
		return NULL;
	}
	struct room_list *list = xcalloc(1, sizeof(*list));
	if (columns_map(room_columns, RC_COUNT, &table->records[0], &map, errs)) {
		list->rows = xcalloc(table->n_records, sizeof(*list->rows));
		for (size_t r = 1; r < table->n_records; r++) {
			const struct csv_record *rec = &table->records[r];
			if (columns_record_is_blank(rec)) {
				continue;
			}
			if (columns_record_is_header(&map, room_columns, rec)) {
				diag_say(errs, rec->line, NULL,
				         "第 %d 行又是一行表头：两份文件拼在了一起？", rec->line);
				continue;
			}
			parse_row(&map, rec, &list->rows[list->n_rows++], errs);
		}
		report_duplicate_rooms(list, errs);
		if (!rank_hotels(list, primary_hotel)) {
			diag_say(errs, 0, "primary_hotel",
			         "event.ini 的 primary_hotel“%s”在 rooms.csv 中没有房间",
			         primary_hotel);
		}
		if (list->n_rows == 0) {
			diag_say(errs, 0, NULL, "rooms.csv 没有房间");
		}
	}
	columns_map_free(&map);
	csvtable_free(table);
	return list;
}

void roomlist_free(struct room_list *list)
{
	if (list == NULL) {
		return;
	}
	for (size_t i = 0; i < list->n_rows; i++) {
		free(list->rows[i].hotel);
		free(list->rows[i].room);
		free(list->rows[i].floor);
		free(list->rows[i].note);
	}
	free(list->rows);
	free(list);
}

const char *roomlist_kind_code(enum room_kind kind)
{
	return kind == ROOMKIND_KING ? "king" : "twin";
}
