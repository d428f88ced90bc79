/*
 * merge brings another desk's export into this database in one transaction:
 * check the folder's checksums, read and check the bundle, refuse another
 * event's bundle or a desk id used by two desks, add the new journal entries,
 * and replay the whole journal (replay.c) when anything was new. Nothing new
 * means nothing is touched, which is what makes a second merge a no-op. The
 * conflicts it reports are the replay's (replay.c, their lines core's conflict.c).
 */
#include "frontdesk/progress.h"
#include "frontdesk/actions/merge.h"
#include "desk_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/actions/export.h"
#include "frontdesk/journal.h"
#include "frontdesk/records.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/sync.h"
#include "frontdesk/xmalloc.h"
#include "replay.h"

#define BUNDLE_FILE "bundle.jsonl"

/* The bundle inside an export folder, after the folder's checksums hold; NULL when refused. */
static char *bundle_path(const char *path, enum action_status *status, char **message)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		return xstrdup(path);
	}
	char *sums = xasprintf("%s/SHA256SUMS", path);
	bool has_sums = access(sums, F_OK) == 0;
	free(sums);
	if (!has_sums) {
		/* every export writes one: a folder without it was tampered with or cut short */
		*status = ACTION_REFUSED;
		*message =
		    say("导出文件夹 %s 里没有 SHA256SUMS，未合并：请从那台机器重新导出", path);
		return NULL;
	}
	struct export_verify_result v;
	enum action_status verified = action_export_verify(path, &v);
	if (verified != ACTION_OK) {
		*status = ACTION_REFUSED;
		*message = say("导出文件夹校验失败（%s），未合并：请从那台机器重新导出",
		               v.n_bad ? v.bad[0] : v.message);
		action_export_verify_release(&v);
		return NULL;
	}
	action_export_verify_release(&v);
	return xasprintf("%s/%s", path, BUNDLE_FILE);
}

/* summary's text in language lang (say_in): what was added, and the conflicts to deal with. */
static char *summary_in(const struct merge_result *out, int lang)
{
	size_t n = out->conflicts.n;
	/* replay is the same on every desk only over the same roster and rooms */
	const char *warning =
	    out->setup_differs
	        ? say_in(lang, "注意：对方导入的名单或房间表与本机不同，请各台导入同一份"
	                       "文件后再合并；")
	        : "";
	const char *what = out->dry_run
	                       ? say_in(lang, "试合并（未做任何改动）：将新增 %s 台同步包中的 "
	                                      "%ld 条记录，签到 %d → %d 人，冲突 %zu 个")
	                       : say_in(lang, "已合并：新增 %s 台同步包中的 %ld 条记录，签到 "
	                                      "%d → %d 人，冲突 %zu 个");
	char *done = xasprintf(what, out->bundle_desk, out->new_entries, out->checked_in_before,
	                       out->checked_in_after, n);
	char *text =
	    xasprintf("%s%s%s", warning, done, n ? say_in(lang, "，请按下列清单逐条处理") : "");
	free(done);
	return text;
}

static char *summary(const struct merge_result *out)
{
	if (out->new_entries == 0) {
		return say("同步包（%s 台）中没有新记录，未做任何改动；现有冲突 %zu 个",
		           out->bundle_desk, out->conflicts.n);
	}
	char *texts[2] = {NULL, NULL};
	for (int i = 0; i < say_langs(); i++) {
		texts[i] = summary_in(out, i);
	}
	return say_join(texts);
}

/* Checks the bundle against this desk; fills out->message when refused. */
static enum action_status check_bundle(struct desk *desk, const struct sync_bundle *b,
                                       struct merge_result *out)
{
	if (out->errors.n > 0) {
		out->message = say("同步包已损坏或不完整，未合并：请从那台机器重新导出");
		return ACTION_BAD_INPUT;
	}
	if (strcmp(b->event, desk->cfg->code) != 0) {
		out->message =
		    say("这是活动 %s 的同步包，本机是活动 %s，未合并", b->event, desk->cfg->code);
		return ACTION_REFUSED;
	}
	struct sync_refusal refusal;
	if (!sync_check_entries(desk->db, desk->cfg->code, desk->cfg->desk_id, b, &refusal)) {
		out->message = refusal.message;
		out->refused_desk = refusal.desk_id;
		out->refused_seq = refusal.seq;
		out->refused_line = refusal.line;
		return ACTION_REFUSED;
	}
	char *history = setup_history(desk->db);
	out->setup_differs = b->setup != NULL && strcmp(b->setup, history) != 0;
	free(history);
	return ACTION_OK;
}

/* Adds the new entries and replays; on refusal or failure fills out->message. */
static enum action_status merge_entries(struct desk *desk, const struct sync_bundle *b,
                                        struct merge_result *out)
{
	struct sync_clash clash;
	int expected;
	char *cause = NULL;

	records_count_checkins(desk->db, &expected, &out->checked_in_before);
	out->new_entries = sync_add_entries(desk->db, b, &clash, &cause);
	if (out->new_entries < 0 && clash.desk_id != NULL) {
		out->message = say(
		    "两台机器用了同一个签到台编号 %s（第 %ld 条记录内容不同），未合并：请给每台机器设"
		    "置不同的编号（desk-id），并联系技术支持",
		    clash.desk_id, clash.seq);
		sync_clash_release(&clash);
		return ACTION_REFUSED;
	}
	if (out->new_entries < 0 || (out->new_entries > 0 && !replay_journal(desk, &cause))) {
		out->message = cause;
		return ACTION_FAILED;
	}
	records_count_checkins(desk->db, &expected, &out->checked_in_after);
	action_report_conflicts(desk, &out->conflicts); /* replay.c */
	return ACTION_OK;
}

static bool finish(struct desk *desk, const char *path, struct merge_result *out)
{
	char at[32];
	char *cause = NULL;

	if (out->dry_run || out->new_entries == 0) {
		db_rollback(desk->db);
		return true;
	}
	journal_now(at);
	if (!sync_log_merge(desk->db, at, path, out->bundle_desk, out->entries, out->new_entries,
	                    (long)out->conflicts.n, &cause) ||
	    !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		out->message = cause;
		return false;
	}
	return true;
}

enum action_status action_merge(struct desk *desk, const char *path, bool dry_run,
                                struct merge_result *out)
{
	enum action_status status = ACTION_OK;
	struct sync_bundle b;
	char *cause = NULL;

	memset(out, 0, sizeof(*out));
	out->dry_run = dry_run;
	char *file = bundle_path(path, &status, &out->message);
	if (file == NULL) {
		return status;
	}
	if (!db_begin(desk->db, &out->message)) {
		free(file);
		return ACTION_FAILED;
	}
	if (!sync_read_bundle(desk->db, file, &b, &out->errors, &cause)) {
		status = ACTION_BAD_INPUT;
		out->message = cause;
	} else {
		out->bundle_desk = b.desk_id ? xstrdup(b.desk_id) : NULL;
		out->exported_at = b.exported_at ? xstrdup(b.exported_at) : NULL;
		out->entries = (long)b.n;
		status = check_bundle(desk, &b, out);
	}
	status = status == ACTION_OK ? merge_entries(desk, &b, out) : status;
	progress_end(N_("合并"));
	sync_bundle_release(&b);
	free(file);
	if (status != ACTION_OK) {
		db_rollback(desk->db);
		return status;
	}
	if (!finish(desk, path, out)) {
		return ACTION_FAILED;
	}
	out->message = summary(out);
	return ACTION_OK;
}

void action_merge_release(struct merge_result *out)
{
	free(out->bundle_desk);
	free(out->exported_at);
	free(out->refused_desk);
	action_conflicts_release(&out->conflicts);
	diag_list_clear(&out->errors);
	free(out->message);
	memset(out, 0, sizeof(*out));
}
