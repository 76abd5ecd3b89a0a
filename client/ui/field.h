/* field.h — the text field editor: UTF-8 aware editing and word-wrapped layout. */
#ifndef MW_CLIENT_UI_FIELD_H
#define MW_CLIENT_UI_FIELD_H

#include <stddef.h>

#include "client/ui/page.h"
#include "common/text.h"

/* Initialises f (name and prompt copied, may be NULL). Returns 0 or -1. */
int	field_init(struct page_field *f, const char *name, const char *prompt,
	    size_t max_chars, int multiline, int secret);
/* Frees what f owns; a secret's text is wiped first. NULL-safe. */
void	field_clear(struct page_field *f);

/* Replaces the text (sanitized; \n kept only when multiline); caret to the end.
 * Returns 0, -1 when out of memory, or 1 when cut at max_chars. */
int	field_set(struct page_field *f, const char *utf8);
/* Inserts at the caret (sanitized). Returns 0, -1, or 1 when cut at max_chars. */
int	field_insert(struct page_field *f, const char *utf8);
/* Set or clear (msg NULL) the error text. Returns 0 or -1. */
int	field_set_error(struct page_field *f, const char *msg);

/* Caret movement and deletion by one character (a base character and its
 * combining marks move together). Return 1 when something changed. */
int	field_left(struct page_field *f);
int	field_right(struct page_field *f);
int	field_backspace(struct page_field *f);
int	field_delete(struct page_field *f);
/* Start / end of the current line (a \n-separated line when width is 0,
 * else the visual line at width). */
int	field_home(struct page_field *f, size_t width);
int	field_end(struct page_field *f, size_t width);
/* One visual line up / down at width (0: \n-separated lines); the column
 * is kept as well as the line allows. Returns 0 when already on the
 * first / last line (nothing moved). */
int	field_up(struct page_field *f, size_t width);
int	field_down(struct page_field *f, size_t width);

/* Characters in the text. */
size_t	field_chars(const struct page_field *f);

/*
 * Lays the text out at width columns (at least 1) as the renderer shows
 * it: word-wrapped (text_wrap() rules), a secret as one '*' per
 * character. Fills *out (free with text_lines_free()) and sets the caret's
 * visual row and column. An empty text gives one empty line. Returns 0 or -1.
 */
int	field_layout(const struct page_field *f, size_t width, struct text_lines *out,
	    size_t *caret_row, size_t *caret_col);

#endif
