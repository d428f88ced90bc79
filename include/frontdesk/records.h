/*
 * records: what the desk writes about a registration: the check-in, on-site
 * card payments, rejections and walk-in rooms. These tables are desk-owned (import never
 * touches them). Every function here runs inside the caller's transaction, so
 * an action and its journal entry commit together or not at all.
 */
#ifndef FRONTDESK_RECORDS_H
#define FRONTDESK_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/db.h"

/* Records the check-in of attendee_id; evidence is a JSON object or NULL. False with *cause. */
bool records_add_checkin(struct db *db, long attendee_id, const char *at, const char *desk_id,
                         const char *operator_name, const char *evidence, char **cause);

/* Removes the check-in and every night of lodging of attendee_id. False with *cause. */
bool records_remove_checkin(struct db *db, long attendee_id, char **cause);

struct onsite_payment {
	int amount;
	const char *reference;     /* POS reference of the card payment */
	const char *invoice_title; /* 发票抬头, may be NULL */
	const char *taxpayer_no;   /* 纳税人识别号, may be NULL */
};

/* Records an on-site card payment (confirmed). Returns its id, or -1 with *cause. */
long records_add_payment(struct db *db, long attendee_id, const struct onsite_payment *p,
                         const char *at, const char *desk_id, const char *operator_name,
                         char **cause);

/* Records a rejection at the desk (the ticket stays valid). False with *cause. */
bool records_add_rejection(struct db *db, long attendee_id, const char *reason, const char *at,
                           const char *desk_id, const char *operator_name, char **cause);

/* A room granted at the desk to someone who booked none (lodging_walkin.h). */
struct walkin_grant {
	const char *room_type; /* "king", "twin_single" or "bed" (roster_room_code) */
	const char *arrive;    /* "YYYY-MM-DD" */
	const char *depart;
	int min_rank; /* placed in the hotels from this rank on (lodging_walkin.h) */
};

/*
 * Records a walk-in for attendee_id; from then on it stands for their booking
 * wherever a request is read (query.h, rooming.h), and a re-import leaves it.
 * False with *cause (also when they have one already).
 */
bool records_add_walkin(struct db *db, long attendee_id, const struct walkin_grant *grant,
                        const char *at, const char *desk_id, const char *operator_name,
                        char **cause);

/*
 * Queues a badge for the printer (state 'queued'); reason is NULL for the
 * check-in's own badge and the staff's reason for a reprint. False with *cause.
 */
bool records_queue_print(struct db *db, long attendee_id, const char *reason, const char *at,
                         char **cause);

/* Returns how many badges wait for the printer. */
int records_count_print_queued(struct db *db);

/* Counts registrations expected (approved, not withdrawn) and checked in. */
void records_count_checkins(struct db *db, int *expected, int *checked_in);

/* Sets flags[id] to 1 for every expected registration checked in whose id is below n. */
void records_checked_ids(struct db *db, unsigned char *flags, size_t n);

/* Remembers who is at this desk (setting desk.operator, this copy only). False with *cause. */
bool records_set_operator(struct db *db, const char *name, char **cause);
/* Returns the operator this desk remembers, or NULL; the caller frees it. */
char *records_operator(struct db *db);

/* One on-site payment as listed in the payments report. */
struct payment_line {
	char *reg_no;
	char *name;
	int amount;
	char *reference;
	char *invoice_title;
	char *taxpayer_no;
	char *at;
	char *desk_id;
	char *operator_name;
};

/* Lists every on-site payment in time order; the caller frees with records_payments_free. */
size_t records_list_payments(struct db *db, struct payment_line **lines);
void records_payments_free(struct payment_line *lines, size_t n);

/* Returns true when a reference was already used for another on-site payment. */
bool records_reference_used(struct db *db, const char *reference);

#endif
