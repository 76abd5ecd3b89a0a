/* scr_survey.c — screens: a survey with every question kind, required checks and review; moderation queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"

/* ------------------------------------------------------------ survey */

struct survey_answer {
	long long		*choices;
	size_t			 n;
	struct page_field	 text;
	int			 has_value;
	int			 value;
};

struct survey {
	long long		 id;
	struct api_survey	*sv;
	struct survey_answer	*ans;
	size_t			 n;
	int			 sent;	/* answers sent: no draft to keep */
	int			 said_q;	/* question the focus was last in, plus 1 */
	int			 said_item;	/* the item that said it */
};

/* Item refs: question index in the high bits, what the item is in the low. */
#define SV_OPTION	1
#define SV_TEXT		2
#define SV_SCALE	3
#define SV_REVIEW	4
#define SV_REF(q, t)	(((q) << 3) | (t))
#define SV_Q(ref)	((ref) >> 3)
#define SV_T(ref)	((ref) & 7)

static void
survey_answers_free(struct survey *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->ans[i].choices);
		field_clear(&d->ans[i].text);
	}
	free(d->ans);
	d->ans = NULL;
	d->n = 0;
}

static int
survey_setup(struct survey *d)
{
	size_t i;

	survey_answers_free(d);
	if (d->sv->n_questions == 0)
		return 0;
	if ((d->ans = calloc(d->sv->n_questions, sizeof(*d->ans))) == NULL)
		return -1;
	d->n = d->sv->n_questions;
	for (i = 0; i < d->n; i++) {
		const struct api_question *q = &d->sv->questions[i];

		if (field_init(&d->ans[i].text, q->text, q->text,
		    q->max_length > 0 ? (size_t)q->max_length : 2000, 1, 0) < 0)
			return -1;
	}
	return 0;
}

static int survey_answered(const struct api_question *q, const struct survey_answer *a);

static void
survey_draft_key(const struct survey *d, char *key, size_t size)
{
	snprintf(key, size, "survey:%lld", d->id);
}

/* Keeps the answers given so far in the app, one text per question:
 * "t" + text, "v" + scale value, "c" + option ids, "" when unanswered. */
static void
survey_draft_keep(struct app *app, const struct survey *d)
{
	char key[48], **txt, *t;
	size_t i, k;
	int any = 0;

	if (d->sv == NULL || (txt = calloc(d->n + 1, sizeof(*txt))) == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		const struct api_question *q = &d->sv->questions[i];
		const struct survey_answer *a = &d->ans[i];

		if (!survey_answered(q, a)) {
			txt[i] = strdup("");
			continue;
		}
		any = 1;
		if (q->kind == API_QUESTION_TEXT) {
			if (asprintf(&txt[i], "t%s", a->text.text) < 0)
				txt[i] = NULL;
		} else if (q->kind == API_QUESTION_SCALE) {
			if (asprintf(&txt[i], "v%d", a->value) < 0)
				txt[i] = NULL;
		} else {
			txt[i] = strdup("c");
			for (k = 0; k < a->n && txt[i] != NULL; k++) {
				if (asprintf(&t, "%s %lld", txt[i], a->choices[k]) < 0)
					t = NULL;
				free(txt[i]);
				txt[i] = t;
			}
		}
	}
	survey_draft_key(d, key, sizeof(key));
	if (any)
		ui_draft_save(app, key, (const char *const *)txt, d->n);
	for (i = 0; i < d->n; i++)
		free(txt[i]);
	free(txt);
}

static void
survey_draft_restore(struct app *app, struct survey *d)
{
	char key[48], **txt, *p, *end;
	size_t n, i;
	long long id, *c;

	survey_draft_key(d, key, sizeof(key));
	if (!ui_draft_load(app, key, &txt, &n) || n != d->n)
		return;
	for (i = 0; i < n; i++) {
		struct survey_answer *a = &d->ans[i];

		if (txt[i][0] == 't') {
			field_set(&a->text, txt[i] + 1);
		} else if (txt[i][0] == 'v') {
			a->has_value = 1;
			a->value = atoi(txt[i] + 1);
		} else if (txt[i][0] == 'c') {
			for (p = txt[i] + 1; (id = strtoll(p, &end, 10)) != 0 && end != p; p = end) {
				if ((c = realloc(a->choices, (a->n + 1) * sizeof(*c))) == NULL)
					break;
				a->choices = c;
				a->choices[a->n++] = id;
			}
		}
	}
}

static int
survey_load(struct app *app, struct screen *s)
{
	struct survey *d = s->data;
	struct api_survey *sv = NULL;

	if (api_survey_get(app->api, d->id, &sv) < 0)
		return ui_fail(app, _("The survey could not be loaded."), 0);
	/* Answers being given survive a reload (login, language): keep them
	 * when the questions are the same. */
	if (d->sv != NULL && d->sv->n_questions == sv->n_questions) {
		api_survey_free(d->sv);
		d->sv = sv;
		return 0;
	}
	api_survey_free(d->sv);
	d->sv = sv;
	if (survey_setup(d) < 0)
		return -1;
	survey_draft_restore(app, d);
	return 0;
}

static int
survey_has(const struct survey_answer *a, long long id)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->choices[i] == id)
			return 1;
	return 0;
}

static int
survey_answered(const struct api_question *q, const struct survey_answer *a)
{
	if (q->kind == API_QUESTION_TEXT)
		return a->text.len > 0;
	if (q->kind == API_QUESTION_SCALE)
		return a->has_value;
	return a->n > 0;
}

/* When the focus enters another question, its item says which question
 * on its own line, where the cursor, a braille window and speech are:
 * the question's heading may be rows above. Moving on within the
 * question drops it again. */
static void
survey_say_question(struct app *app, struct screen *s, struct page *p)
{
	struct survey *d = s->data;
	struct page_item *it;
	char *label;
	int q;

	/* Line mode (no columns, no cursor) prints each question as a
	 * heading right before its answers. */
	if (app->cols <= 0 || s->focus < 0 || (size_t)s->focus >= p->n_item)
		return;
	it = &p->item[s->focus];
	if (SV_T(it->ref) == SV_REVIEW || it->ref == 0)
		return;
	q = SV_Q(it->ref);
	if (q + 1 != d->said_q) {
		d->said_q = q + 1;
		d->said_item = s->focus;
	}
	/* It stays while the focus does: typing an answer or choosing
	 * must not change the line under the cursor. */
	if (s->focus != d->said_item)
		return;
	/* L10N: before an answer when the focus enters a question:
	 * "Question 2: Rather yes". */
	if (asprintf(&label, _("Question %d: %s"), q + 1, it->label != NULL ? it->label : "") < 0)
		return;
	free(it->label);
	it->label = label;
}

/* Answers given and not sent, said in words for the question before
 * leaving. */
static const char *
survey_unsent(struct app *app, struct screen *s)
{
	struct survey *d = s->data;
	size_t i;

	(void)app;
	if (d->sv == NULL || d->sent)
		return NULL;
	for (i = 0; i < d->n; i++)
		if (survey_answered(&d->sv->questions[i], &d->ans[i]))
			return _("Your answers are not sent.");
	return NULL;
}

static void
survey_build(struct app *app, struct screen *s, struct page *p)
{
	struct survey *d = s->data;
	const struct api_survey *sv = d->sv;
	struct page_item *it;
	char group[600];
	size_t i, k;
	int v, open = sv->status == API_STATUS_OPEN;

	(void)app;
	p->context = "poll";
	page_set_breadcrumb(p, "%s", _("Survey"));
	page_set_heading(p, "%s", sv->title);
	ui_add_paragraphs(p, sv->intro);
	/* An open survey is its questions, asked right below (the project
	 * page has just said "open"); one that cannot be answered says why. */
	if (!open)
		page_add_text(p, PAGE_TEXT_NOTE, _("This survey is %s."), ui_status_word(sv->status));
	if (sv->answered_by_me == 1)
		page_add_text(p, PAGE_TEXT_NOTE, "%s", _("You have answered this survey; sending again replaces your answers."));
	for (i = 0; i < d->n; i++) {
		const struct api_question *q = &sv->questions[i];
		struct survey_answer *a = &d->ans[i];

		/* L10N: "Question 2 of 5 (required): How often ...?" */
		snprintf(group, sizeof(group), q->required ? _("Question %zu of %zu (required): %s")
		    : _("Question %zu of %zu: %s"), i + 1, d->n, q->text);
		if (q->kind == API_QUESTION_TEXT) {
			if ((it = page_add_item(p, PAGE_ITEM_MULTILINE, _("Your answer"))) == NULL)
				return;
			it->field = &a->text;
			it->ref = SV_REF((int)i, SV_TEXT);
			page_item_group(it, group);
			if (a->text.error != NULL)
				page_item_state(it, "%s", a->text.error);
			continue;
		}
		if (q->kind == API_QUESTION_SCALE) {
			for (v = q->scale_min; v <= q->scale_max && v - q->scale_min < 100; v++) {
				char label[300];

				if (v == q->scale_min && q->min_label != NULL)
					snprintf(label, sizeof(label), "%d — %s", v, q->min_label);
				else if (v == q->scale_max && q->max_label != NULL)
					snprintf(label, sizeof(label), "%d — %s", v, q->max_label);
				else
					snprintf(label, sizeof(label), "%d", v);
				if ((it = page_add_item(p, PAGE_ITEM_RADIO, label)) == NULL)
					return;
				it->checked = a->has_value && a->value == v;
				page_item_state(it, "%s", it->checked ? "(*)" : "( )");
				it->ref = SV_REF((int)i, SV_SCALE);
				it->id = v;
				page_item_group(it, group);
			}
			continue;
		}
		for (k = 0; k < q->n_options; k++) {
			int multi = q->kind == API_QUESTION_MULTIPLE;

			if ((it = page_add_item(p, multi ? PAGE_ITEM_CHECKBOX : PAGE_ITEM_RADIO,
			    q->options[k].title)) == NULL)
				return;
			it->checked = survey_has(a, q->options[k].id);
			page_item_state(it, "%s", multi ? (it->checked ? "[x]" : "[ ]") : (it->checked ? "(*)" : "( )"));
			it->ref = SV_REF((int)i, SV_OPTION);
			it->id = q->options[k].id;
			page_item_group(it, group);
		}
	}
	if (open && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Review my answers"))) != NULL)
		it->ref = SV_REVIEW;
	survey_say_question(app, s, p);
	if (open) {
		page_add_action(p, ACTION_TOGGLE, _("choose"));
		page_add_action(p, ACTION_REVIEW, _("review"));
	}
}

/* The title of option id of q, for the status line ("" when unknown). */
static const char *
survey_choice_title(const struct api_question *q, long long id)
{
	size_t i;

	for (i = 0; i < q->n_options; i++)
		if (q->options[i].id == id && q->options[i].title != NULL)
			return q->options[i].title;
	return "";
}

static int
survey_toggle(struct app *app, struct survey *d, int ref, long long id)
{
	size_t qi = (size_t)SV_Q(ref);
	const struct api_question *q;
	struct survey_answer *a;
	long long *n;
	size_t k, max;

	if (qi >= d->n)
		return APP_OK;
	q = &d->sv->questions[qi];
	a = &d->ans[qi];
	/* Each choice is said in words, as on a poll: a screen reader may
	 * not tell "[x]" from "[ ]" on a line it has just read. */
	if (SV_T(ref) == SV_SCALE) {
		char v[32];

		a->has_value = 1;
		a->value = (int)id;
		snprintf(v, sizeof(v), "%d", a->value);
		ui_status(app, _("You chose '%s'."), v);
		return APP_OK;
	}
	if (q->kind != API_QUESTION_MULTIPLE) {
		if ((n = realloc(a->choices, sizeof(*n))) == NULL)
			return APP_ERR;
		a->choices = n;
		a->choices[0] = id;
		a->n = 1;
		ui_status(app, _("You chose '%s'."), survey_choice_title(q, id));
		return APP_OK;
	}
	max = q->max_choices > 0 ? (size_t)q->max_choices : q->n_options;
	for (k = 0; k < a->n; k++) {
		if (a->choices[k] == id) {
			memmove(&a->choices[k], &a->choices[k + 1], (a->n - k - 1) * sizeof(*a->choices));
			a->n--;
			ui_status(app, ngettext("'%s' is no longer chosen. %zu of %zu choice made.",
		    "'%s' is no longer chosen. %zu of %zu choices made.", max),
			    survey_choice_title(q, id), a->n, max);
			return APP_OK;
		}
	}
	if (q->max_choices > 0 && a->n >= (size_t)q->max_choices) {
		ui_status(app, _("You can choose at most %d here. Remove a choice first."), q->max_choices);
		return APP_OK;
	}
	if ((n = realloc(a->choices, (a->n + 1) * sizeof(*n))) == NULL)
		return APP_ERR;
	a->choices = n;
	a->choices[a->n++] = id;
	ui_status(app, ngettext("'%s' is chosen. %zu of %zu choice made.",
		    "'%s' is chosen. %zu of %zu choices made.", max), survey_choice_title(q, id), a->n, max);
	return APP_OK;
}

/* Required questions answered? Otherwise names the first and focuses it. */
static int
survey_check(struct app *app, struct screen *s)
{
	struct survey *d = s->data;
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		if (!d->sv->questions[i].required || survey_answered(&d->sv->questions[i], &d->ans[i]))
			continue;
		/* L10N: %zu is the question's number. */
		ui_status(app, _("Question %zu: please answer it, it is required."), i + 1);
		for (k = 0; k < app->page->n_item; k++)
			if (app->page->item[k].ref != SV_REVIEW && (size_t)SV_Q(app->page->item[k].ref) == i) {
				s->focus = (int)k;
				break;
			}
		return -1;
	}
	return 0;
}

static int
survey_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct survey *d = s->data;
	const struct page_item *it = page_focused(app->page);
	int open = d->sv->status == API_STATUS_OPEN;

	(void)arg;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it == NULL || !open)
			return APP_OK;
		if (it->ref == SV_REVIEW)
			return survey_action(app, s, ACTION_REVIEW, 0);
		if (SV_T(it->ref) == SV_TEXT) {
			s->focus++;
			return APP_OK;
		}
		return survey_toggle(app, d, it->ref, it->id);
	case ACTION_REVIEW:
	case ACTION_SEND:
		if (open && survey_check(app, s) == 0)
			scr_review_open(app);
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
survey_review(struct app *app, struct screen *s, struct page *p)
{
	struct survey *d = s->data;
	size_t i, k, j;
	char open[256] = "";

	(void)app;
	page_set_breadcrumb(p, _("Survey / %s"), d->sv->title);
	for (i = 0; i < d->n; i++) {
		const struct api_question *q = &d->sv->questions[i];
		const struct survey_answer *a = &d->ans[i];

		/* Optional questions left open are named once, below. */
		if (!survey_answered(q, a)) {
			size_t len = strlen(open);
			char num[24];
			int n;

			/* A number that does not fit whole is left out. */
			n = snprintf(num, sizeof(num), "%s%zu", len > 0 ? ", " : "", i + 1);
			if (n > 0 && len + (size_t)n < sizeof(open))
				memcpy(open + len, num, (size_t)n + 1);
			continue;
		}
		/* Not numbered: numbers on this page are its buttons ("1. Send"). */
		page_add_text(p, PAGE_TEXT_HEADING, "%s", q->text);
		if (q->kind == API_QUESTION_TEXT) {
			page_add_text(p, PAGE_TEXT_PARA, "%s", a->text.text);
		} else if (q->kind == API_QUESTION_SCALE) {
			page_add_text(p, PAGE_TEXT_PARA, _("%d on a scale from %d to %d"), a->value, q->scale_min, q->scale_max);
		} else {
			for (k = 0; k < a->n; k++)
				for (j = 0; j < q->n_options; j++)
					if (q->options[j].id == a->choices[k])
						page_add_text(p, PAGE_TEXT_PARA, "%s", q->options[j].title);
		}
	}
	if (open[0] != '\0')
		/* L10N: the review of a survey: "Not answered: question 3." or
		 * "Not answered: questions 2, 3." (%s: their numbers). */
		page_add_text(p, PAGE_TEXT_NOTE, ngettext("Not answered: question %s.",
		    "Not answered: questions %s.", strchr(open, ',') != NULL ? 2 : 1), open);
}

static int
survey_send(struct app *app, struct screen *s)
{
	struct survey *d = s->data;
	struct api_answer *in;
	char key[48];
	size_t i, n = 0;
	int rc;

	if (!app_logged_in(app)) {
		ui_status(app, "%s", _("Please log in to send your answers; they are kept."));
		scr_login_open(app);
		return -1;
	}
	if ((in = calloc(d->n ? d->n : 1, sizeof(*in))) == NULL)
		return -1;
	for (i = 0; i < d->n; i++) {
		const struct api_question *q = &d->sv->questions[i];

		if (!survey_answered(q, &d->ans[i]))
			continue;
		in[n].question_id = q->id;
		if (q->kind == API_QUESTION_TEXT) {
			in[n].text = d->ans[i].text.text;
		} else if (q->kind == API_QUESTION_SCALE) {
			in[n].has_value = 1;
			in[n].value = d->ans[i].value;
		} else {
			in[n].choices = d->ans[i].choices;
			in[n].n_choices = d->ans[i].n;
		}
		n++;
	}
	ui_loading(app);
	rc = api_survey_respond(app->api, d->id, in, n);
	free(in);
	if (rc < 0)
		return ui_fail(app, _("Your answers were not sent."), 1);
	survey_draft_key(d, key, sizeof(key));
	ui_draft_drop(app, key);
	d->sent = 1;
	ui_pop_to(app, s);
	s->loaded = 0;
	/* Back at the top, not in a text answer where keys would be typed. */
	s->focus = 0;
	/* The page's heading names the survey: said once, not twice. */
	ui_status(app, "%s", _("Thank you. Your answers are saved."));
	return 0;
}

static void
survey_free(struct app *app, struct screen *s)
{
	struct survey *d = s->data;

	if (d == NULL)
		return;
	if (!d->sent)
		survey_draft_keep(app, d);
	survey_answers_free(d);
	api_survey_free(d->sv);
	free(d);
}

static const struct screen_type scr_survey = {
	.name = "survey",
	.load = survey_load,
	.build = survey_build,
	.action = survey_action,
	.review = survey_review,
	.send = survey_send,
	.free = survey_free,
	.unsent = survey_unsent,
};

int
scr_survey_open(struct app *app, long long id)
{
	struct survey *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->id = id;
	return ui_push(app, &scr_survey, d);
}

int
scr_survey_with(struct app *app, struct api_survey *sv)
{
	struct survey *d = calloc(1, sizeof(*d));

	if (d == NULL || sv == NULL) {
		free(d);
		api_survey_free(sv);
		return -1;
	}
	d->id = sv->id;
	d->sv = sv;
	if (survey_setup(d) < 0) {
		survey_answers_free(d);
		api_survey_free(sv);
		free(d);
		return -1;
	}
	survey_draft_restore(app, d);
	return ui_push_loaded(app, &scr_survey, d);
}

/* -------------------------------------------------------- moderation */

struct moderation {
	int			 type;		/* 0 ideas, 1 comments, 2 reports */
	struct api_queue_list	*q;
	struct page_field	 reason;
	int			 target;	/* queue index chosen (Enter), -1 none */
	int			 last;		/* queue index the focus was on last, -1 none */
	int			 in_queue;	/* after an action: keep the focus on the queue */
	int			 confirm;	/* queue index whose approval waits for a second press, -1 none */
};

static const char *const mod_types[] = { "ideas", "comments", "reports" };
#define MOD_ENTRY	1
#define MOD_REASON	2
#define MOD_REJECT	3
#define MOD_HIDE	4

static int
mod_load(struct app *app, struct screen *s)
{
	struct moderation *d = s->data;

	api_queue_list_free(d->q);
	d->q = NULL;
	d->target = -1;
	d->last = -1;
	d->confirm = -1;
	if (api_moderation_queue(app->api, mod_types[d->type], NULL, 100, &d->q) < 0)
		return ui_fail(app, _("The moderation queue could not be loaded."), 0);
	return 0;
}

/* Where an item of the queue stands: its project, the idea a comment
 * belongs to, the comment it answers; one line each, ending in a newline
 * ("" when the server said none). Caller frees. */
static char *
mod_context(const struct api_queue_item *q)
{
	char *s = strdup(""), *t;

	if (s != NULL && q->project_title != NULL) {
		/* L10N: the project an item of the moderation queue belongs to. */
		if (asprintf(&t, _("%sProject: %s\n"), s, q->project_title) < 0)
			t = NULL;
		free(s);
		s = t;
	}
	if (s != NULL && q->title == NULL && q->idea_title != NULL) {
		/* L10N: the idea a comment in the moderation queue is about. */
		if (asprintf(&t, _("%sOn the idea: %s\n"), s, q->idea_title) < 0)
			t = NULL;
		free(s);
		s = t;
	}
	if (s != NULL && q->parent_body != NULL) {
		/* L10N: the comment a comment answers: its author and text. */
		if (asprintf(&t, _("%sAnswers %s: %.300s\n"), s,
		    q->parent_author != NULL ? q->parent_author : "?", q->parent_body) < 0)
			t = NULL;
		free(s);
		s = t;
	}
	return s;
}

static const char *
mod_type_word(int type)
{
	/* L10N: what the moderation queue shows. */
	return type == 0 ? _("ideas") : type == 1 ? _("comments") : _("reports");
}

static void
mod_build(struct app *app, struct screen *s, struct page *p)
{
	struct moderation *d = s->data;
	struct page_item *it;
	char when[64];
	size_t i;

	(void)app;
	/* Another moderator may have emptied more of the queue meanwhile:
	 * the focus stays on a queue item, never slips into the reason. */
	if (d->in_queue && d->q->n > 0 && (s->focus < 0 || (size_t)s->focus >= d->q->n))
		s->focus = (int)d->q->n - 1;
	d->in_queue = 0;
	/* Reject and hide below the reason act on the item left last. */
	if (s->focus >= 0 && (size_t)s->focus < d->q->n)
		d->last = s->focus;
	page_set_heading(p, "%s", _("Moderation"));
	/* L10N: "Waiting ideas: 3." */
	page_add_text(p, PAGE_TEXT_NOTE, _("Waiting %s: %ld."), mod_type_word(d->type), d->q->total);
	if (d->q->n == 0)
		page_add_text(p, PAGE_TEXT_PARA, "%s", _("Nothing is waiting."));
	for (i = 0; i < d->q->n; i++) {
		const struct api_queue_item *q = &d->q->items[i];
		const char *author = q->author != NULL ? q->author : "?";
		char *ctx;

		/* The label names the thing; its text is said once, below. */
		if (q->title != NULL)
			it = page_add_item(p, PAGE_ITEM_ENTRY, q->title);
		else {
			char label[160];

			/* L10N: a comment in the moderation queue: its author. */
			snprintf(label, sizeof(label), _("Comment by %s"), author);
			it = page_add_item(p, PAGE_ITEM_ENTRY, label);
		}
		if (it == NULL)
			return;
		ui_date(q->created_at, when, sizeof(when));
		if ((ctx = mod_context(q)) == NULL)
			return;
		if (q->reason != NULL)
			/* L10N: a report: its reason, where, the reported text, who, when. */
			page_item_detail(it, _("Reported: %s\n%s%s\nby %s on %s"), q->reason, ctx,
			    q->body != NULL ? q->body : "", author, when);
		else
			/* L10N: where, the text, who, when. */
			page_item_detail(it, _("%s%s\nby %s on %s"), ctx, q->body != NULL ? q->body : "",
			    author, when);
		free(ctx);
		/* The question first: a 40-cell braille window shows the
		 * start of the state, after the title. */
		if ((int)i == d->confirm)
			/* L10N: an item waiting for the approval to be confirmed; %s its status. */
			page_item_state(it, _("approve? Press approve again; %s"), ui_status_word(q->status));
		else if ((int)i == d->target)
			/* L10N: the item reject or hide acts on; %s its status. */
			page_item_state(it, _("chosen; %s"), ui_status_word(q->status));
		else
			page_item_state(it, "%s", ui_status_word(q->status));
		/* In the queue, where all wait: short enough to stand beside
		 * the author or title in a 40-cell braille window. */
		if ((int)i != d->confirm && (int)i != d->target &&
		    q->status == API_STATUS_PENDING)
			/* L10N: in the moderation queue, short for "waiting for moderation". */
			page_item_state_brief(it, "%s", _("waiting"));
		it->ref = MOD_ENTRY;
		it->id = (long)i;
	}
	if ((it = page_add_item(p, PAGE_ITEM_FIELD, d->reason.name)) != NULL) {
		it->field = &d->reason;
		it->ref = MOD_REASON;
		page_item_group(it, _("Reason for reject or hide (the author sees it)"));
		if (d->reason.error != NULL)
			page_item_state(it, "%s", d->reason.error);
	}
	/* After typing the reason, the way on is a button: the letter keys
	 * of the list are text in the field. */
	if (d->q->n > 0 && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Reject, with a reason"))) != NULL)
		it->ref = MOD_REJECT;
	if (d->q->n > 0 && (it = page_add_item(p, PAGE_ITEM_BUTTON, _("Hide, with a reason"))) != NULL)
		it->ref = MOD_HIDE;
	page_add_action(p, ACTION_APPROVE, _("approve"));
	page_add_action(p, ACTION_REJECT, _("reject"));
	page_add_action(p, ACTION_HIDE, _("hide"));
	page_add_action(p, ACTION_FILTER, _("ideas/comments/reports"));
}

static int
mod_act(struct app *app, struct screen *s, const char *what)
{
	struct moderation *d = s->data;
	const struct page_item *it = page_focused(app->page);
	const struct api_queue_item *q;
	int idx = it != NULL && it->ref == MOD_ENTRY ? (int)it->id : d->target >= 0 ? d->target : d->last;
	int is_idea, rc;
	size_t n = d->q->n;

	if (idx < 0 || (size_t)idx >= d->q->n) {
		ui_status(app, "%s", _("Move to an item of the queue first."));
		return APP_OK;
	}
	d->target = idx;
	q = &d->q->items[idx];
	/* Approving publishes at once: the first press asks, the second
	 * approves; the focus stays on the item until then. */
	if (strcmp(what, "approve") == 0 && d->confirm != idx) {
		d->confirm = idx;
		/* L10N: %s is the title or the author of an item. */
		ui_status(app, _("Approve '%.60s'? Press approve again to publish it; any other key keeps it waiting."),
		    q->title != NULL ? q->title : q->author != NULL ? q->author : "");
		return APP_OK;
	}
	d->confirm = -1;
	if (strcmp(what, "approve") != 0 && d->reason.len == 0) {
		field_set_error(&d->reason, _("Reason: please say why; the author sees it."));
		ui_status(app, "%s", d->reason.error);
		s->focus = (int)d->q->n;
		return APP_OK;
	}
	is_idea = q->target_type != NULL ? strcmp(q->target_type, "idea") == 0 : strcmp(q->type, "idea") == 0;
	ui_loading(app);
	if (is_idea)
		rc = api_moderate_idea(app->api, q->target_id != 0 ? q->target_id : q->id, what,
		    d->reason.len ? d->reason.text : NULL);
	else
		rc = api_moderate_comment(app->api, q->target_id != 0 ? q->target_id : q->id, what,
		    d->reason.len ? d->reason.text : NULL);
	if (rc < 0) {
		ui_fail(app, _("The moderation was not saved."), 1);
		return APP_OK;
	}
	/* L10N: %s is approved / rejected / hidden. */
	ui_status(app, _("'%.60s' is %s."), q->title != NULL ? q->title : q->body != NULL ? q->body : "",
	    strcmp(what, "approve") == 0 ? _("approved") : strcmp(what, "reject") == 0 ? _("rejected") : _("hidden"));
	field_set(&d->reason, "");
	field_set_error(&d->reason, NULL);
	s->loaded = 0;
	/* The done item leaves the queue: the focus goes to the one that
	 * takes its place (or the one before, when it was the last), not
	 * into the reason field where the next letter key would be text. */
	s->focus = idx + 1 < (int)n || idx == 0 ? idx : idx - 1;
	d->in_queue = 1;
	return APP_OK;
}

static int
mod_action(struct app *app, struct screen *s, enum action a, int arg)
{
	struct moderation *d = s->data;
	const struct page_item *it = page_focused(app->page);

	(void)arg;
	/* Any other key than approve leaves a pending approval. */
	if (a != ACTION_APPROVE && d->confirm >= 0) {
		d->confirm = -1;
		ui_status(app, "%s", _("Not approved; it is still waiting."));
	}
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_OPEN:
	case ACTION_TOGGLE:
		if (it != NULL && (it->ref == MOD_REJECT || it->ref == MOD_HIDE))
			return mod_act(app, s, it->ref == MOD_REJECT ? "reject" : "hide");
		if (it != NULL && it->ref == MOD_ENTRY) {
			d->target = (int)it->id;
			ui_status(app, "%s", _("Chosen. Approve, or type a reason below and reject or hide."));
		}
		return APP_OK;
	case ACTION_APPROVE:
		return mod_act(app, s, "approve");
	case ACTION_REJECT:
		return mod_act(app, s, "reject");
	case ACTION_HIDE:
		return mod_act(app, s, "hide");
	case ACTION_FILTER:
		d->type = (d->type + 1) % 3;
		s->loaded = 0;
		s->focus = 0;
		ui_status(app, _("Showing waiting %s."), mod_type_word(d->type));
		return APP_OK;
	default:
		return SCREEN_PASS;
	}
}

static void
mod_free(struct app *app, struct screen *s)
{
	struct moderation *d = s->data;

	(void)app;
	if (d == NULL)
		return;
	api_queue_list_free(d->q);
	field_clear(&d->reason);
	free(d);
}

static const struct screen_type scr_moderation = {
	.name = "moderation",
	.load = mod_load,
	.build = mod_build,
	.action = mod_action,
	.free = mod_free,
};

int
scr_moderation_open(struct app *app)
{
	struct moderation *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->target = -1;
	d->last = -1;
	d->confirm = -1;
	if (field_init(&d->reason, _("Reason"), _("Reason (for reject or hide):"), 500, 0, 0) < 0) {
		free(d);
		return -1;
	}
	return ui_push(app, &scr_moderation, d);
}
