/*
 * Tests for deskkey, the desk key file's text: what deskkey_format writes
 * deskkey_parse reads back; a file missing a line, with a line twice, a short
 * or non-hex secret, or another format is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/deskkey.h"

static void format_then_parse_round_trips(void **state)
{
	unsigned char pk[CHAIN_PUBLIC_BYTES], sk[CHAIN_SECRET_BYTES];
	struct deskkey k;
	char *cause = NULL;

	(void)state;
	assert_true(chain_keypair(pk, sk));
	char *text = deskkey_format("2605", "B", sk);
	assert_non_null(strstr(text, "\nevent 2605\ndesk B\nsecret "));
	assert_true(deskkey_parse(text, &k, &cause));
	assert_string_equal(k.event, "2605");
	assert_string_equal(k.desk, "B");
	assert_memory_equal(k.secret, sk, CHAIN_SECRET_BYTES);
	assert_true(chain_key_matches(k.secret, pk));
	deskkey_release(&k);
	free(text);
}

static void refuses(const char *text)
{
	struct deskkey k;
	char *cause = NULL;

	assert_false(deskkey_parse(text, &k, &cause));
	assert_non_null(strstr(cause, "desk key file"));
	free(cause);
	deskkey_release(&k);
}

static void damaged_files_are_refused(void **state)
{
	char hex[129];

	(void)state;
	memset(hex, 'a', 128);
	hex[128] = '\0';
	char *good = NULL;
	refuses("");
	refuses("event 2605\ndesk B\n");
	good = malloc(400);
	snprintf(good, 400, "frontdesk-desk-key 1\nevent 2605\ndesk B\nsecret %s\n", hex);
	struct deskkey k;
	char *cause = NULL;
	assert_true(deskkey_parse(good, &k, &cause));
	deskkey_release(&k);
	snprintf(good, 400, "frontdesk-desk-key 2\nevent 2605\ndesk B\nsecret %s\n", hex);
	refuses(good);
	snprintf(good, 400, "frontdesk-desk-key 1\nevent 2605\ndesk B\nsecret %.126s\n", hex);
	refuses(good);
	snprintf(good, 400, "frontdesk-desk-key 1\nevent 2605\ndesk B\nsecret %.127sz\n", hex);
	refuses(good);
	snprintf(good, 400, "frontdesk-desk-key 1\nevent 2605\ndesk B\ndesk C\nsecret %s\n", hex);
	refuses(good);
	snprintf(good, 400, "frontdesk-desk-key 1\nevent 2605\nsecret %s\n", hex);
	refuses(good);
	free(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(format_then_parse_round_trips),
	    cmocka_unit_test(damaged_files_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
