/* fold.c — breaks line mode's lines at words for a terminal of known width (a braille display reads screen rows: "Sta" / "dt." would be two words). */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "client/line/fold.h"
#include "common/text.h"

int
fold_cols(int tty, int ws_cols, const char *columns_env)
{
	long n = 0;

	if (!tty)
		return 0;
	if (ws_cols > 0)
		n = ws_cols;
	else if (columns_env != NULL && columns_env[0] != '\0' &&
	    columns_env[strspn(columns_env, "0123456789")] == '\0' &&
	    strlen(columns_env) <= 9)
		n = strtol(columns_env, NULL, 10);
	if (n <= 0)
		return 0;
	return n > FOLD_COLS_MAX ? FOLD_COLS_MAX : (int)n;
}

int
fold_cols_of(int fd)
{
	struct winsize ws;
	int cols = 0, tty = isatty(fd);

	if (tty && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		cols = ws.ws_col;
	return fold_cols(tty, cols, getenv("COLUMNS"));
}

void
fold_clean(char *s, size_t *n)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			c = ' ';
		else if ((c < 0x20 && c != '\n') || c == 0x7f)
			continue;
		s[k++] = (char)c;
	}
	if (k < *n)
		s[k] = '\0';
	*n = k;
}

/* A growing string; out of memory: ok is 0 and the rest is dropped. */
struct fold_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 ok;
};

static void
fold_add(struct fold_buf *b, const char *s, size_t n)
{
	char *t;
	size_t cap;

	if (!b->ok)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = (b->len + n + 1) * 2;
		if ((t = realloc(b->s, cap)) == NULL) {
			b->ok = 0;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
fold_spaces(struct fold_buf *b, size_t n)
{
	while (n-- > 0)
		fold_add(b, " ", 1);
}

/* Columns of the widest word of s (NUL-terminated, changed and restored). */
static size_t
fold_widest(char *s)
{
	size_t w, max = 0;
	char *q, c;

	while (*s != '\0') {
		s += strspn(s, " ");
		q = s + strcspn(s, " ");
		c = *q;
		*q = '\0';
		if ((w = text_width(s)) > max)
			max = w;
		*q = c;
		s = q;
	}
	return max;
}

/* How far the rows of line s hang: under the text of a numbered item
 * ("  3. "), or under an indented line's start; 0 when that would cut a
 * word the full width keeps whole, or take half the row. */
static size_t
fold_hang(char *s, size_t cols)
{
	size_t lead = strspn(s, " "), hang = lead, i = lead;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > lead && s[i] == '.' && s[i + 1] == ' ')
		hang = i + 2;
	if (hang == 0 || hang * 2 > cols || fold_widest(s + hang) > cols - hang)
		return 0;
	return hang;
}

char *
fold_line(const char *s, size_t n, int cols, int *col, int *rows)
{
	struct fold_buf b = { NULL, 0, 0, 1 };
	struct text_lines tl;
	char *line;
	size_t w, hang, len, tail, i, at;

	*rows = 0;
	if ((line = strndup(s, n)) == NULL)
		return NULL;
	w = text_width(line);
	if (cols <= 0 || (size_t)*col + w <= (size_t)cols) {
		*col += (int)w;
		return line;
	}
	fold_add(&b, "", 0);
	if (*col > 0) {
		fold_add(&b, "\n", 1);
		(*rows)++;
		*col = 0;
		if (w <= (size_t)cols) {
			fold_add(&b, line, n);
			*col = (int)w;
			goto out;
		}
	}
	hang = fold_hang(line, (size_t)cols);
	for (len = n; len > hang && line[len - 1] == ' '; len--)
		;
	tail = n - len;
	line[len] = '\0';
	if (text_wrap(line + hang, (size_t)cols - hang, &tl) < 0) {
		b.ok = 0;
		goto out;
	}
	fold_add(&b, line, hang);
	at = hang;
	for (i = 0; i < tl.n; i++) {
		if (i > 0) {
			fold_add(&b, "\n", 1);
			fold_spaces(&b, hang);
			(*rows)++;
		}
		fold_add(&b, tl.line[i], strlen(tl.line[i]));
		at = hang + text_width(tl.line[i]);
	}
	text_lines_free(&tl);
	/* A prompt's space before the cursor stays where it fits. */
	if (at < (size_t)cols) {
		tail = tail < (size_t)cols - at ? tail : (size_t)cols - at;
		fold_spaces(&b, tail);
		at += tail;
	}
	*col = (int)at;
out:
	free(line);
	if (!b.ok) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

int
fold_rows(const char *s, int cols)
{
	const char *nl;
	char *f;
	int col = 0, rows = 0, r;

	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		f = fold_line(s, nl != NULL ? (size_t)(nl - s) : strlen(s), cols, &col, &r);
		free(f);
		rows += r;
		if (nl == NULL)
			break;
		rows++;
		col = 0;
		s = nl + 1;
	}
	return rows;
}
