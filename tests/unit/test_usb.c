/*
 * Tests for usb: finding the removable drives an export can go to (DESIGN
 * section 4) from a fake root made in a temporary folder: a mounts file in
 * the kernel's format and a /sys/block tree with whole disks, partitions,
 * removable flags and a disk reached through a USB bus. Each case is named
 * after the rule it checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/usb.h"
#include "frontdesk/xmalloc.h"

struct fake_root {
	char *dir;
	char *sys_block;
	char *mounts;
};

static void make_dir(const char *root, const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel);
	char *p = path + strlen(root) + 1;

	for (; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	}
	mkdir(path, 0700);
	free(path);
}

static void write_file(const char *root, const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Disks: sda (internal, two partitions), sdb (stick), sdc (stick without partitions), sdd (USB
 * hard drive saying removable=0, reached through a usb path), nvme0n1 (internal). */
static void make_sys_block(const char *root)
{
	make_dir(root, "sys/block/sda/sda1");
	make_dir(root, "sys/block/sda/sda2");
	write_file(root, "sys/block/sda/removable", "0\n");
	make_dir(root, "sys/block/sdb/sdb1");
	write_file(root, "sys/block/sdb/removable", "1\n");
	make_dir(root, "sys/block/sdc");
	write_file(root, "sys/block/sdc/removable", "1\n");
	make_dir(root, "sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/block/sdd/sdd1");
	write_file(root, "sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/block/sdd/removable", "0\n");
	char *target = xasprintf("%s/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/block/sdd", root);
	char *link = xasprintf("%s/sys/block/sdd", root);
	assert_int_equal(symlink(target, link), 0);
	free(target);
	free(link);
	make_dir(root, "sys/block/nvme0n1/nvme0n1p1");
	write_file(root, "sys/block/nvme0n1/removable", "0\n");
	make_dir(root, "sys/block/mmcblk0/mmcblk0p1");
	write_file(root, "sys/block/mmcblk0/removable", "1\n");
}

static void make_mounts(const struct fake_root *r)
{
	const char *d = r->dir;
	char *text = xasprintf("/dev/sda2 / ext4 rw,relatime 0 0\n"
	                       "/dev/sda1 /boot/efi vfat rw 0 0\n"
	                       "proc /proc proc rw,nosuid 0 0\n"
	                       "tmpfs /tmp tmpfs rw 0 0\n"
	                       "/dev/sdb1 %s/media/my\\040stick vfat rw,nosuid,nodev 0 0\n"
	                       "/dev/sdc %s/media/whole exfat ro,nosuid 0 0\n"
	                       "/dev/sdd1 %s/media/usbhdd ext4 rw 0 0\n"
	                       "/dev/nvme0n1p1 %s/data ext4 rw 0 0\n"
	                       "/dev/sde1 %s/media/unknown vfat rw 0 0\n"
	                       "/dev/sdb1 %s/media/bind vfat rw 0 0\n"
	                       "/dev/mmcblk0p1 %s/media/gone vfat rw 0 0\n"
	                       "/dev/sdb1\n",
	                       d, d, d, d, d, d, d);

	write_file(d, "mounts", text);
	free(text);
	make_dir(d, "media/my stick");
	make_dir(d, "media/whole");
	make_dir(d, "media/usbhdd");
	make_dir(d, "media/unknown");
	make_dir(d, "media/bind");
	make_dir(d, "data");
}

static int setup(void **state)
{
	struct fake_root *r = xcalloc(1, sizeof(*r));
	char tmpl[] = "/tmp/frontdesk-usb-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	r->dir = xstrdup(tmpl);
	r->sys_block = xasprintf("%s/sys/block", r->dir);
	r->mounts = xasprintf("%s/mounts", r->dir);
	make_sys_block(r->dir);
	make_mounts(r);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct fake_root *r = *state;
	char *cmd = xasprintf("rm -rf '%s'", r->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(r->dir);
	free(r->sys_block);
	free(r->mounts);
	free(r);
	return 0;
}

static void test_octal_escapes_decode(void **state)
{
	char field[] = "/media/my\\040stick\\011tab\\134back";
	char plain[] = "/media/plain\\x";

	(void)state;
	usb_unescape(field);
	assert_string_equal(field, "/media/my stick\ttab\\back");
	usb_unescape(plain);
	assert_string_equal(plain, "/media/plain\\x");
}

static void test_partition_maps_to_its_disk(void **state)
{
	struct fake_root *r = *state;
	char *disk;

	disk = usb_disk_of(r->sys_block, "sdb1");
	assert_string_equal(disk, "sdb");
	free(disk);
	disk = usb_disk_of(r->sys_block, "sdc");
	assert_string_equal(disk, "sdc");
	free(disk);
	disk = usb_disk_of(r->sys_block, "nvme0n1p1");
	assert_string_equal(disk, "nvme0n1");
	free(disk);
	disk = usb_disk_of(r->sys_block, "sdd1");
	assert_string_equal(disk, "sdd");
	free(disk);
	assert_null(usb_disk_of(r->sys_block, "sde1"));
	assert_null(usb_disk_of(r->sys_block, "../sda"));
	assert_null(usb_disk_of(r->sys_block, ""));
}

static void test_removable_flag_or_usb_bus(void **state)
{
	struct fake_root *r = *state;

	assert_true(usb_disk_is_removable(r->sys_block, "sdb"));
	assert_true(usb_disk_is_removable(r->sys_block, "sdd"));
	assert_false(usb_disk_is_removable(r->sys_block, "sda"));
	assert_false(usb_disk_is_removable(r->sys_block, "nvme0n1"));
	assert_false(usb_disk_is_removable(r->sys_block, "nothere"));
}

static void test_find_lists_only_mounted_removable_drives(void **state)
{
	struct fake_root *r = *state;
	struct usb_drive_list list;
	char *cause = NULL;

	assert_true(usb_find(r->mounts, r->sys_block, &list, &cause));
	assert_null(cause);
	/* sdb1 (once, not again at /media/bind), sdc read-only, sdd1 via USB; mmcblk0p1's
	 * mount point is gone, sde has no disk, sda and nvme are internal */
	assert_int_equal(list.n, 3);
	char *p0 = xasprintf("%s/media/my stick", r->dir);
	char *p1 = xasprintf("%s/media/usbhdd", r->dir);
	char *p2 = xasprintf("%s/media/whole", r->dir);
	assert_string_equal(list.drives[0].mount_point, p0);
	assert_string_equal(list.drives[0].device, "/dev/sdb1");
	assert_string_equal(list.drives[0].disk, "sdb");
	assert_string_equal(list.drives[0].fs_type, "vfat");
	assert_false(list.drives[0].read_only);
	assert_true(list.drives[0].total_bytes >= list.drives[0].free_bytes);
	assert_true(list.drives[0].total_bytes > 0);
	assert_string_equal(list.drives[1].mount_point, p1);
	assert_string_equal(list.drives[1].disk, "sdd");
	assert_string_equal(list.drives[2].mount_point, p2);
	assert_true(list.drives[2].read_only);
	free(p0);
	free(p1);
	free(p2);
	usb_list_release(&list);
	assert_int_equal(list.n, 0);
}

static void test_root_and_boot_are_never_offered(void **state)
{
	struct fake_root *r = *state;
	struct usb_drive_list list;
	char *cause = NULL;
	char *mounts = xasprintf("%s/mounts-live", r->dir);
	FILE *f = fopen(mounts, "w");

	/* a desk booted from a stick: its root and /boot are on a removable disk */
	fputs("/dev/sdb1 / vfat rw 0 0\n/dev/sdc /boot vfat rw 0 0\n", f);
	fclose(f);
	assert_true(usb_find(mounts, r->sys_block, &list, &cause));
	assert_int_equal(list.n, 0);
	usb_list_release(&list);
	free(mounts);
}

static void test_unreadable_mounts_file_says_why(void **state)
{
	struct fake_root *r = *state;
	struct usb_drive_list list;
	char *cause = NULL;
	char *missing = xasprintf("%s/no-such-mounts", r->dir);

	assert_false(usb_find(missing, r->sys_block, &list, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "no-such-mounts"));
	assert_non_null(strstr(cause, "cannot read the mount table"));
	assert_int_equal(list.n, 0);
	free(cause);
	free(missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_octal_escapes_decode),
	    cmocka_unit_test_setup_teardown(test_partition_maps_to_its_disk, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_removable_flag_or_usb_bus, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_find_lists_only_mounted_removable_drives, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_root_and_boot_are_never_offered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unreadable_mounts_file_says_why, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
