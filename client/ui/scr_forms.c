/* scr_forms.c — screens with text fields: login, registration, confirmation, new idea, comment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/session.h"
#include "client/ui/ui.h"

/*
 * A form: text fields, then buttons. Fields are owned here, so a login in
 * between or a failed send never loses what was typed; forms with a draft
 * key also keep unsent text in the app when they are left.
 */
#define FORM_MAX_FIELDS	5

struct form;

struct form_kind {
	const char	*name;
	int		(*submit)(struct app *, struct screen *);	/* Enter on the main button */
	void		(*intro)(struct app *, struct form *, struct page *);
};

struct form {
	const struct form_kind	*kind;
	struct page_field	 f[FORM_MAX_FIELDS];
	enum page_item_kind	 fkind[FORM_MAX_FIELDS];
	size_t			 n;
	const char		*button;	/* the main button's label, untranslated (N_) */
	const char		*name_id[FORM_MAX_FIELDS];	/* field names and prompts, */
	const char		*prompt_id[FORM_MAX_FIELDS];	/* untranslated (N_) */
	int			 min[FORM_MAX_FIELDS];	/* fewest characters; 0: optional */
	char			*draft_key;	/* NULL: no draft kept */
	int			 sent;
	long long		 idea_id;	/* comment and idea forms */
	long long		 project_id;
	long long		 parent_id;
	char			*about;		/* what is commented, or the project's title */
	int			 registered;	/* confirm: opened by the registration, whose
						 * status says what to type */
};

enum { FORM_FIELD = 1, FORM_SUBMIT, FORM_REGISTER, FORM_CONFIRM };

static struct form *
form_new(const struct form_kind *kind)
{
	struct form *f = calloc(1, sizeof(*f));

	if (f != NULL)
		f->kind = kind;
	return f;
}

/* Adds a field; name and prompt are msgids (N_), translated whenever the
 * form is built, so a language switch changes them too. */
static int
form_add(struct form *f, enum page_item_kind kind, const char *name, const char *prompt,
    size_t max, int min)
{
	if (f->n >= FORM_MAX_FIELDS)
		return -1;
	if (field_init(&f->f[f->n], _(name), _(prompt), max, kind == PAGE_ITEM_MULTILINE,
	    kind == PAGE_ITEM_PASSWORD) < 0)
		return -1;
	f->name_id[f->n] = name;
	f->prompt_id[f->n] = prompt;
	f->fkind[f->n] = kind;
	f->min[f->n] = min;
	f->n++;
	return 0;
}

static void
form_restore(struct app *app, struct form *f)
{
	char **txt;
	size_t n, i;

	if (f->draft_key == NULL || !ui_draft_load(app, f->draft_key, &txt, &n))
		return;
	for (i = 0; i < n && i < f->n; i++)
		field_set(&f->f[i], txt[i]);
}

/* Typed text that leaving would leave behind (kept as a draft), said in
 * words for the question before leaving. */
static const char *
form_unsent(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	size_t i;

	(void)app;
	if (f == NULL || f->sent || f->draft_key == NULL)
		return NULL;
	for (i = 0; i < f->n && f->f[i].len == 0; i++)
		;
	if (i == f->n)
		return NULL;
	if (strcmp(f->kind->name, "idea") == 0)
		return _("Your idea is not sent.");
	if (strcmp(f->kind->name, "report") == 0)
		return _("Your report is not sent.");
	return _("Your comment is not sent.");
}

static void
form_free(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	const char *txt[FORM_MAX_FIELDS];
	size_t i;
	int any = 0;

	if (f == NULL)
		return;
	if (f->draft_key != NULL && !f->sent) {
		for (i = 0; i < f->n; i++) {
			txt[i] = f->f[i].text;
			if (f->f[i].len > 0)
				any = 1;
		}
		if (any)
			ui_draft_save(app, f->draft_key, txt, f->n);
	}
	for (i = 0; i < f->n; i++)
		field_clear(&f->f[i]);
	free(f->draft_key);
	free(f->about);
	free(f);
}

/* Puts text into *slot unless it is there already (the language changed). */
static void
form_relabel(char **slot, const char *text)
{
	char *c;

	if (*slot != NULL && strcmp(*slot, text) == 0)
		return;
	if ((c = strdup(text)) == NULL)
		return;
	free(*slot);
	*slot = c;
}

static void
form_build(struct app *app, struct screen *s, struct page *p)
{
	struct form *f = s->data;
	struct page_item *it;
	size_t i;

	p->context = "form";
	for (i = 0; i < f->n; i++) {
		form_relabel(&f->f[i].name, _(f->name_id[i]));
		form_relabel(&f->f[i].prompt, _(f->prompt_id[i]));
	}
	if (f->kind->intro != NULL)
		f->kind->intro(app, f, p);
	for (i = 0; i < f->n; i++) {
		if ((it = page_add_item(p, f->fkind[i], f->f[i].name)) == NULL)
			return;
		it->field = &f->f[i];
		it->ref = FORM_FIELD;
		it->id = (long)i;
		if (f->f[i].error != NULL)
			page_item_state(it, "%s", f->f[i].error);
		else if (f->f[i].max_chars > 0 && f->fkind[i] == PAGE_ITEM_MULTILINE)
			/* L10N: characters typed of the allowed number. */
			page_item_state(it, ngettext("%zu of %zu character",
			    "%zu of %zu characters", f->f[i].max_chars), field_chars(&f->f[i]), f->f[i].max_chars);
	}
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _(f->button))) != NULL)
		it->ref = FORM_SUBMIT;
	page_add_action(p, ACTION_NEXT_FIELD, _("next field"));
	page_add_action(p, ACTION_SEND, _(f->button));
}

/* Checks the lengths; names the first wrong field and puts the focus on it. */
static int
form_check(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	size_t i, c;
	int bad = -1;
	char msg[256];

	for (i = 0; i < f->n; i++) {
		c = field_chars(&f->f[i]);
		field_set_error(&f->f[i], NULL);
		if (f->min[i] > 0 && c < (size_t)f->min[i]) {
			if (c == 0)
				/* L10N: %s is a field name. */
				snprintf(msg, sizeof(msg), _("%s: please fill this in."), f->f[i].name);
			else
				snprintf(msg, sizeof(msg), ngettext("%s: at least %d character, you have %zu.",
				    "%s: at least %d characters, you have %zu.",
				    (unsigned long)f->min[i]), f->f[i].name, f->min[i], c);
			field_set_error(&f->f[i], msg);
			if (bad < 0) {
				bad = (int)i;
				ui_status(app, "%s", msg);
			}
		}
	}
	if (bad >= 0) {
		s->focus = bad;
		return -1;
	}
	return 0;
}

/* A user name as the server takes it: 3 to 32 of a-z, 0-9, . _ - */
static int
form_username_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 3 && n <= 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* Checks one filled field as it is left (see screen_type.field_check). */
static int
form_field_check(struct app *app, struct screen *s, struct page_field *pf)
{
	struct form *f = s->data;
	char msg[256];
	size_t i, c;

	(void)app;
	for (i = 0; i < f->n && &f->f[i] != pf; i++)
		;
	if (i == f->n || pf->len == 0)
		return 0;
	c = field_chars(pf);
	if (strcmp(f->kind->name, "register") == 0 && i == 0 && !form_username_ok(pf->text))
		/* L10N: a user name refused as it is typed; says what is allowed. */
		snprintf(msg, sizeof(msg), "%s", _("User name: 3 to 32 characters, only small "
		    "letters a-z, digits 0-9 and . _ - (no spaces, no capitals)."));
	else if (strcmp(f->kind->name, "register") == 0 && i == 1 &&
	    (strchr(pf->text, '@') == NULL || strchr(pf->text, ' ') != NULL))
		snprintf(msg, sizeof(msg), "%s", _("E-mail: an address like name@example.org."));
	else if (f->min[i] > 0 && c < (size_t)f->min[i])
		snprintf(msg, sizeof(msg), ngettext("%s: at least %d character, you have %zu.",
		    "%s: at least %d characters, you have %zu.", (unsigned long)f->min[i]),
		    pf->name, f->min[i], c);
	else
		return 0;
	field_set_error(pf, msg);
	return -1;
}

/* Puts the server's complaint on the field it names. */
static void
form_server_field(struct screen *s, const struct api_error *e, const char *const *names)
{
	struct form *f = s->data;
	size_t i;

	if (e == NULL || e->field[0] == '\0')
		return;
	for (i = 0; i < f->n && names[i] != NULL; i++) {
		if (strcmp(e->field, names[i]) == 0) {
			char msg[700];

			snprintf(msg, sizeof(msg), "%s: %s", f->f[i].name, e->message);
			field_set_error(&f->f[i], msg);
			s->focus = (int)i;
		}
	}
}

static int
form_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct form *f = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		if (it->ref == FORM_FIELD) {
			s->focus++;
			return APP_OK;
		}
		if (it->ref == FORM_REGISTER) {
			scr_register_open(app);
			return APP_OK;
		}
		if (it->ref == FORM_CONFIRM) {
			scr_confirm_open(app);
			return APP_OK;
		}
		return f->kind->submit(app, s);
	case ACTION_SEND:
	case ACTION_REVIEW:
		return f->kind->submit(app, s);
	default:
		return SCREEN_PASS;
	}
}

/* ------------------------------------------------------------- login */

static void
login_intro(struct app *app, struct form *f, struct page *p)
{
	(void)app;
	(void)f;
	page_set_heading(p, "%s", _("Log in"));
	if (app_kiosk(app))
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("This is a public terminal: your login ends when you end the session."));
}

static void
login_build(struct app *app, struct screen *s, struct page *p)
{
	struct page_item *it;

	form_build(app, s, p);
	if ((it = page_add_item(p, PAGE_ITEM_LINK, _("Register"))) != NULL)
		it->ref = FORM_REGISTER;
	/* The confirm form says that the token comes by mail. */
	if ((it = page_add_item(p, PAGE_ITEM_LINK, _("Confirm account"))) != NULL)
		it->ref = FORM_CONFIRM;
}

static int
login_submit(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	struct api_login *out = NULL;
	const char *who;
	char name[130];
	int resume;

	if (form_check(app, s) < 0)
		return APP_OK;
	ui_loading(app);
	if (api_login(app->api, f->f[0].text, f->f[1].text, &out) < 0) {
		/* The focus first: the password's line then says why. */
		field_set(&f->f[1], "");
		s->focus = 1;
		ui_fail(app, _("You are not logged in."), 0);
		return APP_OK;
	}
	if (!app->opts.kiosk && session_save(out->token) < 0)
		ui_status(app, "%s", _("The login could not be kept for the next start."));
	api_user_free(app->me);
	app->me = out->user;
	out->user = NULL;
	free(app->last_user);
	app->last_user = NULL;
	app->me_asked = 1;
	api_login_free(out);
	resume = ui_login_resumes(app, s);
	ui_pop(app);
	ui_invalidate(app);
	if (resume) {
		char *said;

		/* Logged in to send, support, report: it is done, as asked,
		 * and said after the login in one message (or why it failed). */
		app_status_clear(app);
		ui_resume(app);
		said = app_status(app) != NULL ? strdup(app_status(app)) : NULL;
		/* L10N: after logging in on the way to sending: the name, then
		 * what the send did ("Your vote is saved."). */
		if (said != NULL) {
			who = ui_name(_("Logged in as %s. %s"), app_user_name(app), name, sizeof(name));
			ui_status(app, _("Logged in as %s. %s"), who, said);
			free(said);
		} else {
			who = ui_name(_("Logged in as %s."), app_user_name(app), name, sizeof(name));
			ui_status(app, _("Logged in as %s."), who);
		}
	} else if (strcmp(app->top->type->name, "review") == 0) {
		/* Registered on the way: sent only after it is seen again. */
		app->top->focus = 0;
		/* L10N: after registering and logging in on the way to sending. */
		who = ui_name(_("Logged in as %s. Check what you are sending; Send is focused."),
		    app_user_name(app), name, sizeof(name));
		ui_status(app, _("Logged in as %s. Check what you are sending; Send is focused."), who);
	} else if (app->top->type->send != NULL) {
		/* L10N: after logging in on the way to sending something. */
		who = ui_name(_("Logged in as %s. What you entered is still here; send it again."),
		    app_user_name(app), name, sizeof(name));
		ui_status(app, _("Logged in as %s. What you entered is still here; send it again."), who);
	} else {
		who = ui_name(_("Logged in as %s."), app_user_name(app), name, sizeof(name));
		ui_status(app, _("Logged in as %s."), who);
	}
	/* Over ssh with a key not yet registered: offer to remember it. */
	if (!app->opts.kiosk)
		scr_remember_key_open(app);
	return APP_OK;
}

static const struct form_kind form_login = { "login", login_submit, login_intro };

static const struct screen_type scr_login = {
	.name = "login",
	.build = login_build,
	.action = form_action,
	.free = form_free,
	.unsent = form_unsent,
	.field_check = form_field_check,
};

int
scr_login_open(struct app *app)
{
	struct form *f = form_new(&form_login);

	if (f == NULL)
		return -1;
	if (form_add(f, PAGE_ITEM_FIELD, N_("User name or e-mail"), N_("User name or e-mail:"), 254, 1) < 0 ||
	    form_add(f, PAGE_ITEM_PASSWORD, N_("Password"), N_("Password (not shown):"), 256, 1) < 0) {
		struct screen tmp = { .data = f };

		form_free(app, &tmp);
		return -1;
	}
	f->button = N_("Log in");
	if (app->last_user != NULL)
		field_set(&f->f[0], app->last_user);
	if (ui_push(app, &scr_login, f) < 0)
		return -1;
	/* After an ended session only the password is to type again. */
	if (app->last_user != NULL)
		app->top->focus = 1;
	return 0;
}

/* ---------------------------------------------------------- register */

static void
register_intro(struct app *app, struct form *f, struct page *p)
{
	(void)app;
	(void)f;
	page_set_heading(p, "%s", _("Register"));
	page_add_text(p, PAGE_TEXT_PARA, "%s",
	    _("We send you a mail with an 8-digit code. Type it in on the next page to confirm your account."));
}

/* 1 when name is what the platform takes: a-z 0-9 . _ - (the length is
 * form_check()'s). */
static int
register_name_ok(const char *name)
{
	return name[strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-")] == '\0';
}

/* Names field i and its rule, taken from the prompt's parentheses
 * ("User name: 3 to 32 of a-z, 0-9, . _ -."), on the field and the status,
 * and focuses it: a bare "not valid" does not say how to fix it. */
static void
form_rule_error(struct app *app, struct screen *s, size_t i)
{
	struct form *f = s->data;
	const char *pr = f->f[i].prompt != NULL ? f->f[i].prompt : "";
	const char *a = strchr(pr, '('), *b = strrchr(pr, ')');
	char msg[300];

	if (a != NULL && b != NULL && b > a + 1)
		snprintf(msg, sizeof(msg), "%s: %.*s.", f->f[i].name, (int)(b - a - 1), a + 1);
	else
		snprintf(msg, sizeof(msg), _("The field \"%s\" is not valid."), f->f[i].name);
	field_set_error(&f->f[i], msg);
	ui_status(app, "%s", msg);
	s->focus = (int)i;
}

static int
register_submit(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	static const char *const names[] = { "username", "email", "display_name", "password", NULL };
	char mail[300], name[64];

	if (form_check(app, s) < 0)
		return APP_OK;
	if (!register_name_ok(f->f[0].text)) {
		form_rule_error(app, s, 0);
		return APP_OK;
	}
	ui_loading(app);
	if (api_register(app->api, f->f[0].text, f->f[1].text, f->f[3].text,
	    f->f[2].len > 0 ? f->f[2].text : NULL, NULL) < 0) {
		ui_fail(app, _("The account was not created."), 0);
		form_server_field(s, api_error(app->api), names);
		return APP_OK;
	}
	snprintf(mail, sizeof(mail), "%s", f->f[1].text);
	snprintf(name, sizeof(name), "%s", f->f[0].text);
	ui_pop(app);
	scr_confirm_open_for(app, name);
	/* L10N: %s is the e-mail address. */
	ui_status(app, _("We sent a mail with an 8-digit code to %s; type it in here. If the name or address was taken, the mail says so instead."), mail);
	return APP_OK;
}

static const struct form_kind form_register = { "register", register_submit, register_intro };

static const struct screen_type scr_register = {
	.name = "register",
	.build = form_build,
	.action = form_action,
	.free = form_free,
	.unsent = form_unsent,
	.field_check = form_field_check,
};

int
scr_register_open(struct app *app)
{
	struct form *f = form_new(&form_register);

	/* Registering instead of logging in: nothing is sent unseen. */
	ui_resume_drop(app);
	if (f == NULL)
		return -1;
	if (form_add(f, PAGE_ITEM_FIELD, N_("User name"), N_("User name (3 to 32 of a-z, 0-9, . _ -):"), 32, 3) < 0 ||
	    form_add(f, PAGE_ITEM_FIELD, N_("E-mail"), N_("E-mail address:"), 254, 3) < 0 ||
	    form_add(f, PAGE_ITEM_FIELD, N_("Display name"), N_("Name others see (optional):"), 64, 0) < 0 ||
	    form_add(f, PAGE_ITEM_PASSWORD, N_("Password"), N_("Password, at least 8 characters (not shown):"), 256, 8) < 0) {
		struct screen tmp = { .data = f };

		form_free(app, &tmp);
		return -1;
	}
	f->button = N_("Register");
	return ui_push(app, &scr_register, f);
}

/* ----------------------------------------------------------- confirm */

static void
confirm_intro(struct app *app, struct form *f, struct page *p)
{
	(void)app;
	page_set_heading(p, "%s", _("Confirm your account"));
	/* Right after registering, the status has just said where the code
	 * went and to type it here, and the name is filled in; a wrong code
	 * is answered with the way out (the long code). */
	if (!f->registered)
		page_add_text(p, PAGE_TEXT_PARA, "%s",
		    _("Type your user name and the 8-digit code from the mail we sent you. "
		    "The long code from the mail works too."));
}

/* 1 when text is an 8-digit code as the mail writes it ("1234 5678"),
 * spaces and dashes aside; else it is taken for the long token. */
static int
confirm_is_code(const char *text)
{
	int n = 0;

	for (; *text != '\0'; text++) {
		if (*text == ' ' || *text == '-')
			continue;
		if (*text < '0' || *text > '9')
			return 0;
		n++;
	}
	return n == 8;
}

static int
confirm_submit(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	struct api_user *u = NULL;

	if (form_check(app, s) < 0)
		return APP_OK;
	ui_loading(app);
	if (confirm_is_code(f->f[1].text)) {
		if (f->f[0].len == 0) {
			field_set_error(&f->f[0], _("User name or e-mail: please fill this in."));
			ui_status(app, "%s", _("User name or e-mail: please fill this in."));
			s->focus = 0;
			return APP_OK;
		}
		if (api_confirm_code(app->api, f->f[0].text, f->f[1].text, &u) < 0) {
			if (api_error(app->api)->kind == API_ERR_NOT_FOUND) {
				/* The same words as the mail: "code". */
				ui_status(app, "%s", _("The account was not confirmed: the user name "
				    "or the code is not right, or the code is no longer valid. After 5 "
				    "wrong tries, use the long code from the mail."));
				/* The code is asked again, saying what it is. */
				/* L10N: a confirmation code refused by the server. */
				field_set_error(&f->f[1], _("Code: 8 digits, spaces "
				    "allowed; type it again."));
				s->focus = 1;
			} else {
				ui_fail(app, _("The account was not confirmed."), 0);
			}
			return APP_OK;
		}
	} else if (api_confirm(app->api, f->f[1].text, &u) < 0) {
		ui_fail(app, _("The account was not confirmed."), 0);
		return APP_OK;
	}
	ui_pop(app);
	if (!app_logged_in(app) && strcmp(app->top->type->name, "login") != 0)
		scr_login_open(app);
	/* The login has the new name filled in and waits for the password:
	 * nothing to type twice, no hunting for the field. */
	if (u != NULL && u->username != NULL && strcmp(app->top->type->name, "login") == 0) {
		struct form *lf = app->top->data;

		field_set(&lf->f[0], u->username);
		field_set_error(&lf->f[0], NULL);
		app->top->focus = 1;
	}
	api_user_free(u);
	ui_status(app, "%s", _("Your account is active. Please log in."));
	return APP_OK;
}

static const struct form_kind form_confirm = { "confirm", confirm_submit, confirm_intro };

static const struct screen_type scr_confirm = {
	.name = "confirm",
	.build = form_build,
	.action = form_action,
	.free = form_free,
	.unsent = form_unsent,
	.field_check = form_field_check,
};

int
scr_confirm_open(struct app *app)
{
	return scr_confirm_open_for(app, NULL);
}

int
scr_confirm_open_for(struct app *app, const char *login)
{
	struct form *f = form_new(&form_confirm);
	int focus = 0;

	if (f == NULL)
		return -1;
	if (form_add(f, PAGE_ITEM_FIELD, N_("User name or e-mail"), N_("User name or e-mail:"), 254, 0) < 0 ||
	    form_add(f, PAGE_ITEM_FIELD, N_("Code"), N_("Code from the mail (8 digits):"), 200, 1) < 0) {
		struct screen tmp = { .data = f };

		form_free(app, &tmp);
		return -1;
	}
	/* After registering the name is known: only the code is to type. */
	if (login != NULL && login[0] != '\0') {
		field_set(&f->f[0], login);
		f->registered = 1;
		focus = 1;
	}
	f->button = N_("Confirm account");
	if (ui_push(app, &scr_confirm, f) < 0)
		return -1;
	app->top->focus = focus;
	return 0;
}

/* ---------------------------------------------------- idea / comment */

static void
idea_form_intro(struct app *app, struct form *f, struct page *p)
{
	(void)app;
	page_set_breadcrumb(p, _("Projects / %s"), f->about);
	page_set_heading(p, "%s", _("New idea"));
	page_add_text(p, PAGE_TEXT_NOTE, "%s",
	    _("Others see your idea after a moderator has approved it."));
}

static void
comment_form_intro(struct app *app, struct form *f, struct page *p)
{
	(void)app;
	if (f->parent_id != 0) {
		page_set_heading(p, "%s", _("Reply"));
		/* L10N: %.80s is the start of the comment replied to. */
		page_add_text(p, PAGE_TEXT_NOTE, _("Reply to: %.80s"), f->about);
	} else {
		page_set_heading(p, "%s", _("New comment"));
		page_add_text(p, PAGE_TEXT_NOTE, _("On: %s"), f->about);
	}
	page_add_text(p, PAGE_TEXT_NOTE, "%s", _("Others see your comment after a moderator has approved it."));
}

static int
post_submit(struct app *app, struct screen *s)
{
	if (form_check(app, s) < 0)
		return APP_OK;
	scr_review_open(app);
	return APP_OK;
}

static void
post_review(struct app *app, struct screen *s, struct page *p)
{
	struct form *f = s->data;
	size_t i;

	(void)app;
	for (i = 0; i < f->n; i++) {
		page_add_text(p, PAGE_TEXT_HEADING, "%s", f->f[i].name);
		page_add_text(p, PAGE_TEXT_PARA, "%s", f->f[i].text);
	}
}

static int
post_send(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	struct screen *b;
	int rc;

	if (!app_logged_in(app)) {
		ui_status(app, "%s", _("Please log in to send; what you entered is kept."));
		scr_login_open(app);
		return -1;
	}
	ui_loading(app);
	if (f->kind->intro == idea_form_intro)
		rc = api_idea_create(app->api, f->project_id, f->f[0].text, f->f[1].text, NULL);
	else if (f->idea_id != 0)
		rc = api_idea_comment(app->api, f->idea_id, f->parent_id, f->f[0].text, NULL);
	else
		rc = api_project_comment(app->api, f->project_id, f->parent_id, f->f[0].text, NULL);
	if (rc < 0) {
		static const char *const names[] = { "title", "body", NULL };
		static const char *const cnames[] = { "body", NULL };

		form_server_field(s, api_error(app->api), f->n == 2 ? names : cnames);
		return ui_fail(app, f->n == 2 ? _("Your idea was not sent.") : _("Your comment was not sent."), 1);
	}
	f->sent = 1;
	ui_draft_drop(app, f->draft_key);
	ui_status(app, "%s", f->n == 2
	    ? _("Your idea is sent. It is waiting for moderation; others see it after approval.")
	    : _("Your comment is sent. It is waiting for moderation."));
	/* The form is freed here: nothing of f after this. */
	ui_pop_to(app, s);
	ui_pop(app);
	for (b = app->top; b != NULL; b = b->below)
		b->loaded = 0;
	return 0;
}

static const struct form_kind form_idea = { "idea", post_submit, idea_form_intro };
static const struct form_kind form_comment = { "comment", post_submit, comment_form_intro };

static void
post_build(struct app *app, struct screen *s, struct page *p)
{
	form_build(app, s, p);
	if (!app_logged_in(app))
		page_add_action(p, ACTION_LOGIN, _("log in"));
}

static const struct screen_type scr_post = {
	.name = "post",
	.build = post_build,
	.action = form_action,
	.review = post_review,
	.send = post_send,
	.free = form_free,
	.unsent = form_unsent,
	.field_check = form_field_check,
};

int
scr_idea_form_open(struct app *app, long long project_id, const char *project_title)
{
	struct form *f = form_new(&form_idea);

	if (f == NULL)
		return -1;
	f->project_id = project_id;
	if (asprintf(&f->draft_key, "idea:%lld", project_id) < 0)
		f->draft_key = NULL;
	f->about = strdup(project_title != NULL ? project_title : "");
	if (f->draft_key == NULL || f->about == NULL ||
	    form_add(f, PAGE_ITEM_FIELD, N_("Title"), N_("Title (3 to 120 characters):"), 120, 3) < 0 ||
	    form_add(f, PAGE_ITEM_MULTILINE, N_("Text"), N_("Your idea (10 to 5000 characters):"), 5000, 10) < 0) {
		struct screen tmp = { .data = f };

		f->sent = 1;
		form_free(app, &tmp);
		return -1;
	}
	f->button = N_("Review and send");
	form_restore(app, f);
	return ui_push(app, &scr_post, f);
}

int
scr_comment_form_open(struct app *app, long long idea_id, long long project_id,
    long long parent_id, const char *about)
{
	struct form *f = form_new(&form_comment);

	if (f == NULL)
		return -1;
	f->idea_id = idea_id;
	f->project_id = project_id;
	f->parent_id = parent_id;
	if (asprintf(&f->draft_key, "comment:%lld:%lld:%lld", idea_id, project_id, parent_id) < 0)
		f->draft_key = NULL;
	f->about = strdup(about != NULL ? about : "");
	if (f->draft_key == NULL || f->about == NULL ||
	    form_add(f, PAGE_ITEM_MULTILINE, N_("Comment"), N_("Your comment (up to 2000 characters):"), 2000, 1) < 0) {
		struct screen tmp = { .data = f };

		f->sent = 1;
		form_free(app, &tmp);
		return -1;
	}
	f->button = N_("Review and send");
	form_restore(app, f);
	return ui_push(app, &scr_post, f);
}

/* ------------------------------------------------------------ report */

static void
report_intro(struct app *app, struct form *f, struct page *p)
{
	(void)app;
	page_set_heading(p, "%s", f->idea_id != 0 ? _("Report an idea") : _("Report a comment"));
	/* L10N: %.80s is the start of what is reported. */
	page_add_text(p, PAGE_TEXT_NOTE, _("About: %.80s"), f->about);
	page_add_text(p, PAGE_TEXT_PARA, "%s",
	    _("Say what is wrong with it. A moderator reads your report; the author does not see who sent it."));
}

static int
report_submit(struct app *app, struct screen *s)
{
	struct form *f = s->data;
	int rc;

	if (form_check(app, s) < 0)
		return APP_OK;
	if (!app_logged_in(app)) {
		ui_status(app, "%s", _("Please log in to report; what you entered is kept."));
		scr_login_open(app);
		return APP_OK;
	}
	ui_loading(app);
	if (f->idea_id != 0)
		rc = api_idea_report(app->api, f->idea_id, f->f[0].text);
	else
		rc = api_comment_report(app->api, f->parent_id, f->f[0].text);
	if (rc < 0) {
		ui_fail(app, _("Your report was not sent."), 1);
		return APP_OK;
	}
	f->sent = 1;
	ui_draft_drop(app, f->draft_key);
	ui_status(app, "%s", _("Thank you. A moderator will look at it."));
	ui_pop(app);
	return APP_OK;
}

static const struct form_kind form_report = { "report", report_submit, report_intro };

static const struct screen_type scr_report = {
	.name = "report",
	.build = form_build,
	.action = form_action,
	.free = form_free,
	.unsent = form_unsent,
	.field_check = form_field_check,
};

int
scr_report_open(struct app *app, long long idea_id, long long comment_id, const char *about)
{
	struct form *f = form_new(&form_report);

	if (f == NULL)
		return -1;
	f->idea_id = idea_id;
	f->parent_id = comment_id;
	f->about = strdup(about != NULL ? about : "");
	if (asprintf(&f->draft_key, "report:%lld:%lld", idea_id, comment_id) < 0)
		f->draft_key = NULL;
	if (f->about == NULL || f->draft_key == NULL ||
	    form_add(f, PAGE_ITEM_FIELD, N_("Reason"), N_("What is wrong with it?"), 500, 3) < 0) {
		struct screen tmp = { .data = f };

		form_free(app, &tmp);
		return -1;
	}
	f->button = N_("Send the report");
	form_restore(app, f);
	return ui_push(app, &scr_report, f);
}
