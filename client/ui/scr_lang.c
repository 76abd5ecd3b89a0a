/* scr_lang.c — screen: the interface languages of the registry, each in its own name (key L). */
#include <string.h>

#include "client/i18n.h"
#include "client/ui/ui.h"
#include "common/lang.h"

static void
lang_build(struct app *app, struct screen *s, struct page *p)
{
	struct page_item *it;
	size_t i;

	(void)app;
	(void)s;
	p->context = "form";
	/* L10N: heading of the list of languages (key L); each language
	 * follows in its own name, so add the English word after a slash
	 * for people who cannot read this language: "Sprache / Language". */
	page_set_heading(p, "%s", _("Language"));
	for (i = 0; i < lang_count(); i++) {
		const struct lang *l = lang_at(i);

		/* The name is the same in every language: "Türkçe". */
		if ((it = page_add_item(p, PAGE_ITEM_RADIO, l->name)) == NULL)
			return;
		it->id = (long)i;
		it->checked = l == i18n_current();
		page_item_state(it, "%s", it->checked ? "(*)" : "( )");
	}
	page_add_action(p, ACTION_TOGGLE, _("choose"));
}

static int
lang_action(struct app *app, struct screen *s, enum action a, int arg)
{
	const struct page_item *it = page_focused(app->page);
	const struct lang *l;

	(void)s;
	(void)arg;
	/* L again closes the list. */
	if (a == ACTION_LANGUAGE) {
		ui_pop(app);
		return APP_OK;
	}
	if (a != ACTION_OPEN && a != ACTION_TOGGLE)
		return SCREEN_PASS;
	if (it == NULL || (l = lang_at((size_t)it->id)) == NULL)
		return APP_OK;
	ui_pop(app);
	app_set_lang(app, l->code);
	return APP_OK;
}

static const struct screen_type scr_lang = {
	.name = "language",
	.build = lang_build,
	.action = lang_action,
};

int
scr_lang_open(struct app *app)
{
	size_t i;

	if (strcmp(app->top->type->name, "language") == 0)
		return 0;
	if (ui_push_loaded(app, &scr_lang, NULL) < 0)
		return -1;
	/* The focus starts on the language in use. */
	for (i = 0; i < lang_count(); i++)
		if (lang_at(i) == i18n_current())
			app->top->focus = (int)i;
	return 0;
}
