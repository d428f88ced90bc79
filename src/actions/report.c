/*
 * report computes the day's figures from the stored facts through the same
 * rules as the desk screen, so the summary can never disagree with a verdict.
 */
#include "frontdesk/actions/report.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/lookup.h"
#include "frontdesk/actions/merge.h"
#include "frontdesk/query.h"
#include "frontdesk/records.h"
#include "frontdesk/stays.h"
#include "frontdesk/xmalloc.h"
#include "verdict.h"

/* The supplement nights as `rooms settle` and `rooms list` count them: from the stored stays. */
static enum action_status summary_lodging(struct desk *desk, struct summary *out)
{
	struct hotel_picture pic;
	char *cause = NULL;

	if (!stays_load(desk->db, desk->cfg->first_night, false, &pic, &cause)) {
		free(cause);
		return ACTION_FAILED;
	}
	out->supplement_nights = lodging_count_supplement_nights(pic.state);
	stays_release(&pic);
	return ACTION_OK;
}

struct summary_pass {
	struct desk *desk;
	struct summary *out;
};

static bool count_one(void *ctx, const struct attendee *a)
{
	struct summary_pass *p = ctx;
	struct summary *out = p->out;
	struct verdict v;

	action_verdict(p->desk, a, &v);
	out->registered++;
	out->refunds_total += v.refund;
	if (rules_expected(a->status, a->withdrawn)) {
		out->expected++;
		out->checked_in += a->checked_in;
		if (!a->checked_in) {
			out->to_collect += v.to_pay;
		}
		out->green += v.colour == VERDICT_GREEN;
		out->amber += v.colour == VERDICT_AMBER;
	}
	/* red counts everyone who would be turned away (pending, rejected, withdrawn):
	 * among the expected alone it could never be anything but 0 */
	out->red += v.colour == VERDICT_RED;
	return true;
}

enum action_status action_report_summary(struct desk *desk, struct summary *out)
{
	struct summary_pass pass = {desk, out};

	memset(out, 0, sizeof(*out));
	query_each_attendee(desk->db, &desk->cfg->fees, count_one, &pass);
	out->refunds_total += query_collective_leftover_total(desk->db, &desk->cfg->fees);
	struct conflict_report conflicts;
	if (action_report_conflicts(desk, &conflicts) == ACTION_OK) {
		out->conflicts = (int)conflicts.n;
		action_conflicts_release(&conflicts);
	}
	return summary_lodging(desk, out);
}

static void add_refund(struct refund_report *out, enum refund_reason reason, const char *reg_no,
                       const char *name, const char *organisation, const char *reference,
                       int amount)
{
	out->lines = xreallocarray(out->lines, out->n + 1, sizeof(*out->lines));
	out->lines[out->n++] = (struct refund_line){
	    reason,
	    reg_no ? xstrdup(reg_no) : NULL,
	    name ? xstrdup(name) : NULL,
	    organisation ? xstrdup(organisation) : NULL,
	    reference ? xstrdup(reference) : NULL,
	    amount,
	};
	out->total += amount;
}

struct refund_pass {
	struct desk *desk;
	struct refund_report *out;
};

static bool refund_one(void *ctx, const struct attendee *a)
{
	struct refund_pass *p = ctx;
	struct verdict v;

	action_verdict(p->desk, a, &v);
	if (v.refund > 0) {
		add_refund(p->out, rules_refund_reason(&v), a->reg_no, a->name, a->organisation,
		           NULL, v.refund);
	}
	return true;
}

enum action_status action_report_refunds(struct desk *desk, struct refund_report *out)
{
	struct refund_pass pass = {desk, out};
	struct collective_leftover *left;
	size_t n_left;

	memset(out, 0, sizeof(*out));
	query_each_attendee(desk->db, &desk->cfg->fees, refund_one, &pass);
	n_left = query_collective_leftovers(desk->db, &desk->cfg->fees, &left);
	for (size_t i = 0; i < n_left; i++) {
		add_refund(out, REFUND_COLLECTIVE_LEFTOVER, NULL, left[i].organisation,
		           left[i].organisation, left[i].reference, left[i].amount);
	}
	query_leftovers_free(left, n_left);
	return ACTION_OK;
}

void action_refunds_release(struct refund_report *out)
{
	for (size_t i = 0; i < out->n; i++) {
		free(out->lines[i].reg_no);
		free(out->lines[i].name);
		free(out->lines[i].organisation);
		free(out->lines[i].reference);
	}
	free(out->lines);
	memset(out, 0, sizeof(*out));
}

enum action_status action_report_payments(struct desk *desk, struct payment_report *out)
{
	struct summary s;

	struct payment_line *stored = NULL;

	memset(out, 0, sizeof(*out));
	out->n = records_list_payments(desk->db, &stored);
	out->lines = xcalloc(out->n ? out->n : 1, sizeof(*out->lines));
	for (size_t i = 0; i < out->n; i++) {
		/* the strings move from the store's lines to the report's */
		const struct payment_line *p = &stored[i];
		out->lines[i] = (struct payment_report_line){.reg_no = p->reg_no,
		                                             .name = p->name,
		                                             .amount = p->amount,
		                                             .reference = p->reference,
		                                             .invoice_title = p->invoice_title,
		                                             .taxpayer_no = p->taxpayer_no,
		                                             .at = p->at,
		                                             .desk_id = p->desk_id,
		                                             .operator_name = p->operator_name};
		out->total += p->amount;
	}
	free(stored);
	action_report_summary(desk, &s);
	out->to_collect = s.to_collect;
	return ACTION_OK;
}

void action_payments_release(struct payment_report *out)
{
	for (size_t i = 0; i < out->n; i++) {
		struct payment_report_line *l = &out->lines[i];
		free(l->reg_no);
		free(l->name);
		free(l->reference);
		free(l->invoice_title);
		free(l->taxpayer_no);
		free(l->at);
		free(l->desk_id);
		free(l->operator_name);
	}
	free(out->lines);
	memset(out, 0, sizeof(*out));
}

enum action_status action_report_money(struct desk *desk, struct money_report *out)
{
	enum action_status status = action_report_payments(desk, &out->payments);

	if (action_report_refunds(desk, &out->refunds) != ACTION_OK) {
		status = ACTION_FAILED;
	}
	return status;
}

void action_money_release(struct money_report *out)
{
	action_payments_release(&out->payments);
	action_refunds_release(&out->refunds);
}
