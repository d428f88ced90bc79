/*
 * export is the end-of-day export as one action (DESIGN section 4). Its one
 * promise: whatever happens to the drive, it ends up holding either a whole,
 * verified export folder or none at all, and the database is not changed
 * unless the export succeeded. Everything is written into a hidden
 * temporary folder on the target, fsynced, read back and compared, and only
 * then renamed to its real name (a rename within one filesystem is atomic);
 * a failure removes the temporary folder where the drive still allows it and
 * says in both languages what happened and what to do.
 *
 * The drive is somebody else's: it may hold links, folders and files planted
 * to make the export write or delete elsewhere. The target is opened once
 * and everything after goes through that descriptor (export_io), never
 * through a link; the export removes only folders and files it wrote, and
 * when it cannot be sure they are gone (a pulled stick), the message and
 * --json name the folder and say that it holds personal data.
 */
#include "frontdesk/progress.h"
#include "frontdesk/actions/export.h"
#include "desk_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

#define TEMP_PREFIX   ".frontdesk-tmp-"
#define SNAPSHOT_NAME "snapshot.db"
#define SUMS_NAME     "SHA256SUMS"

const char *action_export_failure_code(enum export_failure f)
{
	static const char *const codes[] = {"none",   "target",   "full",
	                                    "gone",   "io_error", "read_only",
	                                    "verify", "database", "too_many_files"};

	return (size_t)f < sizeof(codes) / sizeof(codes[0]) ? codes[f] : "?";
}

/* The drive the export goes to, opened once: every name below is relative to fd. */
struct target {
	const char *path; /* for messages, and to see whether the drive is still there */
	int fd;
	char temp[sizeof(TEMP_PREFIX) + 6]; /* the temporary folder's name in it */
	int temp_fd;
};

static uint64_t free_space(int fd)
{
	struct statvfs vfs;

	return fstatvfs(fd, &vfs) == 0 ? (uint64_t)vfs.f_bavail * vfs.f_frsize : 0;
}

/* True when the drive has no free inode: it is "full" of files, not of bytes. */
static bool out_of_files(int fd)
{
	struct statvfs vfs;

	return fstatvfs(fd, &vfs) == 0 && vfs.f_files > 0 && vfs.f_favail == 0;
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

/* True when path still leads to the folder open as fd (not to the empty mount point left). */
static bool still_there(const struct target *t)
{
	struct stat now, opened;

	return stat(t->path, &now) == 0 && fstat(t->fd, &opened) == 0 &&
	       now.st_dev == opened.st_dev && now.st_ino == opened.st_ino;
}

static enum export_failure classify(const struct target *t, int err, bool no_inodes)
{
	if (err == ENOSPC && no_inodes) {
		return EXPORT_FAIL_FILES;
	}
	if (err == ENOSPC || err == EDQUOT || err == EFBIG) {
		return EXPORT_FAIL_FULL;
	}
	if (err == EROFS || err == EACCES || err == EPERM) {
		return EXPORT_FAIL_READ_ONLY;
	}
	if (err == ENODEV || err == ENXIO || err == ENOENT || err == ENOTCONN || !still_there(t)) {
		return EXPORT_FAIL_GONE;
	}
	return EXPORT_FAIL_IO;
}

/* What happened and what to do, in Chinese (*zh) and English (*en); the caller frees both. */
static char *failure_text(const struct export_result *out, const char *target, const char *file,
                          int err, int lang)
{
	const char *what = file ? file : target;
	const char *why = strerror(err);
	char *need = megabytes(out->needed_bytes), *have = megabytes(out->free_bytes);
	char *text;

	switch (out->failure) {
	case EXPORT_FAIL_FULL:
		text = xasprintf(
		    say_in(lang,
		           "U 盘空间不足：这次导出约需 %s，盘上只剩 %s。请换一个空间更大的 U 盘，"
		           "或删掉盘上不要的文件后再导出"),
		    need, have);
		break;
	case EXPORT_FAIL_FILES:
		text = xstrdup(say_in(
		    lang, "U 盘的文件数已满：还有空间，但盘上不能再建新文件。请删掉盘上不要的"
		          "文件，或换一个 U 盘后再导出"));
		break;
	case EXPORT_FAIL_GONE:
		text = xasprintf(
		    say_in(
		        lang,
		        "U 盘在导出时被拔出或已卸载（%s）。请重新插好 U 盘，等它出现后再导出一次"),
		    target);
		break;
	case EXPORT_FAIL_READ_ONLY:
		text = xasprintf(
		    say_in(
		        lang,
		        "U 盘不可写（%s：%s），可能是只读或开了写保护。请拨开写保护或换一个 U 盘"),
		    what, why);
		break;
	case EXPORT_FAIL_VERIFY:
		text = xasprintf(
		    say_in(lang, "写入后读回校验不一致：%s。U 盘可能有坏块，请换一个 U 盘再导出"),
		    what);
		break;
	default:
		text = xasprintf(
		    say_in(lang,
		           "写入 U 盘时出错（%s：%s），U 盘可能已损坏、接触不良或被拔出。请换一个 "
		           "U 盘再导出"),
		    what, why);
	}
	free(need);
	free(have);
	return text;
}

/* True when name is among the files the export left where it could not remove them. */
static bool left(const struct export_result *out, const char *name)
{
	for (size_t i = 0; i < out->n_left_files; i++) {
		if (strcmp(out->left_files[i], name) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * The end of a failure's message in language lang (say_in): what is left on
 * the drive, and that the database is unchanged. The caller frees it.
 */
static char *left_text(const struct export_result *out, int lang)
{
	if (out->left_behind == NULL) {
		return xstrdup(say_in(lang, "盘上没有留下半份导出，数据库没有改动。"));
	}
	if (!out->personal_data) {
		return xasprintf(
		    say_in(lang, "盘上留下了一个空文件夹 %s，可以删除；数据库没有改动。"),
		    out->left_behind);
	}
	/* SNAPSHOT_NAME written out: xgettext does not expand macros */
	if (left(out, SNAPSHOT_NAME)) {
		return xasprintf(
		    say_in(lang,
		           "盘上可能还留着隐藏文件夹 %s，里面有个人信息（手机号等；snapshot.db "
		           "是整个数据库的副本，含票码密钥和主管 PIN），必须删除："
		           "U 盘插好后删掉它，或再导出一次到这个 U 盘（导出前会先删掉它）；数据"
		           "库没有改动。"),
		    out->left_behind);
	}
	return xasprintf(
	    say_in(lang, "盘上可能还留着隐藏文件夹 %s，里面有个人信息（手机号等），必须删除："
	                 "U 盘插好后删掉它，或再导出一次到这个 U 盘（导出前会先删掉它）；数据"
	                 "库没有改动。"),
	    out->left_behind);
}

/*
 * Sets out->message to "<what happened>；<what is left>" in each language:
 * what(lang) says what happened, for the failure of out at target (file may be
 * NULL) or a cause already said.
 */
static void set_message(struct export_result *out, const char *target, const char *file, int err,
                        const char *cause)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		char *what = cause ? xasprintf(say_in(i, "导出失败：%s"), cause)
		                   : failure_text(out, target, file, err, i);
		char *rest = left_text(out, i);
		texts[i] = xasprintf(say_in(i, "%s；%s"), what, rest);
		free(what);
		free(rest);
	}
	free(out->message);
	out->message = say_join(texts);
}

/* Fills out->failure and out->message for an OS error err while writing file (may be NULL). */
static void fail_drive(struct export_result *out, const struct target *t, const char *file, int err,
                       bool mismatch, bool no_inodes)
{
	out->failure = mismatch ? EXPORT_FAIL_VERIFY : classify(t, err, no_inodes);
	out->free_bytes = free_space(t->fd);
	set_message(out, t->path, file, err, NULL);
}

/*
 * Opens the target once, refusing a link (the mount point or folder given is
 * used as it is, never what a link makes of it) and what cannot hold an
 * export, before anything is written there.
 */
static enum action_status open_target(struct target *t, struct export_result *out)
{
	t->fd = open(t->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (t->fd < 0 && errno == ELOOP) {
		out->failure = EXPORT_FAIL_TARGET;
		out->message = say(
		    "导出目标 %s 是一个链接，不是文件夹：请直接指定 U 盘的文件夹；什么也没有写入",
		    t->path);
		return ACTION_BAD_INPUT;
	}
	if (t->fd < 0) {
		out->failure = EXPORT_FAIL_TARGET;
		out->message =
		    say("导出目标 %s 不存在或不是文件夹：请插好 U 盘或检查路径；什么也没有写入",
		        t->path);
		return ACTION_BAD_INPUT;
	}
	if (faccessat(t->fd, ".", W_OK | X_OK, AT_EACCESS) != 0) {
		fail_drive(out, t, NULL, errno == EROFS ? EROFS : EACCES, false, false);
		return ACTION_FAILED;
	}
	return ACTION_OK;
}

/* The files an export writes, and so all a leftover folder may lose. */
static bool written_by_export(const char *name)
{
	/* older versions let SQLite write the snapshot on the stick, with its journal */
	return strcmp(name, SNAPSHOT_NAME) == 0 || strcmp(name, SNAPSHOT_NAME "-journal") == 0 ||
	       strcmp(name, SUMS_NAME) == 0 || export_sheets_writes(name);
}

/*
 * Temporary folders of exports that were cut off (a pull, a crash) hold
 * personal data and nothing worth keeping. Only what export_io_remove_leftover
 * deems ours goes: a link of that name, or someone else's folder, stays.
 */
static void remove_stale_temps(const struct target *t)
{
	size_t plen = strlen(TEMP_PREFIX);
	int fd = dup(t->fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (d == NULL) {
		if (fd >= 0) {
			close(fd);
		}
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, TEMP_PREFIX, plen) == 0 && strlen(e->d_name) == plen + 6) {
			export_io_remove_leftover(t->fd, e->d_name, written_by_export);
		}
	}
	closedir(d);
}

/* True when name in t->fd is the folder open as fd (not a link or folder put in its place). */
static bool is_ours(const struct target *t, const char *name, int fd)
{
	struct stat there, ours;

	return fstatat(t->fd, name, &there, AT_SYMLINK_NOFOLLOW) == 0 && fstat(fd, &ours) == 0 &&
	       S_ISDIR(there.st_mode) && there.st_dev == ours.st_dev && there.st_ino == ours.st_ino;
}

/* Makes the hidden folder .frontdesk-tmp-XXXXXX (0700) and opens it; 0 or an errno. */
static int make_temp(struct target *t)
{
	static const char chars[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t plen = strlen(TEMP_PREFIX);

	for (int tries = 0; tries < 100; tries++) {
		memcpy(t->temp, TEMP_PREFIX, plen);
		for (size_t i = 0; i < 6; i++) {
			t->temp[plen + i] = chars[randombytes_uniform(sizeof(chars) - 1)];
		}
		t->temp[plen + 6] = '\0';
		if (mkdirat(t->fd, t->temp, 0700) != 0) {
			if (errno == EEXIST) {
				continue;
			}
			return errno;
		}
		t->temp_fd =
		    openat(t->fd, t->temp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		return t->temp_fd >= 0 ? 0 : errno;
	}
	return EEXIST;
}

/*
 * The snapshot first: it is the largest file, so a full drive shows up before
 * the tables. SQLite writes it by path, so it is made in a private folder on
 * the desk's own disk ($TMPDIR) and copied over by export_io like every other
 * file: no path on the drive is ever handed to anyone else to follow.
 */
static bool write_snapshot(struct desk *desk, struct export_io *io, char **cause)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/frontdesk-snapshot-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	int os_errno = 0;
	char *why = NULL;
	bool ok = false;

	if (mkdtemp(dir) == NULL) {
		*cause = say("无法在本机建立临时文件夹 %s：%s", dir, strerror(errno));
		free(dir);
		return false;
	}
	char *path = xasprintf("%s/%s", dir, SNAPSHOT_NAME);
	char *journal = xasprintf("%s-journal", path);
	if (export_store_snapshot(desk->db, path, &os_errno, &why)) {
		ok = export_io_copy_in(io, path, SNAPSHOT_NAME);
	} else {
		char *texts[2] = {NULL, NULL};
		/* why is said already: in both mode, both its languages follow each prefix */
		for (int i = 0; i < say_langs(); i++) {
			texts[i] = xasprintf(say_in(i, "在本机 %s 生成快照时出错：%s"), dir, why);
		}
		*cause = say_join(texts);
		free(why);
	}
	unlink(journal);
	unlink(path);
	rmdir(dir);
	free(journal);
	free(path);
	free(dir);
	return ok;
}

/* Writes every file of the folder from one read of the database, then SHA256SUMS, then checks. */
static bool write_folder(struct desk *desk, struct export_io *io, const char *when,
                         struct export_result *out, char **cause)
{
	if (!export_store_begin(desk->db, cause)) {
		return false;
	}
	long step = 0;
	progress_report(N_("导出"), step, EXPORT_STEPS);
	bool ok = write_snapshot(desk, io, cause);
	progress_report(N_("导出"), ++step, EXPORT_STEPS);
	if (ok) {
		export_io_test_pause();
	}
	ok = ok && export_sheets_write(desk, io, when, &out->counts, &step, cause);
	export_store_end(desk->db);
	ok = ok && export_io_write_sums(io);
	progress_report(N_("导出"), ++step, EXPORT_STEPS);
	ok = ok && export_io_verify(io);
	progress_end(N_("导出"));
	return ok;
}

/*
 * Renames t->temp to name, never over anything: RENAME_NOREPLACE, or where
 * the drive's filesystem lacks it, a look first. 0, EEXIST when name is
 * taken, or another errno.
 */
static int rename_new(const struct target *t, const char *from, const char *name)
{
	struct stat st;

	if (renameat2(t->fd, from, t->fd, name, RENAME_NOREPLACE) == 0) {
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS) {
		return errno;
	}
	if (fstatat(t->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		return EEXIST;
	}
	return renameat(t->fd, from, t->fd, name) == 0 ? 0 : errno == ENOTEMPTY ? EEXIST : errno;
}

/*
 * Renames the finished folder into place under the first free name (base,
 * base-2, ...: two exports in one minute, or names someone put there first)
 * and fsyncs the target so the rename itself survives a pull. The folder
 * renamed must be the one written: a link or folder swapped in for it is
 * renamed back and reported as a failed check. Returns 0 or an errno;
 * *final is the name in the target.
 */
static int publish(struct target *t, const char *base, struct export_io *io, char **final)
{
	if (!is_ours(t, t->temp, t->temp_fd)) {
		io->mismatch = xstrdup(t->temp);
		return EIO;
	}
	for (int i = 1; i < 100; i++) {
		char *name = i == 1 ? xstrdup(base) : xasprintf("%s-%d", base, i);
		int err = rename_new(t, t->temp, name);
		if (err == EEXIST) {
			free(name);
			continue;
		}
		if (err == 0 && !is_ours(t, name, t->temp_fd)) {
			/* swapped between the look and the rename: put it back, claim nothing */
			rename_new(t, name, t->temp);
			io->mismatch = xstrdup(t->temp);
			err = EIO;
		}
		*final = name;
		return err != 0 ? err : fsync(t->fd) == 0 ? 0 : errno;
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

/*
 * After a failure: the files this export wrote go, then its folder (named
 * name in the target: the temporary one, or the final one when the rename's
 * fsync failed). What cannot be removed for certain is recorded for the
 * message, with whether personal data may still be in it.
 */
static void take_away(struct export_result *out, const struct target *t, struct export_io *io,
                      const char *name)
{
	bool files_gone = false;

	if (export_io_remove(io, t->fd, name, &files_gone)) {
		return;
	}
	out->left_behind = xasprintf("%s/%s", t->path, name);
	out->personal_data = !files_gone;
	if (!files_gone) {
		out->left_files = xcalloc(io->n_created ? io->n_created : 1, sizeof(char *));
		for (size_t i = 0; i < io->n_created; i++) {
			out->left_files[i] = xstrdup(io->created[i]);
		}
		out->n_left_files = io->n_created;
	}
}

/* After a failure: take away what was written, and say what happened. */
static enum action_status give_up(struct export_result *out, const struct target *t,
                                  struct export_io *io, const char *name, char *cause)
{
	take_away(out, t, io, name);
	if (cause != NULL) {
		out->failure = EXPORT_FAIL_DATABASE;
		set_message(out, t->path, NULL, 0, cause);
		free(cause);
		return ACTION_FAILED;
	}
	out->needed_bytes = out->needed_bytes > io->bytes_written + 65536
	                        ? out->needed_bytes
	                        : io->bytes_written + 65536;
	fail_drive(out, t, io->mismatch ? io->mismatch : io->failed, io->err ? io->err : EIO,
	           io->mismatch != NULL, io->out_of_files);
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
		    say("已导出到 %s（%zu 个文件，%s，已校验）", out->folder, out->n_files, size);
	} else {
		out->message =
		    say("已导出到 %s（已校验），但没能记下导出时间：%s", out->folder, cause);
	}
	free(size);
	free(cause);
}

/* Writes, checks and publishes the folder in the open target; the caller closes the fds. */
static enum action_status export_into(struct desk *desk, struct target *t, const char *when,
                                      struct export_result *out)
{
	struct export_io io;
	char *cause = NULL;
	char *base = folder_name(desk, when);
	char *final = NULL;
	enum action_status status = ACTION_OK;
	int err;

	export_io_init(&io, t->path, t->temp_fd);
	if (!write_folder(desk, &io, when, out, &cause)) {
		status = give_up(out, t, &io, t->temp, cause);
	} else if ((err = publish(t, base, &io, &final)) != 0) {
		export_io_fail(&io, ".", err);
		/* the rename may have happened: take away the folder under the name it has now */
		status = give_up(out, t, &io,
		                 final && is_ours(t, final, t->temp_fd) ? final : t->temp, NULL);
	} else {
		out->folder = xasprintf("%s/%s", t->path, final);
		finish_ok(desk, out, &io);
	}
	export_io_release(&io);
	free(final);
	free(base);
	return status;
}

enum action_status action_export(struct desk *desk, const char *target_dir,
                                 struct export_result *out)
{
	char when[32];
	struct target t = {.path = target_dir, .fd = -1, .temp_fd = -1};
	enum action_status status;
	int err;

	memset(out, 0, sizeof(*out));
	journal_now(when);
	out->exported_at = xstrdup(when);
	if ((status = open_target(&t, out)) == ACTION_OK) {
		remove_stale_temps(&t);
		uint64_t snapshot = export_store_size(desk->db);
		/* the tables and workbooks take about half as much again as the snapshot */
		out->needed_bytes = snapshot + snapshot / 2 + 64u * 1024u;
		/* only the certain case is refused up front; anything closer is found by writing */
		if (free_space(t.fd) < snapshot) {
			fail_drive(out, &t, NULL, ENOSPC, false, false);
			status = ACTION_FAILED;
		} else if ((err = make_temp(&t)) != 0) {
			fail_drive(out, &t, NULL, err, false, err == ENOSPC && out_of_files(t.fd));
			status = ACTION_FAILED;
		} else {
			status = export_into(desk, &t, when, out);
		}
	}
	if (t.temp_fd >= 0) {
		close(t.temp_fd);
	}
	if (t.fd >= 0) {
		close(t.fd);
	}
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
	for (size_t i = 0; i < out->n_left_files; i++) {
		free(out->left_files[i]);
	}
	free(out->left_files);
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
	int err = export_io_hash_at(AT_FDCWD, path, got, &bytes);
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
		out->message = say("%s/SHA256SUMS 是空的", folder);
		return ACTION_BAD_INPUT;
	}
	out->message = out->n_bad == 0
	                   ? say("%zu 个文件校验无误", out->n_checked)
	                   : say("%zu 个文件有问题，这份导出不可信，请重新导出", out->n_bad);
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
