/* test_common_lang.c — the language registry: lookup by code and locale, plural rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "common/lang.h"

static const char *
code_of(const char *s)
{
	const struct lang *l = lang_find(s);

	return l != NULL ? l->code : "(none)";
}

static void
test_lang_find_codes_and_locales(void **state)
{
	(void)state;
	assert_string_equal(code_of("de"), "de");
	assert_string_equal(code_of("en"), "en");
	assert_string_equal(code_of("tr"), "tr");
	assert_string_equal(code_of("uk"), "uk");
	assert_string_equal(code_of("ls"), "ls");
	assert_string_equal(code_of("TR"), "tr");
	assert_string_equal(code_of("tr_TR.UTF-8"), "tr");
	assert_string_equal(code_of("uk_UA.UTF-8"), "uk");
	assert_string_equal(code_of("tr-TR"), "tr");
	assert_string_equal(code_of("de_AT.UTF-8"), "de");
	assert_string_equal(code_of("de:en"), "de");
	/* Leichte Sprache is German with the modifier @ls, never plain de. */
	assert_string_equal(code_of("de@ls"), "ls");
	assert_string_equal(code_of("de_DE.UTF-8@ls"), "ls");
	assert_string_equal(code_of("de_DE@ls"), "ls");
	assert_string_equal(code_of("de_DE@euro"), "de");
	assert_string_equal(code_of("fr"), "(none)");
	assert_string_equal(code_of("deu"), "(none)");
	assert_string_equal(code_of("d"), "(none)");
	/* An unknown modifier still names the language. */
	assert_string_equal(code_of("en@ls"), "en");
	assert_null(lang_find(""));
	assert_null(lang_find(NULL));
}

static void
test_lang_rows_complete(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(lang_count() >= 5);
	assert_null(lang_at(lang_count()));
	for (i = 0; i < lang_count(); i++) {
		const struct lang *l = lang_at(i);

		assert_non_null(l->name);
		assert_non_null(l->posix);
		assert_non_null(l->date);
		assert_non_null(l->fallback);
		assert_true(l->decimal == ',' || l->decimal == '.');
		/* Every row is found by its own code and catalogue name. */
		assert_ptr_equal(lang_find(l->code), l);
		assert_ptr_equal(lang_find(l->catalog), l);
		assert_non_null(strstr(l->plural_forms, "nplurals="));
		assert_int_equal(l->plural_forms[9] - '0', l->nplurals);
		for (j = 0; j < i; j++)
			assert_string_not_equal(lang_at(j)->code, l->code);
	}
}

/* The C rule must give what the catalogue's Plural-Forms gives. */
static void
test_lang_plural_ukrainian(void **state)
{
	const struct lang *uk = lang_find("uk");
	static const unsigned long one[] = { 1, 21, 31, 101, 1001 };
	static const unsigned long few[] = { 2, 3, 4, 22, 24, 102, 1003 };
	static const unsigned long many[] = { 0, 5, 9, 10, 11, 12, 14, 19, 20, 25, 111, 112, 1000 };
	size_t i;

	(void)state;
	assert_int_equal(uk->nplurals, 3);
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		assert_int_equal(lang_plural(uk, one[i]), 0);
	for (i = 0; i < sizeof(few) / sizeof(few[0]); i++)
		assert_int_equal(lang_plural(uk, few[i]), 1);
	for (i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		assert_int_equal(lang_plural(uk, many[i]), 2);
	assert_int_equal(lang_plural(lang_find("de"), 1), 0);
	assert_int_equal(lang_plural(lang_find("de"), 0), 1);
	assert_int_equal(lang_plural(lang_find("tr"), 2), 1);
	assert_int_equal(lang_plural(lang_find("ls"), 7), 1);
}

static void
test_lang_codes_list(void **state)
{
	char buf[64], small[6];

	(void)state;
	assert_int_equal(lang_codes(buf, sizeof(buf), ", "), strlen("de, en, tr, uk, ls"));
	assert_string_equal(buf, "de, en, tr, uk, ls");
	/* Cut short but terminated. */
	assert_int_equal(lang_codes(small, sizeof(small), ", "), strlen(buf));
	assert_string_equal(small, "de, e");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_find_codes_and_locales),
		cmocka_unit_test(test_lang_rows_complete),
		cmocka_unit_test(test_lang_plural_ukrainian),
		cmocka_unit_test(test_lang_codes_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
