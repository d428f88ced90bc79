/*
 * main: the frontdesk command line. Global options may stand anywhere;
 * the first other word names the subcommand. Only main exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "config.h"
#include "frontdesk/xmalloc.h"

static const struct {
	const char *name;
	int (*run)(struct cli *cli);
} commands[] = {
    {"init", cmd_init},       {"import", cmd_import},   {"lookup", cmd_lookup},
    {"report", cmd_report},   {"checkin", cmd_checkin}, {"pay", cmd_pay},
    {"reject", cmd_reject},   {"undo", cmd_undo},       {"rooms", cmd_rooms},
    {"desk-id", cmd_desk_id}, {"tickets", cmd_tickets}, {"scan", cmd_scan},
    {"print", cmd_print},     {"export", cmd_export},   {"badge", cmd_badge},
    {"badges", cmd_badges},   {"merge", cmd_merge},     {"desks", cmd_desks},
};

static void print_help(void)
{
	cli_printf(
	    "%s\n",
	    "frontdesk " FRONTDESK_VERSION " — 离线签到台 / offline check-in desk\n"
	    "\n"
	    "用法 / usage:\n"
	    "  frontdesk [--db FILE] [--operator NAME]       打开签到台 / open the desk\n"
	    "  frontdesk --demo                              演示活动 / the bundled demo event\n"
	    "  frontdesk init --event event.ini --rooms rooms.csv [--db FILE]\n"
	    "  frontdesk import roster.csv [--collective collective.csv] [--allow-withdraw N]\n"
	    "  frontdesk lookup QUERY                        代码、报名编号、姓名或手机号 / code, "
	    "reg_no, name or phone digits\n"
	    "  frontdesk checkin CODE|REG_NO [--voucher-seen] [--pay card:REF]\n"
	    "                   [--invoice-title TITLE] [--taxpayer-no NO]   签到 / check in\n"
	    "  frontdesk pay REG_NO --amount N --card REF   现场刷卡 / on-site card payment\n"
	    "  frontdesk reject REG_NO --reason TEXT          拒绝（票仍有效）/ refuse at the desk\n"
	    "  frontdesk undo REG_NO --pin PIN                主管撤销签到 / supervisor undo\n"
	    "  frontdesk rooms plan|list [--csv FILE]        住宿预留与分房表 / room block, rooming list\n"
	    "  frontdesk rooms settle --pin PIN              签到日结束时整理合住 / end-of-day settling\n"
	    "  frontdesk rooms free                          各酒店每晚空房与空床 / free rooms per night\n"
	    "  frontdesk rooms walkin REG_NO --type king|twin_single|bed [--arrive D --depart D]\n"
	    "                   --pin PIN                    主管现场加订住宿 / supervisor walk-in "
	    "room\n"
	    "  frontdesk report summary|payments|refunds|conflicts\n"
	    "  frontdesk desks A B C [--keys DIR]            准备多台签到（复制前）/ prepare several desks\n"
	    "  frontdesk desk-id ID [--key FILE]              给复制的数据库设台号、装台钥 / name this "
	    "desk's copy, install its key\n"
	    "  frontdesk export [--to DIR] | --verify DIR    导出到 U 盘并校验 / export to USB, verify\n"
	    "  frontdesk merge [FOLDER|bundle.jsonl] [--dry-run]   合并其他签到台的导出 / merge "
	    "another desk's export\n"
	    "                                                (不给路径：列出 U 盘上的 / none: "
	    "list those on the sticks)\n"
	    "  frontdesk tickets [--out DIR]                 二维码票与打印页 / QR tickets, CSV, PDF\n"
	    "  frontdesk scan IMAGE                          识别图片中的码 / decode a picture\n"
	    "  frontdesk scan --camera DEVICE|dir:PATH [--seconds N]   试用摄像头 / try the camera\n"
	    "  frontdesk print REG_NO | --status | --retry | --run [--wait S]   胸牌打印 / badge printing\n"
	    "  frontdesk badge REG_NO --out FILE.pdf [--size default|a6]   胸牌 PDF / one badge PDF\n"
	    "  frontdesk badges --all --sheet a4 --out FILE.pdf   全部胸牌拼版 / every badge, A4 sheets\n"
	    "\n"
	    "选项 / options: --json (机器可读 / machine-readable), --db FILE, --operator NAME,\n"
	    "  --help, --version\n"
	    "数据库默认位置 / default database: $XDG_DATA_HOME/frontdesk/frontdesk.db\n"
	    "退出码 / exit codes: 0 完成 done, 1 拒绝 refused, 2 用法或输入有误 bad usage or "
	    "input, 3 读写或内部错误 I/O or internal error");
}

struct globals {
	const char *db;
	bool demo;
	bool help;
	bool version;
};

/* Takes the global options out of argv, leaving the subcommand's words in cli. */
static bool take_globals(int argc, char **argv, struct globals *g, struct cli *cli)
{
	cli->argv = xcalloc((size_t)argc + 1, sizeof(char *));
	cli->argc = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_next = i + 1 < argc;
		if ((strcmp(a, "--db") == 0 || strcmp(a, "--operator") == 0) && !has_next) {
			cli_eprintf("frontdesk: 选项 %s 缺少值 / option %s needs a value\n", a, a);
			return false;
		}
		/* --camera belongs to the desk screen unless a subcommand (scan) came first */
		if (strcmp(a, "--camera") == 0 && cli->argc == 0 && has_next) {
			cli->camera = argv[++i];
		} else if (strcmp(a, "--db") == 0) {
			g->db = argv[++i];
		} else if (strcmp(a, "--operator") == 0) {
			cli->operator_name = argv[++i];
		} else if (strcmp(a, "--json") == 0) {
			cli->json = true;
		} else if (strcmp(a, "--demo") == 0) {
			g->demo = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			g->help = true;
		} else if (strcmp(a, "--version") == 0) {
			g->version = true;
		} else {
			cli->argv[cli->argc++] = argv[i];
		}
	}
	return true;
}

static int run(struct cli *cli, const struct globals *g)
{
	if (g->demo) {
		return cmd_demo(cli);
	}
	if (cli->argc == 0) {
		return cmd_desk_screen(cli);
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i].name, cli->argv[0]) == 0) {
			return commands[i].run(cli);
		}
	}
	cli_eprintf("frontdesk: 未知命令 %s，请看 frontdesk --help / unknown command %s; see "
	            "frontdesk --help\n",
	            cli->argv[0], cli->argv[0]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct cli cli = {0};
	struct globals g = {0};
	int code;

	/* the database and exports hold personal data: nothing we create is world-readable */
	umask(077);
	/* an operator name is stored in every journal entry and sent to every other desk */
	if (!take_globals(argc, argv, &g, &cli) ||
	    (cli.operator_name != NULL && !cli_text_ok("--operator", cli.operator_name))) {
		free(cli.argv);
		return EXIT_USAGE;
	}
	if (g.help || g.version) {
		if (g.help) {
			print_help();
		} else {
			cli_printf("%s\n", "frontdesk " FRONTDESK_VERSION);
		}
		free(cli.argv);
		return EXIT_DONE;
	}
	cli.db_path = g.db ? xstrdup(g.db) : cli_default_db(g.demo ? "demo.db" : "frontdesk.db");
	code = run(&cli, &g);
	free(cli.db_path);
	free(cli.argv);
	return code;
}
