/*
 * import checks both files completely, then merges in one transaction; with
 * any error in either file the database is not opened for writing at all.
 */
#include "frontdesk/actions/import.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "gender_review.h"
#include "frontdesk/collective.h"
#include "frontdesk/roster.h"
#include "frontdesk/roster_merge.h"
#include "frontdesk/xmalloc.h"

static void keep_unknown_columns(struct import_outcome *out, struct roster *roster)
{
	out->encoding = roster->encoding;
	out->n_unknown = roster->n_unknown;
	out->unknown_columns = roster->unknown_columns;
	roster->unknown_columns = NULL;
	roster->n_unknown = 0;
}

/* Moves the store's merge figures (and its warnings) into the outcome. */
static void keep_counts(struct import_outcome *out, struct roster_merge_result *merged)
{
	out->counts = (struct import_counts){
	    .imported = merged->imported,
	    .updated = merged->updated,
	    .unchanged = merged->unchanged,
	    .withdrawn = merged->withdrawn,
	    .restored = merged->restored,
	    .transfers = merged->transfers,
	    .warnings = merged->warnings,
	};
	memset(&merged->warnings, 0, sizeof(merged->warnings));
}

/* Reads and validates the collective file into *list; false when it could not be read. */
static bool read_collective(const char *path, struct collective_list **list, struct diag_list *errs,
                            char **cause)
{
	size_t len = 0;
	char *raw;

	*list = NULL;
	if (path == NULL) {
		return true;
	}
	raw = files_read(path, &len, cause);
	if (raw == NULL) {
		return false;
	}
	*list = collective_parse(raw, len, errs);
	free(raw);
	return true;
}

enum action_status action_import(struct desk *desk, const char *roster_path,
                                 const char *collective_path, struct import_outcome *out,
                                 char **cause)
{
	size_t len = 0;
	char sha[65];
	struct collective_list *collective = NULL;
	enum action_status status = ACTION_BAD_INPUT;

	memset(out, 0, sizeof(*out));
	char *raw = files_read(roster_path, &len, cause);
	if (raw == NULL) {
		return ACTION_BAD_INPUT;
	}
	files_sha256_hex(raw, len, sha);
	struct roster *roster = roster_parse(raw, len, desk->cfg, &out->errors);
	free(raw);
	if (roster != NULL) {
		keep_unknown_columns(out, roster);
	}
	if (!read_collective(collective_path, &collective, &out->errors, cause)) {
		roster_free(roster);
		return ACTION_BAD_INPUT;
	}
	if (roster != NULL && out->errors.n == 0) {
		struct roster_merge_result merged = {0};
		struct gender_before before;
		gender_review_before(desk, &before);
		status =
		    roster_merge(desk->db, roster, collective, roster_path, sha, &merged, cause)
		        ? ACTION_OK
		        : ACTION_FAILED;
		if (status == ACTION_OK) {
			/* a lodged sharer's gender corrected: the beds stay, the staff are told */
			gender_review_import(desk, &before, roster, &merged.warnings);
		}
		gender_before_release(&before);
		keep_counts(out, &merged);
	}
	collective_free(collective);
	roster_free(roster);
	return status;
}

void action_import_release(struct import_outcome *out)
{
	diag_list_clear(&out->errors);
	diag_list_clear(&out->counts.warnings);
	for (size_t i = 0; i < out->n_unknown; i++) {
		free(out->unknown_columns[i]);
	}
	free(out->unknown_columns);
	memset(out, 0, sizeof(*out));
}
