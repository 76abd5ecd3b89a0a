/* test_client_line_parse.c — line mode's pure parts: typed lines, words after a cut, the prompt's wording. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "client/line/parse.h"
#include "common/text.h"

static void
test_parse_empty_and_full(void **state)
{
	struct line_cmd c;

	(void)state;
	assert_int_equal(line_parse("", &c), LINE_CMD_NONE);
	assert_int_equal(line_parse("   ", &c), LINE_CMD_NONE);
	assert_int_equal(line_parse(NULL, &c), LINE_CMD_NONE);
	assert_int_equal(line_parse(" t ", &c), LINE_CMD_FULL);
	/* "t 3" is a word with a number, not "say all". */
	assert_int_equal(line_parse("t 3", &c), LINE_CMD_WORD);
	assert_int_equal(c.arg, 3);
}

static void
test_parse_numbers(void **state)
{
	struct line_cmd c;
	char many[200] = "";
	int i;

	(void)state;
	assert_int_equal(line_parse("3", &c), LINE_CMD_NUMBERS);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.nums[0], 3);
	assert_int_equal(line_parse(" 2 5,1 ", &c), LINE_CMD_NUMBERS);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.nums[0], 2);
	assert_int_equal(c.nums[1], 5);
	assert_int_equal(c.nums[2], 1);
	/* A word after numbers is not dropped silently: the line is refused. */
	assert_int_equal(line_parse("2 x", &c), LINE_CMD_BAD);
	assert_string_equal(c.word, "x");
	assert_int_equal(line_parse("0", &c), LINE_CMD_BAD);
	assert_int_equal(line_parse("3a", &c), LINE_CMD_WORD);
	assert_int_equal(line_parse("999999", &c), LINE_CMD_BAD);
	for (i = 0; i < LINE_CMD_NUMS + 1; i++)
		memcpy(many + 2 * i, "1 ", 3);
	assert_int_equal(line_parse(many, &c), LINE_CMD_BAD);
}

static void
test_parse_word_with_number(void **state)
{
	struct line_cmd c;

	(void)state;
	/* Issue 8.6: "x 3" chooses 3, whatever has the focus. */
	assert_int_equal(line_parse("x 3", &c), LINE_CMD_WORD);
	assert_string_equal(c.word, "x");
	assert_int_equal(c.arg, 3);
	assert_int_equal(line_parse("x", &c), LINE_CMD_WORD);
	assert_int_equal(c.arg, 0);
	assert_int_equal(line_parse("r 12", &c), LINE_CMD_WORD);
	assert_int_equal(c.arg, 12);
	assert_int_equal(line_parse("x y", &c), LINE_CMD_BAD);
	assert_string_equal(c.word, "y");
	assert_int_equal(line_parse("x 3 4", &c), LINE_CMD_BAD);
	assert_int_equal(line_parse("x 0", &c), LINE_CMD_BAD);
	assert_int_equal(line_parse("help", &c), LINE_CMD_WORD);
	assert_string_equal(c.word, "help");
}

static void
test_words_after(void **state)
{
	const char *s = "one two three  four\nfive";

	(void)state;
	assert_int_equal(line_words_after(s, s), 5);
	assert_int_equal(line_words_after(s, s + 3), 4);
	assert_int_equal(line_words_after(s, s + strlen(s)), 0);
	assert_int_equal(line_words_after(s, NULL), 0);
}

static void
test_prompt_join(void **state)
{
	const char *ent[] = { "1 Register", "b back" };
	char buf[64];

	(void)state;
	assert_string_equal(line_prompt_join(buf, sizeof(buf), "Number", ent, 2, "Your choice"),
	    "Number, 1 Register, b back: ");
	assert_string_equal(line_prompt_join(buf, sizeof(buf), NULL, ent, 1, "Your choice"),
	    "1 Register: ");
	assert_string_equal(line_prompt_join(buf, sizeof(buf), NULL, ent, 0, "Your choice"),
	    "Your choice: ");
	/* Too long is cut, never overflows. */
	assert_int_equal(strlen(line_prompt_join(buf, 8, "Number", ent, 2, NULL)), 7);
}

static void
test_brief_end(void **state)
{
	const char *shortp = "One two three.";
	const char *sent = "Auf dem Platz fehlt ein Ort. Dann kommt noch viel mehr Text danach.";
	const char *tiny = "Ja. Und dann geht es weiter mit vielen Worten hier.";
	const char *e;

	(void)state;
	assert_null(line_brief_end(shortp, 24));
	/* After the first sentence, when it has four words or more. */
	e = line_brief_end(sent, 8);
	assert_non_null(e);
	assert_int_equal(e - sent, strlen("Auf dem Platz fehlt ein Ort."));
	assert_int_equal(line_words_after(sent, e), 7);
	/* A one-word sentence does not stop it: after n words then. */
	e = line_brief_end(tiny, 4);
	assert_non_null(e);
	assert_string_equal(e, "es weiter mit vielen Worten hier.");
	/* Two words left: said whole rather than "… 2 more words". */
	assert_null(line_brief_end("eins zwei drei vier fünf sechs sieben", 5));
	assert_non_null(line_brief_end("eins zwei drei vier fünf sechs sieben acht neun zehn", 5));
}

static void
test_scale_value(void **state)
{
	(void)state;
	assert_int_equal(line_scale_value("4"), 4);
	assert_int_equal(line_scale_value("1 — not at all"), 1);
	assert_int_equal(line_scale_value("10"), 10);
	assert_int_equal(line_scale_value("Yes"), -1);
	assert_int_equal(line_scale_value("4x"), -1);
	assert_int_equal(line_scale_value(NULL), -1);
}

static void
test_typable_keys(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(line_typable_keys("?, F1, h", " or ", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "? or h");
	assert_int_equal(line_typable_keys("Enter, KPEnter, Right", " or ", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(line_typable_keys("0, 1, 2", " or ", buf, sizeof(buf)), 0);
	assert_true(line_typable_keys("n, >", " oder ", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "n oder >");
	/* Never past the buffer. */
	assert_true(line_typable_keys("a, b, c, d, e", " or ", buf, 8) < 8);
}

static void
test_has_words(void **state)
{
	(void)state;
	assert_true(line_has_words("Review my vote", "review"));
	assert_true(line_has_words("Diese Idee nicht mehr unterstützen", "nicht mehr unterstützen"));
	assert_false(line_has_words("Reviewed", "review"));
	assert_false(line_has_words("Stop supporting this idea", "unsupport"));
	assert_false(line_has_words("anything", ""));
	/* Case beyond ASCII: a key's label in small letters is the word
	 * that starts a button ("e ändern" is "2. Ändern"). */
	assert_true(line_has_words("Ändern", "ändern"));
	assert_true(line_has_words("Перевірити мій голос", "перевірити"));
	assert_true(line_has_words("Bu fikri DEĞİŞTİR", "değiştir"));
	assert_false(line_has_words("Змінити", "зміна"));
	assert_false(line_has_words("Ändern", "andern"));
}

/* The word is said back ("'x' is not a choice here"): whatever was typed,
 * it is valid UTF-8 without control characters, also when cut; what
 * is not becomes U+FFFD. */
static void
test_parse_word_is_safe_to_say(void **state)
{
	struct line_cmd c;
	char longword[80];
	size_t i;

	(void)state;
	assert_int_equal(line_parse("ab\xff" "cd", &c), LINE_CMD_WORD);
	assert_string_equal(c.word, "ab\xef\xbf\xbd" "cd");
	line_parse("\x1b[31mrot", &c);
	assert_string_equal(c.word, "\xef\xbf\xbd[31mrot");
	/* A control character alone is not "?" (help). */
	line_parse("\x07", &c);
	assert_string_equal(c.word, "\xef\xbf\xbd");
	line_parse("x \xc2\x9b" "1", &c);
	assert_int_equal(c.kind, LINE_CMD_BAD);
	assert_string_equal(c.word, "\xef\xbf\xbd" "1");
	/* 40 "ä": cut at 31 bytes, in the middle of a letter. */
	for (i = 0; i < 40; i++)
		memcpy(longword + 2 * i, "\xc3\xa4", 2);
	longword[80 - 1] = '\0';
	line_parse(longword, &c);
	assert_int_equal(text_check(c.word, strlen(c.word), 0), TEXT_OK);
	assert_int_equal(strncmp(c.word, "\xc3\xa4\xc3\xa4", 4), 0);
	/* Bidi controls are not said back either. */
	line_parse("a\xe2\x80\xae" "b", &c);
	assert_string_equal(c.word, "a\xef\xbf\xbd" "b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_empty_and_full),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_parse_word_with_number),
		cmocka_unit_test(test_words_after),
		cmocka_unit_test(test_prompt_join),
		cmocka_unit_test(test_brief_end),
		cmocka_unit_test(test_scale_value),
		cmocka_unit_test(test_typable_keys),
		cmocka_unit_test(test_has_words),
		cmocka_unit_test(test_parse_word_is_safe_to_say),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
