/* screen.h — the curses terminal: set-up, drawing canvases, reading keys. */
#ifndef MW_CLIENT_TERM_SCREEN_H
#define MW_CLIENT_TERM_SCREEN_H

#include "client/term/canvas.h"

/*
 * Returns 1 when stdin and stdout are terminals and TERM names a terminal
 * known to terminfo that can address the cursor (has "cup"); 0 otherwise,
 * and then the caller uses the line mode: ncurses on a dumb terminal
 * silently drops updates.
 */
int	screen_can_address(void);

/* Starts curses on the terminal: no echo, keypad, ESCDELAY about 150 ms,
 * colour unless no_color. With kiosk, Ctrl-C and Ctrl-Z are plain keys
 * (raw mode) so a passer-by cannot leave the program. Returns 0 or -1. */
int	screen_start(int no_color, int kiosk);

/* Ends curses and restores the terminal. Safe to call twice. */
void	screen_stop(void);

/* The terminal size in rows and columns. */
void	screen_size(int *rows, int *cols);

/* Colour on or off (the in-app toggle); the next draw repaints. Returns
 * the new state: 1 when colour is on (and the terminal has colour). */
int	screen_set_color(int on);

/* Returns 1 while colour is on. */
int	screen_color(void);

/*
 * Draws c: only the rows that differ from the last drawn frame are
 * touched, then the cursor goes to (c->cur_y, c->cur_x) and one doupdate()
 * sends the frame. After screen_invalidate() (resize, colour change) every
 * row is drawn again.
 */
void	screen_draw(const struct canvas *c);
void	screen_invalidate(void);

/* After a resize: the next draw clears the terminal and paints it all,
 * since terminals reflow or cut what they showed. */
void	screen_resized(void);

/*
 * A slow request says "Loading…" once: screen_loading() arms a timer;
 * when the app still waits after ms milliseconds, text (one line) is
 * written to the last row from the timer's signal handler and the cursor
 * goes back to the focus. A fast answer says nothing, so a screen reader
 * does not hear "Loading…" on every page. The next screen_draw() or
 * screen_loading_cancel() stops the timer; a row written this way is
 * repainted by the next draw.
 */
void	screen_loading(const char *text, int ms);
void	screen_loading_cancel(void);

/* Clears the terminal at once (kiosk reset wipes what was on it). */
void	screen_wipe(void);

/* Results of screen_read_key(). */
#define SCREEN_KEY_NONE		 0	/* timeout */
#define SCREEN_KEY_CHAR		 1	/* *ch is a Unicode character */
#define SCREEN_KEY_CODE		 2	/* *ch is a curses KEY_* code */
#define SCREEN_KEY_RESIZE	 3
#define SCREEN_KEY_UNKNOWN	 4	/* an escape sequence curses does not know */
#define SCREEN_KEY_EOF		-1	/* the terminal is gone */

/* Waits for one key at most timeout_ms (-1 waits for ever). A lone Esc
 * comes back as the character 27 after ESCDELAY; Alt+x as *alt = 1 and x. */
int	screen_read_key(int timeout_ms, unsigned int *ch, int *alt);

#endif
