/*
 * Tests for testseam (src/seam/testseam.c, built twice by tests/unit/meson.build):
 * with the hooks compiled in (on_testseam_*) each function reads its variable,
 * treats an empty one as unset and refuses a fail-after that is not a number;
 * built as a release build has it (testseam_*), every function says "not set"
 * with every variable set, and the store's journal, linked to that copy, keeps
 * the real clock when FRONTDESK_NOW is set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/journal.h"
#include "frontdesk/testseam.h" /* the release copy, under its own names */

/* The same declarations again for the copy with the hooks in (renamed by meson). */
#undef FRONTDESK_TESTSEAM_H
#define testseam_enabled                 on_testseam_enabled
#define testseam_now                     on_testseam_now
#define testseam_mounts_path             on_testseam_mounts_path
#define testseam_sys_block_path          on_testseam_sys_block_path
#define testseam_export_fail_after       on_testseam_export_fail_after
#define testseam_export_pause            on_testseam_export_pause
#define testseam_verify_stay_cache       on_testseam_verify_stay_cache
#define testseam_exit_after_first_screen on_testseam_exit_after_first_screen
#define testseam_exit_after_figures      on_testseam_exit_after_figures
#include "frontdesk/testseam.h"
#undef testseam_enabled
#undef testseam_now
#undef testseam_mounts_path
#undef testseam_sys_block_path
#undef testseam_export_fail_after
#undef testseam_export_pause
#undef testseam_verify_stay_cache
#undef testseam_exit_after_first_screen
#undef testseam_exit_after_figures

#define FAR_PAST "1999-01-02 03:04:05"

static const char *const hooks[] = {
    "FRONTDESK_NOW",
    "FRONTDESK_MOUNTS",
    "FRONTDESK_SYS_BLOCK",
    "FRONTDESK_EXPORT_FAIL_AFTER",
    "FRONTDESK_EXPORT_PAUSE",
    "FRONTDESK_VERIFY_STAY_CACHE",
    "FRONTDESK_EXIT_AFTER_FIRST_SCREEN",
};

static void set_every_hook(void)
{
	setenv("FRONTDESK_NOW", FAR_PAST, 1);
	setenv("FRONTDESK_MOUNTS", "/tmp/mounts", 1);
	setenv("FRONTDESK_SYS_BLOCK", "/tmp/sys", 1);
	setenv("FRONTDESK_EXPORT_FAIL_AFTER", "20000", 1);
	setenv("FRONTDESK_EXPORT_PAUSE", "/tmp/pause", 1);
	setenv("FRONTDESK_VERIFY_STAY_CACHE", "1", 1);
	setenv("FRONTDESK_EXIT_AFTER_FIRST_SCREEN", "1", 1);
}

static int unset_every_hook(void **state)
{
	for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		unsetenv(hooks[i]);
	}
	return 0;
}

static void built_in_seam_reads_every_variable(void **state)
{
	uint64_t bytes = 0;

	assert_true(on_testseam_enabled());
	set_every_hook();
	assert_string_equal(on_testseam_now(), FAR_PAST);
	assert_string_equal(on_testseam_mounts_path(), "/tmp/mounts");
	assert_string_equal(on_testseam_sys_block_path(), "/tmp/sys");
	assert_true(on_testseam_export_fail_after(&bytes));
	assert_int_equal(bytes, 20000);
	assert_string_equal(on_testseam_export_pause(), "/tmp/pause");
	assert_true(on_testseam_verify_stay_cache());
	assert_true(on_testseam_exit_after_first_screen());
	assert_false(on_testseam_exit_after_figures()); /* set to "1", not "figures" */
	setenv("FRONTDESK_EXIT_AFTER_FIRST_SCREEN", "figures", 1);
	assert_true(on_testseam_exit_after_figures());
	assert_false(testseam_exit_after_figures());
}

static void built_in_seam_unset_or_empty_is_not_set(void **state)
{
	uint64_t bytes = 7;

	assert_null(on_testseam_now());
	assert_null(on_testseam_mounts_path());
	assert_null(on_testseam_sys_block_path());
	assert_false(on_testseam_export_fail_after(&bytes));
	assert_null(on_testseam_export_pause());
	assert_false(on_testseam_verify_stay_cache());
	assert_false(on_testseam_exit_after_first_screen());

	setenv("FRONTDESK_NOW", "", 1);
	setenv("FRONTDESK_MOUNTS", "", 1);
	setenv("FRONTDESK_SYS_BLOCK", "", 1);
	setenv("FRONTDESK_EXPORT_FAIL_AFTER", "", 1);
	setenv("FRONTDESK_EXPORT_PAUSE", "", 1);
	setenv("FRONTDESK_VERIFY_STAY_CACHE", "", 1);
	assert_null(on_testseam_now());
	assert_null(on_testseam_mounts_path());
	assert_null(on_testseam_sys_block_path());
	assert_false(on_testseam_export_fail_after(&bytes));
	assert_null(on_testseam_export_pause());
	assert_false(on_testseam_verify_stay_cache());
	assert_int_equal(bytes, 7);
}

static void built_in_seam_refuses_odd_values(void **state)
{
	static const char *const not_numbers[] = {"-1", " 5", "5k", "0x10",
	                                          "99999999999999999999999"};
	uint64_t bytes = 7;

	for (size_t i = 0; i < sizeof(not_numbers) / sizeof(not_numbers[0]); i++) {
		setenv("FRONTDESK_EXPORT_FAIL_AFTER", not_numbers[i], 1);
		assert_false(on_testseam_export_fail_after(&bytes));
	}
	assert_int_equal(bytes, 7);
	setenv("FRONTDESK_EXPORT_FAIL_AFTER", "0", 1);
	assert_true(on_testseam_export_fail_after(&bytes));
	assert_int_equal(bytes, 0);

	setenv("FRONTDESK_VERIFY_STAY_CACHE", "yes", 1);
	assert_false(on_testseam_verify_stay_cache());
}

static void release_seam_ignores_the_environment(void **state)
{
	uint64_t bytes = 7;

	set_every_hook();
	assert_false(testseam_enabled());
	assert_null(testseam_now());
	assert_null(testseam_mounts_path());
	assert_null(testseam_sys_block_path());
	assert_false(testseam_export_fail_after(&bytes));
	assert_int_equal(bytes, 7);
	assert_null(testseam_export_pause());
	assert_false(testseam_verify_stay_cache());
	assert_false(testseam_exit_after_first_screen());
	assert_false(testseam_exit_after_figures());
}

/* The journal of a release build cannot be backdated: it writes the real local time. */
static void release_journal_keeps_the_real_clock(void **state)
{
	char before[32];
	char now[32];
	char after[32];
	time_t t;
	struct tm tm;

	set_every_hook();
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(before, sizeof(before), "%Y-%m-%d %H:%M:%S", &tm);
	journal_now(now);
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(after, sizeof(after), "%Y-%m-%d %H:%M:%S", &tm);

	assert_string_not_equal(now, FAR_PAST);
	assert_true(strcmp(before, now) <= 0);
	assert_true(strcmp(now, after) <= 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(built_in_seam_reads_every_variable, unset_every_hook),
	    cmocka_unit_test_teardown(built_in_seam_unset_or_empty_is_not_set, unset_every_hook),
	    cmocka_unit_test_teardown(built_in_seam_refuses_odd_values, unset_every_hook),
	    cmocka_unit_test_teardown(release_seam_ignores_the_environment, unset_every_hook),
	    cmocka_unit_test_teardown(release_journal_keeps_the_real_clock, unset_every_hook),
	};

	unset_every_hook(NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
