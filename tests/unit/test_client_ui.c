/* test_client_ui.c — list logic, field editor, page building of every screen, and the app against the real server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <ftw.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "iso_fixture.h"
#include "client/cmd/cmd_int.h"
#include "client/ui/listwin.h"
#include "client/ui/ui.h"
#include "common/lang.h"

/* ------------------------------------------------------------ helpers */

static char tmp_home[256];

static char *
S(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static void
test_env(void)
{
	char path[300];

	if (tmp_home[0] == '\0') {
		snprintf(tmp_home, sizeof(tmp_home), "/tmp/mw-ui-test-XXXXXX");
		assert_non_null(mkdtemp(tmp_home));
	}
	setenv("HOME", tmp_home, 1);
	snprintf(path, sizeof(path), "%s/state", tmp_home);
	setenv("XDG_STATE_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/config", tmp_home);
	setenv("XDG_CONFIG_HOME", path, 1);
	unsetenv("MITWIRKUNG_API");
	setenv("LANGUAGE", "en", 1);
	i18n_init("en");
}

/* An app whose API is unreachable: canned screens never ask it. */
static struct app *
test_app(int kiosk)
{
	struct client_opts o;
	struct app *app;

	test_env();
	memset(&o, 0, sizeof(o));
	o.api_url = "http://127.0.0.1:9/api/v1";
	o.kiosk = kiosk;
	app = app_new(&o, NULL, NULL);
	assert_non_null(app);
	return app;
}

static int
has(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/* 1 when needle is anywhere a person would read it on the page. */
static int
page_has(const struct page *p, const char *needle)
{
	size_t i;

	if (has(p->heading, needle) || has(p->breadcrumb, needle) || has(p->status, needle))
		return 1;
	for (i = 0; i < p->n_text; i++)
		if (has(p->text[i].text, needle))
			return 1;
	for (i = 0; i < p->n_item; i++)
		if (has(p->item[i].label, needle) || has(p->item[i].detail, needle) ||
		    has(p->item[i].state, needle) || has(p->item[i].group, needle))
			return 1;
	return 0;
}

static void
page_dump(const struct page *p)
{
	size_t i;

	fprintf(stderr, "## %s [%s] focus %d\n", p->heading, p->context, p->focus);
	for (i = 0; i < p->n_text; i++)
		fprintf(stderr, "   %s\n", p->text[i].text);
	for (i = 0; i < p->n_item; i++)
		fprintf(stderr, "  %d. %s | %s | %s | %s\n", p->item[i].number, p->item[i].label,
		    p->item[i].state ? p->item[i].state : "", p->item[i].detail ? p->item[i].detail : "",
		    p->item[i].group ? p->item[i].group : "");
	if (p->status)
		fprintf(stderr, "   status: %s\n", p->status);
}

#define assert_page_has(p, s) do { if (!page_has((p), (s))) { page_dump(p); \
	fail_msg("page lacks \"%s\"", (s)); } } while (0)

/* Index of the first item whose label contains needle, or -1. */
static int
item_find(const struct page *p, const char *needle)
{
	size_t i;

	for (i = 0; i < p->n_item; i++)
		if (has(p->item[i].label, needle))
			return (int)i;
	return -1;
}

/* The item whose detail holds needle (a comment in the moderation queue
 * is named by its author; its text is the detail). */
static int
item_find_detail(const struct page *p, const char *needle)
{
	size_t i;

	for (i = 0; i < p->n_item; i++)
		if (has(p->item[i].detail, needle))
			return (int)i;
	return -1;
}

static void
focus_on_detail(struct app *app, const char *needle)
{
	const struct page *p = app_page(app);
	int i = item_find_detail(p, needle);

	if (i < 0)
		page_dump(p);
	assert_true(i >= 0);
	app_action(app, ACTION_JUMP, p->item[i].number);
}

/* Focuses the item with label needle (by its number, as a person types it). */
static void
focus_on(struct app *app, const char *needle)
{
	const struct page *p = app_page(app);
	int i = item_find(p, needle);

	if (i < 0)
		page_dump(p);
	assert_true(i >= 0);
	assert_int_equal(app_action(app, ACTION_JUMP, p->item[i].number), APP_OK);
	assert_int_equal(app_page(app)->focus, i);
}

static void
fill(struct app *app, const char *label, const char *text)
{
	focus_on(app, label);
	app_field_set(app, text);
}

/* Issue 8 item 2: leaving with typed text or an unsent choice asks
 * first, says where the draft is kept, and the focus is on staying. */
static void
leave_anyway(struct app *app, const char *what)
{
	const struct page *p = app_page(app);

	if (strcmp(p->heading, "Leave without sending?") != 0)
		page_dump(p);
	assert_string_equal(p->heading, "Leave without sending?");
	assert_page_has(p, what);
	assert_string_equal(page_focused(p)->label, "No, stay here");
	focus_on(app, "Yes, leave");
	app_action(app, ACTION_OPEN, 0);
}

static struct api_option
opt(long long id, const char *title, const char *desc, const char *address)
{
	struct api_option o;

	memset(&o, 0, sizeof(o));
	o.id = id;
	o.title = S(title);
	o.description = S(desc);
	if (address != NULL) {
		o.has_location = 1;
		o.address = S(address);
	}
	return o;
}

static struct api_poll *
canned_poll(const char *kind, int max, int with_ballot)
{
	struct api_poll *p = calloc(1, sizeof(*p));

	p->id = 7;
	p->project_id = 1;
	p->title = S("Welche Veranstaltungen?");
	p->question = S("Rank the events you like best.");
	p->kind = api_poll_kind_parse(kind);
	p->max_choices = max;
	p->status = API_STATUS_OPEN;
	p->opens_at = S("2026-04-01T08:00:00Z");
	p->closes_at = S("2026-04-30T22:00:00Z");
	p->results_visible = 1;
	p->n_options = 4;
	p->options = calloc(4, sizeof(*p->options));
	p->options[0] = opt(11, "Lautern tanzt", "Dancing in the street.", NULL);
	p->options[1] = opt(12, "Roundnet", NULL, NULL);
	p->options[2] = opt(13, "Kino im Park", NULL, "Stadtpark, Eingang Nord");
	p->options[3] = opt(14, "Flohmarkt", "Second hand.", NULL);
	if (with_ballot) {
		p->has_ballot = 1;
		p->n_my_ballot = 2;
		p->my_ballot = calloc(2, sizeof(long long));
		p->my_ballot[0] = 13;
		p->my_ballot[1] = 11;
	}
	return p;
}

/* ---------------------------------------------------------- list logic */

static void
test_listwin_init_empty(void **state)
{
	struct listwin w;

	(void)state;
	listwin_init(&w, 0);
	assert_int_equal(w.sel, -1);
	assert_int_equal(w.rows, 1);
	assert_int_equal(listwin_move(&w, 1), 0);
	assert_int_equal(listwin_select(&w, 0), 0);
	assert_int_equal(listwin_top_for(NULL, 0, 0, 0, 5), 0);
}

static void
test_listwin_move_clamps_and_scrolls(void **state)
{
	struct listwin w;

	(void)state;
	listwin_init(&w, 3);
	listwin_set_count(&w, 10);
	assert_int_equal(w.sel, 0);
	assert_int_equal(listwin_move(&w, -1), 0);
	assert_int_equal(listwin_move(&w, 4), 1);
	assert_int_equal(w.sel, 4);
	assert_int_equal(w.top, 2);
	listwin_page_down(&w);
	assert_int_equal(w.sel, 6);
	listwin_last(&w);
	assert_int_equal(w.sel, 9);
	assert_int_equal(w.top, 7);
	listwin_page_up(&w);
	assert_int_equal(w.sel, 7);
	listwin_first(&w);
	assert_int_equal(w.sel, 0);
	assert_int_equal(w.top, 0);
	listwin_set_count(&w, 2);
	listwin_last(&w);
	listwin_set_count(&w, 1);
	assert_int_equal(w.sel, 0);
	listwin_set_rows(&w, 1);
	assert_int_equal(w.top, 0);
}

static void
test_listwin_top_for_heights(void **state)
{
	int h[] = { 2, 3, 1, 4, 1 };

	(void)state;
	assert_int_equal(listwin_top_for(h, 5, 0, 0, 4), 0);
	assert_int_equal(listwin_top_for(h, 5, 2, 0, 4), 1);	/* 3 + 1 fit */
	assert_int_equal(listwin_top_for(h, 5, 3, 0, 4), 3);	/* tall item alone */
	assert_int_equal(listwin_top_for(h, 5, 1, 3, 4), 1);	/* going up */
	assert_int_equal(listwin_top_for(h, 5, 3, 3, 2), 3);	/* taller than the view */
}


static void
test_ui_pager_steps(void **state)
{
	struct ui_pager pg;

	(void)state;
	memset(&pg, 0, sizeof(pg));
	assert_int_equal(ui_pager_prev(&pg), 1);
	assert_int_equal(ui_pager_next(&pg, NULL), 1);
	assert_int_equal(ui_pager_next(&pg, "c2"), 0);
	assert_string_equal(pg.after, "c2");
	assert_int_equal(ui_pager_next(&pg, "c3"), 0);
	assert_int_equal(pg.n_prev, 2);
	assert_int_equal(ui_pager_prev(&pg), 0);
	assert_string_equal(pg.after, "c2");
	assert_int_equal(ui_pager_prev(&pg), 0);
	assert_null(pg.after);
	assert_int_equal(ui_pager_next(&pg, "c2"), 0);
	ui_pager_reset(&pg);
	assert_null(pg.after);
	assert_int_equal(pg.n_prev, 0);
	ui_pager_reset(&pg);
}

/* -------------------------------------------------------------- editor */

static void
test_field_clear_null(void **state)
{
	(void)state;
	field_clear(NULL);
	page_free(NULL);
}

static void
test_field_insert_utf8_moves(void **state)
{
	struct page_field f;

	(void)state;
	assert_int_equal(field_init(&f, "Title", NULL, 0, 0, 0), 0);
	assert_string_equal(f.text, "");
	field_insert(&f, "Grüße");
	assert_int_equal(f.caret, strlen("Grüße"));
	assert_int_equal(field_chars(&f), 5);
	field_left(&f);			/* before e */
	field_left(&f);			/* before ß (2 bytes) */
	assert_int_equal(f.caret, 4);
	field_backspace(&f);		/* removes ü (2 bytes) */
	assert_string_equal(f.text, "Grße");
	assert_int_equal(f.caret, 2);
	field_delete(&f);
	assert_string_equal(f.text, "Gre");
	field_home(&f, 0);
	assert_int_equal(f.caret, 0);
	field_end(&f, 0);
	assert_int_equal(f.caret, 3);
	assert_int_equal(field_right(&f), 0);
	field_clear(&f);
}

static void
test_field_combining_moves_together(void **state)
{
	struct page_field f;

	(void)state;
	field_init(&f, "x", NULL, 0, 0, 0);
	field_insert(&f, "e\xcc\x81x");	/* e + COMBINING ACUTE, x */
	field_home(&f, 0);
	field_right(&f);
	assert_int_equal(f.caret, 3);
	field_left(&f);
	assert_int_equal(f.caret, 0);
	field_delete(&f);
	assert_string_equal(f.text, "x");
	field_clear(&f);
}

static void
test_field_insert_sanitizes_and_limits(void **state)
{
	struct page_field f;

	(void)state;
	field_init(&f, "Title", NULL, 5, 0, 0);
	assert_int_equal(field_insert(&f, "a\x1b[31mb\nc"), 0);
	assert_string_equal(f.text, "ab c");	/* one line: the break becomes a space */
	assert_int_equal(field_insert(&f, "dü€f"), 1);	/* cut after 1 char */
	assert_string_equal(f.text, "ab cd");
	assert_int_equal(field_set(&f, "\xe2\x80\xaeok"), 0);	/* bidi override dropped */
	assert_string_equal(f.text, "ok");
	field_clear(&f);

	field_init(&f, "Body", NULL, 0, 1, 0);
	field_insert(&f, "one\ntwo");
	assert_string_equal(f.text, "one\ntwo");
	field_clear(&f);
}

static void
test_field_layout_wraps_with_caret(void **state)
{
	struct page_field f;
	struct text_lines l;
	size_t r, c;

	(void)state;
	field_init(&f, "Body", NULL, 0, 1, 0);
	field_set(&f, "Hallo Welt wie geht es");
	assert_int_equal(field_layout(&f, 10, &l, &r, &c), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.line[0], "Hallo Welt");
	assert_string_equal(l.line[1], "wie geht");
	assert_string_equal(l.line[2], "es");
	assert_int_equal(r, 2);
	assert_int_equal(c, 2);
	text_lines_free(&l);
	/* Up keeps the column as well as the line allows. */
	assert_int_equal(field_up(&f, 10), 1);
	assert_int_equal(f.caret, strlen("Hallo Welt wi"));
	assert_int_equal(field_up(&f, 10), 1);
	assert_int_equal(f.caret, 2);
	assert_int_equal(field_up(&f, 10), 0);
	assert_int_equal(field_down(&f, 10), 1);
	field_end(&f, 10);
	assert_int_equal(f.caret, strlen("Hallo Welt wie geht"));
	/* A long word is broken; a trailing newline gives an empty last line. */
	field_set(&f, "Donaudampfschiff\n");
	assert_int_equal(field_layout(&f, 6, &l, &r, &c), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.line[0], "Donaud");
	assert_string_equal(l.line[3], "");
	assert_int_equal(r, 3);
	assert_int_equal(c, 0);
	text_lines_free(&l);
	/* Wide characters count two columns. */
	field_set(&f, "日本語 です");
	assert_int_equal(field_layout(&f, 6, &l, &r, &c), 0);
	assert_string_equal(l.line[0], "日本語");
	assert_string_equal(l.line[1], "です");
	assert_int_equal(c, 4);
	text_lines_free(&l);
	field_clear(&f);
}

static void
test_field_layout_secret_masks(void **state)
{
	struct page_field f;
	struct text_lines l;
	size_t r, c;

	(void)state;
	field_init(&f, "Password", NULL, 0, 0, 1);
	field_layout(&f, 20, &l, &r, &c);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.line[0], "");
	text_lines_free(&l);
	field_set(&f, "pässwort");
	field_left(&f);
	field_layout(&f, 20, &l, &r, &c);
	assert_string_equal(l.line[0], "********");
	assert_int_equal(c, 7);
	text_lines_free(&l);
	field_clear(&f);
}

/* ---------------------------------------------------------------- page */

/* A later page of a list says which items it shows, not a bare total
 * that sounds like the number of items on the page. */
static void
test_ui_count_note_pages(void **state)
{
	struct page *p = page_new();

	(void)state;
	test_env();
	assert_non_null(p);
	ui_count_note(p, "Most support first", NULL, 1, 20, 32);
	ui_count_note(p, "Most support first", NULL, 21, 32, 32);
	ui_count_note(p, "Open projects", "City Hall", 1, 4, 4);
	assert_int_equal(p->n_text, 3);
	assert_string_equal(p->text[0].text, "Most support first: 20 of 32.");
	assert_string_equal(p->text[1].text, "Most support first: 21 to 32 of 32.");
	assert_string_equal(p->text[2].text, "Open projects, City Hall: 4.");
	page_free(p);
}

static void
test_page_bar_ascii(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(page_bar(0.5, 10, buf), "#####     ");
	assert_string_equal(page_bar(0.01, 10, buf), "#         ");
	assert_string_equal(page_bar(0, 4, buf), "    ");
	assert_string_equal(page_bar(2, 4, buf), "####");
	assert_string_equal(page_bar(-1, 0, buf), "");
}

static void
test_page_builders_number_items(void **state)
{
	struct page *p = page_new();
	struct page_item *it;

	(void)state;
	assert_int_equal(p->focus, -1);
	assert_null(page_focused(p));
	page_add_item(p, PAGE_ITEM_LINK, "a");
	it = page_add_item(p, PAGE_ITEM_LINK, "b");
	page_item_state(it, "%s", "[x]");
	assert_int_equal(it->number, 2);
	assert_int_equal(page_find_number(p, 2), 1);
	assert_int_equal(page_find_number(p, 3), -1);
	page_add_action(p, ACTION_OPEN, "open");
	page_add_action(p, ACTION_OPEN, "open");
	assert_int_equal(p->n_action, 1);
	assert_true(page_offers(p, ACTION_OPEN));
	page_clear(p);
	assert_int_equal(p->n_item, 0);
	page_free(p);
}

/* ------------------------------------------------------------- screens */

static void
test_app_free_null(void **state)
{
	(void)state;
	app_free(NULL);
	assert_null(app_status(NULL));
	assert_int_equal(app_action(NULL, ACTION_DOWN, 0), APP_ERR);
}

/* A page that cannot be loaded (server down) has a "Try again" button,
 * so Enter works for those who do not know F5; the reason is said once. */
static void
test_app_failed_page_try_again(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;
	size_t n;

	(void)state;
	p = app_page(app);
	assert_string_equal(p->heading, "This page could not be loaded");
	assert_page_has(p, "The projects could not be loaded.");
	assert_null(app_status(app));
	assert_int_equal(p->n_item, 1);
	assert_string_equal(p->item[0].label, "Try again");
	assert_int_equal(p->focus, 0);
	/* The page says why; the focused line need not say it again. */
	assert_null(p->refused);
	n = app_message_count(app);
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "This page could not be loaded");
	assert_int_equal(app_message_count(app), n + 1);	/* it was tried again */
	app_free(app);
}

static void
test_scr_projects_builds_list(void **state)
{
	struct app *app = test_app(0);
	struct api_project_list *l = calloc(1, sizeof(*l));
	const struct page *p;

	(void)state;
	l->n = 2;
	l->total = 2;
	l->items = calloc(2, sizeof(*l->items));
	l->items[0].id = 1;
	l->items[0].title = S("Stadt.Raum.Wir.");
	l->items[0].summary = S("Public space for everyone.");
	l->items[0].status = API_STATUS_OPEN;
	l->items[0].ends_at = S("2026-04-30T22:00:00Z");
	l->items[1].id = 2;
	l->items[1].title = S("Lokale Logistik");
	l->items[1].status = API_STATUS_CLOSED;
	l->items[1].ends_at = S("2026-05-01");
	assert_int_equal(scr_projects_with(app, l), 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Projects");
	assert_string_equal(p->context, "list");
	assert_int_equal(p->n_item, 2);
	assert_int_equal(p->focus, 0);
	assert_int_equal(p->item[0].number, 1);
	assert_int_equal(p->item[0].kind, PAGE_ITEM_LINK);
	assert_string_equal(p->item[0].state, "open until 30 April 2026");
	assert_string_equal(p->item[1].state, "closed on 1 May 2026");
	assert_page_has(p, "Open projects: 2.");
	assert_true(page_offers(p, ACTION_FILTER));
	assert_true(page_offers(p, ACTION_BACK));
	app_action(app, ACTION_DOWN, 0);
	assert_int_equal(app_page(app)->focus, 1);
	app_action(app, ACTION_DOWN, 0);
	assert_int_equal(app_page(app)->focus, 1);
	app_action(app, ACTION_JUMP, 5);
	assert_page_has(app_page(app), "There is no item 5");
	/* The filter screen chooses status and category. */
	app_action(app, ACTION_FILTER, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Filter projects");
	assert_int_equal(p->item[0].kind, PAGE_ITEM_RADIO);
	assert_string_equal(p->item[0].state, "(*)");
	focus_on(app, "closed projects");
	app_action(app, ACTION_TOGGLE, 0);
	p = app_page(app);
	assert_string_equal(p->item[2].state, "(*)");
	assert_string_equal(p->item[0].state, "( )");
	focus_on(app, "City Hall");
	app_action(app, ACTION_TOGGLE, 0);
	assert_page_has(app_page(app), "Showing closed projects, City Hall.");
	app_free(app);
}

static struct api_comment_list *
canned_comments(void)
{
	struct api_comment_list *c = calloc(1, sizeof(*c));

	c->n = 2;
	c->total = 2;
	c->items = calloc(2, sizeof(*c->items));
	c->items[0].id = 31;
	c->items[0].author = S("Anna");
	c->items[0].body = S("Good idea.\nReally.");
	c->items[0].created_at = S("2026-04-03T10:00:00Z");
	c->items[0].status = API_STATUS_PUBLISHED;
	c->items[1].id = 32;
	c->items[1].parent_id = 31;
	c->items[1].author = S("Ben");
	c->items[1].body = S("I agree.");
	c->items[1].created_at = S("2026-04-04T10:00:00Z");
	c->items[1].status = API_STATUS_PENDING;
	return c;
}

static void
test_scr_project_builds_groups(void **state)
{
	struct app *app = test_app(0);
	struct api_project *pr = calloc(1, sizeof(*pr));
	const struct page *p;
	int i;

	(void)state;
	pr->id = 1;
	pr->title = S("Stadt.Raum.Wir.");
	pr->summary = S("Short.");
	pr->status = API_STATUS_OPEN;
	pr->category = S("smart-city");
	pr->starts_at = S("2026-03-01");
	pr->ends_at = S("2026-04-30");
	pr->n_ideas = 12;
	pr->n_comments = 2;
	pr->n_participants = 40;
	pr->description = S("First paragraph.\n\nSecond paragraph.");
	pr->has_formats = 1;
	pr->ideas_open = 1;
	pr->n_polls = 1;
	pr->polls = calloc(1, sizeof(*pr->polls));
	pr->polls[0].id = 7;
	pr->polls[0].title = S("Events");
	pr->polls[0].kind = API_POLL_RANKING;
	pr->polls[0].status = API_STATUS_OPEN;
	pr->n_surveys = 1;
	pr->surveys = calloc(1, sizeof(*pr->surveys));
	pr->surveys[0].id = 9;
	pr->surveys[0].title = S("Box survey");
	pr->surveys[0].status = API_STATUS_CLOSED;
	assert_int_equal(scr_project_with(app, pr, canned_comments()), 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Stadt.Raum.Wir.");
	/* Open: until when, not since when (spoken in line mode). */
	assert_page_has(p, "Smart City, open until 30 April 2026.");
	assert_page_has(p, "40 participants.");
	assert_page_has(p, "Second paragraph.");
	assert_true(item_find(p, "All ideas (12)") >= 0);
	assert_true(item_find(p, "Write a new idea") >= 0);
	/* What can be done now leads: the open poll, then the rest. */
	assert_int_equal(item_find(p, "Events"), 0);
	assert_int_equal(p->focus, 0);
	assert_true(item_find(p, "All ideas (12)") > item_find(p, "Box survey"));
	i = item_find(p, "Events");
	assert_string_equal(p->item[i].group, "Polls");
	assert_string_equal(p->item[i].state, "ranking, open");
	i = item_find(p, "Ben");
	assert_true(i >= 0);
	assert_int_equal(p->item[i].indent, 1);
	assert_string_equal(p->item[i].state, "waiting for moderation");
	assert_string_equal(p->item[i].group, "Comments (2)");
	assert_true(page_offers(p, ACTION_NEW_IDEA));
	/* Reply on a reply answers its top comment, in a form with a draft. */
	focus_on(app, "Ben");
	app_action(app, ACTION_REPLY, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Reply");
	assert_string_equal(p->context, "editor");
	assert_int_equal(p->item[0].kind, PAGE_ITEM_MULTILINE);
	assert_non_null(p->item[0].field);
	assert_true(p->item[0].field->multiline);
	app_input_text(app, "Me too.");
	app_action(app, ACTION_BACK, 0);
	leave_anyway(app, "Your comment is not sent. If you leave, it is kept as a draft");
	focus_on(app, "Ben");
	app_action(app, ACTION_REPLY, 0);
	assert_string_equal(app_page(app)->item[0].field->text, "Me too.");
	app_free(app);
}

/* A published reply says whom it answers: indentation alone is lost on a
 * screen reader, and a lone "reply" reads like the verb. */
static void
test_scr_idea_reply_names_parent(void **state)
{
	struct app *app = test_app(0);
	struct api_idea *i = calloc(1, sizeof(*i));
	struct api_comment_list *c = canned_comments();
	const struct page *p;
	int k;

	(void)state;
	i->id = 5;
	i->title = S("More benches");
	i->author = S("Anna");
	i->status = API_STATUS_PUBLISHED;
	i->created_at = S("2026-04-02T10:00:00Z");
	i->body = S("Benches on the square.");
	c->items[1].status = API_STATUS_PUBLISHED;
	assert_int_equal(scr_idea_with(app, i, c), 0);
	p = app_page(app);
	k = item_find(p, "Ben");
	assert_true(k >= 0);
	assert_true(p->item[k].indent);
	assert_string_equal(p->item[k].state, "Reply to: Anna");
	k = item_find(p, "Anna,");
	assert_true(k >= 0);
	assert_null(p->item[k].state);
	app_free(app);
}

static void
test_scr_ideas_and_idea(void **state)
{
	struct app *app = test_app(0);
	struct api_idea_list *l = calloc(1, sizeof(*l));
	struct api_idea *i = calloc(1, sizeof(*i));
	const struct page *p;

	(void)state;
	l->n = 2;
	l->total = 30;
	l->next = S("cursor2");
	l->items = calloc(2, sizeof(*l->items));
	l->items[0].id = 5;
	l->items[0].title = S("More benches");
	l->items[0].author = S("Anna");
	l->items[0].status = API_STATUS_PUBLISHED;
	l->items[0].supports = 12;
	l->items[0].comments = 3;
	l->items[0].supported_by_me = 1;
	l->items[1].id = 6;
	l->items[1].title = S("Trees");
	l->items[1].author = S("Me");
	l->items[1].status = API_STATUS_PENDING;
	assert_int_equal(scr_ideas_with(app, 1, "Stadt.Raum.Wir.", l), 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Ideas");
	assert_string_equal(p->breadcrumb, "Projects / Stadt.Raum.Wir.");
	assert_page_has(p, "Most support first: 2 of 30.");
	assert_string_equal(p->item[0].state, "you support this");
	assert_string_equal(p->item[0].detail, "12 supports, 3 comments, by Anna");
	assert_string_equal(p->item[1].state, "waiting for moderation");
	assert_true(item_find(p, "More ideas") >= 0);
	assert_true(page_offers(p, ACTION_NEXT_PAGE));
	assert_true(page_offers(p, ACTION_SORT));

	i->id = 5;
	i->title = S("More benches");
	i->author = S("Anna");
	i->created_at = S("2026-04-02T09:00:00Z");
	i->status = API_STATUS_PUBLISHED;
	i->supports = 1;
	i->supported_by_me = 0;
	i->body = S("Benches on the square.\n\nAnd in the park.");
	assert_int_equal(scr_idea_with(app, i, canned_comments()), 0);
	p = app_page(app);
	assert_page_has(p, "Anna, 2 April 2026.");
	assert_page_has(p, "1 support.");
	assert_page_has(p, "And in the park.");
	assert_string_equal(p->item[0].label, "Support this idea");
	assert_true(page_offers(p, ACTION_SUPPORT));
	assert_true(item_find(p, "Write a comment") >= 0);
	/* Supporting needs a login: the login screen opens, nothing is lost. */
	app_action(app, ACTION_SUPPORT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	assert_page_has(p, "Please log in to support ideas.");
	app_free(app);
}

static void
test_scr_poll_single(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_poll_with(app, canned_poll("single", 1, 0)), 0);
	p = app_page(app);
	assert_string_equal(p->context, "poll");
	assert_int_equal(p->item[0].kind, PAGE_ITEM_RADIO);
	assert_string_equal(p->item[0].state, "( )");
	assert_page_has(p, "Choose one option.");
	assert_page_has(p, "Open until 30 April 2026.");
	/* A place is said in words: address and description. */
	assert_string_equal(p->item[2].detail, "Address: Stadtpark, Eingang Nord");
	app_action(app, ACTION_TOGGLE, 0);
	focus_on(app, "Roundnet");
	app_action(app, ACTION_TOGGLE, 0);
	p = app_page(app);
	assert_string_equal(p->item[0].state, "( )");
	assert_string_equal(p->item[1].state, "(*)");
	assert_true(p->item[1].checked);
	/* Moving never chooses. */
	app_action(app, ACTION_DOWN, 0);
	assert_string_equal(app_page(app)->item[2].state, "( )");
	app_free(app);
}

static void
test_scr_poll_multiple_refuses_more_than_max(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_poll_with(app, canned_poll("multiple", 2, 0)), 0);
	p = app_page(app);
	assert_int_equal(p->item[0].kind, PAGE_ITEM_CHECKBOX);
	/* Nothing chosen yet: no count, each option says "[ ]". */
	assert_false(page_has(p, "of 2 chosen"));
	focus_on(app, "Lautern");
	app_action(app, ACTION_TOGGLE, 0);
	focus_on(app, "Roundnet");
	app_action(app, ACTION_TOGGLE, 0);
	focus_on(app, "Kino");
	app_action(app, ACTION_TOGGLE, 0);
	p = app_page(app);
	assert_page_has(p, "2 of 2 chosen.");
	assert_page_has(p, "You can choose at most 2.");
	assert_string_equal(p->item[0].state, "[x]");
	assert_string_equal(p->item[2].state, "[ ]");
	/* Unchecking frees a place. */
	focus_on(app, "Lautern");
	app_action(app, ACTION_TOGGLE, 0);
	assert_page_has(app_page(app), "1 of 2 chosen.");
	app_free(app);
}

static void
test_scr_poll_ranking_review(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 0)), 0);
	p = app_page(app);
	assert_string_equal(p->context, "ranking");
	assert_int_equal(p->item[0].kind, PAGE_ITEM_RANKED);
	assert_string_equal(p->item[0].state, "not chosen");
	/* Review with nothing chosen is refused. */
	app_action(app, ACTION_REVIEW, 0);
	assert_page_has(app_page(app), "Choose at least one option first.");
	focus_on(app, "Kino");
	app_action(app, ACTION_TOGGLE, 0);
	p = app_page(app);
	/* The chosen option keeps its place (and number); its rank is its state. */
	assert_string_equal(p->item[2].label, "Kino im Park");
	assert_string_equal(p->item[2].state, "your choice 1");
	assert_int_equal(p->item[2].rank, 1);
	assert_int_equal(p->focus, 2);
	focus_on(app, "Lautern");
	app_action(app, ACTION_TOGGLE, 0);
	focus_on(app, "Flohmarkt");
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_page_has(p, "3 of 3 chosen.");
	assert_string_equal(p->item[3].label, "Flohmarkt");
	assert_string_equal(p->item[3].state, "your choice 3");
	assert_int_equal(p->focus, 3);
	focus_on(app, "Roundnet");
	app_action(app, ACTION_TOGGLE, 0);
	assert_page_has(app_page(app), "You can choose at most 3.");
	/* Reorder: Flohmarkt up to 2. */
	focus_on(app, "Flohmarkt");
	app_action(app, ACTION_MOVE_UP, 0);
	p = app_page(app);
	assert_string_equal(p->item[3].label, "Flohmarkt");
	assert_string_equal(p->item[3].state, "your choice 2");
	assert_string_equal(p->item[0].state, "your choice 3");
	assert_int_equal(p->focus, 3);
	focus_on(app, "Kino");
	app_action(app, ACTION_MOVE_UP, 0);
	assert_page_has(app_page(app), "This is already your first choice.");
	/* Review shows the order; edit goes back with nothing lost. */
	app_action(app, ACTION_REVIEW, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Check before sending");
	assert_page_has(p, "Your vote: 1. Kino im Park, 2. Flohmarkt, 3. Lautern tanzt.");
	assert_string_equal(p->context, "poll");
	assert_true(page_offers(p, ACTION_SEND));
	assert_true(page_offers(p, ACTION_EDIT));
	app_action(app, ACTION_EDIT, 0);
	p = app_page(app);
	assert_string_equal(p->item[0].label, "Lautern tanzt");
	assert_string_equal(p->item[0].state, "your choice 3");
	/* Sending without a login opens the login and keeps the ballot. */
	app_action(app, ACTION_REVIEW, 0);
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	app_action(app, ACTION_BACK, 0);
	assert_string_equal(app_page(app)->heading, "Check before sending");
	app_action(app, ACTION_BACK, 0);
	app_action(app, ACTION_BACK, 0);
	/* Leaving the poll keeps the unsent choices as a draft. */
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 0)), 0);
	app_free(app);
}

static void
test_scr_poll_shows_own_ballot(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 1)), 0);
	p = app_page(app);
	assert_page_has(p, "Your vote is saved: 1. Kino im Park, 2. Lautern tanzt. You can change or withdraw it until 30 April 2026.");
	assert_string_equal(p->item[0].state, "your choice 2");
	assert_string_equal(p->item[2].state, "your choice 1");
	/* "Withdraw my vote" comes after "Results": sending renumbers nothing. */
	assert_true(item_find(p, "Withdraw my vote") > item_find(p, "Results"));
	assert_true(page_offers(p, ACTION_WITHDRAW));
	app_free(app);
}

static void
test_scr_poll_closed_and_report(void **state)
{
	struct app *app = test_app(0);
	struct api_poll *po = canned_poll("multiple", 2, 1);
	struct api_idea *i = calloc(1, sizeof(*i));
	const struct page *p;

	(void)state;
	po->status = API_STATUS_CLOSED;
	assert_int_equal(scr_poll_with(app, po), 0);
	p = app_page(app);
	assert_page_has(p, "This poll closed on 30 April 2026.");
	assert_page_has(p, "Your vote: Kino im Park, Lautern tanzt.");
	assert_int_equal(p->item[0].kind, PAGE_ITEM_ENTRY);
	assert_string_equal(p->item[0].state, "your choice");
	assert_null(p->item[1].state);
	assert_true(item_find(p, "Review my vote") < 0);
	assert_false(page_offers(p, ACTION_TOGGLE));
	assert_true(page_offers(p, ACTION_RESULTS));
	app_action(app, ACTION_TOGGLE, 0);
	assert_null(app_page(app)->status);

	/* Reporting a reply reports that reply; replying to it answers its top comment. */
	i->id = 5;
	i->title = S("More benches");
	i->author = S("Anna");
	i->status = API_STATUS_PUBLISHED;
	i->body = S("Benches.");
	assert_int_equal(scr_idea_with(app, i, canned_comments()), 0);
	focus_on(app, "Ben");
	assert_int_equal(app_page(app)->item[app_page(app)->focus].id, 32);
	{
		struct api_comment_list *cl = canned_comments();

		assert_int_equal(ui_reply_target(cl, 32), 31);
		assert_int_equal(ui_reply_target(cl, 31), 31);
		assert_int_equal(ui_reply_target(NULL, 7), 7);
		api_comment_list_free(cl);
	}
	app_action(app, ACTION_REPORT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Report a comment");
	assert_page_has(p, "About: I agree.");
	app_action(app, ACTION_SEND, 0);
	assert_page_has(app_page(app), "Reason: please fill this in.");
	app_free(app);
}

static void
test_scr_results_bars_and_numbers(void **state)
{
	struct app *app = test_app(0);
	struct api_results *r = calloc(1, sizeof(*r));
	const struct page *p;

	(void)state;
	r->poll_id = 7;
	r->kind = API_POLL_SINGLE;
	r->final = 1;
	r->ballots_online = 30;
	r->ballots_analog = 12;
	r->ballots_total = 120;
	r->n_options = 2;
	r->options = calloc(2, sizeof(*r->options));
	r->options[0].id = 11;
	r->options[0].title = S("Roundnet");
	r->options[0].total = 1;
	r->options[0].share = 0.0083;
	r->options[0].rank = 2;
	r->options[1].id = 12;
	r->options[1].title = S("Lautern tanzt");
	r->options[1].online = 30;
	r->options[1].analog = 12;
	r->options[1].total = 42;
	r->options[1].share = 0.35;
	r->options[1].rank = 1;
	assert_int_equal(scr_results_with(app, "Events", r), 0);
	p = app_page(app);
	assert_string_equal(p->context, "results");
	assert_string_equal(p->heading, "Results: Events");
	assert_page_has(p, "Final results.");
	assert_page_has(p, "Ballots: 30 online, 12 on paper, 120 in total.");
	assert_string_equal(p->item[0].label, "Lautern tanzt");
	assert_string_equal(p->item[0].detail, "42 votes, 35.0%, rank 1 — 30 online, 12 paper");
	assert_true(p->item[0].has_bar);
	assert_true(p->item[0].bar > 0.34 && p->item[0].bar < 0.36);
	assert_null(p->item[1].state);	/* the rank is in the numbers */
	assert_int_equal(p->item[1].rank, 2);
	/* One vote is "1 vote" (ngettext), not "1 votes". */
	assert_string_equal(p->item[1].detail, "1 vote, 0.8%, rank 2 — 0 online, 0 paper");
	app_free(app);
}

static void
test_scr_login_form_names_field(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	app_action(app, ACTION_LOGIN, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	assert_string_equal(p->context, "editor");
	assert_int_equal(p->item[1].kind, PAGE_ITEM_PASSWORD);
	assert_true(p->item[1].field->secret);
	assert_non_null(p->item[0].field->prompt);
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "User name or e-mail: please fill this in.");
	assert_int_equal(p->focus, 0);
	assert_string_equal(p->item[0].field->error, "User name or e-mail: please fill this in.");
	/* Editing keys work on the focused field. */
	app_input_text(app, "anna");
	app_edit(app, APP_EDIT_BACKSPACE);
	app_edit(app, APP_EDIT_HOME);
	app_input_text(app, "x");
	assert_string_equal(app_page(app)->item[0].field->text, "xann");
	assert_null(app_page(app)->item[0].field->error);
	app_edit(app, APP_EDIT_NEWLINE);	/* one-line field: next field */
	assert_int_equal(app_page(app)->focus, 1);
	app_field_set(app, "secret");
	assert_string_equal(app_page(app)->item[1].field->text, "secret");
	app_action(app, ACTION_NEXT_FIELD, 0);
	assert_string_equal(app_page(app)->context, "form");
	/* Enter in the last field sends; the server is not there. */
	app_action(app, ACTION_UP, 0);
	app_field_set(app, "secret");
	app_edit(app, APP_EDIT_NEWLINE);
	p = app_page(app);
	assert_page_has(p, "You are not logged in. ");
	assert_string_equal(p->heading, "Log in");
	assert_string_equal(p->item[0].field->text, "xann");
	assert_string_equal(p->item[1].field->text, "");
	app_free(app);
}

/* A user name the platform would refuse is caught before sending (no
 * request on a slow link) and the error says what is allowed. */
static void
test_scr_register_names_rule(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	app_action(app, ACTION_REGISTER, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Register");
	fill(app, "User name", "Grete Müller");
	fill(app, "E-mail", "grete@example.org");
	fill(app, "Password", "langespasswort");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Register");
	assert_int_equal(p->focus, 0);
	assert_string_equal(p->item[0].field->error, "User name: 3 to 32 of a-z, 0-9, . _ -.");
	assert_string_equal(app_status(app), "User name: 3 to 32 of a-z, 0-9, . _ -.");
	/* A good name goes on to the server (which is not there here). */
	fill(app, "User name", "grete.m");
	app_action(app, ACTION_SEND, 0);
	assert_page_has(app_page(app), "The account was not created.");
	assert_null(app_page(app)->item[0].field->error);
	app_free(app);
}

/* Issue 8 item 21: in the full screen a field is checked as the focus
 * leaves it, not only by Register; the person may still go on. */
static void
test_scr_register_checks_field_on_leave(void **state)
{
	const char *rule = "User name: 3 to 32 characters, only small letters a-z, "
	    "digits 0-9 and . _ - (no spaces, no capitals).";
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	/* Line mode asks a refused field again itself: nothing on leave. */
	app_action(app, ACTION_REGISTER, 0);
	app_input_text(app, "Neu X");
	app_action(app, ACTION_NEXT_FIELD, 0);
	p = app_page(app);
	assert_int_equal(p->focus, 1);
	assert_null(p->item[0].field->error);
	assert_null(app_status(app));
	app_action(app, ACTION_PREV_FIELD, 0);

	app_set_leave_check(app, 1);
	app_action(app, ACTION_NEXT_FIELD, 0);
	p = app_page(app);
	/* Not trapped: the focus went on; the text stays, the error on it. */
	assert_int_equal(p->focus, 1);
	assert_string_equal(p->item[0].field->text, "Neu X");
	assert_string_equal(p->item[0].field->error, rule);
	assert_string_equal(p->item[0].state, rule);
	assert_string_equal(app_status(app), rule);
	app_status_clear(app);
	/* An empty field left, required or optional: no error yet. */
	app_edit(app, APP_EDIT_NEWLINE);
	app_action(app, ACTION_DOWN, 0);
	p = app_page(app);
	assert_int_equal(p->focus, 3);
	assert_null(p->item[1].field->error);
	assert_null(p->item[2].field->error);
	assert_null(app_status(app));
	/* A password too short, left with the arrow up. */
	app_input_text(app, "kurz");
	app_action(app, ACTION_UP, 0);
	p = app_page(app);
	assert_int_equal(p->focus, 2);
	assert_string_equal(p->item[3].field->error, "Password: at least 8 characters, you have 4.");
	assert_string_equal(app_status(app), "Password: at least 8 characters, you have 4.");
	/* Passing the user name again without typing keeps its error. */
	app_status_clear(app);
	app_action(app, ACTION_JUMP, 1);
	app_action(app, ACTION_NEXT_FIELD, 0);
	p = app_page(app);
	assert_string_equal(p->item[0].field->error, rule);
	/* Typing clears it; a good name left is taken without a word. */
	app_action(app, ACTION_JUMP, 1);
	app_field_set(app, "neu.x");
	assert_null(app_page(app)->item[0].field->error);
	app_action(app, ACTION_NEXT_FIELD, 0);
	p = app_page(app);
	assert_null(p->item[0].field->error);
	assert_null(app_status(app));
	/* The final action still checks everything. */
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_int_equal(p->focus, 1);
	assert_string_equal(p->item[1].field->error, "E-mail: please fill this in.");
	app_free(app);
}

static void
test_scr_comment_network_down_keeps_text(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	/* A login the unreachable server would have given. */
	assert_int_equal(api_set_token(app->api, "tok"), 0);
	assert_int_equal(scr_comment_form_open(app, 5, 0, 0, "More benches"), 0);
	app_input_text(app, "Ja, bitte mehr Bänke.");
	app_action(app, ACTION_SEND, 0);
	assert_string_equal(app_page(app)->heading, "Check before sending");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Check before sending");
	/* What failed and that nothing is lost come first; the reason
	 * (long with the server's address) after them. */
	assert_true(has(app_status(app), "Your comment was not sent. What you entered is kept. "));
	assert_true(strstr(app_status(app), "kept") < strstr(app_status(app), "http://"));
	/* The focused line ("1. Send", where a braille window is) says it
	 * too, until the next key or another item has the focus. */
	assert_string_equal(page_focused(p)->label, "Send");
	assert_string_equal(p->refused, app_status(app));
	app_action(app, ACTION_DOWN, 0);
	assert_null(app_page(app)->refused);
	app_action(app, ACTION_UP, 0);
	assert_non_null(app_page(app)->refused);
	app_status_clear(app);
	assert_null(app_page(app)->refused);
	app_action(app, ACTION_EDIT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "New comment");
	assert_string_equal(p->item[0].field->text, "Ja, bitte mehr Bänke.");
	app_free(app);
}

static void
test_scr_idea_form_checks_and_keeps_draft(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_idea_form_open(app, 1, "Stadt.Raum.Wir."), 0);
	p = app_page(app);
	assert_string_equal(p->heading, "New idea");
	app_input_text(app, "Ba");
	app_action(app, ACTION_NEXT_FIELD, 0);
	/* Enter on the empty text box (to "open" it) adds no empty line. */
	app_edit(app, APP_EDIT_NEWLINE);
	assert_string_equal(app_page(app)->item[1].field->text, "");
	app_input_text(app, "Benches on the square, please.\nMany.");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "Title: at least 3 characters, you have 2.");
	assert_int_equal(p->focus, 0);
	app_edit(app, APP_EDIT_END);
	app_input_text(app, "nke");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Check before sending");
	assert_page_has(p, "Banke");
	assert_page_has(p, "Benches on the square, please.\nMany.");
	app_action(app, ACTION_EDIT, 0);
	/* Staying keeps the form as it is. */
	app_action(app, ACTION_BACK, 0);
	app_action(app, ACTION_OPEN, 0);
	assert_string_equal(app_page(app)->heading, "New idea");
	app_action(app, ACTION_BACK, 0);
	leave_anyway(app, "Your idea is not sent.");
	/* Back on the list, told that nothing is lost; opening the form
	 * again brings the text back. */
	assert_string_equal(app_status(app),
	    "What you entered is kept; it is there again when you come back.");
	assert_int_equal(scr_idea_form_open(app, 1, "Stadt.Raum.Wir."), 0);
	p = app_page(app);
	assert_string_equal(p->item[0].field->text, "Banke");
	assert_string_equal(p->item[1].field->text, "Benches on the square, please.\nMany.");
	/* Kiosk reset wipes drafts and messages. */
	app_reset(app);
	assert_int_equal(app_message_count(app), 0);
	assert_int_equal(scr_idea_form_open(app, 1, "Stadt.Raum.Wir."), 0);
	assert_string_equal(app_page(app)->item[0].field->text, "");
	/* Leaving an empty form says nothing about keeping. */
	app_status_clear(app);
	app_action(app, ACTION_BACK, 0);
	assert_true(app_status(app) == NULL || strstr(app_status(app), "is kept") == NULL);
	app_free(app);
}

static void
test_scr_help_and_messages(void **state)
{
	struct app *app = test_app(1);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 0)), 0);
	app_page(app);
	app_action(app, ACTION_HELP, 0);
	p = app_page(app);
	assert_string_equal(p->context, "help");
	assert_string_equal(p->heading, "Help: the keys of this page");
	assert_true(p->n_item > 5);
	assert_page_has(p, "On this page");
	/* Issue 8 item 22: the platform's words in one sentence each. */
	assert_true(item_find(p, "Support: ") >= 0);
	assert_true(item_find(p, "Ranking: ") >= 0);
	assert_true(item_find(p, "Points: in a ranking your first choice") >= 0);
	assert_true(item_find(p, "Moderation: ") >= 0);
	assert_string_equal(p->item[item_find(p, "Points: ")].group, "Words used here");
	/* No screen searches: the help does not offer a key that does nothing. */
	assert_false(page_has(p, "Search"));
	app_action(app, ACTION_BACK, 0);
	app_action(app, ACTION_TOGGLE, 0);
	app_action(app, ACTION_MESSAGES, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Messages");
	assert_page_has(p, "is your choice 1");
	/* Kiosk: quit asks first, and ending the session goes home. */
	app_action(app, ACTION_QUIT, 0);
	assert_string_equal(app_page(app)->heading, "End your session?");
	assert_int_equal(app_action(app, ACTION_QUIT, 0), APP_OK);
	assert_int_equal(app_message_count(app), 0);
	assert_null(app_status(app));
	assert_string_equal(app_page(app)->heading, "This page could not be loaded");
	/* Nothing to wipe now: back on the first page says where it is
	 * and does not offer to end a session. */
	assert_false(page_offers(app_page(app), ACTION_BACK));
	assert_int_equal(app_action(app, ACTION_BACK, 0), APP_OK);
	assert_string_equal(app_status(app), "This is the first page.");
	assert_string_equal(app_page(app)->heading, "This page could not be loaded");
	app_free(app);
}


/* Own ideas, comments and votes as the account page shows them: the
 * moderation state in words with the reason, where each belongs. */
static struct api_activity *
canned_activity(void)
{
	struct api_activity *a = calloc(1, sizeof(*a));
	struct api_my_ballot *b;

	assert_non_null(a);
	a->n_ideas = 2;
	a->ideas = calloc(2, sizeof(*a->ideas));
	a->ideas[0] = (struct api_my_idea){ .id = 4, .project_id = 1, .title = S("Trinkbrunnen"),
	    .status = API_STATUS_PENDING, .project_title = S("Stadt.Raum.Wir.") };
	a->ideas[1] = (struct api_my_idea){ .id = 9, .project_id = 1, .title = S("Noch ein Brunnen"),
	    .status = API_STATUS_REJECTED, .moderation_reason = S("Doppelt:\nsiehe Trinkbrunnen.") };
	a->n_comments = 2;
	a->comments = calloc(2, sizeof(*a->comments));
	a->comments[0] = (struct api_my_comment){ .id = 11, .idea_id = 7, .project_id = 1,
	    .body = S("Gute Idee, aber bitte mit\nSchatten und Bänken rundherum, für alle."),
	    .status = API_STATUS_PUBLISHED, .idea_title = S("Sonnensegel"), .project_title = S("Stadt.Raum.Wir.") };
	a->comments[1] = (struct api_my_comment){ .id = 12, .project_id = 2, .body = S("Kurz."),
	    .status = API_STATUS_HIDDEN, .moderation_reason = S("Beleidigend") };
	a->n_ballots = 1;
	a->ballots = calloc(1, sizeof(*a->ballots));
	b = &a->ballots[0];
	b->poll_id = 3;
	b->n_choices = 2;
	b->choices = calloc(2, sizeof(*b->choices));
	b->choices[0] = 12;
	b->choices[1] = 10;
	b->choice_titles = calloc(2, sizeof(char *));
	b->choice_titles[0] = S("Lautern tanzt");	/* the second is unknown */
	b->poll_title = S("Welche Events?");
	b->poll_kind = API_POLL_RANKING;
	b->poll_status = API_STATUS_CLOSED;
	b->closes_at = S("2026-05-01T00:00:00Z");
	return a;
}

static struct api_user *
canned_me(void)
{
	struct api_user *u = calloc(1, sizeof(*u));

	assert_non_null(u);
	u->username = S("demo");
	u->display_name = S("Demo-Konto");
	u->role = API_ROLE_CITIZEN;
	u->email = S("demo@example.org");
	u->created_at = S("2026-04-02T09:00:00Z");
	return u;
}

static void
test_scr_account_lists_own_things(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;
	int i;

	(void)state;
	assert_int_equal(scr_account_with(app, canned_me(), canned_activity()), 0);
	p = app_page(app);
	if (getenv("UI_TEST_DUMP") != NULL)
		page_dump(p);
	assert_string_equal(p->heading, "My account");
	assert_page_has(p, "Name others see: Demo-Konto");
	/* The role in words of the language, not the API's code. */
	assert_page_has(p, "role: citizen.");
	assert_string_equal(ui_role_word(API_ROLE_STAFF), "city staff");
	assert_string_equal(ui_role_word(API_ROLE_ADMIN), "administrator");
	assert_string_equal(ui_role_word(API_ROLE_UNKNOWN), "");
	/* Ideas: the state in words, the reason with a rejection, on one line. */
	i = item_find(p, "Trinkbrunnen");
	assert_int_equal(i, 0);
	assert_int_equal(p->item[i].kind, PAGE_ITEM_LINK);
	assert_string_equal(p->item[i].state, "waiting for moderation");
	assert_string_equal(p->item[i].group, "My ideas (2)");
	assert_string_equal(p->item[i].detail, "In the project Stadt.Raum.Wir.");
	i = item_find(p, "Noch ein Brunnen");
	assert_string_equal(p->item[i].state, "rejected: Doppelt: siehe Trinkbrunnen.");
	assert_null(p->item[i].detail);
	/* Comments: a one-line excerpt, what they are about. */
	i = item_find(p, "Gute Idee, aber bitte mit Schatten");
	assert_true(i >= 0);
	assert_string_equal(p->item[i].group, "My comments (2)");
	assert_true(has(p->item[i].label, "…"));
	assert_false(has(p->item[i].label, "für alle"));
	assert_null(strchr(p->item[i].label, '\n'));
	assert_string_equal(p->item[i].state, "published");
	assert_string_equal(p->item[i].detail, "On the idea Sonnensegel");
	i = item_find(p, "Kurz.");
	assert_string_equal(p->item[i].label, "Kurz.");
	assert_string_equal(p->item[i].state, "hidden by moderation: Beleidigend");
	assert_string_equal(p->item[i].detail, "In the project #2");
	/* Votes: the poll, its window, the choices (an unknown one by id). */
	i = item_find(p, "Welche Events?");
	assert_string_equal(p->item[i].group, "My votes (1)");
	assert_string_equal(p->item[i].state, "closed on 1 May 2026");
	assert_string_equal(p->item[i].detail, "Your vote: 1. Lautern tanzt, 2. #10");
	/* Nothing is empty, so no "not yet" notes; the account's own buttons follow. */
	assert_false(page_has(p, "not written any"));
	assert_false(page_has(p, "not voted"));
	i = item_find(p, "Export all my data");
	assert_int_equal(i, 5);
	assert_string_equal(p->item[i].group, "Account");
	/* Delete: the password field gets the focus wherever it is. */
	p = (focus_on(app, "Delete my account"), app_action(app, ACTION_OPEN, 0), app_page(app));
	focus_on(app, "Yes, delete my account now");
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_page_has(p, "Password: please type your password");
	assert_int_equal(p->item[p->focus].kind, PAGE_ITEM_PASSWORD);
	/* Each own thing opens where it belongs (the network is down here,
	 * so the screen is there and says it could not load). */
	focus_on(app, "Kurz.");
	app_action(app, ACTION_OPEN, 0);
	app_page(app);
	assert_string_equal(app->top->type->name, "project");
	app_action(app, ACTION_BACK, 0);
	focus_on(app, "Gute Idee");
	app_action(app, ACTION_OPEN, 0);
	app_page(app);
	assert_string_equal(app->top->type->name, "idea");
	app_action(app, ACTION_BACK, 0);
	focus_on(app, "Welche Events?");
	app_action(app, ACTION_OPEN, 0);
	app_page(app);
	assert_string_equal(app->top->type->name, "poll");
	app_free(app);
}

static void
test_scr_account_empty_and_unloaded(void **state)
{
	struct app *app = test_app(1);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_account_with(app, canned_me(), calloc(1, sizeof(struct api_activity))), 0);
	p = app_page(app);
	assert_page_has(p, "You have not written any ideas yet.");
	assert_page_has(p, "You have not written any comments yet.");
	assert_page_has(p, "You have not voted yet.");
	/* Kiosk: no export; the first item is logging out. */
	assert_int_equal(item_find(p, "Export"), -1);
	assert_int_equal(item_find(p, "Log out"), 0);
	app_action(app, ACTION_BACK, 0);
	/* Without the activity the page still shows the account and says so. */
	assert_int_equal(scr_account_with(app, canned_me(), NULL), 0);
	p = app_page(app);
	assert_page_has(p, "User name: demo");
	assert_page_has(p, "Your ideas, comments and votes could not be loaded.");
	app_free(app);
}

static struct api_survey *
canned_survey(void)
{
	struct api_survey *sv = calloc(1, sizeof(*sv));
	struct api_question *q;

	sv->id = 4;
	sv->title = S("Packaging");
	sv->intro = S("Tell us.");
	sv->status = API_STATUS_OPEN;
	sv->answered_by_me = 0;
	sv->n_questions = 3;
	sv->questions = q = calloc(3, sizeof(*q));
	q[0].id = 1;
	q[0].kind = API_QUESTION_MULTIPLE;
	q[0].text = S("What do you buy?");
	q[0].required = 1;
	q[0].max_choices = 1;
	q[0].n_options = 2;
	q[0].options = calloc(2, sizeof(*q[0].options));
	q[0].options[0].id = 5;
	q[0].options[0].title = S("Food");
	q[0].options[1].id = 6;
	q[0].options[1].title = S("Books");
	q[1].id = 2;
	q[1].kind = API_QUESTION_SCALE;
	q[1].text = S("How happy?");
	q[1].has_scale = 1;
	q[1].scale_min = 1;
	q[1].scale_max = 3;
	q[1].min_label = S("not at all");
	q[1].max_label = S("very");
	q[2].id = 3;
	q[2].kind = API_QUESTION_TEXT;
	q[2].text = S("Anything else?");
	q[2].max_length = 100;
	return sv;
}

static void
test_scr_survey_required_and_review(void **state)
{
	struct app *app = test_app(0);
	struct api_survey *sv = canned_survey();
	const struct page *p;

	(void)state;
	assert_int_equal(scr_survey_with(app, sv), 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Packaging");
	assert_string_equal(p->item[0].group, "Question 1 of 3 (required): What do you buy?");
	assert_string_equal(p->item[0].state, "[ ]");
	assert_string_equal(p->item[2].label, "1 — not at all");
	assert_int_equal(p->item[5].kind, PAGE_ITEM_MULTILINE);
	/* A required question left open is named, and the focus goes there. */
	focus_on(app, "Review my answers");
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_page_has(p, "Question 1: please answer it, it is required.");
	assert_int_equal(p->focus, 0);
	/* Each choice is said in words, with the count. */
	app_action(app, ACTION_TOGGLE, 0);
	assert_string_equal(app_status(app), "'Food' is chosen. 1 of 1 choice made.");
	app_action(app, ACTION_TOGGLE, 0);
	assert_string_equal(app_status(app), "'Food' is no longer chosen. 0 of 1 choice made.");
	app_action(app, ACTION_TOGGLE, 0);
	focus_on(app, "Books");
	app_action(app, ACTION_TOGGLE, 0);
	assert_page_has(app_page(app), "You can choose at most 1 here.");
	focus_on(app, "very");
	app_action(app, ACTION_TOGGLE, 0);
	assert_string_equal(app_page(app)->item[4].state, "(*)");
	assert_string_equal(app_status(app), "You chose '3'.");
	focus_on(app, "Your answer");
	app_input_text(app, "Less plastic.");
	app_action(app, ACTION_REVIEW, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Check before sending");
	assert_page_has(p, "Food");
	assert_page_has(p, "3 on a scale from 1 to 3");
	assert_page_has(p, "Less plastic.");
	/* Leaving the survey keeps the answers for when it is opened again. */
	app_action(app, ACTION_EDIT, 0);
	app_action(app, ACTION_BACK, 0);
	leave_anyway(app, "Your answers are not sent.");
	assert_int_equal(scr_survey_with(app, canned_survey()), 0);
	p = app_page(app);
	assert_string_equal(p->item[0].state, "[x]");
	assert_string_equal(p->item[4].state, "(*)");
	assert_string_equal(p->item[5].field->text, "Less plastic.");
	app_free(app);
}

/* Issue 8 item 23: entering a question says which, on the focused line. */
static void
test_scr_survey_says_question(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	/* Line mode (0 columns) prints the question right above. */
	assert_int_equal(scr_survey_with(app, canned_survey()), 0);
	assert_string_equal(app_page(app)->item[0].label, "Food");
	app_free(app);
	app = test_app(0);
	app_set_viewport(app, 20, 80);
	assert_int_equal(scr_survey_with(app, canned_survey()), 0);
	p = app_page(app);
	assert_string_equal(p->item[0].label, "Question 1: Food");
	/* Choosing keeps the line as it is. */
	app_action(app, ACTION_TOGGLE, 0);
	p = app_page(app);
	assert_string_equal(p->item[0].label, "Question 1: Food");
	app_action(app, ACTION_DOWN, 0);
	p = app_page(app);
	/* Within the same question it is not said again. */
	assert_string_equal(p->item[1].label, "Books");
	app_action(app, ACTION_DOWN, 0);
	p = app_page(app);
	assert_string_equal(p->item[2].label, "Question 2: 1 — not at all");
	app_action(app, ACTION_DOWN, 0);
	p = app_page(app);
	assert_string_equal(p->item[3].label, "2");
	/* Back up into the first question: said again, on its last answer. */
	app_action(app, ACTION_UP, 0);
	app_action(app, ACTION_UP, 0);
	p = app_page(app);
	assert_string_equal(p->item[1].label, "Question 1: Books");
	app_free(app);
}

/* Issue 8 items 2 and 18: q, g (home) and X ask before typed text is
 * left behind; a poll with a changed, unsent choice asks before leaving;
 * withdrawing a vote asks; "No" keeps everything. */
static void
test_app_asks_before_leaving(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;

	(void)state;
	assert_int_equal(scr_idea_form_open(app, 1, "Stadt.Raum.Wir."), 0);
	/* Nothing typed: nothing to ask, Back leaves at once. */
	app_action(app, ACTION_BACK, 0);
	assert_null(app->top->below);
	assert_int_equal(scr_idea_form_open(app, 1, "Stadt.Raum.Wir."), 0);
	app_input_text(app, "Bänke");
	assert_int_equal(app_action(app, ACTION_QUIT, 0), APP_OK);
	p = app_page(app);
	assert_string_equal(p->heading, "Quit without sending?");
	assert_page_has(p, "Your idea is not sent. Quitting ends the program, and what you entered is lost.");
	assert_string_equal(page_focused(p)->label, "No, stay here");
	assert_int_equal(app_action(app, ACTION_OPEN, 0), APP_OK);
	p = app_page(app);
	assert_string_equal(p->heading, "New idea");
	assert_string_equal(p->item[0].field->text, "Bänke");
	app_action(app, ACTION_HOME, 0);
	leave_anyway(app, "Your idea is not sent.");
	assert_null(app->top->below);
	/* The draft came back with the form; quitting asks again. */
	assert_int_equal(scr_idea_form_open(app, 1, "Stadt.Raum.Wir."), 0);
	assert_string_equal(app_page(app)->item[0].field->text, "Bänke");
	app_action(app, ACTION_QUIT, 0);
	focus_on(app, "Yes, quit");
	assert_int_equal(app_action(app, ACTION_OPEN, 0), APP_QUIT);
	app_free(app);

	/* A poll: a changed choice is not sent yet. */
	app = test_app(0);
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 1)), 0);
	app_action(app, ACTION_BACK, 0);
	assert_null(app->top->below);
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 1)), 0);
	focus_on(app, "Roundnet");
	app_action(app, ACTION_TOGGLE, 0);
	app_action(app, ACTION_BACK, 0);
	leave_anyway(app, "Your changed vote is not sent.");
	assert_null(app->top->below);
	app_free(app);
	/* A first choice, no vote sent before: not a "changed" vote. */
	app = test_app(0);
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 0)), 0);
	focus_on(app, "Roundnet");
	app_action(app, ACTION_TOGGLE, 0);
	app_action(app, ACTION_BACK, 0);
	leave_anyway(app, "Your vote is not sent.");
	assert_null(app->top->below);
	/* Withdrawing asks; "No, keep my vote" keeps it. */
	app_free(app);
	app = test_app(0);
	assert_int_equal(scr_poll_with(app, canned_poll("ranking", 3, 1)), 0);
	app_action(app, ACTION_WITHDRAW, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Withdraw your vote?");
	assert_string_equal(page_focused(p)->label, "No, keep my vote");
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Welche Veranstaltungen?");
	assert_true(page_offers(p, ACTION_WITHDRAW));
	app_free(app);
}

/* A staff member is offered only what the API takes from them: no
 * second keying of a sheet they keyed first, no correction of the other
 * keying of a sheet they keyed too (409 after a whole form otherwise). */
static void
test_ui_tally_may_offers_what_api_takes(void **state)
{
	struct api_tally_sheet t;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.keys = 2;
	t.n_entries = 1;
	t.entries[0].slot = 1;
	t.entries[0].keyed_by_id = 7;
	assert_int_equal(ui_tally_may(&t, 7, 0), 0);	/* keyed it first */
	assert_int_equal(ui_tally_may(&t, 8, 0), 1);
	assert_int_equal(ui_tally_may(&t, 7, 1), 1);	/* own keying */
	assert_int_equal(ui_tally_may(&t, 8, 1), 1);	/* alone: takes it over */
	t.n_entries = 2;
	t.entries[1].slot = 2;
	t.entries[1].keyed_by_id = 8;
	assert_int_equal(ui_tally_may(&t, 8, 1), 0);	/* keyed the other one */
	assert_int_equal(ui_tally_may(&t, 8, 2), 1);
	assert_int_equal(ui_tally_may(&t, 7, 2), 0);
	assert_int_equal(ui_tally_may(&t, 7, 1), 1);
	assert_int_equal(ui_tally_may(&t, 9, 1), 1);	/* a third staff member */
	assert_int_equal(ui_tally_may(&t, 9, 2), 1);
	/* Keyed once: a correction takes no second keyer into account. */
	t.keys = 1;
	t.n_entries = 1;
	assert_int_equal(ui_tally_may(&t, 7, 1), 1);
}

/* Issue 8 item 22: a name ending in a period ends the sentence once. */
static void
test_ui_name_no_double_period(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(ui_name(NULL, NULL, buf, sizeof(buf)), "");
	assert_string_equal(ui_name(NULL, "Anna B.", buf, sizeof(buf)), "Anna B");
	assert_string_equal(ui_name("Logged in as %s.", "Anna B.", buf, sizeof(buf)), "Anna B");
	assert_string_equal(ui_name("Logged in as %s.", "Demo-Konto", buf, sizeof(buf)), "Demo-Konto");
	assert_string_equal(ui_name(NULL, "...", buf, sizeof(buf)), "");
	/* Where the name does not end the sentence (Turkish puts the verb
	 * last), its period stays: "Ayşe I. olarak giriş yapıldı." */
	assert_string_equal(ui_name("%s olarak giriş yapıldı.", "Ayşe I.", buf, sizeof(buf)),
	    "Ayşe I.");
	assert_string_equal(ui_name("Logged in as %s (%s).", "Anna B.", buf, sizeof(buf)), "Anna B.");
}

static void
test_scr_projects_greets_name_with_period(void **state)
{
	struct app *app = test_app(0);
	struct api_project_list *l = calloc(1, sizeof(*l));
	const struct page *p;
	size_t i;

	(void)state;
	app->me = calloc(1, sizeof(*app->me));
	app->me->username = S("anna");
	app->me->display_name = S("Anna B.");
	app->me_asked = 1;
	assert_int_equal(scr_projects_with(app, l), 0);
	p = app_page(app);
	for (i = 0; i < p->n_text && !has(p->text[i].text, "Logged in"); i++)
		;
	assert_true(i < p->n_text);
	assert_string_equal(p->text[i].text, "Logged in as Anna B.");
	app_free(app);
}

/* ------------------------------------------------- against the server */

struct server {
	pid_t	pid;
	int	port;
	char	dir[256];
};

static int
server_start(struct server *s, const char *bin, int fast)
{
	char db[300], mail[300], line[256];
	int pfd[2];
	size_t n = 0;
	struct pollfd pf;
	time_t end = time(NULL) + 20;

	snprintf(db, sizeof(db), "%s/db", s->dir);
	snprintf(mail, sizeof(mail), "%s/mail", s->dir);
	mkdir(mail, 0700);
	if (pipe(pfd) < 0)
		return -1;
	if ((s->pid = fork()) == 0) {
		dup2(pfd[1], 2);
		close(pfd[0]);
		if (fast)
			execl(bin, bin, "serve", "--db", db, "--listen", "127.0.0.1:0", "--seed", "demo",
			    "--mail-dir", mail, "--pwhash", "min", (char *)NULL);
		execl(bin, bin, "serve", "--db", db, "--listen", "127.0.0.1:0", "--seed", "demo",
		    "--mail-dir", mail, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	pf.fd = pfd[0];
	pf.events = POLLIN;
	while (n + 1 < sizeof(line) && time(NULL) < end) {
		if (poll(&pf, 1, 1000) <= 0)
			continue;
		if (read(pfd[0], line + n, 1) != 1)
			break;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	/* The rest of stderr is not read; keep the pipe open so the server
	 * never gets SIGPIPE, and let the kernel buffer its logs. */
	if (sscanf(line, "listening on 127.0.0.1:%d", &s->port) != 1) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
		close(pfd[0]);
		return -1;
	}
	return 0;
}

static void
server_stop(struct server *s)
{
	int i;

	kill(s->pid, SIGTERM);
	for (i = 0; i < 50; i++) {
		if (waitpid(s->pid, NULL, WNOHANG) == s->pid)
			return;
		usleep(100000);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
}

/* The 8-digit code of the (only) confirmation mail in dir, as written:
 * "1234 5678" on a line of its own. */
static int
mail_code(const char *dir, char *code, size_t size)
{
	char path[600], line[512];
	struct dirent *e;
	DIR *d;
	FILE *f;
	unsigned int a, b;
	char end;

	code[0] = '\0';
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line), f) != NULL)
			if (sscanf(line, "    %4u %4u%c", &a, &b, &end) == 3 &&
			    (end == '\r' || end == '\n') && strlen(line) >= 14)
				snprintf(code, size, "%.4s %.4s", line + 4, line + 9);
		fclose(f);
	}
	closedir(d);
	return code[0] != '\0' ? 0 : -1;
}

static struct server srv_shared;
static char srv_url[128];

/* One server for every test that needs it, started on first use. */
static struct app *
srv_app(void)
{
	const char *build = getenv("BUILD");
	struct client_opts o;
	char bin[512];
	struct app *app;

	test_env();
	if (srv_shared.pid == 0) {
		snprintf(bin, sizeof(bin), "%s/mitwirkung-api", build != NULL ? build : "build");
		if (access(bin, X_OK) != 0) {
			fprintf(stderr, "%s not built: the real-server test is skipped\n", bin);
			skip();
		}
		snprintf(srv_shared.dir, sizeof(srv_shared.dir), "/tmp/mw-ui-srv-XXXXXX");
		assert_non_null(mkdtemp(srv_shared.dir));
		if (server_start(&srv_shared, bin, 1) < 0)
			assert_int_equal(server_start(&srv_shared, bin, 0), 0);
		snprintf(srv_url, sizeof(srv_url), "http://127.0.0.1:%d/api/v1", srv_shared.port);
	}
	memset(&o, 0, sizeof(o));
	o.api_url = srv_url;
	app = app_new(&o, NULL, NULL);
	assert_non_null(app);
	return app;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Stops the server and removes the temporary folders of the whole run. */
static int
srv_teardown(void **state)
{
	(void)state;
	if (srv_shared.pid > 0)
		server_stop(&srv_shared);
	if (srv_shared.dir[0] != '\0')
		nftw(srv_shared.dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (tmp_home[0] != '\0')
		nftw(tmp_home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* Logs in through the login screen and comes back. */
static void
srv_login(struct app *app, const char *user, const char *pw)
{
	const struct page *p;

	if (app_logged_in(app))
		app_action(app, ACTION_LOGOUT, 0);
	app_action(app, ACTION_LOGIN, 0);
	fill(app, "User name", user);
	fill(app, "Password", pw);
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	if (!app_logged_in(app))
		page_dump(p);
	assert_true(app_logged_in(app));
	assert_page_has(p, "Logged in as");
}

/* Ends app's session on the server (as after a timeout), behind its back. */
static void
srv_end_session(struct app *app)
{
	struct api *other = api_new(srv_url);

	assert_non_null(other);
	assert_int_equal(api_set_token(other, api_token(app->api)), 0);
	assert_int_equal(api_logout(other), 0);
	api_free(other);
}

/* Opens an item of the current page by its label. */
static const struct page *
open_item(struct app *app, const char *label)
{
	focus_on(app, label);
	app_action(app, ACTION_OPEN, 0);
	return app_page(app);
}

static void
test_app_real_server_rank_flow(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	char mail[300], tok[256];
	int i, k;

	(void)state;

	p = app_page(app);
	assert_string_equal(p->heading, "Projects");
	assert_true(item_find(p, "Stadt.Raum.Wir") >= 0);

	/* Register and confirm with the token from the mail; leave the login. */
	app_action(app, ACTION_REGISTER, 0);
	fill(app, "User name", "uitest1");
	fill(app, "E-mail", "uitest1@example.org");
	fill(app, "Password", "correct horse 1");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Confirm your account");
	/* Issue 8 item 20: the name is filled in, the focus on the code; the
	 * 8-digit code of the mail confirms, typed as the mail writes it. */
	assert_string_equal(p->item[0].field->text, "uitest1");
	assert_string_equal(page_focused(p)->label, "Code");
	assert_page_has(p, "8-digit code");
	snprintf(mail, sizeof(mail), "%s/mail", srv_shared.dir);
	for (i = 0; i < 50 && mail_code(mail, tok, sizeof(tok)) < 0; i++)
		usleep(100000);
	assert_int_equal(strlen(tok), 9);
	/* A wrong code says what to check, and nothing is lost. */
	app_field_set(app, "0000 000");
	app_action(app, ACTION_SEND, 0);
	app_field_set(app, tok[0] == '9' ? "1111 1111" : "9999 9999");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Confirm your account");
	assert_page_has(p, "the code is not right");
	fill(app, "Code", tok);
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	assert_page_has(p, "Your account is active.");
	/* The new name is filled in; the password is next. */
	assert_string_equal(p->item[0].field->text, "uitest1");
	assert_int_equal(p->focus, 1);
	app_action(app, ACTION_BACK, 0);
	assert_false(app_logged_in(app));

	/* Open Stadt.Raum.Wir., its ranking poll, rank three events. */
	focus_on(app, "Stadt.Raum.Wir");
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_true(has(p->heading, "Stadt.Raum.Wir"));
	for (i = 0; i < (int)p->n_item; i++)
		if (p->item[i].group != NULL && strcmp(p->item[i].group, "Polls") == 0 &&
		    has(p->item[i].state, "ranking"))
			break;
	if (i == (int)p->n_item)
		page_dump(p);
	assert_true(i < (int)p->n_item);
	app_action(app, ACTION_JUMP, p->item[i].number);
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_string_equal(p->context, "ranking");
	for (k = 0; k < 3; k++) {
		p = app_page(app);
		/* Options keep their place: the next one is still unranked. */
		assert_int_equal(p->item[k].kind, PAGE_ITEM_RANKED);
		assert_int_equal(p->item[k].rank, 0);
		app_action(app, ACTION_JUMP, p->item[k].number);
		app_action(app, ACTION_TOGGLE, 0);
	}
	p = app_page(app);
	assert_page_has(p, "3 of 3 chosen.");
	assert_string_equal(p->item[2].state, "your choice 3");
	app_action(app, ACTION_REVIEW, 0);
	p = app_page(app);
	assert_page_has(p, "Your vote: 1. ");
	/* Send without login: the login opens, and that login sends it
	 * (issue 8 item 18): no second Send. */
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	fill(app, "User name", "uitest1");
	fill(app, "Password", "correct horse 1");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_true(app_logged_in(app));
	if (getenv("UI_TEST_DUMP") != NULL)
		page_dump(p);
	assert_string_not_equal(p->heading, "Check before sending");
	assert_page_has(p, "Your vote is saved: 1. ");
	assert_page_has(p, "You can change or withdraw it until");
	assert_string_equal(p->item[0].state, "your choice 1");
	assert_string_equal(app_status(app), "Logged in as uitest1. Your vote is saved.");
	/* Results exist and carry exact numbers. */
	app_action(app, ACTION_RESULTS, 0);
	p = app_page(app);
	if (getenv("UI_TEST_DUMP") != NULL)
		page_dump(p);
	assert_true(has(p->heading, "Results"));
	if (p->n_item > 0)
		assert_true(has(p->item[0].detail, "points"));
	/* My account lists the ballot by the poll's title, and opens it. */
	app_action(app, ACTION_ACCOUNT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "My account");
	for (i = 0; i < (int)p->n_item; i++)
		if (p->item[i].group != NULL && strcmp(p->item[i].group, "My votes (1)") == 0)
			break;
	if (i == (int)p->n_item)
		page_dump(p);
	assert_true(i < (int)p->n_item);
	assert_true(has(p->item[i].detail, "Your vote: 1. "));
	assert_true(has(p->item[i].state, "open until "));
	assert_page_has(p, "You have not written any ideas yet.");
	assert_page_has(p, "You have not written any comments yet.");
	app_action(app, ACTION_JUMP, p->item[i].number);
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_string_equal(p->context, "ranking");
	assert_string_equal(p->item[0].state, "your choice 1");
	app_free(app);
}


static void
test_app_real_server_support_idea(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	char title[256];

	(void)state;
	srv_login(app, "demo", "demo-passwort");
	open_item(app, "Stadt.Raum.Wir");
	p = open_item(app, "All ideas");
	assert_true(has(p->heading, "Ideas"));
	assert_true(p->n_item > 1);
	snprintf(title, sizeof(title), "%s", p->item[0].label);
	p = open_item(app, title);
	assert_string_equal(p->heading, title);
	assert_true(page_offers(p, ACTION_SUPPORT));
	if (item_find(p, "Stop supporting") >= 0)
		app_action(app, ACTION_SUPPORT, 0);
	app_action(app, ACTION_SUPPORT, 0);
	p = app_page(app);
	assert_page_has(p, "You support this idea.");
	assert_page_has(p, "You support it now (");
	/* The label says the state; no second "you support this". */
	assert_string_equal(p->item[0].label, "Stop supporting this idea");
	assert_null(p->item[0].state);
	app_action(app, ACTION_SUPPORT, 0);
	p = app_page(app);
	assert_page_has(p, "You no longer support it (");
	assert_string_equal(p->item[0].label, "Support this idea");
	/* The list says it too after going back. */
	app_action(app, ACTION_SUPPORT, 0);
	app_action(app, ACTION_BACK, 0);
	app_action(app, ACTION_REFRESH, 0);
	p = app_page(app);
	assert_string_equal(p->item[item_find(p, title)].state, "you support this");
	app_free(app);
}

/* Issue 8 item 18: logged out, Enter on "Support this idea" opens the
 * login; after it the support is done (it was asked for), and the focus
 * is not left on "Stop supporting" where a second Enter would undo it. */
static void
test_app_real_server_support_after_login(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	int i;

	(void)state;
	if (app_logged_in(app))
		app_action(app, ACTION_LOGOUT, 0);
	open_item(app, "Stadt.Raum.Wir");
	open_item(app, "All ideas");
	p = app_page(app);
	p = open_item(app, p->item[1].label);
	i = item_find(p, "Support this idea");
	assert_true(i >= 0);
	p = open_item(app, "Support this idea");
	assert_string_equal(p->heading, "Log in");
	fill(app, "User name", "rathaus");
	fill(app, "Password", "rathaus-passwort");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "You support this idea.");
	assert_true(item_find(p, "Stop supporting") >= 0);
	assert_true(p->focus != item_find(p, "Stop supporting"));
	/* Undo, then support again with Enter on the button. */
	app_action(app, ACTION_SUPPORT, 0);
	p = open_item(app, "Support this idea");
	assert_page_has(p, "You support it now (");
	assert_true(p->focus != item_find(p, "Stop supporting"));
	app_free(app);
}

/* Issue 8 item 18: the login a Send asked for sends once; when that send
 * fails (the poll closed meanwhile) it says why, and the choice stays on
 * the review. Registering instead sends nothing unseen. */
static void
test_app_real_server_send_after_login_fails_kept(void **state)
{
	struct app *app = srv_app();
	struct api *staff = api_new(srv_url);
	struct api_project_list *pl = NULL;
	struct api_option_in opts[2];
	struct api_poll_in qin;
	struct api_poll *poll = NULL, *poll2 = NULL;
	const struct page *p;
	long long pid = 0;
	char opens[32], closes[32];
	size_t i;

	(void)state;
	assert_int_equal(api_login(staff, "rathaus", "rathaus-passwort", NULL), 0);
	assert_int_equal(api_projects(staff, NULL, NULL, NULL, 50, &pl), 0);
	for (i = 0; i < pl->n; i++)
		if (has(pl->items[i].title, "Stadt.Raum.Wir"))
			pid = pl->items[i].id;
	api_project_list_free(pl);
	assert_true(pid > 0);
	memset(opts, 0, sizeof(opts));
	memset(&qin, 0, sizeof(qin));
	opts[0].title = API_TEXT({ "de", "Brunnen" });
	opts[1].title = API_TEXT({ "de", "Bänke" });
	qin.title = API_TEXT({ "de", "Schließt gleich" });
	qin.question = API_TEXT({ "de", "Was zuerst?" });
	qin.kind = "single";
	qin.status = "open";
	qin.opens_at = iso_days(opens, sizeof(opens), -2);
	qin.closes_at = iso_days(closes, sizeof(closes), 2 * 365);
	qin.results_visible = 1;
	qin.options = opts;
	qin.n_options = 2;
	assert_int_equal(api_poll_create(staff, pid, &qin, &poll), 0);
	if (app_logged_in(app))
		app_action(app, ACTION_LOGOUT, 0);
	assert_int_equal(scr_poll_open(app, poll->id), 0);
	focus_on(app, "Bänke");
	app_action(app, ACTION_TOGGLE, 0);
	app_action(app, ACTION_REVIEW, 0);
	app_action(app, ACTION_SEND, 0);
	assert_string_equal(app_page(app)->heading, "Log in");
	/* Back from the login: nothing sent, the review is there again. */
	app_action(app, ACTION_BACK, 0);
	assert_string_equal(app_page(app)->heading, "Check before sending");
	app_action(app, ACTION_SEND, 0);
	assert_string_equal(app_page(app)->heading, "Log in");
	/* The poll closes while the person logs in. */
	memset(&qin, 0, sizeof(qin));
	qin.results_visible = -1;
	qin.status = "closed";
	qin.closes_at = iso_days(closes, sizeof(closes), -1);
	assert_int_equal(api_poll_update(staff, poll->id, &qin, &poll2), 0);
	fill(app, "User name", "uitest1");
	fill(app, "Password", "correct horse 1");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_true(app_logged_in(app));
	assert_string_equal(p->heading, "Check before sending");
	assert_page_has(p, "Your vote: Bänke.");
	assert_true(has(app_status(app), "Your vote was not sent. What you entered is kept."));
	app_action(app, ACTION_LOGOUT, 0);
	api_poll_free(poll);
	api_poll_free(poll2);
	api_free(staff);
	app_free(app);
}

/* While one moderator works the queue another empties part of it: after
 * approving, the focus stays on a queue item, not in the reason field
 * where the next letter key would be text (found by tests/braille). */
static void
test_app_real_server_moderation_queue_shrinks(void **state)
{
	struct app *app = srv_app();
	struct api *demo = api_new(srv_url), *mod = api_new(srv_url);
	struct api_project_list *pl = NULL;
	struct api_queue_list *q = NULL;
	struct api_idea *idea = NULL;
	const struct page *p;
	long long pid = 0, first = 0;
	char title[64];
	size_t i;
	int k;

	(void)state;
	assert_non_null(demo);
	assert_non_null(mod);
	assert_int_equal(api_login(demo, "demo", "demo-passwort", NULL), 0);
	assert_int_equal(api_login(mod, "moderation", "moderation-passwort", NULL), 0);
	assert_int_equal(api_projects(demo, NULL, NULL, NULL, 50, &pl), 0);
	for (i = 0; i < pl->n; i++)
		if (has(pl->items[i].title, "Stadt.Raum.Wir"))
			pid = pl->items[i].id;
	api_project_list_free(pl);
	assert_true(pid > 0);
	/* An empty queue first, then three new ideas. */
	assert_int_equal(api_moderation_queue(mod, "ideas", NULL, 100, &q), 0);
	for (i = 0; i < q->n; i++)
		api_moderate_idea(mod, q->items[i].id, "approve", NULL);
	api_queue_list_free(q);
	for (k = 0; k < 3; k++) {
		snprintf(title, sizeof(title), "Schrumpfprobe %d", k + 1);
		assert_int_equal(api_idea_create(demo, pid, title, "Ein Text, lang genug dafür.", &idea), 0);
		if (k == 0)
			first = idea->id;
		api_idea_free(idea);
	}
	srv_login(app, "moderation", "moderation-passwort");
	app_action(app, ACTION_MODERATION, 0);
	focus_on(app, "Schrumpfprobe 3");
	/* Behind this moderator's back the first one is approved. */
	assert_int_equal(api_moderate_idea(mod, first, "approve", NULL), 0);
	/* Approve asks once more; the second press approves. */
	app_action(app, ACTION_APPROVE, 0);
	app_action(app, ACTION_APPROVE, 0);
	p = app_page(app);
	assert_page_has(p, "is approved");
	assert_non_null(page_focused(p));
	if (page_focused(p)->field != NULL)
		page_dump(p);
	assert_null(page_focused(p)->field);
	assert_true(has(page_focused(p)->label, "Schrumpfprobe 2"));
	api_free(demo);
	api_free(mod);
	app_free(app);
}

static void
test_app_real_server_idea_moderated(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	int i;

	(void)state;
	srv_login(app, "demo", "demo-passwort");
	open_item(app, "Stadt.Raum.Wir");
	p = open_item(app, "Write a new idea");
	assert_string_equal(p->heading, "New idea");
	fill(app, "Title", "Sonnensegel über dem Platz");
	fill(app, "Text", "Im Sommer ist es auf dem Platz zu heiß.\nSonnensegel spenden Schatten.");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Check before sending");
	assert_page_has(p, "Sonnensegel über dem Platz");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "Your idea is sent. It is waiting for moderation");
	assert_true(has(p->heading, "Stadt.Raum.Wir"));
	/* The author finds it under my account with its state and project. */
	app_action(app, ACTION_ACCOUNT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "My account");
	assert_page_has(p, "User name: demo");
	i = item_find(p, "Sonnensegel");
	if (i < 0)
		page_dump(p);
	assert_true(i >= 0);
	assert_string_equal(p->item[i].state, "waiting for moderation");
	assert_true(has(p->item[i].group, "My ideas ("));
	assert_true(has(p->item[i].detail, "In the project Stadt.Raum.Wir"));
	app_action(app, ACTION_HOME, 0);
	/* A moderator approves it in the client. */
	srv_login(app, "moderation", "moderation-passwort");
	app_action(app, ACTION_MODERATION, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Moderation");
	i = item_find(p, "Sonnensegel");
	if (i < 0)
		page_dump(p);
	assert_true(i >= 0);
	assert_string_equal(p->item[i].state, "waiting for moderation");
	/* Rejecting needs a reason: the field is named and gets the focus. */
	focus_on(app, "Sonnensegel");
	app_action(app, ACTION_REJECT, 0);
	p = app_page(app);
	assert_page_has(p, "Reason: please say why");
	assert_int_equal(p->item[p->focus].kind, PAGE_ITEM_FIELD);
	focus_on(app, "Sonnensegel");
	/* Approving asks first: the item stays, with the focus on it. */
	app_action(app, ACTION_APPROVE, 0);
	p = app_page(app);
	assert_page_has(p, "Press approve again to publish it");
	i = item_find(p, "Sonnensegel");
	assert_true(i >= 0);
	assert_int_equal(p->focus, i);
	assert_string_equal(p->item[i].state, "approve? Press approve again; waiting for moderation");
	/* Any other key keeps it waiting; then approve twice publishes. */
	app_action(app, ACTION_DOWN, 0);
	assert_page_has(app_page(app), "Not approved; it is still waiting.");
	focus_on(app, "Sonnensegel");
	app_action(app, ACTION_APPROVE, 0);
	app_action(app, ACTION_APPROVE, 0);
	p = app_page(app);
	assert_page_has(p, "is approved.");
	assert_true(item_find(p, "Sonnensegel") < 0);
	/* The focus stays in the queue, not in the reason field, where the
	 * next A or D would be typed as text. */
	assert_null(p->item[p->focus].field);
	/* Others see it now. */
	app_action(app, ACTION_LOGOUT, 0);
	app_action(app, ACTION_HOME, 0);
	open_item(app, "Stadt.Raum.Wir");
	open_item(app, "All ideas");
	app_action(app, ACTION_SORT, 0);
	p = app_page(app);
	assert_page_has(p, "Newest first: ");
	assert_true(item_find(p, "Sonnensegel") >= 0);
	app_free(app);
}

/* A comment waits for moderation under my account; rejected with a
 * reason, the reason is there too. */
static void
test_app_real_server_comment_moderated(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	char title[256];
	int i;

	(void)state;
	srv_login(app, "demo", "demo-passwort");
	open_item(app, "Stadt.Raum.Wir");
	p = open_item(app, "All ideas");
	assert_true(p->n_item > 0);
	snprintf(title, sizeof(title), "%s", p->item[0].label);
	p = open_item(app, title);
	assert_string_equal(p->heading, title);
	p = open_item(app, "Write a comment");
	assert_string_equal(p->heading, "New comment");
	app_input_text(app, "Kommentar für die Kontoseite:\nbitte prüfen.");
	app_action(app, ACTION_SEND, 0);
	assert_string_equal(app_page(app)->heading, "Check before sending");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "moderation");
	/* My account: the comment, its state, the idea it is about. */
	app_action(app, ACTION_ACCOUNT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "My account");
	i = item_find(p, "Kommentar für die Kontoseite: bitte prüfen.");
	if (i < 0)
		page_dump(p);
	assert_true(i >= 0);
	assert_true(has(p->item[i].group, "My comments ("));
	assert_string_equal(p->item[i].state, "waiting for moderation");
	assert_true(has(p->item[i].detail, title));
	/* The moderator rejects it with a reason, in the client. */
	app_action(app, ACTION_HOME, 0);
	srv_login(app, "moderation", "moderation-passwort");
	app_action(app, ACTION_MODERATION, 0);
	app_action(app, ACTION_FILTER, 0);
	p = app_page(app);
	assert_page_has(p, "Showing waiting comments.");
	/* Leave the comment for the reason field (letters are text there)
	 * and go on with the button below it: it acts on the comment left. */
	/* The comment is named by its author; its text, the project and
	 * the idea it belongs to are said once, in the detail. */
	i = item_find_detail(p, "Kommentar für die Kontoseite");
	assert_true(i >= 0);
	assert_true(has(p->item[i].label, "Comment by "));
	assert_true(has(p->item[i].detail, "Project: Stadt.Raum.Wir."));
	assert_true(has(p->item[i].detail, "On the idea: "));
	focus_on_detail(app, "Kommentar für die Kontoseite");
	fill(app, "Reason", "Bitte beim Thema bleiben.");
	p = open_item(app, "Reject, with a reason");
	assert_page_has(p, "is rejected.");
	assert_true(item_find_detail(p, "Kommentar für die Kontoseite") < 0);
	app_action(app, ACTION_HOME, 0);
	/* The author sees the state and the reason, and it opens the idea. */
	srv_login(app, "demo", "demo-passwort");
	app_action(app, ACTION_ACCOUNT, 0);
	p = app_page(app);
	i = item_find(p, "Kommentar für die Kontoseite");
	if (i < 0)
		page_dump(p);
	assert_true(i >= 0);
	assert_string_equal(p->item[i].state, "rejected: Bitte beim Thema bleiben.");
	p = open_item(app, "Kommentar für die Kontoseite");
	assert_string_equal(p->heading, title);
	app_free(app);
}

static void
test_app_real_server_session_expired_keeps_text(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	(void)state;
	srv_login(app, "demo", "demo-passwort");
	open_item(app, "Stadt.Raum.Wir");
	p = open_item(app, "Write a comment");
	assert_string_equal(p->heading, "New comment");
	app_input_text(app, "Ein Kommentar, der nicht verloren geht.");
	app_action(app, ACTION_SEND, 0);
	assert_string_equal(app_page(app)->heading, "Check before sending");
	/* The session ends on the server (as after a timeout). */
	srv_end_session(app);
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	assert_page_has(p, "Your comment was not sent. Your session has ended.");
	assert_false(app_logged_in(app));
	/* The name is filled in; only the password is to type again. */
	assert_string_equal(p->item[0].field->text, "demo");
	assert_int_equal(p->focus, 1);
	fill(app, "User name", "demo");
	fill(app, "Password", "demo-passwort");
	/* That login sends the comment it was asked for. */
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_not_equal(p->heading, "Check before sending");
	assert_page_has(p, "Logged in as ");
	assert_page_has(p, "Your comment is sent. It is waiting for moderation.");
	/* A moderator hides it with a reason, from the comments queue. */
	srv_login(app, "moderation", "moderation-passwort");
	app_action(app, ACTION_MODERATION, 0);
	app_action(app, ACTION_FILTER, 0);
	p = app_page(app);
	assert_page_has(p, "Waiting comments:");
	focus_on_detail(app, "Ein Kommentar");
	app_action(app, ACTION_OPEN, 0);
	assert_page_has(app_page(app), "Chosen.");
	focus_on(app, "Reason");
	app_input_text(app, "Test: bitte sachlich bleiben.");
	app_action(app, ACTION_HIDE, 0);
	p = app_page(app);
	assert_page_has(p, "is hidden.");
	assert_true(item_find_detail(p, "Ein Kommentar") < 0);
	assert_string_equal(p->item[p->n_item - 1].field->text, "");
	app_free(app);
}

static void
test_app_real_server_tally_and_survey(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	int i;

	(void)state;
	srv_login(app, "rathaus", "rathaus-passwort");
	p = open_item(app, "Stadt.Raum.Wir");
	for (i = 0; i < (int)p->n_item; i++)
		if (has(p->item[i].state, "ranking"))
			break;
	assert_true(i < (int)p->n_item);
	app_action(app, ACTION_JUMP, p->item[i].number);
	app_action(app, ACTION_OPEN, 0);
	/* The booth: the staff member opens the poll's paper ballots and
	 * keys a ranking sheet that a second account keys again. */
	p = open_item(app, "Paper ballots");
	assert_string_equal(p->heading, "Paper ballots");
	assert_page_has(p, "Paper rankings are counted like online ones");
	p = open_item(app, "Enter a paper sheet");
	assert_string_equal(p->heading, "Enter a paper sheet");
	assert_page_has(p, "Option 4: Roundnet");
	app_action(app, ACTION_REVIEW, 0);
	assert_page_has(app_page(app), "Where from: please say");
	fill(app, "Where from", "Stand am Stiftsplatz, Bogen 1");
	fill(app, "Paper ballots in all", "5");
	fill(app, "Blank or invalid", "1");
	fill(app, "Ranking 1", "4 1 9");
	fill(app, "Ballots with ranking 1", "3");
	app_action(app, ACTION_REVIEW, 0);
	p = app_page(app);
	assert_page_has(p, "please type option numbers from 1 to 5");
	fill(app, "Ranking 1", "4 1 5");
	fill(app, "Ranking 2", "2");
	fill(app, "Ballots with ranking 2", "zwölf");
	app_action(app, ACTION_REVIEW, 0);
	assert_page_has(app_page(app), "please type a whole number");
	fill(app, "Ballots with ranking 2", "1");
	assert_page_has(app_page(app), "Counted so far: 4 and 1 invalid make 5 of 5 ballots.");
	app_action(app, ACTION_REVIEW, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Check before sending");
	assert_page_has(p, "Paper ballots from: Stand am Stiftsplatz, Bogen 1");
	assert_page_has(p, "Roundnet, ");
	assert_page_has(p, "It counts once a second staff member has keyed it the same.");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "The sheet 'Stand am Stiftsplatz, Bogen 1' is saved: waiting for the second keying.");
	p = open_item(app, "Stand am Stiftsplatz, Bogen 1");
	/* Not to the one who keyed it first: the API refuses that. */
	assert_false(page_has(p, "Key this sheet a second time"));
	assert_page_has(p, "Correct keying 1");
	/* Logging out on a staff page lands on the page a resident can
	 * read (the poll), not on "please log in". */
	app_action(app, ACTION_LOGOUT, 0);
	p = app_page(app);
	assert_page_has(p, "You are logged out.");
	assert_false(page_has(p, "could not be loaded"));
	assert_false(page_has(p, "Paper ballots"));
	assert_false(page_has(p, "Stand am Stiftsplatz"));
	assert_page_has(p, "Roundnet");
	app_free(app);

	/* The second staff member keys it with one number wrong ... */
	app = srv_app();
	srv_login(app, "wahlhelfer", "wahlhelfer-passwort");
	p = open_item(app, "Stadt.Raum.Wir");
	for (i = 0; i < (int)p->n_item; i++)
		if (has(p->item[i].state, "ranking"))
			break;
	app_action(app, ACTION_JUMP, p->item[i].number);
	app_action(app, ACTION_OPEN, 0);
	app_action(app, ACTION_TALLY, 0);
	p = open_item(app, "Stand am Stiftsplatz, Bogen 1");
	p = open_item(app, "Key this sheet a second time");
	assert_string_equal(p->heading, "Key the sheet a second time");
	fill(app, "Paper ballots in all", "5");
	fill(app, "Blank or invalid", "1");
	fill(app, "Ranking 1", "4 5 1");
	fill(app, "Ballots with ranking 1", "3");
	fill(app, "Ranking 2", "2");
	fill(app, "Ballots with ranking 2", "1");
	app_action(app, ACTION_REVIEW, 0);
	app_action(app, ACTION_SEND, 0);
	/* ... back on the sheet: both keyings side by side, nothing counted. */
	p = app_page(app);
	assert_page_has(p, "the two keyings differ: not counted");
	assert_page_has(p, "keying 1: 6, keying 2: 3, differ");
	assert_page_has(p, "Keying 2: Roundnet, Open-air reading, ");
	/* The focus on the first difference, not on a button; only the
	 * own keying can be corrected (the other is refused with 409). */
	assert_non_null(page_focused(p));
	assert_true(has(page_focused(p)->state, "differ"));
	assert_int_equal(p->focus, 0);
	assert_false(page_has(p, "Correct keying 1"));
	/* The second keyer corrects their keying: both agree, it counts. */
	p = open_item(app, "Correct keying 2");
	assert_string_equal(p->heading, "Correct keying 2");
	fill(app, "Ranking 1", "4 1 5");
	app_action(app, ACTION_REVIEW, 0);
	assert_page_has(app_page(app), "Reason: please say why");
	fill(app, "Reason", "Bogen 1 nachgesehen");
	app_action(app, ACTION_REVIEW, 0);
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "is saved: counted.");
	assert_page_has(p, "both agree");
	app_action(app, ACTION_BACK, 0);
	app_action(app, ACTION_BACK, 0);
	app_action(app, ACTION_RESULTS, 0);
	p = app_page(app);
	assert_page_has(p, "1 blank or invalid paper ballot is not counted.");
	assert_page_has(p, "Paper rankings are counted like online ones.");
	app_free(app);

	/* A survey with every question kind, answered as a citizen. */
	app = srv_app();
	srv_login(app, "demo", "demo-passwort");
	app_action(app, ACTION_FILTER, 0);
	open_item(app, "all projects");
	app_action(app, ACTION_BACK, 0);
	p = app_page(app);
	for (i = 0; i < (int)p->n_item; i++) {
		int k, found = 0;

		app_action(app, ACTION_JUMP, p->item[i].number);
		app_action(app, ACTION_OPEN, 0);
		p = app_page(app);
		for (k = 0; k < (int)p->n_item; k++) {
			if (p->item[k].group != NULL && strcmp(p->item[k].group, "Surveys") == 0 &&
			    strcmp(p->item[k].state, "open") == 0) {
				app_action(app, ACTION_JUMP, p->item[k].number);
				app_action(app, ACTION_OPEN, 0);
				found = 1;
				break;
			}
		}
		if (found)
			break;
		app_action(app, ACTION_BACK, 0);
		p = app_page(app);
	}
	p = app_page(app);
	assert_string_equal(p->breadcrumb, "Survey");
	app_action(app, ACTION_REVIEW, 0);
	p = app_page(app);
	if (strcmp(p->heading, "Check before sending") != 0) {
		/* Answer every question: the first option, the scale's end, a text. */
		size_t k;
		const char *g = NULL;

		for (k = 0; k < p->n_item; k++) {
			p = app_page(app);
			if (p->item[k].group == NULL || (g != NULL && strcmp(g, p->item[k].group) == 0))
				continue;
			g = p->item[k].group;
			app_action(app, ACTION_JUMP, p->item[k].number);
			if (p->item[k].field != NULL)
				app_field_set(app, "Weniger Verpackung, bitte.");
			else
				app_action(app, ACTION_TOGGLE, 0);
			p = app_page(app);
			g = p->item[k].group;
		}
		app_action(app, ACTION_REVIEW, 0);
		p = app_page(app);
	}
	if (strcmp(p->heading, "Check before sending") != 0)
		page_dump(p);
	assert_string_equal(p->heading, "Check before sending");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_page_has(p, "Thank you. Your answers are saved.");
	assert_page_has(p, "You have answered this survey");
	assert_int_equal(p->focus, 0);
	assert_null(p->item[0].field);
	app_free(app);
}

static void
test_app_real_server_account_export_delete(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	char path[512], buf[4096];
	const char *file;
	FILE *f;
	size_t n;

	(void)state;
	srv_login(app, "uitest1", "correct horse 1");
	app_action(app, ACTION_ACCOUNT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "My account");
	assert_page_has(p, "E-mail: uitest1@example.org");
	/* With the session ended on the server, exporting leads to the
	 * login and back here, instead of failing again and again. */
	srv_end_session(app);
	open_item(app, "Export all my data");
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	assert_page_has(p, "The export failed.");
	assert_false(app_logged_in(app));
	fill(app, "User name", "uitest1");
	fill(app, "Password", "correct horse 1");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "My account");
	assert_true(app_logged_in(app));
	/* Export into the home folder, never over an existing file. */
	open_item(app, "Export all my data");
	p = app_page(app);
	assert_page_has(p, "Your data is saved in ");
	file = strstr(p->status, tmp_home);
	assert_non_null(file);
	snprintf(path, sizeof(path), "%.*s", (int)(strlen(file) - 1), file);
	assert_non_null(f = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "uitest1"));
	open_item(app, "Export all my data");
	assert_null(strstr(app_page(app)->status, path));
	/* Deleting asks for the password and a second choice. */
	p = open_item(app, "Delete my account");
	assert_page_has(p, "This cannot be undone.");
	open_item(app, "Yes, delete my account now");
	p = app_page(app);
	assert_page_has(p, "Password: please type your password");
	assert_int_equal(p->item[p->focus].kind, PAGE_ITEM_PASSWORD);
	app_field_set(app, "wrong password");
	open_item(app, "Yes, delete my account now");
	p = app_page(app);
	assert_page_has(p, "The account was not deleted.");
	assert_true(app_logged_in(app));
	focus_on(app, "Password");
	app_field_set(app, "correct horse 1");
	open_item(app, "Yes, delete my account now");
	p = app_page(app);
	assert_page_has(p, "Your account is deleted.");
	assert_string_equal(p->heading, "Projects");
	assert_false(app_logged_in(app));
	app_action(app, ACTION_LOGIN, 0);
	fill(app, "User name", "uitest1");
	fill(app, "Password", "correct horse 1");
	app_action(app, ACTION_SEND, 0);
	assert_false(app_logged_in(app));
	assert_page_has(app_page(app), "You are not logged in.");
	app_free(app);
}

static void
test_app_real_server_language_refetches(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	char en[256];
	int i;

	(void)state;
	p = open_item(app, "Stadt.Raum.Wir");
	for (i = 0; i < (int)p->n_item; i++)
		if (has(p->item[i].state, "ranking"))
			break;
	assert_true(i < (int)p->n_item);
	snprintf(en, sizeof(en), "%s", p->item[i].label);
	assert_int_equal(app_set_lang(app, "de"), 0);
	p = app_page(app);
	assert_string_equal(i18n_lang(), "de");
	assert_string_not_equal(p->item[i].label, en);
	assert_int_equal(app_set_lang(app, "en"), 0);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(app_page(app)->item[i].label, en);
	assert_int_equal(app_set_lang(app, NULL), -1);
	assert_int_equal(app_set_lang(app, "fr"), -1);
	/* L lists every language in its own name, the one in use chosen and
	 * focused; choosing one switches and goes back to the page. */
	app_action(app, ACTION_LANGUAGE, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Language");
	assert_int_equal((int)p->n_item, (int)lang_count());
	assert_true(item_find(p, "Deutsch") >= 0);
	assert_true(item_find(p, "Türkçe") >= 0);
	assert_true(item_find(p, "Leichte Sprache") >= 0);
	assert_string_equal(page_focused(p)->label, "English");
	assert_true(page_focused(p)->checked);
	p = open_item(app, "Türkçe");
	assert_string_equal(i18n_lang(), "tr");
	assert_string_not_equal(p->heading, "Language");
	assert_string_equal(app_status(app), "Dil: Türkçe.");
	/* L twice closes the list without a change. */
	app_action(app, ACTION_LANGUAGE, 0);
	assert_string_equal(app_page(app)->heading, "Dil / Language");
	app_action(app, ACTION_LANGUAGE, 0);
	assert_string_equal(i18n_lang(), "tr");
	assert_string_not_equal(app_page(app)->heading, "Dil / Language");
	assert_int_equal(app_set_lang(app, "en"), 0);
	app_free(app);
}
/* A page that needs the login (my account) after the session ended on
 * the server: it says why once (not again in the status line) and Enter
 * on "Log in" leads to the login and back to the page. */
static void
test_app_real_server_expired_page_offers_login(void **state)
{
	struct app *app = srv_app();
	const struct page *p;
	(void)state;
	srv_login(app, "demo", "demo-passwort");
	srv_end_session(app);
	app_action(app, ACTION_ACCOUNT, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "This page could not be loaded");
	assert_false(app_logged_in(app));
	assert_null(app_status(app));
	assert_int_equal(p->n_item, 2);
	assert_string_equal(p->item[0].label, "Log in");
	assert_string_equal(p->item[1].label, "Try again");
	assert_int_equal(p->focus, 0);
	assert_true(page_offers(p, ACTION_LOGIN));
	app_action(app, ACTION_OPEN, 0);
	p = app_page(app);
	assert_string_equal(p->heading, "Log in");
	fill(app, "User name", "demo");
	fill(app, "Password", "demo-passwort");
	app_action(app, ACTION_SEND, 0);
	p = app_page(app);
	assert_true(app_logged_in(app));
	assert_page_has(p, "User name: demo");
	app_free(app);
}

static struct api_sshkey_list *
canned_keys(void)
{
	struct api_sshkey_list *l = calloc(1, sizeof(*l));

	l->n = 2;
	l->items = calloc(2, sizeof(*l->items));
	l->items[0].id = 3;
	l->items[0].fingerprint = S("SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0");
	l->items[0].type = S("ssh-ed25519");
	l->items[0].label = S("Laptop");
	l->items[0].created_at = S("2026-11-20T10:00:00Z");
	l->items[1].id = 7;
	l->items[1].fingerprint = S("SHA256:9cF7AShWKvoPKs8m8wn4DJX1cb0PiXUvsxHn0ltwb3Y");
	l->items[1].type = S("ecdsa-sha2-nistp256");
	l->items[1].label = S("Braille-PC");
	l->items[1].created_at = S("2026-11-21T10:00:00Z");
	return l;
}

/* My SSH keys: each key with its facts, removing asks first with the focus
 * on the question; no field to paste a key in, but how to add one is said;
 * no offer without a key from the gateway. */
static void
test_scr_keys_page(void **state)
{
	struct app *app = test_app(0);
	const struct page *p;
	int i;

	(void)state;
	assert_int_equal(scr_keys_with(app, canned_keys()), 0);
	p = app_page(app);
	if (getenv("UI_TEST_DUMP") != NULL)
		page_dump(p);
	assert_string_equal(p->heading, "My SSH keys");
	i = item_find(p, "Laptop");
	assert_int_equal(i, 0);
	assert_string_equal(p->item[i].group, "My SSH keys (2)");
	assert_string_equal(p->item[i].detail,
	    "ssh-ed25519, SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0, added 20 November 2026");
	assert_int_equal(item_find(p, "Public key"), -1);
	assert_int_equal(item_find(p, "Add this key"), -1);
	i = item_find(p, "How to add a key");
	assert_true(i > 1);
	assert_non_null(strstr(p->item[i].detail, "Log in over ssh with the key; the platform then offers to remember it."));
	assert_int_equal(item_find(p, "Remember the key of this connection"), -1);
	assert_int_equal(item_find(p, "Yes, remove this key"), -1);
	focus_on(app, "Braille-PC");
	assert_int_equal(app_action(app, ACTION_OPEN, 0), APP_OK);
	p = app_page(app);
	i = item_find(p, "Yes, remove this key");
	assert_int_equal(i, 2);
	assert_int_equal(p->focus, i);
	assert_string_equal(p->item[1].state, "remove?");
	assert_page_has(p, "To remove this key, choose 'Yes, remove this key'.");
	focus_on(app, "No, keep it");
	assert_int_equal(app_action(app, ACTION_OPEN, 0), APP_OK);
	p = app_page(app);
	assert_int_equal(item_find(p, "Yes, remove this key"), -1);
	assert_page_has(p, "The key is kept.");
	/* Choosing it says how, where the person is. */
	focus_on(app, "How to add a key");
	assert_int_equal(app_action(app, ACTION_OPEN, 0), APP_OK);
	assert_page_has(app_page(app), "Keys cannot be added by pasting them. Log in over ssh with the key");
	app_free(app);
	/* No keys yet: said in words. */
	app = test_app(0);
	assert_int_equal(scr_keys_with(app, calloc(1, sizeof(struct api_sshkey_list))), 0);
	assert_page_has(app_page(app), "You have no SSH keys yet.");
	app_free(app);
}

/* A closing time of 23:59 in Kaiserslautern is that day on every screen
 * (pages, line mode and commands), whatever the machine's zone, on both
 * sides of both daylight-saving changes. */
static void
test_ui_date_berlin_in_any_zone(void **state)
{
	static const char *const zones[] = { "Pacific/Kiritimati", "America/Adak", "UTC" };
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		/* 23:59 CET on Saturday 28 March 2026, CEST on Sunday the 29th. */
		assert_string_equal(ui_end_date("2026-03-28T22:59:00Z", buf, sizeof(buf)),
		    "28 March 2026");
		assert_string_equal(ui_end_date("2026-03-29T21:59:00Z", buf, sizeof(buf)),
		    "29 March 2026");
		assert_string_equal(ui_window_text(API_STATUS_OPEN, "2026-03-01T08:00:00Z",
		    "2026-10-24T21:59:00Z", buf, sizeof(buf)), "open until 24 October 2026");
		assert_string_equal(ui_window_text(API_STATUS_CLOSED, NULL,
		    "2026-10-25T22:59:00Z", buf, sizeof(buf)), "closed on 25 October 2026");
		/* Written at 00:30 Berlin: the new day, though UTC is still on the old. */
		assert_string_equal(ui_date("2026-03-28T23:30:00Z", buf, sizeof(buf)),
		    "29 March 2026");
		assert_string_equal(ui_date("2026-10-24T22:30:00Z", buf, sizeof(buf)),
		    "25 October 2026");
		/* A close at midnight is the end of the day before. */
		assert_string_equal(ui_end_date("2026-04-30T22:00:00Z", buf, sizeof(buf)),
		    "30 April 2026");
		assert_string_equal(ui_date("2026-04-30T22:00:00Z", buf, sizeof(buf)),
		    "1 May 2026");
		assert_string_equal(ui_date("2028-02-29", buf, sizeof(buf)), "29 February 2028");
		assert_string_equal(ui_date("not a date", buf, sizeof(buf)), "not a date");
		assert_string_equal(cmd_end_date("2026-03-28T22:59:00Z", buf, sizeof(buf)),
		    "28 March 2026");
		assert_string_equal(cmd_end_date("2026-10-25T22:59:00Z", buf, sizeof(buf)),
		    "25 October 2026");
		assert_string_equal(cmd_date("2026-10-24T22:30:00Z", buf, sizeof(buf)),
		    "25 October 2026");
		assert_string_equal(cmd_date(NULL, buf, sizeof(buf)), "");
	}
	unsetenv("TZ");
	tzset();
}

/* Comment numbers stay when a reply to an old comment arrives: the
 * server lists it after its parent, the page numbers oldest first
 * (issue 8 item 13). */
static int
comment_number(const struct page *p, const char *who)
{
	int i = item_find(p, who);

	assert_true(i >= 0);
	return p->item[i].number;
}

static void
test_comment_numbers_stable(void **state)
{
	struct app *app = test_app(0);
	struct api_comment_list *c = canned_comments();
	struct api_idea *i = calloc(1, sizeof(*i));
	const struct page *p;
	int cara;

	(void)state;
	c->n = 3;
	c->total = 3;
	c->items = realloc(c->items, 4 * sizeof(*c->items));
	c->items[2] = (struct api_comment){ .id = 33, .author = S("Cara"), .body = S("Yes."),
	    .created_at = S("2026-04-05T10:00:00Z"), .status = API_STATUS_PUBLISHED };
	i->id = 5;
	i->title = S("More benches");
	i->author = S("Anna");
	i->created_at = S("2026-04-02T09:00:00Z");
	i->status = API_STATUS_PUBLISHED;
	assert_int_equal(scr_idea_with(app, i, c), 0);
	cara = comment_number(app_page(app), "Cara");
	app_free(app);
	/* A new reply to Anna's comment, listed after its parent. */
	app = test_app(0);
	c = canned_comments();
	c->n = 4;
	c->total = 4;
	c->items = realloc(c->items, 4 * sizeof(*c->items));
	c->items[2] = (struct api_comment){ .id = 34, .parent_id = 31, .author = S("Dan"),
	    .body = S("Later."), .created_at = S("2026-04-06T10:00:00Z"),
	    .status = API_STATUS_PUBLISHED };
	c->items[3] = (struct api_comment){ .id = 33, .author = S("Cara"), .body = S("Yes."),
	    .created_at = S("2026-04-05T10:00:00Z"), .status = API_STATUS_PUBLISHED };
	i = calloc(1, sizeof(*i));
	i->id = 5;
	i->title = S("More benches");
	i->author = S("Anna");
	i->created_at = S("2026-04-02T09:00:00Z");
	i->status = API_STATUS_PUBLISHED;
	assert_int_equal(scr_idea_with(app, i, c), 0);
	p = app_page(app);
	assert_int_equal(comment_number(p, "Cara"), cara);
	assert_int_equal(comment_number(p, "Dan"), cara + 1);
	/* The late reply still says whom it answers. */
	assert_string_equal(p->item[item_find(p, "Dan")].state, "Reply to: Anna");
	app_free(app);
}

/* A comment's date leaves the year out when the date said before it has
 * the same year, and keeps it across a new year (issue 8: speech time). */
static void
test_ui_date_after_year(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(ui_date_after("2026-11-19T10:00:00Z", "2026-11-16T09:00:00Z",
	    buf, sizeof(buf)), "19 November");
	assert_string_equal(ui_date_after("2027-01-02T10:00:00Z", "2026-12-30T09:00:00Z",
	    buf, sizeof(buf)), "2 January 2027");
	assert_string_equal(ui_date_after("2026-11-19T10:00:00Z", NULL, buf, sizeof(buf)),
	    "19 November 2026");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listwin_init_empty),
		cmocka_unit_test(test_ui_date_berlin_in_any_zone),
		cmocka_unit_test(test_listwin_move_clamps_and_scrolls),
		cmocka_unit_test(test_listwin_top_for_heights),
		cmocka_unit_test(test_ui_pager_steps),
		cmocka_unit_test(test_ui_date_after_year),
		cmocka_unit_test(test_comment_numbers_stable),
		cmocka_unit_test(test_field_clear_null),
		cmocka_unit_test(test_field_insert_utf8_moves),
		cmocka_unit_test(test_field_combining_moves_together),
		cmocka_unit_test(test_field_insert_sanitizes_and_limits),
		cmocka_unit_test(test_field_layout_wraps_with_caret),
		cmocka_unit_test(test_field_layout_secret_masks),
		cmocka_unit_test(test_ui_count_note_pages),
		cmocka_unit_test(test_page_bar_ascii),
		cmocka_unit_test(test_page_builders_number_items),
		cmocka_unit_test(test_app_free_null),
		cmocka_unit_test(test_app_failed_page_try_again),
		cmocka_unit_test(test_scr_projects_builds_list),
		cmocka_unit_test(test_scr_project_builds_groups),
		cmocka_unit_test(test_scr_ideas_and_idea),
		cmocka_unit_test(test_scr_idea_reply_names_parent),
		cmocka_unit_test(test_scr_poll_single),
		cmocka_unit_test(test_scr_poll_multiple_refuses_more_than_max),
		cmocka_unit_test(test_scr_poll_ranking_review),
		cmocka_unit_test(test_scr_poll_shows_own_ballot),
		cmocka_unit_test(test_scr_poll_closed_and_report),
		cmocka_unit_test(test_scr_results_bars_and_numbers),
		cmocka_unit_test(test_scr_login_form_names_field),
		cmocka_unit_test(test_scr_register_names_rule),
		cmocka_unit_test(test_scr_register_checks_field_on_leave),
		cmocka_unit_test(test_scr_comment_network_down_keeps_text),
		cmocka_unit_test(test_scr_idea_form_checks_and_keeps_draft),
		cmocka_unit_test(test_scr_help_and_messages),
		cmocka_unit_test(test_scr_survey_required_and_review),
		cmocka_unit_test(test_scr_keys_page),
		cmocka_unit_test(test_scr_account_lists_own_things),
		cmocka_unit_test(test_scr_account_empty_and_unloaded),
		cmocka_unit_test(test_app_real_server_rank_flow),
		cmocka_unit_test(test_app_real_server_support_idea),
		cmocka_unit_test(test_app_real_server_support_after_login),
		cmocka_unit_test(test_scr_survey_says_question),
		cmocka_unit_test(test_app_asks_before_leaving),
		cmocka_unit_test(test_ui_name_no_double_period),
		cmocka_unit_test(test_ui_tally_may_offers_what_api_takes),
		cmocka_unit_test(test_scr_projects_greets_name_with_period),
		cmocka_unit_test(test_app_real_server_idea_moderated),
		cmocka_unit_test(test_app_real_server_send_after_login_fails_kept),
		cmocka_unit_test(test_app_real_server_moderation_queue_shrinks),
		cmocka_unit_test(test_app_real_server_comment_moderated),
		cmocka_unit_test(test_app_real_server_session_expired_keeps_text),
		cmocka_unit_test(test_app_real_server_expired_page_offers_login),
		cmocka_unit_test(test_app_real_server_tally_and_survey),
		cmocka_unit_test(test_app_real_server_language_refetches),
		cmocka_unit_test(test_app_real_server_account_export_delete),
	};

	return cmocka_run_group_tests(tests, NULL, srv_teardown);
}
