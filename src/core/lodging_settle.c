/*
 * lodging_settle owns the end-of-day `rooms settle` (DESIGN section 3,
 * "Lodging"): the search for moves that pair solo sharers. It is its own file
 * because it is a search over the whole state run once a day, not part of
 * placing one guest at check-in (lodging.c); it uses the same room index.
 *
 * Settle drops every hold, then moves a sharer with alone nights into another
 * room with a lone same-gender sharer when that strictly lowers the total
 * supplement nights. Moving m into room B changes the total by
 * 2 * (paired(m) - overlap(m, B)), so the best move is the one with the
 * largest overlap - paired; ties go to the lower attendee id, then the lower
 * (hotel rank, room index). Both genders are searched together: a man leaving
 * a room can unblock a woman's move into it. The total drops at every move,
 * so it terminates; it returns every move made, even past max. Each step
 * looks at every solo sharer, so it is quadratic in them: fine for an end of
 * check-in day, not meant for 10,000 no-shows. A room with a gender conflict
 * (a gender corrected after the beds were given) is left alone: it is not in
 * the lone index, so nobody moves in, and its sharers are not moved out; only
 * its holds are dropped like every other.
 */
#include "frontdesk/lodging.h"

#include <stdlib.h>

#include "frontdesk/xmalloc.h"
#include "lodging_private.h"

struct move_choice {
	size_t slot; /* LODGING_NONE when no move lowers the total */
	struct lodging_join to;
	int gain;
};

static bool better_move(const struct lodging_state *st, const struct move_choice *a,
                        const struct move_choice *b)
{
	long ida;
	long idb;

	if (b->slot == LODGING_NONE || a->gain != b->gain) {
		return b->slot == LODGING_NONE || a->gain > b->gain;
	}
	ida = st->slots[a->slot].stay.attendee_id;
	idb = st->slots[b->slot].stay.attendee_id;
	if (ida != idb) {
		return ida < idb;
	}
	if (a->to.room != b->to.room) {
		return st->ord[a->to.room] < st->ord[b->to.room];
	}
	return a->slot < b->slot;
}

/* The move of one of the sharers (slots) that lowers the supplement nights the most. */
static struct move_choice best_move(struct lodging_state *st, const size_t *sharers, size_t n)
{
	struct move_choice best = {LODGING_NONE, {LODGING_NONE, 0, 0}, 0};

	for (size_t k = 0; k < n; k++) {
		const struct lodging_stay *s = &st->slots[sharers[k]].stay;
		uint64_t alone = stay_alone(st, s);
		struct move_choice c = {sharers[k], {LODGING_NONE, 0, 0}, 0};

		/* a room with a gender conflict is left as it is (lodging.c): nobody moves out */
		if (alone == 0 || room_conflict(&st->info[s->room].m) != 0) {
			continue;
		}
		c.to = lodging_index_find_lone(&st->lone[sex_slot(s->gender)], s->nights, s->room);
		c.gain = c.to.overlap - popcount(s->nights & ~alone);
		if (c.to.room != LODGING_NONE && c.gain > 0 && better_move(st, &c, &best)) {
			best = c;
		}
	}
	return best;
}

/*
 * Both genders in one loop: a man moving out of a room can unblock a woman's
 * move into it, so settling them one after the other would stop too early.
 */
static size_t settle_sharers(struct lodging_state *st, struct lodging_move *moves, size_t max)
{
	size_t *sharers = xcalloc(st->n_live, sizeof(*sharers));
	size_t n = 0;
	size_t done = 0;
	struct move_choice c;

	for (size_t i = 0; i < st->n_slots; i++) {
		if (st->slots[i].live && st->slots[i].stay.use == USE_SHARED) {
			sharers[n++] = i;
		}
	}
	while ((c = best_move(st, sharers, n)).slot != LODGING_NONE) {
		const struct lodging_stay *s = &st->slots[c.slot].stay;

		if (done < max) {
			moves[done] = (struct lodging_move){s->attendee_id, s->room, s->bed,
			                                    c.to.room, c.to.bed};
		}
		done++;
		lodging_stay_move(st, c.slot, c.to.room, c.to.bed);
	}
	free(sharers);
	return done;
}

size_t lodging_settle(struct lodging_state *state, struct lodging_move *moves, size_t max)
{
	/* run by the supervisor over every desk's merged day: the desks' shares no longer
	 * matter, and pairing sharers across them is what brings the supplement back down */
	lodging_clear_access(state);
	for (size_t i = 0; i < state->n_slots; i++) {
		if (state->slots[i].live && state->slots[i].stay.use == USE_HELD) {
			lodging_stay_delete(state, i);
		}
	}
	return settle_sharers(state, moves, max);
}
