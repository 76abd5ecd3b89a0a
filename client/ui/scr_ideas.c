/* scr_ideas.c — screens: a project's ideas (sorted, paged) and one idea with its comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"

/* --------------------------------------------------------- idea list */

struct ideas {
	long long		 project_id;
	char			*project_title;
	int			 sort_new;	/* 0: top, 1: new */
	struct api_idea_list	*list;
	struct ui_pager		 pg;
};

enum { IDEAS_IDEA = 1, IDEAS_MORE, IDEAS_NEW };

static int
ideas_load(struct app *app, struct screen *s)
{
	struct ideas *d = s->data;

	api_idea_list_free(d->list);
	d->list = NULL;
	if (api_project_ideas(app->api, d->project_id, d->sort_new ? "new" : "top",
	    d->pg.after, UI_PAGE_SIZE, &d->list) < 0)
		return ui_fail(app, _("The ideas could not be loaded."), 0);
	return 0;
}

/* "12 supports, 3 comments, by Anna" and the state in words. */
static void
ideas_describe(struct page_item *it, const struct api_idea *i)
{
	char ns[64], nc[64];

	snprintf(ns, sizeof(ns), ngettext("%ld support", "%ld supports", (unsigned long)i->supports), i->supports);
	snprintf(nc, sizeof(nc), ngettext("%ld comment", "%ld comments", (unsigned long)i->comments), i->comments);
	/* L10N: counts and author of an idea in a list: "12 supports, 3 comments, by Anna". */
	page_item_detail(it, _("%s, %s, by %s"), ns, nc,
	    i->author != NULL ? i->author : _("deleted account"));
	if (i->status != API_STATUS_PUBLISHED)
		page_item_state(it, "%s", ui_status_word(i->status));
	else if (i->supported_by_me == 1)
		page_item_state(it, "%s", _("you support this"));
}

static void
ideas_build(struct app *app, struct screen *s, struct page *p)
{
	struct ideas *d = s->data;
	struct page_item *it;
	size_t i;

	(void)app;
	/* The breadcrumb names the project; the heading does not say it
	 * again (line mode has just said it as the page before). */
	page_set_breadcrumb(p, _("Projects / %s"), d->project_title);
	page_set_heading(p, "%s", _("Ideas"));
	ui_count_note(p, d->sort_new ? _("Newest first") : _("Most support first"), NULL,
	    d->pg.n_prev * UI_PAGE_SIZE + 1, d->pg.n_prev * UI_PAGE_SIZE + d->list->n, d->list->total);
	if (d->list->n == 0)
		page_add_text(p, PAGE_TEXT_PARA, "%s", _("No ideas yet."));
	for (i = 0; i < d->list->n; i++) {
		if ((it = page_add_item(p, PAGE_ITEM_LINK, d->list->items[i].title)) == NULL)
			return;
		it->ref = IDEAS_IDEA;
		it->id = d->list->items[i].id;
		ideas_describe(it, &d->list->items[i]);
	}
	if (d->list->next != NULL && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("More ideas"))) != NULL)
		it->ref = IDEAS_MORE;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Write a new idea"))) != NULL)
		it->ref = IDEAS_NEW;
	page_add_action(p, ACTION_OPEN, _("open"));
	page_add_action(p, ACTION_SORT, d->sort_new ? _("sort by support") : _("sort by newest"));
	if (d->list->next != NULL)
		page_add_action(p, ACTION_NEXT_PAGE, _("more"));
	if (d->pg.n_prev > 0)
		page_add_action(p, ACTION_PREV_PAGE, _("earlier"));
	page_add_action(p, ACTION_NEW_IDEA, _("new idea"));
}

static int
ideas_page(struct app *app, struct screen *s, int dir)
{
	struct ideas *d = s->data;

	return ui_pager_step(app, s, &d->pg, d->list != NULL ? d->list->next : NULL, dir);
}

static int
ideas_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct ideas *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		if (it->ref == IDEAS_MORE)
			return ideas_page(app, s, 1);
		if (it->ref == IDEAS_NEW)
			scr_idea_form_open(app, d->project_id, d->project_title);
		else
			scr_idea_open(app, it->id);
		return APP_OK;
	case ACTION_NEXT_PAGE:
		return ideas_page(app, s, 1);
	case ACTION_PREV_PAGE:
		return ideas_page(app, s, -1);
	case ACTION_SORT:
		d->sort_new = !d->sort_new;
		ui_pager_reset(&d->pg);
		s->loaded = 0;
		s->focus = 0;
		ui_status(app, "%s", d->sort_new ? _("Newest ideas first.") : _("Ideas with most support first."));
		return APP_OK;
	case ACTION_NEW_IDEA:
		scr_idea_form_open(app, d->project_id, d->project_title);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
ideas_free(struct app *app, struct screen *s)
{
	struct ideas *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	ui_pager_reset(&d->pg);
	api_idea_list_free(d->list);
	free(d->project_title);
	free(d);
}

static const struct screen_type scr_ideas = {
	.name = "ideas",
	.load = ideas_load,
	.build = ideas_build,
	.action = ideas_action,
	.free = ideas_free,
};

int
scr_ideas_open(struct app *app, long long project_id, const char *project_title)
{
	struct ideas *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->project_id = project_id;
	if ((d->project_title = strdup(project_title != NULL ? project_title : "")) == NULL) {
		free(d);
		return -1;
	}
	return ui_push(app, &scr_ideas, d);
}

int
scr_ideas_with(struct app *app, long long project_id, const char *title, struct api_idea_list *l)
{
	struct ideas *d;

	if (l == NULL || scr_ideas_open(app, project_id, title) < 0) {
		api_idea_list_free(l);
		return -1;
	}
	d = app->top->data;
	d->list = l;
	app->top->loaded = 1;
	return 0;
}

/* ---------------------------------------------------------- one idea */

struct idea {
	long long		 id;
	struct api_idea		*idea;
	struct api_comment_list	*comments;
};

enum { IDEA_SUPPORT = 1, IDEA_COMMENT, IDEA_WRITE };

static int
idea_load(struct app *app, struct screen *s)
{
	struct idea *d = s->data;

	api_idea_free(d->idea);
	d->idea = NULL;
	api_comment_list_free(d->comments);
	d->comments = NULL;
	if (api_idea_get(app->api, d->id, &d->idea) < 0)
		return ui_fail(app, _("The idea could not be loaded."), 0);
	if (api_idea_comments(app->api, d->id, NULL, 100, &d->comments) < 0)
		d->comments = NULL;
	return 0;
}

static void
idea_build(struct app *app, struct screen *s, struct page *p)
{
	struct idea *d = s->data;
	const struct api_idea *i = d->idea;
	struct page_item *it;
	const char *author;
	char when[64], ns[64], who[256];
	int published = i->status == API_STATUS_UNKNOWN || i->status == API_STATUS_PUBLISHED;

	page_set_breadcrumb(p, "%s", _("Ideas"));
	page_set_heading(p, "%s", i->title);
	ui_date(i->created_at, when, sizeof(when));
	/* Author and date as a comment says them: "Anna K., 3 April 2026."
	 * A brief line-mode page says who, as for a comment; the date with
	 * the rest (t). */
	author = i->author != NULL ? i->author : _("deleted account");
	snprintf(who, sizeof(who), _("%s, %s"), author, when);
	if (page_add_text(p, PAGE_TEXT_NOTE, "%s.", who) == 0 &&
	    strncmp(who, author, strlen(author)) == 0 && who[strlen(author)] != '\0')
		p->text[p->n_text - 1].brief = strlen(author);
	if (!published) {
		page_add_text(p, PAGE_TEXT_NOTE, _("State: %s."), ui_status_word(i->status));
		if (i->moderation_reason != NULL)
			page_add_text(p, PAGE_TEXT_NOTE, _("Reason: %s"), i->moderation_reason);
	}
	ui_add_paragraphs(p, i->body);
	/* "9 supports.", as the list says it. */
	snprintf(ns, sizeof(ns), ngettext("%ld support", "%ld supports", (unsigned long)i->supports),
	    i->supports);
	page_add_text(p, PAGE_TEXT_NOTE, "%s.", ns);
	if (i->supported_by_me == 1)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You support this idea."));
	if (published) {
		it = page_add_item(p, PAGE_ITEM_BUTTON,
		    i->supported_by_me == 1 ? _("Stop supporting this idea") : _("Support this idea"));
		/* "Stop supporting this idea" says the state already. */
		if (it != NULL)
			it->ref = IDEA_SUPPORT;
	}
	ui_add_comments(p, d->comments, IDEA_COMMENT, i->created_at);
	if (published && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Write a comment"))) != NULL) {
		char group[96];

		snprintf(group, sizeof(group), _("Comments (%ld)"), d->comments != NULL ? d->comments->total : 0L);
		page_item_group(it, group);
		it->ref = IDEA_WRITE;
	}
	if (published) {
		page_add_action(p, ACTION_SUPPORT, i->supported_by_me == 1 ? _("unsupport") : _("support"));
		page_add_action(p, ACTION_COMMENT, _("comment"));
		if (d->comments != NULL && d->comments->n > 0)
			page_add_action(p, ACTION_REPLY, _("reply"));
		page_add_action(p, ACTION_REPORT, _("report"));
	}
	if (!app_logged_in(app))
		page_add_action(p, ACTION_LOGIN, _("log in"));
}

static int
idea_support(struct app *app, struct screen *s)
{
	struct idea *d = s->data;
	struct api_support res;
	int want = d->idea->supported_by_me != 1;
	int rc;
	char ns[64];

	/* Logged in to support (ui_resume()): an idea this login already
	 * supports stays supported. */
	if (ui_resuming(app) && !want) {
		ui_status(app, "%s", _("You support this idea."));
		return APP_OK;
	}
	if (!app_logged_in(app)) {
		ui_status(app, "%s", _("Please log in to support ideas."));
		scr_login_open(app);
		return APP_OK;
	}
	ui_loading(app);
	rc = want ? api_idea_support(app->api, d->id, &res) : api_idea_unsupport(app->api, d->id, &res);
	if (rc < 0) {
		ui_fail(app, want ? _("Your support was not saved.") : _("Your support was not removed."), 1);
		return APP_OK;
	}
	d->idea->supported_by_me = res.supported;
	d->idea->supports = res.supports;
	snprintf(ns, sizeof(ns), ngettext("%ld support", "%ld supports", (unsigned long)res.supports),
	    res.supports);
	/* A second Enter must not take it back: the focus leaves the
	 * button that now says "Stop supporting". */
	if (res.supported && want && app->page != NULL && s->focus >= 0 &&
	    (size_t)s->focus < app->page->n_item &&
	    app->page->item[s->focus].ref == IDEA_SUPPORT &&
	    (size_t)s->focus + 1 < app->page->n_item)
		s->focus++;
	if (res.supported)
		/* L10N: %s is the count: "12 supports". */
		ui_status(app, _("You support it now (%s)."), ns);
	else
		ui_status(app, _("You no longer support it (%s)."), ns);
	return APP_OK;
}

static int
idea_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct idea *d = s->data;
	const struct page_item *it = page_focused(app->page);
	int published = d->idea->status == API_STATUS_UNKNOWN ||
	    d->idea->status == API_STATUS_PUBLISHED;

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		if (it->ref == IDEA_SUPPORT)
			return idea_support(app, s);
		if (it->ref == IDEA_COMMENT)
			scr_comment_form_open(app, d->id, 0, ui_reply_target(d->comments, it->id), it->detail);
		else if (it->ref == IDEA_WRITE)
			scr_comment_form_open(app, d->id, 0, 0, d->idea->title);
		return APP_OK;
	case ACTION_SUPPORT:
		if (!published)
			return APP_OK;
		return idea_support(app, s);
	case ACTION_COMMENT:
		if (published)
			scr_comment_form_open(app, d->id, 0, 0, d->idea->title);
		return APP_OK;
	case ACTION_REPLY:
		if (it == NULL || it->ref != IDEA_COMMENT)
			ui_status(app, "%s", _("Move to a comment first, then reply."));
		else
			scr_comment_form_open(app, d->id, 0, ui_reply_target(d->comments, it->id), it->detail);
		return APP_OK;
	case ACTION_REPORT:
		if (it != NULL && it->ref == IDEA_COMMENT)
			scr_report_open(app, 0, it->id, it->detail);
		else
			scr_report_open(app, d->id, 0, d->idea->title);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
idea_free(struct app *app, struct screen *s)
{
	struct idea *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_idea_free(d->idea);
	api_comment_list_free(d->comments);
	free(d);
}

static const struct screen_type scr_idea = {
	.name = "idea",
	.load = idea_load,
	.build = idea_build,
	.action = idea_action,
	.free = idea_free,
};

int
scr_idea_open(struct app *app, long long id)
{
	struct idea *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->id = id;
	return ui_push(app, &scr_idea, d);
}

int
scr_idea_with(struct app *app, struct api_idea *i, struct api_comment_list *c)
{
	struct idea *d = calloc(1, sizeof(*d));

	if (d == NULL || i == NULL) {
		free(d);
		api_idea_free(i);
		api_comment_list_free(c);
		return -1;
	}
	d->id = i->id;
	d->idea = i;
	d->comments = c;
	return ui_push_loaded(app, &scr_idea, d);
}
