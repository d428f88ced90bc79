/*
 * screen_lines: the printf-style line the report pages are made of, drawn at
 * *y and moving it down, never onto the key bar.
 */
#ifndef FRONTDESK_TUI_SCREEN_LINES_H
#define FRONTDESK_TUI_SCREEN_LINES_H

#include "screen.h"

void screen_line(const struct screen_frame *f, int *y, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
