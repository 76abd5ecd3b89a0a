/* listwin.c — list scrolling and selection as pure functions (no curses). */
#include "client/ui/listwin.h"

static void
listwin_fix(struct listwin *w)
{
	if (w->rows < 1)
		w->rows = 1;
	if (w->n <= 0) {
		w->n = 0;
		w->sel = -1;
		w->top = 0;
		return;
	}
	if (w->sel < 0)
		w->sel = 0;
	if (w->sel >= w->n)
		w->sel = w->n - 1;
	/* Keep the selection inside the window, moving the window as little
	 * as possible so the screen does not jump. */
	if (w->sel < w->top)
		w->top = w->sel;
	if (w->sel >= w->top + w->rows)
		w->top = w->sel - w->rows + 1;
	if (w->top > w->n - w->rows)
		w->top = w->n - w->rows;
	if (w->top < 0)
		w->top = 0;
}

void
listwin_init(struct listwin *w, int rows)
{
	w->n = 0;
	w->sel = -1;
	w->top = 0;
	w->rows = rows;
	listwin_fix(w);
}

void
listwin_set_count(struct listwin *w, int n)
{
	w->n = n;
	listwin_fix(w);
}

void
listwin_set_rows(struct listwin *w, int rows)
{
	w->rows = rows;
	listwin_fix(w);
}

int
listwin_select(struct listwin *w, int i)
{
	int old = w->sel;

	if (i < 0 || i >= w->n)
		return 0;
	w->sel = i;
	listwin_fix(w);
	return w->sel != old;
}

int
listwin_move(struct listwin *w, int k)
{
	int old = w->sel;
	long target;

	if (w->n <= 0)
		return 0;
	target = (long)w->sel + k;
	if (target < 0)
		target = 0;
	if (target >= w->n)
		target = w->n - 1;
	w->sel = (int)target;
	listwin_fix(w);
	return w->sel != old;
}

int
listwin_page_up(struct listwin *w)
{
	return listwin_move(w, -(w->rows > 1 ? w->rows - 1 : 1));
}

int
listwin_page_down(struct listwin *w)
{
	return listwin_move(w, w->rows > 1 ? w->rows - 1 : 1);
}

int
listwin_first(struct listwin *w)
{
	return listwin_select(w, 0);
}

int
listwin_last(struct listwin *w)
{
	return listwin_select(w, w->n - 1);
}

int
listwin_top_for(const int *heights, int n, int sel, int top, int rows)
{
	int i, used;

	if (n <= 0 || sel < 0)
		return 0;
	if (sel >= n)
		sel = n - 1;
	if (top < 0)
		top = 0;
	if (top > sel)
		return sel;
	/* Move the top down until everything from top to sel fits. */
	for (;;) {
		used = 0;
		for (i = top; i <= sel; i++)
			used += heights[i] > 0 ? heights[i] : 1;
		if (used <= rows || top == sel)
			return top;
		top++;
	}
}
