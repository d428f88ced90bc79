/*
 * lodging_charge owns what lodging costs (DESIGN section 3, "Lodging"): the
 * single-supplement nights of a state and their lower bound, the charge for
 * one stay, and the night masks those are counted in. It is its own file
 * because it only reads stays: nothing here places, moves or removes anyone.
 */
#include "frontdesk/lodging.h"

#include "lodging_private.h"

int lodging_count_supplement_nights(const struct lodging_state *state)
{
	int total = 0;

	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live) {
			total += popcount(stay_alone(state, &state->slots[i].stay));
		}
	}
	return total;
}

int lodging_supplement_lower_bound(const struct lodging_state *state)
{
	uint64_t odd[2] = {0, 0}; /* nights with an odd number of sharers, per gender */

	for (size_t i = 0; i < state->n_slots; i++) {
		const struct lodging_stay *s = &state->slots[i].stay;

		if (state->slots[i].live && s->use == USE_SHARED && sex_slot(s->gender) >= 0) {
			odd[sex_slot(s->gender)] ^= s->nights;
		}
	}
	return popcount(odd[0]) + popcount(odd[1]);
}

int lodging_charge(const struct lodging_rates *rates, enum lodging_use use, uint64_t nights,
                   uint64_t alone_nights)
{
	int alone = popcount(nights & alone_nights);

	switch (use) {
	case USE_WHOLE:
		return rates->room_night * popcount(nights);
	case USE_SHARED:
		return rates->bed_night * (popcount(nights) - alone) + rates->room_night * alone;
	case USE_HELD:
		break;
	}
	return 0;
}

uint64_t lodging_nights_mask(long first_night, long arrive, long depart)
{
	unsigned long lo;
	unsigned long hi;

	if (depart <= arrive || depart <= first_night) {
		return 0;
	}
	/* Unsigned differences: day numbers far apart must not overflow. */
	lo = arrive > first_night ? (unsigned long)arrive - (unsigned long)first_night : 0;
	hi = (unsigned long)depart - (unsigned long)first_night;
	if (lo >= LODGING_MAX_NIGHTS) {
		return 0;
	}
	if (hi > LODGING_MAX_NIGHTS) {
		hi = LODGING_MAX_NIGHTS;
	}
	return (hi - lo == 64 ? ~0ULL : ((1ULL << (hi - lo)) - 1)) << lo;
}

int lodging_count_nights(uint64_t nights)
{
	return popcount(nights);
}

/* The swap rule lives here, once: the desk card, the rooming list and the export all ask it. */
bool lodging_is_swapped(enum room_request request, enum lodging_use use, enum room_kind kind)
{
	return use == USE_WHOLE && ((request == ROOM_KING && kind == ROOMKIND_TWIN) ||
	                            (request == ROOM_TWIN_SINGLE && kind == ROOMKIND_KING));
}

void lodging_stay_span(long first_night, uint64_t nights, long *arrive, long *depart)
{
	int lo = -1, hi = -1;

	for (int bit = 0; bit < LODGING_MAX_NIGHTS; bit++) {
		if (nights & (UINT64_C(1) << bit)) {
			lo = lo < 0 ? bit : lo;
			hi = bit;
		}
	}
	*arrive = first_night + (lo < 0 ? 0 : lo);
	*depart = first_night + hi + 1;
}
