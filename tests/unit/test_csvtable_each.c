/*
 * Tests for csvtable_each, the record-at-a-time parse the roster import uses:
 * each record comes with its line (also after a quoted field spanning lines),
 * an error mid-file stops the records at the line before it, the receiver can
 * stop the parse, a record is handed over before the next one is read, and
 * csvtable_record_dup keeps a record past the parse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/csvtable.h"
#include "frontdesk/strbuf.h"

/* What the receiver saw: each record as "line:field|field", and when to stop. */
struct seen {
	size_t n;
	char *records[16];
	size_t stop_after; /* 0: never stop */
	char *text;        /* the input, for the receiver that edits what is not read yet */
};

static int remember(struct csv_record *record, void *arg)
{
	struct seen *seen = arg;
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "%d:", record->line);
	for (size_t i = 0; i < record->n_fields; i++) {
		strbuf_printf(&sb, i ? "|%s" : "%s", record->fields[i]);
	}
	assert_true(seen->n < sizeof(seen->records) / sizeof(seen->records[0]));
	seen->records[seen->n++] = strbuf_detach(&sb);
	return seen->stop_after != 0 && seen->n == seen->stop_after;
}

static void assert_seen(const struct seen *seen, size_t n, ...)
{
	va_list ap;

	assert_int_equal(seen->n, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(seen->records[i], va_arg(ap, const char *));
	}
	va_end(ap);
}

static void seen_release(struct seen *seen)
{
	for (size_t i = 0; i < seen->n; i++) {
		free(seen->records[i]);
	}
	seen->n = 0;
}

static void records_come_with_their_lines(void **state)
{
	static const char text[] = "h1,h2\n\n a , b \r\n\"x\ny\",z\n\"q\"\"\",\nlast,1";
	struct seen seen = {0};
	char *cause = NULL;
	int line = -1;

	assert_int_equal(csvtable_each(text, strlen(text), remember, &seen, &line, &cause), 0);
	assert_null(cause);
	assert_int_equal(line, 0);
	assert_seen(&seen, 5, "1:h1|h2", "3:a|b", "4:x\ny|z", "6:q\"|", "7:last|1");
	seen_release(&seen);
}

static void quoted_field_spanning_lines_keeps_the_next_line_right(void **state)
{
	static const char text[] = "a,\"one\ntwo\r\nthree\"\nb,c\n";
	struct seen seen = {0};

	assert_int_equal(csvtable_each(text, strlen(text), remember, &seen, NULL, NULL), 0);
	assert_seen(&seen, 2, "1:a|one\ntwo\r\nthree", "4:b|c");
	seen_release(&seen);
}

static void error_mid_file_names_its_line_and_hands_over_nothing_after(void **state)
{
	static const char text[] = "a,b\nc,d\ne\"f,g\nh,i\n";
	struct seen seen = {0};
	char *cause = NULL;
	int line = 0;

	assert_int_equal(csvtable_each(text, strlen(text), remember, &seen, &line, &cause), -1);
	assert_int_equal(line, 3);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "第 3 行"));
	assert_seen(&seen, 2, "1:a|b", "2:c|d");
	free(cause);
	seen_release(&seen);
}

static void unclosed_quote_names_where_it_began(void **state)
{
	static const char text[] = "a,b\nc,\"open\nstill\nopen\n";
	struct seen seen = {0};
	char *cause = NULL;
	int line = 0;

	assert_int_equal(csvtable_each(text, strlen(text), remember, &seen, &line, &cause), -1);
	assert_int_equal(line, 2);
	assert_non_null(strstr(cause, "第 2 行"));
	assert_seen(&seen, 1, "1:a|b");
	free(cause);
	seen_release(&seen);
}

static void receiver_stops_the_parse(void **state)
{
	/* an error after the stop is never reached: the parse ended where it was asked to */
	static const char text[] = "a\nb\nc\"x\nd\n";
	struct seen seen = {.stop_after = 2};
	char *cause = NULL;
	int line = -1;

	assert_int_equal(csvtable_each(text, strlen(text), remember, &seen, &line, &cause), 1);
	assert_null(cause);
	assert_int_equal(line, 0);
	assert_seen(&seen, 2, "1:a", "2:b");
	seen_release(&seen);
}

static void stop_holds_within_one_line(void **state)
{
	/* lone CRs end records inside one physical line, which libcsv reads in one call */
	static const char text[] = "a\rb\rc\n";
	struct seen seen = {.stop_after = 1};

	assert_int_equal(csvtable_each(text, strlen(text), remember, &seen, NULL, NULL), 1);
	assert_seen(&seen, 1, "1:a");
	seen_release(&seen);
}

/*
 * Changes the input of the record after this one while this one is handed
 * over: the next record shows the change only if it had not been read yet.
 */
static int edit_what_follows(struct csv_record *record, void *arg)
{
	struct seen *seen = arg;

	if (seen->n == 0) {
		char *next = strchr(seen->text, '\n') + 1;
		memcpy(next, "later", 5);
	}
	return remember(record, arg);
}

static void a_record_is_handed_over_before_the_next_is_read(void **state)
{
	struct seen seen = {.text = strdup("first,1\nxxxxx,2\nthird,3\n")};

	assert_int_equal(
	    csvtable_each(seen.text, strlen(seen.text), edit_what_follows, &seen, NULL, NULL), 0);
	assert_seen(&seen, 3, "1:first|1", "2:later|2", "3:third|3");
	seen_release(&seen);
	free(seen.text);
}

/* Edits the record's text in place, as the roster normalises its cells. */
static int shout(struct csv_record *record, void *arg)
{
	for (size_t i = 0; i < record->n_fields; i++) {
		for (char *c = record->fields[i]; *c; c++) {
			*c = *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
		}
	}
	return remember(record, arg);
}

static void receiver_may_edit_fields_in_place(void **state)
{
	static const char text[] = "ab,c\nd,ef\n";
	struct seen seen = {0};

	assert_int_equal(csvtable_each(text, strlen(text), shout, &seen, NULL, NULL), 0);
	assert_seen(&seen, 2, "1:AB|C", "2:D|EF");
	assert_string_equal(text, "ab,c\nd,ef\n");
	seen_release(&seen);
}

static void nul_and_bom_as_csvtable_parse(void **state)
{
	static const char nul[] = "a,b\n\0,c\n";
	static const char bom[] = "\xEF\xBB\xBFh\n";
	struct seen seen = {0};
	char *cause = NULL;

	assert_int_equal(csvtable_each(nul, sizeof(nul) - 1, remember, &seen, NULL, &cause), -1);
	assert_non_null(strstr(cause, "NUL"));
	assert_int_equal(seen.n, 0);
	free(cause);
	assert_int_equal(csvtable_each(bom, strlen(bom), remember, &seen, NULL, NULL), 0);
	assert_seen(&seen, 1, "1:h");
	seen_release(&seen);
	assert_int_equal(csvtable_each("", 0, remember, &seen, NULL, NULL), 0);
	assert_int_equal(seen.n, 0);
}

/* Keeps a copy of the first record and checks it once the parse has moved on. */
static int keep_first(struct csv_record *record, void *arg)
{
	struct csv_record **kept = arg;

	if (*kept == NULL) {
		*kept = csvtable_record_dup(record);
	}
	return 0;
}

static void record_dup_outlives_the_parse(void **state)
{
	static const char text[] = "\n\n报名编号,\"a,b\",,x\nsecond,row,of,four\n";
	struct csv_record *kept = NULL;

	assert_int_equal(csvtable_each(text, strlen(text), keep_first, &kept, NULL, NULL), 0);
	assert_non_null(kept);
	assert_int_equal(kept->line, 3);
	assert_int_equal(kept->n_fields, 4);
	assert_string_equal(kept->fields[0], "报名编号");
	assert_string_equal(kept->fields[1], "a,b");
	assert_string_equal(kept->fields[2], "");
	assert_string_equal(kept->fields[3], "x");
	csvtable_record_free(kept);
	csvtable_record_free(NULL);
}

/* Many records through the one reused record buffer, with lines past multi-line fields. */
static int check_numbered(struct csv_record *record, void *arg)
{
	int *expect = arg;

	assert_int_equal(record->line, expect[1]);
	assert_int_equal(strtol(record->fields[0], NULL, 10), expect[0]);
	expect[1] += expect[0] % 100 == 0 ? 2 : 1;
	expect[0]++;
	return 0;
}

static void many_records_keep_count_and_lines(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int expect[2] = {1, 1}; /* next number, its line */

	for (int i = 1; i <= 5000; i++) {
		strbuf_printf(&sb, i % 100 == 0 ? "%d,\"multi\nline\",%0*d\n" : "%d,x,%0*d\n", i,
		              i % 700, 0);
	}
	assert_int_equal(csvtable_each(strbuf_str(&sb), sb.len, check_numbered, expect, NULL, NULL),
	                 0);
	assert_int_equal(expect[0], 5001);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(records_come_with_their_lines),
	    cmocka_unit_test(quoted_field_spanning_lines_keeps_the_next_line_right),
	    cmocka_unit_test(error_mid_file_names_its_line_and_hands_over_nothing_after),
	    cmocka_unit_test(unclosed_quote_names_where_it_began),
	    cmocka_unit_test(receiver_stops_the_parse),
	    cmocka_unit_test(stop_holds_within_one_line),
	    cmocka_unit_test(a_record_is_handed_over_before_the_next_is_read),
	    cmocka_unit_test(receiver_may_edit_fields_in_place),
	    cmocka_unit_test(nul_and_bom_as_csvtable_parse),
	    cmocka_unit_test(record_dup_outlives_the_parse),
	    cmocka_unit_test(many_records_keep_count_and_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
