/*
 * doctor: the pre-flight check (actions/doctor.h). The database is examined
 * on its own read-only connection first (health.h), because a damaged file
 * must give an answer; the desk is then opened read-only for its settings.
 * When it cannot be, the device checks run on the defaults and the checks
 * that need the event say so.
 */
#include "frontdesk/actions/doctor.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk_private.h"
#include "doctor_private.h"
#include "frontdesk/clockcheck.h"
#include "frontdesk/date.h"
#include "frontdesk/db.h"
#include "frontdesk/health.h"
#include "frontdesk/journal.h"
#include "frontdesk/say.h"

enum { MIN_COLS = 80, MIN_ROWS = 24 };

void doctor_add(struct doctor_report *r, const char *name, const char *title, bool ok, char *found,
                char *advice)
{
	if (r->n < DOCTOR_CHECKS) {
		r->checks[r->n++] = (struct doctor_check){name, title, ok, found, advice};
	} else {
		free(found);
		free(advice);
	}
}

static void check_locale(struct doctor_report *r, const char *codeset)
{
	if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) {
		doctor_add(r, "locale", N_("字符编码"), true, say_text("字符编码是 UTF-8"), NULL);
		return;
	}
	doctor_add(r, "locale", N_("字符编码"), false,
	           say("字符编码是 %s，不是 UTF-8，中文无法显示", codeset ? codeset : "?"),
	           say_text("请设置 LANG=zh_CN.UTF-8（或 C.UTF-8）后重新打开终端再运行"));
}

static void check_terminal(struct doctor_report *r, int cols, int rows)
{
	if (cols <= 0 || rows <= 0) {
		doctor_add(r, "terminal", N_("终端大小"), false,
		           say_text("不在终端里运行，量不出大小"),
		           say_text("请在签到用的终端窗口里运行 frontdesk doctor"));
	} else if (cols < MIN_COLS || rows < MIN_ROWS) {
		doctor_add(r, "terminal", N_("终端大小"), false,
		           say("终端只有 %d×%d，至少需要 %d×%d", cols, rows, MIN_COLS, MIN_ROWS),
		           say_text("请把终端窗口放大或全屏，然后重新检查"));
	} else {
		doctor_add(r, "terminal", N_("终端大小"), true, say("终端 %d×%d", cols, rows),
		           NULL);
	}
}

/* The database check; true when the file is sound enough to open the desk on. */
static bool check_database(struct doctor_report *r, const char *path, struct db_health *h)
{
	const char *t = N_("数据库");

	memset(h, 0, sizeof(*h));
	if (access(path, F_OK) != 0) {
		doctor_add(r, "database", t, false, say("数据库 %s 不存在", path),
		           say_text("请先运行 frontdesk init（或复制准备好的数据库），或用 --db "
		                    "指明数据库"));
		return false;
	}
	db_health_check(path, h);
	if (!h->integrity_ok) {
		doctor_add(
		    r, "database", t, false,
		    say("数据库 %s 已损坏：%s", path, h->problem ? h->problem : "?"),
		    say_text("请不要再用这个副本签到：换用最近一次导出到 U 盘的副本，或请主管从"
		             "另一台签到台复制数据库"));
		return false;
	}
	if (h->schema_version != DB_SCHEMA_VERSION) {
		bool newer = h->schema_version > DB_SCHEMA_VERSION;
		doctor_add(
		    r, "database", t, false,
		    say("数据库版本是 %d，本程序用的是 %d", h->schema_version, DB_SCHEMA_VERSION),
		    newer ? say_text("请安装新版 frontdesk 后再用这个数据库")
		          : say_text("请运行一次 frontdesk report summary，它会升级数据库"));
		return h->schema_version > 0 && !newer;
	}
	doctor_add(r, "database", t, true, say("数据库完好（版本 %d）", h->schema_version), NULL);
	return true;
}

static char *clock_advice(enum clock_verdict v)
{
	switch (v) {
	case CLOCK_BEHIND_JOURNAL:
		return say_text(
		    "请把电脑的日期和时间调准（系统设置，或 sudo date -s），然后再签到");
	case CLOCK_BEFORE_EVENT:
	case CLOCK_AFTER_EVENT:
		return say_text("如果今天确实是布置日可以不管；否则请把电脑的日期调准");
	default:
		return say_text("请把电脑的日期和时间调准");
	}
}

static void check_clock(struct doctor_report *r, const struct event_config *cfg,
                        const struct db_health *h)
{
	const char *t = N_("时钟");
	char now[32];
	char first[DATE_ISO_LEN + 1];
	char last[DATE_ISO_LEN + 1];

	if (cfg == NULL) {
		doctor_add(r, "clock", t, false, say_text("数据库打不开，无法对照活动日期"),
		           say_text("请先解决数据库的问题"));
		return;
	}
	journal_now(now);
	long departure = cfg->last_night + 1;
	date_format(cfg->checkin_date, first);
	date_format(departure, last);
	enum clock_verdict v = clock_judge(now, h->last_entry_at, cfg->checkin_date, departure);
	char *found;
	switch (v) {
	case CLOCK_OK:
		doctor_add(r, "clock", t, true,
		           say("时钟 %s，在活动日期 %s 至 %s 内", now, first, last), NULL);
		return;
	case CLOCK_BEHIND_JOURNAL:
		found = say("时钟 %s 比数据库里最后一条记录 %s 还早", now, h->last_entry_at);
		break;
	case CLOCK_BEFORE_EVENT:
		found = say("时钟 %s 早于签到日 %s", now, first);
		break;
	case CLOCK_AFTER_EVENT:
		found = say("时钟 %s 晚于离店日 %s", now, last);
		break;
	default:
		found = say("读不懂时钟 %s", now);
		break;
	}
	doctor_add(r, "clock", t, false, found, clock_advice(v));
}

static void check_desk_id(struct doctor_report *r, const struct event_config *cfg,
                          const struct db_health *h)
{
	const char *t = N_("台号");

	if (cfg == NULL) {
		doctor_add(r, "desk_id", t, false, say_text("数据库打不开，读不到台号"),
		           say_text("请先解决数据库的问题"));
	} else if (cfg->desk_id == NULL || cfg->desk_id[0] == '\0') {
		doctor_add(r, "desk_id", t, false, say_text("这台签到台还没有台号"),
		           say_text("请运行 frontdesk desk-id 台号（如 A）"));
	} else if (h->own_id_merged > 0) {
		doctor_add(
		    r, "desk_id", t, false,
		    say("台号 %s 与合并进来的另一台签到台相同（%ld 次合并）", cfg->desk_id,
		        h->own_id_merged),
		    say_text("每台签到台要用不同的台号：请主管定一个新台号，运行 frontdesk desk-id "
		             "新台号"));
	} else {
		doctor_add(r, "desk_id", t, true,
		           say("台号 %s，与合并过的签到台不重复", cfg->desk_id), NULL);
	}
}

void action_doctor(const struct doctor_env *env, struct doctor_report *out)
{
	struct db_health health;
	struct desk *desk = NULL;

	memset(out, 0, sizeof(*out));
	check_locale(out, env->codeset);
	check_terminal(out, env->cols, env->rows);
	doctor_check_font(out);
	/* the database first: its settings name the printer and the camera */
	struct doctor_report db_part = {0};
	if (check_database(&db_part, env->db_path, &health)) {
		enum action_status status;
		char *cause = NULL;
		desk = desk_open_read_only(env->db_path, &status, &cause);
		free(cause);
	}
	const struct event_config *cfg = desk ? desk->cfg : NULL;
	doctor_check_printer(out, cfg, env->test_page);
	doctor_check_camera(out, cfg);
	doctor_check_drive(out, env);
	out->checks[out->n++] = db_part.checks[0];
	check_clock(out, cfg, &health);
	check_desk_id(out, cfg, &health);
	desk_close(desk);
	db_health_release(&health);
}

bool action_doctor_all_ok(const struct doctor_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		if (!r->checks[i].ok) {
			return false;
		}
	}
	return r->n > 0;
}

void action_doctor_release(struct doctor_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->checks[i].found);
		free(r->checks[i].advice);
	}
	memset(r, 0, sizeof(*r));
}
