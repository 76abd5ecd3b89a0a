/* test_client_line_seen.c — what line mode says again of a page it said before: only what changed, or the page whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/line/seen.h"

/* A poll-like page: heading, a note, n options (ids 1..n), a button. */
static struct page *
page_poll(size_t n, const char *heading)
{
	struct page *p = page_new();
	struct page_item *it;
	char label[32];
	size_t i;

	assert_non_null(p);
	assert_int_equal(page_set_heading(p, "%s", heading), 0);
	assert_int_equal(page_add_text(p, PAGE_TEXT_NOTE, "%s", "Rank up to 3."), 0);
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof(label), "Option %zu", i + 1);
		assert_non_null(it = page_add_item(p, PAGE_ITEM_RANKED, label));
		it->id = (long)i + 1;
		page_item_state(it, "%s", "not chosen");
	}
	assert_non_null(page_add_item(p, PAGE_ITEM_BUTTON, "Review my vote"));
	return p;
}

static void
test_unchanged_page_has_no_changes(void **state)
{
	struct page *p = page_poll(5, "Poll");
	struct line_seen v;
	size_t idx[8];

	(void)state;
	memset(&v, 0, sizeof(v));
	line_seen_take(&v, p);
	assert_string_equal(v.where, "Poll");
	assert_int_equal(v.n, 6);
	assert_true(line_seen_has_text(&v, "Rank up to 3."));
	assert_false(line_seen_has_text(&v, "Rank up to 4."));
	assert_int_equal(line_seen_diff(&v, p, idx, 8), 0);
	line_seen_clear(&v);
	assert_null(v.where);
	page_free(p);
}

static void
test_a_choice_is_the_only_change(void **state)
{
	struct page *p = page_poll(5, "Poll");
	struct line_seen v;
	size_t idx[8];

	(void)state;
	memset(&v, 0, sizeof(v));
	line_seen_take(&v, p);
	p->item[2].rank = 1;
	page_item_state(&p->item[2], "%s", "your choice 1");
	assert_int_equal(line_seen_diff(&v, p, idx, 8), 1);
	assert_int_equal(idx[0], 2);
	assert_true(line_seen_state_changed(&v, &p->item[2]));
	assert_false(line_seen_state_changed(&v, &p->item[3]));
	/* At most max changes are listed; more: the page is said whole. */
	page_item_state(&p->item[3], "%s", "your choice 2");
	assert_int_equal(line_seen_diff(&v, p, idx, 1), -1);
	line_seen_clear(&v);
	page_free(p);
}

static void
test_other_page_or_other_list_is_said_whole(void **state)
{
	struct page *p = page_poll(5, "Poll"), *q = page_poll(5, "Another poll");
	struct page *fewer = page_poll(3, "Poll"), *one_more = page_poll(6, "Poll");
	struct page *two_more = page_poll(7, "Poll");
	struct line_seen v;
	size_t idx[16];

	(void)state;
	memset(&v, 0, sizeof(v));
	line_seen_take(&v, p);
	assert_int_equal(line_seen_diff(&v, q, idx, 16), -1);
	assert_int_equal(line_seen_diff(&v, fewer, idx, 16), -1);
	assert_int_equal(line_seen_diff(&v, two_more, idx, 16), -1);
	/* One more item (a new comment) is said alone: the new one and the
	 * button, which got another number. */
	assert_int_equal(line_seen_diff(&v, one_more, idx, 16), 2);
	assert_int_equal(idx[0], 5);
	assert_int_equal(idx[1], 6);
	line_seen_clear(&v);
	page_free(p);
	page_free(q);
	page_free(fewer);
	page_free(one_more);
	page_free(two_more);
}

static void
test_same_items_in_new_order_is_said_whole(void **state)
{
	struct page *p = page_poll(3, "List"), *q = page_poll(3, "List");
	struct line_seen v;
	struct page_item t;
	size_t idx[8];

	(void)state;
	memset(&v, 0, sizeof(v));
	line_seen_take(&v, p);
	/* Swap two items and their numbers: same items, another order. */
	t = q->item[0];
	q->item[0] = q->item[1];
	q->item[1] = t;
	q->item[0].number = 1;
	q->item[1].number = 2;
	assert_true(line_seen_diff(&v, q, idx, 8) != 0);
	/* Without renumbering (a sort that keeps numbers): whole page. */
	q->item[0].number = 2;
	q->item[1].number = 1;
	assert_int_equal(line_seen_diff(&v, q, idx, 8), -1);
	/* Swapped back, so each item is freed once. */
	t = q->item[0];
	q->item[0] = q->item[1];
	q->item[1] = t;
	line_seen_clear(&v);
	page_free(p);
	page_free(q);
}

static void
test_keys_tell_items_apart(void **state)
{
	struct page_item a, b;
	char *ka, *kb;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.kind = b.kind = PAGE_ITEM_CHECKBOX;
	a.id = b.id = 1;
	a.label = "Status: open";
	b.label = "Category: City Hall";
	ka = line_item_key(&a);
	kb = line_item_key(&b);
	assert_string_not_equal(ka, kb);
	free(ka);
	free(kb);
	/* What is said includes the number: a renumbered item is said again. */
	ka = line_item_said(&a);
	a.number = 3;
	kb = line_item_said(&a);
	assert_string_not_equal(ka, kb);
	free(ka);
	free(kb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged_page_has_no_changes),
		cmocka_unit_test(test_a_choice_is_the_only_change),
		cmocka_unit_test(test_other_page_or_other_list_is_said_whole),
		cmocka_unit_test(test_same_items_in_new_order_is_said_whole),
		cmocka_unit_test(test_keys_tell_items_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
