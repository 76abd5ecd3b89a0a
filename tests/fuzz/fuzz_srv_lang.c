/* fuzz_srv_lang.c — libFuzzer target: the answer language from ?lang= and
 * Accept-Language (http_pick_lang) on any header; the result is always a
 * short lower-case tag: de, en, or the valid ?lang= itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/api/http.h"
#include "server/api/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *q = NULL, *accept, out[STORE_LANG_MAX];
	const char *nul;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* "query\0header": a NUL splits the two; without one, no query. */
	accept = buf;
	if ((nul = memchr(data, '\0', size)) != NULL) {
		q = buf;
		accept = buf + (nul - (const char *)data) + 1;
	}
	memset(out, 'X', sizeof(out));
	http_pick_lang(q, accept, out);
	if (memchr(out, '\0', sizeof(out)) == NULL)
		abort();
	if (q != NULL && validate_lang(q)) {
		if (strcmp(out, q) != 0)
			abort();
	} else if (strcmp(out, "de") != 0 && strcmp(out, "en") != 0) {
		abort();
	}
	http_pick_lang(NULL, NULL, out);
	if (strcmp(out, "de") != 0)
		abort();
	free(buf);
	return 0;
}
