/*
 * desk_keys writes and reads the desks' private key files. A key file is the
 * desk's power to write the event's journal, so it is created exclusively
 * (an older key is never overwritten: the database may already hold its public
 * half on another copy) with mode 0600, and is read back only up to a size no
 * key file reaches.
 */
#include "desk_keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

#define KEY_FILE_MAX 4096

void desk_keys_release(char **paths, size_t n, bool remove)
{
	for (size_t i = 0; paths != NULL && i < n; i++) {
		if (remove) {
			unlink(paths[i]);
		}
		free(paths[i]);
	}
	free(paths);
}

static bool write_all(int fd, const char *text)
{
	size_t len = strlen(text), done = 0;

	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			return false;
		}
		done += (size_t)w;
	}
	return true;
}

static bool write_one(const char *path, const char *text, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0 && errno == EEXIST) {
		*cause = say(
		    "台钥文件 %s 已经存在，不会覆盖它：请把它移走，或用 --keys 指定另一个文件夹",
		    path);
		return false;
	}
	bool ok = fd >= 0 && write_all(fd, text) && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0 && close(fd) != 0) {
		ok = false;
	}
	if (!ok) {
		*cause = say("无法写入台钥文件 %s：%s", path, strerror(err));
		if (fd >= 0) {
			unlink(path);
		}
	}
	return ok;
}

bool desk_keys_write(const char *dir, const char *event, const char *const *ids, size_t n,
                     const unsigned char (*secrets)[CHAIN_SECRET_BYTES], char ***paths,
                     char **cause)
{
	/* a new folder for the keys only its maker may open (an existing one is left as it is) */
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		*cause = say("无法建立台钥文件夹 %s：%s", dir, strerror(errno));
		*paths = NULL;
		return false;
	}
	*paths = xcalloc(n, sizeof(**paths));
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/desk-%s.key", dir, ids[i]);
		char *text = deskkey_format(event, ids[i], secrets[i]);
		bool ok = write_one(path, text, cause);
		sodium_memzero(text, strlen(text));
		free(text);
		if (!ok) {
			free(path);
			desk_keys_release(*paths, i, true);
			*paths = NULL;
			return false;
		}
		(*paths)[i] = path;
	}
	return true;
}

bool desk_keys_read(const char *path, struct deskkey *out, char **cause)
{
	char buf[KEY_FILE_MAX + 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, KEY_FILE_MAX + 1) : -1;
	int err = errno;

	memset(out, 0, sizeof(*out));
	if (fd >= 0) {
		close(fd);
	}
	if (n < 0) {
		*cause = say("无法读取台钥文件 %s：%s", path, strerror(err));
		return false;
	}
	if (n > KEY_FILE_MAX) {
		*cause = say("%s 太大，不是台钥文件", path);
		return false;
	}
	buf[n] = '\0';
	bool ok = strlen(buf) == (size_t)n && deskkey_parse(buf, out, cause);
	if (!ok && *cause == NULL) {
		*cause = say("%s 不是台钥文件", path);
	}
	sodium_memzero(buf, sizeof(buf));
	return ok;
}
