/* fuzz_sshkey.c — libFuzzer target: any text as a public key line gives a well-formed result or a refusal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/api/sshkey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parser reads a string from a request body: a NUL ends it there. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sshkey_info k;
	char *line = malloc(size + 1);
	size_t i;

	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (sshkey_parse(line, &k) == 0) {
		/* What is stored and shown: a fingerprint of the one form, a
		 * type of letters, a comment of printable ASCII. */
		if (!sshkey_fingerprint_ok(k.fingerprint) || k.type[0] == '\0')
			abort();
		for (i = 0; k.comment[i] != '\0'; i++)
			if ((unsigned char)k.comment[i] < 0x20 || (unsigned char)k.comment[i] > 0x7e)
				abort();
	}
	free(line);
	return 0;
}
