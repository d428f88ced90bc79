/*
 * i18n: every string the desk screen shows goes through _() (gettext), with
 * the Chinese text as the message id: the desk speaks Chinese unless a
 * catalogue for the locale's language says otherwise (po/en.po for LANG=en*).
 */
#ifndef FRONTDESK_TUI_I18N_H
#define FRONTDESK_TUI_I18N_H

#include <libintl.h>

#define _(text) gettext(text)
/* Marks a string for the catalogue where it is defined; _() translates it where it is shown. */
#define N_(text) (text)

#endif
