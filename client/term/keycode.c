/* keycode.c — ncursesw key codes to the keys of client/keys/keys.h. */
#include <curses.h>

#include "client/keys/keys.h"
#include "client/term/term.h"

/* Indexed like the TERM_KP_* codes: digits 0..9, then + - * / . */
static const char *const keycode_kp_seq[TERM_KP_CODES] = {
	"\033Op", "\033Oq", "\033Or", "\033Os", "\033Ot",
	"\033Ou", "\033Ov", "\033Ow", "\033Ox", "\033Oy",
	"\033Ok", "\033Om", "\033Oj", "\033Oo", "\033On"
};

/* Keys that common terminals send whatever TERM says: PuTTY's default
 * Home, End and F1-F4, rxvt's Home and End, xterm's under another TERM,
 * the Linux console's F1-F5. */
static const struct {
	const char	*seq;
	int		 code;
} keycode_alt[TERM_ALT_CODES] = {
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) }
};

const char *
term_alt_sequence(int i, int *code)
{
	if (i < 0 || i >= TERM_ALT_CODES)
		return NULL;
	*code = keycode_alt[i].code;
	return keycode_alt[i].seq;
}

const char *
term_kp_sequence(int i)
{
	if (i < 0 || i >= TERM_KP_CODES)
		return NULL;
	return keycode_kp_seq[i];
}

key_code
term_key_from_curses(int is_code, unsigned int c)
{
	if (!is_code) {
		if (c == 9)
			return KEYS_TAB;
		if (c == 10 || c == 13)
			return KEYS_ENTER;
		if (c == 27)
			return KEYS_ESC;
		if (c == 8 || c == 127)
			return KEYS_BACKSPACE;
		if (c >= 1 && c <= 26)
			return KEYS_CTRL((int)('a' + c - 1));
		if (c >= 0x20 && c <= 0x10FFFF && (c < 0x80 || c > 0x9F))
			return (key_code)c;
		return KEYS_NONE;
	}
	switch (c) {
	case KEY_UP:		return KEYS_UP;
	case KEY_DOWN:		return KEYS_DOWN;
	case KEY_LEFT:		return KEYS_LEFT;
	case KEY_RIGHT:		return KEYS_RIGHT;
	case KEY_HOME:		return KEYS_HOME;
	case KEY_END:		return KEYS_END;
	case KEY_PPAGE:		return KEYS_PAGE_UP;
	case KEY_NPAGE:		return KEYS_PAGE_DOWN;
	case KEY_IC:		return KEYS_INSERT;
	case KEY_DC:		return KEYS_DELETE;
	case KEY_BACKSPACE:	return KEYS_BACKSPACE;
	case KEY_BTAB:		return KEYS_BTAB;
	case KEY_ENTER:		return KEYS_KP_ENTER;
	case KEY_A1:		return KEYS_KP(7);
	case KEY_A3:		return KEYS_KP(9);
	case KEY_B2:		return KEYS_KP(5);
	case KEY_C1:		return KEYS_KP(1);
	case KEY_C3:		return KEYS_KP(3);
	default:
		break;
	}
	if (c >= TERM_KP_DIGIT(0) && c <= TERM_KP_DIGIT(9))
		return KEYS_KP((int)(c - TERM_KP_DIGIT(0)));
	switch (c) {
	case TERM_KP_PLUS:	return KEYS_KP_PLUS;
	case TERM_KP_MINUS:	return KEYS_KP_MINUS;
	case TERM_KP_MULTIPLY:	return KEYS_KP_MULTIPLY;
	case TERM_KP_DIVIDE:	return KEYS_KP_DIVIDE;
	case TERM_KP_DECIMAL:	return KEYS_KP_DECIMAL;
	default:
		break;
	}
	if (c >= (unsigned int)KEY_F(1) && c <= (unsigned int)KEY_F(12))
		return KEYS_F((int)(c - (unsigned int)KEY_F(0)));
	return KEYS_NONE;
}
