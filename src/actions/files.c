/*
 * files reads inputs in one go: rosters are small enough, and a whole buffer
 * lets the encoding be detected before any parsing starts.
 */
#include "files.h"

#include <errno.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/xmalloc.h"

static char *read_error(const char *path, const char *zh, const char *en)
{
	return xasprintf("无法读取文件 %s：%s / cannot read %s: %s", path, zh, path, en);
}

char *files_read(const char *path, size_t *len, char **cause)
{
	struct stat st;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		*cause = errno == ENOENT ? read_error(path, "文件不存在，请检查路径",
		                                      "no such file; check the path")
		                         : read_error(path, strerror(errno), strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > FILES_MAX_BYTES) {
		*cause = read_error(path, "不是普通文件或超过 256 MiB",
		                    "not a regular file, or larger than 256 MiB");
		fclose(f);
		return NULL;
	}
	char *data = xmalloc((size_t)st.st_size + 1);
	*len = fread(data, 1, (size_t)st.st_size, f);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed) {
		*cause = read_error(path, "读取出错", "read error");
		free(data);
		return NULL;
	}
	data[*len] = '\0';
	return data;
}

void files_sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, digest, sizeof(digest));
}
