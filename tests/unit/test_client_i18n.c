/* test_client_i18n.c — language choice and run-time switching with the real de catalogue. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "client/i18n.h"

/* A string of client/keys/keys.c that locale/de.po translates. */
#define MSG_EN	"Go back"
#define MSG_DE	"Zurück"

static void
env_clear(void)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static void
test_i18n_init_from_lang_env(void **state)
{
	(void)state;
	env_clear();
	/* de_DE.UTF-8 is not installed on a minimal system: setlocale("")
	 * fails and C.UTF-8 must take over, with German messages still. */
	setenv("LANG", "de_DE.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(nl_langinfo(CODESET), "UTF-8");
	assert_string_equal(i18n_lang(), "de");
	assert_string_equal(_(MSG_EN), MSG_DE);
	/* Umlauts come out as UTF-8 whatever the catalogue's charset. */
	assert_memory_equal(_(MSG_EN), "Zur\xc3\xbc" "ck", 7);
}

static void
test_i18n_set_lang_switches(void **state)
{
	(void)state;
	env_clear();
	setenv("LANG", "de_DE.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(_(MSG_EN), MSG_DE);
	assert_int_equal(i18n_set_lang("en"), 0);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(_(MSG_EN), MSG_EN);
	assert_int_equal(i18n_set_lang("de"), 0);
	assert_string_equal(i18n_lang(), "de");
	assert_string_equal(_(MSG_EN), MSG_DE);
	assert_int_equal(i18n_set_lang("de_AT.UTF-8"), 0);
	assert_string_equal(i18n_lang(), "de");
	/* Unknown languages change nothing. */
	assert_int_equal(i18n_set_lang("fr"), -1);
	assert_int_equal(i18n_set_lang("d"), -1);
	assert_int_equal(i18n_set_lang("deu"), -1);
	assert_int_equal(i18n_set_lang(""), -1);
	assert_int_equal(i18n_set_lang(NULL), -1);
	assert_string_equal(i18n_lang(), "de");
	assert_string_equal(_(MSG_EN), MSG_DE);
}

static void
test_i18n_init_lang_option_wins(void **state)
{
	(void)state;
	env_clear();
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	assert_int_equal(i18n_init("en"), 0);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(_(MSG_EN), MSG_EN);
	env_clear();
	assert_int_equal(i18n_init("de"), 0);
	assert_string_equal(i18n_lang(), "de");
	assert_string_equal(_(MSG_EN), MSG_DE);
	/* An unsupported --lang falls back to the environment. */
	env_clear();
	setenv("LANG", "en_GB.UTF-8", 1);
	assert_int_equal(i18n_init("xx"), 0);
	assert_string_equal(i18n_lang(), "en");
}

static void
test_i18n_init_env_order(void **state)
{
	(void)state;
	/* LANGUAGE is a list; the first language we have wins. */
	env_clear();
	setenv("LANGUAGE", "fr:de:en", 1);
	setenv("LANG", "en_US.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "de");
	/* LC_ALL before LC_MESSAGES before LANG. */
	env_clear();
	setenv("LC_ALL", "en_US.UTF-8", 1);
	setenv("LC_MESSAGES", "de_DE.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "en");
	env_clear();
	setenv("LC_MESSAGES", "de_DE.UTF-8", 1);
	setenv("LANG", "en_US.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "de");
	assert_string_equal(_(MSG_EN), MSG_DE);
}

static void
test_i18n_init_c_locale(void **state)
{
	(void)state;
	/* LC_ALL=C: English, yet UTF-8 output, and a later switch to
	 * German works although gettext ignores LANGUAGE in the C locale. */
	env_clear();
	setenv("LC_ALL", "C", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(nl_langinfo(CODESET), "UTF-8");
	assert_string_equal(_(MSG_EN), MSG_EN);
	assert_int_equal(i18n_set_lang("de"), 0);
	assert_string_not_equal(setlocale(LC_MESSAGES, NULL), "C");
	assert_string_equal(_(MSG_EN), MSG_DE);
	/* Nothing set at all. */
	env_clear();
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "en");
}

static void
test_i18n_pgettext_fallback(void **state)
{
	(void)state;
	env_clear();
	assert_int_equal(i18n_init("de"), 0);
	assert_string_equal(C_("no such context", "no such text"), "no such text");
	assert_string_equal(i18n_pgettext("ctx\004" MSG_EN, MSG_EN), MSG_EN);
}

/* Turkish, Ukrainian and Leichte Sprache come from their own catalogues;
 * Leichte Sprache is "ls" or German with the modifier @ls, never plain de. */
static void
test_i18n_new_languages(void **state)
{
	(void)state;
	env_clear();
	assert_int_equal(i18n_init("tr"), 0);
	assert_string_equal(i18n_lang(), "tr");
	assert_string_equal(_(MSG_EN), "Geri dön");
	assert_int_equal(i18n_set_lang("uk"), 0);
	assert_string_equal(i18n_lang(), "uk");
	assert_string_equal(_(MSG_EN), "Назад");
	/* Three plural forms: 1, 2-4, 5. */
	assert_string_equal(ngettext("%ld idea", "%ld ideas", 21), "%ld ідея");
	assert_string_equal(ngettext("%ld idea", "%ld ideas", 3), "%ld ідеї");
	assert_string_equal(ngettext("%ld idea", "%ld ideas", 11), "%ld ідей");
	assert_int_equal(i18n_set_lang("ls"), 0);
	assert_string_equal(i18n_lang(), "ls");
	assert_string_equal(_("Go to the first item"), "Zum 1. Punkt");
	env_clear();
	setenv("LANG", "de_DE.UTF-8@ls", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "ls");
	assert_string_equal(_("Go to the first item"), "Zum 1. Punkt");
	env_clear();
	setenv("LANG", "de_DE.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(_("Go to the first item"), "Zum ersten Eintrag");
	env_clear();
	setenv("LANG", "uk_UA.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "uk");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n_init_from_lang_env),
		cmocka_unit_test(test_i18n_set_lang_switches),
		cmocka_unit_test(test_i18n_init_lang_option_wins),
		cmocka_unit_test(test_i18n_init_env_order),
		cmocka_unit_test(test_i18n_init_c_locale),
		cmocka_unit_test(test_i18n_pgettext_fallback),
		cmocka_unit_test(test_i18n_new_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
