/*
 * Tests for strbuf: an empty buffer reads as "", appends keep the text
 * NUL-terminated while the buffer grows far past its first allocation, bytes
 * (also a NUL) are kept exactly, printf formats UTF-8 text, detach hands the
 * text over and empties the buffer, reset empties it and keeps its memory,
 * release frees it and the buffer is reusable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/strbuf.h"

static void empty_buffer_reads_as_empty_string(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	assert_null(sb.data);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_release(&sb);
	assert_null(sb.data);
}

static void puts_putc_add_append_in_order(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "报名");
	strbuf_putc(&sb, '-');
	strbuf_add(&sb, "0001xyz", 4);
	strbuf_puts(&sb, "");
	assert_string_equal(strbuf_str(&sb), "报名-0001");
	assert_int_equal(sb.len, strlen("报名-0001"));
	assert_true(sb.cap > sb.len);
	strbuf_release(&sb);
}

static void add_keeps_embedded_nul_and_terminates(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.data, "a\0b", 4);
	assert_int_equal(sb.data[3], '\0');
	strbuf_release(&sb);
}

static void growth_keeps_every_byte_and_the_terminator(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const size_t n = 100000;

	for (size_t i = 0; i < n; i++) {
		strbuf_putc(&sb, (char)('a' + i % 26));
		assert_int_equal(sb.data[sb.len], '\0');
	}
	assert_int_equal(sb.len, n);
	assert_true(sb.cap >= n + 1);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(sb.data[i], 'a' + i % 26);
	}
	/* A single large append on top of that still fits. */
	char *big = malloc(3 * n);
	memset(big, 'z', 3 * n);
	strbuf_add(&sb, big, 3 * n);
	assert_int_equal(sb.len, 4 * n);
	assert_true(sb.cap >= 4 * n + 1);
	assert_int_equal(sb.data[4 * n - 1], 'z');
	assert_int_equal(sb.data[4 * n], '\0');
	free(big);
	strbuf_release(&sb);
}

static void printf_formats_and_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, ">");
	strbuf_printf(&sb, "第 %d 行“%s”%s", 12, "姓名", "");
	strbuf_printf(&sb, " %05.1f|%-3s|%zu|%ld", 3.5, "x", (size_t)7, -42L);
	assert_string_equal(strbuf_str(&sb), ">第 12 行“姓名” 003.5|x  |7|-42");
	strbuf_release(&sb);
}

static void add_long_writes_what_printf_would(void **state)
{
	const long values[] = {0, 7, -7, 10, 1500, -1700, 99999, 100000, LONG_MAX, LONG_MIN};
	char want[32];

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_puts(&sb, "n=");
		strbuf_add_long(&sb, values[i]);
		snprintf(want, sizeof(want), "n=%ld", values[i]);
		assert_string_equal(strbuf_str(&sb), want);
		strbuf_release(&sb);
	}
}

static void printf_longer_than_any_small_buffer(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *wide = malloc(5001);

	memset(wide, 'w', 5000);
	wide[5000] = '\0';
	strbuf_printf(&sb, "[%s]", wide);
	assert_int_equal(sb.len, 5002);
	assert_int_equal(sb.data[0], '[');
	assert_int_equal(sb.data[5001], ']');
	free(wide);
	strbuf_release(&sb);
}

static void detach_hands_over_text_and_empties_buffer(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	strbuf_puts(&sb, "张三");
	s = strbuf_detach(&sb);
	assert_string_equal(s, "张三");
	assert_null(sb.data);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	assert_string_equal(strbuf_str(&sb), "");
	/* The buffer is reusable and does not share memory with the detached text. */
	strbuf_puts(&sb, "李四");
	assert_string_equal(s, "张三");
	assert_string_equal(strbuf_str(&sb), "李四");
	free(s);
	strbuf_release(&sb);
}

static void detach_of_empty_buffer_is_freeable_empty_string(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s = strbuf_detach(&sb);

	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void reset_empties_and_keeps_the_memory(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_reset(&sb); /* nothing to keep yet */
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_puts(&sb, "第一段 first part");
	char *data = sb.data;
	size_t cap = sb.cap;
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_ptr_equal(sb.data, data);
	assert_int_equal(sb.cap, cap);
	strbuf_puts(&sb, "next");
	assert_string_equal(strbuf_str(&sb), "next");
	strbuf_release(&sb);
}

static void release_empties_and_buffer_is_reusable(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "first");
	strbuf_release(&sb);
	assert_null(sb.data);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_puts(&sb, "second");
	assert_string_equal(strbuf_str(&sb), "second");
	strbuf_release(&sb);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(empty_buffer_reads_as_empty_string),
	    cmocka_unit_test(puts_putc_add_append_in_order),
	    cmocka_unit_test(add_keeps_embedded_nul_and_terminates),
	    cmocka_unit_test(growth_keeps_every_byte_and_the_terminator),
	    cmocka_unit_test(printf_formats_and_appends),
	    cmocka_unit_test(add_long_writes_what_printf_would),
	    cmocka_unit_test(printf_longer_than_any_small_buffer),
	    cmocka_unit_test(detach_hands_over_text_and_empties_buffer),
	    cmocka_unit_test(detach_of_empty_buffer_is_freeable_empty_string),
	    cmocka_unit_test(reset_empties_and_keeps_the_memory),
	    cmocka_unit_test(release_empties_and_buffer_is_reusable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
