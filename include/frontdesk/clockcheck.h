/*
 * clockcheck: whether the desk's clock can be trusted (issue 19, `doctor`).
 * Every journal entry carries the time it was made and merges order by it, so
 * a clock behind the last entry this copy holds would write entries that look
 * older than what they follow; and a clock off by days usually means a laptop
 * whose battery lost the date. Pure: the caller reads the clock and the journal.
 */
#ifndef FRONTDESK_CLOCKCHECK_H
#define FRONTDESK_CLOCKCHECK_H

enum clock_verdict {
	CLOCK_OK,             /* within the event's days and not behind the journal */
	CLOCK_BEHIND_JOURNAL, /* earlier than the latest journal entry */
	CLOCK_BEFORE_EVENT,   /* a day before check-in day */
	CLOCK_AFTER_EVENT,    /* a day after the departure day */
	CLOCK_UNREADABLE,     /* now is no "YYYY-MM-DD HH:MM:SS" */
};

/*
 * Judges now ("YYYY-MM-DD HH:MM:SS") against the latest journal entry's time
 * (same form, NULL when none) and the event's days, checkin_date to
 * departure (day numbers, date.h) inclusive.
 */
enum clock_verdict clock_judge(const char *now, const char *last_entry, long checkin_date,
                               long departure);

#endif
