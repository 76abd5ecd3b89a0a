/* say.h — what line mode says of a page, of its changes, its status, a ranking and a survey question: pure, appended to a caller-owned buffer. */
#ifndef MW_CLIENT_LINE_SAY_H
#define MW_CLIENT_LINE_SAY_H

#include <stdarg.h>
#include <stddef.h>

#include "client/line/prompt.h"
#include "client/line/resolve.h"
#include "client/line/seen.h"
#include "client/ui/page.h"

/*
 * Text said so far, owned by the caller (zeroed to start, freed with
 * line_out_free()). Before each line that may scroll a page's start
 * away, more_cb (when set) is called: it may write out and empty the
 * text so far and ask for Enter; it returns 1 when the rest of the page
 * is to be left out (q at "-- more --"). Without it nothing is left out.
 */
struct line_out {
	char	*s;		/* NUL-terminated when len > 0 */
	size_t	 len;
	size_t	 cap;
	int	 wrote;		/* something (even "") was said since emptied */
	int	 stopped;	/* the rest of the page is left out */
	int	(*more_cb)(struct line_out *o, void *ud);
	void	*ud;
};

/* Appends n bytes of s (out of memory: dropped). */
void	line_out_write(struct line_out *o, const char *s, size_t n);
void	line_out_puts(struct line_out *o, const char *s);
void	line_out_printf(struct line_out *o, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	line_out_vprintf(struct line_out *o, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Before a line: asks more_cb whether to go on. Returns o->stopped. */
int	line_out_more(struct line_out *o);
/* Empties o (keeps its memory and callback). */
void	line_out_reset(struct line_out *o);
/* Frees what o holds. NULL-safe. */
void	line_out_free(struct line_out *o);

/* How much of a page is said: brief (the default), all of it (t), or
 * all but the breadcrumb (a review step before sending). */
enum line_mode {
	LINE_BRIEF,
	LINE_FULL,
	LINE_REVIEW
};

/* What changes how a page is said besides the page itself. */
struct line_say_how {
	enum line_mode		 mode;
	const struct line_seen	*seen;		/* said before: texts heard are left out */
	int			 same;		/* seen is the page said last: no heading */
	int			 taught_full;	/* the prompt taught t already */
	int			 questions;	/* a survey asked one question at a time next */
	int			 after_review;	/* right after a review step */
	int			 logged_in;	/* help: no word on registering */
	const char		*answers;	/* help: how to answer the question it was
						 * asked on (NULL: none) */
};

/*
 * Says page p into o, top to bottom: brief says each paragraph's start
 * ("… 84 more words, t reads all") and no item details, full everything.
 * Sets *cut to 1 when t would say more, 0 when not; leaves it as it was
 * for the help page (which lists what can be typed, for this role).
 */
void	line_say_page(struct line_out *o, const struct page *p, const struct line_say_how *h,
	    int *cut);

/* One item as a line: "3. Roundnet — your choice 2". change: 1 says a
 * choice taken back ("not chosen"), -1 leaves the state out (said once
 * before the list). */
void	line_say_item(struct line_out *o, const struct page_item *it, int full, int change);

/*
 * Says what changed on p since v (new or changed items, new text), with
 * its heading first when name; back on a page where nothing changed,
 * that it is unchanged, its numbers, and how to hear it. Appends the
 * indices of the items said to changed (from *n_changed on, at most
 * max). Returns 0 (nothing said) when the page is better said whole.
 */
int	line_say_changes(struct line_out *o, const struct page *p, const struct line_seen *v,
	    int name, int after_review, size_t *changed, size_t max, size_t *n_changed);

/* Says p's status, leaving out its sentences that repeat a change just
 * said (items changed[0..n_changed-1]); when the page was said whole,
 * not a status that is also one of its texts. */
void	line_say_status(struct line_out *o, const struct page *p, const size_t *changed,
	    size_t n_changed, int whole);

/* Reads a ranking back: "Your order: 1. Roundnet, 2. Open-air reading." */
void	line_say_order(struct line_out *o, const struct page *p);

/*
 * What this session said so far: the memory that makes line mode say a
 * page whole the first time and later only what changed. Zeroed to
 * start; line_said_clear() frees what it holds. Owned by the loop.
 */
struct line_said {
	struct line_seen	 seen[LINE_PAGES];	/* what was said of recent pages */
	size_t			 next;		/* the slot to reuse next */
	struct line_seen	*last;		/* the page said last */
	int			 again;		/* say the next page whole (after back) */
	size_t			 changed[32];	/* items said as changes just now */
	size_t			 n_changed;
	int			 whole;		/* the page was said whole, not its changes */
	int			 cut;		/* the page was said briefly: t says all */
	char			*status;	/* the status said last */
	int			 was_review;	/* the page said last was a review step */
	int			 after_review;	/* this page came right after a review step */
	int			 questions;	/* a survey's questions are asked one by one next */
	int			 logged_in;	/* the caller's: help says nothing of registering */
	char			*answers;	/* how to answer a question, for the help
						 * page asked for on it (owned) */
};

/* Help is asked for on question p (line_is_question()): the help page
 * said next starts with how to answer it and how to go back. */
void	line_said_answers(struct line_said *s, const struct page *p);

/* Forgets what was said (frees it); the rest of s stays. */
void	line_said_clear(struct line_said *s);
/* 1 when p is not the page said last (another heading). */
int	line_said_fresh(const struct line_said *s, const struct page *p);
/*
 * Says p into o: only what changed when this page was said before
 * (choosing an option, coming back after sending), else the whole page
 * briefly; a review step in full; after back (s->again), and a question
 * asked again (line_is_question()), whole, with the full prompt again
 * (pr). Then its status, once. Notes p as said.
 */
void	line_said_page(struct line_said *s, struct line_prompts *pr, struct line_out *o,
	    const struct page *p);
/* t: says p whole with every detail. */
void	line_said_full(struct line_said *s, struct line_prompts *pr, struct line_out *o,
	    const struct page *p);
/* Notes p as said without saying it (a page not said before is said). */
void	line_said_quiet(struct line_said *s, struct line_prompts *pr, struct line_out *o,
	    const struct page *p);
/* Says p's status unless it was the last one said. */
void	line_said_status(struct line_said *s, struct line_out *o, const struct page *p);
/* Notes p's status as said without saying it. */
void	line_said_status_known(struct line_said *s, const struct page *p);

/* Says a survey question (group, answers q): a scale on one line by its
 * values, other choices numbered from 1 within it; for a text question
 * what the group says before the focused field's own prompt. */
void	line_say_question(struct line_out *o, const struct page *p, const char *group,
	    const struct line_question *q);

#endif
