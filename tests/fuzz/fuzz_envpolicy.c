/* fuzz_envpolicy.c — libFuzzer target: whatever env and pty requests a session sends, the client's environment holds only our variables and plain locale names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/msglang.h"
#include "server/ssh/envpolicy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_plain(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x21 || (unsigned char)*s >= 0x7f || strchr("$`;|&<>\\/'\"", *s) != NULL)
			abort();
}

/*
 * The input is lines: "T value" asks for a terminal type, "NAME=value"
 * for an environment variable (as env requests would).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct envpolicy e;
	char *text, *line, *next, *term = NULL, *env[ENVPOLICY_MAX + 4], buf[2048];
	size_t i, k;

	memset(&e, 0, sizeof(e));
	if ((text = malloc(size + 1)) == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; line != NULL; line = next) {
		char *eq;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == 'T' && line[1] == ' ') {
			if (envpolicy_term_ok(line + 2)) {
				if (strlen(line + 2) > ENVPOLICY_TERM_MAX)
					abort();
				fuzz_plain(line + 2);
				term = line + 2;
			}
			continue;
		}
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		if (envpolicy_set(&e, line, eq + 1) == 0 && !envpolicy_var_ok(line, eq + 1))
			abort();
	}
	if (e.n > ENVPOLICY_MAX || e.var[e.n] != NULL)
		abort();
	if (envpolicy_build(&e, "http://127.0.0.1:8080/api/v1", "/tmp/mitwirkung-home.x", term,
	    env, sizeof(env) / sizeof(env[0]), buf, sizeof(buf)) != 0)
		abort();
	for (i = 0; env[i] != NULL; i++) {
		const char *v = strchr(env[i], '=');

		if (v == NULL)
			abort();
		if (i < 2 || (term != NULL && i == 2))
			continue;
		/* Only locale variables, each name once, plain values. */
		if (strncmp(env[i], "LANG=", 5) != 0 && strncmp(env[i], "LC_", 3) != 0)
			abort();
		fuzz_plain(env[i]);
		for (k = 0; k < i; k++)
			if (strncmp(env[k], env[i], (size_t)(v - env[i]) + 1) == 0)
				abort();
	}
	/* The language of the variable gettext would use, else English. */
	{
		const char *v = NULL;
		const char *order[] = { "LC_ALL=", "LC_MESSAGES=", "LANG=" };

		for (k = 0; k < 3 && v == NULL; k++)
			for (i = 0; i < e.n; i++)
				if (strncmp(e.var[i], order[k], strlen(order[k])) == 0)
					v = e.var[i] + strlen(order[k]);
		const char *want = v != NULL && msglang_code(v) != NULL ?
		    msglang_code(v) : "en";

		if (e.n > 0 && (e.lang == NULL || strcmp(e.lang, want) != 0))
			abort();
	}
	envpolicy_free(&e);
	free(text);
	return 0;
}
