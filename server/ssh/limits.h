/* limits.h — per-source connection rate limiting (a token bucket per address). */
#ifndef MW_SSHD_LIMITS_H
#define MW_SSHD_LIMITS_H

#include <stddef.h>

struct limits_rate;

/*
 * Returns a new table that allows per_minute connections per source with
 * bursts of up to per_minute, remembering at most slots sources (the least
 * recently seen is forgotten first). NULL when out of memory. A per_minute
 * of 0 or less allows everything.
 */
struct limits_rate *limits_rate_new(size_t slots, int per_minute);

/* Counts one connection from source at time now (seconds, monotonic).
 * Returns 1 when it is allowed, 0 when over the rate. */
int	limits_rate_allow(struct limits_rate *r, const char *source, double now);

void	limits_rate_free(struct limits_rate *r);

#endif
