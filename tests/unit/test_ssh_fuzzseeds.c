/* test_ssh_fuzzseeds.c — replays the seed corpora of the gateway's libFuzzer targets (exec lines, env and pty requests) in make check. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Both targets in one program, each entry point under its own name. */
#define LLVMFuzzerTestOneInput	fuzzseeds_execcmd
#include "tests/fuzz/fuzz_execcmd.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzzseeds_envpolicy
#include "tests/fuzz/fuzz_envpolicy.c"
#undef LLVMFuzzerTestOneInput

/* Runs every file of dir (relative to the top of the tree, where the
 * tests run) through fn; the targets abort() on a broken promise.
 * Returns the number of files. */
static int
fuzzseeds_replay(const char *dir, int (*fn)(const uint8_t *, size_t))
{
	char path[512], buf[65536];
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		FILE *f;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_non_null(f = fopen(path, "rb"));
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		assert_int_equal(fn((const uint8_t *)buf, len), 0);
		n++;
	}
	closedir(d);
	return n;
}

static void
test_fuzzseeds_execcmd(void **state)
{
	(void)state;
	assert_true(fuzzseeds_replay("tests/fuzz/seeds_execcmd", fuzzseeds_execcmd) >= 10);
}

static void
test_fuzzseeds_envpolicy(void **state)
{
	(void)state;
	assert_true(fuzzseeds_replay("tests/fuzz/seeds_envpolicy", fuzzseeds_envpolicy) >= 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzzseeds_execcmd),
		cmocka_unit_test(test_fuzzseeds_envpolicy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
