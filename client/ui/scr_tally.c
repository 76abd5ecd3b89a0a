/* scr_tally.c — screens: paper ballots of a poll (the sheets, one sheet side by side, keying, correcting, withdrawing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"

#define TALLY_ROWS	4	/* ranking rows shown at first */
#define TALLY_ROWS_MAX	40

/* What the keying form does. */
enum tally_mode {
	TALLY_NEW,		/* a new sheet, first keying */
	TALLY_SECOND,		/* the second keying of a sheet */
	TALLY_CORRECT		/* a correction of one keying */
};

/* Item tags of the form. */
enum {
	TF_SOURCE = 1, TF_BALLOTS, TF_INVALID, TF_KEYS, TF_COUNT, TF_ORDER,
	TF_ORDER_COUNT, TF_MORE, TF_REASON, TF_REVIEW
};

struct tally_form {
	enum tally_mode		 mode;
	long long		 poll_id;
	long long		 tally_id;	/* SECOND, CORRECT */
	int			 slot;		/* CORRECT: the keying corrected */
	struct api_poll		*poll;
	struct api_tally_sheet	*prefill;	/* CORRECT: the keying to start from */
	int			 keys2;		/* NEW: to be keyed twice */
	struct page_field	 source, ballots, invalid, reason;
	struct page_field	*count;		/* single/multiple: one per option */
	struct page_field	*order;		/* ranking: rows of order and count */
	struct page_field	*order_count;
	size_t			 n, rows;
};

static int
tally_is_ranking(const struct api_poll *p)
{
	switch (p->kind) {
	case API_POLL_RANKING:
		return 1;
	case API_POLL_SINGLE:
	case API_POLL_MULTIPLE:
	case API_POLL_UNKNOWN:
		break;
	}
	return 0;
}

/* The number of option id as listed on the poll's page (1..), 0 if none. */
static size_t
tally_option_number(const struct api_poll *po, long long id)
{
	size_t i;

	for (i = 0; i < po->n_options; i++)
		if (po->options[i].id == id)
			return i + 1;
	return 0;
}

static const char *
tally_option_title(const struct api_poll *po, long long id)
{
	size_t k = tally_option_number(po, id);

	return k > 0 && po->options[k - 1].title != NULL ? po->options[k - 1].title : "?";
}

/* An order as option titles: "Roundnet, Lautern tanzt". Caller frees. */
static char *
tally_order_text(const struct api_poll *po, const struct api_paper_line *l)
{
	char *s = NULL, *t;
	size_t i;

	for (i = 0; i < l->n_choices; i++) {
		if (asprintf(&t, "%s%s%s", s != NULL ? s : "", i > 0 ? ", " : "",
		    tally_option_title(po, l->choices[i])) < 0) {
			free(s);
			return NULL;
		}
		free(s);
		s = t;
	}
	return s != NULL ? s : strdup("");
}

/* ----------------------------------------------------------- the form */

/* A count: digits only, empty is 0. Returns -1 when not a count. */
static long
tally_value(const struct page_field *f)
{
	char *end;
	long v;

	if (f->len == 0)
		return 0;
	if (f->text[0] < '0' || f->text[0] > '9')
		return -1;
	v = strtol(f->text, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;
}

/* An order typed as option numbers ("3 1 5" or "3, 1, 5") into ids.
 * Returns how many, or -1 when a number is not an option's. */
static int
tally_order_parse(const struct api_poll *po, const char *text, long long *ids, size_t max)
{
	const char *s = text;
	char *end;
	size_t n = 0;
	long v;

	while (*s != '\0') {
		if (*s == ' ' || *s == ',' || *s == ';') {
			s++;
			continue;
		}
		v = strtol(s, &end, 10);
		if (end == s || v < 1 || (size_t)v > po->n_options || n == max)
			return -1;
		ids[n++] = po->options[v - 1].id;
		s = end;
	}
	return (int)n;
}

static int
tally_rows_grow(struct tally_form *d, size_t rows)
{
	struct page_field *o, *c;
	size_t i;

	if (rows <= d->rows)
		return 0;
	if ((o = realloc(d->order, rows * sizeof(*o))) == NULL)
		return -1;
	d->order = o;
	if ((c = realloc(d->order_count, rows * sizeof(*c))) == NULL)
		return -1;
	d->order_count = c;
	for (i = d->rows; i < rows; i++) {
		char name[64], cname[64];

		/* L10N: a row of a paper ranking: %zu is its number. */
		snprintf(name, sizeof(name), _("Ranking %zu"), i + 1);
		snprintf(cname, sizeof(cname), _("Ballots with ranking %zu"), i + 1);
		if (field_init(&d->order[i], name, name, 60, 0, 0) < 0)
			return -1;
		if (field_init(&d->order_count[i], cname, cname, 9, 0, 0) < 0) {
			field_clear(&d->order[i]);
			return -1;
		}
		d->rows = i + 1;
	}
	return 0;
}

static void
tally_field_setl(struct page_field *f, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	field_set(f, buf);
}

/* Fills the form from the keying being corrected. */
static int
tally_prefill(struct tally_form *d)
{
	const struct api_tally_entry *e = NULL;
	char buf[256];
	size_t i, k, len;

	for (i = 0; i < d->prefill->n_entries; i++)
		if (d->prefill->entries[i].slot == d->slot)
			e = &d->prefill->entries[i];
	if (e == NULL)
		return 0;
	if (d->prefill->source != NULL)
		field_set(&d->source, d->prefill->source);
	if (e->ballots >= 0)
		tally_field_setl(&d->ballots, e->ballots);
	tally_field_setl(&d->invalid, e->invalid);
	if (!tally_is_ranking(d->poll)) {
		for (i = 0; i < d->n; i++)
			tally_field_setl(&d->count[i],
			    api_tally_entry_count(e, d->poll->options[i].id));
		return 0;
	}
	if (tally_rows_grow(d, e->n_rankings) < 0)
		return -1;
	for (i = 0; i < e->n_rankings && i < d->rows; i++) {
		buf[0] = '\0';
		for (k = 0, len = 0; k < e->rankings[i].n_choices && len < sizeof(buf) - 24; k++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, k ? " %zu" : "%zu",
			    tally_option_number(d->poll, e->rankings[i].choices[k]));
		field_set(&d->order[i], buf);
		tally_field_setl(&d->order_count[i], e->rankings[i].count);
	}
	return 0;
}

static int
tally_form_load(struct app *app, struct screen *s)
{
	struct tally_form *d = s->data;
	size_t i;

	if (d->poll != NULL)
		return 0;	/* what was typed stays; the options do not change */
	if (api_poll_get(app->api, d->poll_id, &d->poll) < 0)
		return ui_fail(app, _("The poll could not be loaded."), 0);
	if ((d->count = calloc(d->poll->n_options ? d->poll->n_options : 1, sizeof(*d->count))) == NULL)
		return -1;
	for (i = 0; i < d->poll->n_options; i++) {
		if (field_init(&d->count[i], d->poll->options[i].title, d->poll->options[i].title, 9, 0, 0) < 0)
			return -1;
		d->n++;
	}
	if (tally_is_ranking(d->poll) && tally_rows_grow(d, TALLY_ROWS) < 0)
		return -1;
	if (d->mode == TALLY_CORRECT && d->prefill != NULL && tally_prefill(d) < 0)
		return -1;
	return 0;
}

static struct page_item *
tally_add_field(struct page *p, struct page_field *f, int ref, long id, const char *group)
{
	struct page_item *it = page_add_item(p, PAGE_ITEM_FIELD, f->name);

	if (it == NULL)
		return NULL;
	it->field = f;
	it->ref = ref;
	it->id = id;
	if (group != NULL)
		page_item_group(it, group);
	if (f->error != NULL)
		page_item_state(it, "%s", f->error);
	return it;
}

/* What the numbers typed add up to, so a wrong sum shows before sending. */
static void
tally_sum_note(struct page *p, const struct tally_form *d)
{
	long sum = 0, v;
	size_t i;

	if (d->poll->kind == API_POLL_MULTIPLE)
		return;
	if (tally_is_ranking(d->poll)) {
		for (i = 0; i < d->rows; i++)
			if ((v = tally_value(&d->order_count[i])) > 0)
				sum += v;
	} else
		for (i = 0; i < d->n; i++)
			if ((v = tally_value(&d->count[i])) > 0)
				sum += v;
	v = tally_value(&d->invalid);
	/* L10N: the sum of a paper sheet while it is typed: "Counted so far:
	 * 19 votes and 1 invalid ballot make 20 of 20 ballots." */
	page_add_text(p, PAGE_TEXT_NOTE, ngettext("Counted so far: %ld and %ld invalid make %ld of %ld ballot.",
	    "Counted so far: %ld and %ld invalid make %ld of %ld ballots.", (unsigned long)tally_value(&d->ballots)),
	    sum, v > 0 ? v : 0, sum + (v > 0 ? v : 0), tally_value(&d->ballots));
}

static void
tally_form_build(struct app *app, struct screen *s, struct page *p)
{
	struct tally_form *d = s->data;
	int ranking = tally_is_ranking(d->poll);
	struct page_item *it;
	size_t i;

	(void)app;
	p->context = "form";
	page_set_breadcrumb(p, _("Poll / %s"), d->poll->title);
	switch (d->mode) {
	case TALLY_NEW:
		page_set_heading(p, "%s", _("Enter a paper sheet"));
		break;
	case TALLY_SECOND:
		page_set_heading(p, "%s", _("Key the sheet a second time"));
		page_add_text(p, PAGE_TEXT_PARA, "%s",
		    _("Type the sheet again from the paper, without looking at the first keying. It counts when both agree."));
		break;
	case TALLY_CORRECT:
		/* L10N: %d is the keying (1 or 2) being corrected. */
		page_set_heading(p, _("Correct keying %d"), d->slot);
		break;
	}
	page_add_text(p, PAGE_TEXT_PARA, "%s", ranking
	    ? _("Type each different ranking on the paper ballots once, as the option numbers below in order (first choice first), and how many ballots had it.")
	    : _("Type how many paper ballots named each option, how many ballots there were and how many were blank or invalid."));
	if (ranking) {
		ui_paper_ranking_note(p, d->poll);
		for (i = 0; i < d->poll->n_options; i++)
			/* L10N: an option with its number, to type in rankings. */
			page_add_text(p, PAGE_TEXT_NOTE, _("Option %zu: %s"), i + 1, d->poll->options[i].title);
	}
	if (d->mode != TALLY_SECOND)
		tally_add_field(p, &d->source, TF_SOURCE, 0, NULL);
	tally_add_field(p, &d->ballots, TF_BALLOTS, 0, NULL);
	tally_add_field(p, &d->invalid, TF_INVALID, 0, NULL);
	if (!ranking)
		for (i = 0; i < d->n; i++)
			tally_add_field(p, &d->count[i], TF_COUNT, (long)i, _("Votes per option"));
	for (i = 0; ranking && i < d->rows; i++) {
		tally_add_field(p, &d->order[i], TF_ORDER, (long)i, _("Rankings on paper"));
		tally_add_field(p, &d->order_count[i], TF_ORDER_COUNT, (long)i, _("Rankings on paper"));
	}
	if (ranking && d->rows < TALLY_ROWS_MAX &&
	    (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Another ranking"))) != NULL)
		it->ref = TF_MORE;
	/* After the numbers, so typing walks through all of them at once. */
	if (d->mode == TALLY_NEW && (it = page_add_item(p, PAGE_ITEM_CHECKBOX,
	    _("A second staff member keys this sheet again"))) != NULL) {
		it->ref = TF_KEYS;
		it->checked = d->keys2;
		page_item_state(it, "%s", d->keys2 ? "[x]" : "[ ]");
	}
	if (d->mode == TALLY_CORRECT)
		tally_add_field(p, &d->reason, TF_REASON, 0, NULL);
	tally_sum_note(p, d);
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Review and send"))) != NULL)
		it->ref = TF_REVIEW;
	page_add_action(p, ACTION_REVIEW, _("review"));
}

/* Marks field f wrong with msg and puts the focus on item ref/id. */
static int
tally_wrong(struct app *app, struct screen *s, struct page_field *f, const char *msg)
{
	field_set_error(f, msg);
	ui_status(app, "%s", msg);
	(void)s;
	return -1;
}

static int
tally_number_ok(struct app *app, struct screen *s, struct page_field *f)
{
	char msg[300];

	if (tally_value(f) >= 0) {
		field_set_error(f, NULL);
		return 0;
	}
	/* L10N: %s is the name of a field (an option's title). */
	snprintf(msg, sizeof(msg), _("%s: please type a whole number, 0 or more."), f->name);
	return tally_wrong(app, s, f, msg);
}

static int
tally_form_check(struct app *app, struct screen *s)
{
	struct tally_form *d = s->data;
	long long ids[64];
	char msg[300];
	size_t i;

	if (d->mode != TALLY_SECOND && d->source.len < 3)
		return tally_wrong(app, s, &d->source,
		    _("Where from: please say where the ballots were collected and which sheet."));
	field_set_error(&d->source, NULL);
	if (d->ballots.len == 0)
		return tally_wrong(app, s, &d->ballots,
		    _("Paper ballots: please type how many there were."));
	if (tally_number_ok(app, s, &d->ballots) < 0 || tally_number_ok(app, s, &d->invalid) < 0)
		return -1;
	for (i = 0; i < d->n && !tally_is_ranking(d->poll); i++)
		if (tally_number_ok(app, s, &d->count[i]) < 0)
			return -1;
	for (i = 0; i < d->rows && tally_is_ranking(d->poll); i++) {
		if (tally_number_ok(app, s, &d->order_count[i]) < 0)
			return -1;
		if (tally_order_parse(d->poll, d->order[i].text, ids, 64) < 0) {
			/* L10N: %s is "Ranking 2"; %zu the number of options. */
			snprintf(msg, sizeof(msg), _("%s: please type option numbers from 1 to %zu, first choice first."),
			    d->order[i].name, d->poll->n_options);
			return tally_wrong(app, s, &d->order[i], msg);
		}
		field_set_error(&d->order[i], NULL);
	}
	if (d->mode == TALLY_CORRECT && d->reason.len == 0)
		return tally_wrong(app, s, &d->reason, _("Reason: please say why the keying is corrected."));
	field_set_error(&d->reason, NULL);
	return 0;
}

/* Checks one filled field as it is left (screen_type.field_check): a
 * count must be a number, a ranking option numbers of this poll. */
static int
tally_field_check(struct app *app, struct screen *s, struct page_field *f)
{
	struct tally_form *d = s->data;
	long long ids[64];
	char msg[300];
	size_t i;

	for (i = 0; i < d->rows; i++)
		if (f == &d->order[i] && tally_order_parse(d->poll, f->text, ids, 64) < 0) {
			snprintf(msg, sizeof(msg), _("%s: please type option numbers from 1 to %zu, first choice first."),
			    f->name, d->poll->n_options);
			field_set_error(f, msg);
			return -1;
		}
	if (f == &d->ballots || f == &d->invalid)
		return tally_number_ok(app, s, f);
	for (i = 0; i < d->n; i++)
		if (f == &d->count[i])
			return tally_number_ok(app, s, f);
	for (i = 0; i < d->rows; i++)
		if (f == &d->order_count[i])
			return tally_number_ok(app, s, f);
	return 0;
}

static int
tally_form_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct tally_form *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it != NULL && it->ref == TF_KEYS) {
			d->keys2 = !d->keys2;
			return APP_OK;
		}
		if (it != NULL && it->ref == TF_MORE) {
			/* The new row takes the button's place: the focus
			 * stays there, on the new ranking's first field. */
			if (tally_rows_grow(d, d->rows + 1) < 0)
				return APP_ERR;
			return APP_OK;
		}
		if (it != NULL && it->ref != TF_REVIEW) {
			s->focus++;
			return APP_OK;
		}
		/* FALLTHROUGH */
	case ACTION_REVIEW:
	case ACTION_SEND:
		if (tally_form_check(app, s) == 0)
			scr_review_open(app);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
tally_form_review(struct app *app, struct screen *s, struct page *p)
{
	struct tally_form *d = s->data;
	struct api_paper_line l;
	long long ids[64];
	char *t;
	size_t i;
	int n;

	(void)app;
	page_set_breadcrumb(p, _("Poll / %s"), d->poll->title);
	if (d->mode != TALLY_SECOND)
		page_add_text(p, PAGE_TEXT_PARA, _("Paper ballots from: %s"), d->source.text);
	page_add_text(p, PAGE_TEXT_NOTE, "%s: %ld", d->ballots.name, tally_value(&d->ballots));
	page_add_text(p, PAGE_TEXT_NOTE, "%s: %ld", d->invalid.name, tally_value(&d->invalid));
	if (d->mode == TALLY_NEW)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", d->keys2
		    ? _("It counts once a second staff member has keyed it the same.")
		    : _("It counts at once (keyed once)."));
	for (i = 0; i < d->n && !tally_is_ranking(d->poll); i++)
		page_add_text(p, PAGE_TEXT_NOTE, "%s: %ld", d->count[i].name, tally_value(&d->count[i]));
	for (i = 0; i < d->rows && tally_is_ranking(d->poll); i++) {
		if ((n = tally_order_parse(d->poll, d->order[i].text, ids, 64)) <= 0)
			continue;
		l.choices = ids;
		l.n_choices = (size_t)n;
		if ((t = tally_order_text(d->poll, &l)) == NULL)
			continue;
		/* L10N: a paper ranking and its ballots: "Roundnet, Lesung: 4". */
		page_add_text(p, PAGE_TEXT_NOTE, _("%s: %ld"), t, tally_value(&d->order_count[i]));
		free(t);
	}
	tally_sum_note(p, d);
	if (d->mode == TALLY_CORRECT)
		page_add_text(p, PAGE_TEXT_NOTE, "%s: %s", d->reason.name, d->reason.text);
}

/* The form as the API's input; lines and ids in the caller's arrays. */
static size_t
tally_form_lines(const struct tally_form *d, struct api_paper_line *lines, long long (*ids)[64])
{
	size_t i, n = 0;
	int k;

	if (!tally_is_ranking(d->poll)) {
		for (i = 0; i < d->n; i++) {
			ids[n][0] = d->poll->options[i].id;
			lines[n].choices = ids[n];
			lines[n].n_choices = 1;
			lines[n++].count = tally_value(&d->count[i]);
		}
		return n;
	}
	for (i = 0; i < d->rows; i++) {
		if ((k = tally_order_parse(d->poll, d->order[i].text, ids[n], 64)) <= 0 ||
		    tally_value(&d->order_count[i]) <= 0)
			continue;
		lines[n].choices = ids[n];
		lines[n].n_choices = (size_t)k;
		lines[n++].count = tally_value(&d->order_count[i]);
	}
	return n;
}

static int
tally_form_send(struct app *app, struct screen *s)
{
	struct tally_form *d = s->data;
	struct api_paper_line *lines;
	struct api_paper_in in;
	struct api_tally_sheet *t = NULL;
	long long (*ids)[64];
	size_t max = d->n > d->rows ? d->n : d->rows;
	int rc = -1;

	lines = calloc(max ? max : 1, sizeof(*lines));
	ids = calloc(max ? max : 1, sizeof(*ids));
	if (lines == NULL || ids == NULL) {
		free(lines);
		free(ids);
		return -1;
	}
	memset(&in, 0, sizeof(in));
	in.source = d->mode == TALLY_SECOND ? NULL : d->source.text;
	in.ballots = tally_value(&d->ballots);
	in.invalid = tally_value(&d->invalid);
	in.keys = d->keys2 ? 2 : 1;
	in.ranking = tally_is_ranking(d->poll);
	in.lines = lines;
	in.n_lines = tally_form_lines(d, lines, ids);
	ui_loading(app);
	switch (d->mode) {
	case TALLY_NEW:
		rc = api_tally_add(app->api, d->poll_id, &in, &t);
		break;
	case TALLY_SECOND:
		rc = api_tally_key(app->api, d->tally_id, &in, &t);
		break;
	case TALLY_CORRECT:
		rc = api_tally_correct(app->api, d->tally_id, d->slot, d->reason.text, &in, &t);
		break;
	}
	free(lines);
	free(ids);
	if (rc < 0)
		return ui_fail(app, _("The paper ballots were not saved."), 1);
	/* Whether it counts now is what the person needs to hear. */
	/* L10N: a paper sheet saved: its label and its state ("counted",
	 * "the two keyings differ: not counted"). */
	ui_status(app, _("The sheet '%s' is saved: %s."), t->source != NULL ? t->source : "",
	    ui_tally_state_word(t->state));
	api_tally_sheet_free(t);
	/* The form is freed here: nothing of d after this. */
	ui_pop_to(app, s);
	ui_pop(app);
	app->top->loaded = 0;
	return 0;
}

static void
tally_form_free(struct app *app, struct screen *s)
{
	struct tally_form *d = s->data;
	size_t i;

	(void)app;
	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		field_clear(&d->count[i]);
	free(d->count);
	for (i = 0; i < d->rows; i++) {
		field_clear(&d->order[i]);
		field_clear(&d->order_count[i]);
	}
	free(d->order);
	free(d->order_count);
	field_clear(&d->source);
	field_clear(&d->ballots);
	field_clear(&d->invalid);
	field_clear(&d->reason);
	api_poll_free(d->poll);
	api_tally_sheet_free(d->prefill);
	free(d);
}

static const struct screen_type scr_tally_form = {
	.name = "tally",
	.load = tally_form_load,
	.build = tally_form_build,
	.action = tally_form_action,
	.review = tally_form_review,
	.send = tally_form_send,
	.free = tally_form_free,
	.field_check = tally_field_check,
};

/* Opens the keying form; prefill (owned from now on) for a correction. */
static int
tally_form_open(struct app *app, enum tally_mode mode, long long poll_id,
    long long tally_id, int slot, struct api_tally_sheet *prefill)
{
	struct tally_form *d = calloc(1, sizeof(*d));

	if (d == NULL) {
		api_tally_sheet_free(prefill);
		return -1;
	}
	d->mode = mode;
	d->poll_id = poll_id;
	d->tally_id = tally_id;
	d->slot = slot;
	d->prefill = prefill;
	d->keys2 = 1;
	if (field_init(&d->source, _("Where from"), _("Where were the ballots collected, which sheet?"), 200, 0, 0) < 0 ||
	    field_init(&d->ballots, _("Paper ballots in all"),
	    _("How many paper ballots are on this sheet, invalid ones included?"), 9, 0, 0) < 0 ||
	    field_init(&d->invalid, _("Blank or invalid ballots"), _("How many of them are blank or invalid?"), 9, 0, 0) < 0 ||
	    field_init(&d->reason, _("Reason"), _("Why is the keying corrected?"), 500, 0, 0) < 0) {
		tally_form_free(app, &(struct screen){ .data = d });
		return -1;
	}
	return ui_push(app, &scr_tally_form, d);
}

int
scr_tally_open(struct app *app, long long poll_id)
{
	return tally_form_open(app, TALLY_NEW, poll_id, 0, 0, NULL);
}

/* ------------------------------------------------------- one sheet */

enum { TV_OPTION = 1, TV_SECOND, TV_CORRECT, TV_REASON, TV_WITHDRAW };

struct tally_view {
	long long		 id;
	long long		 poll_id;
	struct api_poll		*poll;
	struct api_tally_sheet	*t;
	struct page_field	 reason;
	int			 compare;	/* keyed twice since the last load:
						 * the focus goes to the comparison */
};

static int
tally_view_load(struct app *app, struct screen *s)
{
	struct tally_view *d = s->data;
	size_t had = d->t != NULL ? d->t->n_entries : 0;

	api_tally_sheet_free(d->t);
	d->t = NULL;
	if (d->poll == NULL && api_poll_get(app->api, d->poll_id, &d->poll) < 0)
		return ui_fail(app, _("The poll could not be loaded."), 0);
	if (api_tally_get(app->api, d->id, &d->t) < 0)
		return ui_fail(app, _("The paper sheet could not be loaded."), 0);
	d->compare = had == 1 && d->t->n_entries == 2;
	return 0;
}

/* What the API takes from the person logged in (me, 0 when unknown):
 * a second keying only from another account than the first keyer's, a
 * correction of a keying only when they did not key the other one. */
int
ui_tally_may(const struct api_tally_sheet *t, long long me, int slot)
{
	size_t i;

	for (i = 0; i < t->n_entries; i++) {
		if (slot == 0 && t->entries[i].slot == 1)
			return t->entries[i].keyed_by_id == 0 || t->entries[i].keyed_by_id != me;
		if (slot != 0 && t->keys == 2 && t->entries[i].slot == 3 - slot &&
		    t->entries[i].keyed_by_id != 0 && t->entries[i].keyed_by_id == me)
			return 0;
	}
	return 1;
}

/* "Keying 1 by Rathaus on 4 December 2026: 20 ballots, 1 invalid." */
static void
tally_entry_note(struct page *p, const struct api_tally_entry *e)
{
	char when[64], b[64], inv[64];

	ui_date(e->keyed_at, when, sizeof(when));
	snprintf(b, sizeof(b), ngettext("%ld ballot", "%ld ballots", (unsigned long)e->ballots), e->ballots);
	snprintf(inv, sizeof(inv), ngettext("%ld invalid", "%ld invalid", (unsigned long)e->invalid), e->invalid);
	/* L10N: keying number, who, date, "20 ballots", "1 invalid". */
	page_add_text(p, PAGE_TEXT_NOTE, _("Keying %d by %s on %s: %s, %s."), e->slot,
	    e->keyed_by != NULL ? e->keyed_by : "?", when, b, inv);
}

static void
tally_view_build(struct app *app, struct screen *s, struct page *p)
{
	struct tally_view *d = s->data;
	const struct api_tally_sheet *t = d->t;
	const struct api_tally_entry *e1 = t->n_entries > 0 ? &t->entries[0] : NULL;
	const struct api_tally_entry *e2 = t->n_entries > 1 ? &t->entries[1] : NULL;
	int ranking = tally_is_ranking(d->poll);
	long long me = app->me != NULL ? app->me->id : 0;
	struct page_item *it;
	size_t i, k;
	char *o;

	page_set_breadcrumb(p, _("Poll / %s / Paper ballots"), d->poll->title);
	page_set_heading(p, "%s", t->source != NULL ? t->source : "");
	page_add_text(p, PAGE_TEXT_NOTE, "%s", ui_tally_state_word(t->state));
	for (i = 0; i < t->n_entries; i++)
		tally_entry_note(p, &t->entries[i]);
	if (t->keys == 2 && t->n_entries < 2)
		page_add_text(p, PAGE_TEXT_PARA, "%s",
		    _("It counts once a second staff member has keyed it the same."));
	if (ranking)
		ui_paper_ranking_note(p, d->poll);
	/* Per option, both keyings side by side (points for rankings). */
	for (i = 0; e1 != NULL && i < d->poll->n_options; i++) {
		long long id = d->poll->options[i].id;
		long a = api_tally_entry_count(e1, id);

		if ((it = page_add_item(p, PAGE_ITEM_ENTRY, d->poll->options[i].title)) == NULL)
			return;
		it->ref = TV_OPTION;
		page_item_group(it, ranking ? _("Points per option") : _("Votes per option"));
		if (e2 == NULL)
			page_item_state(it, "%ld", a);
		else if (a == api_tally_entry_count(e2, id))
			/* L10N: both keyings give an option the same number. */
			page_item_state(it, _("%ld, both agree"), a);
		else {
			/* L10N: the two keyings differ for an option: "8 and 4, differ". */
			page_item_state(it, _("keying 1: %ld, keying 2: %ld, differ"), a,
			    api_tally_entry_count(e2, id));
			/* L10N: the same, short: keying 1 says 8, keying 2 says
			 * 4. A braille window shows it before a long title. */
			page_item_state_brief(it, _("%ld and %ld, differ"), a,
			    api_tally_entry_count(e2, id));
			/* Just keyed twice: the focus on the first difference. */
			if (d->compare) {
				s->focus = (int)i;
				d->compare = 0;
			}
		}
	}
	/* Or, when both agree, on the result's first line. */
	if (d->compare) {
		s->focus = 0;
		d->compare = 0;
	}
	for (k = 0; ranking && k < t->n_entries; k++)
		for (i = 0; i < t->entries[k].n_rankings; i++) {
			if ((o = tally_order_text(d->poll, &t->entries[k].rankings[i])) == NULL)
				continue;
			/* L10N: a paper ranking of a keying: "Keying 1: Roundnet, Lesung: 4 ballots". */
			page_add_text(p, PAGE_TEXT_NOTE, ngettext("Keying %d: %s: %ld ballot",
			    "Keying %d: %s: %ld ballots", (unsigned long)t->entries[k].rankings[i].count),
			    t->entries[k].slot, o, t->entries[k].rankings[i].count);
			free(o);
		}
	if (t->state == API_TALLY_WITHDRAWN)
		return;
	if (t->keys == 2 && t->n_entries < 2 && ui_tally_may(t, me, 0) &&
	    (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Key this sheet a second time"))) != NULL)
		it->ref = TV_SECOND;
	for (i = 0; i < t->n_entries; i++) {
		char label[64];

		if (!ui_tally_may(t, me, t->entries[i].slot))
			continue;
		/* L10N: a button: %d is the keying (1 or 2). */
		snprintf(label, sizeof(label), _("Correct keying %d"), t->entries[i].slot);
		if ((it = page_add_item(p, PAGE_ITEM_BUTTON, label)) != NULL) {
			it->ref = TV_CORRECT;
			it->id = t->entries[i].slot;
		}
	}
	if ((it = page_add_item(p, PAGE_ITEM_FIELD, d->reason.name)) != NULL) {
		it->field = &d->reason;
		it->ref = TV_REASON;
		page_item_group(it, _("Withdraw the sheet"));
		if (d->reason.error != NULL)
			page_item_state(it, "%s", d->reason.error);
	}
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Withdraw this sheet"))) != NULL)
		it->ref = TV_WITHDRAW;
}

static int
tally_view_withdraw(struct app *app, struct screen *s)
{
	struct tally_view *d = s->data;

	if (d->reason.len == 0) {
		field_set_error(&d->reason, _("Reason: please say why the sheet is withdrawn."));
		ui_status(app, "%s", d->reason.error);
		return APP_OK;
	}
	field_set_error(&d->reason, NULL);
	ui_loading(app);
	if (api_tally_withdraw(app->api, d->id, d->reason.text, NULL) < 0) {
		ui_fail_action(app, _("The sheet was not withdrawn."));
		return APP_OK;
	}
	field_set(&d->reason, "");
	ui_status(app, _("The sheet '%s' is withdrawn; it no longer counts."), d->t->source);
	s->loaded = 0;
	return APP_OK;
}

static int
tally_view_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct tally_view *d = s->data;
	const struct page_item *it = page_focused(app->page);
	struct api_tally_sheet *copy = NULL;

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL)
			return APP_OK;
		switch (it->ref) {
		case TV_SECOND:
			tally_form_open(app, TALLY_SECOND, d->poll_id, d->id, 2, NULL);
			return APP_OK;
		case TV_CORRECT:
			/* The form owns a fresh copy of the sheet to start from. */
			if (api_tally_get(app->api, d->id, &copy) < 0) {
				ui_fail_action(app, _("The paper sheet could not be loaded."));
				return APP_OK;
			}
			tally_form_open(app, TALLY_CORRECT, d->poll_id, d->id, (int)it->id, copy);
			return APP_OK;
		case TV_REASON:
			s->focus++;
			return APP_OK;
		case TV_WITHDRAW:
			return tally_view_withdraw(app, s);
		}
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
tally_view_free(struct app *app, struct screen *s)
{
	struct tally_view *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_poll_free(d->poll);
	api_tally_sheet_free(d->t);
	field_clear(&d->reason);
	free(d);
}

static const struct screen_type scr_tally_view = {
	.name = "tally-sheet",
	.load = tally_view_load,
	.build = tally_view_build,
	.action = tally_view_action,
	.free = tally_view_free,
};

static int
tally_view_open(struct app *app, long long poll_id, long long id)
{
	struct tally_view *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->id = id;
	d->poll_id = poll_id;
	if (field_init(&d->reason, _("Reason"), _("Why is the sheet withdrawn?"), 500, 0, 0) < 0) {
		free(d);
		return -1;
	}
	return ui_push(app, &scr_tally_view, d);
}

/* ------------------------------------------------ the sheets of a poll */

enum { TL_NEW = 1, TL_SHEET };

struct tally_list {
	long long		 poll_id;
	struct api_poll		*poll;
	struct api_tally_list	*l;
};

static int
tally_list_load(struct app *app, struct screen *s)
{
	struct tally_list *d = s->data;

	api_tally_list_free(d->l);
	d->l = NULL;
	if (d->poll == NULL && api_poll_get(app->api, d->poll_id, &d->poll) < 0)
		return ui_fail(app, _("The poll could not be loaded."), 0);
	if (api_tally_list(app->api, d->poll_id, &d->l) < 0)
		return ui_fail(app, _("The paper ballots could not be loaded."), 0);
	return 0;
}

static void
tally_list_build(struct app *app, struct screen *s, struct page *p)
{
	struct tally_list *d = s->data;
	struct page_item *it;
	char b[64];
	size_t i, k;

	(void)app;
	page_set_breadcrumb(p, _("Poll / %s"), d->poll->title);
	page_set_heading(p, "%s", _("Paper ballots"));
	if (tally_is_ranking(d->poll))
		ui_paper_ranking_note(p, d->poll);
	/* L10N: how many paper sheets a poll has. */
	page_add_text(p, PAGE_TEXT_NOTE, ngettext("%zu paper sheet.", "%zu paper sheets.", d->l->n), d->l->n);
	if ((it = page_add_item(p, PAGE_ITEM_BUTTON, _("Enter a paper sheet"))) != NULL)
		it->ref = TL_NEW;
	for (i = 0; i < d->l->n; i++) {
		const struct api_tally_sheet *t = &d->l->items[i];

		if ((it = page_add_item(p, PAGE_ITEM_LINK, t->source != NULL ? t->source : "?")) == NULL)
			return;
		it->ref = TL_SHEET;
		it->id = (long)t->id;
		page_item_group(it, _("Sheets"));
		page_item_state(it, "%s", ui_tally_state_word(t->state));
		for (k = 0; k < t->n_entries; k++) {
			char when[64];

			ui_date(t->entries[k].keyed_at, when, sizeof(when));
			snprintf(b, sizeof(b), ngettext("%ld ballot", "%ld ballots",
			    (unsigned long)t->entries[k].ballots), t->entries[k].ballots);
			/* L10N: who keyed a sheet, when, and its ballots. */
			page_item_detail(it, _("keyed by %s on %s, %s"), t->entries[k].keyed_by != NULL ?
			    t->entries[k].keyed_by : "?", when, b);
		}
	}
	page_add_action(p, ACTION_OPEN, _("open"));
	page_add_action(p, ACTION_TALLY, _("new sheet"));
}

static int
tally_list_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct tally_list *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it != NULL && it->ref == TL_NEW)
			scr_tally_open(app, d->poll_id);
		else if (it != NULL && it->ref == TL_SHEET)
			tally_view_open(app, d->poll_id, it->id);
		return APP_OK;
	case ACTION_TALLY:
		scr_tally_open(app, d->poll_id);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
tally_list_free(struct app *app, struct screen *s)
{
	struct tally_list *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_poll_free(d->poll);
	api_tally_list_free(d->l);
	free(d);
}

static const struct screen_type scr_tally_list = {
	.name = "tallies",
	.load = tally_list_load,
	.build = tally_list_build,
	.action = tally_list_action,
	.free = tally_list_free,
};

int
scr_tallies_open(struct app *app, long long poll_id)
{
	struct tally_list *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->poll_id = poll_id;
	return ui_push(app, &scr_tally_list, d);
}
