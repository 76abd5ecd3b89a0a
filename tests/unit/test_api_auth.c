/* test_api_auth.c — tokens (creation, hash, expiry, forgery), bearer
 * headers, role order and the login rate limiter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "server/api/auth.h"
#include "server/api/pwhash.h"

static void
test_auth_token_wellformed_degenerate(void **state)
{
	(void)state;
	assert_int_equal(auth_token_wellformed(NULL), 0);
	assert_int_equal(auth_token_wellformed(""), 0);
	assert_int_equal(auth_token_wellformed("abc"), 0);
	/* 43 chars but with characters outside base64url */
	assert_int_equal(auth_token_wellformed(
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"), 0);
	assert_int_equal(auth_token_wellformed(
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), 0);
	assert_int_equal(auth_token_wellformed(
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 0);	/* 44 */
	assert_int_equal(auth_token_wellformed(
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-"), 1);
}

static void
test_auth_token_new_random_and_wellformed(void **state)
{
	char a[64], b[64];

	(void)state;
	assert_int_equal(pwhash_token_new(a, sizeof(a)), 0);
	assert_int_equal(pwhash_token_new(b, sizeof(b)), 0);
	assert_int_equal(strlen(a), AUTH_TOKEN_LEN);
	assert_true(auth_token_wellformed(a));
	assert_true(auth_token_wellformed(b));
	assert_string_not_equal(a, b);
	assert_int_equal(pwhash_token_new(a, 10), -1);
}

/* A token is typed as an argument: one starting with '-' (1 draw in 64)
 * would be read as an option by 'mitwirkung confirm'. */
static void
test_auth_token_new_never_starts_with_dash(void **state)
{
	char a[64];
	int i;

	(void)state;
	for (i = 0; i < 2000; i++) {
		assert_int_equal(pwhash_token_new(a, sizeof(a)), 0);
		assert_int_not_equal(a[0], '-');
	}
}

static void
test_auth_token_hash_forgery(void **state)
{
	unsigned char h1[PWHASH_TOKEN_BYTES], h2[PWHASH_TOKEN_BYTES];
	char tok[64], forged[64];

	(void)state;
	assert_int_equal(pwhash_token_new(tok, sizeof(tok)), 0);
	pwhash_token_hash(tok, strlen(tok), h1);
	pwhash_token_hash(tok, strlen(tok), h2);
	assert_memory_equal(h1, h2, sizeof(h1));
	/* One changed character gives a different hash: a forged token
	 * finds no session. */
	memcpy(forged, tok, sizeof(tok));
	forged[5] = forged[5] == 'A' ? 'B' : 'A';
	pwhash_token_hash(forged, strlen(forged), h2);
	assert_memory_not_equal(h1, h2, sizeof(h1));
	/* The hash is not the token. */
	assert_memory_not_equal(h1, tok, sizeof(h1));
}

static void
test_auth_bearer_header(void **state)
{
	const char *tok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";
	char hdr[128];

	(void)state;
	assert_null(auth_bearer(NULL));
	assert_null(auth_bearer(""));
	assert_null(auth_bearer("Bearer"));
	assert_null(auth_bearer("Bearer "));
	assert_null(auth_bearer("Basic dXNlcjpwYXNz"));
	assert_null(auth_bearer("Bearer forged.token.value"));
	snprintf(hdr, sizeof(hdr), "Bearer %s", tok);
	assert_string_equal(auth_bearer(hdr), tok);
	snprintf(hdr, sizeof(hdr), "bearer %s", tok);
	assert_string_equal(auth_bearer(hdr), tok);
	snprintf(hdr, sizeof(hdr), "Bearer %s x", tok);
	assert_null(auth_bearer(hdr));
	snprintf(hdr, sizeof(hdr), "Bearer  %s", tok);
	assert_null(auth_bearer(hdr));
}

static void
test_auth_header_wellformed_cases(void **state)
{
	(void)state;
	assert_int_equal(auth_header_wellformed(NULL), 0);
	assert_int_equal(auth_header_wellformed(""), 0);
	assert_int_equal(auth_header_wellformed("Bearer"), 0);
	assert_int_equal(auth_header_wellformed("Bearer "), 0);
	assert_int_equal(auth_header_wellformed("Bearer  abc"), 0);
	assert_int_equal(auth_header_wellformed(" Bearer abc"), 0);
	assert_int_equal(auth_header_wellformed("Bearer abc "), 0);
	assert_int_equal(auth_header_wellformed("Bearer abc def"), 0);
	assert_int_equal(auth_header_wellformed("Bearer\tabc"), 0);
	assert_int_equal(auth_header_wellformed("Bearer a=b"), 0);
	assert_int_equal(auth_header_wellformed("abc"), 0);
	assert_int_equal(auth_header_wellformed("Bearer abc"), 1);
	assert_int_equal(auth_header_wellformed("bearer a-b_c.d~e+f/g=="), 1);
	assert_int_equal(auth_header_wellformed("Basic dXNlcjpwYXNz"), 1);
}

static void
test_auth_expired_boundaries(void **state)
{
	(void)state;
	assert_int_equal(auth_expired(100, 99), 0);
	assert_int_equal(auth_expired(100, 100), 1);
	assert_int_equal(auth_expired(100, 101), 1);
}

static void
test_auth_role_order(void **state)
{
	(void)state;
	assert_int_equal(auth_role_parse(NULL), AUTH_ROLE_NONE);
	assert_int_equal(auth_role_parse("root"), AUTH_ROLE_NONE);
	assert_int_equal(auth_role_parse("none"), AUTH_ROLE_NONE);
	assert_int_equal(auth_role_parse("citizen"), AUTH_ROLE_CITIZEN);
	assert_int_equal(auth_role_parse("admin"), AUTH_ROLE_ADMIN);
	assert_string_equal(auth_role_name(AUTH_ROLE_STAFF), "staff");
	assert_string_equal(auth_role_name((enum auth_role)99), "none");
	/* Each role can do what the roles below can, never more. */
	assert_false(auth_role_allows(AUTH_ROLE_NONE, AUTH_ROLE_NONE));
	assert_false(auth_role_allows(AUTH_ROLE_NONE, AUTH_ROLE_CITIZEN));
	assert_true(auth_role_allows(AUTH_ROLE_CITIZEN, AUTH_ROLE_CITIZEN));
	assert_false(auth_role_allows(AUTH_ROLE_CITIZEN, AUTH_ROLE_MODERATOR));
	assert_true(auth_role_allows(AUTH_ROLE_MODERATOR, AUTH_ROLE_CITIZEN));
	assert_false(auth_role_allows(AUTH_ROLE_MODERATOR, AUTH_ROLE_STAFF));
	assert_true(auth_role_allows(AUTH_ROLE_STAFF, AUTH_ROLE_MODERATOR));
	assert_false(auth_role_allows(AUTH_ROLE_STAFF, AUTH_ROLE_ADMIN));
	assert_true(auth_role_allows(AUTH_ROLE_ADMIN, AUTH_ROLE_STAFF));
	assert_true(auth_role_allows(AUTH_ROLE_ADMIN, AUTH_ROLE_ADMIN));
}

static void
test_ratelimit_degenerate(void **state)
{
	(void)state;
	ratelimit_free(NULL);
	assert_int_equal(ratelimit_check(NULL, "x", 0), 0);
	ratelimit_fail(NULL, "x", 0);
	ratelimit_clear(NULL, "x");
}

static void
test_ratelimit_blocks_after_failures(void **state)
{
	struct ratelimit *rl = ratelimit_new(3, 60);
	time_t t0 = 1000000;

	(void)state;
	assert_non_null(rl);
	assert_int_equal(ratelimit_check(rl, "u:anna", t0), 0);
	ratelimit_fail(rl, "u:anna", t0);
	ratelimit_fail(rl, "u:anna", t0 + 1);
	assert_int_equal(ratelimit_check(rl, "u:anna", t0 + 2), 0);
	ratelimit_fail(rl, "u:anna", t0 + 2);
	/* Blocked until 60 s after the first failure. */
	assert_int_equal(ratelimit_check(rl, "u:anna", t0 + 2), 58);
	assert_int_equal(ratelimit_check(rl, "u:anna", t0 + 59), 1);
	/* Other keys are not affected. */
	assert_int_equal(ratelimit_check(rl, "u:bert", t0 + 2), 0);
	/* The window passes. */
	assert_int_equal(ratelimit_check(rl, "u:anna", t0 + 60), 0);
	ratelimit_free(rl);
}

static void
test_ratelimit_clear_on_success(void **state)
{
	struct ratelimit *rl = ratelimit_new(2, 60);

	(void)state;
	ratelimit_fail(rl, "a:127.0.0.1", 10);
	ratelimit_fail(rl, "a:127.0.0.1", 11);
	assert_true(ratelimit_check(rl, "a:127.0.0.1", 12) > 0);
	ratelimit_clear(rl, "a:127.0.0.1");
	assert_int_equal(ratelimit_check(rl, "a:127.0.0.1", 12), 0);
	ratelimit_free(rl);
}

static void
test_ratelimit_many_keys(void **state)
{
	struct ratelimit *rl = ratelimit_new(1, 10);
	char key[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "u:user%d", i);
		ratelimit_fail(rl, key, 100);
	}
	assert_true(ratelimit_check(rl, "u:user4999", 105) > 0);
	assert_true(ratelimit_check(rl, "u:user0", 105) > 0);
	/* Stale entries are dropped when their window has passed. */
	assert_int_equal(ratelimit_check(rl, "u:user0", 200), 0);
	ratelimit_free(rl);
}

static int
setup(void **state)
{
	(void)state;
	return pwhash_init();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auth_token_wellformed_degenerate),
		cmocka_unit_test(test_auth_token_new_random_and_wellformed),
		cmocka_unit_test(test_auth_token_new_never_starts_with_dash),
		cmocka_unit_test(test_auth_token_hash_forgery),
		cmocka_unit_test(test_auth_bearer_header),
		cmocka_unit_test(test_auth_header_wellformed_cases),
		cmocka_unit_test(test_auth_expired_boundaries),
		cmocka_unit_test(test_auth_role_order),
		cmocka_unit_test(test_ratelimit_degenerate),
		cmocka_unit_test(test_ratelimit_blocks_after_failures),
		cmocka_unit_test(test_ratelimit_clear_on_success),
		cmocka_unit_test(test_ratelimit_many_keys),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
