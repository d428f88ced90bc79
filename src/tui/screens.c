/*
 * screens owns the table of pages that draw from a view model and the one
 * rule for when a model is built again: when the desk's data stamp moved
 * since it was built, or when the page has never been shown. Redraws (every
 * key, every tick) only read the model.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/xmalloc.h"
#include "ui.h"

/* One line per page with a model; the others draw from ui's own state (draw.c). */
static const struct screen *const screen_table[VIEW_COUNT] = {
    [VIEW_HELP] = &screen_help_page,           [VIEW_ROOMS] = &screen_rooms_page,
    [VIEW_PAYMENTS] = &screen_payments_page,   [VIEW_SUMMARY] = &screen_summary_page,
    [VIEW_CONFLICTS] = &screen_conflicts_page, [VIEW_OPERATOR] = &screen_operator_page,
    [VIEW_DOCTOR] = &screen_doctor_page,       [VIEW_ATTENDANCE] = &screen_attendance_page,
};

const struct screen *screen_of(int view)
{
	return view >= 0 && view < VIEW_COUNT ? screen_table[view] : NULL;
}

static void forget(const struct screen *s, struct screen_slot *slot)
{
	if (slot->model != NULL && s->release != NULL) {
		s->release(slot->model);
	}
	free(slot->model);
	memset(slot, 0, sizeof(*slot));
}

void screens_update(struct ui *ui)
{
	const struct screen *s = screen_of(ui->view);
	struct screen_slot *slot = &ui->slots[ui->view];

	if (s == NULL || s->build == NULL) {
		return;
	}
	unsigned long stamp = action_data_stamp(ui->desk);
	if (slot->built && slot->stamp == stamp) {
		return;
	}
	forget(s, slot);
	slot->model = xcalloc(1, s->model_size);
	s->build(ui->desk, slot->model);
	/* the build itself may have been the first read that saw another process's write */
	slot->stamp = action_data_stamp(ui->desk);
	slot->built = true;
}

struct screen_frame screen_frame_of(const struct ui *ui)
{
	return (struct screen_frame){ui->rows,  ui->cols,    ui->color, ui->scroll,
	                             ui->input, ui->message, ui->tone};
}

bool screens_draw(struct ui *ui)
{
	const struct screen *s = screen_of(ui->view);

	if (s == NULL) {
		return false;
	}
	screens_update(ui);
	const void *model = ui->slots[ui->view].model;
	struct screen_frame f = screen_frame_of(ui);
	if (s->max_scroll != NULL) {
		int most = s->max_scroll(&f, model);
		ui->scroll = ui->scroll > most ? (most > 0 ? most : 0) : ui->scroll;
		f.scroll = ui->scroll;
	}
	s->draw(&f, model);
	/* every action answers, on every page (the settle on the rooms board, for one) */
	if (!s->draws_message && ui->message != NULL && ui->dialog == DIALOG_NONE) {
		attron(frame_tone_attr(&f, ui->tone));
		put_wrapped(f.rows - 4, f.rows - 2, 2, f.cols - 4, ui->message);
		attroff(frame_tone_attr(&f, ui->tone));
	}
	return true;
}

void screens_release(struct ui *ui)
{
	for (int v = 0; v < VIEW_COUNT; v++) {
		const struct screen *s = screen_of(v);
		if (s != NULL) {
			forget(s, &ui->slots[v]);
		}
	}
}

void frame_keys(const struct screen_frame *f, const char *keys)
{
	attron(A_DIM);
	put_text(f->rows - 2, 0, f->cols, keys);
	attroff(A_DIM);
}
