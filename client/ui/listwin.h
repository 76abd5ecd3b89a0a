/* listwin.h — list scrolling and selection as pure logic, reused by every list. */
#ifndef MW_CLIENT_UI_LISTWIN_H
#define MW_CLIENT_UI_LISTWIN_H

#include <stddef.h>

/*
 * A window onto a list of n items: sel is the selected item (-1 when the
 * list is empty), top the first item shown, rows how many items fit (at
 * least 1). After every function sel is within the list and visible. No
 * curses here: the renderer and the app both use these (the idea of cmus
 * window.c, written anew).
 */
struct listwin {
	int	n;
	int	sel;
	int	top;
	int	rows;
};

/* Sets up an empty window with rows (values below 1 count as 1). */
void	listwin_init(struct listwin *w, int rows);
/* Changes the item count, keeping sel and top inside. */
void	listwin_set_count(struct listwin *w, int n);
/* Changes the rows (resize), keeping sel visible. */
void	listwin_set_rows(struct listwin *w, int rows);
/* Moves the selection by k items (negative: up), clamped at the ends.
 * Returns 1 when sel changed. */
int	listwin_move(struct listwin *w, int k);
int	listwin_page_up(struct listwin *w);
int	listwin_page_down(struct listwin *w);
int	listwin_first(struct listwin *w);
int	listwin_last(struct listwin *w);
/* Selects item i (0-based); out of range is refused. Returns 1 when sel changed. */
int	listwin_select(struct listwin *w, int i);

/*
 * For items of different heights (in rows, each at least 1): returns the
 * first item to show so that item sel is fully visible in a viewport of
 * rows, moving as little as possible from top. An item taller than the
 * viewport is shown from its start.
 */
int	listwin_top_for(const int *heights, int n, int sel, int top, int rows);

#endif
