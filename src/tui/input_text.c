/*
 * input_text edits a typed line in place. Keys arrive as wide characters
 * (get_wch); the line is kept as UTF-8 and never split inside a character.
 */
#include "input_text.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

void input_append(char *buf, size_t cap, unsigned int ch)
{
	char bytes[8];
	mbstate_t st;
	size_t n, len = strlen(buf);

	memset(&st, 0, sizeof(st));
	n = wcrtomb(bytes, (wchar_t)ch, &st);
	if (n == (size_t)-1 || len + n + 1 > cap) {
		return;
	}
	memcpy(buf + len, bytes, n);
	buf[len + n] = '\0';
}

/* Removes the last UTF-8 character. */
void input_backspace(char *buf)
{
	size_t len = strlen(buf);

	while (len > 0) {
		len--;
		if (((unsigned char)buf[len] & 0xC0) != 0x80) {
			break;
		}
	}
	buf[len] = '\0';
}

bool input_is_enter(int is_key, unsigned int ch)
{
	return is_key ? ch == KEY_ENTER : ch == '\r' || ch == '\n';
}

bool input_is_backspace(int is_key, unsigned int ch)
{
	return is_key ? ch == KEY_BACKSPACE : ch == 127 || ch == 8;
}
