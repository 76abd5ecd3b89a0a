/* fuzz_execcmd.c — libFuzzer target: any exec request line is refused or split into a whitelisted, shell-free argv. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/ssh/execcmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_commands[] = {
	"projects", "project", "ideas", "idea", "comments", "poll", "results", "help", NULL
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line, **w = (char **)1;
	size_t i, j, k, total = 0;
	int rc;

	if ((line = malloc(size + 1)) == NULL)
		abort();
	memcpy(line, data, size);
	line[size] = '\0';	/* what libssh hands over ends at a NUL */
	rc = execcmd_parse(line, &w);
	if (execcmd_str(rc) == NULL)
		abort();
	if (rc != EXECCMD_OK) {
		if (w != NULL || rc > 0 || rc < EXECCMD_ARGS)
			abort();
		free(line);
		return 0;
	}
	if (w == NULL || w[0] == NULL || strlen(line) > EXECCMD_MAX_LINE)
		abort();
	/* The command is one of the whitelist, named in full. */
	for (k = 0; fuzz_commands[k] != NULL; k++)
		if (strcmp(w[0], fuzz_commands[k]) == 0)
			break;
	if (fuzz_commands[k] == NULL)
		abort();
	for (i = 0; w[i] != NULL; i++) {
		size_t n = strlen(w[i]);

		if (i >= EXECCMD_MAX_WORDS || n > EXECCMD_MAX_WORD)
			abort();
		for (j = 0; j < n; j++) {
			unsigned char c = (unsigned char)w[i][j];

			/* No control byte or shell character survives (a
			 * blank only inside a quoted word). */
			if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr("$`;|&<>\\", c) != NULL))
				abort();
		}
		total += n;
	}
	if (total > strlen(line))
		abort();
	execcmd_free(w);
	free(line);
	return 0;
}
