/*
 * fonts: whether the badge's font can draw Chinese (issue 19, `doctor`).
 * Pango falls back silently to any font fontconfig offers, so a laptop without
 * a CJK font prints badges of empty boxes; fontconfig answers beforehand.
 */
#ifndef FRONTDESK_FONTS_H
#define FRONTDESK_FONTS_H

#include <stdbool.h>

/*
 * Asks fontconfig for family (e.g. "Noto Sans CJK SC") for Simplified Chinese.
 * Returns true when the font it would use covers Chinese; *found is that
 * font's family either way (the caller frees it; NULL when fontconfig found
 * nothing).
 */
bool fonts_cover_chinese(const char *family, char **found);

#endif
