/*
 * `frontdesk rooms plan|settle|list`: the room block for the hotels before
 * the event, the supervisor's end-of-day settling, and the rooming list (JSON
 * for scripts, CSV for the hotel, words for the desk). The CSV is made by
 * action_rooming_rows_csv, from the rows the export's rooming list uses.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/actions/plan.h"
#include "frontdesk/actions/rooming_rows.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/date.h"
#include "frontdesk/text.h"
#include "frontdesk/words.h"

static int charge_of(const struct desk *desk, const struct occupant *o)
{
	struct lodging_rates rates = {desk_config(desk)->room_night, desk_config(desk)->bed_night};

	return lodging_charge(&rates, o->use, o->nights, o->alone_nights);
}

static const char *use_name(enum lodging_use use)
{
	return use == USE_WHOLE ? "whole" : use == USE_SHARED ? "shared" : "held";
}

static void json_occupant(struct json *j, const struct desk *desk, const struct rooming_list *l,
                          const struct rooming_room *r, const struct occupant *o)
{
	json_object_begin(j);
	json_kv_string(j, "reg_no", o->reg_no);
	json_kv_string(j, "name", o->name);
	json_kv_string(j, "gender", roster_gender_code(o->gender));
	json_key(j, "nights");
	cli_json_nights(j, l->first_night, o->nights);
	json_kv_string(j, "use", use_name(o->use));
	json_kv_int(j, "bed", o->bed);
	json_kv_int(j, "supplement_nights", lodging_count_nights(o->alone_nights));
	json_kv_int(j, "charge", charge_of(desk, o));
	struct lodging_notice notice;
	action_place_notice(r, o, &notice);
	json_key(j, "flags");
	json_array_begin(j);
	if (notice.swapped) {
		json_string(j, "swapped");
	}
	if (notice.overflow) {
		json_string(j, "overflow");
	}
	if (notice.supplement) {
		json_string(j, "supplement");
	}
	json_array_end(j);
	json_object_end(j);
}

static void json_rooms(struct json *j, const struct desk *desk, const struct rooming_list *l)
{
	json_key(j, "rooms");
	json_array_begin(j);
	for (size_t i = 0; i < l->n_rooms; i++) {
		const struct rooming_room *r = &l->rooms[i];
		json_object_begin(j);
		json_kv_string(j, "hotel", r->hotel);
		json_kv_string(j, "room", r->room);
		json_kv_string(j, "type", roomlist_kind_code(r->kind));
		json_kv_string(j, "floor", r->floor);
		json_key(j, "occupants");
		json_array_begin(j);
		for (size_t k = 0; k < r->n_occupants; k++) {
			json_occupant(j, desk, l, r, &r->occupants[k]);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void print_rooms(const struct desk *desk, const struct rooming_list *l)
{
	for (size_t i = 0; i < l->n_rooms; i++) {
		const struct rooming_room *r = &l->rooms[i];
		cli_printf("%s %s（%s）\n", r->hotel, r->room, words_room_kind(r->kind));
		for (size_t k = 0; k < r->n_occupants; k++) {
			const struct occupant *o = &r->occupants[k];
			char *name = text_sanitize(o->name);
			cli_printf("  床%d %-14s %-10s %d晚 单住%d晚 %d元 %s\n", o->bed, o->reg_no,
			           name, lodging_count_nights(o->nights),
			           lodging_count_nights(o->alone_nights), charge_of(desk, o),
			           o->use == USE_HELD ? "(预留 held)" : "");
			free(name);
		}
	}
}

static int write_output(const char *path, const char *text)
{
	FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "wb") : stdout;

	if (f == NULL) {
		cli_eprintf("frontdesk: 无法写入 %s / cannot write %s\n", path, path);
		return EXIT_INTERNAL;
	}
	fputs(text, f);
	if (f != stdout && fclose(f) != 0) {
		cli_eprintf("frontdesk: 写入 %s 失败 / writing %s failed\n", path, path);
		return EXIT_INTERNAL;
	}
	return EXIT_DONE;
}

static int rooms_list(const struct cli *cli, struct desk *desk, const char *csv)
{
	struct rooming_list l;
	int code = EXIT_DONE;

	action_rooms_list(desk, &l);
	if (csv != NULL) {
		char *text = action_rooming_rows_csv(desk, &l);
		code = write_output(csv, text);
		free(text);
	} else if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_rooms(&j, desk, &l);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		print_rooms(desk, &l);
	}
	action_rooms_list_release(&l);
	return code;
}

static void print_plan(const struct cli *cli, const struct desk *desk, const struct rooms_plan *p)
{
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_key(&j, "block");
		json_array_begin(&j);
		for (size_t i = 0; i < p->n_blocks; i++) {
			char night[DATE_ISO_LEN + 1];
			date_format(p->blocks[i].night, night);
			json_object_begin(&j);
			json_kv_string(&j, "hotel", p->blocks[i].hotel);
			json_kv_string(&j, "type", roomlist_kind_code(p->blocks[i].kind));
			json_kv_string(&j, "night", night);
			json_kv_int(&j, "rooms", p->blocks[i].rooms);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_rooms(&j, desk, &p->pairing);
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
		return;
	}
	cli_printf("酒店需预留房间 / rooms the hotels must hold:\n");
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
		cli_printf("  无房 / no room: %s\n", p->unplaced[i]);
	}
}

static int rooms_plan(const struct cli *cli, struct desk *desk)
{
	struct rooms_plan p;
	char *cause = NULL;
	enum action_status status = action_rooms_plan(desk, &p, &cause);

	if (status == ACTION_OK) {
		print_plan(cli, desk, &p);
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
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		cli_printf("已释放预留床位 %d 个 / released %d held beds\n", r.released_holds,
		           r.released_holds);
		for (size_t i = 0; i < r.n_moves; i++) {
			cli_printf("  请调房 / move %s: %s → %s\n", r.moves[i].reg_no,
			           r.moves[i].from, r.moves[i].to);
		}
		cli_printf("单住晚数 supplement nights: %d（下限 lower bound %d）\n",
		           r.supplement_nights, r.lower_bound);
	}
	action_rooms_settle_release(&r);
	return EXIT_DONE;
}

int cmd_rooms(struct cli *cli)
{
	const char *what[1], *pin = NULL, *csv = NULL;
	size_t n;
	const struct cli_option options[] = {
	    {"--pin", &pin, NULL}, {"--csv", &csv, NULL}, {NULL, NULL, NULL}};
	int code = EXIT_DONE;

	if (!cli_parse(cli, options, what, 1, &n)) {
		return EXIT_USAGE;
	}
	bool plan = n == 1 && strcmp(what[0], "plan") == 0;
	bool settle = n == 1 && strcmp(what[0], "settle") == 0;
	bool list = n == 1 && strcmp(what[0], "list") == 0;
	if (!plan && !settle && !list) {
		return cli_usage(cli, "可选 plan、settle、list / choose plan, settle or list");
	}
	if (settle && pin == NULL) {
		return cli_usage(
		    cli, "rooms settle 需要主管 --pin / rooms settle needs the supervisor --pin");
	}
	struct desk *desk = cli_open_desk(cli, &code);
	if (desk == NULL) {
		return code;
	}
	code = plan     ? rooms_plan(cli, desk)
	       : settle ? rooms_settle(cli, desk, pin)
	                : rooms_list(cli, desk, csv);
	desk_close(desk);
	return code;
}
