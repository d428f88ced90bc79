/*
 * text: UTF-8 safety for text that came from outside (rosters, scans).
 *
 * Roster text ends up on the desk terminal and in exports; a name holding an
 * escape sequence could repaint the screen or hide a warning. This module
 * decides what counts as a control character and how to show it safely.
 * It also measures display columns for the TUI (DESIGN section 7: one module
 * measures text), so a cut never splits a wide character.
 */
#ifndef FRONTDESK_TEXT_H
#define FRONTDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Returns true when s holds a C0 control (U+0000-U+001F), DEL, a C1 control
 * (U+0080-U+009F), a bidi override (U+202A-U+202E, U+2066-U+2069) or a byte
 * that is not well-formed UTF-8.
 */
bool text_has_control(const char *s);

/* As text_has_control, but the ASCII controls listed in allowed (e.g. "\n\t") are accepted. */
bool text_has_control_except(const char *s, const char *allowed);

/*
 * The one sanitiser every output path uses (terminal, CLI, CSV, workbook,
 * JSON, badge PDF), so stored hostile text never reaches a terminal or a
 * spreadsheet raw. Returns a copy of s (the caller frees it) in which every
 * character that text_has_control would flag, and every bad byte, is
 * replaced by U+FFFD; an escape sequence (ESC or U+009B and what a terminal
 * reads as its parameters, ESC ] ... BEL and the other control strings)
 * becomes one U+FFFD as a whole. Bidi overrides and isolates are controls
 * here, so a name cannot reverse the text after it.
 */
char *text_sanitize(const char *s);

/* As text_sanitize, but a newline is kept (multi-line text: notes, CSV cells, JSON, messages). */
char *text_sanitize_lines(const char *s);

/* Returns a copy of s (the caller frees it) with only malformed UTF-8 bytes replaced by U+FFFD. */
char *text_repair_utf8(const char *s);

/* Returns true when s is empty or only ASCII digits. */
bool text_is_digits(const char *s);

/* Returns a copy of s with ASCII letters lowered (the caller frees it). */
char *text_ascii_lower(const char *s);

/*
 * Decodes the UTF-8 character starting at s (which must not be the terminating
 * NUL) into *cp and returns its length in bytes (1 to 4); returns 0 when the
 * bytes there are not well-formed UTF-8, and the caller then skips one byte.
 * Locale-independent, like everything in this module.
 */
size_t text_decode(const char *s, uint32_t *cp);

/*
 * Returns the display columns of code point cp on a UTF-8 terminal: 2 for East
 * Asian Wide and Fullwidth characters (CJK, Hangul, kana, fullwidth forms,
 * planes 2 and 3, emoji), 0 for combining marks and zero-width format
 * characters, 1 for everything else. Controls and bidi overrides count 1
 * because they are shown as U+FFFD. The table mirrors glibc's C.UTF-8 wcwidth
 * (Unicode 15), which is what ncursesw draws with, without needing a locale.
 */
int text_char_width(uint32_t cp);

/*
 * Returns the display columns of s as text_sanitize shows it: each malformed
 * byte, control and whole escape sequence counts 1 (it is shown as U+FFFD).
 */
int text_width(const char *s);

/*
 * Returns a copy of s (the caller frees it) of at most columns display columns:
 * s itself when it fits, otherwise its longest leading part that leaves room
 * for a trailing "…" (1 column), then "…". A wide character or a UTF-8 sequence
 * is never split; combining marks stay with their base. The copy is sanitized
 * as text_sanitize does (controls and bad bytes become U+FFFD), so its width is
 * exactly what the terminal shows. columns <= 0 gives "".
 */
char *text_cut(const char *s, int columns);

/*
 * Returns a copy of s (the caller frees it) of exactly columns display columns
 * (0 when columns <= 0): text_cut(s, columns) followed by spaces. Where a wide
 * character does not fit in the last column, a space takes its place.
 */
char *text_pad(const char *s, int columns);

#endif
