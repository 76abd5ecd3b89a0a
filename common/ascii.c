/* ascii.c — locale-free case folding for protocol and command text. */
#include "common/ascii.h"

int
ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
ascii_strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;
	int d;

	for (; n > 0; n--, x++, y++) {
		d = ascii_tolower(*x) - ascii_tolower(*y);
		if (d != 0 || *x == '\0')
			return d;
	}
	return 0;
}

int
ascii_strcasecmp(const char *a, const char *b)
{
	return ascii_strncasecmp(a, b, (size_t)-1);
}
