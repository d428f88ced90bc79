/*
 * badges_private: what a badge shows for one registration, and where the layouts
 * are. Private to src/actions (the badge command and the print queue).
 */
#ifndef FRONTDESK_ACTIONS_BADGES_PRIVATE_H
#define FRONTDESK_ACTIONS_BADGES_PRIVATE_H

#include <stdbool.h>

#include "frontdesk/badge.h"
#include "frontdesk/ticket.h"

struct attendee;
struct desk;

/* The layout file for size ("default", "a6", "a4"), or NULL with *cause. The caller frees it. */
char *badges_layout(const char *size, char **cause);

/* Fills *f for a; code receives the ticket code f points at. False with *cause. */
bool badges_fields(const struct desk *desk, const struct attendee *a,
                   char code[TICKET_CODE_LEN + 1], struct badge_fields *f, char **cause);

#endif
