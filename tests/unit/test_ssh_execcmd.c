/* test_ssh_execcmd.c — the exec whitelist: splitting without a shell, and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "server/ssh/execcmd.h"

static int
parse_code(const char *line)
{
	char **w = NULL;
	int rc = execcmd_parse(line, &w);

	if (rc != EXECCMD_OK)
		assert_null(w);
	execcmd_free(w);
	return rc;
}

static void
test_execcmd_parse_null(void **state)
{
	char **w = (char **)1;

	(void)state;
	assert_int_equal(execcmd_parse(NULL, &w), EXECCMD_EMPTY);
	assert_null(w);
	execcmd_free(NULL);
}

static void
test_execcmd_parse_empty(void **state)
{
	(void)state;
	assert_int_equal(parse_code(""), EXECCMD_EMPTY);
	assert_int_equal(parse_code("  \t "), EXECCMD_EMPTY);
}

static void
test_execcmd_parse_split(void **state)
{
	char **w = NULL;

	(void)state;
	assert_int_equal(execcmd_parse("  projects   --status open --category 'smart-city' ", &w), EXECCMD_OK);
	assert_non_null(w);
	assert_string_equal(w[0], "projects");
	assert_string_equal(w[1], "--status");
	assert_string_equal(w[2], "open");
	assert_string_equal(w[3], "--category");
	assert_string_equal(w[4], "smart-city");
	assert_null(w[5]);
	execcmd_free(w);
	assert_int_equal(execcmd_parse("ideas \"stadt raum\" --sort=new --json", &w), EXECCMD_OK);
	assert_string_equal(w[1], "stadt raum");
	assert_string_equal(w[2], "--sort=new");
	assert_string_equal(w[3], "--json");
	execcmd_free(w);
}

static void
test_execcmd_parse_whitelist(void **state)
{
	(void)state;
	assert_int_equal(parse_code("projects"), EXECCMD_OK);
	assert_int_equal(parse_code("project 1"), EXECCMD_OK);
	assert_int_equal(parse_code("idea 7 --json"), EXECCMD_OK);
	assert_int_equal(parse_code("comments 7"), EXECCMD_OK);
	assert_int_equal(parse_code("poll 3"), EXECCMD_OK);
	assert_int_equal(parse_code("results 3"), EXECCMD_OK);
	assert_int_equal(parse_code("help"), EXECCMD_OK);
	assert_int_equal(parse_code("help projects"), EXECCMD_OK);
	assert_int_equal(parse_code("projects --help"), EXECCMD_OK);
	assert_int_equal(parse_code("vote 1 2"), EXECCMD_UNKNOWN);
	assert_int_equal(parse_code("login"), EXECCMD_UNKNOWN);
	assert_int_equal(parse_code("sh"), EXECCMD_UNKNOWN);
	assert_int_equal(parse_code("/bin/sh"), EXECCMD_UNKNOWN);
	assert_int_equal(parse_code("Projects"), EXECCMD_UNKNOWN);
}

static void
test_execcmd_parse_options(void **state)
{
	(void)state;
	assert_int_equal(parse_code("projects --api http://x/"), EXECCMD_OPTION);
	assert_int_equal(parse_code("projects --api=http://x/"), EXECCMD_OPTION);
	assert_int_equal(parse_code("projects --status"), EXECCMD_OPTION);
	assert_int_equal(parse_code("projects --status --json"), EXECCMD_OPTION);
	assert_int_equal(parse_code("projects --status="), EXECCMD_OPTION);
	assert_int_equal(parse_code("project 1 --sort top"), EXECCMD_OPTION);
	assert_int_equal(parse_code("ideas 1 -x"), EXECCMD_OPTION);
	assert_int_equal(parse_code("project"), EXECCMD_ARGS);
	assert_int_equal(parse_code("project 1 2"), EXECCMD_ARGS);
	assert_int_equal(parse_code("projects 1"), EXECCMD_ARGS);
	assert_int_equal(parse_code("help a b"), EXECCMD_ARGS);
}

static void
test_execcmd_parse_shell_characters(void **state)
{
	static const char *bad[] = {
		"projects; id", "projects && id", "projects | cat", "projects > x",
		"projects < x", "projects $(id)", "projects `id`", "projects $HOME",
		"projects *", "project ?", "projects ~", "projects \\;", "projects 'a\"b'",
		"projects 'open", "projects \"open", "projects\x01", "projects\x7f",
		"projects \x1b[31m", "project \xc3", "project \xe2\x80\xae", "projects #",
		"projects (x)", "projects {a,b}", "projects !1", "project a\nb",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse_code(bad[i]) != EXECCMD_SYNTAX)
			fail_msg("accepted or wrong code: %s", bad[i]);
}

static void
test_execcmd_parse_too_long(void **state)
{
	char line[EXECCMD_MAX_LINE + 10];

	(void)state;
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	assert_int_equal(parse_code(line), EXECCMD_TOO_LONG);
	memset(line, 0, sizeof(line));
	memcpy(line, "project ", 8);
	memset(line + 8, '1', EXECCMD_MAX_WORD + 1);
	assert_int_equal(parse_code(line), EXECCMD_TOO_LONG);
	assert_int_equal(parse_code("help 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17"), EXECCMD_TOO_LONG);
}

static void
test_execcmd_str_all(void **state)
{
	int c;

	(void)state;
	for (c = 0; c >= -7; c--)
		assert_non_null(execcmd_str(c));
	assert_non_null(strstr(execcmd_list(), "projects"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_execcmd_parse_null),
		cmocka_unit_test(test_execcmd_parse_empty),
		cmocka_unit_test(test_execcmd_parse_split),
		cmocka_unit_test(test_execcmd_parse_whitelist),
		cmocka_unit_test(test_execcmd_parse_options),
		cmocka_unit_test(test_execcmd_parse_shell_characters),
		cmocka_unit_test(test_execcmd_parse_too_long),
		cmocka_unit_test(test_execcmd_str_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
