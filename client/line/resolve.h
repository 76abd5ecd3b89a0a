/* resolve.h — line mode's decisions: what kind of page this is, what a typed line means on it, which field or question comes next; pure, the loop applies them. */
#ifndef MW_CLIENT_LINE_RESOLVE_H
#define MW_CLIENT_LINE_RESOLVE_H

#include <stddef.h>

#include "client/keys/keys.h"
#include "client/line/parse.h"
#include "client/ui/page.h"

/* The keymap context of a page as line mode reads it (an editor page is
 * a form: lines are typed whole). */
enum keys_context	line_ctx(const struct page *p);

/* The page's main action as a numbered button, or NULL (borrowed from
 * p): a form's button ("Register", "Log in"), a review's "Send", a
 * ballot's "Review my vote" once something is chosen. */
const struct page_item	*line_main_button(const struct page *p);

/* 1 for the help page. */
int	line_is_help(const struct page *p);
/* 1 when typing item it's number does something on p: not on help
 * (said without numbers), not a results row (nothing to open). */
int	line_item_typable(const struct page *p, const struct page_item *it);
/* 1 for a review step: a page that sends, without fields of its own. */
int	line_is_review(const struct page *p);
/* 1 for a question: two or more numbered buttons and nothing else to
 * choose or type ("Quit without sending?": "1 No", "2 Yes"). */
int	line_is_question(const struct page *p);
/* 1 for an item that answers a question of a survey: a choice or a field
 * in a group (the group is the question). */
int	line_is_answer(const struct page_item *it);
/* 1 when the page asks several questions (a survey): answers in two or
 * more groups. A poll's options are one group. */
int	line_is_questions(const struct page *p);
/* 1 when survey page p is to be asked question by question: when it was
 * just opened (fresh), or is back from its review to change it; not
 * after sending (from a review step, with a status that thanks). */
int	line_asks_questions(const struct page *p, int fresh, int was_review);
/* 1 for a survey page that offers its review: after its questions, where
 * the answers are numbered within their question, so a number typed
 * there means a question and the page's own numbers are not said. */
int	line_is_survey_after(const struct page *p);
/* 1 when a field of the page says what is wrong with its text. */
int	line_field_errors(const struct page *p);

/* The line-mode word for action a ("b" for back), or NULL (static). */
const char	*line_word_for(enum action a);
/* The action a typed word means on page p: a line-mode word, an action
 * name, an action's label, or a key of keys (in p's context, the common
 * one, or another whose action p offers). ACTION_NONE if none. */
enum action	line_word(const struct keys_map *keys, const struct page *p, const char *w);

/* What the loop does with a typed line. */
enum line_do_kind {
	LINE_DO_NOTHING,	/* Enter alone */
	LINE_DO_FULL,		/* t: say the whole page */
	LINE_DO_SAY,		/* only say d->say (not understood, no such number) */
	LINE_DO_NUMBERS,	/* open, choose or ask for the typed numbers in turn */
	LINE_DO_RANK,		/* the typed numbers replace the whole ranking */
	LINE_DO_WHICH,		/* d->action needs an item: ask "Which number?" */
	LINE_DO_QUESTION,	/* ask question d->at of a survey again */
	LINE_DO_ACTION		/* d->action, on item d->at first when > 0 */
};

struct line_do {
	enum line_do_kind	 kind;
	enum action		 action;
	int			 at;		/* the item's number; 0: the focus */
	char			 say[256];	/* LINE_DO_SAY: the sentence, with \n */
};

/*
 * Decides what the typed line c means on page p with keymap keys: an
 * unknown word or a number not on the page is a sentence to say; "x 3"
 * is x on item 3; an item action without a number asks which, unless the
 * item chosen just before is meant; a word that is no action but the
 * first word of one button ("nein" for "Nein, hierbleiben"), or its first
 * letter on a page of buttons only, opens that button. On a survey
 * after its questions (answers numbered within each question) a number
 * other than the main button's asks that question again. Fills *d and
 * returns d->kind.
 */
enum line_do_kind	line_resolve(const struct keys_map *keys, const struct page *p,
	    const struct line_cmd *c, struct line_do *d);

/* After LINE_DO_WHICH: the number typed as the answer ("3"), or -1 for
 * anything else. */
int	line_which_parse(const char *typed);
/* Puts item at (> 0) into an action decision: LINE_DO_ACTION, or
 * LINE_DO_SAY when p has no such number. Returns d->kind. */
enum line_do_kind	line_resolve_at(const struct page *p, struct line_do *d, int at);

/* An item action typed without a number ("r" replies): 1 when it acts
 * on an item, so the loop finds out which. */
int	line_item_action(enum action a);

/*
 * For LINE_DO_RANK: the ids of the options ranked now, the last choice
 * first (the order to take them out in), at most max into ids. Returns
 * how many.
 */
size_t	line_rank_taken(const struct page *p, long *ids, size_t max);

/*
 * A form just opened with the focus elsewhere (the login page after a
 * confirmation): the number of its first item when that is an empty
 * field, to start the questions there; else 0.
 */
int	line_walk_start(const struct page *p);

/* One question of a survey as line mode asks it: its answers (items
 * first..first+n-1 of the page), numbered within it. */
struct line_question {
	size_t	 first;
	size_t	 n;
	int	 nums[LINE_CMD_NUMS];	/* the page's numbers of the answers */
	int	 field;		/* answered by a text field */
	int	 scale;		/* all answers are scale values ("4 — very") */
	int	 multi;		/* several answers can be chosen */
	int	 lo;		/* the numbers to type: lo..hi */
	int	 hi;
};

/* Fills *q with the answers of the question group (a group label) of p.
 * Returns how many (0: none). */
size_t	line_question_get(const struct page *p, const char *group, struct line_question *q);
/* What a line typed at a survey question is. */
enum line_answer {
	LINE_ANSWER_SKIP,	/* Enter alone: the answer stays */
	LINE_ANSWER_OTHER,	/* not an answer ("b", "r"): for the loop */
	LINE_ANSWER_BAD,	/* not allowed: ask again, saying what is */
	LINE_ANSWER_OK		/* the answers in want */
};

/*
 * What the line typed at question q means, read into *c: with
 * LINE_ANSWER_OK the answers as indices from 0 into want (scale answers
 * by their values, others by 1..n; an answer's label typed whole, in any
 * case, is that answer); a number out of range, or two for a single
 * choice, is LINE_ANSWER_BAD. LINE_ANSWER_OTHER only for t or a word
 * without a number that means an action of p (keys) other than choosing
 * or opening; any other word is LINE_ANSWER_BAD, so the next number
 * still answers q.
 */
enum line_answer	line_question_answer(const struct keys_map *keys, const struct page *p,
	    const struct line_question *q, const char *typed, struct line_cmd *c, int *want);

/* What a line typed at a field's question does. */
enum line_field_do {
	LINE_FIELD_SET,		/* the typed text replaces the field's */
	LINE_FIELD_KEEP,	/* Enter alone on a text not refused: kept */
	LINE_FIELD_CHECK,	/* Enter alone on a refused text: checked again
				 * (so asked again while it is wrong) */
	LINE_FIELD_BACK		/* b after a refusal: the text from before it,
				 * and back to the page */
};

/*
 * What typed (one line; "" for Enter alone or a multi-line field's dot at
 * once) does at field f, asked again after a refusal when refused: Enter
 * alone keeps only a text that was not refused and has no error; b
 * leaves a refused field (typed at first, b is text).
 */
enum line_field_do	line_field_typed(const struct page_field *f, int refused, const char *typed);

/* How many questions survey page p asks. */
size_t	line_question_count(const struct page *p);
/* The questions of survey page p in order (copies the caller frees),
 * at most max. Returns how many. */
size_t	line_question_groups(const struct page *p, char **groups, size_t max);

/* The number item (id, kind) has on p now (0: none), or -1 when it is
 * not there: numbers typed together mean the items as the page showed
 * them, even when choosing one reorders the list. */
int	line_number_of(const struct page *p, long id, enum page_item_kind kind);

#endif
