/*
 * screen_help teaches the desk in one screen: what to scan, what the colours
 * mean, and every key.
 */
#include <curses.h>

#include "i18n.h"
#include "ui.h"

static void draw(const struct screen_frame *f, const void *model)
{
	static const char *const lines[] = {
	    "签到三步：扫码 → 看结论 → 回车确认（打印胸牌、分配房间）",
	    "绿：按回车签到。  黄：先做一步（F5 刷卡收费 或 F6 凭证已看），再按回车。",
	    "红：不能签到，屏幕写明原因和联系人。已签到：只能 F8 重打或 F9 撤销。",
	    "没有二维码：输入姓名、拼音首字母（如 zhs）、手机号后四位或报名编号。",
	    "扫码永远不会确认、不会填进对话框：它取消正在做的事，打开新的一位。",
	    "",
	    "结论页  回车 签到   F5 刷卡收费（POS 凭证号、发票抬头、纳税人识别号）",
	    "        F6 凭证已看   F7 拒绝（需填原因）   F8 重打胸牌（需填原因）",
	    "        F9 撤销签到（主管密码）   F12 加订房间（主管密码）",
	    "其他时  F5 导出到 U 盘   F6 合并其他签到台（均需主管密码）",
	    "        F7 合并冲突   F9 换值班人",
	    "随时    F1 帮助  F2 房间（F8 结算房间）  F3 收费与退款  F4 汇总  F10 退出",
	    "        F11 课程签到（课堂门口扫胸牌记录出勤）  F12 各课程出勤与合格人数",
	    "课程签到 F2 签到/签退  F3 选择课程（默认按时间）  F8 请假  F11 或 Esc 返回",
	    "对话框  Tab 换栏   回车 确认   Esc 取消（不做任何记录）",
	    "开门前  在本页按 F8：检查打印机、U 盘、字体、数据库、时钟和台号",
	};
	int y = 4;

	(void)model;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && y < f->rows - 3; i++) {
		put_text(y++, 2, f->cols - 4, lines[i][0] ? _(lines[i]) : "");
	}
	frame_keys(f, _("F8 开门前检查  Esc 返回"));
}

/* F8 on the help page opens the pre-flight check, which runs its checks afresh. */
static bool key(struct ui *ui, int is_key, unsigned int ch)
{
	if (is_key && ch == KEY_F(8)) {
		ui->slots[VIEW_DOCTOR].built = false;
		ui->view = VIEW_DOCTOR;
		ui->scroll = 0;
		ui->dirty = true;
		return true;
	}
	return false;
}

/* Help has no data: no model, nothing to build. */
const struct screen screen_help_page = {
    .draw = draw,
    .key = key,
};
