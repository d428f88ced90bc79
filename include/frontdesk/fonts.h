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

/*
 * From this call on, text asked for in bold is drawn in the family's regular
 * face, emboldened by FreeType. Cairo's PDF backend copies the whole CFF table
 * of every face it embeds (16 MiB for each Noto CJK face) and touches every
 * page of it in the mapped font file: a badge with a bold name needed two such
 * faces and peaked at over 100 MiB. An emboldened face is subset from the
 * glyphs drawn. Idempotent and thread-safe; call before the first pango layout.
 */
void fonts_bold_from_regular(void);

#endif
