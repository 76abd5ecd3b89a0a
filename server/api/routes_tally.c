/* routes_tally.c — the staff endpoints of paper tallies: key, key again, list, correct, withdraw. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "common/msglang.h"
#include "server/api/clock.h"
#include "server/api/results.h"
#include "server/api/routes_int.h"

#define TALLY_LINES_MAX	1000	/* distinct orders (or options) on one sheet */

/* The kind and max_choices of a poll; replies 404 and returns -1 when
 * there is none. */
static int
rt_poll(struct req *r, struct store *st, int64_t poll_id, int *kind, int *m)
{
	struct store_poll *p = NULL;

	if (store_poll_get(st, poll_id, "de", 0, clock_now(), &p) != 0) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return -1;
	}
	*kind = p->kind;
	*m = p->max_choices > 0 ? p->max_choices : 1;
	store_poll_free(p);
	return 0;
}

/* 422 naming field with a sentence (already in the request language). */
static void
rt_refuse(struct req *r, const char *field, const char *msg)
{
	http_reply_error_detail(r, APIERR_VALIDATION, field, REASON_NONE, msg);
}

/* Reads the rankings of a ranking poll's entry into e (memory in pl). */
static int
rt_rankings(struct req *r, struct pool *pl, const struct jin *b,
    struct store_tally_entry *e)
{
	const struct jin *x;
	long long *ids = NULL, cnt;
	size_t n = 0, i, k, nids;
	int jrc;

	if ((jrc = jin_array(b, "rankings", &n)) != JIN_OK) {
		if (jin_has(b, "counts"))
			rt_refuse(r, "rankings", msglang_get(r->lang,
			    "A ranking poll takes paper ballots as rankings, not as points."));
		else
			http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
			    APIERR_VALIDATION, "rankings", jrc == JIN_TYPE ?
			    REASON_TYPE : REASON_REQUIRED);
		return -1;
	}
	if (n > TALLY_LINES_MAX) {
		http_reply_error(r, APIERR_VALIDATION, "rankings", REASON_TOO_MANY);
		return -1;
	}
	if (n > 0 && (e->lines = pool_add(pl, calloc(n, sizeof(*e->lines)))) == NULL)
		goto oom;
	for (i = 0; i < n; i++) {
		x = jin_at(b, "rankings", i);
		if (x == NULL || jin_int_array(x, "order", &ids, &nids) != JIN_OK ||
		    jin_int(x, "count", &cnt) != JIN_OK) {
			free(ids);
			http_reply_error(r, APIERR_BAD_REQUEST, "rankings", REASON_TYPE);
			return -1;
		}
		if (nids > 0 && (e->lines[i].choices = pool_add(pl,
		    calloc(nids, sizeof(int64_t)))) == NULL) {
			free(ids);
			goto oom;
		}
		for (k = 0; k < nids; k++)
			e->lines[i].choices[k] = ids[k];
		free(ids);
		ids = NULL;
		e->lines[i].n_choices = nids;
		e->lines[i].count = cnt;
	}
	e->n_lines = n;
	return 0;
oom:
	http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
	return -1;
}

/* Reads the counts of a single or multiple poll's entry into e. */
static int
rt_counts(struct req *r, struct pool *pl, const struct jin *b,
    struct store_tally_entry *e)
{
	const char **keys = NULL;
	long long *vals = NULL;
	int64_t *ids;
	size_t n = 0, i;
	int jrc;

	if (jin_has(b, "rankings")) {
		rt_refuse(r, "rankings", msglang_get(r->lang,
		    "Only ranking polls take rankings; this poll takes votes per option (counts)."));
		return -1;
	}
	if ((jrc = jin_int_map(b, "counts", &keys, &vals, &n)) != JIN_OK) {
		http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
		    APIERR_VALIDATION, "counts", jrc == JIN_TYPE ? REASON_TYPE :
		    REASON_REQUIRED);
		return -1;
	}
	pool_add(pl, keys);
	pool_add(pl, vals);
	if (n > TALLY_LINES_MAX) {
		http_reply_error(r, APIERR_VALIDATION, "counts", REASON_TOO_MANY);
		return -1;
	}
	if (n > 0 && ((e->lines = pool_add(pl, calloc(n, sizeof(*e->lines)))) == NULL ||
	    (ids = pool_add(pl, calloc(n, sizeof(*ids)))) == NULL)) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (route_id(keys[i], &ids[i]) != 0) {
			http_reply_error(r, APIERR_VALIDATION, "counts",
			    REASON_UNKNOWN_OPTION);
			return -1;
		}
		e->lines[i].choices = &ids[i];
		e->lines[i].n_choices = 1;
		e->lines[i].count = vals[i];
	}
	e->n_lines = n;
	return 0;
}

/* Reads one keying (ballots, invalid, counts or rankings) for a poll of
 * kind; replies and returns -1 when it is malformed. */
static int
rt_entry(struct req *r, struct pool *pl, const struct jin *b, int kind,
    struct store_tally_entry *e)
{
	long long ballots = 0, invalid = 0;
	int present;

	memset(e, 0, sizeof(*e));
	if (route_int(r, b, "ballots", 0, &ballots, &present) != 0 ||
	    route_int(r, b, "invalid", 1, &invalid, &present) != 0)
		return -1;
	e->ballots = ballots;
	e->invalid = invalid;
	if (kind == STORE_POLL_RANKING)
		return rt_rankings(r, pl, b, e);
	return rt_counts(r, pl, b, e);
}

/* Replies 422 with the numbers of why a tally does not add up. */
static void
rt_why(struct req *r, const struct store_tally_why *w)
{
	char msg[400];
	const char *field = "counts", *l = r->lang;
	long long a = (long long)w->a, b = (long long)w->b, c = (long long)w->c,
	    o = (long long)w->option_id;

	switch ((enum results_tally_problem)w->problem) {
	case TALLY_NEGATIVE:
		snprintf(msg, sizeof(msg), msglang_get(l, "No number may be negative (%lld)."), a);
		break;
	case TALLY_INVALID_OVER:
		field = "invalid";
		snprintf(msg, sizeof(msg), msglang_get(l,
		    "%lld invalid ballots are more than the %lld ballots in all."), a, b);
		break;
	case TALLY_SUM:
		field = "ballots";
		/* L10N: a paper sheet: votes, invalid ballots, their sum, the
		 * ballots given. */
		snprintf(msg, sizeof(msg), msglang_get(l,
		    "The votes add up to %lld, with %lld invalid to %lld ballots, not the %lld given."),
		    a, b, a + b, c);
		break;
	case TALLY_COUNT_OVER:
		snprintf(msg, sizeof(msg), msglang_get(l,
		    "Option %lld has %lld votes, more than the %lld valid ballots."), o, a, b);
		break;
	case TALLY_CHOICES_OVER:
		snprintf(msg, sizeof(msg), msglang_get(l,
		    "%lld votes are more than %lld valid ballots with at most %lld choices each can give (%lld)."),
		    a, b, c, b * c);
		break;
	case TALLY_SHAPE:
		field = "rankings";
		snprintf(msg, sizeof(msg), msglang_get(l,
		    "A ranking names 1 to %lld options; this one names %lld."), b, a);
		break;
	case TALLY_DUPLICATE:
		snprintf(msg, sizeof(msg), msglang_get(l,
		    "Option %lld or the same ranking is given twice; give each once, with its number of ballots."), o);
		break;
	case TALLY_UNKNOWN_OPTION:
		snprintf(msg, sizeof(msg), msglang_get(l, "%lld is not an option of this poll."), o);
		break;
	case TALLY_OK:
	default:
		snprintf(msg, sizeof(msg), "%s", msglang_get(l, "The numbers do not add up."));
		break;
	}
	rt_refuse(r, field, msg);
}

/* Replies with the tally tally_id as it is now (status 200 or 201). */
static void
rt_reply(struct req *r, struct store *st, int64_t tally_id, int kind, int m,
    unsigned int status)
{
	struct store_tally_list *l = NULL;
	int rc;

	if ((rc = store_tally_list(st, 0, tally_id, &l)) != 0) {
		route_store_error(r, rc, NULL);
		return;
	}
	http_reply_json(r, status, render_tally(&l->items[0], kind, m));
	store_tally_list_free(l);
}

/* The store error of a tally write: 422 with numbers (when there are
 * any: a withdrawal has none), 409 with a sentence, else the usual. */
static void
rt_store_error(struct req *r, int rc, const struct store_tally_why *why)
{
	if (rc == STORE_EINVALID && why != NULL)
		rt_why(r, why);
	else if (rc == STORE_ECONFLICT)
		http_reply_error_detail(r, APIERR_CONFLICT, "entry", REASON_NONE,
		    msglang_get(r->lang,
		    "Double keying needs two different accounts; this entry exists already or is yours."));
	else if (rc == STORE_ECLOSED)
		http_reply_error_detail(r, APIERR_CLOSED, NULL, REASON_NONE,
		    msglang_get(r->lang, "The tally is withdrawn."));
	else
		route_store_error(r, rc, NULL);
}

void
rs_analog(struct req *r, const struct route_args *a)
{
	struct store_tally_entry e;
	struct store_tally_why why;
	struct pool pl = { { NULL }, 0 };
	const char *source;
	struct jin *b = NULL;
	struct store *st;
	long long keys = 1;
	int64_t id, tally = 0;
	int rc, kind, m, present;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL ||
	    rt_poll(r, st, id, &kind, &m) != 0 || (b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "source", 0, 1, 300, 0, &source) != 0 ||
	    route_int(r, b, "keys", 1, &keys, &present) != 0)
		goto out;
	if (!present)
		keys = 1;
	if (keys != 1 && keys != 2) {
		http_reply_error(r, APIERR_VALIDATION, "keys", REASON_RANGE);
		goto out;
	}
	if (rt_entry(r, &pl, b, kind, &e) != 0)
		goto out;
	rc = store_tally_add(st, id, source, (int)keys, &e, route_uid(r),
	    clock_now(), &tally, &why);
	if (rc != 0)
		rt_store_error(r, rc, &why);
	else
		rt_reply(r, st, tally, kind, m, MHD_HTTP_CREATED);
out:
	pool_free(&pl);
	jin_free(b);
}

void
rs_tally_list(struct req *r, const struct route_args *a)
{
	struct store_tally_list *l = NULL;
	struct store *st;
	int64_t id;
	int rc, kind, m;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL ||
	    rt_poll(r, st, id, &kind, &m) != 0)
		return;
	if ((rc = store_tally_list(st, id, 0, &l)) != 0) {
		route_store_error(r, rc, NULL);
		return;
	}
	http_reply_json(r, MHD_HTTP_OK, render_tally_list(l, kind, m));
	store_tally_list_free(l);
}

/* The tally of the path, its poll's kind and max_choices; replies 404. */
static int
rt_tally(struct req *r, const char *arg, struct store **st, int64_t *id,
    int *kind, int *m)
{
	struct store_tally_list *l = NULL;
	int64_t poll_id;

	if ((*st = route_id_store(r, arg, id)) == NULL)
		return -1;
	if (store_tally_list(*st, 0, *id, &l) != 0) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return -1;
	}
	poll_id = l->items[0].poll_id;
	store_tally_list_free(l);
	return rt_poll(r, *st, poll_id, kind, m);
}

void
rs_tally_get(struct req *r, const struct route_args *a)
{
	struct store *st;
	int64_t id;
	int kind, m;

	if (rt_tally(r, a->arg[0], &st, &id, &kind, &m) == 0)
		rt_reply(r, st, id, kind, m, MHD_HTTP_OK);
}

void
rs_tally_key(struct req *r, const struct route_args *a)
{
	struct store_tally_entry e;
	struct store_tally_why why;
	struct pool pl = { { NULL }, 0 };
	struct jin *b = NULL;
	struct store *st;
	int64_t id;
	int rc, kind, m;

	if (rt_tally(r, a->arg[0], &st, &id, &kind, &m) != 0 ||
	    (b = route_body(r)) == NULL)
		return;
	if (rt_entry(r, &pl, b, kind, &e) == 0) {
		rc = store_tally_key(st, id, &e, route_uid(r), clock_now(), &why);
		if (rc != 0)
			rt_store_error(r, rc, &why);
		else
			rt_reply(r, st, id, kind, m, MHD_HTTP_CREATED);
	}
	pool_free(&pl);
	jin_free(b);
}

void
rs_tally_correct(struct req *r, const struct route_args *a)
{
	struct store_tally_entry e;
	struct store_tally_why why;
	struct pool pl = { { NULL }, 0 };
	const char *reason, *source;
	struct jin *b = NULL;
	struct store *st;
	long long slot = 0;
	int64_t id;
	int rc, kind, m, present;

	if (rt_tally(r, a->arg[0], &st, &id, &kind, &m) != 0 ||
	    (b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "reason", 0, 1, 1000, VALIDATE_MULTILINE, &reason) != 0 ||
	    route_text(r, b, "source", 1, 1, 300, 0, &source) != 0 ||
	    route_int(r, b, "slot", 1, &slot, &present) != 0)
		goto out;
	if (slot < 0 || slot > 2) {
		http_reply_error(r, APIERR_VALIDATION, "slot", REASON_RANGE);
		goto out;
	}
	if (rt_entry(r, &pl, b, kind, &e) != 0)
		goto out;
	rc = store_tally_correct(st, id, (int)slot, source, &e, reason,
	    route_uid(r), clock_now(), &why);
	if (rc != 0)
		rt_store_error(r, rc, &why);
	else
		rt_reply(r, st, id, kind, m, MHD_HTTP_OK);
out:
	pool_free(&pl);
	jin_free(b);
}

void
rs_tally_withdraw(struct req *r, const struct route_args *a)
{
	const char *reason;
	struct jin *b = NULL;
	struct store *st;
	int64_t id;
	int rc, kind, m;

	if (rt_tally(r, a->arg[0], &st, &id, &kind, &m) != 0 ||
	    (b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "reason", 0, 1, 1000, VALIDATE_MULTILINE, &reason) == 0) {
		rc = store_tally_withdraw(st, id, reason, route_uid(r), clock_now());
		if (rc != 0)
			rt_store_error(r, rc, NULL);
		else
			rt_reply(r, st, id, kind, m, MHD_HTTP_OK);
	}
	jin_free(b);
}
