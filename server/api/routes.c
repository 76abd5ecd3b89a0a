/* routes.c — the route table, authentication, shared helpers and the
 * public GET endpoints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <microhttpd.h>

#include "common/ascii.h"
#include "server/api/clock.h"
#include "server/api/auth.h"
#include "server/api/cache.h"
#include "server/api/pwhash.h"
#include "server/api/results.h"
#include "server/api/routes.h"
#include "server/api/routes_int.h"

#ifndef MW_VERSION
#define MW_VERSION "0.0.0"
#endif

static struct cache *routes_resp_cache;

struct cache *
routes_cache(void)
{
	return routes_resp_cache;
}

void *
pool_add(struct pool *pl, void *ptr)
{
	if (ptr == NULL)
		return NULL;
	if (pl->n == sizeof(pl->p) / sizeof(pl->p[0])) {
		/* Never expected with bodies of 64 KiB; keep it owned. */
		free(ptr);
		return NULL;
	}
	pl->p[pl->n++] = ptr;
	return ptr;
}

void
pool_free(struct pool *pl)
{
	while (pl->n > 0)
		free(pl->p[--pl->n]);
}

int64_t
route_uid(const struct req *r)
{
	return r->user != NULL ? r->user->id : 0;
}

int
route_role(const struct req *r)
{
	return r->user != NULL ? r->user->role : 0;
}

struct render_viewer
route_viewer(const struct req *r)
{
	struct render_viewer v = { route_uid(r), route_role(r) };

	return v;
}

int
route_id(const char *s, int64_t *id)
{
	long long v = 0;
	const char *p;

	*id = 0;
	if (s == NULL || *s == '\0' || *s == '0' || strlen(s) > 15)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	*id = v;
	return 0;
}

struct store *
route_store(struct req *r)
{
	struct store *st = http_store();

	if (st == NULL)
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
	return st;
}

int
route_id_arg(struct req *r, const char *arg, int64_t *id)
{
	if (route_id(arg, id) != 0) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return -1;
	}
	return 0;
}

struct store *
route_id_store(struct req *r, const char *arg, int64_t *id)
{
	return route_id_arg(r, arg, id) == 0 ? route_store(r) : NULL;
}

int
route_project_id(struct req *r, struct store *st, const char *arg, int64_t *id)
{
	struct store_project *p = NULL;

	if (route_id(arg, id) == 0)
		return 0;
	if (store_project_get(st, 0, arg, "de", &p) != 0) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return -1;
	}
	*id = p->id;
	store_project_free(p);
	return 0;
}

void
route_store_error(struct req *r, int rc, const char *field)
{
	switch (rc) {
	case STORE_ENOTFOUND:
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		break;
	case STORE_ECONFLICT:
		http_reply_error(r, APIERR_CONFLICT, field, REASON_NONE);
		break;
	case STORE_ECLOSED:
		http_reply_error(r, APIERR_CLOSED, NULL, REASON_NONE);
		break;
	case STORE_EINVALID:
		http_reply_error(r, APIERR_VALIDATION, field != NULL ? field :
		    "body", REASON_NONE);
		break;
	default:
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
	}
}

struct jin *
route_project_body(struct req *r, const char *arg, struct store **st,
    int64_t *pid)
{
	if ((*st = route_store(r)) == NULL ||
	    route_project_id(r, *st, arg, pid) != 0)
		return NULL;
	return route_body(r);
}

int
route_need_staff(struct req *r)
{
	if (r->user == NULL) {
		http_reply_error(r, APIERR_UNAUTHORIZED, NULL, REASON_NONE);
		return -1;
	}
	if (!auth_role_allows((enum auth_role)r->user->role, AUTH_ROLE_STAFF)) {
		http_reply_error(r, APIERR_FORBIDDEN, NULL, REASON_NONE);
		return -1;
	}
	return 0;
}

struct jin *
route_body(struct req *r)
{
	const char *ct = http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	struct jin *doc;
	size_t n;

	if (r->body_len > 0 || ct != NULL) {
		if (ct == NULL) {
			http_reply_error(r, APIERR_UNSUPPORTED_MEDIA, NULL,
			    REASON_NONE);
			return NULL;
		}
		while (*ct == ' ')
			ct++;
		n = strcspn(ct, "; ");
		if (n != 16 || ascii_strncasecmp(ct, "application/json", 16) != 0) {
			http_reply_error(r, APIERR_UNSUPPORTED_MEDIA, NULL,
			    REASON_NONE);
			return NULL;
		}
	}
	if ((doc = jin_parse(r->body, r->body_len)) == NULL)
		http_reply_error(r, APIERR_BAD_REQUEST, NULL, REASON_NONE);
	return doc;
}

int
route_list_params(struct req *r, int *limit, const char **after)
{
	const char *l = http_query(r, "limit");
	int64_t v;

	*limit = 20;
	*after = http_query(r, "after");
	if (*after != NULL && **after == '\0')
		*after = NULL;
	if (l != NULL) {
		if (route_id(l, &v) != 0 || v < 1 || v > 100) {
			http_reply_error(r, APIERR_VALIDATION, "limit",
			    REASON_RANGE);
			return -1;
		}
		*limit = (int)v;
	}
	return 0;
}

/* A wrong type, also null for a required field, is 400 bad_request; a
 * missing field is 422 validation_failed. */
static int
route_jin_fail(struct req *r, const struct jin *o, int jrc, const char *key)
{
	if (jrc == JIN_TYPE || jin_is_null(o, key))
		http_reply_error(r, APIERR_BAD_REQUEST, key, REASON_TYPE);
	else
		http_reply_error(r, APIERR_VALIDATION, key, REASON_REQUIRED);
	return -1;
}

int
route_text(struct req *r, const struct jin *o, const char *key, int optional,
    size_t minc, size_t maxc, int flags, const char **out)
{
	enum apireason why;
	int jrc = jin_str(o, key, out);

	if (jrc == JIN_MISSING && optional)
		return 0;
	if (jrc != JIN_OK)
		return route_jin_fail(r, o, jrc, key);
	if ((why = validate_text(*out, minc, maxc, flags)) != REASON_NONE) {
		http_reply_error(r, APIERR_VALIDATION, key, why);
		return -1;
	}
	return 0;
}

int
route_int(struct req *r, const struct jin *o, const char *key, int optional,
    long long *out, int *present)
{
	int jrc = jin_int(o, key, out);

	if (present != NULL)
		*present = jrc == JIN_OK;
	if (jrc == JIN_MISSING && optional)
		return 0;
	if (jrc != JIN_OK)
		return route_jin_fail(r, o, jrc, key);
	return 0;
}

int
route_bool(struct req *r, const struct jin *o, const char *key, int def,
    int *out, int *present)
{
	int jrc = jin_bool(o, key, out);

	if (present != NULL)
		*present = jrc == JIN_OK;
	if (jrc == JIN_MISSING) {
		*out = def;
		return 0;
	}
	if (jrc != JIN_OK)
		return route_jin_fail(r, o, jrc, key);
	return 0;
}

int
route_time(struct req *r, const struct jin *o, const char *key, int optional,
    int64_t *out, int *present)
{
	const char *s;
	int jrc = jin_str(o, key, &s);

	*out = 0;
	if (present != NULL)
		*present = jrc == JIN_OK;
	if (jrc == JIN_MISSING && optional)
		return 0;
	if (jrc != JIN_OK)
		return route_jin_fail(r, o, jrc, key);
	if (render_time_parse(s, out) != 0) {
		http_reply_error(r, APIERR_VALIDATION, key, REASON_FORMAT);
		return -1;
	}
	return 0;
}

int
route_tr(struct req *r, struct pool *pl, const struct jin *o, const char *key,
    int optional, size_t minc, size_t maxc, int flags, struct store_trs *tr)
{
	const char **langs = NULL, **texts = NULL;
	struct store_tr *v;
	enum apireason why;
	size_t n = 0, i;
	int jrc, has_de = 0;

	tr->v = NULL;
	tr->n = 0;
	jrc = jin_tr(o, key, &langs, &texts, &n);
	if (jrc == JIN_MISSING && optional)
		return 0;
	if (jrc != JIN_OK)
		return route_jin_fail(r, o, jrc, key);
	pool_add(pl, langs);
	pool_add(pl, texts);
	if ((v = pool_add(pl, calloc(n, sizeof(*v)))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!validate_lang(langs[i])) {
			http_reply_error(r, APIERR_VALIDATION, key, REASON_FORMAT);
			return -1;
		}
		if ((why = validate_text(texts[i], minc, maxc,
		    flags & VALIDATE_MULTILINE)) != REASON_NONE) {
			http_reply_error(r, APIERR_VALIDATION, key, why);
			return -1;
		}
		if (strcmp(langs[i], "de") == 0)
			has_de = 1;
		v[i].lang = langs[i];
		v[i].text = texts[i];
	}
	/* German is the fallback of every text, so a new one needs it. */
	if (!has_de && !(flags & ROUTE_TR_PATCH)) {
		http_reply_error(r, APIERR_VALIDATION, key, REASON_NEED_DE);
		return -1;
	}
	tr->v = v;
	tr->n = n;
	return 0;
}

/* --- public GET handlers ---------------------------------------------- */

static void
rp_health(struct req *r, const struct route_args *a)
{
	(void)a;
	http_reply_json(r, MHD_HTTP_OK, render_health(MW_VERSION));
}

static void
rp_projects(struct req *r, const struct route_args *a)
{
	struct store_project_list l;
	const char *status = http_query(r, "status"), *after;
	struct store *st;
	int phase = 0, limit, rc;

	(void)a;
	memset(&l, 0, sizeof(l));
	if (status != NULL && strcmp(status, "all") != 0 &&
	    (phase = store_phase_parse(status)) == 0) {
		http_reply_error(r, APIERR_VALIDATION, "status", REASON_FORMAT);
		return;
	}
	if (route_list_params(r, &limit, &after) != 0 ||
	    (st = route_store(r)) == NULL)
		return;
	rc = store_project_list(st, phase, http_query(r, "category"), r->lang,
	    limit, after, &l);
	if (rc != 0) {
		route_store_error(r, rc, "after");
		return;
	}
	http_reply_json(r, MHD_HTTP_OK, render_project_list(&l));
	store_project_list_free(&l);
}

static void
rp_project(struct req *r, const struct route_args *a)
{
	struct store_project *p = NULL;
	struct store_formats *f = NULL;
	struct store *st;
	int64_t id = 0;
	int rc;

	if ((st = route_store(r)) == NULL)
		return;
	route_id(a->arg[0], &id);
	rc = store_project_get(st, id, id == 0 ? a->arg[0] : NULL, r->lang, &p);
	if (rc == 0)
		rc = store_project_formats(st, p->id, r->lang, clock_now(), &f);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_project(p, f));
	store_formats_free(f);
	store_project_free(p);
}

static void
rp_ideas(struct req *r, const struct route_args *a)
{
	struct store_idea_list l;
	struct render_viewer v = route_viewer(r);
	const char *sort = http_query(r, "sort"), *after;
	struct store *st;
	int64_t pid;
	int so = STORE_SORT_NEW, limit, rc;

	memset(&l, 0, sizeof(l));
	if (sort != NULL && strcmp(sort, "new") != 0) {
		if (strcmp(sort, "top") != 0) {
			http_reply_error(r, APIERR_VALIDATION, "sort",
			    REASON_FORMAT);
			return;
		}
		so = STORE_SORT_TOP;
	}
	if (route_list_params(r, &limit, &after) != 0 ||
	    (st = route_store(r)) == NULL ||
	    route_project_id(r, st, a->arg[0], &pid) != 0)
		return;
	rc = store_idea_list(st, pid, so, v.user_id, 0, limit, after, &l);
	if (rc != 0)
		route_store_error(r, rc, "after");
	else
		http_reply_json(r, MHD_HTTP_OK, render_idea_list(&l, &v));
	store_idea_list_free(&l);
}

int
route_can_see(const struct req *r, int status, int64_t author_id)
{
	return status == STORE_POST_PUBLISHED ||
	    (route_uid(r) != 0 && route_uid(r) == author_id) ||
	    route_role(r) >= STORE_ROLE_MODERATOR;
}

static void
rp_idea(struct req *r, const struct route_args *a)
{
	struct store_idea *i = NULL;
	struct render_viewer v = route_viewer(r);
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_idea_get(st, id, v.user_id, &i);
	if (rc == 0 && !route_can_see(r, i->status, i->author_id))
		rc = STORE_ENOTFOUND;
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_idea(i, &v, 1));
	store_idea_free(i);
}

static void
rp_comments(struct req *r, int64_t idea_id, int64_t project_id)
{
	struct store_comment_list l;
	struct render_viewer v = route_viewer(r);
	const char *after;
	struct store *st;
	int limit, rc;

	memset(&l, 0, sizeof(l));
	if (route_list_params(r, &limit, &after) != 0 ||
	    (st = route_store(r)) == NULL)
		return;
	rc = store_comment_list(st, idea_id, project_id, v.user_id, 0, limit,
	    after, &l);
	if (rc != 0)
		route_store_error(r, rc, "after");
	else
		http_reply_json(r, MHD_HTTP_OK, render_comment_list(&l, &v));
	store_comment_list_free(&l);
}

static void
rp_idea_comments(struct req *r, const struct route_args *a)
{
	struct store_idea *i = NULL;
	struct store *st;
	int64_t id;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	if (store_idea_get(st, id, route_uid(r), &i) != 0 ||
	    !route_can_see(r, i->status, i->author_id)) {
		store_idea_free(i);
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return;
	}
	store_idea_free(i);
	rp_comments(r, id, 0);
}

static void
rp_project_comments(struct req *r, const struct route_args *a)
{
	struct store *st;
	int64_t pid;

	if ((st = route_store(r)) == NULL ||
	    route_project_id(r, st, a->arg[0], &pid) != 0)
		return;
	rp_comments(r, 0, pid);
}

static void
rp_poll(struct req *r, const struct route_args *a)
{
	struct store_poll *p = NULL;
	struct render_viewer v = route_viewer(r);
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_poll_get(st, id, r->lang, v.user_id, clock_now(), &p);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_poll(p, &v));
	store_poll_free(p);
}

static void
rp_results(struct req *r, const struct route_args *a)
{
	struct store_poll *p = NULL;
	struct results *res = NULL;
	struct store *st;
	int64_t id, now = clock_now();
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_poll_get(st, id, r->lang, 0, now, &p);
	if (rc == 0 && !p->results_visible && p->status != STORE_PHASE_CLOSED &&
	    route_role(r) < STORE_ROLE_STAFF) {
		http_reply_error(r, APIERR_RESULTS_HIDDEN, NULL, REASON_NONE);
		goto out;
	}
	if (rc == 0)
		rc = store_poll_results(st, id, r->lang, now, &res);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_results(res));
out:
	results_free(res);
	store_poll_free(p);
}

static void
rp_survey(struct req *r, const struct route_args *a)
{
	struct store_survey *s = NULL;
	struct render_viewer v = route_viewer(r);
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_survey_get(st, id, r->lang, v.user_id, clock_now(), &s);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_survey(s, &v));
	store_survey_free(s);
}

/* --- the table --------------------------------------------------------- */

enum route_need {
	NEED_ANY = 0,		/* public; a token adds *_by_me */
	NEED_USER,		/* an active account */
	NEED_MOD,
	NEED_STAFF
};

/* Cache areas for public GETs; 0: never cached. */
#define C_CONTENT	HTTP_AREA_CONTENT
#define C_VOTES		(HTTP_AREA_CONTENT | HTTP_AREA_VOTES)

struct route {
	const char		*pattern;	/* "*" matches one segment */
	enum http_method	 method;
	void			(*fn)(struct req *r, const struct route_args *a);
	enum route_need		 need;
	unsigned int		 cache;
};

static const struct route routes[] = {
	{ "health", HTTP_GET, rp_health, NEED_ANY, 0 },
	{ "projects", HTTP_GET, rp_projects, NEED_ANY, C_CONTENT },
	{ "projects", HTTP_POST, rs_project_create, NEED_STAFF, 0 },
	{ "projects/*", HTTP_GET, rp_project, NEED_ANY, C_CONTENT },
	{ "projects/*", HTTP_PATCH, rs_project_update, NEED_STAFF, 0 },
	{ "projects/*/ideas", HTTP_GET, rp_ideas, NEED_ANY, C_CONTENT },
	{ "projects/*/ideas", HTTP_POST, rw_idea_create, NEED_USER, 0 },
	{ "projects/*/comments", HTTP_GET, rp_project_comments, NEED_ANY, C_CONTENT },
	{ "projects/*/comments", HTTP_POST, rw_comment_create_project, NEED_USER, 0 },
	{ "projects/*/polls", HTTP_POST, rs_poll_create, NEED_STAFF, 0 },
	{ "projects/*/surveys", HTTP_POST, rs_survey_create, NEED_STAFF, 0 },
	{ "ideas/*", HTTP_GET, rp_idea, NEED_ANY, C_CONTENT },
	{ "ideas/*/support", HTTP_PUT, rw_support, NEED_USER, 0 },
	{ "ideas/*/support", HTTP_DELETE, rw_support, NEED_USER, 0 },
	{ "ideas/*/comments", HTTP_GET, rp_idea_comments, NEED_ANY, C_CONTENT },
	{ "ideas/*/comments", HTTP_POST, rw_comment_create_idea, NEED_USER, 0 },
	{ "ideas/*/report", HTTP_POST, rw_report_idea, NEED_USER, 0 },
	{ "comments/*/report", HTTP_POST, rw_report_comment, NEED_USER, 0 },
	{ "polls/*", HTTP_GET, rp_poll, NEED_ANY, C_VOTES },
	{ "polls/*", HTTP_PATCH, rs_poll_update, NEED_STAFF, 0 },
	{ "polls/*/results", HTTP_GET, rp_results, NEED_ANY, C_VOTES },
	{ "polls/*/results.csv", HTTP_GET, rs_results_csv, NEED_ANY, 0 },
	{ "polls/*/ballot", HTTP_GET, rw_ballot_get, NEED_USER, 0 },
	{ "polls/*/ballot", HTTP_PUT, rw_ballot, NEED_USER, 0 },
	{ "polls/*/ballot", HTTP_DELETE, rw_ballot, NEED_USER, 0 },
	{ "polls/*/analog", HTTP_POST, rs_analog, NEED_STAFF, 0 },
	{ "polls/*/analog", HTTP_GET, rs_tally_list, NEED_STAFF, 0 },
	{ "analog/*", HTTP_GET, rs_tally_get, NEED_STAFF, 0 },
	{ "analog/*", HTTP_PUT, rs_tally_correct, NEED_STAFF, 0 },
	{ "analog/*", HTTP_DELETE, rs_tally_withdraw, NEED_STAFF, 0 },
	{ "analog/*/entries", HTTP_POST, rs_tally_key, NEED_STAFF, 0 },
	{ "surveys/*", HTTP_GET, rp_survey, NEED_ANY, C_VOTES },
	{ "surveys/*/response", HTTP_GET, rw_response_get, NEED_USER, 0 },
	{ "surveys/*/response", HTTP_PUT, rw_response_put, NEED_USER, 0 },
	{ "surveys/*/responses.csv", HTTP_GET, rs_responses_csv, NEED_ANY, 0 },
	{ "me", HTTP_GET, ra_me, NEED_USER, 0 },
	{ "me", HTTP_DELETE, ra_me_delete, NEED_USER, 0 },
	{ "me/export", HTTP_GET, ra_me_export, NEED_USER, 0 },
	{ "me/keys", HTTP_GET, rk_list, NEED_USER, 0 },
	{ "me/keys", HTTP_POST, rk_add, NEED_USER, 0 },
	{ "me/keys/*", HTTP_DELETE, rk_delete, NEED_USER, 0 },
	{ "auth/ssh-key", HTTP_POST, rk_gateway_login, NEED_ANY, 0 },
	{ "auth/ssh-key/proof", HTTP_POST, rk_gateway_proof, NEED_ANY, 0 },
	{ "auth/register", HTTP_POST, ra_register, NEED_ANY, 0 },
	{ "auth/confirm", HTTP_POST, ra_confirm, NEED_ANY, 0 },
	{ "auth/login", HTTP_POST, ra_login, NEED_ANY, 0 },
	{ "auth/logout", HTTP_POST, ra_logout, NEED_USER, 0 },
	{ "moderation/queue", HTTP_GET, rw_moderation_queue, NEED_MOD, 0 },
	{ "moderation/audit", HTTP_GET, rw_audit, NEED_MOD, 0 },
	{ "moderation/ideas/*", HTTP_POST, rw_moderate_idea, NEED_MOD, 0 },
	{ "moderation/comments/*", HTTP_POST, rw_moderate_comment, NEED_MOD, 0 },
};

static const char *const routes_method_names[] = {
	"", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"
};

/* Matches path segments against pattern; fills a with the "*" parts. */
static int
routes_match(const char *pattern, char **seg, size_t nseg,
    struct route_args *a)
{
	const char *p = pattern;
	size_t i = 0, n;

	a->n = 0;
	while (*p != '\0') {
		n = strcspn(p, "/");
		if (i >= nseg)
			return 0;
		if (n == 1 && *p == '*') {
			if (a->n < sizeof(a->arg) / sizeof(a->arg[0]))
				a->arg[a->n++] = seg[i];
		} else if (strlen(seg[i]) != n || memcmp(seg[i], p, n) != 0) {
			return 0;
		}
		i++;
		p += n;
		if (*p == '/')
			p++;
	}
	return i == nseg;
}

/* Looks the bearer token up; replies 401 and returns -1 for a token that
 * is malformed, unknown or expired. No header: anonymous, 0. */
static int
routes_auth(struct req *r, struct store *st)
{
	const char *h = http_header(r, MHD_HTTP_HEADER_AUTHORIZATION), *tok;
	int rc;

	r->auth_done = 1;
	if (h == NULL)
		return 0;
	if ((tok = auth_bearer(h)) == NULL) {
		http_reply_error(r, APIERR_UNAUTHORIZED, NULL, REASON_NONE);
		return -1;
	}
	pwhash_token_hash(tok, strlen(tok), r->token_hash);
	rc = store_session_lookup(st, r->token_hash, clock_now(), &r->user, NULL);
	if (rc == STORE_ENOTFOUND || (rc == 0 && r->user->status !=
	    STORE_USER_ACTIVE)) {
		store_user_free(r->user);
		r->user = NULL;
		http_reply_error(r, APIERR_UNAUTHORIZED, NULL, REASON_NONE);
		return -1;
	}
	if (rc != 0) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return -1;
	}
	return 0;
}

/* Builds the cache key: path, sorted query arguments, language. */
struct routes_qbuf {
	char	 buf[1024];
	size_t	 len;
	int	 overflow;
};

static enum MHD_Result
routes_qarg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct routes_qbuf *q = cls;
	int n;

	(void)kind;
	n = snprintf(q->buf + q->len, sizeof(q->buf) - q->len, "&%s=%s", key,
	    value != NULL ? value : "");
	if (n < 0 || (size_t)n >= sizeof(q->buf) - q->len) {
		q->overflow = 1;
		return MHD_NO;
	}
	q->len += (size_t)n;
	return MHD_YES;
}

static char *
routes_cache_key(struct req *r)
{
	struct routes_qbuf q;
	char *key;
	size_t n;

	q.len = 0;
	q.overflow = 0;
	q.buf[0] = '\0';
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, routes_qarg, &q);
	if (q.overflow)
		return NULL;
	n = strlen(r->path) + q.len + strlen(r->lang) + 3;
	if ((key = malloc(n)) != NULL)
		snprintf(key, n, "%s?%s#%s", r->path, q.buf, r->lang);
	return key;
}

void
routes_handle(struct req *r)
{
	char *segbuf = NULL, *seg[8], *p, allow[64];
	const struct route *match = NULL;
	struct route_args args, a;
	enum http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
	struct store *st;
	size_t nseg = 0, i;
	int path_ok = 0;

	allow[0] = '\0';
	if (strncmp(r->path, "/api/v1/", 8) != 0 ||
	    (segbuf = strdup(r->path + 8)) == NULL) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return;
	}
	for (p = segbuf; nseg < sizeof(seg) / sizeof(seg[0]);) {
		seg[nseg++] = p;
		if ((p = strchr(p, '/')) == NULL)
			break;
		*p++ = '\0';
	}
	if (nseg > 1 && seg[nseg - 1][0] == '\0')
		nseg--;	/* a trailing slash */
	if (p != NULL)
		nseg = 0;	/* too many segments */
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!routes_match(routes[i].pattern, seg, nseg, &a))
			continue;
		path_ok = 1;
		if (strstr(allow, routes_method_names[routes[i].method]) == NULL) {
			if (allow[0] != '\0')
				strncat(allow, ", ", sizeof(allow) - strlen(allow) - 1);
			strncat(allow, routes_method_names[routes[i].method],
			    sizeof(allow) - strlen(allow) - 1);
			if (routes[i].method == HTTP_GET)
				strncat(allow, ", HEAD",
				    sizeof(allow) - strlen(allow) - 1);
		}
		if (routes[i].method == m && match == NULL) {
			match = &routes[i];
			args = a;
		}
	}
	if (match == NULL) {
		if (path_ok)
			http_reply_method(r, allow);
		else
			http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		goto out;
	}
	/* Anonymous public GETs come from the shared cache. */
	if (match->cache != 0 &&
	    http_header(r, MHD_HTTP_HEADER_AUTHORIZATION) == NULL &&
	    (r->cache_key = routes_cache_key(r)) != NULL) {
		unsigned int stc;

		r->cache_version = http_data_version(match->cache);
		stc = cache_serve(routes_resp_cache, r->cache_key,
		    r->cache_version, r->conn,
		    cache_accepts_gzip(http_header(r,
		    MHD_HTTP_HEADER_ACCEPT_ENCODING)),
		    http_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH));
		if (stc != 0) {
			r->replied = 1;
			r->status = stc;
			goto out;
		}
	}
	if ((st = route_store(r)) == NULL || routes_auth(r, st) != 0)
		goto out;
	if (match->need != NEED_ANY && r->user == NULL) {
		http_reply_error(r, APIERR_UNAUTHORIZED, NULL, REASON_NONE);
		goto out;
	}
	if ((match->need == NEED_MOD &&
	    !auth_role_allows((enum auth_role)route_role(r), AUTH_ROLE_MODERATOR)) ||
	    (match->need == NEED_STAFF &&
	    !auth_role_allows((enum auth_role)route_role(r), AUTH_ROLE_STAFF))) {
		http_reply_error(r, APIERR_FORBIDDEN, NULL, REASON_NONE);
		goto out;
	}
	match->fn(r, &args);
	/* Writes change what public GETs show. */
	if (r->replied && r->status >= 200 && r->status < 300 &&
	    m != HTTP_GET && r->job == NULL)
		http_data_bump(HTTP_AREA_CONTENT | HTTP_AREA_VOTES);
out:
	free(segbuf);
}

int
routes_init(const struct http_cfg *cfg)
{
	if ((routes_resp_cache = cache_new(4096, 1000)) == NULL)
		return -1;
	return ra_init(cfg);
}

void
routes_fini(void)
{
	ra_fini();
	cache_free(routes_resp_cache);
	routes_resp_cache = NULL;
}
