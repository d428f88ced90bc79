/*
 * normalise: one spelling for text that arrives from outside (organisers'
 * files, event.ini, what is typed or scanned at the desk), so that what a
 * person cannot see cannot make two people of one or hide one from a search.
 *
 * Two kinds of text:
 *   NORMALISE_KEY  codes, reg_no, phones, amounts, dates, enumerated cells,
 *                  headers, names and desk queries: full-width ASCII
 *                  (U+FF01-U+FF5E, what Chinese input methods type in
 *                  full-width mode) becomes ASCII, U+3000 becomes a space,
 *                  invisible characters are removed, runs of spaces become
 *                  one, spaces between two CJK characters (张　三, a name
 *                  padded to three characters) and at either end go.
 *   NORMALISE_TEXT free text (organisation, position, notes, hotels): only the
 *                  invisible characters are removed and surrounding spaces
 *                  (ASCII or U+3000) trimmed; Chinese full-width punctuation
 *                  such as （） and ， is kept as written.
 * Invisible characters: zero-width spaces and joiners, LRM/RLM (U+200B-U+200F),
 * bidi embeddings and overrides (U+202A-U+202E), word joiner and invisible
 * operators (U+2060-U+2064), bidi isolates (U+2066-U+2069) and U+FEFF (a BOM
 * that ended up inside the text, e.g. two exports pasted together). Import
 * refuses bidi overrides before normalising (text_has_control); the desk
 * query has nobody to refuse to, so they are removed there.
 *
 * Guarantees, checked by tests/fuzz/fuzz_normalise.c: the output is never
 * longer than the input; normalising twice gives what normalising once gave;
 * text that is not well-formed UTF-8 is returned unchanged, for the caller's
 * validation to refuse as it always did.
 */
#ifndef FRONTDESK_NORMALISE_H
#define FRONTDESK_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum normalise_kind {
	NORMALISE_KEY,
	NORMALISE_TEXT,
};

/*
 * Normalises the NUL-terminated s in place (the result is never longer) and
 * returns its new length.
 */
size_t normalise_in_place(char *s, enum normalise_kind kind);

/* Returns a normalised copy of s (the caller frees it). */
char *normalise(const char *s, enum normalise_kind kind);

/* Returns cp folded as NORMALISE_KEY folds it: U+FF01-U+FF5E to ASCII, U+3000 to ' '. */
uint32_t normalise_fold_char(uint32_t cp);

/* Returns true for the invisible characters listed above, which normalising removes. */
bool normalise_is_invisible(uint32_t cp);

/* Returns true for a CJK ideograph (unified, extensions, compatibility) or 々 〇. */
bool normalise_is_cjk(uint32_t cp);

/*
 * Compares two reg_nos as import and the desk match them: ASCII letters
 * without regard to case (wh2026-0006 is WH2026-0006), everything else byte
 * for byte. Returns <0, 0 or >0 like strcmp.
 */
int normalise_reg_no_compare(const char *a, const char *b);

#endif
