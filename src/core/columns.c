/*
 * columns owns the header-matching rule shared by every input file: Chinese
 * name or English alias, any order, unknown columns kept. Keeping it in one
 * place makes roster, collective and room files behave the same.
 */
#include "frontdesk/columns.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/encoding.h"
#include "frontdesk/normalise.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

/* Returns the header with spaces and a trailing "[alias]" or "（...）" removed. */
static char *header_core(const char *h)
{
	while (*h == ' ' || *h == '\t') {
		h++;
	}
	size_t n = strcspn(h, "[(");
	const char *paren = strstr(h, "（");
	if (paren != NULL && (size_t)(paren - h) < n) {
		n = (size_t)(paren - h);
	}
	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\t')) {
		n--;
	}
	return xstrndup(h, n);
}

/* Returns the alias inside "[...]" of a header, or NULL. The caller frees it. */
static char *header_alias(const char *h)
{
	const char *open = strchr(h, '[');
	const char *close = open ? strchr(open, ']') : NULL;

	if (close == NULL) {
		return NULL;
	}
	return xstrndup(open + 1, (size_t)(close - open - 1));
}

static bool spec_matches(const struct column_spec *spec, const char *core, const char *alias)
{
	return strcmp(core, spec->zh) == 0 || strcasecmp(core, spec->en) == 0 ||
	       (alias != NULL && strcasecmp(alias, spec->en) == 0);
}

/*
 * Returns the spec a header cell names, or -1. The cell is normalised first,
 * so "姓名　" (a full-width space typed after it), "\uFEFF报名编号" (a BOM left
 * by a second export pasted below the first) and "ｒｅｇ＿ｎｏ" all match.
 */
static int find_spec(const struct column_spec *specs, size_t n_specs, const char *raw)
{
	char *field = normalise(raw, NORMALISE_KEY);
	char *core = header_core(field);
	char *alias = header_alias(field);
	int found = -1;

	for (size_t i = 0; i < n_specs && found < 0; i++) {
		if (spec_matches(&specs[i], core, alias)) {
			found = (int)i;
		}
	}
	free(core);
	free(alias);
	free(field);
	return found;
}

/*
 * True when raw names spec i, as find_spec would find it: spec i matches and
 * no earlier one does. Spec i is tried first, so a data cell (every row of
 * the file goes through the repeated-header check) costs one comparison, not
 * one per column.
 */
static bool names_spec(const struct column_spec *specs, size_t i, const char *raw)
{
	char *field = normalise(raw, NORMALISE_KEY);
	char *core = header_core(field);
	char *alias = header_alias(field);
	bool names = spec_matches(&specs[i], core, alias);

	for (size_t j = 0; j < i && names; j++) {
		names = !spec_matches(&specs[j], core, alias);
	}
	free(core);
	free(alias);
	free(field);
	return names;
}

bool columns_map(const struct column_spec *specs, size_t n_specs, const struct csv_record *header,
                 struct column_map *map, struct diag_list *errs)
{
	size_t errors_before = errs->n;

	map->n_specs = n_specs;
	map->field_of = xcalloc(n_specs, sizeof(*map->field_of));
	map->unknown = xcalloc(header->n_fields, sizeof(*map->unknown));
	map->n_unknown = 0;
	map->header = header;
	for (size_t i = 0; i < n_specs; i++) {
		map->field_of[i] = -1;
	}
	for (size_t f = 0; f < header->n_fields; f++) {
		const char *name = header->fields[f];
		int s = find_spec(specs, n_specs, name);

		if (text_has_control_except(name, "\t")) {
			diag_say(errs, header->line, NULL, "表头第 %zu 列含控制字符或乱码", f + 1);
		} else if (s < 0) {
			map->unknown[map->n_unknown++] = f;
		} else if (map->field_of[s] >= 0) {
			diag_say(errs, header->line, name, "列“%s”出现两次", name);
		} else {
			map->field_of[s] = (int)f;
		}
	}
	for (size_t i = 0; i < n_specs; i++) {
		if (specs[i].required && map->field_of[i] < 0) {
			diag_say(errs, header->line, specs[i].zh,
			         "缺少必需的列“%s”（或 %s），请在表头加上该列", specs[i].zh,
			         specs[i].en);
		}
	}
	return errs->n == errors_before;
}

const char *columns_field(const struct column_map *map, const struct csv_record *record, size_t i)
{
	int f = map->field_of[i];

	if (f < 0 || (size_t)f >= record->n_fields) {
		return "";
	}
	return record->fields[f];
}

const char *columns_header_name(const struct column_map *map, const struct column_spec *specs,
                                size_t i)
{
	int f = map->field_of[i];

	return f >= 0 ? map->header->fields[f] : specs[i].zh;
}

char *columns_unknown_name(const struct column_map *map, size_t u)
{
	size_t f = map->unknown[u];
	const char *name = map->header->fields[f];

	return name[0] ? xstrdup(name) : xasprintf("第%zu列", f + 1);
}

bool columns_record_is_header(const struct column_map *map, const struct column_spec *specs,
                              const struct csv_record *record)
{
	size_t named = 0;

	for (size_t i = 0; i < map->n_specs; i++) {
		int f = map->field_of[i];
		if (!specs[i].required || f < 0) {
			continue;
		}
		if ((size_t)f >= record->n_fields || !names_spec(specs, i, record->fields[f])) {
			return false;
		}
		named++;
	}
	return named > 0;
}

bool columns_record_is_blank(const struct csv_record *record)
{
	for (size_t f = 0; f < record->n_fields; f++) {
		if (record->fields[f][0] != '\0') {
			return false;
		}
	}
	return true;
}

void columns_map_free(struct column_map *map)
{
	free(map->field_of);
	free(map->unknown);
	map->field_of = NULL;
	map->unknown = NULL;
	map->n_unknown = 0;
}

/* Counts the records on their way to the caller's receiver, to tell an empty file. */
struct counted {
	csvtable_record_fn on_record;
	void *arg;
	size_t n_records;
};

static int count_record(struct csv_record *record, void *arg)
{
	struct counted *c = arg;

	c->n_records++;
	return c->on_record(record, c->arg);
}

int columns_each_record(const char *raw, size_t len, char *raw_to_free, enum text_encoding *enc,
                        csvtable_record_fn on_record, void *arg, struct diag_list *errs)
{
	char *cause = NULL, *converted = NULL;
	size_t text_len = 0;
	int line = 0, rc = -1;
	const char *text = encoding_utf8_view(raw, len, &text_len, enc, &line, &cause, &converted);
	struct counted counted = {on_record, arg, 0};

	if (converted != NULL) {
		/* the parse reads the converted copy only: the raw bytes need not wait for it */
		free(raw_to_free);
		raw_to_free = NULL;
	}
	if (text != NULL) {
		rc = csvtable_each(text, text_len, count_record, &counted, &line, &cause);
	}
	if (rc < 0) {
		diag_add(errs, line, NULL, "%s", cause ? cause : "?");
	} else if (counted.n_records == 0) {
		diag_say(errs, 0, NULL, "文件没有内容");
		rc = -1;
	}
	free(cause);
	free(converted);
	free(raw_to_free);
	return rc;
}

struct csv_table *columns_read_table(const char *raw, size_t len, enum text_encoding *enc,
                                     struct diag_list *errs)
{
	char *cause = NULL, *converted = NULL;
	size_t text_len = 0;
	int line = 0;
	const char *text = encoding_utf8_view(raw, len, &text_len, enc, &line, &cause, &converted);
	struct csv_table *table = NULL;

	if (text != NULL) {
		table = csvtable_parse(text, text_len, &line, &cause);
	}
	if (table == NULL) {
		diag_add(errs, line, NULL, "%s", cause ? cause : "?");
	} else if (table->n_records == 0) {
		diag_say(errs, 0, NULL, "文件没有内容");
		csvtable_free(table);
		table = NULL;
	}
	free(cause);
	free(converted);
	return table;
}

/*
 * The callers' zh and en are the problem in each language (not yet msgids: the
 * English of a language that says msgids as they are is never shown).
 */
void columns_cell_error(struct diag_list *errs, int line, const char *column, const char *zh,
                        const char *en)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = xasprintf(say_in(i, "第 %d 行“%s”列：%s"), line, column,
		                     say_chinese(i) ? zh : en);
	}
	char *text = say_join(texts);
	diag_add(errs, line, column, "%s", text);
	free(text);
}

bool columns_cells_clean(const struct column_map *map, const struct csv_record *record,
                         struct diag_list *errs)
{
	for (size_t f = 0; f < record->n_fields; f++) {
		if (text_has_control(record->fields[f]) || strlen(record->fields[f]) > 4096) {
			const char *name = f < map->header->n_fields ? map->header->fields[f] : "?";
			columns_cell_error(errs, record->line, name, "含控制字符或过长",
			                   "a cell holds control characters or is too long");
			return false;
		}
	}
	return true;
}
