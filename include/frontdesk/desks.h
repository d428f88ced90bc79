/*
 * desks: the store's side of an event run at several desks (DESIGN section 4,
 * docs/merge.md): the desks `frontdesk desks` named, in their order.
 */
#ifndef FRONTDESK_DESKS_H
#define FRONTDESK_DESKS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/chain.h"
#include "frontdesk/db.h"

/* At most this many desks (one letter or short id each, a lobby has a few). */
#define DESKS_MAX 26

/*
 * Replaces the named desks with ids[0..n-1] in that order, desk i with the
 * public key keys[i], inside the caller's transaction (rooms lose their desk
 * first, and this copy any installed private key). False with *cause.
 */
bool desks_name(struct db *db, const char *const *ids, size_t n,
                const unsigned char (*keys)[CHAIN_PUBLIC_BYTES], char **cause);

/* The number of named desks: 0 when the event was not prepared for several desks. */
int desks_count(struct db *db);

/* True when id is one of the named desks. */
bool desks_has(struct db *db, const char *id);

/* The number of journal entries of every desk (desks can be named only before the first). */
long desks_journal_entries(struct db *db);

/* Copies desk id's public key into pk; false when id is not a named desk. */
bool desks_public_key(struct db *db, const char *id, unsigned char pk[CHAIN_PUBLIC_BYTES]);

/*
 * Makes sk this copy's private key, for desk id, inside the caller's
 * transaction; it replaces any other, so a copy holds one desk's key at most.
 * False with *cause.
 */
bool desks_install_secret(struct db *db, const char *id, const unsigned char sk[CHAIN_SECRET_BYTES],
                          char **cause);

/* Copies this copy's private key into sk when it is desk id's; false otherwise. */
bool desks_secret(struct db *db, const char *id, unsigned char sk[CHAIN_SECRET_BYTES]);

#endif
