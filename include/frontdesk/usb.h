/*
 * usb: finding the removable drives the end-of-day export can go to (DESIGN
 * section 4): the mounted filesystems of /proc/self/mounts whose block device
 * is removable (/sys/block/<disk>/removable) or hangs off a USB bus.
 * Both paths are parameters so the tests run on fixture files.
 */
#ifndef FRONTDESK_USB_H
#define FRONTDESK_USB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USB_MOUNTS_PATH "/proc/self/mounts"
#define USB_SYS_BLOCK   "/sys/block"

struct usb_drive {
	char *mount_point;
	char *device;  /* as mounted, e.g. /dev/sdb1 */
	char *disk;    /* the whole disk under /sys/block, e.g. sdb */
	char *fs_type; /* vfat, exfat, ext4, ... */
	bool read_only;
	uint64_t free_bytes; /* what an unprivileged writer may still use */
	uint64_t total_bytes;
};

struct usb_drive_list {
	struct usb_drive *drives; /* ordered by mount point */
	size_t n;
};

/*
 * Lists the removable drives mounted now. mounts_path and sys_block may be
 * NULL for USB_MOUNTS_PATH and USB_SYS_BLOCK. A mount whose free space
 * cannot be read (pulled out meanwhile) is left out, and so are "/" and
 * /boot (a desk booted from a stick must not export onto itself). Returns
 * false with a bilingual *cause (the caller frees it) when the mounts file
 * cannot be read. Release out with usb_list_release.
 */
bool usb_find(const char *mounts_path, const char *sys_block, struct usb_drive_list *out,
              char **cause);
void usb_list_release(struct usb_drive_list *list);

/*
 * Returns the whole disk under sys_block holding the block device dev_name
 * ("sdb1" -> "sdb", "sdb" -> "sdb", "nvme0n1p2" -> "nvme0n1"), or NULL when
 * there is none. The caller frees it.
 */
char *usb_disk_of(const char *sys_block, const char *dev_name);

/* Returns true when disk is removable or attached through USB. */
bool usb_disk_is_removable(const char *sys_block, const char *disk);

/* Decodes the octal escapes of a mounts field (\040 for a space) in place. */
void usb_unescape(char *field);

#endif
