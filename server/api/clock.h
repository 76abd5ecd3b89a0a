/* clock.h — the server's wall clock: real time, or pinned for tests. */
#ifndef MW_SERVER_CLOCK_H
#define MW_SERVER_CLOCK_H

#include <stdint.h>

/* Returns the server's current time in seconds since the epoch (UTC). */
int64_t	clock_now(void);

/* Pins the clock for tests: from now on clock_now() says `when` (RFC 3339,
 * "2026-11-28T10:00:00Z") at this moment and runs on in real time from
 * there. Call before any thread starts. Returns 0, or -1 when `when` is not
 * a time of that form. Never on by default: only --clock sets it. */
int	clock_pin(const char *when);

#endif
