/* test_client_line_prompt.c — line mode's prompts: the main action and the way back named, only typable keys, taught once; a field's question with its value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "client/line/prompt.h"
#include "line_fixture.h"

static char *
prompt(struct line_prompts *pr, const struct keys_map *m, const struct page *p, int cut)
{
	static char buf[1024];

	return line_prompt_page(pr, m, p, cut, 0, buf, sizeof(buf));
}

static void
test_line_prompts_forget_empty(void **state)
{
	struct line_prompts pr;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	line_prompts_forget(&pr);
	line_prompts_again(&pr, "Nowhere");
	line_prompts_forget(&pr);
	assert_int_equal(pr.taught, 0);
}

/* Issue 8 item 9: a review step's prompt names its main action (the
 * number of Send) and the way back, in words that can be typed. */
static void
test_line_prompt_review_names_send_and_back(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Review your vote", "list");
	struct line_prompts pr;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	fx_item(p, PAGE_ITEM_BUTTON, "Send", 0, NULL);
	assert_int_equal(page_add_action(p, ACTION_SEND, "send"), 0);
	assert_int_equal(page_add_action(p, ACTION_REFRESH, "refresh"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	assert_int_equal(page_add_action(p, ACTION_HELP, "help"), 0);
	assert_string_equal(prompt(&pr, m, p, 0), "Number, 1 Send, h help, b back: ");
	/* Numbers and h are taught once; the main action and b stay. */
	assert_true(pr.taught & LINE_T_NUMBER);
	assert_true(pr.taught & LINE_T_HELP);
	assert_string_equal(prompt(&pr, m, p, 0), "1 Send, b back: ");
	/* Right after the review the main action is not offered again. */
	assert_string_equal(line_prompt_page(&pr, m, p, 0, 1, (char[256]){ 0 }, 256), "b back: ");
	line_prompts_forget(&pr);
	page_free(p);
	keys_map_free(m);
}

/* Issue 8 item 3: a filled registration form names Register. */
static void
test_line_prompt_form_names_register(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Create an account", "form");
	struct page_field f[3];
	struct line_prompts pr;
	char *s;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pr.taught = LINE_T_HELP | LINE_T_NUMBER;
	fx_field(p, &f[0], "User name", NULL, "anna", 0);
	fx_field(p, &f[1], "E-mail", NULL, "anna@example.org", 0);
	fx_field(p, &f[2], "Password", NULL, "geheim-geheim", 1);
	fx_item(p, PAGE_ITEM_BUTTON, "Register", 0, NULL);
	assert_int_equal(page_add_action(p, ACTION_NEXT_FIELD, "next field"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	s = prompt(&pr, m, p, 0);
	assert_string_equal(s, "4 Register, b back: ");
	/* The same page again: still the main action and the way back. */
	assert_string_equal(prompt(&pr, m, p, 0), "4 Register, b back: ");
	line_prompts_forget(&pr);
	field_clear(&f[0]);
	field_clear(&f[1]);
	field_clear(&f[2]);
	page_free(p);
	keys_map_free(m);
}

/* Only keys that can be typed: an action whose key needs a real
 * keyboard is left out, never said by its raw name. t is taught once. */
static void
test_line_prompt_typable_and_taught_once(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Projects", "list");
	struct page *q = fx_page("Ideas", "list");
	struct line_prompts pr;
	const char *s;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pr.taught = LINE_T_HELP;
	fx_item(p, PAGE_ITEM_LINK, "Packaging tax", 1, NULL);
	fx_item(q, PAGE_ITEM_LINK, "More benches", 1, NULL);
	assert_int_equal(page_add_action(p, ACTION_REFRESH, "refresh"), 0);
	assert_int_equal(page_add_action(p, ACTION_FILTER, "filter"), 0);
	assert_int_equal(page_add_action(q, ACTION_FILTER, "filter"), 0);
	s = prompt(&pr, m, p, 1);
	assert_null(strstr(s, "refresh"));
	assert_string_equal(s, "Number, t full text, f filter: ");
	/* Another page: numbers and t are known now; f is new here. */
	assert_string_equal(prompt(&pr, m, q, 1), "f filter: ");
	/* Back on the first page: nothing new, the way back or the help. */
	assert_string_equal(prompt(&pr, m, p, 1), "Your choice (h help): ");
	/* Said whole again: its prompt is full again (what was taught stays
	 * taught). */
	line_prompts_again(&pr, "Projects");
	assert_string_equal(prompt(&pr, m, p, 1), "f filter: ");
	line_prompts_forget(&pr);
	page_free(p);
	page_free(q);
	keys_map_free(m);
}

/* Issue 8 item 9: help is said without numbers; its prompt offers none. */
static void
test_line_prompt_help_no_number(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Help", "help");
	struct line_prompts pr;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pr.taught = LINE_T_HELP;
	fx_item(p, PAGE_ITEM_LINK, "b — back", ACTION_BACK, NULL)->number = 1;
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	assert_string_equal(prompt(&pr, m, p, 0), "b back: ");
	assert_false(pr.taught & LINE_T_NUMBER);
	line_prompts_forget(&pr);
	page_free(p);
	keys_map_free(m);
}

/* Issue 8: a status that asks for an action ("Press approve again")
 * gets that action's key in the prompt, though the page named it before. */
static void
test_line_prompt_names_action_the_status_asks_for(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Moderation", "list");
	struct line_prompts pr;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pr.taught = LINE_T_HELP | LINE_T_NUMBER;
	fx_item(p, PAGE_ITEM_ENTRY, "Benches", 1, NULL);
	assert_int_equal(page_add_action(p, ACTION_APPROVE, "freigeben"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	assert_string_equal(prompt(&pr, m, p, 0), "A freigeben, b back: ");
	assert_string_equal(prompt(&pr, m, p, 0), "b back: ");
	p->status = "Drücken Sie noch einmal Freigeben, um es zu veröffentlichen.";
	assert_string_equal(prompt(&pr, m, p, 0), "A freigeben, b back: ");
	line_prompts_forget(&pr);
	page_free(p);
	keys_map_free(m);
}

/* Issue 8: a results page offers no "Number": its rows open nothing. */
static void
test_line_prompt_results_no_number(void **state)
{
	struct keys_map *m = fx_keys();
	struct page *p = fx_page("Results: Which event?", "results");
	struct line_prompts pr;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pr.taught = LINE_T_HELP;
	fx_item(p, PAGE_ITEM_ENTRY, "Roundnet", 1, NULL)->has_bar = 1;
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	assert_string_equal(prompt(&pr, m, p, 0), "b back: ");
	assert_false(pr.taught & LINE_T_NUMBER);
	line_prompts_forget(&pr);
	page_free(p);
	keys_map_free(m);
}

static void
test_line_key_for(void **state)
{
	struct keys_map *m = fx_keys();
	char k[32];

	(void)state;
	line_key_for(m, KEYS_CTX_LIST, ACTION_BACK, k, sizeof(k));
	assert_string_equal(k, "b");
	line_key_for(m, KEYS_CTX_LIST, ACTION_FILTER, k, sizeof(k));
	assert_string_equal(k, "f");
	line_key_for(m, KEYS_CTX_RANKING, ACTION_MOVE_UP, k, sizeof(k));
	assert_string_equal(k, "u");
	keys_map_free(m);
}

/* Issue 8 item 1: a filled field's question shows what it holds and
 * that Enter alone keeps it. */
static void
test_line_prompt_field_shows_value(void **state)
{
	struct page *p = fx_page("New idea", "form");
	struct page_field f[4];
	struct page_item *it;
	char *s;

	(void)state;
	it = fx_field(p, &f[0], "Title", "Title (3 to 120 characters):", NULL, 0);
	assert_non_null(s = line_prompt_field(it, 1, 0));
	assert_string_equal(s, "1. Title (3 to 120 characters): ");
	free(s);
	field_set(&f[0], "Benches");
	assert_non_null(s = line_prompt_field(it, 1, 0));
	assert_string_equal(s, "1. Title (3 to 120 characters), now \"Benches\" (Enter alone keeps it): ");
	free(s);
	/* Refused: what was refused is not offered; unnumbered. */
	assert_non_null(s = line_prompt_field(it, 0, 1));
	assert_string_equal(s, "Title (3 to 120 characters), b back: ");
	free(s);
	it = fx_field(p, &f[1], "Password", NULL, "secret", 1);
	assert_non_null(s = line_prompt_field(it, 1, 0));
	assert_string_equal(s, "2. Password, entered (Enter alone keeps it): ");
	assert_null(strstr(s, "secret"));
	free(s);
	it = fx_field(p, &f[2], "Where", "Where were the ballots collected?", NULL, 0);
	assert_non_null(s = line_prompt_field(it, 1, 0));
	assert_string_equal(s, "3. Where were the ballots collected? ");
	free(s);
	assert_int_equal(field_init(&f[3], "Text", NULL, 0, 1, 0), 0);
	it = fx_item(p, PAGE_ITEM_MULTILINE, "Text", 0, NULL);
	it->field = &f[3];
	field_set(&f[3], "three words here");
	assert_non_null(s = line_prompt_field(it, 1, 0));
	assert_string_equal(s, "4. Text, now 3 words (a line with only a dot keeps it) "
	    "(several lines; a line with only a dot ends the text):\n");
	free(s);
	field_clear(&f[0]);
	field_clear(&f[1]);
	field_clear(&f[2]);
	field_clear(&f[3]);
	page_free(p);
}

static void
test_line_prompt_question(void **state)
{
	struct line_question q;
	char buf[128];

	(void)state;
	memset(&q, 0, sizeof(q));
	q.lo = 1;
	q.hi = 5;
	assert_string_equal(line_prompt_question(&q, 0, buf, sizeof(buf)), "Number 1 to 5, Enter skips: ");
	/* Asked again: what is allowed, then the question's numbers. */
	assert_string_equal(line_prompt_question(&q, 1, buf, sizeof(buf)),
	    "Please type one number from 1 to 5.\nNumber 1 to 5, Enter skips: ");
	q.multi = 1;
	assert_string_equal(line_prompt_question(&q, 0, buf, sizeof(buf)), "Numbers 1 to 5, Enter skips: ");
	assert_string_equal(line_prompt_question(&q, 1, buf, sizeof(buf)),
	    "Please type numbers from 1 to 5.\nNumbers 1 to 5, Enter skips: ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_prompt_results_no_number),
		cmocka_unit_test(test_line_prompt_names_action_the_status_asks_for),
		cmocka_unit_test(test_line_prompts_forget_empty),
		cmocka_unit_test(test_line_prompt_review_names_send_and_back),
		cmocka_unit_test(test_line_prompt_form_names_register),
		cmocka_unit_test(test_line_prompt_typable_and_taught_once),
		cmocka_unit_test(test_line_prompt_help_no_number),
		cmocka_unit_test(test_line_key_for),
		cmocka_unit_test(test_line_prompt_field_shows_value),
		cmocka_unit_test(test_line_prompt_question),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
