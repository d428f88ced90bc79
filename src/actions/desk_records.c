/*
 * desk_records holds the smaller desk actions: an on-site card payment, a
 * rejection at the desk, and the supervisor's undo. Each is one transaction
 * with its journal entry, and each explains itself in *message. The check of
 * a card payment's POS reference and invoice details lives here too: the
 * check-in's card payment and the desk screen use the same one.
 */
#include "frontdesk/actions/desk_records.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/lookup.h"
#include "frontdesk/gate.h"
#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/query.h"
#include "frontdesk/records.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/uscc.h"
#include "frontdesk/xmalloc.h"
#include "resolve.h"
#include "verdict.h"

/* Opens the transaction and loads the one registration query names, with its verdict. */
static struct attendee *begin_on(struct desk *desk, const char *query, struct verdict *v,
                                 enum action_status *status, char **message)
{
	if (!db_begin(desk->db, message)) {
		*status = ACTION_FAILED;
		return NULL;
	}
	long id = resolve_one(desk, query, v);
	if (id < 0) {
		db_rollback(desk->db);
		*status = ACTION_REFUSED;
		*message = xasprintf("%s：%s / %s", rules_reason_text(v->reasons[0]), query,
		                     rules_reason_code(v->reasons[0]));
		return NULL;
	}
	struct attendee *a = query_attendee(desk->db, id, &desk->cfg->fees);
	action_verdict(desk, a, v);
	return a;
}

/* Appends the journal entry and commits; on failure rolls back and explains. */
static enum action_status finish(struct desk *desk, const char *action, const char *subject,
                                 const char *details, const char *at, char **message)
{
	struct journal_entry entry = {desk->operator_name, action, subject, details, at};
	char *cause = NULL;

	if (journal_append(desk->db, &entry, &cause) < 0 || !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		free(*message);
		*message = cause;
		return ACTION_FAILED;
	}
	return ACTION_OK;
}

static enum action_status refuse(struct desk *desk, struct attendee *a, enum action_status status,
                                 char **message, char *text)
{
	db_rollback(desk->db);
	query_attendee_free(a);
	*message = text;
	return status;
}

/* True when s gives nothing: NULL, empty or spaces only. */
static bool blank(const char *s)
{
	while (s != NULL && *s == ' ') {
		s++;
	}
	return s == NULL || *s == '\0';
}

/* What is wrong with a taxpayer number, in the staff's words, with what to do. */
static char *taxpayer_problem(const struct uscc_problem *why)
{
	switch (why->fault) {
	case USCC_WRONG_LENGTH:
		return say("纳税人识别号应为 18 位统一社会信用代码，这里是 %zu 位，请核对",
		           why->length);
	case USCC_BAD_CHARACTER:
		return say("纳税人识别号第 %zu 位不是统一社会信用代码用的字符（没有字母 I、O、S、"
		           "V、Z，第 3-8 位是数字），请核对",
		           why->position);
	case USCC_BAD_CHECK:
	case USCC_OK:
		break;
	}
	return say("纳税人识别号应为 18 位统一社会信用代码，校验位不符（有字符抄错），请核对");
}

/*
 * The POS reference is what matches the payment to the bank's statement, and
 * the invoice details are what the organisers make the e-invoice out to: a
 * wrong taxpayer number means the attendee cannot claim the fee back, and a
 * number without a title cannot be invoiced at all. An individual leaves both
 * empty (a personal invoice).
 */
enum action_status action_check_card_payment(struct desk *desk, const char *reference,
                                             const char *invoice_title, const char *taxpayer_no,
                                             char **message)
{
	struct uscc_problem why;
	char code[USCC_LENGTH + 1];

	*message = NULL;
	if (blank(reference)) {
		*message = say("POS 凭证号为空，请填写刷卡小票上的凭证号");
	} else if (text_has_control(reference)) {
		*message = say("POS 凭证号含有控制字符，请重新输入");
	} else if (records_reference_used(desk->db, reference)) {
		*message = say("POS 凭证号“%s”已用过，请核对刷卡小票", reference);
	} else if (invoice_title != NULL && text_has_control(invoice_title)) {
		*message = say("发票抬头含有控制字符，请重新输入");
	} else if (!blank(taxpayer_no) && !uscc_check(taxpayer_no, code, &why)) {
		*message = taxpayer_problem(&why);
	} else if (!blank(taxpayer_no) && blank(invoice_title)) {
		*message = say("有纳税人识别号时须填写发票抬头（电子发票开给该单位）");
	}
	return *message != NULL ? ACTION_BAD_INPUT : ACTION_OK;
}

/* A payment the verdict refuses, language by language: the reason (rules_reason_in). */
static char *refused_payment(enum reason r)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] =
		    xasprintf(say_in(i, "不能收费：%s。现场不办理报名"), rules_reason_in(i, r));
	}
	return say_join(texts);
}

static char *payment_problem(struct desk *desk, const struct attendee *a, const struct verdict *v,
                             const struct pay_request *p)
{
	switch (gate_payment_check(v, p->amount)) {
	case GATE_PAYMENT_REFUSED:
		return refused_payment(v->reasons[0]);
	case GATE_PAYMENT_WRONG_AMOUNT:
		return say("金额 %d 不对：%s 还需交 %d 元", p->amount, a->reg_no, v->to_pay);
	case GATE_PAYMENT_OK:
		break;
	}
	char *problem = NULL;
	action_check_card_payment(desk, p->reference, p->invoice_title, p->taxpayer_no, &problem);
	return problem;
}

enum action_status action_pay(struct desk *desk, const char *reg_no,
                              const struct pay_request *payment, char **message)
{
	struct verdict v;
	enum action_status status = ACTION_OK;
	char at[32];
	char *cause = NULL;
	struct attendee *a = begin_on(desk, reg_no, &v, &status, message);

	if (a == NULL) {
		return status;
	}
	char *problem = payment_problem(desk, a, &v, payment);
	if (problem != NULL) {
		bool red = gate_payment_check(&v, payment->amount) == GATE_PAYMENT_REFUSED;
		return refuse(desk, a, red ? ACTION_REFUSED : ACTION_BAD_INPUT, message, problem);
	}
	/* stored as the e-invoice needs them: the code in upper case, nothing for blanks */
	char code[USCC_LENGTH + 1];
	struct onsite_payment p = {payment->amount, payment->reference,
	                           blank(payment->invoice_title) ? NULL : payment->invoice_title,
	                           uscc_check(payment->taxpayer_no, code, NULL) ? code : NULL};
	journal_now(at);
	if (records_add_payment(desk->db, a->id, &p, at, desk->cfg->desk_id, desk->operator_name,
	                        &cause) < 0) {
		return refuse(desk, a, ACTION_FAILED, message, cause);
	}
	struct json j = JSON_INIT;
	json_object_begin(&j);
	json_kv_int(&j, "amount", p.amount);
	json_kv_string(&j, "reference", p.reference);
	json_kv_string(&j, "invoice_title", p.invoice_title);
	json_kv_string(&j, "taxpayer_no", p.taxpayer_no);
	json_object_end(&j);
	*message = say("已记录 %s 现场刷卡 %d 元", a->reg_no, p.amount);
	status = finish(desk, "pay", a->reg_no, json_text(&j), at, message);
	json_release(&j);
	query_attendee_free(a);
	return status;
}

/* Reject and reprint differ only in these: both record a reason about one person. */
struct reasoned {
	const char *action;      /* journal action */
	const char *no_reason;   /* msgid when the reason is missing */
	bool needs_checked_in;   /* reprint: yes; reject: must not be checked in */
	const char *wrong_state; /* msgid when the check-in state is wrong (%s: reg_no) */
	const char *done;        /* msgid when recorded (%s: reg_no) */
	bool (*record)(struct desk *desk, long attendee_id, const char *reason, const char *at,
	               char **cause);
};

static bool record_rejection(struct desk *desk, long id, const char *reason, const char *at,
                             char **cause)
{
	return records_add_rejection(desk->db, id, reason, at, desk->cfg->desk_id,
	                             desk->operator_name, cause);
}

static bool record_reprint(struct desk *desk, long id, const char *reason, const char *at,
                           char **cause)
{
	return records_queue_print(desk->db, id, reason, at, cause);
}

static enum action_status reasoned_action(struct desk *desk, const char *query, const char *reason,
                                          const struct reasoned *spec, char **message)
{
	struct verdict v;
	enum action_status status = ACTION_OK;
	char at[32];
	char *cause = NULL;

	if (reason == NULL || reason[0] == '\0' || text_has_control(reason)) {
		*message = say_text(spec->no_reason);
		return ACTION_BAD_INPUT;
	}
	struct attendee *a = begin_on(desk, query, &v, &status, message);
	if (a == NULL) {
		return status;
	}
	if (a->checked_in != spec->needs_checked_in) {
		return refuse(desk, a, ACTION_REFUSED, message, say(spec->wrong_state, a->reg_no));
	}
	journal_now(at);
	if (!spec->record(desk, a->id, reason, at, &cause)) {
		return refuse(desk, a, ACTION_FAILED, message, cause);
	}
	struct json j = JSON_INIT;
	json_object_begin(&j);
	json_kv_string(&j, "reason", reason);
	json_object_end(&j);
	*message = say(spec->done, a->reg_no);
	status = finish(desk, spec->action, a->reg_no, json_text(&j), at, message);
	json_release(&j);
	query_attendee_free(a);
	return status;
}

enum action_status action_reject(struct desk *desk, const char *query, const char *reason,
                                 char **message)
{
	static const struct reasoned reject = {
	    "reject",
	    N_("请写明拒绝原因"),
	    false,
	    N_("%s 已签到；如需撤销请由主管执行 undo"),
	    N_("已记录拒绝 %s（票仍有效）"),
	    record_rejection,
	};

	return reasoned_action(desk, query, reason, &reject, message);
}

enum action_status action_reprint(struct desk *desk, const char *query, const char *reason,
                                  char **message)
{
	static const struct reasoned reprint = {
	    "reprint",
	    N_("请写明重打原因（如丢失、打印错误）"),
	    true,
	    N_("%s 尚未签到：请先签到，胸牌会自动打印"),
	    N_("已为 %s 排队重打胸牌"),
	    record_reprint,
	};

	return reasoned_action(desk, query, reason, &reprint, message);
}

enum action_status action_undo(struct desk *desk, const char *query, const char *pin,
                               char **message)
{
	struct verdict v;
	enum action_status status = ACTION_OK;
	char *cause = NULL;

	status = action_supervisor_check(desk, "undo", pin, message);
	if (status != ACTION_OK) {
		return status;
	}
	struct attendee *a = begin_on(desk, query, &v, &status, message);
	if (a == NULL) {
		return status;
	}
	if (!a->checked_in) {
		return refuse(desk, a, ACTION_REFUSED, message,
		              say("%s 尚未签到，无需撤销", a->reg_no));
	}
	if (!records_remove_checkin(desk->db, a->id, &cause)) {
		return refuse(desk, a, ACTION_FAILED, message, cause);
	}
	struct json j = JSON_INIT;
	json_object_begin(&j);
	json_kv_string(&j, "checked_in_at", a->checkin_at);
	json_kv_string(&j, "desk", a->checkin_desk);
	json_kv_string(&j, "operator", a->checkin_operator);
	json_object_end(&j);
	*message = say("已撤销 %s 的签到并释放床位；现场交费记录保留", a->reg_no);
	status = finish(desk, "undo", a->reg_no, json_text(&j), NULL, message);
	json_release(&j);
	query_attendee_free(a);
	return status;
}
