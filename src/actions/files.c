/*
 * files reads inputs in one go: rosters are small enough, and a whole buffer
 * lets the encoding be detected before any parsing starts.
 */
#include "files.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/digest.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

/* Says why path cannot be read: a msgid, or the system's words for err when it is NULL. */
static char *read_error(const char *path, const char *why, int err)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = xasprintf(say_in(i, "无法读取文件 %s：%s"), path,
		                     why ? say_in(i, why) : strerror(err));
	}
	return say_join(texts);
}

char *files_read(const char *path, size_t *len, char **cause)
{
	struct stat st;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		*cause =
		    read_error(path, errno == ENOENT ? N_("文件不存在，请检查路径") : NULL, errno);
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > FILES_MAX_BYTES) {
		*cause = read_error(path, N_("不是普通文件或超过 256 MiB"), 0);
		fclose(f);
		return NULL;
	}
	char *data = xmalloc((size_t)st.st_size + 1);
	*len = fread(data, 1, (size_t)st.st_size, f);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed) {
		*cause = read_error(path, N_("读取出错"), 0);
		free(data);
		return NULL;
	}
	data[*len] = '\0';
	return data;
}

void files_sha256_hex(const char *data, size_t len, char out[65])
{
	digest_sha256_hex(data, len, out);
}
