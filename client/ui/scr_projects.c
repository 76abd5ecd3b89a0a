/* scr_projects.c — screens: the project list, its filter and one project's page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"

/* ------------------------------------------------------ project list */

struct projects {
	char			 status[16];	/* open | upcoming | closed | all */
	char			 category[16];	/* "" for all */
	struct api_project_list	*list;
	struct ui_pager		 pg;
};

static const char *
projects_category_word(const char *c)
{
	if (c == NULL || *c == '\0')
		return _("all categories");
	if (strcmp(c, "smart-city") == 0)
		return _("Smart City");
	if (strcmp(c, "city-hall") == 0)
		return _("City Hall");
	return c;
}

/* lead: as the start of a sentence ("Open projects: 4."). */
static const char *
projects_status_phrase(const char *s, int lead)
{
	if (strcmp(s, "upcoming") == 0)
		return lead ? _("Upcoming projects") : _("upcoming projects");
	if (strcmp(s, "closed") == 0)
		return lead ? _("Closed projects") : _("closed projects");
	if (strcmp(s, "all") == 0)
		return lead ? _("All projects") : _("all projects");
	return lead ? _("Open projects") : _("open projects");
}

static int
projects_load(struct app *app, struct screen *s)
{
	struct projects *d = s->data;

	api_project_list_free(d->list);
	d->list = NULL;
	if (api_projects(app->api, d->status, d->category[0] ? d->category : NULL,
	    d->pg.after, UI_PAGE_SIZE, &d->list) < 0)
		return ui_fail(app, _("The projects could not be loaded."), 0);
	return 0;
}

static void
projects_build(struct app *app, struct screen *s, struct page *p)
{
	struct projects *d = s->data;
	struct page_item *it;
	char when[96];
	size_t i;

	/* No tagline: the first line names the platform, the heading and
	 * the count say what the page holds, and a tagline would be the
	 * same sentence before the list at every start. */
	page_set_heading(p, "%s", _("Projects"));
	if (app_user_name(app) != NULL)
		page_add_text(p, PAGE_TEXT_NOTE, _("Logged in as %s."),
		    ui_name(_("Logged in as %s."), app_user_name(app), when, sizeof(when)));
	if (d->list == NULL)
		return;
	ui_count_note(p, projects_status_phrase(d->status, 1),
	    d->category[0] ? projects_category_word(d->category) : NULL,
	    d->pg.n_prev * UI_PAGE_SIZE + 1, d->pg.n_prev * UI_PAGE_SIZE + d->list->n, d->list->total);
	if (d->list->n == 0)
		page_add_text(p, PAGE_TEXT_PARA, "%s", _("No projects match this filter."));
	for (i = 0; i < d->list->n; i++) {
		const struct api_project *pr = &d->list->items[i];

		if ((it = page_add_item(p, PAGE_ITEM_LINK, pr->title)) == NULL)
			return;
		it->id = pr->id;
		it->ref = 1;
		if (pr->summary != NULL)
			page_item_detail(it, "%s", pr->summary);
		page_item_state(it, "%s", ui_window_text(pr->status, pr->starts_at, pr->ends_at,
		    when, sizeof(when)));
	}
	if (d->list->next != NULL) {
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("More projects"))) != NULL)
			it->ref = 2;
		page_add_action(p, ACTION_NEXT_PAGE, _("more"));
	}
	if (d->pg.n_prev > 0)
		page_add_action(p, ACTION_PREV_PAGE, _("earlier"));
	page_add_action(p, ACTION_OPEN, _("open"));
	page_add_action(p, ACTION_FILTER, _("filter"));
	/* L10N: the label of L, which opens the list of languages; add the
	 * English word after a slash so that people who cannot read this
	 * language find it: "Sprache/Language". */
	page_add_action(p, ACTION_LANGUAGE, _("language"));
	if (app_logged_in(app))
		page_add_action(p, ACTION_ACCOUNT, _("my account"));
	else
		page_add_action(p, ACTION_LOGIN, _("log in"));
	if (ui_role_at_least(app, API_ROLE_MODERATOR))
		page_add_action(p, ACTION_MODERATION, _("moderation"));
	page_add_action(p, ACTION_QUIT, app_kiosk(app) ? _("end session") : _("quit"));
}

static int
projects_step(struct app *app, struct screen *s, int dir)
{
	struct projects *d = s->data;

	return ui_pager_step(app, s, &d->pg, d->list != NULL ? d->list->next : NULL, dir);
}

static int scr_filter_open(struct app *app, struct projects *d);

static int
projects_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct projects *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		if (it->ref == 2)
			return projects_step(app, s, 1);
		scr_project_open(app, it->id);
		return APP_OK;
	case ACTION_NEXT_PAGE:
		return projects_step(app, s, 1);
	case ACTION_PREV_PAGE:
		return projects_step(app, s, -1);
	case ACTION_FILTER:
		scr_filter_open(app, d);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
projects_free(struct app *app, struct screen *s)
{
	struct projects *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	ui_pager_reset(&d->pg);
	api_project_list_free(d->list);
	free(d);
}

static const struct screen_type scr_projects = {
	.name = "projects",
	.load = projects_load,
	.build = projects_build,
	.action = projects_action,
	.free = projects_free,
};

int
scr_projects_open(struct app *app)
{
	struct projects *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	snprintf(d->status, sizeof(d->status), "open");
	return ui_push(app, &scr_projects, d);
}

int
scr_projects_with(struct app *app, struct api_project_list *l)
{
	struct projects *d = calloc(1, sizeof(*d));

	if (d == NULL) {
		api_project_list_free(l);
		return -1;
	}
	snprintf(d->status, sizeof(d->status), "open");
	d->list = l;
	return ui_push_loaded(app, &scr_projects, d);
}

/* ------------------------------------------------------------ filter */

struct filter {
	struct projects	*list;	/* the list screen right below */
};

static const char *const filter_status[] = { "open", "upcoming", "closed", "all" };
static const char *const filter_category[] = { "", "smart-city", "city-hall" };

static void
filter_build(struct app *app, struct screen *s, struct page *p)
{
	struct filter *d = s->data;
	struct page_item *it;
	size_t i;

	(void)app;
	page_set_heading(p, "%s", _("Filter projects"));
	page_set_breadcrumb(p, "%s", _("Projects"));
	p->context = "form";
	for (i = 0; i < 4; i++) {
		if ((it = page_add_item(p, PAGE_ITEM_RADIO, projects_status_phrase(filter_status[i], 0))) == NULL)
			return;
		page_item_group(it, _("Which projects"));
		it->ref = 1;
		it->id = (long)i;
		it->checked = strcmp(d->list->status, filter_status[i]) == 0;
		page_item_state(it, "%s", it->checked ? "(*)" : "( )");
	}
	for (i = 0; i < 3; i++) {
		if ((it = page_add_item(p, PAGE_ITEM_RADIO, projects_category_word(filter_category[i]))) == NULL)
			return;
		page_item_group(it, _("Category"));
		it->ref = 2;
		it->id = (long)i;
		it->checked = strcmp(d->list->category, filter_category[i]) == 0;
		page_item_state(it, "%s", it->checked ? "(*)" : "( )");
	}
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Show these projects"))) != NULL)
		it->ref = 3;
	page_add_action(p, ACTION_TOGGLE, _("choose"));
}

static int
filter_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct filter *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	if (a != ACTION_OPEN && a != ACTION_TOGGLE)
		return SCREEN_PASS;
	if (it == NULL)
		return APP_OK;
	if (it->ref == 3) {
		ui_pop(app);
		return APP_OK;
	}
	if (it->ref == 1)
		snprintf(d->list->status, sizeof(d->list->status), "%s", filter_status[it->id]);
	else
		snprintf(d->list->category, sizeof(d->list->category), "%s", filter_category[it->id]);
	ui_pager_reset(&d->list->pg);
	s->below->loaded = 0;
	s->below->focus = 0;
	/* L10N: "Showing closed projects, all categories." */
	ui_status(app, _("Showing %s, %s."), projects_status_phrase(d->list->status, 0),
	    projects_category_word(d->list->category));
	return APP_OK;
}

static void
filter_free(struct app *app, struct screen *s)
{
	(void)app;
	free(s->data);
}

static const struct screen_type scr_filter = {
	.name = "filter",
	.build = filter_build,
	.action = filter_action,
	.free = filter_free,
};

static int
scr_filter_open(struct app *app, struct projects *list)
{
	struct filter *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->list = list;
	return ui_push(app, &scr_filter, d);
}

/* ----------------------------------------------------- one project */

struct project {
	long long		 id;
	struct api_project	*p;
	struct api_comment_list	*comments;
};

enum { PRJ_IDEAS = 1, PRJ_NEW_IDEA, PRJ_POLL, PRJ_SURVEY, PRJ_COMMENT, PRJ_WRITE };

static int
project_load(struct app *app, struct screen *s)
{
	struct project *d = s->data;
	char ref[32];

	api_project_free(d->p);
	d->p = NULL;
	api_comment_list_free(d->comments);
	d->comments = NULL;
	snprintf(ref, sizeof(ref), "%lld", d->id);
	if (api_project_get(app->api, ref, &d->p) < 0)
		return ui_fail(app, _("The project could not be loaded."), 0);
	/* Comments are a part of the page, not the whole of it. */
	if (api_project_comments(app->api, d->id, NULL, 100, &d->comments) < 0)
		d->comments = NULL;
	return 0;
}

long long
ui_reply_target(const struct api_comment_list *l, long long id)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (l->items[i].id == id && l->items[i].parent_id != 0)
			return l->items[i].parent_id;
	return id;
}

/* A reply says whom it answers ("reply to: Anna K."): the indent alone is
 * lost on a screen reader, and a lone "reply" reads like the verb. */
static void
ui_reply_state(struct page_item *it, const struct api_comment_list *l, long long parent)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].id == parent && l->items[i].author != NULL) {
			page_item_state(it, _("Reply to: %.80s"), l->items[i].author);
			return;
		}
	page_item_state(it, "%s", _("reply"));
}

/* Oldest first by id (the server's ids grow with time): a new comment or
 * reply comes last, so the numbers already heard keep their comments. */
static int
ui_comment_cmp(const void *a, const void *b)
{
	const struct api_comment *x = *(const struct api_comment *const *)a;
	const struct api_comment *y = *(const struct api_comment *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The comments of l as items. A date leaves out its year when it is the
 * year said just before (since, the idea's date, then the comment above):
 * "Anna K., 16 November 2026." then "Thomas B., 19 November".
 */
void
ui_add_comments(struct page *p, const struct api_comment_list *l, int ref, const char *since)
{
	struct page_item *it;
	const struct api_comment **order;
	char group[96], when[64];
	size_t i;

	if (l == NULL || l->n == 0)
		return;
	/* The server lists replies after their parent; numbered so, a new
	 * reply to an old comment would renumber every comment after it. */
	if ((order = calloc(l->n, sizeof(*order))) == NULL)
		return;
	for (i = 0; i < l->n; i++)
		order[i] = &l->items[i];
	qsort(order, l->n, sizeof(*order), ui_comment_cmp);
	/* L10N: sub-heading with the number of comments. */
	snprintf(group, sizeof(group), _("Comments (%ld)"), l->total);
	for (i = 0; i < l->n; i++) {
		const struct api_comment *c = order[i];
		const char *who;

		ui_date_after(c->created_at, since, when, sizeof(when));
		if (c->created_at != NULL)
			since = c->created_at;
		/* L10N: who wrote a comment and when: "Anna, 3 April 2026". */
		if ((it = page_add_item(p, PAGE_ITEM_ENTRY, "")) == NULL)
			break;
		free(it->label);
		it->label = NULL;
		who = c->author != NULL ? c->author : _("deleted account");
		if (asprintf(&it->label, _("%s, %s"), who, when) < 0)
			it->label = strdup("");
		/* A brief line-mode page says who; the date with the text (t). */
		else if (strncmp(it->label, who, strlen(who)) == 0 && it->label[strlen(who)] != '\0')
			it->brief = strlen(who);
		page_item_detail(it, "%s", c->body != NULL ? c->body : "");
		page_item_group(it, group);
		it->indent = c->parent_id != 0;
		it->id = c->id;
		it->ref = ref;
		if (c->status != API_STATUS_PUBLISHED)
			page_item_state(it, "%s", ui_status_word(c->status));
		else if (it->indent)
			ui_reply_state(it, l, c->parent_id);
	}
	free(order);
}

static int
project_is_open(enum api_status status)
{
	return status == API_STATUS_OPEN;
}

static void
project_build(struct app *app, struct screen *s, struct page *p)
{
	struct project *d = s->data;
	const struct api_project *pr = d->p;
	const char *said = NULL, *tl, *cw;
	struct page_item *it;
	char np[64], a[64], b[64], w[96], group[96];
	size_t k;
	int rc;

	(void)app;
	page_set_breadcrumb(p, "%s", _("Projects"));
	page_set_heading(p, "%s", pr->title);
	if (pr->summary != NULL)
		page_add_text(p, PAGE_TEXT_PARA, "%s", pr->summary);
	/* The server falls back to German where the city has no text in the
	 * language asked for, field by field: say so, in the language of the
	 * page, once for title and summary and once more for a description
	 * in yet another language. */
	if ((tl = api_langs_get(&pr->langs, "summary")) == NULL)
		tl = pr->lang;
	if (ui_lang_note(p, tl, PAGE_TEXT_NOTE))
		said = tl;
	ui_date(pr->starts_at, a, sizeof(a));
	ui_end_date(pr->ends_at, b, sizeof(b));
	/* An open project says until when: its start is past and the
	 * sentence is spoken in line mode ("Smart City, open until 31
	 * December 2027."). */
	if (pr->status == API_STATUS_OPEN && pr->ends_at != NULL)
		rc = page_add_text(p, PAGE_TEXT_NOTE, "%s, %s.", projects_category_word(pr->category),
		    ui_window_text(pr->status, pr->starts_at, pr->ends_at, w, sizeof(w)));
	else
		/* L10N: category, state, then the dates: "Smart City, open, 1 March 2026 to 30 April 2026." */
		rc = page_add_text(p, PAGE_TEXT_NOTE, _("%s, %s, %s to %s."),
		    projects_category_word(pr->category), ui_status_word(pr->status), a, b);
	/* Opened from the project list, whose row has just said the same
	 * "open until 31 December 2027": a brief line-mode page says the
	 * category ("Smart City."), t all of it. Opened from elsewhere (my
	 * account), or not open (the page says both dates), it says all. */
	cw = projects_category_word(pr->category);
	if (rc == 0 && pr->status == API_STATUS_OPEN && pr->ends_at != NULL && s->below != NULL && strcmp(s->below->type->name, "projects") == 0 &&
	    strncmp(p->text[p->n_text - 1].text, cw, strlen(cw)) == 0 &&
	    p->text[p->n_text - 1].text[strlen(cw)] == ',')
		p->text[p->n_text - 1].brief = strlen(cw);
	/* The ideas and comments say their counts where they are listed. */
	snprintf(np, sizeof(np), ngettext("%ld participant", "%ld participants",
	    (unsigned long)pr->n_participants), pr->n_participants);
	page_add_text(p, PAGE_TEXT_NOTE, "%s.", np);
	if (pr->description != NULL) {
		page_add_text(p, PAGE_TEXT_HEADING, "%s", _("Description"));
		tl = api_langs_get(&pr->langs, "description");
		if (tl != NULL && (said == NULL || strcmp(tl, said) != 0))
			ui_lang_note(p, tl, PAGE_TEXT_PARA);
		ui_add_paragraphs(p, pr->description);
	}

	/* What can be done now comes first: a poll or survey below a long
	 * description would be below the fold; ideas and comments follow. */
	for (k = 0; k < 2 * pr->n_polls; k++) {
		const struct api_format_poll *po = &pr->polls[k % pr->n_polls];

		/* Open ones first, then the others. */
		if ((k < pr->n_polls) != project_is_open(po->status))
			continue;
		if ((it = page_add_item(p, PAGE_ITEM_LINK, po->title)) == NULL)
			return;
		page_item_group(it, _("Polls"));
		/* L10N: a poll's kind and state: "ranking, open". */
		page_item_state(it, _("%s, %s"), ui_poll_kind_word(po->kind), ui_status_word(po->status));
		it->ref = PRJ_POLL;
		it->id = po->id;
	}
	for (k = 0; k < 2 * pr->n_surveys; k++) {
		const struct api_format_survey *su = &pr->surveys[k % pr->n_surveys];

		if ((k < pr->n_surveys) != project_is_open(su->status))
			continue;
		if ((it = page_add_item(p, PAGE_ITEM_LINK, su->title)) == NULL)
			return;
		page_item_group(it, _("Surveys"));
		page_item_state(it, "%s", ui_status_word(su->status));
		it->ref = PRJ_SURVEY;
		it->id = su->id;
	}
	/* L10N: sub-heading of the ideas board of a project. */
	snprintf(group, sizeof(group), "%s", _("Ideas"));
	if ((it = page_add_item(p, PAGE_ITEM_LINK, "")) != NULL) {
		free(it->label);
		if (asprintf(&it->label, _("All ideas (%ld)"), pr->n_ideas) < 0)
			it->label = strdup("");
		page_item_group(it, group);
		it->ref = PRJ_IDEAS;
	}
	if (pr->ideas_open && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Write a new idea"))) != NULL) {
		page_item_group(it, group);
		it->ref = PRJ_NEW_IDEA;
	}
	ui_add_comments(p, d->comments, PRJ_COMMENT, NULL);
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Write a comment"))) != NULL) {
		/* "Comments (0)" over the button alone says nothing more. */
		if (d->comments != NULL && d->comments->total > 0)
			snprintf(group, sizeof(group), _("Comments (%ld)"), d->comments->total);
		else
			/* L10N: sub-heading over "Write a comment" while there are none. */
			snprintf(group, sizeof(group), "%s", _("Comments"));
		page_item_group(it, group);
		it->ref = PRJ_WRITE;
	}
	page_add_action(p, ACTION_OPEN, _("open"));
	if (pr->ideas_open)
		page_add_action(p, ACTION_NEW_IDEA, _("new idea"));
	page_add_action(p, ACTION_COMMENT, _("comment"));
	if (d->comments != NULL && d->comments->n > 0) {
		page_add_action(p, ACTION_REPLY, _("reply"));
		page_add_action(p, ACTION_REPORT, _("report"));
	}
}

static int
project_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct project *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		switch (it->ref) {
		case PRJ_IDEAS:
			scr_ideas_open(app, d->id, d->p->title);
			break;
		case PRJ_NEW_IDEA:
			scr_idea_form_open(app, d->id, d->p->title);
			break;
		case PRJ_POLL:
			scr_poll_open(app, it->id);
			break;
		case PRJ_SURVEY:
			scr_survey_open(app, it->id);
			break;
		case PRJ_COMMENT:
			scr_comment_form_open(app, 0, d->id, ui_reply_target(d->comments, it->id), it->detail);
			break;
		case PRJ_WRITE:
			scr_comment_form_open(app, 0, d->id, 0, d->p->title);
			break;
		}
		return APP_OK;
	case ACTION_NEW_IDEA:
		if (!d->p->ideas_open)
			ui_status(app, "%s", _("This project takes no new ideas now."));
		else
			scr_idea_form_open(app, d->id, d->p->title);
		return APP_OK;
	case ACTION_COMMENT:
		scr_comment_form_open(app, 0, d->id, 0, d->p->title);
		return APP_OK;
	case ACTION_REPLY:
		if (it == NULL || it->ref != PRJ_COMMENT)
			ui_status(app, "%s", _("Move to a comment first, then reply."));
		else
			scr_comment_form_open(app, 0, d->id, ui_reply_target(d->comments, it->id), it->detail);
		return APP_OK;
	case ACTION_REPORT:
		if (it == NULL || it->ref != PRJ_COMMENT)
			ui_status(app, "%s", _("Move to a comment first, then report it."));
		else
			scr_report_open(app, 0, it->id, it->detail);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
project_free(struct app *app, struct screen *s)
{
	struct project *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_project_free(d->p);
	api_comment_list_free(d->comments);
	free(d);
}

static const struct screen_type scr_project = {
	.name = "project",
	.load = project_load,
	.build = project_build,
	.action = project_action,
	.free = project_free,
};

int
scr_project_open(struct app *app, long long id)
{
	struct project *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->id = id;
	return ui_push(app, &scr_project, d);
}

int
scr_project_with(struct app *app, struct api_project *p, struct api_comment_list *c)
{
	struct project *d = calloc(1, sizeof(*d));

	if (d == NULL || p == NULL) {
		free(d);
		api_project_free(p);
		api_comment_list_free(c);
		return -1;
	}
	d->id = p->id;
	d->p = p;
	d->comments = c;
	return ui_push_loaded(app, &scr_project, d);
}
