/*
 * tickets makes everything the organisers send out before the event (DESIGN
 * section 3, "Tickets"): one QR picture per registration, a CSV for their SMS
 * or mail tool, and an A4 PDF sheet of cards. Codes are built from the
 * secrets stored at import, so printing tickets twice gives the same tickets.
 *
 * Why file names are rewritten: reg_nos come from the organisers' platform
 * and the folder goes to a Windows PC or a FAT-formatted stick, so anything
 * outside letters, digits, '-', '_', '.' and well-formed non-ASCII text
 * becomes '_', reserved device names (CON, NUL, ...) get a prefix, and two
 * reg_nos that would share a name (FAT ignores case) are told apart by id.
 */
#include "frontdesk/progress.h"
#include "frontdesk/actions/tickets.h"
#include "desk_private.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/csvwrite.h"
#include "frontdesk/qr.h"
#include "frontdesk/query.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/ticket.h"
#include "frontdesk/ticketsheet.h"
#include "frontdesk/xmalloc.h"

#define TICKETS_DEFAULT_DIR "tickets"
#define TICKETS_CSV         "tickets.csv"
#define TICKETS_PDF         "tickets.pdf"
#define TICKETS_QR_SCALE    8   /* pixels a module: 232 x 232 pictures */
#define TICKETS_NAME_MAX    120 /* bytes of a file name before ".png" */

/* Lower-cased file names handed out so far (open addressing; FAT ignores case). */
struct name_set {
	char **slots;
	size_t cap;
};

static uint64_t hash_name(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	}
	return h;
}

/* Adds name (lower-cased); false when it was there already. cap is a power of two above 2n. */
static bool name_set_add(struct name_set *set, const char *name)
{
	char *lower = text_ascii_lower(name);
	size_t i = hash_name(lower) & (set->cap - 1);

	while (set->slots[i] != NULL) {
		if (strcmp(set->slots[i], lower) == 0) {
			free(lower);
			return false;
		}
		i = (i + 1) & (set->cap - 1);
	}
	set->slots[i] = lower;
	return true;
}

static bool reserved_on_windows(const char *name)
{
	static const char *const reserved[] = {"con", "prn", "aux", "nul"};
	char *lower = text_ascii_lower(name);
	size_t stem = strcspn(lower, ".");
	bool hit = false;

	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		hit = hit || (stem == 3 && strncmp(lower, reserved[i], 3) == 0);
	}
	hit =
	    hit || (stem == 4 && (strncmp(lower, "com", 3) == 0 || strncmp(lower, "lpt", 3) == 0) &&
	            lower[3] >= '1' && lower[3] <= '9');
	free(lower);
	return hit;
}

/* reg_no as a file name stem: see the top of the file. The caller frees it. */
static char *safe_stem(const char *reg_no)
{
	bool utf8_ok = !text_has_control(reg_no);
	size_t n = strlen(reg_no);
	struct strbuf sb = STRBUF_INIT;

	if (n > TICKETS_NAME_MAX) {
		n = TICKETS_NAME_MAX;
		/* never cut inside a UTF-8 sequence */
		while (n > 0 && ((unsigned char)reg_no[n] & 0xC0) == 0x80) {
			n--;
		}
	}
	if (reserved_on_windows(reg_no)) {
		strbuf_putc(&sb, '_');
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)reg_no[i];
		bool keep = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		            (c >= 'a' && c <= 'z') || c == '-' || c == '_' ||
		            (c == '.' && sb.len > 0) || (c >= 0x80 && utf8_ok);
		strbuf_putc(&sb, keep ? (char)c : '_');
	}
	if (sb.len == 0) {
		strbuf_putc(&sb, '_');
	}
	return strbuf_detach(&sb);
}

/* A file name for attendee a that no earlier ticket of this run has (the caller frees it). */
static char *file_name(struct name_set *set, const struct attendee *a)
{
	char *stem = safe_stem(a->reg_no);
	char *name = xasprintf("%s.png", stem);

	if (!name_set_add(set, name)) {
		free(name);
		name = xasprintf("%s-%ld.png", stem, a->id);
		/* ids are unique, so "-id" names only meet a reg_no spelt that way: try once more
		 */
		if (!name_set_add(set, name)) {
			free(name);
			name = xasprintf("%s-%ld-%ld.png", stem, a->id, a->id);
			name_set_add(set, name);
		}
	}
	free(stem);
	return name;
}

static bool make_dir(const char *dir, char **cause)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0 ||
	    (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))) {
		return true;
	}
	int err = errno;
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		const char *why = err == EEXIST ? say_in(i, "已存在同名文件") : strerror(err);
		texts[i] = xasprintf(say_in(i, "无法创建文件夹 %s：%s"), dir, why);
	}
	*cause = say_join(texts);
	return false;
}

/* Writes text to path through a temporary file, so a failure keeps the old file whole. */
static bool write_whole(const char *path, const char *text, size_t len, char **cause)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	bool ok = f != NULL && fwrite(text, 1, len, f) == len;

	if (f != NULL && fclose(f) != 0) {
		ok = false;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = false;
	}
	if (!ok) {
		*cause = say("无法写入 %s：%s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

struct tickets_run {
	struct desk *desk;
	const char *dir;
	struct name_set names;
	struct strbuf csv;
	struct ticketsheet *sheet;
};

/* Makes one attendee's picture, CSV row and card. False with *cause. */
static bool one_ticket(struct tickets_run *run, const struct attendee *a, char **cause)
{
	char code[TICKET_CODE_LEN + 1], grouped[TICKET_GROUPED_LEN + 1];

	if (!ticket_format(run->desk->cfg->code, a->id, a->secret, code)) {
		*cause = say("%s 的签到码无法生成", a->reg_no);
		return false;
	}
	struct qr_matrix *m = qr_encode_numeric(code, cause);
	if (m == NULL) {
		return false;
	}
	char *name = file_name(&run->names, a);
	char *path = xasprintf("%s/%s", run->dir, name);
	bool ok = qr_write_png(m, TICKETS_QR_SCALE, path, cause);
	qr_free(m);
	ticket_group(code, grouped);
	csvwrite_field(&run->csv, a->reg_no, 1);
	csvwrite_field(&run->csv, a->name, 0);
	csvwrite_field(&run->csv, a->phone, 0);
	csvwrite_field(&run->csv, code, 0);
	csvwrite_field(&run->csv, grouped, 0);
	csvwrite_field(&run->csv, name, 0);
	csvwrite_end(&run->csv);
	free(path);
	free(name);
	if (!ok) {
		return false;
	}
	struct ticketsheet_entry e = {a->name, a->organisation, code};
	return ticketsheet_add(run->sheet, &e, cause);
}

/* Goes through every registration in reg_no order, skipping the withdrawn. */
static bool all_tickets(struct tickets_run *run, struct tickets_result *out, char **cause)
{
	long *ids = NULL;
	size_t n = query_all_ids(run->desk->db, &ids);
	bool ok = true;

	run->names.cap = 16;
	while (run->names.cap < 2 * n + 2) {
		run->names.cap *= 2;
	}
	run->names.slots = xcalloc(run->names.cap, sizeof(char *));
	for (size_t i = 0; i < n && ok; i++) {
		struct attendee *a = query_attendee(run->desk->db, ids[i], &run->desk->cfg->fees);
		if (a != NULL && a->withdrawn) {
			out->withdrawn++;
		} else if (a != NULL) {
			ok = one_ticket(run, a, cause);
			out->written += ok;
		}
		query_attendee_free(a);
		progress_tick(N_("生成票"), (long)i + 1, (long)n, 8);
	}
	progress_end(N_("生成票"));
	for (size_t i = 0; i < run->names.cap; i++) {
		free(run->names.slots[i]);
	}
	free(run->names.slots);
	free(ids);
	return ok;
}

enum action_status action_tickets(struct desk *desk, const char *out_dir,
                                  struct tickets_result *out, char **cause)
{
	static const char *const header[] = {"报名编号", "姓名",         "手机",
	                                     "签到码",   "签到码(分组)", "文件"};
	struct tickets_run run = {
	    desk, out_dir ? out_dir : TICKETS_DEFAULT_DIR, {NULL, 0}, STRBUF_INIT, NULL};

	memset(out, 0, sizeof(*out));
	out->dir = xstrdup(run.dir);
	out->csv_path = xasprintf("%s/%s", run.dir, TICKETS_CSV);
	out->pdf_path = xasprintf("%s/%s", run.dir, TICKETS_PDF);
	if (!make_dir(run.dir, cause)) {
		return ACTION_FAILED;
	}
	run.sheet = ticketsheet_new(out->pdf_path, desk->cfg->name, cause);
	if (run.sheet == NULL) {
		return ACTION_FAILED;
	}
	strbuf_puts(&run.csv, CSVWRITE_BOM);
	for (size_t h = 0; h < sizeof(header) / sizeof(header[0]); h++) {
		csvwrite_field(&run.csv, header[h], h == 0);
	}
	csvwrite_end(&run.csv);
	bool ok = all_tickets(&run, out, cause) &&
	          write_whole(out->csv_path, run.csv.data, run.csv.len, cause);
	strbuf_release(&run.csv);
	if (!ok) {
		ticketsheet_discard(run.sheet);
		return ACTION_FAILED;
	}
	return ticketsheet_finish(run.sheet, cause) ? ACTION_OK : ACTION_FAILED;
}

void action_tickets_release(struct tickets_result *out)
{
	free(out->dir);
	free(out->csv_path);
	free(out->pdf_path);
	memset(out, 0, sizeof(*out));
}
