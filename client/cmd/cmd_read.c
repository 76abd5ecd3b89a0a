/* cmd_read.c — one-shot commands that only read: projects, ideas, comments, polls, results. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/cmd/cmd_int.h"
#include "client/i18n.h"
#include "client/ui/ui.h"

#define CMD_PAGE	100	/* items per request; text output follows "next" */
#define CMD_PAGES_MAX	50	/* bound on pages fetched for one listing */

/* A project reference: digits are an id, anything else a slug, which the
 * detail endpoint accepts as well. Returns the id or -1 (error printed). */
static long long
cmd_project_id(struct cmd_ctx *c, const char *ref, int *status)
{
	struct api_project *p = NULL;
	long long id;

	*status = CLIENT_EXIT_OK;
	if (ref[0] >= '0' && ref[0] <= '9') {
		id = cmd_id(ref, _("project"));
		if (id < 0)
			*status = CLIENT_EXIT_USAGE;
		return id;
	}
	if (api_project_get(c->api, ref, &p) < 0) {
		*status = cmd_api_fail(c);
		return -1;
	}
	id = p->id;
	api_project_free(p);
	return id;
}

/* The author as shown; the server sends null for a deleted account. */
/* A count put into the plural form ngettext() chose ("%ld comment"). */
static const char *cmd_count(char *buf, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *
cmd_count(char *buf, size_t sz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sz, fmt, ap);
	va_end(ap);
	return buf;
}

static const char *
cmd_author(const char *author)
{
	return author != NULL ? author : _("(deleted account)");
}

int
cmd_projects(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_project_list *l = NULL;
	char *after = NULL, d1[64], d2[64];
	size_t i;
	int page, r = CLIENT_EXIT_OK;

	for (page = 0; page < CMD_PAGES_MAX; page++) {
		if (api_projects(c->api, a->val[0], a->val[1], after, CMD_PAGE,
		    &l) < 0) {
			r = cmd_api_fail(c);
			break;
		}
		free(after);
		after = NULL;
		if (cmd_print_json(c)) {
			api_project_list_free(l);
			break;
		}
		for (i = 0; i < l->n; i++) {
			const struct api_project *p = &l->items[i];

			printf("%lld  %s  %s  %s  (%s – %s)\n", p->id,
			    ui_status_word(p->status),
			    p->category ? p->category : "",
			    p->title ? p->title : "",
			    cmd_date(p->starts_at, d1, sizeof(d1)),
			    cmd_end_date(p->ends_at, d2, sizeof(d2)));
		}
		if (page == 0 && l->n == 0)
			printf("%s\n", _("No projects match."));
		if (l->next != NULL)
			after = strdup(l->next);
		api_project_list_free(l);
		if (after == NULL)
			break;
	}
	free(after);
	return r;
}

int
cmd_project(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_project *p = NULL;
	char d1[64], d2[64], ni[64], nc[64], np[64];
	size_t i;

	if (api_project_get(c->api, a->pos[0], &p) < 0)
		return cmd_api_fail(c);
	if (cmd_print_json(c)) {
		api_project_free(p);
		return CLIENT_EXIT_OK;
	}
	printf("%s\n", p->title ? p->title : "");
	/* L10N: project header; %lld id, then status, category, start and end date. */
	printf(_("Project %lld, %s, %s, %s – %s\n"), p->id,
	    ui_status_word(p->status), p->category ? p->category : "",
	    cmd_date(p->starts_at, d1, sizeof(d1)),
	    cmd_end_date(p->ends_at, d2, sizeof(d2)));
	/* Counts in the plural forms of the language ("1 Kommentar"). */
	printf("%s, %s, %s\n", cmd_count(ni, sizeof(ni), ngettext("%ld idea", "%ld ideas",
	    (unsigned long)p->n_ideas), p->n_ideas),
	    cmd_count(nc, sizeof(nc), ngettext("%ld comment", "%ld comments",
	    (unsigned long)p->n_comments), p->n_comments),
	    cmd_count(np, sizeof(np), ngettext("%ld participant", "%ld participants",
	    (unsigned long)p->n_participants), p->n_participants));
	if (p->summary != NULL)
		cmd_print_indented(p->summary, 0);
	if (p->description != NULL) {
		printf("\n");
		cmd_print_indented(p->description, 0);
	}
	printf("\n%s\n", p->ideas_open ? _("Ideas: open for new ideas") :
	    _("Ideas: not open for new ideas"));
	for (i = 0; i < p->n_polls; i++) {
		const struct api_format_poll *f = &p->polls[i];

		/* L10N: a poll line of a project: id, kind, status, title. */
		printf(_("Poll %lld  %s  %s  %s\n"), f->id, ui_poll_kind_word(f->kind),
		    ui_status_word(f->status), f->title ? f->title : "");
	}
	for (i = 0; i < p->n_surveys; i++) {
		const struct api_format_survey *f = &p->surveys[i];

		printf(_("Survey %lld  %s  %s\n"), f->id,
		    ui_status_word(f->status), f->title ? f->title : "");
	}
	api_project_free(p);
	return CLIENT_EXIT_OK;
}

int
cmd_ideas(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_idea_list *l = NULL;
	char *after = NULL;
	const char *sort = a->val[0];
	long long pid;
	char ns[64], nc[64];
	size_t i;
	int page, r = CLIENT_EXIT_OK;

	if (sort != NULL && strcmp(sort, "top") != 0 && strcmp(sort, "new") != 0)
		return cmd_usage_error(_("--sort must be 'top' or 'new'"));
	pid = cmd_project_id(c, a->pos[0], &r);
	if (pid < 0)
		return r;
	for (page = 0; page < CMD_PAGES_MAX; page++) {
		if (api_project_ideas(c->api, pid, sort, after, CMD_PAGE, &l) < 0) {
			r = cmd_api_fail(c);
			break;
		}
		free(after);
		after = NULL;
		if (cmd_print_json(c)) {
			api_idea_list_free(l);
			break;
		}
		for (i = 0; i < l->n; i++) {
			const struct api_idea *it = &l->items[i];

			/* An idea line: id, supports, comments, title, author. */
			printf("%lld  %s  %s  %s  (%s)%s\n", it->id,
			    cmd_count(ns, sizeof(ns), ngettext("%ld support", "%ld supports",
			    (unsigned long)it->supports), it->supports),
			    cmd_count(nc, sizeof(nc), ngettext("%ld comment", "%ld comments",
			    (unsigned long)it->comments), it->comments),
			    it->title ? it->title : "", cmd_author(it->author),
			    it->supported_by_me == 1 ? _(" - you support this") : "");
		}
		if (page == 0 && l->n == 0)
			printf("%s\n", _("No ideas yet."));
		if (l->next != NULL)
			after = strdup(l->next);
		api_idea_list_free(l);
		if (after == NULL)
			break;
	}
	free(after);
	return r;
}

int
cmd_idea(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_idea *it = NULL;
	long long id = cmd_id(a->pos[0], _("idea"));
	char d[64], ns[64], nc[64];

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (api_idea_get(c->api, id, &it) < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c)) {
		printf("%s\n", it->title ? it->title : "");
		/* L10N: idea header: id, author, date, status. */
		printf(_("Idea %lld by %s, %s, %s\n"), it->id,
		    cmd_author(it->author), cmd_date(it->created_at, d, sizeof(d)),
		    ui_status_word(it->status));
		printf("%s, %s%s\n",
		    cmd_count(ns, sizeof(ns), ngettext("%ld support", "%ld supports",
		    (unsigned long)it->supports), it->supports),
		    cmd_count(nc, sizeof(nc), ngettext("%ld comment", "%ld comments",
		    (unsigned long)it->comments), it->comments),
		    it->supported_by_me == 1 ? _(", you support this") : "");
		if (it->moderation_reason != NULL)
			printf(_("Moderation: %s\n"), it->moderation_reason);
		if (it->body != NULL) {
			printf("\n");
			cmd_print_indented(it->body, 0);
		}
	}
	api_idea_free(it);
	return CLIENT_EXIT_OK;
}

int
cmd_comments(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_comment_list *l = NULL;
	long long id = cmd_id(a->pos[0], _("idea"));
	char *after = NULL, d[64];
	size_t i;
	int page, r = CLIENT_EXIT_OK;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	for (page = 0; page < CMD_PAGES_MAX; page++) {
		if (api_idea_comments(c->api, id, after, CMD_PAGE, &l) < 0) {
			r = cmd_api_fail(c);
			break;
		}
		free(after);
		after = NULL;
		if (cmd_print_json(c)) {
			api_comment_list_free(l);
			break;
		}
		for (i = 0; i < l->n; i++) {
			const struct api_comment *cm = &l->items[i];
			int ind = cm->parent_id ? 2 : 0;

			/* L10N: a comment header: id, author, date. */
			printf("%*s", ind, "");
			printf(_("%lld  %s, %s:\n"), cm->id,
			    cmd_author(cm->author),
			    cmd_date(cm->created_at, d, sizeof(d)));
			if (cm->body != NULL)
				cmd_print_indented(cm->body, ind + 2);
		}
		if (page == 0 && l->n == 0)
			printf("%s\n", _("No comments yet."));
		if (l->next != NULL)
			after = strdup(l->next);
		api_comment_list_free(l);
		if (after == NULL)
			break;
	}
	free(after);
	return r;
}

int
cmd_poll(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_poll *p = NULL;
	long long id = cmd_id(a->pos[0], _("poll"));
	char d1[64];
	size_t i, k;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (api_poll_get(c->api, id, &p) < 0)
		return cmd_api_fail(c);
	if (cmd_print_json(c)) {
		api_poll_free(p);
		return CLIENT_EXIT_OK;
	}
	printf("%s\n", p->title ? p->title : "");
	if (p->question != NULL)
		cmd_print_indented(p->question, 0);
	/* L10N: poll header: id, kind (single/multiple/ranking), status, closing time. */
	printf(_("Poll %lld, %s, %s, closes %s\n"), p->id, ui_poll_kind_word(p->kind),
	    ui_status_word(p->status), p->closes_at ? cmd_end_date(p->closes_at, d1, sizeof(d1)) : "-");
	switch (p->kind) {
	case API_POLL_RANKING:
		printf(ngettext("Rank up to %d option, first choice first.\n",
		    "Rank up to %d options, first choice first.\n", (unsigned long)p->max_choices),
		    p->max_choices);
		break;
	case API_POLL_MULTIPLE:
		printf(ngettext("Choose up to %d option.\n", "Choose up to %d options.\n",
		    (unsigned long)p->max_choices), p->max_choices);
		break;
	case API_POLL_SINGLE:
	case API_POLL_UNKNOWN:
		printf("%s\n", _("Choose one option."));
		break;
	}
	for (i = 0; i < p->n_options; i++) {
		const struct api_option *o = &p->options[i];
		int mine = 0;

		for (k = 0; k < p->n_my_ballot; k++)
			if (p->my_ballot[k] == o->id)
				mine = (int)k + 1;
		/* The numbers 'vote' takes, as the poll's page shows them. */
		printf("%zu. %s", i + 1, o->title ? o->title : "");
		if (mine > 0)
			printf(_(" - your choice %d"), mine);
		printf("\n");
		if (o->description != NULL && o->description[0] != '\0')
			cmd_print_indented(o->description, 4);
		if (o->has_location && o->address != NULL)
			printf(_("    Address: %s\n"), o->address);
	}
	if (p->has_ballot && p->n_my_ballot > 0)
		printf("%s\n", _("You have voted; vote again to change your ballot."));
	else if (p->has_ballot || api_token(c->api) != NULL)
		printf("%s\n", _("You have not voted yet."));
	api_poll_free(p);
	return CLIENT_EXIT_OK;
}

int
cmd_results(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_results *r = NULL;
	long long id = cmd_id(a->pos[0], _("poll"));
	char pct[32];
	size_t i;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (api_poll_results(c->api, id, &r) < 0)
		return cmd_api_fail(c);
	if (cmd_print_json(c)) {
		api_results_free(r);
		return CLIENT_EXIT_OK;
	}
	/* L10N: results header: poll id, final or preliminary, then "12
	 * ballots: 8 online, 4 on paper". */
	printf(ngettext("Results of poll %lld (%s): %ld ballot: %ld online, %ld on paper\n",
	    "Results of poll %lld (%s): %ld ballots: %ld online, %ld on paper\n",
	    (unsigned long)r->ballots_total),
	    r->poll_id, r->final ? _("final") : _("preliminary"),
	    r->ballots_total, r->ballots_online, r->ballots_analog);
	if (r->analog_invalid > 0)
		printf(ngettext("%ld blank or invalid paper ballot is not counted.\n",
		    "%ld blank or invalid paper ballots are not counted.\n",
		    (unsigned long)r->analog_invalid), r->analog_invalid);
	if (r->tallies_pending > 0)
		printf(ngettext(
		    "%ld paper sheet is not counted yet: it waits for its second keying or its two keyings differ.\n",
		    "%ld paper sheets are not counted yet: they wait for their second keying or their two keyings differ.\n",
		    (unsigned long)r->tallies_pending), r->tallies_pending);
	for (i = 0; i < r->n_options; i++) {
		const struct api_result_option *o = &r->options[i];

		printf("%d. %s  ", o->rank, o->title ? o->title : "");
		if (o->has_points)
			printf(ngettext("%ld point (%ld online, %ld paper)",
			    "%ld points (%ld online, %ld paper)", (unsigned long)o->points),
			    o->points, o->online, o->analog);
		else
			/* L10N: votes of an option, then its share ("32.3%"). */
			printf(ngettext("%ld vote (%ld online, %ld paper), %s",
			    "%ld votes (%ld online, %ld paper), %s", (unsigned long)o->total),
			    o->total, o->online, o->analog, ui_percent(o->share, 1, pct, sizeof(pct)));
		printf("\n");
	}
	api_results_free(r);
	return CLIENT_EXIT_OK;
}
