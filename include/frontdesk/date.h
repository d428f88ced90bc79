/*
 * date: calendar dates as day numbers, for nights and stays.
 *
 * Rosters come from Excel, which writes 2026/5/25 as readily as 2026-05-25,
 * and Chinese staff may type 2026年5月25日; all mean the same night. Day
 * numbers (days since 1970-01-01, proleptic Gregorian) make night arithmetic
 * plain integer arithmetic.
 */
#ifndef FRONTDESK_DATE_H
#define FRONTDESK_DATE_H

#include <stdbool.h>

#define DATE_ISO_LEN 10

/*
 * Parses YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 into *days.
 * Returns false for anything else or for a day that does not exist (2026-02-30).
 */
bool date_parse(const char *s, long *days);

/* Writes days as YYYY-MM-DD into out. */
void date_format(long days, char out[DATE_ISO_LEN + 1]);

#endif
