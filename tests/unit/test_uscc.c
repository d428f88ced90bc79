/*
 * Tests for uscc: the unified social credit code of GB 32100-2015. The valid
 * codes are real published ones (the standard's own worked example and codes
 * of registered organisations, as collected in python-stdnum's tests), not
 * made with the function under test; two of them have the check value 31
 * written as 0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "frontdesk/uscc.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const real_codes[] = {
    "91350100M000100Y43", /* GB 32100-2015's worked example: sum 1640, mod 31 = 28, check 3 */
    "91110000600037341L", "121200004013590816", "9144030071526726XG", "91310115MA1K3BTP2B",
    "91340600MA2PBP2120", "91620105L015101280", "92340602MA2PBMEM24", "913101127033980359",
};

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static void expect_fault(const char *text, enum uscc_fault fault, size_t length, size_t position)
{
	char code[USCC_LENGTH + 1] = "junk";
	struct uscc_problem why;

	assert_false(uscc_check(text, code, &why));
	assert_int_equal(why.fault, fault);
	assert_string_equal(code, "");
	if (fault == USCC_WRONG_LENGTH) {
		assert_int_equal(why.length, length);
	}
	if (fault == USCC_BAD_CHARACTER) {
		assert_int_equal(why.position, position);
	}
}

static void real_codes_are_valid_and_kept_as_they_are(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(real_codes); i++) {
		char code[USCC_LENGTH + 1];
		struct uscc_problem why;
		assert_true(uscc_check(real_codes[i], code, &why));
		assert_int_equal(why.fault, USCC_OK);
		assert_string_equal(code, real_codes[i]);
		assert_int_equal(uscc_check_character(real_codes[i]), real_codes[i][17]);
	}
}

static void the_standards_example_with_z_is_refused(void **state)
{
	(void)state;
	/* the standard shows 91350100M000100Y4Z failing: Z is not even a code character */
	assert_int_equal(uscc_check_character("91350100M000100Y4"), '3');
	expect_fault("91350100M000100Y4Z", USCC_BAD_CHARACTER, 0, 18);
}

static void typing_forms_fold_to_the_canonical_code(void **state)
{
	static const char *const typed[] = {
	    "91110000600037341l",
	    "  9111 0000 6000 3734 1L ",
	    "91-110000-600037341L",
	    "\xef\xbc\x99\xef\xbc\x91\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90"
	    "\xef\xbc\x90\xef\xbc\x96\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90\xef\xbc\x93\xef\xbc\x97"
	    "\xef\xbc\x93\xef\xbc\x94\xef\xbc\x91\xef\xbd\x8c", /* fullwidth, the l in lower case */
	    "9111\xe3\x80\x80"
	    "0000600037341L", /* ideographic space */
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(typed); i++) {
		char code[USCC_LENGTH + 1];
		assert_true(uscc_check(typed[i], code, NULL));
		assert_string_equal(code, "91110000600037341L");
	}
}

static void a_wrong_check_character_is_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(real_codes); i++) {
		char text[USCC_LENGTH + 1];
		for (const char *c = alphabet; *c != '\0'; c++) {
			if (*c == real_codes[i][17]) {
				continue;
			}
			memcpy(text, real_codes[i], sizeof(text));
			text[17] = *c;
			expect_fault(text, USCC_BAD_CHECK, 0, 0);
		}
	}
	expect_fault("91110000600037341N", USCC_BAD_CHECK, 0, 0);
}

/* Any one character mistyped is caught: 31 is prime and no weight is 0 mod 31. */
static void every_single_substitution_is_caught(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(real_codes); i++) {
		for (size_t at = 0; at < USCC_LENGTH - 1; at++) {
			for (const char *c = alphabet; *c != '\0'; c++) {
				char text[USCC_LENGTH + 1];
				memcpy(text, real_codes[i], sizeof(text));
				if (*c == text[at] ||
				    (at >= 2 && at < 8 && (*c < '0' || *c > '9'))) {
					continue;
				}
				text[at] = *c;
				expect_fault(text, USCC_BAD_CHECK, 0, 0);
			}
		}
	}
}

static void each_forbidden_letter_is_a_bad_character(void **state)
{
	static const char forbidden[] = "IOSVZioszv";
	(void)state;
	for (const char *c = forbidden; *c != '\0'; c++) {
		char text[USCC_LENGTH + 1];
		memcpy(text, "91310115MA1K3BTP2B", sizeof(text));
		text[9] = *c; /* in the organisation's identifier */
		expect_fault(text, USCC_BAD_CHARACTER, 0, 10);
		memcpy(text, "91310115MA1K3BTP2B", sizeof(text));
		text[0] = *c; /* the registration authority */
		expect_fault(text, USCC_BAD_CHARACTER, 0, 1);
		text[17] = *c; /* the first bad one is named */
		expect_fault(text, USCC_BAD_CHARACTER, 0, 1);
	}
}

static void other_characters_are_bad_characters(void **state)
{
	(void)state;
	/* the administrative division code, positions 3 to 8, is digits */
	expect_fault("91A10000600037341L", USCC_BAD_CHARACTER, 0, 3);
	expect_fault("9111000M600037341L", USCC_BAD_CHARACTER, 0, 8);
	expect_fault("9111000060003734*L", USCC_BAD_CHARACTER, 0, 17);
	expect_fault("91110000600037341\xe4\xb8\xad", USCC_BAD_CHARACTER, 0, 18); /* 中 */
	expect_fault("911100006000373\xff"
	             "1L",
	             USCC_BAD_CHARACTER, 0, 16); /* not UTF-8 */
	expect_fault("9111000060003734\t1", USCC_BAD_CHARACTER, 0, 17);
}

static void wrong_lengths_and_empty_are_refused(void **state)
{
	(void)state;
	expect_fault("91110000600037341", USCC_WRONG_LENGTH, 17, 0);
	expect_fault("91110000600037341LL", USCC_WRONG_LENGTH, 19, 0);
	expect_fault("911100006000373410000000000000000000000000", USCC_WRONG_LENGTH, 42, 0);
	expect_fault("0000000000", USCC_WRONG_LENGTH, 10, 0); /* an old organisation code */
	expect_fault("", USCC_WRONG_LENGTH, 0, 0);
	expect_fault("   ", USCC_WRONG_LENGTH, 0, 0);
	expect_fault(NULL, USCC_WRONG_LENGTH, 0, 0);
	/* 湖北省图书馆: a title typed into the number's field */
	expect_fault("\xe6\xb9\x96\xe5\x8c\x97\xe7\x9c\x81\xe5\x9b\xbe\xe4\xb9\xa6\xe9\xa6\x86",
	             USCC_WRONG_LENGTH, 6, 0);
}

static void the_check_character_needs_code_characters(void **state)
{
	(void)state;
	assert_int_equal(uscc_check_character("91110000600037341"), 'L');
	assert_int_equal(uscc_check_character("9111000060003734I"), '\0');
	assert_int_equal(uscc_check_character("9111000060003734a"), '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(real_codes_are_valid_and_kept_as_they_are),
	    cmocka_unit_test(the_standards_example_with_z_is_refused),
	    cmocka_unit_test(typing_forms_fold_to_the_canonical_code),
	    cmocka_unit_test(a_wrong_check_character_is_refused),
	    cmocka_unit_test(every_single_substitution_is_caught),
	    cmocka_unit_test(each_forbidden_letter_is_a_bad_character),
	    cmocka_unit_test(other_characters_are_bad_characters),
	    cmocka_unit_test(wrong_lengths_and_empty_are_refused),
	    cmocka_unit_test(the_check_character_needs_code_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
