/* ascii.h — case rules of protocols and commands, the same in every locale. */
#ifndef MW_COMMON_ASCII_H
#define MW_COMMON_ASCII_H

#include <stddef.h>

/* Returns c with A-Z turned into a-z; every other byte as it is. Unlike
 * tolower() it ignores the locale: under tr_TR "I" stays "i", so command
 * names, options, key names and header names match in every language. */
int	ascii_tolower(int c);

/* Compare like strcasecmp/strncasecmp, folding ASCII letters only.
 * Returns <0, 0 or >0. */
int	ascii_strcasecmp(const char *a, const char *b);
int	ascii_strncasecmp(const char *a, const char *b, size_t n);

#endif
