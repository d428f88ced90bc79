/*
 * screen_doctor is the pre-flight check on the desk screen (issue 19), opened
 * with F8 from the help page: the same checks as `frontdesk doctor`
 * (actions/doctor.h), one ✓ or ✗ line each and what to do under every ✗.
 * The checks run when the page is opened and again on F8, never on a
 * redraw: they talk to CUPS and the stick.
 */
#include <curses.h>
#include <langinfo.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/doctor.h"
#include "frontdesk/testseam.h"
#include "i18n.h"
#include "screen_lines.h"
#include "ui.h"

static void build(struct desk *desk, void *model)
{
	struct doctor_env env = {.db_path = desk_database_path(desk),
	                         .codeset = nl_langinfo(CODESET),
	                         .mounts = testseam_mounts_path(),
	                         .sys_block = testseam_sys_block_path()};

	getmaxyx(stdscr, env.rows, env.cols);
	action_doctor(&env, model);
}

static void release(void *model)
{
	action_doctor_release(model);
}

/* The page's lines: a check, then its advice when it failed. */
static int line_count(const struct doctor_report *r)
{
	int n = 0;

	for (size_t i = 0; i < r->n; i++) {
		n += r->checks[i].ok ? 1 : 2;
	}
	return n;
}

static int max_scroll(const struct screen_frame *f, const void *model)
{
	int shown = f->rows - 8;

	return line_count(model) > shown ? line_count(model) - shown : 0;
}

static void draw(const struct screen_frame *f, const void *model)
{
	const struct doctor_report *r = model;
	int y = 4;
	int line = 0;

	attron(A_BOLD);
	screen_line(f, &y, "%s",
	            action_doctor_all_ok(r) ? _("开门前检查：全部通过")
	                                    : _("开门前检查：有问题，请按 → 后的说明处理"));
	attroff(A_BOLD);
	for (size_t i = 0; i < r->n; i++) {
		const struct doctor_check *c = &r->checks[i];
		if (line++ >= f->scroll) {
			attron(frame_tone_attr(f, c->ok ? TONE_GOOD : TONE_BAD));
			screen_line(f, &y, "%s %s: %s", c->ok ? "✓" : "✗", _(c->title), c->found);
			attroff(frame_tone_attr(f, c->ok ? TONE_GOOD : TONE_BAD));
		}
		if (!c->ok && line++ >= f->scroll) {
			screen_line(f, &y, "    → %s", c->advice);
		}
	}
	frame_keys(f, _("F8 再检查一次  ↑↓ 翻看  Esc 返回"));
}

/* F8 runs the checks again. */
static bool key(struct ui *ui, int is_key, unsigned int ch)
{
	if (is_key && ch == KEY_F(8)) {
		ui->slots[VIEW_DOCTOR].built = false;
		ui->dirty = true;
		return true;
	}
	return false;
}

const struct screen screen_doctor_page = {
    .model_size = sizeof(struct doctor_report),
    .build = build,
    .release = release,
    .draw = draw,
    .max_scroll = max_scroll,
    .key = key,
};
