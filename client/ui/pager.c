/* pager.c — cursor paging shared by every list screen (next / earlier pages). */
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"

int
ui_pager_next(struct ui_pager *pg, const char *next)
{
	char **n, *cur;

	if (next == NULL)
		return 1;
	if ((cur = strdup(next)) == NULL)
		return -1;
	if ((n = realloc(pg->prev, (pg->n_prev + 1) * sizeof(*n))) == NULL) {
		free(cur);
		return -1;
	}
	pg->prev = n;
	/* The first page has no cursor; an empty string stands for it. */
	if ((n[pg->n_prev] = pg->after != NULL ? pg->after : strdup("")) == NULL) {
		free(cur);
		return -1;
	}
	pg->n_prev++;
	pg->after = cur;
	return 0;
}

int
ui_pager_prev(struct ui_pager *pg)
{
	if (pg->n_prev == 0)
		return 1;
	free(pg->after);
	pg->after = pg->prev[--pg->n_prev];
	if (pg->after[0] == '\0') {
		free(pg->after);
		pg->after = NULL;
	}
	return 0;
}

void
ui_pager_reset(struct ui_pager *pg)
{
	size_t i;

	for (i = 0; i < pg->n_prev; i++)
		free(pg->prev[i]);
	free(pg->prev);
	free(pg->after);
	memset(pg, 0, sizeof(*pg));
}

int
ui_pager_step(struct app *app, struct screen *s, struct ui_pager *pg, const char *next, int dir)
{
	int rc = dir > 0 ? ui_pager_next(pg, next) : ui_pager_prev(pg);

	if (rc < 0)
		return APP_ERR;
	if (rc > 0) {
		ui_status(app, "%s", dir > 0 ? _("This is the last page.") : _("This is the first page."));
		return APP_OK;
	}
	s->loaded = 0;
	s->focus = 0;
	return APP_OK;
}
