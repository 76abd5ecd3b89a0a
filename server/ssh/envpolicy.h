/* envpolicy.h — what of the client's environment and terminal type an ssh session may set. */
#ifndef MW_SSHD_ENVPOLICY_H
#define MW_SSHD_ENVPOLICY_H

#include <stddef.h>

#define ENVPOLICY_MAX		16	/* variables a session may set */
#define ENVPOLICY_TERM_MAX	63	/* bytes of a TERM value */

/* The variables a session asked for and was allowed ("NAME=value"). */
struct envpolicy {
	char	*var[ENVPOLICY_MAX + 1];	/* owned, NULL-terminated */
	size_t	 n;
	const char *lang;	/* registry code of the messages (static):
				 * LC_ALL, else LC_MESSAGES, else LANG;
				 * "en" when none names ours; NULL: unset */
};

/* 1 when term is a plausible terminal type: 1 to ENVPOLICY_TERM_MAX
 * bytes of letters, digits and "-._+". */
int	envpolicy_term_ok(const char *term);

/* 1 when NAME=value may reach the client: LANG or LC_ followed by capital
 * letters and '_' (at most 20 bytes), with a value of 1 to 64 bytes of
 * letters, digits and "-._@" (a locale name). */
int	envpolicy_var_ok(const char *name, const char *value);

/* Adds an allowed variable to e, replacing an earlier value of the same
 * name. Returns 0, or -1 when it is not allowed, e is full or memory ran
 * out (e is unchanged then). */
int	envpolicy_set(struct envpolicy *e, const char *name, const char *value);

/*
 * Builds the client's whole environment in env (envsz slots, the last one
 * for NULL), with its strings in buf: MITWIRKUNG_API=api, HOME=home,
 * TERM=term when term is not NULL, then e's variables. Nothing else is
 * inherited. Returns 0, or -1 when it does not fit.
 */
int	envpolicy_build(const struct envpolicy *e, const char *api, const char *home,
	    const char *term, char **env, size_t envsz, char *buf, size_t bufsz);

/* Frees e's variables; e can be used again. */
void	envpolicy_free(struct envpolicy *e);

#endif
