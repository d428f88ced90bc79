/*
 * Tests for say: both mode puts the Chinese msgid and its English from the
 * build's catalogue (po/en.po compiled into <build>/po, found through
 * FRONTDESK_LOCALEDIR) side by side whatever the locale; screen mode says one
 * language, the locale's; with no catalogue both mode says the Chinese once;
 * an English text may take the arguments in another order (%2$d ... %1$s).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/say.h"

static void use_build_catalogue(void)
{
	setenv("FRONTDESK_LOCALEDIR", FRONTDESK_BUILD_LOCALEDIR, 1);
}

static void check(char *said, const char *expected)
{
	assert_string_equal(said, expected);
	free(said);
}

static void both_mode_says_chinese_then_english(void **state)
{
	use_build_catalogue();
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C"); /* the CLI's locale: no language of its own */
	say_start(SAY_BOTH);
	check(say("台号已设为 %s", "B"), "台号已设为 B / the desk id is now B");
	check(say_text("未指定摄像头"), "未指定摄像头 / no camera given");
	assert_int_equal(say_langs(), 2);
	assert_true(say_chinese(0));
	assert_false(say_chinese(1));
}

static void both_mode_ignores_a_chinese_locale(void **state)
{
	use_build_catalogue();
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LANGUAGE", "zh_CN", 1);
	setlocale(LC_ALL, "");
	say_start(SAY_BOTH);
	check(say("台号已设为 %s", "B"), "台号已设为 B / the desk id is now B");
}

static void english_may_reorder_the_arguments(void **state)
{
	use_build_catalogue();
	say_start(SAY_BOTH);
	check(say("已记录 %s 现场刷卡 %d 元", "R1", 300),
	      "已记录 R1 现场刷卡 300 元 / recorded a card payment of 300 yuan for R1");
}

static void screen_mode_says_the_locales_language(void **state)
{
	use_build_catalogue();
	unsetenv("LANGUAGE");
	/* a Chinese locale has no catalogue: the msgid itself */
	if (setlocale(LC_ALL, "zh_CN.UTF-8") == NULL) {
		setlocale(LC_ALL, "C.UTF-8");
	}
	say_start(SAY_SCREEN);
	assert_int_equal(say_langs(), 1);
	check(say("台号已设为 %s", "B"), "台号已设为 B");
	assert_true(say_chinese(0));
	/* English through the catalogue; LANGUAGE stands in when en_US is not installed */
	if (setlocale(LC_ALL, "en_US.UTF-8") == NULL) {
		setlocale(LC_ALL, "C.UTF-8");
		setenv("LANGUAGE", "en", 1);
	}
	say_start(SAY_SCREEN);
	check(say("台号已设为 %s", "B"), "the desk id is now B");
	assert_false(say_chinese(0));
	check(say("已记录 %s 现场刷卡 %d 元", "R1", 300),
	      "recorded a card payment of 300 yuan for R1");
	unsetenv("LANGUAGE");
}

static void screen_mode_puts_the_users_language_back(void **state)
{
	use_build_catalogue();
	setenv("LANGUAGE", "fr", 1);
	setlocale(LC_ALL, "C");
	say_start(SAY_BOTH);
	assert_string_equal(getenv("LANGUAGE"), "en");
	say_start(SAY_SCREEN);
	assert_string_equal(getenv("LANGUAGE"), "fr");
	unsetenv("LANGUAGE");
}

static void no_catalogue_says_the_chinese_once(void **state)
{
	setenv("FRONTDESK_LOCALEDIR", "/nonexistent", 1);
	setlocale(LC_ALL, "C");
	say_start(SAY_BOTH);
	check(say("台号已设为 %s", "B"), "台号已设为 B");
	check(say("已记录 %s 现场刷卡 %d 元", "R1", 300), "已记录 R1 现场刷卡 300 元");
	assert_true(say_chinese(1));
	use_build_catalogue();
	say_start(SAY_BOTH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(both_mode_says_chinese_then_english),
	    cmocka_unit_test(both_mode_ignores_a_chinese_locale),
	    cmocka_unit_test(english_may_reorder_the_arguments),
	    cmocka_unit_test(screen_mode_says_the_locales_language),
	    cmocka_unit_test(screen_mode_puts_the_users_language_back),
	    cmocka_unit_test(no_catalogue_says_the_chinese_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
