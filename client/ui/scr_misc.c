/* scr_misc.c — screens: help from the active key bindings, message history, ending a kiosk session, my account. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/keys/keys.h"
#include "client/ui/ui.h"

/* -------------------------------------------------------------- help */

struct help {
	char		 context[16];	/* of the page help was asked on */
	enum action	*actions;	/* that page's actions, in its order */
	size_t		 n;
};

static const struct keys_map *
help_keys(struct app *app)
{
	if (app->keys != NULL)
		return app->keys;
	if (app->own_keys == NULL)
		app->own_keys = keys_map_setup(app->opts.keymap);
	return app->own_keys;
}

static void
help_add(struct page *p, const struct keys_map *m, int ctx, enum action a, const char *group)
{
	struct page_item *it;
	char keys[128];
	const char *help = keys_action_help(a);

	if (keys_map_keys_for(m, (enum keys_context)ctx, a, keys, sizeof(keys), 3) == 0)
		return;
	/* L10N: a line of the help page: keys, then what they do. */
	if ((it = page_add_item(p, PAGE_ITEM_ENTRY, keys)) == NULL)
		return;
	page_item_detail(it, "%s", help != NULL ? _(help) : keys_action_name(a));
	page_item_group(it, group);
	it->id = a;
}

static void
help_build(struct app *app, struct screen *s, struct page *p)
{
	struct help *d = s->data;
	const struct keys_map *m = help_keys(app);
	int ctx = keys_context_parse(d->context);
	size_t i;
	int a;

	p->context = "help";
	page_set_heading(p, "%s", _("Help: the keys of this page"));
	page_add_text(p, PAGE_TEXT_PARA, "%s",
	    _("Move with the arrow keys or type the number of an item. Enter opens or chooses. Esc goes back."));
	if (m == NULL)
		return;
	if (ctx < 0)
		ctx = KEYS_CTX_COMMON;
	for (i = 0; i < d->n; i++)
		help_add(p, m, ctx, d->actions[i], _("On this page"));
	for (a = 1; a < ACTION__COUNT; a++) {
		for (i = 0; i < d->n; i++)
			if (d->actions[i] == (enum action)a)
				break;
		if (i == d->n)
			help_add(p, m, ctx, (enum action)a, _("Everywhere"));
	}
}

static void
help_free(struct app *app, struct screen *s)
{
	struct help *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	free(d->actions);
	free(d);
}

static const struct screen_type scr_help = {
	.name = "help",
	.build = help_build,
	.free = help_free,
};

int
scr_help_open(struct app *app)
{
	const struct page *p = app->page;
	struct help *d;
	size_t i;

	if (strcmp(app->top->type->name, "help") == 0)
		return 0;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return -1;
	snprintf(d->context, sizeof(d->context), "%s", p->context != NULL ? p->context : "list");
	if (p->n_action > 0 && (d->actions = calloc(p->n_action, sizeof(*d->actions))) != NULL) {
		for (i = 0; i < p->n_action; i++)
			d->actions[i] = p->action[i].action;
		d->n = p->n_action;
	}
	return ui_push(app, &scr_help, d);
}

/* ---------------------------------------------------------- messages */

static void
messages_build(struct app *app, struct screen *s, struct page *p)
{
	size_t i;

	(void)s;
	page_set_heading(p, "%s", _("Messages"));
	if (app->n_msgs == 0)
		page_add_text(p, PAGE_TEXT_PARA, "%s", _("No messages yet."));
	else
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("Newest first."));
	for (i = app->n_msgs; i > 0; i--)
		page_add_item(p, PAGE_ITEM_ENTRY, app->msgs[i - 1]);
}

static const struct screen_type scr_messages = {
	.name = "messages",
	.build = messages_build,
};

int
scr_messages_open(struct app *app)
{
	if (strcmp(app->top->type->name, "messages") == 0)
		return 0;
	return ui_push(app, &scr_messages, NULL);
}

/* ------------------------------------------------------- end session */

static void
end_build(struct app *app, struct screen *s, struct page *p)
{
	struct page_item *it;

	(void)app;
	(void)s;
	p->context = "form";
	page_set_heading(p, "%s", _("End your session?"));
	page_add_text(p, PAGE_TEXT_PARA, "%s",
	    _("Your login and anything you typed are removed. The next person starts afresh."));
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Yes, end my session"))) != NULL)
		it->ref = 1;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("No, go on"))) != NULL)
		it->ref = 2;
}

static int
end_action(struct app *app, struct screen *s, enum action a, int arg)
{
	const struct page_item *it = page_focused(app->page);

	(void)s;
	(void)arg;
	if (a == ACTION_QUIT || ((a == ACTION_OPEN || a == ACTION_TOGGLE) && it != NULL && it->ref == 1)) {
		app_reset(app);
		return APP_OK;
	}
	if (a == ACTION_OPEN || a == ACTION_TOGGLE) {
		ui_pop(app);
		return APP_OK;
	}
	return SCREEN_PASS;
}

static const struct screen_type scr_end = {
	.name = "end-session",
	.build = end_build,
	.action = end_action,
};

int
scr_end_session_open(struct app *app)
{
	if (strcmp(app->top->type->name, "end-session") == 0)
		return 0;
	return ui_push(app, &scr_end, NULL);
}

/* ----------------------------------------------------------- account */

struct account {
	struct api_user		*me;
	struct page_field	 pw;		/* delete: the password */
	int			 confirm;	/* delete: second step */
};

enum { ACC_EXPORT = 1, ACC_LOGOUT, ACC_DELETE, ACC_PW, ACC_DELETE_NOW, ACC_KEEP, ACC_ACTIVITY };

static int
account_load(struct app *app, struct screen *s)
{
	struct account *d = s->data;

	api_user_free(d->me);
	d->me = NULL;
	if (api_me(app->api, &d->me) < 0)
		return ui_fail(app, _("Your account could not be loaded."), 0);
	return 0;
}

static void
account_build(struct app *app, struct screen *s, struct page *p)
{
	struct account *d = s->data;
	const struct api_user *u = d->me;
	struct page_item *it;
	char when[64];

	page_set_heading(p, "%s", _("My account"));
	/* L10N: account facts. */
	page_add_text(p, PAGE_TEXT_NOTE, _("User name: %s"), u->username != NULL ? u->username : "");
	if (u->display_name != NULL)
		page_add_text(p, PAGE_TEXT_NOTE, _("Name others see: %s"), u->display_name);
	if (u->email != NULL)
		page_add_text(p, PAGE_TEXT_NOTE, _("E-mail: %s"), u->email);
	page_add_text(p, PAGE_TEXT_NOTE, _("Member since %s; role: %s."),
	    ui_date(u->created_at, when, sizeof(when)), u->role != NULL ? u->role : "");
	if ((it = page_add_item(p, PAGE_ITEM_LINK, _("My ideas and votes"))) != NULL)
		it->ref = ACC_ACTIVITY;
	if (!app_kiosk(app) && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Export all my data to a file"))) != NULL)
		it->ref = ACC_EXPORT;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Log out"))) != NULL)
		it->ref = ACC_LOGOUT;
	if (!d->confirm) {
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Delete my account"))) != NULL)
			it->ref = ACC_DELETE;
	} else {
		page_add_text(p, PAGE_TEXT_HEADING, "%s", _("Delete my account"));
		page_add_text(p, PAGE_TEXT_PARA, "%s",
		    _("Your ideas and comments stay, shown as by a deleted account; your votes stay counted without your name. This cannot be undone."));
		if ((it = page_add_item(p, PAGE_ITEM_PASSWORD, d->pw.name)) != NULL) {
			it->field = &d->pw;
			it->ref = ACC_PW;
			page_item_group(it, _("Delete my account"));
			if (d->pw.error != NULL)
				page_item_state(it, "%s", d->pw.error);
		}
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Yes, delete my account now"))) != NULL) {
			it->ref = ACC_DELETE_NOW;
			page_item_group(it, _("Delete my account"));
		}
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("No, keep my account"))) != NULL) {
			it->ref = ACC_KEEP;
			page_item_group(it, _("Delete my account"));
		}
	}
	page_add_action(p, ACTION_OPEN, _("open"));
	page_add_action(p, ACTION_LOGOUT, _("log out"));
}

/* Writes the export to ~/mitwirkung-export-DATE.json, never over a file. */
static int
account_export(struct app *app)
{
	const char *home = getenv("HOME");
	char *json = NULL, path[512], day[16];
	time_t now = time(NULL);
	struct tm tm;
	size_t len, off = 0;
	ssize_t w;
	int fd, i;

	if (app_kiosk(app))
		return APP_OK;
	if (home == NULL || *home == '\0') {
		ui_status(app, "%s", _("No home folder to write the export to."));
		return APP_OK;
	}
	ui_loading(app);
	if (api_me_export(app->api, &json) < 0) {
		ui_fail(app, _("The export failed."), 0);
		return APP_OK;
	}
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	fd = -1;
	for (i = 0; i < 100 && fd < 0; i++) {
		if (i == 0)
			snprintf(path, sizeof(path), "%s/mitwirkung-export-%s.json", home, day);
		else
			snprintf(path, sizeof(path), "%s/mitwirkung-export-%s-%d.json", home, day, i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		ui_status(app, _("The export could not be written: %s."), strerror(errno));
		free(json);
		return APP_OK;
	}
	len = strlen(json);
	while (off < len) {
		w = write(fd, json + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (close(fd) < 0 || off < len)
		ui_status(app, _("The export could not be written: %s."), strerror(errno));
	else
		/* L10N: %s is the file's path. */
		ui_status(app, _("Your data is saved in %s."), path);
	free(json);
	return APP_OK;
}

static int
account_delete(struct app *app, struct screen *s)
{
	struct account *d = s->data;

	if (d->pw.len == 0) {
		field_set_error(&d->pw, _("Password: please type your password to delete the account."));
		ui_status(app, "%s", d->pw.error);
		s->focus = app_kiosk(app) ? 2 : 3;	/* the password field */
		return APP_OK;
	}
	ui_loading(app);
	if (api_me_delete(app->api, d->pw.text) < 0) {
		field_set(&d->pw, "");
		ui_fail(app, _("The account was not deleted."), 0);
		return APP_OK;
	}
	ui_drop_login(app);
	/* The account screen is freed here: nothing of d after this. */
	while (app->top->below != NULL)
		ui_pop(app);
	ui_invalidate(app);
	ui_status(app, "%s", _("Your account is deleted."));
	return APP_OK;
}

static int
account_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct account *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	if (a != ACTION_OPEN && a != ACTION_TOGGLE && a != ACTION_SEND)
		return SCREEN_PASS;
	if (it == NULL)
		return APP_OK;
	switch (it->ref) {
	case ACC_ACTIVITY:
		scr_activity_open(app);
		return APP_OK;
	case ACC_EXPORT:
		return account_export(app);
	case ACC_LOGOUT:
		ui_pop(app);
		return app_action(app, ACTION_LOGOUT, 0);
	case ACC_DELETE:
		d->confirm = 1;
		ui_status(app, "%s", _("To delete your account, type your password and choose 'Yes, delete my account now'."));
		return APP_OK;
	case ACC_PW:
		s->focus++;
		return APP_OK;
	case ACC_DELETE_NOW:
		return account_delete(app, s);
	case ACC_KEEP:
		d->confirm = 0;
		field_set(&d->pw, "");
		ui_status(app, "%s", _("Your account is kept."));
		return APP_OK;
	}
	return APP_OK;
}

static void
account_free(struct app *app, struct screen *s)
{
	struct account *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_user_free(d->me);
	field_clear(&d->pw);
	free(d);
}

static const struct screen_type scr_account = {
	.name = "account",
	.load = account_load,
	.build = account_build,
	.action = account_action,
	.free = account_free,
};

int
scr_account_open(struct app *app)
{
	struct account *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	if (field_init(&d->pw, _("Password"), _("Your password (not shown):"), 256, 0, 1) < 0) {
		free(d);
		return -1;
	}
	return ui_push(app, &scr_account, d);
}

/* ---------------------------------------------------- ideas and votes */

/*
 * The API has no list of one's own ideas and ballots (only the JSON
 * export), so this screen reads what the contract offers: every project's
 * ideas (the author also sees their own pending and rejected ones) and
 * every poll's my_ballot. A few requests, made only when asked for.
 */
struct activity {
	struct api_project_list	 *projects;
	struct api_idea_list	**ideas;	/* per project, pages joined */
	size_t			  n_ideas;
	struct api_poll		**polls;
	size_t			  n_polls;
};

#define ACT_IDEA	1
#define ACT_POLL	2
#define ACT_MAX_PAGES	10

static void
activity_clear(struct activity *d)
{
	size_t i;

	for (i = 0; i < d->n_ideas; i++)
		api_idea_list_free(d->ideas[i]);
	free(d->ideas);
	for (i = 0; i < d->n_polls; i++)
		api_poll_free(d->polls[i]);
	free(d->polls);
	api_project_list_free(d->projects);
	memset(d, 0, sizeof(*d));
}

static int
activity_mine(const struct app *app, const struct api_idea *i)
{
	if (i->status != NULL && strcmp(i->status, "published") != 0 && !ui_role_at_least(app, "moderator"))
		return 1;	/* only authors see their unpublished ideas */
	if (app->me == NULL || i->author == NULL)
		return 0;
	return (app->me->display_name != NULL && strcmp(i->author, app->me->display_name) == 0) ||
	    (app->me->username != NULL && strcmp(i->author, app->me->username) == 0);
}

static int
activity_load(struct app *app, struct screen *s)
{
	struct activity *d = s->data;
	struct api_project *pr = NULL;
	struct api_idea_list *l, *more;
	struct api_poll *po;
	char ref[32];
	size_t i, k, pg;
	void *t;

	activity_clear(d);
	if (app->me == NULL && api_me(app->api, &app->me) < 0)
		return ui_fail(app, _("Your account could not be loaded."), 0);
	if (api_projects(app->api, "all", NULL, NULL, 100, &d->projects) < 0)
		return ui_fail(app, _("Your ideas and votes could not be loaded."), 0);
	for (i = 0; i < d->projects->n; i++) {
		const struct api_project *p0 = &d->projects->items[i];

		if (api_project_ideas(app->api, p0->id, "new", NULL, 100, &l) < 0)
			return ui_fail(app, _("Your ideas and votes could not be loaded."), 0);
		/* Join the further pages into the first list. */
		for (pg = 0; l->next != NULL && pg < ACT_MAX_PAGES; pg++) {
			if (api_project_ideas(app->api, p0->id, "new", l->next, 100, &more) < 0)
				break;
			if ((t = realloc(l->items, (l->n + more->n) * sizeof(*l->items))) == NULL) {
				api_idea_list_free(more);
				break;
			}
			l->items = t;
			memcpy(l->items + l->n, more->items, more->n * sizeof(*l->items));
			l->n += more->n;
			free(l->next);
			l->next = more->next;
			more->next = NULL;
			free(more->items);
			more->items = NULL;
			more->n = 0;
			api_idea_list_free(more);
		}
		if ((t = realloc(d->ideas, (d->n_ideas + 1) * sizeof(*d->ideas))) == NULL) {
			api_idea_list_free(l);
			return -1;
		}
		d->ideas = t;
		d->ideas[d->n_ideas++] = l;
		snprintf(ref, sizeof(ref), "%lld", p0->id);
		if (api_project_get(app->api, ref, &pr) < 0)
			return ui_fail(app, _("Your ideas and votes could not be loaded."), 0);
		for (k = 0; k < pr->n_polls; k++) {
			if (api_poll_get(app->api, pr->polls[k].id, &po) < 0)
				continue;
			if (!po->has_ballot || (t = realloc(d->polls, (d->n_polls + 1) * sizeof(*d->polls))) == NULL) {
				api_poll_free(po);
				continue;
			}
			d->polls = t;
			d->polls[d->n_polls++] = po;
		}
		api_project_free(pr);
		pr = NULL;
	}
	return 0;
}

static void
activity_build(struct app *app, struct screen *s, struct page *p)
{
	struct activity *d = s->data;
	struct page_item *it;
	char when[96], *list;
	size_t i, k, n = 0;

	page_set_breadcrumb(p, "%s", _("My account"));
	page_set_heading(p, "%s", _("My ideas and votes"));
	for (i = 0; i < d->n_ideas; i++) {
		for (k = 0; k < d->ideas[i]->n; k++) {
			const struct api_idea *idea = &d->ideas[i]->items[k];

			if (!activity_mine(app, idea))
				continue;
			if ((it = page_add_item(p, PAGE_ITEM_LINK, idea->title)) == NULL)
				return;
			page_item_group(it, _("My ideas"));
			page_item_state(it, "%s", ui_status_word(idea->status));
			if (idea->moderation_reason != NULL)
				/* L10N: why a moderator rejected or hid an idea. */
				page_item_detail(it, _("Reason: %s"), idea->moderation_reason);
			else
				page_item_detail(it, ngettext("%ld support", "%ld supports",
				    (unsigned long)idea->supports), idea->supports);
			it->ref = ACT_IDEA;
			it->id = idea->id;
			n++;
		}
	}
	if (n == 0)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have not written any ideas yet."));
	for (i = 0; i < d->n_polls; i++) {
		const struct api_poll *po = &*d->polls[i];

		if ((it = page_add_item(p, PAGE_ITEM_LINK, po->title)) == NULL)
			return;
		page_item_group(it, _("My votes"));
		page_item_state(it, "%s", ui_window_text(po->status, po->opens_at, po->closes_at, when, sizeof(when)));
		if ((list = ui_ballot_text(po, po->my_ballot, po->n_my_ballot)) != NULL) {
			page_item_detail(it, _("Your vote: %s"), list);
			free(list);
		}
		it->ref = ACT_POLL;
		it->id = po->id;
	}
	if (d->n_polls == 0)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have not voted yet."));
	page_add_text(p, PAGE_TEXT_NOTE, "%s", app_kiosk(app)
	    ? _("Your comments are shown with the ideas you commented on.")
	    : _("Your comments are shown with the ideas you commented on, and all of it is in the export."));
	page_add_action(p, ACTION_OPEN, _("open"));
}

static int
activity_action(struct app *app, struct screen *s, enum action a, int arg)
{
	const struct page_item *it = page_focused(app->page);

	(void)s;
	(void)arg;
	if (a != ACTION_OPEN && a != ACTION_TOGGLE)
		return SCREEN_PASS;
	if (it == NULL)
		return APP_OK;
	if (it->ref == ACT_IDEA)
		scr_idea_open(app, it->id);
	else
		scr_poll_open(app, it->id);
	return APP_OK;
}

static void
activity_free(struct app *app, struct screen *s)
{
	struct activity *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	activity_clear(d);
	free(d);
}

static const struct screen_type scr_activity = {
	.name = "activity",
	.load = activity_load,
	.build = activity_build,
	.action = activity_action,
	.free = activity_free,
};

int
scr_activity_open(struct app *app)
{
	struct activity *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	return ui_push(app, &scr_activity, d);
}
