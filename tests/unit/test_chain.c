/*
 * Tests for chain, the signed journal's bytes and rules: the canonical
 * encoding is fixed (its bytes are pinned), tells absent from empty text and
 * cannot be fooled by moving text between fields; a signature verifies only
 * the entry it was made for and only with its desk's key; a desk's entries
 * chain by hash, and an entry out of sequence, with the wrong prev or with a
 * bad signature is judged as such.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/chain.h"

static unsigned char zero[CHAIN_HASH_BYTES];

static struct chain_entry entry(long seq, const unsigned char *prev)
{
	return (struct chain_entry){"2605",  "B",       seq,           "2026-05-25 13:05:00",
	                            "alice", "checkin", "WH2026-0079", "{\"verdict\":\"green\"}",
	                            prev};
}

static char *encoded_hex(const struct chain_entry *e)
{
	struct strbuf sb = STRBUF_INIT;

	chain_encode(e, &sb);
	char *hex = chain_to_hex((const unsigned char *)sb.data, sb.len);
	strbuf_release(&sb);
	return hex;
}

static void encoding_is_pinned(void **state)
{
	struct chain_entry e = {"26", "B", 258, "t", "o", "a", NULL, "", zero};
	char *hex = encoded_hex(&e);

	(void)state;
	/* tag and NUL, then event, desk, seq, at, operator, action, subject (absent),
	 * details (empty), prev: changing any byte here breaks every desk's signatures */
	assert_string_equal(hex,
	                    "66726f6e746465736b2d6a6f75726e616c2d656e7472792d763100" /* tag */
	                    "01"
	                    "0000000000000002"
	                    "3236" /* event */
	                    "01"
	                    "0000000000000001"
	                    "42"               /* desk */
	                    "0000000000000102" /* seq */
	                    "01"
	                    "0000000000000001"
	                    "74" /* at */
	                    "01"
	                    "0000000000000001"
	                    "6f" /* operator */
	                    "01"
	                    "0000000000000001"
	                    "61" /* action */
	                    "00" /* subject */
	                    "01"
	                    "0000000000000000" /* details */
	                    "0000000000000000000000000000000000000000000000000000000000000000");
	free(hex);
}

static void absent_and_empty_differ(void **state)
{
	struct chain_entry a = entry(1, zero), b = entry(1, zero);
	char *x, *y;

	(void)state;
	a.subject = NULL;
	b.subject = "";
	x = encoded_hex(&a);
	y = encoded_hex(&b);
	assert_string_not_equal(x, y);
	free(x);
	free(y);
}

static void text_cannot_move_between_fields(void **state)
{
	struct chain_entry a = entry(1, zero), b = entry(1, zero);
	char *x, *y;

	(void)state;
	a.operator_name = "alicecheckin";
	a.action = "";
	b.operator_name = "alice";
	b.action = "checkin";
	x = encoded_hex(&a);
	y = encoded_hex(&b);
	assert_string_not_equal(x, y);
	free(x);
	free(y);
}

static void signature_verifies_only_its_entry_and_key(void **state)
{
	unsigned char pk[CHAIN_PUBLIC_BYTES], sk[CHAIN_SECRET_BYTES];
	unsigned char pk2[CHAIN_PUBLIC_BYTES], sk2[CHAIN_SECRET_BYTES];
	unsigned char sig[CHAIN_SIG_BYTES];
	struct chain_entry e = entry(1, zero);

	(void)state;
	assert_true(chain_keypair(pk, sk));
	assert_true(chain_keypair(pk2, sk2));
	assert_true(chain_key_matches(sk, pk));
	assert_false(chain_key_matches(sk, pk2));
	chain_sign(&e, sk, sig);
	assert_true(chain_verify(&e, sig, pk));
	assert_false(chain_verify(&e, sig, pk2));
	e.details = "{\"verdict\":\"green\",\"amount\":998499}";
	assert_false(chain_verify(&e, sig, pk));
	e = entry(1, zero);
	e.event = "2606"; /* the same entry in another event's journal */
	assert_false(chain_verify(&e, sig, pk));
}

static void entries_chain_by_hash(void **state)
{
	unsigned char pk[CHAIN_PUBLIC_BYTES], sk[CHAIN_SECRET_BYTES];
	unsigned char sig1[CHAIN_SIG_BYTES], sig2[CHAIN_SIG_BYTES], h1[CHAIN_HASH_BYTES];
	unsigned char first[CHAIN_HASH_BYTES];
	struct chain_entry e1 = entry(1, zero);

	(void)state;
	chain_first_prev(first);
	assert_memory_equal(first, zero, CHAIN_HASH_BYTES);
	assert_true(chain_keypair(pk, sk));
	chain_sign(&e1, sk, sig1);
	chain_hash(&e1, h1);
	struct chain_entry e2 = entry(2, h1);
	chain_sign(&e2, sk, sig2);
	assert_int_equal(chain_check_next(&e1, sig1, pk, 1, first), CHAIN_OK);
	assert_int_equal(chain_check_next(&e2, sig2, pk, 2, h1), CHAIN_OK);
	/* e2 where e1 belongs, or after a deleted entry: not the next sequence */
	assert_int_equal(chain_check_next(&e2, sig2, pk, 1, first), CHAIN_GAP);
	assert_int_equal(chain_check_next(&e2, sig2, pk, 3, h1), CHAIN_GAP);
	/* e2 after another first entry: its prev is not that entry's hash */
	unsigned char other[CHAIN_HASH_BYTES];
	struct chain_entry e1b = entry(1, zero);
	e1b.subject = "WH2026-0080";
	chain_hash(&e1b, other);
	assert_int_equal(chain_check_next(&e2, sig2, pk, 2, other), CHAIN_BROKEN);
	/* e2 with its prev changed: the signature no longer holds */
	struct chain_entry forged = entry(2, other);
	assert_int_equal(chain_check_next(&forged, sig2, pk, 2, other), CHAIN_BAD_SIGNATURE);
}

static void jump_to_the_largest_sequence_is_a_gap(void **state)
{
	unsigned char pk[CHAIN_PUBLIC_BYTES], sk[CHAIN_SECRET_BYTES], sig[CHAIN_SIG_BYTES];
	struct chain_entry e = entry(9223372036854775807L, zero);

	(void)state;
	assert_true(chain_keypair(pk, sk));
	chain_sign(&e, sk, sig);
	assert_int_equal(chain_check_next(&e, sig, pk, 5, zero), CHAIN_GAP);
}

static void hex_round_trips_and_refuses_bad_digits(void **state)
{
	unsigned char in[3] = {0x00, 0xab, 0xff}, out[3];
	char *hex = chain_to_hex(in, 3);

	(void)state;
	assert_string_equal(hex, "00abff");
	assert_true(chain_from_hex(hex, out, 3));
	assert_memory_equal(in, out, 3);
	assert_false(chain_from_hex("00abf", out, 3));
	assert_false(chain_from_hex("00abfg", out, 3));
	assert_false(chain_from_hex("00abff00", out, 3));
	assert_false(chain_from_hex(NULL, out, 3));
	free(hex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(encoding_is_pinned),
	    cmocka_unit_test(absent_and_empty_differ),
	    cmocka_unit_test(text_cannot_move_between_fields),
	    cmocka_unit_test(signature_verifies_only_its_entry_and_key),
	    cmocka_unit_test(entries_chain_by_hash),
	    cmocka_unit_test(jump_to_the_largest_sequence_is_a_gap),
	    cmocka_unit_test(hex_round_trips_and_refuses_bad_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
