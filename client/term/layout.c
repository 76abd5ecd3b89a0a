/* layout.c — page to canvas: the one layout that the terminal and the tests see. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/i18n.h"
#include "client/term/layout.h"
#include "client/ui/field.h"
#include "common/text.h"

/* One line of the body before it is scrolled onto the canvas. */
struct lay_line {
	char	*text;
	int	 attr;
	size_t	 span_to;	/* bytes [0, span_to) are the focus marker */
	int	 item;		/* the item it belongs to, or -1 */
};

struct lay_buf {
	struct lay_line	*l;
	size_t		 n;
	size_t		 cap;
	int		 err;
};

#define LAY_STATUS_MAX	3	/* rows a long status message may take */
#define LAY_BAR_MAX	30	/* columns of a results bar at most */
#define LAY_FIELD_MIN	8	/* columns a field needs beside its label */
#define LAY_BRAILLE	40	/* cells of a braille display: the window
				 * on a line starts at column 0, 40, 80 */
#define LAY_TITLE_MIN	8	/* cells of a title's start that a state put
				 * before it leaves in the first window */

void
layout_init(struct layout *l)
{
	memset(l, 0, sizeof(*l));
	l->focus_row = -1;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	free(l->page_key);
	l->page_key = NULL;
}

static void
lay_buf_free(struct lay_buf *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->l[i].text);
	free(b->l);
}

/* Appends prefix + s as one line; a failure is remembered in b->err. */
static void
lay_add(struct lay_buf *b, const char *prefix, const char *s, int attr,
    int item)
{
	struct lay_line *nl;
	size_t pl, sl;
	char *t;

	if (b->err)
		return;
	if (b->n == b->cap) {
		nl = realloc(b->l, (b->cap ? b->cap * 2 : 32) * sizeof(*nl));
		if (nl == NULL) {
			b->err = 1;
			return;
		}
		b->l = nl;
		b->cap = b->cap ? b->cap * 2 : 32;
	}
	pl = strlen(prefix);
	sl = strlen(s);
	t = malloc(pl + sl + 1);
	if (t == NULL) {
		b->err = 1;
		return;
	}
	memcpy(t, prefix, pl);
	memcpy(t + pl, s, sl + 1);
	b->l[b->n].text = t;
	b->l[b->n].attr = attr;
	b->l[b->n].span_to = 0;
	b->l[b->n].item = item;
	b->n++;
}

/* Wraps s to width columns less the prefix; the first line gets first,
 * the others rest (both of the same display width). */
static void
lay_wrap(struct lay_buf *b, const char *first, const char *rest,
    const char *s, int width, int attr, int item)
{
	struct text_lines tl;
	size_t i, pw, w;

	pw = text_width(rest);
	w = (size_t)width > pw + 1 ? (size_t)width - pw : 1;
	if (text_wrap(s, w, &tl) != 0) {
		b->err = 1;
		return;
	}
	if (tl.n == 0)
		lay_add(b, first, "", attr, item);
	for (i = 0; i < tl.n; i++)
		lay_add(b, i == 0 ? first : rest, tl.line[i], attr, item);
	text_lines_free(&tl);
}

static void
lay_texts(struct lay_buf *b, const struct page *p, int width)
{
	const struct page_text *t;
	size_t i;
	int prev;

	prev = -1;
	for (i = 0; i < p->n_text; i++) {
		t = &p->text[i];
		if (t->text == NULL)
			continue;
		/* Blank lines separate paragraphs; notes stay together. */
		if (prev != -1 && (t->kind != PAGE_TEXT_NOTE ||
		    prev != PAGE_TEXT_NOTE))
			lay_add(b, "", "", 0, -1);
		lay_wrap(b, "", "", t->text, width,
		    t->kind == PAGE_TEXT_HEADING ? CANVAS_BOLD | CANVAS_HEADING : 0,
		    -1);
		prev = (int)t->kind;
	}
}

static int
lay_digits(int n)
{
	int d;

	for (d = 1; n >= 10; n /= 10)
		d++;
	return d;
}

/* The state goes before the label when it is a mark like "[x]", "(*)",
 * "1." (1), or the words of a rank ("your choice 2", 2: in parentheses),
 * so a 40-cell braille window shows it beside the number however long
 * the option's title; other words ("you support this") go after it in
 * parentheses (0). */
static int
lay_state_first(const struct page_item *it)
{
	if (it->state == NULL || it->state[0] == '\0')
		return 0;
	if (it->kind != PAGE_ITEM_CHECKBOX && it->kind != PAGE_ITEM_RADIO &&
	    it->kind != PAGE_ITEM_RANKED)
		return 0;
	if (text_width(it->state) <= 4)
		return 1;
	return it->kind == PAGE_ITEM_RANKED ? 2 : 0;
}

/*
 * A 40-cell braille window on the item's line must show the start of its
 * title and its state. A results row's numbers (its lead) always go
 * first, in parentheses like a rank's words: "(12 votes, 40 %)
 * Crossboule…", so the numbers stand in one column for the eye too. A
 * state in words ("open until 30 April 2027", "waiting for moderation",
 * "8 and 4, differ") goes first only when "title (state)" would end
 * beyond the first 40 cells (or the screen): a short line keeps the
 * natural order, and a long title no longer hides the state. A state so
 * long that it would leave the title fewer than LAY_TITLE_MIN cells
 * stays after the title. st: the state the line says (its brief form
 * when the screen gave one), or NULL. Returns 1 when it or the lead goes
 * first.
 */
static int
lay_lead_first(const struct page_item *it, const char *st, int pw, int width)
{
	size_t span, sw;

	span = (size_t)(width > LAY_BRAILLE ? LAY_BRAILLE : width);
	if (st == NULL)
		return it->lead > 0 && it->detail != NULL &&
		    it->lead <= strlen(it->detail);
	sw = text_width(st);
	if ((size_t)pw + text_width(it->label != NULL ? it->label : "") + sw +
	    3 <= span)
		return 0;
	return (size_t)pw + sw + 3 + LAY_TITLE_MIN <= span;
}

static int
lay_strcmp0(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b);
}

static int
lay_is_field(const struct page_item *it)
{
	return it->field != NULL && (it->kind == PAGE_ITEM_FIELD ||
	    it->kind == PAGE_ITEM_MULTILINE || it->kind == PAGE_ITEM_PASSWORD);
}

/* Where the caret of the focused field is, in body lines and columns. */
struct lay_caret {
	size_t	line;
	int	col;
	int	set;
	int	cols;
};

/* Below an item: a field's error (unless the state says it already, as
 * screens often put it there, or the caret's line did: said) and the
 * detail text. */
static void
lay_notes(struct lay_buf *b, const struct page_item *it, int i,
    const char *rest, int width, int said)
{
	const char *err, *d;

	err = it->field != NULL && !said ? it->field->error : NULL;
	if (err != NULL && (it->state == NULL || strcmp(it->state, err) != 0))
		lay_wrap(b, rest, rest, err, width, CANVAS_ERROR | CANVAS_BOLD, i);
	d = it->detail;
	/* A lead stands on the label's line already (lay_label). */
	if (d != NULL && it->lead > 0 && it->lead <= strlen(d) &&
	    (it->state == NULL || it->state[0] == '\0')) {
		d += it->lead;
		d += strspn(d, ", ");
	}
	if (d != NULL && d[0] != '\0')
		lay_wrap(b, rest, rest, d, width, 0, i);
}


/*
 * A field shares the line with its label ("> 1. Title: Bänke"), so a
 * braille display shows name and value together where the caret is; a
 * long value wraps under the value's first column, and a line the caret
 * is on says the name again. On a wide screen all of it stays left of
 * column 40, the first window of a 40-cell display. Of a name too long
 * to leave the value room, as many last words as fit share the value's
 * line and the first ones stand above. State and error go below. While
 * the focused field is refused (its error, or refused: the action just
 * failed), the error's first words stand in the name's place, so the
 * window on the caret says why and the value stays editable; the rest
 * follows on the next line, where panning on reads it. Returns 0 when
 * even that does not fit (the caller then lays the field out below the
 * label), 1 when done.
 */
static int
lay_field_inline(struct lay_buf *b, const struct page_item *it, int i,
    int focused, const char *refused, const char *first, const char *rest,
    int width, struct lay_caret *caret)
{
	struct text_lines tl, nl;
	const char *label, *lead, *err, *more, *sep;
	char *head, *pad, *named, *above, *said;
	size_t k, row, col, start, top, lw, hl, cut, sw;
	int pw, fw, span, rc;

	label = it->label != NULL ? it->label : "";
	pw = (int)strlen(first);
	span = width > LAY_BRAILLE ? LAY_BRAILLE : width;
	if (strchr(label, '\n') != NULL || span - pw - 2 - LAY_FIELD_MIN < LAY_FIELD_MIN)
		return 0;
	memset(&nl, 0, sizeof(nl));
	top = b->n;
	lead = first;
	sep = ": ";
	more = said = NULL;
	err = focused ? (it->field->error != NULL ? it->field->error : refused) : NULL;
	if (err != NULL) {
		/* As many of the error's first words as fit, "…" if more. */
		if (text_wrap(err, (size_t)(span - pw - 2 - LAY_FIELD_MIN), &nl) != 0) {
			b->err = 1;
			return 1;
		}
		k = nl.n > 0 ? strlen(nl.line[0]) : 0;
		more = strncmp(err, nl.n > 0 ? nl.line[0] : "", k) == 0 ? err + k : err;
		more += strspn(more, " ");
		if (asprintf(&said, "%.*s%s", (int)(more - err), err,
		    *more != '\0' ? "…" : "") < 0) {
			text_lines_free(&nl);
			b->err = 1;
			return 1;
		}
		text_lines_free(&nl);
		/* The words only, without the spaces before the rest. */
		for (k = (size_t)(more - err); k > 0 && said[k - 1] == ' '; k--)
			memmove(said + k - 1, said + k, strlen(said + k) + 1);
		label = said;
		sep = " ";
	} else if ((int)text_width(label) + 2 + LAY_FIELD_MIN > span - pw) {
		/* As many of the name's last words as fit stand beside the
		 * value ("mit Rangfolge 1", not a bare "Rangfolge 1" that
		 * another field is called); the first ones go above. */
		for (cut = 1; label[cut] != '\0'; cut++)
			if (label[cut] == ' ' && (int)text_width(label + cut + 1) + 2 +
			    LAY_FIELD_MIN <= span - pw)
				break;
		if (label[cut] == '\0' || (above = strndup(label, cut)) == NULL)
			return 0;
		rc = text_wrap(above, (size_t)(span - pw), &nl);
		free(above);
		if (rc != 0) {
			b->err = 1;
			return 1;
		}
		for (k = 0; k < nl.n; k++)
			lay_add(b, k == 0 ? first : rest, nl.line[k], 0, i);
		label += cut + 1;
		lead = rest;
	}
	lw = text_width(label);
	sw = strlen(sep);
	/* On a wide screen a caret after a full line stays left of 40. */
	fw = span - pw - (int)lw - (int)sw - (width > span ? 1 : 0);
	if (field_layout(it->field, (size_t)fw, &tl, &row, &col) != 0) {
		text_lines_free(&nl);
		b->err = 1;
		return 1;
	}
	hl = strlen(first) + strlen(label) + sw + 1;
	head = malloc(hl);
	named = malloc(hl);
	pad = malloc((size_t)pw + lw + sw + 1);
	if (head == NULL || named == NULL || pad == NULL) {
		b->err = 1;
		goto out;
	}
	snprintf(head, hl, "%s%s%s", lead, label, sep);
	snprintf(named, hl, "%s%s%s", rest, label, sep);
	memset(pad, ' ', (size_t)pw + lw + sw);
	pad[(size_t)pw + lw + sw] = '\0';
	start = b->n;
	lay_add(b, head, tl.n > 0 ? tl.line[0] : "", 0, i);
	for (k = 1; k < tl.n; k++)
		/* The caret's line says the field's name too, so a braille
		 * window or speech on that line knows where it is. */
		lay_add(b, focused && k == row ? named : pad, tl.line[k], 0, i);
	if (b->err)
		goto out;
	if (focused) {
		b->l[top].span_to = strlen(first);
		caret->line = start + row;
		caret->col = pw + (int)lw + (int)sw + (int)col;
		caret->set = 1;
		caret->cols = fw;
	}
	if (err != NULL && *more != '\0')
		lay_wrap(b, rest, rest, more, width, CANVAS_ERROR | CANVAS_BOLD, i);
	if (it->state != NULL && it->state[0] != '\0' && (err == NULL ||
	    lay_strcmp0(it->state, it->field->error) != 0))
		lay_wrap(b, rest, rest, it->state, width,
		    it->field->error != NULL && strcmp(it->state,
		    it->field->error) == 0 ? CANVAS_ERROR | CANVAS_BOLD : 0, i);
	lay_notes(b, it, i, rest, width, err != NULL);
out:
	text_lines_free(&tl);
	text_lines_free(&nl);
	free(head);
	free(named);
	free(pad);
	free(said);
	return 1;
}

static void
lay_item(struct lay_buf *b, const struct page *p, int i, int numw,
    int width, struct lay_caret *caret)
{
	const struct page_item *it;
	struct text_lines tl;
	char first[64], rest[64], bar[LAY_BAR_MAX + 1];
	const char *st;
	char *label;
	size_t k, row, col, start, ll;
	int focused, ind, pw, bw, joined;

	it = &p->item[i];
	/* A help entry says its keys and what they do on one line, as line
	 * mode does: a braille window on the keys alone says too little. */
	joined = it->kind == PAGE_ITEM_ENTRY && it->detail != NULL &&
	    it->detail[0] != '\0' && p->context != NULL &&
	    strcmp(p->context, "help") == 0;
	focused = i == p->focus;
	ind = it->indent > 0 ? (it->indent > 4 ? 4 : it->indent) * 2 : 0;
	/* Masks keep the widths small enough for the buffer. */
	if (it->number > 0)
		snprintf(first, sizeof(first), "%c %*s%*d. ", focused ? '>' : ' ',
		    ind & 15, "", numw & 7, it->number);
	else
		snprintf(first, sizeof(first), "%c %*s%*s  ", focused ? '>' : ' ',
		    ind & 15, "", numw & 7, "");
	pw = (int)strlen(first);
	snprintf(rest, sizeof(rest), "%*s", pw, "");
	if (lay_is_field(it) &&
	    lay_field_inline(b, it, i, focused, p->refused, first, rest, width,
	    caret))
		return;

	label = NULL;
	ll = strlen(it->label != NULL ? it->label : "");
	st = it->state != NULL && it->state[0] != '\0' ? it->state : NULL;
	/* The brief form where the whole would not fit the window. */
	if (st != NULL && it->state_brief != NULL && it->state_brief[0] != '\0' &&
	    (size_t)pw + text_width(it->label != NULL ? it->label : "") +
	    text_width(st) + 3 > (size_t)(width > LAY_BRAILLE ? LAY_BRAILLE : width))
		st = it->state_brief;
	if (lay_state_first(it)) {
		if (asprintf(&label, lay_state_first(it) == 2 ? "(%s) %s" : "%s %s",
		    it->state, it->label != NULL ? it->label : "") < 0)
			label = NULL;
	} else if (lay_lead_first(it, st, pw, width)) {
		if (asprintf(&label, "(%.*s) %s", st != NULL ? (int)strlen(st) :
		    (int)it->lead, st != NULL ? st : it->detail,
		    it->label != NULL ? it->label : "") < 0)
			label = NULL;
	} else if (st != NULL) {
		label = malloc(strlen(st) + ll + 4);
		if (label != NULL)
			snprintf(label, strlen(st) + ll + 4, "%s (%s)",
			    it->label != NULL ? it->label : "", st);
	} else if (joined) {
		if (asprintf(&label, "%s — %s", it->label != NULL ? it->label : "",
		    it->detail) < 0)
			label = NULL;
	} else {
		label = strdup(it->label != NULL ? it->label : "");
	}
	/* An action on it just failed: its line says why, where a braille
	 * window is, not only the status line far below. */
	if (label != NULL && focused && p->refused != NULL) {
		char *said;

		if (asprintf(&said, "%s — %s", label, p->refused) < 0)
			said = NULL;
		free(label);
		label = said;
	}
	if (label == NULL) {
		b->err = 1;
		return;
	}
	start = b->n;
	lay_wrap(b, first, rest, label, width,
	    it->checked ? CANVAS_CHECKED : 0, i);
	free(label);
	if (b->err)
		return;
	/* Reverse video only adds to the printed '>'; it covers the marker
	 * and number, so a focus move rewrites few bytes. */
	if (focused)
		b->l[start].span_to = (size_t)pw;

	if (it->has_bar) {
		bw = width - pw;
		if (bw > LAY_BAR_MAX)
			bw = LAY_BAR_MAX;
		if (bw < 1)
			bw = 1;
		page_bar(it->bar, (size_t)bw, bar);
		lay_add(b, rest, bar, 0, i);
	}
	if (lay_is_field(it)) {
		bw = width - pw > 1 ? width - pw : 1;
		if (field_layout(it->field, (size_t)bw, &tl, &row, &col) != 0) {
			b->err = 1;
			return;
		}
		if (focused) {
			caret->line = b->n + row;
			caret->col = pw + (int)col;
			caret->set = 1;
			caret->cols = bw;
		}
		for (k = 0; k < tl.n; k++)
			lay_add(b, rest, tl.line[k], CANVAS_UNDERLINE, i);
		if (tl.n == 0)
			lay_add(b, rest, "", 0, i);
		text_lines_free(&tl);
	}
	if (!joined)
		lay_notes(b, it, i, rest, width, 0);
}

/* Lays out the body; item_first[i] / item_last[i] get the line range of
 * item i, its group heading included. */
static void
lay_body(struct lay_buf *b, const struct page *p, int width, int *item_first,
    int *item_last, struct lay_caret *caret)
{
	const char *prev_group;
	size_t i;
	int numw, maxn;

	lay_texts(b, p, width);
	maxn = 0;
	for (i = 0; i < p->n_item; i++)
		if (p->item[i].number > maxn)
			maxn = p->item[i].number;
	numw = maxn > 0 ? lay_digits(maxn) : 0;
	prev_group = NULL;
	for (i = 0; i < p->n_item; i++) {
		item_first[i] = (int)b->n;
		if (lay_strcmp0(p->item[i].group, prev_group) != 0 ||
		    (i == 0 && b->n > 0)) {
			if (b->n > 0)
				lay_add(b, "", "", 0, (int)i);
			if (p->item[i].group != NULL)
				lay_wrap(b, "", "", p->item[i].group, width,
				    CANVAS_BOLD | CANVAS_HEADING, (int)i);
		}
		prev_group = p->item[i].group;
		lay_item(b, p, (int)i, numw, width, caret);
		item_last[i] = (int)b->n - 1;
	}
}

/* The key-hint line: "? help, q quit, Esc back, Enter open", as many as
 * fit. Help, quit and back come first, so the narrowest screen still
 * says how to get help and how to leave. */
static void
lay_hints(const struct page *p, layout_key_cb keyname, void *ud, int width,
    char *out, size_t outsz)
{
	const char *k, *shown[32];
	char one[128];
	size_t i, j, used, n_shown;
	int pass, first;

	out[0] = '\0';
	used = n_shown = 0;
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < p->n_action; i++) {
			if (p->action[i].label == NULL)
				continue;
			first = p->action[i].action == ACTION_HELP ? 0 :
			    p->action[i].action == ACTION_QUIT ||
			    p->action[i].action == ACTION_BACK ? 1 : 2;
			if (first != pass)
				continue;
			k = keyname(p->context != NULL ? p->context : "list",
			    p->action[i].action, ud);
			if (k == NULL)
				continue;
			snprintf(one, sizeof(one), "%s%s %s", used > 0 ? ", " : "", k,
			    p->action[i].label);
			/* One hint per label: a kiosk's first page names one
			 * key to end the session, not q and '/' both. */
			for (j = 0; j < n_shown && strcmp(shown[j], p->action[i].label) != 0; j++)
				;
			if (j < n_shown || text_width(out) + text_width(one) > (size_t)width ||
			    used + strlen(one) + 1 > outsz)
				continue;
			memcpy(out + used, one, strlen(one) + 1);
			used += strlen(one);
			if (n_shown < sizeof(shown) / sizeof(shown[0]))
				shown[n_shown++] = p->action[i].label;
		}
	}
}

/* Chooses the first body line to show so the focused item is visible,
 * moving as little as possible from the last frame. */
static int
lay_scroll(int top, int n, int rows, int first, int last, int caret_line)
{
	if (first < 0)
		return 0;
	if (last >= top + rows)
		top = last - rows + 1;
	if (first < top)
		top = first;
	/* Moving up to an item near the start shows the text above it. */
	if (first < top + rows && last < rows)
		top = 0;
	/* The caret of a field (or the '>' line) must stay in view, also
	 * when the item is taller than the body. */
	if (caret_line >= 0) {
		if (caret_line >= top + rows)
			top = caret_line - rows + 1;
		if (caret_line < top)
			top = caret_line;
	}
	if (top > n - rows)
		top = n - rows;
	if (top < 0)
		top = 0;
	return top;
}

int
layout_read(struct layout *l, int has_focus, int lines)
{
	int top;

	top = l->top + lines;
	if (top < 0)
		top = 0;
	if (top > l->max_top)
		top = l->max_top;
	if (top == l->top && !l->reading)
		return 0;
	l->top = top;
	l->reading = 1;
	/* Scrolling down to where the focused item shows ends reading. */
	if (has_focus && lines > 0 && top >= l->focus_top)
		l->reading = 0;
	return 1;
}

/* A breadcrumb wider than the screen is cut at a word boundary, with "…"
 * saying that more follows; never in the middle of a word. */
static int
lay_breadcrumb(struct canvas *c, int y, const char *bc)
{
	struct text_lines tl;
	char *s;
	size_t n;
	int rc;

	if (text_width(bc) <= (size_t)c->cols)
		return canvas_put(c, y, bc, CANVAS_HEADING);
	if (c->cols < 4 || text_wrap(bc, (size_t)c->cols - 2, &tl) != 0)
		return canvas_put(c, y, bc, CANVAS_HEADING);
	n = tl.n > 0 ? strlen(tl.line[0]) : 0;
	if ((s = malloc(n + sizeof(" …"))) == NULL) {
		text_lines_free(&tl);
		return -1;
	}
	memcpy(s, tl.n > 0 ? tl.line[0] : "", n);
	memcpy(s + n, " …", sizeof(" …"));
	rc = canvas_put(c, y, s, CANVAS_HEADING);
	free(s);
	text_lines_free(&tl);
	return rc;
}

int
layout_page(struct layout *l, const struct page *p, const char *status,
    layout_key_cb keyname, void *ud, struct canvas *c)
{
	struct lay_buf b;
	struct lay_caret caret;
	struct text_lines head, st;
	char hints[512], *key;
	const char *bc, *hd;
	int *item_first, *item_last;
	int y, rows, cols, top_rows, st_rows, hint_row, body_y, body_rows;
	int first, last, caret_line, ret;
	size_t i, keylen;

	memset(&b, 0, sizeof(b));
	memset(&caret, 0, sizeof(caret));
	memset(&head, 0, sizeof(head));
	memset(&st, 0, sizeof(st));
	item_first = item_last = NULL;
	ret = -1;
	canvas_clear(c);
	rows = c->rows;
	cols = c->cols;
	bc = p->breadcrumb;
	hd = p->heading != NULL ? p->heading : "";

	/* A new page starts at its top. */
	keylen = strlen(bc != NULL ? bc : "") + strlen(hd) + 2;
	key = malloc(keylen);
	if (key == NULL)
		goto out;
	snprintf(key, keylen, "%s\n%s", bc != NULL ? bc : "", hd);
	if (l->page_key == NULL || strcmp(l->page_key, key) != 0) {
		free(l->page_key);
		l->page_key = key;
		l->top = 0;
		l->reading = 0;
	} else {
		free(key);
	}

	/* Top: breadcrumb, heading (at most two rows), a blank row if room. */
	y = 0;
	if (bc != NULL && bc[0] != '\0' && rows >= 8) {
		if (lay_breadcrumb(c, y++, bc) < 0)
			goto out;
	}
	if (text_wrap(hd, (size_t)cols, &head) != 0)
		goto out;
	l->focus_row = -1;
	canvas_cursor(c, y, 0);
	for (i = 0; i < head.n && i < 2; i++)
		if (canvas_put(c, y++, head.line[i], CANVAS_BOLD | CANVAS_HEADING) < 0)
			goto out;
	if (head.n == 0)
		y++;
	if (rows >= 16)
		y++;
	top_rows = y;

	/* Bottom: the status (wrapped up to three rows), the hint line above. */
	if (p->loading && (status == NULL || status[0] == '\0'))
		status = _("Loading…");
	st_rows = 1;
	if (status != NULL && status[0] != '\0') {
		if (text_wrap(status, (size_t)cols, &st) != 0)
			goto out;
		st_rows = st.n < 1 ? 1 : (int)st.n;
		if (st_rows > LAY_STATUS_MAX)
			st_rows = LAY_STATUS_MAX;
		if (rows < 12 && st_rows > 2)
			st_rows = 2;
		for (i = 0; i < (size_t)st_rows && i < st.n; i++)
			if (canvas_put(c, rows - st_rows + (int)i, st.line[i],
			    CANVAS_STATUS | CANVAS_BOLD) < 0)
				goto out;
	}
	hint_row = -1;
	if (keyname != NULL && p->n_action > 0 && rows >= 6) {
		hint_row = rows - st_rows - 1;
		lay_hints(p, keyname, ud, cols, hints, sizeof(hints));
		if (canvas_put(c, hint_row, hints, CANVAS_HINT | CANVAS_DIM) < 0)
			goto out;
	}
	body_y = top_rows;
	body_rows = (hint_row >= 0 ? hint_row : rows - st_rows) - body_y;
	if (body_rows < 1)
		body_rows = 1;
	l->body_rows = body_rows;

	/* The body, scrolled to the focus. */
	if (p->n_item > 0) {
		item_first = calloc(p->n_item, sizeof(int));
		item_last = calloc(p->n_item, sizeof(int));
		if (item_first == NULL || item_last == NULL)
			goto out;
	}
	lay_body(&b, p, cols, item_first, item_last, &caret);
	if (b.err)
		goto out;
	first = last = -1;
	caret_line = -1;
	if (p->focus >= 0 && (size_t)p->focus < p->n_item) {
		first = item_first[p->focus];
		last = item_last[p->focus];
		/* What must show: the caret of a field, else the '>' line
		 * (below a group heading that may not fit a tiny screen). */
		if (caret.set)
			caret_line = (int)caret.line;
		for (y = first; caret_line < 0 && y <= last; y++)
			if (b.l[y].span_to > 0)
				caret_line = y;
	}
	l->max_top = (int)b.n > body_rows ? (int)b.n - body_rows : 0;
	l->focus_top = lay_scroll(l->top, (int)b.n, body_rows, first, last,
	    caret_line);
	if (!l->reading)
		l->top = l->focus_top;
	else if (l->top > l->max_top)
		l->top = l->max_top;
	if (l->reading)
		canvas_cursor(c, body_y, 0);
	for (y = 0; y < body_rows && (size_t)(l->top + y) < b.n; y++) {
		const struct lay_line *ln = &b.l[l->top + y];

		if (canvas_put(c, body_y + y, ln->text, ln->attr) < 0)
			goto out;
		if (ln->span_to > 0)
			canvas_span(c, body_y + y, 0, ln->span_to,
			    CANVAS_REVERSE | CANVAS_FOCUS);
		if (ln->span_to > 0 && ln->item == p->focus) {
			l->focus_row = body_y + y;
			canvas_cursor(c, body_y + y, 0);
		}
	}
	l->field_cols = caret.set ? caret.cols : 0;
	if (caret.set && caret_line >= l->top && caret_line < l->top + body_rows)
		canvas_cursor(c, body_y + caret_line - l->top, caret.col);
	ret = 0;
out:
	text_lines_free(&head);
	text_lines_free(&st);
	free(item_first);
	free(item_last);
	lay_buf_free(&b);
	return ret;
}
