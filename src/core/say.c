/*
 * say owns how a message becomes text: one Chinese msgid, its English in
 * po/en.po, and a process-wide mode (include/frontdesk/say.h).
 *
 * It lives in core because every layer (core's own file checks, store,
 * devices, actions, the CLI and the desk screen) says messages and every layer
 * links core; it needs no SQLite and no curses, only libc's gettext, which
 * reads the catalogue itself.
 *
 * English whatever the locale, in both mode: glibc's gettext follows the
 * LANGUAGE variable unless LC_MESSAGES is "C" or "POSIX", so both mode sets
 * LC_MESSAGES to "C.UTF-8" (always present, and untranslated for everything
 * else: strerror stays English, as in the CLI's "C" locale) and LANGUAGE=en
 * for this process, once, before any thread runs. Switching a process to
 * screen mode (the desk opened from the CLI) puts the user's LANGUAGE back.
 */
#include "frontdesk/say.h"

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/xmalloc.h"

#define DOMAIN "frontdesk"

static enum say_mode mode = SAY_BOTH;
static bool started;
static bool english_chosen; /* LANGUAGE=en is ours (both mode) */
static char *user_language; /* LANGUAGE before both mode set it, or NULL */

static char *catalogue_dir; /* say_set_catalogue_dir, or NULL for the installed one */

void say_set_catalogue_dir(const char *dir)
{
	free(catalogue_dir);
	catalogue_dir = dir ? xstrdup(dir) : NULL;
}

static void bind_catalogue(void)
{
	const char *dir = getenv("FRONTDESK_LOCALEDIR");

	if (dir == NULL || dir[0] == '\0') {
		dir = catalogue_dir ? catalogue_dir : FRONTDESK_LOCALEDIR;
	}
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

static void choose_english(void)
{
	if (!english_chosen) {
		const char *was = getenv("LANGUAGE");
		free(user_language);
		user_language = was ? xstrdup(was) : NULL;
		english_chosen = true;
	}
	setenv("LANGUAGE", "en", 1);
	/* also flushes gettext's cache of looked-up messages */
	setlocale(LC_MESSAGES, "C.UTF-8");
}

static void follow_locale(void)
{
	if (english_chosen) {
		if (user_language) {
			setenv("LANGUAGE", user_language, 1);
		} else {
			unsetenv("LANGUAGE");
		}
		english_chosen = false;
	}
	/* the caller chose the locale; setting it again flushes gettext's cache */
	setlocale(LC_MESSAGES, setlocale(LC_MESSAGES, NULL));
}

void say_start(enum say_mode m)
{
	started = true;
	mode = m;
	bind_catalogue();
	if (m == SAY_BOTH) {
		choose_english();
	} else {
		follow_locale();
	}
}

/*
 * A program that never called say_start (a unit test) gets both mode with the
 * build's catalogue on first use, as the CLI has it: what it checks is what
 * the CLI prints.
 */
static void start_once(void)
{
	if (!started) {
		say_start(SAY_BOTH);
	}
}

int say_langs(void)
{
	start_once();
	return mode == SAY_BOTH ? 2 : 1;
}

const char *say_in(int lang, const char *msgid)
{
	start_once();
	if (mode == SAY_BOTH && lang == 0) {
		return msgid; /* the Chinese is the msgid itself */
	}
	return dgettext(DOMAIN, msgid);
}

/* A catalogue found has a header, the translation of the empty msgid. */
static bool catalogue_found(void)
{
	static const char header[] = ""; /* a variable: xgettext would warn about "" */

	return dgettext(DOMAIN, header)[0] != '\0';
}

bool say_chinese(int lang)
{
	start_once();
	if (mode == SAY_BOTH && lang == 0) {
		return true;
	}
	return !catalogue_found();
}

char *say_join(char *texts[])
{
	if (say_langs() == 1) {
		return texts[0];
	}
	/* no English catalogue: the English text is the Chinese one, said once */
	if (strcmp(texts[0], texts[1]) == 0) {
		free(texts[1]);
		return texts[0];
	}
	char *both = xasprintf("%s / %s", texts[0], texts[1]);
	free(texts[0]);
	free(texts[1]);
	return both;
}

char *say_text(const char *msgid)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = xstrdup(say_in(i, msgid));
	}
	return say_join(texts);
}

char *vsay(const char *msgid, va_list ap)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		va_list copy;
		va_copy(copy, ap);
		texts[i] = xvasprintf(say_in(i, msgid), copy);
		va_end(copy);
	}
	return say_join(texts);
}

char *say(const char *msgid, ...)
{
	va_list ap;

	va_start(ap, msgid);
	char *text = vsay(msgid, ap);
	va_end(ap);
	return text;
}
