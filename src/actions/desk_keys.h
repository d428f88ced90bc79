/*
 * desk_keys (src/actions/desk_keys.c): the desks' private key files on disk,
 * written by `frontdesk desks` and read by `desk-id B --key FILE`. Their text
 * is core's deskkey.h.
 */
#ifndef FRONTDESK_ACTIONS_DESK_KEYS_H
#define FRONTDESK_ACTIONS_DESK_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/chain.h"
#include "frontdesk/deskkey.h"

/*
 * Writes DIR/desk-<id>.key for each of ids[0..n-1] with secrets[i], each
 * created new (0600, never over an existing file or through a link) and
 * fsynced. Returns the paths (*paths, the caller frees each and the array,
 * or desk_keys_remove) or false with a bilingual *cause, having removed
 * the files it made.
 */
bool desk_keys_write(const char *dir, const char *event, const char *const *ids, size_t n,
                     const unsigned char (*secrets)[CHAIN_SECRET_BYTES], char ***paths,
                     char **cause);

/* Removes (when remove is true) and frees the n files of paths; NULL is a no-op. */
void desk_keys_release(char **paths, size_t n, bool remove);

/* Reads the key file at path into out (deskkey_release it). False with a bilingual *cause. */
bool desk_keys_read(const char *path, struct deskkey *out, char **cause);

#endif
