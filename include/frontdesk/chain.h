/*
 * chain: the signed journal (issue 15, docs/merge.md "Several desks"). Each
 * journal entry of a database prepared with `frontdesk desks` is signed with
 * its desk's Ed25519 key and carries the hash of that desk's previous entry,
 * so a merge takes only what this event's desks wrote, in the order they
 * wrote it. This module owns the bytes that are signed and hashed, and the
 * rule that says whether an entry may follow the one before it; it does no
 * I/O (libsodium only computes).
 */
#ifndef FRONTDESK_CHAIN_H
#define FRONTDESK_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/strbuf.h"

#define CHAIN_HASH_BYTES   32 /* SHA-256 */
#define CHAIN_SIG_BYTES    64 /* Ed25519 signature */
#define CHAIN_PUBLIC_BYTES 32 /* Ed25519 public key */
#define CHAIN_SECRET_BYTES 64 /* Ed25519 secret key (seed and public half) */

/* The fields of one entry that its signature covers; subject and details may be NULL. */
struct chain_entry {
	const char *event; /* the event code: an entry of another event never verifies here */
	const char *desk;
	long seq;
	const char *at;
	const char *operator_name;
	const char *action;
	const char *subject;
	const char *details;
	const unsigned char *prev; /* CHAIN_HASH_BYTES: the hash of the desk's previous entry */
};

/*
 * Appends the canonical bytes of e to out: the domain tag
 * "frontdesk-journal-entry-v1" and its NUL, then each field in the order of
 * struct chain_entry, text as one byte (0 absent, 1 present) and, when
 * present, an 8-byte big-endian length and the bytes; seq as 8 bytes
 * big-endian; prev as its 32 bytes. No two different entries give the same bytes.
 */
void chain_encode(const struct chain_entry *e, struct strbuf *out);

/* The hash (SHA-256 of chain_encode) the desk's next entry carries as prev. */
void chain_hash(const struct chain_entry *e, unsigned char out[CHAIN_HASH_BYTES]);

/* The prev of a desk's first entry: 32 zero bytes (the desk and event are signed anyway). */
void chain_first_prev(unsigned char out[CHAIN_HASH_BYTES]);

/* Signs chain_encode(e) with secret key sk into sig. */
void chain_sign(const struct chain_entry *e, const unsigned char sk[CHAIN_SECRET_BYTES],
                unsigned char sig[CHAIN_SIG_BYTES]);

/* True when sig is pk's signature of chain_encode(e). */
bool chain_verify(const struct chain_entry *e, const unsigned char sig[CHAIN_SIG_BYTES],
                  const unsigned char pk[CHAIN_PUBLIC_BYTES]);

/* Makes a new key pair from the OS random source. False only when libsodium cannot start. */
bool chain_keypair(unsigned char pk[CHAIN_PUBLIC_BYTES], unsigned char sk[CHAIN_SECRET_BYTES]);

/* True when sk is the secret half of pk. */
bool chain_key_matches(const unsigned char sk[CHAIN_SECRET_BYTES],
                       const unsigned char pk[CHAIN_PUBLIC_BYTES]);

/* What may be wrong with an entry coming after its desk's previous one. */
enum chain_verdict {
	CHAIN_OK,
	CHAIN_GAP,           /* its seq is not the next one (a gap, a jump, a repeat) */
	CHAIN_BROKEN,        /* its prev is not the hash of the desk's previous entry */
	CHAIN_BAD_SIGNATURE, /* not signed by its desk's key, or altered since */
};

/*
 * Judges entry e (signed sig) as the next entry of its desk, whose public key
 * is pk: its seq must be next_seq and its prev must be next_prev (the hash of
 * the previous entry, chain_first_prev for seq 1), and sig must verify.
 */
enum chain_verdict chain_check_next(const struct chain_entry *e,
                                    const unsigned char sig[CHAIN_SIG_BYTES],
                                    const unsigned char pk[CHAIN_PUBLIC_BYTES], long next_seq,
                                    const unsigned char next_prev[CHAIN_HASH_BYTES]);

/*
 * Writes bytes as lower-case hex into a new string (the caller frees it).
 * chain_from_hex fills out[n] from exactly 2n hex digits; false otherwise.
 */
char *chain_to_hex(const unsigned char *bytes, size_t n);
bool chain_from_hex(const char *hex, unsigned char *out, size_t n);

#endif
