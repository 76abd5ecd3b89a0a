/* fuzz_keys.c — libFuzzer target: any keymap text loads without a crash and with sane errors. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "client/keys/keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keys_map *m = keys_map_new();
	struct keys_binding b[64];
	char *text, buf[128];
	size_t i, n;
	int ctx;

	if (m == NULL || (text = malloc(size + 1)) == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (keys_map_load_string(m, "fuzz", text) != (int)keys_map_nerrors(m))
		abort();
	for (i = 0; i < keys_map_nerrors(m); i++) {
		if (strncmp(keys_map_error(m, i), "fuzz:", 5) != 0)
			abort();
	}
	for (ctx = 0; ctx < KEYS_CTX__COUNT; ctx++) {
		n = keys_map_list(m, (enum keys_context)ctx, b, 64);
		for (i = 0; i < n && i < 64; i++) {
			/* Every listed binding is what lookup finds, and its
			 * name parses back to the same key. */
			if (keys_map_lookup(m, (enum keys_context)ctx, b[i].key) != b[i].action)
				abort();
			if (keys_name(b[i].key, buf, sizeof(buf)) != 0 ||
			    keys_parse(buf) != b[i].key)
				abort();
		}
		keys_map_keys_for(m, (enum keys_context)ctx, ACTION_OPEN, buf, sizeof(buf), 0);
	}
	free(text);
	keys_map_free(m);
	return 0;
}
