/*
 * burst decides scan or typing from timing and shape alone. Timing: every
 * character of a scan follows the one before within BURST_GAP_MS, and so does
 * its Enter. Shape: at least BURST_MIN_LEN characters of a code's alphabet
 * (digits, letters, '-') with at least BURST_MIN_DIGITS digits, so a name
 * pasted or typed by a fast hand followed by Enter is still typing. A key
 * outside that alphabet ends the burst: it was a person. Full-width digits and
 * letters count as the ASCII they stand for.
 */
#include "burst.h"

#include <curses.h>
#include <string.h>

#include "frontdesk/normalise.h"

static bool is_code_char(unsigned int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       ch == '-';
}

static size_t digits_in(const struct burst *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->len; i++) {
		n += b->code[i] >= '0' && b->code[i] <= '9';
	}
	return n;
}

void burst_init(struct burst *b)
{
	memset(b, 0, sizeof(*b));
	b->last_ms = -1;
	b->cr_ms = -1;
}

static bool close_to(long then, long now)
{
	return then >= 0 && now - then <= BURST_GAP_MS;
}

static void forget(struct burst *b)
{
	b->len = 0;
	b->code[0] = '\0';
	b->overflow = false;
}

bool burst_holds(const struct burst *b, long now_ms)
{
	bool digit = b->len == 1 && b->code[0] >= '0' && b->code[0] <= '9';

	return (b->len >= 2 || digit) && close_to(b->last_ms, now_ms);
}

/* An Enter: a scan when the burst has a code's shape and the Enter came at scanner speed. */
static enum burst_event enter(struct burst *b, long now)
{
	bool scan = b->len >= BURST_MIN_LEN && !b->overflow && digits_in(b) >= BURST_MIN_DIGITS &&
	            close_to(b->last_ms, now);

	if (!scan) {
		forget(b);
		return BURST_ENTER;
	}
	b->code[b->len] = '\0';
	b->len = 0; /* code stays readable until the next key */
	b->last_ms = -1;
	return BURST_SCAN;
}

enum burst_event burst_feed(struct burst *b, bool is_key_code, unsigned int ch, long now_ms)
{
	bool lf = !is_key_code && ch == '\n';
	bool cr = !is_key_code && ch == '\r';

	if (lf && close_to(b->cr_ms, now_ms)) {
		b->cr_ms = -1;
		return BURST_SWALLOW;
	}
	b->cr_ms = cr ? now_ms : -1;
	if (cr || lf || (is_key_code && ch == KEY_ENTER)) {
		return enter(b, now_ms);
	}
	/*
	 * A scanner is a keyboard: with a Chinese input method left in full-width
	 * mode its digits arrive as ０-９ (U+FF10-U+FF19), folded here to the digits
	 * they stand for (normalise.h), so such a scan is still a scan.
	 */
	if (!is_key_code) {
		ch = normalise_fold_char(ch);
	}
	if (is_key_code || !is_code_char(ch)) {
		forget(b);
		return BURST_KEY;
	}
	bool started = b->len == 0 || !close_to(b->last_ms, now_ms);
	if (started) {
		forget(b);
	}
	if (b->len < BURST_MAX) {
		b->code[b->len++] = (char)ch;
	} else {
		b->overflow = true;
	}
	b->last_ms = now_ms;
	return BURST_KEY;
}
