/*
 * conflict: the merge conflicts and their rules (DESIGN section 4, "Conflicts
 * are never silent ... resolved by a rule the staff can see"). One table in
 * conflict.c holds, for each kind, its stable code, the rule the replay
 * applied and what the staff do; the replay (src/actions/replay.c) asks the
 * functions below which conflict a situation raises, and the merge's lists
 * (CLI, desk screen, export) build their lines here, so a rule is stated once.
 */
#ifndef FRONTDESK_CONFLICT_H
#define FRONTDESK_CONFLICT_H

#include <stdbool.h>

enum conflict_kind {
	/* A code this build does not know (a database written by a newer one). Zero, so
	 * a struct left empty is never taken for a real kind. The replay never raises it. */
	CONFLICT_UNKNOWN,
	CONFLICT_CHECKIN_TWICE,        /* one person checked in at two desks */
	CONFLICT_BED_TWICE,            /* one bed given twice for a night, at two desks */
	CONFLICT_BED_CHANGED,          /* the bed a desk gave is gone for another reason */
	CONFLICT_PAYMENT_TWICE,        /* an on-site payment beyond what was still due */
	CONFLICT_REFERENCE_TWICE,      /* one POS reference recorded for two payments */
	CONFLICT_UNDO_UNMATCHED,       /* an undo of a check-in that is not the standing one, nor
	                                * became it later in the order (a pending undo, replay.c) */
	CONFLICT_UNKNOWN_REGISTRATION, /* an entry about a reg_no this roster lacks */
	CONFLICT_WALKIN_TWICE,         /* a walk-in room given to one person at two desks */
	CONFLICT_COUNT,
};

/* One text in both languages of the desk. */
struct conflict_words {
	const char *zh;
	const char *en;
};

/*
 * Returns the stable upper-case code ("CHECKIN_TWICE", ...) stored in the
 * database and written to exports and --json; "UNKNOWN" for CONFLICT_UNKNOWN
 * or a value outside the enum. Static storage.
 */
const char *conflict_code(enum conflict_kind k);
/* Returns the kind whose code is code exactly, or CONFLICT_UNKNOWN (also for NULL). */
enum conflict_kind conflict_parse(const char *code);

/* Returns the rule the replay applied for kind k: which copy wins, what it did. */
struct conflict_words conflict_rule(enum conflict_kind k);
/*
 * Returns what the staff do about kind k when the rule's remedy is there (the
 * released bed, the new bed). Static storage.
 */
struct conflict_words conflict_todo(enum conflict_kind k);

/* A recorded conflict as plain facts (the store's row, borrowed strings). */
struct conflict_facts {
	enum conflict_kind kind;
	const char *code; /* as recorded, shown as is; NULL: conflict_code(kind) */
	const char *reg_no;
	const char *name;    /* may be NULL */
	const char *desk_id; /* the entry the rule acted on */
	const char *at;
	const char *other_desk; /* the entry it collided with, or NULL */
	const char *other_at;
	const char *room_given; /* the bed the desk gave ("hotel room-bed"), or NULL */
	const char *room_now;   /* where the person sleeps now, or NULL */
	int amount;             /* money to refund, or 0 */
};

/*
 * Returns what the staff do about this conflict: conflict_todo(f->kind), or
 * the fallback when the remedy is missing (a CHECKIN_TWICE that released no
 * bed: nothing else to do; a BED_TWICE or BED_CHANGED with no bed left: call
 * the lodging contact). Static storage.
 */
struct conflict_words conflict_todo_for(const struct conflict_facts *f);

/*
 * Returns the conflict's line for the staff, "[CODE] name（reg_no）：what
 * happened：rule；what to do / the same in English". The caller frees it.
 */
char *conflict_describe(const struct conflict_facts *f);

/*
 * The replay's decisions, so each situation's conflict is chosen here:
 *
 * the part of an on-site payment of amount beyond still_due (what the
 * verdict asked for before it): above 0 it is a PAYMENT_TWICE and a refund;
 */
int conflict_payment_surplus(int amount, int still_due);
/* the kind for a check-in whose bed could not be had: BED_TWICE when an earlier
 * arrival holds it, else BED_CHANGED (the bed is gone from the rooms or request); */
enum conflict_kind conflict_bed_lost(bool taken_by_earlier);
/* whether an undo of the check-in at undone_at by undone_desk names the standing
 * one (standing_at NULL: nobody is checked in); false leaves it waiting for that
 * check-in, and an UNDO_UNMATCHED if it never comes. */
bool conflict_undo_matches(const char *standing_at, const char *standing_desk,
                           const char *undone_at, const char *undone_desk);

#endif
