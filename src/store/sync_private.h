/*
 * sync_private: the bundle line reader that sync.c and lanlog.c share (a
 * LAN log's lines are a bundle's), so an entry is checked field by field in
 * one place whatever carried it. Never included outside src/store.
 */
#ifndef FRONTDESK_SYNC_PRIVATE_H
#define FRONTDESK_SYNC_PRIVATE_H

#include <sqlite3.h>
#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/diag.h"
#include "frontdesk/sync.h"

struct reader {
	struct db *db;
	sqlite3_stmt *valid;  /* json_valid and json_type of a whole line */
	sqlite3_stmt *header; /* the header's fields */
	sqlite3_stmt *entry;  /* an entry's fields, each with its JSON type */
	struct diag_list *errs;
	size_t cap; /* entries allocated in the bundle being read */
};

/* Prepares the reader's statements; problems it finds go to errs. */
void sync_reader_open(struct reader *r, struct db *db, struct diag_list *errs);
void sync_reader_close(struct reader *r);

/* Checks the entry on line (its text without the newline) and appends it to out. */
void sync_reader_entry(struct reader *r, int line, const char *text, struct sync_bundle *out);

/*
 * Sorts out's entries by desk then seq (what sync_check_entries expects; it
 * finds reordered lines by their numbers) and reports a (desk, seq) given twice.
 */
void sync_sort_entries(struct sync_bundle *out, struct diag_list *errs);

/*
 * The replay's columns (sync_replay_row reads them in this order), over a
 * FROM that names each journal row's rowid rid and its details d
 * (SYNC_REPLAY_DETAILS); the last column says whether rid is after ?1.
 */
#define SYNC_REPLAY_COLUMNS                                                                         \
	"desk_id, seq, at, operator, action, subject, "                                             \
	"json_extract(d, '$.evidence'), coalesce(json_extract(d, '$.evidence.card_amount'), "       \
	"json_extract(d, '$.amount'), 0), coalesce(json_extract(d, '$.evidence.card_reference'), "  \
	"json_extract(d, '$.reference')), coalesce(json_extract(d, '$.evidence.invoice_title'), "   \
	"json_extract(d, '$.invoice_title')), coalesce(json_extract(d, '$.evidence.taxpayer_no'), " \
	"json_extract(d, '$.taxpayer_no')), json_extract(d, '$.lodging.hotel'), "                   \
	"json_extract(d, '$.lodging.room'), coalesce(json_extract(d, '$.lodging.bed'), 0), "        \
	"json_extract(d, '$.reason'), json_extract(d, '$.checked_in_at'), "                         \
	"json_extract(d, '$.desk'), json_extract(d, '$.room_type'), json_extract(d, '$.arrive'), "  \
	"json_extract(d, '$.depart'), coalesce(json_extract(d, '$.min_rank'), 0), "                 \
	"json_extract(d, '$.session'), json_extract(d, '$.sign'), rid > coalesce(?1, 0)"
/* The details as an object, whatever a row holds. */
#define SYNC_REPLAY_DETAILS                                                               \
	"CASE WHEN NOT json_valid(details) THEN '{}' WHEN json_type(details) = 'object' " \
	"THEN details ELSE '{}' END AS d"

/* One row of SYNC_REPLAY_COLUMNS as an entry (its strings the caller's). */
struct sync_replay_entry sync_replay_row(sqlite3_stmt *stmt);

#endif
