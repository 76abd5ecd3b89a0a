/* when.h — RFC 3339 times as the calendar days of Kaiserslautern. */
#ifndef MW_COMMON_WHEN_H
#define MW_COMMON_WHEN_H

#include <stdint.h>

/*
 * A calendar day, as a resident of Kaiserslautern reads it. Dates shown to
 * residents are those of Europe/Berlin whatever the machine's time zone, so
 * they are computed here from the EU rule (CET, UTC+1; CEST, UTC+2 from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October), never with localtime() or the TZ variable.
 */
struct when_day {
	int	year;
	int	month;		/* 1..12 */
	int	day;		/* 1..31 */
};

/* Offset of Berlin's clock from UTC at the instant t (seconds since the
 * epoch, UTC): 3600 or 7200. */
int	when_berlin_offset(int64_t t);

/* The Berlin day of the instant t into *out. */
void	when_berlin_day(int64_t t, struct when_day *out);

/*
 * Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" (a
 * space or 't' may stand for 'T', 'z' for 'Z'). A time becomes *t (UTC
 * seconds) and returns 1; a bare date is left as it is written (*day) and
 * returns 2, as a calendar date names a day and not an instant. Returns -1
 * for anything else. day and t may not be NULL.
 */
int	when_parse(const char *s, struct when_day *day, int64_t *t);

/*
 * The Berlin day a resident is told for the RFC 3339 text s into *out.
 * With end set, s is the end of something (a closing time, an end date): an
 * instant at exactly midnight Berlin belongs to the day before, so a poll
 * closing at 00:00 on 1 May is "open until 30 April". Returns 0, or -1 when s
 * is NULL or not a date.
 */
int	when_day_of(const char *s, int end, struct when_day *out);

#endif
