/*
 * gender_review finds and words the rooms with a gender conflict for the
 * import and `rooms settle`. Which stays clash is core's rule (lodging.h),
 * asked through action_place_notice so that these reports, `rooms list`, the
 * rooming list and the desk card flag the same people. The import compares
 * the genders stored before the merge with those after it, so the warning
 * can say whose gender changed and from what: the roster only has the new one.
 */
#include "gender_review.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/event.h"
#include "frontdesk/say.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/words.h"
#include "frontdesk/xmalloc.h"
#include "rooms_private.h"

/* A gender in Chinese, for the list of who shares a room (the same in every language). */
static const char *gender_zh(enum gender g)
{
	return g == GENDER_UNKNOWN ? "未填" : words_gender(g);
}

/* A gender in language lang of a message: its Chinese word, its roster code in English. */
static const char *gender_in(enum gender g, int lang)
{
	if (g == GENDER_UNKNOWN) {
		return say_in(lang, "未填");
	}
	return say_chinese(lang) ? words_gender(g) : roster_gender_code(g);
}

static bool room_in_conflict(const struct rooming_room *r)
{
	for (size_t k = 0; k < r->n_occupants; k++) {
		struct lodging_notice notice;
		action_place_notice(r, &r->occupants[k], &notice);
		if (notice.gender_to_verify) {
			return true;
		}
	}
	return false;
}

/* "reg_no name（性别）" of the room's sharers and holds but skip, joined by "、". */
static char *who_text(const struct rooming_room *r, const struct occupant *skip)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t k = 0; k < r->n_occupants; k++) {
		const struct occupant *o = &r->occupants[k];
		if (o == skip || o->use == USE_WHOLE) {
			continue;
		}
		strbuf_printf(&sb, "%s%s %s（%s%s）", sb.len ? "、" : "", o->reg_no, o->name,
		              gender_zh(o->gender), o->use == USE_HELD ? "，预留床位" : "");
	}
	return strbuf_detach(&sb);
}

static void fill_room(const struct rooming_room *r, struct rooms_gender_line *g)
{
	g->room = xasprintf("%s %s", r->hotel, r->room);
	g->who = who_text(r, NULL);
	g->reg_nos = xcalloc(r->n_occupants ? r->n_occupants : 1, sizeof(char *));
	for (size_t k = 0; k < r->n_occupants; k++) {
		if (r->occupants[k].use != USE_WHOLE) {
			g->reg_nos[g->n_reg_nos++] = xstrdup(r->occupants[k].reg_no);
		}
	}
}

size_t gender_review_rooms(const struct rooming_list *l, struct rooms_gender_line **out)
{
	size_t n = 0;

	*out = NULL;
	for (size_t i = 0; i < l->n_rooms; i++) {
		if (room_in_conflict(&l->rooms[i])) {
			*out = xreallocarray(*out, n + 1, sizeof(**out));
			memset(&(*out)[n], 0, sizeof(**out));
			fill_room(&l->rooms[i], &(*out)[n++]);
		}
	}
	return n;
}

void gender_rooms_free(struct rooms_gender_line *rooms, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rooms[i].room);
		free(rooms[i].who);
		for (size_t k = 0; k < rooms[i].n_reg_nos; k++) {
			free(rooms[i].reg_nos[k]);
		}
		free(rooms[i].reg_nos);
	}
	free(rooms);
}

void gender_review_before(struct desk *desk, struct gender_before *out)
{
	out->n = rooming_sharer_genders(desk->db, &out->items);
}

void gender_before_release(struct gender_before *before)
{
	free(before->items);
	memset(before, 0, sizeof(*before));
}

static int compare_ids(const void *a, const void *b)
{
	long x = ((const struct rooming_gender *)a)->attendee_id;
	long y = ((const struct rooming_gender *)b)->attendee_id;

	return (x > y) - (x < y);
}

/* The gender stored for o before the import, or o's own when it had no shared bed then. */
static enum gender gender_before(const struct gender_before *before, const struct occupant *o)
{
	struct rooming_gender key = {o->attendee_id, GENDER_UNKNOWN};
	const struct rooming_gender *hit =
	    bsearch(&key, before->items, before->n, sizeof(*before->items), compare_ids);

	return hit ? hit->gender : o->gender;
}

/* The roster line of reg_no, 0 when it is not there. */
static int roster_line(const struct roster *roster, const char *reg_no)
{
	for (size_t i = 0; roster != NULL && i < roster->n_rows; i++) {
		if (strcmp(roster->rows[i].reg_no, reg_no) == 0) {
			return roster->rows[i].line;
		}
	}
	return 0;
}

static void warn_changed(const struct rooming_room *r, const struct occupant *o, enum gender was,
                         const char *contact, int line, struct diag_list *warnings)
{
	char *others = who_text(r, o);
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = xasprintf(
		    say_in(
		        i,
		        "%s %s 房：%s %s 的性别 %s → %s，与 %s 同住一房。已分的床位不变，此房不再"
		        "安排他人；请撤销其中一人的签到（undo）再重新签到以换房，或联系 %s"),
		    r->hotel, r->room, o->reg_no, o->name, gender_in(was, i),
		    gender_in(o->gender, i), others, contact);
	}
	char *text = say_join(texts);
	diag_add(warnings, line, "性别", "%s", text);
	free(text);
	free(others);
}

static void warn_still(const struct rooming_room *r, const char *contact,
                       struct diag_list *warnings)
{
	char *who = who_text(r, NULL);

	diag_say(warnings, 0, "性别",
	         "%s %s 房仍有性别不一致的同住人：%s。此房不再安排他人；请核实后撤销其中一人的签到"
	         "（undo）再重新签到，或联系 %s",
	         r->hotel, r->room, who, contact);
	free(who);
}

void gender_review_import(struct desk *desk, const struct gender_before *before,
                          const struct roster *roster, struct diag_list *warnings)
{
	const char *contact = desk->cfg->contact_lodging ? desk->cfg->contact_lodging : "会务组";
	struct rooming_list l;

	rooming_load(desk->db, desk->cfg->first_night, -1, &l);
	for (size_t i = 0; i < l.n_rooms; i++) {
		const struct rooming_room *r = &l.rooms[i];
		bool named = false;
		if (!room_in_conflict(r)) {
			continue;
		}
		for (size_t k = 0; k < r->n_occupants; k++) {
			const struct occupant *o = &r->occupants[k];
			enum gender was = gender_before(before, o);
			if (o->use != USE_WHOLE && was != o->gender) {
				warn_changed(r, o, was, contact, roster_line(roster, o->reg_no),
				             warnings);
				named = true;
			}
		}
		if (!named) {
			warn_still(r, contact, warnings);
		}
	}
	rooming_free(&l);
}
