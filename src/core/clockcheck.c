/*
 * clockcheck: the doctor's judgement of the desk's clock (clockcheck.h).
 * The journal's times are ISO text of one fixed width, so comparing them as
 * strings compares them as times.
 */
#include "frontdesk/clockcheck.h"

#include <string.h>

#include "frontdesk/date.h"

enum clock_verdict clock_judge(const char *now, const char *last_entry, long checkin_date,
                               long departure)
{
	char day_text[DATE_ISO_LEN + 1];
	long today;

	if (now == NULL || strlen(now) < DATE_ISO_LEN) {
		return CLOCK_UNREADABLE;
	}
	memcpy(day_text, now, DATE_ISO_LEN);
	day_text[DATE_ISO_LEN] = '\0';
	if (!date_parse(day_text, &today)) {
		return CLOCK_UNREADABLE;
	}
	if (last_entry != NULL && strcmp(now, last_entry) < 0) {
		return CLOCK_BEHIND_JOURNAL;
	}
	if (today < checkin_date) {
		return CLOCK_BEFORE_EVENT;
	}
	if (today > departure) {
		return CLOCK_AFTER_EVENT;
	}
	return CLOCK_OK;
}
