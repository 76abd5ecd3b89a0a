/* execcmd.h — splitting and whitelisting of ssh exec command lines. */
#ifndef MW_SSHD_EXECCMD_H
#define MW_SSHD_EXECCMD_H

/* Codes returned by execcmd_parse(). */
#define EXECCMD_OK		 0
#define EXECCMD_EMPTY		-1	/* nothing but blanks */
#define EXECCMD_SYNTAX		-2	/* unterminated quote, odd character */
#define EXECCMD_TOO_LONG	-3	/* line, word or word count too large */
#define EXECCMD_UNKNOWN		-4	/* command not in the whitelist */
#define EXECCMD_OPTION		-5	/* option not allowed for the command */
#define EXECCMD_ARGS		-6	/* wrong number of arguments */

#define EXECCMD_MAX_LINE	512
#define EXECCMD_MAX_WORDS	16
#define EXECCMD_MAX_WORD	128

/*
 * Splits line into words without any shell: blanks separate words, '...'
 * and "..." group (no escapes, no expansion). Every character must be
 * printable ASCII other than the shell's special characters, or valid
 * UTF-8 without control or bidi characters. The first word must be a
 * whitelisted command and the rest its allowed options and arguments.
 * On success stores a new NULL-terminated word array in *out (free with
 * execcmd_free()) and returns EXECCMD_OK; otherwise *out stays NULL and a
 * negative EXECCMD_* code is returned.
 */
int	execcmd_parse(const char *line, char ***out);

/* Returns a short English explanation of an execcmd_parse() code: a msgid
 * that the caller translates (msglang_get()). Static. */
const char *execcmd_str(int code);

/* Returns the whitelisted commands as one line, e.g. for help texts. */
const char *execcmd_list(void);

/* Frees a word array from execcmd_parse(); NULL is fine. */
void	execcmd_free(char **words);

#endif
