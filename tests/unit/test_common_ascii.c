/* test_common_ascii.c — case folding that ignores the locale (the Turkish I). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "common/ascii.h"

static void
test_ascii_tolower_letters_only(void **state)
{
	(void)state;
	assert_int_equal(ascii_tolower('I'), 'i');
	assert_int_equal(ascii_tolower('Z'), 'z');
	assert_int_equal(ascii_tolower('a'), 'a');
	assert_int_equal(ascii_tolower('@'), '@');
	assert_int_equal(ascii_tolower('['), '[');
	assert_int_equal(ascii_tolower(0xc4), 0xc4);	/* a UTF-8 lead byte */
}

static void
test_ascii_strcasecmp_empty_and_order(void **state)
{
	(void)state;
	assert_int_equal(ascii_strcasecmp("", ""), 0);
	assert_true(ascii_strcasecmp("", "a") < 0);
	assert_true(ascii_strcasecmp("b", "A") > 0);
	assert_int_equal(ascii_strncasecmp("ETag: x", "etag:", 5), 0);
	assert_true(ascii_strncasecmp("ETa", "etag", 4) < 0);
	assert_int_equal(ascii_strncasecmp("abc", "xyz", 0), 0);
}

/* Under tr_TR.UTF-8 glibc's tolower('I') is not 'i' (Turkish has a dotless
 * ı): strcasecmp("LIST", "list") fails there. Ours must not. */
static void
test_ascii_strcasecmp_turkish_locale(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "tr_TR.UTF-8") == NULL)
		skip();
	assert_int_equal(ascii_strcasecmp("LIST", "list"), 0);
	assert_int_equal(ascii_strcasecmp("Retry-After", "RETRY-AFTER"), 0);
	assert_int_equal(ascii_strncasecmp("BEARER x", "bearer ", 7), 0);
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_tolower_letters_only),
		cmocka_unit_test(test_ascii_strcasecmp_empty_and_order),
		cmocka_unit_test(test_ascii_strcasecmp_turkish_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
