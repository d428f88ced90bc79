/*
 * lan pulls the other desks' LAN logs into this desk (actions/lan.h). Each
 * peer log is a bundle arriving a few lines at a time: its new complete lines
 * pass the one check every merge runs (sync_check_entries), then the one
 * merge (sync_add_entries, then a replay). A log that fails is named and
 * left where it stopped, so the next pull refuses it again rather than
 * skipping what it refused; the other logs are still taken.
 */
#include "frontdesk/actions/lan.h"
#include "desk_private.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/db.h"
#include "frontdesk/event.h"
#include "frontdesk/lanlog.h"
#include "frontdesk/say.h"
#include "frontdesk/sync.h"
#include "frontdesk/xmalloc.h"
#include "replay.h"
#include "syncthing.h"

struct lan_peer {
	char *desk;
	struct lanlog_cursor cur;
	bool refused;     /* its new lines were refused at the last pull */
	struct stat seen; /* the log's size and time at the last pull */
};

struct lan_state {
	struct lan_peer *peers;
	size_t n;
	bool pulled; /* a pull ran: the peers' figures mean something */
};

struct lan_state *lan_state_new(void)
{
	return xcalloc(1, sizeof(struct lan_state));
}

void lan_state_free(struct lan_state *st)
{
	if (st == NULL) {
		return;
	}
	for (size_t i = 0; i < st->n; i++) {
		free(st->peers[i].desk);
		lanlog_cursor_release(&st->peers[i].cur);
	}
	free(st->peers);
	free(st);
}

static struct lan_peer *peer(struct lan_state *st, const char *desk)
{
	for (size_t i = 0; i < st->n; i++) {
		if (strcmp(st->peers[i].desk, desk) == 0) {
			return &st->peers[i];
		}
	}
	st->peers = xreallocarray(st->peers, st->n + 1, sizeof(*st->peers));
	struct lan_peer *p = &st->peers[st->n++];
	memset(p, 0, sizeof(*p));
	p->desk = xstrdup(desk);
	return p;
}

/* Finds the peer folders "<event>-<desk>" under the LAN folder (desk: not this one). */
static void find_peers(struct desk *desk, struct lan_state *st)
{
	char *root = lanlog_root(desk->db);
	char *prefix = xasprintf("%s-", desk->cfg->code);
	DIR *dir = opendir(root);
	struct dirent *d;

	while (dir != NULL && (d = readdir(dir)) != NULL) {
		const char *name = d->d_name;
		if (strncmp(name, prefix, strlen(prefix)) == 0 &&
		    event_desk_id_valid(name + strlen(prefix)) &&
		    strcmp(name + strlen(prefix), desk->cfg->desk_id) != 0) {
			peer(st, name + strlen(prefix));
		}
	}
	if (dir != NULL) {
		closedir(dir);
	}
	free(prefix);
	free(root);
}

static char *log_path(struct desk *desk, const char *peer_desk)
{
	char *root = lanlog_root(desk->db), *name = lanlog_folder_name(desk->cfg->code, peer_desk);
	char *path = xasprintf("%s/%s/%s", root, name, LANLOG_FILE);

	free(root);
	free(name);
	return path;
}

/* Names the refused log in out (the first one refused). */
static void refuse(struct lan_pull_result *out, const char *log_desk, const char *desk, long seq,
                   int line, char *message)
{
	if (out->refused_log != NULL) {
		free(message);
		return;
	}
	out->refused_log = xstrdup(log_desk);
	out->refused_desk = desk ? xstrdup(desk) : NULL;
	out->refused_seq = seq;
	out->refused_line = line;
	/* the check's message names the entry; this names the log it came in */
	char *head = say("%s 台的局域网日志的新记录未合并，其他台的照常合并。", log_desk);
	out->message = xasprintf("%s %s", head, message);
	free(head);
	free(message);
}

/* Checks a log's new entries; true when they may be added. */
static bool check_log(struct desk *desk, struct lan_peer *p, const struct sync_bundle *b,
                      struct lan_pull_result *out)
{
	if (b->event == NULL || strcmp(b->event, desk->cfg->code) != 0 || b->desk_id == NULL ||
	    strcmp(b->desk_id, p->desk) != 0) {
		refuse(out, p->desk, NULL, 0, 1,
		       say("文件夹里的日志属于别的活动或别的台：请检查局域网文件夹"));
		return false;
	}
	struct sync_refusal r;
	if (!sync_check_entries(desk->db, desk->cfg->code, desk->cfg->desk_id, b, &r)) {
		refuse(out, p->desk, r.desk_id, r.seq, r.line, xstrdup(r.message));
		sync_refusal_release(&r);
		return false;
	}
	return true;
}

/*
 * Reads one peer's new lines and adds what passes. The cursor moves only in
 * *next; the caller keeps it once the transaction commits.
 */
static bool pull_peer(struct desk *desk, struct lan_peer *p, struct lanlog_cursor *next,
                      struct lan_pull_result *out, char **cause)
{
	char *path = log_path(desk, p->desk);
	struct diag_list errs = DIAG_LIST_INIT;
	struct sync_bundle b;
	bool ok = true;

	stat(path, &p->seen);
	next->offset = p->cur.offset;
	next->line = p->cur.line;
	next->event = p->cur.event ? xstrdup(p->cur.event) : NULL;
	next->desk = p->cur.desk ? xstrdup(p->cur.desk) : NULL;
	if (!lanlog_read(desk->db, path, next, &b, &errs, cause)) {
		ok = false;
	} else if (errs.n > 0) {
		p->refused = true;
		refuse(out, p->desk, NULL, 0, errs.items[0].line, xstrdup(errs.items[0].message));
	} else if (b.n > 0 && !check_log(desk, p, &b, out)) {
		p->refused = true;
	} else if (b.n > 0) {
		struct sync_clash clash;
		long added = sync_add_entries(desk->db, &b, &clash, cause);
		sync_clash_release(&clash);
		ok = added >= 0;
		out->new_entries += added > 0 ? added : 0;
		p->refused = false;
	} else {
		p->refused = false;
	}
	out->logs++;
	sync_bundle_release(&b);
	diag_list_clear(&errs);
	free(path);
	return ok;
}

/* Applies what the pull added: alone when that gives what the whole replay would. */
static bool apply_new(struct desk *desk, long mark, struct lan_pull_result *out, char **cause)
{
	if (out->new_entries == 0) {
		return true;
	}
	if (sync_tail_applies_alone(desk->db, mark)) {
		return replay_journal_tail(desk, mark, &out->full_replay, cause);
	}
	out->full_replay = true;
	return replay_journal(desk, cause);
}

static void keep_cursors(struct lan_state *st, struct lanlog_cursor *next)
{
	for (size_t i = 0; i < st->n; i++) {
		if (!st->peers[i].refused) {
			lanlog_cursor_release(&st->peers[i].cur);
			st->peers[i].cur = next[i];
		} else {
			lanlog_cursor_release(&next[i]);
		}
	}
}

static void summary(struct lan_pull_result *out)
{
	if (out->message != NULL) {
		return;
	}
	out->message = out->new_entries > 0 ? say("从局域网合并了 %ld 条新记录（%d 个台的日志）",
	                                          out->new_entries, out->logs)
	                                    : say("局域网上没有新记录（%d 个台的日志）", out->logs);
}

enum action_status action_lan_pull(struct desk *desk, struct lan_state *st,
                                   struct lan_pull_result *out)
{
	char *cause = NULL;

	memset(out, 0, sizeof(*out));
	if (!lanlog_flush(desk->db, &cause)) {
		out->message = cause;
		return ACTION_FAILED;
	}
	find_peers(desk, st);
	if (!db_begin(desk->db, &out->message)) {
		return ACTION_FAILED;
	}
	long mark = sync_journal_mark(desk->db);
	struct lanlog_cursor *next = xcalloc(st->n + 1, sizeof(*next));
	bool ok = true;
	for (size_t i = 0; i < st->n && ok; i++) {
		ok = pull_peer(desk, &st->peers[i], &next[i], out, &cause);
	}
	ok = ok && apply_new(desk, mark, out, &cause);
	ok = ok &&
	     (out->new_entries == 0 ? (db_rollback(desk->db), true) : db_commit(desk->db, &cause));
	if (!ok) {
		db_rollback(desk->db);
		for (size_t i = 0; i < st->n; i++) {
			lanlog_cursor_release(&next[i]);
		}
		free(next);
		free(out->message);
		out->message = cause;
		return ACTION_FAILED;
	}
	keep_cursors(st, next);
	free(next);
	st->pulled = true;
	summary(out);
	return out->refused_log != NULL ? ACTION_REFUSED : ACTION_OK;
}

void action_lan_pull_release(struct lan_pull_result *out)
{
	free(out->refused_log);
	free(out->refused_desk);
	free(out->message);
	memset(out, 0, sizeof(*out));
}

bool action_lan_changed(struct desk *desk, struct lan_state *st)
{
	size_t known = st->n;

	find_peers(desk, st);
	if (st->n != known || !st->pulled) {
		return true;
	}
	for (size_t i = 0; i < st->n; i++) {
		char *path = log_path(desk, st->peers[i].desk);
		struct stat now;
		bool there = stat(path, &now) == 0;
		free(path);
		if (there && (now.st_size != st->peers[i].seen.st_size ||
		              now.st_mtim.tv_sec != st->peers[i].seen.st_mtim.tv_sec ||
		              now.st_mtim.tv_nsec != st->peers[i].seen.st_mtim.tv_nsec)) {
			return true;
		}
	}
	return false;
}

void action_lan_status(struct desk *desk, const struct lan_state *st, struct lan_status *out)
{
	struct lanlog_age *ages = NULL;
	size_t n = lanlog_peer_ages(desk->db, desk->cfg->desk_id, &ages);

	memset(out, 0, sizeof(*out));
	out->desks = n > 0 ? (int)n + 1 : 0;
	out->in_step = out->desks > 0 ? 1 : 0;
	out->heard_all = true;
	out->oldest_age = -1;
	for (size_t i = 0; i < n; i++) {
		out->heard_all = out->heard_all && ages[i].age >= 0;
		out->oldest_age = ages[i].age > out->oldest_age ? ages[i].age : out->oldest_age;
		for (size_t j = 0; st != NULL && j < st->n; j++) {
			const struct lan_peer *p = &st->peers[j];
			if (strcmp(p->desk, ages[i].desk) == 0 && !p->refused && st->pulled &&
			    p->seen.st_size == p->cur.offset && p->cur.offset > 0) {
				out->in_step++;
			}
		}
	}
	lanlog_ages_free(ages, n);
}

struct syncthing_child *action_lan_start(struct desk *desk, char **message)
{
	*message = NULL;
	return syncthing_start(desk, message);
}

void action_lan_stop(struct syncthing_child *child)
{
	syncthing_stop(child);
}
