/*
 * lanlog writes this desk's append-only LAN log and reads the other desks'
 * (lanlog.h). The log is a copy of the journal, never the truth: it is
 * appended after the commit (a crash in between leaves it short, and the
 * next flush catches up from the journal), and what is read from a peer's
 * log is checked like a stick's bundle before anything is stored. Only
 * complete lines count: Syncthing may hand over a file mid-append.
 */
#include "frontdesk/lanlog.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_private.h"
#include "frontdesk/desks.h"
#include "frontdesk/export_store.h"
#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/say.h"
#include "frontdesk/setup.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"
#include "sync_private.h"

char *lanlog_root(struct db *db)
{
	char *copy = xstrdup(db_path(db));
	char *root = xasprintf("%s/lan", dirname(copy));

	free(copy);
	return root;
}

char *lanlog_folder_name(const char *event, const char *desk)
{
	return xasprintf("%s-%s", event, desk);
}

/* Makes dir (0700) unless it is there; a new one is fsynced into its parent. */
static bool make_dir(const char *dir, char **cause)
{
	if (mkdir(dir, 0700) != 0) {
		if (errno == EEXIST) {
			return true;
		}
		*cause = say("无法创建局域网日志文件夹 %s：%s", dir, strerror(errno));
		return false;
	}
	char *copy = xstrdup(dir);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return true;
}

static void put_header(struct strbuf *sb, const char *event, const char *desk)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "format", LANLOG_FORMAT);
	json_kv_int(&j, "version", SYNC_BUNDLE_VERSION);
	json_kv_string(&j, "event", event);
	json_kv_string(&j, "desk", desk);
	json_object_end(&j);
	strbuf_puts(sb, json_text(&j));
	strbuf_putc(sb, '\n');
	json_release(&j);
}

/* One entry as a bundle line (export.md), by the export's own writer. */
static void put_entry(struct strbuf *sb, const char *desk, sqlite3_stmt *s)
{
	struct export_journal_row r = {
	    .desk_id = desk,
	    .seq = (long)sqlite3_column_int64(s, 0),
	    .at = (const char *)sqlite3_column_text(s, 1),
	    .operator_name = (const char *)sqlite3_column_text(s, 2),
	    .action = (const char *)sqlite3_column_text(s, 3),
	    .subject = (const char *)sqlite3_column_text(s, 4),
	    .details = (const char *)sqlite3_column_text(s, 5),
	    .prev = (const char *)sqlite3_column_text(s, 6),
	    .sig = (const char *)sqlite3_column_text(s, 7),
	};

	export_store_bundle_line(sb, &r);
}

/* The seq on a complete log line (0 for the header or anything else). */
static long line_seq(struct db *db, const char *line)
{
	sqlite3_stmt *s =
	    db_prepare(db, "SELECT CASE WHEN json_valid(?1) THEN json_extract(?1, '$.seq') END");
	long seq = 0;

	db_bind_text(s, 1, line);
	if (sqlite3_step(s) == SQLITE_ROW) {
		seq = (long)sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return seq;
}

/*
 * Reads the log's last bytes, enough to hold its last complete line and the
 * bytes after it: a window that doubles from 64 KiB, so a flush per check-in
 * reads a few pages, not the whole day.
 */
static char *read_tail_bytes(int fd, off_t size, off_t *from, size_t *len)
{
	for (off_t window = 64 * 1024;; window *= 2) {
		*from = size > window ? size - window : 0;
		*len = (size_t)(size - *from);
		char *buf = xmalloc(*len + 1);
		if (pread(fd, buf, *len, *from) != (ssize_t)*len) {
			free(buf);
			return NULL;
		}
		buf[*len] = '\0';
		char *end = strrchr(buf, '\n');
		if (*from == 0 || (end != NULL && memchr(buf, '\n', (size_t)(end - buf)) != NULL)) {
			return buf;
		}
		free(buf);
	}
}

/*
 * Reads the seq of the log's last complete line into *seq, cutting off a
 * line a crash left half written (only this desk writes its log). An empty
 * file gets its header.
 */
static bool read_tail(struct db *db, int fd, const char *event, const char *desk, long *seq)
{
	struct stat st;
	off_t from;
	size_t len;

	*seq = 0;
	char *buf = fstat(fd, &st) == 0 ? read_tail_bytes(fd, st.st_size, &from, &len) : NULL;
	if (buf == NULL) {
		return false;
	}
	char *end = strrchr(buf, '\n');
	bool ok = true;
	if ((size_t)(end ? end - buf + 1 : 0) != len) {
		ok = ftruncate(fd, from + (end ? end - buf + 1 : 0)) == 0;
	}
	if (ok && end != NULL) {
		*end = '\0';
		char *start = strrchr(buf, '\n');
		*seq = line_seq(db, start ? start + 1 : buf);
	} else if (ok) {
		struct strbuf h = STRBUF_INIT;
		put_header(&h, event, desk);
		ok = write(fd, h.data, h.len) == (ssize_t)h.len;
		strbuf_release(&h);
	}
	free(buf);
	return ok;
}

/*
 * Appends own entries after seq `after`; returns the last seq written, or -1.
 * Not fsynced: the log is a copy of the committed journal, and whatever a
 * crash takes of it the next flush writes again from the journal, byte for
 * byte the same lines (a second fsync per check-in, for nothing).
 */
static long append_entries(struct db *db, int fd, const char *desk, long after)
{
	sqlite3_stmt *s = db_prepare_cached(
	    db, "SELECT seq, at, operator, action, subject, details, "
	        "nullif(lower(hex(prev_hash)), ''), nullif(lower(hex(signature)), '') "
	        "FROM journal WHERE desk_id = ?1 AND seq > ?2 ORDER BY seq");
	struct strbuf sb = STRBUF_INIT;
	long last = after;

	db_bind_text(s, 1, desk);
	sqlite3_bind_int64(s, 2, after);
	while (sqlite3_step(s) == SQLITE_ROW) {
		put_entry(&sb, desk, s);
		last = (long)sqlite3_column_int64(s, 0);
	}
	db_release(db, s);
	bool ok = sb.len == 0 || write(fd, sb.data, sb.len) == (ssize_t)sb.len;
	strbuf_release(&sb);
	return ok ? last : -1;
}

static long own_last(struct db *db, const char *desk)
{
	sqlite3_stmt *s = db_prepare_cached(db, "SELECT max(seq) FROM journal WHERE desk_id = ?1");
	long seq = 0;

	db_bind_text(s, 1, desk);
	if (sqlite3_step(s) == SQLITE_ROW) {
		seq = (long)sqlite3_column_int64(s, 0);
	}
	db_release(db, s);
	return seq;
}

/*
 * The seq of the log's last line: remembered from this connection's last
 * append while the file is the same one at the same length (nobody else
 * appended), else read from the file's tail.
 */
static bool logged_seq(struct db *db, int fd, const char *event, const char *desk, long *seq)
{
	struct stat st;
	const struct lan_tail *t = &db->lan_tail;

	if (t->known && fstat(fd, &st) == 0 && st.st_dev == t->dev && st.st_ino == t->ino &&
	    st.st_size == t->size) {
		*seq = t->seq;
		return true;
	}
	return read_tail(db, fd, event, desk, seq);
}

/* Remembers where this connection left the log (logged_seq). */
static void remember_tail(struct db *db, int fd, long seq)
{
	struct stat st;

	db->lan_tail.known = fstat(fd, &st) == 0;
	db->lan_tail.dev = st.st_dev;
	db->lan_tail.ino = st.st_ino;
	db->lan_tail.size = st.st_size;
	db->lan_tail.seq = seq;
}

/* Opens (making it when missing) this desk's log; -1 with *cause. */
static int open_log(struct db *db, const char *event, const char *desk, char **cause)
{
	char *root = lanlog_root(db), *name = lanlog_folder_name(event, desk);
	char *dir = xasprintf("%s/%s", root, name);
	char *path = xasprintf("%s/%s", dir, LANLOG_FILE);
	int flags = O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW;
	/* the folders are made once: after that, one open per commit */
	int fd = open(path, flags, 0600);
	bool folders = true;

	if (fd < 0 && errno == ENOENT) {
		folders = make_dir(root, cause) && make_dir(dir, cause);
		fd = folders ? open(path, flags, 0600) : -1;
	}
	if (fd < 0 && folders) {
		*cause = say("无法打开局域网日志 %s：%s", path, strerror(errno));
	}
	free(root);
	free(name);
	free(dir);
	free(path);
	return fd;
}

static bool flush_desk(struct db *db, const char *event, const char *desk, char **cause)
{
	int fd = open_log(db, event, desk, cause);
	long logged = 0;

	if (fd < 0) {
		return false;
	}
	/* the desk screen and a command line on one database may both append: one at a time */
	bool ok = flock(fd, LOCK_EX) == 0 && logged_seq(db, fd, event, desk, &logged);
	if (ok && logged > own_last(db, desk)) {
		*cause = say(
		    "局域网日志里有本机数据库没有的本台记录（第 %ld 条）：这台电脑的数据库可能是从旧的副本恢复的，请停止签到并联系技术支持",
		    logged);
		close(fd);
		return false;
	}
	long last = ok ? append_entries(db, fd, desk, logged) : -1;
	ok = last >= 0;
	if (ok) {
		remember_tail(db, fd, last);
	} else {
		db->lan_tail.known = false;
		*cause = say("写入局域网日志失败：%s（签到已保存，稍后会补写）", strerror(errno));
	}
	close(fd);
	return ok;
}

bool lanlog_flush(struct db *db, char **cause)
{
	if (db->read_only || desks_count(db) == 0) {
		return true;
	}
	char *event = setup_get(db, "event.code"), *desk = setup_get(db, "desk.id");
	bool ok = event == NULL || desk == NULL || flush_desk(db, event, desk, cause);

	free(event);
	free(desk);
	return ok;
}

void lanlog_cursor_release(struct lanlog_cursor *cur)
{
	free(cur->event);
	free(cur->desk);
	memset(cur, 0, sizeof(*cur));
}

/* Reads the header line into cur's event and desk; false with a problem in errs. */
static bool read_header(struct db *db, const char *line, struct lanlog_cursor *cur,
                        struct diag_list *errs)
{
	sqlite3_stmt *s = db_prepare(
	    db, "SELECT json_extract(?1, '$.format'), json_extract(?1, '$.version'), "
	        "json_extract(?1, '$.event'), json_extract(?1, '$.desk') WHERE json_valid(?1) "
	        "AND json_type(?1, '$.event') = 'text' AND json_type(?1, '$.desk') = 'text'");
	bool ok = false;

	db_bind_text(s, 1, line);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *format = (const char *)sqlite3_column_text(s, 0);
		ok = format != NULL && strcmp(format, LANLOG_FORMAT) == 0 &&
		     sqlite3_column_int64(s, 1) == SYNC_BUNDLE_VERSION;
		if (ok) {
			cur->event = db_column_strdup(s, 2);
			cur->desk = db_column_strdup(s, 3);
		}
	}
	sqlite3_finalize(s);
	if (!ok) {
		diag_say(
		    errs, 1, NULL,
		    "第一行不是 frontdesk 局域网日志的标题（或格式版本不同）：请在写它的签到台升级 frontdesk");
	}
	return ok;
}

/* Every entry of a desk's log is that desk's: its folder is written by it alone. */
static void check_desks(const struct sync_bundle *out, const char *desk, struct diag_list *errs)
{
	for (size_t i = 0; i < out->n; i++) {
		if (strcmp(out->entries[i].desk_id, desk) != 0) {
			diag_say(errs, out->entries[i].line, "desk",
			         "%s 台的局域网日志里有 %s 台的条目：只认该台自己写的条目", desk,
			         out->entries[i].desk_id);
			return;
		}
	}
}

/* Reads the lines of buf[0..len) (complete ones) starting at line number first+1. */
static void read_lines(struct db *db, char *buf, size_t len, struct lanlog_cursor *cur, int *lines,
                       struct sync_bundle *out, struct diag_list *errs)
{
	struct reader r;
	char *p = buf;

	sync_reader_open(&r, db, errs);
	while ((size_t)(p - buf) < len && errs->n < 50) {
		char *nl = memchr(p, '\n', len - (size_t)(p - buf));
		*nl = '\0';
		int number = cur->line + ++*lines;
		if (number == 1) {
			lanlog_cursor_release(cur);
			read_header(db, p, cur, errs);
		} else if (*p != '\0') {
			sync_reader_entry(&r, number, p, out);
		}
		p = nl + 1;
	}
	sync_reader_close(&r);
}

bool lanlog_read(struct db *db, const char *path, struct lanlog_cursor *cur,
                 struct sync_bundle *out, struct diag_list *errs, char **cause)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (fd < 0 && errno == ENOENT) {
		return true; /* the desk has written nothing yet, or the folder has not arrived */
	}
	if (fd < 0 || fstat(fd, &st) != 0) {
		*cause = say("无法读取局域网日志 %s：%s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
		}
		return false;
	}
	size_t len = st.st_size > cur->offset ? (size_t)(st.st_size - cur->offset) : 0;
	char *buf = xmalloc(len + 1);
	bool ok = pread(fd, buf, len, cur->offset) == (ssize_t)len;
	close(fd);
	buf[ok ? len : 0] = '\0';
	/* a log being written may end mid-line: only what ends in a newline is read now */
	while (len > 0 && buf[len - 1] != '\n') {
		len--;
	}
	int lines = 0;
	if (ok) {
		read_lines(db, buf, len, cur, &lines, out, errs);
	}
	free(buf);
	if (!ok) {
		*cause = say("无法读取局域网日志 %s：%s", path, strerror(errno));
		return false;
	}
	if (cur->desk != NULL && errs->n == 0) {
		check_desks(out, cur->desk, errs);
		sync_sort_entries(out, errs);
	}
	if (errs->n == 0) {
		cur->offset += (off_t)len;
		cur->line += lines;
	}
	out->event = cur->event ? xstrdup(cur->event) : NULL;
	out->desk_id = cur->desk ? xstrdup(cur->desk) : NULL;
	return true;
}

size_t lanlog_peer_ages(struct db *db, const char *own, struct lanlog_age **out)
{
	char now[32];
	sqlite3_stmt *s = db_prepare(
	    db, "SELECT d.id, (SELECT max(CAST(strftime('%s', ?1) AS INTEGER) - "
	        "CAST(strftime('%s', max(j.at)) AS INTEGER), 0) FROM journal j "
	        "WHERE j.desk_id = d.id) FROM desk d WHERE d.id IS NOT ?2 ORDER BY d.position");
	size_t n = 0;

	*out = NULL;
	journal_now(now);
	db_bind_text(s, 1, now);
	db_bind_text(s, 2, own);
	while (sqlite3_step(s) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n].desk = db_column_strdup(s, 0);
		(*out)[n].age = sqlite3_column_type(s, 1) == SQLITE_NULL
		                    ? -1
		                    : (long)sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_finalize(s);
	return n;
}

void lanlog_ages_free(struct lanlog_age *ages, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ages[i].desk);
	}
	free(ages);
}
