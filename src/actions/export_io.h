/*
 * export_io: the files of one export folder, written so that a full or pulled
 * drive is noticed (every write, fsync and close is checked, the first OS
 * error is kept), every byte is hashed on its way out, and every file can be
 * read back and checked before the folder is renamed into place. Private to
 * src/actions.
 */
#ifndef FRONTDESK_ACTIONS_EXPORT_IO_H
#define FRONTDESK_ACTIONS_EXPORT_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/digest.h"
#include "frontdesk/strbuf.h"

/* One finished file of the folder. */
struct export_io_entry {
	char *name;
	char sha256[65];
	uint64_t bytes;
	bool summed; /* listed in SHA256SUMS (every file but SHA256SUMS itself) */
};

struct export_io {
	char *dir;      /* the folder's path, for messages only */
	int dir_fd;     /* the folder, opened once by the caller: every name is relative to it */
	char **created; /* every file this export made in the folder: all it may ever remove */
	size_t n_created;
	struct export_io_entry *files;
	size_t n_files;
	uint64_t bytes_written;
	int err;           /* the first OS error (errno), 0 while all is well */
	char *failed;      /* the file that was being written or read when err happened */
	char *mismatch;    /* a file that read back differently from what was written */
	bool out_of_files; /* err is ENOSPC and the drive had no free inode left just then */
	uint64_t fail_at;  /* testseam_export_fail_after: EIO after this many bytes */
};

/* A file being written: buffered, hashed as it goes. */
struct export_io_file {
	struct export_io *io;
	int fd;
	char *name;
	struct digest sha; /* of the bytes flushed so far */
	uint64_t bytes;
	struct strbuf pending;
};

/*
 * Starts on the folder open as dir_fd (borrowed: the caller closes it after
 * export_io_release); dir is its path, for messages. Release with
 * export_io_release.
 */
void export_io_init(struct export_io *io, const char *dir, int dir_fd);
void export_io_release(struct export_io *io);

/* Records err (an errno) against file name, unless an earlier error is kept. */
void export_io_fail(struct export_io *io, const char *name, int err);

/*
 * Creates name in the folder (0600; it must not exist, and a link of that
 * name is never followed). False (io->err set) on failure; follow it with
 * export_io_close either way.
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
 * FRONTDESK_EXPORT_PAUSE (testseam.h): creates that file and waits until it
 * is gone, at most a minute. Does nothing in a build without the seam.
 */
void export_io_test_pause(void);

/* Writes SHA256SUMS in the format `sha256sum -c` reads, sorted by name. */
bool export_io_write_sums(struct export_io *io);

/*
 * Fsyncs the folder, then reads every file back past the page cache and
 * compares it with what was written. False with io->err or io->mismatch.
 */
bool export_io_verify(struct export_io *io);

/*
 * Takes away what this export wrote and nothing else: every file it created
 * in the folder, then the folder itself, which is name in parent_fd (a
 * folder holding anything else stays), then fsyncs so that the removal
 * reaches the drive. *files_gone says whether every file of ours is gone for
 * certain. Returns true when the folder is gone for certain; false on a
 * pulled or failing drive, or when someone else's file keeps the folder.
 */
bool export_io_remove(struct export_io *io, int parent_fd, const char *name, bool *files_gone);

/*
 * Removes name in parent_fd if it is a leftover of an earlier export: a real
 * folder (never a link) owned by this user. Inside, only regular files whose
 * names ours() accepts are deleted; links, subfolders and other files are
 * left alone, and keep the folder. Returns true when the folder is gone.
 */
bool export_io_remove_leftover(int parent_fd, const char *name, bool (*ours)(const char *file));

/*
 * Computes the SHA-256 of the regular file name in dir_fd (AT_FDCWD for a
 * path) in lower-case hex, reading it past the page cache where the kernel
 * allows. A link is not followed (ELOOP), nor is anything but a regular
 * file read (EINVAL). 0, or an errno.
 */
int export_io_hash_at(int dir_fd, const char *name, char hex[65], uint64_t *bytes);

#endif
