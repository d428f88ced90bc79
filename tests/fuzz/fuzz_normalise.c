/*
 * fuzz_normalise: libFuzzer target for the normaliser (normalise.h), which
 * every roster cell, event.ini value and desk query goes through. For any
 * bytes, in both kinds: no crash, no undefined behaviour, the output never
 * longer than the input, normalising the output changes nothing (idempotent),
 * the in-place and the copying forms agree, and well-formed UTF-8 stays
 * well-formed without any character the normaliser removes. Aborts (a finding)
 * otherwise.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/encoding.h"
#include "frontdesk/normalise.h"
#include "frontdesk/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless cond holds: libFuzzer reports the input. */
static void require(int cond)
{
	if (!cond) {
		abort();
	}
}

/* True when s holds a character NORMALISE_KEY folds or removes, or a space it would not keep. */
static int key_leftovers(const char *s)
{
	size_t len = strlen(s);

	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' ' || strstr(s, "  ") != NULL)) {
		return 1;
	}
	while (*s != '\0') {
		uint32_t cp;
		size_t n = text_decode(s, &cp);
		if (n == 0 || normalise_is_invisible(cp) || normalise_fold_char(cp) != cp) {
			return 1;
		}
		s += n;
	}
	return 0;
}

static void check(const char *in, size_t len, enum normalise_kind kind)
{
	char *once = normalise(in, kind);
	char *twice = normalise(once, kind);
	char *buf = malloc(len + 1);
	size_t once_len = strlen(once);

	memcpy(buf, in, len + 1);
	require(once_len <= len);
	require(strcmp(once, twice) == 0);
	require(normalise_in_place(buf, kind) == once_len);
	require(strcmp(buf, once) == 0);
	if (encoding_is_utf8(in, len)) {
		require(encoding_is_utf8(once, once_len));
		require(kind != NORMALISE_KEY || !key_leftovers(once));
	} else {
		/* not UTF-8: left for the caller's validation to refuse */
		require(strcmp(once, in) == 0);
	}
	free(once);
	free(twice);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);

	memcpy(in, data, size);
	in[size] = '\0';
	/* a C string ends at its first NUL, as every caller's does */
	size_t len = strlen(in);
	check(in, len, NORMALISE_KEY);
	check(in, len, NORMALISE_TEXT);
	require(normalise_reg_no_compare(in, in) == 0);
	free(in);
	return 0;
}
