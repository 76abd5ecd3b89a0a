/* test_client_opts.c — the client's command line: defaults, values, errors, commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "client/opts.h"

#define ARGC(a)	((int)(sizeof(a) / sizeof((a)[0])))

static int
parse(int argc, char **argv, struct client_opts *o, int *cmd, char *err)
{
	return opts_parse(o, argc, argv, cmd, err, 256);
}

static void
test_opts_parse_defaults(void **state)
{
	char *argv[] = { "mitwirkung" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	unsetenv("NO_COLOR");
	assert_int_equal(parse(ARGC(argv), argv, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(cmd, 1);
	assert_null(o.api_url);
	assert_null(o.lang);
	assert_null(o.keymap);
	assert_int_equal(o.ui, CLIENT_UI_AUTO);
	assert_int_equal(o.kiosk, 0);
	assert_int_equal(o.idle_reset, OPTS_IDLE_DEFAULT);
	assert_int_equal(o.time_scale, 1);	/* the test-only scale is off */
	assert_int_equal(o.json, 0);
	assert_int_equal(o.no_color, 0);
}

static void
test_opts_parse_all_options(void **state)
{
	char *argv[] = { "mitwirkung", "--api", "http://h/api/v1", "--lang=de",
	    "--ui", "line", "--keymap", "vi", "--kiosk", "--idle-reset", "120",
	    "--no-color", "--json" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	unsetenv("NO_COLOR");
	assert_int_equal(parse(ARGC(argv), argv, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(cmd, ARGC(argv));
	assert_string_equal(o.api_url, "http://h/api/v1");
	assert_string_equal(o.lang, "de");
	assert_string_equal(o.keymap, "vi");
	assert_int_equal(o.ui, CLIENT_UI_LINE);
	assert_int_equal(o.kiosk, 1);
	assert_int_equal(o.idle_reset, 120);
	assert_int_equal(o.no_color, 1);
	assert_int_equal(o.json, 1);
}

/* --test-time-scale (tests only): 1 to 1000, a bad value is refused. */
static void
test_opts_parse_time_scale(void **state)
{
	char *good[] = { "mitwirkung", "--test-time-scale", "10", "--kiosk" };
	char *zero[] = { "mitwirkung", "--test-time-scale", "0" };
	char *big[] = { "mitwirkung", "--test-time-scale=1001" };
	char *word[] = { "mitwirkung", "--test-time-scale", "fast" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	assert_int_equal(parse(ARGC(good), good, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(o.time_scale, 10);
	assert_int_equal(o.kiosk, 1);
	assert_int_equal(parse(ARGC(zero), zero, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "--test-time-scale"));
	assert_int_equal(parse(ARGC(big), big, &o, &cmd, err), OPTS_ERROR);
	assert_int_equal(parse(ARGC(word), word, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "'fast'"));
}

static void
test_opts_parse_command_stops_options(void **state)
{
	char *argv[] = { "mitwirkung", "--lang", "en", "vote", "3", "--json" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(cmd, 3);
	assert_string_equal(argv[cmd], "vote");
	/* What follows the command belongs to the command. */
	assert_int_equal(o.json, 0);
}

static void
test_opts_parse_double_dash(void **state)
{
	char *argv[] = { "mitwirkung", "--", "--json" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(cmd, 2);
}

static void
test_opts_parse_help_and_version(void **state)
{
	char *h[] = { "mitwirkung", "--help" };
	char *v[] = { "mitwirkung", "--version" };
	char *h2[] = { "mitwirkung", "-h" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	assert_int_equal(parse(ARGC(h), h, &o, &cmd, err), OPTS_HELP);
	assert_int_equal(parse(ARGC(h2), h2, &o, &cmd, err), OPTS_HELP);
	assert_int_equal(parse(ARGC(v), v, &o, &cmd, err), OPTS_VERSION);
}

static void
test_opts_parse_errors_name_the_option(void **state)
{
	char *unknown[] = { "mitwirkung", "--colour-me" };
	char *noval[] = { "mitwirkung", "--api" };
	char *lang[] = { "mitwirkung", "--lang", "fr" };
	char *ui[] = { "mitwirkung", "--ui", "fancy" };
	char *idle[] = { "mitwirkung", "--idle-reset", "5" };
	char *idle2[] = { "mitwirkung", "--idle-reset", "12x" };
	char *flagval[] = { "mitwirkung", "--kiosk=yes" };
	char *shortopt[] = { "mitwirkung", "-x" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	assert_int_equal(parse(ARGC(unknown), unknown, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "--colour-me"));
	assert_int_equal(parse(ARGC(noval), noval, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "--api"));
	assert_int_equal(parse(ARGC(lang), lang, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "fr"));
	assert_int_equal(parse(ARGC(ui), ui, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "fancy"));
	/* The kiosk warning needs 30 seconds before the reset. */
	assert_int_equal(parse(ARGC(idle), idle, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "--idle-reset"));
	assert_int_equal(parse(ARGC(idle2), idle2, &o, &cmd, err), OPTS_ERROR);
	assert_int_equal(parse(ARGC(flagval), flagval, &o, &cmd, err), OPTS_ERROR);
	assert_non_null(strstr(err, "--kiosk"));
	assert_int_equal(parse(ARGC(shortopt), shortopt, &o, &cmd, err), OPTS_ERROR);
}

static void
test_opts_parse_no_color_env(void **state)
{
	char *argv[] = { "mitwirkung" };
	struct client_opts o;
	char err[256];
	int cmd;

	(void)state;
	setenv("NO_COLOR", "", 1);
	assert_int_equal(parse(ARGC(argv), argv, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(o.no_color, 0);	/* set but empty: colour stays */
	setenv("NO_COLOR", "1", 1);
	assert_int_equal(parse(ARGC(argv), argv, &o, &cmd, err), OPTS_RUN);
	assert_int_equal(o.no_color, 1);
	unsetenv("NO_COLOR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opts_parse_defaults),
		cmocka_unit_test(test_opts_parse_all_options),
		cmocka_unit_test(test_opts_parse_time_scale),
		cmocka_unit_test(test_opts_parse_command_stops_options),
		cmocka_unit_test(test_opts_parse_double_dash),
		cmocka_unit_test(test_opts_parse_help_and_version),
		cmocka_unit_test(test_opts_parse_errors_name_the_option),
		cmocka_unit_test(test_opts_parse_no_color_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
