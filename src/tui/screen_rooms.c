/*
 * screen_rooms is the rooms board: per hotel and floor, each room with who is
 * in it, and the free beds by gender, so the desk can answer "is there a bed
 * for her?" at a glance.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/rooms.h"
#include "frontdesk/date.h"
#include "frontdesk/words.h"
#include "i18n.h"
#include "ui.h"

static void room_cell(const struct room_view *r, char **out)
{
	char *names = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&names, &len);

	for (size_t k = 0; k < r->n_guests && f; k++) {
		const struct guest_view *o = &r->guests[k];
		fprintf(f, "%s%s%s", k ? "、" : "", o->name, o->use == USE_HELD ? _("(预留)") : "");
	}
	if (f) {
		fclose(f);
	}
	if (asprintf(out, "%s %s %s", r->room, _(words_room_kind(r->kind)), names ? names : "") <
	    0) {
		*out = NULL;
	}
	free(names);
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A heading when the hotel or the floor changes; returns the next free row. */
static int heading(const struct screen_frame *f, const struct room_view *prev,
                   const struct room_view *r, int y)
{
	if (prev != NULL && same(prev->hotel, r->hotel) && same(prev->floor, r->floor)) {
		return y;
	}
	char *text = NULL;
	if (asprintf(&text, _("%s  %s 层"), r->hotel, r->floor ? r->floor : "?") >= 0) {
		attron(A_BOLD);
		put_text(y++, 2, f->cols - 4, text);
		attroff(A_BOLD);
		free(text);
	}
	return y;
}

/* One row of the free table: a label, then one figure per night. */
static void free_row(const struct screen_frame *f, int y, const char *hotel, const char *label,
                     const struct rooms_free_hotel *h, int which)
{
	char cells[160] = "";
	size_t used = 0;

	for (size_t n = 0; n < h->n_nights && used + 8 < sizeof(cells); n++) {
		const struct rooms_free_night *night = &h->nights[n];
		int v = which == 0   ? night->king
		        : which == 1 ? night->twin
		        : which == 2 ? night->beds_female
		                     : night->beds_male;
		used += (size_t)snprintf(cells + used, sizeof(cells) - used, "%7d", v);
	}
	put_text(y, 2, 14, hotel);
	put_text(y, 16, 10, label);
	put_text(y, 26, f->cols - 28, cells);
}

/* Free whole rooms by type and free beds by gender, per hotel and night: what a walk-in can get. */
static int draw_free(const struct screen_frame *f, const struct rooms_free *fr, int y)
{
	char head[160] = "";
	size_t used = 0;

	if (fr->n_hotels == 0) {
		return y;
	}
	for (size_t n = 0; n < fr->hotels[0].n_nights && used + 8 < sizeof(head); n++) {
		char day[DATE_ISO_LEN + 1];
		date_format(fr->first_night + (long)n, day);
		used += (size_t)snprintf(head + used, sizeof(head) - used, "  %s", day + 5);
	}
	attron(A_BOLD);
	put_text(y, 2, 24, _("每晚空房与空床"));
	put_text(y++, 26, f->cols - 28, head);
	attroff(A_BOLD);
	for (size_t i = 0; i < fr->n_hotels && y + 4 < f->rows - 3; i++) {
		const struct rooms_free_hotel *h = &fr->hotels[i];
		free_row(f, y++, h->hotel, _("大床房"), h, 0);
		free_row(f, y++, "", _("双床房"), h, 1);
		free_row(f, y++, "", _("床位·女"), h, 2);
		free_row(f, y++, "", _("床位·男"), h, 3);
	}
	return y;
}

/* F8 on the board: rooms settle, behind the supervisor PIN. */
static bool key(struct ui *ui, int is_key, unsigned int ch)
{
	if (is_key && ch == KEY_F(8)) {
		act_open_dialog(ui, DIALOG_SETTLE_PIN);
		return true;
	}
	return false;
}

static void build(struct desk *desk, void *model)
{
	action_rooms_board(desk, model);
}

static void release(void *model)
{
	action_rooms_board_release(model);
}

/* The board scrolls by pairs of rooms (two per row). */
static int max_scroll(const struct screen_frame *f, const void *model)
{
	const struct rooms_board *b = model;

	(void)f;
	return b->list.n_rooms > 0 ? (int)((b->list.n_rooms - 1) / 2) : 0;
}

static void draw(const struct screen_frame *f, const void *model)
{
	const struct rooms_board *b = model;
	const struct rooms_view *l = &b->list;
	int y = draw_free(f, &b->free, 4), col = 0, col_width = (f->cols - 4) / 2;
	char *free_line = NULL;

	if (asprintf(&free_line, _("空床：女 %d  男 %d（可合住的床位与空双床房）；已住 %zu 间"),
	             b->free_female, b->free_male, l->n_rooms) >= 0) {
		put_text(y++, 2, f->cols - 4, free_line);
		free(free_line);
	}
	const struct room_view *prev = NULL;
	for (size_t i = (size_t)f->scroll * 2; i < l->n_rooms && y < f->rows - 3; i++) {
		const struct room_view *r = &l->rooms[i];
		if (prev == NULL || !same(prev->hotel, r->hotel) || !same(prev->floor, r->floor)) {
			y += col != 0;
			col = 0;
			y = heading(f, prev, r, y);
		}
		char *cell = NULL;
		room_cell(r, &cell);
		put_text(y, 2 + col * col_width, col_width - 1, cell ? cell : "");
		free(cell);
		prev = r;
		if (++col == 2) {
			col = 0, y++;
		}
	}
	if (l->n_rooms == 0) {
		put_text(y, 2, f->cols - 4, _("还没有人入住"));
	}
	frame_keys(f, _("↑↓ 翻页  F8 结算房间（主管）  Esc 返回"));
}

const struct screen screen_rooms_page = {
    .model_size = sizeof(struct rooms_board),
    .build = build,
    .release = release,
    .draw = draw,
    .max_scroll = max_scroll,
    .key = key,
};
