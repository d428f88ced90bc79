/*
 * query: reading registrations back as plain structs, with the payment facts
 * the rules need (individual payments, collective shares, on-site payments).
 */
#ifndef FRONTDESK_QUERY_H
#define FRONTDESK_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/date.h"
#include "frontdesk/db.h"
#include "frontdesk/roster.h"
#include "frontdesk/rules.h"
#include "frontdesk/ticket.h"

struct attendee {
	long id; /* the registration sequence inside the ticket code */
	char *reg_no;
	char *name;
	char *organisation;
	char *position;
	char *phone;
	char *roommate;
	char *note;
	char *external_code;
	enum gender gender;
	bool member;
	enum reg_status status;
	bool withdrawn;
	/* the room request and its nights: a walk-in granted at the desk (walkin) when there
	 * is one, else the roster's booking */
	enum room_request room;
	char arrive[DATE_ISO_LEN + 1];
	char depart[DATE_ISO_LEN + 1];
	bool walkin;
	int walkin_min_rank; /* a walk-in is placed in the hotels from this rank on */
	char secret[TICKET_SECRET_LEN + 1];
	bool checked_in;
	char *checkin_at;
	char *checkin_desk;
	char *checkin_operator;
	struct payment_fact *payments;
	size_t n_payments;
};

/*
 * Loads registration id with its payment facts; collective shares are split
 * with fees. Returns NULL when there is no such id. Free with query_attendee_free.
 */
struct attendee *query_attendee(struct db *db, long id, const struct fee_schedule *fees);

/* Frees a record; NULL is a no-op. */
void query_attendee_free(struct attendee *a);

/* Returns the id of reg_no, matched without regard to case (as written first), or -1. */
long query_id_by_reg_no(struct db *db, const char *reg_no);

/* Returns the id whose external code (外部码) is code, or -1. */
long query_id_by_external_code(struct db *db, const char *code);

/*
 * Finds registrations whose name or reg_no contains text, or whose phone
 * contains it when text is 4 or more digits. Writes up to max ids, ordered by
 * name, into ids and returns how many matched in all (may exceed max).
 */
size_t query_search(struct db *db, const char *text, long *ids, size_t max);

/*
 * Resolves a roommate request text (a reg_no, or a name matching exactly one
 * registration that is not withdrawn) to an id, or -1.
 */
long query_roommate_id(struct db *db, const char *text);

/*
 * Returns the id of a's mutual roommate: both asked for a shared bed, each
 * named the other, both approved and not withdrawn, same gender. -1 when the
 * request is not mutual (it is then ignored by the allocator).
 */
long query_mutual_roommate(struct db *db, const struct attendee *a, const struct fee_schedule *fees,
                           struct attendee **roommate);

/* One booking as `rooms plan` needs it, read for every registration in one query. */
struct booking {
	long id;
	char *reg_no;
	char *name;
	enum gender gender;
	enum room_request room;
	bool eligible; /* approved and not withdrawn */
	long arrive;   /* day numbers */
	long depart;
	char *roommate;  /* the request text, or NULL */
	bool walkin;     /* room, arrive and depart are a walk-in granted at the desk */
	bool checked_in; /* checked in already */
	bool has_bed;    /* has a stay: a bed of their own, or one held for them */
};

/*
 * Returns every registration's booking in reg_no order, a walk-in granted at the
 * desk standing for the roster's booking (the caller frees with query_bookings_free).
 */
size_t query_bookings(struct db *db, struct booking **out);
void query_bookings_free(struct booking *list, size_t n);

typedef void (*query_booking_fn)(const struct booking *b, void *ctx);
/*
 * Calls fn with every registration's booking, in the order and with the facts
 * of query_bookings, one row at a time: *b and its strings are borrowed from
 * the row and valid only during the call. For a caller that keeps less of
 * each booking than the whole list (rooms plan on a 100,000-person event).
 */
void query_each_booking(struct db *db, query_booking_fn fn, void *ctx);

/* One registration as the search index needs it. */
struct search_row {
	long id;
	char *name;
	char *reg_no;
	char *phone;
};

/* Returns every registration's searchable text, ordered by name then reg_no. */
size_t query_search_rows(struct db *db, struct search_row **out);
void query_search_rows_free(struct search_row *rows, size_t n);

/*
 * Fills *out with one registration's searchable text (the strings are the
 * caller's: free them with query_search_rows_free(out, 1) on a heap copy, or
 * one by one); false when there is no such registration.
 */
bool query_search_row(struct db *db, long id, struct search_row *out);

/*
 * Calls each(ctx, a) for every registration in reg_no order, a loaded with the facts
 * query_attendee loads (a is borrowed for the call), until each returns false. Reads them
 * in one pass: for reports and exports over the whole event. Returns false when each stopped.
 */
bool query_each_attendee(struct db *db, const struct fee_schedule *fees,
                         bool (*each)(void *ctx, const struct attendee *a), void *ctx);

/* Returns every registration id in reg_no order (the caller frees *ids) and their count. */
size_t query_all_ids(struct db *db, long **ids);
/* Returns the highest registration id (0 when there is none). */
long query_max_id(struct db *db);

/* Money of one confirmed collective transfer that no eligible member's share used. */
struct collective_leftover {
	char *organisation;
	char *reference;
	int amount;
};

/*
 * Lists the confirmed collective transfers with money left over (refunds to
 * the paying organisation), in file order. The caller frees with
 * query_leftovers_free.
 */
size_t query_collective_leftovers(struct db *db, const struct fee_schedule *fees,
                                  struct collective_leftover **out);
void query_leftovers_free(struct collective_leftover *list, size_t n);

/* Returns the money of confirmed collective transfers that no eligible member's share used. */
int query_collective_leftover_total(struct db *db, const struct fee_schedule *fees);

/* One collective transfer as the card names it. */
struct collective_listing {
	char *organisation;
	char *reference;
	bool confirmed; /* 已到账; false: still under review (待核实) */
};

/*
 * Lists the collective transfers whose member list names reg_no, in file
 * order (a person may be listed by more than one). Returns the count; the
 * caller frees with query_collectives_free.
 */
size_t query_collectives_of(struct db *db, const char *reg_no, struct collective_listing **out);
void query_collectives_free(struct collective_listing *list, size_t n);

#endif
