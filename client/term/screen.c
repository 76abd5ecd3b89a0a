/* screen.c — the one place that talks curses: set-up, diffed drawing, keys. */
#include <curses.h>
#include <term.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "client/term/screen.h"
#include "client/term/term.h"
#include "common/text.h"

/* Colour pairs, one per role of canvas.h. */
enum screen_pair {
	PAIR_HEADING = 1, PAIR_FOCUS, PAIR_STATUS, PAIR_HINT, PAIR_ERROR,
	PAIR_CHECKED
};

static SCREEN		*screen_term;
static int		 screen_cur_y;	/* where the last frame left the cursor */
static int		 screen_cur_x;

/* The prepared bytes the SIGALRM handler writes for a slow request. */
static char			 screen_slow[512];
static volatile sig_atomic_t	 screen_slow_len;
static volatile sig_atomic_t	 screen_slow_fired;
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
	const char *alt;
	int i, code;

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
	/* keypad() turns on the terminal's application keypad: its keys
	 * then send ESC O sequences that curses does not name. */
	for (i = 0; i < TERM_KP_CODES; i++)
		define_key(term_kp_sequence(i), TERM_KP_DIGIT(0) + i);
	/* Home, End and F1 as other terminals send them, where this
	 * terminfo has no key of that sequence (nor one it begins). */
	for (i = 0; i < TERM_ALT_CODES; i++)
		if ((alt = term_alt_sequence(i, &code)) != NULL && key_defined(alt) == 0)
			define_key(alt, code);
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
	screen_loading_cancel();
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

static void
screen_on_alarm(int sig)
{
	ssize_t w;

	(void)sig;
	/* write(2) is safe here; curses is not, so the bytes are ready. */
	if (screen_slow_len > 0) {
		w = write(STDOUT_FILENO, screen_slow, (size_t)screen_slow_len);
		(void)w;
		screen_slow_fired = 1;
	}
	screen_slow_len = 0;
}

static void
screen_timer(int ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Appends s to screen_slow at *n; returns -1 when it does not fit. */
static int
screen_slow_add(size_t *n, const char *s, size_t len)
{
	if (s == NULL || *n + len >= sizeof(screen_slow))
		return -1;
	memcpy(screen_slow + *n, s, len);
	*n += len;
	return 0;
}

void
screen_loading(const char *text, int ms)
{
	static int installed;
	struct sigaction sa;
	const char *cup;
	size_t n;

	screen_loading_cancel();
	if (screen_term == NULL || text == NULL || cursor_address == NULL)
		return;
	if (!installed) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = screen_on_alarm;
		sigemptyset(&sa.sa_mask);
		/* curl's poll() goes on after the interruption. */
		sa.sa_flags = SA_RESTART;
		sigaction(SIGALRM, &sa, NULL);
		installed = 1;
	}
	n = 0;
	/* Plain text only, and the cursor back where the frame left it:
	 * curses' idea of attributes and cursor stays true. */
	cup = tiparm(cursor_address, LINES - 1, 0);
	if (cup == NULL || screen_slow_add(&n, cup, strlen(cup)) != 0 ||
	    screen_slow_add(&n, text, text_fit(text, (size_t)COLS)) != 0 ||
	    (clr_eol != NULL && screen_slow_add(&n, clr_eol,
	    strlen(clr_eol)) != 0))
		return;
	cup = tiparm(cursor_address, screen_cur_y, screen_cur_x);
	if (cup == NULL || screen_slow_add(&n, cup, strlen(cup)) != 0)
		return;
	screen_slow_len = (sig_atomic_t)n;
	screen_timer(ms);
}

void
screen_loading_cancel(void)
{
	screen_timer(0);
	screen_slow_len = 0;
	if (screen_slow_fired && screen_term != NULL) {
		/* The row holds text curses did not write: draw it anew. */
		wredrawln(stdscr, LINES - 1, 1);
		/* No real row has attributes -1: the diff redraws it. */
		if (screen_shown != NULL)
			canvas_put(screen_shown, screen_shown->rows - 1, "", -1);
	}
	screen_slow_fired = 0;
}

void
screen_resized(void)
{
	screen_invalidate();
	clearok(curscr, TRUE);
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
	screen_loading_cancel();
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
	/* The cursor is never left where it happens to be: it marks the
	 * focus for screen readers and braille displays. */
	move(c->cur_y, c->cur_x);
	wnoutrefresh(stdscr);
	doupdate();
	screen_cur_y = c->cur_y;
	screen_cur_x = c->cur_x;
	if (screen_shown == NULL || canvas_copy(screen_shown, c) != 0)
		screen_invalidate();
}

/*
 * After ESC and intro ('[' CSI or 'O' SS3) with more bytes behind them:
 * reads the rest of a sequence curses did not know (a Home or End the
 * terminfo lacks, PuTTY's defaults, xterm keys under another TERM) up to
 * its final byte, so none of its bytes acts as a key. Returns 1 when a
 * sequence was read, 0 for a lone ESC [ or ESC O (Alt+[ or Alt+O).
 */
static int
screen_skip_sequence(wint_t intro)
{
	wint_t wc;
	int r, n;

	/* The rest of a sequence arrives with it; a key typed later does not. */
	timeout(20);
	r = wget_wch(stdscr, &wc);
	if (r != OK) {
		if (r == KEY_CODE_YES)
			ungetch((int)wc);
		return 0;
	}
	/* SS3: one final byte. CSI: parameters and intermediates (0x20-0x3F)
	 * up to a final byte (0x40-0x7E); the Linux console's F1-F5 are
	 * ESC [ [ A..E. */
	if (intro == 'O')
		return 1;
	if (wc == '[') {
		(void)wget_wch(stdscr, &wc);
		return 1;
	}
	for (n = 0; n < 32 && wc >= 0x20 && wc <= 0x3F; n++)
		if ((r = wget_wch(stdscr, &wc)) != OK)
			break;
	return 1;
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
		if (r == OK && (wc2 == '[' || wc2 == 'O') && screen_skip_sequence(wc2))
			return SCREEN_KEY_UNKNOWN;
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
