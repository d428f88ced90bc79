/*
 * sha256 hashes the export's files through libcrypto rather than libsodium:
 * an end-of-day export hashes about 180 MB twice (as written, then read back
 * from the drive), and libsodium's portable SHA-256 spent 2 s of CPU on it
 * (16% of the export, issue 16) where libcrypto's SHA-NI or AVX2 code spends a
 * fraction of that. The digests are the same; `sha256sum -c` checks them.
 */
#include "sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/xmalloc.h"

struct sha256 {
	EVP_MD_CTX *ctx;
};

/* libcrypto fails here only without memory (SHA-256 is always there): abort, as xmalloc does. */
static void must(int ok)
{
	if (!ok) {
		abort();
	}
}

struct sha256 *sha256_new(void)
{
	struct sha256 *h = xcalloc(1, sizeof(*h));

	h->ctx = EVP_MD_CTX_new();
	must(h->ctx != NULL && EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) == 1);
	return h;
}

void sha256_update(struct sha256 *h, const void *data, size_t len)
{
	must(EVP_DigestUpdate(h->ctx, data, len) == 1);
}

void sha256_finish(struct sha256 *h, char hex[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	must(EVP_DigestFinal_ex(h->ctx, digest, &n) == 1 && n == 32);
	for (unsigned int i = 0; i < n; i++) {
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	}
	EVP_MD_CTX_free(h->ctx);
	free(h);
}
