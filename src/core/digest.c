/*
 * digest wraps libcrypto's EVP interface for SHA-256. Should libcrypto not
 * start a digest (an OpenSSL configuration that disables its providers), the
 * same digest is computed with libsodium, so an export or a merge never
 * fails for the speed-up's sake.
 */
#include "frontdesk/digest.h"

#include <openssl/evp.h>

void digest_init(struct digest *d)
{
	d->ctx = EVP_MD_CTX_new();
	if (d->ctx != NULL && EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(d->ctx);
		d->ctx = NULL;
	}
	if (d->ctx == NULL) {
		crypto_hash_sha256_init(&d->fallback);
	}
}

void digest_update(struct digest *d, const void *data, size_t len)
{
	if (d->ctx != NULL) {
		/* fails only on a context this module never passes: NULL or finished */
		(void)EVP_DigestUpdate(d->ctx, data, len);
	} else {
		crypto_hash_sha256_update(&d->fallback, data, len);
	}
}

void digest_final_hex(struct digest *d, char hex[65])
{
	unsigned char out[crypto_hash_sha256_BYTES];
	unsigned int n = 0;

	if (d->ctx != NULL) {
		if (EVP_DigestFinal_ex(d->ctx, out, &n) != 1 || n != sizeof(out)) {
			/* never seen; an all-zero digest then fails the read-back, not silently */
			sodium_memzero(out, sizeof(out));
		}
		EVP_MD_CTX_free(d->ctx);
		d->ctx = NULL;
	} else {
		crypto_hash_sha256_final(&d->fallback, out);
	}
	sodium_bin2hex(hex, 65, out, sizeof(out));
}

void digest_sha256_hex(const void *data, size_t len, char hex[65])
{
	struct digest d;

	digest_init(&d);
	digest_update(&d, data, len);
	digest_final_hex(&d, hex);
}
