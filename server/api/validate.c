/* validate.c — checks request fields against the contract's input rules. */
#include <string.h>

#include "common/text.h"
#include "server/api/validate.h"

size_t
validate_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
validate_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

static enum apireason
validate_chars_ok(const char *s, int multiline)
{
	switch (text_check(s, strlen(s), multiline ? TEXT_MULTILINE : 0)) {
	case TEXT_OK:
		return REASON_NONE;
	case TEXT_BAD_UTF8:
		return REASON_BAD_UTF8;
	case TEXT_BIDI:
		return REASON_BIDI;
	default:
		return REASON_CONTROL;
	}
}

enum apireason
validate_text(const char *s, size_t minchars, size_t maxchars, int flags)
{
	enum apireason r;
	size_t n;

	if (s == NULL)
		return REASON_REQUIRED;
	if ((r = validate_chars_ok(s, flags & VALIDATE_MULTILINE)) != REASON_NONE)
		return r;
	if (minchars > 0 && (*s == '\0' || validate_blank(s)))
		return REASON_REQUIRED;
	n = validate_chars(s);
	if (n < minchars)
		return REASON_TOO_SHORT;
	if (n > maxchars)
		return REASON_TOO_LONG;
	return REASON_NONE;
}

enum apireason
validate_username(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return REASON_REQUIRED;
	for (n = 0; s[n] != '\0'; n++) {
		char c = s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
		{
			enum apireason r = validate_chars_ok(s, 0);

			return r != REASON_NONE ? r : REASON_FORMAT;
		}
	}
	if (n < 3)
		return REASON_TOO_SHORT;
	if (n > 32)
		return REASON_TOO_LONG;
	return REASON_NONE;
}

static int
validate_domain(const char *d)
{
	size_t label = 0;
	int dots = 0;

	if (*d == '\0' || *d == '.' || *d == '-')
		return 0;
	for (; *d != '\0'; d++) {
		char c = *d;

		if (c == '.') {
			if (label == 0 || d[-1] == '-')
				return 0;
			dots++;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (++label > 63)
			return 0;
	}
	return dots > 0 && label > 0 && d[-1] != '-';
}

enum apireason
validate_email(const char *s)
{
	const char *at;
	size_t n, i;
	enum apireason r;

	if (s == NULL || *s == '\0')
		return REASON_REQUIRED;
	if ((r = validate_chars_ok(s, 0)) != REASON_NONE)
		return r;
	n = strlen(s);
	if (n > 254)
		return REASON_TOO_LONG;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7F || c == '"' || c == '(' || c == ')' ||
		    c == ',' || c == ':' || c == ';' || c == '<' || c == '>' ||
		    c == '[' || c == ']' || c == '\\')
			return REASON_FORMAT;
	}
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    (size_t)(at - s) > 64 || s[0] == '.' || at[-1] == '.' ||
	    strstr(s, "..") != NULL || !validate_domain(at + 1))
		return REASON_FORMAT;
	return REASON_NONE;
}

enum apireason
validate_password(const char *s)
{
	enum apireason r;
	size_t n;

	if (s == NULL || *s == '\0')
		return REASON_REQUIRED;
	if ((r = validate_chars_ok(s, 0)) != REASON_NONE)
		return r;
	n = strlen(s);
	if (n < 8)
		return REASON_TOO_SHORT;
	if (n > 256)
		return REASON_TOO_LONG;
	return REASON_NONE;
}

int
validate_lang(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (s[n] < 'a' || s[n] > 'z')
			return 0;
	return n >= 2 && n <= 3;
}
