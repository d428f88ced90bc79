/*
 * xmalloc: allocation that never returns NULL.
 *
 * A check-in desk cannot do anything useful after running out of memory, and
 * checking every allocation would bury the logic, so out of memory aborts here,
 * in one place, with a message (DESIGN section 7).
 */
#ifndef FRONTDESK_XMALLOC_H
#define FRONTDESK_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Returns a new block of size bytes (at least 1); the caller frees it. */
void *xmalloc(size_t size);
/* Returns n zeroed elements of size bytes; aborts on overflow. The caller frees it. */
void *xcalloc(size_t n, size_t size);
/* Resizes ptr to n elements of size bytes; aborts on overflow. */
void *xreallocarray(void *ptr, size_t n, size_t size);
/* Returns a copy of s; the caller frees it. */
char *xstrdup(const char *s);
/* Returns a copy of the first n bytes of s, NUL-terminated; the caller frees it. */
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* As xasprintf with a va_list. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
