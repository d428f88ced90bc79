/*
 * export_io writes the export folder with plain POSIX calls rather than
 * stdio, because stdio hides when a byte really failed to reach the drive:
 * here every write(), fsync() and close() is checked and the first errno is
 * kept, which is what tells a full stick (ENOSPC) from a pulled one (EIO).
 * Digests are taken of the bytes as they are written, then compared with
 * what the drive gives back after the page cache was dropped, so a stick
 * that silently loses data is caught before the folder gets its name.
 *
 * The drive may have been prepared by someone else. Every name is resolved
 * relative to the folder the caller opened once, never through a path; a
 * file is only ever created new (O_EXCL, O_NOFOLLOW), so a planted link is
 * never written through; and removal takes only the files this export
 * created, by name, so it cannot delete what it did not write.
 */
#include "export_io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

#define FLUSH_AT (64u * 1024u)

void export_io_init(struct export_io *io, const char *dir, int dir_fd)
{
	memset(io, 0, sizeof(*io));
	io->dir = xstrdup(dir);
	io->dir_fd = dir_fd;
	if (!testseam_export_fail_after(&io->fail_at)) {
		io->fail_at = UINT64_MAX;
	}
}

void export_io_release(struct export_io *io)
{
	for (size_t i = 0; i < io->n_files; i++) {
		free(io->files[i].name);
	}
	for (size_t i = 0; i < io->n_created; i++) {
		free(io->created[i]);
	}
	free(io->created);
	free(io->files);
	free(io->dir);
	free(io->failed);
	free(io->mismatch);
	memset(io, 0, sizeof(*io));
}

void export_io_fail(struct export_io *io, const char *name, int err)
{
	struct statvfs vfs;

	if (io->err != 0) {
		return;
	}
	io->err = err ? err : EIO;
	free(io->failed);
	io->failed = xstrdup(name);
	/* asked now: once the folder is removed its inodes are free again */
	io->out_of_files = err == ENOSPC && fstatvfs(io->dir_fd, &vfs) == 0 && vfs.f_files > 0 &&
	                   vfs.f_favail == 0;
}

bool export_io_create(struct export_io *io, const char *name, struct export_io_file *f)
{
	memset(f, 0, sizeof(*f));
	f->io = io;
	f->name = xstrdup(name);
	f->fd = io->err ? -1
	                : openat(io->dir_fd, name,
	                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (f->fd < 0 && io->err == 0) {
		export_io_fail(io, name, errno);
	}
	if (f->fd >= 0) {
		io->created = xreallocarray(io->created, io->n_created + 1, sizeof(*io->created));
		io->created[io->n_created++] = xstrdup(name);
	}
	digest_init(&f->sha);
	return f->fd >= 0;
}

/* Writes all of data, retrying short writes; the test hook fails past io->fail_at bytes. */
static void write_all(struct export_io_file *f, const char *data, size_t len)
{
	struct export_io *io = f->io;

	while (len > 0 && io->err == 0) {
		if (io->bytes_written + len > io->fail_at) {
			export_io_fail(io, f->name, EIO);
			return;
		}
		ssize_t n = write(f->fd, data, len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			export_io_fail(io, f->name, n < 0 ? errno : ENOSPC);
			return;
		}
		data += n;
		len -= (size_t)n;
		io->bytes_written += (uint64_t)n;
	}
}

/* Hashed here, in chunks of FLUSH_AT, not per small write: a call costs more than its bytes. */
static void write_hashed(struct export_io_file *f, const char *data, size_t len)
{
	digest_update(&f->sha, data, len);
	write_all(f, data, len);
}

static void flush(struct export_io_file *f)
{
	if (f->pending.len > 0 && f->fd >= 0) {
		write_hashed(f, f->pending.data, f->pending.len);
	}
	f->pending.len = 0;
}

void export_io_write(struct export_io_file *f, const char *data, size_t len)
{
	if (f->io->err != 0 || f->fd < 0) {
		return;
	}
	f->bytes += len;
	if (len >= FLUSH_AT) {
		/* a copied file's block goes straight through rather than via pending */
		flush(f);
		write_hashed(f, data, len);
		return;
	}
	strbuf_add(&f->pending, data, len);
	if (f->pending.len >= FLUSH_AT) {
		flush(f);
	}
}

void export_io_puts(struct export_io_file *f, const char *text)
{
	export_io_write(f, text, strlen(text));
}

static void add_entry(struct export_io *io, const char *name, const char hex[65], uint64_t bytes,
                      bool summed)
{
	io->files = xreallocarray(io->files, io->n_files + 1, sizeof(*io->files));
	struct export_io_entry *e = &io->files[io->n_files++];
	e->name = xstrdup(name);
	memcpy(e->sha256, hex, 65);
	e->bytes = bytes;
	e->summed = summed;
}

bool export_io_close(struct export_io_file *f, bool summed)
{
	struct export_io *io = f->io;
	char hex[65];

	flush(f);
	if (f->fd >= 0) {
		if (io->err == 0 && fsync(f->fd) != 0) {
			export_io_fail(io, f->name, errno);
		}
		if (close(f->fd) != 0) {
			export_io_fail(io, f->name, errno);
		}
	}
	digest_final_hex(&f->sha, hex);
	if (io->err == 0) {
		add_entry(io, f->name, hex, f->bytes, summed);
	}
	strbuf_release(&f->pending);
	free(f->name);
	f->fd = -1;
	f->name = NULL;
	return io->err == 0;
}

int export_io_hash_at(int dir_fd, const char *name, char hex[65], uint64_t *bytes)
{
	/* O_NONBLOCK: a planted fifo must not hang the desk; it is refused below */
	int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct digest sha;
	const size_t size = 256u * 1024u;
	unsigned char *buf;
	struct stat st;
	ssize_t n;
	int err = 0;

	if (fd < 0) {
		return errno;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return EINVAL;
	}
	/* the copy in memory proves nothing: ask for the drive's copy */
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	digest_init(&sha);
	buf = xmalloc(size);
	*bytes = 0;
	while ((n = read(fd, buf, size)) != 0) {
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			err = errno;
			break;
		}
		digest_update(&sha, buf, (size_t)n);
		*bytes += (uint64_t)n;
	}
	close(fd);
	free(buf);
	digest_final_hex(&sha, hex);
	return err;
}

bool export_io_copy_in(struct export_io *io, const char *src, const char *name)
{
	struct export_io_file f;
	int fd = open(src, O_RDONLY | O_CLOEXEC);
	const size_t size = 256u * 1024u;
	char *buf = xmalloc(size);
	ssize_t n = 0;

	if (fd < 0) {
		export_io_fail(io, name, errno);
	}
	export_io_create(io, name, &f);
	while (f.fd >= 0 && io->err == 0 && (n = read(fd, buf, size)) != 0) {
		if (n < 0 && errno != EINTR) {
			export_io_fail(io, name, errno);
		} else if (n > 0) {
			export_io_write(&f, buf, (size_t)n);
		}
	}
	export_io_close(&f, true);
	if (fd >= 0) {
		close(fd);
	}
	free(buf);
	return io->err == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct export_io_entry *)a)->name,
	              ((const struct export_io_entry *)b)->name);
}

bool export_io_write_sums(struct export_io *io)
{
	struct export_io_file f;

	if (io->n_files > 1) {
		qsort(io->files, io->n_files, sizeof(*io->files), by_name);
	}
	if (!export_io_create(io, "SHA256SUMS", &f)) {
		return false;
	}
	for (size_t i = 0; i < io->n_files; i++) {
		if (io->files[i].summed) {
			/* two spaces: text mode, the format `sha256sum -c` reads */
			char *line = xasprintf("%s  %s\n", io->files[i].sha256, io->files[i].name);
			export_io_puts(&f, line);
			free(line);
		}
	}
	return export_io_close(&f, false);
}

bool export_io_verify(struct export_io *io)
{
	int err = io->err ? io->err : fsync(io->dir_fd) == 0 ? 0 : errno;

	if (err != 0) {
		export_io_fail(io, ".", err);
		return false;
	}
	for (size_t i = 0; i < io->n_files; i++) {
		char hex[65];
		uint64_t bytes = 0;
		err = export_io_hash_at(io->dir_fd, io->files[i].name, hex, &bytes);
		if (err != 0) {
			export_io_fail(io, io->files[i].name, err);
			return false;
		}
		if (strcmp(hex, io->files[i].sha256) != 0 || bytes != io->files[i].bytes) {
			io->mismatch = xstrdup(io->files[i].name);
			return false;
		}
	}
	return true;
}

bool export_io_remove(struct export_io *io, int parent_fd, const char *name, bool *files_gone)
{
	bool gone = true;

	for (size_t i = 0; i < io->n_created; i++) {
		if (unlinkat(io->dir_fd, io->created[i], 0) != 0 && errno != ENOENT) {
			gone = false;
		}
	}
	/* an unlink can succeed in memory on a drive that is no longer there: fsync says */
	*files_gone = gone && fsync(io->dir_fd) == 0;
	/* by name, but AT_REMOVEDIR never follows a link, and removes only an empty folder */
	return unlinkat(parent_fd, name, AT_REMOVEDIR) == 0 && fsync(parent_fd) == 0 && *files_gone;
}

/* Opens name in parent_fd when it is a real folder of this user, never through a link; or -1. */
static int open_own_dir(int parent_fd, const char *name)
{
	struct stat before, st;
	int fd;

	if (fstatat(parent_fd, name, &before, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISDIR(before.st_mode) || before.st_uid != geteuid()) {
		return -1;
	}
	fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	/* the same folder as looked at, not one swapped in meanwhile */
	if (fd >= 0 &&
	    (fstat(fd, &st) != 0 || st.st_dev != before.st_dev || st.st_ino != before.st_ino)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

bool export_io_remove_leftover(int parent_fd, const char *name, bool (*ours)(const char *file))
{
	int fd = open_own_dir(parent_fd, name);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	struct stat st;

	if (d == NULL) {
		if (fd >= 0) {
			close(fd);
		}
		return false;
	}
	while ((e = readdir(d)) != NULL) {
		if (ours(e->d_name) && fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
			unlinkat(fd, e->d_name, 0);
		}
	}
	closedir(d);
	return unlinkat(parent_fd, name, AT_REMOVEDIR) == 0;
}

void export_io_test_pause(void)
{
	const char *file = testseam_export_pause();
	const struct timespec tick = {0, 20 * 1000 * 1000};
	int fd;

	if (file == NULL) {
		return;
	}
	fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
	}
	for (int i = 0; i < 3000 && access(file, F_OK) == 0; i++) {
		nanosleep(&tick, NULL);
	}
}
