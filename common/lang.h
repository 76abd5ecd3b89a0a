/* lang.h — the language registry: every interface language, in one table. */
#ifndef MW_COMMON_LANG_H
#define MW_COMMON_LANG_H

#include <stddef.h>

/*
 * One interface language. Adding a language is one row in lang.c plus one
 * catalogue locale/<catalog>.po; scripts/check-po.sh reads the rows' catalog
 * and plural_forms fields from lang.c, so keep each on one line.
 */
struct lang {
	const char	*code;		/* --lang, LANG, the API's lang: "tr", "ls" */
	const char	*name;		/* in the language itself: "Türkçe" */
	const char	*catalog;	/* gettext catalogue / LANGUAGE: "de@ls" */
	const char	*posix;		/* a POSIX locale of it: "tr_TR.UTF-8" */
	const char	*plural_forms;	/* the catalogue's Plural-Forms header */
	int		 nplurals;
	const char	*date;		/* numeric date, strftime: "%d.%m.%Y" */
	char		 decimal;	/* decimal separator: ',' */
	const char	*thousands;	/* thousands separator (UTF-8): "." */
	const char	*fallback;	/* codes tried in order when a text is
					 * missing, space-separated: "de en" */
};

/* The number of languages and the i-th one (NULL past the end); the order
 * is the order of lists shown to people. */
size_t			 lang_count(void);
const struct lang	*lang_at(size_t i);

/*
 * The language a code ("tr"), a locale name ("tr_TR.UTF-8",
 * "de_DE.UTF-8@ls", "de@ls") or a language tag ("tr-TR") names; case
 * does not matter. NULL when none of ours fits. s is only read.
 */
const struct lang	*lang_find(const char *s);

/* Which plural form (0 .. nplurals-1) the count n takes in l: the C version
 * of l->plural_forms. */
int			 lang_plural(const struct lang *l, unsigned long n);

/* Writes the codes, separated by sep, into buf (size n, always
 * terminated); returns the length it needed like snprintf. */
size_t			 lang_codes(char *buf, size_t n, const char *sep);

#endif
