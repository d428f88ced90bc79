/*
 * probe: the doctor's tries of the stick and the camera (probe.h). Both
 * leave nothing behind: the test file is removed, the camera closed.
 */
#include "frontdesk/probe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/say.h"
#include "frontdesk/scan.h"
#include "frontdesk/xmalloc.h"

bool probe_writable(const char *dir, char **cause)
{
	char *path = xasprintf("%s/.frontdesk-doctor-%ld", dir, (long)getpid());
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	bool ok = fd >= 0 && write(fd, "frontdesk\n", 10) == 10 && fsync(fd) == 0;
	int err = errno;

	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	free(path);
	if (!ok) {
		*cause = xstrdup(strerror(err));
	}
	return ok;
}

bool probe_camera(const char *spec, char **cause)
{
	struct scan_source *src = scan_source_open(spec, cause);
	struct scan_image frame;

	if (src == NULL) {
		return false;
	}
	/* each call waits at most ~100 ms: about two seconds in all */
	for (int i = 0; i < 20; i++) {
		enum scan_frame_status st = scan_source_next(src, &frame, cause);
		if (st == SCAN_FRAME_OK || st == SCAN_FRAME_END) {
			scan_source_close(src);
			return true;
		}
		if (st == SCAN_FRAME_ERROR) {
			break;
		}
	}
	scan_source_close(src);
	if (*cause == NULL) {
		*cause = say("摄像头 %s 打开了，但两秒内没有画面", spec);
	}
	return false;
}
