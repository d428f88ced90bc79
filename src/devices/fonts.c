/*
 * fonts: the doctor's question to fontconfig and the badges' bold (fonts.h).
 * A match is always returned, so the answer is whether the matched font's
 * languages include Simplified Chinese, not whether a match exists.
 */
#include "frontdesk/fonts.h"

#include <fontconfig/fontconfig.h>
#include <pthread.h>
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

/*
 * Appended after the system's rules, so it sees the weight pango asked for:
 * any bold request becomes the regular face with embolden set, which
 * cairo-ft draws as a synthetic bold (the same switch fontconfig's own
 * 90-synthetic.conf sets when a family has no bold face).
 */
static const char bold_from_regular_rule[] =
    "<?xml version=\"1.0\"?>"
    "<fontconfig><match target=\"pattern\">"
    "<test name=\"weight\" compare=\"more_eq\"><const>bold</const></test>"
    "<edit name=\"weight\" mode=\"assign\"><const>regular</const></edit>"
    "<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
    "</match></fontconfig>";

static void add_bold_rule(void)
{
	/*
	 * FcInit loads the system's configuration first, so the rule goes last.
	 * Refused, bold comes from the bold face as before: the same badge, only
	 * heavier to make; nothing is said, as a desk screen may be on this
	 * terminal and the staff can do nothing about it.
	 */
	if (FcInit()) {
		FcConfigParseAndLoadFromMemory(FcConfigGetCurrent(),
		                               (const FcChar8 *)bold_from_regular_rule, FcTrue);
	}
}

void fonts_bold_from_regular(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, add_bold_rule);
}
