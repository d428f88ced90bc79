/*
 * draw holds the widgets every screen shares: the title bar, the prompt, the
 * key hints, the status line, the modal dialog, and put_text, the one place
 * text is cut to a width (through text.h, which measures with wcwidth rules).
 */
#include <curses.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"
#include "i18n.h"
#include "ui.h"

void put_text(int y, int x, int width, const char *s)
{
	if (width <= 0) {
		return;
	}
	char *safe = text_sanitize(s ? s : "");
	char *padded = text_pad(safe, width);
	mvaddstr(y, x, padded);
	free(padded);
	free(safe);
}

/* Chinese punctuation that must not start a line: a break is never put before it. */
static bool closes_phrase(uint32_t cp)
{
	static const uint32_t marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF09,
	                                 0x300D, 0x300F, 0xFF01, 0xFF1F, 0x2192};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		if (cp == marks[i]) {
			return true;
		}
	}
	return false;
}

/*
 * Returns how many bytes of s (sanitised, so every character decodes) make
 * its next line of at most width columns; *next is where the line after it
 * starts. English breaks at a space; Chinese, which has none, beside any wide
 * character. (The screen says one language: no " / " halves to break apart.)
 */
static size_t wrap_line(const char *s, int width, size_t *next)
{
	size_t i = 0, brk = 0, brk_next = 0;
	int w = 0;

	while (s[i] != '\0') {
		uint32_t cp = 0xFFFD;
		size_t n = text_decode(s + i, &cp);
		n = n ? n : 1;
		int cw = text_char_width(cp);
		if (w + cw > width) {
			break;
		}
		if (cp == ' ') {
			brk = i, brk_next = i + 1;
		} else if (cw == 2 && i > 0 && !closes_phrase(cp)) {
			brk = i, brk_next = i;
		}
		w += cw;
		i += n;
	}
	if (s[i] != '\0' && brk > 0) {
		*next = brk_next;
		return brk;
	}
	/* the rest fits, or one word is wider than the line: cut it where it is (at least
	 * one character, so a line narrower than that character still moves on) */
	if (i == 0) {
		uint32_t cp;
		size_t n = text_decode(s, &cp);
		i = n ? n : 1;
	}
	*next = i;
	return i;
}

/* Walks the wrapped lines of s from row y until row end, drawing them when draw is set. */
static int wrap(int y, int end, int x, int width, const char *s, bool draw)
{
	char *safe = text_sanitize(s ? s : "");
	const char *p = safe;

	while (*p != '\0' && y < end) {
		size_t next;
		size_t len = wrap_line(p, width, &next);
		if (draw) {
			char *piece = xstrndup(p, len);
			put_text(y, x, width, piece);
			free(piece);
		}
		y++;
		p += next;
		while (*p == ' ') {
			p++;
		}
	}
	free(safe);
	return y;
}

int put_wrapped(int y, int end, int x, int width, const char *s)
{
	return width > 0 ? wrap(y, end, x, width, s, true) : y;
}

int wrapped_rows(int width, const char *s)
{
	return width > 0 ? wrap(0, INT_MAX, 0, width, s, false) : 0;
}

void draw_title(struct ui *ui)
{
	const struct event_config *cfg = desk_config(ui->desk);
	char *left = NULL;

	attron(A_REVERSE);
	left = text_pad("", ui->cols);
	mvaddstr(0, 0, left);
	free(left);
	put_text(0, 1, ui->cols - 2, cfg->name);
	if (ui->status.camera[0] != '\0') {
		char *cam = NULL;
		if (asprintf(&cam, _("摄像头：%s"), ui->status.camera) >= 0) {
			int w = text_width(cam);
			put_text(0, ui->cols - w - 1, w, cam);
			free(cam);
		}
	}
	attroff(A_REVERSE);
}

/* The prompt's label: the page's own, or the usual one. */
static const char *prompt_label(const struct ui *ui)
{
	const struct screen *page = screen_of(ui->view);

	if (ui->view == VIEW_SESSION) {
		return _("课程签到，请扫胸牌或输入报名编号：");
	}
	return page != NULL && page->prompt != NULL ? _(page->prompt)
	                                            : _("请扫码或输入姓名/拼音/手机号：");
}

void draw_prompt(struct ui *ui)
{
	const char *label = prompt_label(ui);
	int lw = text_width(label);

	attron(A_BOLD);
	put_text(2, 1, lw, label);
	attroff(A_BOLD);
	attron(A_UNDERLINE);
	put_text(2, 1 + lw, ui->cols - lw - 2, ui->input);
	attroff(A_UNDERLINE);
}

void draw_keys(struct ui *ui, const char *keys)
{
	struct screen_frame f = screen_frame_of(ui);

	frame_keys(&f, keys);
}

/* The print child records the printer's state by name (print_state_name). */
static const char *printer_words(const char *state)
{
	if (strcmp(state, "ready") == 0) {
		return _("就绪");
	} else if (strcmp(state, "stopped") == 0) {
		return _("暂停");
	} else if (strcmp(state, "missing") == 0) {
		return _("找不到");
	} else if (strcmp(state, "not_configured") == 0) {
		return _("未设置");
	}
	return _("未接入");
}

/*
 * The status line: the day's figures on the left, the desk and the operator
 * on the right. The right part is never cut (every record carries that
 * name); the figures give way first when the line is too narrow.
 */
void draw_status(struct ui *ui)
{
	const struct ui_status *s = &ui->status;
	char *left = NULL, *right = NULL;

	/* a plain C buffer would need sprintf; asprintf through the catalogue's format */
	if (!s->counted) {
		left = xstrdup(_("正在统计今日数字…")); /* drawn once, before the first count */
	} else if (asprintf(&left, _("已签到 %d/%d  空床 女%d/男%d  打印机 %s(%d待打)  导出 %s"),
	                    s->checked_in, s->expected, s->free_female, s->free_male,
	                    printer_words(s->printer), s->print_queued,
	                    s->last_export[0] ? s->last_export : "—") < 0) {
		left = NULL;
	}
	if (left == NULL || asprintf(&right, _("%s台 %s"), desk_config(ui->desk)->desk_id,
	                             desk_operator(ui->desk)) < 0) {
		free(left);
		return;
	}
	/* on the right, which is never cut: whether the desks are in step matters at a glance */
	char *lan = NULL;
	if (s->lan[0] != '\0' && asprintf(&lan, "%s  %s", s->lan, right) >= 0) {
		free(right);
		right = lan;
	}
	int rw = text_width(right);
	rw = rw > ui->cols / 2 ? ui->cols / 2 : rw;
	attron(ui->color ? COLOR_PAIR(4) : A_REVERSE);
	put_text(ui->rows - 1, 0, ui->cols - rw - 2, left);
	put_text(ui->rows - 1, ui->cols - rw - 2, 2, "");
	put_text(ui->rows - 1, ui->cols - rw, rw, right);
	attroff(ui->color ? COLOR_PAIR(4) : A_REVERSE);
	free(left);
	free(right);
}

static const char *dialog_label(enum ui_dialog d)
{
	switch (d) {
	case DIALOG_REJECT:
		return _("拒绝签到的原因（如：证件与本人不符）：");
	case DIALOG_REPRINT:
		return _("重打胸牌的原因（如：丢失、打印错误）：");
	case DIALOG_UNDO_PIN:
		return _("撤销签到需主管密码：");
	case DIALOG_EXPORT_PIN:
		return _("导出到 U 盘需主管密码：");
	case DIALOG_MERGE_PIN:
		return _("合并其他签到台的导出需主管密码：");
	case DIALOG_SETTLE_PIN:
		return _("结算房间（释放未到同住人的预留床位、重新配对）需主管密码：");
	case DIALOG_QUIT:
		return _("确定退出签到台？按 Y 退出，其他键返回");
	default:
		return "";
	}
}

static bool dialog_is_secret(enum ui_dialog d)
{
	return d == DIALOG_UNDO_PIN || d == DIALOG_EXPORT_PIN || d == DIALOG_MERGE_PIN ||
	       d == DIALOG_SETTLE_PIN;
}

/* One field: its label, then what is typed (masked for a PIN), underlined where the focus is. */
static void dialog_field(struct ui *ui, int y, int w, const char *label, int i)
{
	const char *text = ui->dialog_fields[i];
	char masked[UI_INPUT_MAX];

	bool two_field_pin = ui->dialog == DIALOG_WALKIN || ui->dialog == DIALOG_DOOR_OVERRIDE;
	bool third_field_pin = ui->dialog == DIALOG_DOOR_EXCUSE;
	if (dialog_is_secret(ui->dialog) || (two_field_pin && i == 1) ||
	    (third_field_pin && i == 2)) {
		size_t n = strlen(text);
		memset(masked, '*', n);
		masked[n] = '\0';
		text = masked;
	}
	int lw = text_width(label);
	attron(A_REVERSE);
	put_text(y, 6, lw, label);
	attroff(A_REVERSE);
	attron(i == ui->dialog_field ? A_UNDERLINE | A_BOLD : A_UNDERLINE);
	put_text(y, 6 + lw, w - 4 - lw, text);
	attroff(i == ui->dialog_field ? A_UNDERLINE | A_BOLD : A_UNDERLINE);
}

/* The box: rows y to y + h - 1, full of reverse video. */
static void dialog_box(int y, int h, int w)
{
	attron(A_REVERSE);
	for (int row = y; row < y + h; row++) {
		put_text(row, 2, w + 4, "");
	}
	attroff(A_REVERSE);
}

/* The card payment: who and how much before anything is swiped, then the three fields. */
static void draw_pay_dialog(struct ui *ui, int y, int w)
{
	const struct lookup_match *m = &ui->card.matches[0];
	char *head = NULL;

	dialog_box(y, 9, w);
	if (asprintf(&head, _("现场刷卡：%s（%s）应收 %d 元"), m->person->name, m->person->reg_no,
	             m->verdict.to_pay) >= 0) {
		attron(A_REVERSE | A_BOLD);
		put_text(y + 1, 6, w - 4, head);
		attroff(A_REVERSE | A_BOLD);
		free(head);
	}
	dialog_field(ui, y + 3, w, _("POS 凭证号（必填）："), 0);
	dialog_field(ui, y + 4, w, _("发票抬头（个人可空）："), 1);
	dialog_field(ui, y + 5, w, _("纳税人识别号（个人可空）："), 2);
	attron(A_REVERSE);
	put_text(y + 7, 6, w - 4, _("Tab/↑↓ 换栏  回车 确认已收款  Esc 取消（不记录）"));
	attroff(A_REVERSE);
}

/* A walk-in room: who, the prices, then the type and the supervisor PIN. */
static void draw_walkin_dialog(struct ui *ui, int y, int w)
{
	const struct person *a = ui->card.matches[0].person;
	const struct event_config *cfg = desk_config(ui->desk);
	char *head = NULL, *price = NULL;

	dialog_box(y, 9, w);
	attron(A_REVERSE | A_BOLD);
	if (asprintf(&head, _("现场加订房间：%s（%s），只从预订之外剩下的房间中安排"), a->name,
	             a->reg_no) >= 0) {
		put_text(y + 1, 6, w - 4, head);
		free(head);
	}
	attroff(A_REVERSE | A_BOLD);
	attron(A_REVERSE);
	if (asprintf(&price, _("价格：大床房或双床单住 每晚 %d 元；床位 每晚 %d 元"),
	             cfg->room_night, cfg->bed_night) >= 0) {
		put_text(y + 2, 6, w - 4, price);
		free(price);
	}
	attroff(A_REVERSE);
	dialog_field(ui, y + 4, w, _("房型（1 大床房  2 双床单住  3 床位）："), 0);
	dialog_field(ui, y + 5, w, _("主管密码："), 1);
	attron(A_REVERSE);
	put_text(y + 7, 6, w - 4, _("Tab 换栏  回车 确认  Esc 取消（不记录）"));
	attroff(A_REVERSE);
}

/* The supervisor records someone the door refused: who, then the reason and the PIN. */
static void draw_override_dialog(struct ui *ui, int y, int w)
{
	const struct attend_result *r = &ui->door.last;
	char *head = NULL;

	dialog_box(y, 9, w);
	attron(A_REVERSE | A_BOLD);
	if (asprintf(&head, _("主管代为记录出勤：%s（%s）"), r->name ? r->name : "",
	             r->reg_no ? r->reg_no : "") >= 0) {
		put_text(y + 1, 6, w - 4, head);
		free(head);
	}
	attroff(A_REVERSE | A_BOLD);
	dialog_field(ui, y + 3, w, _("原因（必填）："), 0);
	dialog_field(ui, y + 4, w, _("主管密码："), 1);
	attron(A_REVERSE);
	put_text(y + 6, 6, w - 4, _("Tab 换栏  回车 确认  Esc 取消（不记录）"));
	attroff(A_REVERSE);
}

/* An excused absence (请假) at the door: who, why, and the supervisor's PIN. */
static void draw_excuse_dialog(struct ui *ui, int y, int w)
{
	dialog_box(y, 9, w);
	attron(A_REVERSE | A_BOLD);
	put_text(y + 1, 6, w - 4, _("主管记录请假（本场课程）"));
	attroff(A_REVERSE | A_BOLD);
	dialog_field(ui, y + 3, w, _("报名编号或胸牌码："), 0);
	dialog_field(ui, y + 4, w, _("请假原因（必填）："), 1);
	dialog_field(ui, y + 5, w, _("主管密码："), 2);
	attron(A_REVERSE);
	put_text(y + 7, 6, w - 4, _("Tab 换栏  回车 确认  Esc 取消（不记录）"));
	attroff(A_REVERSE);
}

void draw_dialog(struct ui *ui)
{
	int w = ui->cols - 8;
	int y = ui->rows / 2 - 4;

	if (ui->dialog == DIALOG_NONE) {
		return;
	}
	if (ui->dialog == DIALOG_CARD_PAY) {
		draw_pay_dialog(ui, y, w);
	} else if (ui->dialog == DIALOG_WALKIN) {
		draw_walkin_dialog(ui, y, w);
	} else if (ui->dialog == DIALOG_DOOR_OVERRIDE) {
		draw_override_dialog(ui, y, w);
	} else if (ui->dialog == DIALOG_DOOR_EXCUSE) {
		draw_excuse_dialog(ui, y, w);
	} else {
		dialog_box(y, 5, w);
		attron(A_REVERSE);
		put_text(y + 1, 6, w - 4, dialog_label(ui->dialog));
		attroff(A_REVERSE);
		dialog_field(ui, y + 2, w, "", 0);
		attron(A_REVERSE);
		put_text(y + 3, 6, w - 4,
		         ui->dialog == DIALOG_QUIT ? "" : _("回车 确认  Esc 取消（不记录）"));
		attroff(A_REVERSE);
	}
	/* what is wrong with what was typed, under the box, while the dialog stays open */
	if (ui->message != NULL) {
		int h = ui->dialog == DIALOG_CARD_PAY || ui->dialog == DIALOG_WALKIN ||
		                ui->dialog == DIALOG_DOOR_OVERRIDE ||
		                ui->dialog == DIALOG_DOOR_EXCUSE
		            ? 9
		            : 5;
		attron(ui_tone_attr(ui, ui->tone));
		put_wrapped(y + h, y + h + 2, 4, w, ui->message);
		attroff(ui_tone_attr(ui, ui->tone));
	}
}

bool ui_too_small(const struct ui *ui)
{
	return ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS;
}

void draw_all(struct ui *ui)
{
	erase();
	if (ui_too_small(ui)) {
		mvaddstr(0, 0, _("窗口太小：至少需要 80×24"));
		mvaddstr(1, 0, "terminal too small: 80x24 needed");
		refresh();
		return;
	}
	draw_title(ui);
	draw_prompt(ui);
	if (!screens_draw(ui)) {
		switch (ui->view) {
		case VIEW_CARD:
			screen_card(ui);
			break;
		case VIEW_MERGE:
			screen_merge(ui);
			break;
		case VIEW_SESSION:
			screen_session(ui);
			break;
		default:
			screen_main(ui);
		}
	}
	draw_status(ui);
	draw_dialog(ui);
	/* the cursor sits where typing goes */
	move(2, 1 + text_width(prompt_label(ui)) + text_width(ui->input));
	refresh();
}
