/*
 * changes: what changed in the database since a cache in memory was built,
 * so the cache is brought up to date by delta instead of rebuilt. Three marks
 * say it: the journal's last row (every desk action, here or merged from
 * another desk, appends one naming its registration), the import log's last
 * row (an import rewrites the roster itself, names and phones included) and
 * the count of whole-journal replays (a merged entry that falls before
 * entries already applied makes the merge replay everything, and then any
 * registration's check-in, payment or bed may differ, named or not).
 */
#ifndef FRONTDESK_CHANGES_H
#define FRONTDESK_CHANGES_H

#include <stddef.h>

struct db;

struct change_mark {
	long journal; /* rowid of the journal's last entry, 0 when empty */
	long import;  /* id of the import log's last row, 0 when empty */
	long replays; /* replays of the whole journal on this copy (setting desk.replays) */
};

/* Fills *out with the three marks as they are now (three index lookups). */
void changes_mark(struct db *db, struct change_mark *out);

/*
 * Returns the ids of the registrations named by journal entries after
 * rowid journal_after, without repeats, in *ids (the caller frees it) and
 * their count.
 */
size_t changes_attendees_since(struct db *db, long journal_after, long **ids);

/*
 * Returns how many journal entries after rowid journal_after name no
 * registration (a `rooms settle` moves many people at once): a cache kept by
 * delta starts again from scratch then.
 */
long changes_unnamed_since(struct db *db, long journal_after);

#endif
