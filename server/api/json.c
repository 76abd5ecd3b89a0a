/* json.c — typed access to request bodies on top of cJSON. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "server/api/json.h"

static const cJSON *
jin_c(const struct jin *o)
{
	return (const cJSON *)o;
}

/*
 * cJSON would end a string silently at an escaped NUL (\u0000). Such
 * escapes become \u0001 in a copy, a control character that the input
 * rules refuse for the field that holds it.
 */
struct jin *
jin_parse(const char *buf, size_t len)
{
	cJSON *doc;
	const char *end = NULL, *src = buf;
	char *copy = NULL;
	size_t i;

	if (buf == NULL || len == 0)
		return NULL;
	for (i = 0; i + 5 < len; i++) {
		if (src[i] != '\\')
			continue;
		if (src[i + 1] == 'u' && src[i + 2] == '0' && src[i + 3] == '0' &&
		    src[i + 4] == '0' && src[i + 5] == '0') {
			if (copy == NULL) {
				if ((copy = malloc(len)) == NULL)
					return NULL;
				memcpy(copy, buf, len);
				src = copy;
			}
			copy[i + 5] = '1';
		}
		i++;	/* skip the escaped character */
	}
	buf = src;
	doc = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	if (doc == NULL) {
		free(copy);
		return NULL;
	}
	/* Only white space may follow the value. */
	while (end != NULL && (size_t)(end - buf) < len &&
	    (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
		end++;
	if (!cJSON_IsObject(doc) || end == NULL || (size_t)(end - buf) != len) {
		cJSON_Delete(doc);
		free(copy);
		return NULL;
	}
	free(copy);
	return (struct jin *)doc;
}

void
jin_free(struct jin *doc)
{
	cJSON_Delete((cJSON *)doc);
}

static const cJSON *
jin_get(const struct jin *o, const char *key)
{
	const cJSON *v;

	if (o == NULL || !cJSON_IsObject(jin_c(o)))
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(jin_c(o), key);
	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	return v;
}

int
jin_is_null(const struct jin *o, const char *key)
{
	const cJSON *v;

	if (o == NULL || !cJSON_IsObject(jin_c(o)))
		return 0;
	v = cJSON_GetObjectItemCaseSensitive(jin_c(o), key);
	return v != NULL && cJSON_IsNull(v);
}

int
jin_has(const struct jin *o, const char *key)
{
	return jin_get(o, key) != NULL;
}

int
jin_str(const struct jin *o, const char *key, const char **out)
{
	const cJSON *v = jin_get(o, key);

	*out = NULL;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return JIN_TYPE;
	*out = v->valuestring;
	return JIN_OK;
}

static int
jin_number_int(const cJSON *v, long long *out)
{
	double d;

	if (!cJSON_IsNumber(v))
		return JIN_TYPE;
	d = v->valuedouble;
	/* In range first, so that the cast is defined; no libm needed. */
	if (!isfinite(d) || d > 9007199254740992.0 || d < -9007199254740992.0 ||
	    (double)(long long)d != d)
		return JIN_TYPE;
	*out = (long long)d;
	return JIN_OK;
}

int
jin_int(const struct jin *o, const char *key, long long *out)
{
	const cJSON *v = jin_get(o, key);

	*out = 0;
	if (v == NULL)
		return JIN_MISSING;
	return jin_number_int(v, out);
}

int
jin_num(const struct jin *o, const char *key, double *out)
{
	const cJSON *v = jin_get(o, key);

	*out = 0;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return JIN_TYPE;
	*out = v->valuedouble;
	return JIN_OK;
}

int
jin_bool(const struct jin *o, const char *key, int *out)
{
	const cJSON *v = jin_get(o, key);

	*out = 0;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsBool(v))
		return JIN_TYPE;
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return JIN_OK;
}

int
jin_obj(const struct jin *o, const char *key, const struct jin **out)
{
	const cJSON *v = jin_get(o, key);

	*out = NULL;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsObject(v))
		return JIN_TYPE;
	*out = (const struct jin *)v;
	return JIN_OK;
}

int
jin_int_array(const struct jin *o, const char *key, long long **out, size_t *n)
{
	const cJSON *v = jin_get(o, key), *e;
	long long *vals;
	size_t i = 0;
	int cnt;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsArray(v))
		return JIN_TYPE;
	cnt = cJSON_GetArraySize(v);
	if (cnt == 0)
		return JIN_OK;
	if ((vals = calloc((size_t)cnt, sizeof(*vals))) == NULL)
		return JIN_TYPE;
	cJSON_ArrayForEach(e, v) {
		if (jin_number_int(e, &vals[i]) != JIN_OK) {
			free(vals);
			return JIN_TYPE;
		}
		i++;
	}
	*out = vals;
	*n = i;
	return JIN_OK;
}

int
jin_array(const struct jin *o, const char *key, size_t *n)
{
	const cJSON *v = jin_get(o, key), *e;

	*n = 0;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsArray(v))
		return JIN_TYPE;
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsObject(e))
			return JIN_TYPE;
		(*n)++;
	}
	return JIN_OK;
}

const struct jin *
jin_at(const struct jin *o, const char *key, size_t i)
{
	const cJSON *v = jin_get(o, key), *e;

	if (v == NULL || !cJSON_IsArray(v))
		return NULL;
	e = cJSON_GetArrayItem(v, (int)i);
	return cJSON_IsObject(e) ? (const struct jin *)e : NULL;
}

int
jin_int_map(const struct jin *o, const char *key, const char ***keys,
    long long **vals, size_t *n)
{
	const cJSON *v = jin_get(o, key), *e;
	const char **k = NULL;
	long long *x = NULL;
	size_t i = 0;
	int cnt;

	*keys = NULL;
	*vals = NULL;
	*n = 0;
	if (v == NULL)
		return JIN_MISSING;
	if (!cJSON_IsObject(v))
		return JIN_TYPE;
	cnt = cJSON_GetArraySize(v);
	if (cnt == 0)
		return JIN_OK;
	k = calloc((size_t)cnt, sizeof(*k));
	x = calloc((size_t)cnt, sizeof(*x));
	if (k == NULL || x == NULL)
		goto fail;
	cJSON_ArrayForEach(e, v) {
		if (e->string == NULL || jin_number_int(e, &x[i]) != JIN_OK)
			goto fail;
		k[i++] = e->string;
	}
	*keys = k;
	*vals = x;
	*n = i;
	return JIN_OK;
fail:
	free(k);
	free(x);
	return JIN_TYPE;
}

int
jin_tr(const struct jin *o, const char *key, const char ***langs,
    const char ***texts, size_t *n)
{
	const cJSON *v = jin_get(o, key), *e;
	const char **l = NULL, **t = NULL;
	size_t i = 0;
	int cnt;

	*langs = NULL;
	*texts = NULL;
	*n = 0;
	if (v == NULL)
		return JIN_MISSING;
	if (cJSON_IsString(v)) {
		l = calloc(1, sizeof(*l));
		t = calloc(1, sizeof(*t));
		if (l == NULL || t == NULL)
			goto fail;
		l[0] = "de";
		t[0] = v->valuestring;
		i = 1;
		goto done;
	}
	if (!cJSON_IsObject(v))
		return JIN_TYPE;
	cnt = cJSON_GetArraySize(v);
	if (cnt == 0)
		return JIN_TYPE;
	l = calloc((size_t)cnt, sizeof(*l));
	t = calloc((size_t)cnt, sizeof(*t));
	if (l == NULL || t == NULL)
		goto fail;
	cJSON_ArrayForEach(e, v) {
		if (e->string == NULL || !cJSON_IsString(e))
			goto fail;
		l[i] = e->string;
		t[i] = e->valuestring;
		i++;
	}
done:
	*langs = l;
	*texts = t;
	*n = i;
	return JIN_OK;
fail:
	free(l);
	free(t);
	return JIN_TYPE;
}
