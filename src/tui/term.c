/*
 * term owns curses' lifetime. A desk left with a scrambled terminal after a
 * crash looks broken to staff, so the terminal is restored by an atexit hook
 * and by the fatal-signal handlers before anything else is printed (as htop
 * does), and the quit signals only set a flag the loop reads.
 */
#include "term.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

static volatile sig_atomic_t quit_requested;
static volatile sig_atomic_t curses_active;

bool term_locale_ok(char **cause)
{
	setlocale(LC_ALL, "");
	const char *codeset = nl_langinfo(CODESET);

	if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) {
		return true;
	}
	/* in both languages, as Chinese may not show: setlocale above took both mode's English */
	say_start(SAY_BOTH);
	*cause = say("终端的字符编码是 %s，不是 UTF-8，中文无法显示。请先设置 "
	             "LANG=zh_CN.UTF-8（或 C.UTF-8）再运行",
	             codeset ? codeset : "?");
	return false;
}

void term_stop(void)
{
	if (curses_active) {
		curses_active = 0;
		endwin();
	}
}

static void on_quit_signal(int sig)
{
	(void)sig;
	quit_requested = 1;
}

/* A crash: give the terminal back first, then die the way we were going to. */
static void on_fatal_signal(int sig)
{
	term_stop();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

bool term_should_quit(void)
{
	return quit_requested != 0;
}

static void start_colours(struct ui *ui)
{
	const char *no_color = getenv("NO_COLOR");

	ui->color = has_colors() && (no_color == NULL || no_color[0] == '\0');
	if (!ui->color) {
		return;
	}
	start_color();
	use_default_colors();
	init_pair(PAIR_GREEN, COLOR_BLACK, COLOR_GREEN);
	init_pair(PAIR_AMBER, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_RED, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_INFO, COLOR_CYAN, -1);
}

bool term_start(struct ui *ui, char **cause)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = say_text("签到台需要在终端中运行");
		return false;
	}
	if (initscr() == NULL) {
		*cause = say_text("无法初始化终端，请检查 TERM 设置");
		return false;
	}
	curses_active = 1;
	atexit(term_stop);
	install_handlers();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	start_colours(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	return true;
}

int frame_tone_attr(const struct screen_frame *f, enum ui_tone tone)
{
	switch (tone) {
	case TONE_GOOD:
		return f->color ? COLOR_PAIR(PAIR_GREEN) | A_BOLD : A_BOLD;
	case TONE_WARN:
		return f->color ? COLOR_PAIR(PAIR_AMBER) | A_BOLD : A_BOLD | A_UNDERLINE;
	case TONE_BAD:
		return f->color ? COLOR_PAIR(PAIR_RED) | A_BOLD : A_REVERSE | A_BOLD;
	default:
		return f->color ? COLOR_PAIR(PAIR_INFO) : A_NORMAL;
	}
}

int ui_tone_attr(const struct ui *ui, enum ui_tone tone)
{
	struct screen_frame f = screen_frame_of(ui);

	return frame_tone_attr(&f, tone);
}

int ui_verdict_attr(const struct ui *ui, enum verdict_colour c)
{
	return ui_tone_attr(ui, c == VERDICT_GREEN   ? TONE_GOOD
	                        : c == VERDICT_AMBER ? TONE_WARN
	                                             : TONE_BAD);
}
