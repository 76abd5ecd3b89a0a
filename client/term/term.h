/* term.h — helpers of the full-screen UI that tests reach without a terminal. */
#ifndef MW_CLIENT_TERM_TERM_H
#define MW_CLIENT_TERM_TERM_H

#include "client/keys/keys.h"

/* Maps what ncursesw get_wch() returned to a key of keys.h: is_code is 1
 * for KEY_CODE_YES (c is a KEY_* code), 0 for a character. Returns
 * KEYS_NONE for what is not a key for bindings (KEY_RESIZE, C1). */
key_code	term_key_from_curses(int is_code, unsigned int c);

#endif
