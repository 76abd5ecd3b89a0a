/* test_api_validate.c — every input rule of api-v1.md: lengths, username
 * charset, password bytes, email shape, control/bidi characters, invalid
 * UTF-8, and JSON type errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "server/api/json.h"
#include "server/api/render.h"
#include "server/api/validate.h"

static char *
rep(const char *unit, size_t n)
{
	size_t ul = strlen(unit), i;
	char *s = malloc(ul * n + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	s[ul * n] = '\0';
	return s;
}

static void
test_validate_text_null_and_empty(void **state)
{
	(void)state;
	assert_int_equal(validate_text(NULL, 0, 10, 0), REASON_REQUIRED);
	assert_int_equal(validate_text("", 1, 10, 0), REASON_REQUIRED);
	assert_int_equal(validate_text("", 0, 10, 0), REASON_NONE);
	assert_int_equal(validate_text("   ", 3, 10, 0), REASON_REQUIRED);
	assert_int_equal(validate_text(" \n ", 1, 10, VALIDATE_MULTILINE),
	    REASON_REQUIRED);
}

static void
test_validate_text_lengths_in_characters(void **state)
{
	char *s;

	(void)state;
	/* Idea titles: 3..120 characters, counted as code points. */
	assert_int_equal(validate_text("ab", 3, 120, 0), REASON_TOO_SHORT);
	assert_int_equal(validate_text("abc", 3, 120, 0), REASON_NONE);
	s = rep("ä", 120);	/* 240 bytes, 120 characters */
	assert_int_equal(validate_text(s, 3, 120, 0), REASON_NONE);
	free(s);
	s = rep("ä", 121);
	assert_int_equal(validate_text(s, 3, 120, 0), REASON_TOO_LONG);
	free(s);
	s = rep("😀", 3);	/* 4-byte characters count once */
	assert_int_equal(validate_text(s, 3, 3, 0), REASON_NONE);
	free(s);
	/* Idea bodies 10..5000, comments 1..2000. */
	s = rep("x", 5000);
	assert_int_equal(validate_text(s, 10, 5000, VALIDATE_MULTILINE),
	    REASON_NONE);
	free(s);
	s = rep("x", 5001);
	assert_int_equal(validate_text(s, 10, 5000, VALIDATE_MULTILINE),
	    REASON_TOO_LONG);
	free(s);
	assert_int_equal(validate_text("123456789", 10, 5000, 0),
	    REASON_TOO_SHORT);
	assert_int_equal(validate_text("x", 1, 2000, 0), REASON_NONE);
}

static void
test_validate_text_control_characters(void **state)
{
	(void)state;
	assert_int_equal(validate_text("a\nb", 1, 10, 0), REASON_CONTROL);
	assert_int_equal(validate_text("a\nb", 1, 10, VALIDATE_MULTILINE),
	    REASON_NONE);
	assert_int_equal(validate_text("a\tb", 1, 10, VALIDATE_MULTILINE),
	    REASON_CONTROL);
	assert_int_equal(validate_text("a\rb", 1, 10, VALIDATE_MULTILINE),
	    REASON_CONTROL);
	assert_int_equal(validate_text("a\x1b[31mb", 1, 10, 0), REASON_CONTROL);
	assert_int_equal(validate_text("a\x7f" "b", 1, 10, 0), REASON_CONTROL);
	assert_int_equal(validate_text("a\xc2\x85" "b", 1, 10, 0),
	    REASON_CONTROL);	/* U+0085, C1 */
	assert_int_equal(validate_text("a\xc2\x9f" "b", 1, 10, 0),
	    REASON_CONTROL);	/* U+009F */
	assert_int_equal(validate_text("a\xc2\xa0" "b", 1, 10, 0),
	    REASON_NONE);	/* U+00A0 is fine */
}

static void
test_validate_text_bidi(void **state)
{
	static const char *const bidi[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad",
		"\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",
		"\xe2\x81\xa9",
	};
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++) {
		snprintf(buf, sizeof(buf), "ab%scd", bidi[i]);
		assert_int_equal(validate_text(buf, 1, 10, VALIDATE_MULTILINE),
		    REASON_BIDI);
	}
}

static void
test_validate_text_bad_utf8(void **state)
{
	(void)state;
	assert_int_equal(validate_text("a\xff" "b", 1, 10, 0), REASON_BAD_UTF8);
	assert_int_equal(validate_text("a\xc3", 1, 10, 0), REASON_BAD_UTF8);
	assert_int_equal(validate_text("\xc0\xaf", 1, 10, 0), REASON_BAD_UTF8);
	assert_int_equal(validate_text("\xed\xa0\x80", 1, 10, 0),
	    REASON_BAD_UTF8);	/* a surrogate */
	assert_int_equal(validate_text("\xf4\x90\x80\x80", 1, 10, 0),
	    REASON_BAD_UTF8);	/* above U+10FFFF */
}

static void
test_validate_username_rules(void **state)
{
	char *s;

	(void)state;
	assert_int_equal(validate_username(NULL), REASON_REQUIRED);
	assert_int_equal(validate_username(""), REASON_REQUIRED);
	assert_int_equal(validate_username("ab"), REASON_TOO_SHORT);
	assert_int_equal(validate_username("abc"), REASON_NONE);
	assert_int_equal(validate_username("a.b_c-9"), REASON_NONE);
	s = rep("a", 32);
	assert_int_equal(validate_username(s), REASON_NONE);
	free(s);
	s = rep("a", 33);
	assert_int_equal(validate_username(s), REASON_TOO_LONG);
	free(s);
	assert_int_equal(validate_username("Anna"), REASON_FORMAT);
	assert_int_equal(validate_username("an na"), REASON_FORMAT);
	assert_int_equal(validate_username("anna@x"), REASON_FORMAT);
	assert_int_equal(validate_username("jörg"), REASON_FORMAT);
	assert_int_equal(validate_username("an\x01na"), REASON_CONTROL);
	assert_int_equal(validate_username("an\xffna"), REASON_BAD_UTF8);
}

static void
test_validate_email_shape(void **state)
{
	char *s, *m;

	(void)state;
	assert_int_equal(validate_email(NULL), REASON_REQUIRED);
	assert_int_equal(validate_email(""), REASON_REQUIRED);
	assert_int_equal(validate_email("anna@example.org"), REASON_NONE);
	assert_int_equal(validate_email("a.b+c@mail.kaiserslautern.de"),
	    REASON_NONE);
	assert_int_equal(validate_email("anna"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@"), REASON_FORMAT);
	assert_int_equal(validate_email("@example.org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@localhost"), REASON_FORMAT);
	assert_int_equal(validate_email("a@b@example.org"), REASON_FORMAT);
	assert_int_equal(validate_email("an na@example.org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@exa_mple.org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@.example.org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@example..org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna.@example.org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@example.org."), REASON_FORMAT);
	assert_int_equal(validate_email("<anna@example.org>"), REASON_FORMAT);
	assert_int_equal(validate_email("anna@exämple.org"), REASON_FORMAT);
	assert_int_equal(validate_email("anna\n@example.org"), REASON_CONTROL);
	s = rep("a", 65);
	m = malloc(100);
	snprintf(m, 100, "%s@example.org", s);
	assert_int_equal(validate_email(m), REASON_FORMAT);
	free(m);
	free(s);
	s = rep("a", 250);
	m = malloc(300);
	snprintf(m, 300, "x@%s.org", s);
	assert_int_equal(validate_email(m), REASON_TOO_LONG);
	free(m);
	free(s);
}

static void
test_validate_password_bytes(void **state)
{
	char *s;

	(void)state;
	assert_int_equal(validate_password(NULL), REASON_REQUIRED);
	assert_int_equal(validate_password(""), REASON_REQUIRED);
	assert_int_equal(validate_password("1234567"), REASON_TOO_SHORT);
	assert_int_equal(validate_password("12345678"), REASON_NONE);
	/* Bytes, not characters: four umlauts are eight bytes. */
	assert_int_equal(validate_password("äöüß"), REASON_NONE);
	assert_int_equal(validate_password("äöü"), REASON_TOO_SHORT);
	s = rep("x", 256);
	assert_int_equal(validate_password(s), REASON_NONE);
	free(s);
	s = rep("x", 257);
	assert_int_equal(validate_password(s), REASON_TOO_LONG);
	free(s);
	s = rep("ä", 129);	/* 258 bytes */
	assert_int_equal(validate_password(s), REASON_TOO_LONG);
	free(s);
	assert_int_equal(validate_password("pass word with spaces"), REASON_NONE);
	assert_int_equal(validate_password("12345678\x01"), REASON_CONTROL);
	assert_int_equal(validate_password("12345678\xff"), REASON_BAD_UTF8);
}

static void
test_validate_lang_tags(void **state)
{
	(void)state;
	assert_int_equal(validate_lang(NULL), 0);
	assert_int_equal(validate_lang("de"), 1);
	assert_int_equal(validate_lang("en"), 1);
	assert_int_equal(validate_lang("fra"), 1);
	assert_int_equal(validate_lang("d"), 0);
	assert_int_equal(validate_lang("DE"), 0);
	assert_int_equal(validate_lang("de-DE"), 0);
	assert_int_equal(validate_lang("../"), 0);
}

static void
test_jin_parse_malformed(void **state)
{
	static const char *const bad[] = {
		"", "{", "{\"a\":}", "[1,2]", "\"text\"", "42", "null",
		"{\"a\":1} x", "{\"a\":1}{}", "{'a':1}",
		"{\"a\":tru}",
	};
	size_t i;

	(void)state;
	assert_null(jin_parse(NULL, 0));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(jin_parse(bad[i], strlen(bad[i])));
	jin_free(NULL);
}

static void
test_jin_parse_escaped_nul_is_refused_by_field(void **state)
{
	const char *doc = "{\"t\":\"ab\\u0000cd\",\"u\":\"\\\\u0000\"}";
	struct jin *j = jin_parse(doc, strlen(doc));
	const char *s;

	(void)state;
	assert_non_null(j);
	/* Not cut at the NUL: the text keeps its length and fails the rules. */
	assert_int_equal(jin_str(j, "t", &s), JIN_OK);
	assert_int_equal(strlen(s), 5);
	assert_int_equal(validate_text(s, 1, 10, 0), REASON_CONTROL);
	/* An escaped backslash before "u0000" is plain text. */
	assert_int_equal(jin_str(j, "u", &s), JIN_OK);
	assert_string_equal(s, "\\u0000");
	assert_int_equal(jin_is_null(j, "t"), 0);
	jin_free(j);
}

static void
test_jin_types(void **state)
{
	const char *doc = "{\"s\":\"x\",\"i\":5,\"f\":1.5,\"b\":true,"
	    "\"n\":null,\"a\":[1,2,3],\"m\":[1,\"x\"],\"o\":{\"12\":4},"
	    "\"big\":1e300,\"tr\":{\"de\":\"Hallo\",\"en\":\"Hello\"},"
	    "\"tren\":{\"en\":\"Hello\"},\"trbad\":{\"de\":5},\"tr0\":{}} ";
	struct jin *j = jin_parse(doc, strlen(doc));
	const char *s, **keys, **langs, **texts;
	long long v, *arr, *vals;
	size_t n;
	int b;

	(void)state;
	assert_non_null(j);
	assert_int_equal(jin_str(j, "s", &s), JIN_OK);
	assert_string_equal(s, "x");
	assert_int_equal(jin_str(j, "i", &s), JIN_TYPE);
	assert_null(s);
	assert_int_equal(jin_str(j, "n", &s), JIN_MISSING);
	assert_int_equal(jin_is_null(j, "n"), 1);
	assert_int_equal(jin_is_null(j, "s"), 0);
	assert_int_equal(jin_str(j, "zz", &s), JIN_MISSING);
	assert_int_equal(jin_int(j, "i", &v), JIN_OK);
	assert_int_equal(v, 5);
	assert_int_equal(jin_int(j, "f", &v), JIN_TYPE);
	assert_int_equal(jin_int(j, "s", &v), JIN_TYPE);
	assert_int_equal(jin_int(j, "b", &v), JIN_TYPE);
	assert_int_equal(jin_int(j, "big", &v), JIN_TYPE);
	assert_int_equal(jin_bool(j, "b", &b), JIN_OK);
	assert_true(b);
	assert_int_equal(jin_bool(j, "i", &b), JIN_TYPE);
	assert_int_equal(jin_int_array(j, "a", &arr, &n), JIN_OK);
	assert_int_equal(n, 3);
	assert_int_equal(arr[2], 3);
	free(arr);
	assert_int_equal(jin_int_array(j, "m", &arr, &n), JIN_TYPE);
	assert_null(arr);
	assert_int_equal(jin_int_array(j, "s", &arr, &n), JIN_TYPE);
	assert_int_equal(jin_int_map(j, "o", &keys, &vals, &n), JIN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0], "12");
	assert_int_equal(vals[0], 4);
	free(keys);
	free(vals);
	assert_int_equal(jin_tr(j, "tr", &langs, &texts, &n), JIN_OK);
	assert_int_equal(n, 2);
	free(langs);
	free(texts);
	assert_int_equal(jin_tr(j, "s", &langs, &texts, &n), JIN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(langs[0], "de");
	free(langs);
	free(texts);
	/* Only English: fine for a PATCH; the routes demand German on create. */
	assert_int_equal(jin_tr(j, "tren", &langs, &texts, &n), JIN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(langs[0], "en");
	free(langs);
	free(texts);
	assert_int_equal(jin_tr(j, "trbad", &langs, &texts, &n), JIN_TYPE);
	assert_int_equal(jin_tr(j, "tr0", &langs, &texts, &n), JIN_TYPE);
	assert_int_equal(jin_tr(j, "i", &langs, &texts, &n), JIN_TYPE);
	jin_free(j);
}

static void
test_render_time_parse(void **state)
{
	int64_t t;
	char buf[32];

	(void)state;
	assert_int_equal(render_time_parse("2022-04-02T09:00:00Z", &t), 0);
	assert_int_equal(t, 1648890000);
	render_time(t, buf, sizeof(buf));
	assert_string_equal(buf, "2022-04-02T09:00:00Z");
	assert_int_equal(render_time_parse("2022-04-02T11:00:00+02:00", &t), 0);
	assert_int_equal(t, 1648890000);
	assert_int_equal(render_time_parse("2022-04-02", &t), 0);
	assert_int_equal(t, 1648857600);
	assert_int_equal(render_time_parse("2022-04-02T09:00:00", &t), -1);
	assert_int_equal(render_time_parse("2022-13-02", &t), -1);
	assert_int_equal(render_time_parse("yesterday", &t), -1);
	assert_int_equal(render_time_parse(NULL, &t), -1);
}

static void
test_render_csv_field_quoting(void **state)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;

	(void)state;
	assert_int_equal(render_csv_field(&buf, &len, &cap, "plain"), 0);
	assert_int_equal(render_csv_field(&buf, &len, &cap, "a,b"), 0);
	assert_int_equal(render_csv_field(&buf, &len, &cap, "say \"hi\""), 0);
	assert_int_equal(render_csv_field(&buf, &len, &cap, "two\nlines"), 0);
	assert_int_equal(render_csv_field(&buf, &len, &cap, NULL), 0);
	assert_string_equal(buf, "plain\"a,b\"\"say \"\"hi\"\"\"\"two\nlines\"");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_text_null_and_empty),
		cmocka_unit_test(test_validate_text_lengths_in_characters),
		cmocka_unit_test(test_validate_text_control_characters),
		cmocka_unit_test(test_validate_text_bidi),
		cmocka_unit_test(test_validate_text_bad_utf8),
		cmocka_unit_test(test_validate_username_rules),
		cmocka_unit_test(test_validate_email_shape),
		cmocka_unit_test(test_validate_password_bytes),
		cmocka_unit_test(test_validate_lang_tags),
		cmocka_unit_test(test_jin_parse_malformed),
		cmocka_unit_test(test_jin_parse_escaped_nul_is_refused_by_field),
		cmocka_unit_test(test_jin_types),
		cmocka_unit_test(test_render_time_parse),
		cmocka_unit_test(test_render_csv_field_quoting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
