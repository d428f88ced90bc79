/*
 * checkin is the desk's main act. The verdict is judged inside the write
 * transaction, so two desks (or two keystrokes) cannot both check in the same
 * person, and the check-in, its card payment and its journal entry commit
 * together or not at all.
 */
#include "frontdesk/actions/checkin.h"
#include "frontdesk/actions/desk_records.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/actions/lookup.h"
#include "frontdesk/journal.h"
#include "frontdesk/json.h"
#include "frontdesk/records.h"
#include "frontdesk/say.h"
#include "frontdesk/uscc.h"
#include "frontdesk/xmalloc.h"
#include "allocate.h"
#include "resolve.h"
#include "verdict.h"

/* Whom to call, in language lang (say_in): the contact configured, or the organisers. */
static const char *or_ask(const char *contact, int lang)
{
	return contact ? contact : say_in(lang, "会务组");
}

/* A red verdict's refusal, language by language: its first reason and whom to call. */
static char *refused(const struct desk *desk, const struct checkin_result *out)
{
	enum reason r = out->verdict.reasons[0];
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		const char *why = rules_reason_in(i, r);
		texts[i] = out->person == NULL
		               ? xasprintf(say_in(i, "%s：请核对二维码或报名编号后重试"), why)
		               : xasprintf(say_in(i, "%s。请联系 %s"), why,
		                           or_ask(desk->cfg->contact_registration, i));
	}
	return say_join(texts);
}

static char *refusal_message(const struct desk *desk, const struct checkin_result *out)
{
	const struct verdict *v = &out->verdict;

	if (out->person == NULL) {
		return refused(desk, out);
	}
	if (out->outcome == CHECKIN_ALREADY) {
		const struct person *a = out->person;
		return say("已签到：%s 在 %s 号台由 %s 办理；如需补打胸牌请用重打", a->checkin_at,
		           a->checkin_desk, a->checkin_operator);
	}
	if (v->colour == VERDICT_RED) {
		return refused(desk, out);
	}
	if (out->gate == GATE_NEEDS_VOUCHER) {
		return say("转账待核实：请查看转账凭证后确认");
	}
	return say("需现场刷卡交费 %d 元，请记录 POS 凭证号", v->to_pay);
}

static char *evidence_json(const struct checkin_request *req, const struct checkin_result *out,
                           const struct onsite_payment *p)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_bool(&j, "voucher_seen",
	             req->voucher_seen && rules_has_reason(&out->verdict, REASON_TRANSFER_PENDING));
	if (out->paid_on_site > 0) {
		/* the whole payment, so a merge (replay.c) can write its row again */
		json_kv_int(&j, "card_amount", out->paid_on_site);
		json_kv_string(&j, "card_reference", p->reference);
		json_kv_string(&j, "invoice_title", p->invoice_title);
		json_kv_string(&j, "taxpayer_no", p->taxpayer_no);
	}
	json_object_end(&j);
	char *text = xstrdup(json_text(&j));
	json_release(&j);
	return text;
}

static char *journal_details(const char *evidence, const struct verdict *v,
                             const struct lodging_info *l)
{
	struct json j = JSON_INIT;

	json_object_begin(&j);
	json_kv_string(&j, "verdict", rules_colour_name(v->colour));
	json_key(&j, "reasons");
	json_array_begin(&j);
	for (size_t r = 0; r < v->n_reasons; r++) {
		json_string(&j, rules_reason_code(v->reasons[r]));
	}
	json_array_end(&j);
	strbuf_puts(&j.out, ",\"evidence\":");
	strbuf_puts(&j.out, evidence);
	if (l->allocated) {
		json_key(&j, "lodging");
		json_object_begin(&j);
		json_kv_string(&j, "hotel", l->hotel);
		json_kv_string(&j, "room", l->room);
		json_kv_int(&j, "bed", l->bed);
		json_object_end(&j);
	}
	json_object_end(&j);
	char *text = xstrdup(json_text(&j));
	json_release(&j);
	return text;
}

static void add_reason(struct verdict *v, enum reason r)
{
	if (v->n_reasons < VERDICT_MAX_REASONS && !rules_has_reason(v, r)) {
		v->reasons[v->n_reasons++] = r;
	}
}

/* The lodging facts the staff must tell the guest become reasons of the result. */
static void add_lodging_reasons(struct checkin_result *out)
{
	const struct lodging_info *l = &out->lodging;

	if (l->swapped) {
		add_reason(&out->verdict, REASON_LODGING_SWAPPED);
	}
	if (l->overflow) {
		add_reason(&out->verdict, REASON_LODGING_OVERFLOW);
	}
	if (l->supplement) {
		add_reason(&out->verdict, REASON_SINGLE_SUPPLEMENT);
	}
}

static char *gender_message(const struct desk *desk)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] =
		    xasprintf(say_in(i, "缺少性别，无法安排合住床位；请联系 %s 补全后再签到"),
		              or_ask(desk->cfg->contact_lodging, i));
	}
	return say_join(texts);
}

/* The end of a check-in message in language lang: a roommate expected, alone for now, or none. */
static const char *roommate_note(const struct lodging_info *l, int lang)
{
	if (l->roommate_expected) {
		return say_in(lang, "（同住人未到，床位已预留）");
	}
	return l->supplement ? say_in(lang, "（暂时单住，后到的同性学员会入住）") : "";
}

/* done_message in language lang (say_in). */
static char *done_in(const struct desk *desk, const struct checkin_result *out, int lang)
{
	const struct lodging_info *l = &out->lodging;
	const char *name = out->person->name;

	if (l->no_room_in_share) {
		/* borrowing was not allowed (docs/merge.md): say how a bed can still be found */
		return xasprintf(
		    say_in(lang,
		           "已签到 %s；但本台分到的房间已用完，其他台还有空房。请把其他签到台的最新"
		           "导出合并到本台，再由主管撤销并重新签到以分配床位；或联系 %s"),
		    name, or_ask(desk->cfg->contact_lodging, lang));
	}
	if (l->no_room) {
		return xasprintf(say_in(lang, "已签到 %s；但已无空房，请联系 %s"), name,
		                 or_ask(desk->cfg->contact_lodging, lang));
	}
	if (!l->allocated) {
		return xasprintf(say_in(lang, "已签到 %s（不住宿）"), name);
	}
	if (l->n_roommates > 0) {
		return xasprintf(say_in(lang, "已签到 %s：%s %s 房 %d 床，同住 %s"), name, l->hotel,
		                 l->room, l->bed, l->roommates[0]);
	}
	return xasprintf(say_in(lang, "已签到 %s：%s %s 房 %d 床%s"), name, l->hotel, l->room,
	                 l->bed, roommate_note(l, lang));
}

/* What the staff say after a check-in: the room, and whether a roommate will come. */
static char *done_message(const struct desk *desk, const struct checkin_result *out)
{
	char *texts[2] = {NULL, NULL};

	for (int i = 0; i < say_langs(); i++) {
		texts[i] = done_in(desk, out, i);
	}
	return say_join(texts);
}

/* Writes the payment, the check-in and the journal entry; false with *cause. */
static bool record_checkin(struct desk *desk, const struct attendee *a,
                           const struct checkin_request *req, struct checkin_result *out,
                           char **cause)
{
	char at[32];

	/* the invoice details as the e-invoice needs them (check_card let them through):
	 * the taxpayer number in upper case, nothing for a blank title or number */
	char code[USCC_LENGTH + 1];
	const char *title = req->invoice_title;
	bool has_title = title != NULL && title[strspn(title, " ")] != '\0';
	struct onsite_payment p = {out->verdict.to_pay, req->card_reference,
	                           has_title ? title : NULL,
	                           uscc_check(req->taxpayer_no, code, NULL) ? code : NULL};

	journal_now(at);
	if (req->card_reference != NULL) {
		if (records_add_payment(desk->db, a->id, &p, at, desk->cfg->desk_id,
		                        desk->operator_name, cause) < 0) {
			return false;
		}
		out->paid_on_site = p.amount;
	}
	char *evidence = evidence_json(req, out, &p);
	char *details = journal_details(evidence, &out->verdict, &out->lodging);
	struct journal_entry entry = {desk->operator_name, "checkin", a->reg_no, details, at};
	/* the badge goes to the printer queue with the check-in: a printer that is down never
	 * blocks the desk (DESIGN section 3, "Badge") */
	bool ok = records_add_checkin(desk->db, a->id, at, desk->cfg->desk_id, desk->operator_name,
	                              evidence, cause) &&
	          records_queue_print(desk->db, a->id, NULL, at, cause) &&
	          journal_append(desk->db, &entry, cause) > 0;
	free(evidence);
	free(details);
	return ok;
}

/* Asks core whether the check-in may go ahead (gate.h) and maps the answer onto the outcome. */
static enum action_status judge(const struct checkin_request *req, struct checkin_result *out)
{
	struct gate_evidence given = {req->voucher_seen, req->card_reference != NULL};

	out->gate = gate_decide(&out->verdict, &given);
	switch (out->gate) {
	case GATE_GO:
		out->outcome = CHECKIN_DONE;
		return ACTION_OK;
	case GATE_ALREADY:
		out->outcome = CHECKIN_ALREADY;
		return ACTION_REFUSED;
	case GATE_CARD_NOT_NEEDED:
		out->outcome = CHECKIN_REFUSED;
		return ACTION_BAD_INPUT;
	case GATE_REFUSED:
	case GATE_NEEDS_VOUCHER:
	case GATE_NEEDS_CARD:
	case GATE_COUNT:
		break;
	}
	out->outcome = CHECKIN_REFUSED;
	return ACTION_REFUSED;
}

/* Checks the card details before anything is written. Returns a message, or NULL when fine. */
static char *check_card(struct desk *desk, const struct checkin_request *req,
                        const struct checkin_result *out)
{
	if (req->card_reference == NULL || out->gate == GATE_REFUSED || out->gate == GATE_ALREADY) {
		return NULL; /* the refusal says why; the reference does not matter then */
	}
	if (out->gate == GATE_CARD_NOT_NEEDED) {
		return say("无需交费，请不要刷卡");
	}
	char *problem = NULL;
	action_check_card_payment(desk, req->card_reference, req->invoice_title, req->taxpayer_no,
	                          &problem);
	return problem;
}

/* Judges, allocates and records the check-in of a (NULL when the query matched nobody). */
static enum action_status checkin_of(struct desk *desk, const struct attendee *a,
                                     const struct checkin_request *req, struct checkin_result *out)
{
	char *cause = NULL;
	enum action_status status;

	if (a != NULL) {
		out->person = person_from_attendee(a);
		action_verdict(desk, a, &out->verdict);
	}
	status = a == NULL ? ACTION_REFUSED : judge(req, out);
	char *card_problem = a ? check_card(desk, req, out) : NULL;
	if (card_problem != NULL) {
		out->outcome = CHECKIN_REFUSED;
		out->message = card_problem;
		db_rollback(desk->db);
		return ACTION_BAD_INPUT;
	}
	if (status != ACTION_OK) {
		out->message = refusal_message(desk, out);
		db_rollback(desk->db);
		return status;
	}
	status = allocate_at_checkin(desk, a, &out->lodging, &cause);
	if (status == ACTION_REFUSED) {
		add_reason(&out->verdict, REASON_GENDER_MISSING);
		out->outcome = CHECKIN_REFUSED;
		out->message = gender_message(desk);
		db_rollback(desk->db);
		return status;
	}
	if (status != ACTION_OK || !record_checkin(desk, a, req, out, &cause) ||
	    !db_commit(desk->db, &cause)) {
		db_rollback(desk->db);
		out->outcome = CHECKIN_REFUSED;
		out->message = cause;
		return ACTION_FAILED;
	}
	add_lodging_reasons(out);
	out->message = done_message(desk, out);
	return ACTION_OK;
}

enum action_status action_checkin(struct desk *desk, const struct checkin_request *req,
                                  struct checkin_result *out)
{
	memset(out, 0, sizeof(*out));
	out->outcome = CHECKIN_REFUSED;
	if (!db_begin(desk->db, &out->message)) {
		return ACTION_FAILED;
	}
	long id = resolve_one(desk, req->query, &out->verdict);
	struct attendee *a = id >= 0 ? query_attendee(desk->db, id, &desk->cfg->fees) : NULL;
	enum action_status status = checkin_of(desk, a, req, out);
	query_attendee_free(a);
	return status;
}

void action_checkin_release(struct checkin_result *out)
{
	person_free(out->person);
	action_lodging_release(&out->lodging);
	free(out->message);
	memset(out, 0, sizeof(*out));
}
