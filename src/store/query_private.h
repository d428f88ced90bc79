/*
 * query_private: what query.c (one registration) and query_each.c (every
 * registration in one pass) share, so the two read a registration the same way.
 */
#ifndef FRONTDESK_STORE_QUERY_PRIVATE_H
#define FRONTDESK_STORE_QUERY_PRIVATE_H

#include <sqlite3.h>

#include "frontdesk/query.h"

/* The registration's columns as query_read_row reads them; a WHERE or ORDER BY may follow. */
#define QUERY_ATTENDEE_SELECT                                                                \
	"SELECT a.id, reg_no, name, gender, organisation, position, phone, member, status, " \
	"withdrawn, coalesce(w.room_type, a.room_type), coalesce(w.arrive, a.arrive), "      \
	"coalesce(w.depart, a.depart), roommate, note, external_code, secret, "              \
	"c.at, c.desk_id, c.operator, w.attendee_id IS NOT NULL, "                           \
	"coalesce(w.min_rank, 0) FROM attendee a "                                           \
	"LEFT JOIN checkin c ON c.attendee_id = a.id LEFT JOIN walkin w ON "                 \
	"w.attendee_id = a.id "

/* Fills *a (zeroed, no payments yet) from a row of QUERY_ATTENDEE_SELECT. */
void query_read_row(sqlite3_stmt *stmt, struct attendee *a);

/* Adds one payment fact; an amount of 0 or less is no payment and is left out. */
void query_add_payment(struct attendee *a, enum payment_kind kind, int amount, bool confirmed);

/* The payment kind of a payment row's source column. */
enum payment_kind query_payment_kind(const unsigned char *source);

#endif
