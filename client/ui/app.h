/* app.h — the client's core: app state, screen stack, actions, text input. No curses. */
#ifndef MW_CLIENT_UI_APP_H
#define MW_CLIENT_UI_APP_H

#include <stddef.h>

#include "client/client.h"
#include "client/keys/actions.h"
#include "client/ui/page.h"

struct app;

/* What app_action() and friends return. */
#define APP_OK		0	/* handled (or ignored); draw app_page() again */
#define APP_QUIT	1	/* the person asked to leave the program */
#define APP_ERR		-1	/* out of memory; the status line says so when it can */

/*
 * Hooks a renderer gives the app. Every hook may be NULL.
 * - loading(ud, what): called once before a network request that may take
 *   noticeable time, with a translated text ("Loading…"). The full
 *   renderer writes it once to the status line and refreshes; line mode
 *   prints it once. Nothing else is written until the result.
 * - reset(ud): called by app_reset() after all state is wiped (kiosk), so
 *   the renderer clears screen and scrollback.
 */
struct app_hooks {
	void	(*loading)(void *ud, const char *what);
	void	(*reset)(void *ud);
};

/*
 * Creates the app: sets up the API client from opts->api_url and the
 * language, loads the saved session token unless opts->kiosk, and opens
 * the first screen (the project list; no request is made before the first
 * app_page()). opts is copied (its strings must outlive the app). hooks is
 * copied; may be NULL. Returns NULL when out of memory.
 */
struct app	*app_new(const struct client_opts *opts, const struct app_hooks *hooks, void *ud);
/* Frees the app, every screen and draft; wipes secrets first. NULL-safe. */
void		 app_free(struct app *app);

/* The current page, built (and its data fetched) when needed. Borrowed;
 * valid until the next app_*() call other than the const getters. Never
 * NULL for a non-NULL app. */
const struct page *app_page(struct app *app);

/* Handles one action on the current screen (arg: the number for
 * ACTION_JUMP, else 0). Actions a screen does not take fall back to the
 * app: back, home, help, quit, language, login, logout, account,
 * messages, moderation. Returns APP_OK, APP_QUIT or APP_ERR. In kiosk
 * mode quit asks "End your session?" instead of returning APP_QUIT. */
int		 app_action(struct app *app, enum action action, int arg);

/* 1 when action a works on every page, also where the page does not
 * offer it (the app takes it when the screen does not): back, home,
 * help, quit, language, login, register, logout, account, messages,
 * moderation, refresh. One table for every renderer. */
int		 app_action_global(enum action a);

/* Inserts UTF-8 text (sanitized here: control characters dropped, \n kept
 * only in multi-line fields, longer than the field allows is refused with
 * a message) at the caret of the focused field. Returns APP_OK; when no
 * field has focus the text is ignored. */
int		 app_input_text(struct app *app, const char *utf8);

/* Replaces the whole text of the focused field (line mode reads a whole
 * answer at once; a multi-line answer carries \n). Returns APP_OK. */
int		 app_field_set(struct app *app, const char *utf8);

/* Checks the focused field as the person leaves it (a user name with
 * characters not allowed, a text too short): returns 0, or -1 when it
 * is refused; the field's error then says why and what is allowed (also
 * as the status). An empty field is checked only when sending. */
int		 app_field_check(struct app *app);

/* on 1: moving the focus off a field (Tab, arrows, Enter, a number)
 * checks it as app_field_check() does, without keeping the person there:
 * a refused field keeps its text and its error, and the status says it.
 * An empty field, and one that still shows an error, is not checked
 * again. The full screen turns this on; line mode asks a field again
 * itself and leaves it off. */
void		 app_set_leave_check(struct app *app, int on);

/* Editing keys for the focused field; renderers map their keys to these
 * when the page context is "editor". UP/DOWN move between visual lines of
 * a multi-line field at the width from app_set_viewport(), and move the
 * focus to the previous / next item at the first / last line. */
enum app_edit {
	APP_EDIT_LEFT,
	APP_EDIT_RIGHT,
	APP_EDIT_HOME,		/* start of the (visual) line */
	APP_EDIT_END,		/* end of the (visual) line */
	APP_EDIT_BACKSPACE,
	APP_EDIT_DELETE,
	APP_EDIT_NEWLINE,	/* multi-line: line break; one-line: next field */
	APP_EDIT_UP,
	APP_EDIT_DOWN
};
int		 app_edit(struct app *app, enum app_edit op);

/* Tells the app the rows and columns the renderer has for the item list
 * (page-up/down move by rows; editor up/down wrap at cols). Line mode
 * passes its page length and 0 for cols (no wrapping). */
void		 app_set_viewport(struct app *app, int rows, int cols);

/* The status line text, or NULL (borrowed). It stays until
 * app_status_clear(), which renderers call on the next key. */
const char	*app_status(const struct app *app);
void		 app_status_clear(struct app *app);
/* The history of status messages, oldest first (i < app_message_count). */
size_t		 app_message_count(const struct app *app);
const char	*app_message(const struct app *app, size_t i);

/* Switches the language (a code of common/lang.c: "de", "tr", "ls"),
 * rebuilds the page and refetches the content in it. Returns 0 or -1 for
 * an unknown language or NULL. */
int		 app_set_lang(struct app *app, const char *lang);

/* Kiosk reset: logout (the token is dropped on the server too when it can
 * be reached), every screen, draft, message and history wiped, the
 * default language back, the welcome page (project list) opened; then
 * hooks->reset. Also used when the person ends the session in kiosk mode. */
void		 app_reset(struct app *app);

/* 1 when a kiosk reset would wipe something: a login, a page opened
 * beyond the welcome page, a draft, a message, another language. A
 * renderer starts its kiosk idle timer only then, so an unused kiosk is
 * not reset again and again. */
int		 app_has_session(const struct app *app);

/* Gives the app the keymap the renderer uses (borrowed; must outlive the
 * app or be replaced), so the help page lists the keys that really work.
 * Without it the help page loads the keymap named in opts itself. */
struct keys_map;
void		 app_set_keymap(struct app *app, const struct keys_map *keys);

/* 1 when a session token is held. */
int		 app_logged_in(const struct app *app);
/* The logged-in person's display name, or NULL (borrowed). */
const char	*app_user_name(const struct app *app);
/* 1 in kiosk mode. */
int		 app_kiosk(const struct app *app);

#endif
