/*
 * ticket: the 22-digit check-in code (DESIGN section 3, "Tickets").
 *
 *   event code (4) + registration sequence (6) + secret (10) + check (2)
 *
 * Digits only, because scanners and Chinese input methods mangle letters. The
 * check digits are ISO 7064 MOD 97-10 over the first 20 digits (as in IBAN:
 * the whole 22-digit number mod 97 equals 1), so any single-digit typo and any
 * adjacent transposition is caught before the database is asked. The secret
 * comes from the OS RNG (libsodium) and is compared in constant time.
 */
#ifndef FRONTDESK_TICKET_H
#define FRONTDESK_TICKET_H

#include <stdbool.h>

#define TICKET_CODE_LEN   22
#define TICKET_EVENT_LEN  4
#define TICKET_SEQ_LEN    6
#define TICKET_SECRET_LEN 10
#define TICKET_SEQ_MAX    999999L
/* "dddd dddd dddd dddd dddd dd": 22 digits and 5 spaces */
#define TICKET_GROUPED_LEN (TICKET_CODE_LEN + 5)

enum ticket_status {
	TICKET_OK,
	TICKET_BAD_FORM,  /* not 22 digits once spaces and dashes are removed */
	TICKET_BAD_CHECK, /* 22 digits but the MOD 97-10 check fails: a typo */
};

struct ticket {
	char event[TICKET_EVENT_LEN + 1];
	long sequence;
	char secret[TICKET_SECRET_LEN + 1];
};

/*
 * Writes the 22-digit code (NUL-terminated) for the given parts into out.
 * Returns false (out untouched) when event is not 4 digits, sequence is outside
 * 0..999999 or secret is not 10 digits.
 */
bool ticket_format(const char *event, long sequence, const char *secret,
                   char out[TICKET_CODE_LEN + 1]);

/*
 * Parses text as a code: spaces and '-' between digits are ignored (codes are
 * printed in groups of four), anything else makes it BAD_FORM. On TICKET_OK
 * fills *out. Says nothing about whether the secret is right: see
 * ticket_secret_equal.
 */
enum ticket_status ticket_parse(const char *text, struct ticket *out);

/* Returns true when text has the form of a code (22 digits after removing separators). */
bool ticket_looks_like_code(const char *text);

/* Returns the two check digits (0..98, printed as two digits) for 20 digits. */
int ticket_check_digits(const char digits[20]);

/* Compares two 10-digit secrets in constant time. */
bool ticket_secret_equal(const char *a, const char *b);

/* Writes a fresh uniformly random 10-digit secret from the OS RNG into out. */
void ticket_secret_new(char out[TICKET_SECRET_LEN + 1]);

/* Writes code in groups of four separated by spaces, for printing under the QR. */
void ticket_group(const char *code, char out[TICKET_GROUPED_LEN + 1]);

#endif
