/*
 * sha256 (src/actions/sha256.c): the export's file checksums, as the bytes are
 * written and when they are read back. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_SHA256_H
#define FRONTDESK_ACTIONS_SHA256_H

#include <stddef.h>

struct sha256;

/* Returns a new running hash; finish it with sha256_finish, which frees it. */
struct sha256 *sha256_new(void);

/* Adds len bytes of data. */
void sha256_update(struct sha256 *h, const void *data, size_t len);

/* Writes the digest as 64 lower-case hex digits and a NUL into hex, and frees h. */
void sha256_finish(struct sha256 *h, char hex[65]);

#endif
