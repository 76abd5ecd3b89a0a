/* test_client_line_say.c — what line mode says of a page: brief texts with the words left, unchanged pages, help for what can be typed, survey answers within their question, statuses and rankings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "client/line/say.h"
#include "line_fixture.h"

/* Says p with h into a fresh buffer; the caller frees the result. */
static char *
say(const struct page *p, const struct line_say_how *h, int *cut)
{
	struct line_out o;

	memset(&o, 0, sizeof(o));
	line_say_page(&o, p, h, cut);
	assert_true(o.wrote);
	return o.s;
}

static void
test_line_out_degenerate(void **state)
{
	struct line_out o;

	(void)state;
	memset(&o, 0, sizeof(o));
	line_out_free(NULL);
	assert_int_equal(line_out_more(&o), 0);
	line_out_puts(&o, "");
	assert_true(o.wrote);
	assert_int_equal(o.len, 0);
	line_out_printf(&o, "%d. %s", 3, "Roundnet");
	assert_string_equal(o.s, "3. Roundnet");
	line_out_reset(&o);
	assert_false(o.wrote);
	assert_string_equal(o.s, "");
	line_out_free(&o);
	assert_null(o.s);
}

/* A pager that stops at the second line: the rest is left out. */
static int
stop_second(struct line_out *o, void *ud)
{
	int *calls = ud;

	(void)o;
	return ++*calls >= 2;
}

static void
test_line_say_page_pager_stops(void **state)
{
	struct page *p = fx_page("Projects", "list");
	struct line_say_how h = { LINE_BRIEF, NULL, 0, 0, 0, 0, 1, NULL };
	struct line_out o;
	int calls = 0, cut = -1;

	(void)state;
	fx_item(p, PAGE_ITEM_LINK, "One", 1, NULL);
	fx_item(p, PAGE_ITEM_LINK, "Two", 2, NULL);
	fx_item(p, PAGE_ITEM_LINK, "Three", 3, NULL);
	memset(&o, 0, sizeof(o));
	o.more_cb = stop_second;
	o.ud = &calls;
	line_say_page(&o, p, &h, &cut);
	assert_string_equal(o.s, "\nProjects\n");
	assert_true(o.stopped);
	assert_int_equal(cut, 0);
	line_out_free(&o);
	page_free(p);
}

/* Issue 8 item 13: a cut text says how many words are left. */
static void
test_line_say_cut_text_says_words_left(void **state)
{
	struct page *p = fx_page("More benches", "list");
	struct line_say_how h = { LINE_BRIEF, NULL, 0, 0, 0, 0, 1, NULL };
	struct page_item *it;
	char *s;
	int cut = -1;

	(void)state;
	/* 40 words without a full stop: cut after 24, 16 left. */
	assert_int_equal(page_add_text(p, PAGE_TEXT_PARA, "%s",
	    "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 "
	    "w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 w36 w37 w38 w39 w40"), 0);
	it = fx_item(p, PAGE_ITEM_ENTRY, "Anna, 3 April 2026", 7, "Comments");
	it->brief = 4;
	page_item_detail(it, "%s", "I like the idea very much.");
	s = say(p, &h, &cut);
	assert_int_equal(cut, 1);
	assert_non_null(strstr(s, "w24\n… 16 more words, t reads all.\n"));
	assert_null(strstr(s, "w25"));
	/* A comment: its author without the date, and how long it is. */
	assert_non_null(strstr(s, "Comments:\n1. Anna (6 words)\n"));
	free(s);
	/* Once the prompt has taught t, the count alone. */
	h.taught_full = 1;
	s = say(p, &h, &cut);
	assert_non_null(strstr(s, "w24\n… 16 more words.\n"));
	free(s);
	/* t: everything, nothing cut. */
	h.mode = LINE_FULL;
	s = say(p, &h, &cut);
	assert_int_equal(cut, 0);
	assert_non_null(strstr(s, "w39 w40\n"));
	assert_non_null(strstr(s, "1. Anna, 3 April 2026\n   I like the idea very much.\n"));
	free(s);
	page_free(p);
}

/* Issue 8 item 10: back on a page that did not change, it is named,
 * said to be unchanged, with the range of its numbers. */
static void
test_line_say_unchanged_page(void **state)
{
	struct page *p = fx_ranking(4, 0);
	struct line_seen v;
	struct line_out o;
	size_t changed[8], n = 0;

	(void)state;
	memset(&v, 0, sizeof(v));
	memset(&o, 0, sizeof(o));
	line_seen_take(&v, p);
	assert_int_equal(line_say_changes(&o, p, &v, 1, 0, changed, 8, &n), 1);
	assert_string_equal(o.s, "\nWhich event?\nUnchanged: 1 to 5.\n");
	assert_int_equal(n, 0);
	/* Right after a review step, the heading only. */
	line_out_reset(&o);
	assert_int_equal(line_say_changes(&o, p, &v, 1, 1, changed, 8, &n), 1);
	assert_string_equal(o.s, "\nWhich event?\n");
	/* A choice made: only that option, and its index noted. */
	p->item[2].rank = 1;
	page_item_state(&p->item[2], "%s", "your choice 1");
	line_out_reset(&o);
	assert_int_equal(line_say_changes(&o, p, &v, 0, 0, changed, 8, &n), 1);
	assert_string_equal(o.s, "3. Option 3 — your choice 1\n");
	assert_int_equal(n, 1);
	assert_int_equal(changed[0], 2);
	/* The status that only repeats the change is not said again. */
	line_out_reset(&o);
	p->status = "'Option 3' is your choice 1. 1 of 3 choices made.";
	line_say_status(&o, p, changed, n, 0);
	assert_string_equal(o.s, "1 of 3 choices made.\n");
	line_out_reset(&o);
	line_say_status(&o, p, changed, 0, 0);
	assert_string_equal(o.s, "'Option 3' is your choice 1. 1 of 3 choices made.\n");
	line_out_free(&o);
	line_seen_clear(&v);
	page_free(p);
}

/* Issue 8 item 12: help lists what can be typed, keys first, then the
 * platform's words; the first page for a newcomer names registering. */
static void
test_line_say_help_typable_shortest_first(void **state)
{
	struct page *p = fx_page("Help: the keys of this page", "help");
	struct line_say_how h = { LINE_REVIEW, NULL, 0, 0, 0, 0, 0, NULL };
	struct page_item *it;
	char *s, *keys, *words;
	int cut = 7;

	(void)state;
	assert_int_equal(page_add_text(p, PAGE_TEXT_PARA, "%s", "Move with the arrow keys."), 0);
	it = fx_item(p, PAGE_ITEM_ENTRY, "Up, k", ACTION_UP, "On this page");
	page_item_detail(it, "%s", "Move up");
	it = fx_item(p, PAGE_ITEM_ENTRY, "f", ACTION_FILTER, "On this page");
	page_item_detail(it, "%s", "Choose which projects are shown");
	it = fx_item(p, PAGE_ITEM_ENTRY, "Support: you show that you want an idea to happen.",
	    ACTION_NONE, "Words used here");
	it = fx_item(p, PAGE_ITEM_ENTRY, "Esc, Left", ACTION_BACK, "Everywhere");
	page_item_detail(it, "%s", "Go back");
	it = fx_item(p, PAGE_ITEM_ENTRY, "?, F1, h", ACTION_HELP, "Everywhere");
	page_item_detail(it, "%s", "Show help");
	s = say(p, &h, &cut);
	/* The help page leaves cut as it was. */
	assert_int_equal(cut, 7);
	assert_non_null(strstr(s, "Type a line, then Enter."));
	assert_non_null(strstr(s, "New here? R creates an account; l logs in.\n"));
	/* Only printable keys, joined by "or"; no arrows, no Esc. */
	assert_non_null(strstr(s, "On this page:\nf — Choose which projects are shown\n"));
	assert_non_null(strstr(s, "Everywhere:\n? or h — Show help\n"));
	assert_null(strstr(s, "Move up"));
	assert_null(strstr(s, "Go back"));
	assert_null(strstr(s, "arrow"));
	/* Shortest first: every key before the words. */
	keys = strstr(s, "? or h");
	words = strstr(s, "Support:");
	assert_non_null(keys);
	assert_non_null(words);
	assert_true(keys < words);
	free(s);
	/* Logged in: no word about registering. */
	h.logged_in = 1;
	s = say(p, &h, &cut);
	assert_null(strstr(s, "New here?"));
	free(s);
	page_free(p);
}

/* Issue 8 item 11: a survey question's answers are numbered within it,
 * a scale by its own values; the page's numbers are not said. */
static void
test_line_say_question_numbers_within(void **state)
{
	static const char *const scale[] = { "1 — not at all", "2", "3", "4", "5 — very much" };
	struct page *p = fx_page("Survey", "form");
	struct line_say_how h = { LINE_BRIEF, NULL, 0, 0, 1, 0, 1, NULL };
	struct line_question q;
	struct line_out o;
	struct page_item *it;
	size_t i;
	char *s;
	int cut;

	(void)state;
	fx_item(p, PAGE_ITEM_RADIO, "Yes", 1, "Question 1 of 2: Agree?");
	it = fx_item(p, PAGE_ITEM_RADIO, "No", 2, "Question 1 of 2: Agree?");
	it->checked = 1;
	for (i = 0; i < 5; i++)
		fx_item(p, PAGE_ITEM_RADIO, scale[i], (long)i + 10, "Question 2 of 2: How much?");
	p->item[4].checked = 1;
	memset(&o, 0, sizeof(o));
	assert_int_equal(line_question_get(p, "Question 1 of 2: Agree?", &q), 2);
	line_say_question(&o, p, "Question 1 of 2: Agree?", &q);
	assert_string_equal(o.s, "Question 1 of 2: Agree?\n1. Yes\n2. No — your choice\n");
	line_out_reset(&o);
	assert_int_equal(line_question_get(p, "Question 2 of 2: How much?", &q), 5);
	line_say_question(&o, p, "Question 2 of 2: How much?", &q);
	assert_string_equal(o.s, "Question 2 of 2: How much?\n"
	    "1 — not at all, 2, 3 (your choice), 4, 5 — very much.\n");
	line_out_free(&o);
	/* Asked one by one next: the page does not list them first with
	 * the page's numbers (6. 4 would be "4" of question 2). */
	s = say(p, &h, &cut);
	assert_null(strstr(s, "6. "));
	assert_null(strstr(s, "1. Yes"));
	free(s);
	h.questions = 0;
	s = say(p, &h, &cut);
	assert_non_null(strstr(s, "6. 4\n"));
	free(s);
	/* After its questions (the page offers its review) t says the
	 * answers without the page's numbers: a number typed there means a
	 * question (issue 8 item 11). */
	assert_int_equal(page_add_action(p, ACTION_REVIEW, "review"), 0);
	h.mode = LINE_FULL;
	s = say(p, &h, &cut);
	assert_null(strstr(s, "6. "));
	assert_non_null(strstr(s, "\n4\n"));
	assert_non_null(strstr(s, "\nNo — your choice\n"));
	free(s);
	page_free(p);
}

/* A state most items share is said once before the list. */
static void
test_line_say_common_state_once(void **state)
{
	struct page *p = fx_page("Projects", "list");
	struct line_say_how h = { LINE_BRIEF, NULL, 0, 0, 0, 0, 1, NULL };
	char *s;
	int cut;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		page_item_state(fx_item(p, PAGE_ITEM_LINK, i == 0 ? "A" : i == 1 ? "B" : "C",
		    (long)i + 1, NULL), "%s", "open until 31 December 2027");
	s = say(p, &h, &cut);
	assert_string_equal(s, "\nProjects\nopen until 31 December 2027:\n1. A\n2. B\n3. C\n");
	free(s);
	/* Said again right after itself: no heading. */
	page_clear(p);
	assert_int_equal(page_set_heading(p, "%s", "Projects"), 0);
	s = say(p, &(struct line_say_how){ LINE_BRIEF, NULL, 1, 0, 0, 0, 1, NULL }, &cut);
	assert_string_equal(s, "\nNothing here yet.\n");
	free(s);
	page_free(p);
}

static void
test_line_say_order(void **state)
{
	struct page *p = fx_ranking(4, 0);
	struct line_out o;

	(void)state;
	memset(&o, 0, sizeof(o));
	line_say_order(&o, p);
	assert_false(o.wrote);
	p->item[3].rank = 1;
	p->item[0].rank = 2;
	line_say_order(&o, p);
	assert_string_equal(o.s, "Your order: 1. Option 4, 2. Option 1.\n");
	line_out_free(&o);
	page_free(p);
}

/* The session's memory: a page said whole the first time; coming back
 * to it unchanged (issue 8 item 10) says it is unchanged, its numbers;
 * after back it is said whole again; a status is said once. */
static void
test_line_said_revisit(void **state)
{
	struct page *a = fx_page("Projects", "list");
	struct page *b = fx_page("Packaging tax", "list");
	struct line_said s;
	struct line_prompts pr;
	struct line_out o;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&pr, 0, sizeof(pr));
	memset(&o, 0, sizeof(o));
	line_said_clear(&s);
	fx_item(a, PAGE_ITEM_LINK, "Packaging tax", 1, NULL);
	fx_item(a, PAGE_ITEM_LINK, "Local logistics", 2, NULL);
	fx_item(b, PAGE_ITEM_LINK, "Opinion survey", 1, NULL);
	assert_true(line_said_fresh(&s, a));
	line_said_page(&s, &pr, &o, a);
	assert_string_equal(o.s, "\nProjects\n1. Packaging tax\n2. Local logistics\n");
	assert_true(s.whole);
	assert_false(line_said_fresh(&s, a));
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, b);
	assert_true(line_said_fresh(&s, a));
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, a);
	assert_string_equal(o.s, "\nProjects\nUnchanged: 1 to 2.\n");
	assert_false(s.whole);
	/* After back: whole again. */
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, b);
	s.again = 1;
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, a);
	assert_string_equal(o.s, "\nProjects\n1. Packaging tax\n2. Local logistics\n");
	assert_false(s.again);
	/* The same page again right away with a status: the status, once. */
	a->status = "Logged in as Demo.";
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, a);
	assert_string_equal(o.s, "Logged in as Demo.\n");
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, a);
	assert_false(o.wrote && o.len > 0);
	/* t: all of it. */
	line_out_reset(&o);
	line_said_full(&s, &pr, &o, a);
	assert_non_null(strstr(o.s, "Projects\n1. Packaging tax"));
	line_out_free(&o);
	line_said_clear(&s);
	assert_null(s.seen[0].where);
	line_prompts_forget(&pr);
	page_free(a);
	page_free(b);
}

/* Issue 8 item 10 as the loop does it: back on a ballot that did not
 * change, the heading, that it is unchanged with its numbers, and a
 * prompt that still names the main action. */
static void
test_line_said_unchanged_names_main_action(void **state)
{
	struct page *p = fx_ranking(4, 1);
	struct page *other = fx_page("Projects", "list");
	struct keys_map *m = fx_keys();
	struct line_said s;
	struct line_prompts pr;
	struct line_out o;
	char buf[256];

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&pr, 0, sizeof(pr));
	memset(&o, 0, sizeof(o));
	fx_item(other, PAGE_ITEM_LINK, "Stadt.Raum.Wir.", 1, NULL);
	line_said_page(&s, &pr, &o, p);
	line_prompt_page(&pr, m, p, s.cut, s.after_review, buf, sizeof(buf));
	line_said_page(&s, &pr, &o, other);
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, p);
	assert_string_equal(o.s, "\nWhich event?\nUnchanged: 1 to 5.\n");
	assert_string_equal(line_prompt_page(&pr, m, p, s.cut, s.after_review, buf, sizeof(buf)),
	    "5 Review my vote, b back: ");
	line_out_free(&o);
	line_said_clear(&s);
	line_prompts_forget(&pr);
	keys_map_free(m);
	page_free(p);
	page_free(other);
}

/* A yes/no question asked again is said whole (what it is about, both
 * answers), not "Unchanged: 1 to 2."; said right after itself it is not. */
static void
test_line_said_question_again_whole(void **state)
{
	struct page *q = fx_page("Quit without sending?", "confirm");
	struct page *f = fx_page("New idea", "form");
	struct line_said s;
	struct line_prompts pr;
	struct line_out o;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&pr, 0, sizeof(pr));
	memset(&o, 0, sizeof(o));
	fx_item(q, PAGE_ITEM_BUTTON, "No, stay here", 0, NULL);
	fx_item(q, PAGE_ITEM_BUTTON, "Yes, quit", 0, NULL);
	fx_item(f, PAGE_ITEM_BUTTON, "Review", 0, NULL);
	line_said_page(&s, &pr, &o, q);
	line_said_page(&s, &pr, &o, f);
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, q);
	/* (The main action, 1, is named by the prompt.) */
	assert_string_equal(o.s, "\nQuit without sending?\n2. Yes, quit\n");
	assert_true(s.whole);
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, q);
	assert_false(s.whole);
	line_out_free(&o);
	line_said_clear(&s);
	line_prompts_forget(&pr);
	page_free(q);
	page_free(f);
}

/* After a review step the next page is its result, said without its
 * main action; a form reached from there (the login that sending asks
 * for) is not: it names its button. */
static void
test_line_said_after_review_not_a_form(void **state)
{
	struct page *r = fx_page("Review your idea", "list");
	struct page *f = fx_page("Log in", "form");
	struct page *l = fx_page("Ideas", "list");
	struct line_said s;
	struct line_prompts pr;
	struct line_out o;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&pr, 0, sizeof(pr));
	memset(&o, 0, sizeof(o));
	fx_item(r, PAGE_ITEM_BUTTON, "Send", 0, NULL);
	assert_int_equal(page_add_action(r, ACTION_SEND, "send"), 0);
	fx_item(f, PAGE_ITEM_BUTTON, "Log in", 0, NULL);
	fx_item(l, PAGE_ITEM_LINK, "Benches", 1, NULL);
	line_said_page(&s, &pr, &o, r);
	assert_true(s.was_review);
	line_said_page(&s, &pr, &o, f);
	assert_false(s.after_review);
	line_said_page(&s, &pr, &o, r);
	line_said_page(&s, &pr, &o, l);
	assert_true(s.after_review);
	line_out_free(&o);
	line_said_clear(&s);
	line_prompts_forget(&pr);
	page_free(r);
	page_free(f);
	page_free(l);
}

/* A refused field whose state is its error (a wrong code) says the
 * error once, not on the item's line and again below it. */
static void
test_line_say_field_error_once(void **state)
{
	struct page *p = fx_page("Confirm your account", "form");
	struct page_field f;
	struct page_item *it;
	struct line_out o;

	(void)state;
	memset(&o, 0, sizeof(o));
	it = fx_field(p, &f, "Code", NULL, "1234 5678", 0);
	it->number = 2;
	assert_int_equal(field_set_error(&f, "Code: 8 digits."), 0);
	assert_int_equal(page_item_state(it, "%s", f.error), 0);
	line_say_item(&o, it, 0, 0);
	assert_string_equal(o.s, "2. Code: 1234 5678 — Code: 8 digits.\n");
	line_out_reset(&o);
	/* Without the state it is said below the item. */
	free(it->state);
	it->state = NULL;
	line_say_item(&o, it, 0, 0);
	assert_string_equal(o.s, "2. Code: 1234 5678\n   Code: 8 digits.\n");
	line_out_free(&o);
	field_clear(&f);
	page_free(p);
}

/* Issue 8: help asked for on a yes/no question says how to answer it
 * (its numbers and words) and how to go back, once. */
static void
test_line_said_help_on_question_says_answers(void **state)
{
	struct page *q = fx_page("Quit without sending?", "list");
	struct page *h = fx_page("Help: the keys of this page", "help");
	struct line_said s;
	struct line_prompts pr;
	struct line_out o;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&pr, 0, sizeof(pr));
	memset(&o, 0, sizeof(o));
	fx_item(q, PAGE_ITEM_BUTTON, "No, stay here", 0, NULL);
	fx_item(q, PAGE_ITEM_BUTTON, "Yes, quit", 0, NULL);
	assert_int_equal(page_add_action(q, ACTION_BACK, "back"), 0);
	line_said_answers(&s, h);
	assert_null(s.answers);
	line_said_answers(&s, q);
	s.logged_in = 1;
	line_said_page(&s, &pr, &o, h);
	assert_non_null(o.s);
	assert_non_null(strstr(o.s, "To answer, type a number or the answer's first word:\n"
	    "1 — No, stay here\n2 — Yes, quit\nb back\n"));
	assert_null(s.answers);
	line_out_reset(&o);
	line_said_page(&s, &pr, &o, h);
	assert_true(o.s == NULL || strstr(o.s, "To answer") == NULL);
	line_out_free(&o);
	line_said_clear(&s);
	line_prompts_forget(&pr);
	page_free(q);
	page_free(h);
}

/* Stops at the fifth call: in help, before the second group's heading. */
static int
stop_fifth(struct line_out *o, void *ud)
{
	int *calls = ud;

	(void)o;
	return ++*calls >= 5;
}

/* Issue 8: q at "-- more --" skips the rest of that page only: the
 * next changes are said; and in help, q before a group's heading says
 * neither the heading nor the line after it. */
static void
test_line_said_pager_stop_does_not_carry_over(void **state)
{
	struct page *a = fx_page("Ideas", "list");
	struct page *h = fx_page("Help: the keys of this page", "help");
	struct line_say_how how = { LINE_BRIEF, NULL, 0, 0, 0, 0, 1, NULL };
	struct line_said s;
	struct line_prompts pr;
	struct line_out o;
	int calls = 0, cut = 0;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&pr, 0, sizeof(pr));
	memset(&o, 0, sizeof(o));
	fx_item(a, PAGE_ITEM_ENTRY, "Benches", 1, NULL);
	fx_item(a, PAGE_ITEM_ENTRY, "Trees", 2, NULL);
	line_said_page(&s, &pr, &o, a);
	/* q at the last "-- more --" of the page. */
	o.stopped = 1;
	line_out_reset(&o);
	page_item_state(&a->item[1], "%s", "you support this");
	line_said_page(&s, &pr, &o, a);
	assert_non_null(o.s);
	assert_non_null(strstr(o.s, "2. Trees — you support this"));
	line_out_free(&o);

	memset(&o, 0, sizeof(o));
	fx_item(h, PAGE_ITEM_LINK, "x", ACTION_TOGGLE, "On this page")->detail = strdup("Choose");
	fx_item(h, PAGE_ITEM_LINK, "q", ACTION_QUIT, "Everywhere")->detail = strdup("Quit");
	o.more_cb = stop_fifth;
	o.ud = &calls;
	line_say_page(&o, h, &how, &cut);
	assert_non_null(strstr(o.s, "x — Choose\n"));
	assert_null(strstr(o.s, "Everywhere"));
	assert_null(strstr(o.s, "q — Quit"));
	line_out_free(&o);
	line_said_clear(&s);
	line_prompts_forget(&pr);
	page_free(a);
	page_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_said_pager_stop_does_not_carry_over),
		cmocka_unit_test(test_line_said_help_on_question_says_answers),
		cmocka_unit_test(test_line_say_field_error_once),
		cmocka_unit_test(test_line_out_degenerate),
		cmocka_unit_test(test_line_say_page_pager_stops),
		cmocka_unit_test(test_line_say_cut_text_says_words_left),
		cmocka_unit_test(test_line_say_unchanged_page),
		cmocka_unit_test(test_line_say_help_typable_shortest_first),
		cmocka_unit_test(test_line_say_question_numbers_within),
		cmocka_unit_test(test_line_say_common_state_once),
		cmocka_unit_test(test_line_say_order),
		cmocka_unit_test(test_line_said_revisit),
		cmocka_unit_test(test_line_said_unchanged_names_main_action),
		cmocka_unit_test(test_line_said_after_review_not_a_form),
		cmocka_unit_test(test_line_said_question_again_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
