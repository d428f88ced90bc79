/*
 * roster turns roster.csv into validated rows. It owns the accepted spellings
 * of every value (Chinese, English alias, a few common variants) and the
 * defaults for blank cells, so the store never sees an unchecked value.
 */
#include "frontdesk/roster.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/columns.h"
#include "frontdesk/csvtable.h"
#include "frontdesk/json.h"
#include "frontdesk/normalise.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

enum roster_column {
	COL_REG_NO,
	COL_NAME,
	COL_GENDER,
	COL_ORGANISATION,
	COL_POSITION,
	COL_PHONE,
	COL_MEMBER,
	COL_STATUS,
	COL_CHANNEL,
	COL_AMOUNT,
	COL_PAY_STATE,
	COL_ROOM,
	COL_ARRIVE,
	COL_DEPART,
	COL_ROOMMATE,
	COL_NOTE,
	COL_EXTERNAL,
	COL_COUNT,
};

static const struct column_spec roster_columns[COL_COUNT] = {
    [COL_REG_NO] = {"报名编号", "reg_no", true},
    [COL_NAME] = {"姓名", "name", true},
    [COL_GENDER] = {"性别", "gender", false},
    [COL_ORGANISATION] = {"单位", "organisation", false},
    [COL_POSITION] = {"职务", "position", false},
    [COL_PHONE] = {"手机", "phone", false},
    [COL_MEMBER] = {"会员", "member", false},
    [COL_STATUS] = {"审核状态", "status", true},
    [COL_CHANNEL] = {"交费方式", "pay_channel", false},
    [COL_AMOUNT] = {"交费金额", "paid_amount", false},
    [COL_PAY_STATE] = {"交费状态", "pay_state", false},
    [COL_ROOM] = {"房型", "room_type", false},
    [COL_ARRIVE] = {"入住日期", "arrive", false},
    [COL_DEPART] = {"离店日期", "depart", false},
    [COL_ROOMMATE] = {"同住人", "roommate", false},
    [COL_NOTE] = {"备注", "note", false},
    [COL_EXTERNAL] = {"外部码", "external_code", false},
};

/* One accepted spelling of an enumerated cell. */
struct spelling {
	const char *text;
	int value;
};

static const struct spelling genders[] = {
    {"男", GENDER_MALE},  {"M", GENDER_MALE},        {"male", GENDER_MALE}, {"女", GENDER_FEMALE},
    {"F", GENDER_FEMALE}, {"female", GENDER_FEMALE}, {"", GENDER_UNKNOWN},  {NULL, 0},
};

static const struct spelling members[] = {
    {"是", 1}, {"否", 0},   {"yes", 1},   {"no", 0},   {"Y", 1},      {"N", 0}, {"1", 1},
    {"0", 0},  {"true", 1}, {"false", 0}, {"会员", 1}, {"非会员", 0}, {"", 0},  {NULL, 0},
};

static const struct spelling statuses[] = {
    {"已通过", REG_APPROVED},
    {"approved", REG_APPROVED},
    {"待审核", REG_PENDING},
    {"pending", REG_PENDING},
    {"未通过", REG_REJECTED},
    {"rejected", REG_REJECTED},
    {NULL, 0},
};

static const struct spelling channels[] = {
    {"在线支付", CHANNEL_ONLINE},
    {"online", CHANNEL_ONLINE},
    {"个人转账", CHANNEL_TRANSFER},
    {"transfer", CHANNEL_TRANSFER},
    {"集体转账", CHANNEL_COLLECTIVE},
    {"collective", CHANNEL_COLLECTIVE},
    {"未交费", CHANNEL_NONE},
    {"none", CHANNEL_NONE},
    {"", CHANNEL_NONE},
    {NULL, 0},
};

static const struct spelling pay_states[] = {
    {"已到账", PAYSTATE_CONFIRMED},
    {"confirmed", PAYSTATE_CONFIRMED},
    {"待核实", PAYSTATE_PENDING},
    {"pending", PAYSTATE_PENDING},
    {"未交费", PAYSTATE_NONE},
    {"none", PAYSTATE_NONE},
    {"", PAYSTATE_NONE},
    {NULL, 0},
};

static const struct spelling rooms[] = {
    {"大床房", ROOM_KING},
    {"king", ROOM_KING},
    {"双床单住", ROOM_TWIN_SINGLE},
    {"twin_single", ROOM_TWIN_SINGLE},
    {"床位", ROOM_BED},
    {"bed", ROOM_BED},
    {"不住宿", ROOM_NONE},
    {"none", ROOM_NONE},
    {"", ROOM_NONE},
    {NULL, 0},
};

static bool spell(const struct spelling *table, const char *text, int *value)
{
	for (; table->text != NULL; table++) {
		if (strcasecmp(table->text, text) == 0) {
			*value = table->value;
			return true;
		}
	}
	return false;
}

/* Lists a table's non-empty spellings for an error message ("男/M/male/..."). */
static char *spellings_list(const struct spelling *table)
{
	struct strbuf sb = STRBUF_INIT;

	for (; table->text != NULL; table++) {
		if (table->text[0] != '\0') {
			if (sb.len) {
				strbuf_putc(&sb, '/');
			}
			strbuf_puts(&sb, table->text);
		}
	}
	return strbuf_detach(&sb);
}

/* State shared by the checks of one row. */
struct row_ctx {
	const struct column_map *map;
	const struct csv_record *record;
	struct diag_list *errs;
	const struct event_config *cfg;
	size_t errors_before;
	struct strpool *strings; /* where the row's text is kept */
};

static const char *field(const struct row_ctx *ctx, enum roster_column c)
{
	return columns_field(ctx->map, ctx->record, c);
}

static const char *header(const struct row_ctx *ctx, enum roster_column c)
{
	return columns_header_name(ctx->map, roster_columns, c);
}

/* Returns the cell's value, or -1 (after reporting it) when the spelling is unknown. */
static int enum_cell(struct row_ctx *ctx, enum roster_column c, const struct spelling *table)
{
	int value = -1;
	const char *text = field(ctx, c);

	if (!spell(table, text, &value)) {
		char *allowed = spellings_list(table);
		diag_say(ctx->errs, ctx->record->line, header(ctx, c),
		         "第 %d 行“%s”列的值“%s”无法识别，应为 %s", ctx->record->line,
		         header(ctx, c), text, allowed);
		free(allowed);
	}
	return value;
}

static void cell_error(struct row_ctx *ctx, enum roster_column c, const char *zh, const char *en)
{
	columns_cell_error(ctx->errs, ctx->record->line, header(ctx, c), zh, en);
}

/* Returns the cell (normalised already) as kept in the roster's pool, or NULL when empty. */
static char *text_cell(const struct row_ctx *ctx, enum roster_column c)
{
	const char *text = field(ctx, c);

	return text[0] != '\0' ? strpool_dup(ctx->strings, text) : NULL;
}

bool roster_parse_amount(const char *text, int *out)
{
	struct strbuf digits = STRBUF_INIT;
	const char *p = text;
	bool ok = true;

	if (strncmp(p, "¥", strlen("¥")) == 0) {
		p += strlen("¥");
	} else if (strncmp(p, "￥", strlen("￥")) == 0) {
		p += strlen("￥");
	}
	for (; *p && *p != '.'; p++) {
		if (*p >= '0' && *p <= '9') {
			strbuf_putc(&digits, *p);
		} else if (*p != ',') {
			ok = false;
		}
	}
	if (*p == '.') {
		/* only a zero fraction: amounts are whole yuan */
		ok = ok && p[1] != '\0' && strspn(p + 1, "0") == strlen(p + 1);
	}
	ok = ok && digits.len <= 7;
	*out = ok && digits.len ? (int)strtol(strbuf_str(&digits), NULL, 10) : 0;
	ok = ok && (digits.len > 0 || text[0] == '\0');
	strbuf_release(&digits);
	return ok;
}

/* Refuses fields that are too long or hold control characters; true when all are fine. */
static bool check_raw_fields(struct row_ctx *ctx)
{
	bool fine = true;

	for (size_t f = 0; f < ctx->record->n_fields; f++) {
		const char *text = ctx->record->fields[f];
		const char *name =
		    f < ctx->map->header->n_fields ? ctx->map->header->fields[f] : "?";
		int line = ctx->record->line;

		if (strlen(text) > ROSTER_FIELD_MAX) {
			diag_say(ctx->errs, line, name, "第 %d 行“%s”列超过 4 KiB，文件可能已损坏",
			         line, name);
			fine = false;
		} else if (text_has_control_except(
		               text, (int)f == ctx->map->field_of[COL_NOTE] ? "\n\r\t" : "")) {
			diag_say(ctx->errs, line, name, "第 %d 行“%s”列含控制字符或乱码，请删除",
			         line, name);
			fine = false;
		}
	}
	return fine;
}

/* A row with more cells than the header lost its quoting; fewer is padded by Excel never. */
static bool check_field_count(struct row_ctx *ctx)
{
	size_t want = ctx->map->header->n_fields;
	size_t have = ctx->record->n_fields;
	int line = ctx->record->line;

	for (size_t f = want; f < have; f++) {
		if (ctx->record->fields[f][0] != '\0') {
			diag_say(ctx->errs, line, NULL,
			         "第 %d 行有 %zu 个字段，比表头多（%zu 个），可能缺少引号", line,
			         have, want);
			return false;
		}
	}
	return true;
}

static void parse_identity(struct row_ctx *ctx, struct roster_row *row)
{
	row->reg_no = text_cell(ctx, COL_REG_NO);
	row->name = text_cell(ctx, COL_NAME);
	if (row->reg_no == NULL) {
		cell_error(ctx, COL_REG_NO, "报名编号为空", "the registration number is empty");
	}
	if (row->name == NULL) {
		cell_error(ctx, COL_NAME, "姓名为空", "the name is empty");
	}
	int gender = enum_cell(ctx, COL_GENDER, genders);
	row->gender = gender < 0 ? GENDER_UNKNOWN : (enum gender)gender;
	row->organisation = text_cell(ctx, COL_ORGANISATION);
	row->position = text_cell(ctx, COL_POSITION);
	row->phone = text_cell(ctx, COL_PHONE);
	row->member = enum_cell(ctx, COL_MEMBER, members) == 1;
	if (field(ctx, COL_STATUS)[0] == '\0') {
		cell_error(ctx, COL_STATUS, "审核状态为空，应为 已通过/待审核/未通过",
		           "the status is empty; expected 已通过/待审核/未通过");
	} else {
		int status = enum_cell(ctx, COL_STATUS, statuses);
		row->status = status < 0 ? REG_PENDING : (enum reg_status)status;
	}
	row->roommate = text_cell(ctx, COL_ROOMMATE);
	row->note = text_cell(ctx, COL_NOTE);
	row->external_code = text_cell(ctx, COL_EXTERNAL);
}

/* The channel, amount and state must tell one coherent story. */
static void parse_payment(struct row_ctx *ctx, struct roster_row *row)
{
	int channel = enum_cell(ctx, COL_CHANNEL, channels);
	int state = enum_cell(ctx, COL_PAY_STATE, pay_states);
	bool amount_ok = roster_parse_amount(field(ctx, COL_AMOUNT), &row->paid_amount);

	if (!amount_ok) {
		cell_error(ctx, COL_AMOUNT, "金额应为整数元，如 1500",
		           "expected whole yuan, e.g. 1500");
	}
	/* coherence is judged only on values that were understood: one problem, one message */
	if (channel < 0 || state < 0 || !amount_ok) {
		return;
	}
	row->channel = (enum pay_channel)channel;
	row->pay_state = (enum pay_state)state;
	switch (row->channel) {
	case CHANNEL_NONE:
		if (row->paid_amount > 0 || row->pay_state != PAYSTATE_NONE) {
			cell_error(ctx, COL_CHANNEL, "交费方式为“未交费”，但填写了金额或到账状态",
			           "channel says unpaid but an amount or payment state is given");
		}
		break;
	case CHANNEL_ONLINE:
	case CHANNEL_TRANSFER:
		if (row->paid_amount <= 0) {
			cell_error(ctx, COL_AMOUNT, "已交费但金额为空或为 0",
			           "a payment channel is given but the amount is empty or 0");
		}
		if (row->pay_state == PAYSTATE_NONE) {
			cell_error(ctx, COL_PAY_STATE, "已交费但交费状态为空或“未交费”",
			           "a payment channel is given but the state is empty or unpaid");
		}
		break;
	case CHANNEL_COLLECTIVE:
		/* the money is counted from collective.csv; a cell here is informative only */
		break;
	}
}

static long parse_date_cell(struct row_ctx *ctx, enum roster_column c, long fallback)
{
	const char *text = field(ctx, c);
	long days = fallback;

	if (text[0] != '\0' && !date_parse(text, &days)) {
		cell_error(ctx, c, "日期无法识别，应为 2026-05-25 这样的格式",
		           "not a date; write it like 2026-05-25");
	}
	return days;
}

static void parse_lodging(struct row_ctx *ctx, struct roster_row *row)
{
	const struct event_config *cfg = ctx->cfg;
	long first = cfg->first_night;
	long leave = cfg->last_night + 1;

	int room = enum_cell(ctx, COL_ROOM, rooms);
	row->room = room < 0 ? ROOM_NONE : (enum room_request)room;
	if (row->room == ROOM_BED && row->gender == GENDER_UNKNOWN) {
		cell_error(ctx, COL_GENDER, "床位（合住）必须填写性别，才能安排同性室友",
		           "a shared bed (床位) needs a gender to pair same-gender roommates");
	}
	row->arrive = parse_date_cell(ctx, COL_ARRIVE, first);
	row->depart = parse_date_cell(ctx, COL_DEPART, leave);
	if (row->depart <= row->arrive) {
		cell_error(ctx, COL_DEPART, "离店日期应晚于入住日期",
		           "the departure date must be after the arrival date");
	} else if (row->arrive < first || row->depart > leave) {
		char from[DATE_ISO_LEN + 1], to[DATE_ISO_LEN + 1];
		date_format(first, from);
		date_format(leave, to);
		int line = ctx->record->line;
		enum roster_column c = row->arrive < first ? COL_ARRIVE : COL_DEPART;
		diag_say(ctx->errs, line, header(ctx, c), "第 %d 行入住/离店日期超出会期 %s 至 %s",
		         line, from, to);
	}
}

/* Keeps the cells of unknown columns as a JSON object, so no organiser data is dropped. */
static char *extra_cells(const struct row_ctx *ctx)
{
	struct json j = JSON_INIT;
	bool any = false;

	json_object_begin(&j);
	for (size_t u = 0; u < ctx->map->n_unknown; u++) {
		size_t f = ctx->map->unknown[u];
		const char *value = f < ctx->record->n_fields ? ctx->record->fields[f] : "";
		if (value[0] != '\0') {
			char *name = columns_unknown_name(ctx->map, u);
			json_kv_string(&j, name, value);
			free(name);
			any = true;
		}
	}
	json_object_end(&j);
	char *text = any ? strpool_dup(ctx->strings, json_text(&j)) : NULL;
	json_release(&j);
	return text;
}

/*
 * Free text keeps what the organisers wrote (full-width punctuation included);
 * every other column is a key, a value from a list, a number or a name, which
 * must have one spelling (normalise.h).
 */
static enum normalise_kind column_kind(const struct row_ctx *ctx, size_t f)
{
	static const enum roster_column free_text[] = {COL_ORGANISATION, COL_POSITION, COL_NOTE};

	for (size_t i = 0; i < sizeof(free_text) / sizeof(free_text[0]); i++) {
		if (ctx->map->field_of[free_text[i]] == (int)f) {
			return NORMALISE_TEXT;
		}
	}
	for (size_t u = 0; u < ctx->map->n_unknown; u++) {
		if (ctx->map->unknown[u] == f) {
			return NORMALISE_TEXT;
		}
	}
	return NORMALISE_KEY;
}

/*
 * Normalises every cell of the record in place, once the raw cells passed
 * check_raw_fields: a bidi override is refused there, before normalising
 * could remove it silently.
 */
static void normalise_record(const struct row_ctx *ctx)
{
	for (size_t f = 0; f < ctx->record->n_fields; f++) {
		normalise_in_place(ctx->record->fields[f], column_kind(ctx, f));
	}
}

/* Returns true when text holds a CJK character and a '?' or U+FFFD standing for a lost one. */
static bool lost_character(const char *text)
{
	bool cjk = false, mark = false;

	while (*text != '\0') {
		uint32_t cp;
		size_t n = text_decode(text, &cp);
		if (n == 0) {
			return false;
		}
		cjk = cjk || normalise_is_cjk(cp);
		mark = mark || cp == '?' || cp == 0xFFFD;
		text += n;
	}
	return cjk && mark;
}

/*
 * A roster saved as GBK/CP936 loses every character outside it (䶮 𠮷 㛃, rare
 * in print, common enough in names) as '?'; a '?' beside Chinese in a name is
 * almost certainly one. Imported (the desk can still find the person by the
 * rest), but named in a warning so the organisers send the file in UTF-8.
 */
static void warn_lost_characters(const struct row_ctx *ctx, struct diag_list *warnings)
{
	static const enum roster_column named[] = {COL_NAME, COL_ORGANISATION};

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		const char *text = field(ctx, named[i]);
		int line = ctx->record->line;
		if (lost_character(text)) {
			diag_say(warnings, line, header(ctx, named[i]),
			         "第 %d 行“%s”列“%s”中的问号可能是另存为 GBK/CP936 时丢失的生僻字，"
			         "请让报名平台导出 UTF-8 文件",
			         line, header(ctx, named[i]), text);
		}
	}
}

static void parse_row(struct row_ctx *ctx, struct roster_row *row, struct diag_list *warnings)
{
	memset(row, 0, sizeof(*row));
	row->line = ctx->record->line;
	if (!check_raw_fields(ctx) || !check_field_count(ctx)) {
		return;
	}
	normalise_record(ctx);
	warn_lost_characters(ctx, warnings);
	parse_identity(ctx, row);
	parse_payment(ctx, row);
	parse_lodging(ctx, row);
	row->extra = extra_cells(ctx);
}

struct keyed_row {
	const char *key;
	int line;
};

/* The key comparison of the duplicate check being run (qsort has no context argument). */
static int (*key_compare)(const char *, const char *);

static int compare_keyed(const void *a, const void *b)
{
	const struct keyed_row *x = a, *y = b;
	int c = key_compare(x->key, y->key);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * Reports every repeat of a key column (reg_no, external code) under compare:
 * reg_nos ignore case, since the desk finds wh2026-0006 as WH2026-0006 and
 * two rows so written are one person twice. Sorting keeps this O(n log n)
 * for the 100k-row bench roster.
 */
static void report_duplicates(const struct roster *roster, size_t key_offset, const char *column,
                              int (*compare)(const char *, const char *), struct diag_list *errs)
{
	struct keyed_row *keyed = xcalloc(roster->n_rows, sizeof(*keyed));
	size_t n = 0;

	for (size_t i = 0; i < roster->n_rows; i++) {
		const char *key = *(char *const *)((const char *)&roster->rows[i] + key_offset);
		if (key != NULL) {
			keyed[n++] = (struct keyed_row){key, roster->rows[i].line};
		}
	}
	/* a platform export lists rows by reg_no: keys already in strict order repeat none */
	size_t ordered = 1;
	while (ordered < n && compare(keyed[ordered - 1].key, keyed[ordered].key) < 0) {
		ordered++;
	}
	if (ordered >= n) {
		free(keyed);
		return;
	}
	key_compare = compare;
	qsort(keyed, n, sizeof(*keyed), compare_keyed);
	for (size_t i = 1; i < n; i++) {
		if (compare(keyed[i].key, keyed[i - 1].key) == 0) {
			size_t first = i - 1;
			while (first > 0 && compare(keyed[first - 1].key, keyed[i].key) == 0) {
				first--;
			}
			diag_say(errs, keyed[i].line, column,
			         "第 %d 行“%s”重复：“%s”已在第 %d 行出现（“%s”，不分大小写）",
			         keyed[i].line, column, keyed[i].key, keyed[first].line,
			         keyed[first].key);
		}
	}
	free(keyed);
}

/*
 * Two exports pasted into one file (the second one's BOM now in the middle)
 * repeat the header. Skipping it would read the second part with the first
 * part's column order, which need not be the same: refused, with its line.
 */
static void report_repeated_header(int line, struct diag_list *errs)
{
	diag_say(errs, line, NULL,
	         "第 %d 行又是一行表头：这个文件可能是两份名单拼在一起的；请只用一份导出，"
	         "或删掉这一行并检查重复的人",
	         line);
}

static void collect_unknown_columns(struct roster *roster, const struct column_map *map)
{
	roster->n_unknown = map->n_unknown;
	roster->unknown_columns = xcalloc(map->n_unknown, sizeof(char *));
	for (size_t u = 0; u < map->n_unknown; u++) {
		roster->unknown_columns[u] = columns_unknown_name(map, u);
	}
}

/*
 * What roster_parse keeps while the file streams past: the header (the map
 * points into it) and the rows so far, never the parsed table, which with the
 * raw text and the rows held the 100k-row import's memory over its budget.
 */
struct roster_reader {
	struct roster *roster;
	const struct event_config *cfg;
	struct diag_list *errs;
	struct csv_record *header; /* the first record, kept for the column map */
	struct column_map map;
	bool mapped; /* the header named every required column once */
	size_t cap_rows;
};

static struct roster_row *next_row(struct roster_reader *r)
{
	struct roster *roster = r->roster;

	if (roster->n_rows == r->cap_rows) {
		r->cap_rows = r->cap_rows ? 2 * r->cap_rows : 64;
		roster->rows = xreallocarray(roster->rows, r->cap_rows, sizeof(*roster->rows));
	}
	return &roster->rows[roster->n_rows++];
}

/*
 * Gives back the room the doubling left unused (up to half the array, 4 MiB
 * at 100k rows), since the rows stay in memory through the whole merge.
 */
static void fit_rows(struct roster_reader *r)
{
	struct roster *roster = r->roster;

	if (roster->n_rows > 0 && roster->n_rows < r->cap_rows) {
		roster->rows = xreallocarray(roster->rows, roster->n_rows, sizeof(*roster->rows));
		r->cap_rows = roster->n_rows;
	}
}

/* A header that does not map is reported; the rows under it are then not read. */
static void take_header(struct roster_reader *r, const struct csv_record *record)
{
	r->header = csvtable_record_dup(record);
	r->mapped = columns_map(roster_columns, COL_COUNT, r->header, &r->map, r->errs);
	if (r->mapped) {
		collect_unknown_columns(r->roster, &r->map);
	}
}

/* Receives each record from the parser and turns it into a row at once. */
static int take_record(struct csv_record *record, void *arg)
{
	struct roster_reader *r = arg;

	if (r->header == NULL) {
		take_header(r, record);
	} else if (!r->mapped || columns_record_is_blank(record)) {
		/* nothing to read */
	} else if (columns_record_is_header(&r->map, roster_columns, record)) {
		report_repeated_header(record->line, r->errs);
	} else {
		struct row_ctx ctx = {.map = &r->map,
		                      .record = record,
		                      .errs = r->errs,
		                      .cfg = r->cfg,
		                      .errors_before = r->errs->n,
		                      .strings = &r->roster->strings};
		parse_row(&ctx, next_row(r), &r->roster->warnings);
	}
	return 0;
}

/* The checks that need every row: an empty roster, repeated keys. */
static void check_whole_roster(const struct roster *roster, struct diag_list *errs)
{
	if (roster->n_rows == 0) {
		diag_say(errs, 0, NULL, "名单只有表头，没有报名记录");
	}
	report_duplicates(roster, offsetof(struct roster_row, reg_no), "报名编号",
	                  normalise_reg_no_compare, errs);
	report_duplicates(roster, offsetof(struct roster_row, external_code), "外部码", strcmp,
	                  errs);
}

/* Reads the roster; raw_to_free as columns_each_record takes it. */
static struct roster *parse_streaming(const char *raw, size_t len, char *raw_to_free,
                                      const struct event_config *cfg, struct diag_list *errs)
{
	enum text_encoding enc = ENCODING_UTF8;
	struct diag_list held = DIAG_LIST_INIT;
	struct roster_reader r = {
	    .roster = xcalloc(1, sizeof(struct roster)), .cfg = cfg, .errs = &held};

	/* the rows' problems are held back: a file that is not CSV after all reports only that */
	if (columns_each_record(raw, len, raw_to_free, &enc, take_record, &r, errs) != 0) {
		roster_free(r.roster);
		r.roster = NULL;
	} else {
		r.roster->encoding = enc;
		fit_rows(&r);
		if (r.mapped) {
			check_whole_roster(r.roster, &held);
		}
		diag_list_move(errs, &held);
	}
	diag_list_clear(&held);
	if (r.header != NULL) {
		columns_map_free(&r.map);
	}
	csvtable_record_free(r.header);
	return r.roster;
}

struct roster *roster_parse(const char *raw, size_t len, const struct event_config *cfg,
                            struct diag_list *errs)
{
	return parse_streaming(raw, len, NULL, cfg, errs);
}

struct roster *roster_parse_taking(char *raw, size_t len, const struct event_config *cfg,
                                   struct diag_list *errs)
{
	return parse_streaming(raw, len, raw, cfg, errs);
}

void roster_free(struct roster *roster)
{
	if (roster == NULL) {
		return;
	}
	strpool_release(&roster->strings);
	for (size_t u = 0; u < roster->n_unknown; u++) {
		free(roster->unknown_columns[u]);
	}
	free(roster->unknown_columns);
	diag_list_clear(&roster->warnings);
	free(roster->rows);
	free(roster);
}

enum withdraw_verdict roster_withdraw_verdict(int would, int active, int confirmed)
{
	if (confirmed >= 0) {
		return would == confirmed ? WITHDRAW_OK : WITHDRAW_COUNT_DIFFERS;
	}
	/* would/active > share/100, in integers: 18 of 180 pass, 19 do not */
	return (long)would * 100 > (long)ROSTER_WITHDRAW_SHARE * active ? WITHDRAW_TOO_MANY
	                                                                : WITHDRAW_OK;
}

static const char *const gender_codes[] = {"", "M", "F"};
static const char *const status_codes[] = {"approved", "pending", "rejected"};
static const char *const channel_codes[] = {"none", "online", "transfer", "collective"};
static const char *const pay_state_codes[] = {"none", "confirmed", "pending"};
static const char *const room_codes[] = {"none", "king", "twin_single", "bed"};

const char *roster_gender_code(enum gender g)
{
	return gender_codes[g];
}

const char *roster_status_code(enum reg_status s)
{
	return status_codes[s];
}

const char *roster_channel_code(enum pay_channel c)
{
	return channel_codes[c];
}

const char *roster_pay_state_code(enum pay_state s)
{
	return pay_state_codes[s];
}

const char *roster_room_code(enum room_request r)
{
	return room_codes[r];
}

static bool code_index(const char *const *codes, size_t n, const char *code, int *out)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(codes[i], code) == 0) {
			*out = (int)i;
			return true;
		}
	}
	return false;
}

bool roster_gender_from_code(const char *code, enum gender *out)
{
	int i;
	bool ok = code_index(gender_codes, 3, code, &i);

	*out = ok ? (enum gender)i : GENDER_UNKNOWN;
	return ok;
}

bool roster_status_from_code(const char *code, enum reg_status *out)
{
	int i;
	bool ok = code_index(status_codes, 3, code, &i);

	*out = ok ? (enum reg_status)i : REG_PENDING;
	return ok;
}

bool roster_room_from_code(const char *code, enum room_request *out)
{
	int i;
	bool ok = code_index(room_codes, 4, code, &i);

	*out = ok ? (enum room_request)i : ROOM_NONE;
	return ok;
}
