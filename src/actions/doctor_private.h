/*
 * doctor_private: the checks of actions/doctor.h, split by what they touch:
 * doctor.c the report, the terminal, the database, the clock and the desk
 * id; doctor_devices.c the font, the printer, the camera and the stick.
 */
#ifndef FRONTDESK_ACTIONS_DOCTOR_PRIVATE_H
#define FRONTDESK_ACTIONS_DOCTOR_PRIVATE_H

#include "frontdesk/actions/doctor.h"
#include "frontdesk/event.h"

/* Adds a check to r: found and advice are said text the report takes over (advice NULL when ok). */
void doctor_add(struct doctor_report *r, const char *name, const char *title, bool ok, char *found,
                char *advice);

/* cfg may be NULL (the database could not be read): the defaults are checked then. */
void doctor_check_font(struct doctor_report *r);
void doctor_check_printer(struct doctor_report *r, const struct event_config *cfg, bool test_page);
void doctor_check_camera(struct doctor_report *r, const struct event_config *cfg);
void doctor_check_drive(struct doctor_report *r, const struct doctor_env *env);

#endif
