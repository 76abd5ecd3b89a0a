/* say.c — what line mode says of a page, of its changes, its status, a ranking and a survey question: pure, appended to a caller-owned buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/i18n.h"
#include "client/line/parse.h"
#include "client/line/say.h"

void
line_out_write(struct line_out *o, const char *s, size_t n)
{
	char *t;
	size_t cap;

	o->wrote = 1;
	if (o->len + n + 1 > o->cap) {
		cap = o->cap > 0 ? o->cap : 256;
		while (cap < o->len + n + 1)
			cap *= 2;
		if ((t = realloc(o->s, cap)) == NULL)
			return;
		o->s = t;
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

void
line_out_puts(struct line_out *o, const char *s)
{
	line_out_write(o, s, strlen(s));
}

void
line_out_vprintf(struct line_out *o, const char *fmt, va_list ap)
{
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);

	if (n >= 0 && s != NULL)
		line_out_write(o, s, (size_t)n);
	free(s);
}

void
line_out_printf(struct line_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line_out_vprintf(o, fmt, ap);
	va_end(ap);
}

int
line_out_more(struct line_out *o)
{
	if (!o->stopped && o->more_cb != NULL)
		o->stopped = o->more_cb(o, o->ud);
	return o->stopped;
}

void
line_out_reset(struct line_out *o)
{
	o->len = 0;
	o->wrote = 0;
	if (o->s != NULL)
		o->s[0] = '\0';
}

void
line_out_free(struct line_out *o)
{
	if (o == NULL)
		return;
	free(o->s);
	o->s = NULL;
	o->len = o->cap = 0;
	o->wrote = 0;
}

/* Prints a text that may hold several lines, line by line, paging. */
static void
line_text(struct line_out *o, const char *prefix, const char *s)
{
	const char *nl;

	while (s != NULL && !o->stopped) {
		nl = strchr(s, '\n');
		if (line_out_more(o))
			break;
		line_out_puts(o, prefix);
		line_out_write(o, s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		line_out_puts(o, "\n");
		s = nl != NULL ? nl + 1 : NULL;
	}
}

/* Words in a paragraph before brief pages cut it short. */
#define LINE_BRIEF_WORDS	24

/*
 * An item's state in words. A choice that is not made is left unsaid in
 * a list (silence is "not chosen"; fewer words), but said when it is what
 * changed. The "(*)" and "[x]" marks of the full screen are said in words.
 */
static const char *
line_state(const struct page_item *it, int change)
{
	if (change < 0)
		return NULL;	/* said once before the list */
	if (it->kind == PAGE_ITEM_RADIO || it->kind == PAGE_ITEM_CHECKBOX) {
		if (it->checked)
			/* L10N: a chosen option in line mode. */
			return _("your choice");
		return change ? _("not chosen") : NULL;
	}
	if (it->kind == PAGE_ITEM_RANKED && it->rank == 0 && !change)
		return NULL;
	return it->state;
}

/* Brief pages leave the detail out (t reads it); a field's text, its
 * error and a results bar are always said. */
void
line_say_item(struct line_out *o, const struct page_item *it, int full, int change)
{
	const char *ind = it->indent > 0 ? "   " : "";
	const char *state = line_state(it, change);
	size_t n;

	if (line_out_more(o))
		return;
	/* A results row without its number: typing it does nothing. */
	if (it->number > 0 && !it->has_bar)
		line_out_printf(o, "%s%d. ", ind, it->number);
	else
		line_out_puts(o, ind);
	/* Brief: a comment's author without its date (t says it). */
	if (!full && it->label != NULL && it->brief > 0 && it->brief < strlen(it->label))
		line_out_write(o, it->label, it->brief);
	else
		line_out_puts(o, it->label != NULL ? it->label : "");
	if (it->field != NULL) {
		if (it->field->secret && (it->field->len > 0 || change > 0))
			line_out_printf(o, ": %s", it->field->len > 0 ?
			    /* L10N: a password field that has been filled in. */
			    _("entered") : _("empty"));
		else if (it->field->secret)
			;
		else if (it->field->len > 0 && !it->field->multiline)
			line_out_printf(o, ": %s", it->field->text);
		else if (it->field->len == 0 && change > 0)
			/* In a list an empty field is just its name; "empty"
			 * is said when a text was taken out. */
			line_out_printf(o, ": %s", _("empty"));
	}
	if (state != NULL && state[0] != '\0')
		line_out_printf(o, " — %s", state);
	/* A comment's text is left out of a brief page: how long it is
	 * tells whether to hear it (t). */
	if (!full && !it->has_bar && it->kind == PAGE_ITEM_ENTRY && it->detail != NULL &&
	    (n = line_words_after(it->detail, it->detail)) > 0)
		/* L10N: line mode, after a comment whose text t reads. */
		line_out_printf(o, ngettext(" (%zu word)", " (%zu words)", n), n);
	line_out_puts(o, "\n");
	if (it->field != NULL && it->field->multiline && it->field->len > 0)
		line_text(o, "   ", it->field->text);
	/* Once: not again when the state says it already. */
	if (it->field != NULL && it->field->error != NULL &&
	    (state == NULL || strcmp(state, it->field->error) != 0))
		line_text(o, "   ", it->field->error);
	/* No '#' bar: a speech synthesizer reads it as a row of "hash";
	 * the detail says the numbers. */
	if ((full || it->has_bar) && it->detail != NULL && it->detail[0] != '\0')
		line_text(o, "   ", it->detail);
}

/*
 * The state most items of a list share ("open until 31 December 2027"),
 * or NULL: said once before the list instead of after every item.
 */
static const char *
line_common_state(const struct page *p)
{
	const char *st = NULL;
	size_t i, n = 0;

	for (i = 0; i < p->n_item; i++) {
		const struct page_item *it = &p->item[i];

		if (it->number <= 0 || it->state == NULL || it->state[0] == '\0' ||
		    it->kind != PAGE_ITEM_LINK)
			continue;
		if (st == NULL)
			st = it->state;
		else if (strcmp(st, it->state) != 0)
			return NULL;
		n++;
	}
	return n >= 3 ? st : NULL;
}

/* Actions a line does by itself (a number opens or chooses; lines are
 * typed whole) or that do nothing here: not in line mode's help. */
static int
line_help_skips(enum action a)
{
	return a == ACTION_UP || a == ACTION_DOWN || a == ACTION_PAGE_UP ||
	    a == ACTION_PAGE_DOWN || a == ACTION_FIRST || a == ACTION_LAST ||
	    a == ACTION_OPEN || a == ACTION_JUMP || a == ACTION_NEXT_FIELD ||
	    a == ACTION_PREV_FIELD || a == ACTION_COLOR || a == ACTION_CANCEL;
}

/*
 * The help page in line mode: only what can be typed here, one line each
 * ("f — Choose which projects are shown"), the keys of this page first.
 * The page lists the full screen's keys (arrows, F1, Esc): a key is kept
 * when it is one printable character other than a digit; an action
 * without one is left out, as are the ones a line does by itself.
 */
static void
line_help(struct line_out *o, const struct page *p, int logged_in)
{
	const char *group = NULL;
	char keys[64];
	size_t i;

	/* The first page says how to get an account: a new person's
	 * first question, and far down the list otherwise. */
	if (!logged_in)
		/* L10N: line mode's help, for a person not logged in. */
		line_text(o, "", _("New here? R creates an account; l logs in."));
	/* Shortest first: every key in one line, then what the platform's
	 * words mean (several lines each). */
	for (i = 0; i < 2 * p->n_item && !o->stopped; i++) {
		const struct page_item *it = &p->item[i % p->n_item];

		if (line_help_skips((enum action)it->id) || it->label == NULL ||
		    (it->id == ACTION_NONE) != (i >= p->n_item))
			continue;
		/* L10N: between two keys in line mode's help: "? or h". */
		if (it->id != ACTION_NONE && line_typable_keys(it->label, _(" or "), keys, sizeof(keys)) == 0)
			continue;
		/* q at "-- more --" before a heading: not the heading,
		 * nor the line after it. */
		if (it->group != NULL && (group == NULL || strcmp(group, it->group) != 0)) {
			if (line_out_more(o))
				break;
			line_out_printf(o, "%s:\n", it->group);
		}
		group = it->group;
		if (line_out_more(o))
			break;
		/* What the platform's words mean: said as they are. */
		if (it->id == ACTION_NONE)
			line_out_printf(o, "%s\n", it->label);
		else
			line_out_printf(o, "%s — %s\n", keys, it->detail != NULL ? it->detail : "");
	}
}

void
line_say_page(struct line_out *o, const struct page *p, const struct line_say_how *h, int *cutp)
{
	enum line_mode mode = h->mode;
	const struct line_seen *seen = h->seen;
	const char *group = NULL, *end, *common = line_common_state(p);
	size_t i, walk, from, to;
	int cut = 0, paras = 0, full = mode != LINE_BRIEF, common_said = 0;
	int survey = line_is_survey_after(p);
	const struct page_item *main = line_main_button(p);

	o->stopped = 0;
	line_out_puts(o, "\n");
	if (mode == LINE_FULL && p->breadcrumb != NULL && p->breadcrumb[0] != '\0')
		line_text(o, "", p->breadcrumb);
	/* Said again right after itself (choosing reordered a list): the
	 * person is still here; the heading would only repeat. */
	if (!h->same)
		line_text(o, "", p->heading);
	/* The help page lists the keys of the full screen; how line mode
	 * is used is said first. */
	if (line_is_help(p) && !h->same)
		/* L10N: line mode's own help, before the list of keys. */
		line_text(o, "", _("Type a line, then Enter. A number opens or chooses; "
		    "several numbers rank in that order. A key and a number act on that "
		    "item: r 2 replies to comment 2. t says everything, b goes back. A form "
		    "asks each field; Enter alone stops. A text ends with a line of only a dot."));
	if (line_is_help(p)) {
		/* Asked on a question: how to answer it, first. */
		if (h->answers != NULL)
			line_out_puts(o, h->answers);
		line_help(o, p, h->logged_in);
		return;
	}
	for (i = 0; i < p->n_text && !o->stopped; i++) {
		const char *t = p->text[i].text;

		/* Said again: the texts heard a moment ago are left out, and
		 * new ones too when the status line says what changed. */
		if (seen != NULL && ((p->status != NULL && p->text[i].kind == PAGE_TEXT_NOTE) ||
		    line_seen_has_text(seen, t)))
			continue;

		/* Brief: notes, and the start of the first paragraph only. */
		if (!full && (p->text[i].kind == PAGE_TEXT_HEADING ||
		    (p->text[i].kind == PAGE_TEXT_PARA && paras++ > 0))) {
			cut = 1;
			continue;
		}
		/* Brief: a note's leading part ("Anna K." of a byline), the
		 * rest with t. */
		if (!full && p->text[i].brief > 0 && p->text[i].brief < strlen(t) &&
		    p->text[i].brief < 200) {
			char part[256];

			snprintf(part, sizeof(part), "%.*s%s", (int)p->text[i].brief, t,
			    t[p->text[i].brief - 1] == '.' ? "" : ".");
			line_text(o, "", part);
			cut = 1;
			continue;
		}
		if (!full && p->text[i].kind == PAGE_TEXT_PARA &&
		    (end = line_brief_end(t, LINE_BRIEF_WORDS)) != NULL) {
			char *part = strndup(t, (size_t)(end - t));

			if (part != NULL) {
				size_t n = strlen(part);

				while (n > 0 && (part[n - 1] == ' ' || part[n - 1] == '\n'))
					part[--n] = '\0';
				line_text(o, "", part);
				free(part);
				/* How much is left, so a person can decide to hear it. */
				n = line_words_after(t, end);
				if (h->taught_full)
					/* L10N: after a cut text, once the prompt has taught t. */
					line_out_printf(o, ngettext("… %zu more word.\n",
					    "… %zu more words.\n", n), n);
				else
					line_out_printf(o, ngettext("… %zu more word, t reads all.\n",
					    "… %zu more words, t reads all.\n", n), n);
			}
			cut = 1;
			continue;
		}
		line_text(o, "", t);
	}
	/* A form's leading empty fields are asked right after, each with
	 * its number: listing them first would say each name twice. So are
	 * the empty fields from the focus on (the code after the name the
	 * registration filled in, the password after a confirmation). */
	walk = 0;
	from = to = 0;
	if (mode != LINE_FULL && seen == NULL && line_ctx(p) == KEYS_CTX_FORM) {
		for (i = 0; i < p->n_item && (p->item[i].number <= 0 || (p->item[i].field != NULL &&
		    p->item[i].field->len == 0 && p->item[i].field->error == NULL)); i++)
			walk = i + 1;
		for (from = to = p->focus > 0 ? (size_t)p->focus : 0; to < p->n_item &&
		    p->item[to].field != NULL && p->item[to].field->len == 0 &&
		    p->item[to].field->error == NULL; to++)
			;
	}
	for (i = 0; i < p->n_item && !o->stopped; i++) {
		const struct page_item *it = &p->item[i];

		/* A survey asked question by question: its items come then.
		 * The main action is named by the prompt right after. */
		if (i < walk || (i >= from && i < to) || (h->questions && it->number > 0) ||
		    (mode != LINE_FULL && !h->after_review && it == main))
			continue;
		if (it->group != NULL && (group == NULL || strcmp(group, it->group) != 0)) {
			size_t gl = strlen(it->group);
			char last = gl > 0 ? it->group[gl - 1] : ':';

			if (line_out_more(o))
				break;
			/* "Polls:", but "Which one?" stays as it is. */
			line_out_printf(o, "%s%s\n", it->group,
			    strchr(":?.!", last) != NULL ? "" : ":");
		}
		group = it->group;
		if (common != NULL && !common_said && it->state != NULL &&
		    strcmp(it->state, common) == 0) {
			if (line_out_more(o))
				break;
			line_out_printf(o, "%s:\n", common);
			common_said = 1;
		}
		if (line_is_answer(it) && survey) {
			/* A survey's answers without the page's numbers: a
			 * number typed there means a question (asked again). */
			struct page_item un = *it;

			un.number = 0;
			line_say_item(o, &un, full, 0);
		} else
			line_say_item(o, it, full, common != NULL && it->state != NULL &&
			    strcmp(it->state, common) == 0 ? -1 : 0);
		if (!full && it->detail != NULL && it->detail[0] != '\0')
			cut = 1;
	}
	if (p->n_item == 0 && p->n_text == 0)
		line_out_puts(o, _("Nothing here yet.\n"));
	*cutp = cut && !full;
}

/*
 * Says only what changed on a page that stayed the same: new or changed
 * items (choosing an option says that option, not the whole poll again)
 * and new text. Returns 0 when so much changed that the page is better
 * said again whole.
 */
int
line_say_changes(struct line_out *o, const struct page *p, const struct line_seen *v, int name,
    int after_review, size_t *changed_idx, size_t max, size_t *n_changed)
{
	size_t i, k, idx[LINE_SEEN_MAX_CHANGES];
	int n, changed;

	if ((n = line_seen_diff(v, p, idx, LINE_SEEN_MAX_CHANGES)) < 0)
		return 0;
	/* A new saying: q at the last page's "-- more --" skipped the
	 * rest of that page, not the changes of this one. */
	o->stopped = 0;
	changed = n;
	if (name)
		line_out_printf(o, "\n%s\n", p->heading);
	/* A new note on the page says what the status line says too ("3 of
	 * 3 choices made"): with a status, say that. A new paragraph ("This
	 * cannot be undone") is said. */
	for (i = 0; i < p->n_text; i++)
		if (!line_seen_has_text(v, p->text[i].text) && p->text[i].kind != PAGE_TEXT_HEADING &&
		    (p->status == NULL || p->text[i].kind != PAGE_TEXT_NOTE))
			line_text(o, "", p->text[i].text);
	for (k = 0; k < (size_t)n; k++) {
		i = idx[k];
		/* "not chosen" is said of a choice just taken back, not of
		 * one that only got another number. */
		line_say_item(o, &p->item[i], 0, line_seen_state_changed(v, &p->item[i]));
		if (*n_changed < max)
			changed_idx[(*n_changed)++] = i;
	}
	/* Back on a page where nothing changed: not just its name, but
	 * that it is the same, what its numbers are, and how to hear it. */
	if (name && *n_changed == 0 && changed == 0 && !after_review) {
		int lo = 0, hi = 0;

		for (i = 0; i < p->n_item; i++) {
			if (!line_item_typable(p, &p->item[i]))
				continue;
			if (lo == 0)
				lo = p->item[i].number;
			if (p->item[i].number > hi)
				hi = p->item[i].number;
		}
		if (hi > 0)
			/* L10N: line mode, back on a page that did not change. */
			line_out_printf(o, _("Unchanged: %d to %d.\n"), lo, hi);
		else
			line_out_puts(o, _("Unchanged.\n"));
	}
	return 1;
}

/* 1 when the sentence s..e names an item just said as a change together
 * with that item's state ("'Roundnet' is your choice 2." after "4.
 * Roundnet — your choice 2"): the sentence only repeats it. */
static int
line_status_repeats(const struct page *p, const size_t *changed, size_t n_changed, const char *s,
    size_t n)
{
	size_t i;
	char *sent = strndup(s, n);
	int r = 0;

	for (i = 0; sent != NULL && i < n_changed && !r; i++) {
		const struct page_item *it = &p->item[changed[i]];

		r = it->label != NULL && strstr(sent, it->label) != NULL &&
		    ((it->state != NULL && it->state[0] != '\0' && strstr(sent, it->state) != NULL) ||
		    /* "You chose 'Rather yes'." after "2. Rather yes — your choice" */
		    (it->checked && (it->kind == PAGE_ITEM_RADIO || it->kind == PAGE_ITEM_CHECKBOX)));
	}
	free(sent);
	return r;
}

/* Says a status sentence by sentence, leaving out those that repeat a
 * change just said. */
static void
line_status_rest(struct line_out *o, const struct page *p, const size_t *changed,
    size_t n_changed, const char *st)
{
	const char *s = st, *e;
	int any = 0;

	while (*s != '\0') {
		e = strstr(s, ". ");
		e = e != NULL ? e + 1 : s + strlen(s);
		if (!line_status_repeats(p, changed, n_changed, s, (size_t)(e - s))) {
			if (any)
				line_out_puts(o, " ");
			line_out_write(o, s, (size_t)(e - s));
			any = 1;
		}
		for (s = e; *s == ' '; s++)
			;
	}
	if (any)
		line_out_puts(o, "\n");
}

void
line_say_order(struct line_out *o, const struct page *p)
{
	size_t i;
	int rank, any = 0;

	for (rank = 1; rank <= LINE_CMD_NUMS; rank++)
		for (i = 0; i < p->n_item; i++)
			if (p->item[i].kind == PAGE_ITEM_RANKED && p->item[i].rank == rank) {
				/* L10N: line mode reads a typed ranking back. */
				line_out_printf(o, "%s%d. %s", any++ ? ", " : _("Your order: "), rank,
				    p->item[i].label != NULL ? p->item[i].label : "");
			}
	if (any)
		line_out_puts(o, ".\n");
}

void
line_say_status(struct line_out *o, const struct page *p, const size_t *changed,
    size_t n_changed, int whole)
{
	size_t i;

	/* A page that could not be loaded says why: not twice. */
	for (i = 0; whole && i < p->n_text; i++)
		if (strcmp(p->text[i].text, p->status) == 0)
			return;
	line_status_rest(o, p, changed, n_changed, p->status);
}

void
line_say_question(struct line_out *o, const struct page *p, const char *group,
    const struct line_question *q)
{
	const struct page_item *f = page_focused(p);
	size_t k;

	/* "Question 3 of 3: Would you ...?": the rest is the field's prompt. */
	if (q->field) {
		line_out_printf(o, "%.*s", (int)(strlen(group) - (f != NULL && f->field != NULL &&
		    f->field->prompt != NULL && strstr(group, f->field->prompt) != NULL ?
		    strlen(f->field->prompt) : 0)), group);
		return;
	}
	line_out_printf(o, "%s\n", group);
	for (k = 0; k < q->n; k++) {
		const struct page_item *it = &p->item[q->first + k];

		if (q->scale)
			line_out_printf(o, "%s%s%s", k > 0 ? ", " : "", it->label,
			    it->checked ? _(" (your choice)") : "");
		else
			line_out_printf(o, "%zu. %s%s\n", k + 1, it->label,
			    it->checked ? _(" — your choice") : "");
	}
	if (q->scale)
		line_out_puts(o, ".\n");
}

void
line_said_clear(struct line_said *s)
{
	size_t i;

	for (i = 0; i < LINE_PAGES; i++)
		line_seen_clear(&s->seen[i]);
	free(s->status);
	s->status = NULL;
	free(s->answers);
	s->answers = NULL;
}

void
line_said_answers(struct line_said *s, const struct page *p)
{
	struct line_out o;
	size_t i;

	if (!line_is_question(p))
		return;
	memset(&o, 0, sizeof(o));
	/* L10N: line mode's help on a yes/no question, before its answers. */
	line_out_printf(&o, "%s\n", _("To answer, type a number or the answer's first word:"));
	for (i = 0; i < p->n_item; i++)
		if (p->item[i].number > 0 && p->item[i].label != NULL)
			line_out_printf(&o, "%d — %s\n", p->item[i].number, p->item[i].label);
	if (page_offers(p, ACTION_BACK)) {
		line_out_printf(&o, _("%s back"), "b");
		line_out_puts(&o, "\n");
	}
	free(s->answers);
	s->answers = o.s;
}

int
line_said_fresh(const struct line_said *s, const struct page *p)
{
	return s->last == NULL || s->last->where == NULL || strcmp(s->last->where, p->heading) != 0;
}

/* What was said of the page with this heading, or NULL. */
static struct line_seen *
line_said_get(struct line_said *s, const char *heading)
{
	size_t i;

	for (i = 0; i < LINE_PAGES; i++)
		if (s->seen[i].where != NULL && strcmp(s->seen[i].where, heading) == 0)
			return &s->seen[i];
	return NULL;
}

static void
line_said_whole(struct line_said *s, struct line_prompts *pr, struct line_out *o,
    const struct page *p, enum line_mode mode, const struct line_seen *seen)
{
	struct line_say_how h = { mode, seen, seen != NULL && seen == s->last,
	    (pr->taught & LINE_T_FULL) != 0, s->questions, s->after_review, s->logged_in,
	    line_is_help(p) ? s->answers : NULL };

	line_say_page(o, p, &h, &s->cut);
	/* Said once, on the help page asked for on the question. */
	if (line_is_help(p)) {
		free(s->answers);
		s->answers = NULL;
	}
}

void
line_said_full(struct line_said *s, struct line_prompts *pr, struct line_out *o,
    const struct page *p)
{
	line_said_whole(s, pr, o, p, LINE_FULL, NULL);
}

void
line_said_status(struct line_said *s, struct line_out *o, const struct page *p)
{
	if (p->status == NULL) {
		free(s->status);
		s->status = NULL;
		return;
	}
	if (s->status != NULL && strcmp(p->status, s->status) == 0)
		return;
	free(s->status);
	s->status = strdup(p->status);
	line_say_status(o, p, s->changed, s->n_changed, s->whole);
}

void
line_said_status_known(struct line_said *s, const struct page *p)
{
	free(s->status);
	s->status = p->status != NULL ? strdup(p->status) : NULL;
}

void
line_said_page(struct line_said *s, struct line_prompts *pr, struct line_out *o,
    const struct page *p)
{
	struct line_seen *v = line_said_get(s, p->heading);

	/* A question asked again is said whole: what it is about and both
	 * answers, not "Unchanged: 1 to 2". */
	if (v != NULL && v != s->last && line_is_question(p))
		s->again = 1;
	/* Help asked for on a question starts with its answers. */
	if (s->answers != NULL && line_is_help(p))
		s->again = 1;
	/* A form reached from a review (the login that sending asks for)
	 * is not the review's result: its prompt names its button. */
	if (line_said_fresh(s, p))
		s->after_review = s->was_review && line_ctx(p) != KEYS_CTX_FORM;
	/* Back on a page said before: name it, then say what changed. */
	s->whole = 0;
	s->n_changed = 0;
	/* A review step reached from another page is said whole even when
	 * an earlier review had the same heading: it is another text. */
	/* Back from a review step with the result said ("Your vote is
	 * saved."), the page's name would only repeat where the person
	 * came from. */
	if (v == NULL || s->again || (page_offers(p, ACTION_SEND) && v != s->last) ||
	    !line_say_changes(o, p, v, v != s->last && !(s->after_review && p->status != NULL),
	    s->after_review, s->changed, sizeof(s->changed) / sizeof(s->changed[0]),
	    &s->n_changed)) {
		s->whole = 1;
		/* What is about to be sent is said in full: that is what a
		 * review step is for. */
		line_said_whole(s, pr, o, p, page_offers(p, ACTION_SEND) || line_is_help(p) ?
		    LINE_REVIEW : LINE_BRIEF, v != NULL && !s->again &&
		    !page_offers(p, ACTION_SEND) ? v : NULL);
		/* Back here: the full prompt again, too. */
		if (s->again)
			line_prompts_again(pr, p->heading);
	}
	s->again = 0;
	line_said_status(s, o, p);
	if (v == NULL) {
		v = &s->seen[s->next];
		s->next = (s->next + 1) % LINE_PAGES;
	}
	line_seen_take(v, p);
	s->last = v;
	s->was_review = line_is_review(p);
}

void
line_said_quiet(struct line_said *s, struct line_prompts *pr, struct line_out *o,
    const struct page *p)
{
	struct line_seen *v = line_said_get(s, p->heading);

	if (v == NULL) {
		line_said_page(s, pr, o, p);
		return;
	}
	line_seen_take(v, p);
	s->last = v;
}
