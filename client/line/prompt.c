/* prompt.c — line mode's prompts: what to type next on a page, a field's question, a survey question's numbers; pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/i18n.h"
#include "client/line/parse.h"
#include "client/line/prompt.h"

/* 1 when a numbered button or link of the page names the action label.
 * Only the page's own buttons count (id 0), not a project or idea whose
 * title happens to hold the word. */
static int
line_has_button(const struct page *p, const char *label)
{
	size_t i;

	for (i = 0; label != NULL && i < p->n_item; i++)
		if (p->item[i].number > 0 && p->item[i].label != NULL && p->item[i].id == 0 &&
		    (p->item[i].kind == PAGE_ITEM_BUTTON || p->item[i].kind == PAGE_ITEM_LINK) &&
		    line_has_words(p->item[i].label, label))
			return 1;
	return 0;
}

/* 1 when status names the action label as words, punctuation aside
 * ("Freigeben," in "Drücken Sie noch einmal Freigeben, um ..."). */
static int
line_status_names(const char *status, const char *label)
{
	char buf[512];
	size_t i;

	if (status == NULL || label == NULL || label[0] == '\0')
		return 0;
	snprintf(buf, sizeof(buf), "%s", status);
	for (i = 0; buf[i] != '\0'; i++)
		if (strchr(",.;:!?\"'()", buf[i]) != NULL)
			buf[i] = ' ';
	return line_has_words(buf, label);
}

/* The printable key bound to action a in ctx (not a digit), or 0. */
static key_code
line_key_in(const struct keys_map *keys, enum keys_context ctx, enum action a)
{
	struct keys_binding b[96];
	size_t i, n;

	n = keys_map_list(keys, ctx, b, sizeof(b) / sizeof(b[0]));
	if (n > sizeof(b) / sizeof(b[0]))
		n = sizeof(b) / sizeof(b[0]);
	for (i = 0; i < n; i++)
		if (b[i].action == a && b[i].key >= 0x21 && b[i].key < 0x7f &&
		    !(b[i].key >= '0' && b[i].key <= '9'))
			return b[i].key;
	return 0;
}

/*
 * The thing to type for an action on this page: a line-mode word, the
 * printable key the keymap binds in the page's context, else one bound in
 * another context that is free here, else the action's name.
 */
void
line_key_for(const struct keys_map *keys, enum keys_context ctx, enum action a, char *buf,
    size_t sz)
{
	key_code k;
	const char *w;
	int c;

	if ((w = line_word_for(a)) != NULL) {
		snprintf(buf, sz, "%s", w);
		return;
	}
	if ((k = line_key_in(keys, ctx, a)) != 0) {
		snprintf(buf, sz, "%c", (char)k);
		return;
	}
	for (c = 0; c < KEYS_CTX__COUNT; c++) {
		k = line_key_in(keys, (enum keys_context)c, a);
		if (k != 0 && keys_map_lookup(keys, ctx, k) == ACTION_NONE) {
			snprintf(buf, sz, "%c", (char)k);
			return;
		}
	}
	snprintf(buf, sz, "%s", keys_action_name(a));
}

/* Whether the prompts of page t already said entry e ("w withdraw"). */
static int
line_told_has(const struct line_told *t, const char *e)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->acts[i], e) == 0)
			return 1;
	return 0;
}

static void
line_told_clear(struct line_told *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->acts[i]);
	free(t->where);
	memset(t, 0, sizeof(*t));
}

void
line_prompts_forget(struct line_prompts *pr)
{
	size_t i;

	for (i = 0; i < LINE_PAGES; i++)
		line_told_clear(&pr->told[i]);
}

/* What the prompts of the page with this heading said; a new record
 * (reusing the oldest) when there is none. NULL when out of memory. */
static struct line_told *
line_told_get(struct line_prompts *pr, const char *heading, int *again)
{
	struct line_told *t;
	size_t i;

	for (i = 0; i < LINE_PAGES; i++) {
		if (pr->told[i].where != NULL && strcmp(pr->told[i].where, heading) == 0) {
			*again = 1;
			return &pr->told[i];
		}
	}
	*again = 0;
	t = &pr->told[pr->next];
	pr->next = (pr->next + 1) % LINE_PAGES;
	line_told_clear(t);
	if ((t->where = strdup(heading)) == NULL)
		return NULL;
	return t;
}

/* 1 when back does what quit does (a kiosk's first page: both end the
 * session; the labels say so). */
static int
line_back_is_quit(const struct page *p)
{
	const char *back = NULL, *quit = NULL;
	size_t i;

	for (i = 0; i < p->n_action; i++) {
		if (p->action[i].action == ACTION_BACK)
			back = p->action[i].label;
		if (p->action[i].action == ACTION_QUIT)
			quit = p->action[i].label;
	}
	return back != NULL && quit != NULL && strcmp(back, quit) == 0;
}

/*
 * "Number, r review, w withdraw, b back, h help:" from the page's actions.
 * A page prompted before (also when it comes back later) gets a short
 * prompt; when it offers something new since (withdraw after sending, a
 * next page of a list, my account after logging in), the prompt says
 * only what is new.
 */
char *
line_prompt_page(struct line_prompts *pr, const struct keys_map *keys, const struct page *p,
    int cut, int after_review, char *out, size_t size)
{
	enum keys_context ctx = line_ctx(p);
	char key[32], *e;
	char *ent[64];
	struct line_told *told;
	size_t i, n = 0, said = 0, has_main;
	int any = 0, ranked = 0, again, number, status, must[64] = { 0 };
	const struct page_item *mi;
	const char *show[65];	/* the entries and the way back */
	char back[64];

	told = line_told_get(pr, p->heading, &again);
	for (i = 0; i < p->n_item; i++) {
		/* Help and results rows are said without their numbers:
		 * nothing to type. */
		if (line_item_typable(p, &p->item[i]))
			any = 1;
		if (p->item[i].kind == PAGE_ITEM_RANKED && p->item[i].rank > 0)
			ranked = 1;
	}
	/* The page's main action is named in every prompt, as its number
	 * ("5 Register", "1 Send"): a person must not have to guess it. */
	if (!after_review && (mi = line_main_button(p)) != NULL &&
	    asprintf(&e, "%d %s", mi->number, mi->label) >= 0)
		ent[n++] = e;
	has_main = n;
	/* t is taught once, like b and h; later a cut text ends in "…" and
	 * t still says it all. */
	/* L10N: line mode: t says the whole page with every detail. */
	if (cut && !(pr->taught & LINE_T_FULL) && (e = strdup(_("t full text"))) != NULL) {
		ent[n++] = e;
		pr->taught |= LINE_T_FULL;
	}
	for (i = 0; i < p->n_action && n < sizeof(ent) / sizeof(ent[0]); i++) {
		enum action a = p->action[i].action;

		/* Open is what a number does; moving the focus is what numbers
		 * replace; back and help are the same everywhere, said once. */
		if (a == ACTION_OPEN || a == ACTION_TOGGLE || a == ACTION_NEXT_FIELD ||
		    a == ACTION_PREV_FIELD)
			continue;
		/* Moving a choice: only once there is one to move. */
		if ((a == ACTION_MOVE_UP || a == ACTION_MOVE_DOWN) && !ranked)
			continue;
		/* The way back ends every prompt: said below. */
		if (a == ACTION_BACK || (a == ACTION_HELP && (pr->taught & LINE_T_HELP)))
			continue;
		pr->taught |= a == ACTION_HELP ? LINE_T_HELP : 0;
		/* What a numbered button on the page does already ("6. Review
		 * my vote" for r review) is typed as its number. */
		snprintf(key, sizeof(key), "#%d", (int)a);
		if (line_has_button(p, p->action[i].label)) {
			/* Remembered: the button still does it when its label
			 * changes ("Stop supporting this idea" after "+"). */
			if (told != NULL && !line_told_has(told, key) &&
			    told->n < sizeof(told->acts) / sizeof(told->acts[0]) &&
			    (told->acts[told->n] = strdup(key)) != NULL)
				told->n++;
			continue;
		}
		/* An action the status asks for ("Press approve again") is
		 * named again, with its key. */
		status = line_status_names(p->status, p->action[i].label);
		if (again && told != NULL && line_told_has(told, key) && !status)
			continue;
		/* Only what can really be typed: no raw action names. */
		line_key_for(keys, ctx, a, key, sizeof(key));
		if (strcmp(key, keys_action_name(a)) == 0 && strlen(key) > 1)
			continue;
		e = NULL;
		if (strcmp(key, p->action[i].label) == 0)
			e = strdup(key);
		else if (asprintf(&e, "%s %s", key, p->action[i].label) < 0)
			e = NULL;
		if (e == NULL)
			continue;
		must[n] = status;
		ent[n++] = e;
	}
	for (i = 0; i < n; i++) {
		if (i >= has_main && again && told != NULL && line_told_has(told, ent[i]) && !must[i])
			continue;
		show[said++] = ent[i];
		if (told != NULL && told->n < sizeof(told->acts) / sizeof(told->acts[0]) &&
		    (told->acts[told->n] = strdup(ent[i])) != NULL)
			told->n++;
	}
	/* "Number" is taught once, like b and h; a page prompted before
	 * with nothing new names the way back ("b back"), or on the first
	 * page "Your choice (h help)". */
	number = said > 0 ? any && !(pr->taught & LINE_T_NUMBER) : any && !again;
	line_key_for(keys, ctx, ACTION_BACK, key, sizeof(key));
	/* L10N: line mode's prompt with nothing new: the way back. */
	snprintf(back, sizeof(back), _("%s back"), key);
	if (any && (said > 0 || !again))
		pr->taught |= LINE_T_NUMBER;
	/* Every prompt names the way back, last (issue 8 item 9); on a
	 * kiosk's first page it ends the session, as q there, named already. */
	if (page_offers(p, ACTION_BACK) && !line_back_is_quit(p))
		show[said++] = back;
	/* L10N: start of the line-mode prompt. */
	line_prompt_join(out, size, number ? _("Number") : NULL, show, said,
	    /* L10N: line mode's prompt when nothing new can be typed. */
	    _("Your choice (h help)"));
	for (i = 0; i < n; i++)
		free(ent[i]);
	return out;
}

void
line_prompts_again(struct line_prompts *pr, const char *heading)
{
	int had;
	struct line_told *t = line_told_get(pr, heading, &had);

	if (t != NULL)
		line_told_clear(t);
}

char *
line_prompt_field(const struct page_item *it, int numbered, int refused)
{
	const struct page_field *f = it->field;
	const char *q = f->prompt != NULL ? f->prompt : (f->name ? f->name : it->label);
	size_t ql = strlen(q), len = 0, words;
	char *s = NULL;
	FILE *o = open_memstream(&s, &len);

	if (o == NULL)
		return NULL;
	/* The prompt may end in its own colon; line mode adds one. */
	while (ql > 0 && (q[ql - 1] == ':' || q[ql - 1] == ' '))
		ql--;
	/* With its number, so it can be typed again to change it. */
	if (it->number > 0 && numbered)
		fprintf(o, "%d. ", it->number);
	fwrite(q, 1, ql, o);
	/* A filled field says what it holds; Enter alone keeps it. Asked
	 * again after a refusal, what was refused is not offered. */
	if (refused)
		;
	else if (f->len > 0 && f->secret)
		/* L10N: line mode asks again for a password that is filled in. */
		fputs(_(", entered (Enter alone keeps it)"), o);
	else if (f->len > 0 && f->multiline) {
		words = line_words_after(f->text, f->text);
		/* L10N: line mode asks again for a text of several lines. */
		fprintf(o, ngettext(", now %zu word (a line with only a dot keeps it)",
		    ", now %zu words (a line with only a dot keeps it)", words), words);
	} else if (f->len > 0)
		/* L10N: line mode asks again for a filled field: its text. */
		fprintf(o, _(", now \"%s\" (Enter alone keeps it)"), f->text);
	/* Asked again after a refusal: b leaves it (the text from before
	 * stays). */
	if (refused) {
		fputs(", ", o);
		fprintf(o, _("%s back"), "b");
	}
	if (f->multiline) {
		/* L10N: how to end a multi-line answer in line mode. */
		fputs(_(" (several lines; a line with only a dot ends the text)"), o);
		fputs(":\n", o);
	} else
		/* A question ("Where were the ballots collected?") needs no colon. */
		fputs(!refused && ql > 0 && q[ql - 1] == '?' ? " " : ": ", o);
	if (fclose(o) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

char *
line_prompt_question(const struct line_question *q, int refused, char *buf, size_t size)
{
	size_t n;

	buf[0] = '\0';
	/* Asked again: what is allowed first. */
	if (refused && q->multi)
		snprintf(buf, size, _("Please type numbers from %d to %d.\n"), q->lo, q->hi);
	else if (refused)
		snprintf(buf, size, _("Please type one number from %d to %d.\n"), q->lo, q->hi);
	n = strlen(buf);
	if (q->multi)
		/* L10N: line mode asks one survey question at a time. */
		snprintf(buf + n, size - n, _("Numbers %d to %d, Enter skips: "), q->lo, q->hi);
	else
		snprintf(buf + n, size - n, _("Number %d to %d, Enter skips: "), q->lo, q->hi);
	return buf;
}
