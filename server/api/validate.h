/* validate.h — the input rules of api-v1.md for fields of request bodies. */
#ifndef MW_API_VALIDATE_H
#define MW_API_VALIDATE_H

#include <stddef.h>

#include "server/api/apierr.h"

/* Flags for validate_text(). */
#define VALIDATE_MULTILINE	0x01	/* newline allowed (bodies, descriptions) */

/*
 * Checks a text field: NULL gives REASON_REQUIRED; then strict UTF-8, no
 * control characters (newline only with VALIDATE_MULTILINE), no bidi
 * controls; then a length of minchars..maxchars characters (code points).
 * A text of only white space counts as empty when minchars > 0.
 * Returns REASON_NONE when the text is acceptable.
 */
enum apireason	validate_text(const char *s, size_t minchars, size_t maxchars,
		    int flags);

/* Username: 3..32 of a-z 0-9 . _ - . */
enum apireason	validate_username(const char *s);

/* Email: one '@', printable ASCII without spaces, a dotted domain, at most
 * 254 bytes. */
enum apireason	validate_email(const char *s);

/* Password: 8..256 bytes of valid UTF-8 without control characters. */
enum apireason	validate_password(const char *s);

/* Language tag as accepted in ?lang=: 2..3 lower-case letters. Returns 1/0. */
int		validate_lang(const char *s);

/* Number of UTF-8 characters in s (s must be valid UTF-8). */
size_t		validate_chars(const char *s);

#endif
