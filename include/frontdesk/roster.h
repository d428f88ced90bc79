/*
 * roster: the organisers' registration list (roster.csv, DESIGN section 2),
 * parsed and validated into plain rows.
 *
 * Every bad cell is reported with its line and column, all at once, and a
 * roster with any error is not imported at all: half a roster at the desk is
 * worse than yesterday's whole one. Values are accepted in Chinese or in the
 * English alias; blanks take the defaults documented in docs/import.md.
 */
#ifndef FRONTDESK_ROSTER_H
#define FRONTDESK_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/diag.h"
#include "frontdesk/encoding.h"
#include "frontdesk/event.h"
#include "frontdesk/rules.h"
#include "frontdesk/strpool.h"

/* A field longer than this is refused: no real cell is, a corrupt file often is. */
#define ROSTER_FIELD_MAX 4096

enum gender {
	GENDER_UNKNOWN,
	GENDER_MALE,
	GENDER_FEMALE,
};

enum pay_channel {
	CHANNEL_NONE,       /* 未交费 */
	CHANNEL_ONLINE,     /* 在线支付 */
	CHANNEL_TRANSFER,   /* 个人转账 */
	CHANNEL_COLLECTIVE, /* 集体转账: the money is in collective.csv */
};

enum pay_state {
	PAYSTATE_NONE,      /* 未交费 */
	PAYSTATE_CONFIRMED, /* 已到账 */
	PAYSTATE_PENDING,   /* 待核实 */
};

enum room_request {
	ROOM_NONE,        /* 不住宿 */
	ROOM_KING,        /* 大床房 */
	ROOM_TWIN_SINGLE, /* 双床单住 */
	ROOM_BED,         /* 床位: one bed of a shared twin room */
};

struct roster_row {
	int line;
	char *reg_no;
	char *name;
	enum gender gender;
	char *organisation;
	char *position;
	char *phone;
	bool member;
	enum reg_status status;
	enum pay_channel channel;
	int paid_amount;
	enum pay_state pay_state;
	enum room_request room;
	long arrive; /* day numbers; defaults: first night, the day after the last night */
	long depart;
	char *roommate;      /* a reg_no or a name, as written; resolved by the store */
	char *note;          /* 备注 */
	char *external_code; /* 外部码, NULL when absent */
	char *extra;         /* unknown columns as a JSON object, NULL when none */
};

struct roster {
	struct roster_row *rows;
	size_t n_rows;
	char **unknown_columns; /* header names of columns kept as notes */
	size_t n_unknown;
	enum text_encoding encoding;
	struct diag_list warnings; /* imported anyway: a '?' that may stand for a lost character */
	struct strpool strings;    /* private: the text of every row, freed with the roster */
};

/*
 * Parses the raw bytes of a roster file (any supported encoding). Returns the
 * rows read (free with roster_free) and adds every problem to errs; the caller
 * must not import when errs->n grew. Returns NULL only when the file could not
 * be read as CSV at all (also reported in errs).
 *
 * Every cell is checked raw (length, control characters, bidi overrides:
 * errors naming the line and the column), then normalised (normalise.h):
 * free text (organisation, position, note, unknown columns) as
 * NORMALISE_TEXT, every other cell as NORMALISE_KEY. reg_nos are unique
 * without regard to case; a row that repeats the header is an error.
 */
struct roster *roster_parse(const char *raw, size_t len, const struct event_config *cfg,
                            struct diag_list *errs);

/*
 * roster_parse for a malloc'd raw that the call frees (always), as soon as
 * it is no longer read: a GB18030 file right after its conversion to UTF-8,
 * so a large roster is not held in both encodings while it is parsed.
 */
struct roster *roster_parse_taking(char *raw, size_t len, const struct event_config *cfg,
                                   struct diag_list *errs);

/* Frees a roster; NULL is a no-op. */
void roster_free(struct roster *roster);

/* Stable codes used in the database and JSON: "M"/"F"/"", "approved"..., "online"..., "bed"... */
const char *roster_gender_code(enum gender g);
const char *roster_status_code(enum reg_status s);
const char *roster_channel_code(enum pay_channel c);
const char *roster_pay_state_code(enum pay_state s);
const char *roster_room_code(enum room_request r);

/* Inverse of the above for database values; return false on an unknown code. */
bool roster_gender_from_code(const char *code, enum gender *out);
bool roster_status_from_code(const char *code, enum reg_status *out);
bool roster_room_from_code(const char *code, enum room_request *out);

/*
 * A re-import that withdraws more than this share (percent) of the
 * registrations not yet withdrawn is refused unless the operator names the
 * count: a one-row file must not withdraw the other 179 people.
 */
#define ROSTER_WITHDRAW_SHARE 10

enum withdraw_verdict {
	WITHDRAW_OK,            /* within the share, or exactly the count the operator named */
	WITHDRAW_TOO_MANY,      /* more than ROSTER_WITHDRAW_SHARE percent, no count named */
	WITHDRAW_COUNT_DIFFERS, /* the operator named a count and this is not it */
};

/*
 * Decides whether a re-import may withdraw `would` of `active` registrations.
 * confirmed is the count the operator named (import --allow-withdraw N), or
 * -1 for none. A named count must be exact: it is the number the refusal
 * printed, and a different one means the file is not the one that was seen.
 */
enum withdraw_verdict roster_withdraw_verdict(int would, int active, int confirmed);

/*
 * Parses an amount cell: whole yuan, optionally with ".0"/".00", "," grouping
 * or a leading ¥. Empty is 0. Returns false when it is not such a number.
 */
bool roster_parse_amount(const char *text, int *out);

#endif
