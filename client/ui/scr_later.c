/* scr_later.c — screens not written yet say so plainly instead of failing silently. */
#include "client/ui/ui.h"

static void
later_build(struct app *app, struct screen *s, struct page *p)
{
	(void)app;
	(void)s;
	page_set_heading(p, "%s", _("Not available yet"));
	page_add_text(p, PAGE_TEXT_PARA, "%s",
	    _("This part is not yet available in the terminal client. Please use the web platform for it."));
}

static const struct screen_type scr_later = {
	.name = "later",
	.build = later_build,
};

int
scr_survey_open(struct app *app, long long id)
{
	(void)id;
	return ui_push(app, &scr_later, NULL);
}

int
scr_moderation_open(struct app *app)
{
	return ui_push(app, &scr_later, NULL);
}

int
scr_tally_open(struct app *app, long long poll_id)
{
	(void)poll_id;
	return ui_push(app, &scr_later, NULL);
}
