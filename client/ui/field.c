/* field.c — the text field editor: UTF-8 aware caret moves, edits and word wrap. */
#include <stdlib.h>
#include <string.h>

#include "client/ui/field.h"

/* One visual line: bytes [s, e) of the text. */
struct field_seg {
	size_t	s;
	size_t	e;
};

static void
field_wipe(char *p, size_t n)
{
	volatile char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

int
field_init(struct page_field *f, const char *name, const char *prompt,
    size_t max_chars, int multiline, int secret)
{
	memset(f, 0, sizeof(*f));
	f->max_chars = max_chars;
	f->multiline = multiline;
	f->secret = secret;
	if ((f->text = calloc(1, 16)) == NULL)
		goto fail;
	f->cap = 16;
	if (name != NULL && (f->name = strdup(name)) == NULL)
		goto fail;
	if (prompt != NULL && (f->prompt = strdup(prompt)) == NULL)
		goto fail;
	return 0;
fail:
	field_clear(f);
	return -1;
}

void
field_clear(struct page_field *f)
{
	if (f == NULL)
		return;
	if (f->text != NULL)
		field_wipe(f->text, f->cap);
	free(f->text);
	free(f->name);
	free(f->prompt);
	free(f->error);
	memset(f, 0, sizeof(*f));
}

int
field_set_error(struct page_field *f, const char *msg)
{
	char *s = NULL;

	if (msg != NULL && (s = strdup(msg)) == NULL)
		return -1;
	free(f->error);
	f->error = s;
	return 0;
}

size_t
field_chars(const struct page_field *f)
{
	return f->text != NULL ? text_chars(f->text) : 0;
}

static int
field_reserve(struct page_field *f, size_t need)
{
	char *n;
	size_t cap = f->cap ? f->cap : 16;

	if (need + 1 <= f->cap)
		return 0;
	while (cap < need + 1)
		cap *= 2;
	/* Copy instead of realloc so a password never lingers in freed memory. */
	if ((n = calloc(1, cap)) == NULL)
		return -1;
	if (f->text != NULL) {
		memcpy(n, f->text, f->len + 1);
		field_wipe(f->text, f->cap);
		free(f->text);
	}
	f->text = n;
	f->cap = cap;
	return 0;
}

int
field_insert(struct page_field *f, const char *utf8)
{
	char *clean;
	size_t n, have, add, room;
	int cut = 0;

	if (utf8 == NULL || *utf8 == '\0')
		return 0;
	clean = text_sanitize(utf8, strlen(utf8), f->multiline ? TEXT_MULTILINE : 0);
	if (clean == NULL)
		return -1;
	n = strlen(clean);
	if (f->max_chars > 0) {
		have = field_chars(f);
		add = text_chars(clean);
		if (have + add > f->max_chars) {
			/* Cut at a character boundary so the text stays valid UTF-8. */
			room = have < f->max_chars ? f->max_chars - have : 0;
			n = 0;
			while (room > 0 && clean[n] != '\0') {
				n++;
				while ((clean[n] & 0xC0) == 0x80)
					n++;
				room--;
			}
			cut = 1;
		}
	}
	if (field_reserve(f, f->len + n) < 0) {
		free(clean);
		return -1;
	}
	memmove(f->text + f->caret + n, f->text + f->caret, f->len - f->caret + 1);
	memcpy(f->text + f->caret, clean, n);
	f->len += n;
	f->caret += n;
	field_wipe(clean, strlen(clean));
	free(clean);
	return cut;
}

int
field_set(struct page_field *f, const char *utf8)
{
	if (field_reserve(f, 0) < 0)
		return -1;
	field_wipe(f->text, f->cap);
	f->len = 0;
	f->caret = 0;
	return field_insert(f, utf8 != NULL ? utf8 : "");
}

/* Width of the character at byte i (0 for combining marks); *n gets its length. */
static int
field_cp_at(const struct page_field *f, size_t i, size_t *n, unsigned int *cp)
{
	int l = text_utf8_decode(f->text + i, f->len - i, cp);

	if (l <= 0) {
		*n = 1;
		*cp = 0xFFFD;
		return 1;
	}
	*n = (size_t)l;
	if (*cp == '\n')
		return 1;
	return text_cp_width(*cp);
}

static size_t
field_next(const struct page_field *f, size_t i)
{
	size_t n;
	unsigned int cp;

	if (i >= f->len)
		return f->len;
	field_cp_at(f, i, &n, &cp);
	i += n;
	/* Combining marks belong to the character before them. */
	while (i < f->len && field_cp_at(f, i, &n, &cp) == 0 && cp != '\n')
		i += n;
	return i;
}

static size_t
field_prev(const struct page_field *f, size_t i)
{
	size_t n;
	unsigned int cp;

	while (i > 0) {
		i--;
		while (i > 0 && (f->text[i] & 0xC0) == 0x80)
			i--;
		if (field_cp_at(f, i, &n, &cp) != 0 || cp == '\n')
			break;
	}
	return i;
}

int
field_left(struct page_field *f)
{
	if (f->caret == 0)
		return 0;
	f->caret = field_prev(f, f->caret);
	return 1;
}

int
field_right(struct page_field *f)
{
	if (f->caret >= f->len)
		return 0;
	f->caret = field_next(f, f->caret);
	return 1;
}

static void
field_cut(struct page_field *f, size_t a, size_t b)
{
	memmove(f->text + a, f->text + b, f->len - b + 1);
	f->len -= b - a;
	field_wipe(f->text + f->len + 1, b - a);
	f->caret = a;
}

int
field_backspace(struct page_field *f)
{
	size_t a;

	if (f->caret == 0)
		return 0;
	a = field_prev(f, f->caret);
	field_cut(f, a, f->caret);
	return 1;
}

int
field_delete(struct page_field *f)
{
	size_t b;

	if (f->caret >= f->len)
		return 0;
	b = field_next(f, f->caret);
	field_cut(f, f->caret, b);
	return 1;
}

/* Display width of bytes [a, b). */
static size_t
field_width(const struct page_field *f, size_t a, size_t b)
{
	size_t w = 0, n;
	unsigned int cp;

	while (a < b) {
		w += (size_t)field_cp_at(f, a, &n, &cp);
		a += n;
	}
	return w;
}

static int
field_seg_push(struct field_seg **seg, size_t *n, size_t *cap, size_t s, size_t e)
{
	struct field_seg *t;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		if ((t = realloc(*seg, *cap * sizeof(*t))) == NULL) {
			free(*seg);
			*seg = NULL;
			return -1;
		}
		*seg = t;
	}
	(*seg)[*n].s = s;
	(*seg)[*n].e = e;
	(*n)++;
	return 0;
}

/*
 * Splits the text into visual lines at width (0: only at \n), breaking at
 * a space where one fits and inside a word only when it is wider than a
 * line, like text_wrap(). The space at a break belongs to the line before.
 */
static int
field_segments(const struct page_field *f, size_t width, struct field_seg **out, size_t *nout)
{
	struct field_seg *seg = NULL;
	size_t n = 0, cap = 0, pos = 0, i, w, last_space, cw, cl;
	unsigned int cp;
	int hard;

	*out = NULL;
	*nout = 0;
	for (;;) {
		size_t end = pos, next;

		w = 0;
		last_space = (size_t)-1;
		hard = 0;
		for (i = pos; i < f->len; ) {
			cw = (size_t)field_cp_at(f, i, &cl, &cp);
			if (cp == '\n') {
				hard = 1;
				break;
			}
			if (width > 0 && w + cw > width && i > pos)
				break;
			if (cp == ' ')
				last_space = i;
			w += cw;
			i += cl;
		}
		if (hard || i >= f->len) {
			end = i;
			next = hard ? i + 1 : i;
		} else if (f->text[i] == ' ') {
			end = i;
			next = i + 1;
		} else if (last_space != (size_t)-1 && last_space > pos) {
			end = last_space;
			next = last_space + 1;
		} else {
			/* Keep combining marks with their base character. */
			while (i < f->len && field_cp_at(f, i, &cl, &cp) == 0 && cp != '\n')
				i += cl;
			end = i;
			next = i;
		}
		if (field_seg_push(&seg, &n, &cap, pos, end) < 0)
			return -1;
		if (hard) {
			pos = next;
			if (pos == f->len) {
				/* A text ending in \n has an empty last line for the caret. */
				if (field_seg_push(&seg, &n, &cap, pos, pos) < 0)
					return -1;
				break;
			}
			continue;
		}
		if (next >= f->len)
			break;
		pos = next;
	}
	*out = seg;
	*nout = n;
	return 0;
}

/* The visual line holding the caret: the last one starting at or before it. */
static size_t
field_seg_of(const struct field_seg *seg, size_t n, size_t caret)
{
	size_t r = 0, i;

	for (i = 0; i < n; i++)
		if (seg[i].s <= caret)
			r = i;
	return r;
}

/* Byte offset in segment sg whose column is at most col. */
static size_t
field_at_col(const struct page_field *f, const struct field_seg *sg, size_t col)
{
	size_t i = sg->s, w = 0, nx;

	while (i < sg->e) {
		nx = field_next(f, i);
		if (nx > sg->e)
			nx = sg->e;
		w += field_width(f, i, nx);
		if (w > col)
			break;
		i = nx;
	}
	return i;
}

int
field_home(struct page_field *f, size_t width)
{
	struct field_seg *seg;
	size_t n, r, old = f->caret;

	if (field_segments(f, width, &seg, &n) < 0)
		return 0;
	r = field_seg_of(seg, n, f->caret);
	f->caret = seg[r].s;
	free(seg);
	return f->caret != old;
}

int
field_end(struct page_field *f, size_t width)
{
	struct field_seg *seg;
	size_t n, r, old = f->caret;

	if (field_segments(f, width, &seg, &n) < 0)
		return 0;
	r = field_seg_of(seg, n, f->caret);
	f->caret = seg[r].e;
	free(seg);
	return f->caret != old;
}

static int
field_vertical(struct page_field *f, size_t width, int dir)
{
	struct field_seg *seg;
	size_t n, r, col;

	if (field_segments(f, width, &seg, &n) < 0)
		return 0;
	r = field_seg_of(seg, n, f->caret);
	if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= n)) {
		free(seg);
		return 0;
	}
	col = field_width(f, seg[r].s, f->caret);
	r = dir < 0 ? r - 1 : r + 1;
	f->caret = field_at_col(f, &seg[r], col);
	free(seg);
	return 1;
}

int
field_up(struct page_field *f, size_t width)
{
	return field_vertical(f, width, -1);
}

int
field_down(struct page_field *f, size_t width)
{
	return field_vertical(f, width, 1);
}

int
field_layout(const struct page_field *f, size_t width, struct text_lines *out,
    size_t *caret_row, size_t *caret_col)
{
	struct field_seg *seg = NULL;
	size_t n = 0, i, r, k, chars;
	char **lines;

	out->line = NULL;
	out->n = 0;
	*caret_row = 0;
	*caret_col = 0;
	if (width < 1)
		width = 1;
	if (field_segments(f, width, &seg, &n) < 0)
		return -1;
	if ((lines = calloc(n ? n : 1, sizeof(*lines))) == NULL)
		goto fail;
	out->line = lines;
	for (i = 0; i < n; i++) {
		size_t len = seg[i].e - seg[i].s;

		if (f->secret) {
			chars = 0;
			for (k = seg[i].s; k < seg[i].e; k++)
				if ((f->text[k] & 0xC0) != 0x80)
					chars++;
			if ((lines[i] = malloc(chars + 1)) == NULL)
				goto fail;
			memset(lines[i], '*', chars);
			lines[i][chars] = '\0';
		} else {
			if ((lines[i] = malloc(len + 1)) == NULL)
				goto fail;
			memcpy(lines[i], f->text + seg[i].s, len);
			lines[i][len] = '\0';
		}
		out->n++;
	}
	if (n == 0) {
		if ((lines[0] = strdup("")) == NULL)
			goto fail;
		out->n = 1;
	} else {
		r = field_seg_of(seg, n, f->caret);
		*caret_row = r;
		if (f->secret) {
			for (k = seg[r].s; k < f->caret && k < seg[r].e; k++)
				if ((f->text[k] & 0xC0) != 0x80)
					(*caret_col)++;
		} else {
			*caret_col = field_width(f, seg[r].s, f->caret < seg[r].e ? f->caret : seg[r].e);
		}
	}
	free(seg);
	return 0;
fail:
	free(seg);
	text_lines_free(out);
	out->line = NULL;
	out->n = 0;
	return -1;
}
