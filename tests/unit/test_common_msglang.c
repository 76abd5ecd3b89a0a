/* test_common_msglang.c — gettext per call: each thread in its own language at the same time, LANGUAGE ignored. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/msglang.h"

/* Needs the build's catalogues (make tests-build) and the system locale
 * de_DE.UTF-8 (scripts/deps.sh generates it as root). */
static int
setup(void **state)
{
	(void)state;
	/* A LANGUAGE in the environment must not win over the request. */
	setenv("LANGUAGE", "en", 1);
	msglang_init(NULL);
	return 0;
}

static void
test_msglang_get_degenerate(void **state)
{
	(void)state;
	/* NULL and unknown codes get the API's default, German. */
	assert_string_equal(msglang_get(NULL, "Not found."), "Nicht gefunden.");
	assert_string_equal(msglang_get("fr", "Not found."), "Nicht gefunden.");
	assert_string_equal(msglang_get("", "Not found."), "Nicht gefunden.");
	/* A msgid without a translation comes back as itself. */
	assert_string_equal(msglang_get("de", "no such msgid 7f3a"), "no such msgid 7f3a");
	assert_null(getenv("LANGUAGE"));
}

static void
test_msglang_get_de_en(void **state)
{
	(void)state;
	assert_string_equal(msglang_get("de", "Wrong name or password."),
	    "Name oder Passwort ist falsch.");
	assert_string_equal(msglang_get("en", "Wrong name or password."),
	    "Wrong name or password.");
	/* Leichte Sprache falls back to German where its catalogue has no
	 * entry, never to English. */
	assert_string_not_equal(msglang_get("ls", "Wrong name or password."),
	    "Wrong name or password.");
}

static void
test_msglang_nget_plural(void **state)
{
	(void)state;
	assert_string_equal(msglang_nget("de",
	    "No input for a while: this session ends in %d second. Press any key to continue.",
	    "No input for a while: this session ends in %d seconds. Press any key to continue.", 1),
	    "Eine Weile keine Eingabe: Diese Sitzung endet in %d Sekunde. "
	    "Eine beliebige Taste setzt sie fort.");
	assert_string_equal(msglang_nget("de",
	    "No input for a while: this session ends in %d second. Press any key to continue.",
	    "No input for a while: this session ends in %d seconds. Press any key to continue.", 30),
	    "Eine Weile keine Eingabe: Diese Sitzung endet in %d Sekunden. "
	    "Eine beliebige Taste setzt sie fort.");
	assert_string_equal(msglang_nget("en", "%d minute", "%d minutes", 2), "%d minutes");
}

/* Ukrainian has three forms: 1, 2-4, 5 (and 11-14) take different ones. */
#define MSGLANG_MAX_ONE	"The session has reached its maximum length of %d minute and ends now."
#define MSGLANG_MAX_MANY "The session has reached its maximum length of %d minutes and ends now."

static void
test_msglang_nget_ukrainian(void **state)
{
	const char *f1, *f2, *f5;

	(void)state;
	f1 = msglang_nget("uk", MSGLANG_MAX_ONE, MSGLANG_MAX_MANY, 1);
	f2 = msglang_nget("uk", MSGLANG_MAX_ONE, MSGLANG_MAX_MANY, 3);
	f5 = msglang_nget("uk", MSGLANG_MAX_ONE, MSGLANG_MAX_MANY, 12);
	assert_string_not_equal(f1, MSGLANG_MAX_ONE);
	assert_string_not_equal(f1, f2);
	assert_string_not_equal(f2, f5);
	assert_string_not_equal(f1, f5);
	assert_string_equal(msglang_nget("uk", MSGLANG_MAX_ONE, MSGLANG_MAX_MANY, 21), f1);
	assert_string_equal(msglang_nget("uk", MSGLANG_MAX_ONE, MSGLANG_MAX_MANY, 24), f2);
}

static void
test_msglang_code(void **state)
{
	(void)state;
	assert_null(msglang_code(NULL));
	assert_null(msglang_code("C.UTF-8"));
	assert_string_equal(msglang_code("de_AT.UTF-8"), "de");
	assert_string_equal(msglang_code("tr-TR"), "tr");
	assert_string_equal(msglang_code("de_DE.UTF-8@ls"), "ls");
}

/* Two threads ask at the same time, each in its own language. */
struct msglang_job {
	const char	*code;
	const char	*want;
	int		 bad;
};

static void *
msglang_worker(void *arg)
{
	struct msglang_job *j = arg;
	int i;

	for (i = 0; i < 20000; i++)
		if (strcmp(msglang_get(j->code, "Not found."), j->want) != 0)
			j->bad++;
	return NULL;
}

static void
test_msglang_get_threads(void **state)
{
	struct msglang_job jobs[2] = {
		{ "de", "Nicht gefunden.", 0 }, { "en", "Not found.", 0 }
	};
	pthread_t t[2];
	int i;

	(void)state;
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, msglang_worker, &jobs[i]), 0);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(jobs[0].bad, 0);
	assert_int_equal(jobs[1].bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msglang_get_degenerate),
		cmocka_unit_test(test_msglang_get_de_en),
		cmocka_unit_test(test_msglang_nget_plural),
		cmocka_unit_test(test_msglang_nget_ukrainian),
		cmocka_unit_test(test_msglang_code),
		cmocka_unit_test(test_msglang_get_threads),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
