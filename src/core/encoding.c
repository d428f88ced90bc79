/*
 * encoding owns the decision "what are these bytes?" for every file an organiser
 * hands over, so that everything after it can assume NUL-terminated UTF-8.
 *
 * The checks run from the cheapest and most certain to the most permissive:
 * empty, UTF-16, Excel workbooks and binary files are refused with a message
 * that tells staff what to do; a UTF-8 BOM or valid UTF-8 is taken as UTF-8;
 * anything else must decode as GB18030 (a superset of GBK, what Excel writes on
 * Chinese Windows). A damaged UTF-8 file may well decode as GB18030 (as
 * mojibake), so one whose valid part already holds UTF-8 characters is not
 * given to GB18030 at all (looks_utf8): it is refused, naming the line of its
 * bad byte. Every refusal that concerns one byte names its line.
 */
#include "frontdesk/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

const char *encoding_name(enum text_encoding enc)
{
	switch (enc) {
	case ENCODING_UTF8:
		return "UTF-8";
	case ENCODING_UTF8_BOM:
		return "UTF-8 with BOM";
	case ENCODING_GB18030:
		return "GB18030";
	}
	return "unknown";
}

/*
 * Returns the offset of the first byte that does not start a well-formed UTF-8
 * sequence (Unicode table 3-7), or len when all of s is well-formed. The second
 * byte ranges exclude overlongs (E0, F0), surrogates (ED) and code points above
 * U+10FFFF (F4); C0, C1 and F5..FF never appear.
 */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xBF;
		size_t n;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			lo = c == 0xE0 ? 0xA0 : 0x80;
			hi = c == 0xED ? 0x9F : 0xBF;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			lo = c == 0xF0 ? 0x90 : 0x80;
			hi = c == 0xF4 ? 0x8F : 0xBF;
		} else {
			return i;
		}
		if (len - i < n || s[i + 1] < lo || s[i + 1] > hi) {
			return i;
		}
		for (size_t k = 2; k < n; k++) {
			if (s[i + k] < 0x80 || s[i + k] > 0xBF) {
				return i;
			}
		}
		i += n;
	}
	return len;
}

int encoding_is_utf8(const char *s, size_t len)
{
	return utf8_valid_prefix((const unsigned char *)s, len) == len;
}

/* Hands a formatted message to the caller, who may pass NULL to ignore it. */
__attribute__((format(printf, 2, 3))) static void set_cause(char **cause, const char *msgid, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, msgid);
	msg = vsay(msgid, ap);
	va_end(ap);
	if (cause != NULL) {
		*cause = msg;
	} else {
		free(msg);
	}
}

static int has_prefix(const unsigned char *s, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(s, magic, n) == 0;
}

/*
 * Refuses what is certainly not a CSV text, before any guessing: these files
 * are common mistakes (the workbook itself, "Unicode text" from Excel) and
 * each gets the message that tells staff how to fix it. Returns 0 when s may
 * be text.
 */
static int refuse_non_text(const unsigned char *s, size_t len, char **cause)
{
	const unsigned char *nul;

	if (len == 0) {
		set_cause(cause, "文件为空");
		return -1;
	}
	if (has_prefix(s, len, "\xFF\xFE", 2) || has_prefix(s, len, "\xFE\xFF", 2)) {
		set_cause(
		    cause,
		    "文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
		return -1;
	}
	if (has_prefix(s, len, "PK\x03\x04", 4) || has_prefix(s, len, "\xD0\xCF\x11\xE0", 4)) {
		set_cause(cause, "这是 Excel 工作簿，请另存为 CSV");
		return -1;
	}
	nul = memchr(s, '\0', len);
	if (nul != NULL) {
		set_cause(cause, "文件含有二进制数据（偏移 %zu 处是 NUL 字节），不是 CSV 文本",
		          (size_t)(nul - s));
		return -1;
	}
	return 0;
}

/* Makes room for at least need more bytes after *op in the growing buffer *out. */
static void reserve(char **out, size_t *cap, char **op, size_t *out_left, size_t need)
{
	while (*out_left < need) {
		size_t used = (size_t)(*op - *out);
		*out = xreallocarray(*out, *cap, 2);
		*cap *= 2;
		*op = *out + used;
		*out_left = *cap - used - 1;
	}
}

/*
 * Converts s from GB18030 with glibc iconv. Returns the UTF-8 text, or NULL and
 * *bad set to the offset of the first sequence GB18030 cannot decode.
 *
 * One byte GB18030 does not have is read the way Windows reads it: 0x80 is
 * the euro sign in code page 936 (Excel's "CSV" on Chinese Windows), where
 * GB18030 spells it A2 E3. Refusing the whole roster for a "€" in a note, as
 * "unknown encoding", helped nobody.
 */
static char *gb18030_decode(const char *s, size_t len, size_t *out_len, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	/* Two GB18030 bytes become at most three UTF-8 bytes; reserve() grows it anyway. */
	size_t cap = len / 2 * 3 + 8;
	char *out = xmalloc(cap);
	char *in = (char *)s;
	size_t in_left = len;
	char *op = out;
	size_t out_left = cap - 1;

	if (cd == (iconv_t)-1) {
		/* glibc always ships GB18030; without it nothing here can decode. */
		free(out);
		*bad = 0;
		return NULL;
	}
	while (in_left > 0) {
		if (iconv(cd, &in, &in_left, &op, &out_left) != (size_t)-1) {
			continue;
		}
		if (errno == E2BIG) {
			reserve(&out, &cap, &op, &out_left, out_left + 4);
			continue;
		}
		if (errno == EILSEQ && (unsigned char)*in == 0x80) {
			reserve(&out, &cap, &op, &out_left, 3);
			memcpy(op, "\xE2\x82\xAC", 3);
			op += 3;
			out_left -= 3;
			in++;
			in_left--;
			continue;
		}
		/* EILSEQ (undecodable) or EINVAL (cut short at the end of the file). */
		*bad = (size_t)(in - s);
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	*out_len = (size_t)(op - out);
	return out;
}

/* Sets *line (1-based) and *column (the byte of that line, 1-based) of offset in s. */
static void locate(const unsigned char *s, size_t offset, int *line, size_t *column)
{
	size_t start = 0;

	*line = 1;
	for (size_t i = 0; i < offset; i++) {
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	*column = offset - start + 1;
}

/*
 * Returns true when the well-formed UTF-8 s[0..len) holds two or more
 * multi-byte characters: then the file is UTF-8 with a damaged byte after
 * them, not GB18030. GBK text is valid UTF-8 for two characters running only
 * by accident (a pair must begin E0-EF, 80-BF and the next pair's lead byte
 * must be 80-BF, about one chance in fifty, twice over), while a damaged UTF-8
 * file read as GB18030 may well decode, as mojibake, without a single error.
 */
static bool looks_utf8(const unsigned char *s, size_t len)
{
	int multibyte = 0;

	for (size_t i = 0; i < len && multibyte < 2; i++) {
		multibyte += s[i] >= 0xC2;
	}
	return multibyte >= 2;
}

/* Returns a NUL-terminated copy of s[0..len). */
static char *copy_text(const char *s, size_t len, size_t *out_len)
{
	char *out = xmalloc(len + 1);

	memcpy(out, s, len);
	out[len] = '\0';
	*out_len = len;
	return out;
}

/* Drops a leading U+FEFF, as GB18030 has its own BOM (84 31 95 33) that decodes to it. */
static void strip_utf8_bom(char *text, size_t *len)
{
	if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		memmove(text, text + 3, *len - 3 + 1);
		*len -= 3;
	}
}

/*
 * Names the first byte that cannot be read. A file whose valid UTF-8 part
 * already holds UTF-8 characters (looks_utf8) is a UTF-8 file with a damaged
 * byte; any other is taken for GB18030, where the first byte it cannot decode
 * is the one to fix (its first non-ASCII byte stopped UTF-8 but may be good
 * Chinese).
 */
static void refuse_undecodable(const unsigned char *s, size_t bad_utf8, size_t bad_gb, int *line,
                               char **cause)
{
	bool utf8 = looks_utf8(s, bad_utf8);
	size_t bad = utf8 ? bad_utf8 : bad_gb;
	size_t column;

	locate(s, bad, line, &column);
	set_cause(cause,
	          "第 %d 行第 %zu 个字节 0x%02X 无法解码（按 %s 读）：文件既不是有效的 UTF-8，"
	          "也不是 GB18030；请另存为“CSV UTF-8”",
	          *line, column, s[bad], utf8 ? "UTF-8" : "GB18030");
}

/*
 * UTF-8 is by far the usual case and needs no conversion: the view is raw
 * itself (after its BOM), so a 15 MB roster is not held twice while parsed.
 */
const char *encoding_utf8_view(const char *raw, size_t len, size_t *out_len,
                               enum text_encoding *detected, int *line, char **cause,
                               char **converted)
{
	const unsigned char *s = (const unsigned char *)raw;
	size_t n = 0, bad_utf8, bad_gb = 0, column;
	enum text_encoding enc = ENCODING_UTF8;
	int bad_line = 0;
	const char *text = NULL;

	*converted = NULL;
	if (refuse_non_text(s, len, cause) != 0) {
		/* about the whole file */
	} else if (has_prefix(s, len, "\xEF\xBB\xBF", 3)) {
		bad_utf8 = 3 + utf8_valid_prefix(s + 3, len - 3);
		if (bad_utf8 != len) {
			locate(s, bad_utf8, &bad_line, &column);
			set_cause(
			    cause,
			    "文件以 UTF-8 BOM 开头，但第 %d 行第 %zu 个字节 0x%02X 不是有效的 "
			    "UTF-8",
			    bad_line, column, s[bad_utf8]);
		} else {
			text = raw + 3;
			n = len - 3;
			enc = ENCODING_UTF8_BOM;
		}
	} else if ((bad_utf8 = utf8_valid_prefix(s, len)) == len) {
		text = raw;
		n = len;
		enc = ENCODING_UTF8;
	} else if (!looks_utf8(s, bad_utf8) &&
	           (*converted = gb18030_decode(raw, len, &n, &bad_gb)) != NULL) {
		strip_utf8_bom(*converted, &n);
		text = *converted;
		enc = ENCODING_GB18030;
	} else {
		refuse_undecodable(s, bad_utf8, bad_gb, &bad_line, cause);
	}
	if (line != NULL) {
		*line = bad_line;
	}
	if (text == NULL) {
		return NULL;
	}
	if (out_len != NULL) {
		*out_len = n;
	}
	if (detected != NULL) {
		*detected = enc;
	}
	return text;
}

char *encoding_to_utf8(const char *raw, size_t len, size_t *out_len, enum text_encoding *detected,
                       int *line, char **cause)
{
	char *converted = NULL;
	size_t n = 0;
	const char *text = encoding_utf8_view(raw, len, &n, detected, line, cause, &converted);

	if (text == NULL) {
		return NULL;
	}
	if (converted == NULL) {
		converted = copy_text(text, n, &n);
	}
	if (out_len != NULL) {
		*out_len = n;
	}
	return converted;
}
