/*
 * ticket owns the 22-digit check-in code: its layout, its check digits and its
 * secret (DESIGN section 3, "Tickets").
 *
 * Why MOD 97-10 computed digit by digit: a 22-digit number does not fit in 64
 * bits, and Horner's rule keeps every intermediate below 97 * 10 + 9, so no
 * big-integer arithmetic is needed. Because 97 is prime and larger than any
 * digit difference, changing one digit (a difference of d * 10^k) or swapping
 * two adjacent different digits (a difference of (a - b) * 9 * 10^k) can never
 * leave the remainder unchanged: every such typo is caught here, before the
 * database is asked.
 *
 * Why parsing compares the check digits with the computed ones instead of only
 * testing "number mod 97 == 1": for a few prefixes the endings 00, 01 and 99
 * also give remainder 1, but we never print them; accepting exactly what
 * ticket_format writes keeps one spelling per ticket.
 *
 * Why the secret uses libsodium: randombytes_uniform draws from the OS RNG
 * without modulo bias, and sodium_memcmp compares without an early exit, so the
 * time a wrong guess takes says nothing about how many digits were right.
 */
#include "frontdesk/ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "frontdesk/say.h"

#define TICKET_BODY_LEN  (TICKET_EVENT_LEN + TICKET_SEQ_LEN + TICKET_SECRET_LEN)
#define TICKET_CHECK_LEN (TICKET_CODE_LEN - TICKET_BODY_LEN)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Separators a person or a printed ticket may put between the digits. */
static bool is_separator(char c)
{
	return c == ' ' || c == '-';
}

/* True when s is exactly n ASCII digits followed by NUL. */
static bool all_digits(const char *s, size_t n)
{
	if (s == NULL) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i])) {
			return false;
		}
	}
	return s[n] == '\0';
}

/*
 * Copies the digits of text into out[TICKET_CODE_LEN + 1], skipping separators.
 * Returns false on any other character or when there are not exactly 22 digits;
 * it stops reading at the 23rd digit so any input length is safe.
 */
static bool collect_digits(const char *text, char out[TICKET_CODE_LEN + 1])
{
	size_t n = 0;

	if (text == NULL) {
		return false;
	}
	for (const char *p = text; *p != '\0'; p++) {
		if (is_separator(*p)) {
			continue;
		}
		if (!is_digit(*p) || n == TICKET_CODE_LEN) {
			return false;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == TICKET_CODE_LEN;
}

int ticket_check_digits(const char digits[20])
{
	int r = 0;

	for (size_t i = 0; i < TICKET_BODY_LEN; i++) {
		if (!is_digit(digits[i])) {
			return -1;
		}
		r = (r * 10 + (digits[i] - '0')) % 97;
	}
	/* Appending two zero digits multiplies by 100. */
	r = (r * 100) % 97;
	return 98 - r;
}

static void put_number(char *out, long value, size_t width)
{
	for (size_t i = width; i > 0; i--) {
		out[i - 1] = (char)('0' + value % 10);
		value /= 10;
	}
}

bool ticket_format(const char *event, long sequence, const char *secret,
                   char out[TICKET_CODE_LEN + 1])
{
	char body[TICKET_BODY_LEN];
	int check;

	if (!all_digits(event, TICKET_EVENT_LEN) || sequence < 0 || sequence > TICKET_SEQ_MAX ||
	    !all_digits(secret, TICKET_SECRET_LEN)) {
		return false;
	}
	memcpy(body, event, TICKET_EVENT_LEN);
	put_number(body + TICKET_EVENT_LEN, sequence, TICKET_SEQ_LEN);
	memcpy(body + TICKET_EVENT_LEN + TICKET_SEQ_LEN, secret, TICKET_SECRET_LEN);
	check = ticket_check_digits(body);

	memcpy(out, body, TICKET_BODY_LEN);
	put_number(out + TICKET_BODY_LEN, check, TICKET_CHECK_LEN);
	out[TICKET_CODE_LEN] = '\0';
	return true;
}

enum ticket_status ticket_parse(const char *text, struct ticket *out)
{
	char code[TICKET_CODE_LEN + 1];
	const char *check_text = code + TICKET_BODY_LEN;
	long sequence = 0;

	if (!collect_digits(text, code)) {
		return TICKET_BAD_FORM;
	}
	if (ticket_check_digits(code) != (check_text[0] - '0') * 10 + (check_text[1] - '0')) {
		return TICKET_BAD_CHECK;
	}
	for (size_t i = 0; i < TICKET_SEQ_LEN; i++) {
		sequence = sequence * 10 + (code[TICKET_EVENT_LEN + i] - '0');
	}
	memcpy(out->event, code, TICKET_EVENT_LEN);
	out->event[TICKET_EVENT_LEN] = '\0';
	out->sequence = sequence;
	memcpy(out->secret, code + TICKET_EVENT_LEN + TICKET_SEQ_LEN, TICKET_SECRET_LEN);
	out->secret[TICKET_SECRET_LEN] = '\0';
	return TICKET_OK;
}

bool ticket_looks_like_code(const char *text)
{
	char code[TICKET_CODE_LEN + 1];

	return collect_digits(text, code);
}

/*
 * Only the form check may leave early: it depends on the length and the
 * character classes, which are public, never on the secret digits themselves.
 */
bool ticket_secret_equal(const char *a, const char *b)
{
	if (!all_digits(a, TICKET_SECRET_LEN) || !all_digits(b, TICKET_SECRET_LEN)) {
		return false;
	}
	return sodium_memcmp(a, b, TICKET_SECRET_LEN) == 0;
}

/*
 * sodium_init is idempotent and thread-safe, so it is simply called every time
 * rather than guarded by a flag of our own. A desk that cannot reach the OS RNG
 * must not invent predictable secrets, so that failure aborts, like running out
 * of memory does.
 */
void ticket_secret_new(char out[TICKET_SECRET_LEN + 1])
{
	if (sodium_init() < 0) {
		char *said = say_text("无法初始化随机数");
		fprintf(stderr, "frontdesk: %s\n", said);
		free(said);
		abort();
	}
	/*
	 * Digits are drawn from a pool refilled from the OS 4 KiB at a time (an
	 * import of 100k rows made a million getrandom calls with one per digit).
	 * Bytes of 250 and above are dropped so that every digit stays exactly
	 * uniform (250 is the largest multiple of 10 not above 256); used bytes
	 * are wiped so no secret lingers in the pool.
	 */
	/* not thread-safe: only import makes secrets, on the main thread */
	static unsigned char pool[4096];
	static size_t used = sizeof(pool);
	size_t n = 0;

	while (n < TICKET_SECRET_LEN) {
		if (used == sizeof(pool)) {
			randombytes_buf(pool, sizeof(pool));
			used = 0;
		}
		unsigned char byte = pool[used];
		pool[used++] = 0;
		if (byte < 250) {
			out[n++] = (char)('0' + byte % 10);
		}
	}
	out[TICKET_SECRET_LEN] = '\0';
}

/*
 * Groups of four read aloud and typed back with fewer slips. Reads at most 22
 * characters of code, so a longer string is cut rather than overflowing out.
 */
void ticket_group(const char *code, char out[TICKET_GROUPED_LEN + 1])
{
	size_t o = 0;

	for (size_t i = 0; i < TICKET_CODE_LEN && code[i] != '\0'; i++) {
		if (i > 0 && i % 4 == 0) {
			out[o++] = ' ';
		}
		out[o++] = code[i];
	}
	out[o] = '\0';
}
