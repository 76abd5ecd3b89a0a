/* fuzz_srv_validate.c — libFuzzer target: the API's input rules
 * (validate.c) on any bytes; what they accept is valid UTF-8 without
 * controls or bidi overrides, within its limits. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "server/api/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t len, n, i;
	int multi;

	if (size == 0)
		return 0;
	/* The first byte picks the limits and the multi-line rule. */
	multi = data[0] & 1;
	if ((s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	len = strlen(s);
	n = validate_chars(s);
	if (n > len)
		abort();
	if (validate_text(s, data[0] >> 4, (size_t)(data[0] & 0x0e) * 8,
	    multi ? VALIDATE_MULTILINE : 0) == REASON_NONE) {
		if (text_check(s, len, multi ? TEXT_MULTILINE : 0) != TEXT_OK)
			abort();
		if (n > (size_t)(data[0] & 0x0e) * 8 || n < (size_t)(data[0] >> 4))
			abort();
	}
	if (validate_username(s) == REASON_NONE) {
		if (len < 3 || len > 32)
			abort();
		for (i = 0; i < len; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789._-", s[i]))
				abort();
	}
	if (validate_email(s) == REASON_NONE) {
		if (len > 254 || strchr(s, '@') == NULL ||
		    strchr(s, '@') != strrchr(s, '@'))
			abort();
		for (i = 0; i < len; i++)
			if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
				abort();
	}
	if (validate_password(s) == REASON_NONE && (len < 8 || len > 256))
		abort();
	if (validate_lang(s)) {
		if (len < 2 || len > 3)
			abort();
		for (i = 0; i < len; i++)
			if (s[i] < 'a' || s[i] > 'z')
				abort();
	}
	free(s);
	return 0;
}
