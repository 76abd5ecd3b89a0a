/* test_client_line_fold.c — line mode breaks its lines at words for a terminal of known width, adding only spaces and newlines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "client/line/fold.h"
#include "common/text.h"

/* Folds s from column col at cols; checks *rows against the \n put in. */
static char *
fold(const char *s, int cols, int *col, int *rows)
{
	char *f = fold_line(s, strlen(s), cols, col, rows);
	size_t i, nl = 0;

	assert_non_null(f);
	for (i = 0; f[i] != '\0'; i++)
		nl += f[i] == '\n';
	assert_int_equal((int)nl, *rows);
	return f;
}

/* s without spaces and newlines: what a fold must never change. */
static char *
squeeze(const char *s)
{
	char *t = strdup(s);
	size_t i, k = 0;

	assert_non_null(t);
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] != ' ' && s[i] != '\n')
			t[k++] = s[i];
	t[k] = '\0';
	return t;
}

/* Every row of f fits cols, and f's words are s's words in order. */
static void
assert_folded(const char *s, const char *f, int cols)
{
	char *a = squeeze(s), *b = squeeze(f), *rows = strdup(f), *row, *save = NULL;
	const char *p, *q;

	assert_string_equal(a, b);
	assert_non_null(rows);
	for (row = strtok_r(rows, "\n", &save); row != NULL; row = strtok_r(NULL, "\n", &save))
		assert_true(text_width(row) <= (size_t)cols);
	/* Word by word: a word of s that fits a row is whole in f. */
	for (p = s; *p != '\0'; p = q) {
		p += strspn(p, " ");
		q = p + strcspn(p, " ");
		if (q > p) {
			char *w = strndup(p, (size_t)(q - p));

			if (text_width(w) <= (size_t)cols)
				assert_non_null(strstr(f, w));
			free(w);
		}
	}
	free(rows);
	free(a);
	free(b);
}

static void
test_fold_cols_not_a_terminal(void **state)
{
	(void)state;
	/* A pipe stays as it is, whatever COLUMNS says. */
	assert_int_equal(fold_cols(0, 40, NULL), 0);
	assert_int_equal(fold_cols(0, 0, "40"), 0);
	assert_int_equal(fold_cols(1, 0, NULL), 0);
	assert_int_equal(fold_cols(1, 0, ""), 0);
	assert_int_equal(fold_cols(1, 0, "0"), 0);
	assert_int_equal(fold_cols(1, 0, "40x"), 0);
	assert_int_equal(fold_cols(1, -1, "-5"), 0);
}

static void
test_fold_cols_terminal_first(void **state)
{
	(void)state;
	assert_int_equal(fold_cols(1, 40, NULL), 40);
	assert_int_equal(fold_cols(1, 40, "80"), 40);
	assert_int_equal(fold_cols(1, 0, "40"), 40);
	assert_int_equal(fold_cols(1, 5000, NULL), FOLD_COLS_MAX);
	assert_int_equal(fold_cols(1, 0, "123456789"), FOLD_COLS_MAX);
	assert_int_equal(fold_cols(1, 0, "1234567890"), 0);
}

static void
test_fold_clean_drops_controls(void **state)
{
	char s[] = "a\tb\x1b[1mc\x7f\nd\r";
	size_t n = strlen(s);

	(void)state;
	fold_clean(s, &n);
	assert_int_equal(n, strlen("a b[1mc\nd"));
	assert_string_equal(s, "a b[1mc\nd");
	n = 0;
	fold_clean(s, &n);
	assert_int_equal(n, 0);
}

static void
test_fold_line_fits_as_it_is(void **state)
{
	int col = 0, rows = -1;
	char *f;

	(void)state;
	f = fold("", 40, &col, &rows);
	assert_string_equal(f, "");
	assert_int_equal(col, 0);
	free(f);
	/* Exactly the width: one row (the terminal's cursor waits at its end). */
	f = fold("MitWirkung Kaiserslautern, line mode. T", 39, &col, &rows);
	assert_string_equal(f, "MitWirkung Kaiserslautern, line mode. T");
	assert_int_equal(rows, 0);
	assert_int_equal(col, 39);
	free(f);
	/* No width known: as it is. */
	col = 0;
	f = fold("Stadt.Raum.Wir. (City.Space.Us.)", 0, &col, &rows);
	assert_string_equal(f, "Stadt.Raum.Wir. (City.Space.Us.)");
	assert_int_equal(rows, 0);
	free(f);
	/* Several spaces inside a row stay. */
	col = 0;
	f = fold("a  b", 10, &col, &rows);
	assert_string_equal(f, "a  b");
	assert_int_equal(col, 4);
	free(f);
}

static void
test_fold_line_breaks_at_words(void **state)
{
	const char *s = "MitWirkung Kaiserslautern, line mode. Type h for help.";
	int col = 0, rows;
	char *f;

	(void)state;
	/* The terminal would show "… Ty" / "pe h for help.". */
	f = fold(s, 40, &col, &rows);
	assert_string_equal(f, "MitWirkung Kaiserslautern, line mode.\nType h for help.");
	assert_int_equal(rows, 1);
	assert_int_equal(col, 16);
	assert_folded(s, f, 40);
	free(f);
	col = 0;
	f = fold("Treffpunkte in der Innenstadt: Wie beleben wir unsere Plätze gemeinsam?",
	    40, &col, &rows);
	assert_string_equal(f, "Treffpunkte in der Innenstadt: Wie\nbeleben wir unsere Plätze gemeinsam?");
	free(f);
}

static void
test_fold_line_hangs_items(void **state)
{
	int col = 0, rows;
	char *f;

	(void)state;
	f = fold("1. Which event should come to the square first? — ranking, open", 40, &col,
	    &rows);
	assert_string_equal(f, "1. Which event should come to the square\n   first? — ranking, open");
	assert_int_equal(col, 3 + 22);
	free(f);
	/* An indented line hangs under its start. */
	col = 0;
	f = fold("  12. one two three four five six", 14, &col, &rows);
	assert_string_equal(f, "  12. one two\n      three\n      four\n      five six");
	assert_int_equal(rows, 3);
	free(f);
	/* No hang where it would cut a word the full width keeps whole. */
	col = 0;
	f = fold("3. Verpackungssteuer", 18, &col, &rows);
	assert_string_equal(f, "3.\nVerpackungssteuer");
	free(f);
	/* Nor where it takes half the row. */
	col = 0;
	f = fold("123456. ab cd", 10, &col, &rows);
	assert_string_equal(f, "123456. ab\ncd");
	free(f);
}

static void
test_fold_line_cuts_long_words(void **state)
{
	int col = 0, rows;
	char *f;

	(void)state;
	f = fold("see https://example.org/abcdefghij", 10, &col, &rows);
	assert_string_equal(f, "see\nhttps://ex\nample.org/\nabcdefghij");
	assert_int_equal(rows, 3);
	assert_int_equal(col, 10);
	free(f);
}

static void
test_fold_line_counts_columns_not_bytes(void **state)
{
	int col = 0, rows;
	char *f;

	(void)state;
	/* Ü and ö are one column each (two bytes). */
	f = fold("Übergänge öffnen für alle", 17, &col, &rows);
	assert_string_equal(f, "Übergänge öffnen\nfür alle");
	free(f);
	/* Wide characters take two columns. */
	col = 0;
	f = fold("日本語 日本", 6, &col, &rows);
	assert_string_equal(f, "日本語\n日本");
	assert_int_equal(col, 4);
	free(f);
	/* A combining mark stays with its letter and takes no column. */
	col = 0;
	f = fold("abcde\xcc\x81 fg", 5, &col, &rows);
	assert_string_equal(f, "abcde\xcc\x81\nfg");
	free(f);
}

static void
test_fold_line_keeps_prompt_space(void **state)
{
	int col = 0, rows;
	char *f;

	(void)state;
	/* The cursor stands after the prompt's space. */
	f = fold("Number, t full text, f filter, L language, l log in, q quit: ", 40, &col, &rows);
	assert_string_equal(f, "Number, t full text, f filter, L\nlanguage, l log in, q quit: ");
	assert_int_equal(col, 28);
	free(f);
	/* Where the space does not fit, the row ends without it. */
	col = 0;
	f = fold("aaaa bbbb: ", 10, &col, &rows);
	assert_string_equal(f, "aaaa bbbb:");
	assert_int_equal(col, 10);
	free(f);
}

static void
test_fold_line_after_column(void **state)
{
	int col = 30, rows;
	char *f;

	(void)state;
	/* What still fits after the cursor goes on. */
	f = fold("1234", 40, &col, &rows);
	assert_string_equal(f, "1234");
	assert_int_equal(col, 34);
	free(f);
	/* What does not starts on a row of its own. */
	f = fold("Welcome back. You can go on.", 40, &col, &rows);
	assert_string_equal(f, "\nWelcome back. You can go on.");
	assert_int_equal(rows, 1);
	assert_int_equal(col, 28);
	free(f);
}

static void
test_fold_line_only_spaces_and_newlines(void **state)
{
	const char *texts[] = {
		"Stadt.Raum.Wir. Treffpunkte in der Innenstadt: Wie beleben wir unsere Plätze gemeinsam? … 84 more words, t reads all.",
		"   4. Lokale Logistik (Local logistics) — 3 ideas, open until 31 December 2027, 12 participants",
		"Ви увійшли як bench. Ми надіслали лист із 8-значним кодом; введіть його тут.",
		"x",
		"     ",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z",
	};
	int cols, col, rows;
	size_t i;
	char *f;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		for (cols = 12; cols <= 80; cols += 7) {
			col = 0;
			f = fold(texts[i], cols, &col, &rows);
			assert_folded(texts[i], f, cols);
			assert_true(col <= cols);
			free(f);
		}
	}
}

static void
test_fold_rows_counts_rows(void **state)
{
	(void)state;
	assert_int_equal(fold_rows("", 40), 0);
	assert_int_equal(fold_rows(NULL, 40), 0);
	assert_int_equal(fold_rows("-- more, Enter to continue, q to skip --\n", 40), 1);
	assert_int_equal(fold_rows("-- weiter mit Enter, q überspringt den Rest --\n", 40), 2);
	assert_int_equal(fold_rows("a\n\nb c d\n", 3), 4);
	assert_int_equal(fold_rows("no end", 40), 0);
	assert_int_equal(fold_rows("long line here\n", 0), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_cols_not_a_terminal),
		cmocka_unit_test(test_fold_cols_terminal_first),
		cmocka_unit_test(test_fold_clean_drops_controls),
		cmocka_unit_test(test_fold_line_fits_as_it_is),
		cmocka_unit_test(test_fold_line_breaks_at_words),
		cmocka_unit_test(test_fold_line_hangs_items),
		cmocka_unit_test(test_fold_line_cuts_long_words),
		cmocka_unit_test(test_fold_line_counts_columns_not_bytes),
		cmocka_unit_test(test_fold_line_keeps_prompt_space),
		cmocka_unit_test(test_fold_line_after_column),
		cmocka_unit_test(test_fold_line_only_spaces_and_newlines),
		cmocka_unit_test(test_fold_rows_counts_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
