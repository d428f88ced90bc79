/*
 * badges renders badge PDFs for the `badge`/`badges` commands, and says what
 * a badge shows, which the print queue uses for every printed badge: one
 * place decides a badge's text and code.
 */
#include "frontdesk/progress.h"
#include "frontdesk/actions/badges.h"
#include "badges_private.h"
#include "desk_private.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/query.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

char *badges_layout(const char *size, char **cause)
{
	const char *roots[] = {getenv("FRONTDESK_ASSETS"), FRONTDESK_SOURCE_ASSETS,
	                       FRONTDESK_INSTALLED_ASSETS};
	char *path = badge_layout_path(roots, sizeof(roots) / sizeof(roots[0]), size);

	if (path == NULL) {
		*cause = say("找不到胸牌版式 %s（badge/%s.ini）", size, size);
	}
	return path;
}

bool badges_fields(const struct desk *desk, const struct attendee *a,
                   char code[TICKET_CODE_LEN + 1], struct badge_fields *f, char **cause)
{
	if (!ticket_format(desk->cfg->code, a->id, a->secret, code)) {
		*cause = say("%s 的签到码无法生成", a->reg_no);
		return false;
	}
	*f = (struct badge_fields){desk->cfg->name, a->name, a->organisation, a->position, code};
	return true;
}

/* Adds the badges of ids (one id: whoever it is; several: not the withdrawn). */
static bool add_all(struct desk *desk, struct badge_sheet *sheet, const long *ids, size_t n,
                    int *count, char **cause)
{
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		struct attendee *a = query_attendee(desk->db, ids[i], &desk->cfg->fees);
		char code[TICKET_CODE_LEN + 1];
		struct badge_fields f;
		if (a != NULL && (n == 1 || !a->withdrawn)) {
			ok = badges_fields(desk, a, code, &f, cause) &&
			     badge_sheet_add(sheet, &f, cause);
			*count += ok;
		}
		query_attendee_free(a);
		progress_tick(N_("胸牌"), (long)i + 1, (long)n, 8);
	}
	progress_end(N_("胸牌"));
	return ok;
}

static bool render(struct desk *desk, const char *layout_path, const long *ids, size_t n,
                   const char *pdf, struct badges_result *out)
{
	struct badge_layout *l = badge_layout_load(layout_path, &out->message);
	struct badge_sheet *sheet = l ? badge_sheet_new(l, pdf, &out->message) : NULL;
	bool ok = sheet != NULL && add_all(desk, sheet, ids, n, &out->badges, &out->message);

	if (ok) {
		out->pages = badge_sheet_pages(sheet);
		ok = badge_sheet_finish(sheet, &out->message);
	} else {
		badge_sheet_discard(sheet);
	}
	badge_layout_free(l);
	return ok;
}

enum action_status action_badges(struct desk *desk, const char *reg_no, const char *size,
                                 const char *pdf, struct badges_result *out)
{
	long *ids = NULL;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	char *layout = badges_layout(size, &out->message);
	if (layout == NULL) {
		return ACTION_FAILED;
	}
	if (reg_no != NULL) {
		ids = xmalloc(sizeof(long));
		ids[0] = query_id_by_reg_no(desk->db, reg_no);
		n = 1;
	} else {
		n = query_all_ids(desk->db, &ids);
	}
	enum action_status status = ACTION_OK;
	if (reg_no != NULL && ids[0] < 0) {
		out->message = say("没有报名编号 %s", reg_no);
		status = ACTION_BAD_INPUT;
	} else if (!render(desk, layout, ids, n, pdf, out)) {
		status = ACTION_FAILED;
	}
	free(ids);
	free(layout);
	return status;
}

void action_badges_release(struct badges_result *out)
{
	free(out->message);
	memset(out, 0, sizeof(*out));
}
