/*
 * screen_rooms is the rooms board: per hotel and floor, each room with who is
 * in it, and the free beds by gender, so the desk can answer "is there a bed?"
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

static void room_cell(const struct rooming_room *r, char **out)
{
	char *names = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&names, &len);

	for (size_t k = 0; k < r->n_occupants && f; k++) {
		const struct occupant *o = &r->occupants[k];
		fprintf(f, "%s%s%s", k ? "、" : "", o->name, o->use == USE_HELD ? _("(预留)") : "");
	}
	if (f) {
		fclose(f);
	}
	if (asprintf(out, "%s %s %s", r->room, r->kind == ROOMKIND_KING ? _("大床") : _("双床"),
	             names ? names : "") < 0) {
		*out = NULL;
	}
	free(names);
}

void screen_rooms(struct ui *ui)
{
	struct rooming_list l;
	int y = 4, col = 0, col_width = (ui->cols - 4) / 2;
	int first = ui->scroll * 2, shown = 0;

	action_rooms_list(ui->desk, &l);
	put_text(y++, 2, ui->cols - 4, _("房间（有人入住的）：↑↓ 翻页  Esc 返回"));
	for (size_t i = 0; i < l.n_rooms && y < ui->rows - 3; i++) {
		if ((int)i < first) {
			continue;
		}
		char *cell = NULL;
		room_cell(&l.rooms[i], &cell);
		if (i == 0 || strcmp(l.rooms[i].hotel, l.rooms[i - 1].hotel) != 0) {
			if (col) {
				y++, col = 0;
			}
			attron(A_BOLD);
			put_text(y++, 2, ui->cols - 4, l.rooms[i].hotel);
			attroff(A_BOLD);
		}
		put_text(y, 2 + col * col_width, col_width - 1, cell ? cell : "");
		free(cell);
		shown++;
		if (++col == 2) {
			col = 0, y++;
		}
	}
	if (l.n_rooms == 0) {
		put_text(y, 2, ui->cols - 4, _("还没有人入住"));
	}
	rooming_free(&l);
	draw_keys(ui, _("↑↓ 翻页  Esc 返回"));
}
