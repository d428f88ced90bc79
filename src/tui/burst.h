/*
 * burst: tells a scanner from a person (DESIGN section 1, "Scans are never
 * confused with typing"). A USB scanner is a keyboard that types a whole code
 * (the 22 digits of a ticket, or a platform's external code) and Enter within
 * a few milliseconds; a person types a key every 100 ms or so. Every key is
 * fed here with the time it was read; the answer says whether an Enter ends a
 * scan (then the code is handed over, and whatever the burst typed into the
 * field that had the focus is thrown away with it) or is a person's Enter.
 * CR+LF is one Enter. Pure logic with the clock passed in, so it is unit-tested.
 */
#ifndef FRONTDESK_TUI_BURST_H
#define FRONTDESK_TUI_BURST_H

#include <stdbool.h>
#include <stddef.h>

/* Keys closer together than this (ms) belong to one burst: a scanner, never a hand. */
#define BURST_GAP_MS 50
/* A scan is at least this many code characters, at least BURST_MIN_DIGITS of them digits. */
#define BURST_MIN_LEN    8
#define BURST_MIN_DIGITS 4
#define BURST_MAX        128

struct burst {
	char code[BURST_MAX + 1]; /* the code characters of the burst so far */
	size_t len;
	bool overflow; /* more characters than a code has: not a scan */
	long last_ms;  /* when the last code character came */
	long cr_ms;    /* when the last CR came (its LF is swallowed), or -1 */
};

enum burst_event {
	BURST_KEY,     /* an ordinary key: handle it as typed */
	BURST_ENTER,   /* a person's Enter (CR, LF, KEY_ENTER, or CR+LF as one) */
	BURST_SCAN,    /* Enter ending a scan: the code is burst.code; take the burst's text back */
	BURST_SWALLOW, /* the LF of a CR+LF: nothing to do */
};

/* Starts with no burst. */
void burst_init(struct burst *b);

/*
 * True while the keys may still be a scan: the last code character came
 * within BURST_GAP_MS, after another one as fast or as a lone digit (a code's
 * first). The prompt's search waits meanwhile, so a scan is looked up once,
 * as a code, at its Enter; a person's next key or a pause ends the wait.
 */
bool burst_holds(const struct burst *b, long now_ms);

/* Feeds one key (as get_wch returned it) read at now_ms; returns what it means. */
enum burst_event burst_feed(struct burst *b, bool is_key_code, unsigned int ch, long now_ms);

#endif
