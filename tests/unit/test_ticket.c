/*
 * Tests for ticket: the 22-digit code must catch every single-digit typo and
 * every adjacent transposition, survive the spaces and dashes people type, and
 * its secrets must be random digits compared in constant time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "frontdesk/ticket.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Known answers computed independently with big integers (Python int). */
static const struct {
	const char *event;
	long sequence;
	const char *secret;
	const char *code;
} known[] = {
    {"0000", 0, "0000000000", "0000000000000000000098"},
    {"2026", 1, "0123456789", "2026000001012345678937"},
    {"2026", 99999, "9999999999", "2026099999999999999972"},
    {"2026", 999999, "9999999999", "2026999999999999999921"},
    {"1234", 567890, "1234567890", "1234567890123456789089"},
    {"2026", 123456, "0000000000", "2026123456000000000096"},
};

/* A small deterministic generator, so a failure can be replayed. */
static uint32_t lcg_next(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

static void make_code(uint32_t *state, char code[TICKET_CODE_LEN + 1])
{
	char event[TICKET_EVENT_LEN + 1];
	char secret[TICKET_SECRET_LEN + 1];

	for (size_t i = 0; i < TICKET_EVENT_LEN; i++) {
		event[i] = (char)('0' + lcg_next(state) % 10);
	}
	event[TICKET_EVENT_LEN] = '\0';
	for (size_t i = 0; i < TICKET_SECRET_LEN; i++) {
		secret[i] = (char)('0' + lcg_next(state) % 10);
	}
	secret[TICKET_SECRET_LEN] = '\0';
	assert_true(ticket_format(event, (long)(lcg_next(state) % 1000000u), secret, code));
}

static void format_matches_known_answers(void **state)
{
	char code[TICKET_CODE_LEN + 1];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		assert_true(
		    ticket_format(known[i].event, known[i].sequence, known[i].secret, code));
		assert_string_equal(code, known[i].code);
		assert_int_equal(ticket_check_digits(code),
		                 (code[20] - '0') * 10 + (code[21] - '0'));
	}
}

static void format_parse_round_trip(void **state)
{
	struct ticket t;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		memset(&t, 0x55, sizeof(t));
		assert_int_equal(ticket_parse(known[i].code, &t), TICKET_OK);
		assert_string_equal(t.event, known[i].event);
		assert_int_equal(t.sequence, known[i].sequence);
		assert_string_equal(t.secret, known[i].secret);
	}
}

static void format_rejects_bad_parts(void **state)
{
	static const struct {
		const char *event;
		long sequence;
		const char *secret;
	} bad[] = {
	    {"202", 1, "0123456789"},        {"20261", 1, "0123456789"}, {"20a6", 1, "0123456789"},
	    {"", 1, "0123456789"},           {NULL, 1, "0123456789"},    {"2026", -1, "0123456789"},
	    {"2026", 1000000, "0123456789"}, {"2026", 1, "012345678"},   {"2026", 1, "01234567890"},
	    {"2026", 1, "01234x6789"},       {"2026", 1, NULL},
	};
	char out[TICKET_CODE_LEN + 1];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		memset(out, 'z', sizeof(out));
		assert_false(ticket_format(bad[i].event, bad[i].sequence, bad[i].secret, out));
		for (size_t j = 0; j < sizeof(out); j++) {
			assert_int_equal(out[j], 'z');
		}
	}
}

static void check_digits_need_digits(void **state)
{
	(void)state;
	assert_int_equal(ticket_check_digits("20260000010123456789"), 37);
	assert_int_equal(ticket_check_digits("2026000001012345678x"), -1);
	assert_int_equal(ticket_check_digits("2026 00001012345678 "), -1);
}

static void assert_substitutions_rejected(const char *code)
{
	char typo[TICKET_CODE_LEN + 1];
	struct ticket t;

	for (size_t pos = 0; pos < TICKET_CODE_LEN; pos++) {
		for (char d = '0'; d <= '9'; d++) {
			if (d == code[pos]) {
				continue;
			}
			memcpy(typo, code, sizeof(typo));
			typo[pos] = d;
			assert_int_equal(ticket_parse(typo, &t), TICKET_BAD_CHECK);
		}
	}
}

static void every_single_substitution_is_rejected(void **state)
{
	char code[TICKET_CODE_LEN + 1];
	uint32_t seed = 20260525u;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		assert_substitutions_rejected(known[i].code);
	}
	for (int i = 0; i < 200; i++) {
		make_code(&seed, code);
		assert_substitutions_rejected(code);
	}
}

/* Returns how many swaps were tried, so the test knows it tested something. */
static int assert_transpositions_rejected(const char *code)
{
	char typo[TICKET_CODE_LEN + 1];
	struct ticket t;
	int tried = 0;

	for (size_t pos = 0; pos + 1 < TICKET_CODE_LEN; pos++) {
		if (code[pos] == code[pos + 1]) {
			continue;
		}
		memcpy(typo, code, sizeof(typo));
		typo[pos] = code[pos + 1];
		typo[pos + 1] = code[pos];
		assert_int_equal(ticket_parse(typo, &t), TICKET_BAD_CHECK);
		tried++;
	}
	return tried;
}

static void every_adjacent_transposition_is_rejected(void **state)
{
	char code[TICKET_CODE_LEN + 1];
	uint32_t seed = 42u;
	int tried = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		tried += assert_transpositions_rejected(known[i].code);
	}
	for (int i = 0; i < 500; i++) {
		make_code(&seed, code);
		tried += assert_transpositions_rejected(code);
	}
	assert_true(tried > 5000);
}

/* 2026000006 0000000000 has remainder 0: "01" gives mod 97 == 1 but only "98" is printed. */
static void noncanonical_check_digits_are_rejected(void **state)
{
	struct ticket t;

	(void)state;
	assert_int_equal(ticket_parse("2026000006000000000098", &t), TICKET_OK);
	assert_int_equal(ticket_parse("2026000006000000000001", &t), TICKET_BAD_CHECK);
	assert_int_equal(ticket_parse("2026000039000000000000", &t), TICKET_BAD_CHECK);
	assert_int_equal(ticket_parse("2026000070000000000099", &t), TICKET_BAD_CHECK);
}

static void bad_forms_are_bad_form(void **state)
{
	static const char *const bad[] = {
	    "",
	    "   ",
	    "- -",
	    "202600000101234567893",    /* 21 digits */
	    "20260000010123456789370",  /* 23 digits */
	    "2026000001012345678937 1", /* 23 digits, grouped */
	    "2026000001O12345678937",   /* letter O for zero */
	    "A026000001012345678937",
	    "2026000001012345678937\n", /* the scanner's Enter */
	    "\t2026000001012345678937",
	    "2026_0000_0101_2345_6789_37",
	    "2026.0000.0101.2345.6789.37",
	    ("\xef\xbc\x92"
	     "026000001012345678937"), /* fullwidth 2 (split: \x92 would take the digits) */
	    "20260000010123456789372026000001012345678937",
	};
	struct ticket t;
	struct ticket untouched;

	(void)state;
	memset(&untouched, 0x55, sizeof(untouched));
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		memcpy(&t, &untouched, sizeof(t));
		assert_int_equal(ticket_parse(bad[i], &t), TICKET_BAD_FORM);
		assert_memory_equal(&t, &untouched, sizeof(t));
		assert_false(ticket_looks_like_code(bad[i]));
	}
	assert_int_equal(ticket_parse(NULL, &t), TICKET_BAD_FORM);
	assert_false(ticket_looks_like_code(NULL));
}

static void bad_check_leaves_out_untouched(void **state)
{
	struct ticket t;
	struct ticket untouched;

	(void)state;
	memset(&untouched, 0x55, sizeof(untouched));
	memcpy(&t, &untouched, sizeof(t));
	assert_int_equal(ticket_parse("2026000001012345678938", &t), TICKET_BAD_CHECK);
	assert_memory_equal(&t, &untouched, sizeof(t));
	/* The form is right, so a lookup may still say "typo" rather than "not a code". */
	assert_true(ticket_looks_like_code("2026000001012345678938"));
}

static void group_prints_fours(void **state)
{
	char out[TICKET_GROUPED_LEN + 1];

	(void)state;
	ticket_group("1234567890123456789012", out);
	assert_string_equal(out, "1234 5678 9012 3456 7890 12");
	assert_int_equal(strlen(out), TICKET_GROUPED_LEN);
	ticket_group("2026000001012345678937", out);
	assert_string_equal(out, "2026 0000 0101 2345 6789 37");
	ticket_group("12345", out);
	assert_string_equal(out, "1234 5");
	ticket_group("", out);
	assert_string_equal(out, "");
	/* Never more than 22 digits, whatever it is given. */
	ticket_group("12345678901234567890123456789", out);
	assert_string_equal(out, "1234 5678 9012 3456 7890 12");
}

static void parse_accepts_grouped_input(void **state)
{
	static const char *const typed[] = {
	    "2026 0000 0101 2345 6789 37",     "2026-0000-0101-2345-6789-37",
	    "2026 - 0000 - 0101 2345-6789 37", "  2026000001012345678937  ",
	    "-2026000001012345678937-",        "2 0 2 6 0 0 0 0 0 1 0 1 2 3 4 5 6 7 8 9 3 7",
	};
	char grouped[TICKET_GROUPED_LEN + 1];
	struct ticket t;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(typed); i++) {
		memset(&t, 0, sizeof(t));
		assert_int_equal(ticket_parse(typed[i], &t), TICKET_OK);
		assert_string_equal(t.event, "2026");
		assert_int_equal(t.sequence, 1);
		assert_string_equal(t.secret, "0123456789");
		assert_true(ticket_looks_like_code(typed[i]));
	}
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		ticket_group(known[i].code, grouped);
		assert_int_equal(ticket_parse(grouped, &t), TICKET_OK);
		assert_string_equal(t.secret, known[i].secret);
		assert_int_equal(t.sequence, known[i].sequence);
	}
}

static void secrets_are_ten_random_digits(void **state)
{
	char a[TICKET_SECRET_LEN + 1];
	char b[TICKET_SECRET_LEN + 1];
	int seen[10] = {0};

	(void)state;
	ticket_secret_new(a);
	ticket_secret_new(b);
	assert_int_equal(strlen(a), TICKET_SECRET_LEN);
	assert_int_equal(strlen(b), TICKET_SECRET_LEN);
	/* Equal by chance with probability 1e-10. */
	assert_string_not_equal(a, b);
	for (int i = 0; i < 200; i++) {
		ticket_secret_new(a);
		assert_int_equal(strlen(a), TICKET_SECRET_LEN);
		for (size_t j = 0; j < TICKET_SECRET_LEN; j++) {
			assert_in_range(a[j], '0', '9');
			seen[a[j] - '0']++;
		}
	}
	/* 2000 uniform draws: each digit expected 200 times; 100 is far beyond chance. */
	for (int d = 0; d < 10; d++) {
		assert_in_range(seen[d], 100, 300);
	}
}

static void secret_compare_equal_and_unequal(void **state)
{
	char fresh[TICKET_SECRET_LEN + 1];
	char copy[TICKET_SECRET_LEN + 1];

	(void)state;
	assert_true(ticket_secret_equal("0123456789", "0123456789"));
	assert_false(ticket_secret_equal("0123456789", "0123456788"));
	assert_false(ticket_secret_equal("0123456789", "1123456789"));
	assert_false(ticket_secret_equal("0123456789", "9876543210"));
	/* Both must be ten digits: a prefix or a longer string is not the secret. */
	assert_false(ticket_secret_equal("012345678", "012345678"));
	assert_false(ticket_secret_equal("0123456789", "012345678"));
	assert_false(ticket_secret_equal("0123456789", "01234567890"));
	assert_false(ticket_secret_equal("01234567890", "01234567890"));
	assert_false(ticket_secret_equal("", ""));
	assert_false(ticket_secret_equal("012345678a", "012345678a"));
	assert_false(ticket_secret_equal(NULL, "0123456789"));
	assert_false(ticket_secret_equal("0123456789", NULL));

	ticket_secret_new(fresh);
	memcpy(copy, fresh, sizeof(copy));
	assert_true(ticket_secret_equal(fresh, copy));
	copy[TICKET_SECRET_LEN - 1] = (char)(copy[TICKET_SECRET_LEN - 1] == '0' ? '1' : '0');
	assert_false(ticket_secret_equal(fresh, copy));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(format_matches_known_answers),
	    cmocka_unit_test(format_parse_round_trip),
	    cmocka_unit_test(format_rejects_bad_parts),
	    cmocka_unit_test(check_digits_need_digits),
	    cmocka_unit_test(every_single_substitution_is_rejected),
	    cmocka_unit_test(every_adjacent_transposition_is_rejected),
	    cmocka_unit_test(noncanonical_check_digits_are_rejected),
	    cmocka_unit_test(bad_forms_are_bad_form),
	    cmocka_unit_test(bad_check_leaves_out_untouched),
	    cmocka_unit_test(group_prints_fours),
	    cmocka_unit_test(parse_accepts_grouped_input),
	    cmocka_unit_test(secrets_are_ten_random_digits),
	    cmocka_unit_test(secret_compare_equal_and_unequal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
