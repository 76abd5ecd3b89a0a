/* keys.h — key codes and names, action names, keymap files and lookup. */
#ifndef MW_CLIENT_KEYS_H
#define MW_CLIENT_KEYS_H

#include <stddef.h>

#include "client/keys/actions.h"

/*
 * A key is an int of our own, independent of curses:
 *
 *   0x20 .. 0x10FFFF   the printable character with that code point
 *                      (' ' is Space, 'q', '?', '7', 'ä', ...).
 *   KEYS_BASE + n      a named key below (never a code point).
 *
 * Mapping for the full renderer (client/term, ncursesw get_wch()):
 *   OK with a wchar_t c:  9 -> KEYS_TAB, 10 and 13 -> KEYS_ENTER,
 *     27 -> KEYS_ESC, 8 and 127 -> KEYS_BACKSPACE, other 1..26 ->
 *     KEYS_CTRL('a' + c - 1), c >= 0x20 -> c itself.
 *   KEY_CODE_YES:  KEY_UP/DOWN/LEFT/RIGHT -> KEYS_UP/DOWN/LEFT/RIGHT,
 *     KEY_HOME -> KEYS_HOME, KEY_END -> KEYS_END, KEY_PPAGE ->
 *     KEYS_PAGE_UP, KEY_NPAGE -> KEYS_PAGE_DOWN, KEY_IC -> KEYS_INSERT,
 *     KEY_DC -> KEYS_DELETE, KEY_BACKSPACE -> KEYS_BACKSPACE, KEY_BTAB ->
 *     KEYS_BTAB, KEY_F(n) -> KEYS_F(n) for 1..12, KEY_ENTER (the keypad's
 *     "kent") -> KEYS_KP_ENTER, KEY_A1 -> KEYS_KP(7), KEY_A3 -> KEYS_KP(9),
 *     KEY_B2 -> KEYS_KP(5), KEY_C1 -> KEYS_KP(1), KEY_C3 -> KEYS_KP(3).
 *   Application keypad mode (keypad(win, TRUE) sends smkx): terminals send
 *     ESC O p..y for keypad 0..9, ESC O M Enter, ESC O k +, ESC O m -,
 *     ESC O j *, ESC O o /, ESC O n . ; register them with define_key()
 *     if wanted and map them to KEYS_KP(n), KEYS_KP_ENTER, KEYS_KP_PLUS,
 *     KEYS_KP_MINUS, KEYS_KP_MULTIPLY, KEYS_KP_DIVIDE, KEYS_KP_DECIMAL.
 *     With Num Lock on, most terminals send plain digits and + - * / . and
 *     the shipped keymaps bind those too.
 *   KEY_RESIZE and anything else -> KEYS_NONE (not a key for bindings).
 */
typedef int key_code;

#define KEYS_NONE		0
#define KEYS_BASE		0x1000000
#define KEYS_UP			(KEYS_BASE + 1)
#define KEYS_DOWN		(KEYS_BASE + 2)
#define KEYS_LEFT		(KEYS_BASE + 3)
#define KEYS_RIGHT		(KEYS_BASE + 4)
#define KEYS_ENTER		(KEYS_BASE + 5)
#define KEYS_ESC		(KEYS_BASE + 6)
#define KEYS_BACKSPACE		(KEYS_BASE + 7)
#define KEYS_TAB		(KEYS_BASE + 8)
#define KEYS_BTAB		(KEYS_BASE + 9)	/* Shift-Tab */
#define KEYS_HOME		(KEYS_BASE + 10)
#define KEYS_END		(KEYS_BASE + 11)
#define KEYS_PAGE_UP		(KEYS_BASE + 12)
#define KEYS_PAGE_DOWN		(KEYS_BASE + 13)
#define KEYS_INSERT		(KEYS_BASE + 14)
#define KEYS_DELETE		(KEYS_BASE + 15)
#define KEYS_KP_ENTER		(KEYS_BASE + 16)
#define KEYS_KP_PLUS		(KEYS_BASE + 17)
#define KEYS_KP_MINUS		(KEYS_BASE + 18)
#define KEYS_KP_MULTIPLY	(KEYS_BASE + 19)
#define KEYS_KP_DIVIDE		(KEYS_BASE + 20)
#define KEYS_KP_DECIMAL		(KEYS_BASE + 21)
#define KEYS_F(n)		(KEYS_BASE + 0x100 + (n))	/* n = 1..12 */
#define KEYS_CTRL(c)		(KEYS_BASE + 0x200 + ((c) - 'a'))	/* 'a'..'z' */
#define KEYS_KP(n)		(KEYS_BASE + 0x300 + (n))	/* keypad 0..9 */

/* Longest key name keys_name() writes, NUL included. */
#define KEYS_NAME_MAX		16

/*
 * Parses a key name as written in a keymap file: a name from the one
 * key-name table ("Up", "Enter"/"Return", "PgDn", "F1", "C-x", "KP7",
 * "KPEnter", ...; case does not matter for these) or one printable
 * character, UTF-8 allowed ("q", "?", "ä"). Returns KEYS_NONE if unknown.
 */
key_code	 keys_parse(const char *name);

/* Writes the canonical display name of key into buf ("Up", "C-x", "q",
 * "Space"). Returns 0, or -1 (buf gets "?") for an unknown key. */
int		 keys_name(key_code key, char *buf, size_t bufsz);

/* Writes the name shown to people in the current language into buf:
 * keys_name() in English, the keyboard's labels in German ("Bild ab" for
 * PageDown, "Strg-r" for C-r). Keymap files use keys_name(). Returns 0, or
 * -1 for an unknown key. */
int		 keys_name_local(key_code key, char *buf, size_t bufsz);

/* Returns 1 when key is a printable character (text in an editor). */
int		 keys_is_text(key_code key);

/* Action names ("up", "new-idea") and one-line help texts; the help text
 * is marked with N_() and untranslated: the caller passes it to _(). */
enum action	 keys_action_parse(const char *name);	/* ACTION_NONE if unknown */
const char	*keys_action_name(enum action a);	/* borrowed; NULL if invalid */
const char	*keys_action_help(enum action a);	/* borrowed; NULL if invalid */

/*
 * Contexts a binding belongs to. A lookup tries the screen's context
 * first, then "common".
 *   common   every screen (arrows, Enter, Esc, help, quit, digits ...)
 *   list     lists of projects, ideas, comments, the moderation queue
 *   form     a form whose focus is not in a text field (buttons, choices)
 *   editor   typing in a text field or the multi-line editor
 *   poll     choosing options of a single or multiple choice poll, surveys
 *   ranking  ordering the choices of a ranking poll
 *   results  poll results
 *   help     the help screen
 * In "form" and "editor", a printable key is text: it only has an action
 * when bound in that context itself, never through "common".
 */
enum keys_context {
	KEYS_CTX_COMMON = 0,
	KEYS_CTX_LIST,
	KEYS_CTX_FORM,
	KEYS_CTX_EDITOR,
	KEYS_CTX_POLL,
	KEYS_CTX_RANKING,
	KEYS_CTX_RESULTS,
	KEYS_CTX_HELP,
	KEYS_CTX__COUNT
};

/* Returns the context for a name ("list"), or -1 when unknown. */
int		 keys_context_parse(const char *name);
const char	*keys_context_name(enum keys_context ctx);	/* borrowed */

/* A keymap: bindings per context plus the errors found while loading. */
struct keys_map;

struct keys_map	*keys_map_new(void);
void		 keys_map_free(struct keys_map *m);

/*
 * Reads keymap text in the user's syntax, one command a line:
 *   bind CONTEXT KEY ACTION     (ACTION "none" hides a "common" binding)
 *   unbind CONTEXT KEY
 *   # comment (also after a command)
 * A later line overrides an earlier one. Each bad line adds an error
 * "name:line: message" and is skipped; loading never stops early.
 * Returns the number of errors this text added.
 */
int		 keys_map_load_string(struct keys_map *m, const char *name,
		    const char *text);

/* Like keys_map_load_string() for a file. Returns the number of errors
 * added, or -1 (with an error "path: reason" collected) when the file
 * cannot be read. */
int		 keys_map_load_file(struct keys_map *m, const char *path);

/* Loads the built-in copy of keymaps/default.keys. Returns its errors
 * (0; a unit test keeps the copy in sync with the file). */
int		 keys_map_load_defaults(struct keys_map *m);

/*
 * Builds the keymap a client starts with: the keymap NAME or PATH given
 * by --keymap (NULL for "default"; searched as a path when it contains a
 * '/', else as NAME.keys in the source tree's keymaps/ next to the build
 * folder, then in MW_PREFIX/share/mitwirkung/keymaps; the built-in
 * default when none is found or for "default" not found), then the user
 * file $XDG_CONFIG_HOME/mitwirkung/keys (else ~/.config/mitwirkung/keys)
 * when it exists. Never fails for bad files: read the errors after
 * start-up. Returns NULL only when out of memory.
 */
struct keys_map	*keys_map_setup(const char *keymap);

/* Resolves --keymap NAME|PATH to a readable file; the caller frees the
 * result. Returns NULL when nothing readable is found. */
char		*keys_map_find(const char *keymap);

/* Path of the user's key file (it may not exist); the caller frees it.
 * Returns NULL when neither XDG_CONFIG_HOME nor HOME is set. */
char		*keys_map_user_path(void);

/* The action bound to key in ctx (then "common"), or ACTION_NONE. */
enum action	 keys_map_lookup(const struct keys_map *m, enum keys_context ctx,
		    key_code key);

/* Errors collected so far, in order ("file:line: message"); borrowed. */
size_t		 keys_map_nerrors(const struct keys_map *m);
const char	*keys_map_error(const struct keys_map *m, size_t i);

/* One active binding, for the help screen. */
struct keys_binding {
	key_code		key;
	enum action		action;
	enum keys_context	from;	/* ctx itself or KEYS_CTX_COMMON */
};

/*
 * Fills out[0..max) with the bindings active in ctx (its own, then the
 * common ones it does not override or hide), ordered by action, the
 * context's own first, then in keymap file order (so the first key of an
 * action is the one a file lists first). Returns how many there are in
 * total (may exceed max).
 */
size_t		 keys_map_list(const struct keys_map *m, enum keys_context ctx,
		    struct keys_binding *out, size_t max);

/*
 * Writes the names of the keys that reach action in ctx into buf, as
 * keys_name_local() shows them, separated by ", " ("Enter, Right"), at most max_keys of them (0 for all;
 * 1 gives the key for a hint line).
 * Returns the number of keys found; buf is "" when there is none.
 */
size_t		 keys_map_keys_for(const struct keys_map *m, enum keys_context ctx,
		    enum action action, char *buf, size_t bufsz, size_t max_keys);

#endif
