/* auth.h — session and confirmation tokens, roles, and the login rate
 * limiter. Tokens come from the system RNG and are stored only as hashes. */
#ifndef MW_API_AUTH_H
#define MW_API_AUTH_H

#include <stddef.h>
#include <time.h>

/* A token: 32 random bytes in base64url without padding (43 chars);
 * pwhash_token_new() makes them and pwhash_token_hash() hashes them. */
#define AUTH_TOKEN_LEN	43

/* Roles in rising order; a role can do all that the roles below can.
 * The values equal enum store_role. */
enum auth_role {
	AUTH_ROLE_NONE = 0,	/* not logged in */
	AUTH_ROLE_CITIZEN,
	AUTH_ROLE_MODERATOR,
	AUTH_ROLE_STAFF,
	AUTH_ROLE_ADMIN
};

/* 1 when s has the shape of a token (43 base64url chars), else 0. */
int	auth_token_wellformed(const char *s);

/*
 * Extracts the token from an Authorization header value "Bearer <token>".
 * Returns a pointer into header, or NULL when the header is absent or not
 * a well-formed bearer token.
 */
const char *auth_bearer(const char *header);

/*
 * 1 when an Authorization header is "scheme SP token68" exactly (one
 * space, nothing before or after), else 0: "Bearer" alone, "Bearer  x",
 * "Bearer x y" or a bare token are malformed and answered 400, while a
 * well-formed header with another scheme or an unknown token gets 401.
 */
int	auth_header_wellformed(const char *header);

/* 1 when a session that expires at expires_at is dead at now. */
int	auth_expired(time_t expires_at, time_t now);

/* Role from its name ("citizen", ...); AUTH_ROLE_NONE when unknown. */
enum auth_role	auth_role_parse(const char *name);
/* Name of a role; "none" for AUTH_ROLE_NONE. */
const char	*auth_role_name(enum auth_role r);
/* 1 when have is at least need. */
int		auth_role_allows(enum auth_role have, enum auth_role need);

/* Failed-login limiter per key (an account name or a client address). */
struct ratelimit;

/*
 * A limiter that blocks a key after max_failures failures within window
 * seconds, until window seconds after the first of them. Returns NULL when
 * out of memory.
 */
struct ratelimit *ratelimit_new(unsigned int max_failures, unsigned int window);
void	ratelimit_free(struct ratelimit *rl);
/* 0 when key may try now; otherwise the seconds to wait (>= 1). */
unsigned int	ratelimit_check(struct ratelimit *rl, const char *key, time_t now);
/* Records a failure of key at now. */
void	ratelimit_fail(struct ratelimit *rl, const char *key, time_t now);
/* Forgets the failures of key (after a successful login). */
void	ratelimit_clear(struct ratelimit *rl, const char *key);

#endif
