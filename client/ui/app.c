/* app.c — the client's core: screen stack, action dispatch, status line, drafts, login state. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/keys/keys.h"
#include "client/session.h"
#include "client/ui/listwin.h"
#include "client/ui/ui.h"

#define APP_MAX_MSGS	100

static void
app_wipe_free(char *s)
{
	volatile char *v = s;

	if (s == NULL)
		return;
	while (*v != '\0')
		*v++ = 0;
	free(s);
}

/* ------------------------------------------------------------ screens */

static void
screen_free(struct app *app, struct screen *s)
{
	if (s == NULL)
		return;
	if (s == app->pend_login || s == app->pend_on)
		ui_resume_drop(app);
	if (s->type->free != NULL)
		s->type->free(app, s);
	free(s->error);
	free(s);
}

int
ui_push(struct app *app, const struct screen_type *type, void *data)
{
	struct screen *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		struct screen tmp = { .type = type, .data = data };

		if (type->free != NULL)
			type->free(app, &tmp);
		ui_status(app, "%s", _("Out of memory."));
		return -1;
	}
	s->type = type;
	s->data = data;
	s->below = app->top;
	app->top = s;
	app->dirty = 1;
	return 0;
}

int
ui_push_loaded(struct app *app, const struct screen_type *type, void *data)
{
	if (ui_push(app, type, data) < 0)
		return -1;
	app->top->loaded = 1;
	return 0;
}

/* Forgets the failure said on the focused line. */
static void
app_refused_clear(struct app *app)
{
	free(app->refused);
	app->refused = NULL;
	app->refused_on = NULL;
}

/* The status just set says why the action on the focused item failed:
 * said on that line too (only while that screen and item have focus). */
static void
app_refused_note(struct app *app)
{
	app_refused_clear(app);
	if (app->status == NULL || app->top == NULL ||
	    (app->refused = strdup(app->status)) == NULL)
		return;
	app->refused_on = app->top;
	app->refused_focus = app->top->focus;
}

void
ui_pop(struct app *app)
{
	struct screen *s = app->top;

	if (s == NULL || s->below == NULL)
		return;
	if (s == app->refused_on)
		app_refused_clear(app);
	app->top = s->below;
	screen_free(app, s);
	app->dirty = 1;
}

void
ui_pop_to(struct app *app, struct screen *s)
{
	while (app->top != NULL && app->top != s && app->top->below != NULL)
		ui_pop(app);
}

void
ui_invalidate(struct app *app)
{
	struct screen *s;

	for (s = app->top; s != NULL; s = s->below) {
		s->loaded = 0;
		s->failed = 0;
	}
	app->dirty = 1;
}

/* ------------------------------------------------------- kiosk back */

/* 1 when back on the first page of a kiosk ends the session: someone is
 * logged in or typed a draft (a keypad has no q). */
static int
app_kiosk_ends(const struct app *app)
{
	return app->opts.kiosk && (api_token(app->api) != NULL || app->drafts != NULL);
}

/* The first page's hint for back there, before quit's: one "end session"
 * hint, with the key a keypad has ('/' rather than q). */
static void
app_back_ends(struct page *p)
{
	struct page_action a;
	size_t i;

	if (page_add_action(p, ACTION_BACK, _("end session")) != 0 || p->n_action < 2)
		return;
	for (i = 0; i + 1 < p->n_action && p->action[i].action != ACTION_QUIT; i++)
		;
	a = p->action[p->n_action - 1];
	memmove(p->action + i + 1, p->action + i, (p->n_action - 1 - i) * sizeof(a));
	p->action[i] = a;
}

/* ------------------------------------------------------------- status */

void
ui_status(struct app *app, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL, **m;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (s == NULL)
		return;
	free(app->status);
	app->status = s;
	app->dirty = 1;
	if (app->n_msgs == APP_MAX_MSGS) {
		free(app->msgs[0]);
		memmove(app->msgs, app->msgs + 1, (APP_MAX_MSGS - 1) * sizeof(*m));
		app->n_msgs--;
	}
	if ((m = realloc(app->msgs, (app->n_msgs + 1) * sizeof(*m))) == NULL)
		return;
	app->msgs = m;
	if ((m[app->n_msgs] = strdup(s)) != NULL)
		app->n_msgs++;
}

const char *
app_status(const struct app *app)
{
	return app != NULL ? app->status : NULL;
}

void
app_status_clear(struct app *app)
{
	if (app != NULL)
		app_refused_clear(app);
	if (app == NULL || app->status == NULL)
		return;
	free(app->status);
	app->status = NULL;
	app->dirty = 1;
}

size_t
app_message_count(const struct app *app)
{
	return app != NULL ? app->n_msgs : 0;
}

const char *
app_message(const struct app *app, size_t i)
{
	if (app == NULL || i >= app->n_msgs)
		return NULL;
	return app->msgs[i];
}

void
ui_loading(struct app *app)
{
	if (app->hooks.loading != NULL)
		app->hooks.loading(app->ud, _("Loading…"));
}

void
ui_drop_login(struct app *app)
{
	api_set_token(app->api, NULL);
	if (!app->opts.kiosk)
		session_remove();
	api_user_free(app->me);
	app->me = NULL;
	app->me_asked = 1;
}

/* The server ended the session: logged out, and the login will have the
 * name filled in, so only the password is to type again. */
static void
app_session_ended(struct app *app)
{
	free(app->last_user);
	app->last_user = NULL;
	if (!app->opts.kiosk && app->me != NULL && app->me->username != NULL)
		app->last_user = strdup(app->me->username);
	ui_drop_login(app);
}

int
ui_fail(struct app *app, const char *what, int keeps_text)
{
	const struct api_error *e = api_error(app->api);
	const char *msg = e != NULL && e->message[0] != '\0' ? e->message : _("Unknown error.");

	if (e != NULL && e->kind == API_ERR_LOGIN && keeps_text) {
		int had = api_token(app->api) != NULL;

		app_session_ended(app);
		/* L10N: %s says what failed ("Your idea was not sent."). */
		ui_status(app, _("%s %s Please log in; what you entered is kept and you can send it again."),
		    what, had ? _("Your session has ended.") : _("You are not logged in."));
		scr_login_open(app);
		return -1;
	}
	if (keeps_text) {
		/* L10N: what failed, that nothing is lost, then why (from the
		 * server or the network). The first two come first: a small
		 * screen shows only three lines of a message. */
		ui_status(app, _("%s What you entered is kept. %s"), what, msg);
	} else
		ui_status(app, "%s %s", what, msg);
	/* A page that cannot be loaded says why itself. */
	if (!app->in_load)
		app_refused_note(app);
	return -1;
}

int
ui_fail_action(struct app *app, const char *what)
{
	const struct api_error *e = api_error(app->api);

	ui_fail(app, what, 0);
	/* A GET has already dropped the token (api.c); me is still set. */
	if (e != NULL && e->kind == API_ERR_LOGIN &&
	    (api_token(app->api) != NULL || app->me != NULL)) {
		app_session_ended(app);
		scr_login_open(app);
	}
	return -1;
}

int
ui_role_at_least(const struct app *app, enum api_role role)
{
	return app->me != NULL && app->me->role != API_ROLE_UNKNOWN &&
	    app->me->role >= role;
}

/* ------------------------------------------------- action after login */

/* An action on s that pushed the login form right above it (logged out,
 * or the session ended) is remembered for ui_resume(). */
static void
app_note_pending(struct app *app, struct screen *s, enum action a, int arg)
{
	if (a == ACTION_LOGIN || a == ACTION_REGISTER || app->top == s ||
	    app->top->below != s || strcmp(app->top->type->name, "login") != 0)
		return;
	app->pend_login = app->top;
	app->pend_on = s;
	app->pend_action = a;
	app->pend_arg = arg;
}

int
ui_login_resumes(struct app *app, const struct screen *login)
{
	if (login == NULL || app->pend_login != login || login->below != app->pend_on) {
		ui_resume_drop(app);
		return 0;
	}
	/* Popping the form no longer forgets the action. */
	app->pend_login = NULL;
	return 1;
}

void
ui_resume_drop(struct app *app)
{
	app->pend_login = NULL;
	app->pend_on = NULL;
}

void
ui_resume(struct app *app)
{
	enum action a = app->pend_action;
	int arg = app->pend_arg;

	if (app->pend_on == NULL || app->pend_on != app->top)
		return;
	ui_resume_drop(app);
	app->resuming = 1;
	app_action(app, a, arg);
	app->resuming = 0;
}

int
ui_resuming(const struct app *app)
{
	return app->resuming;
}

/* ------------------------------------------------------------- drafts */

static struct ui_draft **
app_draft_find(struct app *app, const char *key)
{
	struct ui_draft **d;

	for (d = &app->drafts; *d != NULL; d = &(*d)->next)
		if (strcmp((*d)->key, key) == 0)
			return d;
	return NULL;
}

static void
app_draft_free(struct ui_draft *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		app_wipe_free(d->text[i]);
	free(d->text);
	free(d->key);
	free(d);
}

void
ui_draft_drop(struct app *app, const char *key)
{
	struct ui_draft **d = app_draft_find(app, key), *x;

	if (d == NULL)
		return;
	x = *d;
	*d = x->next;
	app_draft_free(x);
}

/* Drafts with some text kept so far; leaving a screen compares it to say
 * that nothing typed was lost. */
static unsigned long app_drafts_kept;

int
ui_draft_save(struct app *app, const char *key, const char *const *text, size_t n)
{
	struct ui_draft *d;
	size_t i;

	for (i = 0; i < n; i++)
		if (text[i] != NULL && text[i][0] != '\0') {
			app_drafts_kept++;
			break;
		}
	ui_draft_drop(app, key);
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return -1;
	if ((d->key = strdup(key)) == NULL || (d->text = calloc(n ? n : 1, sizeof(char *))) == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		if ((d->text[i] = strdup(text[i] != NULL ? text[i] : "")) == NULL)
			goto fail;
		d->n++;
	}
	d->next = app->drafts;
	app->drafts = d;
	return 0;
fail:
	app_draft_free(d);
	return -1;
}

int
ui_draft_load(struct app *app, const char *key, char ***text, size_t *n)
{
	struct ui_draft **d = app_draft_find(app, key);

	*text = NULL;
	*n = 0;
	if (d == NULL)
		return 0;
	*text = (*d)->text;
	*n = (*d)->n;
	return 1;
}

static void
app_drafts_free(struct app *app)
{
	struct ui_draft *d, *next;

	for (d = app->drafts; d != NULL; d = next) {
		next = d->next;
		app_draft_free(d);
	}
	app->drafts = NULL;
}

/* ------------------------------------------------------------ the app */

struct app *
app_new(const struct client_opts *opts, const struct app_hooks *hooks, void *ud)
{
	struct app *app;
	char *base = NULL, *token = NULL;

	if ((app = calloc(1, sizeof(*app))) == NULL)
		return NULL;
	if (opts != NULL)
		app->opts = *opts;
	if (hooks != NULL)
		app->hooks = *hooks;
	app->ud = ud;
	app->rows = 10;
	app->cols = 0;
	session_set_nodisk(app->opts.kiosk);
	if ((app->default_lang = strdup(i18n_lang() != NULL ? i18n_lang() : "de")) == NULL)
		goto fail;
	if ((base = api_resolve_base(app->opts.api_url)) == NULL)
		goto fail;
	if ((app->api = api_new(base)) == NULL)
		goto fail;
	if ((app->page = page_new()) == NULL)
		goto fail;
	if (!app->opts.kiosk && (token = session_load()) != NULL) {
		api_set_token(app->api, token);
		app_wipe_free(token);
	} else {
		app->me_asked = 1;
	}
	if (scr_projects_open(app) < 0)
		goto fail;
	free(base);
	app->dirty = 1;
	return app;
fail:
	free(base);
	app_free(app);
	return NULL;
}

void
app_free(struct app *app)
{
	size_t i;

	if (app == NULL)
		return;
	while (app->top != NULL) {
		struct screen *s = app->top;

		app->top = s->below;
		screen_free(app, s);
	}
	app_drafts_free(app);
	page_free(app->page);
	api_user_free(app->me);
	free(app->last_user);
	api_free(app->api);
	free(app->status);
	app_refused_clear(app);
	for (i = 0; i < app->n_msgs; i++)
		free(app->msgs[i]);
	free(app->msgs);
	free(app->default_lang);
	keys_map_free(app->own_keys);
	free(app);
}

void
app_set_keymap(struct app *app, const struct keys_map *keys)
{
	if (app != NULL)
		app->keys = keys;
}

/* Asks who is logged in once, so the pages can greet and offer the
 * moderation queue; an expired saved token is dropped quietly. */
static void
app_whoami(struct app *app)
{
	if (app->me_asked || api_token(app->api) == NULL)
		return;
	app->me_asked = 1;
	ui_loading(app);
	if (api_me(app->api, &app->me) < 0) {
		if (api_error(app->api)->kind == API_ERR_LOGIN)
			ui_drop_login(app);
	}
}

/* The buttons of a page that could not be loaded. */
enum { APP_FAILED_LOGIN = 1, APP_FAILED_RETRY };

static void
app_build(struct app *app)
{
	struct screen *s = app->top;
	struct page *p = app->page;
	const struct page_item *it;
	struct page_item *it2;
	int rc;

	app_whoami(app);
	if (s->type->load != NULL && !s->loaded && !s->failed) {
		ui_loading(app);
		free(s->error);
		s->error = NULL;
		app->in_load++;
		rc = s->type->load(app, s);
		if (rc < 0 && api_error(app->api)->kind == API_ERR_LOGIN &&
		    api_token(app->api) != NULL) {
			/* A saved login that the server no longer knows: read
			 * the page as a guest and say so. */
			app_session_ended(app);
			rc = s->type->load(app, s);
			ui_status(app, "%s", _("Your session has ended; you are logged out."));
		}
		app->in_load--;
		if (rc == 0) {
			s->loaded = 1;
		} else {
			s->failed = 1;
			s->need_login = api_error(app->api)->kind == API_ERR_LOGIN &&
			    api_token(app->api) == NULL;
			s->error = app->status != NULL ? strdup(app->status) : NULL;
			/* The page says why; a screen reader need not hear it
			 * twice from the status line. */
			if (s->error != NULL)
				app_status_clear(app);
		}
	}
	page_clear(p);
	if (s->failed) {
		page_set_heading(p, "%s", _("This page could not be loaded"));
		page_add_text(p, PAGE_TEXT_PARA, "%s", s->error != NULL ? s->error : "");
		/* An ended session: the way on is logging in, one key away. */
		if (s->need_login && !app_logged_in(app)) {
			if ((it2 = page_add_item(p, PAGE_ITEM_BUTTON, _("Log in"))) != NULL)
				it2->ref = APP_FAILED_LOGIN;
			page_add_action(p, ACTION_LOGIN, _("log in"));
		}
		/* Enter on a button: not everyone finds F5. */
		if ((it2 = page_add_item(p, PAGE_ITEM_BUTTON, _("Try again"))) != NULL)
			it2->ref = APP_FAILED_RETRY;
		page_add_action(p, ACTION_REFRESH, _("try again"));
	} else {
		s->type->build(app, s, p);
	}
	if (s->below != NULL)
		page_add_action(p, ACTION_BACK, _("back"));
	else if (app_kiosk_ends(app))
		app_back_ends(p);
	page_add_action(p, ACTION_HELP, _("help"));
	if (p->heading == NULL)
		page_set_heading(p, "%s", "");
	if (p->n_item == 0) {
		s->focus = -1;
	} else {
		if (s->focus < 0)
			s->focus = 0;
		if ((size_t)s->focus >= p->n_item)
			s->focus = (int)p->n_item - 1;
	}
	p->focus = s->focus;
	it = page_focused(p);
	if (it != NULL && it->field != NULL)
		p->context = "editor";
	p->status = app->status;
	p->refused = app->refused != NULL && app->refused_on == s &&
	    app->refused_focus == s->focus ? app->refused : NULL;
	app->dirty = 0;
}

const struct page *
app_page(struct app *app)
{
	if (app->dirty || app->page->heading == NULL)
		app_build(app);
	return app->page;
}

void
app_set_viewport(struct app *app, int rows, int cols)
{
	if (app == NULL)
		return;
	app->rows = rows > 0 ? rows : 1;
	app->cols = cols > 0 ? cols : 0;
}

int
app_logged_in(const struct app *app)
{
	return app != NULL && api_token(app->api) != NULL;
}

const char *
app_user_name(const struct app *app)
{
	if (app == NULL || app->me == NULL)
		return NULL;
	return app->me->display_name != NULL ? app->me->display_name : app->me->username;
}

int
app_kiosk(const struct app *app)
{
	return app != NULL && app->opts.kiosk;
}

int
app_set_lang(struct app *app, const char *lang)
{
	if (i18n_set_lang(lang) < 0)
		return -1;
	ui_invalidate(app);
	/* L10N: said in the new language after switching. */
	ui_status(app, "%s", _("Language: English."));
	return 0;
}

void
app_reset(struct app *app)
{
	size_t i;

	if (api_token(app->api) != NULL)
		api_logout(app->api);
	ui_drop_login(app);
	free(app->last_user);
	app->last_user = NULL;
	app->me_asked = 1;
	while (app->top != NULL) {
		struct screen *s = app->top;

		app->top = s->below;
		screen_free(app, s);
	}
	app_drafts_free(app);
	api_cache_clear(app->api);
	free(app->status);
	app->status = NULL;
	app_refused_clear(app);
	for (i = 0; i < app->n_msgs; i++)
		app_wipe_free(app->msgs[i]);
	free(app->msgs);
	app->msgs = NULL;
	app->n_msgs = 0;
	i18n_set_lang(app->default_lang);
	scr_projects_open(app);
	app->dirty = 1;
	if (app->hooks.reset != NULL)
		app->hooks.reset(app->ud);
}

int
app_has_session(const struct app *app)
{
	const char *lang = i18n_lang();

	if (app == NULL)
		return 0;
	return api_token(app->api) != NULL || (app->top != NULL && app->top->below != NULL) ||
	    app->drafts != NULL || app->n_msgs > 0 ||
	    (lang != NULL && app->default_lang != NULL && strcmp(lang, app->default_lang) != 0);
}

/* ----------------------------------------------------------- actions */

static struct page_field *
app_focused_field(struct app *app)
{
	const struct page *p = app_page(app);
	const struct page_item *it = page_focused(p);

	return it != NULL ? it->field : NULL;
}

/* Checks field f of the top screen by its rules: 0, or -1 when refused
 * (its error is set and said as the status). */
static int
app_check_one(struct app *app, struct page_field *f)
{
	if (f == NULL || f->len == 0 || app->top->type->field_check == NULL)
		return 0;
	field_set_error(f, NULL);
	app->dirty = 1;
	if (app->top->type->field_check(app, app->top, f) == 0)
		return 0;
	if (f->error != NULL)
		ui_status(app, "%s", f->error);
	return -1;
}

static int
app_move_focus(struct app *app, enum action action, int arg)
{
	const struct page *p = app_page(app);
	struct page_field *left = app_focused_field(app);
	int from = app->top->focus;
	struct listwin w;
	int i;

	listwin_init(&w, app->rows);
	listwin_set_count(&w, (int)p->n_item);
	listwin_select(&w, app->top->focus);
	switch ((int)action) {	/* open set: the rest goes to default */
	case ACTION_UP:
	case ACTION_PREV_FIELD:
		listwin_move(&w, -1);
		break;
	case ACTION_DOWN:
	case ACTION_NEXT_FIELD:
		listwin_move(&w, 1);
		break;
	case ACTION_PAGE_UP:
		listwin_page_up(&w);
		break;
	case ACTION_PAGE_DOWN:
		listwin_page_down(&w);
		break;
	case ACTION_FIRST:
		listwin_first(&w);
		break;
	case ACTION_LAST:
		listwin_last(&w);
		break;
	case ACTION_JUMP:
		if ((i = page_find_number(p, arg)) < 0) {
			/* L10N: the number typed does not belong to an item. */
			ui_status(app, _("There is no item %d on this page."), arg);
			return APP_OK;
		}
		listwin_select(&w, i);
		break;
	default:
		break;
	}
	app->top->focus = w.sel;
	app->dirty = 1;
	/* The field just left: a refusal is said now, not after the form
	 * is filled; the person goes on all the same. An error shown
	 * still (the server's too) stays until the text is changed. */
	if (app->leave_check && w.sel != from && left != NULL && left->error == NULL)
		app_check_one(app, left);
	return APP_OK;
}

/* After leaving a form or ballot with something in it: the person must
 * not wonder whether the typing was lost. */
static void
app_say_kept(struct app *app, unsigned long before)
{
	if (app_drafts_kept != before)
		ui_status(app, "%s", _("What you entered is kept; it is there again when you come back."));
}

/*
 * Before an action leaves screens behind (all above stop; stop NULL: all
 * of them): when one holds typed text or an unsent choice, asks first
 * and says where the draft is kept; "yes" runs the action again,
 * confirmed. Returns 1 when it asked (the action waits), else 0.
 */
static int
app_ask_leave(struct app *app, enum action action, const struct screen *stop)
{
	const struct screen *s;
	const char *what = NULL;
	char text[512];

	if (ui_confirmed(app))
		return 0;
	for (s = app->top; s != NULL && s != stop && what == NULL; s = s->below)
		if (s->type->unsent != NULL && !s->failed)
			what = s->type->unsent(app, (struct screen *)s);
	/* A draft kept by leaving its form earlier is lost by quitting too. */
	if (what == NULL && action == ACTION_QUIT && app->drafts != NULL)
		/* L10N: before quitting, when a form left earlier kept its text. */
		what = _("A text you left is kept as a draft and not sent.");
	if (what == NULL)
		return 0;
	if (action == ACTION_QUIT) {
		/* L10N: %s says what is not sent ("Your idea is not sent."). */
		snprintf(text, sizeof(text), _("%s Quitting ends the program, and what you entered is lost."),
		    what);
		ui_confirm(app, action, _("Quit without sending?"), text,
		    _("Yes, quit"), _("No, stay here"));
		return 1;
	}
	if (app->opts.kiosk)
		/* L10N: on a public kiosk, which wipes a draft when the
		 * session ends; %s says what is not sent. */
		snprintf(text, sizeof(text), _("%s If you leave, it is kept as a draft until "
		    "your session ends, and is there again when you come back."), what);
	else
		/* L10N: %s says what is not sent ("Your idea is not sent."). */
		snprintf(text, sizeof(text), _("%s If you leave, it is kept as a draft in this program "
		    "until you quit, and is there again when you come back."), what);
	ui_confirm(app, action, _("Leave without sending?"), text,
	    _("Yes, leave; keep the draft"), _("No, stay here"));
	return 1;
}

/*
 * After logging out: the pages only a login could read (a staff or
 * moderation page) are left, from the top down, so the person lands on
 * the page a resident can see, not on "please log in". Each page below
 * is loaded again as it would be anyway; the errors of the pages left are
 * no messages for the person.
 */
static void
app_leave_private(struct app *app)
{
	struct screen *s;
	size_t n = app->n_msgs;
	int rc;

	while ((s = app->top)->below != NULL && s->type->load != NULL) {
		ui_loading(app);
		app->in_load++;
		rc = s->type->load(app, s);
		app->in_load--;
		if (rc == 0) {
			s->loaded = 1;
			break;
		}
		if (api_error(app->api)->kind != API_ERR_LOGIN)
			break;
		ui_pop(app);
	}
	while (app->n_msgs > n)
		free(app->msgs[--app->n_msgs]);
}

/* Actions the app takes on every page (app_action()'s own switch). */
static const enum action app_globals[] = {
	ACTION_BACK, ACTION_CANCEL, ACTION_HOME, ACTION_HELP, ACTION_MESSAGES,
	ACTION_QUIT, ACTION_LANGUAGE, ACTION_REFRESH, ACTION_LOGIN,
	ACTION_REGISTER, ACTION_LOGOUT, ACTION_ACCOUNT, ACTION_MODERATION
};

int
app_action_global(enum action a)
{
	size_t i;

	for (i = 0; i < sizeof(app_globals) / sizeof(app_globals[0]); i++)
		if (app_globals[i] == a)
			return 1;
	return 0;
}

int
app_action(struct app *app, enum action action, int arg)
{
	struct screen *s, *b;
	unsigned long kept;
	char name[130];
	int rc;

	if (app == NULL)
		return APP_ERR;
	app_page(app);
	s = app->top;
	app->dirty = 1;
	if (s->failed && action == ACTION_OPEN && page_focused(app->page) != NULL &&
	    page_focused(app->page)->ref == APP_FAILED_RETRY)
		action = ACTION_REFRESH;
	if (s->failed && action == ACTION_REFRESH) {
		s->failed = 0;
		s->loaded = 0;
		return APP_OK;
	}
	if (s->failed && action == ACTION_OPEN && page_focused(app->page) != NULL &&
	    page_focused(app->page)->ref == APP_FAILED_LOGIN)
		action = ACTION_LOGIN;
	if (!s->failed && s->type->action != NULL) {
		rc = s->type->action(app, s, action, arg);
		app_note_pending(app, s, action, arg);
		if (rc != SCREEN_PASS)
			return rc;
	}
	switch ((int)action) {	/* open set: the rest goes to default */
	case ACTION_UP:
	case ACTION_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_FIRST:
	case ACTION_LAST:
	case ACTION_JUMP:
	case ACTION_NEXT_FIELD:
	case ACTION_PREV_FIELD:
		return app_move_focus(app, action, arg);
	case ACTION_BACK:
	case ACTION_CANCEL:
		if (s->below == NULL) {
			/* A kiosk is not quit: q ends the session there, and
			 * so does back with a login or a draft to wipe (a
			 * keypad has no q). */
			if (app_kiosk_ends(app))
				scr_end_session_open(app);
			else if (app->opts.kiosk)
				ui_status(app, "%s", _("This is the first page."));
			else
				ui_status(app, "%s", _("This is the first page. Press q to quit."));
			return APP_OK;
		}
		if (app_ask_leave(app, action, s->below))
			return APP_OK;
		kept = app_drafts_kept;
		ui_pop(app);
		app_say_kept(app, kept);
		return APP_OK;
	case ACTION_HOME:
		for (b = app->top; b->below != NULL; b = b->below)
			;
		if (app_ask_leave(app, action, b))
			return APP_OK;
		kept = app_drafts_kept;
		while (app->top->below != NULL)
			ui_pop(app);
		app_say_kept(app, kept);
		return APP_OK;
	case ACTION_HELP:
		scr_help_open(app);
		return APP_OK;
	case ACTION_MESSAGES:
		scr_messages_open(app);
		return APP_OK;
	case ACTION_QUIT:
		if (app->opts.kiosk) {
			scr_end_session_open(app);
			return APP_OK;
		}
		if (app_ask_leave(app, action, NULL))
			return APP_OK;
		return APP_QUIT;
	case ACTION_LANGUAGE:
		scr_lang_open(app);
		return APP_OK;
	case ACTION_REFRESH:
		s->loaded = 0;
		return APP_OK;
	case ACTION_LOGIN:
		if (app_logged_in(app))
			ui_status(app, _("You are logged in as %s."),
			    ui_name(_("You are logged in as %s."), app_user_name(app), name,
			    sizeof(name)));
		else
			scr_login_open(app);
		return APP_OK;
	case ACTION_REGISTER:
		scr_register_open(app);
		return APP_OK;
	case ACTION_LOGOUT:
		if (!app_logged_in(app)) {
			ui_status(app, "%s", _("You are not logged in."));
			return APP_OK;
		}
		if (app_ask_leave(app, action, NULL))
			return APP_OK;
		api_logout(app->api);
		ui_drop_login(app);
		ui_invalidate(app);
		app_leave_private(app);
		ui_status(app, "%s", _("You are logged out."));
		return APP_OK;
	case ACTION_ACCOUNT:
		if (!app_logged_in(app)) {
			ui_status(app, "%s", _("Please log in to see your account."));
			scr_login_open(app);
		} else {
			scr_account_open(app);
		}
		return APP_OK;
	case ACTION_MODERATION:
		if (!ui_role_at_least(app, API_ROLE_MODERATOR))
			ui_status(app, "%s", _("The moderation queue is for moderators. Please log in as one."));
		else
			scr_moderation_open(app);
		return APP_OK;
	default:
		return APP_OK;
	}
}

int
app_field_check(struct app *app)
{
	struct page_field *f = app != NULL ? app_focused_field(app) : NULL;

	return f != NULL ? app_check_one(app, f) : 0;
}

void
app_set_leave_check(struct app *app, int on)
{
	if (app != NULL)
		app->leave_check = on != 0;
}

int
app_input_text(struct app *app, const char *utf8)
{
	struct page_field *f = app != NULL ? app_focused_field(app) : NULL;

	if (f == NULL)
		return APP_OK;
	if (field_insert(f, utf8) == 1)
		/* L10N: %s is the field name, %zu its limit. */
		ui_status(app, ngettext("%s: at most %zu character; the rest was not taken.",
		    "%s: at most %zu characters; the rest was not taken.", f->max_chars),
		    f->name != NULL ? f->name : "", f->max_chars);
	field_set_error(f, NULL);
	app->dirty = 1;
	return APP_OK;
}

int
app_field_set(struct app *app, const char *utf8)
{
	struct page_field *f = app != NULL ? app_focused_field(app) : NULL;

	if (f == NULL)
		return APP_OK;
	if (field_set(f, utf8) == 1)
		ui_status(app, ngettext("%s: at most %zu character; the rest was not taken.",
		    "%s: at most %zu characters; the rest was not taken.", f->max_chars),
		    f->name != NULL ? f->name : "", f->max_chars);
	field_set_error(f, NULL);
	app->dirty = 1;
	return APP_OK;
}

int
app_edit(struct app *app, enum app_edit op)
{
	struct page_field *f = app != NULL ? app_focused_field(app) : NULL;
	const struct page *p;
	size_t w;

	if (f == NULL)
		return APP_OK;
	w = f->multiline ? (size_t)app->cols : 0;
	app->dirty = 1;
	switch (op) {
	case APP_EDIT_LEFT:
		field_left(f);
		break;
	case APP_EDIT_RIGHT:
		field_right(f);
		break;
	case APP_EDIT_HOME:
		field_home(f, w);
		break;
	case APP_EDIT_END:
		field_end(f, w);
		break;
	case APP_EDIT_BACKSPACE:
		field_backspace(f);
		break;
	case APP_EDIT_DELETE:
		field_delete(f);
		break;
	case APP_EDIT_NEWLINE:
		/* Enter on an empty text box is taken as "start here", not
		 * as an empty first line nobody meant to send. */
		if (f->multiline && f->len == 0)
			break;
		if (f->multiline) {
			field_insert(f, "\n");
			break;
		}
		/* Enter in the last one-line field of a form sends it, as
		 * people expect from a login; elsewhere it goes on. */
		p = app_page(app);
		if (p->focus >= 0 && (size_t)p->focus + 1 < p->n_item &&
		    p->item[p->focus + 1].field == NULL && page_offers(p, ACTION_SEND))
			return app_action(app, ACTION_SEND, 0);
		return app_move_focus(app, ACTION_NEXT_FIELD, 0);
	case APP_EDIT_UP:
		if (!f->multiline || !field_up(f, w))
			return app_move_focus(app, ACTION_UP, 0);
		break;
	case APP_EDIT_DOWN:
		if (!f->multiline || !field_down(f, w))
			return app_move_focus(app, ACTION_DOWN, 0);
		break;
	}
	return APP_OK;
}
