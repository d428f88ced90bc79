/*
 * pinguard owns how the supervisor PIN is kept and how often it may be tried
 * (include/frontdesk/pinguard.h says why). It computes and decides; the
 * store keeps the hash and the count (supervisor.c), the actions wait and
 * speak. Times are naive local wall-clock strings: they are turned into
 * seconds with timegm, which never applies a time zone or daylight saving,
 * so adding five minutes is adding 300 seconds whatever the desk's zone.
 */
#include "frontdesk/pinguard.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/xmalloc.h"

/*
 * Argon2id's cost. The PIN has at most 10^8 values (10^4 for a 4-digit one):
 * memory hardness cannot protect so few against a copy of the database, so
 * the cost is spent in passes, not in memory. libsodium's interactive limits
 * (64 MiB, 2 passes) put 64 MiB on top of the desk's own 60 at every
 * supervisor action; 4 MiB and 64 passes take the same time (about 60 ms
 * here). A hash keeps its own limits: one made with the old ones still
 * verifies, with them.
 */
#define PIN_HASH_MEMORY (4u << 20)
#define PIN_HASH_PASSES 64

char *pinguard_hash(const char *pin)
{
	char out[crypto_pwhash_STRBYTES];

	if (sodium_init() < 0 ||
	    crypto_pwhash_str(out, pin, strlen(pin), PIN_HASH_PASSES, PIN_HASH_MEMORY) != 0) {
		return NULL;
	}
	return xstrdup(out);
}

bool pinguard_is_hash(const char *hash)
{
	return hash != NULL && strncmp(hash, "$argon2id$", 10) == 0;
}

bool pinguard_verify(const char *hash, const char *pin)
{
	if (!pinguard_is_hash(hash) || pin == NULL || sodium_init() < 0) {
		return false;
	}
	return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

/* Reads "YYYY-MM-DD HH:MM:SS" as seconds of a naive clock; false when it is not that. */
static bool seconds_of(const char *s, long long *out)
{
	struct tm tm;
	char tail;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || strlen(s) != PINGUARD_TIME_LEN ||
	    sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail) != 6) {
		return false;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = (long long)timegm(&tm);
	return true;
}

/* Writes seconds of the naive clock as "YYYY-MM-DD HH:MM:SS" into out. */
static void time_of(long long seconds, char out[PINGUARD_TIME_LEN + 1])
{
	time_t t = (time_t)seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, PINGUARD_TIME_LEN + 1, "%Y-%m-%d %H:%M:%S", &tm);
}

bool pinguard_locked(struct pinguard *g, const char *now)
{
	long long until, at;

	if (g->locked_until[0] == '\0') {
		return false;
	}
	if (!seconds_of(g->locked_until, &until) || !seconds_of(now, &at)) {
		return strcmp(now, g->locked_until) < 0;
	}
	if (until - at > PINGUARD_LOCK_SECONDS) {
		time_of(at + PINGUARD_LOCK_SECONDS, g->locked_until);
	}
	return at < until;
}

void pinguard_failed(struct pinguard *g, const char *now)
{
	long long at;

	if (g->failures < PINGUARD_MAX_FAILURES) {
		g->failures++;
	}
	if (g->failures >= PINGUARD_MAX_FAILURES) {
		if (seconds_of(now, &at)) {
			time_of(at + PINGUARD_LOCK_SECONDS, g->locked_until);
		} else {
			snprintf(g->locked_until, sizeof(g->locked_until), "%s",
			         "9999-12-31 23:59:59");
		}
	}
}

void pinguard_passed(struct pinguard *g)
{
	g->failures = 0;
	g->locked_until[0] = '\0';
}

int pinguard_attempts_left(const struct pinguard *g)
{
	int left = PINGUARD_MAX_FAILURES - g->failures;

	return left > 1 ? left : 1;
}

int pinguard_delay_ms(int failures)
{
	if (failures <= 0 || failures >= PINGUARD_MAX_FAILURES) {
		return 0;
	}
	return 500 << (failures - 1);
}
