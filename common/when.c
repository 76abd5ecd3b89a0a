/* when.c — RFC 3339 times as the calendar days of Kaiserslautern (EU summer time rule). */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>

#include "common/when.h"

#define WHEN_DAY	86400

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), valid for every year an int holds. */
static int64_t
when_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day count since 1970-01-01. */
static void
when_civil_from_days(int64_t z, struct when_day *out)
{
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(y + (out->month <= 2));
}

static int64_t
when_floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* 01:00 UTC of the last Sunday of the month m (31 days long) of year y. */
static int64_t
when_last_sunday(int64_t y, int m)
{
	int64_t days = when_days_from_civil(y, m, 31);
	/* 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7. */
	int64_t wd = days + 4 - when_floor_div(days + 4, 7) * 7;

	return (days - wd) * WHEN_DAY + 3600;
}

int
when_berlin_offset(int64_t t)
{
	struct when_day u;

	when_civil_from_days(when_floor_div(t, WHEN_DAY), &u);
	if (t >= when_last_sunday(u.year, 3) && t < when_last_sunday(u.year, 10))
		return 7200;
	return 3600;
}

void
when_berlin_day(int64_t t, struct when_day *out)
{
	int64_t local = t + when_berlin_offset(t);

	when_civil_from_days(when_floor_div(local, WHEN_DAY), out);
}

/* Reads exactly n digits at *p into *v and moves *p past them. */
static int
when_digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

static int
when_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
when_parse(const char *s, struct when_day *day, int64_t *t)
{
	const char *p = s;
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;

	if (s == NULL || when_digits(&p, 4, &y) < 0 || *p++ != '-' ||
	    when_digits(&p, 2, &mo) < 0 || *p++ != '-' ||
	    when_digits(&p, 2, &d) < 0 || mo < 1 || mo > 12 || d < 1 ||
	    d > when_month_days(y, mo))
		return -1;
	day->year = y;
	day->month = mo;
	day->day = d;
	if (*p == '\0')
		return 2;
	if ((*p != 'T' && *p != 't' && *p != ' ') || (p++, when_digits(&p, 2, &h)) < 0 ||
	    *p++ != ':' || when_digits(&p, 2, &mi) < 0 || *p++ != ':' ||
	    when_digits(&p, 2, &sec) < 0 || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (when_digits(&p, 2, &oh) < 0 || *p++ != ':' ||
		    when_digits(&p, 2, &om) < 0 || oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	if (*p != '\0')
		return -1;
	*t = when_days_from_civil(y, mo, d) * WHEN_DAY + h * 3600 + mi * 60 + sec -
	    sign * (oh * 3600 + om * 60);
	return 1;
}

int
when_day_of(const char *s, int end, struct when_day *out)
{
	int64_t t = 0;
	int rc = when_parse(s, out, &t);

	if (rc < 0)
		return -1;
	if (rc == 1)
		when_berlin_day(end ? t - 1 : t, out);
	return 0;
}
