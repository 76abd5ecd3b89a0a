/* routes_write.c — what residents write (ideas, supports, comments,
 * reports, ballots, survey responses) and the moderators' endpoints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "server/api/clock.h"
#include "server/api/routes_int.h"
#include "server/api/writer.h"

void
rw_idea_create(struct req *r, const struct route_args *a)
{
	struct render_viewer v = route_viewer(r);
	struct store_idea *i = NULL;
	const char *title, *body;
	struct jin *b = NULL;
	struct store *st;
	int64_t pid, id;
	int rc;

	if ((b = route_project_body(r, a->arg[0], &st, &pid)) == NULL)
		goto out;
	if (route_text(r, b, "title", 0, 3, 120, 0, &title) != 0 ||
	    route_text(r, b, "body", 0, 10, 5000, VALIDATE_MULTILINE, &body) != 0)
		goto out;
	rc = store_idea_create(st, pid, v.user_id, title, body, clock_now(), &id);
	if (rc == 0)
		rc = store_idea_get(st, id, v.user_id, &i);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_CREATED, render_idea(i, &v, 1));
out:
	store_idea_free(i);
	jin_free(b);
}

/* A queued write: the request waits, suspended, for its commit. */
struct rw_pending {
	struct writer_job	 job;
	struct req		*req;
	int64_t			*choices;
};

static void
rw_job_done(struct writer_job *job)
{
	struct rw_pending *p = job->arg;

	http_resume(p->req);
}

static void
rw_job_free(struct req *r)
{
	struct rw_pending *p = (struct rw_pending *)(void *)r->job;

	r->job = NULL;
	if (p != NULL) {
		free(p->choices);
		free(p);
	}
}

static void
rw_submit(struct req *r, struct rw_pending *p, void (*cb)(struct req *r))
{
	r->job_free = rw_job_free;
	p->req = r;
	p->job.arg = p;
	p->job.done = rw_job_done;
	p->job.now = clock_now();
	r->job = &p->job;
	http_suspend(r, cb);
	writer_submit(&p->job);
}

static void
rw_support_done(struct req *r)
{
	struct rw_pending *p = (struct rw_pending *)(void *)r->job;

	if (p->job.rc != 0)
		route_store_error(r, p->job.rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK,
		    render_support(p->job.on, p->job.out));
	rw_job_free(r);
}

void
rw_support(struct req *r, const struct route_args *a)
{
	struct rw_pending *p;
	int64_t id;

	if (route_id_arg(r, a->arg[0], &id) != 0)
		return;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return;
	}
	p->job.kind = WRITER_SUPPORT_SET;
	p->job.target_id = id;
	p->job.user_id = route_uid(r);
	p->job.on = r->method == HTTP_PUT;
	rw_submit(r, p, rw_support_done);
}

static void
rw_ballot_done(struct req *r)
{
	struct rw_pending *p = (struct rw_pending *)(void *)r->job;

	if (p->job.rc == STORE_EINVALID)
		http_reply_error(r, APIERR_VALIDATION, "choices",
		    REASON_UNKNOWN_OPTION);
	else if (p->job.rc != 0)
		route_store_error(r, p->job.rc, "choices");
	else if (p->job.kind == WRITER_BALLOT_DELETE)
		http_reply_empty(r, MHD_HTTP_NO_CONTENT);
	else
		http_reply_json(r, MHD_HTTP_OK, render_ballot(p->job.target_id,
		    p->choices, p->job.n_choices, p->job.out));
	rw_job_free(r);
}

void
rw_ballot(struct req *r, const struct route_args *a)
{
	struct rw_pending *p = NULL;
	long long *choices = NULL;
	struct jin *b = NULL;
	size_t n = 0, i, j;
	int64_t id;
	int jrc;

	if (route_id_arg(r, a->arg[0], &id) != 0)
		return;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return;
	}
	p->job.target_id = id;
	p->job.user_id = route_uid(r);
	if (r->method == HTTP_DELETE) {
		p->job.kind = WRITER_BALLOT_DELETE;
		rw_submit(r, p, rw_ballot_done);
		return;
	}
	p->job.kind = WRITER_BALLOT_PUT;
	if ((b = route_body(r)) == NULL)
		goto fail;
	jrc = jin_int_array(b, "choices", &choices, &n);
	if (jrc == JIN_TYPE) {
		http_reply_error(r, APIERR_BAD_REQUEST, "choices", REASON_TYPE);
		goto fail;
	}
	if (jrc == JIN_MISSING || n == 0 || n > 100) {
		http_reply_error(r, APIERR_VALIDATION, "choices",
		    n == 0 ? REASON_REQUIRED : REASON_TOO_MANY);
		goto fail;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (choices[i] == choices[j]) {
				http_reply_error(r, APIERR_VALIDATION, "choices",
				    REASON_DUPLICATE);
				goto fail;
			}
	if ((p->choices = calloc(n, sizeof(*p->choices))) == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		goto fail;
	}
	for (i = 0; i < n; i++)
		p->choices[i] = (int64_t)choices[i];
	p->job.choices = p->choices;
	p->job.n_choices = n;
	free(choices);
	jin_free(b);
	rw_submit(r, p, rw_ballot_done);
	return;
fail:
	free(choices);
	jin_free(b);
	free(p);
}

void
rw_ballot_get(struct req *r, const struct route_args *a)
{
	struct store_ballot *bal = NULL;
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_ballot_get(st, id, route_uid(r), &bal);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_ballot(bal->poll_id,
		    bal->choices, bal->n_choices, bal->updated_at));
	store_ballot_free(bal);
}

static void
rw_comment_create(struct req *r, int64_t idea_id, int64_t project_id)
{
	struct render_viewer v = route_viewer(r);
	struct store_comment *c = NULL;
	const char *body;
	long long parent = 0;
	struct jin *b;
	struct store *st;
	int64_t id;
	int rc;

	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "body", 0, 1, 2000, VALIDATE_MULTILINE, &body) != 0 ||
	    route_int(r, b, "parent_id", 1, &parent, NULL) != 0 ||
	    (st = route_store(r)) == NULL)
		goto out;
	if (parent < 0) {
		http_reply_error(r, APIERR_VALIDATION, "parent_id", REASON_RANGE);
		goto out;
	}
	if (parent > 0 && store_comment_get(st, parent, &c) != 0) {
		http_reply_error(r, APIERR_VALIDATION, "parent_id",
		    REASON_UNKNOWN_OPTION);
		goto out;
	}
	store_comment_free(c);
	c = NULL;
	rc = store_comment_create(st, idea_id, project_id, parent, v.user_id,
	    body, clock_now(), &id);
	if (rc == 0)
		rc = store_comment_get(st, id, &c);
	if (rc != 0)
		route_store_error(r, rc, "parent_id");
	else
		http_reply_json(r, MHD_HTTP_CREATED, render_comment(c, &v));
out:
	store_comment_free(c);
	jin_free(b);
}

void
rw_comment_create_idea(struct req *r, const struct route_args *a)
{
	int64_t id;

	if (route_id_arg(r, a->arg[0], &id) == 0)
		rw_comment_create(r, id, 0);
}

void
rw_comment_create_project(struct req *r, const struct route_args *a)
{
	struct store *st;
	int64_t pid;

	if ((st = route_store(r)) != NULL &&
	    route_project_id(r, st, a->arg[0], &pid) == 0)
		rw_comment_create(r, 0, pid);
}

/* Only what the caller can see can be reported: no probing for pending
 * or hidden posts. */
static int
rw_report_visible(struct req *r, struct store *st, int target, int64_t id)
{
	struct store_idea *i = NULL;
	struct store_comment *c = NULL;
	int ok = 0;

	if (target == STORE_TARGET_IDEA &&
	    store_idea_get(st, id, route_uid(r), &i) == 0)
		ok = route_can_see(r, i->status, i->author_id);
	else if (target == STORE_TARGET_COMMENT &&
	    store_comment_get(st, id, &c) == 0)
		ok = route_can_see(r, c->status, c->author_id);
	store_idea_free(i);
	store_comment_free(c);
	return ok;
}

static void
rw_report(struct req *r, int target, const char *arg)
{
	const char *reason;
	struct jin *b;
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, arg, &id)) == NULL)
		return;
	if (!rw_report_visible(r, st, target, id)) {
		http_reply_error(r, APIERR_NOT_FOUND, NULL, REASON_NONE);
		return;
	}
	if ((b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "reason", 0, 1, 1000, VALIDATE_MULTILINE,
	    &reason) == 0) {
		rc = store_report_create(st, target, id, route_uid(r), reason,
		    clock_now());
		if (rc != 0)
			route_store_error(r, rc, NULL);
		else
			http_reply_json(r, MHD_HTTP_ACCEPTED,
			    render_pair("status", "received"));
	}
	jin_free(b);
}

void
rw_report_idea(struct req *r, const struct route_args *a)
{
	rw_report(r, STORE_TARGET_IDEA, a->arg[0]);
}

void
rw_report_comment(struct req *r, const struct route_args *a)
{
	rw_report(r, STORE_TARGET_COMMENT, a->arg[0]);
}

void
rw_response_put(struct req *r, const struct route_args *a)
{
	struct store_answer_in *ans = NULL;
	struct store_response *resp = NULL;
	struct pool pl;
	struct jin *b = NULL;
	struct store *st;
	int64_t id, bad = 0;
	size_t n = 0, i, k;
	int jrc, rc;

	pl.n = 0;
	if (route_id_arg(r, a->arg[0], &id) != 0 || (b = route_body(r)) == NULL)
		return;
	if ((jrc = jin_array(b, "answers", &n)) != JIN_OK) {
		http_reply_error(r, jrc == JIN_TYPE ? APIERR_BAD_REQUEST :
		    APIERR_VALIDATION, "answers", jrc == JIN_TYPE ?
		    REASON_TYPE : REASON_REQUIRED);
		goto out;
	}
	if (n > 100) {
		http_reply_error(r, APIERR_VALIDATION, "answers", REASON_TOO_MANY);
		goto out;
	}
	if (n > 0 && (ans = pool_add(&pl, calloc(n, sizeof(*ans)))) == NULL)
		goto oom;
	for (i = 0; i < n; i++) {
		const struct jin *o = jin_at(b, "answers", i);
		long long qid, val, *ch = NULL;
		size_t nch = 0;
		int has_val;

		if (route_int(r, o, "question_id", 0, &qid, NULL) != 0 ||
		    route_text(r, o, "text", 1, 0, 5000, VALIDATE_MULTILINE,
		    &ans[i].text) != 0 ||
		    route_int(r, o, "value", 1, &val, &has_val) != 0)
			goto out;
		jrc = jin_int_array(o, "choices", &ch, &nch);
		if (jrc == JIN_TYPE) {
			http_reply_error(r, APIERR_BAD_REQUEST, "choices",
			    REASON_TYPE);
			goto out;
		}
		pool_add(&pl, ch);
		ans[i].question_id = qid;
		ans[i].has_value = has_val;
		ans[i].value = (int)val;
		if (nch > 0) {
			int64_t *c64 = pool_add(&pl, calloc(nch, sizeof(*c64)));

			if (c64 == NULL)
				goto oom;
			for (k = 0; k < nch; k++)
				c64[k] = (int64_t)ch[k];
			ans[i].choices = c64;
			ans[i].n_choices = nch;
		}
	}
	if ((st = route_store(r)) == NULL)
		goto out;
	rc = store_response_put(st, id, route_uid(r), ans, n, clock_now(), NULL,
	    &bad);
	if (rc == 0)
		rc = store_response_get(st, id, route_uid(r), &resp);
	if (rc == STORE_EINVALID && bad > 0) {
		char detail[64];

		snprintf(detail, sizeof(detail), "(question_id %lld)",
		    (long long)bad);
		http_reply_error_detail(r, APIERR_VALIDATION, "answers",
		    REASON_ANSWER, detail);
	} else if (rc == STORE_EINVALID)
		http_reply_error(r, APIERR_VALIDATION, "answers", REASON_ANSWER);
	else if (rc != 0)
		route_store_error(r, rc, "answers");
	else
		http_reply_json(r, MHD_HTTP_OK, render_response(resp));
	goto out;
oom:
	http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
out:
	store_response_free(resp);
	pool_free(&pl);
	jin_free(b);
}

void
rw_response_get(struct req *r, const struct route_args *a)
{
	struct store_response *resp = NULL;
	struct store *st;
	int64_t id;
	int rc;

	if ((st = route_id_store(r, a->arg[0], &id)) == NULL)
		return;
	rc = store_response_get(st, id, route_uid(r), &resp);
	if (rc != 0)
		route_store_error(r, rc, NULL);
	else
		http_reply_json(r, MHD_HTTP_OK, render_response(resp));
	store_response_free(resp);
}

void
rw_moderation_queue(struct req *r, const struct route_args *a)
{
	struct store_queue q;
	const char *type = http_query(r, "type"), *after;
	struct store *st;
	int t = STORE_QUEUE_IDEAS, limit, rc;

	(void)a;
	memset(&q, 0, sizeof(q));
	if (type != NULL && strcmp(type, "ideas") != 0) {
		if (strcmp(type, "comments") == 0)
			t = STORE_QUEUE_COMMENTS;
		else if (strcmp(type, "reports") == 0)
			t = STORE_QUEUE_REPORTS;
		else {
			http_reply_error(r, APIERR_VALIDATION, "type",
			    REASON_FORMAT);
			return;
		}
	}
	if (route_list_params(r, &limit, &after) != 0 ||
	    (st = route_store(r)) == NULL)
		return;
	rc = store_queue_list_lang(st, t, limit, after, r->lang, &q);
	if (rc != 0)
		route_store_error(r, rc, "after");
	else
		http_reply_json(r, MHD_HTTP_OK, render_queue(&q, t));
	store_queue_free(&q);
}

static void
rw_moderate(struct req *r, int target, const char *arg)
{
	struct render_viewer v = route_viewer(r);
	struct store_idea *i = NULL;
	struct store_comment *c = NULL;
	const char *action, *reason = NULL;
	struct jin *b;
	struct store *st;
	int64_t id;
	int act, rc;

	if (route_id_arg(r, arg, &id) != 0 || (b = route_body(r)) == NULL)
		return;
	if (route_text(r, b, "action", 0, 1, 16, 0, &action) != 0)
		goto out;
	if (strcmp(action, "approve") == 0)
		act = STORE_MOD_APPROVE;
	else if (strcmp(action, "reject") == 0)
		act = STORE_MOD_REJECT;
	else if (strcmp(action, "hide") == 0)
		act = STORE_MOD_HIDE;
	else {
		http_reply_error(r, APIERR_VALIDATION, "action", REASON_FORMAT);
		goto out;
	}
	/* A rejection or hiding must tell the author why. */
	if (route_text(r, b, "reason", act == STORE_MOD_APPROVE, 1, 1000,
	    VALIDATE_MULTILINE, &reason) != 0 || (st = route_store(r)) == NULL)
		goto out;
	rc = store_moderate(st, target, id, act, reason, v.user_id, clock_now());
	if (rc == 0 && target == STORE_TARGET_IDEA)
		rc = store_idea_get(st, id, v.user_id, &i);
	else if (rc == 0)
		rc = store_comment_get(st, id, &c);
	if (rc != 0)
		route_store_error(r, rc, "action");
	else if (i != NULL)
		http_reply_json(r, MHD_HTTP_OK, render_idea(i, &v, 1));
	else
		http_reply_json(r, MHD_HTTP_OK, render_comment(c, &v));
out:
	store_idea_free(i);
	store_comment_free(c);
	jin_free(b);
}

void
rw_moderate_idea(struct req *r, const struct route_args *a)
{
	rw_moderate(r, STORE_TARGET_IDEA, a->arg[0]);
}

void
rw_moderate_comment(struct req *r, const struct route_args *a)
{
	rw_moderate(r, STORE_TARGET_COMMENT, a->arg[0]);
}

void
rw_audit(struct req *r, const struct route_args *a)
{
	struct store_audit_list l;
	const char *after;
	struct store *st;
	int limit, rc;

	(void)a;
	memset(&l, 0, sizeof(l));
	if (route_list_params(r, &limit, &after) != 0 ||
	    (st = route_store(r)) == NULL)
		return;
	rc = store_audit_list(st, limit, after, &l);
	if (rc != 0)
		route_store_error(r, rc, "after");
	else
		http_reply_json(r, MHD_HTTP_OK, render_audit_list(&l));
	store_audit_list_free(&l);
}
