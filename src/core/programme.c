/*
 * programme parses and checks sessions.csv. A session's id must stay the same
 * when the organisers re-export the file with a title corrected or rows
 * reordered, because every attendance record (and every other desk's) names
 * it: so the id comes from the 编号 [id] column when there is one, else from
 * the session's date and start ("0526-0830"); two sessions starting together
 * at two venues take "-2", "-3" in venue order.
 */
#include "frontdesk/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/columns.h"
#include "frontdesk/date.h"
#include "frontdesk/event.h"
#include "frontdesk/normalise.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

enum session_column {
	SC_DATE,
	SC_START,
	SC_END,
	SC_VENUE,
	SC_TITLE,
	SC_KIND,
	SC_HOURS,
	SC_REQUIRED,
	SC_SIGN_OUT,
	SC_ID,
	SC_COUNT
};

static const struct column_spec session_columns[SC_COUNT] = {
    [SC_DATE] = {"日期", "date", true},
    [SC_START] = {"开始", "start", true},
    [SC_END] = {"结束", "end", true},
    [SC_VENUE] = {"地点", "venue", true},
    [SC_TITLE] = {"名称", "title", true},
    [SC_KIND] = {"类型", "kind", true},
    [SC_HOURS] = {"学时", "hours", true},
    [SC_REQUIRED] = {"必修", "required", false},
    [SC_SIGN_OUT] = {"签退", "sign_out", false},
    [SC_ID] = {"编号", "id", false},
};

static const struct {
	const char *word; /* msgid */
	const char *code;
} kinds[] = {
    [SESSION_LECTURE] = {N_("讲座"), "lecture"},
    [SESSION_DISCUSSION] = {N_("研讨"), "discussion"},
    [SESSION_VISIT] = {N_("现场教学"), "visit"},
};

#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

const char *programme_kind_code(enum session_kind kind)
{
	return kinds[kind].code;
}

const char *programme_kind_word(enum session_kind kind)
{
	return kinds[kind].word;
}

bool programme_kind_parse(const char *text, enum session_kind *out)
{
	for (size_t i = 0; i < N_KINDS; i++) {
		if (strcmp(text, kinds[i].word) == 0 || strcasecmp(text, kinds[i].code) == 0) {
			*out = (enum session_kind)i;
			return true;
		}
	}
	return false;
}

bool programme_parse_time(const char *text, int *minutes)
{
	size_t n = strlen(text);
	const char *colon = strchr(text, ':');
	char hh[3] = "", mm[3] = "";

	if (colon != NULL && (colon - text == 1 || colon - text == 2) && strlen(colon + 1) == 2) {
		memcpy(hh, text, (size_t)(colon - text));
		memcpy(mm, colon + 1, 2);
	} else if (colon == NULL && n == 4) {
		memcpy(hh, text, 2);
		memcpy(mm, text + 2, 2);
	} else {
		return false;
	}
	if (!text_is_digits(hh) || !text_is_digits(mm)) {
		return false;
	}
	int h = (int)strtol(hh, NULL, 10), m = (int)strtol(mm, NULL, 10);
	if (h > 23 || m > 59) {
		return false;
	}
	*minutes = h * 60 + m;
	return true;
}

void programme_format_time(int minutes, char out[6])
{
	unsigned m = (unsigned)minutes % 1440u;

	snprintf(out, 6, "%02u:%02u", (m / 60u) % 24u, m % 60u);
}

bool programme_parse_hours(const char *text, int *tenths)
{
	const char *dot = strchr(text, '.');
	size_t whole = dot ? (size_t)(dot - text) : strlen(text);
	char digits[4] = "";

	if (whole == 0 || whole > 2 || (dot != NULL && strlen(dot + 1) != 1)) {
		return false;
	}
	memcpy(digits, text, whole);
	if (!text_is_digits(digits) || (dot != NULL && !text_is_digits(dot + 1))) {
		return false;
	}
	int t = (int)strtol(digits, NULL, 10) * 10 + (dot ? dot[1] - '0' : 0);
	if (t <= 0 || t > 240) {
		return false;
	}
	*tenths = t;
	return true;
}

void programme_format_hours(int tenths, char out[16])
{
	if (tenths % 10 == 0) {
		snprintf(out, 16, "%d", tenths / 10);
	} else {
		snprintf(out, 16, "%d.%d", tenths / 10, tenths % 10);
	}
}

long programme_start(const struct session *s)
{
	return s->date * 1440 + s->start;
}

long programme_end(const struct session *s)
{
	return s->date * 1440 + s->end;
}

/* Reads 是/否 (yes/no, Y/N, 1/0); an empty cell is dflt. */
static bool parse_yes_no(const char *text, bool dflt, bool *out)
{
	static const struct {
		const char *word;
		bool value;
	} words[] = {{"是", true}, {"否", false}, {"yes", true}, {"no", false},
	             {"y", true},  {"n", false},  {"1", true},   {"0", false}};

	if (text[0] == '\0') {
		*out = dflt;
		return true;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcasecmp(text, words[i].word) == 0) {
			*out = words[i].value;
			return true;
		}
	}
	return false;
}

#define HEADER(c) columns_header_name(map, session_columns, (c))

/* The cells that are times, dates, numbers and words are keys ("０８：３０" is 08:30). */
static void normalise_cells(const struct column_map *map, const struct csv_record *rec)
{
	for (size_t f = 0; f < rec->n_fields; f++) {
		bool text = map->field_of[SC_VENUE] == (int)f || map->field_of[SC_TITLE] == (int)f;
		normalise_in_place(rec->fields[f], text ? NORMALISE_TEXT : NORMALISE_KEY);
	}
}

static void parse_when(const struct column_map *map, const struct csv_record *rec,
                       struct session *s, struct diag_list *errs)
{
	if (!date_parse(columns_field(map, rec, SC_DATE), &s->date)) {
		columns_cell_error(errs, rec->line, HEADER(SC_DATE),
		                   "日期应为 2026-05-26 这样的格式",
		                   "the date should look like 2026-05-26");
	}
	bool start_ok = programme_parse_time(columns_field(map, rec, SC_START), &s->start);
	bool end_ok = programme_parse_time(columns_field(map, rec, SC_END), &s->end);
	if (!start_ok || !end_ok) {
		columns_cell_error(errs, rec->line, HEADER(start_ok ? SC_END : SC_START),
		                   "时间应为 08:30 这样的格式", "the time should look like 08:30");
	} else if (s->end <= s->start) {
		columns_cell_error(errs, rec->line, HEADER(SC_END), "结束时间不晚于开始时间",
		                   "the session ends before it starts");
	}
}

static void parse_what(const struct column_map *map, const struct csv_record *rec,
                       struct session *s, struct diag_list *errs)
{
	s->venue = xstrdup(columns_field(map, rec, SC_VENUE));
	s->title = xstrdup(columns_field(map, rec, SC_TITLE));
	if (!s->venue[0] || !s->title[0]) {
		columns_cell_error(errs, rec->line, HEADER(s->venue[0] ? SC_TITLE : SC_VENUE),
		                   "地点或名称为空", "the venue or the title is empty");
	}
	if (!programme_kind_parse(columns_field(map, rec, SC_KIND), &s->kind)) {
		columns_cell_error(
		    errs, rec->line, HEADER(SC_KIND), "类型应为 讲座、研讨 或 现场教学",
		    "the kind should be 讲座 (lecture), 研讨 (discussion) or 现场教学 "
		    "(visit)");
	}
	if (!programme_parse_hours(columns_field(map, rec, SC_HOURS), &s->hours_tenths)) {
		columns_cell_error(errs, rec->line, HEADER(SC_HOURS),
		                   "学时应为数字，如 3 或 1.5（最多一位小数，不超过 24）",
		                   "the hours should be a number such as 3 or 1.5 (one decimal at "
		                   "most, up to 24)");
	}
	if (!parse_yes_no(columns_field(map, rec, SC_REQUIRED), true, &s->required)) {
		columns_cell_error(errs, rec->line, HEADER(SC_REQUIRED), "应为 是 或 否",
		                   "should be 是 (yes) or 否 (no)");
	}
	if (!parse_yes_no(columns_field(map, rec, SC_SIGN_OUT), false, &s->sign_out)) {
		columns_cell_error(errs, rec->line, HEADER(SC_SIGN_OUT), "应为 是 或 否",
		                   "should be 是 (yes) or 否 (no)");
	}
	const char *id = columns_field(map, rec, SC_ID);
	if (id[0] && (strlen(id) > SESSION_ID_MAX || !event_desk_id_valid(id))) {
		columns_cell_error(errs, rec->line, HEADER(SC_ID),
		                   "编号应为 1 到 16 个字母、数字、- 或 _",
		                   "the id should be 1 to 16 letters, digits, - or _");
	} else {
		snprintf(s->id, sizeof(s->id), "%s", id);
	}
}

static void parse_row(const struct column_map *map, const struct csv_record *rec, struct session *s,
                      struct diag_list *errs)
{
	s->line = rec->line;
	if (!columns_cells_clean(map, rec, errs)) {
		s->venue = xstrdup("");
		s->title = xstrdup("");
		return;
	}
	normalise_cells(map, rec);
	parse_when(map, rec, s, errs);
	parse_what(map, rec, s, errs);
}

static int by_time(const void *a, const void *b)
{
	const struct session *x = a, *y = b;
	long c = programme_start(x) - programme_start(y);

	if (c == 0) {
		c = strcmp(x->venue, y->venue);
	}
	return c != 0 ? (c < 0 ? -1 : 1) : x->line - y->line;
}

static int by_time_ptr(const void *a, const void *b)
{
	return by_time(*(const struct session *const *)a, *(const struct session *const *)b);
}

/*
 * Two sessions at one venue whose times meet: the later-listed row is refused.
 * Only rows whose own cells are right (valid) take part, so an overlap is
 * reported alongside the other problems of the file, not after they are fixed.
 */
static void report_overlaps(const struct programme *p, const bool *valid, struct diag_list *errs)
{
	const struct session **sorted = xcalloc(p->n + 1, sizeof(*sorted));
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (valid[i]) {
			sorted[n++] = &p->sessions[i];
		}
	}
	qsort(sorted, n, sizeof(*sorted), by_time_ptr);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			const struct session *a = sorted[i], *b = sorted[j];
			if (programme_start(b) >= programme_end(a)) {
				break; /* sorted by start: nothing later overlaps a */
			}
			if (strcmp(a->venue, b->venue) != 0) {
				continue;
			}
			const struct session *later = a->line > b->line ? a : b;
			const struct session *other = later == a ? b : a;
			diag_say(errs, later->line, "开始",
			         "第 %d 行：与第 %d 行“%s”在同一地点（%s）时间重叠", later->line,
			         other->line, other->title, other->venue);
		}
	}
	free(sorted);
}

/* Gives each session without an id its "MMDD-HHMM"; refuses an id used twice. */
static void assign_ids(struct programme *p, struct diag_list *errs)
{
	for (size_t i = 0; i < p->n; i++) {
		struct session *s = &p->sessions[i];
		if (s->id[0]) {
			continue;
		}
		char iso[DATE_ISO_LEN + 1];
		int same_start = 1;
		date_format(s->date, iso);
		for (size_t k = 0; k < i; k++) {
			same_start += programme_start(&p->sessions[k]) == programme_start(s);
		}
		char hhmm[6], id[32];
		programme_format_time(s->start, hhmm);
		snprintf(id, sizeof(id), "%.2s%.2s-%.2s%.2s", iso + 5, iso + 8, hhmm, hhmm + 3);
		if (same_start > 1) {
			size_t len = strlen(id);
			snprintf(id + len, sizeof(id) - len, "-%d", same_start);
		}
		snprintf(s->id, sizeof(s->id), "%.16s", id);
	}
	for (size_t i = 0; i < p->n; i++) {
		for (size_t k = 0; k < i; k++) {
			if (strcmp(p->sessions[i].id, p->sessions[k].id) == 0) {
				diag_say(errs, p->sessions[i].line, "编号",
				         "第 %d 行：编号 %s 与第 %d 行重复", p->sessions[i].line,
				         p->sessions[i].id, p->sessions[k].line);
			}
		}
	}
}

/* Parses every row; valid[i] says whether row i's own cells were right. */
static void parse_rows(struct programme *p, const struct csv_table *table,
                       const struct column_map *map, bool *valid, struct diag_list *errs)
{
	p->sessions = xcalloc(table->n_records, sizeof(*p->sessions));
	for (size_t r = 1; r < table->n_records; r++) {
		const struct csv_record *rec = &table->records[r];
		if (columns_record_is_blank(rec)) {
			continue;
		}
		if (columns_record_is_header(map, session_columns, rec)) {
			diag_say(errs, rec->line, NULL,
			         "第 %d 行又是一行表头：两份文件拼在了一起？", rec->line);
			continue;
		}
		size_t before = errs->n;
		parse_row(map, rec, &p->sessions[p->n], errs);
		valid[p->n++] = errs->n == before;
	}
}

struct programme *programme_parse(const char *raw, size_t len, struct diag_list *errs)
{
	enum text_encoding enc;
	struct csv_table *table = columns_read_table(raw, len, &enc, errs);
	struct column_map map;
	size_t before = errs->n;

	if (table == NULL) {
		return NULL;
	}
	struct programme *p = xcalloc(1, sizeof(*p));
	if (columns_map(session_columns, SC_COUNT, &table->records[0], &map, errs)) {
		bool *valid = xcalloc(table->n_records, sizeof(bool));
		parse_rows(p, table, &map, valid, errs);
		if (p->n == 0) {
			diag_say(errs, 0, NULL, "sessions.csv 没有课程");
		}
		report_overlaps(p, valid, errs);
		free(valid);
		if (errs->n == before) {
			qsort(p->sessions, p->n, sizeof(*p->sessions), by_time);
			assign_ids(p, errs);
		}
	}
	columns_map_free(&map);
	csvtable_free(table);
	return p;
}

void programme_session_clear(struct session *s)
{
	free(s->venue);
	free(s->title);
	s->venue = s->title = NULL;
}

void programme_free(struct programme *p)
{
	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		programme_session_clear(&p->sessions[i]);
	}
	free(p->sessions);
	free(p);
}
