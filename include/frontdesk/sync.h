/*
 * sync: the store's side of merging desks (DESIGN section 4, docs/merge.md):
 * reading a sync bundle, adding the journal entries that are new, reading the
 * whole journal back in replay order, and the tables a merge rebuilds from it
 * (check-ins, rejections, on-site payments, stays, walk-ins, conflicts).
 *
 * JSON is read with SQLite's own JSON functions: the bundle's lines and the
 * entries' details are SQL values here, and nothing above the store parses JSON.
 */
#ifndef FRONTDESK_SYNC_H
#define FRONTDESK_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/chain.h"
#include "frontdesk/db.h"
#include "frontdesk/diag.h"

/* The bundle format this build writes and reads (a newer one is refused). */
#define SYNC_BUNDLE_VERSION 2

/* One journal row as a bundle carries it. */
struct sync_entry {
	char *desk_id;
	long seq;
	char *at; /* "YYYY-MM-DD HH:MM:SS" */
	char *operator_name;
	char *action;
	char *subject;  /* may be NULL */
	char *details;  /* a JSON object as text, or NULL */
	int line;       /* its line in the bundle file */
	bool is_signed; /* prev and sig were given (chain.h); both or neither */
	unsigned char prev[CHAIN_HASH_BYTES];
	unsigned char sig[CHAIN_SIG_BYTES];
};

struct sync_bundle {
	char *event;
	char *event_name;
	char *desk_id; /* the exporting desk */
	char *exported_at;
	char *setup; /* the exporting copy's setup_history, or NULL (setup.h) */
	struct sync_entry *entries;
	size_t n;
};

/*
 * Reads the bundle at path and checks every line: the header (format,
 * version, event, desk, entry count) and each entry's fields. Problems go to
 * errs with their line numbers (the bundle is then unusable as a whole).
 * Returns false with *cause only when the file cannot be read at all.
 * Release with sync_bundle_release, also after a failure.
 */
bool sync_read_bundle(struct db *db, const char *path, struct sync_bundle *out,
                      struct diag_list *errs, char **cause);
void sync_bundle_release(struct sync_bundle *bundle);

/* Why a merge refuses an entry of a bundle (docs/merge.md, "What a merge refuses"). */
enum sync_refusal_kind {
	SYNC_UNKNOWN_DESK,  /* not one of this event's desks (or, unprepared, not this desk) */
	SYNC_UNSIGNED,      /* no prev and sig, on a database prepared with desks */
	SYNC_BAD_SIGNATURE, /* not its desk's signature of its content */
	SYNC_BROKEN_CHAIN,  /* its prev is not the hash of its desk's previous entry */
	SYNC_FORK,          /* its (desk, seq) is stored here with other content */
	SYNC_NOT_NEXT,      /* its seq is not its desk's next one (a gap, a jump) */
	SYNC_REORDERED,     /* it comes before an earlier entry of its desk in the bundle */
};

/* The first entry a merge refuses, named, with a bilingual message. */
struct sync_refusal {
	enum sync_refusal_kind kind;
	char *desk_id;
	long seq;
	int line;      /* its line in the bundle (0 when not from a file) */
	char *message; /* what is wrong, that nothing was merged, what to do */
};

/*
 * The one check every merge (an export folder, a bare bundle, the LAN) runs
 * before storing anything: each entry of bundle (as sync_read_bundle returns
 * it: sorted by desk then seq, each with its line) must come from a desk of
 * event this database knows; on a database prepared with `frontdesk desks`
 * each entry must be signed by its desk's key, carry the hash of its desk's
 * previous entry, and be its desk's next sequence after what is stored here
 * or the very entry stored under its (desk, seq); the bundle must list each
 * desk's entries in sequence order. A database not so prepared (one desk)
 * takes only its own desk's entries back, as stored. Reads only. Returns true
 * when all hold, else false with out filled for the first entry that does
 * not (release it with sync_refusal_release).
 */
bool sync_check_entries(struct db *db, const char *event, const char *own_desk,
                        const struct sync_bundle *bundle, struct sync_refusal *out);
void sync_refusal_release(struct sync_refusal *r);

/* An entry of the bundle that has the key of a stored entry but other contents. */
struct sync_clash {
	char *desk_id;
	long seq;
};

/*
 * Inserts the bundle's entries that the journal lacks, inside the caller's
 * transaction. Returns how many were new, or -1: with *cause on a database
 * error, or with *clash filled (cause NULL) when a stored entry with the same
 * (desk, sequence) differs: two desks used one desk id.
 */
long sync_add_entries(struct db *db, const struct sync_bundle *bundle, struct sync_clash *clash,
                      char **cause);
void sync_clash_release(struct sync_clash *clash);

/* A journal entry with the fields of its details that a replay needs. */
struct sync_replay_entry {
	char *desk_id;
	long seq;
	char *at;
	char *operator_name;
	char *action;
	char *subject;
	char *evidence;      /* checkin: the evidence object as JSON text */
	int card_amount;     /* checkin with a card payment, and pay: the amount; else 0 */
	char *reference;     /* POS reference of that payment */
	char *invoice_title; /* of that payment, may be NULL */
	char *taxpayer_no;   /* of that payment, may be NULL */
	char *hotel;         /* checkin: the bed the desk gave, NULL when none */
	char *room;
	int bed;
	char *reason;    /* reject, reprint */
	char *undone_at; /* undo: the check-in it undid */
	char *undone_desk;
	char *room_type; /* walkin: the request granted ("king", "twin_single", "bed") */
	char *arrive;    /* walkin: its nights */
	char *depart;
	int min_rank;  /* walkin: placed in the hotels from this rank on */
	char *session; /* attend, excuse: the session's id */
	char *sign;    /* attend: "in" or "out" */
	bool fresh;    /* stored after the mark of sync_load_replay_since */
};

/*
 * Reads the whole journal in replay order: by time, each desk's entries kept
 * in their sequence order (an entry stamped earlier than its desk's previous
 * one counts at that previous time), ties by desk id then sequence. The same
 * entries give the same order on every desk. Free with sync_replay_free.
 */
size_t sync_load_replay(struct db *db, struct sync_replay_entry **out);

/*
 * The journal's mark: its highest rowid (0 when empty). The entries stored
 * after a mark are those a merge just added.
 */
long sync_journal_mark(struct db *db);

/*
 * Whether the entries stored after mark may be applied alone on the rows
 * (an incremental replay gives what the whole replay would): every one of
 * them comes after every earlier entry in replay order, none is a settle,
 * and no earlier guest waits for a new bed (no BED_TWICE or BED_CHANGED is
 * listed: the whole replay would re-house them after the new entries).
 */
bool sync_tail_applies_alone(struct db *db, long mark);

/*
 * As sync_load_replay, the entries stored after mark (fresh) and the earlier
 * ones about the same subjects (not fresh), in replay order.
 */
size_t sync_load_replay_since(struct db *db, long mark, struct sync_replay_entry **out);
void sync_replay_free(struct sync_replay_entry *entries, size_t n);

/*
 * Deletes what a replay rebuilds: check-ins, rejections, on-site payments,
 * stays, walk-ins, session attendance and conflicts (print jobs and the journal stay). False with
 * *cause.
 */
bool sync_clear_derived(struct db *db, char **cause);

/* Deletes the check-in row of attendee_id (a replayed undo; stays are the caller's). */
bool sync_remove_checkin(struct db *db, long attendee_id, char **cause);

/* A conflict found by a replay and how it was resolved (kinds: docs/merge.md). */
struct sync_conflict {
	char *kind; /* "CHECKIN_TWICE", "BED_TWICE", ... */
	char *reg_no;
	char *name;    /* filled when listed; ignored when added */
	char *desk_id; /* the entry the rule acted on */
	long seq;
	char *at;
	char *other_desk; /* the entry it collided with, or NULL */
	long other_seq;
	char *other_at;
	char *room_given; /* the bed the desk gave ("hotel room, bed n"), or NULL */
	char *room_now;   /* where the person sleeps now, or NULL */
	int amount;       /* money to refund, or 0 */
};

bool sync_add_conflict(struct db *db, const struct sync_conflict *c, char **cause);
/* Lists every stored conflict in the order found. Free with sync_conflicts_free. */
size_t sync_list_conflicts(struct db *db, struct sync_conflict **out);
void sync_conflicts_free(struct sync_conflict *list, size_t n);

/* Records a merge in merge_log (this copy only). False with *cause. */
bool sync_log_merge(struct db *db, const char *at, const char *source, const char *bundle_desk,
                    long entries, long new_entries, long conflicts, char **cause);

#endif
