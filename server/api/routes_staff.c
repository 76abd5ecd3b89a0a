/* routes_staff.c — the staff endpoints: projects, polls, surveys, analog
 * tallies and the CSV exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "server/api/clock.h"
#include "server/api/results.h"
#include "server/api/routes_int.h"

/* Lengths of texts staff write. */
#define RS_TITLE_MAX	200
#define RS_TEXT_MAX	20000

static void
rs_reply_project(struct req *r, struct store *st, int64_t id,
    unsigned int status)
{
	struct store_project *p = NULL;
	struct store_formats *f = NULL;
	int rc;

	rc = store_project_get(st, id, NULL, r->lang, &p);
	if (rc == 0)
		rc = store_project_formats(st, id, r->lang, clock_now(), &f);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, status, render_project(p, f));
	store_formats_free(f);
	store_project_free(p);
}

static int
rs_slug_ok(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '-'))
			return 0;
	/* A slug of digits only would read as an id. */
	return n >= 1 && n <= 64 && strspn(s, "0123456789") != n;
}

/* Reads the project fields; `patch` makes all optional and sets *fields. */
static int
rs_project_fields(struct req *r, struct pool *pl, const struct jin *b,
    int patch, struct store_project_new *in, unsigned int *fields)
{
	const char *status = NULL;
	int present, pf = patch ? ROUTE_TR_PATCH : 0;

	memset(in, 0, sizeof(*in));
	*fields = 0;
	if (route_text(r, b, "slug", patch, 1, 64, 0, &in->slug) != 0)
		return -1;
	if (in->slug != NULL) {
		if (!rs_slug_ok(in->slug)) {
			http_reply_error(r, APIERR_VALIDATION, "slug",
			    REASON_FORMAT);
			return -1;
		}
		*fields |= STORE_PF_SLUG;
	}
	if (route_text(r, b, "category", 1, 1, 40, 0, &in->category) != 0)
		return -1;
	if (in->category != NULL)
		*fields |= STORE_PF_CATEGORY;
	else if (!patch)
		in->category = "city-hall";
	if (route_tr(r, pl, b, "title", patch, 1, RS_TITLE_MAX, pf,
	    &in->title) != 0 ||
	    route_tr(r, pl, b, "summary", 1, 0, 1000, VALIDATE_MULTILINE | pf,
	    &in->summary) != 0 ||
	    route_tr(r, pl, b, "description", 1, 0, RS_TEXT_MAX,
	    VALIDATE_MULTILINE | pf, &in->description) != 0)
		return -1;
	if (in->title.n > 0)
		*fields |= STORE_PF_TITLE;
	if (in->summary.n > 0)
		*fields |= STORE_PF_SUMMARY;
	if (in->description.n > 0)
		*fields |= STORE_PF_DESCRIPTION;
	if (route_text(r, b, "status", 1, 1, 16, 0, &status) != 0)
		return -1;
	in->status = STORE_PHASE_UPCOMING;
	if (status != NULL) {
		if ((in->status = store_phase_parse(status)) == 0) {
			http_reply_error(r, APIERR_VALIDATION, "status",
			    REASON_FORMAT);
			return -1;
		}
		*fields |= STORE_PF_STATUS;
	}
	if (route_time(r, b, "starts_at", 1, &in->starts_at, &present) != 0)
		return -1;
	if (present)
		*fields |= STORE_PF_STARTS;
	else if (!patch)
		in->starts_at = clock_now();
	if (route_time(r, b, "ends_at", 1, &in->ends_at, &present) != 0)
		return -1;
	if (present)
		*fields |= STORE_PF_ENDS;
	if (route_bool(r, b, "ideas_open", 1, &in->ideas_open, &present) != 0)
		return -1;
	if (present)
		*fields |= STORE_PF_IDEAS_OPEN;
	if (in->ends_at != 0 && in->starts_at != 0 && in->ends_at < in->starts_at) {
		http_reply_error(r, APIERR_VALIDATION, "ends_at", REASON_RANGE);
		return -1;
	}
	return 0;
}

void
rs_project_create(struct req *r, const struct route_args *a)
{
	struct store_project_new in;
	struct pool pl;
	unsigned int fields;
	struct jin *b;
	struct store *st;
	int64_t id;
	int rc;

	(void)a;
	pl.n = 0;
	if ((b = route_body(r)) == NULL)
		return;
	if (rs_project_fields(r, &pl, b, 0, &in, &fields) == 0 &&
	    (st = route_store(r)) != NULL) {
		rc = store_project_create(st, &in, clock_now(), route_uid(r), &id);
		if (rc != 0)
			route_store_error(r, rc, "slug");
		else
			rs_reply_project(r, st, id, MHD_HTTP_CREATED);
	}
	pool_free(&pl);
	jin_free(b);
}

void
rs_project_update(struct req *r, const struct route_args *a)
{
	struct store_project_new in;
	struct pool pl;
	unsigned int fields;
	struct jin *b = NULL;
	struct store *st;
	int64_t id;
	int rc;

	pl.n = 0;
	if ((b = route_project_body(r, a->arg[0], &st, &id)) == NULL)
		goto out;
	if (rs_project_fields(r, &pl, b, 1, &in, &fields) != 0)
		goto out;
	rc = store_project_update(st, id, &in, fields, clock_now(), route_uid(r));
	if (rc != 0)
		route_store_error(r, rc, "slug");
	else
		rs_reply_project(r, st, id, MHD_HTTP_OK);
out:
	pool_free(&pl);
	jin_free(b);
}

static void
rs_reply_poll(struct req *r, struct store *st, int64_t id, unsigned int status)
{
	struct render_viewer v = route_viewer(r);
	struct store_poll *p = NULL;
	int rc = store_poll_get(st, id, r->lang, v.user_id, clock_now(), &p);

	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, status, render_poll(p, &v));
	store_poll_free(p);
}

/* Reads poll fields; with patch all are optional and *fields tells which. */
static int
rs_poll_fields(struct req *r, struct pool *pl, const struct jin *b, int patch,
    struct store_poll_new *in, unsigned int *fields)
{
	const char *kind = NULL;
	long long mc = 0;
	int present, pf = patch ? ROUTE_TR_PATCH : 0;

	memset(in, 0, sizeof(*in));
	*fields = 0;
	if (route_tr(r, pl, b, "title", patch, 1, RS_TITLE_MAX, pf,
	    &in->title) != 0 ||
	    route_tr(r, pl, b, "question", patch, 1, 2000, VALIDATE_MULTILINE | pf,
	    &in->question) != 0)
		return -1;
	if (in->title.n > 0)
		*fields |= STORE_PLF_TITLE;
	if (in->question.n > 0)
		*fields |= STORE_PLF_QUESTION;
	if (!patch) {
		if (route_text(r, b, "kind", 0, 1, 16, 0, &kind) != 0)
			return -1;
		if ((in->kind = store_poll_kind_parse(kind)) == 0) {
			http_reply_error(r, APIERR_VALIDATION, "kind",
			    REASON_FORMAT);
			return -1;
		}
	}
	if (route_int(r, b, "max_choices", 1, &mc, &present) != 0)
		return -1;
	if (present) {
		if (mc < 1 || mc > 100) {
			http_reply_error(r, APIERR_VALIDATION, "max_choices",
			    REASON_RANGE);
			return -1;
		}
		in->max_choices = (int)mc;
		*fields |= STORE_PLF_MAX_CHOICES;
	}
	if (route_time(r, b, "opens_at", patch, &in->opens_at, &present) != 0)
		return -1;
	if (present)
		*fields |= STORE_PLF_OPENS;
	if (route_time(r, b, "closes_at", patch, &in->closes_at, &present) != 0)
		return -1;
	if (present)
		*fields |= STORE_PLF_CLOSES;
	if (!patch && in->closes_at <= in->opens_at) {
		http_reply_error(r, APIERR_VALIDATION, "closes_at", REASON_RANGE);
		return -1;
	}
	if (route_bool(r, b, "results_visible", 1, &in->results_visible,
	    &present) != 0)
		return -1;
	if (present)
		*fields |= STORE_PLF_VISIBLE;
	return 0;
}

static int
rs_poll_options(struct req *r, struct pool *pl, const struct jin *b,
    struct store_poll_new *in)
{
	struct store_option_new *opts;
	size_t n, i;
	int jrc;

	if ((jrc = jin_array(b, "options", &n)) != JIN_OK) {
		http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
		    APIERR_VALIDATION, "options", jrc == JIN_TYPE ?
		    REASON_TYPE : REASON_REQUIRED);
		return -1;
	}
	if (n < 2 || n > 100) {
		http_reply_error(r, APIERR_VALIDATION, "options", REASON_TOO_MANY);
		return -1;
	}
	if ((opts = pool_add(pl, calloc(n, sizeof(*opts)))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct jin *o = jin_at(b, "options", i), *loc;
		if (route_tr(r, pl, o, "title", 0, 1, RS_TITLE_MAX, 0,
		    &opts[i].title) != 0 ||
		    route_tr(r, pl, o, "description", 1, 0, 2000,
		    VALIDATE_MULTILINE, &opts[i].description) != 0)
			return -1;
		jrc = jin_obj(o, "location", &loc);
		if (jrc == JIN_TYPE) {
			http_reply_error(r, APIERR_BAD_REQUEST, "location",
			    REASON_TYPE);
			return -1;
		}
		if (jrc == JIN_OK) {
			if (route_text(r, loc, "address", 0, 1, 300, 0,
			    &opts[i].address) != 0)
				return -1;
			/* A location must be usable without a map. */
			if (opts[i].description.n == 0) {
				http_reply_error(r, APIERR_VALIDATION,
				    "description", REASON_REQUIRED);
				return -1;
			}
			opts[i].lat = 0;
			opts[i].lon = 0;
			if (jin_num(loc, "lat", &opts[i].lat) == JIN_TYPE ||
			    jin_num(loc, "lon", &opts[i].lon) == JIN_TYPE) {
				http_reply_error(r, APIERR_BAD_REQUEST,
				    "location", REASON_TYPE);
				return -1;
			}
		}
	}
	in->options = opts;
	in->n_options = n;
	if (in->max_choices == 0)
		in->max_choices = in->kind == STORE_POLL_SINGLE ? 1 : (int)n;
	if (in->max_choices > (int)n ||
	    (in->kind == STORE_POLL_SINGLE && in->max_choices != 1)) {
		http_reply_error(r, APIERR_VALIDATION, "max_choices", REASON_RANGE);
		return -1;
	}
	return 0;
}

void
rs_poll_create(struct req *r, const struct route_args *a)
{
	struct store_poll_new in;
	struct pool pl;
	unsigned int fields;
	struct jin *b = NULL;
	struct store *st;
	int64_t pid, id;
	int rc;

	pl.n = 0;
	if ((b = route_project_body(r, a->arg[0], &st, &pid)) == NULL)
		goto out;
	if (rs_poll_fields(r, &pl, b, 0, &in, &fields) != 0 ||
	    rs_poll_options(r, &pl, b, &in) != 0)
		goto out;
	rc = store_poll_create(st, pid, &in, clock_now(), route_uid(r), &id);
	if (rc != 0)
		route_store_error(r, rc, "options");
	else
		rs_reply_poll(r, st, id, MHD_HTTP_CREATED);
out:
	pool_free(&pl);
	jin_free(b);
}

void
rs_poll_update(struct req *r, const struct route_args *a)
{
	struct store_poll_new in;
	struct pool pl;
	unsigned int fields;
	struct jin *b = NULL;
	struct store *st;
	int64_t id;
	int rc;

	pl.n = 0;
	if (route_id_arg(r, a->arg[0], &id) != 0 || (b = route_body(r)) == NULL ||
	    (st = route_store(r)) == NULL)
		goto out;
	if (rs_poll_fields(r, &pl, b, 1, &in, &fields) != 0)
		goto out;
	rc = store_poll_update(st, id, &in, fields, clock_now(), route_uid(r));
	if (rc != 0)
		route_store_error(r, rc, "closes_at");
	else
		rs_reply_poll(r, st, id, MHD_HTTP_OK);
out:
	pool_free(&pl);
	jin_free(b);
}

static int
rs_question(struct req *r, struct pool *pl, const struct jin *o,
    struct store_question_new *q)
{
	const struct jin *scale;
	const char *kind;
	long long v;
	size_t n, i;
	int jrc, present;

	if (route_text(r, o, "kind", 0, 1, 16, 0, &kind) != 0)
		return -1;
	if ((q->kind = store_question_kind_parse(kind)) == 0) {
		http_reply_error(r, APIERR_VALIDATION, "kind", REASON_FORMAT);
		return -1;
	}
	if (route_tr(r, pl, o, "text", 0, 1, 2000, VALIDATE_MULTILINE,
	    &q->text) != 0 ||
	    route_bool(r, o, "required", 0, &q->required, NULL) != 0)
		return -1;
	if (q->kind == STORE_Q_SINGLE || q->kind == STORE_Q_MULTIPLE) {
		struct store_trs *opts;

		if ((jrc = jin_array(o, "options", &n)) != JIN_OK || n < 2 ||
		    n > 100) {
			http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
			    APIERR_VALIDATION, "options", jrc == JIN_TYPE ?
			    REASON_TYPE : REASON_TOO_MANY);
			return -1;
		}
		if ((opts = pool_add(pl, calloc(n, sizeof(*opts)))) == NULL) {
			http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
			return -1;
		}
		for (i = 0; i < n; i++)
			if (route_tr(r, pl, jin_at(o, "options", i), "title", 0,
			    1, RS_TITLE_MAX, 0, &opts[i]) != 0)
				return -1;
		q->options = opts;
		q->n_options = n;
		if (route_int(r, o, "max_choices", 1, &v, &present) != 0)
			return -1;
		q->max_choices = q->kind == STORE_Q_SINGLE ? 1 :
		    present ? (int)v : (int)n;
		if (q->max_choices < 1 || q->max_choices > (int)n) {
			http_reply_error(r, APIERR_VALIDATION, "max_choices",
			    REASON_RANGE);
			return -1;
		}
	} else if (q->kind == STORE_Q_TEXT) {
		if (route_int(r, o, "max_length", 1, &v, &present) != 0)
			return -1;
		q->max_length = present ? (int)v : 2000;
		if (q->max_length < 1 || q->max_length > 5000) {
			http_reply_error(r, APIERR_VALIDATION, "max_length",
			    REASON_RANGE);
			return -1;
		}
	} else {
		if ((jrc = jin_obj(o, "scale", &scale)) != JIN_OK) {
			http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
			    APIERR_VALIDATION, "scale", jrc == JIN_TYPE ?
			    REASON_TYPE : REASON_REQUIRED);
			return -1;
		}
		if (route_int(r, scale, "min", 0, &v, NULL) != 0)
			return -1;
		q->scale_min = (int)v;
		if (route_int(r, scale, "max", 0, &v, NULL) != 0)
			return -1;
		q->scale_max = (int)v;
		if (q->scale_min >= q->scale_max || q->scale_min < -100 ||
		    q->scale_max > 100) {
			http_reply_error(r, APIERR_VALIDATION, "scale",
			    REASON_RANGE);
			return -1;
		}
		if (route_tr(r, pl, scale, "min_label", 1, 1, RS_TITLE_MAX, 0,
		    &q->min_label) != 0 ||
		    route_tr(r, pl, scale, "max_label", 1, 1, RS_TITLE_MAX, 0,
		    &q->max_label) != 0)
			return -1;
	}
	return 0;
}

void
rs_survey_create(struct req *r, const struct route_args *a)
{
	struct store_survey_new in;
	struct store_question_new *qs;
	struct render_viewer v = route_viewer(r);
	struct store_survey *sv = NULL;
	struct pool pl;
	struct jin *b = NULL;
	struct store *st;
	int64_t pid, id;
	size_t n, i;
	int rc, jrc;

	pl.n = 0;
	memset(&in, 0, sizeof(in));
	if ((b = route_project_body(r, a->arg[0], &st, &pid)) == NULL)
		goto out;
	if (route_tr(r, &pl, b, "title", 0, 1, RS_TITLE_MAX, 0, &in.title) != 0 ||
	    route_tr(r, &pl, b, "intro", 1, 0, RS_TEXT_MAX, VALIDATE_MULTILINE,
	    &in.intro) != 0 ||
	    route_time(r, b, "opens_at", 0, &in.opens_at, NULL) != 0 ||
	    route_time(r, b, "closes_at", 0, &in.closes_at, NULL) != 0)
		goto out;
	if (in.closes_at <= in.opens_at) {
		http_reply_error(r, APIERR_VALIDATION, "closes_at", REASON_RANGE);
		goto out;
	}
	if ((jrc = jin_array(b, "questions", &n)) != JIN_OK || n < 1 || n > 100) {
		http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
		    APIERR_VALIDATION, "questions", jrc == JIN_TYPE ?
		    REASON_TYPE : REASON_TOO_MANY);
		goto out;
	}
	if ((qs = pool_add(&pl, calloc(n, sizeof(*qs)))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (rs_question(r, &pl, jin_at(b, "questions", i), &qs[i]) != 0)
			goto out;
	in.questions = qs;
	in.n_questions = n;
	rc = store_survey_create(st, pid, &in, clock_now(), v.user_id, &id);
	if (rc == 0)
		rc = store_survey_get(st, id, r->lang, v.user_id, clock_now(), &sv);
	if (rc != 0)
		route_store_error(r, rc, "questions");
	else
		http_reply_json(r, MHD_HTTP_CREATED, render_survey(sv, &v));
out:
	store_survey_free(sv);
	pool_free(&pl);
	jin_free(b);
}

void
rs_results_csv(struct req *r, const struct route_args *a)
{
	struct results *res = NULL;
	struct store *st;
	char name[64];
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_poll_results(st, id, r->lang, clock_now(), &res);
	if (rc == 0 && route_need_staff(r) != 0) {
		results_free(res);
		return;
	}
	if (rc != 0) {
		route_store_error(r, rc, NULL);
		return;
	}
	snprintf(name, sizeof(name), "poll-%lld-results.csv", (long long)id);
	http_reply_csv(r, render_results_csv(res), name);
	results_free(res);
}

void
rs_responses_csv(struct req *r, const struct route_args *a)
{
	struct store_survey *sv = NULL;
	struct store_response_list l;
	struct store_response *all = NULL, *p;
	char name[64], *after = NULL;
	size_t n = 0, i;
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	if ((rc = store_survey_get(st, id, r->lang, 0, clock_now(), &sv)) != 0) {
		route_store_error(r, rc, NULL);
		return;
	}
	if (route_need_staff(r) != 0) {
		store_survey_free(sv);
		return;
	}
	/* Gather every page; the items are moved out of each list. */
	for (;;) {
		memset(&l, 0, sizeof(l));
		rc = store_response_list(st, id, 100, after, &l);
		free(after);
		after = NULL;
		if (rc != 0)
			break;
		if (l.n > 0) {
			p = realloc(all, (n + l.n) * sizeof(*all));
			if (p == NULL) {
				store_response_list_free(&l);
				rc = STORE_ENOMEM;
				break;
			}
			all = p;
			memcpy(all + n, l.items, l.n * sizeof(*all));
			n += l.n;
			free(l.items);
			l.items = NULL;
			l.n = 0;
		}
		after = l.next;
		l.next = NULL;
		store_response_list_free(&l);
		if (after == NULL)
			break;
	}
	if (rc != 0) {
		route_store_error(r, rc, NULL);
	} else {
		snprintf(name, sizeof(name), "survey-%lld-responses.csv",
		    (long long)id);
		http_reply_csv(r, render_responses_csv(sv, all, n), name);
	}
	for (i = 0; i < n; i++) {
		/* Free each moved response through a one-item list. */
		struct store_response_list one;

		memset(&one, 0, sizeof(one));
		one.items = malloc(sizeof(*one.items));
		if (one.items != NULL) {
			one.items[0] = all[i];
			one.n = 1;
		}
		store_response_list_free(&one);
	}
	free(all);
	store_survey_free(sv);
}
