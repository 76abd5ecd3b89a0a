/* auth.c — random tokens, their hashes, role order and a login limiter. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/ascii.h"
#include "server/api/auth.h"

int
auth_token_wellformed(const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (i >= AUTH_TOKEN_LEN)
			return 0;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return i == AUTH_TOKEN_LEN;
}

const char *
auth_bearer(const char *header)
{
	const char *p;

	if (header == NULL || ascii_strncasecmp(header, "Bearer ", 7) != 0)
		return NULL;
	p = header + 7;
	return auth_token_wellformed(p) ? p : NULL;
}

static int
auth_tchar(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+.^_`|~-", c));
}

int
auth_header_wellformed(const char *h)
{
	size_t i = 0, n;

	if (h == NULL)
		return 0;
	/* auth-scheme: a token. */
	while (auth_tchar(h[i]))
		i++;
	if (i == 0 || h[i] != ' ')
		return 0;
	i++;
	/* One space, then token68: 1*( ALPHA / DIGIT / "-._~+/" ) *"=". */
	for (n = 0; h[i] != '\0' && ((h[i] >= 'A' && h[i] <= 'Z') ||
	    (h[i] >= 'a' && h[i] <= 'z') || (h[i] >= '0' && h[i] <= '9') ||
	    strchr("-._~+/", h[i]) != NULL); i++)
		n++;
	if (n == 0)
		return 0;
	while (h[i] == '=')
		i++;
	return h[i] == '\0';
}

int
auth_expired(time_t expires_at, time_t now)
{
	return now >= expires_at;
}

static const char *const auth_roles[] = {
	"none", "citizen", "moderator", "staff", "admin"
};

enum auth_role
auth_role_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return AUTH_ROLE_NONE;
	for (i = 1; i < sizeof(auth_roles) / sizeof(auth_roles[0]); i++)
		if (strcmp(name, auth_roles[i]) == 0)
			return (enum auth_role)i;
	return AUTH_ROLE_NONE;
}

const char *
auth_role_name(enum auth_role r)
{
	if ((int)r < 0 || (size_t)r >= sizeof(auth_roles) / sizeof(auth_roles[0]))
		return "none";
	return auth_roles[r];
}

int
auth_role_allows(enum auth_role have, enum auth_role need)
{
	return have != AUTH_ROLE_NONE && have >= need;
}

/* Open addressing would be faster, but failed logins are rare; a short
 * list that is pruned of stale entries keeps the memory bounded. */
struct ratelimit_entry {
	char			*key;
	unsigned int		 failures;
	time_t			 first;
	struct ratelimit_entry	*next;
};

#define RATELIMIT_BUCKETS 256
#define RATELIMIT_MAX_KEYS 100000

struct ratelimit {
	pthread_mutex_t		 lock;
	unsigned int		 max_failures;
	unsigned int		 window;
	size_t			 nkeys;
	struct ratelimit_entry	*bucket[RATELIMIT_BUCKETS];
};

struct ratelimit *
ratelimit_new(unsigned int max_failures, unsigned int window)
{
	struct ratelimit *rl;

	if ((rl = calloc(1, sizeof(*rl))) == NULL)
		return NULL;
	pthread_mutex_init(&rl->lock, NULL);
	rl->max_failures = max_failures > 0 ? max_failures : 1;
	rl->window = window > 0 ? window : 1;
	return rl;
}

void
ratelimit_free(struct ratelimit *rl)
{
	struct ratelimit_entry *e, *n;
	size_t i;

	if (rl == NULL)
		return;
	for (i = 0; i < RATELIMIT_BUCKETS; i++) {
		for (e = rl->bucket[i]; e != NULL; e = n) {
			n = e->next;
			free(e->key);
			free(e);
		}
	}
	pthread_mutex_destroy(&rl->lock);
	free(rl);
}

static size_t
ratelimit_slot(const char *key)
{
	size_t h = 5381;

	for (; *key != '\0'; key++)
		h = h * 33 + (unsigned char)*key;
	return h % RATELIMIT_BUCKETS;
}

/* Finds key, dropping entries of its bucket whose window has passed. */
static struct ratelimit_entry *
ratelimit_find(struct ratelimit *rl, const char *key, time_t now)
{
	struct ratelimit_entry **pp, *e, *found = NULL;

	pp = &rl->bucket[ratelimit_slot(key)];
	while ((e = *pp) != NULL) {
		if (now - e->first >= (time_t)rl->window) {
			*pp = e->next;
			free(e->key);
			free(e);
			rl->nkeys--;
			continue;
		}
		if (strcmp(e->key, key) == 0)
			found = e;
		pp = &e->next;
	}
	return found;
}

unsigned int
ratelimit_check(struct ratelimit *rl, const char *key, time_t now)
{
	struct ratelimit_entry *e;
	unsigned int wait = 0;

	if (rl == NULL || key == NULL)
		return 0;
	pthread_mutex_lock(&rl->lock);
	e = ratelimit_find(rl, key, now);
	if (e != NULL && e->failures >= rl->max_failures) {
		time_t left = e->first + (time_t)rl->window - now;

		wait = left > 0 ? (unsigned int)left : 1;
	}
	pthread_mutex_unlock(&rl->lock);
	return wait;
}

void
ratelimit_fail(struct ratelimit *rl, const char *key, time_t now)
{
	struct ratelimit_entry *e;
	size_t slot;

	if (rl == NULL || key == NULL)
		return;
	pthread_mutex_lock(&rl->lock);
	e = ratelimit_find(rl, key, now);
	if (e != NULL) {
		e->failures++;
	} else if (rl->nkeys < RATELIMIT_MAX_KEYS &&
	    (e = calloc(1, sizeof(*e))) != NULL) {
		if ((e->key = strdup(key)) == NULL) {
			free(e);
		} else {
			slot = ratelimit_slot(key);
			e->failures = 1;
			e->first = now;
			e->next = rl->bucket[slot];
			rl->bucket[slot] = e;
			rl->nkeys++;
		}
	}
	pthread_mutex_unlock(&rl->lock);
}

void
ratelimit_clear(struct ratelimit *rl, const char *key)
{
	struct ratelimit_entry **pp, *e;

	if (rl == NULL || key == NULL)
		return;
	pthread_mutex_lock(&rl->lock);
	pp = &rl->bucket[ratelimit_slot(key)];
	while ((e = *pp) != NULL) {
		if (strcmp(e->key, key) == 0) {
			*pp = e->next;
			free(e->key);
			free(e);
			rl->nkeys--;
			continue;
		}
		pp = &e->next;
	}
	pthread_mutex_unlock(&rl->lock);
}
