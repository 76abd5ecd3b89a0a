/* routes_sshkey.c — an account's SSH keys and key login for the SSH gateway. */
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>
#include <sodium.h>

#include "server/api/clock.h"
#include "server/api/pwhash.h"
#include "server/api/routes_int.h"
#include "server/api/sshkey.h"

/* The header that carries the gateway secret on POST /auth/ssh-key. */
#define RK_GATEWAY_HEADER	"X-MitWirkung-Gateway"
/* How long a proof of holding a key registers it (docs/api.md). */
#define RK_PROOF_TTL		3600

void
rk_list(struct req *r, const struct route_args *a)
{
	struct store_sshkey_list *l = NULL;
	struct store *st;
	int rc;

	(void)a;
	if ((st = route_store(r)) == NULL)
		return;
	if ((rc = store_sshkey_list(st, r->user->id, &l)) != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_sshkey_list(l));
	store_sshkey_list_free(l);
}

void
rk_add(struct req *r, const struct route_args *a)
{
	unsigned char ph[PWHASH_TOKEN_BYTES];
	struct sshkey_info info;
	struct store_sshkey k;
	const char *line, *label = NULL, *proof;
	struct jin *b;
	struct store *st;
	int64_t now = clock_now();
	int rc;

	(void)a;
	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "public_key", 0, 1, 8192, 0, &line) != 0 ||
	    route_text(r, b, "label", 1, 1, 100, 0, &label) != 0 ||
	    route_text(r, b, "proof", 0, 1, 64, 0, &proof) != 0)
		goto out;
	if (sshkey_parse(line, &info) != 0) {
		http_reply_error(r, APIERR_VALIDATION, "public_key", REASON_FORMAT);
		goto out;
	}
	if (label == NULL)
		label = info.comment[0] != '\0' ? info.comment : info.type;
	if ((st = route_store(r)) == NULL)
		goto out;
	memset(&k, 0, sizeof(k));
	pwhash_token_hash(proof, strlen(proof), ph);
	rc = store_sshkey_add(st, r->user->id, info.fingerprint, info.type,
	    label, ph, now, &k.id);
	sodium_memzero(ph, sizeof(ph));
	if (rc == STORE_EDENIED) {
		/* No proof that this caller used this key in an SSH login. */
		http_reply_error(r, APIERR_FORBIDDEN, "proof", REASON_NONE);
		goto out;
	}
	if (rc == STORE_EINVALID) {
		http_reply_error(r, APIERR_VALIDATION, "public_key",
		    REASON_TOO_MANY);
		goto out;
	}
	if (rc != 0) {
		route_store_error(r, rc, "public_key");
		goto out;
	}
	k.fingerprint = info.fingerprint;
	k.type = info.type;
	k.label = (char *)label;
	k.created_at = now;
	http_reply_json(r, MHD_HTTP_CREATED, render_sshkey(&k));
out:
	jin_free(b);
}

void
rk_delete(struct req *r, const struct route_args *a)
{
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	if ((rc = store_sshkey_delete(st, r->user->id, id)) != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_empty(r, MHD_HTTP_NO_CONTENT);
}

/* Compares the presented secret with the configured one in constant time
 * (both as SHA-256, so their lengths leak nothing either). */
static int
rk_gateway_ok(struct req *r)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	const char *s = http_header(r, RK_GATEWAY_HEADER);
	int ok;

	if (s == NULL)
		return 0;
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	ok = sodium_memcmp(h, r->cfg->gateway_hash, sizeof(h)) == 0;
	sodium_memzero(h, sizeof(h));
	return ok;
}

/* Replies (and returns -1) unless the gateway asks: key login is on and
 * the request carries its secret. */
static int
rk_gateway_check(struct req *r)
{
	if (!r->cfg->gateway) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return -1;
	}
	if (!rk_gateway_ok(r)) {
		http_reply_error(r, APIERR_FORBIDDEN, NULL, REASON_NONE);
		return -1;
	}
	return 0;
}

/* Reads the body's "fingerprint" for a gateway route into *fp; replies and
 * returns NULL when the caller is not the gateway or the body is bad. */
static struct jin *
rk_gateway_body(struct req *r, const char **fp)
{
	struct jin *b;

	if (rk_gateway_check(r) != 0 || (b = route_body(r)) == NULL)
		return NULL;
	if (route_text(r, b, "fingerprint", 0, 1, 64, 0, fp) != 0) {
		jin_free(b);
		return NULL;
	}
	if (!sshkey_fingerprint_ok(*fp)) {
		http_reply_error(r, APIERR_VALIDATION, "fingerprint", REASON_FORMAT);
		jin_free(b);
		return NULL;
	}
	return b;
}

/*
 * The SSH gateway verified a signature by the key with this fingerprint,
 * which no account has: it gets a single-use proof (kept here as a hash)
 * that registers this key for whoever logs in during that connection
 * (POST /me/keys). Only the holder of the gateway secret may ask.
 */
void
rk_gateway_proof(struct req *r, const struct route_args *a)
{
	unsigned char th[PWHASH_TOKEN_BYTES];
	const char *fp;
	char proof[64];
	struct jin *b;
	struct store *st;
	int64_t now = clock_now(), expires = now + RK_PROOF_TTL;
	int rc;

	(void)a;
	if ((b = rk_gateway_body(r, &fp)) == NULL)
		return;
	if ((st = route_store(r)) == NULL)
		goto out;
	if (pwhash_token_issue(proof, sizeof(proof), th) != 0) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
	rc = store_keyproof_create(st, fp, th, now, expires);
	sodium_memzero(th, sizeof(th));
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_CREATED,
		    render_keyproof(proof, fp, expires));
	sodium_memzero(proof, sizeof(proof));
out:
	jin_free(b);
}

/*
 * The SSH gateway proved that its client holds the key with this
 * fingerprint; when an active account registered it, a session of that
 * account is opened. Only the holder of the gateway secret may ask.
 */
void
rk_gateway_login(struct req *r, const struct route_args *a)
{
	struct store_user *u = NULL;
	unsigned char th[PWHASH_TOKEN_BYTES];
	const char *fp;
	char token[64];
	struct jin *b = NULL;
	struct store *st;
	int64_t now = clock_now(), expires;
	int rc;

	(void)a;
	if ((b = rk_gateway_body(r, &fp)) == NULL)
		return;
	if ((st = route_store(r)) == NULL)
		goto out;
	if (pwhash_token_issue(token, sizeof(token), th) != 0) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
	expires = now + r->cfg->token_ttl;
	rc = store_sshkey_login(st, fp, th, now, expires, &u);
	if (rc == STORE_ENOTFOUND)
		http_reply_error(r, APIERR_NOT_FOUND, "fingerprint", REASON_NONE);
	else if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_login(token, expires, u));
	sodium_memzero(token, sizeof(token));
out:
	store_user_free(u);
	jin_free(b);
}
