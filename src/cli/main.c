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
#include "frontdesk/say.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

static const struct {
	const char *name;
	int (*run)(struct cli *cli);
} commands[] = {
    {"init", cmd_init},       {"import", cmd_import},     {"lookup", cmd_lookup},
    {"report", cmd_report},   {"checkin", cmd_checkin},   {"pay", cmd_pay},
    {"reject", cmd_reject},   {"undo", cmd_undo},         {"rooms", cmd_rooms},
    {"desk-id", cmd_desk_id}, {"tickets", cmd_tickets},   {"scan", cmd_scan},
    {"print", cmd_print},     {"export", cmd_export},     {"badge", cmd_badge},
    {"badges", cmd_badges},   {"merge", cmd_merge},       {"desks", cmd_desks},
    {"sync", cmd_sync},       {"sessions", cmd_sessions}, {"attend", cmd_attend},
    {"excuse", cmd_excuse},   {"doctor", cmd_doctor},
};

/* One line of the help: the command, then what it does (a msgid, said; NULL for none). */
struct help_line {
	const char *command;
	const char *what;
};

static const struct help_line help_lines[] = {
    {"  frontdesk [--db FILE] [--operator NAME]       ", N_("打开签到台")},
    {"  frontdesk --demo                              ", N_("演示活动")},
    {"  frontdesk init --event event.ini --rooms rooms.csv [--db FILE]", NULL},
    {"  frontdesk import roster.csv [--collective collective.csv] [--allow-withdraw N]", NULL},
    {"  frontdesk lookup QUERY                        ", N_("代码、报名编号、姓名或手机号")},
    {"  frontdesk checkin CODE|REG_NO [--voucher-seen] [--pay card:REF]", NULL},
    {"                   [--invoice-title TITLE] [--taxpayer-no NO]   ", N_("签到")},
    {"  frontdesk pay REG_NO --amount N --card REF   ", N_("现场刷卡")},
    {"  frontdesk reject REG_NO --reason TEXT          ", N_("拒绝（票仍有效）")},
    {"  frontdesk undo REG_NO --pin PIN                ", N_("主管撤销签到")},
    {"  frontdesk rooms plan|list [--csv FILE]        ", N_("住宿预留与分房表")},
    {"  frontdesk rooms settle --pin PIN              ", N_("签到日结束时整理合住")},
    {"  frontdesk rooms free                          ", N_("各酒店每晚空房与空床")},
    {"  frontdesk rooms walkin REG_NO --type king|twin_single|bed [--arrive D --depart D]", NULL},
    {"                   --pin PIN                    ", N_("主管现场加订住宿")},
    {"  frontdesk report summary|payments|refunds|conflicts", NULL},
    {"  frontdesk report attendance|certificates      ", N_("课程出勤与证书资格")},
    {"  frontdesk import --sessions sessions.csv      ", N_("导入培训日程")},
    {"  frontdesk sessions                            ", N_("日程与课程编号")},
    {"  frontdesk attend CODE|REG_NO [--session ID] [--sign-out] [--at TIME]", NULL},
    {"                   [--pin PIN --reason TEXT]    ", N_("课程签到、签退")},
    {"  frontdesk excuse REG_NO --session ID --reason TEXT --pin PIN", NULL},
    {"                                                ", N_("主管记录请假")},
    {"  frontdesk --session [--camera DEVICE|dir:PATH]", NULL},
    {"                                                ", N_("课堂门口的签到屏")},
    {"  frontdesk desks A B C [--keys DIR]            ", N_("准备多台签到（复制前）")},
    {"  frontdesk desk-id ID [--key FILE]              ", N_("给复制的数据库设台号、装台钥")},
    {"  frontdesk export [--to DIR] | --verify DIR    ", N_("导出到 U 盘并校验")},
    {"  frontdesk merge [FOLDER|bundle.jsonl] [--dry-run]   ", N_("合并其他签到台的导出")},
    {"                                                ", N_("（不给路径：列出 U 盘上的）")},
    {"  frontdesk sync [--once] [--seconds N]         ", N_("与局域网上的其他签到台同步")},
    {"  frontdesk tickets [--out DIR]                 ", N_("二维码票与打印页")},
    {"  frontdesk scan IMAGE                          ", N_("识别图片中的码")},
    {"  frontdesk scan --all IMAGE                    ", N_("列出一页票上的全部码")},
    {"  frontdesk scan --camera DEVICE|dir:PATH [--seconds N]   ", N_("试用摄像头")},
    {"  frontdesk print REG_NO | --status | --retry | --run [--wait S]   ", N_("胸牌打印")},
    {"  frontdesk badge REG_NO --out FILE.pdf [--size default|a6]   ", N_("胸牌 PDF")},
    {"  frontdesk badges --all --sheet a4 --out FILE.pdf   ", N_("全部胸牌拼版")},
    {"  frontdesk doctor [--test-page]                ", N_("开门前检查设备、数据库和时钟")},
};

/* Prints "<said label>: <rest>" for a msgid label. */
static void help_label(const char *label, const char *rest)
{
	char *said = say_text(label);

	cli_printf("%s: %s\n", said, rest);
	free(said);
}

/* "退出码 / exit codes: 0 <said>, 1 <said>, ...": what each exit code means, said. */
static void print_exit_codes(void)
{
	static const char *const meanings[] = {N_("完成"), N_("拒绝"), N_("用法或输入有误"),
	                                       N_("读写或内部错误")};
	struct strbuf codes = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(meanings) / sizeof(meanings[0]); i++) {
		char *said = say_text(meanings[i]);
		strbuf_printf(&codes, "%s%zu %s", i ? ", " : "", i, said);
		free(said);
	}
	help_label(N_("退出码"), strbuf_str(&codes));
	strbuf_release(&codes);
}

static void print_help(void)
{
	char *title = say_text("离线签到台");
	char *usage = say_text("用法");

	cli_printf("frontdesk " FRONTDESK_VERSION " — %s\n\n%s:\n", title, usage);
	free(title);
	free(usage);
	for (size_t i = 0; i < sizeof(help_lines) / sizeof(help_lines[0]); i++) {
		char *what = help_lines[i].what ? say_text(help_lines[i].what) : xstrdup("");
		cli_printf("%s%s\n", help_lines[i].command, what);
		free(what);
	}
	char *json = say_text("机器可读");
	char *options =
	    xasprintf("--json (%s), --db FILE, --operator NAME,\n  --help, --version", json);
	cli_printf("\n");
	help_label(N_("选项"), options);
	free(json);
	free(options);
	help_label(N_("数据库默认位置"), "$XDG_DATA_HOME/frontdesk/frontdesk.db");
	print_exit_codes();
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
			cli_esayf("frontdesk: 选项 %s 缺少值", a);
			return false;
		}
		/* --camera belongs to the desk screen unless a subcommand (scan) came first */
		if (strcmp(a, "--camera") == 0 && cli->argc == 0 && has_next) {
			cli->camera = argv[++i];
		} else if (strcmp(a, "--session") == 0 && cli->argc == 0) {
			/* the desk screen's session mode; `attend --session ID` is attend's own */
			cli->session = true;
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
	cli_esayf("frontdesk: 未知命令 %s，请看 frontdesk --help", cli->argv[0]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct cli cli = {0};
	struct globals g = {0};
	int code;

	/* the database and exports hold personal data: nothing we create is world-readable */
	umask(077);
	cli_choose_catalogues();
	/* DESIGN: the CLI prints Chinese and English; the desk screen switches to one (tui_run) */
	say_start(SAY_BOTH);
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
	cli_progress_start();
	cli.db_path = g.db ? xstrdup(g.db) : cli_default_db(g.demo ? "demo.db" : "frontdesk.db");
	code = run(&cli, &g);
	free(cli.db_path);
	free(cli.argv);
	return code;
}
