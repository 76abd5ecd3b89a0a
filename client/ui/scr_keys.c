/* scr_keys.c — screens: my SSH keys for logging in (list, add, remove) and the offer to remember the key of this connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/session.h"
#include "client/ui/ui.h"

/*
 * The SSH gateway tells the client which key the person proved when that
 * key is not registered yet (session_offer_key()), with the proof that
 * registers it; these screens offer to remember it, and list and remove
 * the account's keys. A key cannot be pasted in: only one used in an ssh
 * login can be registered, or anyone could claim another person's public
 * key.
 */

enum {
	KEYS_KEY = 1, KEYS_REMEMBER, KEYS_HOWTO, KEYS_REMOVE_NOW, KEYS_KEEP
};

struct keys {
	struct api_sshkey_list	*list;
	long long		 remove;	/* key waiting for "yes, remove" */
};

/* Registers the key of this connection; says so. Returns 0 or -1. */
static int
keys_remember(struct app *app)
{
	struct api_sshkey *k = NULL;
	const char *who;

	if (session_offer_key() == NULL)
		return -1;
	ui_loading(app);
	if (api_keys_add(app->api, session_offer_key(), NULL,
	    session_offer_proof(), &k) < 0) {
		ui_fail_action(app, _("The key was not remembered."));
		return -1;
	}
	session_offer_done();
	api_sshkey_free(k);
	who = app_user_name(app) != NULL ? app_user_name(app) : "";
	/* L10N: %s is the account's name. */
	ui_status(app, _("The key is remembered. When you connect with it again, you are logged in as %s without a password."), who);
	return 0;
}

static int
keys_load(struct app *app, struct screen *s)
{
	struct keys *d = s->data;

	api_sshkey_list_free(d->list);
	d->list = NULL;
	if (api_keys_list(app->api, &d->list) < 0)
		return ui_fail(app, _("Your SSH keys could not be loaded."), 0);
	return 0;
}

static void
keys_build(struct app *app, struct screen *s, struct page *p)
{
	struct keys *d = s->data;
	struct page_item *it;
	char group[128], when[64];
	size_t i, n = d->list != NULL ? d->list->n : 0;

	(void)app;
	/* L10N: sub-heading of the list of keys; %zu counts them. */
	snprintf(group, sizeof(group), _("My SSH keys (%zu)"), n);
	page_set_heading(p, "%s", _("My SSH keys"));
	page_add_text(p, PAGE_TEXT_PARA, "%s",
	    _("When you connect over ssh with a key listed here, you are logged in to your account without a password."));
	if (n == 0)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have no SSH keys yet."));
	for (i = 0; i < n; i++) {
		const struct api_sshkey *k = &d->list->items[i];

		if ((it = page_add_item(p, PAGE_ITEM_ENTRY, k->label != NULL ? k->label : k->fingerprint)) == NULL)
			return;
		page_item_group(it, group);
		/* L10N: a key's facts: its type, fingerprint and the day it was added. */
		page_item_detail(it, _("%s, %s, added %s"), k->type != NULL ? k->type : "",
		    k->fingerprint, ui_date(k->created_at, when, sizeof(when)));
		if (d->remove == k->id)
			page_item_state(it, "%s", _("remove?"));
		it->ref = KEYS_KEY;
		it->id = (long)k->id;
	}
	if (d->remove != 0) {
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Yes, remove this key"))) != NULL) {
			it->ref = KEYS_REMOVE_NOW;
			page_item_group(it, _("Remove a key"));
		}
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("No, keep it"))) != NULL) {
			it->ref = KEYS_KEEP;
			page_item_group(it, _("Remove a key"));
		}
	}
	if (session_offer_key() != NULL &&
	    (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Remember the key of this connection"))) != NULL) {
		it->ref = KEYS_REMEMBER;
		page_item_detail(it, "%s", session_offer_fp());
		page_item_group(it, _("Add a key"));
	}
	/* No field to paste a key into: the way to add one is said here. */
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("How to add a key"))) != NULL) {
		it->ref = KEYS_HOWTO;
		page_item_detail(it, "%s", session_key_howto());
		page_item_group(it, _("Add a key"));
	}
	page_add_action(p, ACTION_OPEN, _("remove or add"));
}

static int
keys_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct keys *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	if (a != ACTION_OPEN && a != ACTION_TOGGLE && a != ACTION_SEND)
		return SCREEN_PASS;
	if (it == NULL)
		return APP_OK;
	switch (it->ref) {
	case KEYS_KEY:
		d->remove = it->id;
		ui_status(app, "%s", _("To remove this key, choose 'Yes, remove this key'."));
		/* The focus goes to the question, right after the keys. */
		s->focus = d->list != NULL ? (int)d->list->n : 0;
		return APP_OK;
	case KEYS_REMOVE_NOW:
		ui_loading(app);
		if (api_keys_remove(app->api, d->remove) < 0) {
			ui_fail_action(app, _("The key was not removed."));
			return APP_OK;
		}
		d->remove = 0;
		s->loaded = 0;
		s->focus = 0;
		ui_status(app, "%s", _("The key is removed. It no longer logs you in."));
		return APP_OK;
	case KEYS_KEEP:
		d->remove = 0;
		ui_status(app, "%s", _("The key is kept."));
		return APP_OK;
	case KEYS_REMEMBER:
		if (keys_remember(app) == 0)
			s->loaded = 0;
		return APP_OK;
	case KEYS_HOWTO:
		ui_status(app, "%s", session_key_howto());
		return APP_OK;
	}
	return APP_OK;
}

static void
keys_free(struct app *app, struct screen *s)
{
	struct keys *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_sshkey_list_free(d->list);
	free(d);
}

static const struct screen_type scr_keys = {
	.name = "keys",
	.load = keys_load,
	.build = keys_build,
	.action = keys_action,
	.free = keys_free,
};

static struct keys *
keys_new(void)
{
	return calloc(1, sizeof(struct keys));
}

int
scr_keys_open(struct app *app)
{
	struct keys *d = keys_new();

	return d != NULL ? ui_push(app, &scr_keys, d) : -1;
}

/* The same page from a list already fetched (tests); the screen owns l. */
int
scr_keys_with(struct app *app, struct api_sshkey_list *l)
{
	struct keys *d = keys_new();

	if (d == NULL) {
		api_sshkey_list_free(l);
		return -1;
	}
	d->list = l;
	return ui_push_loaded(app, &scr_keys, d);
}

/* ------------------------------------------------- remember this key */

enum { REMEMBER_YES = 1, REMEMBER_NO };

/* The person said no once: a later login in this session does not ask. */
static int remember_asked;

static void
remember_build(struct app *app, struct screen *s, struct page *p)
{
	struct page_item *it;

	(void)app;
	(void)s;
	page_set_heading(p, "%s", _("Remember this key for your account?"));
	/* L10N: %s is the key's fingerprint (SHA256:...). */
	page_add_text(p, PAGE_TEXT_PARA, _("You connected with the SSH key %s. If you remember it, you are logged in to your account without a password whenever you connect with this key."),
	    session_offer_fp() != NULL ? session_offer_fp() : "");
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Yes, remember this key"))) != NULL)
		it->ref = REMEMBER_YES;
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("No, not this key"))) != NULL)
		it->ref = REMEMBER_NO;
	page_add_action(p, ACTION_OPEN, _("choose"));
}

static int
remember_action(struct app *app, struct screen *s, enum action a, int arg)
{
	const struct page_item *it = page_focused(app->page);

	(void)s;
	(void)arg;
	if (a != ACTION_OPEN && a != ACTION_TOGGLE && a != ACTION_SEND)
		return SCREEN_PASS;
	if (it == NULL)
		return APP_OK;
	if (it->ref == REMEMBER_YES) {
		if (keys_remember(app) < 0)
			return APP_OK;
		ui_pop(app);
		return APP_OK;
	}
	if (it->ref == REMEMBER_NO) {
		/* Not asked again; My SSH keys still offers it. */
		remember_asked = 1;
		ui_pop(app);
		ui_status(app, "%s", _("The key is not remembered. You can still add it under My account, My SSH keys."));
	}
	return APP_OK;
}

static const struct screen_type scr_remember = {
	.name = "remember-key",
	.build = remember_build,
	.action = remember_action,
};

int
scr_remember_key_open(struct app *app)
{
	if (session_offer_key() == NULL || app->opts.kiosk || remember_asked)
		return 0;
	return ui_push(app, &scr_remember, NULL);
}
