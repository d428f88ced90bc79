/*
 * csvtable_table keeps the records csvtable_each hands over, for the files
 * small enough to be read whole (rooms.csv, collective.csv, sessions.csv) and
 * for callers that look back at earlier records. The roster streams instead
 * (roster.c), so that its 100k rows are never held twice.
 */
#include "frontdesk/csvtable.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

/*
 * The table being kept. Field text goes into one growing arena and fields are
 * remembered by offset, because a 100k-row file has about two million fields
 * and a malloc each dominated the parse time. Offsets become pointers once
 * the arena has stopped moving (finish_table).
 */
struct keeper {
	struct csv_table *table;
	size_t cap_records;
	struct strbuf arena; /* every field, NUL-terminated, back to back */
	size_t *offsets;     /* per field: where it starts in the arena */
	size_t n_offsets;
	size_t cap_offsets;
	size_t *first_field; /* per record: index of its first field in offsets */
};

static void keep_field(struct keeper *k, const char *text)
{
	if (k->n_offsets == k->cap_offsets) {
		k->cap_offsets = k->cap_offsets ? 2 * k->cap_offsets : 256;
		k->offsets = xreallocarray(k->offsets, k->cap_offsets, sizeof(*k->offsets));
	}
	k->offsets[k->n_offsets++] = k->arena.len;
	strbuf_add(&k->arena, text, strlen(text) + 1);
}

/* Receives each record from csvtable_each and appends it to the table. */
static int keep_record(struct csv_record *record, void *arg)
{
	struct keeper *k = arg;
	struct csv_table *t = k->table;

	if (t->n_records == k->cap_records) {
		k->cap_records = k->cap_records ? 2 * k->cap_records : 64;
		t->records = xreallocarray(t->records, k->cap_records, sizeof(*t->records));
		k->first_field = xreallocarray(k->first_field, k->cap_records, sizeof(size_t));
	}
	k->first_field[t->n_records] = k->n_offsets;
	t->records[t->n_records++] = (struct csv_record){record->line, record->n_fields, NULL};
	for (size_t i = 0; i < record->n_fields; i++) {
		keep_field(k, record->fields[i]);
	}
	return 0;
}

/* Turns offsets into pointers now that the arena no longer moves. */
static void finish_table(struct keeper *k)
{
	struct csv_table *t = k->table;

	t->storage = strbuf_detach(&k->arena);
	t->field_storage = xcalloc(k->n_offsets ? k->n_offsets : 1, sizeof(char *));
	for (size_t i = 0; i < k->n_offsets; i++) {
		t->field_storage[i] = t->storage + k->offsets[i];
	}
	for (size_t r = 0; r < t->n_records; r++) {
		t->records[r].fields = t->field_storage + k->first_field[r];
	}
}

struct csv_table *csvtable_parse(const char *text, size_t len, int *line, char **cause)
{
	struct keeper k = {.table = xcalloc(1, sizeof(*k.table))};
	int rc = csvtable_each(text, len, keep_record, &k, line, cause);

	if (rc == 0) {
		finish_table(&k);
	}
	strbuf_release(&k.arena);
	free(k.offsets);
	free(k.first_field);
	if (rc != 0) {
		csvtable_free(k.table);
		return NULL;
	}
	return k.table;
}

void csvtable_free(struct csv_table *table)
{
	if (table == NULL) {
		return;
	}
	free(table->records);
	free(table->field_storage);
	free(table->storage);
	free(table);
}

/* One block: the record, then its field pointers, then the fields' text. */
struct csv_record *csvtable_record_dup(const struct csv_record *record)
{
	size_t text_len = 0;

	for (size_t i = 0; i < record->n_fields; i++) {
		text_len += strlen(record->fields[i]) + 1;
	}
	size_t pointers = record->n_fields * sizeof(char *);
	struct csv_record *copy = xmalloc(sizeof(*copy) + pointers + text_len);
	char **fields = (char **)(copy + 1);
	char *text = (char *)fields + pointers;

	*copy = (struct csv_record){record->line, record->n_fields, fields};
	for (size_t i = 0; i < record->n_fields; i++) {
		size_t n = strlen(record->fields[i]) + 1;
		memcpy(text, record->fields[i], n);
		fields[i] = text;
		text += n;
	}
	return copy;
}

void csvtable_record_free(struct csv_record *record)
{
	free(record);
}
