/* render.c — JSON and CSV bodies of the API from store objects (cJSON). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "server/api/render.h"
#include "server/api/results.h"

void
render_time(int64_t t, char *out, size_t outsz)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
render_time_parse(const char *s, int64_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0, oh = 0, om = 0, sign = 0;
	const char *p;

	*out = 0;
	if (s == NULL)
		return -1;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	p = s + n;
	if (*p == 'T' || *p == 't') {
		if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &se, &n) != 3 || n != 8)
			return -1;
		p += 1 + n;
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p == '+' ? 1 : -1;
			if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5)
				return -1;
			p += 1 + n;
		} else {
			return -1;
		}
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 60 || oh > 23 || om > 59 || y < 1970)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
	return 0;
}

/* Adds an RFC 3339 time, or null for 0 when nullable. */
static void
render_add_time(cJSON *o, const char *key, int64_t t, int nullable)
{
	char buf[32];

	if (t == 0 && nullable) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	render_time(t, buf, sizeof(buf));
	cJSON_AddStringToObject(o, key, buf);
}

static void
render_add_str(cJSON *o, const char *key, const char *s)
{
	if (s == NULL)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, s);
}

static void
render_add_id(cJSON *o, const char *key, int64_t id)
{
	if (id == 0)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, (double)id);
}

static void
render_add_ids(cJSON *o, const char *key, const int64_t *ids, size_t n)
{
	cJSON *a = cJSON_AddArrayToObject(o, key);
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber((double)ids[i]));
}

static const char *
render_name(const char *s)
{
	return s != NULL ? s : "unknown";
}

/* Prints and frees o. */
static char *
render_done(cJSON *o)
{
	char *s;

	if (o == NULL)
		return NULL;
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

/* The list envelope {items, next, total}; takes items. */
static char *
render_list(cJSON *items, const char *next, int64_t total)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || items == NULL) {
		cJSON_Delete(o);
		cJSON_Delete(items);
		return NULL;
	}
	cJSON_AddItemToObject(o, "items", items);
	render_add_str(o, "next", next);
	cJSON_AddNumberToObject(o, "total", (double)total);
	return render_done(o);
}

char *
render_error(const char *code, const char *message, const char *field)
{
	cJSON *o = cJSON_CreateObject(), *e;

	if (o == NULL)
		return NULL;
	e = cJSON_AddObjectToObject(o, "error");
	cJSON_AddStringToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", message);
	if (field != NULL)
		cJSON_AddStringToObject(e, "field", field);
	return render_done(o);
}

char *
render_health(const char *version)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "status", "ok");
	cJSON_AddStringToObject(o, "version", version);
	return render_done(o);
}

char *
render_pair(const char *key, const char *value)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, key, value);
	return render_done(o);
}

static cJSON *
render_user_obj(const struct store_user *u, int owner)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)u->id);
	render_add_str(o, "username", u->username);
	render_add_str(o, "display_name",
	    u->display_name != NULL ? u->display_name : u->username);
	cJSON_AddStringToObject(o, "role", render_name(store_role_name(u->role)));
	render_add_time(o, "created_at", u->created_at, 0);
	if (owner) {
		render_add_str(o, "email", u->email);
		render_add_str(o, "locale", u->locale != NULL ? u->locale : "de");
		cJSON_AddStringToObject(o, "status",
		    render_name(store_user_status_name(u->status)));
	}
	return o;
}

char *
render_user(const struct store_user *u, int owner)
{
	return render_done(render_user_obj(u, owner));
}

char *
render_registration(const char *username, const char *display_name,
    const char *email, const char *locale, int64_t now)
{
	cJSON *o = cJSON_CreateObject();

	render_add_str(o, "username", username);
	render_add_str(o, "display_name",
	    display_name != NULL ? display_name : username);
	cJSON_AddStringToObject(o, "role", "citizen");
	render_add_time(o, "created_at", now, 0);
	render_add_str(o, "email", email);
	render_add_str(o, "locale", locale != NULL ? locale : "de");
	cJSON_AddStringToObject(o, "status", "pending");
	return render_done(o);
}

char *
render_login(const char *token, int64_t expires_at, const struct store_user *u)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "token", token);
	render_add_time(o, "expires_at", expires_at, 0);
	cJSON_AddItemToObject(o, "user", render_user_obj(u, 1));
	return render_done(o);
}

/* Adds "langs": {field: language} for the n fields whose language is
 * known (a NULL or empty language is left out). */
static void
render_langs(cJSON *o, const char *const *fields, const char *const *langs,
    size_t n)
{
	cJSON *l = cJSON_AddObjectToObject(o, "langs");
	size_t i;

	for (i = 0; l != NULL && i < n; i++)
		if (langs[i] != NULL && langs[i][0] != '\0')
			cJSON_AddStringToObject(l, fields[i], langs[i]);
}

static cJSON *
render_project_obj(const struct store_project *p)
{
	static const char *const fields[] = { "title", "summary",
		"description" };
	const char *langs[3] = { p->lang, p->summary_lang,
		p->description != NULL ? p->description_lang : NULL };
	cJSON *o = cJSON_CreateObject(), *c;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)p->id);
	render_add_str(o, "slug", p->slug);
	render_add_str(o, "category", p->category);
	render_add_str(o, "title", p->title);
	render_add_str(o, "summary", p->summary);
	cJSON_AddStringToObject(o, "status", render_name(store_phase_name(p->status)));
	render_add_time(o, "starts_at", p->starts_at, 1);
	render_add_time(o, "ends_at", p->ends_at, 1);
	cJSON_AddStringToObject(o, "lang", p->lang);
	render_langs(o, fields, langs, 3);
	c = cJSON_AddObjectToObject(o, "counts");
	cJSON_AddNumberToObject(c, "ideas", (double)p->n_ideas);
	cJSON_AddNumberToObject(c, "comments", (double)p->n_comments);
	cJSON_AddNumberToObject(c, "participants", (double)p->n_participants);
	return o;
}

static cJSON *
render_formats_arr(const struct store_format *f, size_t n, int polls)
{
	cJSON *a = cJSON_CreateArray(), *o;
	size_t i;

	for (i = 0; a != NULL && i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)f[i].id);
		render_add_str(o, "title", f[i].title);
		if (polls)
			cJSON_AddStringToObject(o, "kind",
			    render_name(store_poll_kind_name(f[i].kind)));
		cJSON_AddStringToObject(o, "status",
		    render_name(store_phase_name(f[i].status)));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

char *
render_project(const struct store_project *p, const struct store_formats *f)
{
	cJSON *o = render_project_obj(p), *fm, *ideas;

	if (o == NULL)
		return NULL;
	render_add_str(o, "description", p->description != NULL ?
	    p->description : "");
	fm = cJSON_AddObjectToObject(o, "formats");
	ideas = cJSON_AddObjectToObject(fm, "ideas");
	cJSON_AddBoolToObject(ideas, "open",
	    p->ideas_open && p->status == STORE_PHASE_OPEN);
	cJSON_AddItemToObject(fm, "polls", render_formats_arr(
	    f != NULL ? f->polls : NULL, f != NULL ? f->n_polls : 0, 1));
	cJSON_AddItemToObject(fm, "surveys", render_formats_arr(
	    f != NULL ? f->surveys : NULL, f != NULL ? f->n_surveys : 0, 0));
	return render_done(o);
}

char *
render_project_list(const struct store_project_list *l)
{
	cJSON *items = cJSON_CreateArray();
	size_t i;

	for (i = 0; items != NULL && i < l->n; i++)
		cJSON_AddItemToArray(items, render_project_obj(&l->items[i]));
	return render_list(items, l->next, l->total);
}

static int
render_is_mod(const struct render_viewer *v)
{
	return v != NULL && v->role >= STORE_ROLE_MODERATOR;
}

static cJSON *
render_idea_obj(const struct store_idea *i, const struct render_viewer *v,
    int with_body)
{
	cJSON *o = cJSON_CreateObject();
	int mine = v != NULL && v->user_id != 0 && v->user_id == i->author_id;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)i->id);
	cJSON_AddNumberToObject(o, "project_id", (double)i->project_id);
	render_add_str(o, "title", i->title);
	render_add_str(o, "author", i->author);
	render_add_time(o, "created_at", i->created_at, 0);
	cJSON_AddStringToObject(o, "status",
	    render_name(store_post_status_name(i->status)));
	cJSON_AddNumberToObject(o, "supports", (double)i->supports);
	cJSON_AddNumberToObject(o, "comments", (double)i->comments);
	if (v != NULL && v->user_id != 0)
		cJSON_AddBoolToObject(o, "supported_by_me", i->supported_by_me);
	if (with_body)
		render_add_str(o, "body", i->body);
	if ((mine || render_is_mod(v)) && i->moderation_reason != NULL)
		cJSON_AddStringToObject(o, "moderation_reason",
		    i->moderation_reason);
	return o;
}

char *
render_idea(const struct store_idea *i, const struct render_viewer *v,
    int with_body)
{
	return render_done(render_idea_obj(i, v, with_body));
}

char *
render_idea_list(const struct store_idea_list *l, const struct render_viewer *v)
{
	cJSON *items = cJSON_CreateArray();
	size_t i;

	for (i = 0; items != NULL && i < l->n; i++)
		cJSON_AddItemToArray(items, render_idea_obj(&l->items[i], v, 0));
	return render_list(items, l->next, l->total);
}

char *
render_support(int supported, int64_t supports)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddBoolToObject(o, "supported", supported);
	cJSON_AddNumberToObject(o, "supports", (double)supports);
	return render_done(o);
}

static cJSON *
render_comment_obj(const struct store_comment *c, const struct render_viewer *v)
{
	cJSON *o = cJSON_CreateObject();
	int mine = v != NULL && v->user_id != 0 && v->user_id == c->author_id;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)c->id);
	render_add_id(o, "idea_id", c->idea_id);
	cJSON_AddNumberToObject(o, "project_id", (double)c->project_id);
	render_add_id(o, "parent_id", c->parent_id);
	render_add_str(o, "author", c->author);
	render_add_str(o, "body", c->body);
	render_add_time(o, "created_at", c->created_at, 0);
	cJSON_AddStringToObject(o, "status",
	    render_name(store_post_status_name(c->status)));
	if ((mine || render_is_mod(v)) && c->moderation_reason != NULL)
		cJSON_AddStringToObject(o, "moderation_reason",
		    c->moderation_reason);
	return o;
}

char *
render_comment(const struct store_comment *c, const struct render_viewer *v)
{
	return render_done(render_comment_obj(c, v));
}

char *
render_comment_list(const struct store_comment_list *l,
    const struct render_viewer *v)
{
	cJSON *items = cJSON_CreateArray();
	size_t i;

	for (i = 0; items != NULL && i < l->n; i++)
		cJSON_AddItemToArray(items, render_comment_obj(&l->items[i], v));
	return render_list(items, l->next, l->total);
}

char *
render_poll(const struct store_poll *p, const struct render_viewer *v)
{
	static const char *const poll_fields[] = { "title", "question" };
	static const char *const option_fields[] = { "title", "description" };
	cJSON *o = cJSON_CreateObject(), *opts, *x, *loc;
	const char *langs[2];
	size_t i;

	(void)v;
	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)p->id);
	cJSON_AddNumberToObject(o, "project_id", (double)p->project_id);
	render_add_str(o, "title", p->title);
	render_add_str(o, "question", p->question);
	cJSON_AddStringToObject(o, "kind", render_name(store_poll_kind_name(p->kind)));
	cJSON_AddNumberToObject(o, "max_choices", p->max_choices);
	cJSON_AddStringToObject(o, "status", render_name(store_phase_name(p->status)));
	render_add_time(o, "opens_at", p->opens_at, 1);
	render_add_time(o, "closes_at", p->closes_at, 1);
	cJSON_AddBoolToObject(o, "results_visible", p->results_visible);
	cJSON_AddStringToObject(o, "lang", p->lang);
	langs[0] = p->lang;
	langs[1] = p->question_lang;
	render_langs(o, poll_fields, langs, 2);
	opts = cJSON_AddArrayToObject(o, "options");
	for (i = 0; i < p->n_options; i++) {
		const struct store_option *op = &p->options[i];

		x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "id", (double)op->id);
		render_add_str(x, "title", op->title);
		render_add_str(x, "description", op->description);
		langs[0] = op->lang;
		langs[1] = op->description != NULL ? op->description_lang : NULL;
		render_langs(x, option_fields, langs, 2);
		if (op->has_location) {
			loc = cJSON_AddObjectToObject(x, "location");
			render_add_str(loc, "address", op->address);
			cJSON_AddNumberToObject(loc, "lat", op->lat);
			cJSON_AddNumberToObject(loc, "lon", op->lon);
		} else {
			cJSON_AddNullToObject(x, "location");
		}
		cJSON_AddItemToArray(opts, x);
	}
	if (p->has_my_ballot)
		render_add_ids(o, "my_ballot", p->my_ballot, p->n_my_ballot);
	else
		cJSON_AddNullToObject(o, "my_ballot");
	return render_done(o);
}

char *
render_results(const struct results *r)
{
	cJSON *o = cJSON_CreateObject(), *b, *opts, *x;
	size_t i;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "poll_id", (double)r->poll_id);
	cJSON_AddStringToObject(o, "kind", render_name(store_poll_kind_name(r->kind)));
	cJSON_AddBoolToObject(o, "final", r->final);
	b = cJSON_AddObjectToObject(o, "ballots");
	cJSON_AddNumberToObject(b, "online", (double)r->ballots_online);
	cJSON_AddNumberToObject(b, "analog", (double)r->ballots_analog);
	cJSON_AddNumberToObject(b, "total", (double)r->ballots_total);
	cJSON_AddNumberToObject(b, "analog_invalid", (double)r->analog_invalid);
	b = cJSON_AddObjectToObject(o, "tallies");
	cJSON_AddNumberToObject(b, "counted", (double)r->tallies_counted);
	cJSON_AddNumberToObject(b, "pending", (double)r->tallies_pending);
	opts = cJSON_AddArrayToObject(o, "options");
	for (i = 0; i < r->n_options; i++) {
		const struct results_option *op = &r->options[i];

		x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "id", (double)op->id);
		render_add_str(x, "title", op->title);
		cJSON_AddNumberToObject(x, "online", (double)op->online);
		cJSON_AddNumberToObject(x, "analog", (double)op->analog);
		cJSON_AddNumberToObject(x, "total", (double)op->total);
		cJSON_AddNumberToObject(x, "share", op->share);
		if (r->kind == STORE_POLL_RANKING)
			cJSON_AddNumberToObject(x, "points", (double)op->points);
		cJSON_AddNumberToObject(x, "rank", op->rank);
		cJSON_AddItemToArray(opts, x);
	}
	return render_done(o);
}

char *
render_ballot(int64_t poll_id, const int64_t *choices, size_t n,
    int64_t updated_at)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "poll_id", (double)poll_id);
	render_add_ids(o, "choices", choices, n);
	render_add_time(o, "updated_at", updated_at, 0);
	return render_done(o);
}

static const char *const render_tally_states[] = { NULL, "counted",
	"waiting", "mismatch", "withdrawn" };

/* One keying: its numbers, per option the count (for ranking polls the
 * points it gives, counted as online ballots are) and for ranking polls
 * the orders. */
static cJSON *
render_tally_entry(const struct store_tally_entry *e, int kind, int m)
{
	cJSON *o = cJSON_CreateObject(), *c, *rk, *x;
	char key[24];
	size_t i, j;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "slot", e->slot);
	render_add_str(o, "keyed_by", e->keyer);
	cJSON_AddNumberToObject(o, "keyed_by_id", (double)e->keyer_id);
	render_add_time(o, "keyed_at", e->keyed_at, 0);
	if (e->ballots >= 0)
		cJSON_AddNumberToObject(o, "ballots", (double)e->ballots);
	else
		cJSON_AddNullToObject(o, "ballots");
	cJSON_AddNumberToObject(o, "invalid", (double)e->invalid);
	c = cJSON_AddObjectToObject(o, "counts");
	for (i = 0; c != NULL && i < e->n_lines; i++)
		for (j = 0; j < e->lines[i].n_choices; j++) {
			const struct store_tally_line *l = &e->lines[i];
			int64_t add = l->count;
			cJSON *have;

			if (kind == STORE_POLL_RANKING && !e->points)
				add = (int)j < m ? l->count * (m - (int64_t)j) : 0;
			snprintf(key, sizeof(key), "%lld", (long long)l->choices[j]);
			if ((have = cJSON_GetObjectItemCaseSensitive(c, key)) != NULL)
				cJSON_SetNumberValue(have, have->valuedouble + (double)add);
			else
				cJSON_AddNumberToObject(c, key, (double)add);
		}
	if (kind == STORE_POLL_RANKING && !e->points) {
		rk = cJSON_AddArrayToObject(o, "rankings");
		for (i = 0; rk != NULL && i < e->n_lines; i++) {
			x = cJSON_CreateObject();
			render_add_ids(x, "order", e->lines[i].choices,
			    e->lines[i].n_choices);
			cJSON_AddNumberToObject(x, "count", (double)e->lines[i].count);
			cJSON_AddItemToArray(rk, x);
		}
	}
	return o;
}

static cJSON *
render_tally_obj(const struct store_tally *t, int kind, int m)
{
	cJSON *o = cJSON_CreateObject(), *es;
	size_t i;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)t->id);
	cJSON_AddNumberToObject(o, "poll_id", (double)t->poll_id);
	render_add_str(o, "source", t->source);
	cJSON_AddNumberToObject(o, "keys", t->keys);
	cJSON_AddStringToObject(o, "state", render_name(
	    (unsigned)t->state < 5 ? render_tally_states[t->state] : NULL));
	render_add_time(o, "created_at", t->created_at, 0);
	render_add_time(o, "withdrawn_at", t->withdrawn_at, 1);
	es = cJSON_AddArrayToObject(o, "entries");
	for (i = 0; es != NULL && i < t->n_entries; i++)
		cJSON_AddItemToArray(es, render_tally_entry(&t->entry[i], kind, m));
	return o;
}

char *
render_tally(const struct store_tally *t, int kind, int max_choices)
{
	return render_done(render_tally_obj(t, kind, max_choices));
}

char *
render_tally_list(const struct store_tally_list *l, int kind, int max_choices)
{
	cJSON *o = cJSON_CreateObject(), *items;
	size_t i;

	if (o == NULL)
		return NULL;
	items = cJSON_AddArrayToObject(o, "items");
	for (i = 0; items != NULL && i < l->n; i++)
		cJSON_AddItemToArray(items, render_tally_obj(&l->items[i], kind,
		    max_choices));
	cJSON_AddNumberToObject(o, "total", (double)l->n);
	return render_done(o);
}

char *
render_survey(const struct store_survey *s, const struct render_viewer *v)
{
	cJSON *o = cJSON_CreateObject(), *qs, *q, *opts, *x, *sc;
	size_t i, j;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)s->id);
	cJSON_AddNumberToObject(o, "project_id", (double)s->project_id);
	render_add_str(o, "title", s->title);
	render_add_str(o, "intro", s->intro);
	cJSON_AddStringToObject(o, "status", render_name(store_phase_name(s->status)));
	render_add_time(o, "opens_at", s->opens_at, 1);
	render_add_time(o, "closes_at", s->closes_at, 1);
	cJSON_AddStringToObject(o, "lang", s->lang);
	cJSON_AddBoolToObject(o, "answered_by_me",
	    v != NULL && v->user_id != 0 && s->answered_by_me);
	qs = cJSON_AddArrayToObject(o, "questions");
	for (i = 0; i < s->n_questions; i++) {
		const struct store_question *qq = &s->questions[i];

		q = cJSON_CreateObject();
		cJSON_AddNumberToObject(q, "id", (double)qq->id);
		cJSON_AddStringToObject(q, "kind",
		    render_name(store_question_kind_name(qq->kind)));
		render_add_str(q, "text", qq->text);
		cJSON_AddBoolToObject(q, "required", qq->required);
		if (qq->kind == STORE_Q_SINGLE || qq->kind == STORE_Q_MULTIPLE) {
			opts = cJSON_AddArrayToObject(q, "options");
			for (j = 0; j < qq->n_options; j++) {
				x = cJSON_CreateObject();
				cJSON_AddNumberToObject(x, "id",
				    (double)qq->options[j].id);
				render_add_str(x, "title", qq->options[j].title);
				cJSON_AddItemToArray(opts, x);
			}
			cJSON_AddNumberToObject(q, "max_choices",
			    qq->kind == STORE_Q_SINGLE ? 1 : qq->max_choices);
		} else if (qq->kind == STORE_Q_TEXT) {
			cJSON_AddNumberToObject(q, "max_length", qq->max_length);
		} else if (qq->kind == STORE_Q_SCALE) {
			sc = cJSON_AddObjectToObject(q, "scale");
			cJSON_AddNumberToObject(sc, "min", qq->scale_min);
			cJSON_AddNumberToObject(sc, "max", qq->scale_max);
			render_add_str(sc, "min_label", qq->min_label);
			render_add_str(sc, "max_label", qq->max_label);
		}
		cJSON_AddItemToArray(qs, q);
	}
	return render_done(o);
}

static cJSON *
render_response_obj(const struct store_response *r)
{
	cJSON *o = cJSON_CreateObject(), *as, *a;
	size_t i;

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "survey_id", (double)r->survey_id);
	render_add_time(o, "updated_at", r->updated_at, 0);
	as = cJSON_AddArrayToObject(o, "answers");
	for (i = 0; i < r->n_answers; i++) {
		const struct store_answer *an = &r->answers[i];

		a = cJSON_CreateObject();
		cJSON_AddNumberToObject(a, "question_id", (double)an->question_id);
		if (an->n_choices > 0)
			render_add_ids(a, "choices", an->choices, an->n_choices);
		if (an->text != NULL)
			cJSON_AddStringToObject(a, "text", an->text);
		if (an->has_value)
			cJSON_AddNumberToObject(a, "value", an->value);
		cJSON_AddItemToArray(as, a);
	}
	return o;
}

char *
render_response(const struct store_response *r)
{
	return render_done(render_response_obj(r));
}

char *
render_queue(const struct store_queue *q, int type)
{
	cJSON *items = cJSON_CreateArray(), *o;
	size_t i;

	for (i = 0; items != NULL && i < q->n; i++) {
		const struct store_queue_item *it = &q->items[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", type == STORE_QUEUE_IDEAS ?
		    "idea" : type == STORE_QUEUE_COMMENTS ? "comment" : "report");
		cJSON_AddNumberToObject(o, "id", (double)it->id);
		cJSON_AddStringToObject(o, "target",
		    it->target == STORE_TARGET_IDEA ? "idea" : "comment");
		cJSON_AddNumberToObject(o, "target_id", (double)it->target_id);
		cJSON_AddNumberToObject(o, "project_id", (double)it->project_id);
		render_add_id(o, "idea_id", it->idea_id);
		render_add_str(o, "title", it->title);
		render_add_str(o, "body", it->body);
		render_add_str(o, "author", it->author);
		cJSON_AddStringToObject(o, "status",
		    render_name(store_post_status_name(it->status)));
		render_add_time(o, "created_at", it->created_at, 0);
		render_add_str(o, "project_title", it->project_title);
		render_add_str(o, "idea_title", it->idea_title);
		render_add_id(o, "parent_id", it->parent_id);
		render_add_str(o, "parent_body", it->parent_body);
		render_add_str(o, "parent_author", it->parent_author);
		if (type == STORE_QUEUE_REPORTS) {
			render_add_str(o, "reason", it->reason);
			render_add_str(o, "reporter", it->reporter);
		}
		cJSON_AddItemToArray(items, o);
	}
	return render_list(items, q->next, q->total);
}

char *
render_audit_list(const struct store_audit_list *l)
{
	cJSON *items = cJSON_CreateArray(), *o;
	size_t i;

	for (i = 0; items != NULL && i < l->n; i++) {
		const struct store_audit *a = &l->items[i];

		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)a->id);
		render_add_str(o, "actor", a->actor);
		render_add_str(o, "action", a->action);
		render_add_str(o, "target", a->target);
		cJSON_AddNumberToObject(o, "target_id", (double)a->target_id);
		render_add_str(o, "detail", a->detail);
		render_add_time(o, "created_at", a->created_at, 0);
		cJSON_AddItemToArray(items, o);
	}
	return render_list(items, l->next, l->total);
}

static cJSON *render_sshkey_obj(const struct store_sshkey *k);

char *
render_export(const struct store_export *e)
{
	struct render_viewer v = { 0, 0 };
	cJSON *o = cJSON_CreateObject(), *a, *x;
	size_t i;

	if (o == NULL)
		return NULL;
	if (e->user != NULL) {
		v.user_id = e->user->id;
		v.role = e->user->role;
		cJSON_AddItemToObject(o, "user", render_user_obj(e->user, 1));
	}
	a = cJSON_AddArrayToObject(o, "ideas");
	for (i = 0; i < e->n_ideas; i++)
		cJSON_AddItemToArray(a, render_idea_obj(&e->ideas[i], &v, 1));
	a = cJSON_AddArrayToObject(o, "comments");
	for (i = 0; i < e->n_comments; i++)
		cJSON_AddItemToArray(a, render_comment_obj(&e->comments[i], &v));
	a = cJSON_AddArrayToObject(o, "supports");
	for (i = 0; i < e->n_supports; i++) {
		x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "idea_id", (double)e->supports[i].idea_id);
		render_add_time(x, "created_at", e->supports[i].created_at, 0);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "ballots");
	for (i = 0; i < e->n_ballots; i++) {
		x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "poll_id", (double)e->ballots[i].poll_id);
		render_add_ids(x, "choices", e->ballots[i].choices,
		    e->ballots[i].n_choices);
		render_add_time(x, "updated_at", e->ballots[i].updated_at, 0);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "survey_responses");
	for (i = 0; i < e->n_responses; i++)
		cJSON_AddItemToArray(a, render_response_obj(&e->responses[i]));
	a = cJSON_AddArrayToObject(o, "reports");
	for (i = 0; i < e->n_reports; i++) {
		x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "target",
		    e->reports[i].target == STORE_TARGET_IDEA ? "idea" : "comment");
		cJSON_AddNumberToObject(x, "target_id",
		    (double)e->reports[i].target_id);
		render_add_str(x, "reason", e->reports[i].reason);
		render_add_time(x, "created_at", e->reports[i].created_at, 0);
		cJSON_AddItemToArray(a, x);
	}
	cJSON_AddNumberToObject(o, "sessions", (double)e->n_sessions);
	a = cJSON_AddArrayToObject(o, "ssh_keys");
	for (i = 0; e->sshkeys != NULL && i < e->sshkeys->n; i++)
		cJSON_AddItemToArray(a, render_sshkey_obj(&e->sshkeys->items[i]));
	return render_done(o);
}

static int
render_csv_add(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	char *p;
	size_t c;

	if (*len + n + 1 > *cap) {
		c = *cap ? *cap : 1024;
		while (c < *len + n + 1)
			c *= 2;
		if ((p = realloc(*buf, c)) == NULL)
			return -1;
		*buf = p;
		*cap = c;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

int
render_csv_field(char **buf, size_t *len, size_t *cap, const char *s)
{
	const char *p;
	int formula;

	if (s == NULL)
		s = "";
	/* A spreadsheet runs a cell that starts with = + - @ TAB or CR as a
	 * formula (OWASP "CSV injection"): such a cell is quoted and opens
	 * with an apostrophe, so it is shown as text. */
	formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL)
		return render_csv_add(buf, len, cap, s, strlen(s));
	if (render_csv_add(buf, len, cap, "\"", 1) != 0)
		return -1;
	if (formula && render_csv_add(buf, len, cap, "'", 1) != 0)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' && render_csv_add(buf, len, cap, "\"", 1) != 0)
			return -1;
		if (render_csv_add(buf, len, cap, p, 1) != 0)
			return -1;
	}
	return render_csv_add(buf, len, cap, "\"", 1);
}

/* Appends one CSV row of n fields, then CRLF. */
static int
render_csv_row(char **buf, size_t *len, size_t *cap, const char *const *f,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && render_csv_add(buf, len, cap, ",", 1) != 0)
			return -1;
		if (render_csv_field(buf, len, cap, f[i]) != 0)
			return -1;
	}
	return render_csv_add(buf, len, cap, "\r\n", 2);
}

char *
render_results_csv(const struct results *r)
{
	static const char *const head[] = { "option_id", "title", "online",
	    "analog", "total", "share", "points", "rank" };
	char *buf = NULL, n[8][32];
	const char *f[8];
	size_t len = 0, cap = 0, i;

	if (render_csv_row(&buf, &len, &cap, head, 8) != 0)
		goto fail;
	for (i = 0; i < r->n_options; i++) {
		const struct results_option *o = &r->options[i];

		snprintf(n[0], sizeof(n[0]), "%lld", (long long)o->id);
		snprintf(n[2], sizeof(n[2]), "%lld", (long long)o->online);
		snprintf(n[3], sizeof(n[3]), "%lld", (long long)o->analog);
		snprintf(n[4], sizeof(n[4]), "%lld", (long long)o->total);
		snprintf(n[5], sizeof(n[5]), "%.4f", o->share);
		snprintf(n[6], sizeof(n[6]), "%lld", (long long)o->points);
		snprintf(n[7], sizeof(n[7]), "%d", o->rank);
		f[0] = n[0]; f[1] = o->title; f[2] = n[2]; f[3] = n[3];
		f[4] = n[4]; f[5] = n[5]; f[6] = n[6]; f[7] = n[7];
		if (render_csv_row(&buf, &len, &cap, f, 8) != 0)
			goto fail;
	}
	/* The ballots under the options: online, paper (valid) and total,
	 * then the blank or invalid paper ballots. */
	snprintf(n[2], sizeof(n[2]), "%lld", (long long)r->ballots_online);
	snprintf(n[3], sizeof(n[3]), "%lld", (long long)r->ballots_analog);
	snprintf(n[4], sizeof(n[4]), "%lld", (long long)r->ballots_total);
	f[0] = "ballots"; f[1] = ""; f[2] = n[2]; f[3] = n[3]; f[4] = n[4];
	f[5] = f[6] = f[7] = "";
	if (render_csv_row(&buf, &len, &cap, f, 8) != 0)
		goto fail;
	snprintf(n[3], sizeof(n[3]), "%lld", (long long)r->analog_invalid);
	f[0] = "invalid"; f[2] = "0"; f[4] = n[3];
	if (render_csv_row(&buf, &len, &cap, f, 8) != 0)
		goto fail;
	return buf;
fail:
	free(buf);
	return NULL;
}

/* The text of one answer in a CSV cell: option titles joined by "; ",
 * the free text, or the scale value. Caller frees. */
static char *
render_answer_cell(const struct store_question *q, const struct store_answer *a)
{
	char *buf = NULL, num[32];
	size_t len = 0, cap = 0, i, j;
	const char *t;

	if (a->text != NULL)
		return strdup(a->text);
	if (a->has_value) {
		snprintf(num, sizeof(num), "%d", a->value);
		return strdup(num);
	}
	for (i = 0; i < a->n_choices; i++) {
		snprintf(num, sizeof(num), "%lld", (long long)a->choices[i]);
		t = num;
		for (j = 0; q != NULL && j < q->n_options; j++)
			if (q->options[j].id == a->choices[i] &&
			    q->options[j].title != NULL)
				t = q->options[j].title;
		if ((i > 0 && render_csv_add(&buf, &len, &cap, "; ", 2) != 0) ||
		    render_csv_add(&buf, &len, &cap, t, strlen(t)) != 0) {
			free(buf);
			return NULL;
		}
	}
	return buf != NULL ? buf : strdup("");
}

char *
render_responses_csv(const struct store_survey *s,
    const struct store_response *items, size_t n)
{
	char *buf = NULL, num[32], when[32], **cells = NULL;
	const char **f = NULL;
	size_t len = 0, cap = 0, nq = s->n_questions, i, j, k;

	/* One row per response, one column per question; responses are
	 * numbered 1..n here, so no account id leaves. */
	f = calloc(nq + 2, sizeof(*f));
	cells = calloc(nq + 1, sizeof(*cells));
	if (f == NULL || cells == NULL)
		goto fail;
	f[0] = "response";
	f[1] = "updated_at";
	for (j = 0; j < nq; j++)
		f[j + 2] = s->questions[j].text;
	if (render_csv_row(&buf, &len, &cap, f, nq + 2) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%zu", i + 1);
		render_time(items[i].updated_at, when, sizeof(when));
		f[0] = num;
		f[1] = when;
		for (j = 0; j < nq; j++) {
			f[j + 2] = "";
			for (k = 0; k < items[i].n_answers; k++) {
				if (items[i].answers[k].question_id !=
				    s->questions[j].id)
					continue;
				cells[j] = render_answer_cell(&s->questions[j],
				    &items[i].answers[k]);
				if (cells[j] == NULL)
					goto fail;
				f[j + 2] = cells[j];
				break;
			}
		}
		k = (size_t)render_csv_row(&buf, &len, &cap, f, nq + 2);
		for (j = 0; j < nq; j++) {
			free(cells[j]);
			cells[j] = NULL;
		}
		if (k != 0)
			goto fail;
	}
	free(f);
	free(cells);
	return buf;
fail:
	if (cells != NULL)
		for (j = 0; j < nq; j++)
			free(cells[j]);
	free(cells);
	free(f);
	free(buf);
	return NULL;
}

static cJSON *
render_sshkey_obj(const struct store_sshkey *k)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)k->id);
	render_add_str(o, "fingerprint", k->fingerprint);
	render_add_str(o, "type", k->type);
	render_add_str(o, "label", k->label);
	render_add_time(o, "created_at", k->created_at, 0);
	return o;
}

char *
render_keyproof(const char *proof, const char *fingerprint, int64_t expires_at)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "proof", proof);
	cJSON_AddStringToObject(o, "fingerprint", fingerprint);
	render_add_time(o, "expires_at", expires_at, 0);
	return render_done(o);
}

char *
render_sshkey(const struct store_sshkey *k)
{
	return render_done(render_sshkey_obj(k));
}

char *
render_sshkey_list(const struct store_sshkey_list *l)
{
	cJSON *items = cJSON_CreateArray();
	size_t i;

	for (i = 0; items != NULL && i < l->n; i++)
		cJSON_AddItemToArray(items, render_sshkey_obj(&l->items[i]));
	return render_list(items, NULL, (int64_t)l->n);
}
