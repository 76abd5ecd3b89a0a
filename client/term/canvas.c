/* canvas.c — an in-memory frame: rows of text and a cursor, no curses. */
#include <stdlib.h>
#include <string.h>

#include "client/term/canvas.h"
#include "common/text.h"

static char canvas_empty[] = "";

static void
canvas_row_reset(struct canvas_row *r)
{
	if (r->text != canvas_empty)
		free(r->text);
	r->text = canvas_empty;
	r->attr = 0;
	r->span_from = r->span_to = 0;
	r->span_attr = 0;
}

struct canvas *
canvas_new(int rows, int cols)
{
	struct canvas *c;

	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	if (canvas_resize(c, rows, cols) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

void
canvas_free(struct canvas *c)
{
	int y;

	if (c == NULL)
		return;
	for (y = 0; y < c->rows; y++)
		canvas_row_reset(&c->row[y]);
	free(c->row);
	free(c);
}

int
canvas_resize(struct canvas *c, int rows, int cols)
{
	struct canvas_row *row;
	int y;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	row = calloc((size_t)rows, sizeof(*row));
	if (row == NULL)
		return -1;
	for (y = 0; y < c->rows; y++)
		canvas_row_reset(&c->row[y]);
	free(c->row);
	for (y = 0; y < rows; y++)
		row[y].text = canvas_empty;
	c->row = row;
	c->rows = rows;
	c->cols = cols;
	c->cur_y = c->cur_x = 0;
	return 0;
}

void
canvas_clear(struct canvas *c)
{
	int y;

	for (y = 0; y < c->rows; y++)
		canvas_row_reset(&c->row[y]);
	c->cur_y = c->cur_x = 0;
}

int
canvas_put(struct canvas *c, int y, const char *text, int attr)
{
	struct canvas_row *r;
	size_t n;
	char *t;

	if (y < 0 || y >= c->rows)
		return 0;
	r = &c->row[y];
	canvas_row_reset(r);
	r->attr = attr;
	if (text == NULL || *text == '\0')
		return 0;
	n = text_fit(text, (size_t)c->cols);
	if (n == 0)
		return 0;
	t = malloc(n + 1);
	if (t == NULL)
		return -1;
	memcpy(t, text, n);
	t[n] = '\0';
	r->text = t;
	return (int)n;
}

void
canvas_span(struct canvas *c, int y, size_t from, size_t to, int attr)
{
	struct canvas_row *r;
	size_t len;

	if (y < 0 || y >= c->rows)
		return;
	r = &c->row[y];
	len = strlen(r->text);
	if (to > len)
		to = len;
	if (from >= to)
		return;
	r->span_from = from;
	r->span_to = to;
	r->span_attr = attr;
}

void
canvas_cursor(struct canvas *c, int y, int x)
{
	if (y < 0)
		y = 0;
	if (y >= c->rows)
		y = c->rows - 1;
	if (x < 0)
		x = 0;
	if (x >= c->cols)
		x = c->cols - 1;
	c->cur_y = y;
	c->cur_x = x;
}

const char *
canvas_text(const struct canvas *c, int y)
{
	if (c == NULL || y < 0 || y >= c->rows)
		return "";
	return c->row[y].text;
}

int
canvas_row_equal(const struct canvas *a, const struct canvas *b, int y)
{
	const struct canvas_row *ra, *rb;

	if (y < 0 || y >= a->rows || y >= b->rows || a->cols != b->cols)
		return 0;
	ra = &a->row[y];
	rb = &b->row[y];
	return ra->attr == rb->attr && ra->span_from == rb->span_from &&
	    ra->span_to == rb->span_to && ra->span_attr == rb->span_attr &&
	    strcmp(ra->text, rb->text) == 0;
}

int
canvas_copy(struct canvas *dst, const struct canvas *src)
{
	int y;

	if (dst->rows != src->rows || dst->cols != src->cols) {
		if (canvas_resize(dst, src->rows, src->cols) != 0)
			return -1;
	}
	for (y = 0; y < src->rows; y++) {
		if (canvas_row_equal(dst, src, y))
			continue;
		if (canvas_put(dst, y, src->row[y].text, src->row[y].attr) < 0)
			return -1;
		dst->row[y].span_from = src->row[y].span_from;
		dst->row[y].span_to = src->row[y].span_to;
		dst->row[y].span_attr = src->row[y].span_attr;
	}
	dst->cur_y = src->cur_y;
	dst->cur_x = src->cur_x;
	return 0;
}

int
canvas_find(const struct canvas *c, const char *needle)
{
	int y;

	for (y = 0; y < c->rows; y++)
		if (strstr(c->row[y].text, needle) != NULL)
			return y;
	return -1;
}

char *
canvas_dump(const struct canvas *c)
{
	size_t len;
	char *out, *p;
	int y, last;

	last = -1;
	len = 1;
	for (y = 0; y < c->rows; y++) {
		len += strlen(c->row[y].text) + 1;
		if (c->row[y].text[0] != '\0')
			last = y;
	}
	out = malloc(len);
	if (out == NULL)
		return NULL;
	p = out;
	for (y = 0; y <= last; y++) {
		len = strlen(c->row[y].text);
		memcpy(p, c->row[y].text, len);
		p += len;
		/* tmux drops trailing blanks too; tests compare like that. */
		while (p > out && p[-1] == ' ' && len-- > 0)
			p--;
		*p++ = '\n';
	}
	*p = '\0';
	return out;
}
