/* i18n.h — gettext wrappers for the client; every user-visible string uses them. */
#ifndef MW_CLIENT_I18N_H
#define MW_CLIENT_I18N_H

#include <libintl.h>

#define _(s)		gettext(s)
#define N_(s)		(s)
#define C_(ctx, s)	i18n_pgettext(ctx "\004" s, s)

/*
 * Sets up gettext for domain "mitwirkung": the process locale from the
 * environment (falling back to C.UTF-8 so UTF-8 output always works),
 * catalogues from the build folder when present, else the installed ones.
 * lang (a code such as "de", "tr", "ls", NULL for LANGUAGE/LC_ALL/LC_MESSAGES/LANG) selects the
 * language. Returns 0, or -1 when no UTF-8 locale could be set.
 */
int		 i18n_init(const char *lang);

/* Switches the language at run time to a code or locale name that
 * lang_find() knows ("de", "tr", "ls", "uk_UA.UTF-8"); returns 0 or -1. */
int		 i18n_set_lang(const char *lang);

/* The active language's registry code ("de", "tr", "ls"); borrowed. This
 * is also the language the API is asked for. */
const char	*i18n_lang(void);

struct lang;
/* The active language's registry row; never NULL. */
const struct lang *i18n_current(void);

/* pgettext: msgctxt "\004" msgid, falling back to msgid. format_arg
 * lets the compiler check C_() formats against the English msgid. */
const char	*i18n_pgettext(const char *ctx_id, const char *msgid)
		    __attribute__((format_arg(2)));

#endif
