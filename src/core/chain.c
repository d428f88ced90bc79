/*
 * chain owns the bytes a desk signs for each journal entry. They are built
 * field by field with lengths (never by joining text with separators), behind
 * a domain tag, so no two entries and nothing else libsodium signs for us can
 * share them: an entry cannot be passed off as another by moving text from
 * one field to the next. The text is signed exactly as the bundle carries it
 * (the journal sanitises it on the way in), so a signature survives export.
 */
#include "frontdesk/chain.h"

#include <sodium.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

static const char domain_tag[] = "frontdesk-journal-entry-v1";

static void put_u64(struct strbuf *out, unsigned long long v)
{
	char b[8];

	for (int i = 7; i >= 0; i--) {
		b[i] = (char)(v & 0xff);
		v >>= 8;
	}
	strbuf_add(out, b, sizeof(b));
}

static void put_text(struct strbuf *out, const char *s)
{
	if (s == NULL) {
		strbuf_putc(out, 0);
		return;
	}
	size_t n = strlen(s);
	strbuf_putc(out, 1);
	put_u64(out, n);
	strbuf_add(out, s, n);
}

void chain_encode(const struct chain_entry *e, struct strbuf *out)
{
	strbuf_add(out, domain_tag, sizeof(domain_tag)); /* with its NUL */
	put_text(out, e->event);
	put_text(out, e->desk);
	put_u64(out, (unsigned long long)e->seq);
	put_text(out, e->at);
	put_text(out, e->operator_name);
	put_text(out, e->action);
	put_text(out, e->subject);
	put_text(out, e->details);
	strbuf_add(out, (const char *)e->prev, CHAIN_HASH_BYTES);
}

void chain_hash(const struct chain_entry *e, unsigned char out[CHAIN_HASH_BYTES])
{
	struct strbuf sb = STRBUF_INIT;

	chain_encode(e, &sb);
	crypto_hash_sha256(out, (const unsigned char *)sb.data, sb.len);
	strbuf_release(&sb);
}

void chain_first_prev(unsigned char out[CHAIN_HASH_BYTES])
{
	memset(out, 0, CHAIN_HASH_BYTES);
}

void chain_sign(const struct chain_entry *e, const unsigned char sk[CHAIN_SECRET_BYTES],
                unsigned char sig[CHAIN_SIG_BYTES])
{
	struct strbuf sb = STRBUF_INIT;

	chain_encode(e, &sb);
	crypto_sign_detached(sig, NULL, (const unsigned char *)sb.data, sb.len, sk);
	strbuf_release(&sb);
}

bool chain_verify(const struct chain_entry *e, const unsigned char sig[CHAIN_SIG_BYTES],
                  const unsigned char pk[CHAIN_PUBLIC_BYTES])
{
	struct strbuf sb = STRBUF_INIT;

	chain_encode(e, &sb);
	bool ok = sodium_init() >= 0 &&
	          crypto_sign_verify_detached(sig, (const unsigned char *)sb.data, sb.len, pk) == 0;
	strbuf_release(&sb);
	return ok;
}

bool chain_keypair(unsigned char pk[CHAIN_PUBLIC_BYTES], unsigned char sk[CHAIN_SECRET_BYTES])
{
	/* sodium_init is idempotent; without it the random source is not set up */
	return sodium_init() >= 0 && crypto_sign_keypair(pk, sk) == 0;
}

bool chain_key_matches(const unsigned char sk[CHAIN_SECRET_BYTES],
                       const unsigned char pk[CHAIN_PUBLIC_BYTES])
{
	/* the pair is made again from the seed: the public copy inside sk could be anything */
	unsigned char seed[crypto_sign_SEEDBYTES], pk2[CHAIN_PUBLIC_BYTES], sk2[CHAIN_SECRET_BYTES];

	crypto_sign_ed25519_sk_to_seed(seed, sk);
	crypto_sign_seed_keypair(pk2, sk2, seed);
	bool ok = sodium_memcmp(pk2, pk, CHAIN_PUBLIC_BYTES) == 0 &&
	          sodium_memcmp(sk2, sk, CHAIN_SECRET_BYTES) == 0;
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(sk2, sizeof(sk2));
	return ok;
}

enum chain_verdict chain_check_next(const struct chain_entry *e,
                                    const unsigned char sig[CHAIN_SIG_BYTES],
                                    const unsigned char pk[CHAIN_PUBLIC_BYTES], long next_seq,
                                    const unsigned char next_prev[CHAIN_HASH_BYTES])
{
	/* the signature first: an entry nobody of this event signed says nothing about order */
	if (!chain_verify(e, sig, pk)) {
		return CHAIN_BAD_SIGNATURE;
	}
	if (e->seq != next_seq) {
		return CHAIN_GAP;
	}
	if (memcmp(e->prev, next_prev, CHAIN_HASH_BYTES) != 0) {
		return CHAIN_BROKEN;
	}
	return CHAIN_OK;
}

char *chain_to_hex(const unsigned char *bytes, size_t n)
{
	char *hex = xmalloc(2 * n + 1);

	sodium_bin2hex(hex, 2 * n + 1, bytes, n);
	return hex;
}

bool chain_from_hex(const char *hex, unsigned char *out, size_t n)
{
	size_t len = 0;
	const char *end = NULL;

	if (hex == NULL || strlen(hex) != 2 * n) {
		return false;
	}
	return sodium_hex2bin(out, n, hex, 2 * n, NULL, &len, &end) == 0 && len == n &&
	       *end == '\0';
}
