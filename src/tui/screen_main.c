/*
 * screen_main shows what the prompt found as the staff type (names, pinyin,
 * phone digits), or the last message when nothing is being typed.
 */
#include <curses.h>
#include <stdlib.h>

#include "frontdesk/gate.h"
#include "i18n.h"
#include "ui.h"
#include "frontdesk/actions/lookup.h"

static void draw_message(struct ui *ui)
{
	if (ui->message == NULL) {
		put_text(5, 2, ui->cols - 4, _("等待扫码……"));
		return;
	}
	attron(ui_tone_attr(ui, ui->tone));
	put_text(5, 2, ui->cols - 4, ui->message);
	attroff(ui_tone_attr(ui, ui->tone));
}

static void draw_result(struct ui *ui, int y, size_t i)
{
	const struct lookup_match *m = &ui->results.matches[i];
	const struct person *a = m->person;
	char *line = NULL;

	if (asprintf(&line, "%-12s %s", a->reg_no, a->name) < 0) {
		return;
	}
	if (i == ui->selected) {
		attron(A_REVERSE);
	}
	put_text(y, 2, 30, line);
	put_text(y, 33, ui->cols - 47, a->organisation ? a->organisation : "");
	if (i == ui->selected) {
		attroff(A_REVERSE);
	}
	/* someone already checked in is neither to do nor refused: their own words */
	/* core's gate says the state: someone already checked in is neither to do nor refused */
	static const struct gate_evidence nothing = {false, false};
	enum gate g = gate_decide(&m->verdict, &nothing);
	int attr = g == GATE_ALREADY ? ui_tone_attr(ui, TONE_INFO)
	                             : ui_verdict_attr(ui, m->verdict.colour);
	attron(attr);
	put_text(y, ui->cols - 13, 11,
	         g == GATE_ALREADY   ? _("已签到")
	         : g == GATE_REFUSED ? _("不能签到")
	         : g == GATE_GO      ? _("可签到")
	                             : _("需处理"));
	attroff(attr);
	free(line);
}

void screen_main(struct ui *ui)
{
	size_t n = ui->results.n_matches;
	int first_row = 4, last_row = ui->rows - 4;

	if (ui->input[0] == '\0' || n == 0) {
		draw_message(ui);
		if (ui->input[0] != '\0') {
			put_text(7, 2, ui->cols - 4,
			         _("没有找到。可输入姓名、拼音首字母、手机号后四位或报名编号"));
		}
		/* no ↑↓ here: it only moves through results, whose own key bar names it,
		 * and 80 columns need the room for every function key */
		draw_keys(
		    ui,
		    _("回车 查找  F1/? 帮助  F2 房间  F3 收费  F4 汇总  F5 导出  F6 合并  F10 退出"));
		return;
	}
	size_t visible = (size_t)(last_row - first_row);
	size_t start = ui->selected >= visible ? ui->selected - visible + 1 : 0;
	for (size_t i = start; i < n && (int)(i - start) < last_row - first_row; i++) {
		draw_result(ui, first_row + (int)(i - start), i);
	}
	if (ui->results.total > n) {
		char *more = NULL;
		if (asprintf(&more, _("…… 还有 %zu 人，请多输入几个字"), ui->results.total - n) >=
		    0) {
			put_text(last_row, 2, ui->cols - 4, more);
			free(more);
		}
	}
	draw_keys(ui, _("回车 打开所选  ↑↓ 选择  Esc 清空  F1/? 帮助"));
}
