/* page.h — the page model: what one screen shows, as plain data, for every renderer. */
#ifndef MW_CLIENT_UI_PAGE_H
#define MW_CLIENT_UI_PAGE_H

#include <stddef.h>

#include "client/keys/actions.h"

/*
 * A screen turns API data into a page; a renderer (client/term/ full
 * screen, client/line/ line mode) shows it. Every string in a page is
 * already translated and already sanitized (safe for any terminal, valid
 * UTF-8, \n only where a text may have several lines). Renderers only read
 * pages; a page returned by app_page() is borrowed and stays valid until
 * the next app_*() call that changes state.
 *
 * Order of a page, top to bottom, in both renderers:
 *   breadcrumb, heading, text blocks, items (grouped), actions hint, status.
 * Groups: when an item's group differs from the previous item's group, the
 * renderer leaves a blank line and prints the group as a sub-heading
 * ("Polls", "Comments (3)").
 */

/* What an item is and what Enter (open) / Space (toggle) do with it. */
enum page_item_kind {
	PAGE_ITEM_LINK,		/* opens another page (a project, an idea) */
	PAGE_ITEM_ENTRY,	/* a thing to read and act on (a comment, a ballot) */
	PAGE_ITEM_CHECKBOX,	/* multiple choice: state "[x]" or "[ ]" */
	PAGE_ITEM_RADIO,	/* single choice: state "(*)" or "( )" */
	PAGE_ITEM_RANKED,	/* ranking: state "your choice 2" or "not chosen";
				 * rank (2) for a renderer that prints "2." */
	PAGE_ITEM_BUTTON,	/* does something ("Review my vote", "Send") */
	PAGE_ITEM_FIELD,	/* one-line text field: item->field is set */
	PAGE_ITEM_MULTILINE,	/* multi-line text field: item->field is set */
	PAGE_ITEM_PASSWORD	/* secret one-line field: item->field is set */
};

/*
 * The editor state of a text field. The text is UTF-8 without control
 * characters (\n only when multiline). caret is a byte offset into text,
 * always at a character boundary. Owned by the screen (drafts survive
 * page rebuilds and a login in between); a page only borrows it.
 * Editing functions are in client/ui/field.h.
 */
struct page_field {
	char	*text;		/* never NULL once created; "" when empty */
	size_t	 len;		/* bytes in text */
	size_t	 cap;		/* allocated bytes */
	size_t	 caret;		/* byte offset of the caret */
	size_t	 max_chars;	/* 0: no limit; else characters allowed */
	int	 multiline;	/* \n allowed; Enter inserts a line break */
	int	 secret;	/* show one '*' per character, never the text */
	char	*name;		/* short field name: "Title" */
	char	*prompt;	/* line-mode prompt: "Title (3 to 120 characters)" */
	char	*error;		/* NULL, or what is wrong: "Title: at least 3 characters." */
};

struct page_item {
	enum page_item_kind	 kind;
	int			 number;	/* 1.. typed to jump here; 0 = none */
	char			*label;		/* one line: "Lautern tanzt" */
	size_t			 brief;		/* 0, or the bytes of label a brief line-mode
						 * page says ("Anna" of "Anna, 3 April 2026") */
	char			*detail;	/* NULL or text, may hold \n; renderer wraps */
	char			*state;		/* NULL or "[x]", "(*)", "1.", "you support this",
						 * "waiting for moderation", "your choice 2" */
	char			*state_brief;	/* NULL, or the state in fewer words ("8 and
						 * 4, differ" of "keying 1: 8, keying 2: 4,
						 * differ"): the full screen's line says it
						 * where the state would not fit a braille
						 * window beside the title; line mode says state */
	char			*group;		/* NULL or sub-heading this item belongs to */
	int			 indent;	/* 0, or 1 for a reply under its comment */
	int			 checked;	/* checkbox/radio chosen (state says it in words) */
	int			 rank;		/* ranked: 1.. or 0 when not ranked */
	int			 has_bar;	/* a results row: draw a bar for bar */
	double			 bar;		/* 0..1 share for the '#' bar (page_bar()) */
	size_t			 lead;		/* 0, or the bytes of detail that are a results
						 * row's numbers ("12 votes, 40 %" of "12 votes,
						 * 40 %, rank 1 — …"): the full screen says them
						 * first on the label's line; line mode ignores it */
	struct page_field	*field;		/* borrowed; set for FIELD/MULTILINE/PASSWORD */
	long			 id;		/* the screen's own reference (API id); renderers ignore */
	int			 ref;		/* the screen's own small tag; renderers ignore */
};

enum page_text_kind {
	PAGE_TEXT_PARA,		/* a paragraph; wrap at word boundaries */
	PAGE_TEXT_HEADING,	/* a sub-heading line in the text ("Description") */
	PAGE_TEXT_NOTE		/* short facts ("Open until 30 April 2026 · 12 ideas") */
};

struct page_text {
	enum page_text_kind	 kind;
	char			*text;
	size_t			 brief;	/* 0, or the bytes of a note a brief line-mode page
					 * says ("Anna K." of "Anna K., 3 April 2026.") */
};

/* An action this page offers, with a short translated label for the
 * key-hint line ("vote", "back") and for line mode's prompt. The renderer
 * finds the key bound to it in the page's context (client/keys/keys.h). */
struct page_action {
	enum action	 action;
	char		*label;
};

struct page {
	char			*breadcrumb;	/* "Projects / Stadt.Raum.Wir. / Poll" or NULL */
	char			*heading;	/* never NULL once built */
	const char		*context;	/* keymap context: "list", "form", "editor",
						 * "poll", "ranking", "results", "help" (static) */
	struct page_text	*text;
	size_t			 n_text;
	struct page_item	*item;
	size_t			 n_item;
	int			 focus;		/* index into item, or -1: cursor on the heading */
	struct page_action	*action;
	size_t			 n_action;
	const char		*status;	/* borrowed from the app: status line, or NULL */
	const char		*refused;	/* borrowed from the app, or NULL: why the
						 * action on the focused item failed (the
						 * status says it too). The full screen puts
						 * it on the focused line, where a braille
						 * window is; line mode has printed the
						 * status and ignores it. */
	int			 loading;	/* 0 today: requests are synchronous and
						 * announced once through app_hooks.loading */
};

/* Returns a new empty page (heading "", focus -1, context "list"), or NULL
 * when out of memory. The caller frees it with page_free(). */
struct page	*page_new(void);
/* Frees a page and everything it owns (not the borrowed fields). NULL-safe. */
void		 page_free(struct page *p);
/* Empties a page for rebuilding, keeping the allocation. */
void		 page_clear(struct page *p);

/* Builders used by screens; strings are copied. They return 0, or -1 when
 * out of memory (the page stays consistent). The fmt functions take a
 * translated format; arguments from the network must be sanitized. */
int		 page_set_heading(struct page *p, const char *fmt, ...)
		 __attribute__((format(printf, 2, 3)));
int		 page_set_breadcrumb(struct page *p, const char *fmt, ...)
		 __attribute__((format(printf, 2, 3)));
int		 page_add_text(struct page *p, enum page_text_kind kind, const char *fmt, ...)
		 __attribute__((format(printf, 3, 4)));
int		 page_add_action(struct page *p, enum action action, const char *label);
/* Appends an item numbered by its position among numbered items and
 * returns it (borrowed, valid until the next page_add_item), or NULL. */
struct page_item *page_add_item(struct page *p, enum page_item_kind kind, const char *label);
/* Replace an item's detail / state / group text; NULL clears. 0 or -1. */
int		 page_item_detail(struct page_item *it, const char *fmt, ...)
		 __attribute__((format(printf, 2, 3)));
int		 page_item_state(struct page_item *it, const char *fmt, ...)
		 __attribute__((format(printf, 2, 3)));
int		 page_item_state_brief(struct page_item *it, const char *fmt, ...)
		 __attribute__((format(printf, 2, 3)));
int		 page_item_group(struct page_item *it, const char *group);

/* Returns the index of the item with number n, or -1. */
int		 page_find_number(const struct page *p, int n);
/* Returns 1 when the page offers action a. */
int		 page_offers(const struct page *p, enum action a);
/* Returns the focused item (borrowed) or NULL. */
const struct page_item *page_focused(const struct page *p);

/*
 * Writes a results bar for share (0..1) of exactly width columns into buf
 * (size at least width + 1): '#' for the share, then spaces; a share above
 * 0 always shows at least one '#'. ASCII only, never box drawing.
 * Returns buf.
 */
char		*page_bar(double share, size_t width, char *buf);

#endif
