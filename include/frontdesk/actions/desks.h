/*
 * actions/desks (src/actions/desks.c): preparing one database for an event
 * run at several desks (DESIGN section 4, docs/merge.md).
 */
#ifndef FRONTDESK_ACTIONS_DESKS_H
#define FRONTDESK_ACTIONS_DESKS_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"

struct desks_result {
	char *message;    /* what happened and what to do next (the caller frees it) */
	char *keys_dir;   /* where the desks' private key files were written, or NULL */
	char **key_files; /* the key files written, one per desk in the order named */
	size_t n_key_files;
};

/*
 * desks: names the event's desks ids[0..n-1] on the prepared database, before
 * it is copied (refused once any journal entry exists). ACTION_BAD_INPUT for
 * a bad, repeated or missing id or more than DESKS_MAX. keys_dir (NULL: the
 * database's folder) receives one private key file per desk, desk-<ID>.key
 * (0600, never overwritten: ACTION_REFUSED when one exists); the database
 * keeps only the public keys.
 * Release with desks_result_release.
 */
enum action_status action_desks(struct desk *desk, const char *const *ids, size_t n,
                                const char *keys_dir, struct desks_result *out);
void desks_result_release(struct desks_result *r);

#endif
