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
#include "frontdesk/room_share.h"
#include "frontdesk/stays.h"

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

/*
 * Shares the rooms of every hotel out among the named desks (room_share_deal)
 * and writes room.share_desk, inside the caller's transaction. Writes into
 * per_desk[p] (p = 0 .. desks_count - 1, the caller's array) how many rooms
 * the p-th desk got. False with *cause.
 */
bool desks_share_rooms(struct db *db, size_t *per_desk, char **cause);

/* What this desk knows about the shares, for room_share_access (src/store/desk_shares.c). */
struct desk_shares {
	int n_desks;
	int desk;                 /* this copy's desk position (1..), 0 when it is not named */
	long *age_of;             /* [0..n_desks]: seconds since desk p's latest entry here, -1 */
	struct share_view *rooms; /* one per room of the picture, in its order */
};

/*
 * Loads, for the rooms of pic (read in the caller's transaction), each room's
 * share and which desks' guests sleep in it, and how long ago each desk's
 * latest entry merged here was written (by the journal's clock). False with
 * *cause when the picture's rooms are not the database's. Release with
 * desks_shares_release.
 */
bool desks_shares_load(struct db *db, const struct hotel_picture *pic, struct desk_shares *out,
                       char **cause);
void desks_shares_release(struct desk_shares *s);

#endif
