/* parse.h — line mode's pure parts: typed lines, where a brief text stops, words left, scale values, typable keys, the prompt's wording. */
#ifndef MW_CLIENT_LINE_PARSE_H
#define MW_CLIENT_LINE_PARSE_H

#include <stddef.h>

/* Numbers one line may hold ("2 5 1" ranks three). */
#define LINE_CMD_NUMS	32

enum line_cmd_kind {
	LINE_CMD_NONE,		/* nothing typed (Enter alone) */
	LINE_CMD_FULL,		/* t: say the whole page */
	LINE_CMD_NUMBERS,	/* "3", "2 5 1", "2,5,1" */
	LINE_CMD_WORD,		/* "h", "x 3", "r 2": a word, maybe with one number */
	LINE_CMD_BAD		/* a word where a number belongs, too many numbers */
};

/* What one typed line asks for. */
struct line_cmd {
	enum line_cmd_kind	 kind;
	int			 nums[LINE_CMD_NUMS];	/* NUMBERS: in the order typed */
	size_t			 n;
	char			 word[32];	/* WORD: the word; BAD: the part not understood */
	int			 arg;		/* WORD: the number after it, 0 for none */
	char			 line[256];	/* the whole line, trimmed, safe to say back */
};

/*
 * Reads a typed line (spaces around it are ignored) into *c. A word may
 * be followed by one number ("x 3"); anything else after it, or a word
 * after numbers, makes the line LINE_CMD_BAD with that part in c->word.
 * Numbers above 100000 or below 1 are BAD too. Returns c->kind.
 */
enum line_cmd_kind	line_parse(const char *typed, struct line_cmd *c);

/* The number of words in s from end on (end points into s; NULL: 0). */
size_t	line_words_after(const char *s, const char *end);

/*
 * Joins the entries of a prompt into buf: "Number, 1 Register, b back:".
 * lead (may be NULL) goes first without a comma before the entries; an
 * empty prompt becomes fallback. Always ends in ": ". Returns buf.
 */
char	*line_prompt_join(char *buf, size_t size, const char *lead,
	    const char *const *ent, size_t n, const char *fallback);

/* Words a first sentence needs before a brief page stops after it. */
#define LINE_BRIEF_SENTENCE	4

/* A rest of this many words or fewer is said, not cut ("… 2 more words"
 * would take longer than the words). */
#define LINE_BRIEF_REST		4

/*
 * Where a brief page stops saying s, when s has more than n words: after
 * its first sentence when that ends within n words (and has at least
 * LINE_BRIEF_SENTENCE), else after n words. NULL when s is said whole,
 * also when no more than LINE_BRIEF_REST words would be left.
 */
const char *line_brief_end(const char *s, int n);

/* The scale value a label starts with ("4 — very much": 4, "10": 10), or
 * -1 when the label is not a scale value ("Yes", "4x"). */
long	line_scale_value(const char *label);

/*
 * The keys of a help line ("?, F1, h") that can be typed in line mode:
 * one printable character other than a digit each, joined by or ("? or
 * h") into buf. Returns the length written; 0 when none can be typed
 * ("Enter, KPEnter, Right").
 */
size_t	line_typable_keys(const char *label, const char *or, char *buf, size_t size);

/* 1 when w (one or more words) stands in s as whole words, ignoring
 * case in Latin, Greek and Cyrillic script ("review" in "Review my
 * vote", not in "reviewed"; "змінити" in "Змінити"). */
int	line_has_words(const char *s, const char *w);

#endif
