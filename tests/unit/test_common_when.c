/* test_common_when.c — Kaiserslautern days of RFC 3339 times, around both daylight-saving changes, in any machine zone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/when.h"

/* Machine zones the days must not depend on: the two extremes of the
 * date line, one without summer time, UTC and Berlin itself. */
static const char *const zones[] = {
	"Pacific/Kiritimati", "America/Adak", "Asia/Kolkata", "UTC", "Europe/Berlin",
	"Pacific/Pago_Pago",
};

static void
day_is(const char *s, int end, int y, int m, int d)
{
	struct when_day w = { 0, 0, 0 };
	char want[16], got[16];

	assert_int_equal(when_day_of(s, end, &w), 0);
	snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
	snprintf(got, sizeof(got), "%04d-%02d-%02d", w.year, w.month, w.day);
	if (strcmp(want, got) != 0)
		fprintf(stderr, "%s (end %d): want %s, got %s\n", s, end, want, got);
	assert_string_equal(got, want);
}

/* Runs fn once in each machine zone; restores the zone after. */
static void
in_every_zone(void (*fn)(void))
{
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		fn();
	}
	unsetenv("TZ");
	tzset();
}

static void
test_when_parse_null_and_bad(void **state)
{
	struct when_day d;
	int64_t t;

	(void)state;
	assert_int_equal(when_parse(NULL, &d, &t), -1);
	assert_int_equal(when_parse("", &d, &t), -1);
	assert_int_equal(when_parse("soon", &d, &t), -1);
	assert_int_equal(when_parse("2026-13-01", &d, &t), -1);
	assert_int_equal(when_parse("2026-02-29", &d, &t), -1);	/* not a leap year */
	assert_int_equal(when_parse("2026-04-31", &d, &t), -1);
	assert_int_equal(when_parse("2026-04-30T22:00:00", &d, &t), -1);	/* no zone */
	assert_int_equal(when_parse("2026-04-30T24:00:00Z", &d, &t), -1);
	assert_int_equal(when_parse("2026-04-30T22:00:00Zjunk", &d, &t), -1);
	assert_int_equal(when_parse("2026-04-30T22:00:00+0200", &d, &t), -1);
	assert_int_equal(when_day_of(NULL, 0, &d), -1);
	assert_int_equal(when_day_of("30.04.2026", 1, &d), -1);
}

static void
test_when_parse_instants(void **state)
{
	struct when_day d;
	int64_t t = 0;

	(void)state;
	assert_int_equal(when_parse("1970-01-01T00:00:00Z", &d, &t), 1);
	assert_int_equal(t, 0);
	assert_int_equal(when_parse("2026-04-30T22:00:00Z", &d, &t), 1);
	assert_int_equal(t, 1777586400);
	assert_int_equal(when_parse("2026-05-01T00:00:00+02:00", &d, &t), 1);
	assert_int_equal(t, 1777586400);
	assert_int_equal(when_parse("2026-04-30t12:00:00.250-10:00", &d, &t), 1);
	assert_int_equal(t, 1777586400);
	assert_int_equal(when_parse("2028-02-29T12:00:00Z", &d, &t), 1);
	assert_int_equal(t, 1835438400);
	/* A bare date names a day, not an instant: it stays as written. */
	assert_int_equal(when_parse("2028-02-29", &d, &t), 2);
	assert_int_equal(d.year, 2028);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
}

static void
offsets(void)
{
	/* 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC. */
	assert_int_equal(when_berlin_offset(1774746000 - 1), 3600);	/* 29 Mar 00:59:59Z */
	assert_int_equal(when_berlin_offset(1774746000), 7200);	/* 29 Mar 01:00:00Z */
	assert_int_equal(when_berlin_offset(1792890000 - 1), 7200);	/* 25 Oct 00:59:59Z */
	assert_int_equal(when_berlin_offset(1792890000), 3600);	/* 25 Oct 01:00:00Z */
	assert_int_equal(when_berlin_offset(1782900000), 7200);	/* July */
	assert_int_equal(when_berlin_offset(1798761600), 3600);	/* New Year 2027 */
	/* 2027: 28 March and 31 October (a month ending on a Sunday). */
	assert_int_equal(when_berlin_offset(1806195600 - 1), 3600);
	assert_int_equal(when_berlin_offset(1806195600), 7200);
	assert_int_equal(when_berlin_offset(1824944400 - 1), 7200);
	assert_int_equal(when_berlin_offset(1824944400), 3600);
}

static void
test_when_berlin_offset_changes(void **state)
{
	(void)state;
	in_every_zone(offsets);
}

static void
spring(void)
{
	/* Saturday 28 March 2026, CET: closing 23:59 Berlin is 22:59 UTC. */
	day_is("2026-03-28T22:59:00Z", 1, 2026, 3, 28);
	day_is("2026-03-28T23:59:00+01:00", 1, 2026, 3, 28);
	day_is("2026-03-28T22:59:00Z", 0, 2026, 3, 28);
	/* 23:30 UTC is already Sunday 00:30 in Berlin. */
	day_is("2026-03-28T23:30:00Z", 0, 2026, 3, 29);
	/* Sunday 29 March, after the change (CEST): 23:59 Berlin is 21:59 UTC. */
	day_is("2026-03-29T21:59:00Z", 1, 2026, 3, 29);
	day_is("2026-03-29T22:30:00Z", 0, 2026, 3, 30);
	/* Midnight Berlin ends the day before. */
	day_is("2026-03-28T23:00:00Z", 1, 2026, 3, 28);
	day_is("2026-03-28T23:00:00Z", 0, 2026, 3, 29);
	day_is("2026-03-29T22:00:00Z", 1, 2026, 3, 29);
}

static void
test_when_day_of_spring_change(void **state)
{
	(void)state;
	in_every_zone(spring);
}

static void
autumn(void)
{
	/* Saturday 24 October 2026, CEST: 23:59 Berlin is 21:59 UTC. */
	day_is("2026-10-24T21:59:00Z", 1, 2026, 10, 24);
	day_is("2026-10-24T23:59:00+02:00", 1, 2026, 10, 24);
	day_is("2026-10-24T22:30:00Z", 0, 2026, 10, 25);
	/* Sunday 25 October, after the change (CET): 23:59 is 22:59 UTC. */
	day_is("2026-10-25T22:59:00Z", 1, 2026, 10, 25);
	day_is("2026-10-25T23:00:00Z", 1, 2026, 10, 25);
	day_is("2026-10-25T23:00:00Z", 0, 2026, 10, 26);
	/* The hour that happens twice (02:00-03:00) is still the 25th. */
	day_is("2026-10-25T00:30:00Z", 0, 2026, 10, 25);
	day_is("2026-10-25T01:30:00Z", 0, 2026, 10, 25);
}

static void
test_when_day_of_autumn_change(void **state)
{
	(void)state;
	in_every_zone(autumn);
}

static void
years(void)
{
	/* 29 February and the turn of the year, in Berlin's terms. */
	day_is("2028-02-28T23:30:00Z", 0, 2028, 2, 29);
	day_is("2028-02-29T22:59:00Z", 1, 2028, 2, 29);
	day_is("2028-02-29T23:00:00Z", 0, 2028, 3, 1);
	day_is("2027-12-31T22:59:00Z", 1, 2027, 12, 31);
	day_is("2027-12-31T23:00:00Z", 0, 2028, 1, 1);
	day_is("2027-12-31T23:00:00Z", 1, 2027, 12, 31);
	day_is("2100-03-01", 1, 2100, 3, 1);
	day_is("1969-12-31T23:30:00Z", 0, 1970, 1, 1);
}

static void
test_when_day_of_leap_and_new_year(void **state)
{
	(void)state;
	in_every_zone(years);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_when_parse_null_and_bad),
		cmocka_unit_test(test_when_parse_instants),
		cmocka_unit_test(test_when_berlin_offset_changes),
		cmocka_unit_test(test_when_day_of_spring_change),
		cmocka_unit_test(test_when_day_of_autumn_change),
		cmocka_unit_test(test_when_day_of_leap_and_new_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
