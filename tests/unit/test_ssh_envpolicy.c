/* test_ssh_envpolicy.c — the environment a session may give the client: locale variables, a plain TERM, nothing inherited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "server/ssh/envpolicy.h"

static void
test_envpolicy_term(void **state)
{
	char long_term[80];

	(void)state;
	assert_true(envpolicy_term_ok("xterm-256color"));
	assert_true(envpolicy_term_ok("screen.xterm+x_y"));
	assert_false(envpolicy_term_ok(NULL));
	assert_false(envpolicy_term_ok(""));
	assert_false(envpolicy_term_ok("xterm;rm"));
	assert_false(envpolicy_term_ok("../../etc/x"));
	assert_false(envpolicy_term_ok("xterm\n"));
	assert_false(envpolicy_term_ok("xt erm"));
	assert_false(envpolicy_term_ok("\xc3\xa4"));
	memset(long_term, 'x', sizeof(long_term));
	long_term[ENVPOLICY_TERM_MAX] = '\0';
	assert_true(envpolicy_term_ok(long_term));
	long_term[ENVPOLICY_TERM_MAX] = 'x';
	long_term[ENVPOLICY_TERM_MAX + 1] = '\0';
	assert_false(envpolicy_term_ok(long_term));
}

static void
test_envpolicy_var(void **state)
{
	(void)state;
	assert_true(envpolicy_var_ok("LANG", "de_DE.UTF-8"));
	assert_true(envpolicy_var_ok("LC_ALL", "C.UTF-8"));
	assert_true(envpolicy_var_ok("LC_MESSAGES", "sr_RS@latin"));
	assert_false(envpolicy_var_ok("LC_", "C"));
	assert_false(envpolicy_var_ok("LC_all", "C"));
	assert_true(envpolicy_var_ok("LC_VERYVERYLONGNAMEX", "C"));
	assert_false(envpolicy_var_ok("LC_VERYVERYLONGNAMEXY", "C"));
	assert_false(envpolicy_var_ok("LD_PRELOAD", "/tmp/x.so"));
	assert_false(envpolicy_var_ok("PATH", "/tmp"));
	assert_false(envpolicy_var_ok("HOME", "/"));
	assert_false(envpolicy_var_ok("MITWIRKUNG_API", "http://evil/"));
	assert_false(envpolicy_var_ok("TERM", "xterm"));
	assert_false(envpolicy_var_ok("LANG", ""));
	assert_false(envpolicy_var_ok("LANG", "de DE"));
	assert_false(envpolicy_var_ok("LANG", "de/../x"));
	assert_false(envpolicy_var_ok("LANG", "$(id)"));
	assert_false(envpolicy_var_ok("LANG", NULL));
	assert_false(envpolicy_var_ok(NULL, "C"));
}

static void
test_envpolicy_set(void **state)
{
	struct envpolicy e;
	char name[16];
	int i;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(envpolicy_set(&e, "LANG", "C.UTF-8"), 0);
	assert_string_equal(e.lang, "en");
	assert_int_equal(envpolicy_set(&e, "LANG", "de_DE.UTF-8"), 0);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.var[0], "LANG=de_DE.UTF-8");
	assert_string_equal(e.lang, "de");
	assert_int_equal(envpolicy_set(&e, "LD_PRELOAD", "x"), -1);
	/* LC_TIME=de does not switch the gateway's own notices. */
	envpolicy_free(&e);
	assert_int_equal(envpolicy_set(&e, "LC_TIME", "de_DE.UTF-8"), 0);
	assert_string_equal(e.lang, "en");
	assert_int_equal(envpolicy_set(&e, "LC_MESSAGES", "de_AT.UTF-8"), 0);
	assert_string_equal(e.lang, "de");
	/* LC_ALL wins over LC_MESSAGES, a later value over an earlier one. */
	assert_int_equal(envpolicy_set(&e, "LC_ALL", "en_GB.UTF-8"), 0);
	assert_string_equal(e.lang, "en");
	assert_int_equal(envpolicy_set(&e, "LC_ALL", "de_CH.UTF-8"), 0);
	assert_string_equal(e.lang, "de");
	/* Every language of the registry, Leichte Sprache by its modifier. */
	assert_int_equal(envpolicy_set(&e, "LC_ALL", "tr_TR.UTF-8"), 0);
	assert_string_equal(e.lang, "tr");
	assert_int_equal(envpolicy_set(&e, "LC_ALL", "uk_UA.UTF-8"), 0);
	assert_string_equal(e.lang, "uk");
	assert_int_equal(envpolicy_set(&e, "LC_ALL", "de_DE.UTF-8@ls"), 0);
	assert_string_equal(e.lang, "ls");
	assert_int_equal(envpolicy_set(&e, "LC_ALL", "fr_FR.UTF-8"), 0);
	assert_string_equal(e.lang, "en");
	envpolicy_free(&e);
	/* At most ENVPOLICY_MAX names; replacing one still works when full. */
	for (i = 0; i < ENVPOLICY_MAX; i++) {
		snprintf(name, sizeof(name), "LC_%c", 'A' + i);
		assert_int_equal(envpolicy_set(&e, name, "C"), 0);
	}
	assert_int_equal(envpolicy_set(&e, "LANG", "C"), -1);
	assert_int_equal(envpolicy_set(&e, "LC_A", "POSIX"), 0);
	assert_string_equal(e.var[0], "LC_A=POSIX");
	assert_null(e.var[ENVPOLICY_MAX]);
	envpolicy_free(&e);
	assert_int_equal(e.n, 0);
}

static void
test_envpolicy_build(void **state)
{
	struct envpolicy e;
	char *env[ENVPOLICY_MAX + 4], buf[512], small[20];

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(envpolicy_set(&e, "LANG", "de_DE.UTF-8"), 0);
	assert_int_equal(envpolicy_build(&e, "http://127.0.0.1:8080/api/v1", "/tmp/h", "xterm",
	    env, sizeof(env) / sizeof(env[0]), buf, sizeof(buf)), 0);
	assert_string_equal(env[0], "MITWIRKUNG_API=http://127.0.0.1:8080/api/v1");
	assert_string_equal(env[1], "HOME=/tmp/h");
	assert_string_equal(env[2], "TERM=xterm");
	assert_string_equal(env[3], "LANG=de_DE.UTF-8");
	assert_null(env[4]);
	/* No terminal: no TERM. */
	assert_int_equal(envpolicy_build(&e, "http://x/", "/h", NULL, env,
	    sizeof(env) / sizeof(env[0]), buf, sizeof(buf)), 0);
	assert_string_equal(env[2], "LANG=de_DE.UTF-8");
	assert_null(env[3]);
	/* What does not fit is refused, never cut. */
	assert_int_equal(envpolicy_build(&e, "http://127.0.0.1:8080/api/v1", "/h", NULL, env,
	    sizeof(env) / sizeof(env[0]), small, sizeof(small)), -1);
	assert_int_equal(envpolicy_build(&e, "http://x/", "/h", NULL, env, 4, buf, sizeof(buf)), -1);
	envpolicy_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_envpolicy_term),
		cmocka_unit_test(test_envpolicy_var),
		cmocka_unit_test(test_envpolicy_set),
		cmocka_unit_test(test_envpolicy_build),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
