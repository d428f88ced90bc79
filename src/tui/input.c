/*
 * input decides what a key means. The prompt line takes everything typed (a
 * USB scanner is a keyboard: digits, then Enter). On the card, with nothing
 * typed, single letters are commands; Enter confirms only when the prompt is
 * empty, so a scan arriving while a card is shown replaces it and can never
 * confirm it.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "input_text.h"
#include "term.h"
#include "ui.h"
#include "frontdesk/actions/desk.h"

static void dialog_key(struct ui *ui, int is_key, unsigned int ch)
{
	if (ui->dialog == DIALOG_QUIT) {
		ui->quit = !is_key && (ch == 'y' || ch == 'Y');
		ui->dialog = DIALOG_NONE;
		return;
	}
	if (!is_key && ch == 27) {
		ui->dialog = DIALOG_NONE;
		ui->dialog_input[0] = '\0';
	} else if ((!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
		act_dialog_done(ui);
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		input_backspace(ui->dialog_input);
	} else if (!is_key && ch >= 32) {
		input_append(ui->dialog_input, sizeof(ui->dialog_input), ch);
	}
}

static bool function_key(struct ui *ui, unsigned int ch)
{
	enum ui_view to = ui->view;

	switch (ch) {
	case KEY_F(1):
		to = VIEW_HELP;
		break;
	case KEY_F(2):
		to = VIEW_ROOMS;
		break;
	case KEY_F(3):
		to = VIEW_PAYMENTS;
		break;
	case KEY_F(4):
		to = VIEW_SUMMARY;
		break;
	case KEY_F(7):
		to = VIEW_CONFLICTS;
		break;
	case KEY_F(5):
		ui->dialog = DIALOG_EXPORT_PIN;
		ui->dialog_input[0] = '\0';
		return true;
	case KEY_F(6):
		ui->dialog = DIALOG_MERGE_PIN;
		ui->dialog_input[0] = '\0';
		return true;
	case KEY_F(9):
		to = VIEW_OPERATOR;
		snprintf(ui->input, sizeof(ui->input), "%s", desk_operator(ui->desk));
		break;
	case KEY_F(10):
		ui->dialog = DIALOG_QUIT;
		return true;
	default:
		return false;
	}
	ui->view = to;
	ui->scroll = 0;
	return true;
}

static void open_dialog(struct ui *ui, enum ui_dialog d)
{
	ui->dialog = d;
	ui->dialog_input[0] = '\0';
}

/* Letters on the card, while nothing is typed. Returns true when the key was a command. */
static bool card_command(struct ui *ui, unsigned int ch)
{
	if (ui->view != VIEW_CARD || ui->input[0] != '\0') {
		return false;
	}
	switch (ch) {
	case 'p':
	case 'P':
		open_dialog(ui, DIALOG_CARD_REF);
		return true;
	case 'v':
	case 'V':
		ui->voucher_seen = !ui->voucher_seen;
		return true;
	case 'x':
	case 'X':
		open_dialog(ui, DIALOG_REJECT);
		return true;
	case 'b':
	case 'B':
		open_dialog(ui, DIALOG_REPRINT);
		return true;
	case 'u':
	case 'U':
		open_dialog(ui, DIALOG_UNDO_PIN);
		return true;
	default:
		return false;
	}
}

static void move_selection(struct ui *ui, int delta)
{
	if (ui->view != VIEW_MAIN) {
		ui->scroll = ui->scroll + delta < 0 ? 0 : ui->scroll + delta;
		return;
	}
	long next = (long)ui->selected + delta;
	if (next >= 0 && (size_t)next < ui->results.n_matches) {
		ui->selected = (size_t)next;
	}
}

static void enter_key(struct ui *ui)
{
	if (ui->input[0] != '\0') {
		act_submit(ui);
	} else if (ui->view == VIEW_CARD) {
		act_confirm(ui);
	}
}

/*
 * Keys of the F6 merge screen, while nothing is typed at the prompt. Returns
 * true when the key was the merge screen's. Anything else closes the screen
 * first (nothing is merged before Enter or Y on the preview), so a scan
 * arriving meanwhile is handled as a scan and its Enter can never merge.
 */
static bool merge_key(struct ui *ui, int is_key, unsigned int ch)
{
	enum ui_merge_stage stage = ui->merge.stage;

	if (ui->view != VIEW_MERGE || (is_key && ch == KEY_RESIZE)) {
		return false;
	}
	if (ui->input[0] == '\0') {
		if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
			int delta = ch == KEY_UP ? -1 : 1;
			if (stage == MERGE_PICK) {
				long next = (long)ui->merge.selected + delta;
				ui->merge.selected = next >= 0 && (size_t)next < ui->merge.folders.n
				                         ? (size_t)next
				                         : ui->merge.selected;
			} else {
				ui->scroll = ui->scroll + delta < 0 ? 0 : ui->scroll + delta;
			}
			return true;
		}
		bool yes = input_is_enter(is_key, ch) || (!is_key && (ch == 'y' || ch == 'Y'));
		if (yes && stage == MERGE_PICK) {
			act_merge_pick(ui);
			return true;
		}
		if (yes && stage == MERGE_PREVIEW) {
			act_merge_confirm(ui);
			return true;
		}
		if (input_is_enter(is_key, ch) || (!is_key && ch == 27)) {
			if (stage == MERGE_PREVIEW) {
				ui_say(ui, TONE_INFO, _("已取消合并，什么都没有改"));
			}
			act_merge_close(ui);
			return true;
		}
	}
	act_merge_close(ui);
	return false;
}

static void escape_key(struct ui *ui)
{
	if (ui->input[0] != '\0') {
		ui->input[0] = '\0';
		act_search(ui);
	} else {
		act_close_card(ui);
		ui->view = VIEW_MAIN;
	}
}

void input_key(struct ui *ui, int is_key, unsigned int ch)
{
	ui->dirty = true;
	if (ui->dialog != DIALOG_NONE) {
		dialog_key(ui, is_key, ch);
		return;
	}
	const struct screen *page = screen_of(ui->view);
	if (page != NULL && page->key != NULL && page->key(ui, is_key, ch)) {
		return;
	}
	if (merge_key(ui, is_key, ch)) {
		return;
	}
	if (is_key) {
		if (function_key(ui, ch)) {
			return;
		}
		if (ch == KEY_UP || ch == KEY_DOWN) {
			move_selection(ui, ch == KEY_UP ? -1 : 1);
		} else if (ch == KEY_ENTER) {
			enter_key(ui);
		} else if (ch == KEY_BACKSPACE) {
			input_backspace(ui->input);
			act_search(ui);
		} else if (ch == KEY_RESIZE) {
			getmaxyx(stdscr, ui->rows, ui->cols);
		}
		return;
	}
	if (ch == '\r' || ch == '\n') {
		enter_key(ui);
	} else if (ch == 27) {
		escape_key(ui);
	} else if (ch == 127 || ch == 8) {
		input_backspace(ui->input);
		act_search(ui);
	} else if (ch == '?' && ui->input[0] == '\0') {
		ui->view = VIEW_HELP;
	} else if (ch >= 32 && !card_command(ui, ch)) {
		input_append(ui->input, sizeof(ui->input), ch);
		act_search(ui);
	}
}
