/*
 * uscc owns the check of the unified social credit code (GB 32100-2015), the
 * taxpayer number on an organisation's e-invoice. The tables below are the
 * standard's: table 1 (the 31 code characters, whose values are their places
 * here) and table 2 (the weights, 3^(i-1) mod 31). Pure: no I/O, no locale.
 */
#include "frontdesk/uscc.h"

#include <stdint.h>
#include <string.h>

#include "frontdesk/text.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[USCC_LENGTH - 1] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                             29, 25, 13, 8,  24, 10, 30, 28};

/* Returns the value of code character c (its place in the alphabet), or -1. */
static int value_of(char c)
{
	const char *at = c != '\0' ? strchr(alphabet, c) : NULL;

	return at != NULL ? (int)(at - alphabet) : -1;
}

char uscc_check_character(const char *body)
{
	int sum = 0;

	for (size_t i = 0; i < USCC_LENGTH - 1; i++) {
		int v = value_of(body[i]);
		if (v < 0) {
			return '\0';
		}
		sum += v * weights[i];
	}
	return alphabet[(31 - sum % 31) % 31];
}

/*
 * Folds what a Chinese input method types into ASCII: fullwidth forms
 * (U+FF01-FF5E) to their ASCII twins, the ideographic space to a space.
 * Anything else outside ASCII comes back as 0x7f, which no code contains.
 */
static char fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E) {
		cp -= 0xFEE0;
	} else if (cp == 0x3000) {
		cp = ' ';
	}
	if (cp >= 0x80) {
		return 0x7f;
	}
	if (cp >= 'a' && cp <= 'z') {
		cp -= 'a' - 'A';
	}
	return (char)cp;
}

/* Writes the characters of text without separators to out (up to USCC_LENGTH), counts all. */
static size_t compact(const char *text, char out[USCC_LENGTH + 1])
{
	size_t n = 0;

	for (const char *s = text ? text : ""; *s != '\0';) {
		uint32_t cp;
		size_t len = text_decode(s, &cp);
		char c = len > 0 ? fold(cp) : 0x7f;

		s += len > 0 ? len : 1;
		if (c == ' ' || c == '-') {
			continue;
		}
		if (n < USCC_LENGTH) {
			out[n] = c;
		}
		n++;
	}
	out[n < USCC_LENGTH ? n : USCC_LENGTH] = '\0';
	return n;
}

/* Returns the 1-based position of the first character that cannot be where it is, or 0. */
static size_t first_bad_character(const char *code)
{
	for (size_t i = 0; i < USCC_LENGTH; i++) {
		/* positions 3-8: the administrative division code (GB/T 2260), digits only */
		bool digit_only = i >= 2 && i < 8;
		int v = value_of(code[i]);
		if (v < 0 || (digit_only && v > 9)) {
			return i + 1;
		}
	}
	return 0;
}

bool uscc_check(const char *text, char code[USCC_LENGTH + 1], struct uscc_problem *problem)
{
	struct uscc_problem found = {USCC_OK, 0, 0};

	found.length = compact(text, code);
	if (found.length != USCC_LENGTH) {
		found.fault = USCC_WRONG_LENGTH;
	} else if ((found.position = first_bad_character(code)) > 0) {
		found.fault = USCC_BAD_CHARACTER;
	} else if (uscc_check_character(code) != code[USCC_LENGTH - 1]) {
		found.fault = USCC_BAD_CHECK;
	}
	if (found.fault != USCC_OK) {
		code[0] = '\0';
	}
	if (problem != NULL) {
		*problem = found;
	}
	return found.fault == USCC_OK;
}
