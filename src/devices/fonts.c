/*
 * fonts: the doctor's question to fontconfig (fonts.h). A match is always
 * returned, so the answer is whether the matched font's languages include
 * Simplified Chinese, not whether a match exists.
 */
#include "frontdesk/fonts.h"

#include <fontconfig/fontconfig.h>
#include <stddef.h>

#include "frontdesk/xmalloc.h"

bool fonts_cover_chinese(const char *family, char **found)
{
	FcPattern *want = FcNameParse((const FcChar8 *)family);
	FcResult result = FcResultNoMatch;
	bool covers = false;

	*found = NULL;
	if (want == NULL) {
		return false;
	}
	FcPatternAddString(want, FC_LANG, (const FcChar8 *)"zh-cn");
	FcConfigSubstitute(NULL, want, FcMatchPattern);
	FcDefaultSubstitute(want);
	FcPattern *match = FcFontMatch(NULL, want, &result);
	if (match != NULL) {
		FcChar8 *name = NULL;
		FcLangSet *langs = NULL;
		if (FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch) {
			*found = xstrdup((const char *)name);
		}
		covers = FcPatternGetLangSet(match, FC_LANG, 0, &langs) == FcResultMatch &&
		         FcLangSetHasLang(langs, (const FcChar8 *)"zh-cn") != FcLangDifferentLang;
		FcPatternDestroy(match);
	}
	FcPatternDestroy(want);
	return covers;
}
