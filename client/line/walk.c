/* walk.c — line mode's conversations: a form's fields asked one by one (Enter keeps a text, a refused one is asked again), a survey's questions one at a time. */
#include <stdlib.h>
#include <string.h>

#include "client/line/line_int.h"
#include "client/line/parse.h"
#include "client/line/prompt.h"
#include "client/line/resolve.h"
#include "client/line/say.h"

/*
 * Asks for the focused field's text once: one line, or for a multi-line
 * field lines until one holding only a dot. Returns 1 (text set), 2 when
 * the text was kept as it was (Enter alone), 3 when a refused text was
 * kept (to be checked again), 4 for b after a refusal, or 0 at the end
 * of input.
 */
static int
line_ask_once(struct line *l, const struct page_item *it, int refused)
{
	const struct page_field *f = it->field;
	char *ans = NULL, *q;
	struct line_out all;
	enum line_field_do d;
	int r;

	if ((q = line_prompt_field(it, !l->unnumbered, refused)) == NULL)
		return 0;
	line_puts(l, q);
	free(q);
	if (f->multiline) {
		memset(&all, 0, sizeof(all));
		for (;;) {
			l->printed = 0;
			if ((r = line_input(l, &ans)) <= 0) {
				/* Ctrl-D: the lines typed so far stay in the
				 * field, for the question that follows. */
				if (all.wrote)
					app_field_set(l->app, all.s != NULL ? all.s : "");
				line_out_free(&all);
				return 0;
			}
			/* b at once leaves a refused text. */
			if (!all.wrote && line_field_typed(f, refused, ans) == LINE_FIELD_BACK) {
				free(ans);
				return 4;
			}
			if (strcmp(ans, ".") == 0) {
				free(ans);
				/* A dot at once keeps the text as it was. */
				if (!all.wrote && (d = line_field_typed(f, refused, "")) != LINE_FIELD_SET)
					return d == LINE_FIELD_KEEP ? 2 : 3;
				break;
			}
			if (all.len > 0)
				line_out_puts(&all, "\n");
			line_out_puts(&all, ans);
			free(ans);
		}
		app_field_set(l->app, all.s != NULL ? all.s : "");
		line_out_free(&all);
		return 1;
	}
	if (f->secret)
		line_echo(l, 0);
	r = line_input(l, &ans);
	if (f->secret) {
		line_echo(l, 1);
		if (l->tty)
			line_puts(l, "\n");
	}
	if (r <= 0)
		return 0;
	/* Enter alone keeps what the field holds; a refused text is
	 * checked again, so it is asked again while it is wrong. */
	d = line_field_typed(f, refused, ans);
	r = d == LINE_FIELD_KEEP ? 2 : d == LINE_FIELD_CHECK ? 3 : d == LINE_FIELD_BACK ? 4 : 1;
	if (r == 1)
		app_field_set(l->app, ans);
	if (f->secret)
		explicit_bzero(ans, strlen(ans));
	free(ans);
	return r;
}

/*
 * Asks for the focused field's text until the app takes it: a text it
 * refuses (a user name with spaces) is said to be wrong, with what is
 * allowed, and asked again, also after Enter alone; b then puts back the
 * text from before and leaves the field. Enter alone keeps a text that
 * was not refused and goes on. Returns 1, 3 after b, or 0 at the end of
 * input.
 */
int
line_ask_field(struct line *l, const struct page_item *it)
{
	const struct page_item *now;
	struct page_field *f = it->field;
	char *was = strdup(f->text != NULL ? f->text : "");
	int r, ret, refused = f->error != NULL;

	for (;;) {
		if ((r = line_ask_once(l, it, refused)) == 0) {
			ret = 0;
			break;
		}
		if (r == 4) {
			/* The page was built again: the text from before. */
			app_field_set(l->app, was != NULL ? was : "");
			ret = 3;
			break;
		}
		if (r == 2 || app_field_check(l->app) == 0) {
			ret = 1;
			break;
		}
		/* The page was built again: the item as it is now. */
		if ((now = page_focused(app_page(l->app))) == NULL || now->field == NULL) {
			ret = 1;
			break;
		}
		it = now;
		/* Said here, once: not again by the status line. */
		line_printf(l, "%s\n", it->field->error != NULL ? it->field->error : "");
		app_status_clear(l->app);
		l->printed = 0;
		refused = 1;
	}
	if (was != NULL)
		explicit_bzero(was, strlen(was));
	free(was);
	return ret;
}

/*
 * In a form, asks for each empty field in turn, so filling in a form is a
 * conversation: "Name:", "Password:", then the page with its button.
 * Returns 0 at the end of input, 2 when it asked, else 1.
 */
int
line_walk_fields(struct line *l, int fresh)
{
	const struct page *p = app_page(l->app);
	const struct page_item *it;
	int guard = 0, asked = 0, start, r;

	/* A form just opened with the focus elsewhere: its first field. */
	if (fresh && (start = line_walk_start(p)) > 0) {
		app_action(l->app, ACTION_JUMP, start);
		p = app_page(l->app);
	}
	it = page_focused(p);
	/* Empty fields, and one the page's action refused (a wrong code). */
	while (it != NULL && it->field != NULL &&
	    (it->field->len == 0 || it->field->error != NULL) &&
	    it->field != l->asked && guard++ < 16) {
		l->asked = it->field;
		if ((r = line_ask_field(l, it)) == 0)
			return 0;
		/* b at a refused field: the page's prompt next. */
		if (r == 3)
			return 2;
		/* Enter alone at the first question stops the questions: the
		 * page's prompt says what else can be done (register instead
		 * of logging in). Later it leaves an optional field empty. */
		p = app_page(l->app);
		it = page_focused(p);
		if (it == NULL || it->field == NULL || (it->field->len == 0 && asked++ == 0))
			break;
		asked++;
		app_action(l->app, ACTION_NEXT_FIELD, 0);
		p = app_page(l->app);
		it = page_focused(p);
	}
	return asked ? 2 : 1;
}

/*
 * One question of a survey, with answers numbered within it (a scale
 * by its own values): typed answers replace the question's answer,
 * Enter alone keeps it. Returns 1, 0 at the end of input, or 2 with a
 * line that is not an answer left in *rest for the caller.
 */
static int
line_ask_question(struct line *l, const char *group, char **rest)
{
	const struct page *p = app_page(l->app);
	struct line_question q;
	size_t k;
	int want[LINE_CMD_NUMS], got, refused;
	struct line_cmd c;
	char *ans = NULL, buf[256];

	if (line_question_get(p, group, &q) == 0)
		return 1;
	if (q.field) {
		app_action(l->app, ACTION_JUMP, q.nums[0]);
		p = app_page(l->app);
		if (page_focused(p) == NULL || page_focused(p)->field == NULL)
			return 1;
	}
	line_say_question(&l->buf, p, group, &q);
	line_flush(l);
	if (q.field) {
		l->unnumbered = 1;
		/* Left empty with '.', it is not asked again by the walk. */
		l->asked = page_focused(p)->field;
		got = line_ask_field(l, page_focused(p));
		l->unnumbered = 0;
		/* b after a refusal: on to the next question. */
		return got == 3 ? 1 : got;
	}
	for (refused = 0;; refused = 1) {
		line_puts(l, line_prompt_question(&q, refused, buf, sizeof(buf)));
		l->printed = 0;
		if (line_input(l, &ans) <= 0)
			return 0;
		if ((got = line_question_answer(l->keys, p, &q, ans, &c, want)) == LINE_ANSWER_OTHER) {
			*rest = ans;
			return 2;
		}
		free(ans);
		if (got == LINE_ANSWER_SKIP)
			return 1;
		if (got == LINE_ANSWER_OK)
			break;
	}
	/* The typed answer replaces the question's answer. */
	for (k = 0; q.multi && k < q.n; k++) {
		size_t j;

		p = app_page(l->app);
		for (j = 0; j < c.n && want[j] != (int)k; j++)
			;
		if (p->item[q.first + k].checked && j == c.n) {
			app_action(l->app, ACTION_JUMP, q.nums[k]);
			app_action(l->app, ACTION_TOGGLE, 0);
		}
	}
	for (k = 0; k < c.n; k++) {
		p = app_page(l->app);
		if (p->item[q.first + want[k]].checked)
			continue;
		app_action(l->app, ACTION_JUMP, q.nums[want[k]]);
		app_action(l->app, ACTION_TOGGLE, 0);
	}
	return 1;
}

/*
 * A survey in line mode is asked one question at a time, its answers
 * numbered within the question, so a number means one thing only (the
 * scale value 4 is typed as 4). Asks the questions from..to-1 (from 0).
 * Returns 1, 0 at the end of input, or 2 with a line that is not an
 * answer in *rest (the person typed b, h, r).
 */
static int
line_walk_from(struct line *l, size_t from, size_t to, char **rest)
{
	char *groups[32];
	size_t i, n = line_question_groups(app_page(l->app), groups, 32);
	int r = 1;

	for (i = from; i < n && i < to && r == 1; i++)
		r = line_ask_question(l, groups[i], rest);
	for (i = 0; i < n; i++)
		free(groups[i]);
	/* What the answers changed is not said back: they were just typed. */
	if (r != 0) {
		app_status_clear(l->app);
		line_quiet(l, app_page(l->app), 0);
	}
	return r;
}

int
line_walk_questions(struct line *l, char **rest)
{
	return line_walk_from(l, 0, (size_t)-1, rest);
}

/* A number typed on a survey after its questions: that question again
 * (answers are numbered within it, so the page's own numbers are never
 * typed there). */
int
line_walk_question(struct line *l, int k, char **rest)
{
	return k > 0 ? line_walk_from(l, (size_t)k - 1, (size_t)k, rest) : 1;
}
