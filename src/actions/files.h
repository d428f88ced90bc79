/*
 * files: reading organisers' input files whole, with a size limit and a
 * digest for the import log. Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_FILES_H
#define FRONTDESK_ACTIONS_FILES_H

#include <stddef.h>

/* Inputs larger than this are refused: the 100k-attendee bench roster is ~16 MiB. */
#define FILES_MAX_BYTES (256u * 1024u * 1024u)

/*
 * Returns the contents of path (NUL-terminated; the caller frees it) and sets
 * *len, or NULL with a bilingual *cause naming the file and what to do.
 */
char *files_read(const char *path, size_t *len, char **cause);

/* Writes the SHA-256 of data in lower-case hex into out. */
void files_sha256_hex(const char *data, size_t len, char out[65]);

#endif
