/*
 * testseam reads the test-only hooks from the environment, and only in a
 * build that defines FRONTDESK_TEST_SEAM (meson -Dtest_seam=true). Without it
 * the getenv calls are preprocessed away, not skipped at run time: a release
 * binary holds no code that could read these variables, which is why every
 * hook lives in this one file and nowhere else (testseam.h lists them).
 */
#include "frontdesk/testseam.h"

#include <stddef.h>

#ifdef FRONTDESK_TEST_SEAM
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The variable when set and not empty; an empty one means "not set". */
static const char *hook(const char *name)
{
	const char *value = getenv(name);

	return value != NULL && value[0] != '\0' ? value : NULL;
}

bool testseam_enabled(void)
{
	return true;
}

const char *testseam_now(void)
{
	return hook("FRONTDESK_NOW");
}

const char *testseam_mounts_path(void)
{
	return hook("FRONTDESK_MOUNTS");
}

const char *testseam_sys_block_path(void)
{
	return hook("FRONTDESK_SYS_BLOCK");
}

/* Digits only: a typo must not quietly become "fail at byte 0". */
bool testseam_export_fail_after(uint64_t *bytes)
{
	const char *value = hook("FRONTDESK_EXPORT_FAIL_AFTER");
	unsigned long long n;

	if (value == NULL || strspn(value, "0123456789") != strlen(value)) {
		return false;
	}
	errno = 0;
	n = strtoull(value, NULL, 10);
	if (errno != 0) {
		return false;
	}
	*bytes = (uint64_t)n;
	return true;
}

const char *testseam_export_pause(void)
{
	return hook("FRONTDESK_EXPORT_PAUSE");
}

bool testseam_verify_stay_cache(void)
{
	const char *value = hook("FRONTDESK_VERIFY_STAY_CACHE");

	return value != NULL && strcmp(value, "1") == 0;
}

/* Any value, as before: the bench sets it to 1. */
bool testseam_exit_after_first_screen(void)
{
	return getenv("FRONTDESK_EXIT_AFTER_FIRST_SCREEN") != NULL;
}

bool testseam_exit_after_figures(void)
{
	const char *v = getenv("FRONTDESK_EXIT_AFTER_FIRST_SCREEN");

	return v != NULL && strcmp(v, "figures") == 0;
}

#else /* a release build: the same answers whatever the environment says */

bool testseam_enabled(void)
{
	return false;
}

const char *testseam_now(void)
{
	return NULL;
}

const char *testseam_mounts_path(void)
{
	return NULL;
}

const char *testseam_sys_block_path(void)
{
	return NULL;
}

bool testseam_export_fail_after(uint64_t *bytes)
{
	(void)bytes;
	return false;
}

const char *testseam_export_pause(void)
{
	return NULL;
}

bool testseam_verify_stay_cache(void)
{
	return false;
}

bool testseam_exit_after_first_screen(void)
{
	return false;
}

bool testseam_exit_after_figures(void)
{
	return false;
}

#endif
