/*
 * screen_card is the verdict card: everything the staff need to decide, on
 * one 80x24 screen without scrolling (DESIGN section 1). Its heart is the
 * verdict block, three full-width rows readable from two metres: a colour, a
 * symbol and words naming the one next key, so it reads on a monochrome
 * terminal too. Which state it shows and which keys it offers come from core
 * (gate.h): the card never decides. The card always shows the state after the
 * last action, never the state before it.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/date.h"
#include "frontdesk/words.h"
#include "frontdesk/xmalloc.h"
#include "i18n.h"
#include "ui.h"

enum { BLOCK_ROW = 6, BLOCK_ROWS = 3 };

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

/* The two lines of the verdict block and its tone. */
struct block {
	enum ui_tone tone;
	char *head; /* symbol and state */
	char *next; /* the one next step, naming its key */
};

static void block_red(struct ui *ui, const struct verdict *v, struct block *b)
{
	const struct event_config *cfg = desk_config(ui->desk);
	const char *contact = cfg->contact_registration ? cfg->contact_registration : _("会务组");

	b->tone = TONE_BAD;
	b->head = xasprintf(_("✗ %s"), _(rules_reason_text(v->reasons[0])));
	b->next = xasprintf(_("请联系 %s；不要收费，不要发房卡"), contact);
}

static void block_already(struct ui *ui, const struct person *a, struct block *b)
{
	b->tone = TONE_INFO;
	/* on the LAN a check-in made at another desk arrives within seconds: say where */
	if (a->checkin_desk != NULL &&
	    strcmp(a->checkin_desk, desk_config(ui->desk)->desk_id) != 0) {
		b->head = xasprintf(_("● 已在 %s 台签到：%s，%s"), a->checkin_desk, a->checkin_at,
		                    a->checkin_operator);
	} else {
		b->head = xasprintf(_("● 已签到：%s，%s 号台，%s"), a->checkin_at, a->checkin_desk,
		                    a->checkin_operator);
	}
	b->next = xstrdup(_("不要再发房卡和资料；胸牌丢失按 F8 重打，签错了按 F9 撤销"));
}

static void block_open(struct ui *ui, enum gate g, const struct verdict *v, struct block *b)
{
	switch (g) {
	case GATE_NEEDS_CARD:
		b->tone = TONE_WARN;
		b->head = xasprintf(_("! 需现场刷卡 %d 元"), v->to_pay);
		b->next = xstrdup(_("按 F5 刷卡收费；收款后按回车签到"));
		return;
	case GATE_NEEDS_VOUCHER:
		b->tone = TONE_WARN;
		b->head = xstrdup(_("! 转账待核实：请看转账凭证"));
		b->next = xstrdup(_("看过转账凭证后按 F6，再按回车签到"));
		return;
	default:
		b->tone = TONE_GOOD;
		b->head =
		    xstrdup(ui->voucher_seen ? _("✓ 可以签到（转账凭证已看）") : _("✓ 可以签到"));
		b->next = xstrdup(_("按回车签到"));
	}
}

static void fill_block(struct ui *ui, const struct person *a, const struct verdict *v,
                       struct block *b)
{
	struct gate_evidence given = {ui->voucher_seen, false};
	enum gate g = gate_decide(v, &given);

	memset(b, 0, sizeof(*b));
	if (ui->has_done) {
		b->tone = TONE_GOOD;
		b->head = xstrdup(_("✓ 签到完成"));
		b->next = xstrdup(_("请交给学员下面列出的物品；扫下一位即可继续"));
	} else if (g == GATE_REFUSED) {
		block_red(ui, v, b);
	} else if (ui->status.no_key[0] != '\0' && g != GATE_ALREADY) {
		/* nothing can be recorded here: say so before Enter, not after */
		b->tone = TONE_BAD;
		b->head = xstrdup(_("✗ 这台电脑还不能签到"));
		b->next = xstrdup(ui->status.no_key);
	} else if (g == GATE_ALREADY) {
		block_already(ui, a, b);
	} else {
		block_open(ui, g, v, b);
	}
}

/* Three full-width rows in the tone's colour; the text sits on the first two. */
static void draw_block(struct ui *ui, const struct block *b)
{
	int attr = ui_tone_attr(ui, b->tone) | A_BOLD;

	attron(attr | (ui->color ? A_REVERSE : 0));
	for (int row = BLOCK_ROW; row < BLOCK_ROW + BLOCK_ROWS; row++) {
		put_text(row, 0, ui->cols, "");
	}
	put_text(BLOCK_ROW, 2, ui->cols - 4, b->head ? b->head : "");
	put_text(BLOCK_ROW + 1, 4, ui->cols - 6, b->next ? b->next : "");
	attroff(attr | (ui->color ? A_REVERSE : 0));
}

static void draw_person(struct ui *ui, const struct person *a)
{
	attron(A_BOLD);
	line(ui, 4, "%s   %s  %s  %s", a->name, _(words_gender(a->gender)),
	     a->member ? _("会员") : _("非会员"), a->reg_no);
	attroff(A_BOLD);
	line(ui, 5, "%s  %s", a->organisation ? a->organisation : "",
	     a->position ? a->position : "");
}

/* The reasons beyond the one the block names, and a refund with whom to ask. */
static int draw_reasons(struct ui *ui, const struct verdict *v, int y)
{
	/* red names its first reason in the block already */
	for (size_t r = v->colour == VERDICT_RED ? 1 : 0; r < v->n_reasons && y < 11; r++) {
		if (v->reasons[r] == REASON_ALREADY_CHECKED_IN) {
			continue;
		}
		line(ui, y++, "• %s", _(rules_reason_text(v->reasons[r])));
	}
	if (v->refund > 0 && y < 12) {
		const struct event_config *cfg = desk_config(ui->desk);
		line(ui, y++, _("• 应退款 %d 元：请告知学员由 %s 办理退款"), v->refund,
		     cfg->contact_payment ? cfg->contact_payment : _("会务组"));
	}
	return y;
}

static void draw_money(struct ui *ui, const struct verdict *v, int y)
{
	line(ui, y, _("培训费：应交 %d  已到账 %d  待核实 %d  需补交 %d 元"), v->fee_due,
	     v->settled, v->pending, v->to_pay);
}

/* With whom: the roommate given, a bed held, alone for now, or the request not yet met. */
static char *roommate_words(const struct card_details *d, const struct lodging_info *l)
{
	if (l->gender_to_verify) {
		return xstrdup(_("性别待核实：同室性别不符，请联系住宿负责人"));
	} else if (l->n_roommates > 0) {
		return xasprintf(_("同住：%s"), l->roommates[0]);
	} else if (l->roommate_expected) {
		return xstrdup(_("同住人未到，床位已预留"));
	} else if (l->supplement) {
		return xasprintf(_("暂时单住 %d 晚（房差以结算为准）"), l->supplement_nights);
	} else if (d->roommate_requested != NULL && d->roommate_found) {
		return xasprintf(d->roommate_arrived ? _("申请同住：%s（已到）")
		                                     : _("申请同住：%s（未到）"),
		                 d->roommate_name);
	} else if (d->roommate_requested != NULL) {
		return xasprintf(_("申请同住：%s（名单中找不到此人）"), d->roommate_requested);
	}
	return xstrdup("");
}

/* "MM-DD" of an ISO date: the year is the event's. */
static const char *month_day(const char *iso)
{
	return strlen(iso) == DATE_ISO_LEN ? iso + 5 : iso;
}

/* The stay: where (or what was booked), then the dates and with whom. */
static void draw_lodging(struct ui *ui, const struct person *a, const struct lodging_info *l,
                         const struct card_details *d, int y)
{
	int nights = lodging_count_nights(l->nights);

	if (l->request == ROOM_NONE) {
		line(ui, y, _("住宿：不住宿"));
		return;
	}
	if (l->no_room_in_share) {
		/* other desks still have rooms (docs/merge.md "Rooms shared among desks") */
		line(ui, y, _("住宿：%s，%d 晚；本台分到的房间已用完，请合并其他台的导出或找主管"),
		     _(words_room_request(l->request)), nights);
	} else if (l->no_room) {
		line(ui, y, _("住宿：%s，%d 晚；已无空房，请联系住宿负责人"),
		     _(words_room_request(l->request)), nights);
	} else if (!l->allocated) {
		line(ui, y, _("住宿：%s，%d 晚（签到时分配）"), _(words_room_request(l->request)),
		     nights);
	} else {
		line(ui, y, _("住宿：%s %s 房 %d 床，%d 晚，房费 %d 元%s%s"), l->hotel, l->room,
		     l->bed, nights, l->charge, l->swapped ? _("（房型调换）") : "",
		     l->overflow ? _("（协议外酒店）") : "");
	}
	char *with = roommate_words(d, l);
	line(ui, y + 1, _("入住 %s  离店 %s  %s"), month_day(a->arrive), month_day(a->depart),
	     with);
	free(with);
}

static bool item_is(const char *item, size_t len, const char *name)
{
	return len == strlen(name) && memcmp(item, name, len) == 0;
}

/*
 * Appends one item of the [desk] items list: not the room key of someone
 * without a room, and the badge as "胸牌待打印" until the printer says it is done.
 */
static void add_item(FILE *out, const char *item, size_t len, bool has_room, bool badge_printed)
{
	if (len == 0 || (!has_room && item_is(item, len, "房卡"))) {
		return;
	}
	if (!badge_printed && item_is(item, len, "胸牌")) {
		fprintf(out, "%s  ", _("胸牌待打印"));
		return;
	}
	fprintf(out, "%.*s  ", (int)len, item);
}

/* Where the badge is: printed, on its way, or failed and why. */
static void draw_badge(struct ui *ui, const struct card_details *d, int y)
{
	switch (d->badge) {
	case CARD_BADGE_PRINTED:
		line(ui, y, _("胸牌：已打印"));
		break;
	case CARD_BADGE_SENT:
		line(ui, y, _("胸牌：已送打印机，稍候取件"));
		break;
	case CARD_BADGE_WAITING:
		line(ui, y, _("胸牌：排队待打印%s%s"), d->badge_reason ? "：" : "",
		     d->badge_reason ? d->badge_reason : "");
		break;
	case CARD_BADGE_FAILED:
		line(ui, y, _("胸牌：打印失败：%s（修好打印机后按 F8 重打）"),
		     d->badge_reason ? d->badge_reason : "");
		break;
	case CARD_BADGE_NONE:
		break;
	}
}

/* A collective transfer: which organisation paid, and the reference to look it up by. */
static void draw_collective(struct ui *ui, const struct card_details *d, int y)
{
	if (d->collective_organisation == NULL) {
		return;
	}
	line(ui, y, _("集体转账：%s，凭证号 %s%s"), d->collective_organisation,
	     d->collective_reference ? d->collective_reference : "",
	     d->collective_pending ? _("（待核实）") : "");
}

/*
 * Lists the items to hand over. The list is split on "," and "，" as whole
 * strings: a byte-wise split (strtok) would cut inside characters whose UTF-8
 * shares a byte with "，", as 牌 does.
 */
static void draw_items(struct ui *ui, const struct lodging_info *l, bool badge_printed, int y)
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
		add_item(out, p, n, l->allocated, badge_printed);
		p += n;
		p += end == NULL ? 0 : end == ascii ? 1 : strlen("，");
	}
	if (out) {
		fclose(out);
	}
	line(ui, y, _("请交给学员：%s"), list ? list : "");
	free(list);
}

/* The keys this card offers (gate_offers), and only those. */
static void draw_card_keys(struct ui *ui)
{
	static const struct {
		unsigned offer;
		const char *words;
	} keys[] = {
	    {GATE_OFFER_CONFIRM, N_("回车 签到")},   {GATE_OFFER_CARD, N_("F5 刷卡收费")},
	    {GATE_OFFER_VOUCHER, N_("F6 凭证已看")}, {GATE_OFFER_REJECT, N_("F7 拒绝")},
	    {GATE_OFFER_REPRINT, N_("F8 重打胸牌")}, {GATE_OFFER_UNDO, N_("F9 撤销签到")},
	};
	unsigned offers = act_card_offers(ui);
	char bar[512] = "";
	size_t used = 0;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (offers & keys[i].offer) {
			int n = snprintf(bar + used, sizeof(bar) - used, "%s  ", _(keys[i].words));
			used += n > 0 && (size_t)n < sizeof(bar) - used ? (size_t)n : 0;
		}
	}
	if (act_card_walkin_offered(ui) && used < sizeof(bar)) {
		int n = snprintf(bar + used, sizeof(bar) - used, "%s  ", _("F12 加订房间"));
		used += n > 0 && (size_t)n < sizeof(bar) - used ? (size_t)n : 0;
	}
	snprintf(bar + used, sizeof(bar) - used, "%s", _("Esc 返回"));
	draw_keys(ui, bar);
}

void screen_card(struct ui *ui)
{
	const struct lookup_match *m = &ui->card.matches[0];
	const struct person *a = ui->has_done ? ui->done.person : m->person;
	const struct verdict *v = ui->has_done ? &ui->done.verdict : &m->verdict;
	const struct lodging_info *l = ui->has_done ? &ui->done.lodging : &m->lodging;
	struct block b;

	draw_person(ui, a);
	fill_block(ui, a, v, &b);
	draw_block(ui, &b);
	free(b.head);
	free(b.next);
	int y = draw_reasons(ui, v, BLOCK_ROW + BLOCK_ROWS + 1);
	draw_money(ui, v, y < 12 ? 12 : y);
	draw_lodging(ui, a, l, &ui->details, 13);
	if (a->note != NULL && a->note[0] != '\0') {
		line(ui, 15, _("备注：%s"), a->note);
	}
	draw_collective(ui, &ui->details, 16);
	if (ui->has_done || a->checked_in) {
		draw_badge(ui, &ui->details, 17);
	}
	if (ui->has_done) {
		draw_items(ui, l, ui->details.badge == CARD_BADGE_PRINTED, 18);
	}
	if (ui->message && ui->dialog == DIALOG_NONE) {
		attron(ui_tone_attr(ui, ui->tone));
		put_wrapped(ui->rows - 5, ui->rows - 3, 2, ui->cols - 4, ui->message);
		attroff(ui_tone_attr(ui, ui->tone));
	}
	draw_card_keys(ui);
}
