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
	    "绿：可以签到，按回车。  黄：先处理一项（刷卡 P 或看转账凭证 V），再回车。",
	    "红：不能签到，屏幕上写明原因和联系人。",
	    "没有二维码：直接输入姓名、拼音首字母（如 zhs）、手机号后四位或报名编号。",
	    "",
	    "回车      查找 / 打开所选 / 在结论页确认签到（有输入时永远不会确认）",
	    "P         现场刷卡：输入 POS 凭证号",
	    "V         已查看转账凭证",
	    "X         拒绝（如证件与本人不符），需填原因，票仍有效",
	    "B         重打胸牌，需填原因",
	    "U         撤销签到（主管密码）",
	    "Esc       返回 / 清空输入",
	    "F5        导出到 U 盘（主管密码）",
	    "F6        合并其他签到台的导出：先预览，回车或 Y 才合并（主管密码）",
	    "F9        换值班人（每条记录都记在值班人名下）",
	    "F1 或 ? 帮助  F2 房间  F3 收费与退款  F4 汇总  F7 合并冲突  F10 退出",
	};
	int y = 4;

	(void)model;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && y < f->rows - 3; i++) {
		put_text(y++, 2, f->cols - 4, lines[i][0] ? _(lines[i]) : "");
	}
	frame_keys(f, _("Esc 返回"));
}

/* Help has no data: no model, nothing to build. */
const struct screen screen_help_page = {
    .draw = draw,
};
