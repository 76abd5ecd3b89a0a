/* test_common_text.c — the sanitiser against hostile input, widths and wrapping. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/text.h"

/* Sanitises a literal (which may hold NUL bytes) and compares. */
#define SAN(in, flags, want) san_eq(in, sizeof(in) - 1, flags, want)

static void
san_eq(const char *in, size_t len, int flags, const char *want)
{
	char *out = text_sanitize(in, len, flags);

	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

static void
test_text_sanitize_null(void **state)
{
	char *out;

	(void)state;
	out = text_sanitize(NULL, 0, 0);
	assert_non_null(out);
	assert_string_equal(out, "");
	free(out);
	SAN("", 0, "");
}

static void
test_text_sanitize_plain(void **state)
{
	(void)state;
	SAN("Lautern tanzt", 0, "Lautern tanzt");
	SAN("Grüße aus Kaiserslautern", 0, "Grüße aus Kaiserslautern");
	SAN("漢字 😀 e\xcc\x81", 0, "漢字 😀 e\xcc\x81");
}

static void
test_text_sanitize_csi(void **state)
{
	(void)state;
	SAN("a\x1b[31mred\x1b[0m b", 0, "ared b");
	SAN("\x1b[2J\x1b[H\x1b[?1049hx", 0, "x");
	SAN("a\x1b[1;2;3", 0, "a");		/* cut off at the end */
	SAN("a\x1b[", 0, "a");
	SAN("a\x1b", 0, "a");
	/* CSI in C1 form, UTF-8 encoded (U+009B). */
	SAN("a\xc2\x9b" "31mb", 0, "ab");
	/* Raw 8-bit C1 byte is invalid UTF-8. */
	SAN("a\x9b" "31mb", 0, "a\xef\xbf\xbd" "31mb");
}

static void
test_text_sanitize_osc(void **state)
{
	(void)state;
	/* OSC 0 (title) with BEL and with ST. */
	SAN("x\x1b]0;owned\x07y", 0, "xy");
	SAN("x\x1b]0;owned\x1b\\y", 0, "xy");
	/* OSC 8 hyperlink around text: the link goes, the text stays. */
	SAN("\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\", 0, "click");
	SAN("\x1b]8;;http://evil/\x07" "click\x1b]8;;\x07", 0, "click");
	/* OSC 52 clipboard write, BEL and ST, 7-bit and C1 forms. */
	SAN("a\x1b]52;c;cm0gLXJmIH4K\x07z", 0, "az");
	SAN("a\x1b]52;c;cm0gLXJmIH4K\x1b\\z", 0, "az");
	SAN("a\xc2\x9d" "52;c;cm0gLXJmIH4K\xc2\x9cz", 0, "az");
	SAN("a\xc2\x9d" "0;t\x07z", 0, "az");
	/* Unterminated: the rest is swallowed, nothing leaks. */
	SAN("a\x1b]0;never ends", 0, "a");
	/* A 0x9c inside a character of the payload is not ST. */
	SAN("a\x1b]0;\xc5\x9c title\x07z", 0, "az");
	/* Raw 8-bit ST ends it too. */
	SAN("a\x1b]0;t\x9cz", 0, "az");
	/* A new ESC cancels the string and is judged itself. */
	SAN("a\x1b]0;t\x1b[1mb", 0, "ab");
}

static void
test_text_sanitize_dcs_sos_pm_apc(void **state)
{
	(void)state;
	SAN("a\x1bPq#0;2;0;0;0\x1b\\b", 0, "ab");
	SAN("a\x1bXsos\x1b\\b", 0, "ab");
	SAN("a\x1b^pm\x1b\\b", 0, "ab");
	SAN("a\x1b_apc\x1b\\b", 0, "ab");
	SAN("a\xc2\x90" "dcs\xc2\x9c" "b", 0, "ab");
	SAN("a\xc2\x98" "sos\xc2\x9c" "b", 0, "ab");
	SAN("a\xc2\x9e" "pm\xc2\x9c" "b", 0, "ab");
	SAN("a\xc2\x9f" "apc\xc2\x9c" "b", 0, "ab");
	/* Short escapes: reset, charset, keypad mode. */
	SAN("a\x1b" "cb", 0, "ab");
	SAN("a\x1b(0b", 0, "ab");
	SAN("a\x1b=b", 0, "ab");
}

static void
test_text_sanitize_c0_c1_del(void **state)
{
	char in[256], *out;
	size_t i;

	(void)state;
	SAN("a\x01\x02\x07\x08\x0b\x0c\x0e\x1f\x7f" "b", 0, "ab");
	/* Every C1 code point in UTF-8 form goes; the introducers of CSI,
	 * DCS, SOS, OSC, PM and APC take what follows with them. */
	for (i = 0x80; i <= 0x9f; i++) {
		in[0] = 'a';
		in[1] = (char)0xc2;
		in[2] = (char)i;
		in[3] = 'b';
		out = text_sanitize(in, 4, 0);
		assert_non_null(out);
		if (i == 0x90 || i == 0x98 || i == 0x9b || i == 0x9d ||
		    i == 0x9e || i == 0x9f)
			assert_string_equal(out, "a");
		else
			assert_string_equal(out, "ab");
		free(out);
	}
	/* U+00A0 (no-break space) is just after C1 and stays. */
	SAN("a\xc2\xa0" "b", 0, "a\xc2\xa0" "b");
}

static void
test_text_sanitize_tab_newline(void **state)
{
	(void)state;
	SAN("a\tb", 0, "a b");
	SAN("a\tb", TEXT_KEEP_TAB, "a\tb");
	SAN("a\nb", TEXT_MULTILINE, "a\nb");
	SAN("a\nb", 0, "a b");
	SAN("a\r\nb", TEXT_MULTILINE, "a\nb");
	SAN("a\rb", TEXT_MULTILINE, "ab");
	SAN("evil\rgood", 0, "evilgood");
	SAN("a\r", TEXT_MULTILINE, "a");
}

static void
test_text_sanitize_nul(void **state)
{
	(void)state;
	SAN("a\0b", 0, "ab");
	SAN("\0\0", 0, "");
}

static void
test_text_sanitize_bidi(void **state)
{
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE: "invoice_\u202Efdp.exe" */
	SAN("invoice_\xe2\x80\xae" "fdp.exe", 0, "invoice_fdp.exe");
	SAN("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad" "x", 0, "x");
	SAN("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9" "x", 0, "x");
	SAN("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c" "x", 0, "x");
	/* A neighbour that shows stays: U+2029. U+206A and U+200D are
	 * invisible and go (test_text_sanitize_invisible). */
	SAN("\xe2\x80\xa9\xe2\x81\xaa\xe2\x80\x8d", 0, "\xe2\x80\xa9");
}

static void
test_text_sanitize_invisible(void **state)
{
	(void)state;
	/* U+200B, U+200D, U+FEFF, U+2060 inside a word: "admin". */
	SAN("ad\xe2\x80\x8bm\xe2\x80\x8di\xef\xbb\xbfn\xe2\x81\xa0", 0,
	    "admin");
	/* Hangul fillers U+115F, U+1160, U+3164, U+FFA0: a name of nothing. */
	SAN("\xe1\x85\x9f\xe1\x85\xa0\xe3\x85\xa4\xef\xbe\xa0", 0, "");
	/* Soft hyphen, CGJ, variation selector 16, a tag character. */
	SAN("a\xc2\xad" "b\xcd\x8f" "c\xef\xb8\x8f" "d\xf3\xa0\x80\xa1", 0,
	    "abcd");
	/* Visible neighbours stay: U+3163 (Hangul vowel), U+FFA1, U+2800. */
	SAN("\xe3\x85\xa3\xef\xbe\xa1\xe2\xa0\x80", 0,
	    "\xe3\x85\xa3\xef\xbe\xa1\xe2\xa0\x80");
	assert_int_equal(text_cp_ignorable(0x200b), 1);
	assert_int_equal(text_cp_ignorable(0xe01ef), 1);
	assert_int_equal(text_cp_ignorable('a'), 0);
	assert_int_equal(text_cp_ignorable(0x200a), 0);
}

static void
test_text_sanitize_invalid_utf8(void **state)
{
	(void)state;
	/* Lone continuation, invalid lead bytes. */
	SAN("a\x80" "b", 0, "a\xef\xbf\xbd" "b");
	SAN("a\xff\xfe" "b", 0, "a\xef\xbf\xbd\xef\xbf\xbd" "b");
	/* Overlong "/" and overlong NUL (C0 80), overlong ESC. */
	SAN("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xc0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xe0\x80\x9b", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xf0\x80\x80\xaf", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* Surrogates U+D800, U+DFFF; beyond U+10FFFF. */
	SAN("\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xed\xbf\xbf", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xf4\x90\x80\x80", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* Truncated sequences: one replacement for the started character. */
	SAN("a\xe2\x82", 0, "a\xef\xbf\xbd");
	SAN("a\xe2\x82" "b", 0, "a\xef\xbf\xbd" "b");
	SAN("a\xf0\x9f\x98", 0, "a\xef\xbf\xbd");
	SAN("a\xc3", 0, "a\xef\xbf\xbd");
	/* A truncated sequence must not swallow a following ESC. */
	SAN("\xe2\x1b[31mx", 0, "\xef\xbf\xbdx");
}

static void
test_text_utf8_decode_cases(void **state)
{
	unsigned int cp = 0;

	(void)state;
	assert_int_equal(text_utf8_decode(NULL, 1, &cp), -1);
	assert_int_equal(text_utf8_decode("a", 0, &cp), -1);
	assert_int_equal(text_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_utf8_decode("\xc3\xa4", 2, &cp), 2);
	assert_int_equal(cp, 0xe4);
	assert_int_equal(text_utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(text_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(text_utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(text_utf8_decode("\xe2\x82\xac", 2, &cp), -1);
	assert_int_equal(text_utf8_decode("\xc1\xbf", 2, &cp), -1);
	assert_int_equal(text_utf8_decode("\xe0\x9f\xbf", 3, &cp), -1);
	assert_int_equal(text_utf8_decode("\xed\xa0\x80", 3, &cp), -1);
	assert_int_equal(text_utf8_decode("\xf4\x90\x80\x80", 4, &cp), -1);
	assert_int_equal(text_utf8_decode("\xc3" "a", 2, &cp), -1);
}

#define CHECK(in, flags) text_check(in, sizeof(in) - 1, flags)

static void
test_text_check_cases(void **state)
{
	(void)state;
	assert_int_equal(text_check(NULL, 0, 0), TEXT_OK);
	assert_int_equal(CHECK("", 0), TEXT_OK);
	assert_int_equal(CHECK("Grüße, 漢字 😀", 0), TEXT_OK);
	assert_int_equal(CHECK("a\nb", TEXT_MULTILINE), TEXT_OK);
	assert_int_equal(CHECK("a\nb", 0), TEXT_CONTROL);
	assert_int_equal(CHECK("a\tb", TEXT_MULTILINE), TEXT_CONTROL);
	assert_int_equal(CHECK("a\r\nb", TEXT_MULTILINE), TEXT_CONTROL);
	assert_int_equal(CHECK("a\x1b[31m", 0), TEXT_CONTROL);
	assert_int_equal(CHECK("a\x7f", 0), TEXT_CONTROL);
	assert_int_equal(CHECK("a\xc2\x9b", 0), TEXT_CONTROL);
	assert_int_equal(CHECK("a\xc2\x80", 0), TEXT_CONTROL);
	assert_int_equal(CHECK("a\xc2\xa0", 0), TEXT_OK);
	assert_int_equal(CHECK("a\0b", 0), TEXT_BAD_UTF8);
	assert_int_equal(CHECK("a\xc0\x80", 0), TEXT_BAD_UTF8);
	assert_int_equal(CHECK("a\xed\xa0\x80", 0), TEXT_BAD_UTF8);
	assert_int_equal(CHECK("a\xe2\x82", 0), TEXT_BAD_UTF8);
	assert_int_equal(CHECK("a\xff", 0), TEXT_BAD_UTF8);
	assert_int_equal(CHECK("a\xe2\x80\xae", 0), TEXT_BIDI);
	assert_int_equal(CHECK("a\xe2\x81\xa6", 0), TEXT_BIDI);
	assert_int_equal(CHECK("a\xe2\x81\xa9", 0), TEXT_BIDI);
	assert_string_equal(text_check_str(TEXT_OK), "ok");
	assert_string_equal(text_check_str(TEXT_BAD_UTF8), "invalid UTF-8");
	assert_string_equal(text_check_str(TEXT_CONTROL), "control character");
	assert_string_equal(text_check_str(TEXT_BIDI), "bidi override");
	assert_string_equal(text_check_str(-99), "unknown text error");
}

static void
test_text_cp_width_cases(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0x1b), 0);
	assert_int_equal(text_cp_width(0x9b), 0);
	assert_int_equal(text_cp_width(0xe4), 1);	/* ä */
	assert_int_equal(text_cp_width(0xdf), 1);	/* ß */
	assert_int_equal(text_cp_width(0x300), 0);	/* combining grave */
	assert_int_equal(text_cp_width(0x20d7), 0);	/* combining arrow */
	assert_int_equal(text_cp_width(0x200b), 0);	/* zero width space */
	assert_int_equal(text_cp_width(0x200d), 0);	/* ZWJ */
	assert_int_equal(text_cp_width(0xfe0f), 0);	/* variation selector */
	assert_int_equal(text_cp_width(0x1161), 0);	/* Hangul jungseong */
	assert_int_equal(text_cp_width(0xad), 1);	/* soft hyphen */
	assert_int_equal(text_cp_width(0x4e00), 2);	/* 一 */
	assert_int_equal(text_cp_width(0xac00), 2);	/* 가 */
	assert_int_equal(text_cp_width(0x3042), 2);	/* あ */
	assert_int_equal(text_cp_width(0xff21), 2);	/* fullwidth A */
	assert_int_equal(text_cp_width(0xff61), 1);	/* halfwidth 。 */
	assert_int_equal(text_cp_width(0x1f600), 2);	/* 😀 */
	assert_int_equal(text_cp_width(0x1f44d), 2);	/* 👍 */
	assert_int_equal(text_cp_width(0x231a), 2);	/* ⌚ */
	assert_int_equal(text_cp_width(0x2764), 1);	/* ❤ text style */
	assert_int_equal(text_cp_width(0x20000), 2);	/* CJK ext. B */
	assert_int_equal(text_cp_width(0x20ac), 1);	/* € */
	assert_int_equal(text_cp_width(0x10ffff), 1);
}

static void
test_text_width_cases(void **state)
{
	(void)state;
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Kaiserslautern"), 14);
	assert_int_equal(text_width("Grüße"), 5);
	assert_int_equal(text_width("e\xcc\x81"), 1);
	assert_int_equal(text_width("日本語"), 6);
	assert_int_equal(text_width("a😀b"), 4);
	assert_int_equal(text_width("\xff"), 1);	/* shown as U+FFFD */
}

static void
test_text_chars_cases(void **state)
{
	(void)state;
	assert_int_equal(text_chars(NULL), 0);
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars("abc"), 3);
	assert_int_equal(text_chars("Grüße"), 5);
	assert_int_equal(text_chars("日本"), 2);
	assert_int_equal(text_chars("e\xcc\x81"), 2);
	assert_int_equal(text_chars("😀"), 1);
}

static void
test_text_fit_cases(void **state)
{
	(void)state;
	assert_int_equal(text_fit(NULL, 5), 0);
	assert_int_equal(text_fit("", 5), 0);
	assert_int_equal(text_fit("abcdef", 0), 0);
	assert_int_equal(text_fit("abcdef", 3), 3);
	assert_int_equal(text_fit("abc", 10), 3);
	assert_int_equal(text_fit("Grüße", 3), 4);	/* "Grü" */
	assert_int_equal(text_fit("日本語", 3), 3);	/* only 日 fits */
	assert_int_equal(text_fit("日本語", 4), 6);
	assert_int_equal(text_fit("日", 1), 0);
	/* The combining acute stays with its e. */
	assert_int_equal(text_fit("ae\xcc\x81" "b", 2), 4);
	assert_int_equal(text_fit("ae\xcc\x81" "b", 1), 1);
	assert_int_equal(text_fit("a😀", 2), 1);
	assert_int_equal(text_fit("a😀", 3), 5);
}

/* Wraps s and compares with the NULL-terminated list of expected lines. */
static void
wrap_eq(const char *s, size_t width, const char *const *want)
{
	struct text_lines l;
	size_t i;

	assert_int_equal(text_wrap(s, width, &l), 0);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < l.n);
		assert_string_equal(l.line[i], want[i]);
		/* Only a single character wider than the line may exceed it. */
		assert_true(text_width(l.line[i]) <= width ||
		    text_chars(l.line[i]) == 1);
	}
	assert_int_equal(l.n, i);
	text_lines_free(&l);
}

#define WRAP(s, w, ...) do { \
	const char *const want_[] = { __VA_ARGS__, NULL }; \
	wrap_eq(s, w, want_); \
} while (0)

static void
test_text_wrap_degenerate(void **state)
{
	struct text_lines l;

	(void)state;
	text_lines_free(NULL);
	assert_int_equal(text_wrap(NULL, 10, &l), 0);
	assert_int_equal(l.n, 0);
	text_lines_free(&l);
	assert_int_equal(text_wrap("", 10, &l), 0);
	assert_int_equal(l.n, 0);
	text_lines_free(&l);
}

static void
test_text_wrap_words(void **state)
{
	(void)state;
	WRAP("short", 10, "short");
	WRAP("the quick brown fox", 10, "the quick", "brown fox");
	WRAP("the quick brown fox", 9, "the quick", "brown fox");
	WRAP("the quick brown fox", 5, "the", "quick", "brown", "fox");
	WRAP("one  two", 4, "one", "two");
	WRAP("word   ", 10, "word");
	WRAP("  indented text", 20, "  indented text");
	WRAP("exactly ten", 10, "exactly", "ten");
}

static void
test_text_wrap_long_word(void **state)
{
	(void)state;
	WRAP("abcdefghij", 4, "abcd", "efgh", "ij");
	WRAP("a abcdefghij b", 4, "a", "abcd", "efgh", "ij b");
	WRAP("abc", 0, "a", "b", "c");	/* width 0 acts as 1 */
}

static void
test_text_wrap_newlines(void **state)
{
	(void)state;
	WRAP("a\nb", 10, "a", "b");
	WRAP("a\n\nb", 10, "a", "", "b");
	WRAP("para one\n\npara two", 5, "para", "one", "", "para", "two");
	WRAP("\n", 10, "");
	WRAP("a\n", 10, "a");
}

static void
test_text_wrap_wide(void **state)
{
	(void)state;
	WRAP("Grüße aus Köln", 9, "Grüße aus", "Köln");
	WRAP("日本語のテキスト", 6, "日本語", "のテキ", "スト");
	WRAP("日本語", 1, "日", "本", "語");	/* too narrow: one each */
	WRAP("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, "e\xcc\x81" "e\xcc\x81", "e\xcc\x81");
	WRAP("😀 😀 😀", 5, "😀 😀", "😀");
}

/* Characters text_wrap() looks at for s at width. */
static size_t
wrap_work(const char *s, size_t width, size_t *nlines)
{
	struct text_lines l;
	size_t before = text_work();

	assert_int_equal(text_wrap(s, width, &l), 0);
	*nlines = l.n;
	text_lines_free(&l);
	return text_work() - before;
}

static char *
repeat(const char *unit, size_t n)
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
test_text_wrap_long_word_linear(void **state)
{
	/* ASCII, CJK (2 columns), CJK with a combining mark each. */
	static const char *const units[] = { "x", "\xe4\xb8\xad",
	    "\xe4\xb8\xad\xcc\x81", "ab c" };
	struct text_lines l;
	size_t u, n1, n8, w1, w8, i;
	char *s;

	(void)state;
	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		s = repeat(units[u], 10000);
		w1 = wrap_work(s, 80, &n1);
		free(s);
		s = repeat(units[u], 80000);
		w8 = wrap_work(s, 80, &n8);
		/* Eight times the text: eight times the lines and about
		 * eight times the work (quadratic would be 64 times). */
		assert_true(n8 >= 8 * n1 - 8 && n8 <= 8 * n1 + 8);
		assert_true(w8 <= 9 * w1);
		/* Each character is looked at a few times, not per line. */
		assert_true(w8 <= 4 * 80000 * 2);
		free(s);
	}
	/* The cut word comes back whole, each line full but the last. */
	s = repeat("x", 100000);
	assert_int_equal(text_wrap(s, 80, &l), 0);
	assert_int_equal(l.n, 1250);
	for (i = 0; i < l.n; i++)
		assert_int_equal(strlen(l.line[i]), 80);
	text_lines_free(&l);
	free(s);
	/* A base with 30,000 combining marks stays one cluster on a line. */
	s = repeat("\xcc\x81", 30000);
	s[0] = 'a';
	s[1] = 'a';
	assert_int_equal(text_wrap(s, 10, &l), 0);
	assert_int_equal(l.n, 1);
	text_lines_free(&l);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_sanitize_null),
		cmocka_unit_test(test_text_sanitize_plain),
		cmocka_unit_test(test_text_sanitize_csi),
		cmocka_unit_test(test_text_sanitize_osc),
		cmocka_unit_test(test_text_sanitize_dcs_sos_pm_apc),
		cmocka_unit_test(test_text_sanitize_c0_c1_del),
		cmocka_unit_test(test_text_sanitize_tab_newline),
		cmocka_unit_test(test_text_sanitize_nul),
		cmocka_unit_test(test_text_sanitize_bidi),
		cmocka_unit_test(test_text_sanitize_invisible),
		cmocka_unit_test(test_text_wrap_long_word_linear),
		cmocka_unit_test(test_text_sanitize_invalid_utf8),
		cmocka_unit_test(test_text_utf8_decode_cases),
		cmocka_unit_test(test_text_check_cases),
		cmocka_unit_test(test_text_cp_width_cases),
		cmocka_unit_test(test_text_width_cases),
		cmocka_unit_test(test_text_chars_cases),
		cmocka_unit_test(test_text_fit_cases),
		cmocka_unit_test(test_text_wrap_degenerate),
		cmocka_unit_test(test_text_wrap_words),
		cmocka_unit_test(test_text_wrap_long_word),
		cmocka_unit_test(test_text_wrap_newlines),
		cmocka_unit_test(test_text_wrap_wide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
