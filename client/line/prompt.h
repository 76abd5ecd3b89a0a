/* prompt.h — line mode's prompts: what to type next on a page, a field's question, a survey question's numbers; pure, built into the caller's buffer. */
#ifndef MW_CLIENT_LINE_PROMPT_H
#define MW_CLIENT_LINE_PROMPT_H

#include <stddef.h>

#include "client/keys/keys.h"
#include "client/line/resolve.h"
#include "client/ui/page.h"

/* Pages whose last state line mode remembers (what was said, what the
 * prompt said). */
#define LINE_PAGES	16

/* What the prompts teach once and then leave out: typing a number, t
 * for the full text, h help (the first line teaches h). The way back is
 * in every prompt. */
#define LINE_T_NUMBER	0x1
#define LINE_T_FULL	0x2
#define LINE_T_HELP	0x8

/* What the prompts of one page said ("w withdraw"), so that coming back
 * to it the prompt says only what is new there. Owned by line_prompts. */
struct line_told {
	char	*where;		/* heading */
	char	*acts[48];
	size_t	 n;
};

/* What prompts said so far, owned by the loop: zero it to start,
 * line_prompts_forget() frees what it holds. */
struct line_prompts {
	struct line_told	 told[LINE_PAGES];	/* per page */
	size_t			 next;		/* the slot to reuse next */
	int			 taught;	/* LINE_T_* said so far */
};

/* Forgets what every prompt said (frees it): the next ones are full
 * again. What was taught is kept. */
void	line_prompts_forget(struct line_prompts *pr);
/* The page with this heading is said whole again (back there): its next
 * prompt is full again, too. */
void	line_prompts_again(struct line_prompts *pr, const char *heading);

/*
 * The thing to type for action a on a page of context ctx, into buf: a
 * line-mode word ("b"), the printable key keys binds in ctx, else one
 * bound in another context that is free in ctx, else the action's name.
 */
void	line_key_for(const struct keys_map *keys, enum keys_context ctx, enum action a,
	    char *buf, size_t size);

/*
 * The prompt for page p into buf ("Number, 5 Register, r review, b
 * back: "): the page's main action as its number (unless right
 * after_review), t once when the page was cut, the actions that can
 * really be typed, and the way back last. What pr says was taught, or
 * was said on this page before, is left out; pr notes what this prompt
 * says. Returns buf.
 */
char	*line_prompt_page(struct line_prompts *pr, const struct keys_map *keys,
	    const struct page *p, int cut, int after_review, char *buf, size_t size);

/*
 * The question for field item it ("3. Title, now \"Old\" (Enter alone
 * keeps it): "), with the item's number when numbered; a filled field
 * says what it holds (not when the text was just refused); a multi-line
 * field says how to end it and ends in a line break. The caller frees
 * the result; NULL when out of memory.
 */
char	*line_prompt_field(const struct page_item *it, int numbered, int refused);

/* The prompt of a survey question ("Number 1 to 5, Enter skips: ") into
 * buf, after what is allowed when an answer was refused. Returns buf. */
char	*line_prompt_question(const struct line_question *q, int refused, char *buf, size_t size);

#endif
