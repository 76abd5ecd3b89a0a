/* limits.c — token buckets per source address, bounded in memory so a flood of addresses cannot grow it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/ssh/limits.h"

#define LIMITS_SOURCE_MAX	64	/* an IPv6 address as text fits */

struct limits_slot {
	char	source[LIMITS_SOURCE_MAX];
	double	tokens;
	double	last;		/* time of the last refill */
	int	used;
};

struct limits_rate {
	struct limits_slot	*slot;
	size_t			 nslots;
	int			 per_minute;
};

struct limits_rate *
limits_rate_new(size_t slots, int per_minute)
{
	struct limits_rate *r;

	if (slots == 0)
		slots = 1;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if ((r->slot = calloc(slots, sizeof(*r->slot))) == NULL) {
		free(r);
		return NULL;
	}
	r->nslots = slots;
	r->per_minute = per_minute;
	return r;
}

void
limits_rate_free(struct limits_rate *r)
{
	if (r == NULL)
		return;
	free(r->slot);
	free(r);
}

int
limits_rate_allow(struct limits_rate *r, const char *source, double now)
{
	struct limits_slot *s = NULL, *oldest = NULL;
	size_t i;

	if (r == NULL || r->per_minute <= 0)
		return 1;
	for (i = 0; i < r->nslots; i++) {
		struct limits_slot *t = &r->slot[i];

		if (t->used && strcmp(t->source, source) == 0) {
			s = t;
			break;
		}
		if (oldest == NULL || !t->used ||
		    (oldest->used && t->last < oldest->last))
			oldest = t;
	}
	if (s == NULL) {
		if (oldest == NULL)
			return 1;
		s = oldest;
		memset(s, 0, sizeof(*s));
		snprintf(s->source, sizeof(s->source), "%s", source);
		s->used = 1;
		s->tokens = r->per_minute;
		s->last = now;
	}
	s->tokens += (now - s->last) * r->per_minute / 60.0;
	if (s->tokens > r->per_minute)
		s->tokens = r->per_minute;
	s->last = now;
	if (s->tokens < 1.0)
		return 0;
	s->tokens -= 1.0;
	return 1;
}
