/* line_fixture.h — pages built by hand for line mode's unit tests (included by test_client_line_*.c; static helpers only). */
#ifndef MW_TESTS_LINE_FIXTURE_H
#define MW_TESTS_LINE_FIXTURE_H

#include <stdio.h>

#include "client/keys/keys.h"
#include "client/ui/field.h"
#include "client/ui/page.h"

/* A new page with this heading and keymap context; the test frees it. */
static inline struct page *
fx_page(const char *heading, const char *context)
{
	struct page *p = page_new();

	assert_non_null(p);
	assert_int_equal(page_set_heading(p, "%s", heading), 0);
	p->context = context;
	return p;
}

/* Appends an item with an id (and a group when not NULL); borrowed. */
static inline struct page_item *
fx_item(struct page *p, enum page_item_kind kind, const char *label, long id, const char *group)
{
	struct page_item *it = page_add_item(p, kind, label);

	assert_non_null(it);
	it->id = id;
	if (group != NULL)
		assert_int_equal(page_item_group(it, group), 0);
	return it;
}

/* Appends a field item on f (the test clears f); text may be NULL. */
static inline struct page_item *
fx_field(struct page *p, struct page_field *f, const char *name, const char *prompt,
    const char *text, int secret)
{
	struct page_item *it;

	assert_int_equal(field_init(f, name, prompt, 0, 0, secret), 0);
	if (text != NULL)
		assert_int_equal(field_set(f, text), 0);
	it = fx_item(p, secret ? PAGE_ITEM_PASSWORD : PAGE_ITEM_FIELD, name, 0, NULL);
	it->field = f;
	return it;
}

/* A ranking of n options ("Option 1".., ids 1..n) with the first k
 * ranked in order, a "Review my vote" button, and its actions. */
static inline struct page *
fx_ranking(size_t n, size_t k)
{
	struct page *p = fx_page("Which event?", "ranking");
	struct page_item *it;
	char label[32];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(label, sizeof(label), "Option %zu", i + 1);
		it = fx_item(p, PAGE_ITEM_RANKED, label, (long)i + 1, "Options");
		if (i < k) {
			it->rank = (int)i + 1;
			page_item_state(it, "your choice %zu", i + 1);
		}
	}
	fx_item(p, PAGE_ITEM_BUTTON, "Review my vote", 0, NULL);
	assert_int_equal(page_add_action(p, ACTION_TOGGLE, "choose"), 0);
	assert_int_equal(page_add_action(p, ACTION_MOVE_UP, "move up"), 0);
	assert_int_equal(page_add_action(p, ACTION_MOVE_DOWN, "move down"), 0);
	assert_int_equal(page_add_action(p, ACTION_REVIEW, "review"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	assert_int_equal(page_add_action(p, ACTION_HELP, "help"), 0);
	return p;
}

/* The default keymap; the test frees it. */
static inline struct keys_map *
fx_keys(void)
{
	struct keys_map *m = keys_map_new();

	assert_non_null(m);
	assert_int_equal(keys_map_load_defaults(m), 0);
	return m;
}

#endif
