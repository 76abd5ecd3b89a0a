/* clock.c — one wall clock for the whole server, so tests can pin its date. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/api/clock.h"

/* Seconds added to the real time; 0 unless --clock pinned it. Written once
 * before the worker threads start, read-only afterwards. */
static int64_t clock_offset;

int64_t
clock_now(void)
{
	return (int64_t)time(NULL) + clock_offset;
}

int
clock_pin(const char *when)
{
	struct tm tm;
	char z;
	int n = 0;

	memset(&tm, 0, sizeof(tm));
	if (when == NULL || sscanf(when, "%4d-%2d-%2dT%2d:%2d:%2d%c%n",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec, &z, &n) != 7 || z != 'Z' || when[n] != '\0')
		return -1;
	if (tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12 ||
	    tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	clock_offset = (int64_t)timegm(&tm) - (int64_t)time(NULL);
	return 0;
}
