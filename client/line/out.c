/* out.c — line mode's output: the last control-byte guard, folding at words on a terminal, the "-- more --" pager and the late "Loading…". */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

#include "client/i18n.h"
#include "client/line/fold.h"
#include "client/line/line_int.h"
#include "client/line/say.h"

/*
 * "Loading…" is said only when a request takes longer than LINE_SLOW_MS:
 * on a fast link it would be one more word to hear on every page; on a
 * slow one it says once that something is happening. The timer's handler
 * writes the prepared line (write(2) is safe in a signal handler).
 */
#define LINE_SLOW_MS	700

static char			line_slow_msg[128];
static size_t			line_slow_len;
static volatile sig_atomic_t	line_slow_fd = -1;

void
line_slow_alarm(int sig)
{
	ssize_t w;

	(void)sig;
	if (line_slow_fd >= 0 && line_slow_len > 0)
		w = write(line_slow_fd, line_slow_msg, line_slow_len);
	(void)w;
	line_slow_len = 0;
}

static void
line_slow_arm(int ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void	line_write_folded(struct line *l, const char *s, size_t len, int cols);

/*
 * Writes text, dropping every byte below 0x20 except \n (a TAB becomes a
 * space) and DEL: page texts are sanitized already, this is the last
 * guard that line mode never writes a control byte.
 */
static void
line_write(struct line *l, const char *s, size_t len)
{
	char buf[1024];
	size_t i, n = 0;
	ssize_t w;
	size_t off;
	int cols;

	/* A kiosk reset is due: nothing more of the last person's page. */
	if (l->reset_due)
		return;
	/* Whatever comes now is the answer: no late "Loading…". */
	if (line_slow_len > 0) {
		line_slow_arm(0);
		line_slow_len = 0;
	}
	l->loading_said = 0;
	/* A terminal of known width: lines break at words (fold.c). */
	if (!l->raw && (cols = fold_cols_of(l->out)) > 0) {
		line_write_folded(l, s, len, cols);
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			c = ' ';
		else if ((c < 0x20 && c != '\n') || c == 0x7f)
			continue;
		buf[n++] = (char)c;
		if (c == '\n')
			l->printed++;
		if (n == sizeof(buf) || i + 1 == len) {
			off = 0;
			while (off < n) {
				w = write(l->out, buf + off, n - off);
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					return;
				off += (size_t)w;
			}
			n = 0;
		}
	}
	if (n > 0) {
		off = 0;
		while (off < n && (w = write(l->out, buf + off, n - off)) > 0)
			off += (size_t)w;
	}
}

void
line_puts(struct line *l, const char *s)
{
	line_write(l, s, strlen(s));
}

/* Writes out what was said so far. */
void
line_flush(struct line *l)
{
	if (l->buf.wrote) {
		l->paged = 1;
		line_write(l, l->buf.s != NULL ? l->buf.s : "", l->buf.len);
		l->paged = 0;
	}
	line_out_reset(&l->buf);
}

void
line_printf(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line_out_vprintf(&l->buf, fmt, ap);
	va_end(ap);
	line_flush(l);
}

static const char *
line_more_text(void)
{
	/* L10N: line mode pager; q skips the rest of the page. */
	return _("-- more, Enter to continue, q to skip --\n");
}

/* Asks for Enter ("-- more --"); q leaves out the rest of the page. */
static void
line_more_ask(struct line *l)
{
	char *ans = NULL;
	int r;

	l->asking = 1;
	line_puts(l, line_more_text());
	r = line_input(l, &ans);
	l->asking = 0;
	if (r <= 0) {
		l->buf.stopped = 1;
		return;
	}
	if (ans[0] == 'q')
		l->buf.stopped = 1;
	free(ans);
	l->printed = 0;
}

/*
 * Before a printed line would scroll the page's start away, asks for
 * Enter ("-- more --"). Only where a person reads interactively.
 */
static void
line_more(struct line *l)
{
	if (l->rows <= 2 || l->buf.stopped || l->printed < l->rows - 2)
		return;
	line_more_ask(l);
}

/* Writes s as it is (after the control-byte guard), not folded again. */
static void
line_write_raw(struct line *l, const char *s, size_t len)
{
	l->raw = 1;
	line_write(l, s, len);
	l->raw = 0;
}

/*
 * Writes s on a terminal cols wide with each line broken at words
 * (fold.c), so that no word is split across screen rows. What is said
 * (l->paged) is paged by the rows it takes: Enter is asked for before a
 * line that would scroll the page's start away, and before a row of a
 * line longer than a page; q leaves out the rest.
 */
static void
line_write_folded(struct line *l, const char *s, size_t len, int cols)
{
	char *t, *f, *p, *nl, *row, *e;
	size_t n = len;
	int c, rows, last, paged;

	if ((t = malloc(len + 1)) == NULL) {
		line_write_raw(l, s, len);
		return;
	}
	memcpy(t, s, len);
	fold_clean(t, &n);
	t[n] = '\0';
	/* The room a page has: the rows but "-- more --"'s and the cursor's. */
	last = l->rows - 1 - fold_rows(line_more_text(), cols);
	paged = l->paged && !l->asking && !l->buf.stopped && l->rows > 2 && last > 0;
	/* What was said is in t now: said again while asking, it would
	 * go out twice. */
	if (paged)
		line_out_reset(&l->buf);
	for (p = t; p != NULL && *p != '\0'; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		c = l->col;
		if ((f = fold_line(p, nl != NULL ? (size_t)(nl - p) : strlen(p), cols, &c,
		    &rows)) == NULL)
			break;
		if (paged && nl != NULL && l->printed > 0 && l->printed + rows + 1 > last)
			line_more_ask(l);
		for (row = f; !(paged && l->buf.stopped); row = e + 1) {
			e = strchr(row, '\n');
			if (paged && (e != NULL || nl != NULL) && l->printed >= last)
				line_more_ask(l);
			if (paged && l->buf.stopped)
				break;
			line_write_raw(l, row, e != NULL ? (size_t)(e - row + 1) : strlen(row));
			if (e == NULL)
				break;
		}
		free(f);
		if (paged && l->buf.stopped)
			break;
		l->col = c;
		if (nl != NULL) {
			line_write_raw(l, "\n", 1);
			l->col = 0;
		}
	}
	free(t);
}

/* Before a line that may scroll the page's start away: what was said so
 * far goes out, then the pager may ask. */
int
line_more_cb(struct line_out *o, void *ud)
{
	struct line *l = ud;

	line_flush(l);
	line_more(l);
	return o->stopped;
}

/* Turns the terminal's echo off or on for a password (no escape sequence:
 * an ioctl on the terminal). */
void
line_echo(struct line *l, int on)
{
	struct termios t;

	if (!l->tty || tcgetattr(0, &t) != 0)
		return;
	if (on)
		t.c_lflag |= ECHO;
	else
		t.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(0, TCSANOW, &t);
}

void
line_loading(void *ud, const char *what)
{
	struct line *l = ud;
	size_t n = strlen(what);

	if (l->loading_said || n + 2 > sizeof(line_slow_msg))
		return;
	line_slow_arm(0);
	memcpy(line_slow_msg, what, n);
	line_slow_msg[n] = '\n';
	line_slow_len = n + 1;
	line_slow_fd = l->out;
	l->loading_said = 1;
	line_slow_arm(LINE_SLOW_MS);
}
