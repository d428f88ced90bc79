/*
 * Tests for encoding: every refusal of the detection order, UTF-8 with and
 * without BOM, real GB18030 bytes (two- and four-byte), and the UTF-8 validator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/encoding.h"

/* Converts a literal (whose length includes embedded NULs) and expects success. */
#define CONVERT_OK(lit, enc, want) convert_ok(lit, sizeof(lit) - 1, enc, want, sizeof(want) - 1)
/* Converts a literal and expects a refusal about the whole file, both fragments in its message. */
#define CONVERT_FAIL(lit, zh, en) convert_fail(lit, sizeof(lit) - 1, 0, zh, en)
/* The same for a refusal that names a line. */
#define CONVERT_FAIL_AT(lit, line, zh, en) convert_fail(lit, sizeof(lit) - 1, line, zh, en)

static void convert_ok(const char *raw, size_t len, enum text_encoding want_enc, const char *want,
                       size_t want_len)
{
	size_t out_len = 12345;
	enum text_encoding enc = (enum text_encoding)99;
	char *cause = NULL;
	int line = -1;
	char *out = encoding_to_utf8(raw, len, &out_len, &enc, &line, &cause);

	assert_non_null(out);
	assert_int_equal(line, 0);
	assert_null(cause);
	assert_int_equal(enc, want_enc);
	assert_int_equal(out_len, want_len);
	assert_memory_equal(out, want, want_len);
	assert_int_equal(out[out_len], '\0');
	assert_true(encoding_is_utf8(out, out_len));
	free(out);
}

static void convert_fail(const char *raw, size_t len, int want_line, const char *zh, const char *en)
{
	size_t out_len = 7;
	char *cause = NULL;
	int line = -1;
	char *out = encoding_to_utf8(raw, len, &out_len, NULL, &line, &cause);

	assert_null(out);
	assert_int_equal(line, want_line);
	assert_non_null(cause);
	assert_non_null(strstr(cause, zh));
	assert_non_null(strstr(cause, en));
	/* Bilingual: Chinese first, then " / ", then English. */
	assert_true(strstr(cause, zh) < strstr(cause, " / "));
	assert_true(strstr(cause, " / ") < strstr(cause, en));
	assert_int_equal(out_len, 7);
	free(cause);
}

static void test_empty(void **state)
{
	CONVERT_FAIL("", "文件为空", "the file is empty");
	/* A NULL cause is allowed: the message is dropped. */
	assert_null(encoding_to_utf8("", 0, NULL, NULL, NULL, NULL));
}

static void test_utf16_bom(void **state)
{
	CONVERT_FAIL("\xFF\xFE"
	             "a\0b\0",
	             "UTF-16", "save it as \"CSV UTF-8\"");
	CONVERT_FAIL("\xFE\xFF\0a\0b", "UTF-16", "save it as \"CSV UTF-8\"");
}

static void test_excel_workbooks(void **state)
{
	CONVERT_FAIL("PK\x03\x04\x14\0\x06\0", "Excel 工作簿",
	             "this is an Excel workbook; save it as CSV");
	CONVERT_FAIL("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "Excel 工作簿",
	             "this is an Excel workbook; save it as CSV");
	/* "PK" alone is an ordinary text. */
	CONVERT_OK("PK,1\n", ENCODING_UTF8, "PK,1\n");
}

static void test_nul_is_binary(void **state)
{
	CONVERT_FAIL("name,age\n\0\0\0", "二进制", "NUL byte at offset 9");
	/* UTF-16 without a BOM is caught here too. */
	CONVERT_FAIL("a\0b\0", "二进制", "offset 1");
}

static void test_utf8_bom_stripped(void **state)
{
	CONVERT_OK("\xEF\xBB\xBF"
	           "姓名,name\r\n",
	           ENCODING_UTF8_BOM, "姓名,name\r\n");
	CONVERT_OK("\xEF\xBB\xBF", ENCODING_UTF8_BOM, "");
}

static void test_utf8_bom_then_invalid(void **state)
{
	/* After a BOM the file claims UTF-8, so GB18030 is not tried: 张 in GBK is refused. */
	CONVERT_FAIL_AT("\xEF\xBB\xBF"
	                "ab\xD5\xC5",
	                1, "UTF-8 BOM", "byte 0xD5 on line 1 (byte 6 of the line)");
	CONVERT_FAIL_AT("\xEF\xBB\xBF"
	                "a,b\r\n张,三\r\nc,\xC0\r\n",
	                3, "第 3 行第 3 个字节", "byte 0xC0 on line 3 (byte 3 of the line)");
}

static void test_plain_utf8_and_ascii(void **state)
{
	CONVERT_OK("reg_no,name\n1,Li\n", ENCODING_UTF8, "reg_no,name\n1,Li\n");
	CONVERT_OK("报名编号,姓名\n0001,张三\n", ENCODING_UTF8, "报名编号,姓名\n0001,张三\n");
	/* A character outside the BMP. */
	CONVERT_OK("\xF0\xA0\xAE\xB7", ENCODING_UTF8, "𠮷");
}

static void test_gbk_two_byte(void **state)
{
	/* 张三 in GBK; not valid UTF-8 (D5 needs a continuation byte, C5 is not one). */
	assert_false(encoding_is_utf8("\xD5\xC5\xC8\xFD", 4));
	CONVERT_OK("\xD5\xC5\xC8\xFD", ENCODING_GB18030, "张三");
	/* 姓名,性别 with CRLF, as Excel on Chinese Windows writes it. */
	CONVERT_OK("\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\r\n", ENCODING_GB18030, "姓名,性别\r\n");
}

static void test_gb18030_four_byte(void **state)
{
	/*
	 * Four-byte GB18030 for characters outside the BMP: 95 32 82 36 is the first
	 * one, U+20000 (not U+20BB7, as is sometimes quoted); U+20BB7 𠮷 is 95 34 B2 35.
	 */
	CONVERT_OK("\x95\x32\x82\x36", ENCODING_GB18030, "\xF0\xA0\x80\x80");
	CONVERT_OK("\x95\x34\xB2\x35", ENCODING_GB18030, "𠮷");
	CONVERT_OK("\xD5\xC5\x95\x34\xB2\x35,1\n", ENCODING_GB18030, "张𠮷,1\n");
	/* A four-byte sequence inside the BMP: U+0F40 ཀ (Tibetan) is 81 32 EE 38. */
	CONVERT_OK("\x81\x32\xEE\x38,1", ENCODING_GB18030, "ཀ,1");
}

static void test_gb18030_bom_stripped(void **state)
{
	/* 84 31 95 33 is U+FEFF in GB18030. */
	CONVERT_OK("\x84\x31\x95\x33\xD5\xC5", ENCODING_GB18030, "张");
}

static void test_neither_utf8_nor_gb18030(void **state)
{
	/* 0xFF starts nothing in either encoding. */
	CONVERT_FAIL_AT("abc,\xFF", 1, "GB18030",
	                "line 1, byte 5 of the line: 0xFF cannot be decoded (read as GB18030)");
	/* A GB18030 lead byte cut short at the end of the file. */
	CONVERT_FAIL_AT("\xD5\xC5\xD5", 1, "第 1 行第 3 个字节 0xD5", "line 1, byte 3 of the line");
	/* A lead byte followed by a comma. */
	CONVERT_FAIL_AT("\xD5,", 1, "GB18030",
	                "line 1, byte 1 of the line: 0xD5 cannot be decoded");
	CONVERT_FAIL_AT("\xD5,", 1, "UTF-8", "neither valid UTF-8 nor GB18030");
}

static void test_undecodable_byte_names_its_line(void **state)
{
	/* GBK 姓名 / 张三 / then 0xFF on line 3: the line staff must fix, not an offset. */
	CONVERT_FAIL_AT("\xD0\xD5\xC3\xFB\r\n\xD5\xC5\xC8\xFD\r\nab\xFF\r\n", 3,
	                "第 3 行第 3 个字节 0xFF",
	                "line 3, byte 3 of the line: 0xFF cannot be decoded (read as GB18030)");
	/* UTF-8 text before the bad byte: a damaged UTF-8 file, named as such. */
	CONVERT_FAIL_AT("姓名,性别\n张三,男\xC0\n", 2, "按 UTF-8 读",
	                "line 2, byte 11 of the line: 0xC0 cannot be decoded (read as UTF-8)");
}

static void test_cp936_euro(void **state)
{
	/* Code page 936 has the euro sign at 0x80, which GB18030 lacks: Excel writes it. */
	CONVERT_OK("\xD5\xC5,\x80"
	           "100\n",
	           ENCODING_GB18030, "张,€100\n");
	CONVERT_OK("\x80", ENCODING_GB18030, "€");
	/* 0x80 as the second byte of a pair is part of that character (81 80 is 亐). */
	CONVERT_OK("\x81\x80\x80", ENCODING_GB18030, "亐€");
	/* many of them: the output buffer grows */
	CONVERT_OK("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80", ENCODING_GB18030, "€€€€€€€€€€");
}

static void test_validator_accepts(void **state)
{
	assert_true(encoding_is_utf8("", 0));
	assert_true(encoding_is_utf8("plain", 5));
	assert_true(encoding_is_utf8("\xC2\x80", 2));         /* U+0080 */
	assert_true(encoding_is_utf8("\xDF\xBF", 2));         /* U+07FF */
	assert_true(encoding_is_utf8("\xE0\xA0\x80", 3));     /* U+0800 */
	assert_true(encoding_is_utf8("\xED\x9F\xBF", 3));     /* U+D7FF */
	assert_true(encoding_is_utf8("\xEE\x80\x80", 3));     /* U+E000 */
	assert_true(encoding_is_utf8("\xEF\xBF\xBF", 3));     /* U+FFFF */
	assert_true(encoding_is_utf8("\xF0\x90\x80\x80", 4)); /* U+10000 */
	assert_true(encoding_is_utf8("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
	assert_true(encoding_is_utf8("张三", strlen("张三")));
}

static void test_validator_rejects(void **state)
{
	/* Overlong forms. */
	assert_false(encoding_is_utf8("\xC0\x80", 2));
	assert_false(encoding_is_utf8("\xC1\xBF", 2));
	assert_false(encoding_is_utf8("\xE0\x80\x80", 3));
	assert_false(encoding_is_utf8("\xE0\x9F\xBF", 3));
	assert_false(encoding_is_utf8("\xF0\x80\x80\x80", 4));
	assert_false(encoding_is_utf8("\xF0\x8F\xBF\xBF", 4));
	/* Surrogates U+D800..U+DFFF. */
	assert_false(encoding_is_utf8("\xED\xA0\x80", 3));
	assert_false(encoding_is_utf8("\xED\xBF\xBF", 3));
	/* Above U+10FFFF. */
	assert_false(encoding_is_utf8("\xF4\x90\x80\x80", 4));
	assert_false(encoding_is_utf8("\xF5\x80\x80\x80", 4));
	assert_false(encoding_is_utf8("\xFF", 1));
	/* Lone continuation bytes, truncated and interrupted sequences. */
	assert_false(encoding_is_utf8("\x80", 1));
	assert_false(encoding_is_utf8("a\xBF", 2));
	assert_false(encoding_is_utf8("\xE5\xBC", 2));
	assert_false(encoding_is_utf8("\xF0\xA0\xAE", 3));
	assert_false(encoding_is_utf8("\xE5"
	                              "a\xA0",
	                              3));
	/* The length is honoured: a sequence cut by len is not read past. */
	assert_false(encoding_is_utf8("\xE5\xBC\xA0", 2));
	assert_true(encoding_is_utf8("\xE5\xBC\xA0", 3));
}

static void test_names(void **state)
{
	assert_string_equal(encoding_name(ENCODING_UTF8), "UTF-8");
	assert_string_equal(encoding_name(ENCODING_UTF8_BOM), "UTF-8 with BOM");
	assert_string_equal(encoding_name(ENCODING_GB18030), "GB18030");
}

static void test_large_gb18030(void **state)
{
	/* Large enough to exercise the output buffer; 张 repeated becomes 1.5 times longer. */
	size_t n = 100000;
	char *raw = malloc(2 * n);
	size_t out_len = 0;
	enum text_encoding enc;
	char *cause = NULL;
	char *out;

	for (size_t i = 0; i < n; i++) {
		raw[2 * i] = '\xD5';
		raw[2 * i + 1] = '\xC5';
	}
	out = encoding_to_utf8(raw, 2 * n, &out_len, &enc, NULL, &cause);
	assert_non_null(out);
	assert_int_equal(enc, ENCODING_GB18030);
	assert_int_equal(out_len, 3 * n);
	assert_memory_equal(out + 3 * (n - 1), "张", 3);
	free(out);
	free(raw);
}

/* UTF-8 is handed back where it lies; only GB18030 is converted into a new buffer. */
static void test_view_copies_only_what_it_converts(void **state)
{
	static const char utf8[] = "报名编号,姓名\n";
	static const char bom[] = "\xEF\xBB\xBF"
	                          "a,b\n";
	static const char gbk[] = "\xD5\xC5\xC8\xFD";
	char *converted = (char *)bom;
	size_t n = 0;
	enum text_encoding enc = ENCODING_GB18030;
	char *cause = NULL;
	int line = -1;

	assert_ptr_equal(
	    encoding_utf8_view(utf8, strlen(utf8), &n, &enc, &line, &cause, &converted), utf8);
	assert_null(converted);
	assert_int_equal(n, strlen(utf8));
	assert_int_equal(enc, ENCODING_UTF8);
	assert_int_equal(line, 0);
	assert_ptr_equal(encoding_utf8_view(bom, strlen(bom), &n, &enc, NULL, NULL, &converted),
	                 bom + 3);
	assert_null(converted);
	assert_int_equal(n, 4);
	assert_int_equal(enc, ENCODING_UTF8_BOM);
	const char *text = encoding_utf8_view(gbk, strlen(gbk), &n, &enc, NULL, NULL, &converted);
	assert_ptr_equal(text, converted);
	assert_int_equal(enc, ENCODING_GB18030);
	assert_memory_equal(text, "张三", n);
	free(converted);
	assert_null(encoding_utf8_view("ab\xC0", 3, &n, &enc, &line, &cause, &converted));
	assert_null(converted);
	assert_int_equal(line, 1);
	assert_non_null(cause);
	free(cause);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_utf16_bom),
	    cmocka_unit_test(test_excel_workbooks),
	    cmocka_unit_test(test_nul_is_binary),
	    cmocka_unit_test(test_utf8_bom_stripped),
	    cmocka_unit_test(test_utf8_bom_then_invalid),
	    cmocka_unit_test(test_plain_utf8_and_ascii),
	    cmocka_unit_test(test_gbk_two_byte),
	    cmocka_unit_test(test_gb18030_four_byte),
	    cmocka_unit_test(test_gb18030_bom_stripped),
	    cmocka_unit_test(test_neither_utf8_nor_gb18030),
	    cmocka_unit_test(test_undecodable_byte_names_its_line),
	    cmocka_unit_test(test_cp936_euro),
	    cmocka_unit_test(test_validator_accepts),
	    cmocka_unit_test(test_validator_rejects),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_large_gb18030),
	    cmocka_unit_test(test_view_copies_only_what_it_converts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
