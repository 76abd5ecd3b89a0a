/* iso_fixture.h — ISO 8601 times counted from now, for tests that talk to a real server on the real clock. */
#ifndef MW_TEST_ISO_FIXTURE_H
#define MW_TEST_ISO_FIXTURE_H

#include <stdio.h>
#include <time.h>

/* Now plus days (negative: before now) as "YYYY-MM-DDTHH:MM:SSZ" in buf,
 * which the caller owns (32 bytes are enough); returns buf. A window
 * written as fixed dates would close on a day the test runs. */
static inline const char *
iso_days(char *buf, size_t sz, int days)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sz, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

#endif
