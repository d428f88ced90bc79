/*
 * strpool owns the chunks that pooled strings are packed into. Chunks are
 * never moved or grown, so a string's address holds until the pool is
 * released; a string too long to pack well gets a chunk of its own.
 */
#include "frontdesk/strpool.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/xmalloc.h"

/* Large enough that the chunk headers do not matter, small enough to waste little at the end. */
#define CHUNK_TEXT (64 * 1024 - 64)

struct strpool_chunk {
	struct strpool_chunk *next;
	size_t used;
	size_t cap;
	char text[];
};

static struct strpool_chunk *chunk_new(size_t cap, struct strpool_chunk *next)
{
	struct strpool_chunk *c = xmalloc(sizeof(*c) + cap);

	c->next = next;
	c->used = 0;
	c->cap = cap;
	return c;
}

/*
 * Returns a chunk with n bytes free. A long string goes into its own chunk,
 * behind the one being filled, so the free room of that one is not given up.
 */
static struct strpool_chunk *chunk_with_room(struct strpool *pool, size_t n)
{
	struct strpool_chunk *head = pool->chunks;

	if (head != NULL && head->cap - head->used >= n) {
		return head;
	}
	if (n > CHUNK_TEXT / 4) {
		struct strpool_chunk *own = chunk_new(n, head ? head->next : NULL);
		if (head == NULL) {
			pool->chunks = own;
		} else {
			head->next = own;
		}
		return own;
	}
	pool->chunks = chunk_new(CHUNK_TEXT, head);
	return pool->chunks;
}

char *strpool_dup(struct strpool *pool, const char *s)
{
	size_t n = strlen(s) + 1;
	struct strpool_chunk *c = chunk_with_room(pool, n);
	char *copy = c->text + c->used;

	memcpy(copy, s, n);
	c->used += n;
	return copy;
}

void strpool_release(struct strpool *pool)
{
	struct strpool_chunk *c = pool->chunks;

	while (c != NULL) {
		struct strpool_chunk *next = c->next;
		free(c);
		c = next;
	}
	pool->chunks = NULL;
}
