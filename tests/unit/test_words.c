/*
 * Tests for words (the Chinese word of each code) and lodging_notice (what is
 * told about a place: held, swapped, overflow, single supplement). Each rule
 * of lodging_notice.h has its own case, so a change to who is told about the
 * supplement fails here by name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "frontdesk/lodging_notice.h"
#include "frontdesk/words.h"

static void every_code_has_its_word(void **state)
{
	(void)state;
	assert_string_equal(words_gender(GENDER_MALE), "男");
	assert_string_equal(words_gender(GENDER_FEMALE), "女");
	assert_string_equal(words_gender(GENDER_UNKNOWN), "");
	assert_string_equal(words_reg_status(REG_APPROVED, false), "已通过");
	assert_string_equal(words_reg_status(REG_PENDING, false), "待审核");
	assert_string_equal(words_reg_status(REG_REJECTED, false), "未通过");
	assert_string_equal(words_room_request(ROOM_NONE), "不住宿");
	assert_string_equal(words_room_request(ROOM_KING), "大床房");
	assert_string_equal(words_room_request(ROOM_TWIN_SINGLE), "双床单住");
	assert_string_equal(words_room_request(ROOM_BED), "合住床位");
	assert_string_equal(words_room_kind(ROOMKIND_KING), "大床房");
	assert_string_equal(words_room_kind(ROOMKIND_TWIN), "双床房");
	assert_string_equal(words_yes_no(true), "是");
	assert_string_equal(words_yes_no(false), "否");
}

static void withdrawn_reads_withdrawn_whatever_the_status(void **state)
{
	(void)state;
	assert_string_equal(words_reg_status(REG_APPROVED, true), "已退出");
	assert_string_equal(words_reg_status(REG_REJECTED, true), "已退出");
}

static void a_value_outside_the_table_is_empty_not_a_crash(void **state)
{
	(void)state;
	assert_string_equal(words_gender((enum gender)42), "");
	assert_string_equal(words_reg_status((enum reg_status) - 1, false), "");
	assert_string_equal(words_room_kind((enum room_kind)7), "");
}

static void expected_is_approved_and_not_withdrawn(void **state)
{
	(void)state;
	assert_true(rules_expected(REG_APPROVED, false));
	assert_false(rules_expected(REG_APPROVED, true));
	assert_false(rules_expected(REG_PENDING, false));
	assert_false(rules_expected(REG_REJECTED, false));
}

/* A sharer in a twin room, alone on two nights, unless the fields say otherwise. */
static struct lodging_place_facts sharer_alone(void)
{
	return (struct lodging_place_facts){ROOM_BED, USE_SHARED, ROOMKIND_TWIN, 0,
	                                    false,    0x6,        false,         0};
}

static void sharer_alone_with_nobody_expected_is_told_the_supplement(void **state)
{
	(void)state;
	struct lodging_place_facts f = sharer_alone();
	struct lodging_notice n;

	lodging_notice_of(&f, &n);
	assert_true(n.supplement);
	assert_int_equal(n.supplement_nights, 2);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_SUPPLEMENT);
	assert_string_equal(lodging_note_text(LODGING_NOTE_SUPPLEMENT), "单住补差");
}

static void sharer_with_a_roommate_held_is_not_told_the_supplement(void **state)
{
	(void)state;
	struct lodging_place_facts f = sharer_alone();
	struct lodging_notice n;

	f.roommate_held = true;
	lodging_notice_of(&f, &n);
	assert_false(n.supplement);
	assert_int_equal(n.supplement_nights, 0);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_NONE);
}

static void sharer_never_alone_pays_no_supplement(void **state)
{
	(void)state;
	struct lodging_place_facts f = sharer_alone();
	struct lodging_notice n;

	f.alone_nights = 0;
	lodging_notice_of(&f, &n);
	assert_false(n.supplement);
}

static void whole_room_guest_never_pays_a_supplement(void **state)
{
	(void)state;
	struct lodging_place_facts f = {
	    ROOM_TWIN_SINGLE, USE_WHOLE, ROOMKIND_TWIN, 0, false, 0x3, false, 0};
	struct lodging_notice n;

	lodging_notice_of(&f, &n);
	assert_false(n.supplement);
	assert_false(n.swapped);
}

static void whole_room_guest_in_the_other_type_is_swapped(void **state)
{
	(void)state;
	struct lodging_place_facts f = {ROOM_KING, USE_WHOLE, ROOMKIND_TWIN, 0, false, 0, false, 0};
	struct lodging_notice n;

	lodging_notice_of(&f, &n);
	assert_true(n.swapped);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_SWAPPED);
	assert_string_equal(lodging_note_text(LODGING_NOTE_SWAPPED), "房型调换");
}

/* The hotel's one note goes held, swapped, overflow, supplement: the first that applies. */
static void the_hotel_note_is_the_first_that_applies(void **state)
{
	(void)state;
	struct lodging_place_facts f = sharer_alone();
	struct lodging_notice n;

	f.hotel_rank = 1;
	lodging_notice_of(&f, &n);
	assert_true(n.overflow && n.supplement);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_OVERFLOW);
	assert_string_equal(lodging_note_text(LODGING_NOTE_OVERFLOW), "协议外酒店");

	f.use = USE_HELD;
	lodging_notice_of(&f, &n);
	assert_true(n.held);
	assert_false(n.supplement);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_HELD);
	assert_string_equal(lodging_note_text(LODGING_NOTE_HELD), "预留给同住人");
	assert_string_equal(lodging_note_text(LODGING_NOTE_NONE), "");
	assert_string_equal(lodging_note_text(LODGING_NOTE_COUNT), "");
}

/* A room the desk gave to someone who booked none is flagged 现场加订, right after a held bed. */
static void a_walkin_is_flagged_for_the_hotel(void **state)
{
	(void)state;
	struct lodging_place_facts f = {ROOM_KING, USE_WHOLE, ROOMKIND_KING, 0, false, 0, true, 0};
	struct lodging_notice n;

	lodging_notice_of(&f, &n);
	assert_true(n.walkin);
	assert_false(n.swapped || n.overflow || n.supplement || n.held);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_WALKIN);
	assert_string_equal(lodging_note_text(LODGING_NOTE_WALKIN), "现场加订");

	/* before overflow, supplement and a swap at check-in: those show in other columns */
	f = sharer_alone();
	f.walkin = true;
	f.hotel_rank = 1;
	lodging_notice_of(&f, &n);
	assert_true(n.walkin && n.overflow && n.supplement);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_WALKIN);
	f = (struct lodging_place_facts){ROOM_KING, USE_WHOLE, ROOMKIND_TWIN, 0, false, 0, true, 0};
	lodging_notice_of(&f, &n);
	assert_true(n.swapped);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_WALKIN);

	/* a held bed is nobody's walk-in yet: it says held */
	f = sharer_alone();
	f.walkin = true;
	f.use = USE_HELD;
	lodging_notice_of(&f, &n);
	assert_false(n.walkin);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_HELD);

	/* a booking is not flagged */
	f = sharer_alone();
	lodging_notice_of(&f, &n);
	assert_false(n.walkin);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_SUPPLEMENT);
}

/* A sharer beside another gender since a re-import: the card and the hotel are told first. */
static void sharer_beside_another_gender_is_told_to_verify_it(void **state)
{
	(void)state;
	struct lodging_place_facts f = sharer_alone();
	struct lodging_notice n;

	lodging_notice_of(&f, &n);
	assert_false(n.gender_to_verify);

	f.gender_conflict_nights = 0x6;
	f.hotel_rank = 1;
	lodging_notice_of(&f, &n);
	assert_true(n.gender_to_verify);
	assert_true(n.overflow && n.supplement);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_GENDER);
	assert_string_equal(lodging_note_text(LODGING_NOTE_GENDER), "性别待核实");

	f.use = USE_HELD; /* a bed held for someone whose gender now differs */
	lodging_notice_of(&f, &n);
	assert_true(n.gender_to_verify && n.held);
	assert_int_equal(lodging_note_first(&n), LODGING_NOTE_GENDER);

	f.use = USE_WHOLE; /* a whole room has nobody beside it to clash with */
	lodging_notice_of(&f, &n);
	assert_false(n.gender_to_verify);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_code_has_its_word),
	    cmocka_unit_test(withdrawn_reads_withdrawn_whatever_the_status),
	    cmocka_unit_test(a_value_outside_the_table_is_empty_not_a_crash),
	    cmocka_unit_test(expected_is_approved_and_not_withdrawn),
	    cmocka_unit_test(sharer_alone_with_nobody_expected_is_told_the_supplement),
	    cmocka_unit_test(sharer_with_a_roommate_held_is_not_told_the_supplement),
	    cmocka_unit_test(sharer_never_alone_pays_no_supplement),
	    cmocka_unit_test(whole_room_guest_never_pays_a_supplement),
	    cmocka_unit_test(whole_room_guest_in_the_other_type_is_swapped),
	    cmocka_unit_test(the_hotel_note_is_the_first_that_applies),
	    cmocka_unit_test(a_walkin_is_flagged_for_the_hotel),
	    cmocka_unit_test(sharer_beside_another_gender_is_told_to_verify_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
