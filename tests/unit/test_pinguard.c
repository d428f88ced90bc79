/*
 * Tests for pinguard, the supervisor PIN's rules: the PIN is kept as an
 * Argon2id hash that verifies the right PIN and no other, made with 4 MiB
 * (a hash made with libsodium's 64 MiB limits still verifies); wrong PINs are
 * counted, the answer to each waits longer (500, 1000, 2000, 4000 ms), the
 * fifth in a row locks for five minutes (also across midnight), the lock
 * refuses until it runs out, a wrong PIN past a lock locks again at once,
 * the right PIN clears everything, and a clock set back cannot make a lock
 * last longer than five minutes from now. The clock is always passed in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/pinguard.h"

static void hash_verifies_the_pin_and_no_other(void **state)
{
	char *hash = pinguard_hash("2468");
	char *again = pinguard_hash("2468");

	(void)state;
	assert_non_null(hash);
	assert_true(pinguard_is_hash(hash));
	assert_null(strstr(hash, "2468"));
	/* a random salt: the same PIN never gives the same text twice */
	assert_string_not_equal(hash, again);
	assert_true(pinguard_verify(hash, "2468"));
	assert_true(pinguard_verify(again, "2468"));
	assert_false(pinguard_verify(hash, "2469"));
	assert_false(pinguard_verify(hash, "24680"));
	assert_false(pinguard_verify(hash, ""));
	assert_false(pinguard_verify(hash, NULL));
	free(hash);
	free(again);
}

/* The desk verifies the PIN in its own process: 64 MiB there would double its peak. */
static void hash_costs_passes_not_memory(void **state)
{
	char *hash = pinguard_hash("2468");
	char old[crypto_pwhash_STRBYTES];

	(void)state;
	assert_non_null(strstr(hash, "$m=4096,t=64,p=1$"));
	assert_int_equal(crypto_pwhash_str(old, "2468", 4, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                   crypto_pwhash_MEMLIMIT_INTERACTIVE),
	                 0);
	assert_non_null(strstr(old, "$m=65536,"));
	assert_true(pinguard_verify(old, "2468"));
	assert_false(pinguard_verify(old, "2469"));
	free(hash);
}

static void a_plain_pin_is_no_hash(void **state)
{
	(void)state;
	assert_false(pinguard_is_hash("2468"));
	assert_false(pinguard_is_hash(NULL));
	assert_false(pinguard_is_hash("$argon2i$v=19$m=4096,t=3,p=1$x$y"));
	/* a plain PIN stored by an older frontdesk never verifies, not even itself */
	assert_false(pinguard_verify("2468", "2468"));
}

static void delays_double_until_the_lock(void **state)
{
	(void)state;
	assert_int_equal(pinguard_delay_ms(0), 0);
	assert_int_equal(pinguard_delay_ms(1), 500);
	assert_int_equal(pinguard_delay_ms(2), 1000);
	assert_int_equal(pinguard_delay_ms(3), 2000);
	assert_int_equal(pinguard_delay_ms(4), 4000);
	assert_int_equal(pinguard_delay_ms(PINGUARD_MAX_FAILURES), 0);
}

static void fifth_wrong_pin_locks_for_five_minutes(void **state)
{
	struct pinguard g = {0};

	(void)state;
	for (int i = 1; i < PINGUARD_MAX_FAILURES; i++) {
		pinguard_failed(&g, "2026-05-25 13:00:00");
		assert_false(pinguard_locked(&g, "2026-05-25 13:00:00"));
		assert_int_equal(pinguard_attempts_left(&g), PINGUARD_MAX_FAILURES - i);
	}
	pinguard_failed(&g, "2026-05-25 13:00:10");
	assert_string_equal(g.locked_until, "2026-05-25 13:05:10");
	assert_true(pinguard_locked(&g, "2026-05-25 13:00:10"));
	assert_true(pinguard_locked(&g, "2026-05-25 13:05:09"));
	assert_false(pinguard_locked(&g, "2026-05-25 13:05:10"));
	assert_false(pinguard_locked(&g, "2026-05-26 09:00:00"));
}

static void a_wrong_pin_past_a_lock_locks_again_at_once(void **state)
{
	struct pinguard g = {0};

	(void)state;
	for (int i = 0; i < PINGUARD_MAX_FAILURES; i++) {
		pinguard_failed(&g, "2026-05-25 13:00:00");
	}
	assert_false(pinguard_locked(&g, "2026-05-25 13:06:00"));
	assert_int_equal(pinguard_attempts_left(&g), 1);
	pinguard_failed(&g, "2026-05-25 13:06:00");
	assert_true(pinguard_locked(&g, "2026-05-25 13:06:00"));
	assert_string_equal(g.locked_until, "2026-05-25 13:11:00");
}

static void the_right_pin_clears_the_count(void **state)
{
	struct pinguard g = {0};

	(void)state;
	for (int i = 1; i < PINGUARD_MAX_FAILURES; i++) {
		pinguard_failed(&g, "2026-05-25 13:00:00");
	}
	pinguard_passed(&g);
	assert_int_equal(g.failures, 0);
	assert_string_equal(g.locked_until, "");
	assert_int_equal(pinguard_attempts_left(&g), PINGUARD_MAX_FAILURES);
	pinguard_failed(&g, "2026-05-25 13:00:00");
	assert_false(pinguard_locked(&g, "2026-05-25 13:00:00"));
}

static void a_lock_runs_over_midnight(void **state)
{
	struct pinguard g = {.failures = PINGUARD_MAX_FAILURES - 1};

	(void)state;
	pinguard_failed(&g, "2026-05-31 23:58:30");
	assert_string_equal(g.locked_until, "2026-06-01 00:03:30");
	assert_true(pinguard_locked(&g, "2026-06-01 00:00:00"));
}

static void a_clock_set_back_cannot_lengthen_a_lock(void **state)
{
	struct pinguard g = {.failures = PINGUARD_MAX_FAILURES - 1};

	(void)state;
	pinguard_failed(&g, "2026-05-25 18:00:00");
	/* the clock is put back three hours: locked for five minutes from now, no more */
	assert_true(pinguard_locked(&g, "2026-05-25 15:00:00"));
	assert_string_equal(g.locked_until, "2026-05-25 15:05:00");
	assert_false(pinguard_locked(&g, "2026-05-25 15:05:00"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hash_verifies_the_pin_and_no_other),
	    cmocka_unit_test(hash_costs_passes_not_memory),
	    cmocka_unit_test(a_plain_pin_is_no_hash),
	    cmocka_unit_test(delays_double_until_the_lock),
	    cmocka_unit_test(fifth_wrong_pin_locks_for_five_minutes),
	    cmocka_unit_test(a_wrong_pin_past_a_lock_locks_again_at_once),
	    cmocka_unit_test(the_right_pin_clears_the_count),
	    cmocka_unit_test(a_lock_runs_over_midnight),
	    cmocka_unit_test(a_clock_set_back_cannot_lengthen_a_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
