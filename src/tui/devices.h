/*
 * devices: the webcam and the printer seen from the desk screen.
 */
#ifndef FRONTDESK_TUI_DEVICES_H
#define FRONTDESK_TUI_DEVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

/* Starts the camera for spec ("/dev/video0", "dir:PATH"); false when none or it failed. */
bool devices_camera_start(struct ui *ui, const char *spec);
void devices_camera_stop(struct ui *ui);
/* Handles every code the camera has decoded since the last call. */
void devices_camera_read(struct ui *ui);
/* Writes the camera's state for the status line ("" without a camera). */
void devices_camera_state(struct ui *ui, char *buf, size_t n);

/* Keeps the print worker (one child process for the day) running and fed from the queue. */
void devices_print_tick(struct ui *ui);
/* Asks the worker for a pass now (a badge was just queued); nothing when none runs. */
void devices_print_poke(struct ui *ui);
/* Lets the worker end after its pass in progress. */
void devices_print_stop(struct ui *ui);

#endif
