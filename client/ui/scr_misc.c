/* scr_misc.c — screens: help from the active key bindings, message history, ending a kiosk session, my account with own ideas, comments and votes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/keys/keys.h"
#include "client/ui/ui.h"
#include "common/text.h"
#include "common/when.h"

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
help_add(struct app *app, struct page *p, const struct keys_map *m, int ctx, enum action a,
    const char *group)
{
	struct page_item *it;
	char keys[128];
	const char *help = keys_action_help(a);

	if (keys_map_keys_for(m, (enum keys_context)ctx, a, keys, sizeof(keys), 3) == 0)
		return;
	/* No screen searches yet: its key would do nothing. */
	if (a == ACTION_SEARCH)
		return;
	/* Keys for a role the person does not have are not listed. */
	if (((a == ACTION_MODERATION || a == ACTION_APPROVE || a == ACTION_REJECT ||
	    a == ACTION_HIDE) && !ui_role_at_least(app, API_ROLE_MODERATOR)) ||
	    (a == ACTION_TALLY && !ui_role_at_least(app, API_ROLE_STAFF)) ||
	    ((a == ACTION_LOGOUT || a == ACTION_ACCOUNT) && !app_logged_in(app)) ||
	    ((a == ACTION_LOGIN || a == ACTION_REGISTER) && app_logged_in(app)))
		return;
	/* L10N: a line of the help page: keys, then what they do. */
	if ((it = page_add_item(p, PAGE_ITEM_ENTRY, keys)) == NULL)
		return;
	page_item_detail(it, "%s", help != NULL ? _(help) : keys_action_name(a));
	page_item_group(it, group);
	it->id = a;
}

/* The platform's own words, one sentence each, as items a screen reader
 * reaches like the keys. */
static void
help_words(struct page *p)
{
	static const char *const words[] = {
		N_("Support: you show that you want an idea to happen; ideas with "
		    "the most support are listed first, and you can take your support back."),
		N_("Ranking: in a ranking poll you choose up to the number of "
		    "places allowed and put your choices in order, the most important first."),
		N_("Points: in a ranking your first choice gets as many points as "
		    "there are places, the next one point less, and so on; the option "
		    "with the most points from everyone comes first."),
		N_("Moderation: moderators read new ideas and comments before others "
		    "see them, and look at everything that was reported.")
	};
	struct page_item *it;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if ((it = page_add_item(p, PAGE_ITEM_ENTRY, _(words[i]))) == NULL)
			return;
		/* L10N: sub-heading of the help page over what the platform's words mean. */
		page_item_group(it, _("Words used here"));
	}
}

/* 1 when a works on every page: moving, the app's own actions, colour.
 * Support, results, sorting and the like work only where a page offers
 * them, and are listed under "On this page" there. */
static int
help_everywhere(enum action a)
{
	return app_action_global(a) || a == ACTION_COLOR || a == ACTION_UP ||
	    a == ACTION_DOWN || a == ACTION_PAGE_UP || a == ACTION_PAGE_DOWN ||
	    a == ACTION_FIRST || a == ACTION_LAST || a == ACTION_JUMP || a == ACTION_OPEN;
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
		help_add(app, p, m, ctx, d->actions[i], _("On this page"));
	help_words(p);
	for (a = 1; a < ACTION__COUNT; a++) {
		for (i = 0; i < d->n; i++)
			if (d->actions[i] == (enum action)a)
				break;
		if (i == d->n && help_everywhere((enum action)a))
			help_add(app, p, m, ctx, (enum action)a, _("Everywhere"));
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
	/* No first: a second key pressed by mistake does not end it. */
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("No, go on"))) != NULL)
		it->ref = 2;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Yes, end my session"))) != NULL)
		it->ref = 1;
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

/* ------------------------------------------------------------ confirm */

struct confirm {
	enum action	 then;
	char		*heading;
	char		*text;
	char		*yes;
	char		*no;
};

enum { CONFIRM_NO = 1, CONFIRM_YES };

static void
confirm_build(struct app *app, struct screen *s, struct page *p)
{
	struct confirm *d = s->data;
	struct page_item *it;

	(void)app;
	p->context = "form";
	page_set_heading(p, "%s", d->heading);
	if (d->text != NULL)
		/* A note, not a paragraph: what the question is about is
		 * said whole, also where line mode cuts paragraphs short
		 * ("Your idea is not sent. … 23 more words"). */
		page_add_text(p, PAGE_TEXT_NOTE, "%s", d->text);
	/* Staying comes first: a second Enter out of habit loses nothing. */
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, d->no)) != NULL)
		it->ref = CONFIRM_NO;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, d->yes)) != NULL)
		it->ref = CONFIRM_YES;
}

static int
confirm_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct confirm *d = s->data;
	const struct page_item *it = page_focused(app->page);
	enum action then;
	int rc;

	(void)arg;
	if (a != ACTION_OPEN && a != ACTION_TOGGLE)
		return a == ACTION_QUIT && d->then == ACTION_QUIT ? APP_OK : SCREEN_PASS;
	if (it == NULL || it->ref != CONFIRM_YES) {
		ui_pop(app);
		return APP_OK;
	}
	then = d->then;
	ui_pop(app);
	app->confirmed = 1;
	rc = app_action(app, then, 0);
	app->confirmed = 0;
	return rc;
}

static void
confirm_free(struct app *app, struct screen *s)
{
	struct confirm *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	free(d->heading);
	free(d->text);
	free(d->yes);
	free(d->no);
	free(d);
}

static const struct screen_type scr_confirm_q = {
	.name = "confirm-question",
	.build = confirm_build,
	.action = confirm_action,
	.free = confirm_free,
};

int
ui_confirm(struct app *app, enum action then, const char *heading, const char *text,
    const char *yes, const char *no)
{
	struct confirm *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->then = then;
	d->heading = strdup(heading);
	d->text = text != NULL ? strdup(text) : NULL;
	d->yes = strdup(yes);
	d->no = strdup(no);
	if (d->heading == NULL || (text != NULL && d->text == NULL) || d->yes == NULL ||
	    d->no == NULL) {
		struct screen tmp = { .data = d };

		confirm_free(app, &tmp);
		return -1;
	}
	return ui_push(app, &scr_confirm_q, d);
}

int
ui_confirmed(struct app *app)
{
	int c = app->confirmed;

	app->confirmed = 0;
	return c;
}

/* ----------------------------------------------------------- account */

/*
 * My account: the facts of the account, then everything the person wrote
 * or chose - own ideas and comments in every moderation state, with the
 * moderator's reason, and own ballots - read from the export
 * (api_me_activity()), which lists them by account rather than by a
 * display name two people could share. Then export, log out, delete.
 */
struct account {
	struct api_user		*me;
	struct api_activity	*act;		/* NULL when it could not be loaded */
	struct page_field	 pw;		/* delete: the password */
	int			 confirm;	/* delete: second step */
};

enum {
	ACC_EXPORT = 1, ACC_LOGOUT, ACC_DELETE, ACC_PW, ACC_DELETE_NOW, ACC_KEEP,
	ACC_IDEA, ACC_COMMENT_IDEA, ACC_COMMENT_PROJECT, ACC_POLL, ACC_KEYS
};

/* Columns of a comment's excerpt: one line at 80 columns with its number and state. */
#define ACC_EXCERPT_COLS	48

static int
account_load(struct app *app, struct screen *s)
{
	struct account *d = s->data;

	api_user_free(d->me);
	d->me = NULL;
	api_activity_free(d->act);
	d->act = NULL;
	/* The export carries the user too; without it, the page still
	 * shows the account and says the rest could not be read. */
	if (api_me_activity(app->api, &d->act) == 0 && d->act->user != NULL) {
		d->me = d->act->user;
		d->act->user = NULL;
		return 0;
	}
	if (api_me(app->api, &d->me) < 0)
		return ui_fail(app, _("Your account could not be loaded."), 0);
	return 0;
}

/* A one-line copy of text: line breaks become spaces. Caller frees. */
static char *
account_one_line(const char *text)
{
	char *t = strdup(text != NULL ? text : ""), *c;

	for (c = t; c != NULL && *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	return t;
}

/* The moderation state in words, with the moderator's reason when there
 * is one: "waiting for moderation", "rejected: duplicate of idea 4". */
static void
account_item_status(struct page_item *it, enum api_status status, const char *reason)
{
	char *r;

	if (reason == NULL || *reason == '\0' || (r = account_one_line(reason)) == NULL) {
		page_item_state(it, "%s", ui_status_word(status));
		return;
	}
	/* L10N: a moderation state and the moderator's reason, e.g.
	 * "rejected: the same as idea 4". */
	page_item_state(it, _("%s: %s"), ui_status_word(status), r);
	free(r);
}

static void
account_add_ideas(struct page *p, const struct api_activity *act)
{
	struct page_item *it;
	char group[128], id[32];
	size_t i;

	/* L10N: sub-heading of the own ideas on the account page; %zu counts them. */
	snprintf(group, sizeof(group), _("My ideas (%zu)"), act->n_ideas);
	for (i = 0; i < act->n_ideas; i++) {
		const struct api_my_idea *mi = &act->ideas[i];

		snprintf(id, sizeof(id), "#%lld", mi->id);
		if ((it = page_add_item(p, PAGE_ITEM_LINK, mi->title != NULL ? mi->title : id)) == NULL)
			return;
		page_item_group(it, group);
		account_item_status(it, mi->status, mi->moderation_reason);
		if (mi->project_title != NULL)
			/* L10N: where an own idea or comment belongs; %s is a project title. */
			page_item_detail(it, _("In the project %s"), mi->project_title);
		it->ref = ACC_IDEA;
		it->id = (long)mi->id;
	}
}

static void
account_add_comments(struct page *p, const struct api_activity *act)
{
	struct page_item *it;
	char group[128], id[32], *body, label[256];
	size_t i, n;

	/* L10N: sub-heading of the own comments on the account page. */
	snprintf(group, sizeof(group), _("My comments (%zu)"), act->n_comments);
	for (i = 0; i < act->n_comments; i++) {
		const struct api_my_comment *mc = &act->comments[i];

		if ((body = account_one_line(mc->body)) == NULL)
			return;
		/* The label is the comment's beginning, so it stays one line. */
		n = text_fit(body, ACC_EXCERPT_COLS);
		snprintf(label, sizeof(label), "%.*s%s", (int)n, body, body[n] != '\0' ? "…" : "");
		free(body);
		if ((it = page_add_item(p, PAGE_ITEM_LINK, label)) == NULL)
			return;
		page_item_group(it, group);
		account_item_status(it, mc->status, mc->moderation_reason);
		if (mc->idea_id != 0) {
			snprintf(id, sizeof(id), "#%lld", mc->idea_id);
			/* L10N: what an own comment is about; %s is an idea's title. */
			page_item_detail(it, _("On the idea %s"), mc->idea_title != NULL ? mc->idea_title : id);
			it->ref = ACC_COMMENT_IDEA;
			it->id = (long)mc->idea_id;
		} else {
			snprintf(id, sizeof(id), "#%lld", mc->project_id);
			page_item_detail(it, _("In the project %s"), mc->project_title != NULL ? mc->project_title : id);
			it->ref = ACC_COMMENT_PROJECT;
			it->id = (long)mc->project_id;
		}
	}
}

/* "1. Lautern tanzt, 2. Roundnet" for a ranking, else "A, B"; an option
 * whose title is unknown is named by its id. Caller frees. */
static char *
account_choices(const struct api_my_ballot *b)
{
	char *out = strdup(""), *t;
	int rank = b->poll_kind == API_POLL_RANKING;
	size_t i;

	for (i = 0; out != NULL && i < b->n_choices; i++) {
		const char *title = b->choice_titles != NULL ? b->choice_titles[i] : NULL;
		int r;

		if (rank && title != NULL)
			r = asprintf(&t, "%s%s%zu. %s", out, i ? ", " : "", i + 1, title);
		else if (rank)
			r = asprintf(&t, "%s%s%zu. #%lld", out, i ? ", " : "", i + 1, b->choices[i]);
		else if (title != NULL)
			r = asprintf(&t, "%s%s%s", out, i ? ", " : "", title);
		else
			r = asprintf(&t, "%s%s#%lld", out, i ? ", " : "", b->choices[i]);
		free(out);
		out = r < 0 ? NULL : t;
	}
	return out;
}

static void
account_add_ballots(struct page *p, const struct api_activity *act)
{
	struct page_item *it;
	char group[128], id[32], when[96], *list;
	size_t i;

	/* L10N: sub-heading of the own ballots on the account page. */
	snprintf(group, sizeof(group), _("My votes (%zu)"), act->n_ballots);
	for (i = 0; i < act->n_ballots; i++) {
		const struct api_my_ballot *b = &act->ballots[i];

		snprintf(id, sizeof(id), "#%lld", b->poll_id);
		if ((it = page_add_item(p, PAGE_ITEM_LINK, b->poll_title != NULL ? b->poll_title : id)) == NULL)
			return;
		page_item_group(it, group);
		if (b->poll_status != API_STATUS_UNKNOWN)
			page_item_state(it, "%s", ui_window_text(b->poll_status, b->opens_at,
			    b->closes_at, when, sizeof(when)));
		if ((list = account_choices(b)) != NULL) {
			page_item_detail(it, _("Your vote: %s"), list);
			free(list);
		}
		it->ref = ACC_POLL;
		it->id = (long)b->poll_id;
	}
}

static void
account_build(struct app *app, struct screen *s, struct page *p)
{
	struct account *d = s->data;
	const struct api_user *u = d->me;
	const struct api_activity *act = d->act;
	struct page_item *it;
	char when[64];
	const char *acc = _("Account");

	page_set_heading(p, "%s", _("My account"));
	/* L10N: account facts. */
	page_add_text(p, PAGE_TEXT_NOTE, _("User name: %s"), u->username != NULL ? u->username : "");
	if (u->display_name != NULL)
		page_add_text(p, PAGE_TEXT_NOTE, _("Name others see: %s"), u->display_name);
	if (u->email != NULL)
		page_add_text(p, PAGE_TEXT_NOTE, _("E-mail: %s"), u->email);
	page_add_text(p, PAGE_TEXT_NOTE, _("Member since %s; role: %s."),
	    ui_date(u->created_at, when, sizeof(when)), ui_role_word(u->role));
	if (act == NULL) {
		page_add_text(p, PAGE_TEXT_NOTE, "%s",
		    _("Your ideas, comments and votes could not be loaded."));
	} else {
		if (act->n_ideas == 0)
			page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have not written any ideas yet."));
		if (act->n_comments == 0)
			page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have not written any comments yet."));
		if (act->n_ballots == 0)
			page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have not voted yet."));
		account_add_ideas(p, act);
		account_add_comments(p, act);
		account_add_ballots(p, act);
	}
	if (!app_kiosk(app) && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Export all my data to a file"))) != NULL) {
		it->ref = ACC_EXPORT;
		page_item_group(it, acc);
	}
	if (!app_kiosk(app) && (it = page_add_item(p, PAGE_ITEM_LINK, _("My SSH keys for logging in"))) != NULL) {
		it->ref = ACC_KEYS;
		page_item_group(it, acc);
	}
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Log out"))) != NULL) {
		it->ref = ACC_LOGOUT;
		page_item_group(it, acc);
	}
	if (!d->confirm) {
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Delete my account"))) != NULL) {
			it->ref = ACC_DELETE;
			page_item_group(it, acc);
		}
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
	struct when_day today;
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
		ui_fail_action(app, _("The export failed."));
		return APP_OK;
	}
	/* The day of Kaiserslautern, as on every page. */
	when_berlin_day((int64_t)now, &today);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", today.year, today.month, today.day);
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
	size_t i;

	if (d->pw.len == 0) {
		field_set_error(&d->pw, _("Password: please type your password to delete the account."));
		ui_status(app, "%s", d->pw.error);
		/* The focus goes to the password field, wherever the lists above
		 * have put it. */
		for (i = 0; i < app->page->n_item; i++)
			if (app->page->item[i].ref == ACC_PW)
				s->focus = (int)i;
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
	case ACC_IDEA:
	case ACC_COMMENT_IDEA:
		scr_idea_open(app, it->id);
		return APP_OK;
	case ACC_COMMENT_PROJECT:
		scr_project_open(app, it->id);
		return APP_OK;
	case ACC_POLL:
		scr_poll_open(app, it->id);
		return APP_OK;
	case ACC_EXPORT:
		return account_export(app);
	case ACC_KEYS:
		scr_keys_open(app);
		return APP_OK;
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
	api_activity_free(d->act);
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

/* The same page from an activity already fetched (tests build it without
 * a network); the screen owns me and act from now on. */
int
scr_account_with(struct app *app, struct api_user *me, struct api_activity *act)
{
	struct account *d = calloc(1, sizeof(*d));

	if (d == NULL || field_init(&d->pw, _("Password"), _("Your password (not shown):"), 256, 0, 1) < 0) {
		free(d);
		api_user_free(me);
		api_activity_free(act);
		return -1;
	}
	d->me = me;
	d->act = act;
	return ui_push_loaded(app, &scr_account, d);
}
