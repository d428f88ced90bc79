/*
 * sync reads sync bundles and keeps the tables a merge rebuilds. A bundle is
 * untrusted input (a stick from another desk, maybe damaged): every line is
 * checked field by field before anything is stored, and a problem names its
 * line. JSON goes through SQLite's JSON functions, already in the build and
 * hardened, rather than a parser of our own.
 */
#include "frontdesk/say.h"
#include "frontdesk/sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "sync_private.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

/* A line longer than this is not a journal entry (details are a few hundred bytes). */
#define MAX_LINE   (1024 * 1024)
#define MAX_ERRORS 50

static const char *const known_actions[] = {"checkin", "pay",    "reject",     "reprint", "undo",
                                            "settle",  "walkin", "pin_failed", "attend",  "excuse"};

static bool too_many(const struct reader *r)
{
	return r->errs->n >= MAX_ERRORS;
}

/* Whether the line is a JSON object. */
static bool is_object(struct reader *r, const char *line)
{
	sqlite3_reset(r->valid);
	db_bind_text(r->valid, 1, line);
	bool ok = sqlite3_step(r->valid) == SQLITE_ROW && sqlite3_column_int(r->valid, 0) == 1;
	return ok;
}

/* Column i of stmt as plain text without control characters, or NULL. */
static const char *clean_text(sqlite3_stmt *stmt, int type_col, int value_col)
{
	const char *type = (const char *)sqlite3_column_text(stmt, type_col);
	const char *value = (const char *)sqlite3_column_text(stmt, value_col);

	if (type == NULL || strcmp(type, "text") != 0 || value == NULL || text_has_control(value)) {
		return NULL;
	}
	return value;
}

/*
 * Whether column value_col is text holding a control character: an entry
 * from a desk whose frontdesk let a tab or an escape into a name. Such a
 * bundle is refused with this said plainly, since the cure is on the other
 * desk (a current frontdesk sanitises what it exports).
 */
static bool holds_control(sqlite3_stmt *stmt, int type_col, int value_col)
{
	const char *type = (const char *)sqlite3_column_text(stmt, type_col);
	const char *value = (const char *)sqlite3_column_text(stmt, value_col);

	return type != NULL && strcmp(type, "text") == 0 && value != NULL &&
	       text_has_control(value);
}

static void bad_control(struct diag_list *errs, int line, const char *field)
{
	diag_say(errs, line, field,
	         "字段“%s”含有控制字符（如 Tab 或 ESC）：导出它的签到台用的是旧版 frontdesk，"
	         "请在那台签到台升级 frontdesk 后重新导出",
	         field);
}

static bool is_timestamp(const char *s)
{
	static const char pattern[] = "dddd-dd-dd dd:dd:dd";

	if (s == NULL || strlen(s) != sizeof(pattern) - 1) {
		return false;
	}
	for (size_t i = 0; pattern[i] != '\0'; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';
		if (pattern[i] == 'd' ? !digit : s[i] != pattern[i]) {
			return false;
		}
	}
	return true;
}

static bool is_known_action(const char *action)
{
	for (size_t i = 0; i < sizeof(known_actions) / sizeof(known_actions[0]); i++) {
		if (strcmp(action, known_actions[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void bad(struct reader *r, int line, const char *field, const char *zh, const char *en)
{
	diag_add(r->errs, line, field, "%s“%s”%s / %s \"%s\" %s", "字段", field, zh, "field", field,
	         en);
}

/* Reads the header line into out; false (with a problem) when it is no bundle header. */
static bool read_header(struct reader *r, const char *line, struct sync_bundle *out, long *entries)
{
	if (!is_object(r, line)) {
		diag_say(r->errs, 1, NULL,
		         "第一行不是同步包的标题：这不是 frontdesk 导出的 bundle.jsonl");
		return false;
	}
	sqlite3_stmt *h = r->header;
	sqlite3_reset(h);
	db_bind_text(h, 1, line);
	if (sqlite3_step(h) != SQLITE_ROW) {
		return false;
	}
	const char *format = (const char *)sqlite3_column_text(h, 0);
	if (format == NULL || strcmp(format, "frontdesk-bundle") != 0) {
		diag_say(r->errs, 1, "format", "这不是 frontdesk 的同步包");
		return false;
	}
	const char *vtype = (const char *)sqlite3_column_text(h, 1);
	long version = sqlite3_column_int64(h, 2);
	if (vtype == NULL || strcmp(vtype, "integer") != 0 || version < 1) {
		bad(r, 1, "version", "缺失或无效", "is missing or invalid");
	} else if (version < SYNC_BUNDLE_VERSION) {
		diag_say(
		    r->errs, 1, "version",
		    "同步包格式 %ld 来自旧版 frontdesk，条目没有签名，本机不收：请在导出它的签到台"
		    "升级 frontdesk 后重新导出",
		    version);
	} else if (version > SYNC_BUNDLE_VERSION) {
		diag_say(r->errs, 1, "version",
		         "同步包格式 %ld 来自更新版本的 frontdesk，本机只认 %d：请先升级本机的 "
		         "frontdesk",
		         version, SYNC_BUNDLE_VERSION);
	}
	const char *event = clean_text(h, 3, 4), *desk = clean_text(h, 5, 6);
	const char *etype = (const char *)sqlite3_column_text(h, 9);
	if (event == NULL) {
		bad(r, 1, "event", "缺失或无效", "is missing or invalid");
	}
	if (desk == NULL) {
		bad(r, 1, "desk", "缺失或无效", "is missing or invalid");
	}
	if (etype == NULL || strcmp(etype, "integer") != 0 || sqlite3_column_int64(h, 10) < 0) {
		bad(r, 1, "entries", "缺失或无效", "is missing or invalid");
	}
	out->event = event ? xstrdup(event) : NULL;
	out->desk_id = desk ? xstrdup(desk) : NULL;
	out->event_name = db_column_strdup(h, 7);
	out->exported_at = db_column_strdup(h, 8);
	const char *setup = clean_text(h, 11, 12);
	out->setup = setup ? xstrdup(setup) : NULL;
	*entries = sqlite3_column_int64(h, 10);
	return r->errs->n == 0;
}

/*
 * Reads an entry's chain fields (columns 15-18 of r->entry): prev and sig as
 * hex, both or neither (an unsigned entry; what a merge makes of it is
 * sync_check_entries's business). True when both were given and valid.
 */
static bool read_chain(struct reader *r, int line, unsigned char prev[CHAIN_HASH_BYTES],
                       unsigned char sig[CHAIN_SIG_BYTES])
{
	sqlite3_stmt *s = r->entry;
	const char *prev_type = (const char *)sqlite3_column_text(s, 15);
	const char *sig_type = (const char *)sqlite3_column_text(s, 17);
	bool no_prev = prev_type == NULL || strcmp(prev_type, "null") == 0;
	bool no_sig = sig_type == NULL || strcmp(sig_type, "null") == 0;

	memset(prev, 0, CHAIN_HASH_BYTES);
	memset(sig, 0, CHAIN_SIG_BYTES);
	if (no_prev && no_sig) {
		return false;
	}
	if (!chain_from_hex(clean_text(s, 15, 16), prev, CHAIN_HASH_BYTES)) {
		bad(r, line, "prev", "应为 64 位十六进制数", "must be 64 hex digits");
	}
	if (!chain_from_hex(clean_text(s, 17, 18), sig, CHAIN_SIG_BYTES)) {
		bad(r, line, "sig", "应为 128 位十六进制数", "must be 128 hex digits");
	}
	return true;
}

/* Checks an entry's fields (columns of r->entry) and copies them into e. */
static bool read_entry_fields(struct reader *r, int line, struct sync_entry *e)
{
	sqlite3_stmt *s = r->entry;
	const char *desk = clean_text(s, 0, 1), *at = clean_text(s, 4, 5);
	const char *op = clean_text(s, 6, 7), *action = clean_text(s, 8, 9);
	const char *seq_type = (const char *)sqlite3_column_text(s, 2);
	const char *subject_type = (const char *)sqlite3_column_text(s, 10);
	const char *details_type = (const char *)sqlite3_column_text(s, 12);
	size_t before = r->errs->n;

	if (desk == NULL || strlen(desk) > 32) {
		bad(r, line, "desk", "缺失或无效", "is missing or invalid");
	}
	if (seq_type == NULL || strcmp(seq_type, "integer") != 0 ||
	    sqlite3_column_int64(s, 3) < 1) {
		bad(r, line, "seq", "应为正整数", "must be a positive integer");
	}
	if (!is_timestamp(at)) {
		bad(r, line, "at", "应为“YYYY-MM-DD HH:MM:SS”", "must be \"YYYY-MM-DD HH:MM:SS\"");
	}
	if (op == NULL && holds_control(s, 6, 7)) {
		bad_control(r->errs, line, "operator");
	} else if (op == NULL) {
		bad(r, line, "operator", "缺失或无效", "is missing or invalid");
	}
	if (action == NULL || !is_known_action(action)) {
		bad(r, line, "action", "不是已知的操作", "is not a known action");
	}
	if (holds_control(s, 10, 11)) {
		bad_control(r->errs, line, "subject");
	} else if (subject_type != NULL && strcmp(subject_type, "null") != 0 &&
	           clean_text(s, 10, 11) == NULL) {
		bad(r, line, "subject", "无效", "is invalid");
	}
	bool details_null = details_type == NULL || strcmp(details_type, "null") == 0;
	if (!details_null &&
	    (strcmp(details_type, "text") != 0 || sqlite3_column_int(s, 14) != 1)) {
		bad(r, line, "details", "应为 JSON 对象文本", "must be a JSON object as text");
	}
	unsigned char prev[CHAIN_HASH_BYTES], sig[CHAIN_SIG_BYTES];
	bool is_signed = read_chain(r, line, prev, sig);
	if (r->errs->n != before) {
		return false;
	}
	memset(e, 0, sizeof(*e));
	e->desk_id = xstrdup(desk);
	e->seq = (long)sqlite3_column_int64(s, 3);
	e->at = xstrdup(at);
	e->operator_name = xstrdup(op);
	e->action = xstrdup(action);
	e->subject = db_column_strdup(s, 11);
	e->details = details_null ? NULL : db_column_strdup(s, 13);
	e->line = line;
	e->is_signed = is_signed;
	memcpy(e->prev, prev, sizeof(prev));
	memcpy(e->sig, sig, sizeof(sig));
	return true;
}

void sync_reader_entry(struct reader *r, int line, const char *text, struct sync_bundle *out)
{
	if (!is_object(r, text)) {
		diag_say(r->errs, line, NULL, "这一行不是 JSON 对象");
		return;
	}
	sqlite3_reset(r->entry);
	db_bind_text(r->entry, 1, text);
	if (sqlite3_step(r->entry) != SQLITE_ROW) {
		diag_say(r->errs, line, NULL, "这一行无法读取");
		return;
	}
	struct sync_entry e;
	if (!read_entry_fields(r, line, &e)) {
		return;
	}
	if (out->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		out->entries = xreallocarray(out->entries, r->cap, sizeof(*out->entries));
	}
	out->entries[out->n++] = e;
}

void sync_reader_open(struct reader *r, struct db *db, struct diag_list *errs)
{
	memset(r, 0, sizeof(*r));
	r->db = db;
	r->errs = errs;
	r->valid = db_prepare(
	    db, "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' ELSE 0 END");
	r->header = db_prepare(
	    db,
	    "SELECT json_extract(?1, '$.format'), json_type(?1, '$.version'), "
	    "json_extract(?1, '$.version'), json_type(?1, '$.event'), json_extract(?1, '$.event'), "
	    "json_type(?1, '$.desk'), json_extract(?1, '$.desk'), json_extract(?1, "
	    "'$.event_name'), json_extract(?1, '$.exported_at'), json_type(?1, '$.entries'), "
	    "json_extract(?1, '$.entries'), json_type(?1, '$.setup'), json_extract(?1, '$.setup')");
	/* details is valid only as text holding a JSON object */
	r->entry = db_prepare(
	    db,
	    "SELECT json_type(?1, '$.desk'), json_extract(?1, '$.desk'), json_type(?1, '$.seq'), "
	    "json_extract(?1, '$.seq'), json_type(?1, '$.at'), json_extract(?1, '$.at'), "
	    "json_type(?1, '$.operator'), json_extract(?1, '$.operator'), json_type(?1, "
	    "'$.action'), json_extract(?1, '$.action'), json_type(?1, '$.subject'), "
	    "json_extract(?1, '$.subject'), json_type(?1, '$.details'), json_extract(?1, "
	    "'$.details'), CASE WHEN json_type(?1, '$.details') = 'text' AND "
	    "json_valid(json_extract(?1, '$.details')) THEN json_type(json_extract(?1, "
	    "'$.details')) = 'object' ELSE 0 END, json_type(?1, '$.prev'), json_extract(?1, "
	    "'$.prev'), json_type(?1, '$.sig'), json_extract(?1, '$.sig')");
}

void sync_reader_close(struct reader *r)
{
	sqlite3_finalize(r->valid);
	sqlite3_finalize(r->header);
	sqlite3_finalize(r->entry);
}

/* Reads the lines after the header; returns how many there were. */
static long read_entries(struct reader *r, FILE *f, struct sync_bundle *out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int number = 1;
	long count = 0;

	while ((len = getline(&line, &cap, f)) >= 0 && !too_many(r)) {
		number++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
			line[--len] = '\0';
		}
		if (len == 0) {
			continue; /* a blank line (an editor's last newline) carries nothing */
		}
		count++;
		if (len > MAX_LINE || strlen(line) != (size_t)len) {
			diag_say(r->errs, number, NULL, "这一行过长或含有空字符");
			continue;
		}
		sync_reader_entry(r, number, line, out);
	}
	free(line);
	return count;
}

static int compare_keys(const void *a, const void *b)
{
	const struct sync_entry *x = a, *y = b;
	int c = strcmp(x->desk_id, y->desk_id);

	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The same (desk, sequence) twice in one bundle: the bundle contradicts itself. */
static int compare_keys_then_lines(const void *a, const void *b)
{
	const struct sync_entry *x = a, *y = b;
	int c = compare_keys(a, b);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

void sync_sort_entries(struct sync_bundle *out, struct diag_list *errs)
{
	if (out->n == 0) {
		return;
	}
	qsort(out->entries, out->n, sizeof(*out->entries), compare_keys_then_lines);
	for (size_t i = 1; i < out->n; i++) {
		if (compare_keys(&out->entries[i - 1], &out->entries[i]) == 0) {
			diag_say(errs, out->entries[i].line, NULL,
			         "条目（%s, %ld）出现了两次：同步包已损坏", out->entries[i].desk_id,
			         out->entries[i].seq);
			return;
		}
	}
}

bool sync_read_bundle(struct db *db, const char *path, struct sync_bundle *out,
                      struct diag_list *errs, char **cause)
{
	FILE *f = fopen(path, "re");
	struct reader r;
	char *line = NULL;
	size_t cap = 0;
	long declared = 0;

	memset(out, 0, sizeof(*out));
	if (f == NULL) {
		*cause = say("无法打开同步包 %s：%s。请检查 U 盘和路径", path, strerror(errno));
		return false;
	}
	sync_reader_open(&r, db, errs);
	ssize_t len = getline(&line, &cap, f);
	if (len <= 0) {
		diag_say(errs, 0, NULL, "同步包是空的");
	} else {
		line[strcspn(line, "\r\n")] = '\0';
		if (read_header(&r, line, out, &declared)) {
			long found = read_entries(&r, f, out);
			if (errs->n == 0 && found != declared) {
				diag_say(
				    errs, 0, NULL,
				    "同步包应有 %ld 条记录，实有 %ld 条：文件不完整，请重新导出",
				    declared, found);
			}
		}
	}
	bool read_error = ferror(f) != 0;
	free(line);
	fclose(f);
	sync_reader_close(&r);
	if (read_error) {
		*cause = say("读取同步包 %s 时出错，U 盘可能已拔出或损坏", path);
		return false;
	}
	if (errs->n == 0) {
		sync_sort_entries(out, errs);
	}
	return true;
}

static void entry_release(struct sync_entry *e)
{
	free(e->desk_id);
	free(e->at);
	free(e->operator_name);
	free(e->action);
	free(e->subject);
	free(e->details);
}

void sync_bundle_release(struct sync_bundle *bundle)
{
	for (size_t i = 0; i < bundle->n; i++) {
		entry_release(&bundle->entries[i]);
	}
	free(bundle->entries);
	free(bundle->event);
	free(bundle->event_name);
	free(bundle->desk_id);
	free(bundle->exported_at);
	free(bundle->setup);
	memset(bundle, 0, sizeof(*bundle));
}

static void bind_entry(sqlite3_stmt *stmt, const struct sync_entry *e)
{
	sqlite3_reset(stmt);
	db_bind_text(stmt, 1, e->desk_id);
	sqlite3_bind_int64(stmt, 2, e->seq);
	db_bind_text(stmt, 3, e->at);
	db_bind_text(stmt, 4, e->operator_name);
	db_bind_text(stmt, 5, e->action);
	db_bind_text(stmt, 6, e->subject);
	db_bind_text(stmt, 7, e->details);
	if (e->is_signed) {
		sqlite3_bind_blob(stmt, 8, e->prev, CHAIN_HASH_BYTES, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 9, e->sig, CHAIN_SIG_BYTES, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(stmt, 8);
		sqlite3_bind_null(stmt, 9);
	}
}

long sync_add_entries(struct db *db, const struct sync_bundle *bundle, struct sync_clash *clash,
                      char **cause)
{
	sqlite3_stmt *insert = db_prepare(
	    db, "INSERT INTO journal (desk_id, seq, at, operator, action, subject, details, "
	        "prev_hash, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	        "ON CONFLICT (desk_id, seq) DO NOTHING");
	/* an entry already here must be the very same one, as a bundle carries it: sanitised
	 * (json.h), so this desk's own entries that an older frontdesk stored with a tab in
	 * the operator's name still match when they come back through another desk */
	sqlite3_stmt *same = db_prepare(
	    db, "SELECT 1 FROM journal WHERE desk_id = ?1 AND seq = ?2 AND at IS ?3 AND "
	        "frontdesk_clean(operator) IS ?4 AND action IS ?5 AND frontdesk_clean(subject) IS "
	        "?6 AND frontdesk_clean(details) IS ?7 AND prev_hash IS ?8 AND signature IS ?9");
	long added = 0;

	memset(clash, 0, sizeof(*clash));
	for (size_t i = 0; i < bundle->n && added >= 0; i++) {
		const struct sync_entry *e = &bundle->entries[i];
		bind_entry(insert, e);
		if (sqlite3_step(insert) != SQLITE_DONE) {
			*cause = db_error(db, "写入合并的日志", "storing the merged journal");
			added = -1;
		} else if (sqlite3_changes(db->handle) == 1) {
			added++;
		} else {
			bind_entry(same, e);
			if (sqlite3_step(same) != SQLITE_ROW) {
				clash->desk_id = xstrdup(e->desk_id);
				clash->seq = e->seq;
				added = -1;
			}
		}
	}
	sqlite3_finalize(insert);
	sqlite3_finalize(same);
	return added;
}

void sync_clash_release(struct sync_clash *clash)
{
	free(clash->desk_id);
	memset(clash, 0, sizeof(*clash));
}

/*
 * Details are read through a valid object only, so an odd stored row cannot
 * stop a replay. ?1 NULL reads the whole journal (every entry not fresh).
 */
static const char replay_sql[] =
    "SELECT " SYNC_REPLAY_COLUMNS " FROM (SELECT *, rowid AS rid, " SYNC_REPLAY_DETAILS
    ", max(at) OVER (PARTITION BY desk_id ORDER BY seq) AS clock FROM journal) "
    "ORDER BY clock, desk_id, seq";

static int int_column(sqlite3_stmt *stmt, int column)
{
	/* an amount or a bed out of int range is nonsense: 0 makes the replay skip it */
	sqlite3_int64 v = sqlite3_column_int64(stmt, column);
	return v > 0 && v < 1000000000 ? (int)v : 0;
}

struct sync_replay_entry sync_replay_row(sqlite3_stmt *stmt)
{
	return (struct sync_replay_entry){
	    db_column_strdup(stmt, 0),  sqlite3_column_int64(stmt, 1),
	    db_column_strdup(stmt, 2),  db_column_strdup(stmt, 3),
	    db_column_strdup(stmt, 4),  db_column_strdup(stmt, 5),
	    db_column_strdup(stmt, 6),  int_column(stmt, 7),
	    db_column_strdup(stmt, 8),  db_column_strdup(stmt, 9),
	    db_column_strdup(stmt, 10), db_column_strdup(stmt, 11),
	    db_column_strdup(stmt, 12), int_column(stmt, 13),
	    db_column_strdup(stmt, 14), db_column_strdup(stmt, 15),
	    db_column_strdup(stmt, 16), db_column_strdup(stmt, 17),
	    db_column_strdup(stmt, 18), db_column_strdup(stmt, 19),
	    int_column(stmt, 20),       db_column_strdup(stmt, 21),
	    db_column_strdup(stmt, 22), sqlite3_column_int(stmt, 23) != 0};
}

size_t sync_load_replay(struct db *db, struct sync_replay_entry **out)
{
	sqlite3_stmt *stmt = db_prepare(db, replay_sql);
	size_t n = 0, cap = 0;

	*out = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[n++] = sync_replay_row(stmt);
	}
	sqlite3_finalize(stmt);
	return n;
}

void sync_replay_free(struct sync_replay_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct sync_replay_entry *e = &entries[i];
		free(e->desk_id);
		free(e->at);
		free(e->operator_name);
		free(e->action);
		free(e->subject);
		free(e->evidence);
		free(e->reference);
		free(e->invoice_title);
		free(e->taxpayer_no);
		free(e->hotel);
		free(e->room);
		free(e->reason);
		free(e->undone_at);
		free(e->undone_desk);
		free(e->room_type);
		free(e->arrive);
		free(e->depart);
		free(e->session);
		free(e->sign);
	}
	free(entries);
}

/*
 * desk.replays counts the replays of the whole journal on this copy: a merged
 * entry placed before entries already applied may change the rows of any
 * registration, not only those its entries name, so what is kept by delta
 * (changes.h) starts over when the count moves.
 */
bool sync_clear_derived(struct db *db, char **cause)
{
	return db_exec(db,
	               "DELETE FROM checkin; DELETE FROM rejection; DELETE FROM stay; "
	               "DELETE FROM walkin; DELETE FROM attendance; "
	               "DELETE FROM payment WHERE source = 'onsite'; DELETE FROM conflict; "
	               "INSERT INTO setting (key, value) VALUES ('desk.replays', 1) "
	               "ON CONFLICT (key) DO UPDATE SET value = value + 1;",
	               cause);
}

bool sync_remove_checkin(struct db *db, long attendee_id, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(db, "DELETE FROM checkin WHERE attendee_id = ?");
	bool ok;

	sqlite3_bind_int64(stmt, 1, attendee_id);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	if (!ok) {
		*cause = db_error(db, "撤销签到", "undoing the check-in");
	}
	sqlite3_finalize(stmt);
	return ok;
}

bool sync_add_conflict(struct db *db, const struct sync_conflict *c, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "INSERT INTO conflict (kind, reg_no, desk_id, seq, at, other_desk, other_seq, "
	        "other_at, room_given, room_now, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	bool ok;

	db_bind_text(stmt, 1, c->kind);
	db_bind_text(stmt, 2, c->reg_no);
	db_bind_text(stmt, 3, c->desk_id);
	sqlite3_bind_int64(stmt, 4, c->seq);
	db_bind_text(stmt, 5, c->at);
	db_bind_text(stmt, 6, c->other_desk);
	if (c->other_desk != NULL) {
		sqlite3_bind_int64(stmt, 7, c->other_seq);
	}
	db_bind_text(stmt, 8, c->other_at);
	db_bind_text(stmt, 9, c->room_given);
	db_bind_text(stmt, 10, c->room_now);
	sqlite3_bind_int(stmt, 11, c->amount);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	if (!ok) {
		*cause = db_error(db, "记录合并冲突", "recording a merge conflict");
	}
	sqlite3_finalize(stmt);
	return ok;
}

size_t sync_list_conflicts(struct db *db, struct sync_conflict **out)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "SELECT c.kind, c.reg_no, a.name, c.desk_id, c.seq, c.at, c.other_desk, "
	        "c.other_seq, c.other_at, c.room_given, c.room_now, c.amount FROM conflict c "
	        "LEFT JOIN attendee a ON a.reg_no = c.reg_no ORDER BY c.id");
	size_t n = 0;

	*out = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n++] = (struct sync_conflict){
		    db_column_strdup(stmt, 0),     db_column_strdup(stmt, 1),
		    db_column_strdup(stmt, 2),     db_column_strdup(stmt, 3),
		    sqlite3_column_int64(stmt, 4), db_column_strdup(stmt, 5),
		    db_column_strdup(stmt, 6),     sqlite3_column_int64(stmt, 7),
		    db_column_strdup(stmt, 8),     db_column_strdup(stmt, 9),
		    db_column_strdup(stmt, 10),    sqlite3_column_int(stmt, 11)};
	}
	sqlite3_finalize(stmt);
	return n;
}

void sync_conflicts_free(struct sync_conflict *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].kind);
		free(list[i].reg_no);
		free(list[i].name);
		free(list[i].desk_id);
		free(list[i].at);
		free(list[i].other_desk);
		free(list[i].other_at);
		free(list[i].room_given);
		free(list[i].room_now);
	}
	free(list);
}

bool sync_log_merge(struct db *db, const char *at, const char *source, const char *bundle_desk,
                    long entries, long new_entries, long conflicts, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(
	    db, "INSERT INTO merge_log (at, source, bundle_desk, entries, new_entries, conflicts) "
	        "VALUES (?, ?, ?, ?, ?, ?)");
	bool ok;

	db_bind_text(stmt, 1, at);
	db_bind_text(stmt, 2, source);
	db_bind_text(stmt, 3, bundle_desk);
	sqlite3_bind_int64(stmt, 4, entries);
	sqlite3_bind_int64(stmt, 5, new_entries);
	sqlite3_bind_int64(stmt, 6, conflicts);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	if (!ok) {
		*cause = db_error(db, "记录合并", "recording the merge");
	}
	sqlite3_finalize(stmt);
	return ok;
}
