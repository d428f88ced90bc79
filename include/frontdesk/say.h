/*
 * say: the one text mechanism of every layer (issue 12). A message is written
 * once, in Chinese, as a gettext msgid; po/en.po holds its English text. How it
 * comes out depends on a mode the program sets once at start:
 *   SAY_BOTH   (the CLI, and --json "message" fields): "<Chinese> / <English>",
 *              the English from the English catalogue whatever the locale;
 *              the Chinese alone when no catalogue is found.
 *   SAY_SCREEN (the desk screen): one language, the locale's (gettext).
 * Nothing splits a message afterwards: a message is said in its final form.
 */
#ifndef FRONTDESK_SAY_H
#define FRONTDESK_SAY_H

#include <stdarg.h>
#include <stdbool.h>

/* Marks a msgid in a table for the catalogue; say_in() or gettext translates it where shown. */
#define N_(text) (text)

enum say_mode {
	SAY_BOTH,   /* "中文 / English" (the default, so a test sees both) */
	SAY_SCREEN, /* the locale's language only */
};

/*
 * Sets the folder holding <lang>/LC_MESSAGES/frontdesk.mo for the next
 * say_start (copied; NULL for the installed one under the prefix). The command
 * line sets its build tree's folder when it runs uninstalled (src/cli/paths.c).
 */
void say_set_catalogue_dir(const char *dir);

/*
 * Binds the "frontdesk" catalogue (FRONTDESK_LOCALEDIR from the environment,
 * else the folder say_set_catalogue_dir gave, else the installed one under the
 * prefix) and sets the mode. SAY_BOTH selects English for
 * the catalogue lookups of this process (see say.c); SAY_SCREEN undoes that and
 * follows the locale, which the caller has set with setlocale first. Call it
 * before any thread starts.
 */
void say_start(enum say_mode mode);

/* Returns msgid formatted in the mode's language(s) (see above); the caller frees it. */
char *say(const char *msgid, ...) __attribute__((format(printf, 1, 2)));
/* Returns msgid said as it is, for a msgid that is no printf format; the caller frees it. */
char *say_text(const char *msgid);
/* As say with a va_list. */
char *vsay(const char *msgid, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * For a message whose arguments are themselves translated, formatted language
 * by language: say_langs() is how many languages a message is said in (1 or
 * 2), say_in(i, msgid) is msgid's text in language i (the Chinese msgid itself
 * or its translation; borrowed), and say_join(texts) joins the say_langs()
 * formatted texts as say() does and frees them. The caller frees the result.
 */
int say_langs(void);
const char *say_in(int lang, const char *msgid) __attribute__((format_arg(2)));
char *say_join(char *texts[]);

/*
 * True when language lang says the msgids as they are: Chinese, or any
 * language when no catalogue was found. For an argument that is no msgid and
 * differs by language all the same, such as a reason's Chinese text where the
 * English names its code.
 */
bool say_chinese(int lang);

#endif
