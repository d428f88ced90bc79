/*
 * strpool: strings that live and die together, allocated from shared chunks.
 *
 * A 100k-row roster holds about 800,000 short strings (reg_nos, names,
 * phones); a malloc each cost more in chunk headers and rounding than the
 * text itself. A pool packs them and frees them all at once.
 */
#ifndef FRONTDESK_STRPOOL_H
#define FRONTDESK_STRPOOL_H

#include <stddef.h>

struct strpool_chunk;

struct strpool {
	struct strpool_chunk *chunks; /* the one being filled first */
};

#define STRPOOL_INIT \
	{            \
		NULL \
	}

/* Returns a copy of s owned by the pool: valid until strpool_release, never freed alone. */
char *strpool_dup(struct strpool *pool, const char *s);

/* Frees every string of the pool; the pool may be reused. */
void strpool_release(struct strpool *pool);

#endif
