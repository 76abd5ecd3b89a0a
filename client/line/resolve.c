/* resolve.c — line mode's decisions: what kind of page this is, what a typed line means on it, which field or question comes next; pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "client/i18n.h"
#include "client/line/resolve.h"
#include "client/ui/app.h"

enum keys_context
line_ctx(const struct page *p)
{
	int c = keys_context_parse(p->context != NULL ? p->context : "list");

	/* Line mode types whole lines: an editor page is a form here. */
	if (c < 0 || c == KEYS_CTX_EDITOR)
		c = KEYS_CTX_FORM;
	return (enum keys_context)c;
}

const struct page_item *
line_main_button(const struct page *p)
{
	enum keys_context ctx = line_ctx(p);
	size_t i, k;
	int chosen = 0;

	for (i = 0; i < p->n_item; i++)
		if (p->item[i].checked || p->item[i].rank > 0)
			chosen = 1;
	if (ctx != KEYS_CTX_FORM && !page_offers(p, ACTION_SEND) && !chosen)
		return NULL;
	/* Of several buttons ("Another ranking", "Review and send") the
	 * one that does what the page's review or send action says. */
	for (i = 0; i < p->n_action; i++) {
		if ((p->action[i].action != ACTION_REVIEW && p->action[i].action != ACTION_SEND) ||
		    p->action[i].label == NULL)
			continue;
		for (k = 0; k < p->n_item; k++)
			if (p->item[k].kind == PAGE_ITEM_BUTTON && p->item[k].number > 0 &&
			    p->item[k].label != NULL &&
			    line_has_words(p->item[k].label, p->action[i].label))
				return &p->item[k];
	}
	for (i = 0; i < p->n_item; i++)
		if (p->item[i].kind == PAGE_ITEM_BUTTON && p->item[i].number > 0 &&
		    p->item[i].label != NULL)
			return &p->item[i];
	return NULL;
}

int
line_is_help(const struct page *p)
{
	return p->context != NULL && strcmp(p->context, "help") == 0;
}

int
line_item_typable(const struct page *p, const struct page_item *it)
{
	return it->number > 0 && !it->has_bar && !line_is_help(p);
}

int
line_is_review(const struct page *p)
{
	size_t i;

	for (i = 0; i < p->n_item; i++)
		if (p->item[i].field != NULL)
			return 0;
	return page_offers(p, ACTION_SEND);
}

int
line_is_question(const struct page *p)
{
	size_t i;
	int buttons = 0;

	for (i = 0; i < p->n_item; i++) {
		if (p->item[i].field != NULL ||
		    (p->item[i].number > 0 && p->item[i].kind != PAGE_ITEM_BUTTON))
			return 0;
		buttons += p->item[i].number > 0;
	}
	return buttons >= 2;
}

int
line_is_answer(const struct page_item *it)
{
	return it->group != NULL && it->number > 0 && (it->kind == PAGE_ITEM_RADIO ||
	    it->kind == PAGE_ITEM_CHECKBOX || it->field != NULL);
}

int
line_is_questions(const struct page *p)
{
	const char *first = NULL;
	size_t i;

	for (i = 0; i < p->n_item; i++) {
		if (!line_is_answer(&p->item[i]))
			continue;
		if (first == NULL)
			first = p->item[i].group;
		else if (strcmp(first, p->item[i].group) != 0)
			return 1;
	}
	return 0;
}

int
line_asks_questions(const struct page *p, int fresh, int was_review)
{
	return fresh && line_is_survey_after(p) &&
	    !(was_review && p->status != NULL);
}

int
line_field_errors(const struct page *p)
{
	size_t i;

	for (i = 0; i < p->n_item; i++)
		if (p->item[i].field != NULL && p->item[i].field->error != NULL)
			return 1;
	return 0;
}

/* Words a person can type instead of a key that needs a real keyboard
 * (Esc, F1): line mode's own, not a list of the app's global actions
 * (app_action_global() says which actions every page takes). */
static const struct {
	const char	*word;
	enum action	 action;
} line_words[] = {
	{ "b", ACTION_BACK },
	{ "h", ACTION_HELP },
	{ "?", ACTION_HELP },
	{ "q", ACTION_QUIT },
};

const char *
line_word_for(enum action a)
{
	size_t i;

	for (i = 0; i < sizeof(line_words) / sizeof(line_words[0]); i++)
		if (line_words[i].action == a)
			return line_words[i].word;
	return NULL;
}

/* The action a typed single character means in ctx, also through the
 * other contexts for actions the page offers (see line_key_for()). */
static enum action
line_key_action(const struct keys_map *keys, const struct page *p, enum keys_context ctx,
    key_code k)
{
	enum action a;
	int c;

	if ((a = keys_map_lookup(keys, ctx, k)) != ACTION_NONE)
		return a;
	if ((a = keys_map_lookup(keys, KEYS_CTX_COMMON, k)) != ACTION_NONE)
		return a;
	for (c = 0; c < KEYS_CTX__COUNT; c++) {
		a = keys_map_lookup(keys, (enum keys_context)c, k);
		if (a != ACTION_NONE && page_offers(p, a))
			return a;
	}
	return ACTION_NONE;
}

enum action
line_word(const struct keys_map *keys, const struct page *p, const char *w)
{
	enum keys_context ctx = line_ctx(p);
	enum action a;
	key_code k;
	size_t i;

	for (i = 0; i < sizeof(line_words) / sizeof(line_words[0]); i++)
		if (strcmp(w, line_words[i].word) == 0)
			return line_words[i].action;
	if ((a = keys_action_parse(w)) != ACTION_NONE)
		return a;
	for (i = 0; i < p->n_action; i++)
		if (p->action[i].label != NULL && ascii_strcasecmp(w, p->action[i].label) == 0)
			return p->action[i].action;
	if ((k = keys_parse(w)) != KEYS_NONE && keys_is_text(k))
		return line_key_action(keys, p, ctx, k);
	return ACTION_NONE;
}

int
line_item_action(enum action a)
{
	/* "u 3" moves choice 3 up, "r 2" replies to comment 2, "A 1"
	 * approves the first idea of the queue. */
	return a == ACTION_MOVE_UP || a == ACTION_MOVE_DOWN || a == ACTION_REPLY ||
	    a == ACTION_REPORT || a == ACTION_APPROVE || a == ACTION_REJECT ||
	    a == ACTION_HIDE;
}

/*
 * An item action typed without a number: which item? The focused one
 * when a number just chose it (a comment, a queue entry), else ask. In a
 * ranking a number chooses, so moving always asks.
 */
static int
line_which_asks(const struct page *p, enum action a)
{
	const struct page_item *it = page_focused(p);

	/* Moderation acts on the entry chosen before (the focus may be in
	 * the reason field by now); report without a number reports the
	 * idea itself. */
	return !(a == ACTION_REPORT || a == ACTION_APPROVE || a == ACTION_REJECT ||
	    a == ACTION_HIDE || (it != NULL && it->number > 0 &&
	    a != ACTION_MOVE_UP && a != ACTION_MOVE_DOWN &&
	    (it->kind == PAGE_ITEM_ENTRY || it->kind == PAGE_ITEM_LINK)));
}

int
line_which_parse(const char *typed)
{
	char *end;
	long v = strtol(typed, &end, 10);

	if (end == typed || v <= 0 || v > 100000)
		return -1;
	return (int)v;
}

static void
line_no_number(struct line_do *d, long n)
{
	d->kind = LINE_DO_SAY;
	snprintf(d->say, sizeof(d->say), _("There is no number %ld here.\n"), n);
}

enum line_do_kind
line_resolve_at(const struct page *p, struct line_do *d, int at)
{
	d->kind = LINE_DO_ACTION;
	d->at = at;
	if (at > 0 && page_find_number(p, at) < 0)
		line_no_number(d, (long)at);
	return d->kind;
}

/* 1 when the typed numbers (two or more) are all options of a ranking. */
static int
line_is_ranking(const struct page *p, const struct line_cmd *c)
{
	size_t i;
	int idx;

	if (c->n < 2)
		return 0;
	for (i = 0; i < c->n; i++) {
		idx = page_find_number(p, c->nums[i]);
		if (idx < 0 || p->item[idx].kind != PAGE_ITEM_RANKED)
			return 0;
	}
	return 1;
}

/*
 * The button a word answers ("ja", "No", "y" for "Yes, withdraw my vote"):
 * the one numbered button whose first word it is, or, on a question with
 * nothing but buttons, whose first letter a single letter is (a stray
 * "s" must not support an idea). Returns its number, or 0 for none or
 * several.
 */
static int
line_button_word(const struct page *p, const char *w)
{
	char first[64];
	size_t i, n;
	int found = 0, letter = w[0] != '\0' && w[1] == '\0' && (unsigned char)w[0] < 0x80;

	for (i = 0; i < p->n_item; i++)
		if (p->item[i].number > 0 && p->item[i].kind != PAGE_ITEM_BUTTON)
			letter = 0;
	for (i = 0; i < p->n_item; i++) {
		const char *lb = p->item[i].label;

		if (p->item[i].kind != PAGE_ITEM_BUTTON || p->item[i].number <= 0 || lb == NULL)
			continue;
		n = strcspn(lb, " ,.;:!?");
		if (n == 0 || n >= sizeof(first))
			continue;
		memcpy(first, lb, n);
		first[n] = '\0';
		if (!line_has_words(first, w) && !(letter &&
		    ascii_tolower((unsigned char)w[0]) == ascii_tolower((unsigned char)lb[0])))
			continue;
		if (found != 0)
			return 0;
		found = p->item[i].number;
	}
	return found;
}

int
line_is_survey_after(const struct page *p)
{
	return line_is_questions(p) && page_offers(p, ACTION_REVIEW);
}

/* A number typed on a survey after its questions: that question asked
 * again, or what to type instead. Returns d->kind. */
static enum line_do_kind
line_resolve_question(const struct page *p, const struct line_cmd *c, struct line_do *d)
{
	size_t n = line_question_count(p);

	if (c->n != 1 || c->nums[0] > (int)n) {
		d->kind = LINE_DO_SAY;
		/* L10N: line mode, a number on a survey that is no question's. */
		snprintf(d->say, sizeof(d->say),
		    _("To change an answer, type the number of its question, 1 to %d.\n"), (int)n);
		return d->kind;
	}
	d->at = c->nums[0];
	return d->kind = LINE_DO_QUESTION;
}

/* Enter alone at a page's prompt: what to type, briefly, with the
 * page's main action; the page is not said again. */
static void
line_resolve_enter(const struct page *p, struct line_do *d)
{
	const struct page_item *main = line_main_button(p);
	size_t i;
	int any = 0;

	for (i = 0; i < p->n_item; i++)
		any |= line_item_typable(p, &p->item[i]);
	d->kind = LINE_DO_SAY;
	if (main != NULL && !line_is_help(p))
		/* L10N: line mode, Enter alone; %d and %s: the page's main
		 * action ("1", "Send"). */
		snprintf(d->say, sizeof(d->say), _("Type %d and Enter for %s, or h for help.\n"),
		    main->number, main->label);
	else if (any)
		/* L10N: line mode, Enter alone on a page with numbers. */
		snprintf(d->say, sizeof(d->say), "%s", _("Type a number and Enter, or h for help.\n"));
	else
		/* L10N: line mode, Enter alone on a page without numbers. */
		snprintf(d->say, sizeof(d->say), "%s",
		    _("Type one of the letters the prompt names and Enter.\n"));
}

/*
 * The number of the one item whose title is typed whole (any case in
 * Latin letters): its label, or the part before " (" or inside the
 * final parentheses of a title given in two languages ("Lokale
 * Logistik (Local logistics)"). Not a field. 0 for none or several.
 */
static int
line_title_number(const struct page *p, const char *typed)
{
	size_t i, n = strlen(typed), ll;
	int found = 0;

	if (n == 0 || line_is_help(p))
		return 0;
	for (i = 0; i < p->n_item; i++) {
		const char *lb = p->item[i].label;

		if (p->item[i].number <= 0 || p->item[i].field != NULL || lb == NULL)
			continue;
		ll = strlen(lb);
		if (!(ascii_strcasecmp(lb, typed) == 0 ||
		    (ll > n + 2 && ascii_strncasecmp(lb, typed, n) == 0 &&
		    strncmp(lb + n, " (", 2) == 0 && lb[ll - 1] == ')') ||
		    (ll > n + 2 && lb[ll - 1] == ')' && lb[ll - n - 2] == '(' &&
		    ascii_strncasecmp(lb + ll - n - 1, typed, n) == 0)))
			continue;
		if (found != 0)
			return 0;
		found = p->item[i].number;
	}
	return found;
}

/* What to say back of a line not understood: the part after a word
 * that is an action ("9x" of "x 9x"), else the whole line ("Lokale
 * Logistik", not its second word). */
static const char *
line_not_understood(const struct keys_map *keys, const struct page *p, const struct line_cmd *c)
{
	char first[32];
	size_t n = strcspn(c->line, " ,\t");

	/* A very long line is not said back whole. */
	if (c->kind != LINE_CMD_BAD || c->line[0] == '\0' || n >= sizeof(first) ||
	    strlen(c->line) > 80 ||
	    (c->line[0] >= '0' && c->line[0] <= '9'))
		return c->word;
	memcpy(first, c->line, n);
	first[n] = '\0';
	return line_word(keys, p, first) != ACTION_NONE ? c->word : c->line;
}

enum line_do_kind
line_resolve(const struct keys_map *keys, const struct page *p, const struct line_cmd *c,
    struct line_do *d)
{
	const struct page_item *main;
	size_t i;

	memset(d, 0, sizeof(*d));
	switch (c->kind) {
	case LINE_CMD_NONE:
		line_resolve_enter(p, d);
		return d->kind;
	case LINE_CMD_FULL:
		return d->kind = LINE_DO_FULL;
	case LINE_CMD_NUMBERS:
		/* A survey after its questions: its main button, else a
		 * question ("4" chose question 1's "No" by the page's hidden
		 * numbers). */
		main = line_main_button(p);
		if (line_is_survey_after(p) &&
		    (main == NULL || c->n != 1 || main->number != c->nums[0]))
			return line_resolve_question(p, c, d);
		/* Numbers mean the items as the page showed them (help and
		 * results rows are said without their numbers). */
		for (i = 0; i < c->n; i++) {
			int idx = page_find_number(p, c->nums[i]);

			if (idx < 0 || !line_item_typable(p, &p->item[idx])) {
				line_no_number(d, (long)c->nums[i]);
				return d->kind;
			}
		}
		/* A typed ranking ("2 4 3") replaces the whole ranking. */
		return d->kind = line_is_ranking(p, c) ? LINE_DO_RANK : LINE_DO_NUMBERS;
	case LINE_CMD_BAD:
	case LINE_CMD_WORD:
		break;
	}
	d->action = c->kind == LINE_CMD_WORD ? line_word(keys, p, c->word) : ACTION_NONE;
	if (d->action == ACTION_NONE || (!page_offers(p, d->action) && !app_action_global(d->action))) {
		/* A question answered in words: "n", "nein", "yes". */
		if (c->kind == LINE_CMD_WORD && c->arg == 0 &&
		    (d->at = line_button_word(p, c->word)) > 0) {
			d->action = ACTION_OPEN;
			return d->kind = LINE_DO_ACTION;
		}
		/* An item's title typed whole ("Lokale Logistik") opens it. */
		if ((d->at = line_title_number(p, c->line)) > 0) {
			d->action = ACTION_OPEN;
			return d->kind = LINE_DO_ACTION;
		}
		d->kind = LINE_DO_SAY;
		/* L10N: line mode did not understand what was typed. */
		snprintf(d->say, sizeof(d->say), _("'%s' is not a choice here. Type h for help.\n"),
		    line_not_understood(keys, p, c));
		return d->kind;
	}
	/* On a survey "x 4" is no answer by the page's numbers either. */
	if (c->arg > 0 && line_is_survey_after(p)) {
		struct line_cmd q = { .kind = LINE_CMD_NUMBERS, .n = 1 };

		q.nums[0] = c->arg;
		return line_resolve_question(p, &q, d);
	}
	/* "x 3" chooses 3, "r 2" replies to comment 2: the number first. */
	if (c->arg == 0 && line_item_action(d->action) && line_which_asks(p, d->action))
		return d->kind = LINE_DO_WHICH;
	return line_resolve_at(p, d, c->arg);
}

size_t
line_rank_taken(const struct page *p, long *ids, size_t max)
{
	size_t i, n = 0;
	int rank;

	/* The last choice first. */
	for (rank = LINE_CMD_NUMS; rank > 0; rank--)
		for (i = 0; i < p->n_item && n < max; i++)
			if (p->item[i].kind == PAGE_ITEM_RANKED && p->item[i].rank == rank)
				ids[n++] = p->item[i].id;
	return n;
}

int
line_walk_start(const struct page *p)
{
	const struct page_item *it = page_focused(p);
	size_t i;

	/* A survey, whose text question comes last, is not a walk. */
	if ((it != NULL && it->field != NULL) || line_ctx(p) != KEYS_CTX_FORM)
		return 0;
	for (i = 0; i < p->n_item; i++)
		if (p->item[i].number > 0)
			break;
	if (i < p->n_item && p->item[i].field != NULL && p->item[i].field->len == 0)
		return p->item[i].number;
	return 0;
}

size_t
line_question_get(const struct page *p, const char *group, struct line_question *q)
{
	size_t i, k;
	long v;

	memset(q, 0, sizeof(*q));
	for (i = 0; i < p->n_item; i++) {
		if (!line_is_answer(&p->item[i]) || strcmp(p->item[i].group, group) != 0)
			continue;
		if (q->n == 0)
			q->first = i;
		if (q->n < LINE_CMD_NUMS)
			q->nums[q->n++] = p->item[i].number;
	}
	if (q->n == 0)
		return 0;
	q->field = p->item[q->first].field != NULL;
	q->scale = !q->field;
	for (k = 0; !q->field && k < q->n; k++) {
		const struct page_item *it = &p->item[q->first + k];

		q->multi |= it->kind == PAGE_ITEM_CHECKBOX;
		if ((v = line_scale_value(it->label)) < 0)
			q->scale = 0;
		else if (k == 0)
			q->lo = q->hi = (int)v;
		else
			q->hi = (int)v;
	}
	/* A scale is typed by its values; other choices numbered from 1. */
	if (!q->scale && !q->field) {
		q->lo = 1;
		q->hi = (int)q->n;
	}
	return q->n;
}

enum line_answer
line_question_answer(const struct keys_map *keys, const struct page *p,
    const struct line_question *q, const char *typed, struct line_cmd *c, int *want)
{
	size_t j, k, n;
	enum action a;

	line_parse(typed, c);
	if (c->kind == LINE_CMD_NONE)
		return LINE_ANSWER_SKIP;
	if (c->kind != LINE_CMD_NUMBERS && line_scale_value(typed) < 0) {
		/* An answer typed by its name ("yes" for "Yes"). */
		typed += strspn(typed, " ");
		for (n = strlen(typed); n > 0 && typed[n - 1] == ' '; n--)
			;
		for (k = 0; k < q->n; k++) {
			const char *lb = p->item[q->first + k].label;

			if (lb != NULL && strlen(lb) == n && ascii_strncasecmp(typed, lb, n) == 0)
				break;
		}
		a = c->kind == LINE_CMD_WORD && c->arg == 0 ? line_word(keys, p, c->word) :
		    ACTION_NONE;
		if (k < q->n) {
			c->kind = LINE_CMD_NUMBERS;
			c->n = 1;
			c->nums[0] = q->scale ? (int)line_scale_value(p->item[q->first + k].label) :
			    (int)k + 1;
		} else if (c->kind == LINE_CMD_FULL || (a != ACTION_NONE && a != ACTION_TOGGLE &&
		    a != ACTION_OPEN && (page_offers(p, a) || app_action_global(a)))) {
			/* t, b, h, r: for the page. Anything else is asked
			 * again: a number typed next must still answer this
			 * question, not choose an item of the page. */
			return LINE_ANSWER_OTHER;
		} else
			return LINE_ANSWER_BAD;
	}

	for (k = 0; k < c->n; k++) {
		want[k] = -1;
		for (j = 0; j < q->n; j++)
			if ((q->scale && line_scale_value(p->item[q->first + j].label) == c->nums[k]) ||
			    (!q->scale && (int)j + 1 == c->nums[k]))
				want[k] = (int)j;
		if (want[k] < 0)
			break;
	}
	return c->kind == LINE_CMD_NUMBERS && k == c->n && (q->multi || c->n == 1) ?
	    LINE_ANSWER_OK : LINE_ANSWER_BAD;
}

enum line_field_do
line_field_typed(const struct page_field *f, int refused, const char *typed)
{
	const char *w = typed + strspn(typed, " ");

	if (refused && w[0] == 'b' && w[1 + strspn(w + 1, " ")] == '\0')
		return LINE_FIELD_BACK;
	if (typed[0] != '\0' || f->len == 0)
		return LINE_FIELD_SET;
	return refused || f->error != NULL ? LINE_FIELD_CHECK : LINE_FIELD_KEEP;
}

size_t
line_question_count(const struct page *p)
{
	const char *last = NULL;
	size_t i, n = 0;

	for (i = 0; i < p->n_item; i++) {
		if (!line_is_answer(&p->item[i]) ||
		    (last != NULL && strcmp(last, p->item[i].group) == 0))
			continue;
		last = p->item[i].group;
		n++;
	}
	return n;
}

size_t
line_question_groups(const struct page *p, char **groups, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < p->n_item && n < max; i++)
		if (line_is_answer(&p->item[i]) &&
		    (n == 0 || strcmp(groups[n - 1], p->item[i].group) != 0) &&
		    (groups[n] = strdup(p->item[i].group)) != NULL)
			n++;
	return n;
}

int
line_number_of(const struct page *p, long id, enum page_item_kind kind)
{
	size_t j;

	for (j = 0; j < p->n_item; j++)
		if (p->item[j].id == id && p->item[j].kind == kind)
			return p->item[j].number;
	return -1;
}
