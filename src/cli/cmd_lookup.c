/*
 * `frontdesk lookup`: what the desk screen would say about a code, a reg_no,
 * a name or phone digits, in words or as the contract's JSON.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/say.h"
#include "frontdesk/actions/desk.h"
#include "frontdesk/actions/lookup.h"
#include "frontdesk/text.h"
#include "frontdesk/words.h"

static void json_reasons(struct json *j, const struct verdict *v)
{
	json_key(j, "reasons");
	json_array_begin(j);
	for (size_t r = 0; r < v->n_reasons; r++) {
		json_string(j, rules_reason_code(v->reasons[r]));
	}
	json_array_end(j);
}

static void json_match(struct json *j, const struct lookup_match *m)
{
	const struct person *a = m->person;
	const struct verdict *v = &m->verdict;

	json_object_begin(j);
	json_kv_string(j, "reg_no", a->reg_no);
	json_kv_string(j, "name", a->name);
	json_kv_string(j, "organisation", a->organisation);
	json_kv_string(j, "gender", roster_gender_code(a->gender));
	json_kv_string(j, "status", a->withdrawn ? "withdrawn" : roster_status_code(a->status));
	json_kv_bool(j, "member", a->member);
	json_kv_string(j, "verdict", rules_colour_name(v->colour));
	json_reasons(j, v);
	json_kv_int(j, "fee_due", v->fee_due);
	json_kv_int(j, "settled", v->settled);
	json_kv_int(j, "pending", v->pending);
	json_kv_int(j, "to_pay", v->to_pay);
	json_kv_int(j, "refund", v->refund);
	json_kv_bool(j, "checked_in", a->checked_in);
	if (a->checked_in) {
		/* which desk: on the LAN a check-in at another desk shows here within seconds */
		json_kv_string(j, "checked_in_at", a->checkin_at);
		json_kv_string(j, "checked_in_desk", a->checkin_desk);
		json_kv_string(j, "checked_in_by", a->checkin_operator);
	}
	json_key(j, "lodging");
	cli_json_lodging(j, &m->lodging);
	json_object_end(j);
}

void cli_json_lookup(struct json *j, const struct lookup_result *r)
{
	json_key(j, "matches");
	json_array_begin(j);
	for (size_t i = 0; i < r->n_matches; i++) {
		json_match(j, &r->matches[i]);
	}
	json_array_end(j);
	json_kv_int(j, "total", (long)r->total);
	if (r->n_matches == 0) {
		json_kv_string(j, "verdict", rules_colour_name(r->verdict.colour));
		json_reasons(j, &r->verdict);
	}
}

static void print_json(const struct lookup_result *r)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	cli_json_lookup(&j, r);
	json_object_end(&j);
	cli_print_json(&j);
	json_release(&j);
}

/* The verdict's colour in words, said (a msgid). */
static const char *colour_words(enum verdict_colour c)
{
	switch (c) {
	case VERDICT_GREEN:
		return N_("绿 GREEN 可以签到");
	case VERDICT_AMBER:
		return N_("黄 AMBER 需先处理");
	default:
		return N_("红 RED 不能签到");
	}
}

static void print_match(const struct lookup_match *m)
{
	const struct person *a = m->person;
	const struct verdict *v = &m->verdict;
	char *name = text_sanitize(a->name);
	char *org = text_sanitize(a->organisation ? a->organisation : "");

	cli_printf("%s  %s  %s  %s%s\n", a->reg_no, name,
	           a->gender == GENDER_UNKNOWN ? "-" : words_gender(a->gender), org,
	           a->member ? "  会员" : "");
	char *colour = say_text(colour_words(v->colour));
	cli_printf("  %s\n", colour);
	free(colour);
	for (size_t r = 0; r < v->n_reasons; r++) {
		cli_printf("  - %s (%s)\n", rules_reason_text(v->reasons[r]),
		           rules_reason_code(v->reasons[r]));
	}
	cli_printf(
	    "  应交 due %d  已到账 settled %d  待核实 pending %d  需补交 to pay %d  退款 refund %d\n",
	    v->fee_due, v->settled, v->pending, v->to_pay, v->refund);
	cli_print_lodging(&m->lodging);
	if (a->checked_in) {
		cli_sayf("  已于 %s 在 %s 号台由 %s 签到", a->checkin_at, a->checkin_desk,
		         a->checkin_operator);
	}
	free(name);
	free(org);
}

void cli_print_lookup(const struct lookup_result *r)
{
	if (r->n_matches == 0) {
		char *colour = say_text(colour_words(r->verdict.colour));
		cli_printf("%s\n  - %s (%s)\n", colour, rules_reason_text(r->verdict.reasons[0]),
		           rules_reason_code(r->verdict.reasons[0]));
		free(colour);
		return;
	}
	for (size_t i = 0; i < r->n_matches; i++) {
		print_match(&r->matches[i]);
	}
	if (r->total > r->n_matches) {
		cli_sayf("…… 另有 %zu 条，请输入更多字", r->total - r->n_matches);
	}
}

int cmd_lookup(struct cli *cli)
{
	const char *query[1];
	size_t n;
	const struct cli_option options[] = {{NULL, NULL, NULL}};
	struct lookup_result result;
	int exit_code = EXIT_DONE;

	if (!cli_parse(cli, options, query, 1, &n)) {
		return EXIT_USAGE;
	}
	if (n != 1) {
		return cli_usage(cli, "需要查询内容");
	}
	/* lookup only reads: a desk whose database folder is read-only can still answer */
	struct desk *desk = cli_open_desk_read_only(cli, &exit_code);
	if (desk == NULL) {
		return exit_code;
	}
	enum action_status status = action_lookup(desk, query[0], &result);
	if (cli->json) {
		print_json(&result);
	} else {
		cli_print_lookup(&result);
	}
	action_lookup_release(&result);
	desk_close(desk);
	return (int)status;
}
