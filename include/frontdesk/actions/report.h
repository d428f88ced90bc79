/*
 * actions/report (src/actions/report.c): the day's figures, the on-site
 * takings and the refunds, from the stored facts through the same rules as
 * the desk screen. (`report conflicts` is the merge's: actions/merge.h.)
 */
#ifndef FRONTDESK_ACTIONS_REPORT_H
#define FRONTDESK_ACTIONS_REPORT_H

#include <stddef.h>

#include "frontdesk/actions/desk.h"
#include "frontdesk/rules.h"

struct summary {
	int registered; /* every row ever imported */
	int expected;   /* approved and not withdrawn */
	int checked_in;
	int to_collect;    /* money still to collect on site from expected, not checked-in people */
	int refunds_total; /* duplicates, not registered, collective leftovers */
	int supplement_nights; /* as `rooms settle` and `rooms list` count them */
	int green, amber;      /* verdicts among the expected */
	int red;               /* registrations that would be turned away */
	int conflicts;         /* found by merging (report conflicts) */
};

/*
 * report summary: fills *out with the day's figures, the one source of the
 * CLI's and the desk screen's. Nothing to release.
 */
enum action_status action_report_summary(struct desk *desk, struct summary *out);

struct refund_line {
	enum refund_reason reason;
	char *reg_no; /* NULL for a collective leftover */
	char *name;   /* the person, or the paying organisation for a leftover */
	char *organisation;
	char *reference; /* the collective transfer's reference, for a leftover */
	int amount;
};

struct refund_report {
	struct refund_line *lines;
	size_t n;
	int total;
};

/*
 * report refunds: every duplicate payment, payment without a registration,
 * leftover. *out is the caller's: release it with action_refunds_release.
 */
enum action_status action_report_refunds(struct desk *desk, struct refund_report *out);
void action_refunds_release(struct refund_report *out);

/* One on-site card payment, for the e-invoices. */
struct payment_report_line {
	char *reg_no;
	char *name;
	int amount; /* yuan */
	char *reference;
	char *invoice_title; /* NULL when none was given */
	char *taxpayer_no;   /* NULL when none was given */
	char *at;            /* "YYYY-MM-DD HH:MM:SS" */
	char *desk_id;
	char *operator_name;
};

struct payment_report {
	struct payment_report_line *lines; /* on-site card payments in time order */
	size_t n;
	int total;      /* taken on site by card */
	int to_collect; /* still to collect from expected people not yet checked in */
};

/*
 * report payments: on-site takings (for the e-invoices) and what is still to
 * collect. *out is the caller's: release it with action_payments_release.
 */
enum action_status action_report_payments(struct desk *desk, struct payment_report *out);
void action_payments_release(struct payment_report *out);

/* The F3 page: on-site takings and refunds, read together. */
struct money_report {
	struct payment_report payments;
	struct refund_report refunds;
};
/* Fills *out; the caller releases it with action_money_release. */
enum action_status action_report_money(struct desk *desk, struct money_report *out);
void action_money_release(struct money_report *out);

#endif
