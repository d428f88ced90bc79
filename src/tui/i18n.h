/*
 * i18n: every string the desk screen shows goes through _() (gettext), with
 * the Chinese text as the message id: the desk speaks Chinese unless a
 * catalogue for the locale's language says otherwise (po/en.po for LANG=en*).
 * The catalogue is bound by say_start (frontdesk/say.h), the one mechanism of
 * every layer: what the actions return is already in the screen's language.
 */
#ifndef FRONTDESK_TUI_I18N_H
#define FRONTDESK_TUI_I18N_H

#include <libintl.h>

#include "frontdesk/say.h" /* N_(), and say() for messages with arguments */

#define _(text) gettext(text)

#endif
