/*
 * `frontdesk rooms plan|settle|list|free|walkin`: the room block for the
 * hotels before the event, the supervisor's end-of-day settling, the rooming
 * list (JSON for scripts, CSV for the hotel, words for the desk), what is
 * free per hotel and night, and a room for someone who booked none. The CSV
 * is made by action_rooming_rows_csv, from the rows the export's rooming list
 * uses.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/plan.h"
#include "frontdesk/actions/rooming_rows.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/actions/walkin.h"
#include "frontdesk/date.h"
#include "frontdesk/text.h"
#include "frontdesk/words.h"

static const char *use_name(enum lodging_use use)
{
	return use == USE_WHOLE ? "whole" : use == USE_SHARED ? "shared" : "held";
}

static void json_occupant(struct json *j, long first_night, const struct guest_view *o)
{
	json_object_begin(j);
	json_kv_string(j, "reg_no", o->reg_no);
	json_kv_string(j, "name", o->name);
	json_kv_string(j, "gender", roster_gender_code(o->gender));
	json_key(j, "nights");
	cli_json_nights(j, first_night, o->nights);
	json_kv_string(j, "use", use_name(o->use));
	json_kv_int(j, "bed", o->bed);
	json_kv_int(j, "supplement_nights", lodging_count_nights(o->alone_nights));
	json_kv_int(j, "charge", o->charge);
	json_key(j, "flags");
	json_array_begin(j);
	if (o->swapped) {
		json_string(j, "swapped");
	}
	if (o->overflow) {
		json_string(j, "overflow");
	}
	if (o->supplement) {
		json_string(j, "supplement");
	}
	if (o->walkin) {
		json_string(j, "walkin");
	}
	if (o->gender_to_verify) {
		json_string(j, "gender_to_verify");
	}
	json_array_end(j);
	json_object_end(j);
}

static void json_room(struct json *j, long first_night, const struct room_view *r)
{
	json_object_begin(j);
	json_kv_string(j, "hotel", r->hotel);
	json_kv_string(j, "room", r->room);
	json_kv_string(j, "type", roomlist_kind_code(r->kind));
	json_kv_string(j, "floor", r->floor);
	json_key(j, "occupants");
	json_array_begin(j);
	for (size_t k = 0; k < r->n_guests; k++) {
		json_occupant(j, first_night, &r->guests[k]);
	}
	json_array_end(j);
	json_object_end(j);
}

static void json_rooms(struct json *j, const struct rooms_view *l)
{
	json_key(j, "rooms");
	json_array_begin(j);
	for (size_t i = 0; i < l->n_rooms; i++) {
		json_room(j, l->first_night, &l->rooms[i]);
	}
	json_array_end(j);
}

static void print_rooms(const struct rooms_view *l)
{
	for (size_t i = 0; i < l->n_rooms; i++) {
		const struct room_view *r = &l->rooms[i];
		cli_printf("%s %s（%s）\n", r->hotel, r->room, words_room_kind(r->kind));
		for (size_t k = 0; k < r->n_guests; k++) {
			const struct guest_view *o = &r->guests[k];
			char *name = text_sanitize(o->name);
			cli_printf("  床%d %-14s %-10s %s %d晚 单住%d晚 %d元 %s%s%s\n", o->bed,
			           o->reg_no, name, words_gender(o->gender),
			           lodging_count_nights(o->nights),
			           lodging_count_nights(o->alone_nights), o->charge,
			           o->use == USE_HELD ? "(预留 held)" : "",
			           o->walkin ? "(现场加订 walk-in)" : "",
			           o->gender_to_verify ? "性别待核实 gender to verify" : "");
			free(name);
		}
	}
}

static int write_output(const char *path, const char *text)
{
	FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "wb") : stdout;

	if (f == NULL) {
		cli_esayf("frontdesk: 无法写入 %s", path);
		return EXIT_INTERNAL;
	}
	fputs(text, f);
	if (f != stdout && fclose(f) != 0) {
		cli_esayf("frontdesk: 写入 %s 失败", path);
		return EXIT_INTERNAL;
	}
	return EXIT_DONE;
}

static int rooms_list(const struct cli *cli, struct desk *desk, const char *csv)
{
	struct rooms_view l;
	int code = EXIT_DONE;

	action_rooms_list(desk, &l);
	if (csv != NULL) {
		char *text = action_rooming_rows_csv(&l);
		code = write_output(csv, text);
		free(text);
	} else if (cli->json) {
		struct json j = JSON_INIT;
		cli_json_stream(&j); /* as large as the plan's at the end of the day */
		json_object_begin(&j);
		json_rooms(&j, &l);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		print_rooms(&l);
	}
	action_rooms_list_release(&l);
	return code;
}

static void json_plan_blocks(struct json *j, const struct rooms_plan *p)
{
	json_key(j, "block");
	json_array_begin(j);
	for (size_t i = 0; i < p->n_blocks; i++) {
		char night[DATE_ISO_LEN + 1];
		date_format(p->blocks[i].night, night);
		json_object_begin(j);
		json_kv_string(j, "hotel", p->blocks[i].hotel);
		json_kv_string(j, "type", roomlist_kind_code(p->blocks[i].kind));
		json_kv_string(j, "night", night);
		json_kv_int(j, "rooms", p->blocks[i].rooms);
		json_object_end(j);
	}
	json_array_end(j);
}

struct plan_json {
	struct json *j;
	long first_night;
};

static void json_plan_room(const struct room_view *room, void *ctx)
{
	const struct plan_json *out = ctx;

	json_room(out->j, out->first_night, room);
}

/* Streamed to stdout as it is written: a 100k event's pairing is 21 MB of JSON. */
static void json_plan(const struct rooms_plan *p)
{
	struct json j = JSON_INIT;
	struct plan_json out = {&j, p->first_night};

	cli_json_stream(&j);
	json_object_begin(&j);
	json_plan_blocks(&j, p);
	json_key(&j, "rooms");
	json_array_begin(&j);
	action_rooms_plan_each_room(p, json_plan_room, &out);
	json_array_end(&j);
	json_kv_int(&j, "placed", p->placed);
	json_key(&j, "unplaced");
	json_array_begin(&j);
	for (size_t i = 0; i < p->n_unplaced; i++) {
		json_string(&j, p->unplaced[i]);
	}
	json_array_end(&j);
	json_kv_int(&j, "supplement_nights", p->supplement_nights);
	json_kv_int(&j, "lower_bound", p->lower_bound);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

static void print_plan(const struct cli *cli, const struct rooms_plan *p)
{
	if (cli->json) {
		json_plan(p);
		return;
	}
	cli_sayf("酒店需预留房间");
	for (size_t i = 0; i < p->n_blocks; i++) {
		char night[DATE_ISO_LEN + 1];
		date_format(p->blocks[i].night, night);
		cli_printf("  %s  %s  %s  %d 间\n", p->blocks[i].hotel, night,
		           words_room_kind(p->blocks[i].kind), p->blocks[i].rooms);
	}
	cli_printf(
	    "已安排 placed: %d；无房 unplaced: %zu；单住晚数 supplement nights: %d（下限 lower "
	    "bound %d）\n",
	    p->placed, p->n_unplaced, p->supplement_nights, p->lower_bound);
	for (size_t i = 0; i < p->n_unplaced; i++) {
		cli_sayf("  无房：%s", p->unplaced[i]);
	}
}

static int rooms_plan(const struct cli *cli, struct desk *desk)
{
	struct rooms_plan p;
	char *cause = NULL;
	enum action_status status = action_rooms_plan(desk, &p, &cause);

	if (status == ACTION_OK) {
		print_plan(cli, &p);
		action_rooms_plan_release(&p);
	} else {
		cli_error(cause);
	}
	free(cause);
	return (int)status;
}

static int rooms_settle(const struct cli *cli, struct desk *desk, const char *pin)
{
	struct rooms_settle_result r;
	char *cause = NULL;
	enum action_status status = action_rooms_settle(desk, pin, &r, &cause);

	if (status != ACTION_OK) {
		cli_error(cause ? cause : "?");
		free(cause);
		return (int)status;
	}
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_kv_int(&j, "released_holds", r.released_holds);
		json_key(&j, "moves");
		json_array_begin(&j);
		for (size_t i = 0; i < r.n_moves; i++) {
			json_object_begin(&j);
			json_kv_string(&j, "reg_no", r.moves[i].reg_no);
			json_kv_string(&j, "from", r.moves[i].from);
			json_kv_string(&j, "to", r.moves[i].to);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_kv_int(&j, "supplement_nights", r.supplement_nights);
		json_kv_int(&j, "lower_bound", r.lower_bound);
		json_key(&j, "gender_to_verify");
		json_array_begin(&j);
		for (size_t i = 0; i < r.n_gender_to_verify; i++) {
			json_object_begin(&j);
			json_kv_string(&j, "room", r.gender_to_verify[i].room);
			json_key(&j, "reg_nos");
			json_array_begin(&j);
			for (size_t k = 0; k < r.gender_to_verify[i].n_reg_nos; k++) {
				json_string(&j, r.gender_to_verify[i].reg_nos[k]);
			}
			json_array_end(&j);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		cli_sayf("已释放预留床位 %d 个", r.released_holds);
		for (size_t i = 0; i < r.n_moves; i++) {
			cli_sayf("  请调房 %s：%s → %s", r.moves[i].reg_no, r.moves[i].from,
			         r.moves[i].to);
		}
		cli_printf("单住晚数 supplement nights: %d（下限 lower bound %d）\n",
		           r.supplement_nights, r.lower_bound);
		for (size_t i = 0; i < r.n_gender_to_verify; i++) {
			cli_sayf("  性别待核实，未调整：%s：%s", r.gender_to_verify[i].room,
			         r.gender_to_verify[i].who);
		}
	}
	action_rooms_settle_release(&r);
	return EXIT_DONE;
}

static void json_free_nights(struct json *j, const struct rooms_free_hotel *h)
{
	json_key(j, "nights");
	json_array_begin(j);
	for (size_t k = 0; k < h->n_nights; k++) {
		const struct rooms_free_night *f = &h->nights[k];
		char night[DATE_ISO_LEN + 1];
		date_format(f->night, night);
		json_object_begin(j);
		json_kv_string(j, "night", night);
		json_kv_int(j, "king", f->king);
		json_kv_int(j, "twin", f->twin);
		json_kv_int(j, "beds_female", f->beds_female);
		json_kv_int(j, "beds_male", f->beds_male);
		json_object_end(j);
	}
	json_array_end(j);
}

static int rooms_free(const struct cli *cli, struct desk *desk)
{
	struct rooms_free f;
	enum action_status status = action_rooms_free(desk, &f);

	if (status != ACTION_OK) {
		cli_error(f.message);
	} else if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_key(&j, "hotels");
		json_array_begin(&j);
		for (size_t i = 0; i < f.n_hotels; i++) {
			json_object_begin(&j);
			json_kv_string(&j, "hotel", f.hotels[i].hotel);
			json_kv_int(&j, "rank", f.hotels[i].rank);
			json_free_nights(&j, &f.hotels[i]);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		for (size_t i = 0; i < f.n_hotels; i++) {
			cli_printf("%s%s\n", f.hotels[i].hotel,
			           f.hotels[i].rank > 0 ? "（协议外 overflow）" : "");
			for (size_t k = 0; k < f.hotels[i].n_nights; k++) {
				const struct rooms_free_night *n = &f.hotels[i].nights[k];
				char night[DATE_ISO_LEN + 1];
				date_format(n->night, night);
				cli_printf(
				    "  %s  大床房 king %d  双床房 twin %d  女床位 beds F %d  男床位 beds M "
				    "%d\n",
				    night, n->king, n->twin, n->beds_female, n->beds_male);
			}
		}
	}
	action_rooms_free_release(&f);
	return (int)status;
}

/* The room type as typed: the code (king, twin_single, bed) or its Chinese word. */
static bool parse_request(const char *text, enum room_request *out)
{
	static const enum room_request kinds[] = {ROOM_KING, ROOM_TWIN_SINGLE, ROOM_BED};

	for (size_t i = 0; text != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(text, roster_room_code(kinds[i])) == 0 ||
		    strcmp(text, words_room_request(kinds[i])) == 0) {
			*out = kinds[i];
			return true;
		}
	}
	return false;
}

static void json_walkin(const char *reg_no, enum action_status status,
                        const struct walkin_result *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "result", status == ACTION_OK ? "granted" : "refused");
	json_kv_string(&j, "message", r->message);
	json_kv_string(&j, "reg_no", reg_no);
	json_kv_string(&j, "asked", roster_room_code(r->asked));
	json_kv_string(&j, "granted", status == ACTION_OK ? roster_room_code(r->granted) : NULL);
	json_kv_bool(&j, "placed", r->placed);
	json_kv_string(&j, "arrive", r->arrive[0] ? r->arrive : NULL);
	json_kv_string(&j, "depart", r->depart[0] ? r->depart : NULL);
	json_kv_int(&j, "nights", r->nights);
	json_kv_int(&j, "charge", status == ACTION_OK ? r->charge : 0);
	json_kv_string(&j, "hotel", r->placed ? r->lodging.hotel : NULL);
	json_kv_string(&j, "room", r->placed ? r->lodging.room : NULL);
	if (r->placed) {
		json_kv_int(&j, "bed", r->lodging.bed);
	} else {
		json_key(&j, "bed");
		json_null(&j);
	}
	json_kv_string(&j, "overflow_hotel", r->overflow_hotel);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

struct walkin_args {
	const char *reg_no, *type, *arrive, *depart, *pin;
};

static int rooms_walkin(const struct cli *cli, struct desk *desk, const struct walkin_args *w)
{
	struct walkin_result r;
	enum room_request request = ROOM_NONE;

	parse_request(w->type, &request);
	enum action_status status =
	    action_walkin(desk, w->reg_no, request, w->arrive, w->depart, w->pin, &r);
	if (cli->json) {
		json_walkin(w->reg_no, status, &r);
	} else if (status == ACTION_OK) {
		cli_say(r.message);
	} else {
		cli_error(r.message);
	}
	action_walkin_release(&r);
	return (int)status;
}

/* What the walk-in command needs before the database is opened; EXIT_DONE when fine. */
static int check_walkin(const struct cli *cli, size_t n, const struct walkin_args *w)
{
	enum room_request request;

	if (n != 2 || w->type == NULL || w->pin == NULL) {
		return cli_usage(cli, "rooms walkin 需要报名编号、--type 和主管 --pin");
	}
	if (!parse_request(w->type, &request)) {
		return cli_usage(cli, "--type 可选 king、twin_single、bed");
	}
	return EXIT_DONE;
}

int cmd_rooms(struct cli *cli)
{
	const char *what[2], *pin = NULL, *csv = NULL;
	struct walkin_args w = {NULL, NULL, NULL, NULL, NULL};
	size_t n;
	const struct cli_option options[] = {
	    {"--pin", &pin, NULL},         {"--csv", &csv, NULL},         {"--type", &w.type, NULL},
	    {"--arrive", &w.arrive, NULL}, {"--depart", &w.depart, NULL}, {NULL, NULL, NULL}};
	int code = EXIT_DONE;

	if (!cli_parse(cli, options, what, 2, &n)) {
		return EXIT_USAGE;
	}
	const char *verb = n >= 1 ? what[0] : "";
	bool walkin = strcmp(verb, "walkin") == 0;
	bool settle = strcmp(verb, "settle") == 0;
	if ((!walkin && n != 1) ||
	    (strcmp(verb, "plan") != 0 && !settle && strcmp(verb, "list") != 0 &&
	     strcmp(verb, "free") != 0 && !walkin)) {
		return cli_usage(cli, "可选 plan、settle、list、free、walkin");
	}
	if (settle && pin == NULL) {
		return cli_usage(cli, "rooms settle 需要主管 --pin");
	}
	w.reg_no = n == 2 ? what[1] : NULL;
	w.pin = pin;
	if (walkin && (code = check_walkin(cli, n, &w)) != EXIT_DONE) {
		return code;
	}
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	code = walkin                      ? rooms_walkin(cli, desk, &w)
	       : settle                    ? rooms_settle(cli, desk, pin)
	       : strcmp(verb, "plan") == 0 ? rooms_plan(cli, desk)
	       : strcmp(verb, "free") == 0 ? rooms_free(cli, desk)
	                                   : rooms_list(cli, desk, csv);
	desk_close(desk);
	return code;
}
