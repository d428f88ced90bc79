/*
 * rooming_rows owns the rooming list for the hotel as a table: its header and
 * the cells of each occupant's row. `rooms list --csv` and the export's
 * rooming-list sheet (CSV and workbook) are both written from here, so the
 * file the desk hands the hotel during the day and the one in the evening's
 * export cannot drift apart (docs/export.md promises the same columns).
 */
#include "frontdesk/actions/rooming_rows.h"

#include <assert.h>

#include "frontdesk/csvwrite.h"
#include "frontdesk/date.h"
#include "frontdesk/lodging.h"
#include "frontdesk/lodging_notice.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/words.h"

static const char *const header[ROOMING_ROWS_COLUMNS] = {
    "酒店", "房号",     "房型",     "楼层", "床",       "报名编号", "姓名",
    "性别", "入住日期", "离店日期", "晚数", "单住晚数", "房费(元)", "备注"};

const char *const *action_rooming_rows_header(void)
{
	return header;
}

static struct rooming_cell text_cell(const char *text)
{
	return (struct rooming_cell){.text = text};
}

static struct rooming_cell number_cell(long value)
{
	return (struct rooming_cell){.number = true, .value = value};
}

/*
 * One note, the first that applies: the hotel needs to know why a bed is
 * empty, why a guest is not in the type booked, and who pays a supplement.
 * Chinese only, like every other cell the hotel reads.
 */
static const char *note(const struct guest_view *g)
{
	struct lodging_notice notice = {
	    .held = g->held,
	    .swapped = g->swapped,
	    .overflow = g->overflow,
	    .supplement = g->supplement,
	    .walkin = g->walkin,
	    .gender_to_verify = g->gender_to_verify,
	};

	return lodging_note_text(lodging_note_first(&notice));
}

/* The stay as the hotel books it: arrival and departure dates, into the row's own buffers. */
static void stay_dates(long first, const struct guest_view *o, struct rooming_row *row)
{
	long a, d;

	lodging_stay_span(first, o->nights, &a, &d);
	date_format(a, row->arrive);
	date_format(d, row->depart);
}

/* The cells in header order; texts borrow from l, from static strings or from row. */
static void fill_row(const struct rooms_view *l, const struct room_view *r,
                     const struct guest_view *o, struct rooming_row *row)
{
	struct rooming_cell *c = row->cells;
	size_t n = 0;

	stay_dates(l->first_night, o, row);
	c[n++] = text_cell(r->hotel);
	c[n++] = text_cell(r->room);
	c[n++] = text_cell(words_room_kind(r->kind));
	c[n++] = text_cell(r->floor);
	c[n++] = number_cell(o->bed);
	c[n++] = text_cell(o->reg_no);
	c[n++] = text_cell(o->name);
	c[n++] = text_cell(words_gender(o->gender));
	c[n++] = text_cell(row->arrive);
	c[n++] = text_cell(row->depart);
	c[n++] = number_cell(lodging_count_nights(o->nights));
	c[n++] = number_cell(lodging_count_nights(o->alone_nights));
	c[n++] = number_cell(o->charge);
	c[n++] = text_cell(note(o));
	assert(n == ROOMING_ROWS_COLUMNS);
}

size_t action_rooming_rows_each(const struct rooms_view *l, rooming_rows_fn fn, void *ctx)
{
	struct rooming_row row;
	size_t n = 0;

	for (size_t i = 0; i < l->n_rooms; i++) {
		const struct room_view *r = &l->rooms[i];
		for (size_t k = 0; k < r->n_guests; k++) {
			fill_row(l, r, &r->guests[k], &row);
			n++;
			if (!fn(ctx, &row)) {
				return n;
			}
		}
	}
	return n;
}

static bool csv_row(void *ctx, const struct rooming_row *row)
{
	struct strbuf *sb = ctx;

	for (size_t c = 0; c < ROOMING_ROWS_COLUMNS; c++) {
		const struct rooming_cell *cell = &row->cells[c];
		if (cell->number) {
			csvwrite_int(sb, cell->value, c == 0);
		} else {
			csvwrite_field(sb, cell->text, c == 0);
		}
	}
	csvwrite_end(sb);
	return true;
}

char *action_rooming_rows_csv(const struct rooms_view *l)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, CSVWRITE_BOM);
	for (size_t c = 0; c < ROOMING_ROWS_COLUMNS; c++) {
		csvwrite_field(&sb, header[c], c == 0);
	}
	csvwrite_end(&sb);
	action_rooming_rows_each(l, csv_row, &sb);
	return strbuf_detach(&sb);
}
