/*
 * export_sheets: the tables of the end-of-day export (check-ins, rooming
 * list, payments, refunds, attendance, journal), each written once as CSV
 * and once as an .xlsx workbook from the same rows, and the sync bundle.
 * Private to src/actions.
 */
#ifndef FRONTDESK_ACTIONS_EXPORT_SHEETS_H
#define FRONTDESK_ACTIONS_EXPORT_SHEETS_H

#include <stdbool.h>

#include "export_io.h"
#include "frontdesk/actions/export.h"
#include "frontdesk/sync.h"

/* The bundle's format version (docs/export.md): the merge refuses a newer one. */
#define EXPORT_BUNDLE_VERSION SYNC_BUNDLE_VERSION
#define EXPORT_BUNDLE_NAME    "bundle.jsonl"
/* The export's progress steps: the snapshot, the eight tables and the bundle, the sums. */
#define EXPORT_STEPS 10

/*
 * Writes every table and the bundle into io's folder, reading the desk's
 * database inside the caller's read transaction; when is the export's time.
 * Fills counts; reports each file written as one more *step of EXPORT_STEPS
 * (progress.h). False with io->err (the drive failed) or a bilingual *cause
 * (the database could not be read).
 */
bool export_sheets_write(struct desk *desk, struct export_io *io, const char *when,
                         struct export_counts *counts, long *step, char **cause);

/*
 * Returns true when name is a file export_sheets_write makes (a table's .csv
 * or .xlsx, or the bundle): what a leftover folder may lose (export.c).
 */
bool export_sheets_writes(const char *name);

#endif
