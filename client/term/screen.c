/* screen.c — the one place that talks curses: set-up, diffed drawing, keys. */
#include <curses.h>
#include <term.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/term/screen.h"

/* Colour pairs, one per role of canvas.h. */
enum screen_pair {
	PAIR_HEADING = 1, PAIR_FOCUS, PAIR_STATUS, PAIR_HINT, PAIR_ERROR,
	PAIR_CHECKED
};

static SCREEN		*screen_term;
static struct canvas	*screen_shown;	/* what the terminal shows now */
static int		 screen_has_color;
static int		 screen_color_on;

int
screen_can_address(void)
{
	const char *t;
	char *cup;
	int err, ok;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return 0;
	t = getenv("TERM");
	if (t == NULL || *t == '\0' || strcmp(t, "dumb") == 0)
		return 0;
	if (setupterm(t, STDOUT_FILENO, &err) != OK)
		return 0;
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1;
	del_curterm(cur_term);
	cur_term = NULL;
	return ok;
}

static void
screen_init_colors(void)
{
	screen_has_color = has_colors();
	if (!screen_has_color)
		return;
	start_color();
	/* The user's own background and foreground stay (-1). */
	use_default_colors();
	init_pair(PAIR_HEADING, COLOR_CYAN, -1);
	init_pair(PAIR_FOCUS, COLOR_YELLOW, -1);
	init_pair(PAIR_STATUS, COLOR_GREEN, -1);
	init_pair(PAIR_HINT, COLOR_BLUE, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_CHECKED, COLOR_GREEN, -1);
}

int
screen_start(int no_color, int kiosk)
{
	if (screen_term != NULL)
		return 0;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(150);
	screen_term = newterm(NULL, stdout, stdin);
	if (screen_term == NULL)
		return -1;
	set_term(screen_term);
	/* About 150 ms: Esc must feel immediate, yet arrow keys over ssh
	 * still arrive as one sequence. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(150);
	if (kiosk)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* Scrolling a list by insert/delete line writes the new rows only. */
	idlok(stdscr, TRUE);
	/* No typeahead checks: doupdate() must finish every frame, cursor
	 * move included, even while keys are arriving. */
	typeahead(-1);
	/* The cursor shows where the focus is, for eyes and braille alike. */
	curs_set(1);
	screen_init_colors();
	screen_color_on = screen_has_color && !no_color;
	screen_invalidate();
	return 0;
}

void
screen_stop(void)
{
	if (screen_term == NULL)
		return;
	endwin();
	delscreen(screen_term);
	screen_term = NULL;
	canvas_free(screen_shown);
	screen_shown = NULL;
}

void
screen_size(int *rows, int *cols)
{
	*rows = LINES;
	*cols = COLS;
}

int
screen_set_color(int on)
{
	screen_color_on = screen_has_color && on;
	screen_invalidate();
	return screen_color_on;
}

int
screen_color(void)
{
	return screen_color_on;
}

void
screen_invalidate(void)
{
	canvas_free(screen_shown);
	screen_shown = NULL;
}

void
screen_wipe(void)
{
	char *e3;

	screen_invalidate();
	clear();
	refresh();
	/* The next person must not scroll back to what the last one did. */
	e3 = tigetstr("E3");
	if (e3 != NULL && e3 != (char *)-1)
		putp(e3);
	fflush(stdout);
}

/* Curses attributes for canvas attributes; roles add colour when on. */
static attr_t
screen_attr(int a)
{
	attr_t r;

	r = A_NORMAL;
	if (a & CANVAS_BOLD)
		r |= A_BOLD;
	if (a & CANVAS_REVERSE)
		r |= A_REVERSE;
	if (a & CANVAS_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CANVAS_DIM)
		r |= A_DIM;
	if (!screen_color_on)
		return r;
	if (a & CANVAS_ERROR)
		r |= COLOR_PAIR(PAIR_ERROR);
	else if (a & CANVAS_FOCUS)
		r |= COLOR_PAIR(PAIR_FOCUS);
	else if (a & CANVAS_CHECKED)
		r |= COLOR_PAIR(PAIR_CHECKED);
	else if (a & CANVAS_HEADING)
		r |= COLOR_PAIR(PAIR_HEADING);
	else if (a & CANVAS_STATUS)
		r |= COLOR_PAIR(PAIR_STATUS);
	else if (a & CANVAS_HINT)
		r |= COLOR_PAIR(PAIR_HINT);
	return r;
}

static void
screen_put(const char *s, size_t n, int a)
{
	if (n == 0)
		return;
	attrset(screen_attr(a));
	addnstr(s, (int)n);
}

static void
screen_draw_row(const struct canvas_row *r, int y)
{
	size_t len;

	move(y, 0);
	len = strlen(r->text);
	if (r->span_to > r->span_from && r->span_to <= len) {
		screen_put(r->text, r->span_from, r->attr);
		screen_put(r->text + r->span_from, r->span_to - r->span_from,
		    r->attr | r->span_attr);
		screen_put(r->text + r->span_to, len - r->span_to, r->attr);
	} else {
		screen_put(r->text, len, r->attr);
	}
	attrset(A_NORMAL);
	/* Writing the last column leaves the cursor past the line. */
	if (getcury(stdscr) == y)
		clrtoeol();
}

void
screen_draw(const struct canvas *c)
{
	int y, all;

	if (screen_term == NULL)
		return;
	all = screen_shown == NULL || screen_shown->rows != c->rows ||
	    screen_shown->cols != c->cols || c->rows != LINES ||
	    c->cols != COLS;
	if (all) {
		canvas_free(screen_shown);
		screen_shown = canvas_new(c->rows, c->cols);
		erase();
	}
	for (y = 0; y < c->rows && y < LINES; y++) {
		if (!all && canvas_row_equal(screen_shown, c, y))
			continue;
		screen_draw_row(&c->row[y], y);
	}
	/* Never leaveok(): the cursor marks the focus for screen readers. */
	move(c->cur_y, c->cur_x);
	wnoutrefresh(stdscr);
	doupdate();
	if (screen_shown == NULL || canvas_copy(screen_shown, c) != 0)
		screen_invalidate();
}

int
screen_read_key(int timeout_ms, unsigned int *ch, int *alt)
{
	struct pollfd pfd;
	wint_t wc, wc2;
	int r;

	*ch = 0;
	*alt = 0;
	timeout(timeout_ms);
	r = wget_wch(stdscr, &wc);
	if (r == ERR) {
		if (timeout_ms < 0)
			return SCREEN_KEY_EOF;
		pfd.fd = STDIN_FILENO;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) == 1 &&
		    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)))
			return SCREEN_KEY_EOF;
		return SCREEN_KEY_NONE;
	}
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE)
			return SCREEN_KEY_RESIZE;
		*ch = (unsigned int)wc;
		return SCREEN_KEY_CODE;
	}
	if (wc == 27) {
		/* Esc with a key right behind it is Alt+key. */
		timeout(0);
		r = wget_wch(stdscr, &wc2);
		if (r == OK && wc2 != 27) {
			*alt = 1;
			*ch = (unsigned int)wc2;
			return SCREEN_KEY_CHAR;
		}
		if (r == OK)
			unget_wch(wc2);
		else if (r == KEY_CODE_YES)
			ungetch((int)wc2);
	}
	*ch = (unsigned int)wc;
	return SCREEN_KEY_CHAR;
}
