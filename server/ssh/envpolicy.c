/* envpolicy.c — the environment and terminal type a session may give the client: locale variables and a plain TERM only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msglang.h"
#include "server/ssh/envpolicy.h"

static int
envpolicy_charset(const char *s, size_t max, const char *extra)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (ch != '\0' && strchr(extra, ch) != NULL)))
			return 0;
	}
	return 1;
}

int
envpolicy_term_ok(const char *term)
{
	return term != NULL && envpolicy_charset(term, ENVPOLICY_TERM_MAX, "-._+");
}

int
envpolicy_var_ok(const char *name, const char *value)
{
	size_t i;

	if (name == NULL || value == NULL)
		return 0;
	if (strcmp(name, "LANG") != 0) {
		if (strncmp(name, "LC_", 3) != 0 || name[3] == '\0' || strlen(name) > 20)
			return 0;
		for (i = 3; name[i] != '\0'; i++)
			if ((name[i] < 'A' || name[i] > 'Z') && name[i] != '_')
				return 0;
	}
	return envpolicy_charset(value, 64, "-._@");
}

/* The value of NAME in e, or NULL. */
static const char *
envpolicy_get(const struct envpolicy *e, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < e->n; i++)
		if (strncmp(e->var[i], name, n) == 0 && e->var[i][n] == '=')
			return e->var[i] + n + 1;
	return NULL;
}

/* The language of the messages, as the client's gettext would pick it:
 * LC_ALL first, then LC_MESSAGES, then LANG; English when that names none
 * of the registry's languages (or "C"). */
static const char *
envpolicy_lang(const struct envpolicy *e)
{
	const char *v = envpolicy_get(e, "LC_ALL"), *code;

	if (v == NULL)
		v = envpolicy_get(e, "LC_MESSAGES");
	if (v == NULL)
		v = envpolicy_get(e, "LANG");
	code = v != NULL ? msglang_code(v) : NULL;
	return code != NULL ? code : "en";
}

int
envpolicy_set(struct envpolicy *e, const char *name, const char *value)
{
	size_t i, nlen, vlen;
	char *kv;

	if (!envpolicy_var_ok(name, value))
		return -1;
	nlen = strlen(name);
	vlen = strlen(value);
	for (i = 0; i < e->n; i++)
		if (strncmp(e->var[i], name, nlen) == 0 && e->var[i][nlen] == '=')
			break;
	if (i == e->n && e->n >= ENVPOLICY_MAX)
		return -1;
	if ((kv = malloc(nlen + vlen + 2)) == NULL)
		return -1;
	memcpy(kv, name, nlen);
	kv[nlen] = '=';
	memcpy(kv + nlen + 1, value, vlen + 1);
	/* A repeated name replaces the earlier value. */
	if (i < e->n) {
		free(e->var[i]);
		e->var[i] = kv;
	} else {
		e->var[e->n++] = kv;
		e->var[e->n] = NULL;
	}
	e->lang = envpolicy_lang(e);
	return 0;
}

/* Appends "name=value" to buf at *used; NULL when it does not fit. */
static char *
envpolicy_put(char *buf, size_t bufsz, size_t *used, const char *name, const char *value)
{
	char *at = buf + *used;
	int w = snprintf(at, bufsz - *used, "%s=%s", name, value);

	if (w < 0 || (size_t)w >= bufsz - *used)
		return NULL;
	*used += (size_t)w + 1;
	return at;
}

int
envpolicy_build(const struct envpolicy *e, const char *api, const char *home,
    const char *term, char **env, size_t envsz, char *buf, size_t bufsz)
{
	size_t n = 0, used = 0, i;

	if (envsz < 4 + (e != NULL ? e->n : 0) || bufsz == 0)
		return -1;
	if ((env[n++] = envpolicy_put(buf, bufsz, &used, "MITWIRKUNG_API", api)) == NULL ||
	    (env[n++] = envpolicy_put(buf, bufsz, &used, "HOME", home)) == NULL)
		return -1;
	if (term != NULL && (env[n++] = envpolicy_put(buf, bufsz, &used, "TERM", term)) == NULL)
		return -1;
	for (i = 0; e != NULL && i < e->n; i++)
		env[n++] = e->var[i];
	env[n] = NULL;
	return 0;
}

void
envpolicy_free(struct envpolicy *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->var[i]);
	memset(e, 0, sizeof(*e));
}
