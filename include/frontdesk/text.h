/*
 * text: UTF-8 safety for text that came from outside (rosters, scans).
 *
 * Roster text ends up on the desk terminal and in exports; a name holding an
 * escape sequence could repaint the screen or hide a warning. This module
 * decides what counts as a control character and how to show it safely.
 * (Column widths for the TUI will live here too: one module measures text.)
 */
#ifndef FRONTDESK_TEXT_H
#define FRONTDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Returns true when s holds a C0 control (U+0000-U+001F), DEL, a C1 control
 * (U+0080-U+009F), a bidi override (U+202A-U+202E, U+2066-U+2069) or a byte
 * that is not well-formed UTF-8.
 */
bool text_has_control(const char *s);

/* As text_has_control, but the ASCII controls listed in allowed (e.g. "\n\t") are accepted. */
bool text_has_control_except(const char *s, const char *allowed);

/*
 * Returns a copy of s (the caller frees it) in which every character that
 * text_has_control would flag, and every bad byte, is replaced by U+FFFD.
 */
char *text_sanitize(const char *s);

/* Returns a copy of s (the caller frees it) with only malformed UTF-8 bytes replaced by U+FFFD. */
char *text_repair_utf8(const char *s);

/* Returns true when s is empty or only ASCII digits. */
bool text_is_digits(const char *s);

/* Returns a copy of s with ASCII letters lowered (the caller frees it). */
char *text_ascii_lower(const char *s);

#endif
