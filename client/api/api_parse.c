/* api_parse.c — turns API JSON into the typed structs, sanitizing every string on the way in. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/api_int.h"
#include "common/text.h"

/* ------------------------------------------------------------ helpers */

int
api_json_str(const cJSON *obj, const char *name, int multi, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	*out = NULL;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return 0;
	*out = text_sanitize(v->valuestring, strlen(v->valuestring),
	    multi ? TEXT_MULTILINE : 0);
	return *out == NULL ? -1 : 0;
}

long long
api_num_ll(double d)
{
	if (!(d > -9.2e18 && d < 9.2e18))
		return 0;
	return (long long)d;
}

static long long
api_json_id(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (cJSON_IsNumber(v))
		return api_num_ll(v->valuedouble);
	if (cJSON_IsString(v) && v->valuestring != NULL)
		return strtoll(v->valuestring, NULL, 10);
	return 0;
}

static long
api_json_long(const cJSON *obj, const char *name)
{
	return (long)api_json_id(obj, name);
}

static double
api_json_double(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsNumber(v) ? v->valuedouble : 0.0;
}

/* -1 when missing or null, else 0 / 1. */
static int
api_json_bool(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? 1 : 0;
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	return -1;
}

/* The author may be a name or a user object; the display name wins. */
static int
api_json_author(const cJSON *obj, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "author");

	*out = NULL;
	if (cJSON_IsString(v))
		return api_json_str(obj, "author", 0, out);
	if (cJSON_IsObject(v)) {
		if (api_json_str(v, "display_name", 0, out) < 0)
			return -1;
		if (*out == NULL || **out == '\0') {
			free(*out);
			return api_json_str(v, "username", 0, out);
		}
	}
	return 0;
}

/* Reads an array of numbers (ids); NULL array gives n = 0. */
static int
api_json_ids(const cJSON *arr, long long **ids, size_t *n)
{
	const cJSON *v;
	size_t i = 0;
	int cnt = cJSON_GetArraySize(arr);

	*ids = NULL;
	*n = 0;
	if (!cJSON_IsArray(arr) || cnt <= 0)
		return 0;
	*ids = calloc((size_t)cnt, sizeof(**ids));
	if (*ids == NULL)
		return -1;
	cJSON_ArrayForEach(v, arr) {
		if (cJSON_IsNumber(v))
			(*ids)[i++] = api_num_ll(v->valuedouble);
	}
	*n = i;
	return 0;
}

/* Generic list: "items" array parsed element by element, "next", "total". */
typedef int (*api_parse_fn)(const cJSON *, void *);
typedef void (*api_clear_fn)(void *);

static int
api_parse_array(const cJSON *arr, size_t elsize, api_parse_fn parse,
    api_clear_fn clear, void **items, size_t *n)
{
	const cJSON *v;
	char *base;
	int cnt = cJSON_GetArraySize(arr);
	size_t i = 0;

	*items = NULL;
	*n = 0;
	if (!cJSON_IsArray(arr) || cnt <= 0)
		return 0;
	base = calloc((size_t)cnt, elsize);
	if (base == NULL)
		return -1;
	cJSON_ArrayForEach(v, arr) {
		if (parse(v, base + i * elsize) < 0) {
			while (i > 0)
				clear(base + --i * elsize);
			free(base);
			return -1;
		}
		i++;
	}
	*items = base;
	*n = i;
	return 0;
}

int
api_list_cap(cJSON *j, int limit)
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(j, "items"), *v;
	int want = limit > 0 ? limit : API_LIST_DEFAULT, i = 0, cut = 0;

	if (!cJSON_IsArray(arr))
		return 0;
	/* Walk once and cut the tail at the want-th item: deleting from the
	 * end one by one would walk the list again for every item. */
	for (v = arr->child; v != NULL && i < want; v = v->next)
		i++;
	if (v != NULL && v->prev != NULL && i == want) {
		cJSON *last = v->prev, *n;

		last->next = NULL;
		arr->child->prev = last;
		for (; v != NULL; v = n) {
			n = v->next;
			v->next = v->prev = NULL;
			cJSON_Delete(v);
			cut++;
		}
	}
	return cut;
}

/* Clears n items of elsize bytes with clear and frees the array; the one
 * loop every list's _free and a failed parse share. */
static void
api_items_free(void *items, size_t n, size_t elsize, api_clear_fn clear)
{
	while (n > 0)
		clear((char *)items + --n * elsize);
	free(items);
}

static int
api_parse_list(const cJSON *j, size_t elsize, api_parse_fn parse,
    api_clear_fn clear, void **items, size_t *n, char **next, long *total)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(j, "items");

	*next = NULL;
	*total = 0;
	if (!cJSON_IsObject(j) || !cJSON_IsArray(arr))
		return -1;
	if (api_parse_array(arr, elsize, parse, clear, items, n) < 0)
		return -1;
	if (api_json_str(j, "next", 0, next) < 0) {
		api_items_free(*items, *n, elsize, clear);
		*items = NULL;
		*n = 0;
		return -1;
	}
	*total = api_json_long(j, "total");
	if (cJSON_GetObjectItemCaseSensitive(j, "total") == NULL)
		*total = (long)*n;
	return 0;
}

/* The raw word of a member (borrowed; NULL when not a string), only to be
 * looked up in a word table of api_words.c, never shown. */
static const char *
api_json_word(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Sanitized string members: a table of (name, multi, offset) per struct
 * keeps each parser to the fields that are not plain strings. */
struct api_strfield {
	const char	*name;
	int		 multi;
	size_t		 off;
};

#define SF(type, field, multi) { #field, multi, offsetof(type, field) }

static int
api_parse_strs(const cJSON *j, void *obj, const struct api_strfield *f,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (api_json_str(j, f[i].name, f[i].multi,
		    (char **)((char *)obj + f[i].off)) < 0)
			return -1;
	return 0;
}

static void
api_free_strs(void *obj, const struct api_strfield *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char **p = (char **)((char *)obj + f[i].off);

		free(*p);
		*p = NULL;
	}
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* -------------------------------------------------- field languages */

const char *
api_langs_get(const struct api_langs *l, const char *field)
{
	size_t i;

	if (l == NULL || field == NULL)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].field, field) == 0)
			return l->v[i].lang;
	return NULL;
}

static void
api_langs_clear(struct api_langs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].field);
		free(l->v[i].lang);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* A field name or language code as the API writes them: 1..31 of a-z,
 * '_' and '-'; anything else from the network is left out. */
static int
api_langs_word(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= 31 || !((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' ||
		    s[i] == '-'))
			return 0;
	return i > 0;
}

/* Reads obj's "langs" object into l (empty when there is none). */
static int
api_langs_parse(const cJSON *obj, struct api_langs *l)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, "langs"), *e;
	size_t n = 0;

	l->v = NULL;
	l->n = 0;
	if (!cJSON_IsObject(j))
		return 0;
	cJSON_ArrayForEach(e, j)
		n++;
	if (n == 0 || n > 32 || (l->v = calloc(n, sizeof(*l->v))) == NULL)
		return n == 0 || n > 32 ? 0 : -1;
	cJSON_ArrayForEach(e, j) {
		struct api_lang_pair *pr = &l->v[l->n];

		if (e->string == NULL || !cJSON_IsString(e) ||
		    e->valuestring == NULL || !api_langs_word(e->string) ||
		    !api_langs_word(e->valuestring))
			continue;
		pr->field = strdup(e->string);
		pr->lang = strdup(e->valuestring);
		l->n++;
		if (pr->field == NULL || pr->lang == NULL)
			return -1;
	}
	return 0;
}

/* --------------------------------------------------------------- user */

static const struct api_strfield api_user_strs[] = {
	SF(struct api_user, username, 0), SF(struct api_user, display_name, 0),
	SF(struct api_user, created_at, 0),
	SF(struct api_user, email, 0), SF(struct api_user, locale, 0),
};

void
api_user_clear(struct api_user *u)
{
	api_free_strs(u, api_user_strs, NELEM(api_user_strs));
}

int
api_parse_user(const cJSON *j, struct api_user *u)
{
	memset(u, 0, sizeof(*u));
	if (!cJSON_IsObject(j))
		return -1;
	u->id = api_json_id(j, "id");
	u->role = api_role_parse(api_json_word(j, "role"));
	u->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, u, api_user_strs, NELEM(api_user_strs)) < 0) {
		api_user_clear(u);
		return -1;
	}
	return 0;
}

void
api_user_free(struct api_user *u)
{
	if (u == NULL)
		return;
	api_user_clear(u);
	free(u);
}

/* ------------------------------------------------------------ project */

static const struct api_strfield api_project_strs[] = {
	SF(struct api_project, slug, 0), SF(struct api_project, category, 0),
	SF(struct api_project, title, 0), SF(struct api_project, summary, 1),
	SF(struct api_project, starts_at, 0),
	SF(struct api_project, ends_at, 0), SF(struct api_project, lang, 0),
	SF(struct api_project, description, 1),
};

static const struct api_strfield api_fpoll_strs[] = {
	SF(struct api_format_poll, title, 0),
};

static const struct api_strfield api_fsurvey_strs[] = {
	SF(struct api_format_survey, title, 0),
};

static void
api_fpoll_clear(void *p)
{
	api_free_strs(p, api_fpoll_strs, NELEM(api_fpoll_strs));
}

static int
api_fpoll_parse(const cJSON *j, void *p)
{
	struct api_format_poll *fp = p;

	fp->id = api_json_id(j, "id");
	fp->kind = api_poll_kind_parse(api_json_word(j, "kind"));
	fp->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, fp, api_fpoll_strs, NELEM(api_fpoll_strs)) < 0) {
		api_fpoll_clear(fp);
		return -1;
	}
	return 0;
}

static void
api_fsurvey_clear(void *p)
{
	api_free_strs(p, api_fsurvey_strs, NELEM(api_fsurvey_strs));
}

static int
api_fsurvey_parse(const cJSON *j, void *p)
{
	struct api_format_survey *fs = p;

	fs->id = api_json_id(j, "id");
	fs->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, fs, api_fsurvey_strs, NELEM(api_fsurvey_strs)) < 0) {
		api_fsurvey_clear(fs);
		return -1;
	}
	return 0;
}

void
api_project_clear(struct api_project *p)
{
	size_t i;

	api_free_strs(p, api_project_strs, NELEM(api_project_strs));
	api_langs_clear(&p->langs);
	for (i = 0; i < p->n_polls; i++)
		api_fpoll_clear(&p->polls[i]);
	free(p->polls);
	for (i = 0; i < p->n_surveys; i++)
		api_fsurvey_clear(&p->surveys[i]);
	free(p->surveys);
	memset(p, 0, sizeof(*p));
}

int
api_parse_project(const cJSON *j, struct api_project *p)
{
	const cJSON *counts, *formats, *ideas;

	memset(p, 0, sizeof(*p));
	if (!cJSON_IsObject(j))
		return -1;
	p->id = api_json_id(j, "id");
	p->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, p, api_project_strs, NELEM(api_project_strs)) < 0 ||
	    api_langs_parse(j, &p->langs) < 0)
		goto fail;
	counts = cJSON_GetObjectItemCaseSensitive(j, "counts");
	p->n_ideas = api_json_long(counts, "ideas");
	p->n_comments = api_json_long(counts, "comments");
	p->n_participants = api_json_long(counts, "participants");
	formats = cJSON_GetObjectItemCaseSensitive(j, "formats");
	if (cJSON_IsObject(formats)) {
		p->has_formats = 1;
		ideas = cJSON_GetObjectItemCaseSensitive(formats, "ideas");
		p->ideas_open = api_json_bool(ideas, "open") == 1;
		if (api_parse_array(cJSON_GetObjectItemCaseSensitive(formats, "polls"),
		    sizeof(*p->polls), api_fpoll_parse, api_fpoll_clear,
		    (void **)&p->polls, &p->n_polls) < 0)
			goto fail;
		if (api_parse_array(cJSON_GetObjectItemCaseSensitive(formats, "surveys"),
		    sizeof(*p->surveys), api_fsurvey_parse, api_fsurvey_clear,
		    (void **)&p->surveys, &p->n_surveys) < 0)
			goto fail;
	}
	return 0;
fail:
	api_project_clear(p);
	return -1;
}

void
api_project_free(struct api_project *p)
{
	if (p == NULL)
		return;
	api_project_clear(p);
	free(p);
}

static int
api_project_parse_v(const cJSON *j, void *p)
{
	return api_parse_project(j, p);
}

static void
api_project_clear_v(void *p)
{
	api_project_clear(p);
}

int
api_parse_project_list(const cJSON *j, struct api_project_list *l)
{
	memset(l, 0, sizeof(*l));
	return api_parse_list(j, sizeof(*l->items), api_project_parse_v,
	    api_project_clear_v, (void **)&l->items, &l->n, &l->next, &l->total);
}

void
api_project_list_free(struct api_project_list *l)
{
	if (l == NULL)
		return;
	api_items_free(l->items, l->n, sizeof(*l->items), api_project_clear_v);
	free(l->next);
	free(l);
}

/* --------------------------------------------------------------- idea */

static const struct api_strfield api_idea_strs[] = {
	SF(struct api_idea, title, 0), SF(struct api_idea, created_at, 0),
	SF(struct api_idea, body, 1),
	SF(struct api_idea, moderation_reason, 1),
};

void
api_idea_clear(struct api_idea *i)
{
	api_free_strs(i, api_idea_strs, NELEM(api_idea_strs));
	free(i->author);
	memset(i, 0, sizeof(*i));
}

int
api_parse_idea(const cJSON *j, struct api_idea *i)
{
	memset(i, 0, sizeof(*i));
	if (!cJSON_IsObject(j))
		return -1;
	i->id = api_json_id(j, "id");
	i->project_id = api_json_id(j, "project_id");
	i->supports = api_json_long(j, "supports");
	i->comments = api_json_long(j, "comments");
	i->supported_by_me = api_json_bool(j, "supported_by_me");
	i->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, i, api_idea_strs, NELEM(api_idea_strs)) < 0 ||
	    api_json_author(j, &i->author) < 0) {
		api_idea_clear(i);
		return -1;
	}
	return 0;
}

void
api_idea_free(struct api_idea *i)
{
	if (i == NULL)
		return;
	api_idea_clear(i);
	free(i);
}

static int
api_idea_parse_v(const cJSON *j, void *p)
{
	return api_parse_idea(j, p);
}

static void
api_idea_clear_v(void *p)
{
	api_idea_clear(p);
}

int
api_parse_idea_list(const cJSON *j, struct api_idea_list *l)
{
	memset(l, 0, sizeof(*l));
	return api_parse_list(j, sizeof(*l->items), api_idea_parse_v,
	    api_idea_clear_v, (void **)&l->items, &l->n, &l->next, &l->total);
}

void
api_idea_list_free(struct api_idea_list *l)
{
	if (l == NULL)
		return;
	api_items_free(l->items, l->n, sizeof(*l->items), api_idea_clear_v);
	free(l->next);
	free(l);
}

/* ------------------------------------------------------------ comment */

static const struct api_strfield api_comment_strs[] = {
	SF(struct api_comment, body, 1), SF(struct api_comment, created_at, 0),
	SF(struct api_comment, moderation_reason, 1),
};

void
api_comment_clear(struct api_comment *c)
{
	api_free_strs(c, api_comment_strs, NELEM(api_comment_strs));
	free(c->author);
	memset(c, 0, sizeof(*c));
}

int
api_parse_comment(const cJSON *j, struct api_comment *c)
{
	memset(c, 0, sizeof(*c));
	if (!cJSON_IsObject(j))
		return -1;
	c->id = api_json_id(j, "id");
	c->idea_id = api_json_id(j, "idea_id");
	c->project_id = api_json_id(j, "project_id");
	c->parent_id = api_json_id(j, "parent_id");
	c->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, c, api_comment_strs, NELEM(api_comment_strs)) < 0 ||
	    api_json_author(j, &c->author) < 0) {
		api_comment_clear(c);
		return -1;
	}
	return 0;
}

void
api_comment_free(struct api_comment *c)
{
	if (c == NULL)
		return;
	api_comment_clear(c);
	free(c);
}

static int
api_comment_parse_v(const cJSON *j, void *p)
{
	return api_parse_comment(j, p);
}

static void
api_comment_clear_v(void *p)
{
	api_comment_clear(p);
}

int
api_parse_comment_list(const cJSON *j, struct api_comment_list *l)
{
	memset(l, 0, sizeof(*l));
	return api_parse_list(j, sizeof(*l->items), api_comment_parse_v,
	    api_comment_clear_v, (void **)&l->items, &l->n, &l->next, &l->total);
}

void
api_comment_list_free(struct api_comment_list *l)
{
	if (l == NULL)
		return;
	api_items_free(l->items, l->n, sizeof(*l->items), api_comment_clear_v);
	free(l->next);
	free(l);
}

/* --------------------------------------------------------------- poll */

static const struct api_strfield api_poll_strs[] = {
	SF(struct api_poll, title, 0), SF(struct api_poll, question, 1),
	SF(struct api_poll, opens_at, 0), SF(struct api_poll, closes_at, 0),
	SF(struct api_poll, lang, 0),
};

static void
api_option_clear(void *p)
{
	struct api_option *o = p;

	free(o->title);
	free(o->description);
	free(o->address);
	api_langs_clear(&o->langs);
	memset(o, 0, sizeof(*o));
}

static int
api_option_parse(const cJSON *j, void *p)
{
	struct api_option *o = p;
	const cJSON *loc = cJSON_GetObjectItemCaseSensitive(j, "location");

	memset(o, 0, sizeof(*o));
	o->id = api_json_id(j, "id");
	if (api_json_str(j, "title", 0, &o->title) < 0 ||
	    api_json_str(j, "description", 1, &o->description) < 0 ||
	    api_langs_parse(j, &o->langs) < 0)
		goto fail;
	if (cJSON_IsObject(loc)) {
		o->has_location = 1;
		if (api_json_str(loc, "address", 0, &o->address) < 0)
			goto fail;
		o->lat = api_json_double(loc, "lat");
		o->lon = api_json_double(loc, "lon");
	}
	return 0;
fail:
	api_option_clear(o);
	return -1;
}

void
api_poll_clear(struct api_poll *p)
{
	size_t i;

	api_free_strs(p, api_poll_strs, NELEM(api_poll_strs));
	api_langs_clear(&p->langs);
	for (i = 0; i < p->n_options; i++)
		api_option_clear(&p->options[i]);
	free(p->options);
	free(p->my_ballot);
	memset(p, 0, sizeof(*p));
}

int
api_parse_poll(const cJSON *j, struct api_poll *p)
{
	const cJSON *mb;

	memset(p, 0, sizeof(*p));
	if (!cJSON_IsObject(j))
		return -1;
	p->id = api_json_id(j, "id");
	p->project_id = api_json_id(j, "project_id");
	p->max_choices = (int)api_json_long(j, "max_choices");
	p->results_visible = api_json_bool(j, "results_visible") == 1;
	p->kind = api_poll_kind_parse(api_json_word(j, "kind"));
	p->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, p, api_poll_strs, NELEM(api_poll_strs)) < 0 ||
	    api_langs_parse(j, &p->langs) < 0)
		goto fail;
	if (api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "options"),
	    sizeof(*p->options), api_option_parse, api_option_clear,
	    (void **)&p->options, &p->n_options) < 0)
		goto fail;
	mb = cJSON_GetObjectItemCaseSensitive(j, "my_ballot");
	if (cJSON_IsArray(mb)) {
		p->has_ballot = 1;
		if (api_json_ids(mb, &p->my_ballot, &p->n_my_ballot) < 0)
			goto fail;
	}
	return 0;
fail:
	api_poll_clear(p);
	return -1;
}

void
api_poll_free(struct api_poll *p)
{
	if (p == NULL)
		return;
	api_poll_clear(p);
	free(p);
}

int
api_parse_ballot(const cJSON *j, struct api_ballot *b)
{
	memset(b, 0, sizeof(*b));
	if (!cJSON_IsObject(j))
		return -1;
	b->poll_id = api_json_id(j, "poll_id");
	if (api_json_ids(cJSON_GetObjectItemCaseSensitive(j, "choices"),
	    &b->choices, &b->n_choices) < 0 ||
	    api_json_str(j, "updated_at", 0, &b->updated_at) < 0) {
		free(b->choices);
		memset(b, 0, sizeof(*b));
		return -1;
	}
	return 0;
}

void
api_ballot_free(struct api_ballot *b)
{
	if (b == NULL)
		return;
	free(b->choices);
	free(b->updated_at);
	free(b);
}

/* ------------------------------------------------------------ results */

static void
api_resopt_clear(void *p)
{
	struct api_result_option *o = p;

	free(o->title);
	o->title = NULL;
}

static int
api_resopt_parse(const cJSON *j, void *p)
{
	struct api_result_option *o = p;

	memset(o, 0, sizeof(*o));
	o->id = api_json_id(j, "id");
	o->online = api_json_long(j, "online");
	o->analog = api_json_long(j, "analog");
	o->total = api_json_long(j, "total");
	o->share = api_json_double(j, "share");
	o->has_points = cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, "points"));
	o->points = api_json_long(j, "points");
	o->rank = (int)api_json_long(j, "rank");
	return api_json_str(j, "title", 0, &o->title);
}

int
api_parse_results(const cJSON *j, struct api_results *r)
{
	const cJSON *b;

	memset(r, 0, sizeof(*r));
	if (!cJSON_IsObject(j))
		return -1;
	r->poll_id = api_json_id(j, "poll_id");
	r->final = api_json_bool(j, "final") == 1;
	b = cJSON_GetObjectItemCaseSensitive(j, "ballots");
	r->ballots_online = api_json_long(b, "online");
	r->ballots_analog = api_json_long(b, "analog");
	r->ballots_total = api_json_long(b, "total");
	r->analog_invalid = api_json_long(b, "analog_invalid");
	b = cJSON_GetObjectItemCaseSensitive(j, "tallies");
	r->tallies_counted = api_json_long(b, "counted");
	r->tallies_pending = api_json_long(b, "pending");
	r->kind = api_poll_kind_parse(api_json_word(j, "kind"));
	if (api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "options"),
	    sizeof(*r->options), api_resopt_parse, api_resopt_clear,
	    (void **)&r->options, &r->n_options) < 0) {
		memset(r, 0, sizeof(*r));
		return -1;
	}
	return 0;
}

void
api_results_free(struct api_results *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n_options; i++)
		api_resopt_clear(&r->options[i]);
	free(r->options);
	free(r);
}

/* ------------------------------------------------------------- survey */

static void
api_choice_clear(void *p)
{
	struct api_choice *c = p;

	free(c->title);
	c->title = NULL;
}

static int
api_choice_parse(const cJSON *j, void *p)
{
	struct api_choice *c = p;

	c->id = api_json_id(j, "id");
	return api_json_str(j, "title", 0, &c->title);
}

static const struct api_strfield api_question_strs[] = {
	SF(struct api_question, text, 1),
};

static void
api_question_clear(void *p)
{
	struct api_question *q = p;
	size_t i;

	api_free_strs(q, api_question_strs, NELEM(api_question_strs));
	for (i = 0; i < q->n_options; i++)
		api_choice_clear(&q->options[i]);
	free(q->options);
	free(q->min_label);
	free(q->max_label);
	memset(q, 0, sizeof(*q));
}

static int
api_question_parse(const cJSON *j, void *p)
{
	struct api_question *q = p;
	const cJSON *scale = cJSON_GetObjectItemCaseSensitive(j, "scale");

	memset(q, 0, sizeof(*q));
	q->id = api_json_id(j, "id");
	q->required = api_json_bool(j, "required") == 1;
	q->max_choices = (int)api_json_long(j, "max_choices");
	q->max_length = (int)api_json_long(j, "max_length");
	q->kind = api_question_kind_parse(api_json_word(j, "kind"));
	if (api_parse_strs(j, q, api_question_strs, NELEM(api_question_strs)) < 0 ||
	    api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "options"),
	    sizeof(*q->options), api_choice_parse, api_choice_clear,
	    (void **)&q->options, &q->n_options) < 0)
		goto fail;
	if (cJSON_IsObject(scale)) {
		q->has_scale = 1;
		q->scale_min = (int)api_json_long(scale, "min");
		q->scale_max = (int)api_json_long(scale, "max");
		if (api_json_str(scale, "min_label", 0, &q->min_label) < 0 ||
		    api_json_str(scale, "max_label", 0, &q->max_label) < 0)
			goto fail;
	}
	return 0;
fail:
	api_question_clear(q);
	return -1;
}

static const struct api_strfield api_survey_strs[] = {
	SF(struct api_survey, title, 0), SF(struct api_survey, intro, 1),
	SF(struct api_survey, lang, 0),
	SF(struct api_survey, opens_at, 0), SF(struct api_survey, closes_at, 0),
};

void
api_survey_clear(struct api_survey *s)
{
	size_t i;

	api_free_strs(s, api_survey_strs, NELEM(api_survey_strs));
	for (i = 0; i < s->n_questions; i++)
		api_question_clear(&s->questions[i]);
	free(s->questions);
	memset(s, 0, sizeof(*s));
}

int
api_parse_survey(const cJSON *j, struct api_survey *s)
{
	memset(s, 0, sizeof(*s));
	if (!cJSON_IsObject(j))
		return -1;
	s->id = api_json_id(j, "id");
	s->project_id = api_json_id(j, "project_id");
	s->answered_by_me = api_json_bool(j, "answered_by_me");
	s->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, s, api_survey_strs, NELEM(api_survey_strs)) < 0 ||
	    api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "questions"),
	    sizeof(*s->questions), api_question_parse, api_question_clear,
	    (void **)&s->questions, &s->n_questions) < 0) {
		api_survey_clear(s);
		return -1;
	}
	return 0;
}

void
api_survey_free(struct api_survey *s)
{
	if (s == NULL)
		return;
	api_survey_clear(s);
	free(s);
}

/* --------------------------------------------------- moderation queue */

static const struct api_strfield api_queue_strs[] = {
	SF(struct api_queue_item, type, 0), SF(struct api_queue_item, title, 0),
	SF(struct api_queue_item, body, 1), SF(struct api_queue_item, created_at, 0),
	SF(struct api_queue_item, reason, 1),
	SF(struct api_queue_item, target_type, 0),
	SF(struct api_queue_item, reporter, 0),
	SF(struct api_queue_item, project_title, 0),
	SF(struct api_queue_item, idea_title, 0),
	SF(struct api_queue_item, parent_body, 1),
	SF(struct api_queue_item, parent_author, 0),
};

void
api_queue_item_clear(struct api_queue_item *q)
{
	api_free_strs(q, api_queue_strs, NELEM(api_queue_strs));
	free(q->author);
	memset(q, 0, sizeof(*q));
}

int
api_parse_queue_item(const cJSON *j, struct api_queue_item *q)
{
	memset(q, 0, sizeof(*q));
	if (!cJSON_IsObject(j))
		return -1;
	q->id = api_json_id(j, "id");
	q->idea_id = api_json_id(j, "idea_id");
	q->project_id = api_json_id(j, "project_id");
	q->target_id = api_json_id(j, "target_id");
	q->parent_id = api_json_id(j, "parent_id");
	q->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, q, api_queue_strs, NELEM(api_queue_strs)) < 0 ||
	    api_json_author(j, &q->author) < 0 ||
	    (q->target_type == NULL &&
	    api_json_str(j, "target", 0, &q->target_type) < 0)) {
		api_queue_item_clear(q);
		return -1;
	}
	return 0;
}

static int
api_queue_parse_v(const cJSON *j, void *p)
{
	return api_parse_queue_item(j, p);
}

static void
api_queue_clear_v(void *p)
{
	api_queue_item_clear(p);
}

int
api_parse_queue_list(const cJSON *j, struct api_queue_list *l)
{
	memset(l, 0, sizeof(*l));
	return api_parse_list(j, sizeof(*l->items), api_queue_parse_v,
	    api_queue_clear_v, (void **)&l->items, &l->n, &l->next, &l->total);
}

void
api_queue_list_free(struct api_queue_list *l)
{
	if (l == NULL)
		return;
	api_items_free(l->items, l->n, sizeof(*l->items), api_queue_clear_v);
	free(l->next);
	free(l);
}

/* -------------------------------------------------------------- login */

int
api_parse_login(const cJSON *j, struct api_login *l)
{
	memset(l, 0, sizeof(*l));
	if (!cJSON_IsObject(j))
		return -1;
	if (api_json_str(j, "token", 0, &l->token) < 0 || l->token == NULL ||
	    api_json_str(j, "expires_at", 0, &l->expires_at) < 0)
		goto fail;
	l->user = calloc(1, sizeof(*l->user));
	if (l->user == NULL ||
	    api_parse_user(cJSON_GetObjectItemCaseSensitive(j, "user"), l->user) < 0) {
		free(l->user);
		l->user = NULL;
		goto fail;
	}
	return 0;
fail:
	if (l->token != NULL)
		explicit_bzero(l->token, strlen(l->token));
	free(l->token);
	free(l->expires_at);
	memset(l, 0, sizeof(*l));
	return -1;
}

void
api_login_free(struct api_login *l)
{
	if (l == NULL)
		return;
	if (l->token != NULL)
		explicit_bzero(l->token, strlen(l->token));
	free(l->token);
	free(l->expires_at);
	api_user_free(l->user);
	free(l);
}

/* Code points a terminal may act on that cJSON leaves unescaped: DEL,
 * C1 and the bidi controls. */
static int
api_json_unsafe(unsigned int cp)
{
	return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

char *
api_json_print(const cJSON *j)
{
	char *raw, *out;
	size_t n, i, o = 0;
	unsigned int cp;
	int len;

	/*
	 * cJSON escapes C0 controls inside strings (ESC becomes \u001b). What
	 * it leaves raw - DEL, C1, bidi controls, invalid UTF-8 - can only be
	 * inside strings, so it is written as a \u escape too: the output
	 * stays valid JSON with the same meaning and is safe on a terminal.
	 * (The text sanitizer would drop a C1 CSI together with the bytes
	 * after it, which could swallow a closing quote.) Indentation tabs
	 * become two spaces.
	 */
	raw = cJSON_Print(j);
	if (raw == NULL)
		return NULL;
	n = strlen(raw);
	out = malloc(n * 6 + 2);
	if (out == NULL) {
		free(raw);
		return NULL;
	}
	for (i = 0; i < n; i += (size_t)len) {
		len = text_utf8_decode(raw + i, n - i, &cp);
		if (len < 0) {
			memcpy(out + o, "\\ufffd", 6);
			o += 6;
			len = 1;
		} else if (cp == '\t') {
			/* After "key": one space, as indentation two. */
			if (o > 0 && out[o - 1] == ':') {
				out[o++] = ' ';
			} else {
				memcpy(out + o, "  ", 2);
				o += 2;
			}
		} else if ((cp < 0x20 && cp != '\n') || api_json_unsafe(cp)) {
			snprintf(out + o, 7, "\\u%04x", cp);
			o += 6;
		} else {
			memcpy(out + o, raw + i, (size_t)len);
			o += (size_t)len;
		}
	}
	out[o++] = '\n';
	out[o] = '\0';
	free(raw);
	return out;
}

/* ----------------------------------------------------------- activity */

static const struct api_strfield api_my_idea_strs[] = {
	SF(struct api_my_idea, title, 0),
	SF(struct api_my_idea, moderation_reason, 1),
	SF(struct api_my_idea, created_at, 0),
};

static void
api_my_idea_clear(void *p)
{
	struct api_my_idea *i = p;

	api_free_strs(i, api_my_idea_strs, NELEM(api_my_idea_strs));
	free(i->project_title);
	memset(i, 0, sizeof(*i));
}

static int
api_my_idea_parse(const cJSON *j, void *p)
{
	struct api_my_idea *i = p;

	memset(i, 0, sizeof(*i));
	if (!cJSON_IsObject(j))
		return -1;
	i->id = api_json_id(j, "id");
	i->project_id = api_json_id(j, "project_id");
	i->supports = api_json_long(j, "supports");
	i->comments = api_json_long(j, "comments");
	i->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, i, api_my_idea_strs, NELEM(api_my_idea_strs)) < 0) {
		api_my_idea_clear(i);
		return -1;
	}
	return 0;
}

static const struct api_strfield api_my_comment_strs[] = {
	SF(struct api_my_comment, body, 1),
	SF(struct api_my_comment, moderation_reason, 1),
	SF(struct api_my_comment, created_at, 0),
};

static void
api_my_comment_clear(void *p)
{
	struct api_my_comment *c = p;

	api_free_strs(c, api_my_comment_strs, NELEM(api_my_comment_strs));
	free(c->idea_title);
	free(c->project_title);
	memset(c, 0, sizeof(*c));
}

static int
api_my_comment_parse(const cJSON *j, void *p)
{
	struct api_my_comment *c = p;

	memset(c, 0, sizeof(*c));
	if (!cJSON_IsObject(j))
		return -1;
	c->id = api_json_id(j, "id");
	c->idea_id = api_json_id(j, "idea_id");
	c->project_id = api_json_id(j, "project_id");
	c->parent_id = api_json_id(j, "parent_id");
	c->status = api_status_parse(api_json_word(j, "status"));
	if (api_parse_strs(j, c, api_my_comment_strs, NELEM(api_my_comment_strs)) < 0) {
		api_my_comment_clear(c);
		return -1;
	}
	return 0;
}

static const struct api_strfield api_my_ballot_strs[] = {
	SF(struct api_my_ballot, updated_at, 0),
	SF(struct api_my_ballot, poll_title, 0),
	SF(struct api_my_ballot, opens_at, 0),
	SF(struct api_my_ballot, closes_at, 0),
};

static void
api_my_ballot_clear(void *p)
{
	struct api_my_ballot *b = p;
	size_t i;

	api_free_strs(b, api_my_ballot_strs, NELEM(api_my_ballot_strs));
	if (b->choice_titles != NULL)
		for (i = 0; i < b->n_choices; i++)
			free(b->choice_titles[i]);
	free(b->choice_titles);
	free(b->choices);
	memset(b, 0, sizeof(*b));
}

static int
api_my_ballot_parse(const cJSON *j, void *p)
{
	struct api_my_ballot *b = p;

	memset(b, 0, sizeof(*b));
	if (!cJSON_IsObject(j))
		return -1;
	b->poll_id = api_json_id(j, "poll_id");
	/* Only the ballot's own fields come from the export; the poll's
	 * title and state are looked up, never taken from here. */
	if (api_json_ids(cJSON_GetObjectItemCaseSensitive(j, "choices"),
	    &b->choices, &b->n_choices) < 0 ||
	    api_json_str(j, "updated_at", 0, &b->updated_at) < 0) {
		api_my_ballot_clear(b);
		return -1;
	}
	return 0;
}

void
api_activity_clear(struct api_activity *act)
{
	size_t i;

	api_user_free(act->user);
	for (i = 0; i < act->n_ideas; i++)
		api_my_idea_clear(&act->ideas[i]);
	free(act->ideas);
	for (i = 0; i < act->n_comments; i++)
		api_my_comment_clear(&act->comments[i]);
	free(act->comments);
	for (i = 0; i < act->n_ballots; i++)
		api_my_ballot_clear(&act->ballots[i]);
	free(act->ballots);
	memset(act, 0, sizeof(*act));
}

int
api_parse_activity(const cJSON *j, struct api_activity *act)
{
	const cJSON *user;

	memset(act, 0, sizeof(*act));
	if (!cJSON_IsObject(j))
		return -1;
	user = cJSON_GetObjectItemCaseSensitive(j, "user");
	if (cJSON_IsObject(user)) {
		if ((act->user = calloc(1, sizeof(*act->user))) == NULL ||
		    api_parse_user(user, act->user) < 0) {
			free(act->user);
			act->user = NULL;
			return -1;
		}
	}
	/* Missing lists are empty: an older server may leave one out. */
	if (api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "ideas"),
	    sizeof(*act->ideas), api_my_idea_parse, api_my_idea_clear,
	    (void **)&act->ideas, &act->n_ideas) < 0 ||
	    api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "comments"),
	    sizeof(*act->comments), api_my_comment_parse, api_my_comment_clear,
	    (void **)&act->comments, &act->n_comments) < 0 ||
	    api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "ballots"),
	    sizeof(*act->ballots), api_my_ballot_parse, api_my_ballot_clear,
	    (void **)&act->ballots, &act->n_ballots) < 0) {
		api_activity_clear(act);
		return -1;
	}
	return 0;
}

void
api_activity_free(struct api_activity *act)
{
	if (act == NULL)
		return;
	api_activity_clear(act);
	free(act);
}

/* ------------------------------------------------------ paper tallies */

static void
api_line_clear(void *p)
{
	struct api_paper_line *l = p;

	free(l->choices);
	memset(l, 0, sizeof(*l));
}

static int
api_line_parse(const cJSON *j, void *p)
{
	struct api_paper_line *l = p;

	memset(l, 0, sizeof(*l));
	l->count = api_json_long(j, "count");
	return api_json_ids(cJSON_GetObjectItemCaseSensitive(j, "order"),
	    &l->choices, &l->n_choices);
}

static void
api_tally_entry_clear(struct api_tally_entry *e)
{
	size_t i;

	free(e->keyed_by);
	free(e->keyed_at);
	free(e->counts);
	for (i = 0; i < e->n_rankings; i++)
		api_line_clear(&e->rankings[i]);
	free(e->rankings);
	memset(e, 0, sizeof(*e));
}

static int
api_tally_entry_parse(const cJSON *j, struct api_tally_entry *e)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(j, "counts"), *x;
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(j, "ballots");
	size_t n = 0;

	memset(e, 0, sizeof(*e));
	if (!cJSON_IsObject(j))
		return -1;
	e->slot = (int)api_json_long(j, "slot");
	e->ballots = cJSON_IsNumber(b) ? api_json_long(j, "ballots") : -1;
	e->invalid = api_json_long(j, "invalid");
	e->keyed_by_id = api_json_id(j, "keyed_by_id");
	if (api_json_str(j, "keyed_by", 0, &e->keyed_by) < 0 ||
	    api_json_str(j, "keyed_at", 0, &e->keyed_at) < 0)
		goto fail;
	if (cJSON_IsObject(c)) {
		if ((e->counts = calloc((size_t)cJSON_GetArraySize(c) + 1,
		    sizeof(*e->counts))) == NULL)
			goto fail;
		cJSON_ArrayForEach(x, c) {
			if (x->string == NULL || !cJSON_IsNumber(x))
				continue;
			e->counts[n].option_id = strtoll(x->string, NULL, 10);
			e->counts[n++].count = (long)x->valuedouble;
		}
		e->n_counts = n;
	}
	if (api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "rankings"),
	    sizeof(*e->rankings), api_line_parse, api_line_clear,
	    (void **)&e->rankings, &e->n_rankings) < 0)
		goto fail;
	return 0;
fail:
	api_tally_entry_clear(e);
	return -1;
}

static const char *const api_tally_states[] = { "", "counted", "waiting",
	"mismatch", "withdrawn" };

static void
api_tally_sheet_clear(struct api_tally_sheet *t)
{
	size_t i;

	for (i = 0; i < t->n_entries; i++)
		api_tally_entry_clear(&t->entries[i]);
	free(t->source);
	free(t->created_at);
	free(t->withdrawn_at);
	memset(t, 0, sizeof(*t));
}

int
api_parse_tally(const cJSON *j, struct api_tally_sheet *t)
{
	const cJSON *es = cJSON_GetObjectItemCaseSensitive(j, "entries"), *e;
	const char *st;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (!cJSON_IsObject(j))
		return -1;
	t->id = api_json_id(j, "id");
	t->poll_id = api_json_id(j, "poll_id");
	t->keys = (int)api_json_long(j, "keys");
	st = api_json_word(j, "state");
	for (i = 1; st != NULL && i < NELEM(api_tally_states); i++)
		if (strcmp(st, api_tally_states[i]) == 0)
			t->state = (enum api_tally_state)i;
	if (api_json_str(j, "source", 0, &t->source) < 0 ||
	    api_json_str(j, "created_at", 0, &t->created_at) < 0 ||
	    api_json_str(j, "withdrawn_at", 0, &t->withdrawn_at) < 0)
		goto fail;
	cJSON_ArrayForEach(e, es) {
		if (t->n_entries == 2)
			break;
		if (api_tally_entry_parse(e, &t->entries[t->n_entries]) < 0)
			goto fail;
		t->n_entries++;
	}
	return 0;
fail:
	api_tally_sheet_clear(t);
	return -1;
}

static int
api_tally_parse_v(const cJSON *j, void *p)
{
	return api_parse_tally(j, p);
}

static void
api_tally_clear_v(void *p)
{
	api_tally_sheet_clear(p);
}

int
api_parse_tally_list(const cJSON *j, struct api_tally_list *l)
{
	memset(l, 0, sizeof(*l));
	if (!cJSON_IsObject(j))
		return -1;
	return api_parse_array(cJSON_GetObjectItemCaseSensitive(j, "items"),
	    sizeof(*l->items), api_tally_parse_v, api_tally_clear_v,
	    (void **)&l->items, &l->n);
}

void
api_tally_sheet_free(struct api_tally_sheet *t)
{
	if (t == NULL)
		return;
	api_tally_sheet_clear(t);
	free(t);
}

void
api_tally_list_free(struct api_tally_list *l)
{
	if (l == NULL)
		return;
	api_items_free(l->items, l->n, sizeof(*l->items), api_tally_clear_v);
	free(l);
}

long
api_tally_entry_count(const struct api_tally_entry *e, long long option_id)
{
	size_t i;

	for (i = 0; i < e->n_counts; i++)
		if (e->counts[i].option_id == option_id)
			return e->counts[i].count;
	return 0;
}
