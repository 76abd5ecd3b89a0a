/* test_client_line_resolve.c — line mode's decisions: what a typed line means on a page, what kind of page it is, which field or question comes next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "client/line/resolve.h"
#include "line_fixture.h"

/* A poll of five single choices. */
static struct page *
fx_poll(void)
{
	struct page *p = fx_page("Where should the bench go?", "poll");
	char label[32];
	int i;

	for (i = 1; i <= 5; i++) {
		snprintf(label, sizeof(label), "Place %d", i);
		fx_item(p, PAGE_ITEM_RADIO, label, i, "Places");
	}
	assert_int_equal(page_add_action(p, ACTION_TOGGLE, "choose"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	return p;
}

/* A survey: a choice question, a 1..5 scale, a text question. */
static struct page *
fx_survey(struct page_field *f)
{
	static const char *const q1[] = { "Yes", "Rather yes", "Rather no", "No" };
	static const char *const q2[] = { "1 — not at all", "2", "3", "4", "5 — very much" };
	struct page *p = fx_page("Packaging tax survey", "form");
	struct page_item *it;
	size_t i;

	for (i = 0; i < 4; i++)
		fx_item(p, PAGE_ITEM_RADIO, q1[i], (long)i + 1, "Question 1 of 3: Do you agree?");
	for (i = 0; i < 5; i++)
		fx_item(p, PAGE_ITEM_RADIO, q2[i], (long)i + 10, "Question 2 of 3: How much?");
	it = fx_field(p, f, "Why", "Why?", NULL, 0);
	assert_int_equal(page_item_group(it, "Question 3 of 3: Why?"), 0);
	assert_int_equal(page_add_action(p, ACTION_REVIEW, "review"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	return p;
}

static enum line_do_kind
resolve(const struct keys_map *m, const struct page *p, const char *typed, struct line_do *d)
{
	struct line_cmd c;

	line_parse(typed, &c);
	return line_resolve(m, p, &c, d);
}

static void
test_line_resolve_nothing_and_full(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_poll();
	struct line_do d;

	(void)state;
	/* Issue 8: Enter alone says what to type, with the main action. */
	assert_int_equal(resolve(m, p, "", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "Type a number and Enter, or h for help.\n");
	assert_int_equal(resolve(m, p, "  t ", &d), LINE_DO_FULL);
	fx_item(p, PAGE_ITEM_BUTTON, "Review my vote", 0, NULL);
	assert_int_equal(page_add_action(p, ACTION_REVIEW, "Review my vote"), 0);
	p->item[0].checked = 1;
	assert_int_equal(resolve(m, p, "", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "Type 6 and Enter for Review my vote, or h for help.\n");
	p->context = "help";
	assert_int_equal(resolve(m, p, "", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "Type one of the letters the prompt names and Enter.\n");
	page_free(p);
	keys_map_free(m);
}

/* Issue 8 item 6: "x 3" chooses 3, not the first item. */
static void
test_line_resolve_x_number_chooses_that_number(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_poll();
	struct line_do d;

	(void)state;
	assert_int_equal(resolve(m, p, "x 3", &d), LINE_DO_ACTION);
	assert_int_equal(d.action, ACTION_TOGGLE);
	assert_int_equal(d.at, 3);
	assert_int_equal(resolve(m, p, "x 5", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 5);
	/* A number that is not on the page is said, not acted on. */
	assert_int_equal(resolve(m, p, "x 9", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "There is no number 9 here.\n");
	/* Help is said without numbers: a number typed there is none. */
	p->context = "help";
	assert_int_equal(resolve(m, p, "3", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "There is no number 3 here.\n");
	p->context = "poll";
	assert_int_equal(resolve(m, p, "3", &d), LINE_DO_NUMBERS);
	/* x alone chooses the focus. */
	assert_int_equal(resolve(m, p, "x", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 0);
	page_free(p);
	keys_map_free(m);
}

static void
test_line_resolve_words(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_poll();
	struct line_do d;

	(void)state;
	assert_int_equal(resolve(m, p, "zzz", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "'zzz' is not a choice here. Type h for help.\n");
	assert_int_equal(resolve(m, p, "3 zzz", &d), LINE_DO_SAY);
	assert_non_null(strstr(d.say, "is not a choice here"));
	/* Line mode's own words, and global actions the page does not list. */
	assert_int_equal(resolve(m, p, "b", &d), LINE_DO_ACTION);
	assert_int_equal(d.action, ACTION_BACK);
	assert_int_equal(resolve(m, p, "q", &d), LINE_DO_ACTION);
	assert_int_equal(d.action, ACTION_QUIT);
	assert_int_equal(resolve(m, p, "?", &d), LINE_DO_ACTION);
	assert_int_equal(d.action, ACTION_HELP);
	assert_string_equal(line_word_for(ACTION_BACK), "b");
	assert_null(line_word_for(ACTION_SEND));
	/* An action the page does not offer and that is not global. */
	assert_int_equal(resolve(m, p, "send", &d), LINE_DO_SAY);
	page_free(p);
	keys_map_free(m);
}

/* Issue 8 item 7: a typed ranking replaces the whole ranking. */
static void
test_line_resolve_typed_ranking_replaces_it(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_ranking(5, 3);
	struct line_do d;
	long ids[8];

	(void)state;
	assert_int_equal(resolve(m, p, "2 4 3", &d), LINE_DO_RANK);
	/* Every option ranked now is taken out, the last choice first. */
	assert_int_equal(line_rank_taken(p, ids, 8), 3);
	assert_int_equal(ids[0], 3);
	assert_int_equal(ids[1], 2);
	assert_int_equal(ids[2], 1);
	assert_int_equal(line_rank_taken(p, ids, 2), 2);
	/* An item is found again by what it is, not where it was. */
	assert_int_equal(line_number_of(p, 2, PAGE_ITEM_RANKED), 2);
	assert_int_equal(line_number_of(p, 2, PAGE_ITEM_LINK), -1);
	assert_int_equal(line_number_of(p, 99, PAGE_ITEM_RANKED), -1);
	/* One number chooses one; a number not there is said. */
	assert_int_equal(resolve(m, p, "4", &d), LINE_DO_NUMBERS);
	assert_int_equal(resolve(m, p, "2 9", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "There is no number 9 here.\n");
	/* The button's number with options is not a ranking. */
	assert_int_equal(resolve(m, p, "1 6", &d), LINE_DO_NUMBERS);
	page_free(p);
	keys_map_free(m);
}

static void
test_line_resolve_move_asks_which(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_ranking(5, 3);
	struct line_do d;

	(void)state;
	assert_int_equal(resolve(m, p, "u", &d), LINE_DO_WHICH);
	assert_int_equal(d.action, ACTION_MOVE_UP);
	assert_int_equal(line_which_parse("4"), 4);
	assert_int_equal(line_which_parse("x"), -1);
	assert_int_equal(line_which_parse("0"), -1);
	assert_int_equal(line_resolve_at(p, &d, 2), LINE_DO_ACTION);
	assert_int_equal(d.at, 2);
	assert_int_equal(d.action, ACTION_MOVE_UP);
	assert_int_equal(line_resolve_at(p, &d, 9), LINE_DO_SAY);
	assert_int_equal(resolve(m, p, "u 2", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 2);
	page_free(p);
	keys_map_free(m);
}

static void
test_line_main_button_and_kinds(void **state)
{
	struct page *p = fx_ranking(3, 0);
	struct page *f = fx_page("Create an account", "form");
	struct page_field name;
	struct page *l = fx_page("Projects", "list");

	(void)state;
	/* A ballot names "Review my vote" once something is chosen. */
	assert_null(line_main_button(p));
	p->item[1].rank = 1;
	assert_string_equal(line_main_button(p)->label, "Review my vote");
	/* A form's button always. */
	fx_field(f, &name, "User name", "User name (3 to 32 characters)", NULL, 0);
	fx_item(f, PAGE_ITEM_BUTTON, "Register", 0, NULL);
	assert_string_equal(line_main_button(f)->label, "Register");
	assert_int_equal(line_main_button(f)->number, 2);
	/* Of several buttons the one that does what review says. */
	fx_item(f, PAGE_ITEM_BUTTON, "Another ranking", 0, NULL);
	fx_item(f, PAGE_ITEM_BUTTON, "Review and send", 0, NULL);
	assert_string_equal(line_main_button(f)->label, "Register");
	assert_int_equal(page_add_action(f, ACTION_REVIEW, "review"), 0);
	assert_string_equal(line_main_button(f)->label, "Review and send");
	assert_int_equal(line_main_button(f)->number, 4);
	assert_false(line_is_review(f));
	assert_false(line_field_errors(f));
	field_set_error(&name, "User name: at least 3 characters.");
	assert_true(line_field_errors(f));
	fx_item(l, PAGE_ITEM_LINK, "Packaging tax", 1, NULL);
	assert_null(line_main_button(l));
	assert_false(line_is_help(l));
	l->context = "help";
	assert_true(line_is_help(l));
	assert_int_equal(line_ctx(l), KEYS_CTX_HELP);
	l->context = "editor";
	assert_int_equal(line_ctx(l), KEYS_CTX_FORM);
	/* A question: buttons only, two or more. */
	assert_false(line_is_question(f));
	assert_false(line_is_question(l));
	page_free(l);
	l = fx_page("Quit without sending?", "confirm");
	fx_item(l, PAGE_ITEM_BUTTON, "No, stay here", 0, NULL);
	assert_false(line_is_question(l));
	fx_item(l, PAGE_ITEM_BUTTON, "Yes, quit", 0, NULL);
	assert_true(line_is_question(l));
	/* A page that sends with no field of its own is a review step. */
	assert_int_equal(page_add_action(l, ACTION_SEND, "send"), 0);
	assert_true(line_is_review(l));
	field_clear(&name);
	page_free(p);
	page_free(f);
	page_free(l);
}

static void
test_line_walk_start_at_first_empty_field(void **state)
{
	struct page *f = fx_page("Log in", "form");
	struct page_field a, b;

	(void)state;
	fx_field(f, &a, "User name", NULL, NULL, 0);
	fx_field(f, &b, "Password", NULL, NULL, 1);
	fx_item(f, PAGE_ITEM_BUTTON, "Log in", 0, NULL);
	assert_int_equal(line_walk_start(f), 1);
	/* The focus on a field: the walk starts there. */
	f->focus = 1;
	assert_int_equal(line_walk_start(f), 0);
	f->focus = -1;
	field_set(&a, "demo");
	assert_int_equal(line_walk_start(f), 0);
	f->context = "list";
	field_set(&a, "");
	assert_int_equal(line_walk_start(f), 0);
	field_clear(&a);
	field_clear(&b);
	page_free(f);
}

/* Issue 8 item 11: answers are numbered within their question; a scale
 * by its values; never the page's numbers of another question. */
static void
test_line_question_numbers_within_question(void **state)
{
	struct page_field why;
	struct page *p = fx_survey(&why);
	struct keys_map *m = fx_keys();
	struct line_question q;
	struct line_cmd c;
	int want[LINE_CMD_NUMS];
	char *groups[8];
	size_t i;

	(void)state;
	assert_true(line_is_questions(p));
	/* Asked one by one when opened or back to change; not after sending. */
	assert_true(line_asks_questions(p, 1, 0));
	assert_false(line_asks_questions(p, 0, 0));
	p->status = "Thank you.";
	assert_true(line_asks_questions(p, 1, 0));
	assert_false(line_asks_questions(p, 1, 1));
	p->status = NULL;
	assert_true(line_asks_questions(p, 1, 1));
	assert_int_equal(line_question_get(p, "Nothing", &q), 0);
	/* Question 1: choices 1 to 4. */
	assert_int_equal(line_question_get(p, "Question 1 of 3: Do you agree?", &q), 4);
	assert_false(q.scale);
	assert_int_equal(q.lo, 1);
	assert_int_equal(q.hi, 4);
	assert_int_equal(line_question_answer(m, p, &q, "4", &c, want), LINE_ANSWER_OK);
	assert_int_equal(want[0], 3);
	assert_string_equal(p->item[q.first + (size_t)want[0]].label, "No");
	/* An answer typed by its name, in any case, spaces around it. */
	assert_int_equal(line_question_answer(m, p, &q, "yes", &c, want), LINE_ANSWER_OK);
	assert_int_equal(want[0], 0);
	assert_int_equal(line_question_answer(m, p, &q, " RATHER NO ", &c, want), LINE_ANSWER_OK);
	assert_int_equal(want[0], 2);
	assert_int_equal(line_question_answer(m, p, &q, "rather", &c, want), LINE_ANSWER_BAD);
	/* Question 2: the scale value 4 is answer "4" (the page's number
	 * 8), not item 4 of the page (question 1's "No"). */
	assert_int_equal(line_question_get(p, "Question 2 of 3: How much?", &q), 5);
	assert_true(q.scale);
	assert_false(q.multi);
	assert_int_equal(q.lo, 1);
	assert_int_equal(q.hi, 5);
	assert_int_equal(line_question_answer(m, p, &q, "4", &c, want), LINE_ANSWER_OK);
	assert_string_equal(p->item[q.first + (size_t)want[0]].label, "4");
	assert_int_equal(q.nums[want[0]], 8);
	/* What is not allowed: out of the scale, two for one choice, words. */
	assert_int_equal(line_question_answer(m, p, &q, "6", &c, want), LINE_ANSWER_BAD);
	assert_int_equal(line_question_answer(m, p, &q, "2 3", &c, want), LINE_ANSWER_BAD);
	assert_int_equal(line_question_answer(m, p, &q, "4x", &c, want), LINE_ANSWER_BAD);
	/* A word for the page is for the loop (t, b, r); a label with its
	 * words typed whole is refused. */
	assert_int_equal(line_question_answer(m, p, &q, "r", &c, want), LINE_ANSWER_OTHER);
	assert_int_equal(line_question_answer(m, p, &q, "b", &c, want), LINE_ANSWER_OTHER);
	assert_int_equal(line_question_answer(m, p, &q, "t", &c, want), LINE_ANSWER_OTHER);
	assert_int_equal(line_question_answer(m, p, &q, "4 — much", &c, want), LINE_ANSWER_BAD);
	/* Any other word is asked again: choosing (x) or opening, "r 2",
	 * a word that means nothing here. */
	assert_int_equal(line_question_answer(m, p, &q, "x", &c, want), LINE_ANSWER_BAD);
	assert_int_equal(line_question_answer(m, p, &q, "r 2", &c, want), LINE_ANSWER_BAD);
	assert_int_equal(line_question_answer(m, p, &q, "zzz", &c, want), LINE_ANSWER_BAD);
	assert_int_equal(line_question_answer(m, p, &q, "", &c, want), LINE_ANSWER_SKIP);
	/* The questions in order. */
	assert_int_equal(line_question_groups(p, groups, 8), 3);
	assert_string_equal(groups[0], "Question 1 of 3: Do you agree?");
	assert_string_equal(groups[2], "Question 3 of 3: Why?");
	assert_int_equal(line_question_groups(p, groups + 3, 1), 1);
	for (i = 0; i < 4; i++)
		free(groups[i]);
	/* Question 3 is a text field. */
	assert_int_equal(line_question_get(p, "Question 3 of 3: Why?", &q), 1);
	assert_true(q.field);
	assert_int_equal(q.nums[0], 10);
	field_clear(&why);
	page_free(p);
	/* One question (a poll) is not a survey. */
	p = fx_poll();
	assert_false(line_is_questions(p));
	page_free(p);
	keys_map_free(m);
}

/* Issue 8 items 2, 18: a yes/no question takes the words people answer
 * with: a button's first word, or its first letter where the page has
 * nothing but buttons. */
static void
test_line_resolve_button_words(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Quit without sending?", "confirm");
	struct line_do d;

	(void)state;
	fx_item(p, PAGE_ITEM_BUTTON, "No, stay here", 0, NULL);
	fx_item(p, PAGE_ITEM_BUTTON, "Yes, quit", 0, NULL);
	assert_int_equal(resolve(m, p, "yes", &d), LINE_DO_ACTION);
	assert_int_equal(d.action, ACTION_OPEN);
	assert_int_equal(d.at, 2);
	assert_int_equal(resolve(m, p, "NO", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 1);
	assert_int_equal(resolve(m, p, "n", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 1);
	assert_int_equal(resolve(m, p, "y", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 2);
	/* Not with a number, nor a word of neither. */
	assert_int_equal(resolve(m, p, "yes 2", &d), LINE_DO_SAY);
	assert_int_equal(resolve(m, p, "stay", &d), LINE_DO_SAY);
	/* With something else to choose, a single letter is no answer. */
	fx_item(p, PAGE_ITEM_LINK, "Your draft", 5, NULL);
	assert_int_equal(resolve(m, p, "n", &d), LINE_DO_SAY);
	assert_int_equal(resolve(m, p, "no", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 1);
	page_free(p);
	/* Two buttons with the same first word: neither. */
	p = fx_page("Ja oder ja?", "confirm");
	fx_item(p, PAGE_ITEM_BUTTON, "Ja, senden", 0, NULL);
	fx_item(p, PAGE_ITEM_BUTTON, "Ja, später", 0, NULL);
	assert_int_equal(resolve(m, p, "ja", &d), LINE_DO_SAY);
	page_free(p);
	keys_map_free(m);
}

/* Issue 8 item 11: after a survey's questions a number means a question
 * (answers are numbered within it), not the page's hidden item: "4" chose
 * question 1's "No". The main button keeps its number. */
static void
test_line_resolve_survey_number_is_question(void **state)
{
	struct page_field why;
	struct page *p = fx_survey(&why);
	struct keys_map *m = fx_keys();
	struct line_do d;

	(void)state;
	assert_int_equal(line_question_count(p), 3);
	assert_int_equal(resolve(m, p, "2", &d), LINE_DO_QUESTION);
	assert_int_equal(d.at, 2);
	assert_int_equal(resolve(m, p, "4", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "To change an answer, type the number of its question, 1 to 3.\n");
	assert_int_equal(resolve(m, p, "1 2", &d), LINE_DO_SAY);
	/* "x 4" is no answer by the page's numbers either. */
	assert_int_equal(page_add_action(p, ACTION_TOGGLE, "choose"), 0);
	assert_int_equal(resolve(m, p, "x 2", &d), LINE_DO_QUESTION);
	assert_int_equal(d.at, 2);
	assert_int_equal(resolve(m, p, "x 4", &d), LINE_DO_SAY);
	assert_non_null(strstr(d.say, "type the number of its question"));
	fx_item(p, PAGE_ITEM_BUTTON, "Review and send", 0, NULL);
	assert_int_equal(resolve(m, p, "11", &d), LINE_DO_NUMBERS);
	field_clear(&why);
	page_free(p);
	keys_map_free(m);
}

/* Issue 8 items 1 and 21: Enter alone keeps only a valid text; a refused
 * one is checked (so asked) again until it is right or b leaves it. */
static void
test_line_field_typed_refused_is_asked_again(void **state)
{
	struct page_field f;

	(void)state;
	assert_int_equal(field_init(&f, "Title", NULL, 0, 0, 0), 0);
	assert_int_equal(line_field_typed(&f, 0, ""), LINE_FIELD_SET);
	assert_int_equal(field_set(&f, "q"), 0);
	assert_int_equal(line_field_typed(&f, 0, ""), LINE_FIELD_KEEP);
	assert_int_equal(line_field_typed(&f, 1, ""), LINE_FIELD_CHECK);
	assert_int_equal(line_field_typed(&f, 1, " b "), LINE_FIELD_BACK);
	/* At first b is text (a title may be "b"), and so is "b 2". */
	assert_int_equal(line_field_typed(&f, 0, "b"), LINE_FIELD_SET);
	assert_int_equal(line_field_typed(&f, 1, "b 2"), LINE_FIELD_SET);
	assert_int_equal(line_field_typed(&f, 1, "Bench"), LINE_FIELD_SET);
	/* A text the form refused at its button is checked again, too. */
	assert_int_equal(field_set_error(&f, "Title: at least 3 characters."), 0);
	assert_int_equal(line_field_typed(&f, 0, ""), LINE_FIELD_CHECK);
	field_clear(&f);
}

/* Issue 8: a title typed whole opens its item; a line of several words
 * not understood is said back whole, not its second word. */
static void
test_line_resolve_title_typed_whole(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Projects", "list");
	struct line_do d;

	(void)state;
	fx_item(p, PAGE_ITEM_LINK, "Packaging tax on take-away packaging", 1, NULL);
	fx_item(p, PAGE_ITEM_LINK, "Lokale Logistik (Local logistics)", 2, NULL);
	fx_item(p, PAGE_ITEM_LINK, "Lokale Logistik 2 (Local logistics 2)", 3, NULL);
	assert_int_equal(page_add_action(p, ACTION_OPEN, "open"), 0);
	assert_int_equal(resolve(m, p, " lokale logistik ", &d), LINE_DO_ACTION);
	assert_int_equal(d.action, ACTION_OPEN);
	assert_int_equal(d.at, 2);
	assert_int_equal(resolve(m, p, "Local Logistics", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 2);
	assert_int_equal(resolve(m, p, "Packaging tax on take-away packaging", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 1);
	assert_int_equal(resolve(m, p, "Lokale Logistik 2", &d), LINE_DO_ACTION);
	assert_int_equal(d.at, 3);
	assert_int_equal(resolve(m, p, "Lokale Logist", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "'Lokale Logist' is not a choice here. Type h for help.\n");
	assert_int_equal(resolve(m, p, "Lokale", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "'Lokale' is not a choice here. Type h for help.\n");
	/* After an action word, only the part not understood. */
	assert_int_equal(resolve(m, p, "q now", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "'now' is not a choice here. Type h for help.\n");
	page_free(p);
	keys_map_free(m);
}

/* Issue 8: on a results page the rows are no choices: a number typed
 * there says so instead of doing nothing without a word. */
static void
test_line_resolve_results_rows_take_no_number(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Results: Which event?", "results");
	struct line_do d;

	(void)state;
	fx_item(p, PAGE_ITEM_ENTRY, "Roundnet", 1, NULL)->has_bar = 1;
	fx_item(p, PAGE_ITEM_ENTRY, "Open-air reading", 2, NULL)->has_bar = 1;
	assert_false(line_item_typable(p, &p->item[0]));
	assert_int_equal(resolve(m, p, "1", &d), LINE_DO_SAY);
	assert_string_equal(d.say, "There is no number 1 here.\n");
	assert_int_equal(resolve(m, p, "", &d), LINE_DO_SAY);
	assert_null(strstr(d.say, "number"));
	p->item[1].has_bar = 0;
	assert_true(line_item_typable(p, &p->item[1]));
	assert_int_equal(resolve(m, p, "2", &d), LINE_DO_NUMBERS);
	page_free(p);
	keys_map_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_resolve_nothing_and_full),
		cmocka_unit_test(test_line_resolve_x_number_chooses_that_number),
		cmocka_unit_test(test_line_resolve_words),
		cmocka_unit_test(test_line_resolve_button_words),
		cmocka_unit_test(test_line_resolve_typed_ranking_replaces_it),
		cmocka_unit_test(test_line_resolve_move_asks_which),
		cmocka_unit_test(test_line_main_button_and_kinds),
		cmocka_unit_test(test_line_walk_start_at_first_empty_field),
		cmocka_unit_test(test_line_question_numbers_within_question),
		cmocka_unit_test(test_line_resolve_survey_number_is_question),
		cmocka_unit_test(test_line_field_typed_refused_is_asked_again),
		cmocka_unit_test(test_line_resolve_title_typed_whole),
		cmocka_unit_test(test_line_resolve_results_rows_take_no_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
