/*
 * export_sheets turns the desk's data into the tables people open at the end
 * of the day: the hotel its rooming list, the organisers their check-in and
 * attendance lists, the treasurer payments and refunds, the supervisor the
 * journal. Each row is written to the CSV file (UTF-8 with BOM, CRLF, cells
 * neutralised by csvwrite) and to the workbook (Chinese headers, frozen and
 * filterable header row) in the same step, so the two can never disagree.
 * Workbook cells are written as strings, never as formulas, so a name
 * starting with "=" is inert there without the apostrophe CSV needs. The
 * rooming list's cells come from rooming_rows, which `rooms list --csv` also
 * writes, so the hotel gets the same table from both.
 */
#include "export_sheets.h"
#include "desk_private.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "frontdesk/actions/certificates.h"
#include "frontdesk/progress.h"
#include "frontdesk/say.h"
#include "frontdesk/actions/report.h"
#include "frontdesk/actions/rooming_rows.h"
#include "frontdesk/actions/rooms.h"
#include "frontdesk/csvwrite.h"
#include "frontdesk/export_store.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/setup.h"
#include "frontdesk/json.h"
#include "frontdesk/records.h"
#include "frontdesk/text.h"
#include "frontdesk/words.h"
#include "frontdesk/xmalloc.h"

struct sheet_spec {
	const char *base;  /* file name without extension */
	const char *title; /* worksheet name */
	const char *const *header;
	const double *widths;
	size_t n_cols;
};

/*
 * A workbook being closed on a thread of its own: libxlsxwriter zips the
 * sheet's XML when it is closed, a third of the end of day's export, and the
 * next sheet's rows can be read and written meanwhile on the laptop's other
 * core. It is copied into the export when the next sheet closes, or at the
 * end, so the files still go onto the drive one at a time, from this thread.
 */
struct closing {
	bool busy;
	bool threaded;
	pthread_t thread;
	lxw_workbook *book;
	bool failed;
	int err;     /* errno after a failed close */
	char *local; /* the workbook on the desk's disk */
	char *xlsx_name;
};

/* What every sheet of one export shares: the drive, and the workbook still closing. */
struct sheets {
	struct export_io *io;
	struct closing closing;
};

struct sheet {
	struct sheets *out;
	struct export_io *io;
	struct export_io_file csv;
	char *xlsx_name;
	char *local; /* the workbook being built on the desk's disk */
	lxw_workbook *book;
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_col_t col;
	size_t n_cols;
	struct strbuf line;
};

#define SPEC(base, title, header, widths)                                       \
	{                                                                       \
		base, title, header, widths, sizeof(header) / sizeof(header[0]) \
	}

static void sheet_text(struct sheet *s, const char *text)
{
	csvwrite_field(&s->line, text, s->col == 0);
	/* over-long cells (> 32767 chars) are refused by the format: the CSV keeps them;
	 * the workbook gets what the CSV gets, through the same sanitiser (text.h) */
	if (text != NULL && text[0] != '\0') {
		char *safe = text_sanitize_lines(text);
		worksheet_write_string(s->ws, s->row, s->col, safe, NULL);
		free(safe);
	}
	s->col++;
}

static void sheet_int(struct sheet *s, long value)
{
	csvwrite_int(&s->line, value, s->col == 0);
	worksheet_write_number(s->ws, s->row, s->col, (double)value, NULL);
	s->col++;
}

static void sheet_end_row(struct sheet *s)
{
	csvwrite_end(&s->line);
	export_io_write(&s->csv, s->line.data, s->line.len);
	s->line.len = 0;
	s->row++;
	s->col = 0;
}

/* A private file on the desk's own disk for the workbook (libxlsxwriter writes it whole). */
static char *local_workbook_path(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/frontdesk-xlsx-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	int fd = mkstemp(path);

	if (fd < 0) {
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

static void sheet_header(struct sheet *s, const struct sheet_spec *spec)
{
	lxw_format *bold = workbook_add_format(s->book);

	format_set_bold(bold);
	for (size_t c = 0; c < spec->n_cols; c++) {
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, spec->widths[c], NULL);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	for (size_t c = 0; c < spec->n_cols; c++) {
		csvwrite_field(&s->line, spec->header[c], c == 0);
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, spec->header[c], bold);
	}
	sheet_end_row(s);
}

/*
 * Opens the CSV file on the drive and the workbook on the desk's disk: the
 * workbook is copied over through export_io afterwards, so a full or pulled
 * drive is reported by one writer with the exact errno (libxlsxwriter only
 * says "zip error", on stderr, over the desk screen).
 */
static bool sheet_open(struct sheet *s, struct sheets *out, const struct sheet_spec *spec)
{
	struct export_io *io = out->io;
	char *csv_name = xasprintf("%s.csv", spec->base);
	lxw_workbook_options options = {.constant_memory = LXW_TRUE};

	memset(s, 0, sizeof(*s));
	s->out = out;
	s->io = io;
	s->n_cols = spec->n_cols;
	s->xlsx_name = xasprintf("%s.xlsx", spec->base);
	export_io_create(io, csv_name, &s->csv);
	free(csv_name);
	export_io_puts(&s->csv, CSVWRITE_BOM);
	s->local = local_workbook_path();
	s->book = s->local ? workbook_new_opt(s->local, &options) : NULL;
	s->ws = s->book ? workbook_add_worksheet(s->book, spec->title) : NULL;
	if (s->ws == NULL) {
		export_io_fail(io, s->xlsx_name, errno);
		return false;
	}
	sheet_header(s, spec);
	return io->err == 0;
}

static void *close_workbook(void *arg)
{
	struct closing *c = arg;

	errno = 0;
	c->failed = workbook_close(c->book) != LXW_NO_ERROR;
	c->err = errno;
	return NULL;
}

/* Closes book on a thread of its own (here, without one); c takes local and xlsx_name. */
static void closing_start(struct closing *c, lxw_workbook *book, char *local, char *xlsx_name)
{
	*c = (struct closing){.busy = true, .book = book, .local = local, .xlsx_name = xlsx_name};
	c->threaded = pthread_create(&c->thread, NULL, close_workbook, c) == 0;
	if (!c->threaded) {
		close_workbook(c);
	}
}

/* Waits for the workbook closing, if any, and copies it into the export. */
static void closing_finish(struct export_io *io, struct closing *c)
{
	if (!c->busy) {
		return;
	}
	if (c->threaded) {
		pthread_join(c->thread, NULL);
	}
	if (c->failed) {
		export_io_fail(io, c->xlsx_name, c->err);
	}
	if (io->err == 0) {
		export_io_copy_in(io, c->local, c->xlsx_name);
	}
	unlink(c->local);
	free(c->local);
	free(c->xlsx_name);
	memset(c, 0, sizeof(*c));
}

/*
 * Finishes both files: the CSV on the drive now, the workbook, built locally,
 * closed meanwhile and copied over when the next sheet closes (struct closing).
 */
static bool sheet_close(struct sheet *s)
{
	struct export_io *io = s->io;

	export_io_close(&s->csv, true);
	closing_finish(io, &s->out->closing);
	if (s->book != NULL && io->err == 0) {
		if (s->ws != NULL && s->row > 0) {
			worksheet_autofilter(s->ws, 0, 0, s->row - 1, (lxw_col_t)(s->n_cols - 1));
		}
		closing_start(&s->out->closing, s->book, s->local, s->xlsx_name);
	} else {
		if (s->book != NULL) {
			workbook_close(s->book);
		}
		if (s->local != NULL) {
			unlink(s->local);
		}
		free(s->local);
		free(s->xlsx_name);
	}
	strbuf_release(&s->line);
	return io->err == 0;
}

/* The export rows carry the stored codes; their words come from core (words.h). */
static const char *gender_text(const char *code)
{
	enum gender g = GENDER_UNKNOWN;

	return code != NULL && roster_gender_from_code(code, &g) ? words_gender(g) : "";
}

/* Fills *status and returns true when the stored status code is known. */
static bool status_of(const char *code, enum reg_status *status)
{
	return code != NULL && roster_status_from_code(code, status);
}

static const char *const checkin_header[] = {
    "签到时间", "报名编号", "姓名",   "性别",         "单位",         "职务",     "手机",
    "会员",     "签到台",   "操作员", "已见转账凭证", "现场刷卡(元)", "POS参考号"};
static const double checkin_widths[] = {20, 14, 10, 6, 28, 16, 14, 6, 8, 10, 12, 12, 16};

static bool checkin_row(void *ctx, const struct export_checkin_row *r)
{
	struct sheet *s = ctx;

	sheet_text(s, r->at);
	sheet_text(s, r->reg_no);
	sheet_text(s, r->name);
	sheet_text(s, gender_text(r->gender));
	sheet_text(s, r->organisation);
	sheet_text(s, r->position);
	sheet_text(s, r->phone);
	sheet_text(s, r->member ? "是" : "否");
	sheet_text(s, r->desk_id);
	sheet_text(s, r->operator_name);
	sheet_text(s, r->voucher_seen ? "是" : "");
	if (r->card_amount > 0) {
		sheet_int(s, r->card_amount);
	} else {
		sheet_text(s, NULL);
	}
	sheet_text(s, r->card_reference);
	sheet_end_row(s);
	return s->io->err == 0;
}

static bool write_checkins(struct desk *desk, struct sheets *out, int *count, char **cause)
{
	static const struct sheet_spec spec =
	    SPEC("checkins", "签到名单", checkin_header, checkin_widths);
	struct sheet s;

	if (sheet_open(&s, out, &spec)) {
		export_store_checkins(desk->db, checkin_row, &s, cause);
	}
	*count = s.row > 0 ? (int)s.row - 1 : 0;
	return sheet_close(&s) && *cause == NULL;
}

static const char *const attendance_header[] = {"报名编号", "姓名", "性别",     "单位",
                                                "职务",     "手机", "会员",     "审核状态",
                                                "应到",     "到场", "签到时间", "签到台"};
static const double attendance_widths[] = {14, 10, 6, 28, 16, 14, 6, 10, 6, 8, 20, 8};

static bool attendance_row(void *ctx, const struct export_attendance_row *r)
{
	struct sheet *s = ctx;
	enum reg_status status = REG_PENDING;
	bool known = status_of(r->status, &status);
	bool expected = known && rules_expected(status, r->withdrawn);

	sheet_text(s, r->reg_no);
	sheet_text(s, r->name);
	sheet_text(s, gender_text(r->gender));
	sheet_text(s, r->organisation);
	sheet_text(s, r->position);
	sheet_text(s, r->phone);
	sheet_text(s, r->member ? "是" : "否");
	sheet_text(s, known || r->withdrawn ? words_reg_status(status, r->withdrawn) : r->status);
	sheet_text(s, words_yes_no(expected));
	sheet_text(s, r->checkin_at ? "已签到" : "未签到");
	sheet_text(s, r->checkin_at);
	sheet_text(s, r->checkin_desk);
	sheet_end_row(s);
	return s->io->err == 0;
}

static bool write_attendance(struct desk *desk, struct sheets *out, int *count, char **cause)
{
	static const struct sheet_spec spec =
	    SPEC("attendance", "出席名单", attendance_header, attendance_widths);
	struct sheet s;

	if (sheet_open(&s, out, &spec)) {
		export_store_attendance(desk->db, attendance_row, &s, cause);
	}
	*count = s.row > 0 ? (int)s.row - 1 : 0;
	return sheet_close(&s) && *cause == NULL;
}

static const char *const payment_header[] = {"时间",         "报名编号",  "姓名",
                                             "金额(元)",     "POS参考号", "发票抬头",
                                             "纳税人识别号", "签到台",    "操作员"};
static const double payment_widths[] = {20, 14, 10, 10, 16, 28, 22, 8, 10};

static bool write_payments(struct desk *desk, struct sheets *out, int *count)
{
	struct export_io *io = out->io;
	static const struct sheet_spec spec =
	    SPEC("payments", "现场收费", payment_header, payment_widths);
	struct payment_line *lines = NULL;
	size_t n = records_list_payments(desk->db, &lines);
	struct sheet s;

	if (sheet_open(&s, out, &spec)) {
		for (size_t i = 0; i < n && io->err == 0; i++) {
			const struct payment_line *l = &lines[i];
			sheet_text(&s, l->at);
			sheet_text(&s, l->reg_no);
			sheet_text(&s, l->name);
			sheet_int(&s, l->amount);
			sheet_text(&s, l->reference);
			sheet_text(&s, l->invoice_title);
			sheet_text(&s, l->taxpayer_no);
			sheet_text(&s, l->desk_id);
			sheet_text(&s, l->operator_name);
			sheet_end_row(&s);
		}
	}
	records_payments_free(lines, n);
	*count = (int)n;
	return sheet_close(&s);
}

static const char *const refund_header[] = {"类别", "类别代码",   "报名编号", "姓名",
                                            "单位", "转账参考号", "金额(元)"};
static const double refund_widths[] = {20, 18, 14, 10, 28, 18, 10};

static bool write_refunds(struct desk *desk, struct sheets *out, int *count)
{
	struct export_io *io = out->io;
	static const struct sheet_spec spec =
	    SPEC("refunds", "应退款", refund_header, refund_widths);
	struct refund_report r;
	struct sheet s;

	action_report_refunds(desk, &r);
	if (sheet_open(&s, out, &spec)) {
		for (size_t i = 0; i < r.n && io->err == 0; i++) {
			const struct refund_line *l = &r.lines[i];
			sheet_text(&s, rules_refund_reason_text(l->reason));
			sheet_text(&s, rules_refund_reason_code(l->reason));
			sheet_text(&s, l->reg_no);
			sheet_text(&s, l->reg_no ? l->name : "");
			sheet_text(&s, l->organisation);
			sheet_text(&s, l->reference);
			sheet_int(&s, l->amount);
			sheet_end_row(&s);
		}
	}
	*count = (int)r.n;
	action_refunds_release(&r);
	return sheet_close(&s);
}

static const char *const conflict_header[] = {"类别代码", "报名编号",   "姓名",     "签到台",
                                              "时间",     "对方签到台", "对方时间", "原床位",
                                              "现床位",   "应退(元)",   "说明"};
static const double conflict_widths[] = {18, 14, 10, 8, 20, 10, 20, 26, 26, 10, 80};

/* What merging found (the replay records it: replay.c, actions/merge.h), so the organisers see
 * every conflict and its rule (conflict.h). */
static bool write_conflicts(struct desk *desk, struct sheets *out, int *count)
{
	struct export_io *io = out->io;
	static const struct sheet_spec spec =
	    SPEC("conflicts", "合并冲突", conflict_header, conflict_widths);
	struct conflict_report r;
	struct sheet s;

	action_report_conflicts(desk, &r);
	if (sheet_open(&s, out, &spec)) {
		for (size_t i = 0; i < r.n && io->err == 0; i++) {
			const struct merge_conflict *c = &r.items[i];
			sheet_text(&s, c->kind);
			sheet_text(&s, c->reg_no);
			sheet_text(&s, c->name);
			sheet_text(&s, c->desk_id);
			sheet_text(&s, c->at);
			sheet_text(&s, c->other_desk);
			sheet_text(&s, c->other_at);
			sheet_text(&s, c->room_given);
			sheet_text(&s, c->room_now);
			sheet_int(&s, c->amount);
			sheet_text(&s, r.text[i]);
			sheet_end_row(&s);
		}
	}
	*count = (int)r.n;
	action_conflicts_release(&r);
	return sheet_close(&s);
}

/* Widths for the columns of rooming_rows, the one source of the rooming list's cells. */
static const double rooming_widths[] = {22, 8, 8, 6, 4, 14, 10, 6, 12, 12, 6, 8, 10, 24};
_Static_assert(sizeof(rooming_widths) / sizeof(rooming_widths[0]) == ROOMING_ROWS_COLUMNS,
               "a width for every rooming list column");

static bool rooming_row(void *ctx, const struct rooming_row *row)
{
	struct sheet *s = ctx;

	for (size_t c = 0; c < ROOMING_ROWS_COLUMNS; c++) {
		const struct rooming_cell *cell = &row->cells[c];
		if (cell->number) {
			sheet_int(s, cell->value);
		} else {
			sheet_text(s, cell->text);
		}
	}
	sheet_end_row(s);
	return s->io->err == 0;
}

/* The hotel's sheet: the rows of `rooms list --csv`, also as a workbook. */
static bool write_rooming(struct desk *desk, struct sheets *out, int *count)
{
	const struct sheet_spec spec = {"rooming-list", "分房表", action_rooming_rows_header(),
	                                rooming_widths, ROOMING_ROWS_COLUMNS};
	struct rooms_view l;
	struct sheet s;

	action_rooms_list(desk, &l);
	*count = 0;
	if (sheet_open(&s, out, &spec)) {
		*count = (int)action_rooming_rows_each(&l, rooming_row, &s);
	}
	action_rooms_list_release(&l);
	return sheet_close(&s);
}

/*
 * The training days (docs/sessions.md): the attendance matrix, one column per
 * session, and the certificates list with the hours ready for the society's
 * continuing-education certificate. Both come from the one report that
 * `report attendance` and `report certificates` print.
 */
static const char *const certificate_header[] = {"报名编号", "姓名",         "单位", "学时",
                                                 "合格",     "缺必修课(场)", "原因"};
static const double certificate_widths[] = {14, 10, 28, 8, 6, 12, 80};

/*
 * Without a programme there is nothing to judge: "missed no required session"
 * holds for everyone, and a sheet saying 是 on every row would be read as a
 * list of certificates to issue. Each row says 未判定 and why instead.
 */
static void certificate_row_out(struct sheet *s, const struct certificate_row *row, bool judged)
{
	char hours[16];
	struct strbuf reasons = STRBUF_INIT;

	programme_format_hours(row->summary.hours_tenths, hours);
	for (size_t k = 0; k < row->n_reasons; k++) {
		strbuf_printf(&reasons, "%s%s", k ? "\n" : "", row->reasons[k]);
	}
	if (!judged) {
		strbuf_puts(&reasons, "没有导入课程表，无法判定证书资格：请先用 frontdesk import "
		                      "--sessions 导入课程表，再导出");
	}
	sheet_text(s, row->reg_no);
	sheet_text(s, row->name);
	sheet_text(s, row->organisation);
	sheet_text(s, hours);
	sheet_text(s, !judged ? "未判定" : row->summary.eligible ? "是" : "否");
	sheet_int(s, row->summary.missed);
	sheet_text(s, strbuf_str(&reasons));
	sheet_end_row(s);
	strbuf_release(&reasons);
}

static bool write_certificates(struct sheets *out, const struct attendance_report *r)
{
	struct export_io *io = out->io;
	static const struct sheet_spec spec =
	    SPEC("certificates", "证书资格", certificate_header, certificate_widths);
	struct sheet s;

	if (sheet_open(&s, out, &spec)) {
		for (size_t i = 0; i < r->n && io->err == 0; i++) {
			certificate_row_out(&s, &r->rows[i], r->programme->n > 0);
		}
	}
	return sheet_close(&s);
}

/* The matrix's header: the person, a column per session ("0526-0830 title"), the sums. */
static struct sheet_spec matrix_spec(const struct programme *p, char ***header, double **widths)
{
	static const char *const before[] = {"报名编号", "姓名", "单位"};
	static const char *const after[] = {"学时", "缺必修课(场)", "迟到(场)", "早退(场)",
	                                    "请假(场)"};
	size_t n = 3 + p->n + 5;

	*header = xcalloc(n, sizeof(char *));
	*widths = xcalloc(n, sizeof(double));
	for (size_t c = 0; c < n; c++) {
		bool session = c >= 3 && c < 3 + p->n;
		const struct session *ses = session ? &p->sessions[c - 3] : NULL;
		(*header)[c] = session ? xasprintf("%s %s", ses->id, ses->title)
		                       : xstrdup(c < 3 ? before[c] : after[c - 3 - p->n]);
		(*widths)[c] = c == 2 ? 28 : session ? 12 : 10;
	}
	return (struct sheet_spec){"session-attendance", "课程出勤", (const char *const *)*header,
	                           *widths, n};
}

static void matrix_row_out(struct sheet *s, const struct programme *p,
                           const struct certificate_row *row)
{
	char hours[16];

	sheet_text(s, row->reg_no);
	sheet_text(s, row->name);
	sheet_text(s, row->organisation);
	for (size_t c = 0; c < p->n; c++) {
		char *cell = action_attendance_cell(&row->judgements[c]);
		sheet_text(s, cell);
		free(cell);
	}
	programme_format_hours(row->summary.hours_tenths, hours);
	sheet_text(s, hours);
	sheet_int(s, row->summary.missed);
	sheet_int(s, row->summary.late);
	sheet_int(s, row->summary.left_early);
	sheet_int(s, row->summary.excused);
	sheet_end_row(s);
}

static bool write_session_attendance(struct sheets *out, const struct attendance_report *r)
{
	struct export_io *io = out->io;
	char **header = NULL;
	double *widths = NULL;
	struct sheet_spec spec = matrix_spec(r->programme, &header, &widths);
	struct sheet s;

	if (sheet_open(&s, out, &spec)) {
		for (size_t i = 0; i < r->n && io->err == 0; i++) {
			matrix_row_out(&s, r->programme, &r->rows[i]);
		}
	}
	bool ok = sheet_close(&s);
	for (size_t c = 0; c < spec.n_cols; c++) {
		free(header[c]);
	}
	free(header);
	free(widths);
	return ok;
}

static bool write_sessions(struct desk *desk, struct sheets *out)
{
	struct attendance_report r;

	action_attendance_report(desk, &r);
	bool ok = write_session_attendance(out, &r) && write_certificates(out, &r);
	action_attendance_report_release(&r);
	return ok;
}

static const char *const journal_header[] = {"签到台", "序号", "时间", "操作员",
                                             "操作",   "对象", "详情"};
static const double journal_widths[] = {8, 8, 20, 10, 10, 14, 60};

struct journal_ctx {
	struct sheet sheet;
	struct export_io_file bundle;
	struct strbuf line;
};

static bool journal_row(void *ptr, const struct export_journal_row *r)
{
	struct journal_ctx *c = ptr;
	struct sheet *s = &c->sheet;

	sheet_text(s, r->desk_id);
	sheet_int(s, r->seq);
	sheet_text(s, r->at);
	sheet_text(s, r->operator_name);
	sheet_text(s, r->action);
	sheet_text(s, r->subject);
	sheet_text(s, r->details);
	sheet_end_row(s);
	c->line.len = 0;
	export_store_bundle_line(&c->line, r);
	export_io_write(&c->bundle, c->line.data, c->line.len);
	return s->io->err == 0;
}

/* The bundle's first line: what the merge checks before replaying anything. */
static void bundle_header(struct export_io_file *f, struct desk *desk, const char *when, long n)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "format", "frontdesk-bundle");
	json_kv_int(&j, "version", EXPORT_BUNDLE_VERSION);
	json_kv_string(&j, "event", desk->cfg->code);
	json_kv_string(&j, "event_name", desk->cfg->name);
	json_kv_string(&j, "desk", desk->cfg->desk_id);
	json_kv_int(&j, "schema", DB_SCHEMA_VERSION);
	json_kv_string(&j, "exported_at", when);
	json_kv_int(&j, "entries", n);
	char *history = setup_history(desk->db);
	json_kv_string(&j, "setup", history);
	free(history);
	json_object_end(&j);
	export_io_puts(f, json_text(&j));
	export_io_puts(f, "\n");
	json_release(&j);
}

/* The journal sheet and the bundle come from one pass over the journal. */
static bool write_journal(struct desk *desk, struct sheets *out, const char *when, long *count,
                          char **cause)
{
	struct export_io *io = out->io;
	static const struct sheet_spec spec =
	    SPEC("journal", "操作日志", journal_header, journal_widths);
	struct journal_ctx c;

	memset(&c, 0, sizeof(c));
	*count = export_store_journal_count(desk->db);
	export_io_create(io, EXPORT_BUNDLE_NAME, &c.bundle);
	bundle_header(&c.bundle, desk, when, *count);
	if (sheet_open(&c.sheet, out, &spec)) {
		export_store_journal(desk->db, journal_row, &c, cause);
	}
	strbuf_release(&c.line);
	export_io_close(&c.bundle, true);
	return sheet_close(&c.sheet) && *cause == NULL;
}

/* Counts one more step of the export done (progress.h); passes ok on. */
static bool stepped(bool ok, long *step)
{
	progress_report(N_("导出"), ++*step, EXPORT_STEPS);
	return ok;
}

bool export_sheets_write(struct desk *desk, struct export_io *io, const char *when,
                         struct export_counts *counts, long *step, char **cause)
{
	struct sheets out = {.io = io};

	memset(counts, 0, sizeof(*counts));
	bool ok = stepped(write_checkins(desk, &out, &counts->checkins, cause), step) &&
	          stepped(write_rooming(desk, &out, &counts->rooming), step) &&
	          stepped(write_payments(desk, &out, &counts->payments), step) &&
	          stepped(write_refunds(desk, &out, &counts->refunds), step) &&
	          stepped(write_conflicts(desk, &out, &counts->conflicts), step) &&
	          stepped(write_attendance(desk, &out, &counts->attendance, cause), step) &&
	          stepped(write_sessions(desk, &out), step) &&
	          stepped(write_journal(desk, &out, when, &counts->journal, cause), step);
	closing_finish(io, &out.closing); /* the last workbook, also after a failure */
	return ok && io->err == 0;
}

bool export_sheets_writes(const char *name)
{
	/* the bases of the SPECs above, in the order export_sheets_write writes them */
	static const char *const bases[] = {
	    "checkins",   "rooming-list",       "payments",     "refunds", "conflicts",
	    "attendance", "session-attendance", "certificates", "journal"};
	const char *dot = strrchr(name, '.');

	if (strcmp(name, EXPORT_BUNDLE_NAME) == 0) {
		return true;
	}
	if (dot == NULL || (strcmp(dot, ".csv") != 0 && strcmp(dot, ".xlsx") != 0)) {
		return false;
	}
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		if (strlen(bases[i]) == (size_t)(dot - name) &&
		    strncmp(name, bases[i], (size_t)(dot - name)) == 0) {
			return true;
		}
	}
	return false;
}
