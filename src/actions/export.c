/*
 * export is the end-of-day export as one action (DESIGN section 4). Its one
 * promise: whatever happens to the drive, it ends up holding either a whole,
 * verified export folder or none at all, and the database is not changed
 * unless the export succeeded. Everything is written into a hidden
 * temporary folder on the target, fsynced, read back and compared, and only
 * then renamed to its real name (a rename within one filesystem is atomic);
 * a failure removes the temporary folder where the drive still allows it and
 * says in both languages what happened and what to do.
 */
#include "frontdesk/actions/export.h"
#include "desk_private.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "export_io.h"
#include "export_sheets.h"
#include "files.h"
#include "frontdesk/export_store.h"
#include "frontdesk/journal.h"
#include "frontdesk/xmalloc.h"

#define TEMP_PREFIX   ".frontdesk-tmp-"
#define SNAPSHOT_NAME "snapshot.db"

const char *action_export_failure_code(enum export_failure f)
{
	static const char *const codes[] = {"none",     "target",    "full",   "gone",
	                                    "io_error", "read_only", "verify", "database"};

	return (size_t)f < sizeof(codes) / sizeof(codes[0]) ? codes[f] : "?";
}

static uint64_t free_space(const char *dir)
{
	struct statvfs vfs;

	return statvfs(dir, &vfs) == 0 ? (uint64_t)vfs.f_bavail * vfs.f_frsize : 0;
}

static char *megabytes(uint64_t bytes)
{
	return xasprintf("%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

/* Keeps a folder name to letters, digits, '-' and '_' whatever the event code or desk id holds. */
static char *name_part(const char *text)
{
	char *out = xstrdup(text && text[0] ? text : "x");

	for (char *p = out; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
		*p = ok ? *p : '_';
	}
	return out;
}

/* frontdesk-<event>-<desk>-<YYYYMMDD-HHMM> from "YYYY-MM-DD HH:MM:SS". */
static char *folder_name(const struct desk *desk, const char *when)
{
	char stamp[14] = "00000000-0000";
	const int from[] = {0, 1, 2, 3, 5, 6, 8, 9, -1, 11, 12, 14, 15};
	char *code = name_part(desk->cfg->code);
	char *id = name_part(desk->cfg->desk_id);

	for (size_t i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
		if (from[i] >= 0 && from[i] < (int)strlen(when) && when[from[i]] >= '0' &&
		    when[from[i]] <= '9') {
			stamp[i] = when[from[i]];
		}
	}
	char *name = xasprintf("frontdesk-%s-%s-%s", code, id, stamp);
	free(code);
	free(id);
	return name;
}

static enum export_failure classify(const char *target, int err)
{
	struct stat st;

	if (err == ENOSPC || err == EDQUOT || err == EFBIG) {
		return EXPORT_FAIL_FULL;
	}
	if (err == EROFS || err == EACCES || err == EPERM) {
		return EXPORT_FAIL_READ_ONLY;
	}
	if (err == ENODEV || err == ENXIO || err == ENOENT || err == ENOTCONN ||
	    stat(target, &st) != 0) {
		return EXPORT_FAIL_GONE;
	}
	return EXPORT_FAIL_IO;
}

/* What happened and what to do, in Chinese (*zh) and English (*en); the caller frees both. */
static void failure_text(const struct export_result *out, const char *target, const char *file,
                         int err, char **zh, char **en)
{
	const char *what = file ? file : target;
	const char *why = strerror(err);
	char *need = megabytes(out->needed_bytes), *have = megabytes(out->free_bytes);

	switch (out->failure) {
	case EXPORT_FAIL_FULL:
		*zh = xasprintf(
		    "U 盘空间不足：这次导出约需 %s，盘上只剩 %s。请换一个空间更大的 U 盘，"
		    "或删掉盘上不要的文件后再导出",
		    need, have);
		*en = xasprintf(
		    "the USB stick is full: this export needs about %s and only %s is "
		    "free. Use a larger stick, or delete files you no longer need from it, "
		    "then export again",
		    need, have);
		break;
	case EXPORT_FAIL_GONE:
		*zh = xasprintf(
		    "U 盘在导出时被拔出或已卸载（%s）。请重新插好 U 盘，等它出现后再导出一次",
		    target);
		*en =
		    xasprintf("the USB stick was removed or unmounted during the export (%s). Plug "
		              "it back in, wait until it shows up, and export again",
		              target);
		break;
	case EXPORT_FAIL_READ_ONLY:
		*zh = xasprintf(
		    "U 盘不可写（%s：%s），可能是只读或开了写保护。请拨开写保护或换一个 U 盘", what,
		    why);
		*en = xasprintf("the USB stick cannot be written (%s: %s): it may be read-only or "
		                "write-protected. Unlock it or use another stick",
		                what, why);
		break;
	case EXPORT_FAIL_VERIFY:
		*zh = xasprintf("写入后读回校验不一致：%s。U 盘可能有坏块，请换一个 U 盘再导出",
		                what);
		*en = xasprintf("verification failed: %s read back differently from what was "
		                "written. The stick may be faulty; export again onto another stick",
		                what);
		break;
	default:
		*zh = xasprintf(
		    "写入 U 盘时出错（%s：%s），U 盘可能已损坏、接触不良或被拔出。请换一个 "
		    "U 盘再导出",
		    what, why);
		*en =
		    xasprintf("writing to the USB stick failed (%s: %s): the stick may be failing, "
		              "loose or pulled out. Export again onto another stick",
		              what, why);
	}
	free(need);
	free(have);
}

/* Fills out->failure and out->message for an OS error err while writing file (may be NULL). */
static void fail_drive(struct export_result *out, const char *target, const char *file, int err,
                       bool mismatch)
{
	char *zh, *en;

	out->failure = mismatch ? EXPORT_FAIL_VERIFY : classify(target, err);
	out->free_bytes = free_space(target);
	failure_text(out, target, file, err, &zh, &en);
	free(out->message);
	if (out->left_behind != NULL) {
		out->message =
		    xasprintf("%s；盘上留下了临时文件夹 %s，可以删除；数据库没有改动。 / %s; "
		              "a temporary folder %s was left on the stick and may be "
		              "deleted; the database is unchanged.",
		              zh, out->left_behind, en, out->left_behind);
	} else {
		out->message =
		    xasprintf("%s；盘上没有留下半份导出，数据库没有改动。 / %s; no partial "
		              "export was left on it and the database is unchanged.",
		              zh, en);
	}
	free(zh);
	free(en);
}

/* Refuses what cannot hold an export before anything is written there. */
static enum action_status check_target(const char *target, struct export_result *out)
{
	struct stat st;

	if (stat(target, &st) != 0 || !S_ISDIR(st.st_mode)) {
		out->failure = EXPORT_FAIL_TARGET;
		out->message = xasprintf(
		    "导出目标 %s 不存在或不是文件夹：请插好 U 盘或检查路径；什么也没有写入 / the "
		    "export target %s does not exist or is not a folder: plug in the stick or check "
		    "the path; nothing was written",
		    target, target);
		return ACTION_BAD_INPUT;
	}
	if (access(target, W_OK | X_OK) != 0) {
		fail_drive(out, target, NULL, errno == EROFS ? EROFS : EACCES, false);
		return ACTION_FAILED;
	}
	return ACTION_OK;
}

/* Temporary folders of exports that were cut off (a pull, a crash) hold nothing worth keeping. */
static void remove_stale_temps(const char *target)
{
	size_t plen = strlen(TEMP_PREFIX);
	DIR *d = opendir(target);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, TEMP_PREFIX, plen) == 0 && strlen(e->d_name) == plen + 6) {
			char *path = xasprintf("%s/%s", target, e->d_name);
			export_io_remove_dir(path);
			free(path);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
}

/* The snapshot first: it is the largest file, so a full drive shows up before the tables. */
static bool write_snapshot(struct desk *desk, struct export_io *io, char **cause)
{
	char *path = export_io_path(io, SNAPSHOT_NAME);
	int os_errno = 0;
	char *why = NULL;
	bool ok = export_store_snapshot(desk->db, path, &os_errno, &why);

	free(path);
	if (ok) {
		return export_io_adopt(io, SNAPSHOT_NAME);
	}
	if (os_errno != 0) {
		export_io_fail(io, SNAPSHOT_NAME, os_errno);
		free(why);
	} else {
		*cause = why;
	}
	return false;
}

/* Writes every file of the folder from one read of the database, then SHA256SUMS, then checks. */
static bool write_folder(struct desk *desk, struct export_io *io, const char *when,
                         struct export_result *out, char **cause)
{
	if (!export_store_begin(desk->db, cause)) {
		return false;
	}
	bool ok = write_snapshot(desk, io, cause) &&
	          export_sheets_write(desk, io, when, &out->counts, cause);
	export_store_end(desk->db);
	return ok && export_io_write_sums(io) && export_io_verify(io);
}

/*
 * Renames the finished folder into place under the first free name (base,
 * base-2, ...: two exports in one minute) and fsyncs the target so the
 * rename itself survives a pull. Returns 0 or an errno; *final is the path.
 */
static int publish(const char *target, const char *temp, const char *base, char **final)
{
	for (int i = 1; i < 100; i++) {
		char *path = i == 1 ? xasprintf("%s/%s", target, base)
		                    : xasprintf("%s/%s-%d", target, base, i);
		struct stat st;
		if (lstat(path, &st) == 0) {
			free(path);
			continue;
		}
		if (rename(temp, path) != 0) {
			int err = errno;
			free(path);
			return err;
		}
		int err = export_io_sync_dir(target);
		if (err != 0) {
			/* not durable on a failing drive: take it away rather than leave it in
			 * doubt */
			export_io_remove_dir(path);
			free(path);
			return err;
		}
		*final = path;
		return 0;
	}
	return EEXIST;
}

static void list_files(const struct export_io *io, struct export_result *out)
{
	out->files = xcalloc(io->n_files ? io->n_files : 1, sizeof(*out->files));
	for (size_t i = 0; i < io->n_files; i++) {
		out->files[i].name = xstrdup(io->files[i].name);
		memcpy(out->files[i].sha256, io->files[i].sha256, 65);
		out->files[i].bytes = io->files[i].bytes;
		out->bytes += io->files[i].bytes;
	}
	out->n_files = io->n_files;
}

/* After a failure: the temporary folder goes, and the message says what happened. */
static enum action_status give_up(struct export_result *out, const char *target, const char *temp,
                                  const struct export_io *io, char *cause)
{
	if (!export_io_remove_dir(temp)) {
		out->left_behind = xstrdup(temp);
	}
	if (cause != NULL) {
		out->failure = EXPORT_FAIL_DATABASE;
		out->message = xasprintf("导出失败，什么也没有写入 U 盘 / the export failed and "
		                         "nothing was left on the stick: %s",
		                         cause);
		free(cause);
		return ACTION_FAILED;
	}
	out->needed_bytes = out->needed_bytes > io->bytes_written + 65536
	                        ? out->needed_bytes
	                        : io->bytes_written + 65536;
	fail_drive(out, target, io->mismatch ? io->mismatch : io->failed, io->err ? io->err : EIO,
	           io->mismatch != NULL);
	return ACTION_FAILED;
}

static void finish_ok(struct desk *desk, struct export_result *out, const struct export_io *io)
{
	char *cause = NULL;
	char *size;

	list_files(io, out);
	size = megabytes(out->bytes);
	if (export_store_set_last(desk->db, out->exported_at, out->folder, &cause)) {
		out->message =
		    xasprintf("已导出到 %s（%zu 个文件，%s，已校验）/ exported to %s (%zu "
		              "files, %s, verified)",
		              out->folder, out->n_files, size, out->folder, out->n_files, size);
	} else {
		out->message =
		    xasprintf("已导出到 %s（已校验），但没能记下导出时间：%s / exported to "
		              "%s (verified), but the export time was not recorded: %s",
		              out->folder, cause, out->folder, cause);
	}
	free(size);
	free(cause);
}

enum action_status action_export(struct desk *desk, const char *target_dir,
                                 struct export_result *out)
{
	char when[32];
	enum action_status status;

	memset(out, 0, sizeof(*out));
	journal_now(when);
	out->exported_at = xstrdup(when);
	if ((status = check_target(target_dir, out)) != ACTION_OK) {
		return status;
	}
	remove_stale_temps(target_dir);
	uint64_t snapshot = export_store_size(desk->db);
	/* the tables and workbooks take about half as much again as the snapshot */
	out->needed_bytes = snapshot + snapshot / 2 + 64u * 1024u;
	/* only the certain case is refused up front; anything closer is found by writing */
	if (free_space(target_dir) < snapshot) {
		fail_drive(out, target_dir, NULL, ENOSPC, false);
		return ACTION_FAILED;
	}
	char *temp = xasprintf("%s/" TEMP_PREFIX "XXXXXX", target_dir);
	if (mkdtemp(temp) == NULL) {
		fail_drive(out, target_dir, NULL, errno, false);
		free(temp);
		return ACTION_FAILED;
	}
	struct export_io io;
	char *cause = NULL;
	char *base = folder_name(desk, when);
	export_io_init(&io, temp);
	if (!write_folder(desk, &io, when, out, &cause)) {
		status = give_up(out, target_dir, temp, &io, cause);
	} else if ((io.err = publish(target_dir, temp, base, &out->folder)) != 0) {
		status = give_up(out, target_dir, temp, &io, NULL);
	} else {
		finish_ok(desk, out, &io);
	}
	export_io_release(&io);
	free(base);
	free(temp);
	return status;
}

void action_export_release(struct export_result *out)
{
	for (size_t i = 0; i < out->n_files; i++) {
		free(out->files[i].name);
	}
	free(out->files);
	free(out->message);
	free(out->folder);
	free(out->exported_at);
	free(out->left_behind);
	memset(out, 0, sizeof(*out));
}

/* Parses one SHA256SUMS line ("<64 hex>  <name>" or with " *" for binary); false when malformed. */
static bool parse_sum(char *line, char hex[65], const char **name)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
		line[--n] = '\0';
	}
	if (n < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*')) {
		return false;
	}
	for (int i = 0; i < 64; i++) {
		if (strchr("0123456789abcdef", line[i]) == NULL || line[i] == '\0') {
			return false;
		}
	}
	memcpy(hex, line, 64);
	hex[64] = '\0';
	*name = line + 66;
	/* a listed name never leaves the folder */
	return strchr(*name, '/') == NULL && strcmp(*name, "..") != 0 && strcmp(*name, ".") != 0;
}

static void verify_one(const char *folder, const char *hex, const char *name,
                       struct export_verify_result *out)
{
	char *path = xasprintf("%s/%s", folder, name);
	char got[65];
	uint64_t bytes;
	int err = export_io_hash_file(path, got, &bytes);
	char *bad = NULL;

	if (err != 0) {
		bad = xasprintf("%s: 无法读取 cannot read (%s)", name, strerror(err));
	} else if (strcmp(got, hex) != 0) {
		bad = xasprintf("%s: 校验不符 checksum mismatch", name);
	}
	if (bad != NULL) {
		out->bad = xreallocarray(out->bad, out->n_bad + 1, sizeof(*out->bad));
		out->bad[out->n_bad++] = bad;
	}
	out->n_checked++;
	free(path);
}

enum action_status action_export_verify(const char *folder, struct export_verify_result *out)
{
	char *path = xasprintf("%s/SHA256SUMS", folder);
	char *cause = NULL;
	size_t len = 0;
	char *text = files_read(path, &len, &cause);
	char *save = NULL;

	memset(out, 0, sizeof(*out));
	free(path);
	if (text == NULL) {
		out->message = cause;
		return ACTION_BAD_INPUT;
	}
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char hex[65];
		const char *name;
		if (!parse_sum(line, hex, &name)) {
			out->bad = xreallocarray(out->bad, out->n_bad + 1, sizeof(*out->bad));
			out->bad[out->n_bad++] =
			    xstrdup("SHA256SUMS: 格式不对的一行 a malformed line");
			continue;
		}
		verify_one(folder, hex, name, out);
	}
	free(text);
	if (out->n_checked == 0 && out->n_bad == 0) {
		out->message =
		    xasprintf("%s/SHA256SUMS 是空的 / %s/SHA256SUMS is empty", folder, folder);
		return ACTION_BAD_INPUT;
	}
	out->message = out->n_bad == 0
	                   ? xasprintf("%zu 个文件校验无误 / %zu files verified", out->n_checked,
	                               out->n_checked)
	                   : xasprintf("%zu 个文件有问题，这份导出不可信，请重新导出 / %zu files "
	                               "fail the check: do not trust this export, export again",
	                               out->n_bad, out->n_bad);
	return out->n_bad == 0 ? ACTION_OK : ACTION_REFUSED;
}

void action_export_verify_release(struct export_verify_result *out)
{
	for (size_t i = 0; i < out->n_bad; i++) {
		free(out->bad[i]);
	}
	free(out->bad);
	free(out->message);
	memset(out, 0, sizeof(*out));
}

enum action_status action_export_drives(const char *mounts_path, const char *sys_block,
                                        struct usb_drive_list *out, char **cause)
{
	return usb_find(mounts_path, sys_block, out, cause) ? ACTION_OK : ACTION_FAILED;
}

char *action_export_last(struct desk *desk)
{
	return export_store_last(desk->db);
}
