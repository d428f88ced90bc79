/*
 * actions/desk_records (src/actions/desk_records.c): the smaller desk acts on
 * one person (an on-site card payment, a rejection, a badge reprint, the
 * supervisor's undo), each one journalled transaction that explains itself in
 * *message (bilingual; the caller frees it, also on a refusal).
 */
#ifndef FRONTDESK_ACTIONS_DESK_RECORDS_H
#define FRONTDESK_ACTIONS_DESK_RECORDS_H

#include "frontdesk/actions/desk.h"

/* An on-site card payment as the staff enter it (the strings are borrowed). */
struct pay_request {
	int amount;                /* yuan */
	const char *reference;     /* POS reference of the card payment (unique) */
	const char *invoice_title; /* 发票抬头, may be NULL */
	const char *taxpayer_no;   /* 纳税人识别号, may be NULL */
};

/*
 * pay: records an on-site card payment for reg_no, at most what is still to
 * pay, with its POS reference (unique) and invoice details; journalled.
 */
enum action_status action_pay(struct desk *desk, const char *reg_no,
                              const struct pay_request *payment, char **message);

/*
 * Checks a card payment's details before anything is written, as action_pay
 * and action_checkin do: the POS reference is not empty and not used before;
 * a taxpayer number, when given, is a unified social credit code (uscc.h:
 * lower case and spaces are accepted, the upper-case form is stored) and
 * comes with an invoice title. Blank title and number (an individual) are
 * fine. ACTION_OK with *message NULL, or ACTION_BAD_INPUT with *message (the
 * caller frees it) saying what is wrong and what to do.
 */
enum action_status action_check_card_payment(struct desk *desk, const char *reference,
                                             const char *invoice_title, const char *taxpayer_no,
                                             char **message);

/*
 * reject: records that the desk refused this person (e.g. the face does not
 * match the name), with a reason; the ticket stays valid. Journalled.
 */
enum action_status action_reject(struct desk *desk, const char *query, const char *reason,
                                 char **message);

/*
 * reprint: queues another badge for someone already checked in (lost,
 * misprinted), with the reason; journalled; no second check-in.
 */
enum action_status action_reprint(struct desk *desk, const char *query, const char *reason,
                                  char **message);

/*
 * undo (supervisor): with the PIN of event.ini, reverses a check-in and the
 * bed it allocated; on-site payments stay recorded (the money was taken).
 * Journalled with what was reversed.
 */
enum action_status action_undo(struct desk *desk, const char *query, const char *pin,
                               char **message);

#endif
