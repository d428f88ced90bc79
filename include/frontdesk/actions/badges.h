/*
 * actions/badges (src/actions/badges.c): badge PDFs for the `badge` and
 * `badges` commands (the print queue's badges are actions/printing.h's).
 */
#ifndef FRONTDESK_ACTIONS_BADGES_H
#define FRONTDESK_ACTIONS_BADGES_H

#include "frontdesk/actions/desk.h"

struct badges_result {
	int badges;
	int pages;
	char *message; /* bilingual, on failure */
};

/*
 * badges: renders the badge of reg_no, or of every registration that is not
 * withdrawn when reg_no is NULL, into the PDF at pdf with the layout named
 * size ("default", "a6", "a4" for the sheet). ACTION_BAD_INPUT for an unknown
 * reg_no, ACTION_FAILED for a missing layout or a write error (nothing is
 * left at pdf then). *out is the caller's: release it with action_badges_release.
 */
enum action_status action_badges(struct desk *desk, const char *reg_no, const char *size,
                                 const char *pdf, struct badges_result *out);
void action_badges_release(struct badges_result *out);

#endif
