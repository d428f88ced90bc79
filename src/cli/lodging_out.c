/*
 * lodging_out writes where someone sleeps, for lookup and checkin alike, in
 * the contract's JSON and in words.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "frontdesk/say.h"
#include "frontdesk/actions/lodging_view.h"
#include "frontdesk/date.h"

void cli_json_nights(struct json *j, long first_night, uint64_t nights)
{
	json_array_begin(j);
	for (int bit = 0; bit < LODGING_MAX_NIGHTS; bit++) {
		if (nights & (UINT64_C(1) << bit)) {
			char day[DATE_ISO_LEN + 1];
			date_format(first_night + bit, day);
			json_string(j, day);
		}
	}
	json_array_end(j);
}

void cli_json_lodging(struct json *j, const struct lodging_info *l)
{
	json_object_begin(j);
	json_kv_string(j, "request", roster_room_code(l->request));
	json_kv_bool(j, "allocated", l->allocated);
	if (l->no_room) {
		json_kv_bool(j, "no_room", true);
	}
	if (l->no_room_in_share) {
		json_kv_bool(j, "no_room_in_share", true);
	}
	json_kv_string(j, "hotel", l->hotel);
	json_kv_string(j, "room", l->room);
	if (l->allocated) {
		json_kv_int(j, "bed", l->bed);
		json_kv_string(j, "type", roomlist_kind_code(l->kind));
	} else {
		json_key(j, "bed");
		json_null(j);
	}
	json_key(j, "roommates");
	json_array_begin(j);
	for (size_t i = 0; i < l->n_roommates; i++) {
		json_string(j, l->roommates[i]);
	}
	json_array_end(j);
	json_kv_bool(j, "roommate_expected", l->roommate_expected);
	json_key(j, "nights");
	cli_json_nights(j, l->first_night, l->nights);
	json_kv_int(j, "supplement_nights", l->supplement_nights);
	json_kv_int(j, "charge", l->charge);
	json_kv_bool(j, "swapped", l->swapped);
	json_kv_bool(j, "overflow", l->overflow);
	json_kv_bool(j, "gender_to_verify", l->gender_to_verify);
	json_object_end(j);
}

void cli_print_lodging(const struct lodging_info *l)
{
	if (l->no_room_in_share) {
		cli_sayf("  住宿 lodging: 本台分到的房间已用完");
		return;
	}
	if (l->no_room) {
		cli_sayf("  住宿 lodging: 无空房");
		return;
	}
	if (!l->allocated) {
		return;
	}
	char *said = say("%s %s 房 %d 床，%d 晚，房费 %d 元（单住 %d 晚）", l->hotel, l->room,
	                 l->bed, lodging_count_nights(l->nights), l->charge, l->supplement_nights);
	cli_printf("  住宿 lodging: %s\n", said);
	free(said);
	for (size_t i = 0; i < l->n_roommates; i++) {
		cli_printf("  同住 roommate: %s\n", l->roommates[i]);
	}
	if (l->roommate_expected) {
		cli_sayf("  同住人未到，床位已预留");
	}
	if (l->swapped) {
		cli_sayf("  房型已调换");
	}
	if (l->overflow) {
		cli_sayf("  安排在协议外酒店");
	}
	if (l->gender_to_verify) {
		cli_sayf("  性别待核实：同房者性别不一致，请核实后调房");
	}
}
