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

#endif
