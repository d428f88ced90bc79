/*
 * usb finds where a USB stick is mounted. The kernel says what is mounted
 * (/proc/self/mounts) and, separately, which disks are removable
 * (/sys/block/<disk>/removable); a partition is a subfolder of its disk
 * there, so the mount's device is walked up to its disk before asking.
 * Some USB hard drives say removable=0: a disk whose sysfs path runs through
 * a USB bus counts too. Nothing here writes.
 */
#include "frontdesk/say.h"
#include "frontdesk/usb.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "frontdesk/xmalloc.h"

void usb_unescape(char *field)
{
	char *out = field;

	for (const char *p = field; *p; p++) {
		if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
		    p[3] >= '0' && p[3] <= '7') {
			*out++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
			p += 3;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *usb_disk_of(const char *sys_block, const char *dev_name)
{
	if (dev_name[0] == '\0' || dev_name[0] == '.' || strchr(dev_name, '/') != NULL) {
		return NULL;
	}
	char *whole = xasprintf("%s/%s", sys_block, dev_name);
	bool found = is_dir(whole);
	free(whole);
	if (found) {
		return xstrdup(dev_name);
	}
	DIR *dir = opendir(sys_block);
	char *disk = NULL;
	struct dirent *e;
	while (dir != NULL && disk == NULL && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.') {
			continue;
		}
		char *part = xasprintf("%s/%s/%s", sys_block, e->d_name, dev_name);
		if (is_dir(part)) {
			disk = xstrdup(e->d_name);
		}
		free(part);
	}
	if (dir != NULL) {
		closedir(dir);
	}
	return disk;
}

bool usb_disk_is_removable(const char *sys_block, const char *disk)
{
	char *path = xasprintf("%s/%s/removable", sys_block, disk);
	FILE *f = fopen(path, "r");
	int c = f ? fgetc(f) : EOF;
	char real[PATH_MAX];

	if (f != NULL) {
		fclose(f);
	}
	free(path);
	if (c == '1') {
		return true;
	}
	/* /sys/block/sdb -> ../devices/pci0000:00/.../usb2/2-1/.../block/sdb */
	path = xasprintf("%s/%s", sys_block, disk);
	bool usb = false;
	if (realpath(path, real) != NULL) {
		for (const char *p = strstr(real, "/usb"); p && !usb; p = strstr(p + 1, "/usb")) {
			usb = p[4] >= '0' && p[4] <= '9';
		}
	}
	free(path);
	return usb;
}

/* The kernel name of a mounted device: /dev/sdb1 -> sdb1, following /dev/disk/by-* links. */
static char *device_name(const char *device)
{
	char real[PATH_MAX];
	const char *path = device;

	if (strncmp(device, "/dev/", 5) != 0) {
		return NULL;
	}
	if (realpath(device, real) != NULL && strncmp(real, "/dev/", 5) == 0) {
		path = real;
	}
	const char *slash = strrchr(path, '/');
	return xstrdup(slash + 1);
}

static bool excluded_mount(const char *mount_point)
{
	return strcmp(mount_point, "/") == 0 || strcmp(mount_point, "/boot") == 0 ||
	       strncmp(mount_point, "/boot/", 6) == 0;
}

static bool listed(const struct usb_drive_list *out, const char *device, const char *mount_point)
{
	for (size_t i = 0; i < out->n; i++) {
		if (strcmp(out->drives[i].device, device) == 0 ||
		    strcmp(out->drives[i].mount_point, mount_point) == 0) {
			return true;
		}
	}
	return false;
}

static bool has_option(const char *options, const char *want)
{
	size_t n = strlen(want);

	for (const char *p = options; p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		if (strncmp(p, want, n) == 0 && (p[n] == ',' || p[n] == '\0')) {
			return true;
		}
	}
	return false;
}

/* Considers one line of the mounts file: "device mount_point type options dump pass". */
static void consider(const char *sys_block, char *line, struct usb_drive_list *out)
{
	char *save = NULL;
	char *device = strtok_r(line, " \t\n", &save);
	char *mount_point = strtok_r(NULL, " \t\n", &save);
	char *fs_type = strtok_r(NULL, " \t\n", &save);
	char *options = strtok_r(NULL, " \t\n", &save);
	struct statvfs vfs;

	if (options == NULL) {
		return;
	}
	usb_unescape(device);
	usb_unescape(mount_point);
	char *name = device_name(device);
	char *disk = name ? usb_disk_of(sys_block, name) : NULL;
	free(name);
	if (disk == NULL || !usb_disk_is_removable(sys_block, disk) ||
	    excluded_mount(mount_point) || listed(out, device, mount_point) ||
	    statvfs(mount_point, &vfs) != 0) {
		free(disk);
		return;
	}
	out->drives = xreallocarray(out->drives, out->n + 1, sizeof(*out->drives));
	out->drives[out->n++] = (struct usb_drive){
	    xstrdup(mount_point),
	    xstrdup(device),
	    disk,
	    xstrdup(fs_type),
	    has_option(options, "ro") || (vfs.f_flag & ST_RDONLY) != 0,
	    (uint64_t)vfs.f_bavail * vfs.f_frsize,
	    (uint64_t)vfs.f_blocks * vfs.f_frsize,
	};
}

static int by_mount_point(const void *a, const void *b)
{
	return strcmp(((const struct usb_drive *)a)->mount_point,
	              ((const struct usb_drive *)b)->mount_point);
}

bool usb_find(const char *mounts_path, const char *sys_block, struct usb_drive_list *out,
              char **cause)
{
	const char *mounts = mounts_path ? mounts_path : USB_MOUNTS_PATH;
	FILE *f = fopen(mounts, "r");
	char *line = NULL;
	size_t cap = 0;

	out->drives = NULL;
	out->n = 0;
	if (f == NULL) {
		int err = errno;
		*cause = say("无法读取挂载表 %s：%s", mounts, strerror(err));
		return false;
	}
	while (getline(&line, &cap, f) != -1) {
		consider(sys_block ? sys_block : USB_SYS_BLOCK, line, out);
	}
	free(line);
	fclose(f);
	if (out->n > 1) {
		qsort(out->drives, out->n, sizeof(*out->drives), by_mount_point);
	}
	return true;
}

void usb_list_release(struct usb_drive_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->drives[i].mount_point);
		free(list->drives[i].device);
		free(list->drives[i].disk);
		free(list->drives[i].fs_type);
	}
	free(list->drives);
	list->drives = NULL;
	list->n = 0;
}
