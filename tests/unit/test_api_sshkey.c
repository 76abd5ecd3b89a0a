/* test_api_sshkey.c — public key lines, their fingerprints and the key store of key login. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/api/pwhash.h"
#include "server/api/sshkey.h"
#include "server/api/store.h"

#define NOW	1800000000LL

/* Made with ssh-keygen; the fingerprints are what ssh-keygen -l prints. */
#define ED_KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn909vV9ceEd9EIQl5sXyMinb1Y/pl6MJ71ovQuIjmH"
#define ED_FP "SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0"
#define EC_KEY "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKuHTQT9zO3MLYNXfK8bongSj8j/YHs8Q31cft3qGNaMy4PONj0WvSaW/oIeVPT23bPJVqMUIwUKNSb1Asqxat4="
#define EC_FP "SHA256:9cF7AShWKvoPKs8m8wn4DJX1cb0PiXUvsxHn0ltwb3Y"

static void
test_sshkey_parse_null(void **state)
{
	struct sshkey_info k;

	(void)state;
	assert_int_equal(sshkey_parse(NULL, &k), -1);
	assert_int_equal(sshkey_parse(ED_KEY, NULL), -1);
	assert_int_equal(sshkey_parse("", &k), -1);
	assert_int_equal(sshkey_parse("ssh-ed25519", &k), -1);
}

static void
test_sshkey_parse_fingerprints(void **state)
{
	struct sshkey_info k;

	(void)state;
	assert_int_equal(sshkey_parse(ED_KEY " laptop key\n", &k), 0);
	assert_string_equal(k.type, "ssh-ed25519");
	assert_string_equal(k.fingerprint, ED_FP);
	assert_string_equal(k.comment, "laptop key");
	assert_int_equal(sshkey_parse(EC_KEY, &k), 0);
	assert_string_equal(k.type, "ecdsa-sha2-nistp256");
	assert_string_equal(k.fingerprint, EC_FP);
	assert_string_equal(k.comment, "");
	assert_true(sshkey_fingerprint_ok(ED_FP));
}

static void
test_sshkey_parse_refuses(void **state)
{
	struct sshkey_info k;

	(void)state;
	/* The type outside must be the type inside. */
	assert_int_equal(sshkey_parse("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIDn909vV9ceEd9EIQl5sXyMinb1Y/pl6MJ71ovQuIjmH", &k), -1);
	/* Unknown types, broken base64, a second line, a private key. */
	assert_int_equal(sshkey_parse("ssh-dss AAAAB3NzaC1kc3MAAACBAP", &k), -1);
	assert_int_equal(sshkey_parse("ssh-ed25519 AAAA!!!", &k), -1);
	assert_int_equal(sshkey_parse(ED_KEY " a\nssh-ed25519 AAAA", &k), -1);
	assert_int_equal(sshkey_parse("-----BEGIN OPENSSH PRIVATE KEY-----", &k), -1);
	/* A comment with control characters is dropped, the key kept. */
	assert_int_equal(sshkey_parse(ED_KEY " \x1b[2Jx", &k), 0);
	assert_string_equal(k.comment, "");
	assert_false(sshkey_fingerprint_ok("SHA256:short"));
	assert_false(sshkey_fingerprint_ok("MD5:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0xxx"));
	assert_false(sshkey_fingerprint_ok(NULL));
}

struct fx {
	char		 dir[64];
	char		 path[128];
	struct store	*s;
	int64_t		 a, b;
};

static int64_t
mkuser(struct store *s, const char *name)
{
	struct store_user_new u;
	char email[96];
	int64_t id = 0;

	snprintf(email, sizeof(email), "%s@example.org", name);
	memset(&u, 0, sizeof(u));
	u.username = name;
	u.email = email;
	u.role = STORE_ROLE_CITIZEN;
	u.status = STORE_USER_ACTIVE;
	u.pwhash = "$argon2id$not-used";
	assert_int_equal(store_user_create(s, &u, NOW, &id, NULL), 0);
	return id;
}

static int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char err[256];

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/mw-sshkey-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (store_open(f->path, &f->s, err, sizeof(err)) != 0) {
		free(f);
		return -1;
	}
	f->a = mkuser(f->s, "anna");
	f->b = mkuser(f->s, "bert");
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	store_close(f->s);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* A fresh proof for fp (as the gateway asks for one) in h. */
static void
mkproof(struct store *s, const char *fp, unsigned char h[STORE_HASH_BYTES])
{
	static unsigned char n;

	memset(h, 0, STORE_HASH_BYTES);
	h[0] = ++n;
	h[1] = 0xa5;
	assert_int_equal(store_keyproof_create(s, fp, h, NOW, NOW + 600), 0);
}

/* store_sshkey_add() with a fresh proof for fp. */
static int
addkey(struct store *s, int64_t uid, const char *fp, const char *type,
    const char *label, int64_t *id)
{
	unsigned char h[STORE_HASH_BYTES];

	mkproof(s, fp, h);
	return store_sshkey_add(s, uid, fp, type, label, h, NOW, id);
}

static void
test_store_sshkey_null(void **state)
{
	struct store_sshkey_list *l = NULL;
	struct store_user *u = NULL;
	unsigned char h[STORE_HASH_BYTES] = { 1 };

	(void)state;
	store_sshkey_list_free(NULL);
	assert_int_equal(store_sshkey_add(NULL, 1, ED_FP, "t", "l", h, NOW, NULL),
	    STORE_EINVALID);
	assert_int_equal(store_keyproof_create(NULL, ED_FP, h, NOW, NOW + 1),
	    STORE_EINVALID);
	assert_int_equal(store_sshkey_list(NULL, 1, &l), STORE_EINVALID);
	assert_null(l);
	assert_int_equal(store_sshkey_delete(NULL, 1, 1), STORE_EINVALID);
	assert_int_equal(store_sshkey_login(NULL, ED_FP, h, NOW, NOW + 1, &u),
	    STORE_EINVALID);
	assert_null(u);
}

static void
test_store_sshkey_add_list_delete(void **state)
{
	struct fx *f = *state;
	struct store_sshkey_list *l = NULL;
	int64_t id = 0, id2 = 0;

	assert_int_equal(addkey(f->s, f->a, ED_FP, "ssh-ed25519",
	    "laptop", &id), 0);
	assert_true(id > 0);
	/* One fingerprint, one account: neither again nor for another. */
	assert_int_equal(addkey(f->s, f->a, ED_FP, "ssh-ed25519",
	    "again", &id2), STORE_ECONFLICT);
	assert_int_equal(addkey(f->s, f->b, ED_FP, "ssh-ed25519",
	    "stolen", &id2), STORE_ECONFLICT);
	assert_int_equal(id2, 0);
	assert_int_equal(addkey(f->s, f->a + 99, EC_FP, "x", "y", &id2), STORE_ENOTFOUND);
	assert_int_equal(store_sshkey_list(f->s, f->a, &l), 0);
	assert_int_equal(l->n, 1);
	assert_int_equal(l->items[0].id, id);
	assert_string_equal(l->items[0].fingerprint, ED_FP);
	assert_string_equal(l->items[0].type, "ssh-ed25519");
	assert_string_equal(l->items[0].label, "laptop");
	assert_int_equal(l->items[0].created_at, NOW);
	store_sshkey_list_free(l);
	assert_int_equal(store_sshkey_list(f->s, f->b, &l), 0);
	assert_int_equal(l->n, 0);
	store_sshkey_list_free(l);
	/* Only the owner removes a key. */
	assert_int_equal(store_sshkey_delete(f->s, f->b, id), STORE_ENOTFOUND);
	assert_int_equal(store_sshkey_delete(f->s, f->a, id), 0);
	assert_int_equal(store_sshkey_delete(f->s, f->a, id), STORE_ENOTFOUND);
}

static void
test_store_sshkey_max(void **state)
{
	struct fx *f = *state;
	char fp[64];
	int i;

	for (i = 0; i < STORE_SSHKEY_MAX; i++) {
		snprintf(fp, sizeof(fp), "SHA256:%043d", i);
		assert_int_equal(addkey(f->s, f->a, fp, "ssh-ed25519",
		    "k", NULL), 0);
	}
	assert_int_equal(addkey(f->s, f->a, ED_FP, "ssh-ed25519",
	    "one too many", NULL), STORE_EINVALID);
}

static void
test_store_sshkey_login(void **state)
{
	struct fx *f = *state;
	struct store_user *u = NULL;
	unsigned char h[STORE_HASH_BYTES], h2[STORE_HASH_BYTES];
	int64_t id = 0;

	memset(h, 7, sizeof(h));
	memset(h2, 8, sizeof(h2));
	assert_int_equal(store_sshkey_login(f->s, ED_FP, h, NOW, NOW + 60, &u),
	    STORE_ENOTFOUND);
	assert_null(u);
	assert_int_equal(addkey(f->s, f->a, ED_FP, "ssh-ed25519",
	    "laptop", &id), 0);
	assert_int_equal(store_sshkey_login(f->s, ED_FP, h, NOW, NOW + 60, &u), 0);
	assert_int_equal(u->id, f->a);
	assert_string_equal(u->username, "anna");
	store_user_free(u);
	u = NULL;
	assert_int_equal(store_session_lookup(f->s, h, NOW + 1, &u, NULL), 0);
	assert_int_equal(u->id, f->a);
	store_user_free(u);
	u = NULL;
	/* Removing the key ends the sessions it opened and the path. */
	assert_int_equal(store_sshkey_delete(f->s, f->a, id), 0);
	assert_int_equal(store_session_lookup(f->s, h, NOW + 1, &u, NULL),
	    STORE_ENOTFOUND);
	assert_int_equal(store_sshkey_login(f->s, ED_FP, h2, NOW, NOW + 60, &u),
	    STORE_ENOTFOUND);
}

static void
test_store_sshkey_deleted_account(void **state)
{
	struct fx *f = *state;
	struct store_sshkey_list *l = NULL;
	struct store_user *u = NULL;
	unsigned char h[STORE_HASH_BYTES];

	memset(h, 9, sizeof(h));
	assert_int_equal(addkey(f->s, f->b, EC_FP, "ecdsa-sha2-nistp256",
	    "ec", NULL), 0);
	assert_int_equal(store_user_delete(f->s, f->b, NOW + 5), 0);
	assert_int_equal(store_sshkey_login(f->s, EC_FP, h, NOW, NOW + 60, &u),
	    STORE_ENOTFOUND);
	assert_int_equal(store_sshkey_list(f->s, f->b, &l), 0);
	assert_int_equal(l->n, 0);
	store_sshkey_list_free(l);
	/* A pending account cannot log in with a key either. */
	assert_int_equal(addkey(f->s, f->a, ED_FP, "ssh-ed25519",
	    "k", NULL), 0);
	assert_int_equal(store_user_set_status(f->s, f->a, STORE_USER_PENDING), 0);
	assert_int_equal(store_sshkey_login(f->s, ED_FP, h, NOW, NOW + 60, &u),
	    STORE_ENOTFOUND);
}

/* Only a live proof made for this very key registers it, once. */
static void
test_store_sshkey_proof(void **state)
{
	struct fx *f = *state;
	struct store_sshkey_list *l = NULL;
	unsigned char h[STORE_HASH_BYTES], other[STORE_HASH_BYTES];
	unsigned char old[STORE_HASH_BYTES], none[STORE_HASH_BYTES];
	int64_t n = 0, id = 0;

	memset(none, 0x42, sizeof(none));
	assert_int_equal(store_sshkey_add(f->s, f->a, ED_FP, "ssh-ed25519",
	    "no proof", none, NOW, NULL), STORE_EDENIED);
	mkproof(f->s, EC_FP, other);
	assert_int_equal(store_sshkey_add(f->s, f->a, ED_FP, "ssh-ed25519",
	    "another key's proof", other, NOW, NULL), STORE_EDENIED);
	mkproof(f->s, ED_FP, old);
	assert_int_equal(store_sshkey_add(f->s, f->a, ED_FP, "ssh-ed25519",
	    "expired", old, NOW + 600, NULL), STORE_EDENIED);
	/* A refused add (no such account) leaves the proof unused. */
	mkproof(f->s, ED_FP, h);
	assert_int_equal(store_sshkey_add(f->s, f->a + 99, ED_FP, "ssh-ed25519",
	    "x", h, NOW, NULL), STORE_ENOTFOUND);
	assert_int_equal(store_sshkey_add(f->s, f->a, ED_FP, "ssh-ed25519",
	    "ok", h, NOW + 599, &id), 0);
	assert_int_equal(store_sshkey_delete(f->s, f->a, id), 0);
	assert_int_equal(store_sshkey_add(f->s, f->a, ED_FP, "ssh-ed25519",
	    "reused", h, NOW + 1, NULL), STORE_EDENIED);
	assert_int_equal(store_sshkey_list(f->s, f->a, &l), 0);
	assert_int_equal(l->n, 0);
	store_sshkey_list_free(l);
	/* The other key's proof still works for it; expired ones are purged. */
	assert_int_equal(store_sshkey_add(f->s, f->b, EC_FP, "ecdsa-sha2-nistp256",
	    "ec", other, NOW, NULL), 0);
	assert_int_equal(store_session_purge(f->s, NOW + 600, &n), 0);
	assert_true(n >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sshkey_parse_null),
		cmocka_unit_test(test_sshkey_parse_fingerprints),
		cmocka_unit_test(test_sshkey_parse_refuses),
		cmocka_unit_test(test_store_sshkey_null),
#define T_(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
		T_(test_store_sshkey_add_list_delete),
		T_(test_store_sshkey_max),
		T_(test_store_sshkey_login),
		T_(test_store_sshkey_deleted_account),
		T_(test_store_sshkey_proof),
#undef T_
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
