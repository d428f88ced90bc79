/*
 * doctor_devices: the checks of the desk's devices (doctor_private.h): the
 * badge's Chinese font, the printer through CUPS (and a test page on
 * request), the camera when one is configured, and the USB stick the export
 * goes to.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "badges_private.h"
#include "doctor_private.h"
#include "frontdesk/badge.h"
#include "frontdesk/fonts.h"
#include "frontdesk/print.h"
#include "frontdesk/probe.h"
#include "frontdesk/say.h"
#include "frontdesk/usb.h"
#include "frontdesk/xmalloc.h"

/* The family the bundled badge layouts name (assets/badge/ layouts). */
#define BADGE_FONT "Noto Sans CJK SC"
/* An export is a snapshot of the database plus tables and workbooks: room for three copies. */
#define EXPORT_SPACE_FACTOR 3
#define EXPORT_SPACE_MIN    (16u << 20)

void doctor_check_font(struct doctor_report *r)
{
	char *found = NULL;
	bool ok = fonts_cover_chinese(BADGE_FONT, &found);

	if (ok) {
		doctor_add(r, "font", N_("中文字体"), true, say("胸牌字体 %s 能显示中文", found),
		           NULL);
	} else {
		doctor_add(
		    r, "font", N_("中文字体"), false,
		    say("本机没有能显示中文的胸牌字体（要 %s，只找到 %s）", BADGE_FONT,
		        found ? found : "-"),
		    say_text("请安装 fonts-noto-cjk（离线安装包里有：sudo ./install.sh），然后重新"
		             "检查"));
	}
	free(found);
}

static char *printer_advice(const struct print_status *st)
{
	const char *name = st->printer ? st->printer : "";

	switch (st->state) {
	case PRINT_STOPPED:
		return say("请检查打印机的纸和盖子，然后运行 cupsenable %s 和 cupsaccept %s（或在 "
		           "CUPS 网页 localhost:631 上恢复打印机）",
		           name, name);
	case PRINT_MISSING:
		return say_text(
		    "请检查打印机的电源和连线、CUPS 是否在运行（systemctl status cups），"
		    "以及 event.ini 里 [desk] printer 的名称");
	default:
		return say_text(
		    "请在 CUPS 里添加打印机并设为默认（lpadmin -d 名称），或在 event.ini 的 "
		    "[desk] printer 写上它的名称");
	}
}

/* Renders a test badge and sends it; returns what happened, said. */
static char *print_test_page(struct print_session *session, const struct event_config *cfg)
{
	char *cause = NULL;
	char *layout = badges_layout("default", &cause);
	char pdf[] = "/tmp/frontdesk-testpage-XXXXXX";
	int fd = mkstemp(pdf);
	char *title = say_text("测试页");
	const struct badge_fields f = {cfg ? cfg->name : "frontdesk", title, "frontdesk doctor",
	                               NULL, "0000000000000000000000"};
	int job = 0;
	char *said;

	if (fd >= 0) {
		close(fd);
	}
	if (layout != NULL && fd >= 0 && badge_render_file(layout, &f, pdf, &cause)) {
		job = print_submit(session, pdf, "frontdesk doctor", &cause);
	}
	said = job > 0 ? say("测试页已发送（打印任务 %d），请看打印机出纸", job)
	               : say("测试页没能发送：%s", cause ? cause : "?");
	if (fd >= 0) {
		unlink(pdf);
	}
	free(title);
	free(layout);
	free(cause);
	return said;
}

void doctor_check_printer(struct doctor_report *r, const struct event_config *cfg, bool test_page)
{
	struct print_status st = {0};
	struct print_session *session = print_open(cfg ? cfg->printer : NULL, &st);
	const char *t = N_("打印机");

	if (st.state != PRINT_READY) {
		char *found = st.message ? xstrdup(st.message) : say_text("打印机没有就绪");
		doctor_add(r, "printer", t, false, found, printer_advice(&st));
	} else if (test_page) {
		char *sent = print_test_page(session, cfg);
		doctor_add(r, "printer", t, true, say("打印机 %s 就绪；%s", st.printer, sent),
		           NULL);
		free(sent);
	} else {
		doctor_add(r, "printer", t, true, say("打印机 %s 就绪", st.printer), NULL);
	}
	print_close(session);
	print_status_release(&st);
}

void doctor_check_camera(struct doctor_report *r, const struct event_config *cfg)
{
	const char *t = N_("摄像头");
	char *cause = NULL;

	if (cfg == NULL || cfg->camera == NULL || cfg->camera[0] == '\0') {
		doctor_add(r, "camera", t, true, say_text("没有配置摄像头（只用扫码枪）"), NULL);
	} else if (probe_camera(cfg->camera, &cause)) {
		doctor_add(r, "camera", t, true, say("摄像头 %s 能打开，有画面", cfg->camera),
		           NULL);
	} else {
		doctor_add(
		    r, "camera", t, false, cause,
		    say_text("请检查摄像头的连线，或把 event.ini 的 [desk] camera 改成正确的设备"
		             "（如 /dev/video0）；不用摄像头就留空"));
		return;
	}
	free(cause);
}

/* "12.3 MB" */
static char *megabytes(uint64_t bytes)
{
	return xasprintf("%.1f MB", (double)bytes / 1e6);
}

static uint64_t export_space_needed(const char *db_path)
{
	struct stat st;
	uint64_t need = 0;

	if (stat(db_path, &st) == 0) {
		need = (uint64_t)st.st_size * EXPORT_SPACE_FACTOR;
	}
	return need > EXPORT_SPACE_MIN ? need : EXPORT_SPACE_MIN;
}

static void check_one_drive(struct doctor_report *r, const struct usb_drive *d, uint64_t need)
{
	const char *t = N_("U 盘");
	char *cause = NULL;
	char *free_text = megabytes(d->free_bytes);

	if (d->read_only) {
		doctor_add(r, "drive", t, false, say("U 盘 %s 是只读的", d->mount_point),
		           say_text("请拨开 U 盘侧面的写保护开关后重新插入，或换一个 U 盘"));
	} else if (!probe_writable(d->mount_point, &cause)) {
		doctor_add(r, "drive", t, false, say("U 盘 %s 写不进去：%s", d->mount_point, cause),
		           say_text("请拨开 U 盘侧面的写保护开关后重新插入，或换一个 U 盘"));
	} else if (d->free_bytes < need) {
		char *need_text = megabytes(need);
		doctor_add(
		    r, "drive", t, false,
		    say("U 盘 %s 只剩 %s，导出约需 %s", d->mount_point, free_text, need_text),
		    say_text("请删掉 U 盘上不需要的文件，或换一个更大的 U 盘"));
		free(need_text);
	} else {
		doctor_add(r, "drive", t, true,
		           say("U 盘 %s 可写，剩余 %s", d->mount_point, free_text), NULL);
	}
	free(free_text);
	free(cause);
}

void doctor_check_drive(struct doctor_report *r, const struct doctor_env *env)
{
	struct usb_drive_list drives = {0};
	char *cause = NULL;

	if (!usb_find(env->mounts, env->sys_block, &drives, &cause)) {
		doctor_add(r, "drive", N_("U 盘"), false, cause,
		           say_text("请重新插入 U 盘；如仍不行，请重启电脑"));
		return;
	}
	if (drives.n == 0) {
		doctor_add(r, "drive", N_("U 盘"), false, say_text("没有插着的 U 盘"),
		           say_text("请插入导出用的 U 盘，等它出现在桌面上后重新检查"));
	} else {
		/* the export goes to the first drive when there is one: that is the one to check */
		check_one_drive(r, &drives.drives[0], export_space_needed(env->db_path));
	}
	usb_list_release(&drives);
}
