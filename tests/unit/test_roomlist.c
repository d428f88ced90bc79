/*
 * Tests for roomlist: rooms.csv with room types in Chinese and English
 * (大床房/双床房, king/twin, any case), optional floor and note, English
 * headers; hotel ranking (the first hotel listed is rank 0 and overflow hotels
 * follow in order of first appearance, or primary_hotel given explicitly comes
 * first, and a primary_hotel with no room is an error); and one named case per
 * problem: duplicate room, unknown type, empty room, missing column, no rooms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "frontdesk/roomlist.h"
#include "frontdesk/strbuf.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define HEAD "酒店,房号,房型,楼层,备注\n"

/* Three hotels, the programme hotel first, then two overflow hotels interleaved. */
#define THREE_HOTELS                                    \
	HEAD "东湖宾馆,801,大床房,8,\n"          \
	     "东湖宾馆,802,双床房,8,近电梯\n" \
	     "汉庭酒店,301,双床房,3,\n"          \
	     "东湖宾馆,803,双床房,8,\n"          \
	     "如家酒店,101,大床房,1,\n"          \
	     "汉庭酒店,302,大床房,3,\n"

static void dump_diags(const struct diag_list *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		print_message("  got: line %d [%s] %s\n", errs->items[i].line,
		              errs->items[i].column ? errs->items[i].column : "(none)",
		              errs->items[i].message);
	}
}

static struct room_list *parse_clean(const char *text, const char *primary)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct room_list *list = roomlist_parse(text, strlen(text), primary, &errs);

	if (errs.n != 0) {
		dump_diags(&errs);
		fail_msg("%zu unexpected problem(s)", errs.n);
	}
	assert_non_null(list);
	return list;
}

/* Parses text expecting exactly one problem, on line and column, mentioning needle. */
static void expect_one(const char *text, const char *primary, int line, const char *column,
                       const char *needle)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct room_list *list = roomlist_parse(text, strlen(text), primary, &errs);

	assert_non_null(list);
	if (errs.n != 1 || errs.items[0].line != line ||
	    (column == NULL
	         ? errs.items[0].column != NULL
	         : errs.items[0].column == NULL || strcmp(errs.items[0].column, column) != 0) ||
	    strstr(errs.items[0].message, needle) == NULL) {
		dump_diags(&errs);
		fail_msg("expected exactly: line %d [%s] \"%s\"", line, column ? column : "(none)",
		         needle);
	}
	diag_list_clear(&errs);
	roomlist_free(list);
}

static void room_fields_are_read(void **state)
{
	struct room_list *list = parse_clean(THREE_HOTELS, NULL);
	const struct room_row *a = &list->rows[0], *b = &list->rows[1];

	assert_int_equal(list->n_rows, 6);
	assert_int_equal(a->line, 2);
	assert_string_equal(a->hotel, "东湖宾馆");
	assert_string_equal(a->room, "801");
	assert_int_equal(a->kind, ROOMKIND_KING);
	assert_string_equal(a->floor, "8");
	assert_null(a->note);
	assert_int_equal(b->line, 3);
	assert_int_equal(b->kind, ROOMKIND_TWIN);
	assert_string_equal(b->note, "近电梯");
	roomlist_free(list);
	roomlist_free(NULL);
}

static void room_types_in_chinese_and_english(void **state)
{
	struct room_list *list = parse_clean("hotel,room,type\n"
	                                     "H,1,大床房\n"
	                                     "H,2,双床房\n"
	                                     "H,3,king\n"
	                                     "H,4,twin\n"
	                                     "H,5,KING\n"
	                                     "H,6,Twin\n",
	                                     NULL);
	const enum room_kind want[] = {ROOMKIND_KING, ROOMKIND_TWIN, ROOMKIND_KING,
	                               ROOMKIND_TWIN, ROOMKIND_KING, ROOMKIND_TWIN};

	assert_int_equal(list->n_rows, ARRAY_LEN(want));
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		assert_int_equal(list->rows[i].kind, want[i]);
		/* floor and note columns are absent */
		assert_null(list->rows[i].floor);
		assert_null(list->rows[i].note);
	}
	roomlist_free(list);
}

static void kind_codes(void **state)
{
	assert_string_equal(roomlist_kind_code(ROOMKIND_KING), "king");
	assert_string_equal(roomlist_kind_code(ROOMKIND_TWIN), "twin");
}

static void first_hotel_listed_is_rank_0_overflow_in_order(void **state)
{
	struct room_list *list = parse_clean(THREE_HOTELS, NULL);
	const int want[] = {0, 0, 1, 0, 2, 1};

	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		assert_int_equal(list->rows[i].hotel_rank, want[i]);
	}
	roomlist_free(list);
}

static void primary_hotel_given_explicitly_comes_first(void **state)
{
	struct room_list *list = parse_clean(THREE_HOTELS, "汉庭酒店");
	/* 汉庭酒店 0, then 东湖宾馆 (first seen) 1, then 如家酒店 2 */
	const int want[] = {1, 1, 0, 1, 2, 0};

	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		assert_int_equal(list->rows[i].hotel_rank, want[i]);
	}
	roomlist_free(list);
	/* Naming the hotel that is listed first anyway changes nothing. */
	list = parse_clean(THREE_HOTELS, "东湖宾馆");
	const int same[] = {0, 0, 1, 0, 2, 1};
	for (size_t i = 0; i < ARRAY_LEN(same); i++) {
		assert_int_equal(list->rows[i].hotel_rank, same[i]);
	}
	roomlist_free(list);
	/* The last hotel listed can be the programme hotel too. */
	list = parse_clean(THREE_HOTELS, "如家酒店");
	const int last[] = {1, 1, 2, 1, 0, 2};
	for (size_t i = 0; i < ARRAY_LEN(last); i++) {
		assert_int_equal(list->rows[i].hotel_rank, last[i]);
	}
	roomlist_free(list);
}

static void primary_hotel_missing_from_file_is_an_error(void **state)
{
	expect_one(THREE_HOTELS, "香格里拉", 0, "primary_hotel", "has no room in rooms.csv");
}

static void same_room_number_in_two_hotels_is_fine(void **state)
{
	struct room_list *list =
	    parse_clean(HEAD "东湖宾馆,801,大床房,,\n汉庭酒店,801,大床房,,\n", NULL);

	assert_int_equal(list->n_rows, 2);
	assert_int_equal(list->rows[1].hotel_rank, 1);
	roomlist_free(list);
}

static void duplicate_room_is_reported_on_later_line(void **state)
{
	expect_one(HEAD "东湖宾馆,801,大床房,,\n东湖宾馆,802,大床房,,\n东湖宾馆,801,双床房,,\n",
	           NULL, 4, "房号", "the same room of the same hotel is listed twice");
}

/*
 * A chain's whole room list, 200,000 rooms in two hotels, with a room listed again at the far
 * end and another three times: each later listing is reported once, in file order. The rooms
 * are checked in one sort, not each against every earlier one: done pair by pair this list
 * takes minutes and the test runner's timeout fails it (scripts/bench times the 63k init).
 */
static void duplicates_in_a_very_long_list_are_reported_in_file_order(void **state)
{
	enum { N = 200000 };
	struct strbuf text = STRBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;

	strbuf_puts(&text, HEAD);
	for (int i = 0; i < N; i++) {
		strbuf_printf(&text, "%s,%d,大床房,,\n", i % 2 ? "汉庭酒店" : "东湖宾馆", i / 2);
	}
	strbuf_puts(&text, "东湖宾馆,0,双床房,,\n汉庭酒店,777,双床房,,\n汉庭酒店,777,大床房,,\n");
	struct room_list *list = roomlist_parse(text.data, text.len, NULL, &errs);

	assert_int_equal(list->n_rows, N + 3);
	assert_int_equal(errs.n, 3);
	for (size_t e = 0; e < errs.n; e++) {
		assert_int_equal(errs.items[e].line, N + 2 + (int)e);
		assert_non_null(strstr(errs.items[e].message, "listed twice"));
	}
	assert_int_equal(list->rows[N + 2].hotel_rank, 1);
	diag_list_clear(&errs);
	roomlist_free(list);
	strbuf_release(&text);
}

static void unknown_room_type_refused(void **state)
{
	expect_one(HEAD "东湖宾馆,801,套房,,\n", NULL, 2, "房型",
	           "expected 大床房 (king) or 双床房 (twin)");
	expect_one(HEAD "东湖宾馆,801,,,\n", NULL, 2, "房型",
	           "expected 大床房 (king) or 双床房 (twin)");
}

static void empty_room_number_refused(void **state)
{
	expect_one(HEAD "东湖宾馆,,大床房,,\n", NULL, 2, "房号", "the hotel or the room is empty");
	expect_one(HEAD ",801,大床房,,\n", NULL, 2, "酒店", "the hotel or the room is empty");
}

static void room_with_control_character_refused(void **state)
{
	expect_one(HEAD "东湖宾馆,8\x1b[2J01,大床房,,\n", NULL, 2, "房号", "control characters");
	/* the column named is the one holding it */
	expect_one(HEAD "东湖宾馆,801,大床房,,\x1b[2J\n", NULL, 2, "备注", "control characters");
	expect_one(HEAD "东湖\xE2\x80\xAE宾馆,801,大床房,,\n", NULL, 2, "酒店",
	           "control characters");
}

/* "８０８" is room 808: the same room twice; the hotel matches event.ini's primary_hotel. */
static void fullwidth_room_numbers_are_folded(void **state)
{
	struct room_list *list = parse_clean(
	    HEAD "东湖宾馆\xE3\x80\x80,８０８,ｋｉｎｇ,８,\n\xE2\x80\x8B东湖宾馆,809,双床房,,\n",
	    "东湖宾馆");

	assert_string_equal(list->rows[0].hotel, "东湖宾馆");
	assert_string_equal(list->rows[0].room, "808");
	assert_string_equal(list->rows[0].floor, "8");
	assert_int_equal(list->rows[0].kind, ROOMKIND_KING);
	assert_int_equal(list->rows[1].hotel_rank, 0);
	roomlist_free(list);
	expect_one(HEAD "东湖宾馆,808,大床房,,\n东湖宾馆,８０８,大床房,,\n", NULL, 3, "房号",
	           "listed twice");
	expect_one(HEAD "东湖宾馆,808,大床房,,\n\xEF\xBB\xBF" HEAD "东湖宾馆,809,大床房,,\n", NULL,
	           3, NULL, "line 3 repeats the header row");
}

static void missing_column_reported(void **state)
{
	expect_one("酒店,房号,楼层\n东湖宾馆,801,8\n", NULL, 1, "房型", "required column \"房型\"");
}

static void header_only_reports_no_room(void **state)
{
	expect_one(HEAD, NULL, 0, NULL, "rooms.csv lists no room");
}

static void error_names_column_as_written_in_english_header(void **state)
{
	expect_one("hotel,room,type\nH,1,suite\n", NULL, 2, "type", "expected 大床房");
}

static void unreadable_file_gives_null(void **state)
{
	static const char nul[] = "酒店,房号\n\0\n";
	struct diag_list errs = DIAG_LIST_INIT;

	assert_null(roomlist_parse("", 0, NULL, &errs));
	assert_int_equal(errs.n, 1);
	diag_list_clear(&errs);
	assert_null(roomlist_parse(nul, sizeof(nul) - 1, "东湖宾馆", &errs));
	assert_int_equal(errs.n, 1);
	diag_list_clear(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(room_fields_are_read),
	    cmocka_unit_test(room_types_in_chinese_and_english),
	    cmocka_unit_test(kind_codes),
	    cmocka_unit_test(first_hotel_listed_is_rank_0_overflow_in_order),
	    cmocka_unit_test(primary_hotel_given_explicitly_comes_first),
	    cmocka_unit_test(primary_hotel_missing_from_file_is_an_error),
	    cmocka_unit_test(same_room_number_in_two_hotels_is_fine),
	    cmocka_unit_test(duplicate_room_is_reported_on_later_line),
	    cmocka_unit_test(duplicates_in_a_very_long_list_are_reported_in_file_order),
	    cmocka_unit_test(unknown_room_type_refused),
	    cmocka_unit_test(empty_room_number_refused),
	    cmocka_unit_test(room_with_control_character_refused),
	    cmocka_unit_test(fullwidth_room_numbers_are_folded),
	    cmocka_unit_test(missing_column_reported),
	    cmocka_unit_test(header_only_reports_no_room),
	    cmocka_unit_test(error_names_column_as_written_in_english_header),
	    cmocka_unit_test(unreadable_file_gives_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
