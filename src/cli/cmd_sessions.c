/*
 * `frontdesk sessions`: the programme of the training days as imported, with
 * the id each session is scanned and reported under.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/actions/sessions.h"
#include "frontdesk/date.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

/* One session as the contract's object. */
static void json_session(struct json *j, const struct session *s)
{
	char date[DATE_ISO_LEN + 1], start[6], end[6];

	date_format(s->date, date);
	programme_format_time(s->start, start);
	programme_format_time(s->end, end);
	json_object_begin(j);
	json_kv_string(j, "id", s->id);
	json_kv_string(j, "date", date);
	json_kv_string(j, "start", start);
	json_kv_string(j, "end", end);
	json_kv_string(j, "venue", s->venue);
	json_kv_string(j, "title", s->title);
	json_kv_string(j, "kind", programme_kind_code(s->kind));
	json_key(j, "hours");
	json_tenths(j, s->hours_tenths);
	json_kv_bool(j, "required", s->required);
	json_kv_bool(j, "sign_out", s->sign_out);
	json_object_end(j);
}

static void print_text(const struct programme *p)
{
	if (p->n == 0) {
		cli_sayf("还没有课程表：请用 frontdesk import --sessions sessions.csv 导入");
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct session *s = &p->sessions[i];
		char date[DATE_ISO_LEN + 1], start[6], end[6], hours[16];
		date_format(s->date, date);
		programme_format_time(s->start, start);
		programme_format_time(s->end, end);
		programme_format_hours(s->hours_tenths, hours);
		char *kind = say_text(programme_kind_word(s->kind));
		char *h = say("%s 学时", hours);
		char *req = say_text(s->required ? N_("必修") : N_("选修"));
		char *out = s->sign_out ? say_text("需签退") : xstrdup("");
		cli_printf("%-12s %s %s-%s  %s  %s\n             [%s] %s · %s %s\n", s->id, date,
		           start, end, s->venue, s->title, kind, h, req, out);
		free(kind);
		free(h);
		free(req);
		free(out);
	}
}

int cmd_sessions(struct cli *cli)
{
	const struct cli_option options[] = {{NULL, NULL, NULL}};
	int exit_code = EXIT_DONE;
	size_t n;

	if (!cli_parse(cli, options, NULL, 0, &n)) {
		return EXIT_USAGE;
	}
	struct desk *desk = cli_open_desk_read_only(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	struct programme *p = action_sessions(desk);
	if (cli->json) {
		struct json j = JSON_INIT;
		json_object_begin(&j);
		json_key(&j, "sessions");
		json_array_begin(&j);
		for (size_t i = 0; i < p->n; i++) {
			json_session(&j, &p->sessions[i]);
		}
		json_array_end(&j);
		json_object_end(&j);
		cli_print_json(&j);
		json_release(&j);
	} else {
		print_text(p);
	}
	programme_free(p);
	desk_close(desk);
	return exit_code;
}
