/*
 * words: the Chinese words for the codes the desk shows and exports (gender,
 * registration status, room request, room type), one table each, so a code
 * reads the same on the desk card, the rooming list, the exports and the CLI.
 * The reasons of a verdict have their table in rules.c (rules_reason_text);
 * the merge conflicts theirs in conflict.c.
 *
 * Every function returns a static string, never NULL ("" for an unknown
 * value); the desk screen passes them through gettext for other languages.
 */
#ifndef FRONTDESK_WORDS_H
#define FRONTDESK_WORDS_H

#include <stdbool.h>

#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"
#include "frontdesk/rules.h"

/* "男", "女", or "" when unknown. */
const char *words_gender(enum gender g);

/* "已通过", "待审核", "未通过"; "已退出" for a withdrawn registration whatever its status. */
const char *words_reg_status(enum reg_status s, bool withdrawn);

/* What was booked: "大床房", "双床单住", "合住床位", "不住宿". */
const char *words_room_request(enum room_request r);

/* The room itself: "大床房", "双床房". */
const char *words_room_kind(enum room_kind k);

/* "是" or "否", as a yes/no cell of a sheet. */
const char *words_yes_no(bool yes);

#endif
