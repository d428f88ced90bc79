/*
 * import checks both files completely, then merges in one transaction; with
 * any error in either file the database is not opened for writing at all.
 */
#include "frontdesk/progress.h"
#include "frontdesk/actions/import.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "gender_review.h"
#include "frontdesk/collective.h"
#include "frontdesk/roster.h"
#include "frontdesk/roster_merge.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

/* Takes the roster's unknown columns and its warnings (a '?' in a Chinese name) into out. */
static void keep_roster_findings(struct import_outcome *out, struct roster *roster)
{
	out->encoding = roster->encoding;
	out->counts.warnings = roster->warnings;
	memset(&roster->warnings, 0, sizeof(roster->warnings));
	out->n_unknown = roster->n_unknown;
	out->unknown_columns = roster->unknown_columns;
	roster->unknown_columns = NULL;
	roster->n_unknown = 0;
}

/* Moves the store's merge figures into the outcome, its warnings after the file's own. */
static void keep_counts(struct import_outcome *out, struct roster_merge_result *merged)
{
	struct import_counts *c = &out->counts;

	c->imported = merged->imported;
	c->updated = merged->updated;
	c->unchanged = merged->unchanged;
	c->withdrawn = merged->withdrawn;
	c->restored = merged->restored;
	c->transfers = merged->transfers;
	for (size_t i = 0; i < merged->warnings.n; i++) {
		const struct diag *d = &merged->warnings.items[i];
		diag_add(&c->warnings, d->line, d->column, "%s", d->message);
	}
	diag_list_clear(&merged->warnings);
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

/*
 * Says why a re-import was refused for what it would withdraw, and how to
 * confirm it: the count to type is the count refused, so a confirmation holds
 * for this file only.
 */
static char *withdraw_refusal(const struct roster_merge_result *m, int confirmed)
{
	if (m->withdraw == WITHDRAW_COUNT_DIFFERS) {
		return say(
		    "这份名单会把 %d 人标为撤销，而不是 --allow-withdraw 给出的 %d 人；未做任何更改",
		    m->would_withdraw, confirmed);
	}
	return say("这份名单缺少现有 %d 人中的 %d 人，导入会把他们标为撤销（超过 %d%% 的上限），"
	           "未做任何更改。请确认文件是完整的名单；如确实要撤销这 %d 人，请加上 "
	           "--allow-withdraw %d 重新导入",
	           m->active, m->would_withdraw, ROSTER_WITHDRAW_SHARE, m->would_withdraw,
	           m->would_withdraw);
}

/* Merges the checked files; a refused withdrawal is bad input (exit 2), nothing changed. */
static enum action_status merge(struct desk *desk, const struct roster *roster,
                                const struct collective_list *collective, const char *path,
                                const char *sha, int confirmed, struct import_outcome *out,
                                char **cause)
{
	struct roster_merge_result merged = {0};
	struct gender_before before;
	gender_review_before(desk, &before);
	bool ok = roster_merge(desk->db, roster, collective, path, sha, confirmed, &merged, cause);

	out->would_withdraw = merged.would_withdraw;
	if (!ok && merged.withdraw != WITHDRAW_OK) {
		gender_before_release(&before);
		*cause = withdraw_refusal(&merged, confirmed);
		out->withdraw_refused = true;
		return ACTION_BAD_INPUT;
	}
	if (ok) {
		/* a lodged sharer's gender corrected: the beds stay, the staff are told */
		gender_review_import(desk, &before, roster, &merged.warnings);
	}
	gender_before_release(&before);
	keep_counts(out, &merged);
	return ok ? ACTION_OK : ACTION_FAILED;
}

enum action_status action_import(struct desk *desk, const char *roster_path,
                                 const char *collective_path, const struct import_options *opts,
                                 struct import_outcome *out, char **cause)
{
	int confirmed = opts != NULL ? opts->allow_withdraw : -1;
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
	/* raw is freed as soon as it is read: 12-16 MB at 100k rows, the import's peak */
	struct roster *roster = roster_parse_taking(raw, len, desk->cfg, &out->errors);
	if (roster != NULL) {
		keep_roster_findings(out, roster);
	}
	if (!read_collective(collective_path, &collective, &out->errors, cause)) {
		roster_free(roster);
		return ACTION_BAD_INPUT;
	}
	if (roster != NULL && out->errors.n == 0) {
		status = merge(desk, roster, collective, roster_path, sha, confirmed, out, cause);
	}
	collective_free(collective);
	roster_free(roster);
	progress_end(N_("导入"));
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
