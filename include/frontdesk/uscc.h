/*
 * uscc: the unified social credit code (统一社会信用代码) of GB 32100-2015,
 * which is the taxpayer number (纳税人识别号) an organisation's e-invoice
 * carries (DESIGN section 3, "Fee": the invoice details of a card payment).
 *
 * A code is 18 characters from the alphabet 0-9 and A-Z without I, O, S, V
 * and Z: registration authority (1), organisation kind (1), the registering
 * office's administrative division code (6 digits), the organisation's
 * identifier (9) and a check character (1) computed from the first 17. A
 * typo on the e-invoice means the attendee cannot claim the fee back, so the
 * desk checks the code when it records the payment, while the form is still
 * in front of it.
 *
 * The staff copy the code from a reimbursement form, often with a Chinese
 * input method on, so uscc_check is lenient about how it is typed and strict
 * about what it is: lower-case letters are taken as upper case, fullwidth
 * letters and digits (Ａ, １) as their ASCII forms, and spaces (ASCII or
 * ideographic) and hyphens are dropped; the canonical form (18 upper-case
 * ASCII characters) is what gets stored. Letters that look like digits (O, I)
 * are refused, never guessed.
 */
#ifndef FRONTDESK_USCC_H
#define FRONTDESK_USCC_H

#include <stdbool.h>
#include <stddef.h>

#define USCC_LENGTH 18

enum uscc_fault {
	USCC_OK,
	USCC_WRONG_LENGTH,  /* not 18 characters once separators are dropped (0: nothing given) */
	USCC_BAD_CHARACTER, /* outside the alphabet, or not a digit in positions 3 to 8 */
	USCC_BAD_CHECK,     /* the 18th character is not the one the first 17 give */
};

/* What is wrong with a code, so the desk can say it. */
struct uscc_problem {
	enum uscc_fault fault;
	size_t length;   /* characters found, separators dropped (USCC_WRONG_LENGTH) */
	size_t position; /* 1-based position of the first bad character (USCC_BAD_CHARACTER) */
};

/*
 * Checks text (UTF-8; NULL counts as empty) as a unified social credit code.
 * Returns true and writes its canonical form to code (NUL-terminated) when it
 * is one; otherwise returns false, leaves code empty and says why in *problem
 * (which may be NULL). Faults are reported in this order: length, then the
 * first bad character, then the check character.
 */
bool uscc_check(const char *text, char code[USCC_LENGTH + 1], struct uscc_problem *problem);

/*
 * Returns the check character GB 32100-2015 gives for the 17 upper-case
 * characters at body: 31 - (sum of value * weight mod 31), 31 counting as 0,
 * written with the code's alphabet. Returns '\0' when one of them is not in
 * the alphabet.
 */
char uscc_check_character(const char *body);

#endif
