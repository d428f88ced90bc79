/*
 * input_text: editing a line of typed text (the prompt, a dialog's field)
 * and telling the keys that end or edit it, for every page and dialog alike.
 */
#ifndef FRONTDESK_TUI_INPUT_TEXT_H
#define FRONTDESK_TUI_INPUT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Appends the character ch as UTF-8 when it fits in buf (cap bytes with the NUL). */
void input_append(char *buf, size_t cap, unsigned int ch);
/* Removes the last UTF-8 character of buf. */
void input_backspace(char *buf);
/* Returns true for Enter, CR or LF. */
bool input_is_enter(int is_key, unsigned int ch);
/* Returns true for Backspace, DEL or ^H. */
bool input_is_backspace(int is_key, unsigned int ch);

#endif
