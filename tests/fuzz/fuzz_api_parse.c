/* fuzz_api_parse.c — libFuzzer target: whatever a server sends, every string the client's JSON parsers hand on is terminal-safe. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/api_int.h"

/*
 * Not part of make check. Build with tests/fuzz/build.sh, then run e.g.
 *   mkdir -p /tmp/corpus && build/fuzz/fuzz_api_parse -max_total_time=60 \
 *       -dict=tests/fuzz/fuzz_api_parse.dict /tmp/corpus tests/fuzz/seeds_api_parse
 * (new inputs go into the first folder; the seeds are real answers of
 * mitwirkung-api and hostile variants of them).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The check is written out here instead of calling common/text.c, so a
 * bug in the sanitiser's own decoder cannot hide itself: strict UTF-8
 * (no overlong forms, surrogates or code points above U+10FFFF), no C0
 * but \n in multi-line fields, no DEL, no C1, no bidi controls.
 */
static void
fuzz_bad(const char *what, const char *s, size_t at)
{
	fprintf(stderr, "fuzz_api_parse: %s at byte %zu of \"%s\"\n", what, at, s);
	abort();
}

static void
fuzz_check(const char *s, int multi)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k, len;
	unsigned int cp, min;

	if (s == NULL)
		return;
	n = strlen(s);
	while (i < n) {
		if (p[i] < 0x80) {
			cp = p[i];
			len = 1;
			min = 0;
		} else if ((p[i] & 0xe0) == 0xc0) {
			cp = p[i] & 0x1f;
			len = 2;
			min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			cp = p[i] & 0x0f;
			len = 3;
			min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			cp = p[i] & 0x07;
			len = 4;
			min = 0x10000;
		} else {
			fuzz_bad("invalid UTF-8 lead byte", s, i);
			return;
		}
		if (i + len > n)
			fuzz_bad("truncated UTF-8", s, i);
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				fuzz_bad("invalid UTF-8 continuation", s, i);
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min)
			fuzz_bad("overlong UTF-8", s, i);
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			fuzz_bad("code point out of range", s, i);
		if (cp < 0x20 && !(multi && cp == '\n'))
			fuzz_bad("C0 control", s, i);
		if (cp >= 0x7f && cp <= 0x9f)
			fuzz_bad("DEL or C1 control", s, i);
		if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x200e || cp == 0x200f || cp == 0x061c)
			fuzz_bad("bidi control", s, i);
		i += len;
	}
}

#define ONE(s)	fuzz_check((s), 0)
#define MULTI(s)	fuzz_check((s), 1)

static void
fuzz_user(const struct api_user *u)
{
	ONE(u->username);
	ONE(u->display_name);
	ONE(api_role_name(u->role));
	ONE(u->created_at);
	ONE(u->email);
	ONE(u->locale);
	ONE(api_status_name(u->status));
}

static void
fuzz_project(const struct api_project *p)
{
	size_t i;

	ONE(p->slug);
	ONE(p->category);
	ONE(p->title);
	MULTI(p->summary);
	ONE(api_status_name(p->status));
	ONE(p->starts_at);
	ONE(p->ends_at);
	ONE(p->lang);
	MULTI(p->description);
	for (i = 0; i < p->n_polls; i++) {
		ONE(p->polls[i].title);
		ONE(api_poll_kind_name(p->polls[i].kind));
		ONE(api_status_name(p->polls[i].status));
	}
	for (i = 0; i < p->n_surveys; i++) {
		ONE(p->surveys[i].title);
		ONE(api_status_name(p->surveys[i].status));
	}
}

static void
fuzz_idea(const struct api_idea *i)
{
	ONE(i->title);
	ONE(i->author);
	ONE(i->created_at);
	ONE(api_status_name(i->status));
	MULTI(i->body);
	MULTI(i->moderation_reason);
}

static void
fuzz_comment(const struct api_comment *c)
{
	ONE(c->author);
	MULTI(c->body);
	ONE(c->created_at);
	ONE(api_status_name(c->status));
	MULTI(c->moderation_reason);
}

static void
fuzz_poll(const struct api_poll *p)
{
	size_t i;

	ONE(p->title);
	MULTI(p->question);
	ONE(api_poll_kind_name(p->kind));
	ONE(api_status_name(p->status));
	ONE(p->opens_at);
	ONE(p->closes_at);
	ONE(p->lang);
	for (i = 0; i < p->n_options; i++) {
		ONE(p->options[i].title);
		MULTI(p->options[i].description);
		ONE(p->options[i].address);
	}
}

static void
fuzz_results(const struct api_results *r)
{
	size_t i;

	ONE(api_poll_kind_name(r->kind));
	for (i = 0; i < r->n_options; i++)
		ONE(r->options[i].title);
}

static void
fuzz_survey(const struct api_survey *s)
{
	size_t i, k;

	ONE(s->title);
	MULTI(s->intro);
	ONE(api_status_name(s->status));
	ONE(s->lang);
	ONE(s->opens_at);
	ONE(s->closes_at);
	for (i = 0; i < s->n_questions; i++) {
		const struct api_question *q = &s->questions[i];

		ONE(api_question_kind_name(q->kind));
		MULTI(q->text);
		ONE(q->min_label);
		ONE(q->max_label);
		for (k = 0; k < q->n_options; k++)
			ONE(q->options[k].title);
	}
}

static void
fuzz_queue_item(const struct api_queue_item *q)
{
	ONE(q->type);
	ONE(q->title);
	MULTI(q->body);
	ONE(q->author);
	ONE(q->created_at);
	ONE(api_status_name(q->status));
	MULTI(q->reason);
	ONE(q->target_type);
	ONE(q->reporter);
}

static void
fuzz_activity(const struct api_activity *a)
{
	size_t i, k;

	if (a->user != NULL)
		fuzz_user(a->user);
	for (i = 0; i < a->n_ideas; i++) {
		ONE(a->ideas[i].title);
		ONE(api_status_name(a->ideas[i].status));
		MULTI(a->ideas[i].moderation_reason);
		ONE(a->ideas[i].created_at);
		ONE(a->ideas[i].project_title);
	}
	for (i = 0; i < a->n_comments; i++) {
		MULTI(a->comments[i].body);
		ONE(api_status_name(a->comments[i].status));
		MULTI(a->comments[i].moderation_reason);
		ONE(a->comments[i].created_at);
		ONE(a->comments[i].idea_title);
		ONE(a->comments[i].project_title);
	}
	for (i = 0; i < a->n_ballots; i++) {
		const struct api_my_ballot *b = &a->ballots[i];

		ONE(b->updated_at);
		ONE(b->poll_title);
		ONE(api_poll_kind_name(b->poll_kind));
		ONE(api_status_name(b->poll_status));
		ONE(b->opens_at);
		ONE(b->closes_at);
		for (k = 0; b->choice_titles != NULL && k < b->n_choices; k++)
			ONE(b->choice_titles[k]);
	}
}

/* Runs every parser on the same document: one answer may reach any
 * parser, since the client trusts the server's shape no more than its
 * text. (fuzz_api_parse.dict names the members, so the fuzzer finds the
 * nested objects quickly.) */
/* A zeroed struct of size bytes (the parsers fill caller-provided
 * structs); the fuzzer stops on running out of memory. */
static void *
fuzz_new(size_t size)
{
	void *p = calloc(1, size);

	if (p == NULL)
		abort();
	return p;
}

/* Parses into a new struct, checks it when parsing worked, and frees it
 * with the public NULL-safe _free (a failed parse leaves it cleared). */
#define FUZZ_ONE(type, parse, check, freefn) do {			\
	type *o_ = fuzz_new(sizeof(type));				\
	if (parse(j, o_) == 0)						\
		check(o_);						\
	freefn(o_);							\
} while (0)

#define FUZZ_LIST(type, parse, check, freefn) do {			\
	type *l_ = fuzz_new(sizeof(type));				\
	size_t k_;							\
	if (parse(j, l_) == 0) {					\
		ONE(l_->next);						\
		for (k_ = 0; k_ < l_->n; k_++)				\
			check(&l_->items[k_]);				\
	}								\
	freefn(l_);							\
} while (0)

static void
fuzz_ballot(const struct api_ballot *b)
{
	ONE(b->updated_at);
}

static void
fuzz_login(const struct api_login *l)
{
	ONE(l->token);
	ONE(l->expires_at);
	fuzz_user(l->user);
}

/* Runs every parser on the same document: one answer may reach any
 * parser, since the client trusts the server's shape no more than its
 * text. (fuzz_api_parse.dict names the members, so the fuzzer finds the
 * nested objects quickly.) */
static void
fuzz_parsers(const cJSON *j)
{
	struct api_queue_item q;

	FUZZ_ONE(struct api_user, api_parse_user, fuzz_user, api_user_free);
	FUZZ_ONE(struct api_project, api_parse_project, fuzz_project, api_project_free);
	FUZZ_ONE(struct api_idea, api_parse_idea, fuzz_idea, api_idea_free);
	FUZZ_ONE(struct api_comment, api_parse_comment, fuzz_comment, api_comment_free);
	FUZZ_ONE(struct api_poll, api_parse_poll, fuzz_poll, api_poll_free);
	FUZZ_ONE(struct api_ballot, api_parse_ballot, fuzz_ballot, api_ballot_free);
	FUZZ_ONE(struct api_results, api_parse_results, fuzz_results, api_results_free);
	FUZZ_ONE(struct api_survey, api_parse_survey, fuzz_survey, api_survey_free);
	FUZZ_ONE(struct api_login, api_parse_login, fuzz_login, api_login_free);
	FUZZ_ONE(struct api_activity, api_parse_activity, fuzz_activity, api_activity_free);
	FUZZ_LIST(struct api_project_list, api_parse_project_list, fuzz_project,
	    api_project_list_free);
	FUZZ_LIST(struct api_idea_list, api_parse_idea_list, fuzz_idea, api_idea_list_free);
	FUZZ_LIST(struct api_comment_list, api_parse_comment_list, fuzz_comment,
	    api_comment_list_free);
	FUZZ_LIST(struct api_queue_list, api_parse_queue_list, fuzz_queue_item,
	    api_queue_list_free);
	/* A queue item has no public _free: it only comes in a list. */
	if (api_parse_queue_item(j, &q) == 0) {
		fuzz_queue_item(&q);
		api_queue_item_clear(&q);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *j = cJSON_ParseWithLength((const char *)data, size);
	char *printed;

	if (j == NULL)
		return 0;
	fuzz_parsers(j);
	/* The --json output: pretty JSON, lines allowed, nothing else. */
	if ((printed = api_json_print(j)) != NULL) {
		MULTI(printed);
		free(printed);
	}
	cJSON_Delete(j);
	return 0;
}
