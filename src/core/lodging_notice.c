/*
 * lodging_notice owns what is said about a place once it is given. The
 * allocation (lodging.c) decides where people sleep; this decides which of
 * its consequences someone must be told, so the card, the check-in reasons
 * and the rooming list can never disagree about who pays a supplement.
 *
 * A walk-in comes second, right after a held bed: the hotel held its block
 * for the bookings, so a room the desk gave beyond them is what the hotel
 * must hear about first (DESIGN section 3: "every swap or move is flagged in
 * the rooming list"). The desk grants a walk-in the type it has, so a swap is
 * rare there, and the hotel and nights-alone columns already show an
 * overflow hotel and a supplement.
 */
#include "frontdesk/lodging_notice.h"

#include <assert.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const note_texts[] = {
    [LODGING_NOTE_NONE] = "",
    [LODGING_NOTE_HELD] = "预留给同住人",
    [LODGING_NOTE_SWAPPED] = "房型调换",
    [LODGING_NOTE_OVERFLOW] = "协议外酒店",
    [LODGING_NOTE_SUPPLEMENT] = "单住补差",
    [LODGING_NOTE_WALKIN] = "现场加订",
    [LODGING_NOTE_GENDER] = "性别待核实",
};

static_assert(ARRAY_LEN(note_texts) == LODGING_NOTE_COUNT, "a lodging note without a text");

void lodging_notice_of(const struct lodging_place_facts *f, struct lodging_notice *out)
{
	memset(out, 0, sizeof(*out));
	out->held = f->use == USE_HELD;
	out->swapped = lodging_is_swapped(f->request, f->use, f->kind);
	out->overflow = f->hotel_rank > 0;
	out->walkin = f->walkin && f->use != USE_HELD;
	out->gender_to_verify = f->use != USE_WHOLE && f->gender_conflict_nights != 0;
	if (f->use == USE_SHARED && f->alone_nights != 0 && !f->roommate_held) {
		out->supplement = true;
		out->supplement_nights = lodging_count_nights(f->alone_nights);
	}
}

enum lodging_note lodging_note_first(const struct lodging_notice *n)
{
	return n->gender_to_verify ? LODGING_NOTE_GENDER
	       : n->held           ? LODGING_NOTE_HELD
	       : n->walkin         ? LODGING_NOTE_WALKIN
	       : n->swapped        ? LODGING_NOTE_SWAPPED
	       : n->overflow       ? LODGING_NOTE_OVERFLOW
	       : n->supplement     ? LODGING_NOTE_SUPPLEMENT
	                           : LODGING_NOTE_NONE;
}

const char *lodging_note_text(enum lodging_note note)
{
	return (unsigned)note < LODGING_NOTE_COUNT ? note_texts[note] : "";
}
