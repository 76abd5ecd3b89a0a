/* fuzz_srv_json.c — libFuzzer target: the API's request-body reader (json.c)
 * on any bytes; every getter on every common key, nested objects, arrays
 * and maps, with the invariants the routes rely on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/api/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_keys[] = {
	"title", "body", "login", "password", "choices", "counts", "answers",
	"options", "questions", "scale", "text", "value", "min", "max", "id",
	"question_id", "source", "reason", "action", "token", "email", "",
};

#define FUZZ_NKEYS	(sizeof(fuzz_keys) / sizeof(fuzz_keys[0]))

static void
fuzz_object(const struct jin *o, int depth)
{
	const struct jin *sub;
	const char *s, **keys, **langs, **texts;
	long long v, *vals, *ints;
	double d;
	size_t n, i, k;
	int b;

	for (k = 0; k < FUZZ_NKEYS; k++) {
		const char *key = fuzz_keys[k];

		/* A string is NUL-terminated and never holds a raw NUL. */
		if (jin_str(o, key, &s) == JIN_OK && s == NULL)
			abort();
		jin_int(o, key, &v);
		if (jin_num(o, key, &d) == JIN_OK && d != d)
			abort();	/* JSON has no NaN */
		jin_bool(o, key, &b);
		(void)jin_is_null(o, key);
		(void)jin_has(o, key);
		if (jin_int_array(o, key, &ints, &n) == JIN_OK) {
			if ((n == 0) != (ints == NULL))
				abort();
			free(ints);
		}
		if (jin_int_map(o, key, &keys, &vals, &n) == JIN_OK) {
			for (i = 0; i < n; i++)
				if (keys[i] == NULL)
					abort();
			free(keys);
			free(vals);
		}
		if (jin_tr(o, key, &langs, &texts, &n) == JIN_OK) {
			if (n == 0)
				abort();
			for (i = 0; i < n; i++)
				if (langs[i] == NULL || texts[i] == NULL)
					abort();
			free(langs);
			free(texts);
		}
		if (depth < 4 && jin_obj(o, key, &sub) == JIN_OK)
			fuzz_object(sub, depth + 1);
		if (depth < 4 && jin_array(o, key, &n) == JIN_OK) {
			for (i = 0; i < n && i < 64; i++)
				if ((sub = jin_at(o, key, i)) != NULL)
					fuzz_object(sub, depth + 1);
			if (jin_at(o, key, n) != NULL)
				abort();	/* past the end */
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jin *doc;

	doc = jin_parse((const char *)data, size);
	if (doc != NULL)
		fuzz_object(doc, 0);
	jin_free(doc);
	return 0;
}
