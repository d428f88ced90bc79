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

/*
 * What this desk knows about the shares, for room_share_access
 * (src/store/desk_shares.c), read in the caller's transaction. The check-in
 * action keeps what it read (share_access.c) and reads again only what the
 * journal says changed: reading every stay per bed took 0.2-0.5 s at the end
 * of a 100k day.
 */

/*
 * Writes each room's share (its desk's position, 0 when it has none) into
 * owner[], in pic's order. False when the database's rooms are not pic's.
 */
bool desks_share_owners(struct db *db, const struct hotel_picture *pic, int *owner);

/*
 * Writes into age_of[1..n_desks] the seconds since each desk's latest entry
 * here (-1: none; an entry stamped ahead of this desk's clock counts as just
 * written) and returns this copy's desk position (0 when it is not named).
 */
int desks_share_ages(struct db *db, int n_desks, long *age_of);

/*
 * Calls take(attendee_id, where) with where each attendee stands checked in
 * (SHARE_CHECKIN_*, from this copy's desk.id): for every check-in when since
 * is negative (then nobody else is checked in), else for every subject of the
 * journal entries after mark since (sync_journal_mark), checked in or not.
 */
void desks_checkin_places(struct db *db, long since,
                          void (*take)(long attendee_id, enum share_checkin where, void *arg),
                          void *arg);

/*
 * Sets ours, theirs and empty of each room of pic as the stored stays and
 * check-ins say, by reading all of them: what the tests compare the kept copy
 * with (FRONTDESK_VERIFY_STAY_CACHE).
 */
void desks_share_sleepers(struct db *db, const struct hotel_picture *pic, struct share_view *rooms);

#endif
