/*
 * act connects keys to the desk's actions (the same functions the CLI calls)
 * and turns their results into what the screen shows next.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/desk_records.h"
#include "frontdesk/actions/export.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/actions/walkin.h"
#include "frontdesk/gate.h"
#include "frontdesk/normalise.h"
#include "frontdesk/testseam.h"
#include "frontdesk/text.h"
#include "frontdesk/ticket.h"
#include "frontdesk/usb.h"
#include "frontdesk/xmalloc.h"
#include "i18n.h"
#include "ui.h"

void ui_say(struct ui *ui, enum ui_tone tone, const char *message)
{
	free(ui->message);
	/* the actions' messages are said in the screen's language already (say_start) */
	ui->message = message ? xstrdup(message) : NULL;
	ui->tone = tone;
}

/* (Re)reads what the card shows beyond the verdict: badge, roommate, transfer. */
static void load_details(struct ui *ui)
{
	action_card_details_release(&ui->details);
	if (ui->card.n_matches == 1) {
		action_card_details(ui->desk, ui->card.matches[0].person->reg_no, &ui->details);
	}
	ui->card_stamp = action_data_stamp(ui->desk);
}

void act_close_card(struct ui *ui)
{
	action_card_details_release(&ui->details);
	action_lookup_release(&ui->card);
	if (ui->has_done) {
		action_checkin_release(&ui->done);
		ui->has_done = false;
	}
	ui->voucher_seen = false;
}

/* Shows the card of exactly one person, replacing any card shown. */
static void show_card(struct ui *ui, struct lookup_result *one)
{
	act_close_card(ui);
	ui->card = *one;
	memset(one, 0, sizeof(*one));
	load_details(ui);
	ui->view = VIEW_CARD;
	ui_say(ui, TONE_INFO, NULL);
}

/* True when what was typed is a ticket code, typed in full-width mode or grouped with U+3000 too.
 */
static bool typed_code(const char *input)
{
	char *query = normalise(input, NORMALISE_KEY);
	bool code = ticket_looks_like_code(query);

	free(query);
	return code;
}

void act_search(struct ui *ui)
{
	action_lookup_release(&ui->results);
	ui->selected = 0;
	/* typing on a card starts a search (scans never reach here: burst.c takes them) */
	if (ui->view == VIEW_CARD && ui->input[0] != '\0') {
		act_close_card(ui);
		ui->view = VIEW_MAIN;
	}
	if (ui->view != VIEW_MAIN || ui->input[0] == '\0' || typed_code(ui->input)) {
		return;
	}
	/* as the staff type: every keystroke searches names, pinyin, phone digits, reg_no */
	action_lookup(ui->desk, ui->input, &ui->results);
}

void act_submit(struct ui *ui)
{
	struct lookup_result r;

	if (ui->view == VIEW_SESSION || ui->door.programme != NULL) {
		/* at a hall door every code and reg_no is an attendance scan, whatever page is up
		 */
		ui->view = VIEW_SESSION;
		char *code = xstrdup(ui->input);
		act_door_scan(ui, code);
		free(code);
		return;
	}
	if (ui->view == VIEW_MAIN && ui->results.n_matches > 0 && !typed_code(ui->input)) {
		act_open(ui, (long)ui->selected);
		return;
	}
	action_lookup(ui->desk, ui->input, &r);
	ui->input[0] = '\0';
	if (r.n_matches == 1) {
		show_card(ui, &r);
		return;
	}
	act_close_card(ui);
	ui->view = VIEW_MAIN;
	if (r.n_matches == 0) {
		char *msg = NULL;
		const char *why = _(rules_reason_text(r.verdict.reasons[0]));
		if (asprintf(&msg, _("%s。请核对后重新扫码或输入；可按姓名、拼音或手机号查找"),
		             why) >= 0) {
			ui_say(ui, TONE_BAD, msg);
			free(msg);
		}
		action_lookup_release(&r);
		return;
	}
	action_lookup_release(&ui->results);
	ui->results = r;
	ui->selected = 0;
}

void act_open(struct ui *ui, long index)
{
	struct lookup_result one;
	const char *reg_no = ui->results.matches[index].person->reg_no;

	action_lookup(ui->desk, reg_no, &one);
	ui->input[0] = '\0';
	action_lookup_release(&ui->results);
	if (one.n_matches == 1) {
		show_card(ui, &one);
	} else {
		action_lookup_release(&one);
	}
}

/* Reloads the card's person after an action changed them. */
static void reload_card(struct ui *ui)
{
	struct lookup_result fresh;
	char *reg_no = xstrdup(ui->card.matches[0].person->reg_no);

	action_lookup(ui->desk, reg_no, &fresh);
	free(reg_no);
	if (fresh.n_matches == 1) {
		action_lookup_release(&ui->card);
		ui->card = fresh;
	} else {
		action_lookup_release(&fresh);
	}
	load_details(ui);
}

void act_confirm(struct ui *ui)
{
	struct checkin_request req = {ui->card.matches[0].person->reg_no, ui->voucher_seen, NULL,
	                              NULL, NULL};
	struct checkin_result r;

	if (ui->has_done || (act_card_offers(ui) & GATE_OFFER_CONFIRM) == 0) {
		return; /* the verdict block names the step still missing */
	}
	enum action_status status = action_checkin(ui->desk, &req, &r);
	if (status == ACTION_OK) {
		ui->done = r;
		ui->has_done = true;
		load_details(ui); /* the badge is queued now */
		ui_say(ui, TONE_GOOD, r.message);
	} else {
		ui_say(ui, status == ACTION_REFUSED ? TONE_WARN : TONE_BAD, r.message);
		action_checkin_release(&r);
	}
	ui_refresh_status(ui);
}

static void finish_simple(struct ui *ui, enum action_status status, char *message)
{
	ui_say(ui, status == ACTION_OK ? TONE_GOOD : TONE_BAD, message);
	free(message);
	if (status == ACTION_OK) {
		reload_card(ui);
	}
	ui_refresh_status(ui);
}

unsigned act_card_offers(const struct ui *ui)
{
	if (ui->view != VIEW_CARD || ui->card.n_matches != 1) {
		return 0;
	}
	if (ui->has_done) {
		return GATE_OFFER_REPRINT | GATE_OFFER_UNDO;
	}
	if (ui->status.no_key[0] != '\0') {
		return 0; /* without its desk key this copy records nothing: no key would work */
	}
	struct gate_evidence given = {ui->voucher_seen, false};
	return gate_offers(&ui->card.matches[0].verdict, &given);
}

bool act_card_walkin_offered(const struct ui *ui)
{
	if (ui->view != VIEW_CARD || ui->card.n_matches != 1) {
		return false;
	}
	const struct lookup_match *m = &ui->card.matches[0];
	return gate_walkin_offered(&m->verdict, m->person->room);
}

void act_toggle_voucher(struct ui *ui)
{
	ui->voucher_seen = !ui->voucher_seen;
	ui_say(ui, TONE_INFO,
	       ui->voucher_seen ? _("已记下：转账凭证已看过。按回车签到") : _("已取消“凭证已看”"));
}

void act_open_dialog(struct ui *ui, enum ui_dialog d)
{
	ui->dialog = d;
	ui->dialog_field = 0;
	memset(ui->dialog_fields, 0, sizeof(ui->dialog_fields));
	ui_say(ui, TONE_INFO, NULL);
}

void act_cancel_dialog(struct ui *ui)
{
	ui->dialog = DIALOG_NONE;
	ui->dialog_field = 0;
	memset(ui->dialog_fields, 0, sizeof(ui->dialog_fields));
}

void act_scan(struct ui *ui, const char *code)
{
	char *scanned = xstrdup(code);
	bool cancelled = ui->dialog != DIALOG_NONE || ui->view == VIEW_MERGE;

	if (ui->view == VIEW_OPERATOR && !ui->operator_confirmed) {
		ui->input[0] = '\0';
		ui_say(ui, TONE_WARN, _("请先输入您的姓名并按回车，再扫码"));
		free(scanned);
		return;
	}
	act_cancel_dialog(ui);
	act_merge_close(ui);
	if (ui->view == VIEW_SESSION || ui->door.programme != NULL) {
		ui->view = VIEW_SESSION;
		ui->search_dirty = false;
		act_door_scan(ui, scanned);
		free(scanned);
		return;
	}
	act_close_card(ui);
	action_lookup_release(&ui->results);
	ui->search_dirty = false;
	ui->view = VIEW_MAIN;
	snprintf(ui->input, sizeof(ui->input), "%s", scanned);
	act_submit(ui);
	if (cancelled && ui->message == NULL) {
		ui_say(ui, TONE_INFO, _("扫码打开了新的一位；刚才的操作已取消，什么都没有记录"));
	}
	free(scanned);
}

/* Keeps the dialog open with what is wrong, so the staff fix it where they typed it. */
static void dialog_refuse(struct ui *ui, const char *why)
{
	ui_say(ui, TONE_BAD, why);
}

/* F5 on a card: the payment is recorded now, so the card turns to the next step at once. */
static void pay_done(struct ui *ui, const char *reg_no)
{
	const struct verdict *v = &ui->card.matches[0].verdict;
	struct pay_request p = {v->to_pay, ui->dialog_fields[0],
	                        ui->dialog_fields[1][0] ? ui->dialog_fields[1] : NULL,
	                        ui->dialog_fields[2][0] ? ui->dialog_fields[2] : NULL};
	char *message = NULL;

	if (ui->dialog_fields[0][0] == '\0') {
		dialog_refuse(ui, _("请填写 POS 凭证号（刷卡小票上的参考号），再按回车"));
		ui->dialog_field = 0;
		return;
	}
	enum action_status status = action_pay(ui->desk, reg_no, &p, &message);
	if (status == ACTION_BAD_INPUT) {
		dialog_refuse(ui, message);
		free(message);
		return;
	}
	act_cancel_dialog(ui);
	finish_simple(ui, status, message);
}

/* A reason is required for reject and reprint: an empty one keeps the dialog open. */
static bool has_reason(struct ui *ui)
{
	if (ui->dialog_fields[0][0] != '\0') {
		return true;
	}
	dialog_refuse(ui, _("请填写原因，再按回车；按 Esc 不做记录返回"));
	return false;
}

/* F8 on the rooms board: settle, then say what moved. */
static void settle_done(struct ui *ui, const char *pin)
{
	struct rooms_settle_result r;
	char *cause = NULL;

	if (action_rooms_settle(ui->desk, pin, &r, &cause) != ACTION_OK) {
		ui_say(ui, TONE_BAD, cause ? cause : _("结算失败"));
		free(cause);
		return;
	}
	char *msg =
	    xasprintf(_("已结算房间：释放预留床位 %d 个，调整 %zu 人；单住晚数 %d（下限 %d）"),
	              r.released_holds, r.n_moves, r.supplement_nights, r.lower_bound);
	ui_say(ui, TONE_GOOD, msg);
	free(msg);
	action_rooms_settle_release(&r);
	ui_refresh_status(ui);
}

/* F12 on a card: the walk-in room, from what is left; the card shows it at once. */
static void walkin_done(struct ui *ui, const char *reg_no, const char *type, const char *pin)
{
	static const enum room_request types[] = {ROOM_KING, ROOM_TWIN_SINGLE, ROOM_BED};
	struct walkin_result r;

	if (strlen(type) != 1 || type[0] < '1' || type[0] > '3') {
		dialog_refuse(ui, _("房型请填 1、2 或 3，再按回车"));
		return;
	}
	act_cancel_dialog(ui);
	enum action_status s =
	    action_walkin(ui->desk, reg_no, types[type[0] - '1'], NULL, NULL, pin, &r);
	ui_say(ui, s == ACTION_OK ? TONE_GOOD : TONE_BAD, r.message);
	action_walkin_release(&r);
	reload_card(ui);
	ui_refresh_status(ui);
}

void act_dialog_done(struct ui *ui)
{
	enum ui_dialog d = ui->dialog;
	char *message = NULL;
	char reg_no[64] = "";
	char field[UI_INPUT_MAX];

	if (ui->card.n_matches == 1) {
		snprintf(reg_no, sizeof(reg_no), "%s", ui->card.matches[0].person->reg_no);
	}
	if (d == DIALOG_CARD_PAY) {
		pay_done(ui, reg_no);
		return;
	}
	if (d == DIALOG_DOOR_EXCUSE) {
		char who[UI_INPUT_MAX], reason[UI_INPUT_MAX], pin[UI_INPUT_MAX];
		snprintf(who, sizeof(who), "%s", ui->dialog_fields[0]);
		snprintf(reason, sizeof(reason), "%s", ui->dialog_fields[1]);
		snprintf(pin, sizeof(pin), "%s", ui->dialog_fields[2]);
		act_cancel_dialog(ui);
		act_door_excuse(ui, who, reason, pin);
		explicit_bzero(pin, sizeof(pin));
		return;
	}
	if (d == DIALOG_DOOR_OVERRIDE) {
		char reason[UI_INPUT_MAX], pin[UI_INPUT_MAX];
		snprintf(reason, sizeof(reason), "%s", ui->dialog_fields[0]);
		snprintf(pin, sizeof(pin), "%s", ui->dialog_fields[1]);
		act_cancel_dialog(ui);
		act_door_override(ui, reason, pin);
		explicit_bzero(pin, sizeof(pin));
		return;
	}
	if (d == DIALOG_WALKIN) {
		char type[UI_INPUT_MAX], pin[UI_INPUT_MAX];
		snprintf(type, sizeof(type), "%s", ui->dialog_fields[0]);
		snprintf(pin, sizeof(pin), "%s", ui->dialog_fields[1]);
		walkin_done(ui, reg_no, type, pin);
		explicit_bzero(pin, sizeof(pin));
		return;
	}
	if ((d == DIALOG_REJECT || d == DIALOG_REPRINT) && !has_reason(ui)) {
		return;
	}
	snprintf(field, sizeof(field), "%s", ui->dialog_fields[0]);
	act_cancel_dialog(ui);
	if (d == DIALOG_REJECT) {
		/* two statements: the arguments of one call are evaluated in no set order */
		enum action_status s = action_reject(ui->desk, reg_no, field, &message);
		finish_simple(ui, s, message);
	} else if (d == DIALOG_REPRINT) {
		enum action_status s = action_reprint(ui->desk, reg_no, field, &message);
		finish_simple(ui, s, message);
	} else if (d == DIALOG_EXPORT_PIN) {
		act_export(ui, field);
	} else if (d == DIALOG_MERGE_PIN) {
		act_merge_start(ui, field);
	} else if (d == DIALOG_SETTLE_PIN) {
		settle_done(ui, field);
	} else if (d == DIALOG_UNDO_PIN) {
		enum action_status s = action_undo(ui->desk, reg_no, field, &message);
		if (s == ACTION_OK && ui->has_done) {
			action_checkin_release(&ui->done);
			ui->has_done = false;
		}
		finish_simple(ui, s, message);
	}
	explicit_bzero(field, sizeof(field));
}

/* Exports to the one removable drive plugged in; with none or several, says what to do. */
static void export_to_drive(struct ui *ui, const struct usb_drive_list *drives)
{
	struct export_result r;
	char *msg = NULL;

	if (drives->n != 1) {
		ui_say(ui, TONE_WARN,
		       drives->n == 0
		           ? _("没有找到 U 盘：请插入 U 盘后再按 F5")
		           : _("找到多个 U 盘：请只留一个，或用命令 frontdesk export --to 指定"));
		return;
	}
	ui_say(ui, TONE_INFO, _("正在导出……"));
	draw_all(ui);
	progress_view_begin(ui);
	enum action_status status = action_export(ui->desk, drives->drives[0].mount_point, &r);
	progress_view_end();
	if (status == ACTION_OK &&
	    asprintf(&msg, _("已导出并校验，可以拔出 U 盘：%s"), r.folder ? r.folder : "") >= 0) {
		ui_say(ui, TONE_GOOD, msg);
		free(msg);
	} else {
		ui_say(ui, TONE_BAD, r.message ? r.message : _("导出失败"));
	}
	action_export_release(&r);
}

void act_export(struct ui *ui, const char *pin)
{
	struct usb_drive_list drives;
	char *cause = NULL;

	if (action_supervisor_check(ui->desk, "export", pin, &cause) != ACTION_OK) {
		ui_say(ui, TONE_BAD, cause);
		free(cause);
		return;
	}
	if (action_export_drives(testseam_mounts_path(), testseam_sys_block_path(), &drives,
	                         &cause) != ACTION_OK) {
		ui_say(ui, TONE_BAD, cause);
		free(cause);
		return;
	}
	export_to_drive(ui, &drives);
	usb_list_release(&drives);
	ui_refresh_status(ui);
}

void act_card_tick(struct ui *ui)
{
	if (ui->view != VIEW_CARD || ui->card.n_matches != 1 || ui->dialog != DIALOG_NONE) {
		return;
	}
	/* another desk or process changed something: the card must not keep the state before it
	 * (a person checked in elsewhere is not "可以签到" here) */
	if (!ui->has_done && action_data_stamp(ui->desk) != ui->card_stamp) {
		reload_card(ui);
		ui->dirty = true;
	} else if (ui->details.badge == CARD_BADGE_WAITING ||
	           ui->details.badge == CARD_BADGE_SENT) {
		load_details(ui);
		ui->dirty = true;
	}
}
