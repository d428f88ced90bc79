/*
 * export_io: the files of one export folder, written so that a full or pulled
 * drive is noticed (every write, fsync and close is checked, the first OS
 * error is kept), every byte is hashed on its way out, and every file can be
 * read back and checked before the folder is renamed into place. Private to
 * src/actions.
 */
#ifndef FRONTDESK_ACTIONS_EXPORT_IO_H
#define FRONTDESK_ACTIONS_EXPORT_IO_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/strbuf.h"

/* One finished file of the folder. */
struct export_io_entry {
	char *name;
	char sha256[65];
	uint64_t bytes;
	bool summed; /* listed in SHA256SUMS (every file but SHA256SUMS itself) */
};

struct export_io {
	char *dir; /* the folder being written */
	struct export_io_entry *files;
	size_t n_files;
	uint64_t bytes_written;
	int err;          /* the first OS error (errno), 0 while all is well */
	char *failed;     /* the file that was being written or read when err happened */
	char *mismatch;   /* a file that read back differently from what was written */
	uint64_t fail_at; /* testseam_export_fail_after: EIO after this many bytes */
};

/* A file being written: buffered, hashed as it goes. */
struct export_io_file {
	struct export_io *io;
	int fd;
	char *name;
	crypto_hash_sha256_state sha;
	uint64_t bytes;
	struct strbuf pending;
};

/* Starts on folder dir (which exists). Release with export_io_release. */
void export_io_init(struct export_io *io, const char *dir);
void export_io_release(struct export_io *io);

/* Returns dir/name; the caller frees it. */
char *export_io_path(const struct export_io *io, const char *name);

/* Records err (an errno) against file name, unless an earlier error is kept. */
void export_io_fail(struct export_io *io, const char *name, int err);

/*
 * Creates name (0600, must not exist). False (io->err set) on failure; follow
 * it with export_io_close either way.
 */
bool export_io_create(struct export_io *io, const char *name, struct export_io_file *f);
/* Appends bytes; nothing happens once io->err is set. */
void export_io_write(struct export_io_file *f, const char *data, size_t len);
void export_io_puts(struct export_io_file *f, const char *text);
/*
 * Flushes, fsyncs and closes the file and records it with its digest
 * (summed says whether SHA256SUMS lists it). False when anything failed.
 */
bool export_io_close(struct export_io_file *f, bool summed);

/*
 * Copies the local file src (a workbook made on the desk's own disk) into the
 * folder as name, through export_io_write, so the drive's errors are seen
 * exactly. False (io->err) on failure.
 */
bool export_io_copy_in(struct export_io *io, const char *src, const char *name);

/*
 * Records a file another writer made in the folder (a workbook, the
 * snapshot): fsyncs it and hashes what it holds. False (io->err) on failure.
 */
bool export_io_adopt(struct export_io *io, const char *name);

/* Writes SHA256SUMS in the format `sha256sum -c` reads, sorted by name. */
bool export_io_write_sums(struct export_io *io);

/*
 * Fsyncs the folder, then reads every file back past the page cache and
 * compares it with what was written. False with io->err or io->mismatch.
 */
bool export_io_verify(struct export_io *io);

/* Fsyncs a folder (after creating or renaming an entry in it); 0 or an errno. */
int export_io_sync_dir(const char *dir);

/*
 * Removes dir and everything directly in it (an export folder has no
 * subfolders). Returns true when dir is gone.
 */
bool export_io_remove_dir(const char *dir);

/*
 * Computes the SHA-256 of the file at path in lower-case hex, reading it past
 * the page cache where the kernel allows. 0, or an errno.
 */
int export_io_hash_file(const char *path, char hex[65], uint64_t *bytes);

#endif
