/*
 * input decides what a key means. A scan is told from typing by burst.c and
 * handled as a scan wherever the focus is. Everything a person types is text:
 * the prompt's (a search as they type) or the open dialog's field. The desk's
 * actions are function keys, so typed text can never fire one, and on a card
 * only the keys the card offers do anything (gate_offers). Enter confirms a
 * check-in only while nothing is typed and the card offers it.
 */
#include <curses.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "input_text.h"
#include "term.h"
#include "ui.h"
#include "frontdesk/actions/desk.h"

/* Moves the dialog's focus by delta fields, staying within the dialog's fields. */
static void dialog_move(struct ui *ui, int delta)
{
	int n = ui->dialog == DIALOG_CARD_PAY || ui->dialog == DIALOG_DOOR_EXCUSE   ? 3
	        : ui->dialog == DIALOG_WALKIN || ui->dialog == DIALOG_DOOR_OVERRIDE ? 2
	                                                                            : 1;
	int next = ui->dialog_field + delta;

	ui->dialog_field = next < 0 ? 0 : next >= n ? n - 1 : next;
}

static void dialog_key(struct ui *ui, int is_key, unsigned int ch, bool enter)
{
	char *field = ui->dialog_fields[ui->dialog_field];

	if (ui->dialog == DIALOG_QUIT) {
		ui->quit = !is_key && (ch == 'y' || ch == 'Y');
		act_cancel_dialog(ui);
		return;
	}
	if (!is_key && ch == 27) {
		act_cancel_dialog(ui);
		ui_say(ui, TONE_INFO, _("已取消，什么都没有记录"));
	} else if (enter) {
		act_dialog_done(ui);
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t')) {
		dialog_move(ui, 1);
	} else if (is_key && (ch == KEY_UP || ch == KEY_BTAB)) {
		dialog_move(ui, -1);
	} else if (input_is_backspace(is_key, ch)) {
		input_backspace(field);
	} else if (!is_key && ch >= 32) {
		input_append(field, UI_INPUT_MAX, ch);
	}
}

/*
 * On a card, F5-F9 are the card's actions, offered only where they apply
 * (gate_offers); elsewhere they are the desk's own (export, merge,
 * conflicts, operator). Returns true when the key was one of them.
 */
static bool card_key(struct ui *ui, unsigned int ch)
{
	static const struct {
		unsigned int key;
		unsigned offer;
		enum ui_dialog dialog;
	} keys[] = {
	    {KEY_F(5), GATE_OFFER_CARD, DIALOG_CARD_PAY},
	    {KEY_F(6), GATE_OFFER_VOUCHER, DIALOG_NONE},
	    {KEY_F(7), GATE_OFFER_REJECT, DIALOG_REJECT},
	    {KEY_F(8), GATE_OFFER_REPRINT, DIALOG_REPRINT},
	    {KEY_F(9), GATE_OFFER_UNDO, DIALOG_UNDO_PIN},
	};

	if (ui->view != VIEW_CARD) {
		return false;
	}
	if (ch == KEY_F(12)) {
		if (act_card_walkin_offered(ui)) {
			act_open_dialog(ui, DIALOG_WALKIN);
		}
		return true;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i].key != ch) {
			continue;
		}
		if ((act_card_offers(ui) & keys[i].offer) == 0) {
			return true; /* not offered on this card: the key bar does not show it */
		}
		if (keys[i].dialog != DIALOG_NONE) {
			act_open_dialog(ui, keys[i].dialog);
		} else {
			act_toggle_voucher(ui);
		}
		return true;
	}
	return false;
}

static bool function_key(struct ui *ui, unsigned int ch)
{
	enum ui_view to = ui->view;

	if (card_key(ui, ch)) {
		return true;
	}
	if (ch == KEY_F(11)) {
		if (ui->view == VIEW_SESSION) {
			act_door_close(ui);
		} else {
			act_door_open(ui);
		}
		return true;
	}
	if (ui->view == VIEW_SESSION && act_door_key(ui, ch)) {
		return true;
	}
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
	case KEY_F(12):
		to = VIEW_ATTENDANCE; /* on a card F12 is the walk-in room (card_key) */
		break;
	case KEY_F(9):
		to = VIEW_OPERATOR;
		snprintf(ui->input, sizeof(ui->input), "%s", desk_operator(ui->desk));
		break;
	case KEY_F(5):
		act_open_dialog(ui, DIALOG_EXPORT_PIN);
		return true;
	case KEY_F(6):
		act_open_dialog(ui, DIALOG_MERGE_PIN);
		return true;
	case KEY_F(10):
		act_open_dialog(ui, DIALOG_QUIT);
		return true;
	default:
		return false;
	}
	act_close_card(ui);
	ui_say(ui, TONE_INFO, NULL);
	ui->view = to;
	ui->scroll = 0;
	return true;
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

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
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
	ui_say(ui, TONE_INFO, NULL);
	if (ui->input[0] != '\0') {
		ui->input[0] = '\0';
		ui->search_dirty = true;
	} else if (ui->view == VIEW_SESSION) {
		act_door_close(ui);
	} else if (ui->door.programme != NULL) {
		ui->view = VIEW_SESSION; /* a page opened from the door goes back to the door */
	} else {
		act_close_card(ui);
		ui->view = VIEW_MAIN;
	}
}

/* A key a person pressed (scans never get here); enter says it is Enter in any of its forms. */
static void person_key(struct ui *ui, int is_key, unsigned int ch, bool enter)
{
	if (ui->dialog != DIALOG_NONE) {
		dialog_key(ui, is_key, ch, enter);
		return;
	}
	/* pages and the merge flow see every Enter as CR */
	int page_is_key = enter ? 0 : is_key;
	unsigned int page_ch = enter ? '\r' : ch;
	const struct screen *page = screen_of(ui->view);
	if (page != NULL && page->key != NULL && page->key(ui, page_is_key, page_ch)) {
		return;
	}
	if (merge_key(ui, page_is_key, page_ch)) {
		return;
	}
	if (enter) {
		enter_key(ui);
	} else if (is_key) {
		if (!function_key(ui, ch) && (ch == KEY_UP || ch == KEY_DOWN)) {
			move_selection(ui, ch == KEY_UP ? -1 : 1);
		} else if (ch == KEY_BACKSPACE) {
			input_backspace(ui->input);
			ui->search_dirty = true;
		}
	} else if (ch == 27) {
		escape_key(ui);
	} else if (input_is_backspace(is_key, ch)) {
		input_backspace(ui->input);
		ui->search_dirty = true;
	} else if (ch >= 32) {
		input_append(ui->input, sizeof(ui->input), ch);
		ui->search_dirty = true;
	}
}

int input_search_pending(struct ui *ui)
{
	long now = now_ms();

	if (!ui->search_dirty) {
		return -1;
	}
	if (burst_holds(&ui->burst, now)) {
		return (int)(ui->burst.last_ms + BURST_GAP_MS + 1 - now);
	}
	ui->search_dirty = false;
	act_search(ui);
	return -1;
}

/*
 * Every key passes the scanner detector first: a scan, wherever the focus
 * is, cancels what is open and shows the card; what a person types is text
 * for the focused field, and actions are function keys (docs/decisions.md,
 * "Keys"). While the terminal is too small only a resize is taken.
 */
void input_key(struct ui *ui, int is_key, unsigned int ch)
{
	ui->dirty = true;
	if (is_key && ch == KEY_RESIZE) {
		getmaxyx(stdscr, ui->rows, ui->cols);
		return;
	}
	if (ui_too_small(ui)) {
		return;
	}
	switch (burst_feed(&ui->burst, is_key, ch, now_ms())) {
	case BURST_SWALLOW:
		return;
	case BURST_SCAN:
		act_scan(ui, ui->burst.code);
		return;
	case BURST_ENTER:
		person_key(ui, is_key, ch, true);
		return;
	case BURST_KEY:
		person_key(ui, is_key, ch, false);
		return;
	}
}
