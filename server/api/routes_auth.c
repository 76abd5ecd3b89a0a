/* routes_auth.c — registration, confirmation, login/logout and /me. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>
#include <sodium.h>

#include "common/ascii.h"
#include "common/log.h"
#include "server/api/clock.h"
#include "server/api/auth.h"
#include "server/api/mail.h"
#include "server/api/pwhash.h"
#include "server/api/routes_int.h"

/* Confirmation tokens live two days. */
#define RA_CONFIRM_TTL	(2 * 24 * 3600)

static struct ratelimit *ra_by_account, *ra_by_addr;

int
ra_init(const struct http_cfg *cfg)
{
	unsigned int n = cfg->login_failures > 0 ? cfg->login_failures : 5;
	unsigned int w = cfg->login_window > 0 ? cfg->login_window : 300;

	/* An address may fail more often than one account: several people
	 * can share a library's address. */
	ra_by_account = ratelimit_new(n, w);
	ra_by_addr = ratelimit_new(n * 4, w);
	return ra_by_account != NULL && ra_by_addr != NULL ? 0 : -1;
}

void
ra_fini(void)
{
	ratelimit_free(ra_by_account);
	ratelimit_free(ra_by_addr);
	ra_by_account = ra_by_addr = NULL;
}

static void
ra_reply_user(struct req *r, struct store *st, int64_t id, unsigned int status)
{
	struct store_user *u = NULL;
	int rc = store_user_get(st, id, &u);

	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, status, render_user(u, 1));
	store_user_free(u);
}

void
ra_register(struct req *r, const struct route_args *a)
{
	struct store_user_new nu;
	const char *username, *email, *password, *display = NULL, *locale = NULL;
	const char *conflict = NULL;
	char hash[PWHASH_STRBYTES], token[64];
	unsigned char th[PWHASH_TOKEN_BYTES];
	enum apireason why;
	struct jin *b;
	struct store *st;
	int64_t id = 0, now = clock_now();
	int rc;

	(void)a;
	if ((b = route_body(r)) == NULL)
		return;
	if (jin_str(b, "username", &username) == JIN_TYPE ||
	    jin_str(b, "email", &email) == JIN_TYPE ||
	    jin_str(b, "password", &password) == JIN_TYPE ||
	    jin_is_null(b, "username") || jin_is_null(b, "email") ||
	    jin_is_null(b, "password")) {
		http_reply_error(r, APIERR_BAD_REQUEST, NULL, REASON_TYPE);
		goto out;
	}
	if ((why = validate_username(username)) != REASON_NONE) {
		http_reply_error(r, APIERR_VALIDATION, "username", why);
		goto out;
	}
	if ((why = validate_email(email)) != REASON_NONE) {
		http_reply_error(r, APIERR_VALIDATION, "email", why);
		goto out;
	}
	if ((why = validate_password(password)) != REASON_NONE) {
		http_reply_error(r, APIERR_VALIDATION, "password", why);
		goto out;
	}
	if (route_text(r, b, "display_name", 1, 1, 64, 0, &display) != 0 ||
	    route_text(r, b, "locale", 1, 2, 8, 0, &locale) != 0)
		goto out;
	if (locale != NULL && !validate_lang(locale)) {
		http_reply_error(r, APIERR_VALIDATION, "locale", REASON_FORMAT);
		goto out;
	}
	if ((st = route_store(r)) == NULL)
		goto out;
	if (pwhash_hash(password, strlen(password), hash) != 0) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
	memset(&nu, 0, sizeof(nu));
	nu.username = username;
	nu.email = email;
	nu.display_name = display;
	nu.locale = locale != NULL ? locale : r->lang;
	nu.role = STORE_ROLE_CITIZEN;
	nu.status = STORE_USER_PENDING;
	nu.pwhash = hash;
	rc = store_user_create(st, &nu, now, &id, &conflict);
	if (rc != 0) {
		route_store_error(r, rc, conflict);
		goto out;
	}
	if (pwhash_token_new(token, sizeof(token)) != 0)
		goto fail;
	pwhash_token_hash(token, strlen(token), th);
	if (store_token_create(st, STORE_TOKEN_CONFIRM, id, th, now,
	    now + RA_CONFIRM_TTL) != 0)
		goto fail;
	if (mail_send_confirm(&r->cfg->mail, email, username, token,
	    nu.locale) != 0)
		goto fail;
	sodium_memzero(token, sizeof(token));
	ra_reply_user(r, st, id, MHD_HTTP_CREATED);
	goto out;
fail:
	/* Without its mail the account could never be confirmed. */
	log_msg("register: confirmation mail for user %lld failed",
	    (long long)id);
	store_user_delete(st, id, now);
	http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
out:
	sodium_memzero(hash, sizeof(hash));
	jin_free(b);
}

void
ra_confirm(struct req *r, const struct route_args *a)
{
	struct store_user *u = NULL;
	unsigned char th[PWHASH_TOKEN_BYTES];
	const char *token;
	struct jin *b;
	struct store *st;
	int rc;

	(void)a;
	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "token", 0, 1, 256, 0, &token) != 0)
		goto out;
	if (!auth_token_wellformed(token)) {
		http_reply_error(r, APIERR_NOT_FOUND, "token", REASON_NONE);
		goto out;
	}
	if ((st = route_store(r)) == NULL)
		goto out;
	pwhash_token_hash(token, strlen(token), th);
	rc = store_user_confirm(st, th, clock_now(), &u);
	if (rc == STORE_ENOTFOUND)
		http_reply_error(r, APIERR_NOT_FOUND, "token", REASON_NONE);
	else if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_user(u, 1));
	store_user_free(u);
out:
	jin_free(b);
}

void
ra_login(struct req *r, const struct route_args *a)
{
	struct store_user *u = NULL;
	const char *login, *password;
	char akey[300], ikey[80], token[64];
	unsigned char th[PWHASH_TOKEN_BYTES];
	unsigned int wait, wait2;
	struct jin *b;
	struct store *st;
	int64_t now = clock_now(), expires;
	size_t i;
	int rc, ok;

	(void)a;
	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "login", 0, 1, 254, 0, &login) != 0 ||
	    route_text(r, b, "password", 0, 1, 256, 0, &password) != 0)
		goto out;
	snprintf(ikey, sizeof(ikey), "a:%s", r->addr);
	if ((wait2 = ratelimit_check(ra_by_addr, ikey, now)) > 0) {
		http_reply_rate_limited(r, wait2);
		goto out;
	}
	if ((st = route_store(r)) == NULL)
		goto out;
	rc = store_user_find_login(st, login, &u);
	if (rc != 0 && rc != STORE_ENOTFOUND) {
		route_store_error(r, rc, NULL);
		goto out;
	}
	/* The account limiter counts per account, whatever form of login
	 * was typed (name, e-mail, any case); a login that names no account
	 * is counted by its lower-case form and gets 429 alike, so the
	 * limiter does not tell which names exist. */
	if (u != NULL) {
		snprintf(akey, sizeof(akey), "id:%lld", (long long)u->id);
	} else {
		snprintf(akey, sizeof(akey), "u:%s", login);
		for (i = 2; akey[i] != '\0'; i++)
			akey[i] = (char)ascii_tolower((unsigned char)akey[i]);
	}
	if ((wait = ratelimit_check(ra_by_account, akey, now)) > 0) {
		http_reply_rate_limited(r, wait);
		goto out;
	}
	/* Unknown names cost the same time as wrong passwords. */
	ok = pwhash_verify(u != NULL ? u->pwhash : pwhash_dummy(), password,
	    strlen(password)) == 0 && u != NULL;
	if (!ok) {
		ratelimit_fail(ra_by_account, akey, now);
		ratelimit_fail(ra_by_addr, ikey, now);
		http_reply_error(r, APIERR_INVALID_CREDENTIALS, NULL, REASON_NONE);
		goto out;
	}
	ratelimit_clear(ra_by_account, akey);
	if (u->status != STORE_USER_ACTIVE) {
		http_reply_error(r, APIERR_NOT_CONFIRMED, NULL, REASON_NONE);
		goto out;
	}
	if (pwhash_token_new(token, sizeof(token)) != 0) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
	pwhash_token_hash(token, strlen(token), th);
	expires = now + r->cfg->token_ttl;
	if ((rc = store_session_create(st, u->id, th, now, expires)) != 0) {
		route_store_error(r, rc, NULL);
		goto out;
	}
	http_reply_json(r, MHD_HTTP_OK, render_login(token, expires, u));
	sodium_memzero(token, sizeof(token));
out:
	store_user_free(u);
	jin_free(b);
}

void
ra_logout(struct req *r, const struct route_args *a)
{
	struct store *st;

	(void)a;
	if ((st = route_store(r)) == NULL)
		return;
	if (store_session_delete(st, r->token_hash) != 0)
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
	else
		http_reply_empty(r, MHD_HTTP_NO_CONTENT);
}

void
ra_me(struct req *r, const struct route_args *a)
{
	(void)a;
	http_reply_json(r, MHD_HTTP_OK, render_user(r->user, 1));
}

void
ra_me_delete(struct req *r, const struct route_args *a)
{
	struct store_user *u = NULL;
	const char *password;
	struct jin *b;
	struct store *st;
	int rc;

	(void)a;
	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "password", 0, 1, 256, 0, &password) != 0 ||
	    (st = route_store(r)) == NULL)
		goto out;
	rc = store_user_find_login(st, r->user->username, &u);
	if (rc != 0) {
		route_store_error(r, rc, NULL);
		goto out;
	}
	if (u->id != r->user->id ||
	    pwhash_verify(u->pwhash, password, strlen(password)) != 0) {
		http_reply_error(r, APIERR_INVALID_CREDENTIALS, "password",
		    REASON_NONE);
		goto out;
	}
	if ((rc = store_user_delete(st, u->id, clock_now())) != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_empty(r, MHD_HTTP_NO_CONTENT);
out:
	store_user_free(u);
	jin_free(b);
}

void
ra_me_export(struct req *r, const struct route_args *a)
{
	struct store_export *e = NULL;
	struct store *st;
	int rc;

	(void)a;
	if ((st = route_store(r)) == NULL)
		return;
	rc = store_export_user(st, r->user->id, clock_now(), &e);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_export(e));
	store_export_free(e);
}
