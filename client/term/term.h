/* term.h — helpers of the full-screen UI that tests reach without a terminal. */
#ifndef MW_CLIENT_TERM_TERM_H
#define MW_CLIENT_TERM_TERM_H

#include "client/keys/keys.h"

/* Maps what ncursesw get_wch() returned to a key of keys.h: is_code is 1
 * for KEY_CODE_YES (c is a KEY_* code), 0 for a character. Returns
 * KEYS_NONE for what is not a key for bindings (KEY_RESIZE, C1). */
key_code	term_key_from_curses(int is_code, unsigned int c);

/*
 * Keypad keys in application mode (ESC O p .. ESC O y for 0..9, ESC O k
 * +, ESC O m -, ESC O j *, ESC O o /, ESC O n .) have no curses names;
 * screen_start() registers them with define_key() as these codes, above
 * every KEY_* code, so a numeric keypad alone can drive the client.
 */
#define TERM_KP_CODES		15
#define TERM_KP_DIGIT(n)	(0x3000 + (n))	/* KEY_MAX is 0777 */
#define TERM_KP_PLUS		(0x3000 + 10)
#define TERM_KP_MINUS		(0x3000 + 11)
#define TERM_KP_MULTIPLY	(0x3000 + 12)
#define TERM_KP_DIVIDE		(0x3000 + 13)
#define TERM_KP_DECIMAL		(0x3000 + 14)

/* The escape sequence of keypad code i (0 .. TERM_KP_CODES-1); borrowed. */
const char	*term_kp_sequence(int i);

/*
 * Sequences of Home, End and F1-F5 that terminals send whatever their
 * TERM says (PuTTY's defaults, xterm's keys under TERM=linux). Where the
 * terminfo has no key for one, screen_start() teaches it to curses, so
 * the key works instead of being ignored as not known. Returns sequence
 * i (0 .. TERM_ALT_CODES-1, borrowed) and its curses code in *code.
 */
#define TERM_ALT_CODES		21
const char	*term_alt_sequence(int i, int *code);

#endif
