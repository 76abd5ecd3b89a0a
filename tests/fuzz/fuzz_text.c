/* fuzz_text.c — libFuzzer target: the sanitiser's output is always terminal-safe. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fuzz_is_forbidden(unsigned int cp, int flags)
{
	if (cp == '\n')
		return !(flags & TEXT_MULTILINE);
	if (cp == '\t')
		return !(flags & TEXT_KEEP_TAB);
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 1;
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c ||
	    text_cp_ignorable(cp);
}

/* LRM, RLM and ALM, and the other invisible (default-ignorable) characters
 * such as U+200B pass text_check() (API rule) but the sanitiser drops them. */
static int
fuzz_has_marks(const char *in, size_t len)
{
	size_t i = 0;
	unsigned int cp;
	int k;

	while (i < len) {
		k = text_utf8_decode(in + i, len - i, &cp);
		if (k < 0)
			return 0;
		if (text_cp_ignorable(cp))
			return 1;
		i += (size_t)k;
	}
	return 0;
}

static void
fuzz_one(const char *in, size_t len, int flags)
{
	char *out = text_sanitize(in, len, flags);
	size_t n, i = 0;
	unsigned int cp;
	int k;
	struct text_lines l;

	if (out == NULL)
		abort();
	n = strlen(out);
	if (n > len * 3)
		abort();
	while (i < n) {
		k = text_utf8_decode(out + i, n - i, &cp);
		if (k < 0 || fuzz_is_forbidden(cp, flags))
			abort();
		i += (size_t)k;
	}
	/* What the API accepts must pass unchanged, apart from TAB. */
	if (text_check(in, len, flags) == TEXT_OK && memchr(in, '\t', len) == NULL &&
	    !fuzz_has_marks(in, len) && (n != len || memcmp(in, out, len) != 0))
		abort();
	if (text_fit(out, 7) > n || text_width(out) < text_width(out + text_fit(out, 7)))
		abort();
	if (text_wrap(out, 1 + len % 13, &l) == 0)
		text_lines_free(&l);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one((const char *)data, size, 0);
	fuzz_one((const char *)data, size, TEXT_MULTILINE);
	fuzz_one((const char *)data, size, TEXT_MULTILINE | TEXT_KEEP_TAB);
	return 0;
}
