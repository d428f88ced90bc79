/*
 * digest: SHA-256 of bulk data, the export's files as they are written and
 * as the drive gives them back, and a merged folder's files against its
 * SHA256SUMS. These are hundreds of megabytes at the end of a long day, so
 * they go through OpenSSL's libcrypto, which uses the processor's SHA
 * instructions (about five times libsodium's portable code on the desk
 * laptop; docs/decisions.md, "The database file and the export's
 * checksums"). Short hashes
 * (the journal chain) stay with libsodium.
 */
#ifndef FRONTDESK_DIGEST_H
#define FRONTDESK_DIGEST_H

#include <sodium.h>
#include <stddef.h>

struct evp_md_ctx_st;

/* One SHA-256 in progress. */
struct digest {
	struct evp_md_ctx_st *ctx;         /* libcrypto's, or NULL when it would not start */
	crypto_hash_sha256_state fallback; /* then libsodium gives the same digest, slower */
};

void digest_init(struct digest *d);
void digest_update(struct digest *d, const void *data, size_t len);
/* Writes the digest as 64 lower-case hex digits and a NUL, and frees d's state. */
void digest_final_hex(struct digest *d, char hex[65]);
/* The SHA-256 of len bytes of data, as hex. */
void digest_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
