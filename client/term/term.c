/* term.c — the full-screen UI: reads keys, hands actions to the app, draws frames. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/client.h"
#include "client/i18n.h"
#include "client/keys/keys.h"
#include "client/term/layout.h"
#include "client/term/screen.h"
#include "client/term/term.h"
#include "client/ui/app.h"
#include "common/text.h"

/* Seconds before a kiosk reset that the warning comes (at least 20). */
#define TERM_IDLE_WARN	30

/* Set by SIGINT, SIGTERM and SIGHUP: leave the loop, restore the terminal
 * and wipe secrets instead of dying with the terminal in raw mode. */
static volatile sig_atomic_t term_stop;

static void
term_on_signal(int sig)
{
	(void)sig;
	term_stop = 1;
}

/* Without SA_RESTART, so a blocked key read returns at once. */
static void
term_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = term_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

struct term {
	const struct client_opts *opts;
	struct app		*app;
	struct keys_map		*keys;
	struct canvas		*canvas;
	struct layout		 layout;
	char			*note;		/* the renderer's own status text */
	char			 keybuf[64];	/* for term_keyname() */
	int			 digits;	/* number typed so far, or 0 */
	long			 last_key;	/* term_now_ms() of the last key */
	int			 warned;	/* the kiosk idle warning is showing */
};

static enum keys_context
term_context(const struct page *p)
{
	int ctx;

	ctx = keys_context_parse(p->context != NULL ? p->context : "list");
	return ctx < 0 ? KEYS_CTX_LIST : (enum keys_context)ctx;
}

/* Editing keys of a focused text field: sets *op, returns 1 when key is one. */
static int
term_edit_op(key_code key, enum app_edit *op)
{
	switch (key) {
	case KEYS_LEFT:		*op = APP_EDIT_LEFT; break;
	case KEYS_RIGHT:	*op = APP_EDIT_RIGHT; break;
	case KEYS_HOME:		*op = APP_EDIT_HOME; break;
	case KEYS_CTRL('a'):	*op = APP_EDIT_HOME; break;
	case KEYS_END:		*op = APP_EDIT_END; break;
	case KEYS_CTRL('e'):	*op = APP_EDIT_END; break;
	case KEYS_BACKSPACE:	*op = APP_EDIT_BACKSPACE; break;
	case KEYS_DELETE:	*op = APP_EDIT_DELETE; break;
	case KEYS_CTRL('d'):	*op = APP_EDIT_DELETE; break;
	case KEYS_ENTER:	*op = APP_EDIT_NEWLINE; break;
	case KEYS_KP_ENTER:	*op = APP_EDIT_NEWLINE; break;
	case KEYS_UP:		*op = APP_EDIT_UP; break;
	case KEYS_DOWN:		*op = APP_EDIT_DOWN; break;
	default:
		return 0;
	}
	return 1;
}

static int
term_is_edit_key(key_code key)
{
	enum app_edit op;

	return term_edit_op(key, &op);
}

static int term_is_field(const struct page_item *it);
static int term_field_types(const struct page_item *it, key_code key, enum action a);

/* The shortest key bound to action ("Esc" rather than "Backspace"), for
 * the key-hint line, in the words of the person's language ("Pfeil
 * links", "Ziffernblock 6"); the help page lists them all. */
static const char *
term_keyname(const char *context, enum action action, void *ud)
{
	struct term *t;
	const struct page_item *it;
	struct keys_binding b[128];
	char name[KEYS_NAME_MAX * 4], best[KEYS_NAME_MAX * 4];
	size_t i, n;
	int ctx;

	t = ud;
	it = page_focused(app_page(t->app));
	ctx = keys_context_parse(context);
	if (ctx < 0)
		ctx = KEYS_CTX_LIST;
	/* Work on key codes: the display names are translated ("Rücktaste")
	 * and could not be parsed back. */
	n = keys_map_list(t->keys, (enum keys_context)ctx, b, sizeof(b) / sizeof(b[0]));
	if (n > sizeof(b) / sizeof(b[0]))
		n = sizeof(b) / sizeof(b[0]);
	best[0] = '\0';
	for (i = 0; i < n; i++) {
		/* Cancel leaves a form as back does: its key (Esc) counts,
		 * so a narrow footer still has room for the way back. */
		if (b[i].action != action &&
		    !(action == ACTION_BACK && b[i].action == ACTION_CANCEL))
			continue;
		/* In a text field the editing keys edit; never offer them. */
		if (ctx == KEYS_CTX_EDITOR && term_is_edit_key(b[i].key))
			continue;
		/* Nor a key the focused field takes as text ('/' in a
		 * filled one-line field of numpad.keys). */
		if (ctx == KEYS_CTX_EDITOR && term_is_field(it) &&
		    term_field_types(it, b[i].key, b[i].action))
			continue;
		if (keys_name_local(b[i].key, name, sizeof(name)) != 0)
			continue;
		if (best[0] == '\0' || text_width(name) < text_width(best))
			memcpy(best, name, sizeof(best));
	}
	/* In a field, Esc cancels: that is the way back from there. */
	if (best[0] == '\0' && action == ACTION_BACK && ctx == KEYS_CTX_EDITOR)
		return term_keyname(context, ACTION_CANCEL, ud);
	if (best[0] == '\0')
		return NULL;
	snprintf(t->keybuf, sizeof(t->keybuf), "%s", best);
	return t->keybuf;
}

static void
term_note(struct term *t, const char *text)
{
	free(t->note);
	t->note = text != NULL ? strdup(text) : NULL;
}

static void
term_frame(struct term *t)
{
	const struct page *p;
	const char *status;

	p = app_page(t->app);
	status = t->note != NULL ? t->note : app_status(t->app);
	if (layout_page(&t->layout, p, status, term_keyname, t, t->canvas) != 0)
		return;
	app_set_viewport(t->app, t->layout.body_rows,
	    t->layout.field_cols > 0 ? t->layout.field_cols : t->canvas->cols);
	screen_draw(t->canvas);
}

/* Milliseconds a request may take before "Loading…" is said. */
#define TERM_SLOW_MS	500

/* The app is about to wait for the network: if the answer is slow, the
 * status line says so once; nothing else is written until the result. */
static void
term_loading(void *ud, const char *what)
{
	(void)ud;
	screen_loading(what, TERM_SLOW_MS);
}

static void
term_reset(void *ud)
{
	struct term *t;

	t = ud;
	term_note(t, NULL);
	t->digits = 0;
	layout_free(&t->layout);
	layout_init(&t->layout);
	screen_wipe();
}

static void
term_resize(struct term *t)
{
	int rows, cols;

	screen_size(&rows, &cols);
	canvas_resize(t->canvas, rows, cols);
	screen_resized();
}

static int
term_utf8(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = '\0';
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		out[2] = '\0';
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		out[3] = '\0';
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	out[4] = '\0';
	return 4;
}

static int
term_is_field(const struct page_item *it)
{
	return it != NULL && it->field != NULL &&
	    (it->kind == PAGE_ITEM_FIELD || it->kind == PAGE_ITEM_MULTILINE ||
	    it->kind == PAGE_ITEM_PASSWORD);
}

/*
 * In a text field every printable key is text, unless a keymap binds it
 * in "editor" (numpad.keys: '/' back, '*' help, as a keypad on the Linux
 * console sends them). Such a key acts where a keypad has no other way
 * out: in an empty field, and in a multi-line one, which takes Enter as
 * a line break (leaving typed text asks first). In a filled one-line
 * field it is text (a password may hold '/'); Enter leads on from there.
 */
static int
term_field_types(const struct page_item *it, key_code key, enum action a)
{
	return keys_is_text(key) && (a == ACTION_NONE ||
	    (it->field->len > 0 && !it->field->multiline));
}

/* Digits choose an item by number; a second digit extends the number
 * when such an item exists ("1" then "2" is item 12), else starts anew. */
static int
term_jump(struct term *t, const struct page *p, int d)
{
	int n;

	n = t->digits * 10 + d;
	if (t->digits == 0 || page_find_number(p, n) < 0)
		n = d;
	t->digits = n;
	/* No such item: the app says so on the status line. */
	if (page_find_number(p, n) < 0)
		t->digits = 0;
	return app_action(t->app, ACTION_JUMP, n);
}

/*
 * Text taller than the body is read by scrolling: Up at the first item
 * (or on a page without items) scrolls back through the text above it,
 * Down scrolls on until the focused item shows again. Returns 1 when the
 * action was used for that.
 */
static int
term_scroll(struct term *t, const struct page *p, enum action a)
{
	int step, has_focus;

	step = t->layout.body_rows > 2 ? t->layout.body_rows - 1 : 1;
	has_focus = p->focus >= 0;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_UP:
	case ACTION_PAGE_UP:
		if (!t->layout.reading && p->focus > 0)
			return 0;
		return layout_read(&t->layout, has_focus, -step);
	case ACTION_DOWN:
	case ACTION_PAGE_DOWN:
	case ACTION_OPEN:
		/* While reading, Enter reads on instead of opening an item
		 * the person cannot see. */
		if (!t->layout.reading && (has_focus || a == ACTION_OPEN))
			return 0;
		return layout_read(&t->layout, has_focus, step);
	default:
		t->layout.reading = 0;
		return 0;
	}
}

/* Handles one key; returns APP_OK or APP_QUIT. */
static int
term_key(struct term *t, key_code key)
{
	const struct page *p;
	const struct page_item *it;
	enum keys_context ctx;
	enum app_edit op;
	enum action a;
	char buf[8];
	int r, digits;

	/* A message stays until the next key. */
	term_note(t, NULL);
	app_status_clear(t->app);
	digits = t->digits;
	t->digits = 0;
	p = app_page(t->app);
	it = page_focused(p);
	ctx = term_context(p);

	if (term_is_field(it)) {
		a = keys_map_lookup(t->keys, KEYS_CTX_EDITOR, key);
		if (term_field_types(it, key, a)) {
			term_utf8((unsigned int)key, buf);
			app_input_text(t->app, buf);
			return APP_OK;
		}
		if (term_edit_op(key, &op)) {
			app_edit(t->app, op);
			return APP_OK;
		}
		if (a == ACTION_NONE)
			a = keys_map_lookup(t->keys, ctx, key);
	} else {
		a = keys_map_lookup(t->keys, ctx, key);
		if (key >= '0' && key <= '9' &&
		    (a == ACTION_NONE || a == ACTION_JUMP)) {
			t->digits = digits;
			return term_jump(t, p, key - '0');
		}
	}
	if (a != ACTION_NONE && !term_is_field(it) && term_scroll(t, p, a))
		return APP_OK;
	switch ((int)a) {	/* open set: the rest goes to default */
	case ACTION_NONE:
		return APP_OK;
	case ACTION_COLOR:
		/* Colour is the renderer's business; the text says it all. */
		if (screen_set_color(!screen_color()))
			term_note(t, _("Colours on."));
		else
			term_note(t, _("Colours off."));
		return APP_OK;
	default:
		break;
	}
	r = app_action(t->app, a, 0);
	if (r == APP_ERR)
		return APP_OK;
	return r;
}

static void
term_show_keymap_errors(struct term *t)
{
	const char *e;
	size_t i, n, len, used;
	char *s;

	n = keys_map_nerrors(t->keys);
	if (n == 0)
		return;
	len = 1;
	for (i = 0; i < n; i++)
		len += strlen(keys_map_error(t->keys, i)) + 2;
	s = malloc(len);
	if (s == NULL)
		return;
	used = 0;
	for (i = 0; i < n; i++) {
		if (i > 0) {
			memcpy(s + used, "; ", 2);
			used += 2;
		}
		e = keys_map_error(t->keys, i);
		memcpy(s + used, e, strlen(e));
		used += strlen(e);
	}
	s[used] = '\0';
	free(t->note);
	t->note = s;
}

/* Monotonic milliseconds: the idle time does not jump with the clock. */
static long
term_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Milliseconds to wait for a key: for ever, except for a kiosk waiting
 * to warn or to reset (--test-time-scale divides both times). Nothing is
 * drawn while waiting. */
static int
term_wait_ms(const struct term *t)
{
	long now, due, scale;

	if (!t->opts->kiosk)
		return -1;
	scale = t->opts->time_scale > 0 ? t->opts->time_scale : 1;
	now = term_now_ms();
	due = t->last_key + t->opts->idle_reset * 1000L / scale;
	if (!t->warned)
		due -= TERM_IDLE_WARN * 1000L / scale;
	if (due <= now)
		return 0;
	return (int)(due - now);
}

static void
term_idle(struct term *t)
{
	char msg[256];

	if (!t->warned) {
		t->warned = 1;
		snprintf(msg, sizeof(msg),
		    _("Are you still there? This session ends in %d seconds. "
		    "Press any key to continue."), TERM_IDLE_WARN);
		term_note(t, msg);
		return;
	}
	t->warned = 0;
	t->last_key = term_now_ms();
	app_reset(t->app);
}

int
term_main(const struct client_opts *opts)
{
	struct app_hooks hooks;
	struct term t;
	unsigned int ch;
	key_code key;
	int rows, cols, kind, alt, r, ret;

	memset(&t, 0, sizeof(t));
	t.opts = opts;
	layout_init(&t.layout);
	ret = 1;
	t.keys = keys_map_setup(opts->keymap);
	if (t.keys == NULL) {
		fputs(_("mitwirkung: out of memory\n"), stderr);
		goto out;
	}
	term_signals();
	if (screen_start(opts->no_color, opts->kiosk) != 0) {
		fputs(_("mitwirkung: this terminal cannot be used full screen; "
		    "try --ui line\n"), stderr);
		goto out;
	}
	screen_size(&rows, &cols);
	t.canvas = canvas_new(rows, cols);
	hooks.loading = term_loading;
	hooks.reset = term_reset;
	t.app = t.canvas != NULL ? app_new(opts, &hooks, &t) : NULL;
	if (t.app == NULL) {
		screen_stop();
		fputs(_("mitwirkung: out of memory\n"), stderr);
		goto out;
	}
	/* Help lists the keys this renderer really uses. */
	app_set_keymap(t.app, t.keys);
	/* A field is checked as it is left, not only by the final action. */
	app_set_leave_check(t.app, 1);
	/* The viewport is known before the first page is fetched. */
	app_set_viewport(t.app, rows > 6 ? rows - 5 : 1, cols);
	term_show_keymap_errors(&t);
	t.last_key = term_now_ms();
	ret = CLIENT_EXIT_OK;
	for (;;) {
		term_frame(&t);
		kind = screen_read_key(term_wait_ms(&t), &ch, &alt);
		if (kind == SCREEN_KEY_EOF || term_stop)
			break;
		if (kind == SCREEN_KEY_NONE) {
			if (opts->kiosk && term_wait_ms(&t) == 0)
				term_idle(&t);
			continue;
		}
		if (kind == SCREEN_KEY_RESIZE) {
			term_resize(&t);
			continue;
		}
		if (kind == SCREEN_KEY_UNKNOWN) {
			/* Read whole and ignored: its bytes must not run as
			 * keys (an unknown Home ending in "1~" jumped to 1). */
			t.last_key = term_now_ms();
			term_note(&t, _("Key not known."));
			continue;
		}
		t.last_key = term_now_ms();
		if (t.warned) {
			/* The key that answers the warning does nothing else. */
			t.warned = 0;
			term_note(&t, NULL);
			continue;
		}
		key = term_key_from_curses(kind == SCREEN_KEY_CODE, ch);
		/* Alt+key reaches the app as Esc then the key, as it was typed. */
		if (alt) {
			r = term_key(&t, KEYS_ESC);
			if (r == APP_QUIT)
				break;
		}
		if (key == KEYS_NONE) {
			if (kind == SCREEN_KEY_CODE)
				term_note(&t, _("Key not known."));
			continue;
		}
		r = term_key(&t, key);
		if (r == APP_QUIT)
			break;
	}
	screen_stop();
out:
	app_free(t.app);
	canvas_free(t.canvas);
	layout_free(&t.layout);
	keys_map_free(t.keys);
	free(t.note);
	return ret;
}
