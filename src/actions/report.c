/*
 * report computes the day's figures from the stored facts through the same
 * rules as the desk screen, so the summary can never disagree with a verdict.
 */
#include "frontdesk/actions.h"

#include <stdlib.h>
#include <string.h>

enum action_status action_report_summary(struct desk *desk, struct summary *out)
{
	long *ids = NULL;
	size_t n = query_all_ids(desk->db, &ids);

	memset(out, 0, sizeof(*out));
	out->registered = (int)n;
	for (size_t i = 0; i < n; i++) {
		struct attendee *a = query_attendee(desk->db, ids[i], &desk->cfg->fees);
		struct verdict v;
		if (a == NULL) {
			continue;
		}
		action_verdict(desk, a, &v);
		out->refunds_total += v.refund;
		if (a->status == REG_APPROVED && !a->withdrawn) {
			out->expected++;
			out->checked_in += a->checked_in;
			if (!a->checked_in) {
				out->to_collect += v.to_pay;
			}
			out->green += v.colour == VERDICT_GREEN;
			out->amber += v.colour == VERDICT_AMBER;
			out->red += v.colour == VERDICT_RED;
		}
		query_attendee_free(a);
	}
	free(ids);
	out->refunds_total += query_collective_leftover_total(desk->db, &desk->cfg->fees);
	return ACTION_OK;
}
