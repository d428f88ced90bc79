/*
 * fuzz_ticket: libFuzzer target for the ticket code parser (DESIGN section 6).
 * Every scan and every typed query reaches ticket_parse, so it must take any
 * bytes without reading out of bounds, and its answers must agree with each
 * other: a code it accepts has the form of a code, prints back to the same
 * digits, and parses again from its grouped print; only a form error means
 * "not a code". Run it with scripts/fuzz.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/ticket.h"

/* Not assert(): the check must hold in every build type. */
#define REQUIRE(cond)                                                                            \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "fuzz_ticket: %s failed at line %d\n", #cond, __LINE__); \
			abort();                                                                 \
		}                                                                                \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_ticket(const struct ticket *a, const struct ticket *b)
{
	REQUIRE(strcmp(a->event, b->event) == 0);
	REQUIRE(a->sequence == b->sequence);
	REQUIRE(strcmp(a->secret, b->secret) == 0);
}

/* An accepted code prints back to its own digits and parses again, plain and grouped. */
static void check_accepted(const char *text, const struct ticket *t)
{
	char code[TICKET_CODE_LEN + 1], grouped[TICKET_GROUPED_LEN + 1], digits[64];
	struct ticket again;
	size_t n = 0;

	REQUIRE(ticket_format(t->event, t->sequence, t->secret, code));
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9' && n < sizeof(digits) - 1) {
			digits[n++] = *p;
		}
	}
	digits[n] = '\0';
	REQUIRE(strcmp(code, digits) == 0);
	REQUIRE(ticket_parse(code, &again) == TICKET_OK);
	same_ticket(t, &again);
	ticket_group(code, grouped);
	REQUIRE(ticket_parse(grouped, &again) == TICKET_OK);
	same_ticket(t, &again);
	REQUIRE(ticket_secret_equal(t->secret, again.secret));
}

static bool ten_digits(const uint8_t *s)
{
	for (size_t i = 0; i < TICKET_SECRET_LEN; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

/* The constant-time compare agrees with memcmp on two secrets, and refuses non-secrets. */
static void check_secrets(const uint8_t *data)
{
	char a[TICKET_SECRET_LEN + 1], b[TICKET_SECRET_LEN + 1];
	bool want = ten_digits(data) && ten_digits(data + TICKET_SECRET_LEN) &&
	            memcmp(data, data + TICKET_SECRET_LEN, TICKET_SECRET_LEN) == 0;

	memcpy(a, data, TICKET_SECRET_LEN);
	memcpy(b, data + TICKET_SECRET_LEN, TICKET_SECRET_LEN);
	a[TICKET_SECRET_LEN] = b[TICKET_SECRET_LEN] = '\0';
	REQUIRE(ticket_secret_equal(a, b) == want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct ticket t;

	if (text == NULL) {
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	enum ticket_status st = ticket_parse(text, &t);
	REQUIRE(st == TICKET_OK || st == TICKET_BAD_FORM || st == TICKET_BAD_CHECK);
	/* only a form error means "not a code": a typo must be reported as a bad code */
	REQUIRE(ticket_looks_like_code(text) == (st != TICKET_BAD_FORM));
	if (st == TICKET_OK) {
		check_accepted(text, &t);
	}
	if (size >= 2 * TICKET_SECRET_LEN) {
		check_secrets(data);
	}
	free(text);
	return 0;
}
