/*
 * attendance owns the rules of the training days (attendance.h): the one
 * statement of what counts as attended, late, left early and absent, used by
 * the door (attend_decide) and by the certificates (attend_judge), so the
 * answer at the door and the report never disagree.
 *
 * "Later than half the session's length" is strict: a sign-in exactly at the
 * half still counts, as a teacher's register would take it.
 */
#include "frontdesk/attendance.h"

#include <stddef.h>

/* Minutes beyond which a share of the length is crossed: length * percent / 100. */
static bool beyond_share(long minutes, long length, int percent)
{
	return minutes * 100 > length * percent;
}

void attend_judge(const struct session *s, const struct attend_settings *set,
                  const struct attend_record *r, struct attend_judgement *out)
{
	long start = programme_start(s), end = programme_end(s), length = end - start;

	*out = (struct attend_judgement){0};
	if (r->in < 0) {
		out->absence = ABSENCE_NO_SIGN_IN;
	} else {
		long late = r->in - start;
		out->late_minutes = late > set->late_grace ? (int)late : 0;
		if (beyond_share(late, length, set->absent_percent)) {
			out->absence = ABSENCE_TOO_LATE;
		} else if (s->sign_out && r->out < 0) {
			out->absence = ABSENCE_NO_SIGN_OUT;
		} else if (s->sign_out) {
			long early = end - r->out;
			out->early_minutes = early > 0 ? (int)early : 0;
			if (beyond_share(early, length, set->absent_percent)) {
				out->absence = ABSENCE_LEFT_EARLY;
			}
		}
	}
	out->attended = out->absence == ABSENCE_NONE;
	out->excused = !out->attended && r->excused;
	out->satisfied = out->attended || (out->excused && set->excused_counts);
}

void attend_summarise(const struct session *sessions, const struct attend_judgement *judgements,
                      size_t n, struct attend_summary *out)
{
	*out = (struct attend_summary){0};
	for (size_t i = 0; i < n; i++) {
		const struct attend_judgement *j = &judgements[i];
		if (j->attended) {
			out->hours_tenths += sessions[i].hours_tenths;
			out->late += j->late_minutes > 0;
			out->left_early += j->early_minutes > 0;
		}
		out->excused += j->excused;
		out->missed += sessions[i].required && !j->satisfied;
	}
	out->eligible = out->missed == 0;
}

/* Whether s is open at now for request. */
static bool is_open(const struct session *s, long now, const struct attend_settings *set,
                    enum attend_request request)
{
	if (request == ATTEND_SIGN_OUT) {
		return s->sign_out && now >= programme_start(s) &&
		       now <= programme_end(s) + set->open_before;
	}
	return now >= programme_start(s) - set->open_before && now <= programme_end(s);
}

long attend_pick(const struct session *sessions, size_t n, long now,
                 const struct attend_settings *set, enum attend_request request)
{
	long found = -1;

	for (size_t i = 0; i < n; i++) {
		if (is_open(&sessions[i], now, set, request)) {
			if (found >= 0) {
				return -2;
			}
			found = (long)i;
		}
	}
	return found;
}

static void decide_sign_in(const struct session *s, const struct attend_settings *set, long now,
                           struct attend_decision *out)
{
	long late = now - programme_start(s);

	out->record = true;
	if (beyond_share(late, programme_end(s) - programme_start(s), set->absent_percent)) {
		out->scan = SCAN_TOO_LATE;
		out->colour = ATTEND_AMBER;
		out->late_minutes = (int)late;
	} else if (late > set->late_grace) {
		out->scan = SCAN_LATE;
		out->colour = ATTEND_AMBER;
		out->late_minutes = (int)late;
	} else {
		out->scan = SCAN_ON_TIME;
		out->colour = ATTEND_GREEN;
	}
}

static void decide_sign_out(const struct session *s, long now, struct attend_decision *out)
{
	long early = programme_end(s) - now;

	out->record = true;
	out->early_minutes = early > 0 ? (int)early : 0;
	out->scan = early > 0 ? SCAN_LEFT_EARLY : SCAN_SIGNED_OUT;
	out->colour = early > 0 ? ATTEND_AMBER : ATTEND_GREEN;
}

static void refuse(struct attend_decision *out, enum attend_scan scan, enum attend_colour colour)
{
	out->scan = scan;
	out->colour = colour;
	out->record = false;
}

void attend_decide(const struct session *s, const struct attend_settings *set, long now,
                   enum attend_request request, const struct attend_person *p,
                   const struct attend_record *r, bool override, struct attend_decision *out)
{
	bool out_req = request == ATTEND_SIGN_OUT;

	*out = (struct attend_decision){0};
	if (out_req && !s->sign_out) {
		refuse(out, SCAN_NO_SIGN_OUT, ATTEND_RED);
	} else if (!is_open(s, now, set, request)) {
		refuse(out, SCAN_CLOSED, ATTEND_RED);
	} else if (out_req ? r->out >= 0 : r->in >= 0) {
		refuse(out, SCAN_ALREADY, ATTEND_AMBER);
	} else if (out_req && r->in < 0) {
		refuse(out, SCAN_NOT_SIGNED_IN, ATTEND_RED);
	} else if (!out_req && !override && (!p->approved || !p->checked_in)) {
		refuse(out, p->approved ? SCAN_NOT_CHECKED_IN : SCAN_NOT_APPROVED, ATTEND_RED);
		out->overridable = true;
	} else if (out_req) {
		decide_sign_out(s, now, out);
	} else {
		decide_sign_in(s, set, now, out);
	}
}

const char *attend_scan_code(enum attend_scan scan)
{
	static const char *const codes[] = {
	    [SCAN_ON_TIME] = "ON_TIME",
	    [SCAN_LATE] = "LATE",
	    [SCAN_TOO_LATE] = "TOO_LATE",
	    [SCAN_SIGNED_OUT] = "SIGNED_OUT",
	    [SCAN_LEFT_EARLY] = "LEFT_EARLY",
	    [SCAN_ALREADY] = "ALREADY",
	    [SCAN_NOT_APPROVED] = "NOT_APPROVED",
	    [SCAN_NOT_CHECKED_IN] = "NOT_CHECKED_IN",
	    [SCAN_NOT_SIGNED_IN] = "NOT_SIGNED_IN",
	    [SCAN_NO_SIGN_OUT] = "NO_SIGN_OUT",
	    [SCAN_CLOSED] = "CLOSED",
	};

	return codes[scan];
}
