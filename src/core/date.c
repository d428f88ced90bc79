/*
 * date converts between civil dates and day numbers with the well-known
 * days-from-civil algorithm (no time zones: a night is a calendar date).
 */
#include "frontdesk/date.h"

#include <string.h>

static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads 1..max digits at *p into *value and advances *p. */
static bool read_number(const char **p, int max, long *value)
{
	int n = 0;

	*value = 0;
	while (**p >= '0' && **p <= '9' && n < max) {
		*value = *value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n > 0;
}

/* Skips the separator sep (an ASCII or UTF-8 string) at *p. */
static bool skip(const char **p, const char *sep)
{
	size_t n = strlen(sep);

	if (strncmp(*p, sep, n) != 0) {
		return false;
	}
	*p += n;
	return true;
}

static bool parse_with(const char *s, const char *sep1, const char *sep2, const char *end,
                       long *days)
{
	long y, m, d, ly, lm, ld;
	const char *p = s;

	if (!read_number(&p, 4, &y) || p - s != 4 || !skip(&p, sep1) || !read_number(&p, 2, &m) ||
	    !skip(&p, sep2) || !read_number(&p, 2, &d) || !skip(&p, end) || *p != '\0') {
		return false;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31) {
		return false;
	}
	/* *days is written only for a day that exists: callers keep their default otherwise */
	long candidate = days_from_civil(y, m, d);
	civil_from_days(candidate, &ly, &lm, &ld);
	if (ly != y || lm != m || ld != d) {
		return false;
	}
	*days = candidate;
	return true;
}

bool date_parse(const char *s, long *days)
{
	return parse_with(s, "-", "-", "", days) || parse_with(s, "/", "/", "", days) ||
	       parse_with(s, ".", ".", "", days) || parse_with(s, "年", "月", "日", days);
}

/* Formats by hand: an import formats two dates per row and snprintf showed in profiles. */
void date_format(long days, char out[DATE_ISO_LEN + 1])
{
	long y, m, d;

	civil_from_days(days, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[DATE_ISO_LEN] = '\0';
}
