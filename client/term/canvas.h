/* canvas.h — rows of text plus a cursor: what a frame of the full UI shows. */
#ifndef MW_CLIENT_TERM_CANVAS_H
#define MW_CLIENT_TERM_CANVAS_H

#include <stddef.h>

/*
 * The layout writes a frame into a canvas (no curses here), the curses
 * screen draws only the rows that differ from the last frame, and unit
 * tests read the canvas like a tmux capture. Attributes are roles; the
 * screen turns them into colours only when colour is on, so nothing
 * depends on them: the text alone says everything.
 */
#define CANVAS_BOLD	0x01
#define CANVAS_REVERSE	0x02
#define CANVAS_UNDERLINE 0x04
#define CANVAS_DIM	0x08
#define CANVAS_HEADING	0x10	/* role: heading and breadcrumb */
#define CANVAS_FOCUS	0x20	/* role: the focused item */
#define CANVAS_STATUS	0x40	/* role: the status line */
#define CANVAS_HINT	0x80	/* role: the key-hint line */
#define CANVAS_ERROR	0x100	/* role: an error message */
#define CANVAS_CHECKED	0x200	/* role: a chosen option */

struct canvas_row {
	char	*text;		/* sanitized UTF-8 that fits the width; never NULL */
	int	 attr;		/* attributes of the whole row */
	size_t	 span_from;	/* bytes [span_from, span_to) also get span_attr */
	size_t	 span_to;
	int	 span_attr;
};

struct canvas {
	int			 rows;
	int			 cols;
	struct canvas_row	*row;
	int			 cur_y;	/* where the terminal cursor goes */
	int			 cur_x;
};

/* Returns a blank canvas of rows x cols (both at least 1), or NULL. */
struct canvas	*canvas_new(int rows, int cols);
void		 canvas_free(struct canvas *c);

/* Changes the size and blanks every row; returns 0 or -1 (out of memory). */
int		 canvas_resize(struct canvas *c, int rows, int cols);

/* Blanks every row and puts the cursor home. */
void		 canvas_clear(struct canvas *c);

/* Sets row y to the part of text that fits the width (never splitting a
 * character), with attr. Rows outside the canvas are ignored. Returns the
 * number of bytes kept, or -1 when out of memory. */
int		 canvas_put(struct canvas *c, int y, const char *text, int attr);

/* Adds attr to bytes [from, to) of row y (clamped to the row's text). */
void		 canvas_span(struct canvas *c, int y, size_t from, size_t to,
		    int attr);

/* Puts the cursor at row y, column x (clamped to the canvas). */
void		 canvas_cursor(struct canvas *c, int y, int x);

/* The text of row y ("" outside the canvas); borrowed. */
const char	*canvas_text(const struct canvas *c, int y);

/* Returns 1 when row y has the same text and attributes in a and b. */
int		 canvas_row_equal(const struct canvas *a, const struct canvas *b,
		    int y);

/* Copies src into dst (resizing dst); returns 0 or -1. */
int		 canvas_copy(struct canvas *dst, const struct canvas *src);

/* Returns the row of the first line containing needle, or -1. */
int		 canvas_find(const struct canvas *c, const char *needle);

/* Returns all rows joined by "\n", trailing blank rows left out, like
 * tmux capture-pane -p; the caller frees it. NULL when out of memory. */
char		*canvas_dump(const struct canvas *c);

#endif
