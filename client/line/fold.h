/* fold.h — line mode's lines broken at words for a terminal of known width, so that no word is split across screen rows: pure, no output. */
#ifndef MW_CLIENT_LINE_FOLD_H
#define MW_CLIENT_LINE_FOLD_H

#include <stddef.h>

/* More columns than this are taken for a wrong value, not a screen. */
#define FOLD_COLS_MAX	1000

/*
 * The width line mode folds its lines at, or 0 to write them as they
 * are (a pipe, a file: transcripts stay byte for byte what they were).
 * tty is 1 when the output is a terminal; ws_cols is its own count
 * (TIOCGWINSZ; 0 or less when it has none), columns_env the value of
 * COLUMNS (NULL when unset; only a plain number counts). The terminal's
 * count wins; never more than FOLD_COLS_MAX.
 */
int	fold_cols(int tty, int ws_cols, const char *columns_env);

/* fold_cols() for the output fd as it is now (it may have been resized). */
int	fold_cols_of(int fd);

/*
 * Makes s[0..*n) safe to write in place: every byte below 0x20 but \n,
 * and DEL, is dropped; a TAB becomes a space. Updates *n (and NUL-ends
 * s when there is room: s must hold *n + 1 bytes).
 */
void	fold_clean(char *s, size_t *n);

/*
 * Breaks one line s[0..n) (sanitized UTF-8 without \n) for a terminal
 * cols columns wide whose cursor stands at column *col, so that no word
 * is split across rows: the breaks of text_wrap(), a word wider than a
 * row cut at the width. A line that fits is returned as it is. The rows
 * of a numbered item ("3. ", after leading spaces) or of an indented
 * line hang under its text, when no word is cut for it. Only \n and
 * spaces are put in (the spaces where a row breaks become the \n); the
 * line's trailing spaces stay as far as they fit. A line that does not
 * fit after *col starts on a row of its own.
 * Returns a new NUL-terminated string (the caller frees it), or NULL
 * when out of memory; sets *rows to the number of \n put in and *col to
 * the cursor's column after it. cols <= 0: s as it is.
 */
char	*fold_line(const char *s, size_t n, int cols, int *col, int *rows);

/* The \n in text s folded at cols from column 0 (each line by
 * fold_line()): the rows it takes when it ends with \n. */
int	fold_rows(const char *s, int cols);

#endif
