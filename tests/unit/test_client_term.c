/* test_client_term.c — the full UI's frame on an in-memory canvas at 80x24 and 40x12. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/term/canvas.h"
#include "client/term/layout.h"
#include "client/term/term.h"
#include "client/ui/field.h"
#include "client/ui/page.h"
#include "common/text.h"

static const char *
fake_keyname(const char *context, enum action action, void *ud)
{
	(void)context;
	(void)ud;
	switch ((int)action) {	/* open set: the rest goes to default */
	case ACTION_OPEN:	return "Enter";
	case ACTION_BACK:	return "Esc";
	case ACTION_HELP:	return "?";
	case ACTION_QUIT:	return "q";
	case ACTION_FILTER:	return "f";
	case ACTION_LANGUAGE:	return "L";
	default:		return NULL;
	}
}

/* A project page like the real one: breadcrumb, heading, text, n items. */
static struct page *
make_page(int n, int focus)
{
	struct page *p;
	struct page_item *it;
	int i;

	p = page_new();
	assert_non_null(p);
	assert_int_equal(page_set_breadcrumb(p, "Projekte / Stadt.Raum.Wir."), 0);
	assert_int_equal(page_set_heading(p, "Stadt.Raum.Wir."), 0);
	assert_int_equal(page_add_text(p, PAGE_TEXT_NOTE,
	    "Offen bis 30. April 2026"), 0);
	for (i = 0; i < n; i++) {
		char label[64];

		snprintf(label, sizeof(label), "Veranstaltung %d", i + 1);
		it = page_add_item(p, PAGE_ITEM_LINK, label);
		assert_non_null(it);
		if (i >= n / 2)
			assert_int_equal(page_item_group(it, "Umfragen"), 0);
	}
	assert_int_equal(page_add_action(p, ACTION_OPEN, "open"), 0);
	assert_int_equal(page_add_action(p, ACTION_BACK, "back"), 0);
	assert_int_equal(page_add_action(p, ACTION_HELP, "help"), 0);
	p->focus = focus;
	return p;
}

/* Every row fits the width and exactly one row carries the '>' marker,
 * on the cursor's row, in column 0. */
static void
check_frame(const struct canvas *c)
{
	int y, marks;

	marks = 0;
	for (y = 0; y < c->rows; y++) {
		assert_true(text_width(canvas_text(c, y)) <= (size_t)c->cols);
		if (canvas_text(c, y)[0] == '>') {
			marks++;
			assert_int_equal(c->cur_y, y);
			assert_int_equal(c->cur_x, 0);
		}
	}
	assert_int_equal(marks, 1);
}

static void
test_canvas_free_null(void **state)
{
	(void)state;
	canvas_free(NULL);
	layout_free(NULL);
}

static void
test_canvas_new_clamps_size(void **state)
{
	struct canvas *c;

	(void)state;
	c = canvas_new(0, -3);
	assert_non_null(c);
	assert_int_equal(c->rows, 1);
	assert_int_equal(c->cols, 1);
	assert_string_equal(canvas_text(c, 0), "");
	assert_string_equal(canvas_text(c, 5), "");
	canvas_free(c);
}

static void
test_canvas_put_fits_wide_text(void **state)
{
	struct canvas *c;

	(void)state;
	c = canvas_new(2, 5);
	assert_non_null(c);
	/* Three wide characters need 6 columns: only two fit. */
	assert_int_equal(canvas_put(c, 0, "日本語", 0), 6);
	assert_string_equal(canvas_text(c, 0), "日本");
	/* A combining mark stays with its base. */
	canvas_put(c, 1, "abcde\xcc\x81xyz", 0);
	assert_string_equal(canvas_text(c, 1), "abcde\xcc\x81");
	assert_int_equal(canvas_put(c, 7, "outside", 0), 0);
	canvas_free(c);
}

static void
test_canvas_row_equal_and_copy(void **state)
{
	struct canvas *a, *b;

	(void)state;
	a = canvas_new(3, 10);
	b = canvas_new(3, 10);
	canvas_put(a, 1, "Hallo", CANVAS_BOLD);
	assert_false(canvas_row_equal(a, b, 1));
	assert_true(canvas_row_equal(a, b, 0));
	assert_int_equal(canvas_copy(b, a), 0);
	assert_true(canvas_row_equal(a, b, 1));
	canvas_span(a, 1, 0, 2, CANVAS_REVERSE);
	assert_false(canvas_row_equal(a, b, 1));
	assert_int_equal(canvas_find(a, "all"), 1);
	assert_int_equal(canvas_find(a, "nothing"), -1);
	canvas_free(a);
	canvas_free(b);
}

static void
test_layout_page_80x24(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	char *dump;
	int y;

	(void)state;
	layout_init(&l);
	c = canvas_new(24, 80);
	p = make_page(6, 2);
	assert_int_equal(layout_page(&l, p, "Willkommen.", fake_keyname, NULL,
	    c), 0);
	dump = canvas_dump(c);
	assert_non_null(dump);
	assert_string_equal(canvas_text(c, 0), "Projekte / Stadt.Raum.Wir.");
	assert_string_equal(canvas_text(c, 1), "Stadt.Raum.Wir.");
	assert_string_equal(canvas_text(c, 2), "");
	assert_string_equal(canvas_text(c, 3), "Offen bis 30. April 2026");
	y = canvas_find(c, "Veranstaltung 3");
	assert_string_equal(canvas_text(c, y), "> 3. Veranstaltung 3");
	assert_string_equal(canvas_text(c, y - 1), "  2. Veranstaltung 2");
	/* The group heading comes after a blank line. */
	y = canvas_find(c, "Umfragen");
	assert_true(y > 0);
	assert_string_equal(canvas_text(c, y - 1), "");
	assert_string_equal(canvas_text(c, y + 1), "  4. Veranstaltung 4");
	assert_string_equal(canvas_text(c, 22), "? help, Esc back, Enter open");
	assert_string_equal(canvas_text(c, 23), "Willkommen.");
	check_frame(c);
	assert_int_equal(l.focus_row, c->cur_y);
	free(dump);
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_40x12_scrolls_to_focus(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	int i;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = make_page(30, 0);
	for (i = 0; i < 30; i++) {
		p->focus = i;
		assert_int_equal(layout_page(&l, p, NULL, fake_keyname, NULL,
		    c), 0);
		check_frame(c);
		assert_non_null(strstr(canvas_text(c, c->cur_y), "Veranstaltung"));
		/* Heading, hints and status stay where they are. */
		assert_string_equal(canvas_text(c, 1), "Stadt.Raum.Wir.");
		assert_string_equal(canvas_text(c, 10),
		    "? help, Esc back, Enter open");
	}
	assert_non_null(strstr(canvas_text(c, c->cur_y), "30. Veranstaltung 30"));
	/* Back up to the first item: the text above it shows again. */
	for (i = 29; i >= 0; i--) {
		p->focus = i;
		assert_int_equal(layout_page(&l, p, NULL, fake_keyname, NULL,
		    c), 0);
		check_frame(c);
	}
	assert_string_equal(canvas_text(c, 2), "Offen bis 30. April 2026");
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_wraps_wide_and_combining(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	struct page_item *it;
	const char *para;
	int y, found;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = page_new();
	page_set_heading(p, "Ideen");
	/* Wide CJK, combining accents (e + U+0301) and plain words. */
	para = "Mehr Sitzbänke am Stiftsplatz 日本語の文字はとても幅が広いです "
	    "cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 "
	    "cafe\xcc\x81 ende";
	page_add_text(p, PAGE_TEXT_PARA, "%s", para);
	it = page_add_item(p, PAGE_ITEM_LINK,
	    "Ein sehr langer Titel einer Idee, der nicht in eine Zeile passt");
	assert_non_null(it);
	p->focus = 0;
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	found = 0;
	for (y = 0; y < c->rows; y++) {
		assert_true(text_width(canvas_text(c, y)) <= 40);
		if (strstr(canvas_text(c, y), "ende") != NULL)
			found = 1;
	}
	assert_true(found);
	/* The long label continues under its first letter, not under '>'. */
	y = c->cur_y;
	assert_memory_equal(canvas_text(c, y), "> 1. Ein sehr", 13);
	assert_memory_equal(canvas_text(c, y + 1), "     ", 5);
	assert_true(canvas_text(c, y + 1)[5] != ' ');
	check_frame(c);
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_marks_as_text(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	struct page_item *it;

	(void)state;
	layout_init(&l);
	c = canvas_new(24, 80);
	p = page_new();
	page_set_heading(p, "Abstimmung");
	it = page_add_item(p, PAGE_ITEM_CHECKBOX, "Lautern tanzt");
	page_item_state(it, "[x]");
	it->checked = 1;
	it = page_add_item(p, PAGE_ITEM_RADIO, "Kino im Park");
	page_item_state(it, "( )");
	it = page_add_item(p, PAGE_ITEM_RANKED, "Nachtflohmarkt");
	page_item_state(it, "1.");
	it = page_add_item(p, PAGE_ITEM_LINK, "Mehr Bänke");
	page_item_state(it, "you support this");
	it = page_add_item(p, PAGE_ITEM_ENTRY, "Ergebnis");
	it->has_bar = 1;
	it->bar = 0.5;
	/* A rank in words goes first too: a long title would push it out
	 * of a 40-cell braille window. */
	it = page_add_item(p, PAGE_ITEM_RANKED, "Crossboule mit Käse und Baguette auf dem Platz");
	page_item_state(it, "your choice 2");
	p->focus = 1;
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_true(canvas_find(c, "  1. [x] Lautern tanzt") >= 0);
	assert_true(canvas_find(c, "> 2. ( ) Kino im Park") >= 0);
	assert_true(canvas_find(c, "  3. 1. Nachtflohmarkt") >= 0);
	assert_true(canvas_find(c, "  4. Mehr Bänke (you support this)") >= 0);
	assert_true(canvas_find(c, "#####") >= 0);
	assert_true(canvas_find(c, "  6. (your choice 2) Crossboule mit") >= 0);
	check_frame(c);
	/* Reverse video only adds to the marker and number. */
	assert_int_equal(c->row[c->cur_y].span_from, 0);
	assert_int_equal(c->row[c->cur_y].span_to, strlen("> 2. "));
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

/* Issue 8 item 14: at 40 columns the hint line still says help and quit
 * first; what does not fit is left out, not cut in the middle; the
 * breadcrumb breaks at a word boundary. */
static void
test_layout_page_hints_help_quit_first(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	int y;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = make_page(3, 0);
	free(p->breadcrumb);
	p->breadcrumb = strdup("Projekte / Stadt.Raum.Wir. (Stadt.Raum.Wir.)");
	while (p->n_action > 0)
		free(p->action[--p->n_action].label);
	assert_int_equal(page_add_action(p, ACTION_OPEN, "öffnen"), 0);
	assert_int_equal(page_add_action(p, ACTION_FILTER, "filtern"), 0);
	assert_int_equal(page_add_action(p, ACTION_LANGUAGE, "English"), 0);
	assert_int_equal(page_add_action(p, ACTION_QUIT, "beenden"), 0);
	assert_int_equal(page_add_action(p, ACTION_HELP, "Hilfe"), 0);
	assert_int_equal(layout_page(&l, p, NULL, fake_keyname, NULL, c), 0);
	check_frame(c);
	y = canvas_find(c, "? Hilfe, q beenden, Enter öffnen");
	assert_int_equal(y, 10);
	assert_string_equal(canvas_text(c, 0), "Projekte / Stadt.Raum.Wir. …");
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_cursor_on_field_caret(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	struct page_item *it;
	struct page_field f;
	int y;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = page_new();
	page_set_heading(p, "Neue Idee");
	assert_int_equal(field_init(&f, "Titel", "Titel", 120, 0, 0), 0);
	assert_int_equal(field_set(&f, "Bänke"), 0);
	field_left(&f);
	field_left(&f);
	it = page_add_item(p, PAGE_ITEM_FIELD, "Titel");
	it->field = &f;
	p->focus = 0;
	/* A one-line field shares the line with its name. */
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = canvas_find(c, "> 1. Titel: Bänke");
	assert_true(y >= 0);
	/* The caret is before "ke": column 12 + 3. */
	assert_int_equal(c->cur_y, y);
	assert_int_equal(c->cur_x, 15);
	assert_int_equal(l.field_cols, 40 - 12);
	/* A multi-line field also shares the line with its name (issue 8
	 * item 23: braille shows the name). */
	it->kind = PAGE_ITEM_MULTILINE;
	f.multiline = 1;
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = canvas_find(c, "> 1. Titel: Bänke");
	assert_true(y >= 0);
	assert_int_equal(c->cur_y, y);
	assert_int_equal(c->cur_x, 15);
	/* The caret on a later line: that line says the name again. */
	assert_int_equal(field_set(&f, "Bänke\nmehr"), 0);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = canvas_find(c, "> 1. Titel: Bänke");
	assert_true(y >= 0);
	assert_string_equal(canvas_text(c, y + 1), "     Titel: mehr");
	assert_int_equal(c->cur_y, y + 1);
	assert_int_equal(c->cur_x, 12 + 4);
	assert_int_equal(l.field_cols, 40 - 12);
	/* An empty multi-line field: the caret right after the name. */
	assert_int_equal(field_set(&f, ""), 0);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = canvas_find(c, "> 1. Titel:");
	assert_int_equal(c->cur_y, y);
	assert_int_equal(c->cur_x, 12);
	/* At 80 columns a long text wraps before column 40: the caret stays
	 * in the braille window (columns 0 to 39) that shows the name. */
	canvas_free(c);
	c = canvas_new(24, 80);
	assert_int_equal(field_set(&f, "Bänke und viel Schatten am Platz, auch abends"), 0);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_true(c->cur_x < 40);
	assert_true(strncmp(canvas_text(c, c->cur_y), "     Titel: ", 12) == 0);
	assert_int_equal(l.field_cols, 39 - 12);
	/* A line filled to its end: the caret after it is still left of
	 * column 40. */
	assert_int_equal(field_set(&f, "Sitzbänke-und-viel-Schatten"), 0);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_true(c->cur_x < 40);
	/* A name too long to leave the value room wraps: as many of its
	 * last words as fit stand on the caret's line (Turkish "user name
	 * or e-mail"). */
	free(it->label);
	it->label = strdup("Kullanıcı adı veya e-posta");
	it->kind = PAGE_ITEM_FIELD;
	f.multiline = 0;
	assert_int_equal(field_set(&f, "demo"), 0);
	canvas_free(c);
	c = canvas_new(12, 40);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = canvas_find(c, "> 1. Kullanıcı");
	assert_true(y >= 0);
	assert_int_equal(c->cur_y, y + 1);
	assert_string_equal(canvas_text(c, y + 1), "     adı veya e-posta: demo");
	assert_int_equal(c->cur_x, 27);
	page_free(p);
	field_clear(&f);
	canvas_free(c);
	layout_free(&l);
}

/* A refused field: its caret line starts with the error's first words
 * (which name the field) and keeps the value editable; the rest of the
 * error follows on the next line, where panning on reads it. Another
 * field's error stays under it. At 80 columns the caret stays left of
 * column 40. */
static void
test_layout_page_field_error_on_caret_line(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	struct page_item *it;
	struct page_field f, g;
	int y;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = page_new();
	page_set_heading(p, "Registrieren");
	assert_int_equal(field_init(&f, "Benutzername", "Benutzername", 32, 0, 0), 0);
	assert_int_equal(field_init(&g, "Passwort", "Passwort", 256, 0, 0), 0);
	assert_int_equal(field_set(&f, "A b"), 0);
	assert_int_equal(field_set_error(&f, "Benutzername: nur a-z, 0-9 und . _ -."), 0);
	it = page_add_item(p, PAGE_ITEM_FIELD, "Benutzername");
	it->field = &f;
	page_item_state(it, "%s", f.error);
	it = page_add_item(p, PAGE_ITEM_PASSWORD, "Passwort");
	it->field = &g;
	p->focus = 0;
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = c->cur_y;
	assert_string_equal(canvas_text(c, y), "> 1. Benutzername: nur a-z,… A b");
	assert_int_equal(c->cur_x, 32);
	assert_int_equal(l.field_cols, 40 - 29);
	assert_string_equal(canvas_text(c, y + 1), "     0-9 und . _ -.");
	assert_string_equal(canvas_text(c, y + 2), "  2. Passwort: ");
	/* A short error stands whole before the value. */
	assert_int_equal(field_set_error(&f, "Zu kurz."), 0);
	page_item_state(&p->item[0], "%s", f.error);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_string_equal(canvas_text(c, c->cur_y), "> 1. Zu kurz. A b");
	/* Not focused: name and value, the error below. */
	p->focus = 1;
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = canvas_find(c, "  1. Benutzername: A b");
	assert_true(y >= 0);
	assert_string_equal(canvas_text(c, y + 1), "     Zu kurz.");
	/* A login refused on the focused field says so there too. */
	p->refused = "Nicht angemeldet. Falscher Name oder Passwort.";
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	y = c->cur_y;
	assert_string_equal(canvas_text(c, y), "> 2. Nicht angemeldet.… ");
	assert_string_equal(canvas_text(c, y + 1), "     Falscher Name oder Passwort.");
	/* At 80 columns the caret stays in the first 40 cells. */
	canvas_free(c);
	c = canvas_new(24, 80);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_true(c->cur_x < 40);
	assert_true(strncmp(canvas_text(c, c->cur_y), "> 2. Nicht angemeldet.", 22) == 0);
	page_free(p);
	field_clear(&f);
	field_clear(&g);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_no_focus_cursor_on_heading(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;

	(void)state;
	layout_init(&l);
	c = canvas_new(24, 80);
	p = make_page(3, -1);
	p->loading = 1;
	assert_int_equal(layout_page(&l, p, NULL, fake_keyname, NULL, c), 0);
	assert_int_equal(c->cur_y, 1);
	assert_int_equal(c->cur_x, 0);
	assert_int_equal(canvas_find(c, ">"), -1);
	/* "Loading…" once, on the status line. */
	assert_true(strlen(canvas_text(c, 23)) > 0);
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_long_status_wraps(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = make_page(3, 0);
	assert_int_equal(layout_page(&l, p,
	    "Your vote for 'Lautern tanzt' is saved. You can change it "
	    "until 30 April.", fake_keyname, NULL, c), 0);
	assert_string_equal(canvas_text(c, 10), "Your vote for 'Lautern tanzt' is saved.");
	assert_string_equal(canvas_text(c, 11), "You can change it until 30 April.");
	assert_string_equal(canvas_text(c, 9), "? help, Esc back, Enter open");
	check_frame(c);
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

/* A send refused: the focused line says why, in the first 40 columns a
 * braille window shows, not only the status line. */
/* Issue 8 item 23: on the focused line, within the 40 cells of a braille
 * window, the start of the title and the item's state: a results row's
 * numbers first; a state after a long title moves before it (its brief
 * form when the screen gave one); a short line keeps "title (state)". */
static void
test_layout_page_state_in_braille_window(void **state)
{
	static const int size[2][2] = { { 12, 40 }, { 24, 80 } };
	struct layout l;
	struct canvas *c;
	struct page *p;
	struct page_item *it;
	const char *line;
	char win[41];
	int k, y;

	(void)state;
	for (k = 0; k < 2; k++) {
		layout_init(&l);
		c = canvas_new(size[k][0], size[k][1]);
		p = page_new();
		page_set_heading(p, "Ergebnisse");
		it = page_add_item(p, PAGE_ITEM_ENTRY, "Crossboule mit Käse und Baguette");
		it->has_bar = 1;
		it->bar = 0.4;
		page_item_detail(it, "12 Stimmen, 40,0 %%, Platz 1 – 3 online, 9 Papier");
		it->lead = strlen("12 Stimmen, 40,0 %");
		it = page_add_item(p, PAGE_ITEM_LINK,
		    "Ein Projekt mit einem sehr langen Titel für den Stiftsplatz");
		page_item_state(it, "offen bis 30.4.2027");
		it = page_add_item(p, PAGE_ITEM_LINK, "Mehr Bänke");
		page_item_state(it, "you support this");
		/* A brief form only where the whole does not fit. */
		page_item_state_brief(it, "supported");
		it = page_add_item(p, PAGE_ITEM_ENTRY, "Lautern tanzt (Lautern dances)");
		page_item_state(it, "keying 1: 6, keying 2: 3, differ");
		page_item_state_brief(it, "6 and 3, differ");
		for (p->focus = 0; p->focus < 4; p->focus++) {
			assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
			check_frame(c);
			line = canvas_text(c, c->cur_y);
			snprintf(win, sizeof(win), "%s", line);
			switch (p->focus) {
			case 0:
				assert_non_null(strstr(win, "> 1. (12 Stimmen, 40,0 %) Crossboule"));
				/* The numbers are not said twice below. */
				assert_true(canvas_find(c, "     Platz 1 – 3 online, 9 Papier") >= 0);
				break;
			case 1:
				assert_non_null(strstr(win, "> 2. (offen bis 30.4.2027) Ein Projekt"));
				break;
			case 2:
				assert_string_equal(line, "> 3. Mehr Bänke (you support this)");
				break;
			default:
				assert_non_null(strstr(win, "> 4. (6 and 3, differ) Lautern tanzt"));
				for (y = 0; y < c->rows; y++)
					assert_null(strstr(canvas_text(c, y), "keying 1"));
				break;
			}
		}
		page_free(p);
		canvas_free(c);
		layout_free(&l);
	}
}

static void
test_layout_page_refused_on_focused_line(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = make_page(3, 1);
	p->refused = "Your vote was not sent.";
	assert_int_equal(layout_page(&l, p, p->refused, fake_keyname, NULL, c), 0);
	assert_string_equal(canvas_text(c, c->cur_y), "> 2. Veranstaltung 2 — Your vote was not");
	check_frame(c);
	/* Another item's line does not say it. */
	assert_true(canvas_find(c, "  1. Veranstaltung 1") >= 0);
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_read_scrolls_long_text(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;
	int i, guard;

	(void)state;
	layout_init(&l);
	c = canvas_new(12, 40);
	p = page_new();
	page_set_heading(p, "Idee");
	for (i = 0; i < 12; i++)
		page_add_text(p, PAGE_TEXT_NOTE, "Zeile %d des langen Textes", i + 1);
	page_add_item(p, PAGE_ITEM_ENTRY, "Kommentar");
	p->focus = 0;
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	/* The focus shows; the start of the text does not fit. */
	check_frame(c);
	assert_int_equal(canvas_find(c, "Zeile 1 "), -1);
	assert_true(l.top > 0);
	/* Scrolling up reads the text; the cursor is on the body's first row. */
	assert_int_equal(layout_read(&l, 1, -(l.body_rows - 1)), 1);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_true(l.reading);
	assert_true(canvas_find(c, "Zeile 1 ") >= 0);
	assert_int_equal(c->cur_y, canvas_find(c, "Zeile 1 "));
	/* Down reads on until the focused item shows again. */
	for (guard = 0; l.reading && guard < 10; guard++) {
		layout_read(&l, 1, l.body_rows - 1);
		assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	}
	assert_false(l.reading);
	check_frame(c);
	/* At the top, Up has nothing more to show. */
	l.top = 0;
	l.reading = 0;
	page_free(p);
	p = make_page(2, 0);
	assert_int_equal(layout_page(&l, p, NULL, NULL, NULL, c), 0);
	assert_int_equal(layout_read(&l, 1, -5), 0);
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_layout_page_tiny_screen_keeps_marker(void **state)
{
	struct layout l;
	struct canvas *c;
	struct page *p;

	(void)state;
	layout_init(&l);
	/* Two body rows: the blank line and group heading before the item
	 * must not push its '>' line out of view. */
	c = canvas_new(4, 40);
	p = make_page(4, 2);
	assert_int_equal(layout_page(&l, p, "x", fake_keyname, NULL, c), 0);
	check_frame(c);
	assert_non_null(strstr(canvas_text(c, c->cur_y), "> 3."));
	page_free(p);
	canvas_free(c);
	layout_free(&l);
}

static void
test_term_key_from_curses_maps(void **state)
{
	(void)state;
	assert_int_equal(term_key_from_curses(0, 'q'), 'q');
	assert_int_equal(term_key_from_curses(0, 0xE4), 0xE4);
	assert_int_equal(term_key_from_curses(0, 13), KEYS_ENTER);
	assert_int_equal(term_key_from_curses(0, 10), KEYS_ENTER);
	assert_int_equal(term_key_from_curses(0, 27), KEYS_ESC);
	assert_int_equal(term_key_from_curses(0, 127), KEYS_BACKSPACE);
	assert_int_equal(term_key_from_curses(0, 9), KEYS_TAB);
	assert_int_equal(term_key_from_curses(0, 3), KEYS_CTRL('c'));
	assert_int_equal(term_key_from_curses(0, 0x85), KEYS_NONE);
	assert_int_equal(term_key_from_curses(1, KEY_UP), KEYS_UP);
	assert_int_equal(term_key_from_curses(1, KEY_NPAGE), KEYS_PAGE_DOWN);
	assert_int_equal(term_key_from_curses(1, KEY_F(1)), KEYS_F(1));
	assert_int_equal(term_key_from_curses(1, KEY_ENTER), KEYS_KP_ENTER);
	assert_int_equal(term_key_from_curses(1, KEY_RESIZE), KEYS_NONE);
	/* Application keypad keys registered by screen_start(). */
	assert_int_equal(term_key_from_curses(1, TERM_KP_DIGIT(8)), KEYS_KP(8));
	assert_int_equal(term_key_from_curses(1, TERM_KP_PLUS), KEYS_KP_PLUS);
	assert_int_equal(term_key_from_curses(1, TERM_KP_DECIMAL), KEYS_KP_DECIMAL);
	assert_string_equal(term_kp_sequence(2), "\033Or");
	assert_null(term_kp_sequence(TERM_KP_CODES));
	/* Above every curses code, so they never clash. */
	assert_true(TERM_KP_DIGIT(0) > KEY_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canvas_free_null),
		cmocka_unit_test(test_canvas_new_clamps_size),
		cmocka_unit_test(test_canvas_put_fits_wide_text),
		cmocka_unit_test(test_canvas_row_equal_and_copy),
		cmocka_unit_test(test_layout_page_80x24),
		cmocka_unit_test(test_layout_page_40x12_scrolls_to_focus),
		cmocka_unit_test(test_layout_page_wraps_wide_and_combining),
		cmocka_unit_test(test_layout_page_marks_as_text),
		cmocka_unit_test(test_layout_page_hints_help_quit_first),
		cmocka_unit_test(test_layout_page_cursor_on_field_caret),
		cmocka_unit_test(test_layout_page_no_focus_cursor_on_heading),
		cmocka_unit_test(test_layout_page_long_status_wraps),
		cmocka_unit_test(test_layout_page_refused_on_focused_line),
		cmocka_unit_test(test_layout_page_state_in_braille_window),
		cmocka_unit_test(test_layout_page_field_error_on_caret_line),
		cmocka_unit_test(test_layout_read_scrolls_long_text),
		cmocka_unit_test(test_layout_page_tiny_screen_keeps_marker),
		cmocka_unit_test(test_term_key_from_curses_maps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
