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
#include "server/api/slowq.h"

/* Confirmation tokens and codes live two days. */
#define RA_CONFIRM_TTL	(2 * 24 * 3600)
/* Wrong codes an account may try; then its code stops working for good
 * (the long token of the mail still works). 5 in 10^8 guesses. */
#define RA_CODE_TRIES	5
#define RA_CODE_DIGITS	8

static struct ratelimit *ra_by_account, *ra_by_addr, *ra_by_code;
/* Registrations per client address, registration mails per address. */
static struct ratelimit *ra_reg_by_addr, *ra_mail_by_target;

int
ra_init(const struct http_cfg *cfg)
{
	unsigned int n = cfg->login_failures > 0 ? cfg->login_failures : 5;
	unsigned int w = cfg->login_window > 0 ? cfg->login_window : 300;

	/* An address may fail more often than one account: several people
	 * can share a library's address. */
	ra_by_account = ratelimit_new(n, w);
	ra_by_addr = ratelimit_new(n * 4, w);
	ra_by_code = ratelimit_new(RA_CODE_TRIES, RA_CONFIRM_TTL);
	/* A limit of 0 turns that limiter off (NULL never limits). */
	w = cfg->register_window > 0 ? cfg->register_window : 3600;
	if (cfg->register_per_addr > 0 && (ra_reg_by_addr =
	    ratelimit_new(cfg->register_per_addr, w)) == NULL)
		return -1;
	if (cfg->mail_per_target > 0 && (ra_mail_by_target =
	    ratelimit_new(cfg->mail_per_target, w)) == NULL)
		return -1;
	return ra_by_account != NULL && ra_by_addr != NULL && ra_by_code != NULL ? 0 : -1;
}

void
ra_fini(void)
{
	ratelimit_free(ra_by_account);
	ratelimit_free(ra_by_addr);
	ratelimit_free(ra_by_code);
	ratelimit_free(ra_reg_by_addr);
	ratelimit_free(ra_mail_by_target);
	ra_by_account = ra_by_addr = ra_by_code = NULL;
	ra_reg_by_addr = ra_mail_by_target = NULL;
}

/* The hash a code is stored under: the account's id is part of it, so
 * one code does not open another account. */
static void
ra_code_hash(int64_t user_id, const char *digits, unsigned char th[PWHASH_TOKEN_BYTES])
{
	char buf[64];

	snprintf(buf, sizeof(buf), "code:%lld:%s", (long long)user_id, digits);
	pwhash_token_hash(buf, strlen(buf), th);
	sodium_memzero(buf, sizeof(buf));
}

/* A registration handed to the slow queue: Argon2id, the account and the
 * mail are done there, off the HTTP workers. Strings point into body. */
struct ra_pending {
	struct slowq_job	 job;
	struct req		*req;
	struct jin		*body;
	const char		*username, *email, *password, *display, *locale;
	int64_t			 now;
	int			 rc;		/* 0, RA_BUSY or STORE_E* */
};

#define RA_BUSY	1

static void
ra_job_free(struct req *r)
{
	struct ra_pending *p = r->job;

	r->job = NULL;
	if (p != NULL) {
		jin_free(p->body);
		free(p);
	}
}

/* On the queue thread. A taken name or address is not an error: a notice
 * goes to the address instead of a confirmation, and the answer is the
 * same, so it does not tell who has an account. */
static void
ra_register_run(struct slowq_job *job)
{
	struct ra_pending *p = job->arg;
	const struct mail_cfg *mail = &p->req->cfg->mail;
	struct store_user *other = NULL;
	struct store_user_new nu;
	const char *conflict = NULL, *name;
	char hash[PWHASH_STRBYTES], token[64], code[RA_CODE_DIGITS + 1];
	unsigned char th[PWHASH_TOKEN_BYTES];
	struct store *st;
	int64_t id = 0;
	int rc, addr;

	memset(token, 0, sizeof(token));
	memset(code, 0, sizeof(code));
	p->rc = STORE_EIO;
	if ((st = http_store()) == NULL)
		return;
	if (pwhash_hash(p->password, strlen(p->password), hash) != 0) {
		p->rc = STORE_ENOMEM;
		return;
	}
	memset(&nu, 0, sizeof(nu));
	nu.username = p->username;
	nu.email = p->email;
	nu.display_name = p->display;
	nu.locale = p->locale;
	nu.role = STORE_ROLE_CITIZEN;
	nu.status = STORE_USER_PENDING;
	nu.pwhash = hash;
	rc = store_user_create(st, &nu, p->now, &id, &conflict);
	if (rc == STORE_ECONFLICT) {
		addr = conflict != NULL && strcmp(conflict, "email") == 0;
		name = p->username;
		if (addr && store_user_find_login(st, p->email, &other) == 0)
			name = other->username;
		if (mail_send_taken(mail, p->email, name, addr, p->locale) != 0)
			log_msg("register: notice mail failed");
		p->rc = 0;
		goto out;
	}
	if ((p->rc = rc) != 0)
		goto out;
	p->rc = STORE_EIO;
	if (pwhash_token_issue(token, sizeof(token), th) != 0)
		goto fail;
	if (store_token_create(st, STORE_TOKEN_CONFIRM, id, th, p->now,
	    p->now + RA_CONFIRM_TTL) != 0)
		goto fail;
	/* The short code, for typing by hand or from a braille display. */
	snprintf(code, sizeof(code), "%08u",
	    (unsigned int)randombytes_uniform(100000000U));
	ra_code_hash(id, code, th);
	if (store_token_create(st, STORE_TOKEN_CODE, id, th, p->now,
	    p->now + RA_CONFIRM_TTL) != 0)
		goto fail;
	if (mail_send_confirm(mail, p->email, p->username, token, code,
	    p->locale) != 0)
		goto fail;
	p->rc = 0;
	goto out;
fail:
	/* Without its mail the account could never be confirmed. */
	log_msg("register: confirmation mail for user %lld failed",
	    (long long)id);
	store_user_delete(st, id, p->now);
out:
	store_user_free(other);
	sodium_memzero(token, sizeof(token));
	sodium_memzero(code, sizeof(code));
	sodium_memzero(hash, sizeof(hash));
}

static void
ra_register_resume(struct slowq_job *job)
{
	http_resume(((struct ra_pending *)job->arg)->req);
}

/* Back on an HTTP worker. */
static void
ra_register_done(struct req *r)
{
	struct ra_pending *p = r->job;

	if (p->rc == RA_BUSY)
		http_reply_rate_limited(r, 2);
	else if (p->rc != 0)
		route_store_error(r, p->rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_CREATED, render_registration(
		    p->username, p->display, p->email, p->locale, p->now));
	ra_job_free(r);
}

/* The registration limits per client address and per e-mail address;
 * replies 429 and returns -1 when one is reached, else counts this one. */
static int
ra_register_limited(struct req *r, const char *email, int64_t now)
{
	char ikey[80], mkey[300];
	unsigned int w1, w2;
	size_t i;

	snprintf(ikey, sizeof(ikey), "a:%s", r->addr);
	snprintf(mkey, sizeof(mkey), "m:%s", email);
	for (i = 2; mkey[i] != '\0'; i++)
		mkey[i] = (char)ascii_tolower((unsigned char)mkey[i]);
	w1 = ratelimit_check(ra_reg_by_addr, ikey, now);
	w2 = ratelimit_check(ra_mail_by_target, mkey, now);
	if (w1 > 0 || w2 > 0) {
		http_reply_rate_limited(r, w1 > w2 ? w1 : w2);
		return -1;
	}
	if (slowq_waiting() >= SLOWQ_MAX) {
		http_reply_rate_limited(r, 2);
		return -1;
	}
	ratelimit_fail(ra_reg_by_addr, ikey, now);
	ratelimit_fail(ra_mail_by_target, mkey, now);
	return 0;
}

/* The digits of a code as typed ("1234 5678", "1234-5678") into out;
 * 0, or -1 when it is not 8 digits. */
static int
ra_code_digits(const char *code, char out[RA_CODE_DIGITS + 1])
{
	size_t n = 0;

	for (; *code != '\0'; code++) {
		if (*code == ' ' || *code == '-')
			continue;
		if (!isdigit((unsigned char)*code) || n == RA_CODE_DIGITS)
			return -1;
		out[n++] = *code;
	}
	out[n] = '\0';
	return n == RA_CODE_DIGITS ? 0 : -1;
}

void
ra_register(struct req *r, const struct route_args *a)
{
	const char *username, *email, *password, *display = NULL, *locale = NULL;
	struct ra_pending *p;
	enum apireason why;
	struct jin *b;
	int64_t now = clock_now();

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
	if (ra_register_limited(r, email, now) != 0)
		goto out;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
	p->req = r;
	p->body = b;
	b = NULL;
	p->username = username;
	p->email = email;
	p->password = password;
	p->display = display;
	p->locale = locale != NULL ? locale : r->lang;
	p->now = now;
	p->job.run = ra_register_run;
	p->job.done = ra_register_resume;
	p->job.arg = p;
	r->job = p;
	r->job_free = ra_job_free;
	http_suspend(r, ra_register_done);
	if (slowq_submit(&p->job) != 0) {
		p->rc = RA_BUSY;
		http_resume(r);
	}
out:
	jin_free(b);
}

/* POST /auth/confirm with {login, code}: the 8-digit code of the mail.
 * Wrong codes count per account; after RA_CODE_TRIES the code is
 * deleted. Every failure is the same 404 (field "code"). */
static void
ra_confirm_code(struct req *r, struct store *st, const char *login, const char *code)
{
	struct store_user *u = NULL, *found = NULL;
	unsigned char th[PWHASH_TOKEN_BYTES];
	char digits[RA_CODE_DIGITS + 1], key[40];
	int64_t now = clock_now();
	int rc;

	if (ra_code_digits(code, digits) != 0) {
		http_reply_error(r, APIERR_NOT_FOUND, "code", REASON_NONE);
		return;
	}
	rc = store_user_find_login(st, login, &found);
	if (rc != 0) {
		if (rc == STORE_ENOTFOUND)
			http_reply_error(r, APIERR_NOT_FOUND, "code", REASON_NONE);
		else
			route_store_error(r, rc, NULL);
		goto out;
	}
	snprintf(key, sizeof(key), "c:%lld", (long long)found->id);
	if (ratelimit_check(ra_by_code, key, now) > 0) {
		http_reply_error(r, APIERR_NOT_FOUND, "code", REASON_NONE);
		goto out;
	}
	ra_code_hash(found->id, digits, th);
	rc = store_user_confirm_kind(st, STORE_TOKEN_CODE, th, now, &u);
	if (rc == STORE_ENOTFOUND) {
		ratelimit_fail(ra_by_code, key, now);
		if (ratelimit_check(ra_by_code, key, now) > 0)
			store_token_drop_code(st, found->id);
		http_reply_error(r, APIERR_NOT_FOUND, "code", REASON_NONE);
	} else if (rc != 0) {
		route_store_error(r, rc, NULL);
	} else {
		ratelimit_clear(ra_by_code, key);
		http_reply_json(r, MHD_HTTP_OK, render_user(u, 1));
	}
out:
	sodium_memzero(digits, sizeof(digits));
	store_user_free(found);
	store_user_free(u);
}

void
ra_confirm(struct req *r, const struct route_args *a)
{
	struct store_user *u = NULL;
	unsigned char th[PWHASH_TOKEN_BYTES];
	const char *token = NULL, *login = NULL, *code = NULL;
	struct jin *b;
	struct store *st;
	int rc;

	(void)a;
	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "code", 1, 1, 32, 0, &code) != 0)
		goto out;
	if (code != NULL) {
		if (route_text(r, b, "login", 0, 1, 254, 0, &login) != 0)
			goto out;
		if ((st = route_store(r)) != NULL)
			ra_confirm_code(r, st, login, code);
		goto out;
	}
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
	if (pwhash_token_issue(token, sizeof(token), th) != 0) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
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
