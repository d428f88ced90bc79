/*
 * screen_card is the verdict card: everything the staff need to decide, on
 * one 80x24 screen without scrolling (DESIGN section 1): who, the verdict and
 * its reasons, the money, the room, an earlier check-in, what to hand over.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/date.h"
#include "i18n.h"
#include "ui.h"

static void line(struct ui *ui, int y, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void line(struct ui *ui, int y, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	va_start(ap, fmt);
	int rc = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (rc >= 0) {
		put_text(y, 2, ui->cols - 4, text);
		free(text);
	}
}

static const char *verdict_words(const struct ui *ui, const struct verdict *v)
{
	if (ui->has_done) {
		return _("✓ 已签到");
	}
	return v->colour == VERDICT_GREEN   ? _("可以签到：按回车确认")
	       : v->colour == VERDICT_AMBER ? _("需先处理下面一项")
	                                    : _("不能签到");
}

static void draw_banner(struct ui *ui, const struct attendee *a, const struct verdict *v)
{
	int attr = ui->has_done ? ui_tone_attr(ui, TONE_GOOD) : ui_verdict_attr(ui, v->colour);

	attron(A_BOLD);
	line(ui, 4, "%s   %s  %s  %s", a->name,
	     a->gender == GENDER_MALE     ? _("男")
	     : a->gender == GENDER_FEMALE ? _("女")
	                                  : "",
	     a->member ? _("会员") : _("非会员"), a->reg_no);
	attroff(A_BOLD);
	line(ui, 5, "%s  %s", a->organisation ? a->organisation : "",
	     a->position ? a->position : "");
	attron(attr);
	put_text(7, 2, ui->cols - 4, verdict_words(ui, v));
	attroff(attr);
}

static void draw_reasons(struct ui *ui, const struct verdict *v, int *y)
{
	for (size_t r = 0; r < v->n_reasons && *y < 12; r++) {
		line(ui, (*y)++, "• %s", _(rules_reason_text(v->reasons[r])));
	}
	if (v->colour == VERDICT_RED && !ui->has_done) {
		const struct event_config *cfg = desk_config(ui->desk);
		line(ui, (*y)++, _("请联系：%s"),
		     cfg->contact_registration ? cfg->contact_registration : _("会务组"));
	}
}

static void draw_money(struct ui *ui, const struct verdict *v, int y)
{
	line(ui, y, _("应交 %d  已到账 %d  待核实 %d  需补交 %d  退款 %d 元%s%s"), v->fee_due,
	     v->settled, v->pending, v->to_pay, v->refund,
	     ui->voucher_seen ? _("  ［凭证已看］") : "",
	     ui->card_reference ? _("  ［已刷卡］") : "");
}

static void draw_lodging(struct ui *ui, const struct lodging_info *l, int y)
{
	if (l->request == ROOM_NONE) {
		line(ui, y, _("住宿：不住宿"));
	} else if (l->no_room) {
		line(ui, y, _("住宿：已无空房，请联系住宿负责人"));
	} else if (!l->allocated) {
		line(ui, y, _("住宿：%s，%d 晚（签到时分配）"),
		     l->request == ROOM_BED    ? _("合住床位")
		     : l->request == ROOM_KING ? _("大床房")
		                               : _("双床单住"),
		     lodging_count_nights(l->nights));
	} else {
		line(ui, y, _("住宿：%s %s 房 %d 床，%d 晚，房费 %d 元%s%s"), l->hotel, l->room,
		     l->bed, lodging_count_nights(l->nights), l->charge,
		     l->swapped ? _("（房型调换）") : "", l->overflow ? _("（协议外酒店）") : "");
		if (l->n_roommates > 0) {
			line(ui, y + 1, _("同住：%s"), l->roommates[0]);
		} else if (l->roommate_expected) {
			line(ui, y + 1, _("同住人未到，床位已预留"));
		} else if (l->supplement) {
			line(ui, y + 1, _("暂时单住 %d 晚（后到的同性学员会入住；房差以结算为准）"),
			     l->supplement_nights);
		}
	}
}

/* Appends one item of the [desk] items list, unless it is the room key of someone without a room.
 */
static void add_item(FILE *out, const char *item, size_t len, bool has_room)
{
	if (len == 0 || (!has_room && len == strlen("房卡") && memcmp(item, "房卡", len) == 0)) {
		return;
	}
	fprintf(out, "%.*s  ", (int)len, item);
}

/*
 * Lists the items to hand over. The list is split on "," and "，" as whole
 * strings: a byte-wise split (strtok) would cut inside characters whose UTF-8
 * shares a byte with "，", as 牌 does.
 */
static void draw_items(struct ui *ui, const struct lodging_info *l, int y)
{
	const char *p = desk_config(ui->desk)->items ? desk_config(ui->desk)->items : "";
	char *list = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&list, &len);

	while (out != NULL && *p) {
		const char *ascii = strchr(p, ',');
		const char *wide = strstr(p, "，");
		const char *end = ascii && (!wide || ascii < wide) ? ascii : wide;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		add_item(out, p, n, l->allocated);
		p += n;
		p += end == NULL ? 0 : end == ascii ? 1 : strlen("，");
	}
	if (out) {
		fclose(out);
	}
	line(ui, y, _("请交给学员：%s"), list ? list : "");
	free(list);
}

void screen_card(struct ui *ui)
{
	const struct lookup_match *m = &ui->card.matches[0];
	const struct attendee *a = ui->has_done ? ui->done.attendee : m->attendee;
	const struct verdict *v = ui->has_done ? &ui->done.verdict : &m->verdict;
	const struct lodging_info *l = ui->has_done ? &ui->done.lodging : &m->lodging;
	int y = 8;

	draw_banner(ui, a, v);
	draw_reasons(ui, v, &y);
	draw_money(ui, v, 13);
	draw_lodging(ui, l, 14);
	if (a->checked_in && !ui->has_done) {
		line(ui, 16, _("已于 %s 在 %s 号台由 %s 签到"), a->checkin_at, a->checkin_desk,
		     a->checkin_operator);
	}
	if (ui->has_done || a->checked_in) {
		draw_items(ui, l, 17);
	}
	if (ui->message) {
		attron(ui_tone_attr(ui, ui->tone));
		put_text(ui->rows - 4, 2, ui->cols - 4, ui->message);
		attroff(ui_tone_attr(ui, ui->tone));
	}
	draw_keys(ui,
	          ui->has_done
	              ? _("扫下一位  B 重打胸牌  U 撤销  Esc 返回")
	              : _("回车 确认  P 刷卡  V 凭证已看  X 拒绝  B 重打胸牌  U 撤销  Esc 返回"));
}
