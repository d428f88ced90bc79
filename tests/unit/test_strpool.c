/*
 * Tests for strpool: copies are equal to their originals and stay put while
 * many more are added (across chunks), long strings (over a chunk, or a large
 * part of one) fit too, and a released pool is reusable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/strpool.h"

static void copies_stay_put_across_chunks(void **state)
{
	struct strpool pool = STRPOOL_INIT;
	enum { N = 20000 };
	char **copies = calloc(N, sizeof(*copies));
	char buf[32];

	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof(buf), "WH2026-%05d", i);
		copies[i] = strpool_dup(&pool, buf);
		assert_ptr_not_equal(copies[i], buf);
	}
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof(buf), "WH2026-%05d", i);
		assert_string_equal(copies[i], buf);
	}
	strpool_release(&pool);
	free(copies);
}

static void empty_and_long_strings(void **state)
{
	struct strpool pool = STRPOOL_INIT;
	size_t sizes[] = {0, 17000, 1, 200000, 5, 64 * 1024, 3};
	char *copies[sizeof(sizes) / sizeof(sizes[0])];
	char *originals[sizeof(sizes) / sizeof(sizes[0])];

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		originals[i] = malloc(sizes[i] + 1);
		memset(originals[i], 'a' + (int)i, sizes[i]);
		originals[i][sizes[i]] = '\0';
		copies[i] = strpool_dup(&pool, originals[i]);
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_string_equal(copies[i], originals[i]);
		free(originals[i]);
	}
	strpool_release(&pool);
}

static void released_pool_is_reusable(void **state)
{
	struct strpool pool = STRPOOL_INIT;

	strpool_release(&pool);
	assert_string_equal(strpool_dup(&pool, "张三"), "张三");
	strpool_release(&pool);
	assert_null(pool.chunks);
	assert_string_equal(strpool_dup(&pool, "李四"), "李四");
	strpool_release(&pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(copies_stay_put_across_chunks),
	    cmocka_unit_test(empty_and_long_strings),
	    cmocka_unit_test(released_pool_is_reusable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
