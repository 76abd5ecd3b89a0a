/* layout.h — lays a page out on a canvas: the full UI's frame, without curses. */
#ifndef MW_CLIENT_TERM_LAYOUT_H
#define MW_CLIENT_TERM_LAYOUT_H

#include "client/keys/actions.h"
#include "client/term/canvas.h"
#include "client/ui/page.h"

/* Returns the display name of the key bound to action in context
 * ("Enter", "q"), or NULL when none is bound; borrowed. */
typedef const char *(*layout_key_cb)(const char *context, enum action action,
    void *ud);

/* What stays between frames of one page: where the body is scrolled to. */
struct layout {
	int	 top;		/* first body line shown */
	char	*page_key;	/* breadcrumb + heading of the page top belongs to */
	int	 body_rows;	/* rows of the body in the last frame */
	int	 focus_row;	/* canvas row of the focused item's first line, or -1 */
	int	 field_cols;	/* columns of the focused field's text, or 0 */
	int	 reading;	/* 1: the person scrolls text; top is kept as set */
	int	 focus_top;	/* the top that shows the focused item */
	int	 max_top;	/* the largest useful top */
};

/*
 * Reading mode: a text taller than the body (a long description above the
 * first item, or a page without items) is read by scrolling. While
 * l->reading is set the body stays at l->top (clamped to 0..max_top) and
 * the cursor goes to the focused item when it is in view, else to the
 * first row of the body. layout_read() moves top by lines and says
 * whether reading goes on; a new page ends reading mode.
 */
int	layout_read(struct layout *l, int has_focus, int lines);

void	layout_init(struct layout *l);
void	layout_free(struct layout *l);	/* frees what l holds, not l */

/*
 * Writes page p into c, top to bottom: breadcrumb, heading, (blank line
 * when there is room), the body — text blocks, then the items with their
 * group sub-headings, scrolled so the focused item is visible — then one
 * key-hint line and the status line at the bottom (a long status wraps
 * upward over at most three rows). The focused item starts with "> ";
 * every other item with two spaces. Within the first 40 cells of the
 * focused line, the window of a braille display, stand the start of the
 * item's title and its state: a results row's numbers (page_item.lead)
 * before the title, and a state that would end beyond cell 40 after the
 * title goes before it, in parentheses. The cursor goes to the first column of
 * the focused item, to the caret of a focused text field, or to the
 * heading when nothing has focus. status may be NULL; keyname may be NULL
 * (no key-hint line then). Returns 0, or -1 when out of memory.
 */
int	layout_page(struct layout *l, const struct page *p, const char *status,
	    layout_key_cb keyname, void *ud, struct canvas *c);

#endif
