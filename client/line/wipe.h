/* wipe.h — how many blank lines push the last person's page off a line-mode kiosk screen: pure, no output. */
#ifndef MW_CLIENT_LINE_WIPE_H
#define MW_CLIENT_LINE_WIPE_H

/* Rows assumed when the terminal says nothing of its size: a VT100's,
 * and what a serial line without `stty rows` usually is. */
#define WIPE_ROWS_FALLBACK	24
/* More rows than this are taken for a wrong value, not a screen. */
#define WIPE_ROWS_MAX		1000

/*
 * The blank lines a kiosk reset writes: exactly one screenful, so that
 * the last person's lines (even a half-typed one on the cursor's line)
 * are scrolled off the screen and nothing more floods a braille display
 * or a screen reader. ws_rows is the terminal's own count (TIOCGWINSZ on
 * the output; 0 or less when it has none), lines_env the value of LINES
 * (NULL when unset; only a plain number counts). The first one known
 * wins, else WIPE_ROWS_FALLBACK; never more than WIPE_ROWS_MAX.
 */
int	wipe_rows(int ws_rows, const char *lines_env);

/* wipe_rows() for the terminal on fd, as it is now (it may have been
 * resized since the start). */
int	wipe_rows_of(int fd);

#endif
