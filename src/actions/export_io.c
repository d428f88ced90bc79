/*
 * export_io writes the export folder with plain POSIX calls rather than
 * stdio, because stdio hides when a byte really failed to reach the drive:
 * here every write(), fsync() and close() is checked and the first errno is
 * kept, which is what tells a full stick (ENOSPC) from a pulled one (EIO).
 * Digests are taken of the bytes as they are written, then compared with
 * what the drive gives back after the page cache was dropped, so a stick
 * that silently loses data is caught before the folder gets its name.
 */
#include "export_io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/testseam.h"
#include "frontdesk/xmalloc.h"

#define FLUSH_AT (64u * 1024u)

void export_io_init(struct export_io *io, const char *dir)
{
	memset(io, 0, sizeof(*io));
	io->dir = xstrdup(dir);
	if (!testseam_export_fail_after(&io->fail_at)) {
		io->fail_at = UINT64_MAX;
	}
}

void export_io_release(struct export_io *io)
{
	for (size_t i = 0; i < io->n_files; i++) {
		free(io->files[i].name);
	}
	free(io->files);
	free(io->dir);
	free(io->failed);
	free(io->mismatch);
	memset(io, 0, sizeof(*io));
}

char *export_io_path(const struct export_io *io, const char *name)
{
	return xasprintf("%s/%s", io->dir, name);
}

void export_io_fail(struct export_io *io, const char *name, int err)
{
	if (io->err != 0) {
		return;
	}
	io->err = err ? err : EIO;
	free(io->failed);
	io->failed = xstrdup(name);
}

static void to_hex(const unsigned char digest[crypto_hash_sha256_BYTES], char hex[65])
{
	sodium_bin2hex(hex, 65, digest, crypto_hash_sha256_BYTES);
}

bool export_io_create(struct export_io *io, const char *name, struct export_io_file *f)
{
	char *path = export_io_path(io, name);

	memset(f, 0, sizeof(*f));
	f->io = io;
	f->name = xstrdup(name);
	f->fd = io->err ? -1 : open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (f->fd < 0 && io->err == 0) {
		export_io_fail(io, name, errno);
	}
	crypto_hash_sha256_init(&f->sha);
	free(path);
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

static void flush(struct export_io_file *f)
{
	if (f->pending.len > 0 && f->fd >= 0) {
		write_all(f, f->pending.data, f->pending.len);
	}
	f->pending.len = 0;
}

void export_io_write(struct export_io_file *f, const char *data, size_t len)
{
	if (f->io->err != 0 || f->fd < 0) {
		return;
	}
	crypto_hash_sha256_update(&f->sha, (const unsigned char *)data, len);
	f->bytes += len;
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
	unsigned char digest[crypto_hash_sha256_BYTES];
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
	crypto_hash_sha256_final(&f->sha, digest);
	to_hex(digest, hex);
	if (io->err == 0) {
		add_entry(io, f->name, hex, f->bytes, summed);
	}
	strbuf_release(&f->pending);
	free(f->name);
	f->fd = -1;
	f->name = NULL;
	return io->err == 0;
}

int export_io_hash_file(const char *path, char hex[65], uint64_t *bytes)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	crypto_hash_sha256_state sha;
	unsigned char digest[crypto_hash_sha256_BYTES];
	const size_t size = 256u * 1024u;
	unsigned char *buf;
	ssize_t n;
	int err = 0;

	if (fd < 0) {
		return errno;
	}
	/* the copy in memory proves nothing: ask for the drive's copy */
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	crypto_hash_sha256_init(&sha);
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
		crypto_hash_sha256_update(&sha, buf, (size_t)n);
		*bytes += (uint64_t)n;
	}
	close(fd);
	free(buf);
	crypto_hash_sha256_final(&sha, digest);
	to_hex(digest, hex);
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

bool export_io_adopt(struct export_io *io, const char *name)
{
	char *path = export_io_path(io, name);
	int fd = io->err ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	char hex[65];
	uint64_t bytes = 0;
	int err;

	if (io->err != 0) {
		free(path);
		return false;
	}
	if (fd < 0 || fsync(fd) != 0) {
		export_io_fail(io, name, errno);
	}
	if (fd >= 0) {
		close(fd);
	}
	if (io->err == 0 && (err = export_io_hash_file(path, hex, &bytes)) != 0) {
		export_io_fail(io, name, err);
	}
	if (io->err == 0) {
		add_entry(io, name, hex, bytes, true);
	}
	free(path);
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

int export_io_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = 0;

	if (fd < 0) {
		return errno;
	}
	if (fsync(fd) != 0) {
		err = errno;
	}
	close(fd);
	return err;
}

bool export_io_verify(struct export_io *io)
{
	int err = io->err ? io->err : export_io_sync_dir(io->dir);

	if (err != 0) {
		export_io_fail(io, ".", err);
		return false;
	}
	for (size_t i = 0; i < io->n_files; i++) {
		char *path = export_io_path(io, io->files[i].name);
		char hex[65];
		uint64_t bytes = 0;
		err = export_io_hash_file(path, hex, &bytes);
		free(path);
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

bool export_io_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			unlinkat(dirfd(d), e->d_name, 0);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	return rmdir(dir) == 0 || errno == ENOENT;
}
