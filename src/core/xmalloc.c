/*
 * xmalloc owns the project's only out-of-memory policy: abort with a message.
 * Every other module may assume allocation succeeds.
 */
#include "frontdesk/xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
	fprintf(stderr, "frontdesk: 内存不足 / out of memory (%zu bytes)\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL) {
		out_of_memory(size);
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL) {
		out_of_memory(n * size);
	}
	return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	void *p;
	size_t bytes;

	if (size != 0 && n > SIZE_MAX / size) {
		out_of_memory(SIZE_MAX);
	}
	bytes = n * size;
	p = realloc(ptr, bytes != 0 ? bytes : 1);
	if (p == NULL) {
		out_of_memory(n * size);
	}
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *copy = xmalloc(n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0) {
		out_of_memory(strlen(fmt));
	}
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
