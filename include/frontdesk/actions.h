/*
 * actions: every desk action as one function returning a result struct
 * (DESIGN section 5). The CLI and the TUI call these and nothing below them,
 * so a rule is never implemented twice. Each action that writes is one
 * SQLite transaction.
 */
#ifndef FRONTDESK_ACTIONS_H
#define FRONTDESK_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/diag.h"
#include "frontdesk/encoding.h"
#include "frontdesk/event.h"
#include "frontdesk/gate.h"
#include "frontdesk/lodging_notice.h"
#include "frontdesk/print.h"
#include "frontdesk/printq.h"
#include "frontdesk/query.h"
#include "frontdesk/records.h"
#include "frontdesk/rooming.h"
#include "frontdesk/roster_merge.h"
#include "frontdesk/rules.h"

/* Outcomes map one to one onto the CLI's exit codes. */
enum action_status {
	ACTION_OK = 0,        /* done */
	ACTION_REFUSED = 1,   /* red verdict, conflict, already done, not found */
	ACTION_BAD_INPUT = 2, /* bad usage or bad input files */
	ACTION_FAILED = 3,    /* I/O or internal error */
};

struct search_index;

/* An open, initialised desk database with its event; opaque outside src/actions. */
struct desk;

/* Returns the desk's event settings (borrowed, valid until desk_close). */
const struct event_config *desk_config(const struct desk *desk);
/* Returns who is at the desk now (borrowed; changes with action_set_operator). */
const char *desk_operator(const struct desk *desk);
/* Returns the path of the desk's database file (borrowed). */
const char *desk_database_path(const struct desk *desk);

/*
 * Opens the database at path and loads its event. Returns NULL with *cause
 * and *status (ACTION_FAILED, or ACTION_BAD_INPUT when init has not run).
 * operator_name may be NULL ($USER is used). Free with desk_close.
 */
struct desk *desk_open(const char *path, const char *operator_name, enum action_status *status,
                       char **cause);
/* Closes the desk; NULL is a no-op. */
void desk_close(struct desk *desk);

/*
 * init: creates the database at db_path from an event.ini and a rooms.csv.
 * Problems in the files go to errs (ACTION_BAD_INPUT, database untouched).
 */
enum action_status action_init(const char *db_path, const char *event_path, const char *rooms_path,
                               struct diag_list *errs, char **cause);

struct import_outcome {
	struct roster_merge_result counts;
	struct diag_list errors; /* validation problems: when any, nothing was imported */
	enum text_encoding encoding;
	char **unknown_columns;
	size_t n_unknown;
};

/*
 * import: validates roster_path (and collective_path, which may be NULL) and
 * merges them. Any validation error leaves the database unchanged.
 * Release the outcome with action_import_release.
 */
enum action_status action_import(struct desk *desk, const char *roster_path,
                                 const char *collective_path, struct import_outcome *out,
                                 char **cause);
void action_import_release(struct import_outcome *out);

/* Where one person sleeps, as the desk card and the CLI show it. */
struct lodging_info {
	enum room_request request;
	bool allocated;
	bool no_room; /* requested, but nothing was free in any hotel */
	char *hotel;
	char *room;
	char *floor;
	int bed;
	enum room_kind kind;
	bool swapped;           /* a whole-room guest given the other room type */
	bool overflow;          /* an overflow hotel */
	bool roommate_expected; /* the other bed is held for a requested roommate */
	bool supplement;        /* tell the guest about the single supplement (lodging_notice.h) */
	char **roommates;       /* names of the others in the room (any night) */
	size_t n_roommates;
	long first_night;
	uint64_t nights;
	int supplement_nights; /* nights alone so far (final after `rooms settle`) */
	int charge;            /* yuan, paid to the hotel */
};

/* Fills *out with what core says must be told about occupant o of room r (lodging_notice.h). */
void action_place_notice(const struct rooming_room *r, const struct occupant *o,
                         struct lodging_notice *out);

/* Fills *out with attendee a's lodging as stored now. Release with action_lodging_release. */
void action_lodging_view(struct desk *desk, const struct attendee *a, struct lodging_info *out);
void action_lodging_release(struct lodging_info *out);

struct lookup_match {
	struct attendee *attendee;
	struct verdict verdict;
	struct lodging_info lodging; /* the room or bed allocated so far, if any */
};

struct lookup_result {
	struct verdict verdict; /* for a code: the verdict; NOT_FOUND or BAD_CODE when no match */
	bool by_code;           /* the query was a ticket code */
	struct lookup_match *matches;
	size_t n_matches;
	size_t total; /* how many matched before the cut to the first 50 */
};

/*
 * lookup: a ticket code (checked and compared in constant time; a bad one is
 * BAD_CODE and says nothing about whether the person exists), an external
 * code, a reg_no, or a search over names, reg_nos and phone digits.
 * Returns ACTION_REFUSED when nothing matched. Release with action_lookup_release.
 */
enum action_status action_lookup(struct desk *desk, const char *query, struct lookup_result *out);
void action_lookup_release(struct lookup_result *out);

/* Decides the verdict for one loaded registration (shared by lookup and check-in). */
void action_verdict(const struct desk *desk, const struct attendee *a, struct verdict *out);

/* ---- the card's details (card_details.c) ---- */

/* The badge as the newest print job of one person says. */
enum card_badge {
	CARD_BADGE_NONE,    /* no badge queued yet (not checked in) */
	CARD_BADGE_WAITING, /* queued: waits for a pass, or for the printer to come back */
	CARD_BADGE_SENT,    /* handed to the printer */
	CARD_BADGE_PRINTED,
	CARD_BADGE_FAILED, /* needs a person: print --retry */
};

/* What the card shows beyond the verdict and the lodging. */
struct card_details {
	enum card_badge badge; /* the newest print job of this person's badge, NONE without one */
	char *badge_reason;    /* why it failed or waits (the job's reason), or NULL */
	/* the roommate request as the roster wrote it (a reg_no or a name), or NULL */
	char *roommate_requested;
	char *roommate_name;   /* the requested roommate's name when they are registered, or NULL */
	bool roommate_found;   /* the request names exactly one registration (not this one) */
	bool roommate_arrived; /* ... who is checked in */
	/* the collective transfer listing this person (the first of several), or NULL */
	char *collective_organisation;
	char *collective_reference;
	bool collective_pending; /* that transfer is still under review (待核实) */
	int nights;              /* booked nights (arrive..depart), 0 without a room request */
	char arrive[DATE_ISO_LEN + 1]; /* "YYYY-MM-DD" of the booking, "" without one */
	char depart[DATE_ISO_LEN + 1];
	/* whom to call, borrowed from the desk's event.ini [contacts] (NULL when not given) */
	const char *refund_contact;       /* payment: refunds and money */
	const char *registration_contact; /* registration */
};

/*
 * card details: fills *out for registration reg_no (the card's person) with
 * its badge, roommate request, collective transfer, booked stay and contacts.
 * Reads only. ACTION_REFUSED (with *out empty) when no registration has that
 * reg_no. Release with action_card_details_release.
 */
enum action_status action_card_details(struct desk *desk, const char *reg_no,
                                       struct card_details *out);
void action_card_details_release(struct card_details *out);

struct checkin_request {
	const char *query;          /* a ticket code, an external code or a reg_no */
	bool voucher_seen;          /* the staff saw the transfer voucher */
	const char *card_reference; /* POS reference of a card payment of to_pay, or NULL */
	const char *invoice_title;  /* for that payment's e-invoice, may be NULL */
	const char *taxpayer_no;
};

enum checkin_outcome {
	CHECKIN_DONE,
	CHECKIN_ALREADY, /* checked in earlier: attendee->checkin_* say when, where, who */
	CHECKIN_REFUSED, /* red, or amber without the evidence it names */
};

struct checkin_result {
	enum checkin_outcome outcome;
	struct verdict verdict;      /* as judged before the check-in */
	struct attendee *attendee;   /* NULL when the query matched nobody */
	enum gate gate;              /* core's decision (gate.h): GATE_GO when checked in */
	int paid_on_site;            /* the card payment recorded with the check-in */
	struct lodging_info lodging; /* the room or bed allocated by this check-in */
	char *message;               /* bilingual: what happened and what to do next */
};

/*
 * check-in: judges the registration and, when it may go ahead with the
 * evidence given, records the check-in (and the card payment) and journals it,
 * all in one transaction. Never changes anything for a red verdict or a
 * second check-in. Release with action_checkin_release.
 */
enum action_status action_checkin(struct desk *desk, const struct checkin_request *req,
                                  struct checkin_result *out);
void action_checkin_release(struct checkin_result *out);

/*
 * pay: records an on-site card payment for reg_no, at most what is still to
 * pay, with its POS reference (unique) and invoice details; journalled.
 * *message (the caller frees it) says what happened.
 */
enum action_status action_pay(struct desk *desk, const char *reg_no,
                              const struct onsite_payment *payment, char **message);

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

struct rooms_plan_block {
	char *hotel;
	enum room_kind kind;
	long night; /* day number */
	int rooms;  /* rooms to hold that night */
};

struct rooms_plan {
	struct rooms_plan_block *blocks; /* per hotel, type and night, in hotel order */
	size_t n_blocks;
	struct rooming_list pairing; /* the provisional allocation, room by room */
	int placed;
	char **unplaced; /* reg_nos for whom nothing was free */
	size_t n_unplaced;
	int supplement_nights;
	int lower_bound;
};

/*
 * rooms plan: before the event, allocates every approved booking in reg_no
 * order on empty hotels (nothing is written) and returns the room block the
 * hotels must hold and the provisional pairing. Deterministic.
 */
enum action_status action_rooms_plan(struct desk *desk, struct rooms_plan *out, char **cause);
void action_rooms_plan_release(struct rooms_plan *out);

struct rooms_move_line {
	char *reg_no;
	char *from; /* "hotel room" */
	char *to;
};

struct rooms_settle_result {
	struct rooms_move_line *moves;
	size_t n_moves;
	int released_holds;
	int supplement_nights; /* after settling */
	int lower_bound;
};

/*
 * rooms settle (supervisor): releases beds held for roommates who did not
 * come, re-pairs solo sharers where a move is possible, fixes the
 * supplements; one journalled transaction. *cause explains a refusal.
 */
enum action_status action_rooms_settle(struct desk *desk, const char *pin,
                                       struct rooms_settle_result *out, char **cause);
void action_rooms_settle_release(struct rooms_settle_result *out);

/* rooms list: the rooming list for the hotels (rooms with someone in them). */
void action_rooms_list(struct desk *desk, struct rooming_list *out);

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

/* report refunds: every duplicate payment, payment without a registration, leftover. */
enum action_status action_report_refunds(struct desk *desk, struct refund_report *out);
void action_refunds_release(struct refund_report *out);

struct payment_report {
	struct payment_line *lines; /* on-site card payments in time order */
	size_t n;
	int total;      /* taken on site by card */
	int to_collect; /* still to collect from expected people not yet checked in */
};

/* report payments: on-site takings (for the e-invoices) and what is still to collect. */
enum action_status action_report_payments(struct desk *desk, struct payment_report *out);
void action_payments_release(struct payment_report *out);

/* report summary: the day's figures, the one source of the CLI's and the desk screen's. */
enum action_status action_report_summary(struct desk *desk, struct summary *out);

/* The F3 page: on-site takings and refunds, read together. */
struct money_report {
	struct payment_report payments;
	struct refund_report refunds;
};
enum action_status action_report_money(struct desk *desk, struct money_report *out);
void action_money_release(struct money_report *out);

/* The rooms board: rooms with someone in them, and free beds by gender. */
struct rooms_board {
	struct rooming_list list;
	int free_female;
	int free_male;
};
void action_rooms_board(struct desk *desk, struct rooms_board *out);
void action_rooms_board_release(struct rooms_board *out);

/* ---- tickets (issue 6) ---- */

struct tickets_result {
	int written;    /* tickets made: a PNG, a CSV row and a card each */
	int withdrawn;  /* withdrawn registrations skipped */
	char *dir;      /* the folder written */
	char *csv_path; /* DIR/tickets.csv: reg_no, name, phone, code, grouped code, file */
	char *pdf_path; /* DIR/tickets.pdf: the A4 sheet of cards */
};

/*
 * tickets: writes, for every registration not withdrawn (in reg_no order),
 * its ticket QR as DIR/<reg_no>.png (the name made safe for any file
 * system), a row of DIR/tickets.csv (UTF-8 with BOM) and a card of
 * DIR/tickets.pdf. out_dir NULL means "tickets"; it is created (0700) when
 * missing. Existing files of the same names are replaced. ACTION_FAILED with
 * a bilingual *cause (the caller frees it) on an I/O error. Release *out with
 * action_tickets_release.
 */
enum action_status action_tickets(struct desk *desk, const char *out_dir,
                                  struct tickets_result *out, char **cause);
void action_tickets_release(struct tickets_result *out);

/* ---- badge printing (printing.c) ---- */

/* What one pass over the print queue did. */
struct print_pass {
	struct print_status printer; /* the desk printer as this pass found it */
	int submitted;               /* badges handed to CUPS */
	int printed;                 /* badges CUPS reported printed */
	int deferred;                /* left queued with a reason, tried again after the back-off */
	int failed;                  /* given up on until `print --retry` */
	int pending;                 /* queued or sent after the pass */
	char *message;               /* bilingual summary, or the database error */
};

/*
 * print pass: asks CUPS what became of the badges sent earlier, then renders
 * and submits up to max_jobs due badges. A printer that is stopped, missing or
 * not configured leaves them queued with the reason and a back-off (they are
 * due again as soon as a pass finds the printer ready): the printer never
 * makes this block or fail. ACTION_FAILED only when the database fails.
 * Not journalled. The desk screen calls it on its timer; release with
 * action_print_pass_release.
 */
enum action_status action_print_pending(struct desk *desk, int max_jobs, struct print_pass *out);
void action_print_pass_release(struct print_pass *out);

/* The queue and the printer, for `print --status` and the status line. */
struct print_report {
	struct print_status printer;
	struct printq_job *jobs; /* every job, oldest first */
	size_t n_jobs;
	int counts[PRINTQ_N_STATES];
};

/* print --status: reads the queue and asks CUPS for the printer's state. Release with
 * action_print_report_release. */
enum action_status action_print_status(struct desk *desk, struct print_report *out);
void action_print_report_release(struct print_report *out);

/*
 * print --retry: queues the failed badges again (not those of undone
 * check-ins) and makes every waiting one due now; *message (the caller frees
 * it) says how many. Follow it with action_print_pending.
 */
enum action_status action_print_retry(struct desk *desk, char **message);

/* ---- end-of-day export (export.c, DESIGN section 4) ---- */

#include "frontdesk/usb.h"

/* Rows written per table. */
struct export_counts {
	int checkins;
	int rooming; /* occupants listed */
	int payments;
	int refunds;
	int conflicts; /* merge conflicts (merge.h) */
	int attendance;
	long journal; /* entries in journal.csv and the bundle */
};

/* What went wrong, for the message and the CLI's --json "failure". */
enum export_failure {
	EXPORT_FAIL_NONE,
	EXPORT_FAIL_TARGET,    /* the target folder does not exist or is not a folder */
	EXPORT_FAIL_FULL,      /* no space left on the drive */
	EXPORT_FAIL_GONE,      /* the drive was removed or unmounted meanwhile */
	EXPORT_FAIL_IO,        /* a write or read error: a failing or pulled drive */
	EXPORT_FAIL_READ_ONLY, /* read-only or not writable */
	EXPORT_FAIL_VERIFY,    /* a file read back differently from what was written */
	EXPORT_FAIL_DATABASE,  /* the database could not be read */
};

/* One file of a finished export, as listed in SHA256SUMS. */
struct export_file_info {
	char *name;
	char sha256[65];
	uint64_t bytes;
};

struct export_result {
	enum export_failure failure;
	char *message;     /* bilingual: what happened and what to do next */
	char *folder;      /* the finished folder (target/name), NULL on failure */
	char *exported_at; /* "YYYY-MM-DD HH:MM:SS" */
	struct export_file_info *files;
	size_t n_files;
	uint64_t bytes;        /* written in all */
	uint64_t needed_bytes; /* for a full drive: about what the export needs */
	uint64_t free_bytes;   /* for a full drive: what is free now */
	char *left_behind;     /* a temporary folder that could not be removed, or NULL */
	struct export_counts counts;
};

/*
 * export (supervisor's end of day): writes into target_dir the folder
 * frontdesk-<event>-<desk>-<YYYYMMDD-HHMM> with checkins, rooming-list,
 * payments, refunds, attendance and journal as CSV and .xlsx, snapshot.db
 * (backup API), bundle.jsonl (the sync bundle) and SHA256SUMS, all from one
 * read of the database. The folder is written hidden, fsynced, read back and
 * checked, then renamed into place, so the drive holds either the whole
 * export or none of it. Afterwards the time goes to the setting export.last.
 * ACTION_BAD_INPUT when target_dir is no folder, ACTION_FAILED for a full,
 * removed or failing drive (the database is untouched). Release with
 * action_export_release.
 */
enum action_status action_export(struct desk *desk, const char *target_dir,
                                 struct export_result *out);
void action_export_release(struct export_result *out);

/* Returns a stable lower-case code for a failure ("full", "gone", ...), for --json. */
const char *action_export_failure_code(enum export_failure f);

struct export_verify_result {
	size_t n_checked;
	char **bad; /* "name: what is wrong", one per file that fails */
	size_t n_bad;
	char *message; /* bilingual */
};

/*
 * export --verify: checks every file SHA256SUMS lists in folder against its
 * digest. ACTION_OK when all match, ACTION_REFUSED when any differs or is
 * missing, ACTION_BAD_INPUT when there is no readable SHA256SUMS.
 */
enum action_status action_export_verify(const char *folder, struct export_verify_result *out);
void action_export_verify_release(struct export_verify_result *out);

/*
 * The removable drives an export can go to (usb_find; NULL paths for the
 * system's). ACTION_FAILED with *cause when the mount table cannot be read.
 */
enum action_status action_export_drives(const char *mounts_path, const char *sys_block,
                                        struct usb_drive_list *out, char **cause);

/*
 * desk-id: gives this copy of the prepared database its own desk id (DESIGN
 * section 4). Refused (ACTION_REFUSED) once the database has journal entries
 * of its own, because they are identified by (desk id, sequence); an invalid
 * id is ACTION_BAD_INPUT. *message (the caller frees it) says what happened.
 */
enum action_status action_desk_id(struct desk *desk, const char *id, char **message);

struct badges_result {
	int badges;
	int pages;
	char *message; /* bilingual, on failure */
};

/*
 * badges: renders the badge of reg_no, or of every registration that is not
 * withdrawn when reg_no is NULL, into the PDF at pdf with the layout named
 * size ("default", "a6", "a4" for the sheet). ACTION_BAD_INPUT for an unknown
 * reg_no, ACTION_FAILED for a missing layout or a write error (nothing is
 * left at pdf then). Release with action_badges_release.
 */
enum action_status action_badges(struct desk *desk, const char *reg_no, const char *size,
                                 const char *pdf, struct badges_result *out);
void action_badges_release(struct badges_result *out);

/* The figures of the desk screen's status line. */
struct desk_status {
	int expected;
	int checked_in;
	int free_female; /* beds a woman could take: beside a lone woman, or in an empty twin */
	int free_male;
	int print_queued;
	char *printer_state; /* as the last print pass saw it (print_state_name), or NULL */
	char *last_export;   /* "YYYY-MM-DD HH:MM:SS", or NULL */
};

/* status: reads the status line's figures; nothing here waits on a device. */
void action_desk_status(struct desk *desk, struct desk_status *out);
void action_desk_status_release(struct desk_status *out);

/*
 * Returns a number that changes whenever the desk's data changes (this desk's
 * writes, or another process's once seen). The desk screen rebuilds a view
 * model only when it moved; reading it runs no statement.
 */
unsigned long action_data_stamp(struct desk *desk);

/* Starts counting the database statements the desk runs; returns the count so far. */
void action_count_statements(struct desk *desk);
unsigned long action_statement_count(const struct desk *desk);

/* Returns the operator this desk remembers (the caller frees it), or NULL. */
char *action_operator_remembered(struct desk *desk);

/*
 * operator: who is at the desk from now on; every journal entry and export
 * row carries it. Remembered by this copy. ACTION_BAD_INPUT for an empty name
 * or one with control characters. *message (the caller frees it) says what
 * happened and what to do next.
 */
enum action_status action_set_operator(struct desk *desk, const char *name, char **message);

/* Returns true when pin is the supervisor PIN of event.ini (constant-time compare). */
bool action_supervisor_ok(const struct desk *desk, const char *pin);

/* Returns the time of the last export ("YYYY-MM-DD HH:MM:SS"), or NULL; the caller frees it. */
char *action_export_last(struct desk *desk);

/*
 * rooming_rows: the rooming list for the hotel as one table, the single source
 * of the header and cells of `rooms list --csv` and of the export's
 * rooming-list sheet, so the two cannot drift apart.
 */
#define ROOMING_ROWS_COLUMNS 14

/* One cell: a number (the workbook stores it as one) or a borrowed text, NULL as empty. */
struct rooming_cell {
	bool number;
	long value;
	const char *text;
};

/* One occupant's row; its date cells point into the row's own buffers. */
struct rooming_row {
	struct rooming_cell cells[ROOMING_ROWS_COLUMNS];
	char arrive[DATE_ISO_LEN + 1];
	char depart[DATE_ISO_LEN + 1];
};

/* Returns the ROOMING_ROWS_COLUMNS column names, in Chinese (static, never freed). */
const char *const *action_rooming_rows_header(void);

/* Called with each row in turn; row and its texts are valid during the call only.
 * Return false to stop. */
typedef bool (*rooming_rows_fn)(void *ctx, const struct rooming_row *row);

/* Calls fn for every occupant of l, room by room (action_rooms_list's order); returns the
 * number of rows passed to fn. */
size_t action_rooming_rows_each(const struct desk *desk, const struct rooming_list *l,
                                rooming_rows_fn fn, void *ctx);

/* Returns the rooming list as CSV for Excel (BOM, header, a CRLF line per occupant); the
 * caller frees it. */
char *action_rooming_rows_csv(const struct desk *desk, const struct rooming_list *l);

#endif
