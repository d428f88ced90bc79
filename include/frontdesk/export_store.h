/*
 * export_store: what the end-of-day export reads from the database (DESIGN
 * section 4): one consistent read of every table, a snapshot of the whole
 * database through SQLite's backup API, and the time of the last export.
 * Rows are handed to a callback one at a time, so a 100k-attendee event is
 * exported without holding it in memory; every string in a row is borrowed
 * and valid only during the call.
 */
#ifndef FRONTDESK_EXPORT_STORE_H
#define FRONTDESK_EXPORT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/db.h"

/*
 * Opens a read transaction: until export_store_end, every reader below and
 * export_store_snapshot see the same state, whatever another process commits
 * meanwhile. False with a bilingual *cause (the caller frees it).
 */
bool export_store_begin(struct db *db, char **cause);
/* Ends the read transaction (nothing was written); harmless when none is open. */
void export_store_end(struct db *db);

/* Returns the size of the database in bytes (pages times page size): what a snapshot takes. */
uint64_t export_store_size(struct db *db);

/*
 * Copies the database, as the open read transaction sees it, to a new file
 * at path through the backup API. The copy is a standalone database in
 * rollback-journal mode (no -wal file needed to read it), written with
 * synchronous=FULL. False with a bilingual *cause and *os_errno (ENOSPC for a
 * full disk, EIO, ..., 0 when not an OS error); a partial file may remain.
 */
bool export_store_snapshot(struct db *db, const char *path, int *os_errno, char **cause);

/* One check-in with who and what it rests on. */
struct export_checkin_row {
	const char *reg_no;
	const char *name;
	const char *gender; /* "M", "F" or "" */
	const char *organisation;
	const char *position;
	const char *phone;
	bool member;
	const char *at;
	const char *desk_id;
	const char *operator_name;
	bool voucher_seen;          /* the staff saw the transfer voucher */
	int card_amount;            /* card payment taken with the check-in, 0 when none */
	const char *card_reference; /* its POS reference, or NULL */
};

/* One registration with whether and where it checked in. */
struct export_attendance_row {
	const char *reg_no;
	const char *name;
	const char *gender;
	const char *organisation;
	const char *position;
	const char *phone;
	bool member;
	const char *status; /* "approved", "pending", "rejected" */
	bool withdrawn;
	const char *checkin_at; /* NULL when not checked in */
	const char *checkin_desk;
};

/* One journal entry, exactly as stored. */
struct export_journal_row {
	const char *desk_id;
	long seq;
	const char *at;
	const char *operator_name;
	const char *action;
	const char *subject; /* may be NULL */
	const char *details; /* a JSON object as text, or NULL */
	const char *prev;    /* the chain's hash as hex (chain.h), NULL when unsigned */
	const char *sig;     /* its desk's signature as hex, NULL when unsigned */
};

/*
 * Appends r to sb as one bundle line (docs/export.md): details kept verbatim as
 * a string, prev and sig as hex. The one writer of the line both the export's
 * bundle.jsonl and a desk's LAN log carry, so a signature never meets two formats.
 */
struct strbuf;
void export_store_bundle_line(struct strbuf *sb, const struct export_journal_row *r);

/* A row callback returns false to stop (the writer failed). */
typedef bool (*export_checkin_fn)(void *ctx, const struct export_checkin_row *row);
typedef bool (*export_attendance_fn)(void *ctx, const struct export_attendance_row *row);
typedef bool (*export_journal_fn)(void *ctx, const struct export_journal_row *row);

/*
 * Each reader hands every row to fn in a stable order and returns true when
 * all were handed over. False when fn stopped (*cause untouched) or reading
 * failed (bilingual *cause).
 */
/* Check-ins in time order. */
bool export_store_checkins(struct db *db, export_checkin_fn fn, void *ctx, char **cause);
/* Every registration in reg_no order. */
bool export_store_attendance(struct db *db, export_attendance_fn fn, void *ctx, char **cause);
/* The whole journal (every desk's entries) in (desk id, sequence) order. */
bool export_store_journal(struct db *db, export_journal_fn fn, void *ctx, char **cause);
/* Returns the number of journal entries (every desk). */
long export_store_journal_count(struct db *db);

/*
 * Records when the last export was made (setting export.last, "YYYY-MM-DD
 * HH:MM:SS") and where (export.last_dir), in a transaction of its own.
 * False with *cause.
 */
bool export_store_set_last(struct db *db, const char *when, const char *folder, char **cause);
/* Returns the time of the last export, or NULL when none was made; the caller frees it. */
char *export_store_last(struct db *db);

#endif
