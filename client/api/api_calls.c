/* api_calls.c — one function per endpoint of api-v1.md, built on api_request(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "client/api/api_int.h"
#include "client/i18n.h"

typedef int (*api_obj_parse_fn)(const cJSON *, void *);

#define API_V(fn, type) \
	static int fn##_v(const cJSON *j, void *p) { return fn(j, (type *)p); }

API_V(api_parse_user, struct api_user)
API_V(api_parse_project, struct api_project)
API_V(api_parse_idea, struct api_idea)
API_V(api_parse_comment, struct api_comment)
API_V(api_parse_poll, struct api_poll)
API_V(api_parse_ballot, struct api_ballot)
API_V(api_parse_results, struct api_results)
API_V(api_parse_survey, struct api_survey)
API_V(api_parse_login, struct api_login)
API_V(api_parse_project_list, struct api_project_list)
API_V(api_parse_idea_list, struct api_idea_list)
API_V(api_parse_comment_list, struct api_comment_list)
API_V(api_parse_queue_list, struct api_queue_list)
API_V(api_parse_activity, struct api_activity)
API_V(api_parse_tally, struct api_tally_sheet)
API_V(api_parse_tally_list, struct api_tally_list)

static void
api_fail_contract(struct api *a)
{
	api_fail(a, API_ERR_SERVER,
	    _("The server sent an answer that does not fit the API (v1)."));
}

/* Parses j (consumed) into a new struct of size bytes stored in *out;
 * out NULL just drops the answer. */
static int
api_obj(struct api *a, cJSON *j, size_t size, api_obj_parse_fn parse,
    void **out)
{
	void *o;

	if (out == NULL) {
		cJSON_Delete(j);
		return 0;
	}
	o = calloc(1, size);
	if (o == NULL) {
		cJSON_Delete(j);
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	if (j == NULL || parse(j, o) < 0) {
		free(o);
		cJSON_Delete(j);
		api_fail_contract(a);
		return -1;
	}
	cJSON_Delete(j);
	*out = o;
	return 0;
}

/* Request + parse in one: the common shape of most endpoints. */
static int
api_call(struct api *a, const char *method, const char *path,
    const char *query, const cJSON *body, size_t size, api_obj_parse_fn parse,
    void **out)
{
	cJSON *j = NULL;

	if (out != NULL)
		*out = NULL;
	if (api_request(a, method, path, query, body, API_WANT_JSON, &j, NULL) < 0)
		return -1;
	return api_obj(a, j, size, parse, out);
}

/* A GET of a list that asked for limit items: more are dropped unread. */
static int
api_call_list(struct api *a, const char *path, const char *query, int limit,
    size_t size, api_obj_parse_fn parse, void **out)
{
	cJSON *j = NULL;

	*out = NULL;
	if (api_request(a, "GET", path, query, NULL, API_WANT_JSON, &j,
	    NULL) < 0)
		return -1;
	if (api_list_cap(j, limit) > 0)
		api_json_reset(a, j);
	return api_obj(a, j, size, parse, out);
}

static int
api_bad_arg(struct api *a)
{
	api_fail(a, API_ERR_LOCAL, _("Invalid argument."));
	return -1;
}

/* "/pre<id>post" into buf (64 bytes are plenty for the API's paths). */
static const char *
api_path(char *buf, size_t sz, const char *pre, long long id, const char *post)
{
	snprintf(buf, sz, "%s%lld%s", pre, id, post);
	return buf;
}

/* A call with a JSON body that is consumed; a NULL body means it could
 * not be built (out of memory or a bad argument). */
static int
api_send(struct api *a, const char *method, const char *path, cJSON *body,
    size_t size, api_obj_parse_fn parse, void **out)
{
	int r;

	if (out != NULL)
		*out = NULL;
	if (body == NULL)
		return api_bad_arg(a);
	r = api_call(a, method, path, NULL, body, size, parse, out);
	cJSON_Delete(body);
	return r;
}

/* Returns b, or NULL after deleting it when building it failed. */
static cJSON *
api_body_ok(cJSON *b, int ok)
{
	if (ok)
		return b;
	cJSON_Delete(b);
	return NULL;
}

/* Appends "&key=value" (escaped) to q of size qsz; value NULL or "" is
 * left out. Returns 0, or -1 when it does not fit. */
static int
api_q_add(char *q, size_t qsz, const char *key, const char *value)
{
	char *esc;
	size_t n = strlen(q);
	int w;

	if (value == NULL || *value == '\0')
		return 0;
	esc = curl_easy_escape(NULL, value, 0);
	if (esc == NULL)
		return -1;
	w = snprintf(q + n, qsz - n, "%s%s=%s", n > 0 ? "&" : "", key, esc);
	curl_free(esc);
	return w < 0 || (size_t)w >= qsz - n ? -1 : 0;
}

static int
api_q_page(char *q, size_t qsz, const char *after, int limit)
{
	char num[24];

	if (limit > 0) {
		snprintf(num, sizeof(num), "%d", limit);
		if (api_q_add(q, qsz, "limit", num) < 0)
			return -1;
	}
	return api_q_add(q, qsz, "after", after);
}

/* Deletes a request body after wiping a secret member in it. */
static void
api_body_free(cJSON *body, const char *secret)
{
	cJSON *v;

	if (body == NULL)
		return;
	v = secret != NULL ? cJSON_GetObjectItemCaseSensitive(body, secret) : NULL;
	if (cJSON_IsString(v) && v->valuestring != NULL)
		explicit_bzero(v->valuestring, strlen(v->valuestring));
	cJSON_Delete(body);
}

/* Adds name: {"de": ..., "tr": ...}, one member per pair with a text,
 * unless there is none. */
static int
api_add_text(cJSON *obj, const char *name, const struct api_text_in *t)
{
	cJSON *o = NULL;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->v[i].lang == NULL || t->v[i].text == NULL)
			continue;
		if (o == NULL && (o = cJSON_AddObjectToObject(obj, name)) == NULL)
			return -1;
		if (cJSON_AddStringToObject(o, t->v[i].lang, t->v[i].text) == NULL)
			return -1;
	}
	return 0;
}

static int
api_add_str(cJSON *obj, const char *name, const char *v)
{
	if (v == NULL)
		return 0;
	return cJSON_AddStringToObject(obj, name, v) == NULL ? -1 : 0;
}

static int
api_add_ids(cJSON *obj, const char *name, const long long *ids, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, name);
	size_t i;

	if (arr == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		cJSON *v = cJSON_CreateNumber((double)ids[i]);

		if (v == NULL || !cJSON_AddItemToArray(arr, v)) {
			cJSON_Delete(v);
			return -1;
		}
	}
	return 0;
}

/* ----------------------------------------------------------- public */

int
api_health(struct api *a, char **version)
{
	cJSON *j = NULL;
	char *v = NULL;

	if (version != NULL)
		*version = NULL;
	if (api_request(a, "GET", "/health", NULL, NULL, API_WANT_JSON, &j, NULL) < 0)
		return -1;
	if (api_json_str(j, "version", 0, &v) < 0) {
		cJSON_Delete(j);
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	cJSON_Delete(j);
	if (version != NULL)
		*version = v;
	else
		free(v);
	return 0;
}

int
api_projects(struct api *a, const char *status, const char *category,
    const char *after, int limit, struct api_project_list **out)
{
	char q[1024] = "";

	*out = NULL;
	if (api_q_add(q, sizeof(q), "status", status) < 0 ||
	    api_q_add(q, sizeof(q), "category", category) < 0 ||
	    api_q_page(q, sizeof(q), after, limit) < 0)
		return api_bad_arg(a);
	return api_call_list(a, "/projects", q, limit, sizeof(**out),
	    api_parse_project_list_v, (void **)out);
}

int
api_project_get(struct api *a, const char *ref, struct api_project **out)
{
	char path[512];
	char *esc;

	*out = NULL;
	if (ref == NULL || *ref == '\0' || strlen(ref) > 200)
		return api_bad_arg(a);
	esc = curl_easy_escape(NULL, ref, 0);
	if (esc == NULL)
		return api_bad_arg(a);
	snprintf(path, sizeof(path), "/projects/%s", esc);
	curl_free(esc);
	return api_call(a, "GET", path, NULL, NULL, sizeof(**out),
	    api_parse_project_v, (void **)out);
}

int
api_project_ideas(struct api *a, long long project_id, const char *sort,
    const char *after, int limit, struct api_idea_list **out)
{
	char path[64], q[1024] = "";

	*out = NULL;
	if (api_q_add(q, sizeof(q), "sort", sort) < 0 ||
	    api_q_page(q, sizeof(q), after, limit) < 0)
		return api_bad_arg(a);
	snprintf(path, sizeof(path), "/projects/%lld/ideas", project_id);
	return api_call_list(a, path, q, limit, sizeof(**out),
	    api_parse_idea_list_v, (void **)out);
}

int
api_idea_get(struct api *a, long long id, struct api_idea **out)
{
	char path[64];

	return api_call(a, "GET", api_path(path, sizeof(path), "/ideas/", id, ""),
	    NULL, NULL, sizeof(**out), api_parse_idea_v, (void **)out);
}

static int
api_comments(struct api *a, const char *what, long long id, const char *after,
    int limit, struct api_comment_list **out)
{
	char path[64], q[1024] = "";

	*out = NULL;
	if (api_q_page(q, sizeof(q), after, limit) < 0)
		return api_bad_arg(a);
	snprintf(path, sizeof(path), "/%s/%lld/comments", what, id);
	return api_call_list(a, path, q, limit, sizeof(**out),
	    api_parse_comment_list_v, (void **)out);
}

int
api_idea_comments(struct api *a, long long idea_id, const char *after,
    int limit, struct api_comment_list **out)
{
	return api_comments(a, "ideas", idea_id, after, limit, out);
}

int
api_project_comments(struct api *a, long long project_id, const char *after,
    int limit, struct api_comment_list **out)
{
	return api_comments(a, "projects", project_id, after, limit, out);
}

int
api_poll_get(struct api *a, long long id, struct api_poll **out)
{
	char path[64];

	return api_call(a, "GET", api_path(path, sizeof(path), "/polls/", id, ""),
	    NULL, NULL, sizeof(**out), api_parse_poll_v, (void **)out);
}

int
api_poll_results(struct api *a, long long id, struct api_results **out)
{
	char path[64];

	return api_call(a, "GET", api_path(path, sizeof(path), "/polls/", id, "/results"),
	    NULL, NULL, sizeof(**out), api_parse_results_v, (void **)out);
}

int
api_survey_get(struct api *a, long long id, struct api_survey **out)
{
	char path[64];

	return api_call(a, "GET", api_path(path, sizeof(path), "/surveys/", id, ""),
	    NULL, NULL, sizeof(**out), api_parse_survey_v, (void **)out);
}

/* --------------------------------------------------------- residents */

int
api_idea_create(struct api *a, long long project_id, const char *title,
    const char *body, struct api_idea **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	b = api_body_ok(b, b != NULL && api_add_str(b, "title", title ? title : "") == 0 &&
	    api_add_str(b, "body", body ? body : "") == 0);
	return api_send(a, "POST", api_path(path, sizeof(path), "/projects/",
	    project_id, "/ideas"), b, sizeof(struct api_idea), api_parse_idea_v, (void **)out);
}

static int
api_support(struct api *a, const char *method, long long idea_id,
    struct api_support *out)
{
	char path[64];
	cJSON *j = NULL;
	int s;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/ideas/%lld/support", idea_id);
	if (api_request(a, method, path, NULL, NULL, API_WANT_JSON, &j, NULL) < 0)
		return -1;
	s = (int)cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "supported"));
	if (out != NULL) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(j, "supports");

		out->supported = s;
		out->supports = cJSON_IsNumber(n) ? (long)api_num_ll(n->valuedouble) : 0;
	}
	cJSON_Delete(j);
	return 0;
}

int
api_idea_support(struct api *a, long long idea_id, struct api_support *out)
{
	return api_support(a, "PUT", idea_id, out);
}

int
api_idea_unsupport(struct api *a, long long idea_id, struct api_support *out)
{
	return api_support(a, "DELETE", idea_id, out);
}

static int
api_comment_post(struct api *a, const char *what, long long id,
    long long parent_id, const char *body, struct api_comment **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	b = api_body_ok(b, b != NULL && api_add_str(b, "body", body ? body : "") == 0 &&
	    (parent_id <= 0 ||
	    cJSON_AddNumberToObject(b, "parent_id", (double)parent_id) != NULL));
	return api_send(a, "POST", api_path(path, sizeof(path), what, id,
	    "/comments"), b, sizeof(struct api_comment), api_parse_comment_v, (void **)out);
}

int
api_idea_comment(struct api *a, long long idea_id, long long parent_id,
    const char *body, struct api_comment **out)
{
	return api_comment_post(a, "/ideas/", idea_id, parent_id, body, out);
}

int
api_project_comment(struct api *a, long long project_id, long long parent_id,
    const char *body, struct api_comment **out)
{
	return api_comment_post(a, "/projects/", project_id, parent_id, body, out);
}

static int
api_report(struct api *a, const char *what, long long id, const char *reason)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	b = api_body_ok(b, b != NULL &&
	    api_add_str(b, "reason", reason ? reason : "") == 0);
	return api_send(a, "POST", api_path(path, sizeof(path), what, id,
	    "/report"), b, 0, NULL, NULL);
}

int
api_idea_report(struct api *a, long long idea_id, const char *reason)
{
	return api_report(a, "/ideas/", idea_id, reason);
}

int
api_comment_report(struct api *a, long long comment_id, const char *reason)
{
	return api_report(a, "/comments/", comment_id, reason);
}

int
api_ballot_put(struct api *a, long long poll_id, const long long *choices,
    size_t n, struct api_ballot **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	b = api_body_ok(b, b != NULL && (n == 0 || choices != NULL) &&
	    api_add_ids(b, "choices", choices, n) == 0);
	return api_send(a, "PUT", api_path(path, sizeof(path), "/polls/", poll_id,
	    "/ballot"), b, sizeof(struct api_ballot), api_parse_ballot_v, (void **)out);
}

int
api_ballot_delete(struct api *a, long long poll_id)
{
	char path[64];

	return api_call(a, "DELETE", api_path(path, sizeof(path), "/polls/",
	    poll_id, "/ballot"), NULL, NULL, 0, NULL, NULL);
}

int
api_survey_respond(struct api *a, long long survey_id,
    const struct api_answer *answers, size_t n)
{
	char path[64];
	cJSON *b, *arr;
	size_t i;
	int r;

	b = cJSON_CreateObject();
	arr = cJSON_AddArrayToObject(b, "answers");
	if (b == NULL || arr == NULL || (n > 0 && answers == NULL))
		goto bad;
	for (i = 0; i < n; i++) {
		const struct api_answer *an = &answers[i];
		cJSON *o = cJSON_CreateObject();

		if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			goto bad;
		}
		if (cJSON_AddNumberToObject(o, "question_id",
		    (double)an->question_id) == NULL)
			goto bad;
		if (an->choices != NULL &&
		    api_add_ids(o, "choices", an->choices, an->n_choices) < 0)
			goto bad;
		if (api_add_str(o, "text", an->text) < 0)
			goto bad;
		if (an->has_value &&
		    cJSON_AddNumberToObject(o, "value", an->value) == NULL)
			goto bad;
	}
	snprintf(path, sizeof(path), "/surveys/%lld/response", survey_id);
	r = api_call(a, "PUT", path, NULL, b, 0, NULL, NULL);
	cJSON_Delete(b);
	return r;
bad:
	cJSON_Delete(b);
	return api_bad_arg(a);
}

int
api_survey_respond_json(struct api *a, long long survey_id, const char *json)
{
	cJSON *in, *arr, *b = NULL;
	char path[64];
	int r;

	in = json != NULL ? cJSON_Parse(json) : NULL;
	arr = cJSON_IsArray(in) ? in :
	    cJSON_GetObjectItemCaseSensitive(in, "answers");
	if (!cJSON_IsArray(arr)) {
		cJSON_Delete(in);
		api_fail(a, API_ERR_VALIDATION,
		    _("The answers are not JSON of the form [{\"question_id\": 1, ...}]."));
		api_fail_field(a, "answers");
		return -1;
	}
	if (arr == in) {
		b = cJSON_CreateObject();
		if (b == NULL || !cJSON_AddItemToObject(b, "answers", in)) {
			cJSON_Delete(b);
			cJSON_Delete(in);
			return api_bad_arg(a);
		}
	} else {
		b = in;
	}
	snprintf(path, sizeof(path), "/surveys/%lld/response", survey_id);
	r = api_call(a, "PUT", path, NULL, b, 0, NULL, NULL);
	cJSON_Delete(b);
	return r;
}

int
api_me(struct api *a, struct api_user **out)
{
	return api_call(a, "GET", "/me", NULL, NULL, sizeof(**out),
	    api_parse_user_v, (void **)out);
}

int
api_me_export(struct api *a, char **json)
{
	*json = NULL;
	if (api_call(a, "GET", "/me/export", NULL, NULL, 0, NULL, NULL) < 0)
		return -1;
	if (api_json(a) == NULL) {
		api_fail_contract(a);
		return -1;
	}
	*json = strdup(api_json(a));
	if (*json == NULL) {
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	return 0;
}

/* --------------------------------------------------- own activity */

/* A lookup for api_me_activity() may fail on its own (a hidden idea is a
 * 404): its title stays NULL. Returns -1 when memory ran out (the call
 * fails), 1 when the server is out of reach (the remaining lookups are
 * skipped, each would wait for its own timeout), else 0. */
static int
api_lookup_failed(const struct api *a)
{
	enum api_err_kind k = api_error(a)->kind;

	if (k == API_ERR_LOCAL)
		return -1;
	return k == API_ERR_NETWORK ? 1 : 0;
}

static int
api_dup(const char *s, char **out)
{
	*out = NULL;
	if (s == NULL)
		return 0;
	*out = strdup(s);
	return *out == NULL ? -1 : 0;
}

/* Projects have few enough pages to read them all for their titles. */
#define API_ACT_PROJECT_PAGES	10

static int
api_act_projects(struct api *a, struct api_activity *act)
{
	struct api_project_list *l = NULL;
	char *after = NULL;
	size_t i, k, pg;
	int r = 0;

	if (act->n_ideas == 0 && act->n_comments == 0)
		return 0;
	for (pg = 0; pg < API_ACT_PROJECT_PAGES; pg++) {
		if (api_projects(a, "all", NULL, after, 100, &l) < 0) {
			r = api_lookup_failed(a);
			break;
		}
		for (k = 0; k < l->n && r == 0; k++) {
			const struct api_project *p = &l->items[k];

			for (i = 0; i < act->n_ideas && r == 0; i++)
				if (act->ideas[i].project_id == p->id &&
				    act->ideas[i].project_title == NULL)
					r = api_dup(p->title, &act->ideas[i].project_title);
			for (i = 0; i < act->n_comments && r == 0; i++)
				if (act->comments[i].project_id == p->id &&
				    act->comments[i].project_title == NULL)
					r = api_dup(p->title, &act->comments[i].project_title);
		}
		free(after);
		after = NULL;
		if (r == 0 && l->next != NULL && (after = strdup(l->next)) == NULL)
			r = -1;
		api_project_list_free(l);
		l = NULL;
		if (r != 0 || after == NULL)
			break;
	}
	free(after);
	return r;
}

/* The title of the idea comment c is about: from the own ideas, from an
 * earlier comment on the same idea, else GET /ideas/{id}. */
static int
api_act_idea_title(struct api *a, struct api_activity *act, size_t ci)
{
	struct api_my_comment *c = &act->comments[ci];
	struct api_idea *idea = NULL;
	size_t i;
	int r;

	for (i = 0; i < act->n_ideas; i++)
		if (act->ideas[i].id == c->idea_id)
			return api_dup(act->ideas[i].title, &c->idea_title);
	for (i = 0; i < ci; i++)
		if (act->comments[i].idea_id == c->idea_id)
			return api_dup(act->comments[i].idea_title, &c->idea_title);
	if (api_idea_get(a, c->idea_id, &idea) < 0)
		return api_lookup_failed(a);
	r = api_dup(idea->title, &c->idea_title);
	api_idea_free(idea);
	return r;
}

static int
api_act_poll(struct api *a, struct api_my_ballot *b)
{
	struct api_poll *p = NULL;
	size_t i, k;
	int r;

	if (api_poll_get(a, b->poll_id, &p) < 0)
		return api_lookup_failed(a);
	b->poll_kind = p->kind;
	b->poll_status = p->status;
	r = api_dup(p->title, &b->poll_title) < 0 ||
	    api_dup(p->opens_at, &b->opens_at) < 0 ||
	    api_dup(p->closes_at, &b->closes_at) < 0 ? -1 : 0;
	if (r == 0 && b->n_choices > 0 &&
	    (b->choice_titles = calloc(b->n_choices, sizeof(char *))) == NULL)
		r = -1;
	for (i = 0; r == 0 && i < b->n_choices; i++)
		for (k = 0; k < p->n_options; k++)
			if (p->options[k].id == b->choices[i]) {
				r = api_dup(p->options[k].title, &b->choice_titles[i]);
				break;
			}
	api_poll_free(p);
	return r;
}

int
api_me_activity(struct api *a, struct api_activity **out)
{
	struct api_activity *act = NULL;
	size_t i;
	int r;

	*out = NULL;
	if (api_call(a, "GET", "/me/export", NULL, NULL, sizeof(*act),
	    api_parse_activity_v, (void **)&act) < 0)
		return -1;
	r = api_act_projects(a, act);
	for (i = 0; r == 0 && i < act->n_comments; i++)
		if (act->comments[i].idea_id != 0)
			r = api_act_idea_title(a, act, i);
	for (i = 0; r == 0 && i < act->n_ballots; i++)
		r = api_act_poll(a, &act->ballots[i]);
	if (r < 0) {
		api_activity_free(act);
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	/* A title that could not be looked up is no failure of the call. */
	api_ok(a);
	*out = act;
	return 0;
}

int
api_me_delete(struct api *a, const char *password)
{
	cJSON *b = cJSON_CreateObject();
	int r;

	if (b == NULL || api_add_str(b, "password", password ? password : "") < 0) {
		api_body_free(b, "password");
		return api_bad_arg(a);
	}
	r = api_call(a, "DELETE", "/me", NULL, b, 0, NULL, NULL);
	api_body_free(b, "password");
	if (r == 0)
		api_set_token(a, NULL);
	return r;
}

/* ---------------------------------------------------------- accounts */

int
api_register(struct api *a, const char *username, const char *email,
    const char *password, const char *display_name, struct api_user **out)
{
	cJSON *b = cJSON_CreateObject();
	int r;

	if (out != NULL)
		*out = NULL;
	if (b == NULL || api_add_str(b, "username", username ? username : "") < 0 ||
	    api_add_str(b, "email", email ? email : "") < 0 ||
	    api_add_str(b, "password", password ? password : "") < 0 ||
	    api_add_str(b, "display_name", display_name) < 0 ||
	    /* The confirmation mail comes in the language in use. */
	    api_add_str(b, "locale", i18n_lang()) < 0) {
		api_body_free(b, "password");
		return api_bad_arg(a);
	}
	r = api_call(a, "POST", "/auth/register", NULL, b, sizeof(**out),
	    api_parse_user_v, (void **)out);
	api_body_free(b, "password");
	return r;
}

int
api_confirm(struct api *a, const char *token, struct api_user **out)
{
	cJSON *b = cJSON_CreateObject();
	int r;

	if (out != NULL)
		*out = NULL;
	if (b == NULL || api_add_str(b, "token", token ? token : "") < 0) {
		api_body_free(b, "token");
		return api_bad_arg(a);
	}
	r = api_call(a, "POST", "/auth/confirm", NULL, b, sizeof(**out),
	    api_parse_user_v, (void **)out);
	api_body_free(b, "token");
	return r;
}

int
api_confirm_code(struct api *a, const char *login, const char *code,
    struct api_user **out)
{
	cJSON *b = cJSON_CreateObject();
	int r;

	if (out != NULL)
		*out = NULL;
	if (b == NULL || api_add_str(b, "login", login ? login : "") < 0 ||
	    api_add_str(b, "code", code ? code : "") < 0) {
		api_body_free(b, "code");
		return api_bad_arg(a);
	}
	r = api_call(a, "POST", "/auth/confirm", NULL, b, sizeof(**out),
	    api_parse_user_v, (void **)out);
	api_body_free(b, "code");
	return r;
}

int
api_login(struct api *a, const char *login, const char *password,
    struct api_login **out)
{
	struct api_login *l = NULL;
	cJSON *b = cJSON_CreateObject();
	int r;

	if (out != NULL)
		*out = NULL;
	if (b == NULL || api_add_str(b, "login", login ? login : "") < 0 ||
	    api_add_str(b, "password", password ? password : "") < 0) {
		api_body_free(b, "password");
		return api_bad_arg(a);
	}
	/* An old token must not ride along: the server would judge the
	 * request by it (401 for a dead one) instead of by the password. */
	api_set_token(a, NULL);
	r = api_call(a, "POST", "/auth/login", NULL, b, sizeof(*l),
	    api_parse_login_v, (void **)&l);
	api_body_free(b, "password");
	if (r < 0)
		return -1;
	if (api_set_token(a, l->token) < 0) {
		api_login_free(l);
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	if (out != NULL)
		*out = l;
	else
		api_login_free(l);
	return 0;
}

int
api_logout(struct api *a)
{
	int r = 0;

	if (api_token(a) != NULL)
		r = api_call(a, "POST", "/auth/logout", NULL, NULL, 0, NULL, NULL);
	api_set_token(a, NULL);
	return r;
}

/* -------------------------------------------------------- moderators */

int
api_moderation_queue(struct api *a, const char *type, const char *after,
    int limit, struct api_queue_list **out)
{
	char q[1024] = "";

	*out = NULL;
	if (api_q_add(q, sizeof(q), "type", type) < 0 ||
	    api_q_page(q, sizeof(q), after, limit) < 0)
		return api_bad_arg(a);
	return api_call_list(a, "/moderation/queue", q, limit, sizeof(**out),
	    api_parse_queue_list_v, (void **)out);
}

static int
api_moderate(struct api *a, const char *what, long long id, const char *action,
    const char *reason)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	b = api_body_ok(b, b != NULL && action != NULL &&
	    api_add_str(b, "action", action) == 0 &&
	    api_add_str(b, "reason", reason) == 0);
	return api_send(a, "POST", api_path(path, sizeof(path), what, id, ""), b,
	    0, NULL, NULL);
}

int
api_moderate_idea(struct api *a, long long idea_id, const char *action,
    const char *reason)
{
	return api_moderate(a, "/moderation/ideas/", idea_id, action, reason);
}

int
api_moderate_comment(struct api *a, long long comment_id, const char *action,
    const char *reason)
{
	return api_moderate(a, "/moderation/comments/", comment_id, action, reason);
}

/* ------------------------------------------------------------- staff */

static cJSON *
api_project_body(const struct api_project_in *in)
{
	cJSON *b = cJSON_CreateObject();

	if (b == NULL)
		return NULL;
	if (api_add_str(b, "slug", in->slug) < 0 ||
	    api_add_str(b, "category", in->category) < 0 ||
	    api_add_text(b, "title", &in->title) < 0 ||
	    api_add_text(b, "summary", &in->summary) < 0 ||
	    api_add_text(b, "description", &in->description) < 0 ||
	    api_add_str(b, "status", in->status) < 0 ||
	    api_add_str(b, "starts_at", in->starts_at) < 0 ||
	    api_add_str(b, "ends_at", in->ends_at) < 0)
		goto fail;
	/* The contract names no input field for formats.ideas.open; the
	 * server documents "ideas_open". */
	if (in->ideas_open >= 0 &&
	    cJSON_AddBoolToObject(b, "ideas_open", in->ideas_open) == NULL)
		goto fail;
	return b;
fail:
	cJSON_Delete(b);
	return NULL;
}

int
api_project_create(struct api *a, const struct api_project_in *in,
    struct api_project **out)
{
	return api_send(a, "POST", "/projects", in ? api_project_body(in) : NULL,
	    sizeof(**out), api_parse_project_v, (void **)out);
}

int
api_project_update(struct api *a, long long id, const struct api_project_in *in,
    struct api_project **out)
{
	char path[64];

	return api_send(a, "PATCH", api_path(path, sizeof(path), "/projects/", id,
	    ""), in ? api_project_body(in) : NULL, sizeof(**out),
	    api_parse_project_v, (void **)out);
}

static cJSON *
api_poll_body(const struct api_poll_in *in)
{
	cJSON *b = cJSON_CreateObject(), *arr;
	size_t i;

	if (b == NULL)
		return NULL;
	if (api_add_text(b, "title", &in->title) < 0 ||
	    api_add_text(b, "question", &in->question) < 0 ||
	    api_add_str(b, "kind", in->kind) < 0 ||
	    (in->max_choices > 0 &&
	    cJSON_AddNumberToObject(b, "max_choices", in->max_choices) == NULL) ||
	    api_add_str(b, "status", in->status) < 0 ||
	    api_add_str(b, "opens_at", in->opens_at) < 0 ||
	    api_add_str(b, "closes_at", in->closes_at) < 0 ||
	    (in->results_visible >= 0 && cJSON_AddBoolToObject(b,
	    "results_visible", in->results_visible) == NULL))
		goto fail;
	if (in->options == NULL)
		return b;
	if ((arr = cJSON_AddArrayToObject(b, "options")) == NULL)
		goto fail;
	for (i = 0; i < in->n_options; i++) {
		const struct api_option_in *o = &in->options[i];
		cJSON *oj = cJSON_CreateObject(), *loc;

		if (oj == NULL || !cJSON_AddItemToArray(arr, oj)) {
			cJSON_Delete(oj);
			goto fail;
		}
		if (api_add_text(oj, "title", &o->title) < 0 ||
		    api_add_text(oj, "description", &o->description) < 0)
			goto fail;
		if (o->address != NULL) {
			loc = cJSON_AddObjectToObject(oj, "location");
			if (loc == NULL || api_add_str(loc, "address", o->address) < 0 ||
			    cJSON_AddNumberToObject(loc, "lat", o->lat) == NULL ||
			    cJSON_AddNumberToObject(loc, "lon", o->lon) == NULL)
				goto fail;
		}
	}
	return b;
fail:
	cJSON_Delete(b);
	return NULL;
}

int
api_poll_create(struct api *a, long long project_id, const struct api_poll_in *in,
    struct api_poll **out)
{
	char path[64];

	return api_send(a, "POST", api_path(path, sizeof(path), "/projects/",
	    project_id, "/polls"), in ? api_poll_body(in) : NULL, sizeof(**out),
	    api_parse_poll_v, (void **)out);
}

int
api_poll_update(struct api *a, long long id, const struct api_poll_in *in,
    struct api_poll **out)
{
	char path[64];

	return api_send(a, "PATCH", api_path(path, sizeof(path), "/polls/", id, ""),
	    in ? api_poll_body(in) : NULL, sizeof(**out), api_parse_poll_v,
	    (void **)out);
}

static int
api_question_body(cJSON *arr, const struct api_question_in *q)
{
	cJSON *o = cJSON_CreateObject(), *opts, *sc;
	size_t i;

	if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return -1;
	}
	if (api_add_str(o, "kind", q->kind) < 0 ||
	    api_add_text(o, "text", &q->text) < 0 ||
	    cJSON_AddBoolToObject(o, "required", q->required) == NULL ||
	    (q->max_choices > 0 &&
	    cJSON_AddNumberToObject(o, "max_choices", q->max_choices) == NULL) ||
	    (q->max_length > 0 &&
	    cJSON_AddNumberToObject(o, "max_length", q->max_length) == NULL))
		return -1;
	if (q->options != NULL) {
		if ((opts = cJSON_AddArrayToObject(o, "options")) == NULL)
			return -1;
		for (i = 0; i < q->n_options; i++) {
			cJSON *oj = cJSON_CreateObject();

			if (oj == NULL || !cJSON_AddItemToArray(opts, oj)) {
				cJSON_Delete(oj);
				return -1;
			}
			if (api_add_text(oj, "title", &q->options[i]) < 0)
				return -1;
		}
	}
	if (q->has_scale) {
		sc = cJSON_AddObjectToObject(o, "scale");
		if (sc == NULL ||
		    cJSON_AddNumberToObject(sc, "min", q->scale_min) == NULL ||
		    cJSON_AddNumberToObject(sc, "max", q->scale_max) == NULL ||
		    api_add_text(sc, "min_label", &q->min_label) < 0 ||
		    api_add_text(sc, "max_label", &q->max_label) < 0)
			return -1;
	}
	return 0;
}

int
api_survey_create(struct api *a, long long project_id,
    const struct api_survey_in *in, struct api_survey **out)
{
	cJSON *b = NULL, *arr;
	char path[64];
	size_t i;
	int r;

	if (out != NULL)
		*out = NULL;
	if (in == NULL || (b = cJSON_CreateObject()) == NULL)
		goto bad;
	if (api_add_text(b, "title", &in->title) < 0 ||
	    api_add_text(b, "intro", &in->intro) < 0 ||
	    api_add_str(b, "status", in->status) < 0 ||
	    api_add_str(b, "opens_at", in->opens_at) < 0 ||
	    api_add_str(b, "closes_at", in->closes_at) < 0 ||
	    (arr = cJSON_AddArrayToObject(b, "questions")) == NULL)
		goto bad;
	for (i = 0; i < in->n_questions; i++)
		if (api_question_body(arr, &in->questions[i]) < 0)
			goto bad;
	snprintf(path, sizeof(path), "/projects/%lld/surveys", project_id);
	r = api_call(a, "POST", path, NULL, b, sizeof(**out),
	    api_parse_survey_v, (void **)out);
	cJSON_Delete(b);
	return r;
bad:
	cJSON_Delete(b);
	return api_bad_arg(a);
}

/* The numbers of a paper sheet into body b: ballots, invalid and the
 * counts per option or, for ranking polls, the rankings. */
static int
api_paper_body(cJSON *b, const struct api_paper_in *in)
{
	cJSON *c, *x, *o;
	char key[32];
	size_t i, k;

	if ((in->n_lines > 0 && in->lines == NULL) ||
	    (in->source != NULL && api_add_str(b, "source", in->source) < 0) ||
	    cJSON_AddNumberToObject(b, "ballots", (double)in->ballots) == NULL ||
	    cJSON_AddNumberToObject(b, "invalid", (double)in->invalid) == NULL)
		return -1;
	if (!in->ranking) {
		if ((c = cJSON_AddObjectToObject(b, "counts")) == NULL)
			return -1;
		for (i = 0; i < in->n_lines; i++) {
			if (in->lines[i].n_choices != 1)
				return -1;
			snprintf(key, sizeof(key), "%lld", in->lines[i].choices[0]);
			if (cJSON_AddNumberToObject(c, key,
			    (double)in->lines[i].count) == NULL)
				return -1;
		}
		return 0;
	}
	if ((c = cJSON_AddArrayToObject(b, "rankings")) == NULL)
		return -1;
	for (i = 0; i < in->n_lines; i++) {
		if ((x = cJSON_CreateObject()) == NULL)
			return -1;
		cJSON_AddItemToArray(c, x);
		if ((o = cJSON_AddArrayToObject(x, "order")) == NULL ||
		    cJSON_AddNumberToObject(x, "count",
		    (double)in->lines[i].count) == NULL)
			return -1;
		for (k = 0; k < in->lines[i].n_choices; k++)
			cJSON_AddItemToArray(o, cJSON_CreateNumber(
			    (double)in->lines[i].choices[k]));
	}
	return 0;
}

int
api_tally_add(struct api *a, long long poll_id, const struct api_paper_in *in,
    struct api_tally_sheet **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	return api_send(a, "POST", api_path(path, sizeof(path), "/polls/",
	    poll_id, "/analog"), api_body_ok(b, b != NULL && in != NULL &&
	    in->source != NULL && api_paper_body(b, in) == 0 &&
	    cJSON_AddNumberToObject(b, "keys", in->keys == 2 ? 2 : 1) != NULL),
	    sizeof(**out), api_parse_tally_v, (void **)out);
}

int
api_tally_key(struct api *a, long long tally_id, const struct api_paper_in *in,
    struct api_tally_sheet **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	return api_send(a, "POST", api_path(path, sizeof(path), "/analog/",
	    tally_id, "/entries"), api_body_ok(b, b != NULL && in != NULL &&
	    api_paper_body(b, in) == 0), sizeof(**out), api_parse_tally_v,
	    (void **)out);
}

int
api_tally_correct(struct api *a, long long tally_id, int slot,
    const char *reason, const struct api_paper_in *in,
    struct api_tally_sheet **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	return api_send(a, "PUT", api_path(path, sizeof(path), "/analog/",
	    tally_id, ""), api_body_ok(b, b != NULL && in != NULL &&
	    reason != NULL && api_paper_body(b, in) == 0 &&
	    api_add_str(b, "reason", reason) == 0 &&
	    (slot == 0 || cJSON_AddNumberToObject(b, "slot", slot) != NULL)),
	    sizeof(**out), api_parse_tally_v, (void **)out);
}

int
api_tally_withdraw(struct api *a, long long tally_id, const char *reason,
    struct api_tally_sheet **out)
{
	cJSON *b = cJSON_CreateObject();
	char path[64];

	return api_send(a, "DELETE", api_path(path, sizeof(path), "/analog/",
	    tally_id, ""), api_body_ok(b, b != NULL && reason != NULL &&
	    api_add_str(b, "reason", reason) == 0), sizeof(struct api_tally_sheet),
	    api_parse_tally_v, (void **)out);
}

int
api_tally_list(struct api *a, long long poll_id, struct api_tally_list **out)
{
	char path[64];

	return api_call(a, "GET", api_path(path, sizeof(path), "/polls/",
	    poll_id, "/analog"), NULL, NULL, sizeof(**out),
	    api_parse_tally_list_v, (void **)out);
}

int
api_tally_get(struct api *a, long long tally_id, struct api_tally_sheet **out)
{
	char path[64];

	return api_call(a, "GET", api_path(path, sizeof(path), "/analog/",
	    tally_id, ""), NULL, NULL, sizeof(**out), api_parse_tally_v,
	    (void **)out);
}

static int
api_csv(struct api *a, const char *path, char **csv)
{
	return api_request(a, "GET", path, NULL, NULL, API_WANT_TEXT, NULL, csv);
}

int
api_poll_results_csv(struct api *a, long long poll_id, char **csv)
{
	char path[64];

	snprintf(path, sizeof(path), "/polls/%lld/results.csv", poll_id);
	return api_csv(a, path, csv);
}

int
api_survey_responses_csv(struct api *a, long long survey_id, char **csv)
{
	char path[64];

	snprintf(path, sizeof(path), "/surveys/%lld/responses.csv", survey_id);
	return api_csv(a, path, csv);
}
