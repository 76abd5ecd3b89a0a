/* scr_poll.c — screens: a poll (single, multiple, ranking) with its ballot, the review step and results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"

struct poll {
	long long	 id;
	struct api_poll	*poll;
	long long	*sel;		/* chosen option ids, in rank order */
	size_t		 n_sel;
	int		 sel_init;	/* sel came from a draft or the own ballot */
};

enum { POLL_OPTION = 1, POLL_REVIEW, POLL_WITHDRAW, POLL_RESULTS, POLL_TALLY };

static int
poll_is_open(const struct api_poll *p)
{
	return p->status == API_STATUS_OPEN;
}

static size_t
poll_max(const struct api_poll *p)
{
	if (p->kind == API_POLL_SINGLE)
		return 1;
	if (p->max_choices > 0)
		return (size_t)p->max_choices;
	return p->n_options;
}

static const struct api_option *
poll_option(const struct api_poll *p, long long id)
{
	size_t i;

	for (i = 0; i < p->n_options; i++)
		if (p->options[i].id == id)
			return &p->options[i];
	return NULL;
}

/* Position of id in the selection (0-based), or -1. */
static int
poll_sel_index(const struct poll *d, long long id)
{
	size_t i;

	for (i = 0; i < d->n_sel; i++)
		if (d->sel[i] == id)
			return (int)i;
	return -1;
}

static void
poll_draft_key(const struct poll *d, char *key, size_t size)
{
	snprintf(key, size, "poll:%lld", d->id);
}

/* Keeps the unsent choices in the app, so leaving the poll loses nothing. */
static void
poll_draft_keep(struct app *app, const struct poll *d)
{
	char key[48], buf[24];
	char **txt;
	size_t i;

	poll_draft_key(d, key, sizeof(key));
	if ((txt = calloc(d->n_sel + 1, sizeof(*txt))) == NULL)
		return;
	for (i = 0; i < d->n_sel; i++) {
		snprintf(buf, sizeof(buf), "%lld", d->sel[i]);
		txt[i] = strdup(buf);
	}
	ui_draft_save(app, key, (const char *const *)txt, d->n_sel);
	for (i = 0; i < d->n_sel; i++)
		free(txt[i]);
	free(txt);
}

static int
poll_set_sel(struct poll *d, const long long *ids, size_t n)
{
	long long *c = NULL;
	size_t i, k = 0;

	if (n > 0 && (c = calloc(n, sizeof(*c))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (poll_option(d->poll, ids[i]) != NULL)
			c[k++] = ids[i];
	free(d->sel);
	d->sel = c;
	d->n_sel = k;
	return 0;
}

static int
poll_load(struct app *app, struct screen *s)
{
	struct poll *d = s->data;
	char key[48], **txt;
	size_t n, i;
	long long *ids;

	api_poll_free(d->poll);
	d->poll = NULL;
	if (api_poll_get(app->api, d->id, &d->poll) < 0)
		return ui_fail(app, _("The poll could not be loaded."), 0);
	poll_draft_key(d, key, sizeof(key));
	if (ui_draft_load(app, key, &txt, &n)) {
		if ((ids = calloc(n + 1, sizeof(*ids))) == NULL)
			return -1;
		for (i = 0; i < n; i++)
			ids[i] = strtoll(txt[i], NULL, 10);
		poll_set_sel(d, ids, n);
		free(ids);
		d->sel_init = 1;
	} else if (!d->sel_init || d->poll->has_ballot) {
		/* Nothing unsent: show the own ballot as the starting point. */
		poll_set_sel(d, d->poll->my_ballot, d->poll->has_ballot ? d->poll->n_my_ballot : 0);
		d->sel_init = 1;
	} else {
		poll_set_sel(d, d->sel, d->n_sel);
	}
	return 0;
}

char *
ui_ballot_text(const struct api_poll *p, const long long *ids, size_t n)
{
	char *out = NULL, *t;
	size_t i;
	int rank = p->kind == API_POLL_RANKING;

	if ((out = strdup("")) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct api_option *o = poll_option(p, ids[i]);
		const char *title = o != NULL ? o->title : "?";

		if (rank) {
			if (asprintf(&t, "%s%s%zu. %s", out, i ? ", " : "", i + 1, title) < 0)
				t = NULL;
		} else if (asprintf(&t, "%s%s%s", out, i ? ", " : "", title) < 0) {
			t = NULL;
		}
		free(out);
		if ((out = t) == NULL)
			return NULL;
	}
	return out;
}

static void
poll_option_detail(struct page_item *it, const struct api_option *o)
{
	if (o->has_location && o->address != NULL && o->description != NULL)
		/* L10N: a place to choose: its address, then its description in words. */
		page_item_detail(it, _("Address: %s\n%s"), o->address, o->description);
	else if (o->has_location && o->address != NULL)
		page_item_detail(it, _("Address: %s"), o->address);
	else if (o->description != NULL)
		page_item_detail(it, "%s", o->description);
}

static void
poll_add_option(struct page *p, const struct poll *d, const struct api_option *o, int open)
{
	const struct api_poll *po = d->poll;
	struct page_item *it;
	int k = poll_sel_index(d, o->id);

	if (!open) {
		if ((it = page_add_item(p, PAGE_ITEM_ENTRY, o->title)) == NULL)
			return;
		if (k >= 0 && po->has_ballot)
			page_item_state(it, "%s", _("your choice"));
	} else if (po->kind == API_POLL_RANKING) {
		if ((it = page_add_item(p, PAGE_ITEM_RANKED, o->title)) == NULL)
			return;
		it->rank = k + 1;
		if (k >= 0)
			/* L10N: the rank given to an option in a ranking poll. */
			page_item_state(it, _("your choice %d"), k + 1);
		else
			page_item_state(it, "%s", _("not chosen"));
	} else if (po->kind == API_POLL_MULTIPLE) {
		if ((it = page_add_item(p, PAGE_ITEM_CHECKBOX, o->title)) == NULL)
			return;
		it->checked = k >= 0;
		page_item_state(it, "%s", k >= 0 ? "[x]" : "[ ]");
	} else {
		if ((it = page_add_item(p, PAGE_ITEM_RADIO, o->title)) == NULL)
			return;
		it->checked = k >= 0;
		page_item_state(it, "%s", k >= 0 ? "(*)" : "( )");
	}
	it->id = o->id;
	it->ref = POLL_OPTION;
	page_item_group(it, _("Options"));
	poll_option_detail(it, o);
}

static void
poll_build(struct app *app, struct screen *s, struct page *p)
{
	struct poll *d = s->data;
	const struct api_poll *po = d->poll;
	const char *lang;
	struct page_item *it;
	char when[96], *list;
	size_t i, max = poll_max(po);
	int open = poll_is_open(po);

	page_set_breadcrumb(p, "%s", _("Poll"));
	page_set_heading(p, "%s", po->title);
	p->context = po->kind == API_POLL_RANKING && open ? "ranking" : "poll";
	if (po->question != NULL)
		page_add_text(p, PAGE_TEXT_PARA, "%s", po->question);
	/* The question in a fallback language (German): say so, once. */
	if ((lang = api_langs_get(&po->langs, "question")) == NULL)
		lang = po->lang;
	ui_lang_note(p, lang, PAGE_TEXT_NOTE);
	if (open)
		/* L10N: %s is a date. */
		page_add_text(p, PAGE_TEXT_NOTE, _("Open until %s."),
		    ui_end_date(po->closes_at, when, sizeof(when)));
	else if (po->status == API_STATUS_UPCOMING)
		page_add_text(p, PAGE_TEXT_NOTE, _("This poll opens on %s."),
		    ui_date(po->opens_at, when, sizeof(when)));
	else
		page_add_text(p, PAGE_TEXT_NOTE, _("This poll closed on %s."),
		    ui_end_date(po->closes_at, when, sizeof(when)));
	if (open) {
		if (po->kind == API_POLL_RANKING)
			/* L10N: a ranking poll; the keys to choose and move are said with the page. */
			page_add_text(p, PAGE_TEXT_NOTE, _("Rank up to %zu."), max);
		else if (po->kind == API_POLL_MULTIPLE)
			page_add_text(p, PAGE_TEXT_NOTE, ngettext("Choose up to %zu option.",
			    "Choose up to %zu options.", max), max);
		else
			page_add_text(p, PAGE_TEXT_NOTE, "%s", _("Choose one option."));
	}
	if (po->has_ballot && (list = ui_ballot_text(po, po->my_ballot, po->n_my_ballot)) != NULL) {
		if (open)
			/* L10N: the own saved ballot; %s the choices, then a date. */
			page_add_text(p, PAGE_TEXT_NOTE, _("Your vote is saved: %s. You can change or withdraw it until %s."),
			    list, ui_end_date(po->closes_at, when, sizeof(when)));
		else
			page_add_text(p, PAGE_TEXT_NOTE, _("Your vote: %s."), list);
		free(list);
	} else if (!app_logged_in(app) && open) {
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You can choose now; to send your vote you log in."));
	}
	/* Nothing chosen yet says itself: each option is "not chosen". */
	if (open && po->kind != API_POLL_SINGLE && d->n_sel > 0)
		/* L10N: progress of a ballot: "2 of 3 chosen." */
		page_add_text(p, PAGE_TEXT_NOTE,
		    ngettext("%zu of %zu chosen.", "%zu of %zu chosen.", max), d->n_sel, max);

	/* Options keep their place (and number) when ranked: the rank is
	 * their state ("your choice 2"). */
	for (i = 0; i < po->n_options; i++)
		poll_add_option(p, d, &po->options[i], open);
	if (open && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Review my vote"))) != NULL)
		it->ref = POLL_REVIEW;
	if ((it = page_add_item(p, PAGE_ITEM_LINK, _("Results"))) != NULL)
		it->ref = POLL_RESULTS;
	/* After "Results", so sending a vote renumbers nothing. */
	if (open && po->has_ballot && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Withdraw my vote"))) != NULL)
		it->ref = POLL_WITHDRAW;
	if (ui_role_at_least(app, API_ROLE_STAFF) && (it = page_add_item(p, PAGE_ITEM_LINK, _("Paper ballots"))) != NULL)
		it->ref = POLL_TALLY;
	if (open) {
		page_add_action(p, ACTION_TOGGLE, _("choose"));
		if (po->kind == API_POLL_RANKING) {
			page_add_action(p, ACTION_MOVE_UP, _("move up"));
			page_add_action(p, ACTION_MOVE_DOWN, _("move down"));
		}
		page_add_action(p, ACTION_REVIEW, _("review"));
		if (po->has_ballot)
			page_add_action(p, ACTION_WITHDRAW, _("withdraw"));
	}
	page_add_action(p, ACTION_RESULTS, _("results"));
	if (ui_role_at_least(app, API_ROLE_STAFF))
		page_add_action(p, ACTION_TALLY, _("paper ballots"));
}

/* Puts the focus on option id wherever the rebuilt page will show it. */
static void
poll_focus_option(struct screen *s, long long id)
{
	struct poll *d = s->data;
	const struct api_poll *po = d->poll;
	size_t i;

	for (i = 0; i < po->n_options; i++)
		if (po->options[i].id == id)
			s->focus = (int)i;
}

static int
poll_toggle(struct app *app, struct screen *s, long long id)
{
	struct poll *d = s->data;
	const struct api_poll *po = d->poll;
	const struct api_option *o = poll_option(po, id);
	size_t max = poll_max(po);
	int k = poll_sel_index(d, id);
	long long *n;

	if (o == NULL)
		return APP_OK;
	if (po->kind == API_POLL_SINGLE) {
		if (d->n_sel == 0 && (d->sel = calloc(1, sizeof(*d->sel))) == NULL)
			return APP_ERR;
		d->sel[0] = id;
		d->n_sel = 1;
		ui_status(app, _("You chose '%s'."), o->title);
	} else if (k >= 0) {
		memmove(&d->sel[k], &d->sel[k + 1], (d->n_sel - (size_t)k - 1) * sizeof(*d->sel));
		d->n_sel--;
		/* L10N: an option was removed from the ballot; then the progress. */
		ui_status(app, ngettext("'%s' is no longer chosen. %zu of %zu choice made.",
		    "'%s' is no longer chosen. %zu of %zu choices made.", max), o->title, d->n_sel, max);
	} else if (d->n_sel >= max) {
		ui_status(app, _("You can choose at most %zu. Remove a choice first."), max);
		return APP_OK;
	} else {
		if ((n = realloc(d->sel, (d->n_sel + 1) * sizeof(*n))) == NULL)
			return APP_ERR;
		d->sel = n;
		d->sel[d->n_sel++] = id;
		if (po->kind == API_POLL_RANKING)
			/* L10N: "'Roundnet' is your choice 2. 2 of 3 chosen." */
			ui_status(app, ngettext("'%s' is your choice %zu. %zu of %zu chosen.",
			    "'%s' is your choice %zu. %zu of %zu chosen.", max), o->title,
			    d->n_sel, d->n_sel, max);
		else
			ui_status(app, ngettext("'%s' is chosen. %zu of %zu choice made.",
		    "'%s' is chosen. %zu of %zu choices made.", max), o->title, d->n_sel, max);
	}
	poll_focus_option(s, id);
	poll_draft_keep(app, d);
	return APP_OK;
}

static int
poll_move(struct app *app, struct screen *s, long long id, int dir)
{
	struct poll *d = s->data;
	int k = poll_sel_index(d, id), j = k + dir;
	long long t;

	if (d->poll->kind != API_POLL_RANKING)
		return APP_OK;
	if (k < 0) {
		ui_status(app, "%s", _("Choose this option first; then you can move it."));
		return APP_OK;
	}
	if (j < 0 || (size_t)j >= d->n_sel) {
		ui_status(app, "%s", dir < 0 ? _("This is already your first choice.") : _("This is already your last choice."));
		return APP_OK;
	}
	t = d->sel[k];
	d->sel[k] = d->sel[j];
	d->sel[j] = t;
	ui_status(app, _("'%s' is now your choice %d."), poll_option(d->poll, id)->title, j + 1);
	poll_focus_option(s, id);
	poll_draft_keep(app, d);
	return APP_OK;
}

static int
poll_withdraw(struct app *app, struct screen *s)
{
	struct poll *d = s->data;
	char when[64];

	if (!d->poll->has_ballot)
		return APP_OK;
	/* Taking a vote back is asked first: one key must not undo it. */
	if (!ui_confirmed(app)) {
		ui_confirm(app, ACTION_WITHDRAW, _("Withdraw your vote?"),
		    _("Your vote is deleted. You can vote again while the poll is open."),
		    _("Yes, withdraw my vote"), _("No, keep my vote"));
		return APP_OK;
	}
	ui_loading(app);
	if (api_ballot_delete(app->api, d->id) < 0) {
		ui_fail_action(app, _("Your vote was not withdrawn."));
		return APP_OK;
	}
	ui_status(app, _("Your vote is withdrawn. You can vote again until %s."),
	    ui_end_date(d->poll->closes_at, when, sizeof(when)));
	free(d->sel);
	d->sel = NULL;
	d->n_sel = 0;
	s->loaded = 0;
	return APP_OK;
}

/* A choice that differs from the vote sent (or from none), said in
 * words for the question before leaving. */
static const char *
poll_unsent(struct app *app, struct screen *s)
{
	struct poll *d = s->data;
	const struct api_poll *p = d->poll;
	size_t i, n;

	(void)app;
	if (p == NULL || !poll_is_open(p))
		return NULL;
	n = p->has_ballot ? p->n_my_ballot : 0;
	/* No vote sent before: there is nothing "changed" to speak of. */
	if (d->n_sel != n)
		return p->has_ballot ? _("Your changed vote is not sent.") :
		    _("Your vote is not sent.");
	for (i = 0; i < n; i++) {
		/* A ranking's order counts; other kinds are sets. */
		if (p->kind == API_POLL_RANKING ? d->sel[i] != p->my_ballot[i] :
		    poll_sel_index(d, p->my_ballot[i]) < 0)
			return _("Your changed vote is not sent.");
	}
	return NULL;
}

static int
poll_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct poll *d = s->data;
	const struct page_item *it = page_focused(app->page);
	int open = poll_is_open(d->poll);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		switch (it->ref) {
		case POLL_OPTION:
			return open ? poll_toggle(app, s, it->id) : APP_OK;
		case POLL_REVIEW:
			return poll_action(app, s, ACTION_REVIEW, 0);
		case POLL_WITHDRAW:
			return poll_withdraw(app, s);
		case POLL_RESULTS:
			scr_results_open(app, d->id, d->poll->title);
			return APP_OK;
		case POLL_TALLY:
			scr_tallies_open(app, d->id);
			return APP_OK;
		}
		return APP_OK;
	case ACTION_MOVE_UP:
	case ACTION_MOVE_DOWN:
		if (it == NULL || it->ref != POLL_OPTION || !open)
			return APP_OK;
		return poll_move(app, s, it->id, a == ACTION_MOVE_UP ? -1 : 1);
	case ACTION_REVIEW:
	case ACTION_SEND:
		if (!open)
			return APP_OK;
		if (d->n_sel == 0) {
			ui_status(app, "%s", _("Choose at least one option first."));
			return APP_OK;
		}
		scr_review_open(app);
		return APP_OK;
	case ACTION_WITHDRAW:
		return open ? poll_withdraw(app, s) : APP_OK;
	case ACTION_RESULTS:
		scr_results_open(app, d->id, d->poll->title);
		return APP_OK;
	case ACTION_TALLY:
		if (ui_role_at_least(app, API_ROLE_STAFF))
			scr_tallies_open(app, d->id);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
poll_review(struct app *app, struct screen *s, struct page *p)
{
	struct poll *d = s->data;
	char *list = ui_ballot_text(d->poll, d->sel, d->n_sel);

	(void)app;
	page_set_breadcrumb(p, _("Poll / %s"), d->poll->title);
	/* Under "Check before sending" with "Send" below: not sent yet. */
	page_add_text(p, PAGE_TEXT_PARA, _("Your vote: %s."), list != NULL ? list : "");
	if (d->poll->has_ballot)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("This replaces the vote you sent before."));
	free(list);
}

static int
poll_send(struct app *app, struct screen *s)
{
	struct poll *d = s->data;
	char key[48];

	if (!app_logged_in(app)) {
		ui_status(app, "%s", _("Please log in to send your vote; your choices are kept."));
		scr_login_open(app);
		return -1;
	}
	ui_loading(app);
	if (api_ballot_put(app->api, d->id, d->sel, d->n_sel, NULL) < 0)
		return ui_fail(app, _("Your vote was not sent."), 1);
	poll_draft_key(d, key, sizeof(key));
	ui_draft_drop(app, key);
	ui_pop_to(app, s);
	s->loaded = 0;
	s->focus = 0;
	/* On the (first) choice sent, not on an option left out. */
	if (d->n_sel > 0)
		poll_focus_option(s, d->sel[0]);
	/* L10N: after sending a ballot: poll title, then the closing date. */
	/* The poll page says until when it can be changed. */
	ui_status(app, "%s", _("Your vote is saved."));
	return 0;
}

static void
poll_free(struct app *app, struct screen *s)
{
	struct poll *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_poll_free(d->poll);
	free(d->sel);
	free(d);
}

static const struct screen_type scr_poll = {
	.name = "poll",
	.load = poll_load,
	.build = poll_build,
	.action = poll_action,
	.review = poll_review,
	.send = poll_send,
	.free = poll_free,
	.unsent = poll_unsent,
};

int
scr_poll_open(struct app *app, long long id)
{
	struct poll *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->id = id;
	return ui_push(app, &scr_poll, d);
}

int
scr_poll_with(struct app *app, struct api_poll *p)
{
	struct poll *d = calloc(1, sizeof(*d));

	if (d == NULL || p == NULL) {
		free(d);
		api_poll_free(p);
		return -1;
	}
	d->id = p->id;
	d->poll = p;
	poll_set_sel(d, p->my_ballot, p->has_ballot ? p->n_my_ballot : 0);
	d->sel_init = 1;
	return ui_push_loaded(app, &scr_poll, d);
}

/* ------------------------------------------------------------ review */

enum { REVIEW_SEND = 1, REVIEW_EDIT };

static void
review_build(struct app *app, struct screen *s, struct page *p)
{
	struct page_item *it;

	/* The keymaps bind send and edit for the review step in "poll". */
	p->context = "poll";
	page_set_heading(p, "%s", _("Check before sending"));
	s->below->type->review(app, s->below, p);
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Send"))) != NULL)
		it->ref = REVIEW_SEND;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Change it"))) != NULL)
		it->ref = REVIEW_EDIT;
	page_add_action(p, ACTION_SEND, _("send"));
	/* The key's word is the button's ("e change", "2. Change it"), so
	 * line mode's prompt need not name both. */
	page_add_action(p, ACTION_EDIT, _("change"));
}

static int
review_action(struct app *app, struct screen *s, enum action a, int arg)
{
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	if (a == ACTION_OPEN || a == ACTION_TOGGLE) {
		if (it == NULL)
			return APP_OK;
		a = it->ref == REVIEW_SEND ? ACTION_SEND : ACTION_EDIT;
	}
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_SEND:
		s->below->type->send(app, s->below);
		return APP_OK;
	case ACTION_EDIT:
	case ACTION_CANCEL:
		ui_pop(app);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static const struct screen_type scr_review = {
	.name = "review",
	.build = review_build,
	.action = review_action,
};

int
scr_review_open(struct app *app)
{
	if (app->top->type->review == NULL || app->top->type->send == NULL)
		return -1;
	return ui_push(app, &scr_review, NULL);
}

/* ----------------------------------------------------------- results */

struct results {
	long long		 poll_id;
	char			*title;
	struct api_results	*r;
	int			 hidden;
};

static int
results_load(struct app *app, struct screen *s)
{
	struct results *d = s->data;
	const struct api_error *e;

	api_results_free(d->r);
	d->r = NULL;
	d->hidden = 0;
	if (api_poll_results(app->api, d->poll_id, &d->r) < 0) {
		e = api_error(app->api);
		if (e != NULL && strcmp(e->code, "results_hidden") == 0) {
			d->hidden = 1;
			return 0;
		}
		return ui_fail(app, _("The results could not be loaded."), 0);
	}
	return 0;
}

/* The numbers a results row's detail starts with (nv, then pct when
 * set: "12 votes, 40 %"), marked as its lead so the full screen says
 * them on the option's line; a translation that puts them elsewhere
 * gets no lead. */
static void
results_lead(struct page_item *it, const char *nv, const char *pct)
{
	const char *d = it->detail;
	size_t n = strlen(nv);

	it->lead = 0;
	if (d == NULL || strncmp(d, nv, n) != 0)
		return;
	if (pct != NULL) {
		if (strncmp(d + n, ", ", 2) != 0 || strncmp(d + n + 2, pct, strlen(pct)) != 0)
			return;
		n += 2 + strlen(pct);
	}
	it->lead = n;
}

static void
results_build(struct app *app, struct screen *s, struct page *p)
{
	struct results *d = s->data;
	const struct api_results *r = d->r;
	struct page_item *it;
	size_t i;
	int rank, ranking;
	long most = 0;
	char nv[64], pct[32];

	(void)app;
	p->context = "results";
	page_set_breadcrumb(p, "%s", _("Poll"));
	page_set_heading(p, _("Results: %s"), d->title);
	if (d->hidden) {
		page_add_text(p, PAGE_TEXT_PARA, "%s", _("The results are shown when the poll has closed."));
		return;
	}
	ranking = r->kind == API_POLL_RANKING;
	page_add_text(p, PAGE_TEXT_NOTE, "%s", r->final ? _("Final results.") : _("Interim results: the poll is still open."));
	/* L10N: ballots counted: online, on paper, together. */
	page_add_text(p, PAGE_TEXT_NOTE, _("Ballots: %ld online, %ld on paper, %ld in total."),
	    r->ballots_online, r->ballots_analog, r->ballots_total);
	if (r->analog_invalid > 0)
		page_add_text(p, PAGE_TEXT_NOTE, ngettext("%ld blank or invalid paper ballot is not counted.",
		    "%ld blank or invalid paper ballots are not counted.", (unsigned long)r->analog_invalid),
		    r->analog_invalid);
	if (r->tallies_pending > 0)
		page_add_text(p, PAGE_TEXT_NOTE, ngettext(
		    "%ld paper sheet is not counted yet: it waits for its second keying or its two keyings differ.",
		    "%ld paper sheets are not counted yet: they wait for their second keying or their two keyings differ.",
		    (unsigned long)r->tallies_pending), r->tallies_pending);
	if (ranking && r->ballots_analog > 0)
		page_add_text(p, PAGE_TEXT_NOTE, "%s",
		    _("Paper rankings are counted like online ones."));
	for (i = 0; i < r->n_options; i++)
		if (r->options[i].has_points && r->options[i].points > most)
			most = r->options[i].points;
	/* Shown by rank, best first; ties keep the server's order. */
	for (rank = 1; rank <= (int)r->n_options + 1; rank++) {
		for (i = 0; i < r->n_options; i++) {
			const struct api_result_option *o = &r->options[i];
			int orank = o->rank > 0 ? o->rank : (int)r->n_options + 1;

			if (orank != rank)
				continue;
			if ((it = page_add_item(p, PAGE_ITEM_ENTRY, o->title)) == NULL)
				return;
			it->id = o->id;
			it->rank = o->rank;
			it->has_bar = 1;
			if (ranking && o->has_points) {
				it->bar = most > 0 ? (double)o->points / (double)most : 0;
				snprintf(nv, sizeof(nv), ngettext("%ld point", "%ld points", (unsigned long)o->points),
				    o->points);
				/* L10N: a ranking result: points ("12 points"), rank, then online and paper parts. */
				page_item_detail(it, _("%s, rank %d — %ld online, %ld paper"),
				    nv, o->rank, o->online, o->analog);
				results_lead(it, nv, NULL);
			} else {
				it->bar = o->share;
				snprintf(nv, sizeof(nv), ngettext("%ld vote", "%ld votes", (unsigned long)o->total),
				    o->total);
				/* L10N: a result: votes ("12 votes"), share ("32.3%"), rank — online and paper votes. */
				page_item_detail(it, _("%s, %s, rank %d — %ld online, %ld paper"),
				    nv, ui_percent(o->share, 1, pct, sizeof(pct)), o->rank, o->online, o->analog);
				results_lead(it, nv, pct);
			}
		}
	}
	page_add_action(p, ACTION_REFRESH, _("refresh"));
}

static void
results_free(struct app *app, struct screen *s)
{
	struct results *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_results_free(d->r);
	free(d->title);
	free(d);
}

static const struct screen_type scr_results = {
	.name = "results",
	.load = results_load,
	.build = results_build,
	.free = results_free,
};

int
scr_results_open(struct app *app, long long poll_id, const char *title)
{
	struct results *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->poll_id = poll_id;
	if ((d->title = strdup(title != NULL ? title : "")) == NULL) {
		free(d);
		return -1;
	}
	return ui_push(app, &scr_results, d);
}

int
scr_results_with(struct app *app, const char *title, struct api_results *r)
{
	struct results *d;

	if (r == NULL || scr_results_open(app, r->poll_id, title) < 0) {
		api_results_free(r);
		return -1;
	}
	d = app->top->data;
	d->r = r;
	app->top->loaded = 1;
	return 0;
}
