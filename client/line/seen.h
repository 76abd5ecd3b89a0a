/* seen.h — what line mode said of a page, and what changed on it since: pure, no output. */
#ifndef MW_CLIENT_LINE_SEEN_H
#define MW_CLIENT_LINE_SEEN_H

#include <stddef.h>

#include "client/ui/page.h"

/* Most items said one by one as changes; more and the page is said whole. */
#define LINE_SEEN_MAX_CHANGES	64

/* What was said of a page, to say only what changed. All owned here. */
struct line_seen {
	char	*where;		/* heading: another heading is another page */
	char	**keys;		/* line_item_key() per item */
	char	**said;		/* line_item_said() per item */
	char	**state;	/* each item's state ("" for none) */
	size_t	  n;
	char	**text;		/* text blocks */
	size_t	  ntext;
};

/* What identifies an item across rebuilds of the same page, and what is
 * said of it (when that changes, the item is said again). Caller frees;
 * NULL when out of memory. */
char	*line_item_key(const struct page_item *it);
char	*line_item_said(const struct page_item *it);

/* Forgets what was said (v is zeroed, ready for reuse). */
void	line_seen_clear(struct line_seen *v);
/* Notes page p as said (replacing what v held). Out of memory: v empty. */
void	line_seen_take(struct line_seen *v, const struct page *p);
/* Index of the item with this key in v, or -1. */
int	line_seen_find(const struct line_seen *v, const char *key);
/* 1 when text block t was said. */
int	line_seen_has_text(const struct line_seen *v, const char *t);
/* 1 when item it is new or its state changed since v ("not chosen" is
 * said of a choice just taken back, not of one only renumbered). */
int	line_seen_state_changed(const struct line_seen *v, const struct page_item *it);

/*
 * What changed on page p since v: writes the indices of the items that
 * are new or said differently into idx (in page order, at most max) and
 * returns how many (0: nothing). Returns -1 when the page is better said
 * whole: another heading, mostly other items (a next page of a list),
 * fewer items or more than one new (a filter), the same items in a new
 * order (sorted), or more than max changes.
 */
int	line_seen_diff(const struct line_seen *v, const struct page *p, size_t *idx, size_t max);

#endif
