/*
 * setup stores event.ini as "section.key" settings and rooms.csv as rooms.
 * Settings are text so a later frontdesk can add keys without a migration.
 * The one exception to "as given" is the supervisor PIN: only its Argon2id
 * hash is stored (supervisor.h).
 */
#include "frontdesk/say.h"
#include "frontdesk/setup.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "frontdesk/pinguard.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/supervisor.h"
#include "frontdesk/xmalloc.h"

bool setup_is_initialised(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT 1 FROM setting WHERE key = 'event.code'");
	bool found = sqlite3_step(stmt) == SQLITE_ROW;

	sqlite3_finalize(stmt);
	return found;
}

struct store_ctx {
	sqlite3_stmt *stmt;
	bool ok;
};

static void store_setting(void *ctx_ptr, const char *section, const char *key, const char *value)
{
	struct store_ctx *ctx = ctx_ptr;
	char *full = xasprintf("%s.%s", section, key);
	/* the PIN itself is never stored: only its hash (pinguard.h, supervisor.h) */
	char *hash = strcmp(full, SUPERVISOR_PIN_KEY) == 0 ? pinguard_hash(value) : NULL;

	sqlite3_reset(ctx->stmt);
	db_bind_text(ctx->stmt, 1, full);
	db_bind_text(ctx->stmt, 2, hash ? hash : value);
	ctx->ok = ctx->ok && (hash != NULL || strcmp(full, SUPERVISOR_PIN_KEY) != 0) &&
	          sqlite3_step(ctx->stmt) == SQLITE_DONE;
	free(hash);
	free(full);
}

static bool store_rooms(struct db *db, const struct room_list *rooms)
{
	sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO room (hotel, room, type, floor, note, "
	                                    "hotel_rank) VALUES (?, ?, ?, ?, ?, ?)");
	bool ok = true;

	for (size_t i = 0; i < rooms->n_rows && ok; i++) {
		const struct room_row *r = &rooms->rows[i];
		sqlite3_reset(stmt);
		db_bind_text(stmt, 1, r->hotel);
		db_bind_text(stmt, 2, r->room);
		db_bind_text(stmt, 3, roomlist_kind_code(r->kind));
		db_bind_text(stmt, 4, r->floor);
		db_bind_text(stmt, 5, r->note);
		sqlite3_bind_int(stmt, 6, r->hotel_rank);
		ok = sqlite3_step(stmt) == SQLITE_DONE;
	}
	sqlite3_finalize(stmt);
	return ok;
}

static bool log_setup(struct db *db, const char *source, const char *sha256, size_t n_rooms)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO import_log (at, kind, file, sha256, summary) "
	                   "VALUES (datetime('now', 'localtime'), 'init', ?, ?, ?)");
	char *summary = xasprintf("{\"rooms\":%zu}", n_rooms);

	db_bind_text(stmt, 1, source);
	db_bind_text(stmt, 2, sha256);
	db_bind_text(stmt, 3, summary);
	bool ok = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_finalize(stmt);
	free(summary);
	return ok;
}

bool setup_init(struct db *db, const struct event_config *cfg, const struct room_list *rooms,
                const char *source, const char *sha256, char **cause)
{
	if (!db_begin(db, cause)) {
		return false;
	}
	if (setup_is_initialised(db)) {
		db_rollback(db);
		*cause = say("数据库 %s 已经初始化过；如需重来，请用新的 --db 文件", db_path(db));
		return false;
	}
	struct store_ctx ctx = {db_prepare(db, "INSERT INTO setting (key, value) VALUES (?, ?)"),
	                        true};
	event_each(cfg, store_setting, &ctx);
	sqlite3_finalize(ctx.stmt);
	if (!ctx.ok || !store_rooms(db, rooms) || !log_setup(db, source, sha256, rooms->n_rows)) {
		*cause = db_error(db, "保存活动设置", "storing the event settings");
		db_rollback(db);
		return false;
	}
	return db_commit(db, cause);
}

struct event_config *setup_load_event(struct db *db, char **cause)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT key, value FROM setting WHERE key LIKE '%.%'");
	struct event_config *cfg = event_new();
	struct diag_list errs = DIAG_LIST_INIT;

	while (sqlite3_step(stmt) == SQLITE_ROW) {
		char *key = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		char *dot = strchr(key, '.');
		*dot = '\0';
		/* keys this build does not know (from a newer one) are ignored, not fatal */
		if (strcmp(key, "desk") == 0 && strcmp(dot + 1, "supervisor_pin") == 0) {
			/* the hash, which event_set would refuse as a PIN: taken as it is */
			free(cfg->supervisor_pin);
			cfg->supervisor_pin = db_column_strdup(stmt, 1);
		} else if (strcmp(key, "desk") != 0 || strcmp(dot + 1, "sequence") != 0) {
			struct diag_list ignored = DIAG_LIST_INIT;
			event_set(cfg, key, dot + 1, (const char *)sqlite3_column_text(stmt, 1), 0,
			          &ignored);
			diag_list_clear(&ignored);
		}
		free(key);
	}
	sqlite3_finalize(stmt);
	if (!event_check(cfg, &errs)) {
		*cause =
		    say("数据库还没有活动设置，请先运行 frontdesk init --event event.ini --rooms "
		        "rooms.csv");
		event_free(cfg);
		cfg = NULL;
	}
	diag_list_clear(&errs);
	return cfg;
}

void setup_count_rooms(struct db *db, int *total, int *king, int *twin)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT count(*), coalesce(sum(type = 'king'), 0), "
	                                    "coalesce(sum(type = 'twin'), 0) FROM room");

	if (sqlite3_step(stmt) == SQLITE_ROW) {
		if (total) {
			*total = sqlite3_column_int(stmt, 0);
		}
		if (king) {
			*king = sqlite3_column_int(stmt, 1);
		}
		if (twin) {
			*twin = sqlite3_column_int(stmt, 2);
		}
	}
	sqlite3_finalize(stmt);
}

bool setup_put(struct db *db, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *stmt =
	    db_prepare(db, "INSERT INTO setting (key, value) VALUES (?, ?) "
	                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	bool ok;

	db_bind_text(stmt, 1, key);
	db_bind_text(stmt, 2, value);
	ok = sqlite3_step(stmt) == SQLITE_DONE;
	if (!ok) {
		*cause = db_error(db, "保存设置", "saving a setting");
	}
	sqlite3_finalize(stmt);
	return ok;
}

char *setup_get(struct db *db, const char *key)
{
	sqlite3_stmt *stmt = db_prepare_cached(db, "SELECT value FROM setting WHERE key = ?");
	char *value = NULL;

	db_bind_text(stmt, 1, key);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		value = db_column_strdup(stmt, 0);
	}
	db_release(db, stmt);
	return value;
}

char *setup_history(struct db *db)
{
	sqlite3_stmt *stmt = db_prepare(db, "SELECT sha256 FROM import_log ORDER BY id");
	struct strbuf history = STRBUF_INIT;

	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (history.len > 0) {
			strbuf_putc(&history, ',');
		}
		strbuf_puts(&history, (const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	return history.data ? history.data : xstrdup("");
}
